// Package format recognises the CSV exports organizers bring and maps their columns to ChapterDesk fields.
//
// Detect looks at a header row and names the export (NationBuilder, Action Network,
// NGP VAN / EveryAction, CiviCRM, Open States, a call report form) and which column
// fills which ChapterDesk field; MapColumns does the same for a format the lead forces
// with --format; Custom takes the lead's own choice of columns for any other CSV. The
// parsers in values.go read the values those exports hold.
//
// Header names are compared by key: BOM removed, trimmed, lowercased, with spaces,
// underscores, hyphens and dots dropped and a trailing "?" or ":" ignored, so
// "first_name", "First Name" and "FirstName" are the same column.
package format

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is what the rows of an export are.
type Kind string

// The kinds of rows ChapterDesk imports.
const (
	KindVolunteers  Kind = "volunteers"
	KindLegislators Kind = "legislators"
	KindCalls       Kind = "calls"
)

// Field is a ChapterDesk field a column can fill.
type Field string

// Volunteer fields.
const (
	ExternalID Field = "external_id" // the person's id in the system the export came from
	FirstName  Field = "first_name"
	LastName   Field = "last_name"
	FullName   Field = "full_name"
	// NameSuffix is a generational suffix of its own column (NationBuilder's suffix,
	// CiviCRM's Individual Suffix): it joins the family name, as in a full name (see
	// db.SplitFullName), so that Robert Jones Jr. is not his father.
	NameSuffix     Field = "name_suffix"
	Email          Field = "email"
	Phone          Field = "phone"
	Mobile         Field = "mobile"
	Address1       Field = "address1"
	Address2       Field = "address2"
	City           Field = "city"
	State          Field = "state"
	Zip            Field = "zip"
	Country        Field = "country" // not stored: tells a foreign postcode from a US zip (see FixZip)
	SenateDistrict Field = "senate_district"
	HouseDistrict  Field = "house_district"
	Tags           Field = "tags" // a list (SplitList); may come from several columns (Mapping.Multi)
	Languages      Field = "languages"
	Notes          Field = "notes"
	JoinedOn       Field = "joined_on"
	// BirthDate is read only to tell apart two rows merged as one person (a father
	// and son of one name and phone); the roster does not keep it.
	BirthDate    Field = "birth_date"
	DoNotCall    Field = "do_not_call"
	DoNotEmail   Field = "do_not_email"
	DoNotContact Field = "do_not_contact"
	DoNotText    Field = "do_not_text" // CiviCRM's Do Not Sms: closes texts, as DoNotCall closes calls
	EmailOptIn   Field = "email_opt_in"
	TextOptIn    Field = "text_opt_in"
	OKCall       Field = "ok_call"       // may call: the inverse of DoNotCall, as ChapterDesk's own export writes it
	NoBulkEmail  Field = "no_bulk_email" // opted out of bulk email (CiviCRM): read as do not email
	// EmailOnHold is CiviCRM's "On Hold": the address bounced (1) or its owner opted
	// out (2), and CiviCRM sends it nothing: read as do not email.
	EmailOnHold Field = "email_on_hold"
	// EmailUnsubscribedAt is when the person unsubscribed from email
	// (NationBuilder's unsubscribed_at): a date there is a do not email.
	EmailUnsubscribedAt Field = "email_unsubscribed_at"
	// FederalDoNotCall says the number is on the federal do-not-call registry
	// (NationBuilder's federal_donotcall): read as do not call, as consent is never
	// widened by an import.
	FederalDoNotCall Field = "federal_do_not_call"
	// PhoneType is the kind of the Phone column's number (CiviCRM's "Phone Type":
	// Phone, Mobile, Fax, Pager, Voicemail): a mobile goes to Mobile.
	PhoneType Field = "phone_type"
	// PhoneExt is the extension of the Phone column's number (CiviCRM's "Phone
	// Extension"), kept with the number as the app keeps one ("617-555-0104 x3").
	PhoneExt Field = "phone_ext"
	// EmailIsBad, MobileIsBad and PhoneIsCell are marks: yes/no columns that say
	// something of the value in another column (see Mapping.Marks). NationBuilder's
	// email1_is_bad says email1 does not reach the person, is_mobile_bad the mobile;
	// NGP VAN's IsHomePhoneACellExchange says HomePhone is a mobile number.
	EmailIsBad  Field = "email_is_bad"
	MobileIsBad Field = "mobile_is_bad"
	PhoneIsCell Field = "phone_is_cell"
	// TextOptInPhone is the number the text opt-in is about (NGP VAN's OptInPhone):
	// a yes there opens texts to that number only.
	TextOptInPhone      Field = "text_opt_in_phone"
	Deceased            Field = "deceased"     // a deceased contact is left out, not imported
	InTrash             Field = "in_trash"     // a contact in the other system's trash is left out
	ContactType         Field = "contact_type" // CiviCRM's Individual, Organization or Household: only people are imported
	RecruiterExternalID Field = "recruiter_external_id"
	Status              Field = "status"    // prospect, active, inactive or moved, by code or label (ChapterDesk's own export)
	Recruiter           Field = "recruiter" // the recruiter's name, as ChapterDesk's own export writes it
	// Skills is a list (SplitList) of skills, apart from the tags: ChapterDesk's own
	// export. Its older exports joined the skills into the tags column.
	Skills Field = "skills"
	// UUID is the volunteer's own UUID and RecruiterUUID their recruiter's, as
	// ChapterDesk's own export writes them: a volunteer imported into a fresh
	// database keeps theirs, and the recruiter is the one it names, whoever shares
	// their name.
	UUID          Field = "uuid"
	RecruiterUUID Field = "recruiter_uuid"
)

// Legislator fields (Open States).
const (
	OpenStatesID    Field = "openstates_id"
	Name            Field = "name"
	GivenName       Field = "given_name"
	FamilyName      Field = "family_name"
	Party           Field = "party"
	Chamber         Field = "chamber"
	District        Field = "district"
	LegislatorEmail Field = "legislator_email"
	CapitolAddress  Field = "capitol_address"
	CapitolPhone    Field = "capitol_phone"
	CapitolFax      Field = "capitol_fax"
	DistrictAddress Field = "district_address"
	DistrictPhone   Field = "district_phone"
	DistrictFax     Field = "district_fax"
	URL             Field = "url" // Open States "links": a ;-joined list, the official page first
	ImageURL        Field = "image_url"
	Gender          Field = "gender" // Open States: Female, Male
)

// Call report fields.
const (
	CalledAt    Field = "called_at"
	CallerName  Field = "caller_name"
	CallerEmail Field = "caller_email"
	CallerTown  Field = "caller_town"
	Legislator  Field = "legislator"
	Office      Field = "office"
	Outcome     Field = "outcome"
	StanceHeard Field = "stance_heard"
	CallNotes   Field = "call_notes"
	// ReportUUID is the report's own UUID, in ChapterDesk's call export: a report
	// imported back is the one it was, not a new one.
	ReportUUID Field = "report_uuid"
	// CallerUUID is the caller's volunteer UUID, in ChapterDesk's call export: the
	// caller is that volunteer when the roster has them, before the email says.
	CallerUUID Field = "caller_uuid"
)

var kindFields = map[Kind][]Field{
	KindVolunteers: {ExternalID, FirstName, LastName, FullName, NameSuffix, Email, Phone, Mobile, Address1,
		Address2, City, State, Zip, Country, SenateDistrict, HouseDistrict, Tags, Languages, Notes, JoinedOn,
		DoNotCall, DoNotEmail, DoNotContact, EmailOptIn, TextOptIn, OKCall, NoBulkEmail, Deceased, InTrash,
		ContactType, RecruiterExternalID, Status, Recruiter, Skills, UUID, RecruiterUUID, EmailOnHold,
		EmailUnsubscribedAt, FederalDoNotCall, PhoneType, PhoneExt, MobileIsBad, TextOptInPhone, BirthDate, DoNotText},
	KindLegislators: {OpenStatesID, Name, GivenName, FamilyName, Party, Chamber, District,
		LegislatorEmail, CapitolAddress, CapitolPhone, CapitolFax, DistrictAddress, DistrictPhone,
		DistrictFax, URL, ImageURL, Gender},
	KindCalls: {CalledAt, CallerName, CallerEmail, CallerTown, Legislator, Office, Outcome,
		StanceHeard, CallNotes, ReportUUID, CallerUUID},
}

// Fields lists the fields rows of a kind can fill, in a stable order (nil for an
// unknown kind). A custom-mapping screen offers these.
func Fields(kind Kind) []Field { return slices.Clone(kindFields[kind]) }

// Format is an export ChapterDesk recognises.
type Format struct {
	ID     string // "nationbuilder", "actionnetwork", "ngpvan", "civicrm", "openstates", "callform", "custom"
	Name   string // for people: "NationBuilder people export", ...
	Kind   Kind
	System string // the external-id system name stored with volunteers ("nationbuilder", ...); "" otherwise
}

// CustomFormat is the format of a CSV mapped by hand with Custom: ID "custom", no
// external-id system. Detect never returns it and ByID does not know it.
func CustomFormat(kind Kind) Format {
	return Format{ID: "custom", Name: "Custom column mapping", Kind: kind}
}

// Mapping says which column (0-based index into the header) fills each field.
//
// Tags may come from several columns: Multi[Tags] lists them all in header order and
// Columns[Tags] is the format's preferred one among them, so Get still reads a tag
// column; GetAll reads them all.
//
// Other fields may have several candidate columns (NationBuilder's email, email1,
// email2...; NGP VAN's Phone and HomePhone): Alts lists them, preferred first, and Get
// takes the first that is not empty in the row, so a person whose address is only in
// email1 keeps it. Columns[f] is the first of them the header has. The fields of one
// of Blocks (an address: street, city, state, zip) are read from the same source:
// their Alts are aligned, -1 where the header lacks that source's column, and the
// first source with any of the block's cells filled gives them all, so a street from
// the primary address never goes with the city of the registered one.
type Mapping struct {
	Columns map[Field]int
	Multi   map[Field][]int // fields filled from several columns (Tags); may be nil
	Alts    map[Field][]int // candidate columns of a field, preferred first; may be nil
	Blocks  [][]Field       // fields read together from one source (see Alts); may be nil
	// Marks ties value columns to the yes/no column that says something of each, by
	// the mark's field: Marks[EmailIsBad][email1's column] is email1_is_bad's. May be nil.
	Marks map[Field]map[int]int
}

// MarkCell is a value of a row and the cell of the mark column that goes with it.
type MarkCell struct {
	Value   string // the value's cell, trimmed
	Mark    string // the mark's cell, trimmed
	MarkCol int    // the mark's column
}

// MarkCells lists the row's values that have a mark column with something in it,
// in header order of the values' columns.
func (m Mapping) MarkCells(row []string, mark Field) []MarkCell {
	var out []MarkCell
	for v, c := range m.Marks[mark] {
		if value, said := cell(row, v), cell(row, c); value != "" && said != "" {
			out = append(out, MarkCell{Value: value, Mark: said, MarkCol: c})
		}
	}
	slices.SortFunc(out, func(a, b MarkCell) int { return a.MarkCol - b.MarkCol })
	return out
}

// SameValue reports whether two cells hold the same value once case, spaces and
// punctuation are set aside, as SetAside compares them ("+1 (555) 555-0100" and
// "555-555-0100" are the same number).
func SameValue(a, b string) bool { return a == b || sameKey(a) != "" && sameKey(a) == sameKey(b) }

// Get returns the trimmed cell for a field in a row ("" when unmapped or the row is
// short): the first candidate column not empty (see Alts).
func (m Mapping) Get(row []string, f Field) string {
	i, ok := m.Col(row, f)
	if !ok {
		return ""
	}
	return cell(row, i)
}

// Col returns the column Get reads f from in this row: the first candidate not empty,
// else the preferred one. ok is false when no column fills f.
func (m Mapping) Col(row []string, f Field) (int, bool) {
	first, ok := m.Columns[f]
	if !ok {
		return 0, false
	}
	alts, ok := m.Alts[f]
	if !ok {
		return first, true
	}
	if b := m.block(f); b != nil {
		if k := m.source(row, b); k >= 0 && k < len(alts) && alts[k] >= 0 {
			return alts[k], true
		}
		return first, true
	}
	for _, i := range alts {
		if i >= 0 && cell(row, i) != "" {
			return i, true
		}
	}
	return first, true
}

// A Plan is a Mapping made ready to read many rows: Col and Get as the mapping's,
// with one lookup of the field where the mapping takes two or three, and a block's
// candidate columns gathered once, not looked up again for each field of each row.
// A NationBuilder row reads some thirty fields, most of them in address blocks.
// Made once the mapping is complete (see Mapping.Plan): it does not follow changes.
type Plan struct {
	fields map[Field]planField
	blocks [][][]int // by block, the candidate columns of each of its fields (Alts)
}

type planField struct {
	first int
	alts  []int // nil: only first
	block int   // the block the field is read with (an index of blocks), or -1
}

// Plan makes the mapping's Plan.
func (m Mapping) Plan() *Plan {
	p := &Plan{fields: make(map[Field]planField, len(m.Columns))}
	for f, first := range m.Columns {
		pf := planField{first: first, block: -1}
		if alts, ok := m.Alts[f]; ok {
			pf.alts = alts
			if pf.alts == nil {
				pf.alts = []int{} // an empty Alts entry still takes first (see Col)
			}
			for i, b := range m.Blocks {
				if slices.Contains(b, f) {
					pf.block = i
					break
				}
			}
		}
		p.fields[f] = pf
	}
	for _, b := range m.Blocks {
		members := make([][]int, len(b))
		for i, f := range b {
			members[i] = m.Alts[f]
		}
		p.blocks = append(p.blocks, members)
	}
	return p
}

// Col is Mapping.Col.
func (p *Plan) Col(row []string, f Field) (int, bool) {
	pf, ok := p.fields[f]
	if !ok {
		return 0, false
	}
	if pf.alts == nil {
		return pf.first, true
	}
	if pf.block >= 0 {
		if k := blockSource(row, p.blocks[pf.block]); k >= 0 && k < len(pf.alts) && pf.alts[k] >= 0 {
			return pf.alts[k], true
		}
		return pf.first, true
	}
	for _, i := range pf.alts {
		if i >= 0 && cell(row, i) != "" {
			return i, true
		}
	}
	return pf.first, true
}

// Get is Mapping.Get.
func (p *Plan) Get(row []string, f Field) string {
	i, ok := p.Col(row, f)
	if !ok {
		return ""
	}
	return cell(row, i)
}

// blockSource is Mapping.source for a block's candidate columns, by field.
func blockSource(row []string, members [][]int) int {
	n := 0
	for _, alts := range members {
		n = max(n, len(alts))
	}
	for k := 0; k < n; k++ {
		for _, alts := range members {
			if k < len(alts) && alts[k] >= 0 && cell(row, alts[k]) != "" {
				return k
			}
		}
	}
	return -1
}

// FirstWhere returns the first candidate column of f (see Alts) whose cell in row is
// filled and passes keep, and that cell; ok is false when none does.
func (m Mapping) FirstWhere(row []string, f Field, keep func(value string) bool) (col int, value string, ok bool) {
	alts, has := m.Alts[f]
	if !has {
		if i, has := m.Columns[f]; has {
			alts = []int{i}
		}
	}
	for _, i := range alts {
		if c := cell(row, i); c != "" && keep(c) {
			return i, c, true
		}
	}
	return 0, "", false
}

// SetAside lists the other candidate columns of f (see Alts) that are filled in row
// with something else than the value Get takes: values the import does not keep,
// for it to say so. Case, spaces and punctuation aside (see sameKey), so a copy, or
// a phone written another way, is not listed. Address blocks are not either.
func (m Mapping) SetAside(row []string, f Field) []int {
	taken, _ := m.Col(row, f)
	return m.SetAsideBeside(row, f, taken, nil)
}

// SetAsideBeside is SetAside for a row whose value of f was taken from column taken,
// not the one Get reads (an email marked bad passed over); values skip says yes to
// (those marked bad, listed on their own) are not listed.
func (m Mapping) SetAsideBeside(row []string, f Field, taken int, skip func(value string) bool) []int {
	alts, ok := m.Alts[f]
	if !ok {
		return nil
	}
	if m.block(f) != nil {
		return nil // another source's address is another address, not a second value
	}
	kept := cell(row, taken)
	var value string
	keyed := false
	var out []int
	for _, i := range alts {
		// Most other columns are empty or say what the kept one says: their keys are
		// not worked out (a 100,000-row NationBuilder export: 0.16 s of its reading).
		alt := cell(row, i)
		if i < 0 || i == taken || alt == "" || alt == kept || skip != nil && skip(alt) {
			continue
		}
		if !keyed {
			value, keyed = sameKey(kept), true
		}
		if c := sameKey(alt); c != "" && c != value {
			out = append(out, i)
		}
	}
	return out
}

// sameKey is a cell as SetAside compares it: letters and digits, lowercase, and a
// North American number's leading 1 dropped, so "+1 (555) 555-0100" is "555.555.0100".
func sameKey(s string) string {
	var k string
	if b, ascii := sameKeyASCII(s); ascii {
		k = string(b)
	} else {
		k = strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return unicode.ToLower(r)
			}
			return -1
		}, s)
	}
	if len(k) == 11 && k[0] == '1' && strings.Trim(k, "0123456789") == "" {
		return k[1:]
	}
	return k
}

// sameKeyASCII is sameKey's letters and digits of a text all in ASCII, lowercase,
// without a rune decoded or a function called for each; ascii is false for any other.
func sameKeyASCII(s string) (b []byte, ascii bool) {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return nil, false
		}
	}
	b = make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			b = append(b, c)
		case 'A' <= c && c <= 'Z':
			b = append(b, c+'a'-'A')
		}
	}
	return b, true
}

// block returns the block f belongs to, nil when none.
func (m Mapping) block(f Field) []Field {
	for _, b := range m.Blocks {
		if slices.Contains(b, f) {
			return b
		}
	}
	return nil
}

// source is the first source of a block with a cell filled in row, -1 when none is.
func (m Mapping) source(row []string, b []Field) int {
	n := 0
	for _, f := range b {
		n = max(n, len(m.Alts[f]))
	}
	for k := 0; k < n; k++ {
		for _, f := range b {
			if alts := m.Alts[f]; k < len(alts) && alts[k] >= 0 && cell(row, alts[k]) != "" {
				return k
			}
		}
	}
	return -1
}

// cell is the trimmed cell i of row, "" when the row is short.
func cell(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

// GetAll returns the trimmed, non-empty cells of every column that fills f (Multi[f],
// or else Columns[f]), in header order. Split each with SplitList for tags.
func (m Mapping) GetAll(row []string, f Field) []string {
	idx, ok := m.Multi[f]
	if !ok {
		i, ok := m.Columns[f]
		if !ok {
			return nil
		}
		idx = []int{i}
	}
	var out []string
	for _, i := range idx {
		if i >= 0 && i < len(row) {
			if c := strings.TrimSpace(row[i]); c != "" {
				out = append(out, c)
			}
		}
	}
	return out
}

// Has reports whether a column fills f.
func (m Mapping) Has(f Field) bool {
	_, ok := m.Columns[f]
	return ok
}

// Formats returns all known formats, in detection order.
func Formats() []Format {
	specs := keyedSpecs()
	out := make([]Format, len(specs))
	for i, s := range specs {
		out[i] = s.f
	}
	return out
}

// ByID returns the known format with that ID ("custom" is not one: see CustomFormat).
func ByID(id string) (Format, bool) {
	if s := specByID(strings.ToLower(strings.TrimSpace(id))); s != nil {
		return s.f, true
	}
	return Format{}, false
}

func specByID(id string) *spec {
	specs := keyedSpecs()
	for i := range specs {
		if specs[i].f.ID == id {
			return &specs[i]
		}
	}
	return nil
}

// header is a header row by key.
type header struct {
	keys []string       // key of each column
	at   map[string]int // key -> first column with it
}

func newHeader(names []string) header {
	h := header{keys: make([]string, len(names)), at: make(map[string]int, len(names))}
	for i, n := range names {
		k := key(n)
		h.keys[i] = k
		if _, dup := h.at[k]; !dup && k != "" {
			h.at[k] = i
		}
	}
	return h
}

// has takes a name as written (it is keyed here).
func (h header) has(name string) bool { _, ok := h.at[key(name)]; return ok }

func (h header) any(names ...string) bool {
	return slices.ContainsFunc(names, h.has)
}

func (h header) count(names ...string) int {
	n := 0
	for _, name := range names {
		if h.has(name) {
			n++
		}
	}
	return n
}

// key is how header names are compared: BOM and surrounding space removed, lowercase,
// no spaces, underscores, hyphens or dots, no trailing "?" or ":", and no leading
// Spanish "¿" or "¡" ("Qué pasó?" is "¿Qué pasó?", typed without it).
func key(name string) string {
	name = strings.TrimPrefix(name, "\ufeff")
	name = strings.TrimPrefix(name, "ï»¿") // a UTF-8 BOM read as Latin-1
	var b strings.Builder
	b.Grow(len(name))
	for _, r := range name {
		switch {
		case r == '\ufeff' || r == '_' || r == '-' || r == '.' || unicode.IsSpace(r) || unicode.IsControl(r):
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return strings.TrimLeft(strings.TrimRight(b.String(), "?:"), "¿¡")
}

// mapWith fills a mapping from a spec's aliases.
func (s *spec) mapWith(h header) Mapping {
	m := Mapping{Columns: map[Field]int{}}
	for f, keys := range s.aliases {
		var alts []int
		present := 0
		for _, k := range keys {
			i, ok := h.at[k]
			if !ok {
				alts = append(alts, -1)
				continue
			}
			if present == 0 {
				m.Columns[f] = i
			}
			present++
			alts = append(alts, i)
		}
		if present > 1 || present == 1 && s.inBlock(f) {
			if m.Alts == nil {
				m.Alts = map[Field][]int{}
			}
			m.Alts[f] = alts
		}
	}
	for mark, pairs := range s.marks {
		for v, c := range pairs {
			vi, ok1 := h.at[v]
			ci, ok2 := h.at[c]
			if !ok1 || !ok2 {
				continue
			}
			if m.Marks == nil {
				m.Marks = map[Field]map[int]int{}
			}
			if m.Marks[mark] == nil {
				m.Marks[mark] = map[int]int{}
			}
			m.Marks[mark][vi] = ci
		}
	}
	for _, b := range s.blocks {
		if slices.ContainsFunc(b, func(f Field) bool { return m.Alts[f] != nil }) {
			m.Blocks = append(m.Blocks, slices.Clone(b))
		}
	}
	for f, keys := range s.multi {
		var idx []int
		for i, k := range h.keys {
			if slices.Contains(keys, k) {
				idx = append(idx, i)
			}
		}
		if len(idx) == 0 {
			continue
		}
		if m.Multi == nil {
			m.Multi = map[Field][]int{}
		}
		m.Multi[f] = idx
		if _, ok := m.Columns[f]; !ok {
			m.Columns[f] = idx[0]
		}
	}
	return m
}

// score is how many of the header's columns the spec knows.
func (s *spec) score(h header) int {
	n := 0
	for _, k := range h.keys {
		if s.known[k] {
			n++
		}
	}
	return n
}

// Requirement is something rows of a kind cannot do without: a column for every field
// of at least one of its alternatives. A volunteer needs a name, FirstName and
// LastName or FullName: one requirement of two alternatives.
type Requirement [][]Field

var kindRequirements = map[Kind][]Requirement{
	KindVolunteers:  {{{FirstName, LastName}, {FullName}}},
	KindLegislators: {{{Name}}, {{Chamber}}, {{District}}},
	KindCalls:       {{{CalledAt}}, {{Legislator}}, {{Outcome}}},
}

// Requirements lists what rows of a kind need mapped (see Requirement); a mapping
// screen marks these fields and refuses to go on without them.
func Requirements(kind Kind) []Requirement {
	out := make([]Requirement, len(kindRequirements[kind]))
	for i, r := range kindRequirements[kind] {
		out[i] = make(Requirement, len(r))
		for j, alt := range r {
			out[i][j] = slices.Clone(alt)
		}
	}
	return out
}

// Met reports whether m maps every field of one of the alternatives.
func (r Requirement) Met(m Mapping) bool {
	return slices.ContainsFunc(r, func(alt []Field) bool { return !slices.ContainsFunc(alt, func(f Field) bool { return !m.Has(f) }) })
}

// missingFor lists the required fields of a kind that m lacks (see Requirements): for
// each requirement not met, the absent fields of all its alternatives, so a volunteer
// with no name lacks FirstName, LastName and FullName.
func missingFor(kind Kind, m Mapping) []Field {
	var missing []Field
	for _, r := range kindRequirements[kind] {
		if r.Met(m) {
			continue
		}
		for _, alt := range r {
			for _, f := range alt {
				if !m.Has(f) && !slices.Contains(missing, f) {
					missing = append(missing, f)
				}
			}
		}
	}
	return missing
}

// DescribeMissing says in a sentence fragment what a kind of rows lacks, e.g.
// "a name (first_name and last_name, or full_name)" or "called_at, outcome".
func DescribeMissing(kind Kind, missing []Field) string {
	var parts []string
	name := false
	for _, f := range missing {
		if kind == KindVolunteers && (f == FirstName || f == LastName || f == FullName) {
			if !name {
				parts = append(parts, "a name (first_name and last_name, or full_name)")
				name = true
			}
			continue
		}
		parts = append(parts, string(f))
	}
	return strings.Join(parts, ", ")
}

// MapColumns maps a header for a given format (used with --format to force one);
// missing lists required fields not found (a volunteers format needs a name:
// FirstName+LastName or FullName; openstates needs Name, Chamber, District; callform
// needs CalledAt, Legislator, Outcome). A format ChapterDesk does not know maps nothing.
func MapColumns(f Format, header []string) (m Mapping, missing []Field) {
	s := specByID(f.ID)
	if s == nil {
		m = Mapping{Columns: map[Field]int{}}
	} else {
		m = s.mapWith(newHeader(header))
	}
	return m, missingFor(f.Kind, m)
}

// ErrUnrecognised is wrapped by the error Detect returns for a header it does not know.
var ErrUnrecognised = errors.New("header not recognised")

// Detect recognises the export from its header (case-insensitive, trimmed, BOM-free
// names; columns in any order; Action Network columns vary in order and presence and
// older files say can2_user_state instead of can2_state_abbreviated). It returns the
// format and its mapping, or an error wrapping ErrUnrecognised that names a few of the
// columns it saw and suggests --format or a custom column mapping.
//
// When the export is recognised but lacks a required field (see MapColumns), Detect
// returns the format and mapping together with an error saying what is missing.
func Detect(header []string) (Format, Mapping, error) {
	h := newHeader(header)
	specs := keyedSpecs()
	best, bestScore := -1, -1
	for i := range specs {
		if !specs[i].sign(h) {
			continue
		}
		if sc := specs[i].score(h); sc > bestScore {
			best, bestScore = i, sc
		}
	}
	if best < 0 {
		return Format{}, Mapping{}, unrecognised(header)
	}
	s := &specs[best]
	m := s.mapWith(h)
	if missing := missingFor(s.f.Kind, m); len(missing) > 0 {
		return s.f, m, fmt.Errorf("%s recognised, but it has no column for %s; map the columns yourself (custom column mapping)",
			s.f.Name, DescribeMissing(s.f.Kind, missing))
	}
	return s.f, m, nil
}

func unrecognised(header []string) error {
	var seen []string
	total := 0
	for _, n := range header {
		n = strings.TrimSpace(strings.TrimPrefix(n, "\ufeff"))
		if n == "" {
			continue
		}
		total++
		if len(seen) < 5 {
			if r := []rune(n); len(r) > 40 {
				n = string(r[:40]) + "…"
			}
			seen = append(seen, fmt.Sprintf("%q", n))
		}
	}
	specs := keyedSpecs()
	ids := make([]string, len(specs))
	for i, s := range specs {
		ids[i] = s.f.ID
	}
	var cols string
	switch {
	case total == 0:
		cols = "an empty header"
	case total > len(seen):
		cols = fmt.Sprintf("columns %s and %d more", strings.Join(seen, ", "), total-len(seen))
	default:
		cols = "columns " + strings.Join(seen, ", ")
	}
	return fmt.Errorf("%w (%s): choose the export with --format (%s) or map the columns yourself (custom column mapping)",
		ErrUnrecognised, cols, strings.Join(ids, ", "))
}

// Custom builds a mapping from a lead's own choice (field -> header name), for any
// other CSV. Header names are matched as Detect matches them (case, spaces and
// underscores aside). It is an error, naming them, when a chosen header name is not in
// the header, when a field is not one of the kind's (see Fields), or when a required
// field of the kind is left out (see MapColumns). Tags chosen this way come from one
// column (Columns and Multi both say so).
func Custom(kind Kind, header []string, choice map[Field]string) (Mapping, error) {
	return Override(kind, header, Mapping{}, choice)
}

// Override is Custom over a mapping already made (a known export's, from MapColumns):
// the fields in choice take the column named ("" leaves the field unmapped), the
// others keep base's. A field chosen as base already maps it keeps base's columns
// (the several tag columns of an export), so a lead who changes one column of a
// NationBuilder export still imports it as one. The errors are Custom's.
func Override(kind Kind, header []string, base Mapping, choice map[Field]string) (Mapping, error) {
	allowed, ok := kindFields[kind]
	if !ok {
		return Mapping{}, fmt.Errorf("unknown kind of rows %q", kind)
	}
	h := newHeader(header)
	m := Mapping{Columns: maps.Clone(base.Columns)}
	if m.Columns == nil {
		m.Columns = map[Field]int{}
	}
	if base.Multi != nil {
		m.Multi = maps.Clone(base.Multi)
	}
	if base.Alts != nil {
		m.Alts, m.Blocks = maps.Clone(base.Alts), slices.Clone(base.Blocks)
	}
	var unknown, foreign []string
	fields := slices.Sorted(maps.Keys(choice))
	for _, f := range fields {
		name := choice[f]
		if !slices.Contains(allowed, f) {
			foreign = append(foreign, string(f))
			continue
		}
		if strings.TrimSpace(name) == "" {
			delete(m.Columns, f) // left unmapped
			delete(m.Multi, f)
			delete(m.Alts, f)
			continue
		}
		i := h.column(header, name)
		if i < 0 {
			unknown = append(unknown, fmt.Sprintf("%q", name))
			continue
		}
		if was, ok := base.Columns[f]; ok && was == i {
			continue
		}
		m.Columns[f] = i
		delete(m.Multi, f)
		delete(m.Alts, f) // the lead's column, and only it
		if f == Tags {
			if m.Multi == nil {
				m.Multi = map[Field][]int{}
			}
			m.Multi[Tags] = []int{i}
		}
	}
	var problems []string
	if len(unknown) > 0 {
		problems = append(problems, "no column named "+strings.Join(unknown, ", ")+" in the header")
	}
	if len(foreign) > 0 {
		problems = append(problems, fmt.Sprintf("not fields of %s rows: %s", kind, strings.Join(foreign, ", ")))
	}
	if missing := missingFor(kind, m); len(missing) > 0 && len(problems) == 0 {
		problems = append(problems, "no column chosen for "+DescribeMissing(kind, missing))
	}
	if len(problems) > 0 {
		return m, errors.New("custom column mapping: " + strings.Join(problems, "; "))
	}
	return m, nil
}

// column is the index in header (h's) of the column a lead named: its exact
// (trimmed) spelling first, else its name compared as Detect compares names; -1 if
// none.
func (h header) column(names []string, name string) int {
	for j, n := range names {
		if strings.TrimSpace(n) == strings.TrimSpace(name) {
			return j
		}
	}
	if j, ok := h.at[key(name)]; ok && key(name) != "" {
		return j
	}
	return -1
}

// LeaveColumns is base without the fields read from a column that choice (field ->
// header name) names for another field: what the lead maps is read as the lead says,
// and only so (Options.GuessRest).
func LeaveColumns(base Mapping, header []string, choice map[Field]string) Mapping {
	h := newHeader(header)
	named := map[int]bool{}
	for _, name := range choice {
		if i := h.column(header, name); i >= 0 {
			named[i] = true
		}
	}
	out := Mapping{Columns: map[Field]int{}, Multi: maps.Clone(base.Multi), Alts: maps.Clone(base.Alts),
		Blocks: slices.Clone(base.Blocks), Marks: base.Marks}
	for f, i := range base.Columns {
		_, chosen := choice[f]
		cols := append(append([]int{i}, base.Multi[f]...), base.Alts[f]...)
		if !chosen && slices.ContainsFunc(cols, func(c int) bool { return named[c] }) {
			delete(out.Multi, f)
			delete(out.Alts, f)
			continue
		}
		out.Columns[f] = i
	}
	return out
}

// SameHeader reports whether two header rows name the same columns, as Detect compares
// names (case, spaces and underscores aside) and in any order: a saved column mapping
// is used again for a file whose header is the one it was made for.
func SameHeader(a, b []string) bool {
	keys := func(names []string) []string {
		out := make([]string, 0, len(names))
		for _, n := range names {
			if k := key(n); k != "" {
				out = append(out, k)
			}
		}
		slices.Sort(out)
		return out
	}
	ka, kb := keys(a), keys(b)
	return len(ka) > 0 && slices.Equal(ka, kb)
}

// ParseChoice reads a column mapping as a lead types it on the command line,
// "first_name=First,last_name=Surname,email=E-mail": field=header pairs separated by
// commas. A header name may hold a comma ("If you spoke with them, what did they
// say?"): a comma only starts a new pair when a field name and "=" follow it. The
// fields are not checked here; Custom says which are unknown.
func ParseChoice(s string) (map[Field]string, error) {
	var pairs []string
	for _, part := range strings.Split(s, ",") {
		if name, _, ok := strings.Cut(part, "="); (ok && isFieldName(strings.TrimSpace(name))) || len(pairs) == 0 {
			pairs = append(pairs, part)
		} else {
			pairs[len(pairs)-1] += "," + part
		}
	}
	choice := map[Field]string{}
	for _, p := range pairs {
		if strings.TrimSpace(p) == "" {
			continue
		}
		name, header, ok := strings.Cut(p, "=")
		f := Field(strings.ToLower(strings.TrimSpace(name)))
		if !ok || f == "" {
			return nil, fmt.Errorf("%q is not field=Header name", strings.TrimSpace(p))
		}
		if prev, dup := choice[f]; dup {
			return nil, fmt.Errorf("%s is given twice (%q and %q)", f, prev, strings.TrimSpace(header))
		}
		choice[f] = strings.TrimSpace(header)
	}
	return choice, nil
}

// isFieldName reports whether s looks like a field name (letters, digits and
// underscores), known or not.
func isFieldName(s string) bool {
	return s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r == '_' || r >= '0' && r <= '9' || unicode.IsLetter(r))
	})
}
