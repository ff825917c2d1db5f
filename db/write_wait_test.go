package db_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// A lead's write that waits its turn behind another login's long import sat silent
// for minutes (tester t1, F8). After a second or two of waiting the store now says
// that it waits for another write, and whose; a write that does not wait says nothing.
func TestWriteWaitingItsTurnSaysSo(t *testing.T) {
	if dbtest.Backends[1].Name != "postgres" {
		t.Skip("no server backend")
	}
	ctx := context.Background()
	s := dbtest.OpenServer(t)
	url, _ := dbtest.URLOf(s)
	var mu sync.Mutex
	var said []string
	s.OnWriteWait(func(msg string) { mu.Lock(); said = append(said, msg); mu.Unlock() })
	dbtest.Volunteer(t, s, "Quick", "Write", nil)
	if len(said) != 0 {
		t.Errorf("a write that did not wait said %q", said)
	}

	// Another login's import holds the write lock: a connection of its own holds it.
	other, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close(ctx)
	tx, err := other.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(4408141137)`); err != nil {
		t.Fatal(err)
	}
	var holder string
	other.QueryRow(ctx, `SELECT current_user`).Scan(&holder)
	done := make(chan error, 1)
	go func() {
		_, err := s.CreateVolunteer(ctx, db.NewVolunteer("Waiting", "Write"))
		done <- err
	}()
	time.Sleep(3 * time.Second)
	select {
	case err := <-done:
		t.Fatalf("the write did not wait for the lock: %v", err)
	default:
	}
	mu.Lock()
	got := strings.Join(said, "\n")
	mu.Unlock()
	if !strings.Contains(got, "waits for another write") || !strings.Contains(got, holder) {
		t.Errorf("after 3 s of waiting the store said %q, want that it waits for another write, %s's", got, holder)
	}
	tx.Rollback(ctx)
	if err := <-done; err != nil {
		t.Fatalf("the write after its turn: %v", err)
	}
}
