package db

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations/*.sql migrations/postgres/*.sql
var migrationFS embed.FS

// migration is one embedded schema step; its version is the number its file name
// starts with (0001_init.sql is version 1).
type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the embedded migrations of the file (SQLite) in order. A shipped
// migration is never edited; a change to the schema is a new file.
func migrations() []migration { return dialectMigrations("migrations") }

// serverMigrations lists those of a PostgreSQL server, from migrations/postgres: the
// same tables in PostgreSQL's dialect, numbered on their own.
func serverMigrations() []migration { return dialectMigrations("migrations/postgres") }

func dialectMigrations(dir string) []migration {
	entries, err := fs.Glob(migrationFS, dir+"/*.sql")
	if err != nil {
		panic(err) // the pattern is constant
	}
	var ms []migration
	for _, e := range entries {
		base := path.Base(e)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			panic("migration file without a number: " + base)
		}
		body, err := migrationFS.ReadFile(e)
		if err != nil {
			panic(err)
		}
		ms = append(ms, migration{version: v, name: strings.TrimSuffix(base, ".sql"), sql: string(body)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms
}

// latestVersion is the schema version this build writes.
func latestVersion() int {
	ms := migrations()
	return ms[len(ms)-1].version
}

// latestServerVersion is the server schema version this build writes.
func latestServerVersion() int {
	ms := serverMigrations()
	return ms[len(ms)-1].version
}

// SchemaVersion is the schema version this build of ChapterDesk writes.
func SchemaVersion() int { return latestVersion() }

// MigratedFrom is the schema version the open found, before migrating it.
func (s *Store) MigratedFrom() int { return s.migratedFrom }

// migrationsFor lists the migrations of the store's dialect.
func (s *Store) migrationsFor() []migration {
	if s.server != nil {
		return serverMigrations()
	}
	return migrations()
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// schemaVersion reads the newest applied migration; 0 for an empty database.
func schemaVersion(ctx context.Context, q queryer, server bool) (int, error) {
	var n int
	look := `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'`
	if server {
		look = `SELECT count(*) FROM information_schema.tables
			WHERE table_schema = current_schema() AND table_name = 'schema_migrations'`
	}
	err := q.QueryRowContext(ctx, look).Scan(&n)
	if err != nil || n == 0 {
		return 0, err
	}
	var v sql.NullInt64
	if err := q.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, err
	}
	return int(v.Int64), nil
}

// migrate applies every migration the file lacks, each in its own transaction together
// with its bookkeeping row, so a crash leaves the schema at a whole step.
func (s *Store) migrate(ctx context.Context) error {
	current, err := schemaVersion(ctx, s.w, s.server != nil)
	if err != nil {
		return s.openError(err)
	}
	s.migratedFrom = current
	if s.server != nil {
		if err := s.checkServerBeforeInit(ctx, current); err != nil {
			return err
		}
	} else if current > 0 && current < latestVersion() {
		// A file with a chapter in it is copied before its schema changes.
		stamp := fmt.Sprintf("v%d-%s", current, time.Now().Format("20060102-150405"))
		// The copy is checked later, in the background (CheckUncheckedBackups): a full
		// check of a large file must not hold up the open.
		if _, _, err := copyToBackups(ctx, s.path, "pre-migration", stamp); err != nil {
			return fmt.Errorf("back up before migrating: %w", err)
		}
		rotate(s.path, "pre-migration", keepPreMigration)
	}
	for _, m := range s.migrationsFor() {
		if m.version <= current {
			continue
		}
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			// The bookkeeping table is made in the first migration's transaction: a
			// file killed before that commits is still empty, and so a new file at
			// its next open, not "another program's database" (one table, no id).
			if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
				version    INTEGER PRIMARY KEY,
				name       TEXT NOT NULL,
				applied_at TEXT NOT NULL)`); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, strconv.FormatInt(nowUnix(), 10)); err != nil {
				return err
			}
			if s.server != nil {
				return nil
			}
			// The header marks the file as ours and carries the version for tools
			// that only read the first page.
			if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", appID)); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version))
			return err
		})
		if err != nil {
			return fmt.Errorf("apply migration %s: %w", m.name, err)
		}
	}
	return nil
}

// inTx runs fn in one write transaction, committing when it returns nil. On a server
// the transaction first takes the write lock (serializeWrites), and runs again, whole,
// after a serialization failure or a deadlock.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if err := s.beforeWrite(); err != nil {
		return err
	}
	for attempt := 1; ; attempt++ {
		err := s.tryTx(ctx, fn)
		if err == nil || s.server == nil || !retryable(err) || attempt == 5 {
			return diskFull(s.path, s.refused(ctx, brokenRule(err)))
		}
		time.Sleep(time.Duration(attempt*attempt) * 20 * time.Millisecond)
	}
}

func (s *Store) tryTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if s.server != nil {
		if err := s.serializeWrites(ctx, tx); err != nil {
			tx.Rollback()
			return err
		}
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// execOne runs one write that must change a row: ErrNotFound when it changes none.
func (s *Store) execOne(ctx context.Context, q string, args ...any) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
}

// readTx runs fn in one read-only transaction, so every query in it sees one snapshot.
func (s *Store) readTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	return s.refused(ctx, fn(tx))
}
