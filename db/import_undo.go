package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// UndoSummary is what taking an import back did.
type UndoSummary struct {
	Deleted  int // records the import created, deleted
	Restored int // records it changed, with their earlier values again
	// Trashed are records the import created that something recorded since cites (a
	// call report by a volunteer it added, a stance change citing a report it
	// brought): they go to the trash instead, where they can be restored.
	Trashed int
	// EditedTrashed are records the import created that were edited since (in the
	// app, by a push of a checkout, by another lead): deleted, the edit would be lost
	// for good, so they go to the trash instead.
	EditedTrashed int
	StanceChanges int // whip count history rows it wrote, taken out
	// StanceTimesBack counts the history rows it moved (heard on a call whose time a
	// fix-times, or a merge bringing one, put right) back at the times they had.
	StanceTimesBack int
	// KeptCallers are volunteers it created whom call reports of later imports still
	// cite: they stay on the roster as if the first of those imports had added them.
	KeptCallers int
	// Gone counts, by table, the records it changed that are no longer there to be
	// put back (deleted since, or by an undo before the one of an earlier import
	// refused), which Restored does not count.
	Gone map[string]int
	// ChangedSince counts, by table, the records it changed of which a field holds
	// another value than the import wrote (edited in the app since, or put back by
	// an undo of an earlier import run out of order): that value stays, as an undo
	// never overwrites what was done after the import; their other fields are put
	// back, and Restored counts them too.
	ChangedSince map[string]int
	// RecordSessions are the sessions ("session 194th of MA") whose votes a session
	// import since this legislators import matched by name, or left unmatched, against
	// the legislators it brought (a vote "Garcia" unmatched as it fit a second House
	// Garcia it added): they stay so, naming them, until that session is imported again.
	RecordSessions []string
}

// UndoImport takes an import back as if it had never happened, so importing the same
// file again does what the first import did:
//   - the records it updated get their earlier values again, and the tags, languages
//     and external ids it added to people already there are removed;
//   - the stance changes it wrote leave the whip count history (the one exception to
//     that history being append-only, see migration 0004), and each stance it moved
//     is the newest one left;
//   - the records it created are deleted, call stats following. A volunteer it added
//     whom call reports of later imports cite stays, as that import's (KeptCallers).
//     One that something else recorded since cites (a call report entered by hand, a
//     stance change citing a report it brought) goes to the trash instead, and so
//     does one edited since the import (EditedTrashed, see removeCreated); a
//     legislator it added that later call reports or stance changes cite refuses the
//     undo.
//
// A record it created that a later import standing changed (a call report edited,
// a volunteer's file values taken or a tag added, a legislator updated) refuses the
// undo, naming the imports to undo first: deleted, it took the later import's
// change with it, which that import's undo could then not put back.
//
// The batch stays listed, marked undone.
func (s *Store) UndoImport(ctx context.Context, batchID int64) (UndoSummary, error) {
	var sum UndoSummary
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var undone sql.NullInt64
		var kind string
		if err := tx.QueryRowContext(ctx, `SELECT undone_at, kind FROM import_batches WHERE id = ?`, batchID).Scan(&undone, &kind); err != nil {
			return err
		}
		if undone.Valid {
			return conflictError("the import was already undone")
		}
		now := nowUnix()
		// Marked first: the history's trigger lets an undone batch's rows go, no others.
		if _, err := tx.ExecContext(ctx, `UPDATE import_batches SET undone_at = ? WHERE id = ?`, now, batchID); err != nil {
			return err
		}
		u := &undoer{ctx: ctx, tx: tx, batch: batchID, now: now, sum: &sum, server: s.server != nil, actor: s.actor, merge: kind == "merge"}
		// A coalition's lead: row-level security applies to her, she may not make
		// indexes on the tables (see removeCreated).
		u.rowSecured = u.server && !copyAllowed(ctx, tx)
		var err error
		if u.coordinator, err = isCoordinator(ctx, tx, u.server); err != nil {
			return err
		}
		for _, step := range []func() error{u.refuseOtherChapters, u.refuseChangedSince, u.revertChanges, u.revertStances, u.removeRecord, u.removeCreated,
			u.removeChapters} {
			if err := step(); err != nil {
				return err
			}
		}
		if kind == "legislators" {
			return u.recordToMatchAgain()
		}
		return nil
	})
	if err != nil {
		return UndoSummary{}, fmt.Errorf("undo import %d: %w", batchID, mapErr(err))
	}
	return sum, nil
}

// conflictError is an ErrConflict that says in full why.
type conflictError string

func (e conflictError) Error() string        { return string(e) }
func (e conflictError) Is(target error) bool { return target == ErrConflict }

// undoer takes one batch back inside UndoImport's transaction.
type undoer struct {
	ctx   context.Context
	tx    *sql.Tx
	actor string // who the undo writes as (updated_by)
	batch int64
	now   int64
	sum   *UndoSummary
	// server: the current stances follow the history's deletions by the server's
	// triggers (postgres migration 0013), which run with the owner's rights, as a
	// lead may not write them.
	server, rowSecured bool
	// coordinator: a coalition's coordinator, whose imports (legislators, campaigns,
	// the official record) hold no chapter's people or reports, and who may not read
	// the rosters nor write the reports: the undo leaves both alone.
	coordinator bool
	// merge: the batch is a merge's, which may have made the file's chapter a server's
	// own (moveIn): its undo puts back the starter chapter's id (identityCols).
	merge bool
}

// exec runs a statement and returns how many rows it changed.
func (u *undoer) exec(q string, args ...any) (int, error) {
	res, err := u.tx.ExecContext(u.ctx, q, args...)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// recordChange notes in import_changes that the batch changed a row's columns from
// before to after: undo puts before back where the row still holds after.
func recordChange(ctx context.Context, tx *sql.Tx, batch int64, table string, id int64, before, after map[string]string) error {
	was, err := json.Marshal(before)
	if err != nil {
		return err
	}
	is, err := json.Marshal(after)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO import_changes (batch_id, table_name, row_id, before, after) VALUES (?, ?, ?, ?, ?)`,
		batch, table, id, string(was), string(is))
	return err
}

// change is one import_changes row: what an import changed in a row it found.
type change struct {
	batch  int64
	table  string
	id     int64
	before map[string]string
	// after is what the import wrote, of the columns of before; nil where it was
	// not recorded (an import made before migration 0014).
	after map[string]string
}

// scanChange reads batch_id, table_name, row_id, before, after.
func scanChange(r *sql.Rows) (change, error) {
	var c change
	var before string
	var after sql.NullString
	if err := r.Scan(&c.batch, &c.table, &c.id, &before, &after); err != nil {
		return c, err
	}
	if err := json.Unmarshal([]byte(before), &c.before); err != nil || !after.Valid {
		return c, err
	}
	return c, json.Unmarshal([]byte(after.String), &c.after)
}

// subject is the table of the row a change is of: a link row a merge removed
// (TABLE_removed) is one of its link table, as one an import added.
func (c change) subject() string {
	if t, ok := strings.CutSuffix(c.table, removedSuffix); ok && addedRowKeys[t] != nil {
		return t
	}
	return c.table
}

// fields names what of its row a change set, for telling whether two changes set
// the same thing: the columns of a record, the system's note of an imported-notes
// change, the whole row of the official record's, and the key of a link row (a
// volunteer's tag, language or external id) added or removed: a later import that
// removed or added that tag again relies on it, and an undo must not take it away
// (or put it back) over that import's.
func (c change) fields() []string {
	switch {
	case addedRowKeys[c.subject()] != nil:
		var key []string
		for _, col := range addedRowKeys[c.subject()] {
			key = append(key, c.before[col])
		}
		return []string{strings.Join(key, "\x00")}
	case c.table == importedNotesChange:
		return []string{c.before["system"] + "\x00" + c.before["external_id"]}
	case importTables[c.table]:
		var cols []string
		for _, col := range sortedKeys(c.before) {
			if col != "updated_at" {
				cols = append(cols, col)
			}
		}
		return cols
	}
	return []string{""}
}

// changedNouns name the records of import_changes' tables in the undo's refusals.
var changedNouns = map[string]string{"call_reports": "call report", "legislators": "legislator", "volunteers": "volunteer",
	importedNotesChange: "volunteer", "volunteer_tags": "volunteer", "volunteer_languages": "volunteer",
	"volunteer_external_ids": "volunteer", "chapters": "chapter", "roll_call_votes": "roll call vote",
	"bill_sponsorships": "sponsorship", "session_bills": "session bill"}

// changedSince are the columns of a change whose value is no longer the one the
// import wrote: edited since (in the app), or put back by an undo of an earlier
// import run out of order, which left this one's before stale. The undo keeps them.
func (u *undoer) changedSince(c change) (map[string]bool, error) {
	var cols, tests []string
	var args []any
	for _, col := range sortedKeys(c.after) {
		if _, ok := c.before[col]; !ok || col == "updated_at" {
			continue
		}
		cols = append(cols, col)
		if v := c.after[col]; v == "" {
			tests = append(tests, `coalesce(CAST("`+col+`" AS TEXT), '') = ''`)
		} else {
			// Compared as the column's type, as the import's UPDATE wrote it.
			tests, args = append(tests, `"`+col+`" = ?`), append(args, v)
		}
	}
	if len(cols) == 0 {
		return nil, nil
	}
	same := make([]bool, len(cols))
	dest := make([]any, len(cols))
	for i := range same {
		dest[i] = &same[i]
	}
	for i, t := range tests {
		tests[i] = `CASE WHEN ` + t + ` THEN 1 ELSE 0 END`
	}
	err := u.tx.QueryRowContext(u.ctx, `SELECT `+strings.Join(tests, ", ")+` FROM `+c.table+` WHERE id = ?`,
		append(args, c.id)...).Scan(dest...)
	if err == sql.ErrNoRows {
		return nil, nil // gone: revertChanges says so
	}
	if err != nil {
		return nil, err
	}
	since := map[string]bool{}
	for i, col := range cols {
		if !same[i] {
			since[col] = true
		}
	}
	return since, nil
}

// staleFields are, by table and row, the fields of the batch's changes that did not
// record what they wrote (made before migration 0014) which an earlier import changed
// too and was undone after this one began: that undo, run out of order before undos
// refused it, put back its own earlier value, and this batch's before is the undone
// import's value. The undo keeps the value there, as changedSince does.
func (u *undoer) staleFields(changes []change) (map[[2]any]map[string]bool, error) {
	old := map[[2]any]map[string]bool{}
	for _, c := range changes {
		if c.after == nil && importTables[c.table] {
			k := [2]any{c.table, c.id}
			if old[k] == nil {
				old[k] = map[string]bool{}
			}
			for _, f := range c.fields() {
				old[k][f] = true
			}
		}
	}
	if len(old) == 0 {
		return nil, nil
	}
	stale := map[[2]any]map[string]bool{}
	err := eachRow(u.ctx, u.tx, func(r *sql.Rows) error {
		c, err := scanChange(r)
		if err != nil {
			return err
		}
		k := [2]any{c.table, c.id}
		for _, f := range c.fields() {
			if old[k][f] {
				if stale[k] == nil {
					stale[k] = map[string]bool{}
				}
				stale[k][f] = true
			}
		}
		return nil
	}, `SELECT c.batch_id, c.table_name, c.row_id, c.before, c.after FROM import_changes c
		JOIN import_batches b ON b.id = c.batch_id JOIN import_batches me ON me.id = ?1
		WHERE c.batch_id < ?1 AND b.undone_at >= me.started_at AND EXISTS (SELECT 1 FROM import_changes m
			WHERE m.batch_id = ?1 AND m.table_name = c.table_name AND m.row_id = c.row_id)`, u.batch)
	return stale, err
}

// refuseChangedLater refuses the undo when a later import, not undone, changed a
// field this one changed of the same record (tester, repro-8): putting back this
// import's earlier value would overwrite the later import's, and that import's undo
// would then put back this one's value, though undone. The imports to undo first are
// named newest first; undone in that order, each puts back its own earlier value.
func (u *undoer) refuseChangedLater(changes []change) error {
	mine := map[[2]any]map[string]bool{}
	for _, c := range changes {
		k := [2]any{c.subject(), c.id}
		if mine[k] == nil {
			mine[k] = map[string]bool{}
		}
		for _, f := range c.fields() {
			mine[k][f] = true
		}
	}
	type key struct {
		batch int64
		noun  string
	}
	rows := map[key]map[int64]bool{}
	var keys []key
	if err := eachRow(u.ctx, u.tx, func(r *sql.Rows) error {
		c, err := scanChange(r)
		if err != nil {
			return err
		}
		for _, f := range c.fields() {
			if mine[[2]any{c.subject(), c.id}][f] {
				k := key{c.batch, changedNouns[c.subject()]}
				if k.noun == "" {
					k.noun = "record"
				}
				if rows[k] == nil {
					rows[k] = map[int64]bool{}
					keys = append(keys, k)
				}
				rows[k][c.id] = true
				break
			}
		}
		return nil
	}, `SELECT c.batch_id, c.table_name, c.row_id, c.before, c.after FROM import_changes c
		JOIN import_batches b ON b.id = c.batch_id AND b.undone_at IS NULL
		WHERE c.batch_id > ?1 AND EXISTS (SELECT 1 FROM import_changes m
			WHERE m.batch_id = ?1 AND m.row_id = c.row_id AND (m.table_name = c.table_name
				OR m.table_name = c.table_name || '`+removedSuffix+`' OR m.table_name || '`+removedSuffix+`' = c.table_name))
		ORDER BY c.batch_id DESC, c.table_name`, u.batch); err != nil {
		return err
	}
	if len(keys) == 0 {
		return nil
	}
	var said, order []string
	for _, k := range keys {
		noun := k.noun
		if len(rows[k]) > 1 {
			noun += "s"
		}
		said = append(said, fmt.Sprintf("import %d changed them in %d %s", k.batch, len(rows[k]), noun))
		if b := strconv.FormatInt(k.batch, 10); len(order) == 0 || order[len(order)-1] != b {
			order = append(order, b)
		}
	}
	return conflictError(fmt.Sprintf("later imports changed the same fields this import changed (%s): undo import %s first, or this undo would put back its earlier values over theirs",
		strings.Join(said, "; "), strings.Join(order, ", then ")))
}

// revertChanges puts back what import_changes recorded, newest first.
func (u *undoer) revertChanges() error {
	ctx, tx := u.ctx, u.tx
	var changes []change
	if err := eachRow(ctx, tx, func(r *sql.Rows) error {
		c, err := scanChange(r)
		changes = append(changes, c)
		return err
	}, `SELECT batch_id, table_name, row_id, before, after FROM import_changes WHERE batch_id = ? ORDER BY id DESC`, u.batch); err != nil {
		return err
	}
	if err := u.refuseChangedLater(changes); err != nil {
		return err
	}
	stale, err := u.staleFields(changes)
	if err != nil {
		return err
	}
	restored, gone, kept := map[[2]any]bool{}, map[[2]any]bool{}, map[[2]any]bool{}
	moved := stancesToSettle{}
	// put notes a row put back, or gone when no row has the id any more.
	put := func(c change, n int) {
		if k := [2]any{c.table, c.id}; n > 0 {
			restored[k] = true
		} else if !restored[k] {
			gone[k] = true
		}
	}
	for _, c := range changes {
		if keys, ok := addedRowKeys[c.table]; ok {
			if err := deleteAdded(ctx, tx, u.actor, c.table, keys, c.id, c.before); err != nil {
				return err
			}
			continue
		}
		if table, ok := strings.CutSuffix(c.table, removedSuffix); ok && addedRowKeys[table] != nil {
			// A link row a merge removed (syncLabels): put back as it was, under its
			// volunteer's chapter (an external id's), whatever the journal says.
			var cols []string
			var args []any
			for _, col := range sortedKeys(c.before) {
				if !identityCols[col] {
					cols, args = append(cols, col), append(args, c.before[col])
				}
			}
			chapter := ""
			if table == "volunteer_external_ids" {
				chapter = "chapter_id, "
			}
			if _, err := u.exec(`INSERT INTO `+table+` (volunteer_id, `+chapter+strings.Join(cols, ", ")+`) SELECT id, `+chapter+
				strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")+` FROM volunteers WHERE id = ? ON CONFLICT DO NOTHING`,
				append(args, c.id)...); err != nil {
				return err
			}
			continue
		}
		if c.table == addedChapters { // removeChapters, once their records are gone
			continue
		}
		if c.table == importedNotesChange {
			if _, err := u.exec(`UPDATE volunteer_external_ids SET imported_notes = ?
				WHERE volunteer_id = ? AND system = ? AND external_id = ?`,
				c.before["imported_notes"], c.id, c.before["system"], c.before["external_id"]); err != nil {
				return err
			}
			continue
		}
		if c.table == "roll_calls" || c.table == "roll_call_votes" && c.before["option"] != "" {
			// A roll call's result and counts, or a member's vote, a newer export gave
			// otherwise (rollCallAgain, voteAgain).
			set, args := `option = ?`, []any{c.before["option"]}
			if c.table == "roll_calls" {
				set, args = `result = ?, yes_count = ?, no_count = ?, other_count = ?, not_voting_count = ?`, []any{c.before["result"]}
				for _, col := range []string{"yes_count", "no_count", "other_count", "not_voting_count"} {
					n, err := strconv.Atoi(c.before[col])
					if err != nil {
						return fmt.Errorf("import change on roll call %d: %s: %w", c.id, col, err)
					}
					args = append(args, n)
				}
			}
			n, err := u.exec(`UPDATE `+c.table+` SET `+set+` WHERE id = ?`, append(args, c.id)...)
			if err != nil {
				return err
			}
			put(c, n)
			continue
		}
		if c.table == "roll_call_votes" || c.table == "bill_sponsorships" || c.table == "session_bills" {
			// A row of the record an earlier import kept: unmatched and matched by this
			// one, a sponsorship this one withdrew or listed again, a bill's newer export.
			set, args := `legislator_id = NULL, unmatched = ?`, []any{c.before["unmatched"]}
			switch {
			case c.table == "roll_call_votes" && c.before["legislator_id"] != "":
				// A vote this import unmatched (an earlier version's match across
				// chambers on a surname alone): its match back.
				leg, err := strconv.ParseInt(c.before["legislator_id"], 10, 64)
				if err != nil {
					return fmt.Errorf("import change on roll call vote %d: %w", c.id, err)
				}
				set, args = `legislator_id = ?, matched_by = ?, unmatched = ''`, []any{leg, c.before["matched_by"]}
			case c.table == "roll_call_votes":
				set += `, matched_by = ''`
			case c.table == "session_bills":
				n, err := strconv.ParseInt(c.before["record_at"], 10, 64)
				if err != nil {
					return fmt.Errorf("import change on session bill %d: %w", c.id, err)
				}
				set, args = `record_at = ?`, []any{n}
			default:
				if w, ok := c.before["withdrawn_on"]; ok {
					set, args = `withdrawn_on = ?`, []any{w}
				}
			}
			raise, by := raiseVersion(c.table, u.actor)
			n, err := u.exec(`UPDATE `+c.table+` SET `+set+raise+` WHERE id = ?`, append(append(args, by...), c.id)...)
			if err != nil {
				return err
			}
			put(c, n)
			continue
		}
		if c.table == stanceHistoryChange {
			// A stance change FixCallTimes moved with its report: back to its time, its
			// count settled again once every row is back.
			var campaign, legislator int64
			err := tx.QueryRowContext(ctx, `UPDATE stance_history SET changed_at = ? WHERE id = ?
				RETURNING campaign_id, legislator_id`, c.before["changed_at"], c.id).Scan(&campaign, &legislator)
			if err == sql.ErrNoRows {
				continue // gone with an undone import
			}
			if err != nil {
				return fmt.Errorf("stance change %d: %w", c.id, err)
			}
			if err := moved.note(ctx, tx, campaign, legislator); err != nil {
				return err
			}
			u.sum.StanceTimesBack++
			continue
		}
		if c.table == callTimesUnsureChange {
			// A mark FixCallTimes cleared: back on the report, while it is here.
			if _, err := u.exec(`INSERT INTO call_times_unsure (call_report_id, listed_at)
				SELECT id, ? FROM call_reports WHERE id = ? ON CONFLICT DO NOTHING`, c.before["listed_at"], c.id); err != nil {
				return err
			}
			continue
		}
		if !importTables[c.table] {
			return fmt.Errorf("import change on unexpected table %q", c.table)
		}
		since := stale[[2]any{c.table, c.id}]
		if c.after != nil {
			if since, err = u.changedSince(c); err != nil {
				return err
			}
		}
		var sets []string
		var args []any
		at := any(u.now)
		for _, col := range sortedKeys(c.before) {
			if since[col] || identityCols[col] && !(u.merge && c.table == "chapters" && col == "uuid") {
				continue
			}
			if col == "updated_at" { // recorded where it matters (a merged chapter's: which copy is newer)
				if len(since) > 0 {
					continue // the row keeps a value set later than that
				}
				n, err := strconv.ParseInt(c.before[col], 10, 64)
				if err != nil {
					return fmt.Errorf("import change on %s %d: %w", c.table, c.id, err)
				}
				at = n
				continue
			}
			sets = append(sets, `"`+col+`" = ?`)
			if before := c.before[col]; before != "" || !nullableRefs[col] {
				args = append(args, before)
			} else {
				args = append(args, nil)
			}
		}
		if len(since) > 0 {
			k := [2]any{c.table, c.id}
			if !kept[k] {
				kept[k] = true
				if u.sum.ChangedSince == nil {
					u.sum.ChangedSince = map[string]int{}
				}
				u.sum.ChangedSince[c.table]++
			}
			if len(sets) == 0 {
				continue // every field it changed was changed since
			}
		}
		raise, by := raiseVersion(c.table, u.actor)
		args = append(append(append(args, at), by...), c.id)
		// sets may be empty: a merge that only relabeled a volunteer recorded its time
		// alone, put back here as the labels are.
		n, err := u.exec(`UPDATE `+c.table+` SET `+strings.Join(append(sets, "updated_at = ?"), ", ")+raise+` WHERE id = ?`, args...)
		if err != nil {
			return err
		}
		if put(c, n); n == 0 {
			continue
		}
		if _, first := c.before["first_name"]; c.table == "volunteers" {
			if _, last := c.before["last_name"]; first || last {
				if err := refoldName(ctx, tx, c.id); err != nil {
					return err
				}
			}
		}
	}
	if !u.server { // a server's stances follow a moved row by trigger (postgres/0031)
		if _, err := moved.settle(ctx, tx); err != nil {
			return err
		}
	}
	u.sum.Restored = len(restored)
	for k := range gone {
		if u.sum.Gone == nil {
			u.sum.Gone = map[string]int{}
		}
		u.sum.Gone[k[0].(string)]++
	}
	return nil
}

// removeChapters deletes the chapters a merge added (addedChapters) that nothing
// holds any more: their records went with the undo. A chapter with records of later
// imports, or a lead on a coalition server, stays; so does one any other row names
// (the delete is tried under a savepoint, and one refused leaves it).
func (u *undoer) removeChapters() error {
	var ids []int64
	if err := eachRow(u.ctx, u.tx, func(r *sql.Rows) error {
		var id int64
		err := r.Scan(&id)
		ids = append(ids, id)
		return err
	}, `SELECT row_id FROM import_changes WHERE batch_id = ? AND table_name = ?`, u.batch, addedChapters); err != nil {
		return err
	}
	leads := ""
	if u.server {
		leads = ` AND NOT EXISTS (SELECT 1 FROM chapter_leads l WHERE l.chapter_id = chapters.id)`
	}
	for _, id := range ids {
		if _, err := u.exec(`SAVEPOINT remove_chapter`); err != nil {
			return err
		}
		n, err := u.exec(`DELETE FROM chapters WHERE id = ? AND is_self = 0
			AND NOT EXISTS (SELECT 1 FROM volunteers v WHERE v.chapter_id = chapters.id)
			AND NOT EXISTS (SELECT 1 FROM call_reports r WHERE r.chapter_id = chapters.id)
			AND NOT EXISTS (SELECT 1 FROM stance_history h WHERE h.chapter_id = chapters.id)`+leads, id)
		if err == nil && n == 1 && u.server {
			// Its quarter-hour counters (postgres/0006), zero with its reports gone:
			// no foreign key takes them, and the dashboard would read a chapter that
			// is not there (t9 repro-21).
			_, err = u.exec(`DELETE FROM chapter_call_quarters WHERE chapter_id = ?`, id)
		}
		if err != nil {
			if _, err := u.exec(`ROLLBACK TO SAVEPOINT remove_chapter`); err != nil {
				return err
			}
			n = 0
		}
		if _, err := u.exec(`RELEASE SAVEPOINT remove_chapter`); err != nil {
			return err
		}
		u.sum.Deleted += n
	}
	return nil
}

// volunteerJournals are the tables of import_changes whose row_id is a volunteer's.
var volunteerJournals = func() []string {
	t := []string{"volunteers", importedNotesChange}
	for _, k := range sortedKeys(addedRowKeys) {
		t = append(t, k, k+removedSuffix)
	}
	return t
}()

// refuseOtherChapters refuses the undo, on a coalition server, of an import of a
// chapter (a lead's: the owner's imports and merges are the server's own chapter's)
// whose journal names a record of another chapter or of the coalition's shared
// record, or of the coordinator (of no chapter) whose journal names a chapter's
// record: no such import writes one, so the row was written by hand (tester t4, F2:
// the owner's undo, which row-level security does not hold, wrote a lead's forged row
// into another chapter's volunteer, moving it into hers). The database refuses such
// rows since postgres migration 0033; this finds those written before. A lead's own
// undo sees no other chapter's rows, and writes none.
func (u *undoer) refuseOtherChapters() error {
	if !u.server || u.coordinator {
		return nil
	}
	var tables []string
	var n int
	var first sql.NullInt64
	err := eachRow(u.ctx, u.tx, func(r *sql.Rows) error {
		var table string
		var count int
		var id int64
		if err := r.Scan(&table, &count, &id); err != nil {
			return err
		}
		n += count
		tables = append(tables, table)
		if !first.Valid {
			first = sql.NullInt64{Int64: id, Valid: true}
		}
		return nil
	}, `SELECT c.table_name, count(*), min(c.id) FROM import_changes c JOIN import_batches b ON b.id = c.batch_id
		WHERE c.batch_id = ? AND (b.chapter_id IS NULL OR b.chapter_id NOT IN (SELECT id FROM chapters WHERE is_self = 1))
		AND CASE
			WHEN c.table_name IN ('`+strings.Join(volunteerJournals, "', '")+`') THEN EXISTS (SELECT 1 FROM volunteers v
				WHERE v.id = c.row_id AND v.chapter_id IS DISTINCT FROM b.chapter_id)
			WHEN c.table_name IN ('call_reports', '`+undoneSlots+`', '`+callTimesUnsureChange+`') THEN EXISTS (SELECT 1 FROM call_reports r
				WHERE r.id = c.row_id AND r.chapter_id IS DISTINCT FROM b.chapter_id)
			WHEN c.table_name = '`+stanceHistoryChange+`' THEN EXISTS (SELECT 1 FROM stance_history h
				WHERE h.id = c.row_id AND h.chapter_id IS DISTINCT FROM b.chapter_id)
			WHEN c.table_name IN ('chapters', '`+addedChapters+`') THEN c.row_id IS DISTINCT FROM b.chapter_id
			ELSE b.chapter_id IS NOT NULL END
		GROUP BY c.table_name ORDER BY c.table_name`, u.batch)
	if err != nil || n == 0 {
		return err
	}
	return conflictError(fmt.Sprintf("the journal of import %d names %d records outside what it may change (another chapter's, or the coalition's shared record) (%s), which no import writes: "+
		"it was written by hand, and the undo is refused so as not to write into them. The server's owner may look at them (import_changes rows of batch %d, from id %d) and delete them, then undo again",
		u.batch, n, strings.Join(tables, ", "), u.batch, first.Int64))
}

// refuseChangedSince refuses the undo when a later import, not undone, changed a
// record this one created that the undo would take (see UndoImport): the imports
// to undo first are named, newest first, the order to undo them in. A caller that
// later imports' calls keep (laterCallers) is not taken, and refuses nothing.
func (u *undoer) refuseChangedSince() error {
	var said, order []string
	seen := map[string]bool{}
	if err := eachRow(u.ctx, u.tx, func(r *sql.Rows) error {
		var batch, kind string
		var n int
		if err := r.Scan(&batch, &kind, &n); err != nil {
			return err
		}
		if n > 1 {
			kind += "s"
		}
		said = append(said, fmt.Sprintf("import %s changed %d %s", batch, n, kind))
		if !seen[batch] {
			seen[batch] = true
			order = append(order, batch)
		}
		return nil
	}, `SELECT CAST(batch AS TEXT), what, count(DISTINCT row_id) FROM (SELECT c.batch_id AS batch, c.row_id,
			CASE c.table_name WHEN 'call_reports' THEN 'call report' WHEN 'legislators' THEN 'legislator' ELSE 'volunteer' END AS what
		FROM import_changes c JOIN import_batches b ON b.id = c.batch_id AND b.undone_at IS NULL
		WHERE c.batch_id <> ?1 AND (
			c.table_name = 'call_reports' AND c.row_id IN (SELECT id FROM call_reports WHERE import_batch_id = ?1)
			OR c.table_name = 'legislators' AND c.row_id IN (SELECT id FROM legislators WHERE import_batch_id = ?1)`+u.volunteersChanged()+`)) AS changed
		GROUP BY batch, what ORDER BY batch DESC, what`, u.batch); err != nil {
		return err
	}
	if len(said) == 0 {
		return nil
	}
	return conflictError(fmt.Sprintf("later imports changed records this import created (%s): undo import %s first, or those records would go with what the later imports changed",
		strings.Join(said, "; "), strings.Join(order, ", then ")))
}

// volunteersChanged is refuseChangedSince's test of the volunteers the batch created;
// none for the coordinator, whose batches create none and who may not read them.
func (u *undoer) volunteersChanged() string {
	if u.coordinator {
		return ""
	}
	return `
			OR c.table_name IN ('volunteers', '` + strings.Join(sortedKeys(addedRowKeys), "', '") + `', '` +
		strings.Join(sortedKeys(addedRowKeys), removedSuffix+"', '") + removedSuffix + `')
				AND c.row_id IN (SELECT id FROM volunteers WHERE import_batch_id = ?1 AND id NOT IN (` + laterCallers + `))`
}

// identityCols are the columns no undo puts back, whatever its journal holds: what
// record a row is and whose (its chapter: tester t4, F2, a journal row forged by a
// lead moved another chapter's volunteer into hers). No import records them; a merge
// records the chapter of an external id it removed, which goes back under its
// volunteer's, and the id of the starter chapter a server's own took the file's
// chapter's in place of (moveIn), which its undo alone puts back.
var identityCols = map[string]bool{"id": true, "uuid": true, "chapter_id": true, "import_batch_id": true}

// nullableRefs are the columns an import or a merge may set that may be NULL (a
// reference to another row (a report's caller: see moveCallers), the time a record went to the trash): their value
// before, "" when there was none, is put back as NULL.
var nullableRefs = map[string]bool{"recruiter_id": true, "deleted_at": true, "volunteer_id": true}

// revertStances takes the batch's rows out of the whip count history and makes the
// newest row left the current stance of each legislator they moved (none left: the
// stance is unknown again, as before the import).
func (u *undoer) revertStances() error {
	type pair struct{ campaign, legislator int64 }
	var pairs []pair
	if err := eachRow(u.ctx, u.tx, func(r *sql.Rows) error {
		var p pair
		err := r.Scan(&p.campaign, &p.legislator)
		pairs = append(pairs, p)
		return err
	}, `SELECT DISTINCT campaign_id, legislator_id FROM stance_history WHERE import_batch_id = ?`, u.batch); err != nil {
		return err
	}
	if len(pairs) == 0 {
		return nil
	}
	if u.server {
		n, err := u.exec(`DELETE FROM stance_history WHERE import_batch_id = ?`, u.batch)
		if err != nil {
			return fmt.Errorf("stance history: %w", err)
		}
		u.sum.StanceChanges = n
		return nil
	}
	// stances.history_id points at the rows about to go: the current stances go first.
	for _, p := range pairs {
		if _, err := u.exec(`DELETE FROM stances WHERE campaign_id = ? AND legislator_id = ?`, p.campaign, p.legislator); err != nil {
			return err
		}
	}
	n, err := u.exec(`DELETE FROM stance_history WHERE import_batch_id = ?`, u.batch)
	if err != nil {
		return fmt.Errorf("stance history: %w", err)
	}
	u.sum.StanceChanges = n
	// The row left that the whip count's rule picks, as the history's triggers would
	// have had the undone rows never been written.
	for _, p := range pairs {
		if err := settleStance(u.ctx, u.tx, p.campaign, p.legislator); err != nil {
			return err
		}
	}
	return nil
}

// removeRecord deletes the official record a session import brought (see
// ImportSession), votes first. A later import that added to the same bills' record
// must be undone first: its rows point at these.
func (u *undoer) removeRecord() error {
	var later string
	if err := u.tx.QueryRowContext(u.ctx, `SELECT coalesce(min(b), 0) FROM (
			SELECT v.import_batch_id AS b FROM roll_call_votes v JOIN roll_calls r ON r.id = v.roll_call_id
				WHERE r.import_batch_id = ?1 AND v.import_batch_id <> ?1
			UNION ALL SELECT r.import_batch_id FROM roll_calls r JOIN session_bills sb ON sb.id = r.session_bill_id
				WHERE sb.import_batch_id = ?1 AND r.import_batch_id <> ?1
			UNION ALL SELECT p.import_batch_id FROM bill_sponsorships p JOIN session_bills sb ON sb.id = p.session_bill_id
				WHERE sb.import_batch_id = ?1 AND p.import_batch_id <> ?1
			UNION ALL SELECT m.import_batch_id FROM campaign_session_bills m JOIN session_bills sb ON sb.id = m.session_bill_id
				WHERE sb.import_batch_id = ?1 AND m.import_batch_id <> ?1
			UNION ALL SELECT c.batch_id FROM import_changes c JOIN import_batches b ON b.id = c.batch_id AND b.undone_at IS NULL
				JOIN roll_call_votes v ON v.id = c.row_id
				WHERE c.table_name = 'roll_call_votes' AND v.import_batch_id = ?1 AND c.batch_id <> ?1
			UNION ALL SELECT c.batch_id FROM import_changes c JOIN import_batches b ON b.id = c.batch_id AND b.undone_at IS NULL
				JOIN bill_sponsorships p ON p.id = c.row_id
				WHERE c.table_name = 'bill_sponsorships' AND p.import_batch_id = ?1 AND c.batch_id <> ?1) AS later`, u.batch).Scan(&later); err != nil {
		return err
	}
	if later != "0" {
		return conflictError(fmt.Sprintf("import %s added to the record this import brought: undo import %s first", later, later))
	}
	for _, table := range []string{"roll_call_votes", "roll_calls", "bill_sponsorships", "campaign_session_bills", "session_bills",
		"campaign_bill_links"} {
		// Only where the batch wrote: the record is the coalition's, and a lead, whose
		// imports never write it, may read it and not delete from it.
		var wrote bool
		if err := u.tx.QueryRowContext(u.ctx, `SELECT EXISTS (SELECT 1 FROM `+table+` WHERE import_batch_id = ?)`, u.batch).Scan(&wrote); err != nil {
			return err
		}
		if !wrote {
			continue
		}
		n, err := u.exec(`DELETE FROM `+table+` WHERE import_batch_id = ?`, u.batch)
		if err != nil {
			return fmt.Errorf("delete %s: %w", table, err)
		}
		u.sum.Deleted += n
	}
	return nil
}

// laterCallers are the volunteers whom call reports of imports besides batch ?1 cite:
// an undo of ?1 keeps those it created (see removeCreated).
const laterCallers = `SELECT volunteer_id FROM call_reports WHERE volunteer_id IS NOT NULL AND deleted_at IS NULL
	AND import_batch_id IS NOT NULL AND import_batch_id <> ?1`

// citedCalls are the call reports the whip count history cites (a list SQLite builds
// once per statement).
const citedCalls = `SELECT call_report_id FROM stance_history WHERE call_report_id IS NOT NULL`

// callEditedSince tells a call report the batch ?1 created that was changed after the
// import finished: a report has no row version, and every change of one (a push of a
// checkout taking the file's newer copy, trash and restore) stamps updated_at;
// none of the undo's steps before this one stamps them. An import that never finished
// (no finished_at) is taken as edited by nobody.
const callEditedSince = `updated_at > coalesce((SELECT b.finished_at FROM import_batches b WHERE b.id = ?1), updated_at)`

// removeCreated deletes the records the batch created, reports first, then the
// volunteers and legislators they pointed at. One edited since the import (a
// volunteer whose row version rose past the 1 it was created at: an edit in the app,
// a push, another lead, tags added, trash and restore; a report stamped after the
// import finished, see callEditedSince) goes to the trash instead (EditedTrashed):
// deleted, the edit would be lost for good, without a word (tester t4, F3).
func (u *undoer) removeCreated() error {
	var calls, volunteers, legislators int
	roster := `(SELECT count(*) FROM call_reports WHERE import_batch_id = ?1), (SELECT count(*) FROM volunteers WHERE import_batch_id = ?1)`
	if u.coordinator {
		roster = `0, 0`
	}
	if err := u.tx.QueryRowContext(u.ctx, `SELECT `+roster+`, (SELECT count(*) FROM legislators WHERE import_batch_id = ?1)`,
		u.batch).Scan(&calls, &volunteers, &legislators); err != nil {
		return err
	}
	var drop []string
	if !u.rowSecured { // a lead may not make indexes; the server looks references up without them
		var err error
		if drop, err = lookupIndexesFor(u.ctx, u.tx, map[string]int{"call_reports": calls, "volunteers": volunteers,
			"legislators": legislators}); err != nil {
			return err
		}
	}
	if calls > 0 {
		if err := u.retireCalls(); err != nil {
			return err
		}
	}
	var remembered int
	steps := []struct {
		what  string
		count *int
		query string
	}{
		{"trash cited call reports", &u.sum.Trashed, `UPDATE call_reports SET deleted_at = ?2, updated_at = ?2
			WHERE import_batch_id = ?1 AND deleted_at IS NULL AND id IN (` + citedCalls + `)`},
		// Each deleted for good is remembered, so no merge brings it back (see
		// rememberErased).
		{"remember deleted call reports", &remembered, rememberErased("call_reports", `import_batch_id = ?1
			AND id NOT IN (`+citedCalls+`) AND NOT `+callEditedSince, erasedByUndo, "?1", "?2", "?3")},
		{"delete call reports", &u.sum.Deleted, `DELETE FROM call_reports WHERE import_batch_id = ?1
			AND id NOT IN (` + citedCalls + `) AND NOT ` + callEditedSince},
		// After the delete: trashing stamps the time it tells an edit by.
		{"trash call reports edited since", &u.sum.EditedTrashed, `UPDATE call_reports SET deleted_at = ?2, updated_at = ?2
			WHERE import_batch_id = ?1 AND deleted_at IS NULL AND ` + callEditedSince},
		// Had this import never been, the first later import citing the caller would
		// have added them: they are that import's now, and undoing it takes them too.
		// Trashed instead, they left the roster while their calls stood, and the next
		// import of those calls added them a second time.
		{"keep callers of later imports", &u.sum.KeptCallers, `UPDATE volunteers SET updated_at = ?2,
			import_batch_id = (SELECT min(r.import_batch_id) FROM call_reports r WHERE r.volunteer_id = volunteers.id
				AND r.deleted_at IS NULL AND r.import_batch_id IS NOT NULL)
			WHERE import_batch_id = ?1 AND deleted_at IS NULL AND id IN (` + laterCallers + `)`},
		{"trash volunteers with later calls", &u.sum.Trashed, `UPDATE volunteers SET deleted_at = ?2, updated_at = ?2, row_version = row_version + 1, updated_by = ?3
			WHERE import_batch_id = ?1 AND deleted_at IS NULL
			AND id IN (SELECT volunteer_id FROM call_reports WHERE volunteer_id IS NOT NULL)`},
		{"trash volunteers edited since", &u.sum.EditedTrashed, `UPDATE volunteers SET deleted_at = ?2, updated_at = ?2, row_version = row_version + 1, updated_by = ?3
			WHERE import_batch_id = ?1 AND deleted_at IS NULL AND row_version > 1`},
		{"remember deleted volunteers", &remembered, rememberErased("volunteers", `import_batch_id = ?1 AND row_version <= 1
			AND id NOT IN (SELECT volunteer_id FROM call_reports WHERE volunteer_id IS NOT NULL)`, erasedByUndo, "?1", "?2", "?3")},
		{"delete volunteers", &u.sum.Deleted, `DELETE FROM volunteers WHERE import_batch_id = ?1 AND row_version <= 1
			AND id NOT IN (SELECT volunteer_id FROM call_reports WHERE volunteer_id IS NOT NULL)`},
	}
	if calls+volunteers == 0 {
		steps = nil // none to take (and the coordinator may write neither)
	}
	// The reports about to be trashed as a later stance change cites them: the whip
	// count may stand on one, and a report in the trash sets no count (recountTrashed,
	// below; tester t9 found a trashed call's stance still counted).
	var cited []int64
	if len(steps) > 0 {
		if err := eachRow(u.ctx, u.tx, func(r *sql.Rows) error {
			var id int64
			err := r.Scan(&id)
			cited = append(cited, id)
			return err
		}, `SELECT id FROM call_reports WHERE import_batch_id = ? AND deleted_at IS NULL AND id IN (`+citedCalls+`)`, u.batch); err != nil {
			return fmt.Errorf("cited call reports: %w", err)
		}
	}
	for _, st := range steps {
		n, err := u.exec(st.query, u.batch, u.now, u.actor) // ?3 in the steps that name who wrote
		if err != nil {
			return fmt.Errorf("%s: %w", st.what, err)
		}
		*st.count += n
	}
	for _, id := range cited {
		var moved CallTrashed
		if err := recountTrashed(u.ctx, u.tx, u.server, id, true, &moved); err != nil {
			return fmt.Errorf("whip count of a trashed call report: %w", err)
		}
	}
	if legislators > 0 {
		var cited int
		var imports string
		if err := u.tx.QueryRowContext(u.ctx, `WITH mine AS (SELECT id FROM legislators WHERE import_batch_id = ?1),
			citing AS (SELECT import_batch_id AS batch FROM call_reports WHERE legislator_id IN (SELECT id FROM mine)
				UNION ALL SELECT import_batch_id FROM stance_history WHERE legislator_id IN (SELECT id FROM mine)
				UNION ALL SELECT import_batch_id FROM bill_sponsorships WHERE legislator_id IN (SELECT id FROM mine)
				UNION ALL SELECT import_batch_id FROM roll_call_votes WHERE legislator_id IN (SELECT id FROM mine))
			SELECT count(*), coalesce((SELECT string_agg(CAST(batch AS TEXT), ', ' ORDER BY batch) FROM (SELECT DISTINCT batch FROM citing
				WHERE batch IS NOT NULL) AS b), '') FROM citing`, u.batch).Scan(&cited, &imports); err != nil {
			return err
		}
		if cited > 0 {
			hint := "they were entered by hand"
			if imports != "" {
				hint = "undo import " + imports + " first"
			}
			return conflictError(fmt.Sprintf("%d call reports or stance changes recorded since (or votes and sponsorships of the official record) cite legislators it added (%s)",
				cited, hint))
		}
		n, err := u.exec(`DELETE FROM legislators WHERE import_batch_id = ?`, u.batch)
		if err != nil {
			return fmt.Errorf("delete legislators: %w", err)
		}
		u.sum.Deleted += n
	}
	for _, name := range drop {
		if _, err := u.exec(`DROP INDEX ` + name); err != nil {
			return err
		}
	}
	return nil
}

// undoneSlots is the table_name of the import_changes rows an undo writes for the call
// reports it deletes (see retireCalls): the batch is undone, so they are never put
// back, and they live where a chapter's lead may read and write them on a server and
// a checkout copies them, with no table of their own.
const undoneSlots = "undone_call_slots"

// retireCalls keeps the slot of each report the batch created that the undo is about
// to delete (import_changes rows of undoneSlots: the report's UUID and contentHash): a
// call import then knows the slot as taken, and goes on past it to the later calls of
// the key, which a later import may have filed there (see callImport.find). Without
// it, the file imported again after the undo took the gap for the end of the key's
// calls and added those a second time.
func (u *undoer) retireCalls() error {
	var slots []any // batch, table, row, before: read whole first, as a server's connection runs one statement at a time
	if err := eachRow(u.ctx, u.tx, func(r *sql.Rows) error {
		var id int64
		var text, notes string
		var office Office
		var stance Stance
		if err := r.Scan(&id, &text, &office, &stance, &notes); err != nil {
			return err
		}
		before, err := json.Marshal(map[string]string{"uuid": text,
			"content": strconv.FormatInt(contentHash(office, stance, notes), 10)})
		slots = append(slots, u.batch, undoneSlots, id, string(before))
		return err
	}, `SELECT id, uuid, office, stance_heard, notes FROM call_reports WHERE import_batch_id = ?1
		AND id NOT IN (`+citedCalls+`) AND NOT `+callEditedSince, u.batch); err != nil {
		return fmt.Errorf("keep the slots of the call reports: %w", err)
	}
	ins, err := newBatchInsert(u.ctx, u.tx, `INSERT INTO import_changes (batch_id, table_name, row_id, before) VALUES`, 4, ``)
	if err != nil {
		return err
	}
	defer ins.close()
	for i := 0; i < len(slots); i += 4 {
		if err := ins.add(u.ctx, slots[i:i+4]...); err != nil {
			return err
		}
	}
	return ins.flush(u.ctx, u.tx)
}

// deleteAdded takes back a row an import added to a link table for a volunteer it
// did not create (see recordAdded).
func deleteAdded(ctx context.Context, tx *sql.Tx, actor, table string, keys []string, volunteerID int64, key map[string]string) error {
	where, args := []string{"volunteer_id = ?"}, []any{volunteerID}
	for _, col := range keys {
		v, ok := key[col]
		if !ok {
			return fmt.Errorf("import change on %s lacks %s", table, col)
		}
		where, args = append(where, col+" = ?"), append(args, v)
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM `+table+` WHERE `+strings.Join(where, " AND "), args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n > 0 { // a change of the person as read (see versionedTables)
		_, err = tx.ExecContext(ctx, `UPDATE volunteers SET row_version = row_version + 1, updated_by = ? WHERE id = ?`, actor, volunteerID)
	}
	return err
}

// refoldName sets a volunteer's search keys again after undo restored the name.
func refoldName(ctx context.Context, tx *sql.Tx, id int64) error {
	var first, last string
	if err := tx.QueryRowContext(ctx, `SELECT first_name, last_name FROM volunteers WHERE id = ?`, id).Scan(&first, &last); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `UPDATE volunteers SET name_key = ?, last_key = ? WHERE id = ?`, fold(first+" "+last), fold(last), id)
	return err
}

// recordToMatchAgain names the sessions whose votes a session import made after this
// legislators import judged by name (matched or left unmatched) against the legislators
// the undo takes back (see UndoSummary.RecordSessions): the undo cannot judge them
// again without the export.
func (u *undoer) recordToMatchAgain() error {
	return eachRow(u.ctx, u.tx, func(r *sql.Rows) error {
		var state, session string
		err := r.Scan(&state, &session)
		u.sum.RecordSessions = append(u.sum.RecordSessions, "session "+session+" of "+state)
		return err
	}, `SELECT DISTINCT sb.state, sb.session FROM roll_call_votes v JOIN roll_calls rc ON rc.id = v.roll_call_id
		JOIN session_bills sb ON sb.id = rc.session_bill_id
		WHERE (v.legislator_id IS NULL OR v.matched_by IN ('name', ?)) AND v.voter_id = ''
		  AND (v.import_batch_id > ? AND v.import_batch_id IN (SELECT id FROM import_batches WHERE undone_at IS NULL)
		    OR v.id IN (SELECT c.row_id FROM import_changes c JOIN import_batches b ON b.id = c.batch_id
		      WHERE c.table_name = 'roll_call_votes' AND c.batch_id > ? AND b.undone_at IS NULL))
		ORDER BY sb.state, sb.session`, matchedOtherChamber, u.batch, u.batch)
}
