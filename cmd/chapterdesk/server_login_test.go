package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

func TestConnectString(t *testing.T) {
	for _, c := range []struct{ addr, password, want string }{
		{"postgres://ana@db.example.org/chapterdesk?sslmode=require", "p@ss:w/rd",
			"postgres://ana:p%40ss%3Aw%2Frd@db.example.org/chapterdesk?sslmode=require"},
		{"postgres://ana@/chapterdesk?host=/run/pg&sslmode=disable", "pw", "postgres://ana:pw@/chapterdesk?host=/run/pg&sslmode=disable"},
		{"host=/run/pg dbname=c user=ana", `it's\x`, `host=/run/pg dbname=c user=ana password='it\'s\\x'`},
		{"postgres://ana@db.example.org/c", "", "postgres://ana@db.example.org/c"},
		{"/home/ana/chapterdesk.db", "pw", "/home/ana/chapterdesk.db"},
	} {
		got := connectString(c.addr, c.password)
		if got != c.want {
			t.Errorf("%q + %q = %q, want %q", c.addr, c.password, got, c.want)
		}
		if c.password == "" || !db.IsServer(c.addr) {
			continue
		}
		// pgx reads back the very password typed.
		cfg, err := pgx.ParseConfig(got)
		if err != nil || cfg.Password != c.password {
			t.Errorf("%q: pgx reads %q, %v", got, cfg.Password, err)
		}
		if name := db.ServerName(got); strings.Contains(name, c.password) {
			t.Errorf("the name %q shows the password", name)
		}
	}
}

func TestScrubbed(t *testing.T) {
	inner := &db.ServerError{Server: "x", Reason: "refused hunter2", Err: db.ErrPassword}
	err := scrubbed(fmt.Errorf("connect: %w", inner), "hunter2")
	if strings.Contains(err.Error(), "hunter2") || !errors.Is(err, db.ErrPassword) {
		t.Errorf("%q (is ErrPassword: %v)", err, errors.Is(err, db.ErrPassword))
	}
	var se *db.ServerError
	if !errors.As(err, &se) {
		t.Error("the ServerError is lost")
	}
}

// The window's switches between its data file and chapter servers: each opens first,
// and the store before stays when it cannot; the verbs the window runs (prints,
// exports) run on the server it is on; Use my data file goes back.
func TestWindowServers(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	own := filepath.Join(dir, "chapter.db")
	f, err := newDataFiles(own)
	if err != nil {
		t.Fatal(err)
	}
	s, err := openStore(ctx, own, appOpen)
	if err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	f.adopt(ctx, s, "")
	f.mu.Unlock()
	defer f.close()
	addr := dbtest.ServerURL(t)

	if err := f.TestServer(ctx, addr, ""); err != nil {
		t.Fatalf("test connection: %v", err)
	}
	if f.s != s || f.Server() != "" {
		t.Fatal("Test connection switched")
	}
	if _, err := f.ConnectServer(ctx, strings.Replace(addr, "/t", "/no_such_", 1), ""); err == nil || f.s != s {
		t.Fatalf("a database that is not there: %v; switched %v", err, f.s != s)
	}
	if _, err := f.ConnectServer(ctx, strings.Replace(addr, "postgres@", "postgres:pw@", 1), ""); err == nil {
		t.Fatal("an address holding a password was taken")
	}
	got, err := f.ConnectServer(ctx, addr, "")
	if err != nil {
		t.Fatal(err)
	}
	if !got.(*db.Store).OnServer() || f.Server() != addr || f.stopCare != nil {
		t.Errorf("on server %v, address %q, daily care %v", got.(*db.Store).OnServer(), f.Server(), f.stopCare != nil)
	}
	out := filepath.Join(dir, "volunteers.csv")
	said, err := f.RunVerb(ctx, "export", "volunteers", out)
	if err != nil {
		t.Fatalf("export on the server: %q, %v", said, err)
	}
	if _, err := os.Stat(out); err != nil {
		t.Error(err)
	}
	if _, err := f.Restore(ctx, filepath.Join(dir, "backup.db")); !errors.Is(err, errOnServer) {
		t.Errorf("restore on a server: %v", err)
	}
	back, err := f.UseDataFile(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if back.(*db.Store).OnServer() || back.Path() != own || f.Server() != "" || f.stopCare == nil {
		t.Errorf("back on %q (server %q, care %v)", back.Path(), f.Server(), f.stopCare != nil)
	}
}

// A window started on a server goes back to the default data file.
func TestOwnFileOfAServerStart(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	f, err := newDataFiles("postgres://ana@db.example.org/chapterdesk")
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := defaultDataFile(false); f.ownFile != want {
		t.Errorf("own file %q, want %q", f.ownFile, want)
	}
}

// TestPasswordAskedAtStartStaysWithItsServer: the password typed at the terminal for
// the server the window started on went into PGPASSWORD, where pgx takes it for any
// server; the window's Connect to a chapter server… with an empty Password then sent
// it to whatever host the lead named next. It is kept for that server's address only.
func TestPasswordAskedAtStartStaysWithItsServer(t *testing.T) {
	const a, b = "postgres://ana@db.example.org/chapterdesk?sslmode=require", "postgres://ana@other.example.net/chapterdesk?sslmode=require"
	t.Setenv("PGPASSWORD", "")
	typed := promptPassword
	promptPassword = func(*env) string { return "pw-for-db" }
	t.Cleanup(func() { promptPassword = typed; rememberPassword(a, "") })
	if !askPasswordFor(a) {
		t.Fatal("the password typed was not taken")
	}
	if got := os.Getenv("PGPASSWORD"); got != "" {
		t.Errorf("PGPASSWORD is %q: pgx hands it to any server", got)
	}
	if got := withSessionPassword(a); !strings.Contains(got, "pw-for-db") {
		t.Errorf("%s is opened with %q, without the password typed for it", a, db.ServerName(got))
	}
	if got := withSessionPassword(b); strings.Contains(got, "pw-for-db") {
		t.Errorf("another server is opened with the password typed for %s", a)
	}
}
