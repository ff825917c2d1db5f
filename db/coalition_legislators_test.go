package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// The legislators are the coalition's, and the coordinator keeps them: its import
// of a legislator file writes them, marks the campaign's sponsor in the whip count as
// the coalition's change (no chapter's), and its undo takes both back. The chapters'
// stance history stays theirs: the coordinator neither writes a change in a
// chapter's name nor deletes one.
func TestCoalitionCoordinatorImportsLegislators(t *testing.T) {
	ctx := context.Background()
	sc := newCoalition(t)
	campaign := dbtest.Campaign(t, sc.s)
	coord, err := db.Open(ctx, coalAs(t, sc.url, sc.coord), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { coord.Close() })
	file := []db.IncomingLegislator{
		incoming(2, "ocd-person/1", db.ChamberUpper, "Middlesex and Worcester", "Jamie Eldridge", ""),
		incoming(3, "ocd-person/2", db.ChamberLower, "7th Hampden", "Aaron Saunders", ""),
	}
	sum, err := coord.ImportLegislators(ctx, file, db.ImportOptions{Format: "openstates", Source: "ma.csv", State: "MA"})
	if err != nil {
		t.Fatalf("the coordinator's import of legislators: %v", err)
	}
	if sum.Created != 2 || sum.BatchID == 0 ||
		!strings.Contains(strings.Join(sum.Notes, "\n"), "Sen. Jamie Eldridge marked as the sponsor of S.1305") {
		t.Fatalf("summary %+v", sum)
	}
	var eldridge int64
	if err := sc.admin.QueryRow(ctx, `SELECT id FROM legislators WHERE openstates_id = 'ocd-person/1'`).Scan(&eldridge); err != nil {
		t.Fatal(err)
	}
	// The mark is the coalition's: no chapter's, and the owner's chapter least of all.
	var marks, ofNone int
	if err := sc.admin.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE chapter_id IS NULL) FROM stance_history
		WHERE campaign_id = $1 AND legislator_id = $2 AND stance = 'sponsor'`, campaign, eldridge).Scan(&marks, &ofNone); err != nil {
		t.Fatal(err)
	}
	if marks != 1 || ofNone != 1 {
		t.Errorf("the sponsor's marks: %d, of no chapter %d; want 1 and 1", marks, ofNone)
	}
	if n := coalCount(t, sc.admin, `SELECT count(*) FROM stances WHERE campaign_id = $1 AND legislator_id = $2
		AND stance = 'sponsor'`, campaign, eldridge); n != 1 {
		t.Errorf("the whip count after the coordinator's import: %d sponsor stances, want 1", n)
	}

	t.Run("the chapters' history stays theirs", func(t *testing.T) {
		carol := coalConnect(t, sc.url, sc.coord)
		if _, err := carol.Exec(ctx, `INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at,
			changed_by, reason, chapter_id) VALUES ('planted-a', $1, $2, 'no', 1, 'x', 'x', $3)`, sc.campaign, sc.legislator, sc.a.ID); !coalDenied(err) {
			t.Errorf("the coordinator writing a change in chapter A's name: %v, want a refusal", err)
		}
		if tag, err := carol.Exec(ctx, `DELETE FROM stance_history WHERE chapter_id IS NOT NULL`); err == nil && tag.RowsAffected() != 0 {
			t.Errorf("the coordinator deleted %d of the chapters' stance changes", tag.RowsAffected())
		}
		if n := coalCount(t, sc.admin, `SELECT count(*) FROM stance_history WHERE chapter_id IN ($1, $2)`, sc.a.ID, sc.b.ID); n != 2 {
			t.Errorf("the chapters' stance changes: %d, want their 2", n)
		}
	})

	t.Run("the coordinator's undo takes the legislators and the mark back", func(t *testing.T) {
		if _, err := coord.UndoImport(ctx, sum.BatchID); err != nil {
			t.Fatalf("undo: %v", err)
		}
		if n := coalCount(t, sc.admin, `SELECT count(*) FROM stance_history WHERE legislator_id = $1`, eldridge); n != 0 {
			t.Errorf("%d stance changes of the undone import left", n)
		}
		if n := coalCount(t, sc.admin, `SELECT count(*) FROM stances WHERE legislator_id = $1`, eldridge); n != 0 {
			t.Errorf("%d current stances of the undone import left", n)
		}
	})
}
