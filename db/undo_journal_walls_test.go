package db_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// Tester t4, F2: a lead wrote into the undo journal of her own import a row naming
// another chapter's volunteer, with a `before` whose chapter_id was her chapter; the
// owner's undo of that import (the owner is not held by row-level security) wrote it,
// moving the volunteer, contact details and all, into her chapter. The database now
// refuses a lead's journal row for another chapter's record, and the undo neither
// puts back a chapter_id nor touches a record outside its import's chapter.
func TestUndoJournalCannotCrossChapters(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	ls := sc.openAs(t, sc.leadA)
	imp, err := ls.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{
		rosterRow(2, "Ann", "Own", "ann.own@example.org", "", "", "", nil, nil),
	}), db.ImportOptions{Source: "f2.csv"})
	if err != nil {
		t.Fatal(err)
	}
	alice := coalConnect(t, sc.url, sc.leadA)
	forge := `INSERT INTO import_changes (batch_id, table_name, row_id, before, after) VALUES ($1, $2, $3, $4, '{}')`
	forged := `{"chapter_id": "` + itoa(sc.a.ID) + `", "notes": "forged by alice"}`
	for _, table := range []string{"volunteers", "volunteer_tags", "volunteer_external_ids.imported_notes", "call_reports"} {
		row := sc.volB
		if table == "call_reports" {
			row = int64(coalCount(t, sc.admin, `SELECT id FROM call_reports WHERE uuid = 'call-b'`))
		}
		if _, err := alice.Exec(ctx, forge, imp.BatchID, table, row, forged); !coalDenied(err) {
			t.Errorf("a lead's journal row for another chapter's %s: %v, want refused", table, err)
		}
	}
	if _, err := alice.Exec(ctx, forge, imp.BatchID, "legislators", sc.legislator, `{"name": "forged"}`); !coalDenied(err) {
		t.Errorf("a lead's journal row for a legislator: %v, want refused", err)
	}
	// The coordinator, who reads no roster, journals none of it either.
	coord := coalConnect(t, sc.url, sc.coord)
	var coordBatch int64
	if err := coord.QueryRow(ctx, `INSERT INTO import_batches (uuid, kind, started_at, chapter_id) VALUES ('coord-forge', 'legislators', 0, NULL)
		RETURNING id`).Scan(&coordBatch); err != nil {
		t.Fatal(err)
	}
	if _, err := coord.Exec(ctx, forge, coordBatch, "volunteers", sc.volB, forged); !coalDenied(err) {
		t.Errorf("the coordinator's journal row for a chapter's volunteer: %v, want refused", err)
	}
	if _, err := coord.Exec(ctx, forge, coordBatch, "legislators", sc.legislator, `{"name": "Rep. Jane Doe"}`); err != nil {
		t.Errorf("the coordinator's journal row for a legislator: %v", err)
	}
	// One written before the database refused it: the owner's undo of the
	// coordinator's import refuses too.
	if _, err := sc.admin.Exec(ctx, `DELETE FROM import_changes WHERE batch_id = $1`, coordBatch); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.admin.Exec(ctx, forge, coordBatch, "volunteers", sc.volB, forged); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.s.UndoImport(ctx, coordBatch); !errors.Is(err, db.ErrConflict) {
		t.Errorf("the owner's undo of the coordinator's import naming a chapter's volunteer: %v, want refused", err)
	}

	// Her own chapter's records she may journal (her imports do), and not move such a
	// row onto another chapter's.
	var own int64
	if err := alice.QueryRow(ctx, forge+` RETURNING id`, imp.BatchID, "volunteers", sc.volA,
		`{"chapter_id": "`+itoa(sc.b.ID)+`", "notes": "private note"}`).Scan(&own); err != nil {
		t.Fatalf("a lead's journal row for her own volunteer: %v", err)
	}
	if _, err := alice.Exec(ctx, `UPDATE import_changes SET row_id = $1 WHERE id = $2`, sc.volB, own); !coalDenied(err) {
		t.Errorf("a lead's journal row moved onto another chapter's volunteer: %v, want refused", err)
	}

	// A row forged before the database refused them: the owner's undo refuses, and
	// writes nothing into the other chapter. (Those let in above, had the database
	// let any in, go first.)
	if _, err := sc.admin.Exec(ctx, `DELETE FROM import_changes WHERE batch_id = $1 AND id <> $2`, imp.BatchID, own); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.admin.Exec(ctx, `UPDATE import_changes SET row_id = $1 WHERE id = $2`, sc.volA, own); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.admin.Exec(ctx, forge, imp.BatchID, "volunteers", sc.volB, forged); err != nil {
		t.Fatal(err)
	}
	_, undoErr := sc.s.UndoImport(ctx, imp.BatchID)
	if !errors.Is(undoErr, db.ErrConflict) || !strings.Contains(undoErr.Error(), "another chapter") {
		t.Errorf("the owner's undo of a journal naming another chapter's volunteer: %v, want refused", undoErr)
	}
	var chapter int64
	var notes string
	if err := sc.admin.QueryRow(ctx, `SELECT chapter_id, notes FROM volunteers WHERE id = $1`, sc.volB).Scan(&chapter, &notes); err != nil {
		t.Fatal(err)
	}
	if chapter != sc.b.ID || notes != "private note" {
		t.Errorf("Springfield's volunteer after the owner's undo: chapter %d, notes %q; want chapter %d, %q", chapter, notes, sc.b.ID, "private note")
	}

	if undoErr == nil {
		t.FailNow() // undone already
	}

	// Without it, the undo goes through, and puts back no chapter_id.
	if _, err := sc.admin.Exec(ctx, `DELETE FROM import_changes WHERE batch_id = $1 AND row_id = $2 AND table_name = 'volunteers'`,
		imp.BatchID, sc.volB); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.s.UndoImport(ctx, imp.BatchID); err != nil {
		t.Fatal(err)
	}
	if err := sc.admin.QueryRow(ctx, `SELECT chapter_id FROM volunteers WHERE id = $1`, sc.volA).Scan(&chapter); err != nil {
		t.Fatal(err)
	}
	if chapter != sc.a.ID {
		t.Errorf("Worcester's volunteer after the undo: chapter %d, want %d (an undo never puts back a chapter)", chapter, sc.a.ID)
	}
}
