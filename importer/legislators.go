package importer

import (
	"fmt"
	"io"
	"strings"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer/format"
)

// Legislators is a legislator file read and checked, ready for db.ImportLegislators.
type Legislators struct {
	FileInfo
	Rows     []db.IncomingLegislator
	Problems []*Problem // rows left out, with why
	rejected []Rejected
}

// ReadLegislators reads a legislator file (the Open States CSV, or another format
// given by id in forced). Rows that cannot be used are listed in Problems, not
// imported; an unreadable file is an error.
func ReadLegislators(r io.Reader, forced string) (*Legislators, error) {
	return ReadLegislatorsWith(r, Options{Format: forced})
}

// ReadLegislatorsWith is ReadLegislators for a file read with a column mapping of
// the lead's, or recognised by a saved one (see Options).
func ReadLegislatorsWith(r io.Reader, opts Options) (*Legislators, error) {
	t, err := open(r, opts, format.KindLegislators)
	if err != nil {
		return nil, err
	}
	out := &Legislators{FileInfo: t.info()}
	out.rejected, err = t.rows(func(line int, cells []string) *Problem {
		get := func(f format.Field) string { return format.CleanText(t.m.Get(cells, f)) }
		l := db.Legislator{
			OpenStatesID: get(format.OpenStatesID), Name: get(format.Name), GivenName: get(format.GivenName),
			FamilyName: get(format.FamilyName), Party: get(format.Party), District: get(format.District),
			Email: get(format.LegislatorEmail), CapitolAddress: get(format.CapitolAddress),
			CapitolPhone: get(format.CapitolPhone), CapitolFax: get(format.CapitolFax),
			DistrictAddress: get(format.DistrictAddress), DistrictPhone: get(format.DistrictPhone),
			DistrictFax: get(format.DistrictFax), ImageURL: get(format.ImageURL), InOffice: true,
			Gender: db.ParseGender(get(format.Gender)),
		}
		// A spreadsheet formula in a name or district cell is no value (tester t10: a
		// name '=HYPERLINK(…)' was imported as the legislator's name; t11: "=1+1", "=A2",
		// "-1st Middlesex"): no name or district begins as a formula does, and the row
		// is refused with why, as a chamber nobody knows is.
		for _, f := range []format.Field{format.Name, format.GivenName, format.FamilyName, format.District} {
			if v := get(f); format.Formula(v) || format.FormulaStart(v) {
				col, name := t.columnIn(cells, f)
				return &Problem{Line: line, Column: col, Name: name,
					Reason: fmt.Sprintf("%q is a spreadsheet formula, not a legislator's %s", v, strings.ReplaceAll(string(f), "_", " "))}
			}
		}
		// Open States lists several links separated by ";"; the first is the profile.
		l.URL, _, _ = strings.Cut(get(format.URL), ";")
		if l.Name == "" {
			l.Name = strings.TrimSpace(l.GivenName + " " + l.FamilyName)
		}
		chamber := get(format.Chamber)
		ch, ok := format.ParseChamber(chamber)
		if !ok {
			col, name := t.columnIn(cells, format.Chamber)
			return &Problem{Line: line, Column: col, Name: name,
				Reason: fmt.Sprintf("%q is neither the Senate (upper) nor the House (lower)", chamber)}
		}
		l.Chamber = db.Chamber(ch)
		for _, need := range []format.Field{format.Name, format.District} {
			if get(need) == "" && !(need == format.Name && l.Name != "") {
				col, name := t.columnIn(cells, need)
				return &Problem{Line: line, Column: col, Name: name, Reason: "this legislator has no " + string(need)}
			}
		}
		out.Rows = append(out.Rows, db.IncomingLegislator{Line: line, Legislator: l})
		return nil
	})
	out.Problems = problems(out.rejected)
	return out, err
}

// WriteRejects writes the rows left out, as the file had them and with why, as a CSV
// the lead can fix and import again.
func (l *Legislators) WriteRejects(w io.Writer) error { return WriteRejects(w, l.Header, l.rejected) }
