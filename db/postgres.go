package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"hash/fnv"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/jackc/pgx/v5/stdlib"
)

// The PostgreSQL backend.
//
// The Store's SQL is written once, in the subset SQLite and PostgreSQL share, with
// SQLite's `?` and `?N` placeholders. What differs between the two lives in two places:
//
//   - the schema, as migrations of each dialect (migrations/*.sql for SQLite,
//     migrations/postgres/*.sql here), which keep the same tables, columns and
//     meanings, and give PostgreSQL what the shared queries spell the SQLite way: a
//     case-insensitive collation named nocase, a unixepoch() function, statement-level
//     triggers for call_stats and stances;
//   - this file: the connection (pgx, libpq's spellings of a server), the placeholders
//     rewritten as $N on their way to pgx (rebind), flags passed as 0/1, the errors
//     told as the Store's, and the one lock that keeps writes as SQLite keeps them, one
//     at a time (serializeWrites).
//
// File-only work (the journal, the file checks, backups of the file, the one-writer
// lock file) asks Store.server first.

// IsServer reports whether target names a PostgreSQL database rather than a data file:
// a postgres:// or postgresql:// URL, or libpq's keyword=value form
// ("host=/run/pg dbname=chapterdesk").
func IsServer(target string) bool {
	t := strings.TrimSpace(target)
	if strings.HasPrefix(t, "postgres://") || strings.HasPrefix(t, "postgresql://") {
		return true
	}
	first, _, _ := strings.Cut(t, " ")
	key, _, ok := strings.Cut(first, "=")
	if !ok {
		return false
	}
	switch key {
	case "host", "hostaddr", "dbname", "user", "port", "sslmode", "service":
		return true
	}
	return false
}

// PasswordIn reports whether a server address carries a password: ChapterDesk takes
// none on its command line (where other users of the machine can read it), only from
// PGPASSWORD, ~/.pgpass or a prompt, as libpq does.
func PasswordIn(target string) bool {
	if i := strings.Index(target, "://"); i >= 0 {
		rest := target[i+3:]
		host, _, _ := strings.Cut(rest, "/")
		if at := strings.LastIndex(host, "@"); at >= 0 && strings.Contains(host[:at], ":") {
			return true
		}
		_, query, _ := strings.Cut(rest, "?")
		for _, kv := range strings.Split(query, "&") {
			if strings.HasPrefix(kv, "password=") {
				return true
			}
		}
		return false
	}
	for _, f := range strings.Fields(target) {
		if strings.HasPrefix(f, "password=") {
			return true
		}
	}
	return false
}

// ErrPassword: the server wants a password it was not given, or refused the one given.
var ErrPassword = errors.New("password needed")

// ServerName is how a server database is shown (title bar, messages): user, host and
// database, never the password.
func ServerName(target string) string {
	cfg, err := pgx.ParseConfig(target)
	if err != nil {
		return redact(target)
	}
	return serverName(cfg)
}

func serverName(cfg *pgx.ConnConfig) string {
	host := cfg.Host
	if strings.HasPrefix(host, "/") {
		host = "[" + host + "]"
	} else if cfg.Port != 0 && cfg.Port != 5432 {
		host = net.JoinHostPort(host, fmt.Sprint(cfg.Port))
	}
	return fmt.Sprintf("%s@%s/%s", cfg.User, host, cfg.Database)
}

// redact drops a password written into a URL or a keyword string.
func redact(target string) string {
	if i := strings.Index(target, "://"); i >= 0 {
		rest := target[i+3:]
		if at := strings.LastIndex(strings.SplitN(rest, "/", 2)[0], "@"); at >= 0 {
			if user, _, ok := strings.Cut(rest[:at], ":"); ok {
				return target[:i+3] + user + ":***" + rest[at:]
			}
		}
		return target
	}
	var out []string
	for _, f := range strings.Fields(target) {
		if strings.HasPrefix(f, "password=") {
			f = "password=***"
		}
		out = append(out, f)
	}
	return strings.Join(out, " ")
}

// ServerError says why a server could not be used: unreachable, refused the login, or
// not a ChapterDesk database. Wrapped errors tell which (errors.Is with
// ErrNotDatabase, ErrNewerSchema).
type ServerError struct {
	Server string
	Reason string
	Err    error
}

func (e *ServerError) Error() string { return e.Server + ": " + e.Reason }
func (e *ServerError) Unwrap() error { return e.Err }

// connectError turns pgx's first error into one line a lead can act on; password is
// the one the connection had (from the address, PGPASSWORD or ~/.pgpass), "" for none.
func connectError(name, password string, err error) error {
	refused := "the server refused the login (wrong user name or password)"
	if password == "" {
		// Nothing was given to be wrong (the server may not even hold that database:
		// it asks for the password first).
		refused = "the server asks for a password and none was given: set PGPASSWORD or a ~/.pgpass line for this server and database"
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "28P01", "28000":
			return &ServerError{name, refused, ErrPassword}
		case "3D000":
			return &ServerError{name, "the server has no such database", err}
		case "42501":
			return &ServerError{name, "this login may not use the database (" + pe.Message + ")", err}
		}
		return &ServerError{name, pe.Message, err}
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		msg := err.Error()
		switch {
		case strings.Contains(msg, "password authentication failed"), strings.Contains(msg, "SASL"):
			return &ServerError{name, refused, ErrPassword}
		case strings.Contains(msg, "no password"), strings.Contains(msg, "password is required"):
			return &ServerError{name, "the server asks for a password: set PGPASSWORD or a ~/.pgpass line", ErrPassword}
		case strings.Contains(msg, "does not exist") && strings.Contains(msg, "database"):
			return &ServerError{name, "the server has no such database", err}
		case strings.Contains(msg, "connection refused"), strings.Contains(msg, "no such file"),
			strings.Contains(msg, "timeout"), strings.Contains(msg, "no such host"), strings.Contains(msg, "network is unreachable"):
			return &ServerError{name, "cannot reach the server (is it running, and is the address right?)", err}
		}
	}
	return &ServerError{name, "cannot connect: " + err.Error(), err}
}

// openServer opens the ChapterDesk database on a PostgreSQL server. The schema must be
// there and current: a lead's app never changes a shared schema (server init does).
func openServer(ctx context.Context, target string, opts Options) (*Store, error) {
	cfg, err := pgx.ParseConfig(target)
	if err != nil {
		// pgx's message may quote the string, password included.
		return nil, &ServerError{redact(target), "not a server address pgx can read", nil}
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = 10 * time.Second
	}
	cfg.RuntimeParams["application_name"] = "ChapterDesk"
	cancelOnServer(cfg)
	name := serverName(cfg)
	s := &Store{path: name, server: cfg, actor: cfg.User, chapter: &chapterChoice{}}
	w := sql.OpenDB(pgConnector{stdlib.GetConnector(*cfg), s.chapter})
	// One writer connection, as on SQLite: the Store keeps temporary tables and
	// ordered work on it. Other leads have their own.
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(5 * time.Minute)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, connectError(name, cfg.Password, err)
	}
	s.w = w
	rcfg := cfg.Copy()
	rcfg.RuntimeParams["default_transaction_read_only"] = "on"
	// A read transaction sees one snapshot, as a WAL reader of the file does.
	rcfg.RuntimeParams["default_transaction_isolation"] = "repeatable read"
	r := sql.OpenDB(pgConnector{stdlib.GetConnector(*rcfg), s.chapter})
	r.SetMaxOpenConns(4)
	r.SetConnMaxIdleTime(5 * time.Minute)
	s.r = r
	if opts.ReadOnly {
		s.w.Close()
		s.w = nil
	}
	if opts.initServer {
		if err := s.migrate(ctx); err != nil {
			s.Close()
			return nil, err
		}
		// Stances an earlier version left on an earlier session's sponsorship, mended
		// at every init (not once, in data_fixups: a checkout copies the server's rows
		// into a file that has its own; and an init cut off after its migrations, the
		// reviewer's s40 case, is mended by the next).
		if err := s.inTx(ctx, func(tx *sql.Tx) error {
			if _, err := settleEarlierSessions(ctx, tx, true); err != nil {
				return err
			}
			// And those it left on a call report in the trash (tester t9).
			if _, err := recountStancesOnTrash(ctx, tx, true); err != nil {
				return err
			}
			// And the record it left counting after removing its link.
			_, err := unlinkStaleRecord(ctx, tx, true)
			return err
		}); err != nil {
			s.Close()
			return nil, err
		}
	} else if err := s.checkServerSchema(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if s.w != nil {
		if err := s.ensureSelfChapter(ctx); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// checkServerSchema refuses a database that is not ChapterDesk's, is empty, or whose
// schema is not the one this build writes.
func (s *Store) checkServerSchema(ctx context.Context) error {
	v, err := schemaVersion(ctx, s.r, true)
	if err != nil {
		return connectError(s.path, s.server.Password, err)
	}
	latest := latestServerVersion()
	switch {
	case v == 0:
		var tables int
		if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables
			WHERE table_schema = current_schema()`).Scan(&tables); err != nil {
			return connectError(s.path, s.server.Password, err)
		}
		if tables > 0 {
			return &ServerError{s.path, "this database is not ChapterDesk's (it has tables of another program)", ErrNotDatabase}
		}
		return &ServerError{s.path, "the database is empty: set it up first with `chapterdesk server init --db ...`", ErrNotDatabase}
	case v > latest:
		return &ServerError{s.path, fmt.Sprintf("the database's schema is version %d, this ChapterDesk knows %d: update ChapterDesk", v, latest), ErrNewerSchema}
	case v < latest:
		return &ServerError{s.path, fmt.Sprintf("the database's schema is version %d, this ChapterDesk needs %d: upgrade it with `chapterdesk server init --db ...`", v, latest), ErrNotDatabase}
	}
	return nil
}

// InitServer creates or upgrades the ChapterDesk schema on a server database, each
// migration in one transaction with its bookkeeping row, and reports the versions
// before and after. A database of another program, or of a newer ChapterDesk, is
// refused unchanged.
func InitServer(ctx context.Context, target string) (from, to int, err error) {
	s, err := openServer(ctx, target, Options{initServer: true})
	if err != nil {
		return 0, 0, err
	}
	defer s.Close()
	return s.migratedFrom, latestServerVersion(), nil
}

// checkServerBeforeInit refuses to set up a database that holds another program's
// tables, or to touch one of a newer ChapterDesk.
func (s *Store) checkServerBeforeInit(ctx context.Context, current int) error {
	if current > latestServerVersion() {
		return &ServerError{s.path, fmt.Sprintf("the database's schema is version %d, this ChapterDesk knows %d: update ChapterDesk", current, latestServerVersion()), ErrNewerSchema}
	}
	if current > 0 {
		return nil
	}
	var tables int
	if err := s.w.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'`).Scan(&tables); err != nil {
		return connectError(s.path, s.server.Password, err)
	}
	if tables > 0 {
		return &ServerError{s.path, "this database is not ChapterDesk's (it has tables of another program); give ChapterDesk a database of its own", ErrNotDatabase}
	}
	return nil
}

// OnWriteWait gives the store what to call, with a sentence for a person, when a
// write has waited a second or two for its turn on a chapter server.
func (s *Store) OnWriteWait(fn func(msg string)) { s.onWriteWait = fn }

// serializeWrites takes the database's write lock for this transaction: ChapterDesk's
// writes run one at a time, as they do on the file, so an import, a merge or an undo
// sees no other writer's half-done work and allocates its row ids alone. Readers never
// wait. The lock goes with the transaction's end.
//
// A write that finds the lock held waits; after writeWaitNotice the store says so
// (OnWriteWait), naming whose write holds it: a lead behind another's long import
// sat silent for minutes (tester t1, F8). Any login can read pg_stat_activity's
// user names, so naming one tells nothing psql would not.
func (s *Store) serializeWrites(ctx context.Context, tx *sql.Tx) error {
	if ctx.Value(writeTurnKey{}) == s {
		return nil // the whole operation holds the turn (holdWriteTurn)
	}
	return s.waitWriteLock(ctx, tx, "_xact")
}

// waitWriteLock takes the write lock on q, a transaction's (level "_xact") or a
// session's (""), saying so when it waits (OnWriteWait).
func (s *Store) waitWriteLock(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, level string) error {
	var got bool
	if err := q.QueryRowContext(ctx, `SELECT pg_try_advisory`+level+`_lock(4408141137)`).Scan(&got); err != nil || got {
		return err // "CDK1" as a number
	}
	if s.onWriteWait != nil {
		t := time.AfterFunc(writeWaitNotice, func() { s.onWriteWait(s.writeWaitMessage(ctx)) })
		defer t.Stop()
	}
	_, err := q.ExecContext(ctx, `SELECT pg_advisory`+level+`_lock(4408141137)`)
	return err
}

// writeTurnKey marks a context whose operation holds the write turn of the Store it
// names (holdWriteTurn): its transactions do not take the lock again.
type writeTurnKey struct{}

// holdWriteTurn takes the server's write lock for an operation of several
// transactions that decides what to write from what it reads (a push compares the
// server's versions with the checkout's): taken per transaction, another lead's write
// went in between the reading and the writing, and was overwritten unseen (tester
// t4, F1). The lock is held by a session of its own until release; the returned
// context's transactions of s do not take it again (another session's transaction
// would wait for it forever). On a data file, which has one writer at a time
// already, it does nothing.
func (s *Store) holdWriteTurn(ctx context.Context) (context.Context, func(), error) {
	if s.server == nil || ctx.Value(writeTurnKey{}) == s {
		return ctx, func() {}, nil
	}
	conn, err := s.r.Conn(ctx)
	if err != nil {
		return ctx, nil, err
	}
	release := func() {
		// The session ends with the connection, and its lock with it: a lock left
		// on a pooled connection would stop every later write. So too when the
		// wait was interrupted, the lock perhaps granted already.
		conn.Raw(func(any) error { return driver.ErrBadConn })
		conn.Close()
	}
	if err := s.waitWriteLock(ctx, conn, ""); err != nil {
		release()
		return ctx, nil, err
	}
	return context.WithValue(ctx, writeTurnKey{}, s), release, nil
}

// writeWaitNotice is how long a write waits for its turn before the store says so.
const writeWaitNotice = 1500 * time.Millisecond

// writeWaitMessage says whose write holds the write lock, and since when, as far as
// the server tells (the lock's 64-bit key is classid 1, objid 113173841).
func (s *Store) writeWaitMessage(ctx context.Context) string {
	var who string
	var secs int64
	err := s.r.QueryRowContext(ctx, `SELECT a.usename, coalesce(extract(epoch FROM now() - a.xact_start), 0)::bigint
		FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
		WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 1 AND l.objid = 113173841 LIMIT 1`).Scan(&who, &secs)
	msg := "this write waits for another write to the server to finish first (writes take their turn, an import is one)"
	switch {
	case err != nil:
	case who == s.actor:
		msg += fmt.Sprintf(": one of yours (%s, from another window or command), under way for %s", who, time.Duration(secs)*time.Second)
	default:
		msg += fmt.Sprintf(": %s's, under way for %s", who, time.Duration(secs)*time.Second)
	}
	return msg + "; it goes on by itself when that ends"
}

// retryable reports a serialization failure or deadlock, after which the whole
// transaction may run again.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// RawServer opens the server database at target as a plain database/sql pool that
// takes the Store's SQL (placeholders rebound), with no schema check: for tools and
// tests that look at the tables themselves.
func RawServer(target string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(target)
	if err != nil {
		return nil, &ServerError{redact(target), "not a server address pgx can read", nil}
	}
	cancelOnServer(cfg)
	return sql.OpenDB(pgConnector{stdlib.GetConnector(*cfg), nil}), nil
}

// cancelOnServer makes a statement whose context ends (a merge's time out, a lead's
// Ctrl-C) stop on the server too, and return only once the server has stopped it:
// pgx's default closed the connection and sent the cancel afterwards, from a
// goroutine a command that exits then never ran, and the server went on with the
// statement (t4's F6: a push's, holding every chapter's writes). When the server
// does not answer, the connection is closed after cancelWait.
func cancelOnServer(cfg *pgx.ConnConfig) {
	cfg.BuildContextWatcherHandler = func(c *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.CancelRequestContextWatcherHandler{Conn: c, DeadlineDelay: cancelWait}
	}
}

// cancelWait bounds how long a cancelled statement waits for the server to stop it.
const cancelWait = 3 * time.Second

// clientCheck is how often a server (PostgreSQL 14 or later, on Linux) checks,
// during a long statement, that the client is still there, and stops it when it is
// gone (a command killed, a laptop closed mid-push): no client can cancel then.
const clientCheck = "5s"

// checkClient asks the server to watch for the client's going (clientCheck). A
// server too old for it, or on a system that cannot (it refuses the setting), runs
// as before: the setting is a safeguard, and its refusal leaves the connection fine.
func checkClient(ctx context.Context, c *pgx.Conn) {
	v := c.PgConn().ParameterStatus("server_version")
	major := 0
	for _, r := range v {
		if r < '0' || r > '9' {
			break
		}
		major = major*10 + int(r-'0')
	}
	if major >= 14 {
		c.Exec(ctx, `SELECT set_config('client_connection_check_interval', $1, false)`, clientCheck)
	}
}

// pgConnector hands database/sql connections that speak the Store's SQL, each with
// the Store's chapter choice (nil: none) set before it is used.
type pgConnector struct {
	c       driver.Connector
	chapter *chapterChoice
}

func (p pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	c, err := p.c.Connect(ctx)
	if err != nil {
		return nil, err
	}
	pc := &pgConn{Conn: c.(*stdlib.Conn), chapter: p.chapter}
	checkClient(ctx, pc.Conn.Conn())
	if err := pc.applyChapter(ctx); err != nil {
		pc.Close()
		return nil, err
	}
	return pc, nil
}

func (p pgConnector) Driver() driver.Driver { return p.c.Driver() }

// chapterChoice is the chapter a lead of several chapters works on (Store.UseChapter),
// as the session setting chapterdesk.chapter every connection of the Store's pools
// carries. gen counts the choices: a connection whose setting is older sets it again
// before database/sql hands it out (ResetSession), so no pooled connection, idle or
// new, works on the chapter chosen before.
type chapterChoice struct {
	mu  sync.Mutex
	gen int64
	id  int64 // 0: none chosen
}

func (c *chapterChoice) get() (gen, id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen, c.id
}

func (c *chapterChoice) set(id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.id = id
}

// pgConn is pgx's connection with the placeholders rebound and flags passed as 0/1.
type pgConn struct {
	*stdlib.Conn
	chapter *chapterChoice
	gen     int64 // the choice this connection's setting is of
}

// applyChapter sets the connection's chapterdesk.chapter to the Store's choice when it
// is not that already ("" when none is chosen).
func (c *pgConn) applyChapter(ctx context.Context) error {
	if c.chapter == nil {
		return nil
	}
	gen, id := c.chapter.get()
	if gen == c.gen {
		return nil
	}
	value := ""
	if id != 0 {
		value = fmt.Sprint(id)
	}
	if _, err := c.Conn.Conn().Exec(ctx, `SELECT set_config('chapterdesk.chapter', $1, false)`, value); err != nil {
		return err
	}
	c.gen = gen
	return nil
}

// ResetSession runs before database/sql hands out a connection used before: pgx's
// checks, then the chapter choice brought up to date.
func (c *pgConn) ResetSession(ctx context.Context) error {
	if err := c.Conn.ResetSession(ctx); err != nil {
		return err
	}
	if err := c.applyChapter(ctx); err != nil {
		return driver.ErrBadConn // a fresh connection gets the setting in Connect
	}
	return nil
}

func (c *pgConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *pgConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if guard != nil {
		guard()
	}
	return c.Conn.PrepareContext(ctx, rebind(query))
}

func (c *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if guard != nil {
		guard()
	}
	q, args := bindArgs(query, args)
	return c.Conn.QueryContext(ctx, q, args)
}

func (c *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if guard != nil {
		guard()
	}
	q, args := bindArgs(query, args)
	return c.Conn.ExecContext(ctx, q, args)
}

func (c *pgConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if guard != nil {
		guard()
	}
	return c.Conn.BeginTx(ctx, opts)
}

// CheckNamedValue passes a Go bool as the 0/1 the schema's flag columns hold.
func (c *pgConn) CheckNamedValue(nv *driver.NamedValue) error {
	if b, ok := nv.Value.(bool); ok {
		if b {
			nv.Value = int64(1)
		} else {
			nv.Value = int64(0)
		}
		return nil
	}
	return c.Conn.CheckNamedValue(nv)
}

// boundQuery is a query in PostgreSQL's spelling and how many parameters it has.
type boundQuery struct {
	sql    string
	params int
}

var rebound sync.Map // query text -> boundQuery

// rebind rewrites SQLite's placeholders as PostgreSQL's: ?N becomes $N, and a bare ?
// the number after the largest one so far (SQLite's rule). Quoted text, quoted names
// and comments are left as they are.
func rebind(q string) string { return bind(q).sql }

// bindArgs rebinds q and drops arguments past its last parameter: SQLite lets a
// query that names ?1 and ?2 be given more, pgx does not.
func bindArgs(q string, args []driver.NamedValue) (string, []driver.NamedValue) {
	b := bind(q)
	if len(args) > b.params {
		args = args[:b.params]
	}
	return b.sql, args
}

func bind(q string) boundQuery {
	if !strings.Contains(q, "?") && !strings.Contains(q, " NOT INDEXED") {
		return boundQuery{q, 0}
	}
	if v, ok := rebound.Load(q); ok {
		return v.(boundQuery)
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	next := 0
	for i := 0; i < len(q); i++ {
		ch := q[i]
		switch {
		case ch == '\'' || ch == '"':
			j := i + 1
			for j < len(q) {
				if q[j] == ch {
					if j+1 < len(q) && q[j+1] == ch {
						j += 2
						continue
					}
					break
				}
				j++
			}
			b.WriteString(q[i:min(j+1, len(q))])
			i = j
		case ch == '-' && i+1 < len(q) && q[i+1] == '-':
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				j = len(q) - i
			}
			b.WriteString(q[i : i+j])
			i += j - 1
		case ch == '$' && i+1 < len(q) && q[i+1] == '$':
			// A dollar-quoted body (a function in a migration) is passed whole.
			j := strings.Index(q[i+2:], "$$")
			if j < 0 {
				b.WriteString(q[i:])
				i = len(q)
				continue
			}
			b.WriteString(q[i : i+2+j+2])
			i += 2 + j + 1
		case ch == '?':
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			n := next + 1
			if j > i+1 {
				fmt.Sscan(q[i+1:j], &n)
			}
			next = max(next, n)
			fmt.Fprintf(&b, "$%d", n)
			i = j - 1
		default:
			b.WriteByte(ch)
		}
	}
	// SQLite's planner hints mean nothing to PostgreSQL.
	out := boundQuery{strings.ReplaceAll(b.String(), " NOT INDEXED", ""), next}
	rebound.Store(q, out)
	return out
}

// pgErr maps PostgreSQL's errors onto the Store's.
func pgErr(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" {
		return fmt.Errorf("%w (%v)", ErrConflict, err)
	}
	return err
}

// copyRows is how many rows a server load sends per COPY.
const copyRows = 4096

// serverCopy writes a batch's rows with COPY, PostgreSQL's bulk load (pgx CopyFrom),
// on the connection of the load's transaction: a million call reports go in a few
// hundred round trips, not fifteen thousand INSERT statements. The statement-level
// triggers run once per COPY, as for an INSERT.
type serverCopy struct {
	conn  *sql.Conn
	table string
	cols  []string
	// staged: the batch skips rows already there (ON CONFLICT DO NOTHING), which COPY
	// cannot; its rows are copied into a temporary table of the transaction and
	// moved on with one INSERT ... SELECT ... ON CONFLICT DO NOTHING per COPY.
	staged  bool
	created bool
}

// useCopy turns b into a COPY into its table when the load runs on a server.
func (b *batchInsert) useCopy(conn *sql.Conn, server bool) {
	staged := false
	switch {
	case !server:
		return
	case strings.TrimSpace(b.suffix) == "ON CONFLICT DO NOTHING":
		staged = true
	case b.suffix != "":
		return
	}
	head := strings.TrimSuffix(strings.TrimSpace(b.prefix), "VALUES")
	table, cols, ok := strings.Cut(strings.TrimPrefix(strings.TrimSpace(head), "INSERT INTO "), "(")
	if !ok {
		return
	}
	var names []string
	for _, c := range strings.Split(strings.TrimSuffix(strings.TrimSpace(cols), ")"), ",") {
		names = append(names, strings.TrimSpace(c))
	}
	if len(names) != b.cols {
		return
	}
	b.copy = &serverCopy{conn: conn, table: strings.TrimSpace(table), cols: names, staged: staged}
}

func (c *serverCopy) write(ctx context.Context, buf []any, cols int) error {
	rows := make([][]any, 0, len(buf)/cols)
	for i := 0; i+cols <= len(buf); i += cols {
		row := make([]any, cols)
		for j, v := range buf[i : i+cols] {
			row[j] = copyValue(v)
		}
		rows = append(rows, row)
	}
	return c.conn.Raw(func(dc any) error {
		pc, ok := dc.(*pgConn)
		if !ok {
			return fmt.Errorf("COPY on a connection that is not the server's (%T)", dc)
		}
		pg := pc.Conn.Conn()
		if !c.staged {
			_, err := pg.CopyFrom(ctx, pgx.Identifier{c.table}, c.cols, pgx.CopyFromRows(rows))
			return err
		}
		list := strings.Join(c.cols, ", ")
		// Only the columns copied: a column the table's triggers fill (the chapter of
		// an external id) is NOT NULL there and empty here. Named by its columns, as
		// another COPY of the transaction into the same table may copy others.
		h := fnv.New32a()
		h.Write([]byte(list))
		stage := fmt.Sprintf("cd_stage_%s_%08x", c.table, h.Sum32())
		if !c.created {
			if _, err := pg.Exec(ctx, `CREATE TEMP TABLE IF NOT EXISTS `+stage+` ON COMMIT DROP AS SELECT `+list+
				` FROM `+c.table+` WITH NO DATA`); err != nil {
				return err
			}
			c.created = true
		}
		if _, err := pg.CopyFrom(ctx, pgx.Identifier{stage}, c.cols, pgx.CopyFromRows(rows)); err != nil {
			return err
		}
		if _, err := pg.Exec(ctx, `INSERT INTO `+c.table+` (`+list+`) SELECT `+list+` FROM `+stage+` ON CONFLICT DO NOTHING`); err != nil {
			return err
		}
		_, err := pg.Exec(ctx, `DELETE FROM `+stage)
		return err
	})
}

// copyValue gives a value as the schema holds it: flags as 0/1, a database/sql
// null as nil.
func copyValue(v any) any {
	switch v := v.(type) {
	case bool:
		if v {
			return int64(1)
		}
		return int64(0)
	case driver.Valuer:
		x, err := v.Value()
		if err != nil {
			return v
		}
		return x
	}
	return v
}

// deferServerStats, on a server, tells the call_stats insert trigger to leave the
// counting of this transaction's new reports to the bulk load, which adds its tallies
// once at the end (addCallStats), or (on false) to count again. The setting ends with
// the transaction whatever happens. The chapters' quarter-hour counters
// (chapter_call_quarters) are kept aside meanwhile by their own trigger, and added at
// once on false (chapterdesk_fold_quarters()).
func deferServerStats(ctx context.Context, tx *sql.Tx, server, deferred bool) error {
	if !server {
		return nil
	}
	v := "off"
	if deferred {
		v = "on"
	} else if _, err := tx.ExecContext(ctx, `SELECT chapterdesk_fold_quarters()`); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `SELECT set_config('chapterdesk.defer_stats', '`+v+`', true)`)
	return err
}

// loadTables are the tables a bulk load into an empty chapter fills.
var loadTables = []string{"volunteers", "call_reports", "volunteer_tags", "volunteer_languages", "volunteer_external_ids"}

// dropForServerLoad is the server's side of a load into an empty chapter (the demo, a
// first import): it drops the foreign keys and the secondary indexes of the tables
// the load fills and returns the statements that put them back at its end, in the
// same transaction. Each key is then checked once, by one join over the whole table,
// instead of once per row (measured: a million call reports spent a minute in the
// per-row checks at commit), and each index is built by one sort. A login that does
// not own the tables (a lead's, on a coalition server) keeps them all; so does any
// failure here, as nothing is dropped until every definition has been read.
func dropForServerLoad(ctx context.Context, tx *sql.Tx) ([]string, error) {
	var owner bool
	if err := tx.QueryRowContext(ctx, `SELECT bool_and(pg_has_role(c.relowner, 'USAGE')) FROM pg_class c
		WHERE c.oid = ANY (ARRAY['volunteers', 'call_reports', 'volunteer_tags', 'volunteer_languages',
			'volunteer_external_ids', 'stance_history']::regclass[])`).Scan(&owner); err != nil || !owner {
		return nil, nil
	}
	type obj struct{ table, name, def string }
	var keys, indexes []obj
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var o obj
		err := r.Scan(&o.table, &o.name, &o.def)
		keys = append(keys, o)
		return err
	}, `SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c
		WHERE c.contype = 'f' AND (c.conrelid = ANY (ARRAY['volunteers', 'call_reports', 'volunteer_tags',
			'volunteer_languages', 'volunteer_external_ids']::regclass[])
			OR c.conname = 'stance_history_call_report_id_fkey')
		ORDER BY 1, 2`)
	if err != nil {
		return nil, err
	}
	err = eachRow(ctx, tx, func(r *sql.Rows) error {
		var o obj
		err := r.Scan(&o.table, &o.name, &o.def)
		indexes = append(indexes, o)
		return err
	}, `SELECT i.tablename, i.indexname, i.indexdef FROM pg_indexes i
		JOIN pg_class x ON x.relname = i.indexname JOIN pg_index ix ON ix.indexrelid = x.oid
		WHERE i.schemaname = current_schema() AND i.tablename = ANY (?::text[]) AND NOT ix.indisunique
		ORDER BY 1, 2`, "{"+strings.Join(loadTables, ",")+"}")
	if err != nil {
		return nil, err
	}
	var restore []string
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, `ALTER TABLE `+k.table+` DROP CONSTRAINT `+pgx.Identifier{k.name}.Sanitize()); err != nil {
			return nil, err
		}
		restore = append(restore, `ALTER TABLE `+k.table+` ADD CONSTRAINT `+pgx.Identifier{k.name}.Sanitize()+` `+k.def)
	}
	for _, ix := range indexes {
		if _, err := tx.ExecContext(ctx, `DROP INDEX `+pgx.Identifier{ix.name}.Sanitize()); err != nil {
			return nil, err
		}
		restore = append(restore, ix.def)
	}
	return restore, nil
}

// onServer reports whether conn is a connection to a PostgreSQL server.
func onServer(conn *sql.Conn) bool {
	server := false
	conn.Raw(func(dc any) error {
		_, server = dc.(*pgConn)
		return nil
	})
	return server
}

// copyAllowed reports whether this transaction's login may COPY into the chapter's
// tables: PostgreSQL refuses COPY FROM where row-level security applies, which it
// does to a lead on a coalition server and not to the tables' owner.
func copyAllowed(ctx context.Context, q queryer) bool {
	var ok bool
	err := q.QueryRowContext(ctx, `SELECT coalesce((SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user), false)
		OR coalesce(bool_and(pg_has_role(c.relowner, 'USAGE')), false)
		FROM pg_class c WHERE c.oid = ANY (ARRAY['volunteers', 'call_reports', 'volunteer_tags', 'volunteer_languages',
			'volunteer_external_ids']::regclass[])`).Scan(&ok)
	return err == nil && ok
}
