package db_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestCoalitionDashboardAfterUndoOfAMergeThatAddedChapters: the owner merged a file
// bringing a chapter with calls, then undid the merge: the chapter and its calls went,
// and chapter_call_quarters kept its counters (zero) under the chapter's id. The
// coordinator's dashboard then failed whole: "calls of chapter 4 in week 2, which the
// dashboard does not have" (t9 repro-21). The undo removes them; the dashboard reads.
func TestCoalitionDashboardAfterUndoOfAMergeThatAddedChapters(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	now := time.Now().UTC()
	file := filepath.Join(t.TempDir(), "more-chapters.db")
	if err := sc.s.Checkout(ctx, file); err != nil {
		t.Fatal(err)
	}
	f, err := db.Open(ctx, file, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO chapters (uuid, is_self, name, created_at, updated_at) VALUES ('c-lowell', 0, 'Lowell', 1, 1)`,
		`INSERT INTO call_reports (uuid, chapter_id, campaign_id, legislator_id, called_at, outcome, created_at, updated_at)
			SELECT 'call-lowell', (SELECT id FROM chapters WHERE uuid = 'c-lowell'), (SELECT id FROM campaigns LIMIT 1),
				(SELECT id FROM legislators LIMIT 1), ` + itoa(now.Add(-48*time.Hour).Unix()) + `, 'spoke_staff', 1, 1`,
	} {
		if err := db.WriteRaw(ctx, f, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	f.Close()
	res, err := sc.s.Merge(ctx, file)
	if err != nil || res.BatchID == 0 || res.NewChapters != 1 {
		t.Fatalf("merge: %+v, %v; want a batch and 1 new chapter", res, err)
	}
	if _, err := sc.s.UndoImport(ctx, res.BatchID); err != nil {
		t.Fatalf("undo the merge: %v", err)
	}
	if n := coalCount(t, sc.admin, `SELECT count(*) FROM chapters WHERE uuid = 'c-lowell'`); n != 0 {
		t.Fatalf("the chapter the merge added is still there after its undo")
	}
	if n := coalCount(t, sc.admin, `SELECT count(*) FROM chapter_call_quarters WHERE chapter_id NOT IN (SELECT id FROM chapters)`); n != 0 {
		t.Errorf("chapter_call_quarters keeps %d rows of chapters that are gone", n)
	}
	// Left behind by an older undo: the dashboard still reads.
	if _, err := sc.admin.Exec(ctx, `INSERT INTO chapter_call_quarters (campaign_id, quarter, chapter_id, calls, reaches)
		VALUES ($1, $2, 999999, 0, 0)`, sc.campaign, now.Add(-48*time.Hour).Unix()/900); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.openAs(t, sc.coord).CoalitionDashboard(ctx, sc.campaign, now); err != nil {
		t.Errorf("the coordinator's dashboard after the undo: %v", err)
	}
}
