package dbtest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/chapterdesk/chapterdesk/db"
)

// A throwaway PostgreSQL server for the tests of one test binary: initdb into a
// temporary folder, a Unix socket there and no TCP, fsync off. It starts on the first
// test that asks (about 2 s) and stops when the test binary exits, however it exits:
// a watchdog shell beside it waits for the test process to go, then stops the server
// and removes the folder. As root the server runs as the postgres user, since
// PostgreSQL refuses to run as root.
//
// Without PostgreSQL installed the server tests are skipped and say so, unless
// CHAPTERDESK_REQUIRE_PG=1 (CI sets it), when they fail.

type pgServer struct {
	dir     string // the socket folder
	err     error
	missing bool // PostgreSQL is not installed: skip, do not fail
	n       atomic.Int64
}

var (
	pgOnce sync.Once
	pg     pgServer
	// serverURLs maps the Path of each store OpenServer opened to its URL (see Raw).
	serverURLs sync.Map
)

// RequirePostgres reports whether a missing PostgreSQL fails the tests instead of
// skipping them.
func RequirePostgres() bool { return os.Getenv("CHAPTERDESK_REQUIRE_PG") == "1" }

// pgBin finds the server programs: Debian's /usr/lib/postgresql/<version>/bin (the
// newest), or the PATH.
func pgBin(name string) (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return pgMajor(dirs[i]) > pgMajor(dirs[j]) })
	for _, d := range dirs {
		if p := filepath.Join(d, name); fileExists(p) {
			return p, nil
		}
	}
	return exec.LookPath(name)
}

func pgMajor(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// startServer runs initdb and postgres; the template database chapterdesk_template
// gets the schema once, so each test's database is a quick copy of it.
func startServer() (string, error) {
	initdb, err := pgBin("initdb")
	if err != nil {
		pg.missing = true
		return "", fmt.Errorf("PostgreSQL is not installed (no initdb): %w", err)
	}
	postgres, err := pgBin("postgres")
	if err != nil {
		pg.missing = true
		return "", fmt.Errorf("PostgreSQL is not installed (no postgres): %w", err)
	}
	dir, err := os.MkdirTemp("", "chapterdesk-pg-")
	if err != nil {
		return "", err
	}
	var runAs []string
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return "", fmt.Errorf("running as root, and there is no postgres user to run the server as: %w", err)
		}
		if out, err := exec.Command("chown", "-R", u.Username, dir).CombinedOutput(); err != nil {
			return "", fmt.Errorf("chown %s: %v: %s", dir, err, out)
		}
		runAs = []string{"runuser", "-u", "postgres", "--"}
	}
	data := filepath.Join(dir, "data")
	cmd := exec.Command(runAs0(runAs, initdb), runArgs(runAs, initdb, "-D", data, "-U", "postgres", "--auth=trust",
		"--no-sync", "--locale=C", "-E", "UTF8")...)
	if out, err := cmd.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("initdb: %v: %s", err, out)
	}
	// The watchdog: the server lives while this test process does.
	script := fmt.Sprintf(`%s "$@" & pg=$!
while kill -0 %d 2>/dev/null && kill -0 $pg 2>/dev/null; do sleep 0.5; done
kill -INT $(head -n 1 %q 2>/dev/null) 2>/dev/null; wait $pg; rm -rf %q`,
		strings.Join(quoteAll(append(runAs, postgres)), " "), os.Getpid(), filepath.Join(data, "postmaster.pid"), dir)
	watch := exec.Command("sh", "-c", script, "postgres", "-D", data, "-k", dir, "-c", "listen_addresses=",
		"-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
		"-c", "max_connections=200", "-c", "shared_buffers=128MB")
	logf, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		return "", err
	}
	watch.Stdout, watch.Stderr = logf, logf
	if err := watch.Start(); err != nil {
		return "", err
	}
	go watch.Wait()
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := pgx.Connect(context.Background(), adminURL(dir, "postgres"))
		if err == nil {
			c.Close(context.Background())
			break
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(logf.Name())
			return "", fmt.Errorf("the test PostgreSQL did not start: %v\n%s", err, log)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err := adminExec("postgres", dir, `CREATE DATABASE chapterdesk_template`); err != nil {
		return "", err
	}
	if _, _, err := db.InitServer(context.Background(), adminURL(dir, "chapterdesk_template")); err != nil {
		return "", fmt.Errorf("server init on the test PostgreSQL: %w", err)
	}
	return dir, nil
}

func runAs0(runAs []string, prog string) string {
	if len(runAs) > 0 {
		return runAs[0]
	}
	return prog
}

func runArgs(runAs []string, prog string, args ...string) []string {
	if len(runAs) > 0 {
		return append(append(append([]string{}, runAs[1:]...), prog), args...)
	}
	return args
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(s)
	}
	return out
}

func adminURL(dir, database string) string {
	return fmt.Sprintf("postgres://postgres@/%s?host=%s&sslmode=disable", database, dir)
}

func adminExec(database, dir, sql string) error {
	ctx := context.Background()
	c, err := pgx.Connect(ctx, adminURL(dir, database))
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	_, err = c.Exec(ctx, sql)
	return err
}

// serverUp starts the test server once; tb is skipped when PostgreSQL is not
// installed, and fails when it is and will not start.
func serverUp(tb testing.TB) {
	tb.Helper()
	pgOnce.Do(func() { pg.dir, pg.err = startServer() })
	switch {
	case pg.err == nil:
	case pg.missing && !RequirePostgres():
		tb.Skipf("skipped: %v", pg.err)
	case pg.missing:
		tb.Fatalf("PostgreSQL tests are required here (CHAPTERDESK_REQUIRE_PG=1): %v", pg.err)
	default:
		tb.Fatalf("the test PostgreSQL: %v", pg.err)
	}
}

// ServerURL gives tb a new, empty-of-data ChapterDesk database (schema current) on the
// test PostgreSQL server and returns its URL; the database is dropped when tb ends.
// tb is skipped when PostgreSQL is not installed (failed under CHAPTERDESK_REQUIRE_PG=1).
func ServerURL(tb testing.TB) string {
	tb.Helper()
	serverUp(tb)
	name := fmt.Sprintf("t%d_%d", os.Getpid(), pg.n.Add(1))
	if err := adminExec("postgres", pg.dir, `CREATE DATABASE `+name+` TEMPLATE chapterdesk_template`); err != nil {
		tb.Fatalf("create test database: %v", err)
	}
	tb.Cleanup(func() {
		adminExec("postgres", pg.dir, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`)
	})
	return adminURL(pg.dir, name)
}

// ServerAdmin runs sql as the server's superuser on the database at url, for tests
// that set a scene the Store would refuse to make.
func ServerAdmin(tb testing.TB, url, sql string) {
	tb.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		tb.Fatal(err)
	}
	defer c.Close(ctx)
	if _, err := c.Exec(ctx, sql); err != nil {
		tb.Fatal(err)
	}
}

// EmptyServerURL is like ServerURL, for a database with no schema at all.
func EmptyServerURL(tb testing.TB) string {
	tb.Helper()
	serverUp(tb)
	name := fmt.Sprintf("e%d_%d", os.Getpid(), pg.n.Add(1))
	if err := adminExec("postgres", pg.dir, `CREATE DATABASE `+name); err != nil {
		tb.Fatalf("create test database: %v", err)
	}
	tb.Cleanup(func() { adminExec("postgres", pg.dir, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`) })
	return adminURL(pg.dir, name)
}

// OpenServer opens a Store on a new test database of the test PostgreSQL server.
func OpenServer(tb testing.TB) *db.Store {
	tb.Helper()
	url := ServerURL(tb)
	s, err := db.Open(context.Background(), url, db.Options{})
	if err != nil {
		tb.Fatalf("open test server database: %v", err)
	}
	serverURLs.Store(s.Path(), url)
	tb.Cleanup(func() { s.Close() })
	return s
}

// Backend is one of the Store's backends, for tests that run against each.
type Backend struct {
	Name string
	Open func(tb testing.TB) *db.Store
}

// Backends are the Store's backends: the SQLite file and a PostgreSQL server.
var Backends = []Backend{
	{"sqlite", OpenFile},
	{"postgres", OpenServer},
}

// Each runs test once per backend, as a subtest named after it.
func Each(t *testing.T, test func(t *testing.T, open func(testing.TB) *db.Store)) {
	t.Helper()
	for _, b := range Backends {
		t.Run(b.Name, func(t *testing.T) { test(t, b.Open) })
	}
}

// URLOf gives the server URL of a store OpenServer opened; false for a data file.
func URLOf(s *db.Store) (string, bool) {
	url, ok := serverURLs.Load(s.Path())
	if !ok {
		return "", false
	}
	return url.(string), true
}
