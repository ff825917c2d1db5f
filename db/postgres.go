package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
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

// connectError turns pgx's first error into one line a lead can act on.
func connectError(name string, err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "28P01", "28000":
			return &ServerError{name, "the server refused the login (wrong user name or password)", ErrPassword}
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
			return &ServerError{name, "the server refused the login (wrong user name or password)", ErrPassword}
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
	name := serverName(cfg)
	s := &Store{path: name, server: cfg, actor: cfg.User}
	w := sql.OpenDB(pgConnector{stdlib.GetConnector(*cfg)})
	// One writer connection, as on SQLite: the Store keeps temporary tables and
	// ordered work on it. Other leads have their own.
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(5 * time.Minute)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, connectError(name, err)
	}
	s.w = w
	rcfg := cfg.Copy()
	rcfg.RuntimeParams["default_transaction_read_only"] = "on"
	// A read transaction sees one snapshot, as a WAL reader of the file does.
	rcfg.RuntimeParams["default_transaction_isolation"] = "repeatable read"
	r := sql.OpenDB(pgConnector{stdlib.GetConnector(*rcfg)})
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
		return connectError(s.path, err)
	}
	latest := latestServerVersion()
	switch {
	case v == 0:
		var tables int
		if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM information_schema.tables
			WHERE table_schema = current_schema()`).Scan(&tables); err != nil {
			return connectError(s.path, err)
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
		return connectError(s.path, err)
	}
	if tables > 0 {
		return &ServerError{s.path, "this database is not ChapterDesk's (it has tables of another program); give ChapterDesk a database of its own", ErrNotDatabase}
	}
	return nil
}

// serializeWrites takes the database's write lock for this transaction: ChapterDesk's
// writes run one at a time, as they do on the file, so an import, a merge or an undo
// sees no other writer's half-done work and allocates its row ids alone. Readers never
// wait. The lock goes with the transaction's end.
func serializeWrites(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(4408141137)`) // "CDK1" as a number
	return err
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
	return sql.OpenDB(pgConnector{stdlib.GetConnector(*cfg)}), nil
}

// pgConnector hands database/sql connections that speak the Store's SQL.
type pgConnector struct{ c driver.Connector }

func (p pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	c, err := p.c.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &pgConn{Conn: c.(*stdlib.Conn)}, nil
}

func (p pgConnector) Driver() driver.Driver { return p.c.Driver() }

// pgConn is pgx's connection with the placeholders rebound and flags passed as 0/1.
type pgConn struct{ *stdlib.Conn }

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
