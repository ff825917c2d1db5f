package importer

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer/format"
)

// Calls is a call report form export read and checked, ready for db.ImportCalls.
type Calls struct {
	Format   format.Format
	Encoding string
	Rows     []db.IncomingCall
	NotCalls int        // answers that say no call was made ("Emailed instead"), left out
	Problems []*Problem // rows left out, with why
}

// ReadCalls reads the CSV of an online call report form (Timestamp, Your name, Your
// email, Your town, Legislator called, Which office, What happened?, What did they
// say about the bill?, Notes: columns recognised by their names, in any order).
func ReadCalls(r io.Reader, forced string) (*Calls, error) {
	t, err := open(r, forced, format.KindCalls)
	if err != nil {
		return nil, err
	}
	out := &Calls{Format: t.f, Encoding: t.r.Encoding()}
	problem := func(line int, f format.Field, reason string) *Problem {
		col, name := t.column(f)
		return &Problem{Line: line, Column: col, Name: name, Reason: reason}
	}
	out.Problems, err = t.rows(func(line int, cells []string) *Problem {
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
			Notes: get(format.CallNotes)})
		return nil
	})
	return out, err
}
