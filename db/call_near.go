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

// A row's key names its time to the second, its caller's email and name, its
// legislator and outcome (see keys), and three things the key misses are found by the
// time of the table's reports instead (reportTimes):
//   - a report stored under a key that named the legislator by the text typed (the
//     imports before legislatorIdent): a row of the same caller, second, resolved
//     legislator, outcome and content is that report, whatever text it types ("Rep.
//     Tony Cabral" stored, "Tony Cabral (13th Bristol)" in the next export), as is a
//     report whose legislator's key changed since (a name typed in by hand, edited);
//   - a sheet re-saved in Excel or Sheets writes a form's timestamp without its
//     seconds ("6/2/2025 10:00" for 10:00:04): a row written to the minute
//     (IncomingCall.NoSeconds) is the report of its caller, legislator, outcome and
//     content stored at a second of that minute; and a row with its seconds, the one
//     stored at the minute itself (from such a sheet imported first). Found by a key
//     each, it would be 59 more keys a row;
//   - a call edited in its time, its caller's email or its legislator has another
//     key: a new row with a live report no row of the file is, of the same caller at
//     the same second, or of the same caller and legislator within nearWindow, may be
//     that report edited (applyEdits cannot move a report, see movedFields) or another
//     call: listed with the possible duplicates and left out, unless AddSimilar.

// nearWindow is how far apart a stored report of the same caller and legislator may
// be for a new row to be listed as possibly it, its time edited. Two calls of one
// caller to one legislator are often 20 minutes apart (the State House, then the
// district office); a report a row of the file is never counts (see settleSimilar).
const nearWindow = 10 * time.Minute

// timedReport is a report of the table as reportTimes keeps it.
type timedReport struct {
	at          int64 // unix seconds
	leg         int64
	email, name uint64 // key64 of the caller's email in lower case and name_key, 0 for none
	id          uuid.UUID
	what        uint32 // contentOf
	outcome     Outcome
	live        bool
}

// reportTimes are the chapter's reports in the table before the import, sorted by
// time: read once, by the writing goroutine, at the first row no key finds (see
// needTimes), then only read (by the reading one, see find). nil when the table had
// none: a first import reads nothing, and neither does the same file imported again,
// every row of which its key finds (read before the rows, a million reports' times
// took the re-import of a million-row file from 10 to 15 s and 160 to 430 MB).
type reportTimes []timedReport

// needTimes, on the reading goroutine, has the writing one read reportTimes the first
// time a row needs them.
func (c *callImport) needTimes() error {
	if !c.timesWanted {
		return nil
	}
	c.timesWanted = false
	q := lookup{times: true, reply: make(chan lookupAnswer, 1)}
	select {
	case c.lookups <- q:
	case <-c.stop:
		return errPumpStopped
	}
	return (<-q.reply).err
}

// loadTimes reads reportTimes: the reports of the chapter, but for those this import
// has written so far (a later row near one of them is another call of the file).
func (c *callImport) loadTimes() error {
	if c.existing == 0 {
		return nil
	}
	var t reportTimes
	err := eachRow(c.l.ctx, c.l.tx, func(r *sql.Rows) error {
		var text, notes, email, nameKey string
		var office Office
		var stance Stance
		var k timedReport
		if err := r.Scan(&text, &k.at, &k.leg, &office, &stance, &notes, &k.outcome, &k.live, &email, &nameKey); err != nil {
			return err
		}
		id, err := uuid.Parse(text)
		if err != nil {
			return nil // no row's UUID (see loadKnown)
		}
		k.id, k.what, k.email, k.name = id, c.contentOf(office, stance, notes), emailKey(email), key64(nameKey)
		t = append(t, k)
		return nil
	}, `SELECT r.uuid, r.called_at, r.legislator_id, r.office, r.stance_heard, r.notes, r.outcome, r.deleted_at IS NULL,
		coalesce(v.email, ''), coalesce(v.name_key, '')
		FROM call_reports r LEFT JOIN volunteers v ON v.id = r.volunteer_id
		WHERE r.chapter_id = ? AND (r.import_batch_id IS NULL OR r.import_batch_id <> ?)`, c.l.chapterID, c.l.batch)
	if err != nil {
		return fmt.Errorf("read the reports' times: %w", err)
	}
	slices.SortFunc(t, func(a, b timedReport) int { return cmp.Compare(a.at, b.at) })
	c.times = t
	return nil
}

// within is the reports from..to (unix seconds, both included).
func (t reportTimes) within(from, to int64) []timedReport {
	i, _ := slices.BinarySearchFunc(t, from, func(k timedReport, at int64) int { return cmp.Compare(k.at, at) })
	j := i
	for j < len(t) && t[j].at <= to {
		j++
	}
	return t[i:j]
}

// findByTime looks a new row up in reportTimes (see above): the report it is, at its
// second or to the minute, when one holds what it holds (ok); else the reports of its
// second or minute that hold something else (similar: it may be one edited), those
// near it (near), and those that hold what it holds filed under another caller
// (recaller: its caller corrected in the sheet, see moveCallers). A report of the
// row's email filed under a volunteer of another name is one of those: the email
// alone took a call corrected from Robert Jones to Linda Jones, who share it, for
// Robert's report unchanged (tester, s42). So is a live one that holds something
// else (edited, among recaller too): a caller corrected together with another cell
// of the row was edited under the old caller, or filed a second time under the new
// one (tester, s42: g2b.csv).
func (c *callImport) findByTime(p *pendingCall) (id uuid.UUID, ok bool, similar, near, recaller, edited []uuid.UUID) {
	at := p.in.CalledAt.Unix()
	minute := at - int64(p.in.CalledAt.Second())
	sameCaller := func(k *timedReport) bool { // as the key would: the email, or the name without one
		if p.email != 0 {
			return k.email == p.email
		}
		return k.name == p.name
	}
	w := int64(nearWindow / time.Second)
	for _, k := range c.times.within(at-w, at+w) {
		inMinute := p.in.NoSeconds && k.at >= minute && k.at < minute+60 || !p.in.NoSeconds && (k.at == at || k.at == minute)
		renamed := p.name != 0 && k.name != p.name
		if inMinute && k.leg == p.leg && k.live {
			c.mate(k.id, p.in.Line)
		}
		switch {
		case inMinute && sameCaller(&k) && k.leg == p.leg && k.outcome == p.in.Outcome:
			switch {
			case k.what != p.what && renamed && k.live:
				recaller, edited = append(recaller, k.id), append(edited, k.id)
			case k.what != p.what:
				similar = append(similar, k.id)
			case !renamed || !k.live: // a report in the trash stays there, the row its
				return k.id, true, nil, nil, nil, nil
			default:
				recaller = append(recaller, k.id)
			}
		case !k.live:
		case inMinute && k.leg == p.leg && k.outcome == p.in.Outcome && renamed:
			recaller = append(recaller, k.id)
			if k.what != p.what {
				edited = append(edited, k.id)
			}
		case k.name == p.name && p.name != 0 && k.at == at,
			k.leg == p.leg && (p.email != 0 && k.email == p.email || p.name != 0 && k.name == p.name):
			near = append(near, k.id)
		}
	}
	return uuid.Nil, false, similar, near, recaller, edited
}

// nearReason says how a stored report a row is near (see findByTime) differs from it.
func (c *callImport) nearReason(id uuid.UUID, p *pendingCall) (string, error) {
	old, oldCaller, err := c.storedReport(id)
	if err != nil {
		return "", err
	}
	said, err := c.movedFields(&old, oldCaller, p) // the caller's email among them, when the row gives one
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(p.in.CallerEmail) == "" && oldCaller.email != "" {
		said = append(said, fmt.Sprintf("another email (\"\", the report's caller's %q)", oldCaller.email))
	}
	_, _, _, edits := editedFields(&old, &p.r)
	said = append(said, edits...)
	if len(said) == 0 {
		said = append(said, "another outcome or caller's name")
	}
	who, err := c.reportOf(old.ID)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%s with %s", who, strings.Join(said, "; ")), nil
}

// mate notes that the row of line has the time and legislator of the table's report
// id (see timeMates).
func (c *callImport) mate(id uuid.UUID, line int) {
	if c.timeMates == nil {
		c.timeMates = map[uint64]int{}
	}
	k := idKey(id)
	if was, ok := c.timeMates[k]; ok && was != line {
		line = -1
	}
	c.timeMates[k] = line
}

// sheetMate is a report of an import that a row of the file has the time and
// legislator of: the row's line, -1 for several rows or one its key found (see
// timeMates).
type sheetMate struct {
	key  uint64
	line int
}

// sameSheet tells whether the file is evidently the sheet report id was imported
// from, imported again: another row of it than p has the time (to the second, or the
// minute) and legislator of another live report of that import, whatever its caller
// or content. A row that names another caller than a report of its time and
// legislator, and holds something else or gives another email than the report's
// caller (not a household's correction), is that report corrected (moveCallers) only
// then: a sheet of the week's new rows alone may hold another volunteer's call to the
// same legislator in the same minute (a call-in day), which would take the older
// report over, its caller (and notes) overwritten. It runs once the file is read
// (matched sorted, see settleSimilar).
func (c *callImport) sameSheet(p *pendingCall, id uuid.UUID) (bool, error) {
	batch, err := c.batchOf(id)
	if err != nil {
		return false, err
	}
	if !batch.Valid {
		return false, nil // added in the app: no sheet
	}
	mates, ok := c.sheets[batch.Int64]
	if !ok {
		err = eachRow(c.l.ctx, c.l.tx, func(r *sql.Rows) error {
			var text string
			if err := r.Scan(&text); err != nil {
				return err
			}
			u, err := uuid.Parse(text)
			if err != nil {
				return nil // no row's UUID (see loadKnown)
			}
			k := idKey(u)
			if _, found := slices.BinarySearch(c.matched, k); found {
				mates = append(mates, sheetMate{k, -1})
			} else if line, ok := c.timeMates[k]; ok {
				mates = append(mates, sheetMate{k, line})
			}
			return nil
		}, `SELECT uuid FROM call_reports WHERE import_batch_id = ? AND deleted_at IS NULL`, batch.Int64)
		if err != nil {
			return false, fmt.Errorf("the reports of import %d: %w", batch.Int64, err)
		}
		if c.sheets == nil {
			c.sheets = map[int64][]sheetMate{}
		}
		c.sheets[batch.Int64] = mates
	}
	self := idKey(id)
	return slices.ContainsFunc(mates, func(m sheetMate) bool { return m.key != self && m.line != p.in.Line }), nil
}

// batchOf is the import that filed report id (not valid for one added in the app),
// for sameSheet and the message of a row it holds (listOtherSheet).
func (c *callImport) batchOf(id uuid.UUID) (sql.NullInt64, error) {
	var batch sql.NullInt64
	err := c.l.tx.QueryRowContext(c.l.ctx, `SELECT import_batch_id FROM call_reports WHERE uuid = ?`, id.String()).Scan(&batch)
	if err != nil {
		err = fmt.Errorf("call report %s: %w", id, err)
	}
	return batch, err
}

// sharesEmail tells whether row p gives the email of the caller report id is filed
// under (a household's correction: the same form's submission, see sameSheet).
func (c *callImport) sharesEmail(p *pendingCall, id uuid.UUID) (bool, error) {
	if p.email == 0 {
		return false, nil
	}
	old, err := c.correctedReport(id)
	return emailKey(old.email) == p.email, err
}
