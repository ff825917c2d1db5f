package db_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

func TestIsServer(t *testing.T) {
	for target, want := range map[string]bool{
		"postgres://alice@db.example.org:5432/chapterdesk?sslmode=require": true,
		"postgresql://alice@/chapterdesk?host=/run/pg":                     true,
		"host=/run/pg dbname=chapterdesk":                                  true,
		"dbname=chapterdesk":                                               true,
		"chapter.db":                                                       false,
		"/home/lead/host=odd.db":                                           false,
		"C:\\Users\\lead\\chapter.db":                                      false,
	} {
		if got := db.IsServer(target); got != want {
			t.Errorf("IsServer(%q) = %v, want %v", target, got, want)
		}
	}
}

func TestServerNameNeverShowsThePassword(t *testing.T) {
	for _, target := range []string{
		"postgres://alice:s3cret@db.example.org/chapterdesk",
		"host=db.example.org user=alice password=s3cret dbname=chapterdesk",
		"postgres://alice:s3cret@db.example.org/chapterdesk?sslmode=bogus",
	} {
		name := db.ServerName(target)
		if strings.Contains(name, "s3cret") || !strings.Contains(name, "alice") {
			t.Errorf("ServerName(%q) = %q", target, name)
		}
	}
}

// An empty database, another program's, and a newer schema are each refused with one
// line, and nothing is written.
func TestServerRefusals(t *testing.T) {
	ctx := context.Background()
	empty := dbtest.EmptyServerURL(t)
	_, err := db.Open(ctx, empty, db.Options{})
	if err == nil || !strings.Contains(err.Error(), "server init") {
		t.Fatalf("empty database: %v", err)
	}

	foreign := dbtest.EmptyServerURL(t)
	dbtest.ServerAdmin(t, foreign, `CREATE TABLE invoices (id int)`)
	if _, err := db.Open(ctx, foreign, db.Options{}); !errors.Is(err, db.ErrNotDatabase) {
		t.Fatalf("another program's database: %v", err)
	}
	if _, _, err := db.InitServer(ctx, foreign); !errors.Is(err, db.ErrNotDatabase) {
		t.Fatalf("server init on another program's database: %v", err)
	}

	newer := dbtest.ServerURL(t)
	dbtest.ServerAdmin(t, newer, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', '0')`)
	if _, err := db.Open(ctx, newer, db.Options{}); !errors.Is(err, db.ErrNewerSchema) {
		t.Fatalf("newer schema: %v", err)
	}
	if _, _, err := db.InitServer(ctx, newer); !errors.Is(err, db.ErrNewerSchema) {
		t.Fatalf("server init on a newer schema: %v", err)
	}

	if _, err := db.Open(ctx, "postgres://nobody@/chapterdesk?host=/nonexistent-socket-dir&sslmode=disable&connect_timeout=2", db.Options{}); err == nil ||
		!strings.Contains(err.Error(), "cannot reach the server") {
		t.Fatalf("unreachable server: %v", err)
	}
}

func TestServerInitIsIdempotent(t *testing.T) {
	ctx := context.Background()
	url := dbtest.EmptyServerURL(t)
	from, to, err := db.InitServer(ctx, url)
	if err != nil || from != 0 || to < 1 {
		t.Fatalf("first init: %d -> %d, %v", from, to, err)
	}
	from2, to2, err := db.InitServer(ctx, url)
	if err != nil || from2 != to || to2 != to {
		t.Fatalf("second init: %d -> %d, %v", from2, to2, err)
	}
	s, err := db.Open(ctx, url, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.SelfChapter(ctx); err != nil {
		t.Fatal(err)
	}
}
