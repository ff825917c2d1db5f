package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestServerOpenWaitsForNoWriter: every open that may write wrote the file's own
// chapter row in a write transaction, which on a server waits its turn behind every
// other writer: with another lead's import under way, each verb of every lead (an
// import's dry run, an undo) sat silent for as long, before the app could say why it
// waited (tester t4 measured 7 to 14 s). An open now only reads when the row is there
// or the login may not add it, and waits for no writer.
func TestServerOpenWaitsForNoWriter(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	other := coalConnect(t, sc.url, "postgres")
	if _, err := other.Exec(ctx, `SELECT pg_advisory_lock(4408141137)`); err != nil { // another writer's turn
		t.Fatal(err)
	}
	defer other.Exec(ctx, `SELECT pg_advisory_unlock(4408141137)`)
	for _, login := range []string{sc.leadA, sc.leadB, sc.coord, ""} {
		url := sc.url // the owner's
		if login != "" {
			url = coalAs(t, sc.url, login)
		}
		tctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		s, err := db.Open(tctx, url, db.Options{})
		cancel()
		if err != nil {
			t.Errorf("open as %q while another writer holds the turn: %v", login, err)
			continue
		}
		s.Close()
	}
}
