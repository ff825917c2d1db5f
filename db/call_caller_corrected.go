package db

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"
)

// A lead who sees a call filed to the wrong volunteer (the form said "Robert Jones",
// it was Linda Jones who shares his email) corrects the caller's name, or name and
// email, in the sheet and imports it again. The row then has another key (the key
// names the caller, see keys), and findByTime finds the report it is by its time,
// legislator, outcome and content, filed under another caller (recaller). Once the
// file is read, a row that is the one such report no other row of the file is
// (settleSimilar) is that report with its caller corrected: moveCallers moves it to
// the volunteer the row names, or says why it cannot.

// correctedCaller is the report a recalled row is, with the volunteer it is filed
// under.
type correctedCaller struct {
	id, volunteer, campaign int64
	first, last, email      string
}

// moveCallers moves each report a row corrects the caller of (see recalled) to the
// volunteer the row names, when exactly one live roster volunteer has the row's name
// and email (or, the row giving no email, its name): counted updated, listed
// (CallerMoved), the old caller recorded for the undo. The row that names the
// report's own volunteer otherwise than the roster (a family name misspelt, its
// email theirs: as the import files such a row, see callerIndex.correction) is the
// report unchanged. Any other is listed (CallerDiffers) and left out, the report
// kept: the import does not guess whose call it is, nor adds a volunteer for it (a
// call's caller is not edited in the app: the volunteer added, the same file moves it).
//
// A row that holds something else too (recallEdited: the caller and another cell
// corrected together) is that report moved and edited (applyEdits, counted once), or,
// its caller not told, held as a possible duplicate (see settleSimilar for AddSimilar);
// settleSimilar holds it too, and a row of another email than the report's caller,
// when the file is not the report's sheet imported again (see sameSheet).
func (c *callImport) moveCallers() error {
	sum := &c.sum
	for _, p := range c.recalled {
		in := &p.in
		id := p.recaller[0]
		k, err := c.recallTarget(p)
		if err != nil {
			return err
		}
		old, to, many, wordWhy, sameEmail := k.old, k.to, k.many, k.wordWhy, k.sameEmail
		was := strings.TrimSpace(old.first + " " + old.last)
		if was == "" {
			was = "no caller"
		}
		edited := slices.Contains(p.recallEdited, id)
		if edited && (k.same || to != 0) {
			p.similar = []uuid.UUID{id}
			c.edits = append(c.edits, p)
		}
		switch {
		case k.same && edited:
			continue // the report's own caller: edited where it is (applyEdits)
		case k.same:
			sum.Unchanged++
		case to != 0:
			if err := recordChange(c.l.ctx, c.l.tx, sum.BatchID, "call_reports", old.id,
				map[string]string{"volunteer_id": idText(old.volunteer)}, map[string]string{"volunteer_id": idText(to)}); err != nil {
				return err
			}
			if _, err := c.l.tx.ExecContext(c.l.ctx, `UPDATE call_reports SET volunteer_id = ?, updated_at = ? WHERE id = ?`,
				to, c.l.now, old.id); err != nil {
				return fmt.Errorf("line %d: move call report %s: %w", in.Line, id, err)
			}
			sum.CallerMoved = append(sum.CallerMoved, UnresolvedCall{Line: in.Line, Legislator: in.Legislator,
				Reason: fmt.Sprintf("the report of this call (%s) was filed under %s; moved to %s (%s), whom the row names (undone with the import)",
					c.sum.Zone.Clock(p.r.CalledAt), c.callerRef(was, old.volunteer), in.CallerName, c.callers.ref(to))})
			if edited {
				p.movedCaller = true // counted and listed with its edit (applyEdits)
				continue
			}
			sum.Updated++
			sum.list(ImportChange{Line: in.Line, Action: "update", Name: in.CallerName + " called " + c.resolver.titleAt(p.leg, p.in.CalledAt), Fields: []string{"volunteer_id"}})
		case edited:
			p.near = []uuid.UUID{id} // listed as it may be (see nearReason), left out
			c.similar = append(c.similar, p)
			continue
		case wordWhy != "":
			sum.CallerDiffers = append(sum.CallerDiffers, UnresolvedCall{Line: in.Line, Legislator: in.Legislator, Cells: in.Cells,
				Reason: fmt.Sprintf("its report (the same time, legislator, outcome and notes) is filed under %s, but %s; the report kept as it is",
					c.callerRef(was, old.volunteer), wordWhy)})
			continue
		default:
			why, fix := "no volunteer on the roster has that name", "add them to the roster (Volunteers) and import again: the report then moves to them"
			if p.email != 0 {
				why = "no volunteer on the roster has that name and email"
				fix = "add them to the roster (Volunteers) with that email and import again: the report then moves to them"
			}
			if many {
				why, fix = "more than one volunteer on the roster has that name", "give the row the email of the one who called and import again"
			}
			if owners := c.emailOwners(p); len(owners) > 1 {
				why += "; its email is that of " + strings.Join(owners, ", ")
			} else if sameEmail && !many {
				fix += fmt.Sprintf("; if %s is %s misspelt, correct the volunteer's name instead (Volunteers)", was, in.CallerName)
			}
			sum.CallerDiffers = append(sum.CallerDiffers, UnresolvedCall{Line: in.Line, Legislator: in.Legislator, Cells: in.Cells,
				Reason: fmt.Sprintf("the row names the caller %s, but its report (the same time, legislator, outcome and notes) is filed under %s, and %s: left out, the report kept as it is; if it is %s's call, %s",
					in.CallerName, c.callerRef(was, old.volunteer), why, in.CallerName, fix)})
			continue
		}
		if c.others {
			c.elsewhere = append(c.elsewhere, elsewhereRow{id: id, line: in.Line, leg: p.leg})
		}
		if c.opts.UpdateStances && old.campaign == c.campaign && in.StanceHeard != "" && in.StanceHeard != StanceUnknown {
			c.stored = append(c.stored, storedCall{uuid: id.String(), line: in.Line, legislator: in.Legislator, caller: in.CallerName})
		}
	}
	return nil
}

// recallTarget is whom a recalled row's report moves to (see moveCallers): the
// report, with its caller; to, the one roster volunteer the row names (0 when none
// is, or several are: many); same, when the row names the report's own volunteer
// otherwise than the roster (a family name misspelt, its email theirs); wordWhy, why
// a name of one word names none of its email's volunteers.
type recallTarget struct {
	old        correctedCaller
	to         int64
	many, same bool
	sameEmail  bool
	wordWhy    string
}

func (c *callImport) recallTarget(p *pendingCall) (recallTarget, error) {
	var k recallTarget
	var err error
	if k.old, err = c.correctedReport(p.recaller[0]); err != nil {
		return k, err
	}
	if k.to, k.many, err = c.rosterCaller(p); err != nil {
		return k, err
	}
	// A name of one word, or none, with an email: as a new row is filed (see
	// callerIndex.emailAndWord), the one of the email's volunteers it names.
	if k.to == 0 && !k.many && p.email != 0 {
		at, why, err := c.callers.emailAndWord(c.l, p)
		if err != nil {
			return k, err
		}
		if at >= 0 {
			k.to = c.callers.callers[at].id
		}
		k.wordWhy = why
	}
	first, _ := SplitFullName(p.in.CallerName)
	k.sameEmail = p.email != 0 && emailKey(k.old.email) == p.email
	k.same = k.to == k.old.volunteer && k.to != 0 ||
		k.to == 0 && !k.many && k.old.volunteer != 0 && k.sameEmail && !stemOf(k.old.first).differs(stemOf(first))
	return k, nil
}

// emailOwners names the roster volunteers who share a row's email ("Robert Jones
// (volunteer 51)"), when more than one does: a correction to a name none of them has
// is then no misspelling of the one the report was filed under.
func (c *callImport) emailOwners(p *pendingCall) []string {
	var names []string
	for _, at := range c.callers.sharers[p.email] {
		name, err := c.callers.rosterName(c.l, at)
		if err != nil {
			return nil
		}
		names = append(names, fmt.Sprintf("%s (%s)", name, c.callers.ref(c.callers.callers[at].id)))
	}
	return names
}

// callerRef names a report's caller for a message: "Robert Jones (volunteer 51)".
func (c *callImport) callerRef(name string, id int64) string {
	if id == 0 {
		return name
	}
	return fmt.Sprintf("%s (%s)", name, c.callers.ref(id))
}

// idText is a row id as import_changes keeps it, "" for none (see nullableRefs).
func idText(id int64) string {
	if id == 0 {
		return ""
	}
	return fmt.Sprint(id)
}

// correctedReport reads the report a recalled row is, with its caller.
func (c *callImport) correctedReport(id uuid.UUID) (correctedCaller, error) {
	var k correctedCaller
	var volunteer sql.NullInt64
	err := c.l.tx.QueryRowContext(c.l.ctx, `SELECT r.id, r.volunteer_id, r.campaign_id, coalesce(v.first_name, ''), coalesce(v.last_name, ''),
		coalesce(v.email, '') FROM call_reports r LEFT JOIN volunteers v ON v.id = r.volunteer_id WHERE r.uuid = ?`, id.String()).Scan(
		&k.id, &volunteer, &k.campaign, &k.first, &k.last, &k.email)
	if err != nil {
		return k, fmt.Errorf("call report %s: %w", id, err)
	}
	k.volunteer = volunteer.Int64
	return k, nil
}

// rosterCaller is the one live volunteer of the chapter a row names: by its name
// (name_key, as callerNameKey folds it) and, when the row gives one, its email; 0
// when none is, or several are (many).
func (c *callImport) rosterCaller(p *pendingCall) (id int64, many bool, err error) {
	key := callerNameKey(p.in.CallerName, fold(p.in.CallerName))
	err = eachRow(c.l.ctx, c.l.tx, func(r *sql.Rows) error {
		var v int64
		var email string
		if err := r.Scan(&v, &email); err != nil {
			return err
		}
		if p.email != 0 && emailKey(email) != p.email {
			return nil
		}
		if id != 0 {
			many = true
		}
		id = v
		return nil
	}, `SELECT id, email FROM volunteers WHERE chapter_id = ? AND name_key = ? AND deleted_at IS NULL`, c.l.chapterID, key)
	if err != nil {
		return 0, false, fmt.Errorf("find the caller %q: %w", p.in.CallerName, err)
	}
	if many {
		return 0, true, nil
	}
	return id, false, nil
}

// movedBefore lists a row found unchanged (CallerMovedBefore) whose report an import
// moved to another caller than the row names (see moveCallers): a sheet from before
// the correction, imported again, would otherwise say "unchanged" of a report filed
// under someone the row does not name. The reports so moved are read once, at the
// first row found unchanged.
func (c *callImport) movedBefore(p *pendingCall) error {
	_, err := c.movedBeforeOf(p, p.uuid)
	return err
}

// movedBeforeOf lists row p as movedBefore does, of the report id (a row's own, or
// the report a held row edits: an older sheet's cells under the caller a correction
// moved the report to, see applyEdits), and tells whether it did.
func (c *callImport) movedBeforeOf(p *pendingCall, id string) (bool, error) {
	if c.moved == nil {
		c.moved = map[string]int64{}
		err := eachRow(c.l.ctx, c.l.tx, func(r *sql.Rows) error {
			var id string
			var batch int64
			err := r.Scan(&id, &batch)
			c.moved[id] = max(c.moved[id], batch)
			return err
		}, `SELECT r.uuid, ch.batch_id FROM import_changes ch JOIN import_batches b ON b.id = ch.batch_id
			JOIN call_reports r ON r.id = ch.row_id
			WHERE ch.table_name = 'call_reports' AND b.undone_at IS NULL AND ch.before LIKE '%"volunteer_id"%' AND r.deleted_at IS NULL`)
		if err != nil {
			return false, fmt.Errorf("the reports moved to another caller: %w", err)
		}
	}
	batch, ok := c.moved[id]
	if !ok {
		return false, nil
	}
	var volunteer sql.NullInt64
	var nameKey, first, last string
	if err := c.l.tx.QueryRowContext(c.l.ctx, `SELECT r.volunteer_id, coalesce(v.name_key, ''), coalesce(v.first_name, ''), coalesce(v.last_name, '')
		FROM call_reports r LEFT JOIN volunteers v ON v.id = r.volunteer_id WHERE r.uuid = ?`, id).Scan(
		&volunteer, &nameKey, &first, &last); err != nil {
		return false, fmt.Errorf("call report %s: %w", id, err)
	}
	if nameKey != "" && nameKey == callerNameKey(p.in.CallerName, fold(p.in.CallerName)) {
		return false, nil
	}
	in := &p.in
	c.sum.CallerMovedBefore = append(c.sum.CallerMovedBefore, UnresolvedCall{Line: in.Line, Legislator: in.Legislator,
		Reason: fmt.Sprintf("the row names the caller %s, but import %d moved its report to %s, from a sheet corrected since: kept as it is; if %s made this call, undo import %d",
			in.CallerName, batch, c.callerRef(strings.TrimSpace(first+" "+last), volunteer.Int64), in.CallerName, batch)})
	return true, nil
}
