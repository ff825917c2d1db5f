package importer

import (
	"errors"
	"io"
	"strings"

	"golang.org/x/text/language"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer/format"
)

// Volunteers is a roster export read and checked, ready for db.ImportVolunteers.
type Volunteers struct {
	Format   format.Format
	Encoding string
	Rows     []db.IncomingVolunteer
	Problems []*Problem // rows left out, with why
}

// validationColumns ties the store's field names to the export fields they come from,
// so a problem points at the column a person must fix.
var validationColumns = map[string]format.Field{"name": format.FirstName, "email": format.Email,
	"phone": format.Phone, "mobile": format.Mobile, "joined_on": format.JoinedOn}

// ReadVolunteers reads a roster export (NationBuilder, Action Network, NGP VAN,
// CiviCRM, or the format given by id in forced). Rows that cannot be used are listed
// in Problems with their line and column, not imported; an unreadable file is an error.
func ReadVolunteers(r io.Reader, forced string) (*Volunteers, error) {
	t, err := open(r, forced, format.KindVolunteers)
	if err != nil {
		return nil, err
	}
	out := &Volunteers{Format: t.f, Encoding: t.r.Encoding()}
	out.Problems, err = t.rows(func(line int, cells []string) *Problem {
		in := volunteerFromRow(t, cells)
		in.Line = line
		if err := in.Normalize(); err != nil {
			p := &Problem{Line: line, Reason: err.Error()}
			var ve *db.ValidationError
			if errors.As(err, &ve) {
				p.Column, p.Name = t.column(validationColumns[ve.Field])
				p.Reason = strings.TrimSuffix(ve.Message, ".")
			}
			return p
		}
		out.Rows = append(out.Rows, in)
		return nil
	})
	return out, err
}

func volunteerFromRow(t *table, cells []string) db.IncomingVolunteer {
	get := func(f format.Field) string { return format.CleanText(t.m.Get(cells, f)) }
	v := db.NewVolunteer(get(format.FirstName), get(format.LastName))
	if v.FirstName == "" && v.LastName == "" {
		full := get(format.FullName)
		if i := strings.LastIndexByte(full, ' '); i > 0 {
			v.FirstName, v.LastName = full[:i], full[i+1:]
		} else {
			v.FirstName = full
		}
	}
	v.Email, v.Phone, v.Mobile = get(format.Email), get(format.Phone), get(format.Mobile)
	v.Address1, v.Address2, v.City, v.State, v.Zip = get(format.Address1), get(format.Address2), get(format.City),
		get(format.State), get(format.Zip)
	v.SenateDistrict, v.HouseDistrict = get(format.SenateDistrict), get(format.HouseDistrict)
	v.Notes = get(format.Notes)
	for _, cell := range t.m.GetAll(cells, format.Tags) {
		v.Tags = append(v.Tags, format.SplitList(cell)...)
	}
	for _, name := range format.SplitList(get(format.Languages)) {
		if code := languageCode(name); code != "" {
			v.Languages = append(v.Languages, code)
		}
	}
	if d, ok := format.ParseDate(get(format.JoinedOn)); ok {
		v.JoinedOn = d.Format("2006-01-02")
	}
	// Consent: a "do not" in the file always counts; an opt-in column, when present,
	// says yes or no.
	if dnc, ok := format.ParseBool(get(format.DoNotCall)); ok && dnc {
		v.OKCall = false
	}
	if dne, ok := format.ParseBool(get(format.DoNotEmail)); ok && dne {
		v.OKEmail = false
	}
	if dnc, ok := format.ParseBool(get(format.DoNotContact)); ok && dnc {
		v.DoNotContact = true
	}
	if in, ok := format.ParseBool(get(format.EmailOptIn)); ok {
		v.OKEmail = in && v.OKEmail
	}
	if in, ok := format.ParseBool(get(format.TextOptIn)); ok {
		v.OKText = in
	}
	if v.Email == "" {
		v.OKEmail = false
	}
	return db.IncomingVolunteer{Volunteer: v, System: t.f.System, ExternalID: get(format.ExternalID)}
}

// languageNames are the language names exports write, for the languages chapters meet.
var languageNames = map[string]string{"english": "en", "spanish": "es", "español": "es", "portuguese": "pt",
	"português": "pt", "vietnamese": "vi", "tiếng việt": "vi", "haitian creole": "ht", "kreyòl": "ht",
	"chinese": "zh", "mandarin": "zh", "cantonese": "yue", "cape verdean creole": "kea", "french": "fr",
	"arabic": "ar", "russian": "ru", "khmer": "km", "somali": "so", "korean": "ko"}

// languageCode reads a language name ("Spanish") or code ("es", "pt-BR") as a BCP 47
// base code; "" when it is neither.
func languageCode(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if code, ok := languageNames[s]; ok {
		return code
	}
	if tag, err := language.Parse(s); err == nil {
		base, _ := tag.Base()
		return base.String()
	}
	return ""
}
