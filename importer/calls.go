package importer

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer/format"
)

// Calls is a call report form export read and checked, ready for db.ImportCalls.
type Calls struct {
	FileInfo
	Rows     []db.IncomingCall
	NotCalls int        // answers that say no call was made ("Emailed instead"), left out
	Problems []*Problem // rows left out, with why
	rejected []Rejected
	legCol   int // the legislator column (1-based) and its name, for WriteRejects
	legName  string
}

// ReadCalls reads the CSV of an online call report form (Timestamp, Your name, Your
// email, Your town, Legislator called, Which office, What happened?, What did they
// say about the bill?, Notes: columns recognised by their names, in any order).
func ReadCalls(r io.Reader, forced string) (*Calls, error) {
	return ReadCallsWith(r, Options{Format: forced})
}

// ReadCallsWith is ReadCalls for a form export read with a column mapping of the
// lead's, or recognised by a saved one (see Options): a form whose questions are
// worded its own way is mapped once and known afterwards.
func ReadCallsWith(r io.Reader, opts Options) (*Calls, error) {
	t, err := open(r, opts, format.KindCalls)
	if err != nil {
		return nil, err
	}
	out := &Calls{FileInfo: t.info()}
	out.legCol, out.legName = t.column(format.Legislator)
	out.rejected, err = t.rows(func(line int, cells []string) *Problem {
		problem := func(line int, f format.Field, reason string) *Problem {
			col, name := t.columnIn(cells, f)
			return &Problem{Line: line, Column: col, Name: name, Reason: reason}
		}
		get := func(f format.Field) string { return format.CleanText(t.m.Get(cells, f)) }
		happened := get(format.Outcome)
		if format.NotACall(happened) {
			out.NotCalls++
			return nil
		}
		outcome, ok := format.ParseOutcome(happened)
		if !ok || outcome == "" {
			return problem(line, format.Outcome, fmt.Sprintf("%q is not an outcome ChapterDesk knows (spoke with the legislator or staff, voicemail, busy, no answer, wrong number)", happened))
		}
		stamp := get(format.CalledAt)
		when, ok := format.ParseDate(stamp)
		if !ok {
			return problem(line, format.CalledAt, fmt.Sprintf("%q is not a date and time", stamp))
		}
		if !strings.ContainsAny(stamp, "TZ+") { // a form's wall-clock time: the chapter's own zone
			when = time.Date(when.Year(), when.Month(), when.Day(), when.Hour(), when.Minute(), when.Second(), 0, time.Local)
		}
		stance, ok := format.ParseStance(get(format.StanceHeard))
		if !ok {
			return problem(line, format.StanceHeard, fmt.Sprintf("%q is not a stance ChapterDesk knows", get(format.StanceHeard)))
		}
		office, ok := format.ParseOffice(get(format.Office))
		if !ok {
			return problem(line, format.Office, fmt.Sprintf("%q is neither the State House nor the district office", get(format.Office)))
		}
		if office == "" {
			office = string(db.OfficeCapitol)
		}
		if get(format.Legislator) == "" {
			return problem(line, format.Legislator, "the report does not say which legislator was called")
		}
		out.Rows = append(out.Rows, db.IncomingCall{Line: line, CallerName: get(format.CallerName),
			CallerEmail: get(format.CallerEmail), CallerTown: get(format.CallerTown), Legislator: get(format.Legislator),
			CalledAt: when, Office: db.Office(office), Outcome: db.Outcome(outcome), StanceHeard: db.Stance(stance),
			Notes: get(format.CallNotes), Cells: cells})
		return nil
	})
	out.Problems = problems(out.rejected)
	return out, err
}

// WriteRejects writes the rows left out, as the file had them and with why, as a CSV
// the lead can fix and import again: the rows with problems and, in file order among
// them, the reports whose legislator the store could not tell (unresolved, from
// db.CallImportSummary).
func (c *Calls) WriteRejects(w io.Writer, unresolved []db.UnresolvedCall) error {
	rows := slices.Clone(c.rejected)
	for _, u := range unresolved {
		rows = append(rows, Rejected{Cells: u.Cells, Problem: &Problem{Line: u.Line, Column: c.legCol, Name: c.legName,
			Reason: fmt.Sprintf("%q: %s", u.Legislator, u.Reason)}})
	}
	slices.SortStableFunc(rows, func(a, b Rejected) int { return cmp.Compare(a.Problem.Line, b.Problem.Line) })
	return WriteRejects(w, c.Header, rows)
}
