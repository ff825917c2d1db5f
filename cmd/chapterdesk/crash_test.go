//go:build unix

package main

// The crash harness. The test binary plays ChapterDesk (a CLI verb through run, or a
// store call no verb makes); the test kills it with SIGKILL at random moments, reopens
// the file and checks that SQLite's integrity check passes and that each unit of work
// is all there or not there. The scenarios are in crash_scenarios_test.go.
//
// `go test` runs a quick round (a 10,000-row import, five kill points each; skipped
// under -race, so `make test` runs it in a second, plain go test);
// `make crash` (CHAPTERDESK_CRASH=full) runs the bar: twenty kill points
// during a 100,000-row import. CHAPTERDESK_CRASH_SEED replays a round's kill points.

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

const (
	crashRoleEnv = "CHAPTERDESK_CRASH_ROLE" // set in the child: which part it plays
	crashArgsEnv = "CHAPTERDESK_CRASH_ARGS" // its arguments, as a JSON list
)

// crashRoles are the parts a child can play besides a CLI verb ("cli").
var crashRoles = map[string]func(ctx context.Context, args []string) error{
	"stance": stanceChild,
}

// TestMain lets the test binary play the process the crash tests kill.
func TestMain(m *testing.M) {
	if role := os.Getenv(crashRoleEnv); role != "" {
		var args []string
		if err := json.Unmarshal([]byte(os.Getenv(crashArgsEnv)), &args); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(exitUsage)
		}
		if role == "cli" {
			outliveOutput() // as main
			os.Exit(run(context.Background(), args, os.Stdout, os.Stderr))
		}
		if err := crashRoles[role](context.Background(), args); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(exitFail)
		}
		os.Exit(exitOK)
	}
	os.Exit(m.Run())
}

// crashRound is how hard a test kills: quick in `go test`, the bar in
// `make crash`.
type crashRound struct {
	full bool
	rng  *rand.Rand
	seed uint64
}

// raceBuild is set when the test binary has the race detector (see crash_race_test.go).
var raceBuild = false

func newCrashRound(t *testing.T) crashRound {
	if testing.Short() {
		t.Skip("kills processes; slow")
	}
	if raceBuild {
		t.Skip("not under -race, which slows the children forty times; make test runs the crash tests without it")
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("CHAPTERDESK_CRASH_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("kill points from CHAPTERDESK_CRASH_SEED=%d", seed)
	return crashRound{full: os.Getenv("CHAPTERDESK_CRASH") == "full", rng: rand.New(rand.NewPCG(seed, 7)), seed: seed}
}

// pick returns a quick and a full value.
func (r crashRound) pick(quick, full int) int {
	if r.full {
		return full
	}
	return quick
}

// killPoints returns n moments spread at random over a run that takes d.
func (r crashRound) killPoints(n int, d time.Duration) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = time.Duration(float64(d) * (0.02 + 0.96*r.rng.Float64()))
	}
	return out
}

// child is a running copy of the test binary playing a role.
type child struct {
	cmd     *exec.Cmd
	out     *syncBuffer
	started time.Time
	ran     time.Duration // how long it ran, when it ended before its kill
}

func startChild(t *testing.T, role string, args ...string) *child {
	t.Helper()
	cmd := childCommand(role, args...)
	c := &child{cmd: cmd, out: &syncBuffer{}}
	cmd.Stdout, cmd.Stderr = c.out, c.out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c.started = time.Now()
	return c
}

// childCommand is the test binary playing role with args, not started.
func childCommand(role string, args ...string) *exec.Cmd {
	js, _ := json.Marshal(args)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), crashRoleEnv+"="+role, crashArgsEnv+"="+string(js))
	return cmd
}

// waitFor waits until the child has written s (or has ended), up to a minute.
func (c *child) waitFor(t *testing.T, s string) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if c.out.Contains(s) {
			return
		}
	}
	t.Fatalf("the child never wrote %q: %s", s, c.out.String())
}

// killAfter SIGKILLs the child d after it started, unless it ended first, which it
// reports.
func (c *child) killAfter(d time.Duration) (finished bool) {
	done := make(chan error, 1)
	go func() { done <- c.cmd.Wait() }()
	select {
	case <-done:
		c.ran = time.Since(c.started)
		return true
	case <-time.After(time.Until(c.started.Add(d))):
	}
	c.cmd.Process.Signal(syscall.SIGKILL)
	<-done
	return false
}

// finish waits for the child to end by itself and says how long it ran.
func (c *child) finish(t *testing.T) time.Duration {
	t.Helper()
	if err := c.cmd.Wait(); err != nil {
		t.Fatalf("the reference run failed: %v\n%s", err, c.out.String())
	}
	return time.Since(c.started)
}

// syncBuffer collects a child's output while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// Contains reports whether the output so far holds s.
func (b *syncBuffer) Contains(s string) bool { return strings.Contains(b.String(), s) }

// integrityOK runs the full PRAGMA integrity_check.
func integrityOK(t *testing.T, d *sql.DB) bool {
	t.Helper()
	var check string
	if err := d.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity_check: %q, %v", check, err)
		return false
	}
	return true
}

// count runs a query returning one number.
func count(t *testing.T, d *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := d.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// copyFile copies a closed database file (no WAL) to a new name.
func copyFile(t *testing.T, src, dest string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// generateRoster writes a NationBuilder export of n people with the shared generator.
func generateRoster(t *testing.T, n int) string {
	t.Helper()
	tool := "../../../shared/tools/gen_nationbuilder.py"
	if _, err := os.Stat(tool); err != nil {
		t.Skip("shared generator not here")
	}
	out := filepath.Join(t.TempDir(), "nb.csv")
	if msg, err := exec.Command("python3", tool, strconv.Itoa(n), out).CombinedOutput(); err != nil {
		t.Skipf("generator: %v %s", err, msg)
	}
	return out
}
