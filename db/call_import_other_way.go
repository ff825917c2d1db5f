package db

import (
	"cmp"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// A form whose times read either way ("02/11/2026 14:05") is filed month first
// unless the lead says the file writes its days first (--day-first). Imported once
// each way, the first import not undone, every such call was filed twice, months
// apart, and counted twice everywhere (tester s42): a report's key holds its time,
// so the second reading found nothing of the first. A row new to the table whose
// call the table holds under the other reading refuses the import, naming the
// import to undo first (see ReadOtherWayError).

// otherWayRows are the rows of an import whose call the table holds read the other
// way, each with the report found.
type otherWayRows []otherWayRow

type otherWayRow struct {
	line        int
	read, filed time.Time
	id          uuid.UUID
}

// otherWayKeys are the keys of a row's report read the other way round (see
// IncomingCall.OtherWay), nil when it reads one way, or when the table was empty
// when the import began: nothing is there to find.
func (c *callImport) otherWayKeys(in *IncomingCall, email, name string, a resolved) [][]byte {
	w := in.OtherWay
	if w.IsZero() || !in.WallClock || c.existing == 0 {
		return nil
	}
	alt := *in
	alt.WrittenAt = w
	alt.CalledAt = time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, c.zone)
	return c.keys(&alt, email, name, a)
}

// findOtherWay looks, for each row of the chunk that is a report new to the table
// and reads either way, for a report of the table under the other reading: one
// question for the chunk, as findOtherOutcomes asks. Any report of the key counts,
// whatever it holds: the time to the second, the caller, the legislator and the
// outcome are one call's, its notes perhaps edited since. With AddSimilar the lead
// has said such rows are other calls (the refusal names it): nothing is looked for.
func (c *callImport) findOtherWay(chunk []pendingCall) error {
	if c.existing == 0 || c.opts.AddSimilar {
		return nil
	}
	rowIDs := make([][]uuid.UUID, len(chunk)) // the first slot of each key of the row's other reading
	var ids []uuid.UUID
	for i := range chunk {
		p := &chunk[i]
		if p.resolved.id == 0 || p.again || p.inTable || p.own || p.twin {
			continue
		}
		for _, k := range c.otherWayKeys(&p.in, strings.ToLower(p.in.CallerEmail), fold(p.in.CallerName), p.resolved) {
			rowIDs[i] = append(rowIDs[i], slotID(k, 1))
		}
		ids = append(ids, rowIDs[i]...)
	}
	if len(ids) == 0 {
		return nil
	}
	if err := c.ask(ids); err != nil {
		return err
	}
	for i := range chunk {
		found := false
		for _, id := range rowIDs[i] {
			what, err := c.tableContent(id)
			if err != nil {
				return err
			}
			if what != 0 {
				c.otherWay.add(&chunk[i], id)
				found = true
				break
			}
		}
		if p := &chunk[i]; !found && rowIDs[i] != nil && !p.in.DayOnly {
			if id, ok := c.otherWayByTime(p); ok {
				c.otherWay.add(p, id)
			}
		}
	}
	return nil
}

// otherWayByTime finds a row's call read the other way by its time to the second,
// legislator and outcome (reportTimes), whoever it is filed under: the keys name the
// caller, and a caller corrected in the sheet since ("Zebulon" to "Winifred") filed
// the call a second time, months from the first (tester s42: d5.csv). Not for a day
// alone: two volunteers' calls to one legislator on 2/11 and 11/2 are two calls.
// Nor is a report whose caller has another name and another email than the row's:
// another volunteer's call (tester t8: a French form's "02/03/2026 10:00" filed 3
// February, then a Microsoft form's "3/2/26 10:00" of another caller, 2 March, was
// refused whole as it).
func (c *callImport) otherWayByTime(p *pendingCall) (uuid.UUID, bool) {
	w := p.in.OtherWay
	at := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), 0, c.zone).Unix()
	for _, k := range c.times.within(at, at) {
		another := p.name != 0 && k.name != 0 && k.name != p.name && p.email != 0 && k.email != 0 && k.email != p.email
		if k.leg == p.leg && k.outcome == p.in.Outcome && !another {
			return k.id, true
		}
	}
	return uuid.Nil, false
}

func (o *otherWayRows) add(p *pendingCall, id uuid.UUID) {
	*o = append(*o, otherWayRow{line: p.in.Line, read: p.in.WrittenAt, filed: p.in.OtherWay, id: id})
}

// refuseOtherWay refuses the import when some of its rows are calls an earlier
// import filed read the other way (see findOtherWay), naming those imports.
func (c *callImport) refuseOtherWay() error {
	if len(c.otherWay) == 0 {
		return nil
	}
	// A report another row of the file is, read this way, is that row's call: the
	// file holds a call on each day ("2/11/2026" and "11/2/2026", a weekly caller's
	// day-only log), not one call twice.
	matched := make(map[uint64]bool, len(c.matched))
	for _, k := range c.matched {
		matched[k] = true
	}
	var ids []uuid.UUID
	var e *ReadOtherWayError
	for _, r := range c.otherWay {
		if matched[idKey(r.id)] {
			continue
		}
		if e == nil {
			e = &ReadOtherWayError{Line: r.line, Read: r.read, Filed: r.filed}
		}
		e.Rows++
		ids = append(ids, r.id)
	}
	if e == nil {
		return nil
	}
	byID := map[int64]int{} // index in e.Imports
	for len(ids) > 0 {
		n := min(len(ids), callChunk)
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id.String()
		}
		ids = ids[n:]
		err := eachRow(c.l.ctx, c.l.tx, func(r *sql.Rows) error {
			var b OtherWayImport
			var id *int64
			var source *string
			var at *int64
			if err := r.Scan(&id, &source, &at, &b.Reports); err != nil {
				return err
			}
			if id == nil {
				e.NotImported += b.Reports
				return nil
			}
			i, ok := byID[*id]
			if !ok {
				b.ID, b.Source, b.At = *id, *source, fromUnix(*at)
				i, byID[*id] = len(e.Imports), len(e.Imports)
				e.Imports = append(e.Imports, OtherWayImport{ID: b.ID, Source: b.Source, At: b.At})
			}
			e.Imports[i].Reports += b.Reports
			return nil
		}, `SELECT b.id, b.source_name, b.started_at, count(*) FROM call_reports r LEFT JOIN import_batches b ON b.id = r.import_batch_id
			WHERE r.uuid IN (`+placeholders(n)+`) GROUP BY b.id, b.source_name, b.started_at`, args...)
		if err != nil {
			return err
		}
	}
	slices.SortFunc(e.Imports, func(a, b OtherWayImport) int { return cmp.Compare(a.ID, b.ID) })
	return e
}

// ReadOtherWayError refuses a call import some of whose rows are calls an earlier
// import filed with the day and month of their time the other way round: the form
// read month first once and day first now (--day-first), or the other way. Imported,
// each such call would be filed twice, months apart. Nothing is imported; the way
// out is to undo the import that read it wrong, then import the file again read the
// right way (or, if the earlier reading was right, nothing: the calls are in).
type ReadOtherWayError struct {
	Rows int // the rows of the file whose call is there read the other way
	// Line is the first of them; Read its time as this import reads it, Filed as the
	// report of the earlier import has it (both as written, their fields in UTC).
	Line        int
	Read, Filed time.Time
	// Imports are the imports that filed those calls, oldest first, with how many
	// of them each filed; NotImported counts those no import filed (a merge's copy
	// keeps its own batch, so these are rare: reports of a file older than batches).
	Imports     []OtherWayImport
	NotImported int
}

// OtherWayImport is an import that filed calls read the other way (ReadOtherWayError).
type OtherWayImport struct {
	ID      int64
	Source  string // the file's name as that import read it
	At      time.Time
	Reports int
}

// wallClockText writes a time read as written: "2 November 2026, 2:05 PM", a day
// alone ("2/11/2026", read as its midnight) "2 November 2026".
func wallClockText(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2 January 2006")
	}
	return t.Format("2 January 2006, 3:04 PM")
}

// Name is the import as a person knows it: "import 3 (respuestas.csv, 7 December 2026)".
func (i OtherWayImport) Name() string {
	src := i.Source
	if src == "" {
		src = "a file whose name was not kept"
	}
	return fmt.Sprintf("import %d (%s, %s)", i.ID, src, i.At.UTC().Format("2 January 2006"))
}

// Found says what the import found, without the way out (which the caller words
// for where the lead imports), the file's reading now and the other ("day first",
// "month first"): "3 rows of this file are calls import 1 (respuestas.csv, 7
// December 2026) filed at other readings of their dates: line 2's time, read day
// first 2 November 2026, 2:05 PM, is 11 February 2026, 2:05 PM read month first,
// the time that call was filed at. …". How the earlier import read its own file is
// not said: it is not known, and that file may write its dates in the other order
// (a French form's "02/03/2026" read month first, this one's "3/2/26" too; tester
// t8: it was said to be "filed read day first").
func (e *ReadOtherWayError) Found(now, before string) string {
	var by []string
	for _, i := range e.Imports {
		if len(e.Imports) == 1 && e.NotImported == 0 {
			by = append(by, i.Name())
		} else {
			by = append(by, fmt.Sprintf("%s: %s", i.Name(), plural(i.Reports, "call")))
		}
	}
	if e.NotImported > 0 {
		by = append(by, fmt.Sprintf("no import: %s", plural(e.NotImported, "call")))
	}
	rows, at := "1 row of this file is a call", "another reading of its date"
	if e.Rows != 1 {
		rows, at = fmt.Sprintf("%d rows of this file are calls", e.Rows), "other readings of their dates"
	}
	return fmt.Sprintf("%s %s filed at %s: line %d's time, read %s %s, is %s read %s, the time that call was filed at. Imported read %s, "+
		"each would be filed a second time, months from the first; nothing was imported", rows, strings.Join(by, ", "), at, e.Line, now,
		wallClockText(e.Read), wallClockText(e.Filed), before, now)
}

// FiledText is the first row's time as the earlier import filed it, as Found writes it.
func (e *ReadOtherWayError) FiledText() string { return wallClockText(e.Filed) }

// Undo is the command that takes back the imports that filed the calls the other
// way, newest first ("chapterdesk import undo 3"), with flags (" --db FILE") after
// each; "" when no import filed them.
func (e *ReadOtherWayError) Undo(flags string) string {
	var cmds []string
	for i := len(e.Imports) - 1; i >= 0; i-- {
		cmds = append(cmds, fmt.Sprintf("chapterdesk import undo %d%s", e.Imports[i].ID, flags))
	}
	return strings.Join(cmds, ", then ")
}

func (e *ReadOtherWayError) Error() string {
	return e.Found("this way", "the other way round") + ". If the file's times are read right now, take the earlier reading back first (" +
		e.Undo("") + ") and import the file again; if they were read right before, its calls are in already"
}
