package db_test

import (
	"context"
	"os"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestStanceTieFollowsTheHistory: two leads' imports heard opposite stances at the
// same time; on a server the history row with the lower id can reach the whip count
// last (its statement's trigger runs after the other's commit), and the count
// (stances) then said its stance while the history, ordered by time and id as every
// query reads it, said the other's (t4 F7: the count was whichever import committed
// last). A lower id written after a higher one of the same time is that interleaving,
// in one connection: the count is the history's newest by time, then id.
func TestStanceTieFollowsTheHistory(t *testing.T) {
	if os.Getenv("CHAPTERDESK_TEST_BACKEND") != "postgres" {
		t.Skip("SQLite writes one transaction at a time: ids follow the order of the writes")
	}
	ctx := context.Background()
	s := dbtest.Open(t)
	campaign := dbtest.Campaign(t, s)
	leg := dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Jo Ames")
	raw := dbtest.Raw(t, s.Path())
	for _, r := range []struct {
		id     int
		stance string
	}{{900, "yes"}, {800, "no"}} {
		if _, err := raw.ExecContext(ctx, `INSERT INTO stance_history (id, uuid, campaign_id, legislator_id, stance, changed_at)
			VALUES (?, ?, ?, ?, ?, 1700000000)`, r.id, "tie-"+r.stance, campaign, leg, r.stance); err != nil {
			t.Fatal(err)
		}
	}
	var history, count string
	if err := raw.QueryRowContext(ctx, `SELECT (SELECT stance FROM stance_history WHERE campaign_id = ? AND legislator_id = ?
		ORDER BY changed_at DESC, id DESC LIMIT 1), (SELECT stance FROM stances WHERE campaign_id = ? AND legislator_id = ?)`,
		campaign, leg, campaign, leg).Scan(&history, &count); err != nil {
		t.Fatal(err)
	}
	if history != "yes" || count != history {
		t.Errorf("whip count %q, history's newest %q; want both yes (same time, the higher id)", count, history)
	}
}
