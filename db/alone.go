package db

import (
	"context"
	"database/sql"
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
// and a read-only command is told why it waits (ErrBusyAlone). Leaving the WAL needs
// every other connection closed: the store's idle readers are closed first, and when
// another process has the file open the load keeps the WAL.
//
// It returns what sets the WAL back (nil when the load keeps the WAL). The journal is
// crash-safe as the WAL is: a load killed half way leaves a hot journal, which the
// next open rolls back (rollBackHotJournal) before anything else reads the file.
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
	back := func() {
		ctx := context.Background()
		var mode string
		err := conn.QueryRowContext(ctx, `PRAGMA journal_mode = WAL`).Scan(&mode)
		if err == nil && mode != "wal" {
			err = fmt.Errorf("journal mode is %q", mode)
		}
		if err != nil {
			// The next open sets it again (its DSN asks for WAL); until then the file is
			// as safe, only without readers beside the writer.
			slog.Warn("the data file could not go back to WAL after a large import", "file", s.path, "err", err)
		}
		conn.ExecContext(ctx, `PRAGMA synchronous = NORMAL`)
		s.r.SetMaxIdleConns(readerIdle)
	}
	// In rollback mode NORMAL may lose a commit to a power cut; FULL syncs the journal
	// before the file is written and the file before the journal is deleted.
	if _, err := conn.ExecContext(ctx, `PRAGMA synchronous = FULL`); err != nil {
		back()
		return keepWAL("synchronous", err)
	}
	return back
}

// readerIdle is how many idle connections a store's reader pool keeps (database/sql's
// default).
const readerIdle = 2

// ErrBusyAlone: a large import by another command has the file to itself (see
// Store.aloneJournal) and reading it must wait until that ends.
var ErrBusyAlone = errors.New("is being written by an import that has it to itself")

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
	if holder != "" {
		holder = " (" + holder + ")"
	}
	return fmt.Errorf("%s %w%s: try again when it ends", abs, ErrBusyAlone, holder)
}

// rollBackHotJournal: a load killed while it had the file to itself left a rollback
// journal beside it ("-journal"), which must be played back before the file is read.
// SQLite does so at the first read of a connection that may write; a read-only
// connection cannot and fails instead ("attempt to write a readonly database"). So
// any open, reading or writing, first reads the file once on a connection that may
// write when a journal is there, then set back to WAL. It is called only while no
// other process holds the writer's lock.
func rollBackHotJournal(ctx context.Context, abs string) error {
	fi, err := os.Stat(abs + "-journal")
	if err != nil || fi.Size() == 0 {
		return nil
	}
	c, err := sql.Open(driverName, fileURI(abs)+"?_pragma=busy_timeout(5000)")
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
		return fmt.Errorf("%s: playing back the journal of an import stopped half way: %w", abs, err)
	}
	// And the WAL that load would have set back (a reader's open does not set it).
	if _, err := c.ExecContext(ctx, `PRAGMA journal_mode = WAL`); err != nil {
		slog.Warn("the data file could not go back to WAL after an import stopped half way", "file", abs, "err", err)
	}
	return nil
}
