package db

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"strings"
	"time"
)

// LoadOptions tunes a bulk load.
type LoadOptions struct {
	// DeferIndexes, for a large load into a file without call reports and with at
	// most deferredRosterMax volunteers (the demo, a first import, an import beside a
	// roster typed in by hand), drops the non-unique indexes and the triggers of the
	// roster and call tables, checks references in the loader instead of SQLite, writes
	// rows in multi-row batches, and rebuilds the indexes once at the end. Ignored for
	// other files, where rebuilding the indexes of the rows already there would cost
	// more than it saves. Everything still happens in the one transaction.
	DeferIndexes bool
	// CacheMiB is SQLite's page cache for a deferred load (0: 512 MiB). A large cache
	// keeps a big build's pages in memory until commit; an import into a laptop's
	// roster does well with less. A load into live indexes has liveLoadCacheMiB.
	CacheMiB int
	// RefsChecked says every reference the load writes was checked by the caller
	// (an id it just read or wrote inside the transaction): SQLite's foreign-key
	// enforcement is off for the load, as in a deferred one. The call import sets it:
	// profiled on a million reports, looking up the five parents of each report
	// (the caller in a roster of 50,000 among them) took 17% of the time.
	RefsChecked bool
	// BatchRoster, for a load on SQLite that is not deferred and whose references
	// are checked (RefsChecked), writes the roster's rows (volunteers, their tags,
	// languages and ids elsewhere) in multi-row batches too, as a deferred load does.
	// The loader's caller reads or updates a volunteer it added only after
	// Loader.written. The volunteer import sets it.
	BatchRoster bool
	// JournalsInMemory keeps SQLite's statement journals in memory (temp_store). A
	// statement that writes many rows and may fail half way (a CHECK, a unique key)
	// keeps a journal of the pages it changes, to take itself back; past 64 KiB
	// SQLite moves it to a temporary file, written and truncated for every statement.
	// A batch of 64 ids from another system lands on 64 pages of their table: 0.2 s of
	// system time in a 100,000-row NationBuilder import beside a 20,000-volunteer
	// chapter. In memory, each is freed when its statement ends. Not for a deferred
	// load, nor for the call import: a million NationBuilder rows into a new file
	// took 2 s more with it, a million reports 1.5 s and 100 MB more.
	JournalsInMemory bool
	// Large: the load is expected to be large (a file of largeLoadRows rows or more)
	// and to be kept (not a dry run). On a store opened Alone it then has the file to
	// itself, with SQLite's rollback journal in place of the WAL (see aloneJournal).
	Large bool
}

// liveLoadCacheMiB is SQLite's page cache for a load that is not deferred, which adds
// to the live indexes of the rows there. With the default 2 MB the transaction's
// dirty pages spill to the WAL and are read back again and again: 100,000
// NationBuilder rows into the 20,000-volunteer demo took 8.3 s (4.3 s of it system
// time, 445,000 page writes); with 16 MiB 4.8 s and 0.5 s, for 23 MB more peak
// memory (122 MB). 32 MiB saved another 0.2 s for 31 MB more.
const liveLoadCacheMiB = 16

// Loader writes many records in one transaction with prepared statements. It is
// handed to the function given to Store.Load and must not outlive it.
type Loader struct {
	ctx       context.Context
	actor     string // who the load writes as (updated_by of the records it changes)
	conn      *sql.Conn
	tx        *sql.Tx
	chapterID int64
	now       int64
	tags      map[string]int64
	volunteer *sql.Stmt
	volTag    *sql.Stmt
	volLang   *sql.Stmt
	external  *sql.Stmt
	recruiter *sql.Stmt
	call      *sql.Stmt
	stance    *sql.Stmt
	legis     *sql.Stmt
	// driverStmts are the batches' statements prepared on the connection (see
	// atDriver), closed when the load ends.
	driverStmts []*driverStmt
	// batch is the import batch the load's new records belong to (0: none).
	batch int64
	// deferred is set for a load into small tables with the indexes, triggers and
	// foreign-key enforcement of the big tables off (see LoadOptions.DeferIndexes).
	deferred *deferredLoad
	// roster, in a deferred load or one with LoadOptions.BatchRoster, holds the
	// roster's rows waiting to be written in batches.
	roster *rosterBatch
	// side, on a file, is the store's pool of reading connections: a load may read
	// there, on another core, what its own transaction has not changed (see
	// readRosterInHalves). Nil on a server and while a file is being built.
	side *sql.DB
	// server: the load runs on PostgreSQL. Its foreign keys, indexes and triggers stay
	// on (other leads read the tables meanwhile, and the triggers run once per
	// statement); rows written in batches take ids after the largest one there, which
	// the write lock (serializeWrites) keeps to this load, and resyncIDs moves the
	// tables' id sequences past them before the commit.
	server bool
	// copy: the login may COPY into the tables (a server's owner, whom row-level
	// security does not apply to); a lead on a coalition server inserts in batches.
	copy bool
	// quiet is ctx without its cancellation, for the one-row statements: see
	// rowContext.
	quiet context.Context
	// dncInsert is, in a load into live indexes, the definition of the roster's
	// do-not-contact insert trigger, suspended until the load ends (see
	// suspendDoNotContact); "" when it is not suspended.
	dncInsert string
}

// resyncIDs, on a server, sets the id sequences of the tables a load may have written
// with ids of its own to their largest id, so the next row added the ordinary way
// takes the one after.
func (l *Loader) resyncIDs() error {
	if !l.copy {
		return nil // a file, or a login that gave no ids of its own
	}
	for _, t := range []string{"volunteers", "call_reports"} {
		if _, err := l.tx.ExecContext(l.ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'),
			(SELECT coalesce(max(id), 0) + 1 FROM `+t+`), false)`); err != nil {
			return fmt.Errorf("move the %s ids on: %w", t, err)
		}
	}
	// The planner's statistics follow the new rows at once, not at autovacuum's next
	// round: a workbook read right after the 1M demo took 6.8 s with the empty
	// tables' statistics, 2.3 s with fresh ones.
	_, err := l.tx.ExecContext(l.ctx, `ANALYZE volunteers, call_reports, volunteer_tags, volunteer_languages,
		volunteer_external_ids, stance_history, call_stats`)
	return err
}

// rowContext is the context a one-row statement runs with, or the load's error once
// it is cancelled. The driver watches a cancellable context with a goroutine of its
// own for every statement (to interrupt a long one), which was 8% of an import of
// 100,000 volunteers; a one-row statement takes microseconds, so the load stops
// between rows instead.
func (l *Loader) rowContext() (context.Context, error) {
	return l.quiet, l.ctx.Err()
}

// dncInsertTrigger keeps a new volunteer who asked not to be contacted from being
// "may call", "may text" or "may email" (migration 0003).
const dncInsertTrigger = "volunteers_do_not_contact_insert"

// suspendDoNotContact drops the do-not-contact insert trigger for a load into live
// indexes; the loader applies its rule to each volunteer it adds (insertVolunteer),
// and the load puts the trigger back before it commits, in the same transaction.
// A trigger makes SQLite keep a statement journal for every INSERT into the
// volunteers table (a copy of each page the row changes: the table's and its nine
// indexes', about 160 KB a row), which was 11% of a 100,000-row NationBuilder import
// beside the 20,000-volunteer demo, and, past 64 KiB, a temporary file write and
// truncation per row besides (23%).
func (l *Loader) suspendDoNotContact() error {
	err := l.tx.QueryRowContext(l.ctx, `SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?`,
		dncInsertTrigger).Scan(&l.dncInsert)
	if err == sql.ErrNoRows {
		return nil // a file before migration 0003 is migrated before any load
	}
	if err != nil {
		return fmt.Errorf("read trigger %s: %w", dncInsertTrigger, err)
	}
	_, err = l.tx.ExecContext(l.ctx, `DROP TRIGGER `+dncInsertTrigger)
	return err
}

// resumeDoNotContact puts the suspended trigger back.
func (l *Loader) resumeDoNotContact() error {
	if l.dncInsert == "" {
		return nil
	}
	_, err := l.tx.ExecContext(l.ctx, l.dncInsert)
	return err
}

// deferredLoad is the bookkeeping of a deferred load. With SQLite's foreign keys off,
// the loader checks every reference itself: new volunteers get the ids after the
// largest one there, and call reports 1, 2, 3, ... (their table starts empty), so a
// reference to one is valid when it lies in the range added so far or names a
// volunteer already there; the few chapters, campaigns and legislators are kept in
// sets. It also tallies call_stats, whose triggers are dropped for the load.
type deferredLoad struct {
	restore       []string // SQL recreating the dropped indexes and triggers
	chapters      map[int64]bool
	campaigns     map[int64]bool
	legislators   map[int64]bool
	maxVolunteer  int64
	oldVolunteers map[int64]bool // the volunteers there before the load
	firstNew      int64          // the first id the load gives a volunteer
	nextCall      int64
	calls         *batchInsert
	stats         map[[2]int64]*callStat
}

// rosterBatch holds the roster's rows a load writes in batches. New volunteers take
// the ids after the largest one there (the load's transaction holds the file's write
// lock); last is the largest so far.
type rosterBatch struct {
	volunteers *batchInsert
	externals  *batchInsert
	tags       *batchInsert
	langs      *batchInsert
	last       int64
}

// flushedTo is the largest volunteer id written to the table, not waiting in the batch.
func (r *rosterBatch) flushedTo() int64 {
	return r.last - int64(r.volunteers.pending())
}

// flush writes every row waiting.
func (r *rosterBatch) flush(ctx context.Context, tx *sql.Tx) error {
	for _, b := range []*batchInsert{r.volunteers, r.externals, r.tags, r.langs} {
		if err := b.flush(ctx, tx); err != nil {
			return err
		}
	}
	return nil
}

func (r *rosterBatch) close() {
	for _, b := range []*batchInsert{r.volunteers, r.externals, r.tags, r.langs} {
		b.close()
	}
}

// batchRows is how many rows a deferred load writes per INSERT statement: for small
// rows, running a statement costs more than the row itself.
const batchRows = 64

// batchInsert buffers rows of one table and writes them batchRows at a time.
type batchInsert struct {
	prefix string // INSERT INTO table (columns) VALUES
	suffix string // after the rows: ON CONFLICT DO NOTHING, or nothing
	cols   int
	row    string    // one row's values, "(?, ?, ...)" unless newBatchInsertRow says
	full   *sql.Stmt // prepared for a full batch
	buf    []any
	// nextID, when set (see givesIDs), is the id SQLite is to give the next row.
	nextID int64
	// copy, on a server, writes the rows with COPY instead (see serverCopy).
	copy *serverCopy
	// drv, on SQLite, runs the full batches at the driver (see atDriver).
	drv *driverStmt
}

func newBatchInsert(ctx context.Context, tx *sql.Tx, prefix string, cols int, suffix string) (*batchInsert, error) {
	return newBatchInsertRow(ctx, tx, prefix, `(`+placeholders(cols)+`)`, cols, suffix)
}

// newBatchInsertRow is newBatchInsert with a row of values of its own: row holds cols
// placeholders and, for the columns every row has the same value in, that value
// written into the statement, which SQLite then need not be handed row by row.
func newBatchInsertRow(ctx context.Context, tx *sql.Tx, prefix, row string, cols int, suffix string) (*batchInsert, error) {
	if n := strings.Count(row, "?"); n != cols {
		return nil, fmt.Errorf("batch insert: %d placeholders in a row of %d values", n, cols)
	}
	b := &batchInsert{prefix: prefix, suffix: suffix, cols: cols, row: row, buf: make([]any, 0, cols*batchRows)}
	var err error
	b.full, err = tx.PrepareContext(ctx, b.statement(batchRows))
	return b, err
}

func (b *batchInsert) statement(rows int) string {
	return b.prefix + ` ` + strings.TrimSuffix(strings.Repeat(b.row+`, `, rows), `, `) + b.suffix
}

// add buffers one row, writing the batch when it is full.
func (b *batchInsert) add(ctx context.Context, args ...any) error {
	if err := ctx.Err(); err != nil {
		return err // a cancelled load stops at the next row, whatever the batch's size
	}
	b.buf = append(b.buf, args...)
	if b.copy != nil {
		if len(b.buf) < b.cols*copyRows {
			return nil
		}
		err := b.copy.write(ctx, b.buf, b.cols)
		b.buf = b.buf[:0]
		return err
	}
	if len(b.buf) < b.cols*batchRows {
		return nil
	}
	if b.drv != nil {
		res, err := b.drv.exec(ctx, b.buf)
		return b.written(res, err)
	}
	res, err := b.full.ExecContext(ctx, b.buf...)
	return b.written(res, err)
}

// givesIDs says the rows have no id of their own: SQLite gives each the one after the
// largest in the table (the rowid of an INTEGER PRIMARY KEY), next the first. Each
// statement's last id is checked against the count, so rows never get other ids than
// the caller gave them in its own count (a stance change names its report by id).
// Measured on a million call reports, SQLite's check that an id given is free (a
// look-up in the table per row) was 0.3 s.
func (b *batchInsert) givesIDs(next int64) { b.nextID = next }

// written ends a statement of the rows in the buffer: it checks their ids (see
// givesIDs) and empties it.
func (b *batchInsert) written(res sql.Result, err error) error {
	rows := len(b.buf) / b.cols
	b.buf = b.buf[:0]
	if err != nil || b.nextID == 0 {
		return err
	}
	last, err := res.LastInsertId()
	if err != nil {
		return err
	}
	if want := b.nextID + int64(rows) - 1; last != want {
		return fmt.Errorf("batch insert: the rows got ids up to %d, not %d as counted", last, want)
	}
	b.nextID += int64(rows)
	return nil
}

// flush writes what is buffered.
func (b *batchInsert) flush(ctx context.Context, tx *sql.Tx) error {
	if len(b.buf) == 0 {
		return nil
	}
	if b.copy != nil {
		err := b.copy.write(ctx, b.buf, b.cols)
		b.buf = b.buf[:0]
		return err
	}
	stmt := b.statement(len(b.buf) / b.cols)
	if b.drv != nil {
		stmt = orFail(stmt) // SQLite's, as the full batches'
	}
	res, err := tx.ExecContext(ctx, stmt, b.buf...)
	return b.written(res, err)
}

// pending is how many rows wait in the buffer.
func (b *batchInsert) pending() int { return len(b.buf) / b.cols }

func (b *batchInsert) close() {
	if b != nil && b.full != nil {
		b.full.Close()
	}
	if b != nil && b.drv != nil {
		b.drv.close()
	}
}

type callStat struct {
	attempts, reaches     int
	lastCalled, lastReach int64
}

// Load runs fn with a Loader inside one write transaction: everything fn adds is
// committed together, or nothing is when fn (or the commit) fails.
func (s *Store) Load(ctx context.Context, opts LoadOptions, fn func(*Loader) error) error {
	if err := s.load(ctx, opts, fn); err != nil {
		return fmt.Errorf("bulk load: %w", mapErr(err))
	}
	return nil
}

func (s *Store) load(ctx context.Context, opts LoadOptions, fn func(*Loader) error) error {
	return diskFull(s.path, s.refused(ctx, s.loadOnce(ctx, opts, fn)))
}

// loadOnce is load's work, on a connection of its own rather than inTx's.
func (s *Store) loadOnce(ctx context.Context, opts LoadOptions, fn func(*Loader) error) error {
	if err := s.beforeWrite(); err != nil {
		return err
	}
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	server := s.server != nil
	// On a server, a login that row-level security applies to (a coalition's lead)
	// sees only part of the tables: it may neither COPY nor give rows ids of its own
	// (the largest id it sees is not the largest there is), so it loads row by row.
	copyOK := !server || copyAllowed(ctx, conn)
	deferred := false
	if opts.DeferIndexes && copyOK {
		var volunteers, calls int
		if err := conn.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM volunteers), (SELECT count(*) FROM call_reports)`).Scan(&volunteers, &calls); err != nil {
			return err
		}
		deferred = calls == 0 && volunteers <= deferredRosterMax
	}
	// Outside the transaction, as a change of journal mode must be.
	if opts.Large {
		if back := s.aloneJournal(ctx, conn); back != nil {
			defer back()
		}
	}
	// SQLite's settings for the load; a server has its own (and no pragmas).
	if (deferred || opts.RefsChecked) && !server {
		// The loader, or its caller, checks references itself (see deferredLoad); the
		// pragma only works outside a transaction. It is set back after.
		if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
			return err
		}
		defer conn.ExecContext(context.Background(), `PRAGMA foreign_keys = ON`)
	}
	if deferred && !server {
		// A large load spills SQLite's default 2 MB page cache again and again; a
		// larger one (CacheMiB) keeps it in memory until commit. It is set back after.
		cache := opts.CacheMiB
		if cache <= 0 {
			cache = 512
		}
		if _, err := conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = %d`, -cache*1024)); err != nil {
			return err
		}
		defer conn.ExecContext(context.Background(), `PRAGMA cache_size = -2000`)
	} else if !server {
		if _, err := conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = %d`, -liveLoadCacheMiB*1024)); err != nil {
			return err
		}
		defer conn.ExecContext(context.Background(), `PRAGMA cache_size = -2000`)
	}
	if opts.JournalsInMemory && !deferred && !server {
		if _, err := conn.ExecContext(ctx, `PRAGMA temp_store = MEMORY`); err != nil {
			return err
		}
		defer conn.ExecContext(context.Background(), `PRAGMA temp_store = DEFAULT`)
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if server {
		if err := s.serializeWrites(ctx, tx); err != nil {
			return err
		}
		if deferred || opts.RefsChecked {
			// Batched rows may name rows of a later batch: checked at the commit.
			if _, err := tx.ExecContext(ctx, `SET CONSTRAINTS ALL DEFERRED`); err != nil {
				return err
			}
		}
	}
	l := &Loader{ctx: ctx, quiet: context.WithoutCancel(ctx), conn: conn, tx: tx, now: nowUnix(), tags: map[string]int64{}, server: server,
		actor: s.actor}
	l.copy = server && copyOK
	defer l.closeDriverStmts()
	if !server && s.r != s.w {
		// With the rollback journal too: until the load writes a page to the file
		// (which waits for the readers), a reader sees the file as it was committed.
		l.side = s.r
	}
	if err := tx.QueryRowContext(ctx, selfChapterQuery(server)).Scan(&l.chapterID); err != nil {
		return err
	}
	if deferred {
		if l.deferred, err = startDeferred(ctx, tx, server); err != nil {
			return err
		}
		if err := deferServerStats(ctx, tx, server, true); err != nil {
			return err
		}
	}
	if !deferred && !server { // a server's rule is a BEFORE trigger, with no such cost
		if err := l.suspendDoNotContact(); err != nil {
			return err
		}
	}
	if err := l.prepare(opts.BatchRoster && opts.RefsChecked); err != nil {
		return err
	}
	defer l.close()
	if err := fn(l); err != nil {
		return err
	}
	if err := l.flushRoster(); err != nil {
		return err
	}
	if err := l.resumeDoNotContact(); err != nil {
		return err
	}
	if d := l.deferred; d != nil {
		if err := d.calls.flush(ctx, tx); err != nil {
			return err
		}
		if err := rebuildIndexes(ctx, conn, tx, d.restore, sortRunMiB); err != nil {
			return err
		}
		if err := l.writeCallStats(); err != nil {
			return err
		}
	}
	if err := l.resyncIDs(); err != nil {
		return err
	}
	return tx.Commit()
}

// rebuildIndexes runs the saved CREATE INDEX and CREATE TRIGGER statements. SQLite
// sorts each index in memory on one thread when the page cache is large; with small
// sorted runs (a cache of runMiB) its worker threads sort runs in parallel: measured
// on three indexes over a million rows, 3.1 s became 1.9 s on two cores. Smaller runs
// cost less memory and fit the processor's caches better (see importCalls).
func rebuildIndexes(ctx context.Context, conn *sql.Conn, tx *sql.Tx, restore []string, runMiB int) error {
	if len(restore) == 0 {
		return nil
	}
	if onServer(conn) {
		// A server (see dropForServerLoad) sorts with its own settings. The checks of
		// the keys that stayed, deferred to the commit, run first: a table with
		// pending checks cannot take a new key.
		if _, err := tx.ExecContext(ctx, `SET CONSTRAINTS ALL IMMEDIATE`); err != nil {
			return err
		}
		for _, q := range restore {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("rebuild: %w", err)
			}
		}
		return nil
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA threads = %d`, runtime.NumCPU())); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), `PRAGMA threads = 0`)
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = %d`, -runMiB*1024)); err != nil {
		return err
	}
	for _, q := range restore {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("rebuild index: %w", err)
		}
	}
	return nil
}

// sortRunMiB is the size of the sorted runs a load's index rebuild hands SQLite's
// worker threads (see rebuildIndexes).
const sortRunMiB = 8

// startDeferred drops the secondary indexes and triggers of the roster and call
// tables, all but the unique ones: those stay, so a duplicate fails at its own row,
// and UUIDv7 ids make them cheap to grow (see newUUID). It reads their definitions
// from the schema itself, so the migrations stay the only place they are written, and
// collects the ids references may point at.
//
// On a server nothing is dropped: the load takes ids of its own (see Loader.server),
// and tallies call_stats itself as on the file (see deferServerStats).
func startDeferred(ctx context.Context, tx *sql.Tx, server bool) (*deferredLoad, error) {
	d := &deferredLoad{chapters: map[int64]bool{}, campaigns: map[int64]bool{}, legislators: map[int64]bool{},
		oldVolunteers: map[int64]bool{}, nextCall: 1, stats: map[[2]int64]*callStat{}}
	for table, set := range map[string]map[int64]bool{"chapters": d.chapters, "campaigns": d.campaigns,
		"legislators": d.legislators, "volunteers": d.oldVolunteers} {
		if err := eachRow(ctx, tx, func(r *sql.Rows) error {
			var id int64
			err := r.Scan(&id)
			set[id] = true
			return err
		}, `SELECT id FROM `+table); err != nil {
			return nil, err
		}
	}
	for id := range d.oldVolunteers {
		d.maxVolunteer = max(d.maxVolunteer, id)
	}
	d.firstNew = d.maxVolunteer + 1
	if server {
		restore, err := dropForServerLoad(ctx, tx)
		d.restore = restore
		return d, err
	}
	type obj struct{ kind, name, sql string }
	var objs []obj
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var o obj
		err := r.Scan(&o.kind, &o.name, &o.sql)
		objs = append(objs, o)
		return err
	}, `SELECT type, name, sql FROM sqlite_schema WHERE tbl_name IN ('volunteers', 'call_reports', 'volunteer_tags',
		'volunteer_languages', 'volunteer_external_ids') AND type IN ('index', 'trigger') AND sql IS NOT NULL
		AND sql NOT LIKE 'CREATE UNIQUE INDEX%' AND name NOT IN `+keptLiveRosterIndexes+` AND name <> ? ORDER BY type, name`, appendOnlyCallIndex)
	if err != nil {
		return nil, err
	}
	for _, o := range objs {
		if _, err := tx.ExecContext(ctx, `DROP `+strings.ToUpper(o.kind)+` "`+o.name+`"`); err != nil {
			return nil, err
		}
		d.restore = append(d.restore, o.sql)
	}
	return d, nil
}

// deferredRosterMax is the most volunteers a file may hold for a load into it to be
// deferred: rebuilding the indexes over them costs at most a few hundredths of a
// second, where adding 100,000 rows to a live roster's eleven indexes costs seconds.
const deferredRosterMax = 10_000

// hasVolunteer reports whether id is a volunteer there before the load or added by it.
func (d *deferredLoad) hasVolunteer(id int64) bool {
	return id >= d.firstNew && id <= d.maxVolunteer || d.oldVolunteers[id]
}

// errMissingRef reports a reference to a record that does not exist.
func errMissingRef(what string, id int64) error {
	return fmt.Errorf("%w: no %s with id %d", ErrNotFound, what, id)
}

func (d *deferredLoad) checkCall(r *CallReport) error {
	switch {
	case !d.chapters[r.ChapterID]:
		return errMissingRef("chapter", r.ChapterID)
	case !d.campaigns[r.CampaignID]:
		return errMissingRef("campaign", r.CampaignID)
	case !d.legislators[r.LegislatorID]:
		return errMissingRef("legislator", r.LegislatorID)
	case r.VolunteerID != 0 && !d.hasVolunteer(r.VolunteerID):
		return errMissingRef("volunteer", r.VolunteerID)
	}
	return nil
}

// writeCallStats stores the tallies of a deferred load, adding to what is there.
func (l *Loader) writeCallStats() error {
	if err := addCallStats(l.ctx, l.tx, l.deferred.stats); err != nil {
		return err
	}
	return deferServerStats(l.ctx, l.tx, l.server, false)
}

// addCallStats adds tallies of new live reports to call_stats, as the insert trigger
// does one report at a time.
func addCallStats(ctx context.Context, tx *sql.Tx, tally map[[2]int64]*callStat) error {
	if len(tally) == 0 {
		return nil
	}
	st, err := tx.PrepareContext(ctx, `INSERT INTO call_stats (campaign_id, legislator_id, attempts, reaches,
		last_called_at, last_reached_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (campaign_id, legislator_id) DO UPDATE SET attempts = call_stats.attempts + excluded.attempts,
			reaches = call_stats.reaches + excluded.reaches,
			last_called_at = CASE WHEN excluded.last_called_at > call_stats.last_called_at
				THEN excluded.last_called_at ELSE call_stats.last_called_at END,
			last_reached_at = CASE WHEN excluded.last_reached_at > call_stats.last_reached_at
				THEN excluded.last_reached_at ELSE call_stats.last_reached_at END`)
	if err != nil {
		return err
	}
	defer st.Close()
	for k, c := range tally {
		if _, err := st.ExecContext(ctx, k[0], k[1], c.attempts, c.reaches, c.lastCalled, c.lastReach); err != nil {
			return err
		}
	}
	return nil
}

func (l *Loader) prepare(batchRoster bool) error {
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = l.tx.PrepareContext(l.ctx, q)
		return st
	}
	// On SQLite the new rows' ids come from the driver's last insert rowid: a
	// RETURNING clause makes SQLite run the INSERT as a trigger program, which keeps a
	// statement journal (a copy of every page the row changes). Profiled on a million
	// call reports from 50,000 callers not on the roster, that journal was 38% of the
	// 2.7 s the new volunteers took.
	returning := ""
	if l.server {
		returning = ` RETURNING id`
	}
	l.volunteer = prep(`INSERT INTO volunteers (` + volunteerCols + `) VALUES (` + placeholders(30) + `)` + returning)
	l.volTag = prep(`INSERT INTO volunteer_tags (volunteer_id, tag_id) VALUES (?, ?) ON CONFLICT DO NOTHING`)
	l.volLang = prep(`INSERT INTO volunteer_languages (volunteer_id, lang) VALUES (?, ?) ON CONFLICT DO NOTHING`)
	l.external = prep(`INSERT INTO volunteer_external_ids (chapter_id, volunteer_id, system, external_id, imported_notes) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
	l.recruiter = prep(`UPDATE volunteers SET recruiter_id = ? WHERE id = ?`)
	l.call = prep(`INSERT INTO call_reports (` + callCols + `) VALUES (` + placeholders(17) + `)` + returning)
	l.stance = prep(`INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, changed_by,
		reason, call_report_id, chapter_id, import_batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)` + returning)
	l.legis = prep(`INSERT INTO legislators (` + legislatorCols + `) VALUES (` + legislatorValues + `)` + returning)
	if err != nil {
		return err
	}
	if d := l.deferred; d != nil {
		if d.calls, err = newBatchInsert(l.ctx, l.tx, `INSERT INTO call_reports (id, `+callCols+`) VALUES`, 18, ``); err != nil {
			return err
		}
		d.calls.useCopy(l.conn, l.copy)
		if err = l.atDriver(d.calls); err != nil {
			return err
		}
		return l.prepareRoster(d.maxVolunteer)
	}
	if batchRoster && !l.server {
		var last int64
		if err := l.tx.QueryRowContext(l.ctx, `SELECT coalesce(max(id), 0) FROM volunteers`).Scan(&last); err != nil {
			return err
		}
		return l.prepareRoster(last)
	}
	return nil
}

// prepareRoster sets the load up to write the roster's rows in batches, the new
// volunteers numbered after last.
func (l *Loader) prepareRoster(last int64) error {
	r := &rosterBatch{last: last}
	var err error
	batch := func(prefix string, cols int, suffix string) *batchInsert {
		if err != nil {
			return nil
		}
		var b *batchInsert
		if b, err = newBatchInsert(l.ctx, l.tx, prefix, cols, suffix); err == nil {
			b.useCopy(l.conn, l.copy)
			err = l.atDriver(b)
		}
		return b
	}
	r.volunteers = batch(`INSERT INTO volunteers (id, `+volunteerCols+`) VALUES`, 31, ``)
	r.externals = batch(`INSERT INTO volunteer_external_ids (chapter_id, volunteer_id, system, external_id, imported_notes) VALUES`, 5, ` ON CONFLICT DO NOTHING`)
	r.tags = batch(`INSERT INTO volunteer_tags (volunteer_id, tag_id) VALUES`, 2, ` ON CONFLICT DO NOTHING`)
	r.langs = batch(`INSERT INTO volunteer_languages (volunteer_id, lang) VALUES`, 2, ` ON CONFLICT DO NOTHING`)
	if err != nil {
		r.close()
		return err
	}
	l.roster = r
	return nil
}

// flushRoster writes the roster's rows waiting in batches.
func (l *Loader) flushRoster() error {
	if l.roster == nil {
		return nil
	}
	return l.roster.flush(l.ctx, l.tx)
}

// insertID runs one of the loader's one-row INSERT statements and sets *id to the
// new row's id: RETURNING id on a server, the last insert rowid on SQLite (see
// prepare).
func (l *Loader) insertID(ctx context.Context, st *sql.Stmt, id *int64, args ...any) error {
	if l.server {
		return st.QueryRowContext(ctx, args...).Scan(id)
	}
	res, err := st.ExecContext(ctx, args...)
	if err != nil {
		return err
	}
	*id, err = res.LastInsertId()
	return err
}

func (l *Loader) close() {
	if d := l.deferred; d != nil {
		d.calls.close()
	}
	if l.roster != nil {
		l.roster.close()
	}
	for _, st := range []*sql.Stmt{l.volunteer, l.volTag, l.volLang, l.external, l.recruiter, l.call, l.stance, l.legis} {
		if st != nil {
			st.Close()
		}
	}
}

func stampOr(t time.Time, fallback int64) int64 {
	if t.IsZero() {
		return fallback
	}
	return stamp(t)
}

// AddVolunteer validates and adds a volunteer, setting v.ID and v.UUID. A PhoneE164
// or MobileE164 already filled is trusted as the normalized form of its text.
func (l *Loader) AddVolunteer(v *Volunteer) error {
	e164, m164 := v.PhoneE164, v.MobileE164
	phone, mobile := v.Phone, v.Mobile
	if e164 != "" {
		v.Phone = "" // skip re-parsing a number the caller already normalized
	}
	if m164 != "" {
		v.Mobile = ""
	}
	err := v.normalize()
	v.Phone, v.Mobile = phone, mobile
	if e164 != "" {
		v.PhoneE164 = e164
	}
	if m164 != "" {
		v.MobileE164 = m164
	}
	if err != nil {
		return err
	}
	return l.insertVolunteer(v)
}

// insertVolunteer writes a volunteer already normalized, with its labels.
func (l *Loader) insertVolunteer(v *Volunteer) error {
	if v.UUID == "" {
		v.UUID = newUUID()
	}
	if v.ChapterID == 0 {
		v.ChapterID = l.chapterID
	}
	if d := l.deferred; d != nil {
		if !d.chapters[v.ChapterID] {
			return errMissingRef("chapter", v.ChapterID)
		}
		if v.RecruiterID != 0 && !d.hasVolunteer(v.RecruiterID) {
			return errMissingRef("volunteer", v.RecruiterID)
		}
	}
	created := stampOr(v.CreatedAt, l.now)
	row := v
	if l.dncInsert != "" && v.DoNotContact && (v.OKCall || v.OKText || v.OKEmail) {
		// What the suspended trigger does to the row (and only to the row).
		c := *v
		c.OKCall, c.OKText, c.OKEmail = false, false, false
		row = &c
	}
	args := volunteerArgs(row, l.batch, created, stampOr(v.UpdatedAt, created))
	if r := l.roster; r != nil {
		// The ids after the largest one there: the row can wait in a batch.
		v.ID = r.last + 1
		r.last = v.ID
		if d := l.deferred; d != nil {
			d.maxVolunteer = v.ID
		}
		if err := r.volunteers.add(l.ctx, append([]any{v.ID}, args...)...); err != nil {
			return fmt.Errorf("add volunteers: %w", err)
		}
	} else {
		ctx, err := l.rowContext()
		if err != nil {
			return err
		}
		if err := l.insertID(ctx, l.volunteer, &v.ID, args...); err != nil {
			return fmt.Errorf("add volunteer %s: %w", v.Name(), err)
		}
	}
	for kind, names := range map[string][]string{"tag": v.Tags, "skill": v.Skills} {
		for _, name := range names {
			id, err := l.tagID(kind, name)
			if err != nil {
				return err
			}
			if err := l.addRow(l.volTag, l.rosterTags(), v.ID, id); err != nil {
				return err
			}
		}
	}
	for _, lang := range v.Languages {
		if err := l.addRow(l.volLang, l.rosterLangs(), v.ID, lang); err != nil {
			return err
		}
	}
	return nil
}

// tagID returns the id of a tag or skill, creating it once per load.
func (l *Loader) tagID(kind, name string) (int64, error) {
	key := kind + "\x00" + strings.ToLower(name)
	if id, ok := l.tags[key]; ok {
		return id, nil
	}
	id, err := ensureTag(l.ctx, l.tx, kind, name)
	if err == nil {
		l.tags[key] = id
	}
	return id, err
}

// addRow writes a row with st, or buffers it in b when the roster is written in batches.
func (l *Loader) addRow(st *sql.Stmt, b *batchInsert, args ...any) error {
	if b != nil {
		return b.add(l.ctx, args...)
	}
	ctx, err := l.rowContext()
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

func (l *Loader) rosterTags() *batchInsert {
	if l.roster == nil {
		return nil
	}
	return l.roster.tags
}

func (l *Loader) rosterLangs() *batchInsert {
	if l.roster == nil {
		return nil
	}
	return l.roster.langs
}

// written makes sure a volunteer added in this load is in the table, not waiting in
// a batch, before it is read or updated.
func (l *Loader) written(volunteerID int64) error {
	r := l.roster
	if r == nil || volunteerID <= r.flushedTo() {
		return nil
	}
	return r.volunteers.flush(l.ctx, l.tx)
}

// AddExternalID records the id in another system (NationBuilder, VAN, ...) of a
// volunteer of the load's chapter, under which the id is kept (a server's trigger
// reads it from the volunteer), with the note that system gave (see 0013).
func (l *Loader) AddExternalID(volunteerID int64, system, externalID, importedNotes string) error {
	if r := l.roster; r != nil {
		return r.externals.add(l.ctx, l.chapterID, volunteerID, system, externalID, importedNotes)
	}
	ctx, err := l.rowContext()
	if err != nil {
		return err
	}
	_, err = l.external.ExecContext(ctx, l.chapterID, volunteerID, system, externalID, importedNotes)
	return err
}

// SetRecruiter records who recruited a volunteer (both already added).
func (l *Loader) SetRecruiter(volunteerID, recruiterID int64) error {
	if d := l.deferred; d != nil && (!d.hasVolunteer(volunteerID) || recruiterID != 0 && !d.hasVolunteer(recruiterID)) {
		return errMissingRef("volunteer", max(volunteerID, recruiterID))
	}
	if err := l.written(max(volunteerID, recruiterID)); err != nil {
		return err
	}
	_, err := l.recruiter.ExecContext(l.ctx, nullID(recruiterID), volunteerID)
	return err
}

// AddLegislator validates and adds a legislator, setting lg.ID.
func (l *Loader) AddLegislator(lg *Legislator) error {
	if err := lg.normalize(); err != nil {
		return err
	}
	if err := l.insertID(l.ctx, l.legis, &lg.ID, legislatorArgs(lg, 0, l.now)...); err != nil {
		return fmt.Errorf("add legislator %s: %w", lg.Name, err)
	}
	if l.deferred != nil {
		l.deferred.legislators[lg.ID] = true
	}
	return nil
}

// AddCallReport validates and adds a call report, setting r.ID. It does not move the
// whip count; add a StanceChange for that.
func (l *Loader) AddCallReport(r *CallReport) error {
	if err := r.normalize(); err != nil {
		return err
	}
	if r.ChapterID == 0 {
		r.ChapterID = l.chapterID
	}
	at := stamp(r.CalledAt)
	d := l.deferred
	if d == nil {
		if err := l.insertID(l.ctx, l.call, &r.ID, callArgs(r, 0, at)...); err != nil {
			return fmt.Errorf("add call report: %w", err)
		}
		return nil
	}
	if err := d.checkCall(r); err != nil {
		return fmt.Errorf("add call report: %w", err)
	}
	r.ID = d.nextCall
	d.nextCall++
	if err := d.calls.add(l.ctx, append([]any{r.ID}, callArgs(r, 0, at)...)...); err != nil {
		return fmt.Errorf("add call reports: %w", err)
	}
	k := [2]int64{r.CampaignID, r.LegislatorID}
	st := d.stats[k]
	if st == nil {
		st = &callStat{}
		d.stats[k] = st
	}
	st.attempts++
	st.lastCalled = max(st.lastCalled, at)
	if r.Outcome.Reached() {
		st.reaches++
		st.lastReach = max(st.lastReach, at)
	}
	return nil
}

// AddStance appends a stance change to the history.
func (l *Loader) AddStance(c *StanceChange) error {
	if !c.Stance.Valid() {
		return &ValidationError{"stance", fmt.Sprintf("Unknown stance %q.", c.Stance)}
	}
	if d := l.deferred; d != nil {
		switch {
		case !d.campaigns[c.CampaignID]:
			return errMissingRef("campaign", c.CampaignID)
		case !d.legislators[c.LegislatorID]:
			return errMissingRef("legislator", c.LegislatorID)
		case c.CallReportID < 0 || c.CallReportID >= d.nextCall:
			return errMissingRef("call report", c.CallReportID)
		}
	}
	if c.UUID == "" {
		c.UUID = newUUID()
	}
	chapter := c.chapterID
	if chapter == 0 {
		chapter = l.chapterID
	}
	if err := l.insertID(l.ctx, l.stance, &c.ID, c.UUID, c.CampaignID, c.LegislatorID, string(c.Stance),
		stamp(c.ChangedAt), c.ChangedBy, c.Reason, nullID(c.CallReportID), chapter, nullID(l.batch)); err != nil {
		return fmt.Errorf("add stance change: %w", err)
	}
	return nil
}

// SaveCampaign creates or updates a campaign inside the load.
func (l *Loader) SaveCampaign(c *Campaign) (int64, error) {
	if err := c.validate(); err != nil {
		return 0, err
	}
	id, err := saveCampaign(l.ctx, l.tx, l.server, c, nil)
	if err == nil && l.deferred != nil {
		l.deferred.campaigns[id] = true
	}
	return id, err
}

// UpdateSelfChapter sets the chapter profile inside the load.
func (l *Loader) UpdateSelfChapter(c Chapter) error {
	if err := c.validate(); err != nil {
		return err
	}
	return updateSelfChapter(l.ctx, l.tx, c, l.server)
}

// AddChapter adds another chapter inside the load (the demo's coalition), setting
// c.ID and c.UUID. Its records are added with their ChapterID set to c.ID.
func (l *Loader) AddChapter(c *Chapter) error {
	if err := c.validate(); err != nil {
		return err
	}
	if c.UUID == "" {
		c.UUID = newUUID()
	}
	if err := l.tx.QueryRowContext(l.ctx, `INSERT INTO chapters (uuid, is_self, name, state, contact_name, email, phone,
		website, address, created_at, updated_at) VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, c.UUID, c.Name,
		c.State, c.ContactName, c.Email, c.Phone, c.Website, c.Address, l.now, l.now).Scan(&c.ID); err != nil {
		return fmt.Errorf("add chapter %s: %w", c.Name, err)
	}
	if l.deferred != nil {
		l.deferred.chapters[c.ID] = true
	}
	return nil
}
