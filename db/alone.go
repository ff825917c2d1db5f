package db

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
)

// largeLoadRows is the size of file from which an import counts as a large load
// (LoadOptions.Large): below it, the WAL's second copy of the pages (at the
// checkpoint) costs less than leaving the WAL and coming back to it.
const largeLoadRows = 20_000

// aloneJournal gives a large load on a store opened Alone the file to itself: SQLite's
// rollback journal (with full syncs) in place of the WAL for the load's transaction,
// and the WAL again after it. In WAL mode every page a load adds is written twice:
// to the WAL, then again into the file by the checkpoint that follows the commit
// (SQLite runs one once the WAL passes 1,000 pages). With the rollback journal the
// new pages go straight to the file, and only the pages the file had before are
// copied, once, to the journal. Measured on a busy 2-core machine, the runs
// interleaved with the WAL's: 1,000,000 call reports took 7.7 to 9.4 s against 9.9
// to 10.2 s (the commit and close 0.3 s against 1.2 s); 100,000 NationBuilder rows
// beside a 20,000-volunteer chapter 3.3 to 4.0 s (median 3.65) against 3.7 to 4.3 s
// (4.06), the index rebuild 0.9 s of CPU against 1.0 to 1.7 s.
//
// The price is what the WAL gave: while the load runs, nothing else can read the
// file. That is why only a command asks for it (Options.Alone): its process does
// nothing else meanwhile, the app cannot open the file beside it (the writer lock),
// and a reading command or a check is told at once why it cannot read (journalLeft:
// ErrBusyAlone). Leaving the WAL needs every other connection closed: the store's
// idle readers are closed first, and when another process has the file open the load
// keeps the WAL.
//
// It returns what sets the WAL back (nil when the load keeps the WAL). The journal is
// crash-safe as the WAL is: a load killed half way leaves a hot journal, which the
// next open for writing plays back (rollBackHotJournal) before it reads the file; a
// reading open refuses the file until then (ErrJournalLeft).
func (s *Store) aloneJournal(ctx context.Context, conn *sql.Conn) func() {
	if !s.alone || s.server != nil || s.build || s.r == nil || s.r == s.w {
		return nil
	}
	s.r.SetMaxIdleConns(0) // an idle reader keeps the WAL open
	keepWAL := func(why string, err error) func() {
		s.r.SetMaxIdleConns(readerIdle)
		slog.Debug("large load keeps the WAL", "why", why, "err", err)
		return nil
	}
	var mode string
	if err := conn.QueryRowContext(ctx, `PRAGMA journal_mode = DELETE`).Scan(&mode); err != nil {
		return keepWAL("the file is open elsewhere", err) // SQLITE_BUSY: another connection
	}
	if mode != "delete" {
		return keepWAL("journal mode stayed "+mode, nil)
	}
	s.lock.say(importingAlone) // for what a reader in another process is told
	back := func() {
		ctx := context.Background()
		s.lock.say("")
		conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA busy_timeout = %d`, busyTimeoutMs))
		var mode string
		err := conn.QueryRowContext(ctx, `PRAGMA journal_mode = WAL`).Scan(&mode)
		if err == nil && mode != "wal" {
			err = fmt.Errorf("journal mode is %q", mode)
		}
		if err != nil {
			// The next writing open sets it again (its DSN asks for WAL). Until then the
			// file keeps the rollback journal's full syncs, which NORMAL would not be
			// safe with.
			slog.Warn("the data file could not go back to WAL after a large import", "file", s.path, "err", err)
		} else {
			conn.ExecContext(ctx, `PRAGMA synchronous = NORMAL`)
		}
		s.r.SetMaxIdleConns(readerIdle)
	}
	// In rollback mode NORMAL may lose a commit to a power cut; FULL syncs the journal
	// before the file is written and the file before the journal is deleted. A reader
	// that came before the load's first page was written (a reading command run at
	// that moment) holds the file until it ends: the load waits for it, up to
	// aloneWaitMs, rather than fail at its commit after all its work as the usual 5 s
	// would make it. Readers that come later are refused at once (journalLeft).
	for _, q := range []string{`PRAGMA synchronous = FULL`, fmt.Sprintf(`PRAGMA busy_timeout = %d`, aloneWaitMs)} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			back()
			return keepWAL(q, err)
		}
	}
	return back
}

// busyTimeoutMs is how long the writer waits for SQLite's lock (its DSN's
// busy_timeout, which aloneJournal sets back); aloneWaitMs how long a load that has
// the file to itself waits for a reader that came before it wrote.
const (
	busyTimeoutMs = 5000
	aloneWaitMs   = 10 * 60 * 1000
)

// large says whether an import is a large load (LoadOptions.Large): a file of
// largeLoadRows rows or more, to be kept (not a dry run).
func (o ImportOptions) large() bool { return o.ExpectedRows >= largeLoadRows && !o.DryRun }

// readerIdle is how many idle connections a store's reader pool keeps (database/sql's
// default).
const readerIdle = 2

// ErrBusyAlone: a large import by another command has the file to itself (see
// Store.aloneJournal) and reading it must wait until that ends.
var ErrBusyAlone = errors.New("is being written by an import that has it to itself")

// ErrJournalLeft: a large import that had the file to itself was stopped half way and
// left the journal of the pages it changed beside it (a hot journal). Only an open
// for writing plays it back (rollBackHotJournal): a reading one never writes.
var ErrJournalLeft = errors.New("was left half written by an import that was stopped; open it once in the app (or with any command that writes to it), which puts it back as it was before that import")

// journalLeft looks beside the file at abs for a rollback journal: nil when there is
// none, ErrBusyAlone (with who) while another process writes the file (the journal
// of its running import, even before SQLite wrote its header, while the import waits
// for a reader that came first), ErrJournalLeft when nobody does and SQLite would
// play it back (an import stopped half way left it). Anything that reads the file
// with its own connection, not through Open, asks first: SQLite would fail there
// with "attempt to write a readonly database".
func journalLeft(abs string) error {
	if fi, err := os.Stat(abs + "-journal"); err != nil || fi.Size() == 0 {
		return nil
	}
	// The database file itself is not opened here (its application id is not read):
	// closing a descriptor of it would drop the SQLite locks this process holds on it.
	holder, held := lockHolder(abs)
	hot := journalThere(abs)
	switch {
	case held && (hot || strings.HasSuffix(holder, importingAlone)):
		// A running import's journal, even before SQLite wrote its header. One SQLite
		// leaves alone beside another writer (the app) is none.
		return busyAloneErr(abs, holder)
	case !held && hot:
		return fmt.Errorf("%s %w", abs, ErrJournalLeft)
	}
	return nil
}

// importingAlone ends the writer lock's holder while its import has the file to
// itself (see aloneJournal).
const importingAlone = ", importing with the file to itself"

// busyAloneErr is ErrBusyAlone for the file at abs, whose writer's lock holder holds.
func busyAloneErr(abs, holder string) error {
	if holder != "" {
		holder = " (" + holder + ")"
	}
	return fmt.Errorf("%s %w%s: try again when it ends", abs, ErrBusyAlone, holder)
}

// BusyAlone turns SQLite's "database is locked", met on the file at path while its
// writer's lock is held by another process, into ErrBusyAlone naming that process.
// Other errors are returned as they are.
func BusyAlone(path string, err error) error {
	if err == nil || IsServer(path) {
		return err
	}
	abs, aerr := filepath.Abs(path)
	if aerr != nil {
		return err
	}
	return busyAlone(abs, err)
}

func busyAlone(abs string, err error) error {
	if err == nil || !strings.Contains(err.Error(), "database is locked") {
		return err
	}
	holder, held := lockHolder(abs)
	if !held {
		return err
	}
	return busyAloneErr(abs, holder)
}

// rollBackHotJournal: a load killed while it had the file to itself left a rollback
// journal beside it ("-journal"), which must be played back before the file is read.
// SQLite does so at the first read of a connection that may write; a read-only
// connection cannot and fails instead ("attempt to write a readonly database"). So an
// open for writing first reads the file once that way when a journal is there (a
// reading open refuses instead, see journalLeft). Only a ChapterDesk file is played
// back (its header's application id, which no import changes, read from the bytes):
// another program's file and its journal are left as they are, for inspect to refuse.
// It is called only while no other process holds the writer's lock.
func rollBackHotJournal(ctx context.Context, abs string) error {
	if !journalThere(abs) || !headerSaysChapterDesk(abs) {
		return nil
	}
	c, err := sql.Open(driverName, fileURI(abs)+fmt.Sprintf("?_pragma=busy_timeout(%d)", busyTimeoutMs))
	if err != nil {
		return fmt.Errorf("open %s: %w", abs, err)
	}
	defer c.Close()
	var n int
	if err := c.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema`).Scan(&n); err != nil {
		if msg := err.Error(); strings.Contains(msg, "readonly") || strings.Contains(msg, "read-only") {
			return fmt.Errorf("%s: %w: an import into it was stopped half way, and its journal %s must be played back before the file can be read, which needs write access to the file and its folder",
				abs, ErrReadOnly, abs+"-journal")
		}
		if holder, held := lockHolder(abs); held { // an import took the file meanwhile
			return inUse(abs, holder)
		}
		return fmt.Errorf("%s: playing back the journal of an import stopped half way: %w", abs, err)
	}
	return nil // the open that follows sets the WAL back (its DSN)
}

// journalThere says whether a rollback journal with something to play back is beside
// the file at abs, as SQLite judges it: one whose first byte is 0 is not (with full
// syncs SQLite writes the header's magic only once the journal is synced, before it
// writes any page of the file), and SQLite leaves it where it is, to be overwritten
// by the next journal.
func journalThere(abs string) bool {
	f, err := os.Open(abs + "-journal")
	if err != nil {
		return false
	}
	defer f.Close()
	first := make([]byte, 1)
	n, _ := f.Read(first)
	return n == 1 && first[0] != 0
}

// headerSaysChapterDesk reads the application id in the first 100 bytes of the file
// at abs: ChapterDesk's (appID) or not.
func headerSaysChapterDesk(abs string) bool {
	head, n, err := fileHeader(abs)
	return err == nil && n == len(head) && bytes.HasPrefix(head, sqliteHeader) &&
		binary.BigEndian.Uint32(head[68:72]) == appID
}
