// Package db is ChapterDesk's storage: one SQLite file holding the chapter's volunteers,
// legislators, campaigns, whip count and call reports, behind a Store with the
// operations the screens and the command line need. It never imports Fyne.
package db

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"os/user"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// appID is written to the SQLite header (PRAGMA application_id) so a ChapterDesk file
// can be told apart from any other SQLite database: "CDK1".
const appID = 0x43444b31

// Sentinel errors callers test with errors.Is.
var (
	// ErrNotFound: the record asked for does not exist (or is in the trash).
	ErrNotFound = errors.New("not found")
	// ErrConflict: the write would break a uniqueness rule (a duplicate UUID, tag, id).
	ErrConflict = errors.New("already exists")
	// ErrNewerSchema: the file was written by a newer ChapterDesk; it is left untouched.
	ErrNewerSchema = errors.New("database was written by a newer version of ChapterDesk")
	// ErrOlderSchema: a read-only open met a file written by an older ChapterDesk;
	// opening it with the writer upgrades it (after a copy in the backups folder).
	ErrOlderSchema = errors.New("written by an older version of ChapterDesk and not yet upgraded")
	// ErrNotDatabase: the file is not a ChapterDesk database (or not SQLite at all).
	ErrNotDatabase = errors.New("not a ChapterDesk database")
	// ErrReadOnly: the file or its folder cannot be written.
	ErrReadOnly = errors.New("read-only location")
	// ErrIntegrity: a write would have broken one of the database's own rules (a record
	// pointing at one that is not there): a fault in ChapterDesk, not in the lead's data.
	ErrIntegrity = errors.New("nothing was changed: ChapterDesk tried a change that breaks the database's own rules (a fault in ChapterDesk, not in your data; please report it)")
)

// Options tunes Open.
type Options struct {
	// ReadOnly opens without the writer: nothing is created or migrated, and the file
	// must already be a current ChapterDesk database.
	ReadOnly bool

	// DeferFullCheck: a file changed outside ChapterDesk since it last closed it (a
	// copy, a sync tool, a killed process) is not checked in full before the open
	// returns; NeedsFullCheck says so and the caller runs Store.FullCheck soon, in the
	// background. The app sets it: its window must not wait seconds on a large file.
	// Without it (the command line) such a file is checked in full first.
	DeferFullCheck bool

	// CheckBeside: an existing file that can be read as it is (no damage mark, in WAL,
	// at the current schema, its chapter and fix-ups in place: nothing the open would
	// write first) opens at once, and its quick check runs beside the first reads,
	// with the full check's rules above (checkBeforeWriting). Every write waits for
	// it, and is refused after damage (Damaged); Opened says how it ended. The app's
	// start sets it: on the 100k/1M demo file the quick check is 0.75 s, most of the
	// open, and the dashboard need not wait on it.
	CheckBeside bool

	// FullCheckUpTo: a file of at most this many bytes is checked in full before it
	// is written to even when ChapterDesk left it as it is, which catches damage
	// that changed nothing else (a bad sector) before the write rather than at the
	// next daily check. 0: only files changed outside are.
	FullCheckUpTo int64

	// CheckChangedUpTo, on a reading open (ReadOnly): a file of at most this many
	// bytes changed outside ChapterDesk (its seal does not match) and not open for
	// writing by another ChapterDesk is checked in full before it is read, and
	// refused when damaged, as a writing open refuses it; a file with a damage mark
	// is refused too. The quick check alone misses index entries that disagree with
	// their table, through which a report counts wrong numbers. 0 or less: no check.
	CheckChangedUpTo int64

	// Alone: the store's process does one job with the file and nothing else
	// meanwhile (a command's import). A large load (LoadOptions.Large) may then have
	// the file to itself for its one transaction: SQLite's rollback journal in place
	// of the WAL, when no other connection has the file open (see aloneJournal).
	Alone bool

	// build opens a brand-new file for Build: no journal, no reader pool.
	build bool
	// initServer: the server's schema is created or upgraded (server init).
	initServer bool
}

// Store is the chapter's database: one writer connection (SQLite allows one writer at a
// time; serializing in the pool turns lock contention into queueing) and a pool of
// read-only connections that WAL lets run beside it.
type Store struct {
	path string // the file, or the server's user@host/database
	// server is the PostgreSQL server the store is on; nil for a data file.
	server       *pgx.ConnConfig
	migratedFrom int // the schema version migrate found
	// actor is who this store writes as, for the records' updated_by: the server
	// login, or the computer's user on a data file.
	actor string
	// onWriteWait, when set, is told that a write waits for its turn (OnWriteWait).
	onWriteWait func(msg string)
	w           *sql.DB // nil when opened read-only
	r           *sql.DB
	created     bool
	build       bool        // opened by Build: no journal until Close
	alone       bool        // Options.Alone
	lock        *writerLock // held while the store can write

	// needsCheck: the file changed outside ChapterDesk and its full check was
	// deferred (Options.DeferFullCheck).
	needsCheck atomic.Bool
	// stopped is set when a full check found the file damaged: every write is refused
	// with it from then on.
	stopped atomic.Pointer[DamagedError]
	// checkCancel interrupts the running background full check; lastWrite is when a
	// write last began (Unix ns).
	checkMu     sync.Mutex
	checkCancel context.CancelFunc
	lastWrite   atomic.Int64

	// opening is closed when what a CheckBeside open left running is done, openErr
	// how it ended (read it after); stopOpening interrupts it. nil otherwise.
	opening     chan struct{}
	openErr     error
	stopOpening context.CancelFunc

	// chapter is a server store's chapter choice, set on each of its connections
	// (UseChapter); nil on a data file.
	chapter *chapterChoice
}

// Path is the database file's location.
func (s *Store) Path() string { return s.path }

// Created reports whether Open created the file (a brand-new chapter).
func (s *Store) Created() bool { return s.created }

// Open opens (creating if needed, mode 0600) the ChapterDesk database at path and brings
// its schema up to date. It refuses, without writing anything, a directory, a file that
// is not SQLite, another program's SQLite file and a file from a newer ChapterDesk.
func Open(ctx context.Context, path string, opts Options) (*Store, error) {
	if IsServer(path) {
		return openServer(ctx, path, opts)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	created, err := prepareFile(abs, opts.ReadOnly)
	if err != nil {
		return nil, err
	}
	if !created {
		// An empty file where a chapter's data was is damage (a failed copy, a sync
		// tool, a full disk), not a new chapter: taking it for one would start an empty
		// chapter and, day by day, rotate the good backups out.
		if err := emptyFile(abs); err != nil {
			return nil, damaged(ctx, abs, err)
		}
	}
	s, err := open(ctx, abs, opts, created)
	if err != nil && created {
		// A file we created moments ago and could not set up is removed, so a failed
		// open leaves nothing behind.
		removeDBFiles(abs)
	}
	if s != nil {
		s.created = created
	}
	return s, err
}

func open(ctx context.Context, abs string, opts Options, created bool) (*Store, error) {
	if !created {
		if opts.ReadOnly {
			// A running import's journal, or one left by an import stopped half way:
			// told at once (a reading open never plays a journal back). Without a
			// journal, nothing more is looked at (a reader may read beside the app).
			if err := journalLeft(abs); err != nil {
				return nil, err
			}
		} else {
			// A writer is told at once when another process writes the file (as
			// acquireWriter below would): a large import that has the file to itself
			// would otherwise keep the look below waiting for SQLite's lock.
			if holder, held := lockHolder(abs); held {
				return nil, inUse(abs, holder)
			}
			if err := rollBackHotJournal(ctx, abs); err != nil {
				return nil, err
			}
		}
	}
	// Look before writing: the header checks run on a read-only connection so a foreign
	// or newer file is never touched (even switching it to WAL would modify it). A
	// reading open looks through the pool it then reads with.
	var r *sql.DB
	if opts.ReadOnly && !opts.build {
		var err error
		if r, err = readerPool(abs); err != nil {
			return nil, err
		}
	}
	if err := inspectWith(ctx, r, abs, false); err != nil {
		if r != nil {
			r.Close()
		}
		if errors.Is(err, ErrDamaged) {
			return nil, damaged(ctx, abs, err)
		}
		return nil, err
	}
	s := &Store{path: abs, build: opts.build, alone: opts.Alone, actor: osUser(), r: r}
	if !opts.ReadOnly {
		// One writer per file: a second app or command is told who has it open,
		// instead of waiting on SQLite's lock and failing with "database is locked".
		lock, err := acquireWriter(abs)
		if err != nil {
			return nil, err
		}
		s.lock = lock
		// What killed processes left of their temporary copies (tens of MB each).
		if !opts.build {
			if removed := removeLeftovers(abs); len(removed) > 0 {
				slog.Info("removed leftover temporary files", "files", removed)
			}
		}
		if opts.CheckBeside && !opts.build && !created {
			ok, err := s.openBeside(ctx, opts)
			if err != nil {
				s.Close()
				return nil, err
			}
			if ok {
				return s, nil
			}
		}
		// A damaged file is never written to: not even the switch to WAL below.
		if !opts.build {
			if err := s.checkBeforeWriting(ctx, opts, created); err != nil {
				s.Close()
				return nil, err
			}
		}
		conn := dsn(abs, false)
		if opts.build {
			conn = buildDSN(abs)
		}
		w, err := writerPool(abs, conn)
		if err != nil {
			s.Close()
			return nil, err
		}
		s.w = w
		if !opts.build {
			if err := s.checkWAL(ctx); err != nil {
				s.Close()
				return nil, err
			}
			// The -wal and -shm SQLite has just created: 0600 whatever the umask.
			if err := tightenModes(abs); err != nil {
				s.Close()
				return nil, err
			}
		}
		if err := s.migrate(ctx); err != nil {
			s.Close()
			return nil, err
		}
		// Districts typed before they were matched to the directory ("second
		// suffolk") are spelled as the directory does, once per file.
		if err := s.runFixupOnce(ctx, districtsFixup, func(ctx context.Context, tx *sql.Tx) error {
			_, err := fixDistricts(ctx, tx, s.actor)
			return err
		}); err != nil {
			s.Close()
			return nil, fmt.Errorf("open %s: %w", abs, err)
		}
		// Stances an earlier version left on an earlier session's sponsorship, and on
		// a campaign's mark of one.
		for _, name := range []string{earlierSessionsFixup, campaignMarksFixup} {
			if err := s.runFixupOnce(ctx, name, func(ctx context.Context, tx *sql.Tx) error {
				_, err := settleEarlierSessions(ctx, tx, false)
				return err
			}); err != nil {
				s.Close()
				return nil, fmt.Errorf("open %s: %w", abs, err)
			}
		}
		// Stances an earlier version left on a call report in the trash.
		if err := s.runFixupOnce(ctx, trashedCallsFixup, func(ctx context.Context, tx *sql.Tx) error {
			_, err := recountStancesOnTrash(ctx, tx, false)
			return err
		}); err != nil {
			s.Close()
			return nil, fmt.Errorf("open %s: %w", abs, err)
		}
		// The record an earlier version left counting after removing its link.
		if err := s.runFixupOnce(ctx, unlinkedRecordFixup, func(ctx context.Context, tx *sql.Tx) error {
			_, err := unlinkStaleRecord(ctx, tx, false)
			return err
		}); err != nil {
			s.Close()
			return nil, fmt.Errorf("open %s: %w", abs, err)
		}
	}
	if opts.build {
		s.r = s.w // one connection does everything while the file is being built
		if err := s.ensureSelfChapter(ctx); err != nil {
			s.Close()
			return nil, err
		}
		return s, nil
	}
	if s.r == nil {
		r, err := readerPool(abs)
		if err != nil {
			s.Close()
			return nil, err
		}
		s.r = r
	}
	if opts.ReadOnly {
		if err := s.checkCurrent(ctx); err != nil {
			s.Close()
			return nil, err
		}
		if opts.CheckChangedUpTo > 0 && !opts.build {
			if err := s.checkBeforeReading(ctx, opts.CheckChangedUpTo); err != nil {
				s.Close()
				return nil, err
			}
		}
	}
	if !opts.ReadOnly {
		if err := s.ensureSelfChapter(ctx); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// writerPool is the pool of the one writing connection to the file at abs, opened
// with dsn (which connects at its first use).
func writerPool(abs, dsn string) (*sql.DB, error) {
	w, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", abs, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxLifetime(0)
	return w, nil
}

// readerPool is the pool of read-only connections to the file at abs, which WAL
// lets run beside the writer.
func readerPool(abs string) (*sql.DB, error) {
	r, err := sql.Open(driverName, dsn(abs, true))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", abs, err)
	}
	r.SetMaxOpenConns(max(4, runtime.NumCPU()))
	r.SetMaxIdleConns(readerIdle)
	return r, nil
}

// checkBeforeWriting refuses a file a full check found damaged (its marker is there),
// runs the quick check, and the full check too when the file changed outside
// ChapterDesk since it last closed it (unless deferred) or is small enough.
func (s *Store) checkBeforeWriting(ctx context.Context, opts Options, created bool) error {
	if r, ok := DamageMark(s.path); ok {
		return damagedFromReport(ctx, r)
	}
	if err := quickCheck(ctx, s.path); err != nil {
		if errors.Is(err, ErrDamaged) {
			// Judged as check judges it: broken pages all in indexes are repairable,
			// and the refusal says so (the app offers the repair, a verb exits 4).
			de := damaged(ctx, s.path, err)
			de.IndexOnly = quickIndexOnly(ctx, s.path)
			return de
		}
		return err
	}
	if created {
		return nil
	}
	small := false
	if fi, err := os.Stat(s.path); err == nil && fi.Size() <= opts.FullCheckUpTo {
		small = true
	}
	if !small && !changedOutside(s.path) {
		return nil
	}
	if opts.DeferFullCheck {
		s.needsCheck.Store(true)
		return nil
	}
	if err := journalLeft(s.path); err != nil { // as FullCheck: a reader cannot read it
		return fmt.Errorf("check: %w", err)
	}
	// Open has looked at the file already: an empty one is damage or a new file.
	r, err := fullCheck(ctx, CheckReport{Path: s.path, At: time.Now()})
	if err != nil {
		return err
	}
	if err := RecordCheck(r); err != nil {
		return fmt.Errorf("record the check of %s: %w", s.path, err)
	}
	if !r.Intact() {
		return damagedFromReport(ctx, r)
	}
	return nil
}

// checkBeforeReading is Options.CheckChangedUpTo. A file open for writing by another
// ChapterDesk is left to it (its open checked it). A clean check is recorded, and the
// file sealed as it was checked, unless it changed meanwhile, so the next reading
// open does not check it again.
func (s *Store) checkBeforeReading(ctx context.Context, upTo int64) error {
	if r, ok := DamageMark(s.path); ok {
		return damagedFromReport(ctx, r)
	}
	if !changedOutside(s.path) {
		return nil
	}
	stamp, wal := fileStamp(s.path), fileStamp(s.path+"-wal")
	if stamp[0] > upTo {
		return nil
	}
	if _, held := lockHolder(s.path); held {
		return nil
	}
	r, err := fullCheck(ctx, CheckReport{Path: s.path, At: time.Now()})
	if err != nil {
		return err
	}
	// A finding that cannot be kept (a read-only folder) is still the finding.
	RecordCheck(r)
	if !r.Intact() {
		return damagedFromReport(ctx, r)
	}
	if _, held := lockHolder(s.path); !held && fileStamp(s.path) == stamp && fileStamp(s.path+"-wal") == wal {
		st := readSeal(s.path)
		st.DB, st.WAL = stamp, wal
		writeSeal(s.path, st)
	}
	return nil
}

// fileURI is the SQLite URI of the file at abs, without parameters.
func fileURI(abs string) string {
	return "file:" + (&url.URL{Path: filepath.ToSlash(abs)}).EscapedPath()
}

// dsn builds the connection string. Each pragma is there for a reason:
//   - busy_timeout first: a connection that meets a lock waits up to 5 s instead of
//     failing at once with "database is locked"; it must precede pragmas that write.
//   - page_size(16384): a new file gets 16 KB pages (SQLite's default is 4 KB; an existing
//     file keeps its own). It must come before journal_mode, which writes the file's
//     first page: the driver runs the _pragma list sorted by name, and _journal_mode
//     after it. Measured on a million-row call import into a new chapter: 8.0 s
//     against 9.0 s, as SQLite reads, sorts and writes a quarter as many pages.
//   - journal_mode(WAL): readers never block the writer nor the writer the readers, and
//     a crash leaves the last committed transaction intact.
//   - foreign_keys(1): SQLite leaves them off per connection unless asked.
//   - synchronous(NORMAL): in WAL mode this is crash-safe (a power cut may lose the
//     newest transaction, never corrupt the file) and much faster than FULL.
//   - _txlock=immediate: the writer takes the write lock at BEGIN, so a transaction
//     never fails half-way when it upgrades from reading to writing.
//
// Readers open with mode=ro and query_only so nothing reached through them can write.
func dsn(abs string, readOnly bool) string {
	u := fileURI(abs)
	if readOnly {
		return u + fmt.Sprintf("?mode=ro&_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)&_pragma=query_only(1)", busyTimeoutMs)
	}
	return u + fmt.Sprintf("?_pragma=busy_timeout(%d)&_pragma=page_size(16384)&_journal_mode=WAL&_pragma=foreign_keys(1)", busyTimeoutMs) +
		"&_pragma=synchronous(NORMAL)&_txlock=immediate"
}

// prepareFile checks the location and, when the file does not exist, creates it empty
// with mode 0600 (SQLite gives its -wal and -shm files the same mode). It reports
// whether it created the file.
func prepareFile(abs string, readOnly bool) (bool, error) {
	fi, err := os.Stat(abs)
	switch {
	case err == nil && fi.IsDir():
		return false, fmt.Errorf("%s is a folder, not a database file", abs)
	case err == nil:
		if readOnly {
			return false, nil
		}
		if err := tightenModes(abs); err != nil {
			return false, err
		}
		if !writable(abs) {
			return false, fmt.Errorf("%s: %w: the file cannot be written", abs, ErrReadOnly)
		}
		if dir := filepath.Dir(abs); !writable(dir) {
			// SQLite creates the -wal and -shm files beside the database; without them
			// it reports the file as "unable to open", which reads as damage.
			return false, fmt.Errorf("%s: %w: the folder %s cannot be written (ChapterDesk keeps its journal files beside the data file)",
				abs, ErrReadOnly, dir)
		}
		for _, suffix := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(abs + suffix); err == nil && !writable(abs+suffix) {
				return false, fmt.Errorf("%s: %w: its journal file %s cannot be written", abs, ErrReadOnly, abs+suffix)
			}
		}
		return false, nil
	case !errors.Is(err, os.ErrNotExist):
		return false, fmt.Errorf("open %s: %w", abs, err)
	case readOnly:
		return false, fmt.Errorf("%s does not exist", abs)
	}
	dir := filepath.Dir(abs)
	if di, err := os.Stat(dir); err != nil || !di.IsDir() {
		return false, fmt.Errorf("folder %s does not exist", dir)
	}
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrPermission) || isReadOnlyFS(err) {
			return false, fmt.Errorf("%s: %w: cannot create a file in %s", abs, ErrReadOnly, dir)
		}
		return false, fmt.Errorf("create %s: %w", abs, err)
	}
	// The mode is set whatever the umask: SQLite gives the -wal and -shm the file's.
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		os.Remove(abs)
		return false, fmt.Errorf("create %s: %w", abs, err)
	}
	if err := f.Close(); err != nil {
		return false, fmt.Errorf("create %s: %w", abs, err)
	}
	if !writable(dir) {
		// SQLite needs to create the -wal and -shm files beside the database.
		os.Remove(abs)
		return false, fmt.Errorf("%s: %w: cannot write in %s", abs, ErrReadOnly, dir)
	}
	return true, nil
}

// emptyFile returns ErrDamaged when the existing file at abs has no bytes and no WAL
// holds its pages (after a crash the first pages of a new file may still be in the
// -wal, which SQLite reads).
func emptyFile(abs string) error {
	fi, err := os.Stat(abs)
	if err != nil || fi.Size() > 0 {
		return nil
	}
	if wi, err := os.Stat(abs + "-wal"); err == nil && wi.Size() > 0 {
		return nil
	}
	// An empty file with nothing to say a chapter was ever kept in it (no seal of a
	// clean close, no backup) is a new file whose first open was cut short: a kill
	// before SQLite wrote its first page. It is set up as a new file, as it was meant.
	_, sealErr := os.Stat(checkedPath(abs))
	if backups, _ := ListBackups(abs); sealErr != nil && len(backups) == 0 {
		return nil
	}
	return fmt.Errorf("%s: %w (the file is empty: 0 bytes, where a chapter's data was expected)", abs, ErrDamaged)
}

// tightenModes takes every permission of other users from an existing data file and
// its -wal and -shm: they hold people's phone numbers and addresses, and SQLite
// creates the -wal and -shm with the data file's mode, so a file copied in as 0644
// would keep all three readable by every user of the machine. The data file keeps its
// owner's bits (a lead who made it read-only meant it); the -wal and -shm, SQLite's
// own, follow it: 0600 beside a writable data file, which also gives write back to a
// -shm an earlier chmod left read-only, where it would block every writer. A file
// this user does not own is left as it is (writable then reports it).
func tightenModes(abs string) error {
	fi, err := os.Stat(abs)
	if err != nil {
		return nil
	}
	mode := fi.Mode().Perm() &^ 0o077
	if mode != fi.Mode().Perm() {
		os.Chmod(abs, mode)
	}
	if mode&0o200 != 0 {
		mode = 0o600
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		fi, err := os.Lstat(abs + suffix)
		if err != nil {
			continue
		}
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("%s: %s is not a regular file", abs, abs+suffix)
		}
		if fi.Mode().Perm() != mode {
			os.Chmod(abs+suffix, mode)
		}
	}
	return nil
}

func removeDBFiles(abs string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal", ".lock"} {
		os.Remove(abs + suffix)
	}
}

// sqliteHeader opens every SQLite 3 database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// fileHeader reads the first 100 bytes of the file at abs (SQLite's header) straight
// from the file, and how many it could read; the error is the open's.
func fileHeader(abs string) ([]byte, int, error) {
	f, err := os.Open(abs)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	head := make([]byte, 100)
	n, _ := io.ReadFull(f, head)
	return head, n, nil
}

// readFailure says why SQLite could not read the file at abs, when it is not damage:
// the location when it cannot be written, a failed read on an I/O error, else the
// file is not a ChapterDesk database.
func readFailure(abs string, err error) error {
	msg := err.Error()
	if strings.Contains(msg, "readonly") || strings.Contains(msg, "read-only") ||
		strings.Contains(msg, "unable to open") || strings.Contains(msg, "disk I/O error") {
		// Reading a WAL database takes a -shm beside it, which SQLite cannot create
		// (or write) in a read-only folder: that is the folder, not the file. Root
		// passes the permission look, so on a read-only mount SQLite is first to fail.
		if dir := filepath.Dir(abs); !writable(dir) {
			return fmt.Errorf("%s: %w: the folder %s cannot be written, and SQLite needs its -shm file beside the data file even to read it; copy the file to a folder you can write, or make this one writable",
				abs, ErrReadOnly, dir)
		}
		if _, serr := os.Stat(abs + "-shm"); serr == nil && !writable(abs+"-shm") {
			return fmt.Errorf("%s: %w: its journal file %s cannot be written; give it back write access (chmod u+w)",
				abs, ErrReadOnly, abs+"-shm")
		}
	}
	if strings.Contains(msg, "disk I/O error") {
		// SQLite could not grow the -shm it needs beside the file even to read it.
		if free, ok := FreeSpace(filepath.Dir(abs)); ok && free < 1<<20 {
			return fmt.Errorf("%s could not be read: the disk is full (%s free in %s), and SQLite needs room beside the file "+
				"for its -shm even to read it; nothing was written; make room there and try again", abs, megabytes(free), filepath.Dir(abs))
		}
		return fmt.Errorf("%s could not be read (%v): the disk or the folder failed it, not the file's contents; nothing was written", abs, err)
	}
	return fmt.Errorf("%s: %w (%v)", abs, ErrNotDatabase, err)
}

// inspect refuses a non-SQLite file, another program's SQLite database and a database
// from a newer ChapterDesk, reading only. An empty file, or an SQLite file without a
// table, is let through for Open to set up, unless chapter: then it is not a
// ChapterDesk database either (the checks say so rather than "intact").
func inspect(ctx context.Context, abs string, chapter bool) error {
	return inspectWith(ctx, nil, abs, chapter)
}

// inspectWith is inspect reading through c, a pool of read-only connections to abs
// (dsn(abs, true)), or through a connection of its own when c is nil. A reading open
// passes the pool it goes on to read with: SQLite parses the schema once per
// connection, and that parse was a twentieth of a FAQ leaflet's whole run (issue 20).
func inspectWith(ctx context.Context, c *sql.DB, abs string, chapter bool) error {
	head, n, err := fileHeader(abs)
	if err != nil {
		return fmt.Errorf("open %s: %w", abs, err)
	}
	if n == 0 && !chapter {
		return nil // empty: a new database Open just created (Open refuses any other)
	}
	if n > 0 && (n < len(head) || !bytes.HasPrefix(head, sqliteHeader)) {
		return fmt.Errorf("%s: %w (it is not an SQLite file)", abs, ErrNotDatabase)
	}
	// Everything else is read through SQLite: after a crash the newest page 1 (with
	// the application id) may still be in the WAL, not in the file's own header.
	if c == nil {
		own, err := sql.Open("sqlite", dsn(abs, true))
		if err != nil {
			return fmt.Errorf("open %s: %w", abs, err)
		}
		defer own.Close()
		c = own
	}
	var tables int
	if err := c.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table'`).Scan(&tables); err != nil {
		if isCorrupt(err) && !strings.Contains(err.Error(), "not a database") {
			return checkError(abs, err)
		}
		if busy := busyAlone(abs, err); errors.Is(busy, ErrBusyAlone) {
			return busy // a large import in another process has the file to itself
		}
		return readFailure(abs, err)
	}
	if tables == 0 {
		if chapter {
			return fmt.Errorf("%s: %w (it holds no chapter: no table at all)", abs, ErrNotDatabase)
		}
		return nil
	}
	var id int64
	if err := c.QueryRowContext(ctx, `PRAGMA application_id`).Scan(&id); err != nil {
		return fmt.Errorf("%s: %w (%v)", abs, ErrNotDatabase, err)
	}
	if id != appID {
		return fmt.Errorf("%s: %w (it is another program's SQLite database)", abs, ErrNotDatabase)
	}
	v, err := schemaVersion(ctx, c, false)
	if err != nil {
		return fmt.Errorf("%s: %w (%v)", abs, ErrNotDatabase, err)
	}
	if latest := latestVersion(); v > latest {
		return fmt.Errorf("%s: %w (file schema %d, this version knows %d); update ChapterDesk to open it",
			abs, ErrNewerSchema, v, latest)
	}
	return nil
}

// checkWAL makes sure journal_mode=WAL really took effect: on some file systems
// (network shares) SQLite silently stays in rollback mode, where readers block writers.
func (s *Store) checkWAL(ctx context.Context) error {
	var mode string
	if err := s.w.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return s.openError(err)
	}
	if mode != "wal" {
		return fmt.Errorf("open %s: journal mode is %q, not WAL (is the file on a network share?)", s.path, mode)
	}
	return nil
}

// openError turns the driver's first error on a file into a sentence.
func (s *Store) openError(err error) error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "readonly"), strings.Contains(msg, "read-only"):
		return fmt.Errorf("%s: %w", s.path, ErrReadOnly)
	case strings.Contains(msg, "not a database"):
		return fmt.Errorf("%s: %w (%v)", s.path, ErrNotDatabase, err)
	}
	return fmt.Errorf("open %s: %w", s.path, err)
}

// checkCurrent, for read-only opens, requires the schema to be exactly current:
// a read-only store cannot migrate an older file.
func (s *Store) checkCurrent(ctx context.Context) error {
	v, err := schemaVersion(ctx, s.r, false)
	if err != nil {
		return s.openError(err)
	}
	if v == 0 {
		// An empty file (a copy that arrived empty, a file cut to nothing): a reading
		// verb neither makes a chapter of it nor lets "upgrading" do so.
		return fmt.Errorf("%s: %w (it holds no chapter: an empty file)", s.path, ErrNotDatabase)
	}
	if v != latestVersion() {
		return fmt.Errorf("%s: %w (schema %d, this version writes %d)", s.path, ErrOlderSchema, v, latestVersion())
	}
	return nil
}

// Close releases both pools.
func (s *Store) Close() error {
	if s.opening != nil {
		s.stopOpening()
		<-s.opening
	}
	var errs []error
	if s.build && s.w != nil {
		// The finished file gets the journal every other open expects.
		_, err := s.w.Exec(`PRAGMA journal_mode = WAL`)
		errs = append(errs, err)
	}
	if s.w != nil {
		errs = append(errs, s.w.Close())
	}
	if s.r != nil && s.r != s.w {
		errs = append(errs, s.r.Close())
	}
	if s.w != nil && s.server == nil && !s.build && s.stopped.Load() == nil && !s.needsCheck.Load() && s.openErr == nil {
		// The file as this store leaves it: a later open that finds it otherwise
		// knows something else changed it. A file whose deferred check never ran is
		// left unsealed, so the next open checks it.
		errs = append(errs, sealFile(s.path))
	}
	errs = append(errs, s.lock.release())
	return errors.Join(errs...)
}

// osUser is the computer's user name, for updated_by on a data file.
func osUser() string {
	if u, err := user.Current(); err == nil {
		if u.Name != "" {
			return u.Name
		}
		return u.Username
	}
	return ""
}
