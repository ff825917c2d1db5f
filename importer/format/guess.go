package format

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// PlainID is the Format.ID of a spreadsheet read by Guess.
const PlainID = "plain"

// PlainFormat is the format of a spreadsheet whose columns Guess mapped from their
// names: ID "plain", no external-id system.
func PlainFormat(kind Kind) Format {
	return Format{ID: PlainID, Name: "plain spreadsheet", Kind: kind}
}

// synonyms are the column names people give each field in a spreadsheet of their
// own, preferred first, compared by looseKey ("E-mail Address" is "emailaddress").
var synonyms = map[Kind]map[Field][]string{
	KindVolunteers: {
		FirstName: {"first name", "firstname", "first", "given name", "given", "forename", "fname", "preferred name"},
		LastName:  {"last name", "lastname", "last", "surname", "family name", "lname"},
		FullName:  {"name", "full name", "your name", "contact name", "volunteer name", "volunteer", "person"},
		Email: {"email", "e-mail", "email address", "e-mail address", "your email", "your email address",
			"email 1", "primary email", "personal email", "work email", "email 2", "mail"},
		// A phone's kind comes before or after it, or in brackets ("Phone (cell)"):
		// looseKey drops the brackets. Bare "Home" and "Work" are not here: a sheet
		// names its addresses so too, and a street is no phone number.
		Phone: {"phone", "phone number", "phone #", "telephone", "tel", "home phone", "primary phone",
			"best phone", "landline", "work phone", "phone 1", "phone 2", "phone (home)", "home number", "home #",
			"home phone number", "phone (work)", "work number", "work #", "work phone number", "office phone",
			"phone (landline)"},
		Mobile: {"cell", "cell phone", "cellphone", "cell number", "cell phone number", "mobile", "mobile phone",
			"mobile number", "mobile phone number", "text", "sms", "cell #", "mobile #", "phone (cell)",
			"phone (mobile)", "cell phone #", "mobile phone #"},
		Address1: {"address", "street", "street address", "address 1", "address line 1", "address1",
			"home address", "mailing address", "street 1"},
		Address2:       {"address 2", "address line 2", "address2", "apt", "apartment", "unit", "suite", "apt/unit", "street 2"},
		City:           {"city", "town", "city/town", "town/city", "municipality", "your town", "city or town"},
		State:          {"state", "st", "province", "state/province", "state abbreviation"},
		Zip:            {"zip", "zip code", "zipcode", "postal code", "postcode", "zip/postal code", "postal", "zip5"},
		Country:        {"country", "country code", "country/region"},
		SenateDistrict: {"senate district", "state senate district", "state senate", "senate", "senate dist"},
		HouseDistrict: {"house district", "state house district", "state house", "house", "house dist",
			"state rep district", "representative district", "assembly district"},
		Tags:         {"tags", "tag", "labels", "groups", "interests"},
		Languages:    {"language", "languages", "preferred language", "languages spoken", "language spoken"},
		Notes:        {"notes", "note", "comments", "comment"},
		JoinedOn:     {"joined", "joined on", "date joined", "join date", "signup date", "sign up date", "signed up", "date added", "created", "created at"},
		DoNotCall:    {"do not call", "dnc", "don't call"},
		DoNotEmail:   {"do not email", "don't email"},
		DoNotContact: {"do not contact", "don't contact", "no contact"},
		DoNotText:    {"do not text", "don't text", "do not sms"},
		// ok_email, ok_text and ok_call are ChapterDesk's own export's columns.
		EmailOptIn:    {"email opt in", "email opt-in", "subscribed", "ok email", "ok to email", "may email"},
		TextOptIn:     {"text opt in", "sms opt in", "text opt-in", "sms opt-in", "ok text", "ok to text", "may text"},
		OKCall:        {"ok call", "ok to call", "may call"},
		Status:        {"status", "volunteer status"},
		Recruiter:     {"recruiter", "recruited by", "recruiter name"},
		Skills:        {"skills"},
		UUID:          {"uuid"},
		RecruiterUUID: {"recruiter uuid"},
	},
	KindLegislators: {
		Name:            {"name", "full name", "legislator", "legislator name", "member", "member name"},
		GivenName:       {"first name", "given name", "first"},
		FamilyName:      {"last name", "family name", "surname", "last"},
		Party:           {"party", "current party"},
		Chamber:         {"chamber", "current chamber", "body", "house/senate", "senate/house", "office"},
		District:        {"district", "current district", "district name", "seat"},
		LegislatorEmail: {"email", "e-mail", "email address"},
		CapitolPhone:    {"phone", "capitol phone", "state house phone", "office phone", "telephone"},
		CapitolAddress:  {"address", "capitol address", "office address", "state house address", "room"},
		DistrictPhone:   {"district phone", "district office phone"},
		DistrictAddress: {"district address", "district office", "district office address"},
		URL:             {"url", "website", "web site", "link", "links", "homepage"},
	},
}

// looseKey is how Guess compares column names: key, then only letters and digits,
// so "E-mail Address", "email_address" and "Email address:" are one name.
func looseKey(name string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, key(name))
}

// synonymsFor are the names of Guess for a kind; a call report form's are the call
// form export's own (see specs), which already takes forms worded many ways.
func synonymsFor(kind Kind) map[Field][]string {
	if kind == KindCalls {
		return specByID("callform").aliases
	}
	return synonyms[kind]
}

// Guess reads a spreadsheet of the lead's own ("First Name, E-mail Address, Cell
// Phone, Zip Code") by its column names: each column whose name, without case,
// spaces and punctuation, is a usual name for a field fills it (several candidates
// of one field are read as Mapping.Alts, the first filled). When a field the rows
// need has no such column, the error wraps ErrUnrecognised and names it, with the
// file's columns and how to map them with --map.
func Guess(kind Kind, header []string) (Format, Mapping, error) {
	syn := synonymsFor(kind)
	if syn == nil {
		return Format{}, Mapping{}, fmt.Errorf("unknown kind of rows %q", kind)
	}
	at := map[string]int{}
	for i, n := range header {
		if k := looseKey(n); k != "" {
			if _, dup := at[k]; !dup {
				at[k] = i
			}
		}
	}
	m := Mapping{Columns: map[Field]int{}}
	taken := map[int]bool{}
	for _, f := range kindFields[kind] { // a stable order: a column goes to the first field naming it
		var cols []int
		for _, name := range syn[f] {
			if i, ok := at[looseKey(name)]; ok && !taken[i] && !slices.Contains(cols, i) {
				cols = append(cols, i)
			}
		}
		if len(cols) == 0 {
			continue
		}
		for _, i := range cols {
			taken[i] = true
		}
		m.Columns[f] = cols[0]
		if len(cols) > 1 {
			if m.Alts == nil {
				m.Alts = map[Field][]int{}
			}
			m.Alts[f] = cols
		}
	}
	ownExportOnly(m, at)
	if f := PlainFormat(kind); len(m.Columns) > 0 {
		if missing := missingFor(kind, m); len(missing) > 0 {
			return f, m, notGuessed(kind, header, missing)
		}
		return f, m, nil
	}
	return Format{}, Mapping{}, notGuessed(kind, header, missingFor(kind, m))
}

// notGuessed is Guess's error for a spreadsheet lacking a column a kind needs.
// ownExportFields are read from a column of their name only in ChapterDesk's own
// volunteer export (which has an "ok_call" column beside them): a lead's sheet has a
// "Status" of its own ("Confirmed", "RSVP'd", "Lead"), which is not a volunteer's
// status, and would refuse every row. A sheet's "Skills" column is read as skills:
// the name means nothing else, and skills are only ever added to a volunteer's.
var ownExportFields = []Field{Status, Recruiter, UUID, RecruiterUUID}

// ownExportOnly unmaps ownExportFields from m unless the header (at: the columns by
// looseKey) is ChapterDesk's own export's.
func ownExportOnly(m Mapping, at map[string]int) {
	if _, own := at[looseKey("ok_call")]; own {
		return
	}
	for _, f := range ownExportFields {
		delete(m.Columns, f)
		delete(m.Alts, f)
	}
}

func notGuessed(kind Kind, header []string, missing []Field) error {
	var cols []string
	for _, n := range header {
		if n = strings.TrimSpace(strings.TrimPrefix(n, "\ufeff")); n != "" {
			cols = append(cols, fmt.Sprintf("%q", n))
		}
	}
	return fmt.Errorf("%w: read as a plain spreadsheet, no column could be taken for %s (the file's columns are %s); map the columns yourself (custom column mapping)",
		ErrUnrecognised, DescribeMissing(kind, missing), strings.Join(cols, ", "))
}

// NotRead are the names of the header's columns no field of m reads (as a candidate
// or one of several either, or as a mark of another column), in header order, each
// once: what an import leaves out of the file, for the lead to see rather than lose
// without a word. (A column without a name the reader refuses already.)
func NotRead(header []string, m Mapping) []string {
	return names(header, notRead(header, m))
}

// notRead is NotRead as the columns' indexes: the first column of each name.
func notRead(header []string, m Mapping) []int {
	read := map[int]bool{}
	for _, i := range m.Columns {
		read[i] = true
	}
	for _, cols := range [...]map[Field][]int{m.Alts, m.Multi} {
		for _, is := range cols {
			for _, i := range is {
				read[i] = true
			}
		}
	}
	for _, marks := range m.Marks {
		for _, c := range marks {
			read[c] = true
		}
	}
	var out []int
	seen := map[string]bool{}
	for i, n := range header {
		if n = strings.TrimSpace(strings.TrimPrefix(n, "\ufeff")); n != "" && !read[i] && !seen[n] {
			seen[n] = true
			out = append(out, i)
		}
	}
	return out
}

// names are the trimmed header names of the columns cols.
func names(header []string, cols []int) []string {
	var out []string
	for _, i := range cols {
		out = append(out, strings.TrimSpace(strings.TrimPrefix(header[i], "\ufeff")))
	}
	return out
}

// ExtraColumns are the columns of a known export that no field of m reads and that
// are not the export's own (an Action Network report's custom questions, under their
// own titles; a NationBuilder, NGP VAN or CiviCRM export's custom fields): listed as
// not read, as a plain spreadsheet's are. nil for an export whose own columns
// ChapterDesk does not tell apart.
func ExtraColumns(f Format, header []string, m Mapping) []string {
	s := specByID(f.ID)
	if s == nil || s.own == nil {
		return nil
	}
	var out []int
	for _, i := range notRead(header, m) {
		if k := key(header[i]); !s.own(k) && !s.known[k] {
			out = append(out, i)
		}
	}
	return names(header, out)
}

// OwnNotRead lists the columns of a known export that are its own (not its custom
// fields: see ExtraColumns) and that no field of m reads, by index in header order:
// named are those whose values a lead would want to know are left out (an
// employer, a volunteer's availability, CiviCRM's Group(s)), other the rest
// (NationBuilder's voter file and donations). An import says which of them hold a
// value (see HoldsValue). Both nil for an export whose own columns ChapterDesk
// does not tell apart.
func OwnNotRead(f Format, header []string, m Mapping) (named, other []int) {
	s := specByID(f.ID)
	if s == nil || s.own == nil {
		return nil, nil
	}
	for _, i := range notRead(header, m) {
		switch k := key(header[i]); {
		case s.named[k]:
			named = append(named, i)
		case s.own(k) || s.known[k]:
			other = append(other, i)
		}
	}
	return named, other
}

// DescribeMapping says which column fills which field, in the header's order:
// "First Name → first name, E-mail Address → email".
func DescribeMapping(header []string, m Mapping) string {
	type pair struct {
		col int
		f   Field
	}
	var pairs []pair
	for f, i := range m.Columns {
		cols := []int{i}
		if alts, ok := m.Alts[f]; ok {
			cols = alts
		}
		for _, c := range cols {
			if c >= 0 && c < len(header) {
				pairs = append(pairs, pair{c, f})
			}
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int { return a.col - b.col })
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = strings.TrimSpace(header[p.col]) + " → " + strings.ReplaceAll(string(p.f), "_", " ")
	}
	return strings.Join(parts, ", ")
}
