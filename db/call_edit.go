package db

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// A call report is editable (reports arrive days later, and a volunteer corrects
// hers), and a lead exports the online form again: the edited row has the report's
// key (see keys) but holds something else (contentOf), or has the key of another
// outcome. Several calls of one key are reports of their own by design (see slotID),
// so such a row is held (flush) until the file is read, and then (settleSimilar):
//   - if every stored report of its key is a row of the file too, it is another call,
//     added;
//   - if one stored report is left that no row of the file is, and no other held row
//     may be it, the row is that report edited: updated, keeping its UUID, the old
//     content recorded for an undo (applyEdits);
//   - else the import cannot tell: the row is listed with the reports it may be, and
//     left out, unless the lead asks to add such rows (AddSimilar).
//
// A row with a report's own UUID (ChapterDesk's call export, edited in a spreadsheet)
// that holds something else is that report edited, and updated alike; but one that
// names another legislator, caller or time is no correction of a report's content:
// the import does not move a report unasked, and leaves the row out, listed (Moved).

// settleSimilar decides what the held rows are, once the file is read, and adds those
// that are calls of their own. It runs on the writing goroutine, after the reading
// one has ended.
func (c *callImport) settleSimilar() error {
	if len(c.held) == 0 {
		return nil
	}
	slices.Sort(c.matched)
	// A report one row alone is, its caller corrected (recaller), is no other row's
	// near call: a household's calls minutes apart, each corrected, are each its own.
	recalls := map[uuid.UUID]int{}
	for i := range c.held {
		p := &c.held[i]
		p.recaller = slices.DeleteFunc(p.recaller, func(id uuid.UUID) bool {
			_, ok := slices.BinarySearch(c.matched, idKey(id))
			return ok // another row of the file is that report: this one is another call
		})
		for _, id := range p.recaller {
			recalls[id]++
		}
	}
	recalled := map[uuid.UUID]bool{}
	for i := range c.held {
		if p := &c.held[i]; len(p.recaller) == 1 && recalls[p.recaller[0]] == 1 {
			recalled[p.recaller[0]] = true
		}
	}
	claims := map[uuid.UUID]int{}
	for i := range c.held {
		p := &c.held[i]
		if p.own {
			continue // its report is matched by the row itself
		}
		var rows []uuid.UUID // the reports of its key other rows of the file are
		p.similar = slices.DeleteFunc(p.similar, func(id uuid.UUID) bool {
			_, ok := slices.BinarySearch(c.matched, idKey(id))
			if ok {
				rows = append(rows, id)
			}
			return ok
		})
		p.near = slices.DeleteFunc(p.near, func(id uuid.UUID) bool {
			_, ok := slices.BinarySearch(c.matched, idKey(id))
			return ok || slices.Contains(p.similar, id) || recalled[id]
		})
		for _, id := range slices.Concat(p.similar, p.recaller) {
			claims[id]++
		}
		if len(p.similar) == 0 && len(p.near) == 0 && len(p.recaller) == 0 && !c.opts.AddSimilar {
			if err := c.findTwin(p, rows); err != nil {
				return err
			}
		}
	}
	var add []pendingCall
	for i := range c.held {
		p := &c.held[i]
		switch {
		case p.own:
			c.edits = append(c.edits, p)
		case p.twin:
			c.listTwin(p)
		case len(p.similar) == 0 && len(p.near) == 0 && len(p.recaller) == 0:
			add = append(add, *p)
		case len(p.similar) == 1 && len(p.recaller) == 0 && claims[p.similar[0]] == 1:
			c.edits = append(c.edits, p)
		case len(p.similar) == 0 && len(p.near) == 0 && len(p.recaller) == 1 && claims[p.recaller[0]] == 1:
			// Moved (and edited) only in the sheet it came from, imported again: but for
			// a household's correction (the email of the report's caller, see recallTarget),
			// the row may be another volunteer's call of the same time and legislator.
			edited, household := slices.Contains(p.recallEdited, p.recaller[0]), false
			if !edited {
				var err error
				if household, err = c.sharesEmail(p, p.recaller[0]); err != nil {
					return err
				}
			}
			if !household {
				same, err := c.sameSheet(p, p.recaller[0])
				if err != nil {
					return err
				}
				if !same {
					if c.opts.AddSimilar {
						add = append(add, *p)
					} else {
						p.otherSheet = true // listed with the possible duplicates (see applyEdits)
						c.similar = append(c.similar, p)
					}
					continue
				}
			}
			if c.opts.AddSimilar && edited {
				// Held unless its caller is told (see moveCallers): asked, added.
				k, err := c.recallTarget(p)
				if err != nil {
					return err
				}
				if k.to == 0 && !k.same {
					add = append(add, *p)
					continue
				}
			}
			c.recalled = append(c.recalled, p)
		case c.opts.AddSimilar:
			add = append(add, *p)
		default:
			p.near = append(p.near, p.recaller...) // listed as one may be (see nearReason)
			c.similar = append(c.similar, p)
		}
	}
	c.settling = true
	c.chunk = add
	return c.flush()
}

// findTwin tells whether one of the stored reports of a held row's key that other
// rows of the file are (rows) holds what the row holds but for the stance heard (see
// pendingCall.twin): the row would otherwise be added as another call of the same
// second, beside the report the row before it is.
func (c *callImport) findTwin(p *pendingCall, rows []uuid.UUID) error {
	for _, id := range rows {
		old, _, err := c.storedReport(id)
		if err != nil {
			return err
		}
		if old.Outcome == p.in.Outcome && c.contentOf(old.Office, "", old.Notes) == p.sans {
			p.twin, p.twinOf = true, fmt.Sprintf("report %s, which another row of the file is, with its stance heard %q", old.UUID, old.StanceHeard.Label())
			return nil
		}
	}
	return nil
}

// listTwin leaves out a row that holds what another row's report of its key holds but
// for the stance heard (see pendingCall.twin), listed with the possible duplicates.
func (c *callImport) listTwin(p *pendingCall) {
	other := "a row before it in the file"
	if p.twinOf != "" {
		other = p.twinOf
	}
	heard := p.in.StanceHeard.Label()
	if p.in.StanceHeard == "" {
		heard = "no stance"
	}
	c.sum.Similar = append(c.sum.Similar, UnresolvedCall{Line: p.in.Line, Legislator: p.in.Legislator, Cells: p.in.Cells,
		Reason: fmt.Sprintf("may be %s, sent again with the stance heard changed to %q (the same caller, time, legislator, outcome, office and notes), or another call: left out",
			other, heard)})
}

// storedReport is the report of a UUID as the table holds it, for an edit, with
// its caller.
func (c *callImport) storedReport(id uuid.UUID) (CallReport, storedCaller, error) {
	r := CallReport{UUID: id.String()}
	var at int64
	var k storedCaller
	err := c.l.tx.QueryRowContext(c.l.ctx, `SELECT r.id, r.campaign_id, r.legislator_id, r.called_at, r.office, r.outcome, r.stance_heard, r.notes,
		`+storedCallerCols+` FROM call_reports r LEFT JOIN volunteers v ON v.id = r.volunteer_id WHERE r.uuid = ?`, r.UUID).Scan(
		&r.ID, &r.CampaignID, &r.LegislatorID, &at, &r.Office, &r.Outcome, &r.StanceHeard, &r.Notes, &k.uuid, &k.email, &k.nameKey)
	if err != nil {
		return r, k, fmt.Errorf("call report %s: %w", r.UUID, err)
	}
	r.CalledAt = fromUnix(at)
	return r, k, nil
}

// movedFields says what a row with a report's own UUID changes that an edit does
// not: the legislator, the time, the caller (see callerChange). Empty when none.
func (c *callImport) movedFields(old *CallReport, oldCaller storedCaller, p *pendingCall) ([]string, error) {
	var said []string
	if old.LegislatorID != p.leg {
		said = append(said, fmt.Sprintf("another legislator (%s, the report's %s)", c.resolver.names[p.leg], c.legislatorName(old.LegislatorID)))
	}
	// A time written to the minute (a sheet re-saved in Excel: "3/14/2026 14:05") is
	// the report's when the report's is within that minute, as the form import reads it.
	if sameTime := stamp(old.CalledAt) == stamp(p.r.CalledAt) ||
		p.in.NoSeconds && old.CalledAt.Truncate(time.Minute).Equal(p.r.CalledAt.Truncate(time.Minute)); !sameTime {
		said = append(said, fmt.Sprintf("another time (%s, the report's %s)", c.sum.Zone.Clock(p.r.CalledAt), c.sum.Zone.Clock(old.CalledAt)))
	}
	changed, err := c.callerChange(oldCaller, &p.in)
	if changed != "" {
		said = append(said, changed)
	}
	return said, err
}

// legislatorName is a legislator's name by id, for a message.
func (c *callImport) legislatorName(id int64) string {
	if n, ok := c.resolver.names[id]; ok {
		return n
	}
	var n string
	if err := c.l.tx.QueryRowContext(c.l.ctx, `SELECT name FROM legislators WHERE id = ?`, id).Scan(&n); err != nil {
		return fmt.Sprintf("legislator %d", id)
	}
	return n
}

// editedFields are what a report's edit changes, by column, with each value before
// and after, stored and as a person reads them.
func editedFields(old, now *CallReport) (cols []string, before, after map[string]string, said []string) {
	before, after = map[string]string{}, map[string]string{}
	for _, f := range []struct {
		col, label, was, is, wasText, isText string
	}{
		{"office", "office", string(old.Office), string(now.Office), old.Office.Label(), now.Office.Label()},
		{"outcome", "outcome", string(old.Outcome), string(now.Outcome), old.Outcome.Label(), now.Outcome.Label()},
		{"stance_heard", "stance heard", string(old.StanceHeard), string(now.StanceHeard), old.StanceHeard.Label(), now.StanceHeard.Label()},
		{"notes", "notes", old.Notes, now.Notes, old.Notes, now.Notes},
	} {
		if f.was == f.is {
			continue
		}
		cols, before[f.col], after[f.col] = append(cols, f.col), f.was, f.is
		said = append(said, fmt.Sprintf("%s %q to %q", f.label, f.wasText, f.isText))
	}
	return cols, before, after, said
}

// standingOn is the id of the whip count history row the campaign's current stance
// stands on when it cites report id, 0 when the count stands on another.
func (c *callImport) standingOn(report int64) (int64, error) {
	var h int64
	err := c.l.tx.QueryRowContext(c.l.ctx, `SELECT h.id FROM stances st JOIN stance_history h ON h.id = st.history_id
		WHERE st.campaign_id = ? AND h.call_report_id = ?`, c.campaign, report).Scan(&h)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return h, err
}

// fallBack puts the whip count back on the stance it has without report r (liveStance,
// as a trash of r would), "unknown" when there was none, passing over every
// row of that same report (an earlier stance of it a re-import corrected: no report
// gives it any more) and of the reports in the trash: r was corrected to
// say nothing that moves the count (its stance cleared or Didn't say, or its outcome
// a voicemail or no answer), as said says. A history row of the import's batch says so
// (undone with it); it cites no report, as no call heard that stance now.
func (c *callImport) fallBack(r *CallReport, caller, said string) error {
	row, err := liveStance(c.l.ctx, c.l.tx, c.campaign, r.LegislatorID, r.ID)
	if err != nil {
		return err
	}
	before := row.stance
	if err := c.l.AddStance(&StanceChange{CampaignID: c.campaign, LegislatorID: r.LegislatorID, Stance: before,
		ChangedAt: r.CalledAt, ChangedBy: caller,
		Reason: fmt.Sprintf("report %s corrected (%s), which moves no count: back to the stance before it", r.UUID, said)}); err != nil {
		return err
	}
	c.current[r.LegislatorID] = before
	c.sum.StanceChanges++
	return nil
}

// applyEdits updates the reports the held rows edit (see settleSimilar), each change
// recorded in import_changes as a volunteer's update is, so an undo puts the old
// content back, and lists the rows left out as possible duplicates. A stance heard
// that changed is weighed (UpdateStances) as a new report's is. It runs once the
// reports are written and the indexes are back: each report is found by its UUID.
func (c *callImport) applyEdits() error {
	sum := &c.sum
	for _, p := range c.edits {
		in := &p.in
		if p.bad != nil {
			return fmt.Errorf("line %d: %w", in.Line, p.bad)
		}
		old, oldCaller, err := c.storedReport(p.similar[0])
		if err != nil {
			return err
		}
		moved, err := c.movedFields(&old, oldCaller, p)
		if err != nil {
			return err
		}
		if p.own && len(moved) > 0 {
			sum.Moved = append(sum.Moved, UnresolvedCall{Line: in.Line, Legislator: in.Legislator, Cells: in.Cells,
				Reason: fmt.Sprintf("the row has the UUID of report %s but names %s: left out, the report kept as it is (an import never moves a report its uuid names: to file the call as the row has it, clear the row's uuid and import it as another call, and put report %[1]s in the trash in the app, Calls, if the row stands for it)",
					old.UUID, strings.Join(moved, ", "))})
			continue
		}
		// A sheet from before a correction moved the report to another caller: its
		// cells are the report's before, under the caller it names (see movedBefore).
		if !p.own && !p.movedCaller {
			listed, err := c.movedBeforeOf(p, old.UUID)
			if err != nil {
				return err
			}
			if listed {
				sum.Unchanged++
				continue
			}
		}
		// Edited where it is: under another campaign, it stays there, listed, and
		// moves no whip count of the import's campaign.
		elsewhere := old.CampaignID != c.campaign
		if elsewhere {
			if err := c.noteElsewhere(in.Line, old.LegislatorID, old.CampaignID); err != nil {
				return err
			}
		}
		if in.StanceNotSaid && old.StanceHeard == StanceUndecided && (p.r.StanceHeard == StanceUnknown || p.r.StanceHeard == "") {
			// Read under the older rule, not edited: the report and the count it
			// moved stay as they are, and the lead is told why the row reads otherwise.
			p.r.StanceHeard = old.StanceHeard
			sum.ReadBefore = append(sum.ReadBefore, UnresolvedCall{Line: in.Line, Legislator: in.Legislator,
				Reason: fmt.Sprintf("report %s: an older ChapterDesk read the row's answer as Undecided, which this version reads as Didn't say (it says nothing of a stance); the report keeps Undecided and the whip count is not moved: edit the report in the app if the legislator had not decided", old.UUID)})
		}
		cols, before, after, said := editedFields(&old, &p.r)
		var listed []string
		if p.movedCaller {
			listed = append(listed, "volunteer_id") // moved by moveCallers, counted here
		}
		if len(cols) == 0 { // the row of another outcome that holds the same
			if p.movedCaller {
				sum.Updated++
				sum.list(ImportChange{Line: in.Line, Action: "update", Name: in.CallerName + " called " + c.resolver.titleAt(p.leg, p.in.CalledAt), Fields: listed})
			} else {
				sum.Unchanged++
			}
			continue
		}
		// The report's stamp too: its undo puts the report back as it was, not as edited
		// now (an undo of its import then judged it edited since, and trashed it: see
		// callEditedSince).
		var stamped int64
		if err := c.l.tx.QueryRowContext(c.l.ctx, `SELECT updated_at FROM call_reports WHERE id = ?`, old.ID).Scan(&stamped); err != nil {
			return err
		}
		before["updated_at"] = strconv.FormatInt(stamped, 10)
		if err := recordChange(c.l.ctx, c.l.tx, sum.BatchID, "call_reports", old.ID, before, after); err != nil {
			return err
		}
		if _, err := c.l.tx.ExecContext(c.l.ctx, `UPDATE call_reports SET office = ?, outcome = ?, stance_heard = ?, notes = ?, updated_at = ?
			WHERE id = ?`, string(p.r.Office), string(p.r.Outcome), string(p.r.StanceHeard), p.r.Notes, c.l.now, old.ID); err != nil {
			return fmt.Errorf("line %d: update call report %s: %w", in.Line, old.UUID, err)
		}
		sum.Updated++
		sum.Edited = append(sum.Edited, UnresolvedCall{Line: in.Line, Legislator: in.Legislator,
			Reason: fmt.Sprintf("report %s edited: %s", old.UUID, strings.Join(said, "; "))})
		sum.list(ImportChange{Line: in.Line, Action: "update", Name: in.CallerName + " called " + c.resolver.titleAt(p.leg, p.in.CalledAt), Fields: append(listed, cols...)})
		// The whip count standing on this very report moves with its correction (it
		// kept what the report no longer says); other reports' stances move it only
		// when asked (UpdateStances). What the count may take from a report is its
		// WhipStance: an outcome corrected to a voicemail takes its stance away as
		// surely as the stance cleared, and one corrected from it gives it.
		if elsewhere || whipStanceOf(&old) == whipStanceOf(&p.r) {
			continue
		}
		standsOn, err := c.standingOn(old.ID)
		if err != nil {
			return err
		}
		if !c.opts.UpdateStances && standsOn == 0 {
			continue
		}
		r := p.r
		r.ID, r.UUID, r.LegislatorID, r.CalledAt = old.ID, old.UUID, old.LegislatorID, old.CalledAt
		if err := c.weighStance(&r, in.Line, in.Legislator, in.CallerName, standsOn != 0); err != nil {
			return err
		}
		if standsOn == 0 {
			continue
		}
		// Corrected to what moves no count ("didn't say", no stance): the count
		// still stands on the report's old word unless it falls back.
		// (Moved, it stands on the correction: on to the next row. A return here
		// once ended the edits, the rest of the file's neither applied nor counted.)
		still, err := c.standingOn(old.ID)
		if err != nil {
			return err
		}
		if still != standsOn {
			continue
		}
		if err := c.fallBack(&r, in.CallerName, strings.Join(said, "; ")); err != nil {
			return err
		}
	}
	for _, p := range c.similar {
		if p.otherSheet {
			if err := c.listOtherSheet(p); err != nil {
				return err
			}
			continue
		}
		var may []string
		for _, id := range p.similar {
			old, _, err := c.storedReport(id)
			if err != nil {
				return err
			}
			_, _, _, said := editedFields(&old, &p.r)
			who, err := c.reportOf(old.ID)
			if err != nil {
				return err
			}
			may = append(may, fmt.Sprintf("%s edited (%s)", who, strings.Join(said, "; ")))
		}
		for _, id := range p.near {
			why, err := c.nearReason(id, p)
			if err != nil {
				return err
			}
			may = append(may, why)
		}
		// How to add it anyway is the caller's to say: the verb's --add-similar, the
		// import wizard's choice.
		sum.Similar = append(sum.Similar, UnresolvedCall{Line: p.in.Line, Legislator: p.in.Legislator, Cells: p.in.Cells,
			Reason: fmt.Sprintf("may be %s, or another call: left out", strings.Join(may, ", or "))})
	}
	// In the file's order: the rows listed as they were read (see listTwin) came first.
	slices.SortStableFunc(sum.Similar, func(a, b UnresolvedCall) int { return a.Line - b.Line })
	return nil
}

// listOtherSheet lists a row held as it may be a report of its time and legislator
// with its caller and content corrected, in a file that is not that report's sheet
// imported again (see sameSheet): another volunteer's call of that time, or the
// correction sent in a sheet of its own.
func (c *callImport) listOtherSheet(p *pendingCall) error {
	old, _, err := c.storedReport(p.recaller[0])
	if err != nil {
		return err
	}
	who, err := c.reportOf(old.ID)
	if err != nil {
		return err
	}
	batch, err := c.batchOf(p.recaller[0])
	if err != nil {
		return err
	}
	// The sheet of one row is that row: it is put right by the import undone.
	fix := "import the whole corrected sheet again"
	if batch.Valid {
		fix = fmt.Sprintf("import the whole sheet of import %d, corrected, again (or undo import %d and import it corrected)", batch.Int64, batch.Int64)
	}
	_, _, _, said := editedFields(&old, &p.r)
	said = append([]string{"its caller corrected to " + p.in.CallerName}, said...)
	c.sum.Similar = append(c.sum.Similar, UnresolvedCall{Line: p.in.Line, Legislator: p.in.Legislator, Cells: p.in.Cells,
		Reason: fmt.Sprintf("may be %s of %s with %s, or another call to the same legislator at that time: left out, the report kept as it is "+
			"(no other row of the file is a report of the import that filed it); to correct that report, %s",
			who, c.sum.Zone.Clock(old.CalledAt), strings.Join(said, "; "), fix)})
	return nil
}

// reportOf names a stored report by its caller as the lead knows them, "Ana
// Silva's report (of Lynn, ana@example.org)", or "a report with no caller": a
// possible duplicate named by its UUID sent the lead to a column they never see
// (tester, s41).
func (c *callImport) reportOf(id int64) (string, error) {
	var first, last, city, email string
	err := c.l.tx.QueryRowContext(c.l.ctx, `SELECT coalesce(v.first_name, ''), coalesce(v.last_name, ''), coalesce(v.city, ''),
		coalesce(v.email, '') FROM call_reports r LEFT JOIN volunteers v ON v.id = r.volunteer_id WHERE r.id = ?`, id).Scan(
		&first, &last, &city, &email)
	if err != nil {
		return "", fmt.Errorf("call report %d: %w", id, err)
	}
	name := strings.TrimSpace(first + " " + last)
	if name == "" && email == "" {
		return "a report with no caller", nil
	}
	if name == "" {
		name = "(no name given)"
	}
	var about []string
	if city != "" {
		about = append(about, "of "+city)
	}
	if email != "" {
		about = append(about, email)
	}
	if len(about) == 0 {
		return name + "'s report", nil
	}
	return fmt.Sprintf("%s's report (%s)", name, strings.Join(about, ", ")), nil
}

// whipStanceOf is the stance r gives the whip count, by WhipStance: "" for none.
func whipStanceOf(r *CallReport) Stance {
	st, _ := r.WhipStance("")
	return st
}

// storedCaller is the volunteer a stored report was filed under, as a row of
// ChapterDesk's call export names them: their UUID, email and folded name (name_key),
// each "" for a report of no one.
type storedCaller struct {
	uuid, email, nameKey string
}

// storedCallerCols read a storedCaller of the report r, its volunteer v joined.
const storedCallerCols = `coalesce(v.uuid, ''), coalesce(v.email, ''), coalesce(v.name_key, '')`

// callerChange says how the caller a row names differs from its report's, "" when
// it does not: by the volunteer UUID, the email and the name the row gives (a
// column the row leaves empty says nothing). Each is compared, not only the one
// the import would find the caller by: a lead who corrects the caller of an
// exported row in a spreadsheet types the name, or the email, and leaves the UUID.
// The volunteer UUID says something only when the roster has it: the export of
// another chapter's file names its own volunteers, whom an import of it added here
// under UUIDs of their own (see callerIndex.byUUIDOf), and it is imported again
// unchanged.
func (c *callImport) callerChange(k storedCaller, in *IncomingCall) (string, error) {
	var said []string
	if in.CallerUUID != "" && !strings.EqualFold(in.CallerUUID, k.uuid) {
		_, here, err := c.callers.volunteerOf(c.l, in.CallerUUID)
		if err != nil {
			return "", err
		}
		if here {
			said = append(said, fmt.Sprintf("another caller (volunteer %s, the report's %q)", in.CallerUUID, k.uuid))
		}
	}
	if email := strings.TrimSpace(in.CallerEmail); email != "" && !strings.EqualFold(email, k.email) {
		said = append(said, fmt.Sprintf("another email (%q, the report's caller's %q)", in.CallerEmail, k.email))
	}
	if strings.TrimSpace(in.CallerName) != "" && callerNameKey(in.CallerName, fold(in.CallerName)) != k.nameKey {
		said = append(said, fmt.Sprintf("another caller's name (%q, the report's caller's %q)", in.CallerName, k.nameKey))
	}
	return strings.Join(said, ", "), nil
}

// checkOwnCallers holds the rows of the chunk found by their own UUID (byOwn) that
// name another caller than their report (callerChange): no edit of the report's
// content, which such a row was counted unchanged for, the edit dropped without a
// word. Held as a row edited is (see find), applyEdits lists it with the rows moved.
// The reports' callers are read together, one query a chunk; a file with no such
// row reads nothing.
func (c *callImport) checkOwnCallers() error {
	var ids []any
	for i := range c.chunk {
		if p := &c.chunk[i]; p.byOwn && p.inTable {
			ids = append(ids, p.uuid)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	callers := make(map[string]storedCaller, len(ids))
	if err := eachRow(c.l.ctx, c.l.tx, func(r *sql.Rows) error {
		var id string
		var k storedCaller
		err := r.Scan(&id, &k.uuid, &k.email, &k.nameKey)
		callers[id] = k
		return err
	}, `SELECT r.uuid, `+storedCallerCols+` FROM call_reports r LEFT JOIN volunteers v ON v.id = r.volunteer_id
		WHERE r.uuid IN (`+placeholders(len(ids))+`)`, ids...); err != nil {
		return fmt.Errorf("read the reports' callers: %w", err)
	}
	for i := range c.chunk {
		p := &c.chunk[i]
		if !p.byOwn || !p.inTable {
			continue
		}
		if k, ok := callers[p.uuid]; ok {
			changed, err := c.callerChange(k, &p.in)
			if err != nil {
				return err
			}
			if changed == "" {
				continue
			}
		}
		p.inTable, p.own, p.similar = false, true, []uuid.UUID{p.key}
		c.newReport(p)
	}
	return nil
}

// districtDisagrees leaves out, listed with why, a row with a report's UUID whose
// district or chamber column names another legislator than its name (pendingCall.disagree)
// when its name is the report's legislator, or the table has no such report: the
// district cell was edited, and the report would be counted unchanged, the edit lost
// without a word (tester s46). A name edited beside the district the export wrote is
// the row moved to another legislator, listed as such (movedFields).
func (c *callImport) districtDisagrees(p *pendingCall) (bool, error) {
	own, err := uuid.Parse(p.in.UUID)
	if err != nil {
		return false, nil
	}
	old, _, err := c.storedReport(own)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return false, err
	case old.LegislatorID != p.leg:
		return false, nil
	}
	c.sum.Unresolved = append(c.sum.Unresolved, UnresolvedCall{Line: p.in.Line, Legislator: p.in.Legislator, Cells: p.in.Cells,
		Reason: p.disagree + "; the name and the seat disagree: left out, the report kept as it is (write the name, chamber and district of the legislator called)"})
	return true, nil
}
