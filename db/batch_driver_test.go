package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// batchTable is a new SQLite file with the table schema makes, and a connection to
// it; both close when the test ends.
func batchTable(t *testing.T, schema string) (*sql.DB, *sql.Conn) {
	t.Helper()
	pool, err := sql.Open(driverName, "file:"+filepath.Join(t.TempDir(), "batch.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pool.Close() })
	if _, err := pool.Exec(schema); err != nil {
		t.Fatal(err)
	}
	conn, err := pool.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return pool, conn
}

// batchLoad writes rows (add) through a batch of its own in one transaction on conn,
// at the driver when atDriver, as a load does: the rows' error, or the last batch's,
// is returned and the transaction rolled back; else it commits.
func batchLoad(t *testing.T, ctx context.Context, conn *sql.Conn, prefix string, cols int, suffix string, atDriver bool,
	add func(b *batchInsert) error) error {
	t.Helper()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	l := &Loader{ctx: ctx, conn: conn, tx: tx}
	defer l.closeDriverStmts()
	b, err := newBatchInsert(ctx, tx, prefix, cols, suffix)
	if err != nil {
		t.Fatal(err)
	}
	defer b.close()
	if atDriver {
		if err := l.atDriver(b); err != nil || b.drv == nil {
			t.Fatalf("atDriver: %v (driver statement %v)", err, b.drv != nil)
		}
	}
	if err := add(b); err != nil {
		return err
	}
	if err := b.flush(ctx, tx); err != nil {
		return err
	}
	return tx.Commit()
}

// A batch run at the driver stores what the same batch stores through database/sql,
// whatever Go types its values have, and writes nothing once the load's context has
// ended (database/sql has rolled the transaction back by then).
func TestBatchAtDriver(t *testing.T) {
	ctx := context.Background()
	pool, conn := batchTable(t, `CREATE TABLE t (id INTEGER PRIMARY KEY, way TEXT, s TEXT, named TEXT, i INTEGER, i64 INTEGER, f REAL, b INTEGER, n TEXT, blob BLOB)`)
	write := func(ctx context.Context, way string, atDriver bool, rows int, cancel func()) error {
		return batchLoad(t, ctx, conn, `INSERT INTO t (way, s, named, i, i64, f, b, n, blob) VALUES`, 9, ``, atDriver,
			func(b *batchInsert) error {
				for r := range rows {
					if r == batchRows/2 && cancel != nil {
						cancel()
					}
					if err := b.add(ctx, way, "é 🙂 'x'", OfficeDistrict, r, int64(-r), 1.5, r%2 == 0, nil, []byte{0, 1}); err != nil {
						return err
					}
				}
				return nil
			})
	}
	if err := write(ctx, "sql", false, batchRows+3, nil); err != nil {
		t.Fatal(err)
	}
	if err := write(ctx, "driver", true, batchRows+3, nil); err != nil {
		t.Fatal(err)
	}
	rowsOf := func(way string) []string {
		var out []string
		rows, err := pool.Query(`SELECT quote(s) || quote(named) || quote(i) || quote(i64) || quote(f) || quote(b) || quote(n) || quote(blob)
			FROM t WHERE way = ? ORDER BY id`, way)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			rows.Scan(&s)
			out = append(out, s)
		}
		return out
	}
	viaSQL, viaDriver := rowsOf("sql"), rowsOf("driver")
	if len(viaDriver) != batchRows+3 || len(viaSQL) != len(viaDriver) {
		t.Fatalf("%d rows through database/sql, %d at the driver; want %d each", len(viaSQL), len(viaDriver), batchRows+3)
	}
	for i := range viaSQL {
		if viaSQL[i] != viaDriver[i] {
			t.Fatalf("row %d: %s at the driver, %s through database/sql", i, viaDriver[i], viaSQL[i])
		}
	}

	cctx, cancel := context.WithCancel(ctx)
	err := write(cctx, "cancelled", true, batchRows, cancel)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("a full batch after the context ended: err = %v, want context.Canceled", err)
	}
	// The same at the statement itself, once database/sql has rolled the
	// transaction back: the rows would land outside any transaction.
	// On a connection of its own: the one above is being rolled back, and dropped,
	// by database/sql on its own goroutine.
	conn2, err := pool.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn2.Close()
	cctx, cancel = context.WithCancel(ctx)
	tx, err := conn2.BeginTx(cctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	l := &Loader{ctx: cctx, conn: conn2, tx: tx}
	defer l.closeDriverStmts()
	b, err := newBatchInsert(cctx, tx, `INSERT INTO t (way) VALUES`, 1, ``)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.atDriver(b); err != nil {
		t.Fatal(err)
	}
	cancel()
	for range 100 { // database/sql rolls back on a goroutine of its own
		if err := tx.Rollback(); errors.Is(err, sql.ErrTxDone) {
			break
		}
		time.Sleep(time.Millisecond)
	}
	vals := make([]any, batchRows)
	for i := range vals {
		vals[i] = "cancelled"
	}
	if _, err := b.drv.exec(cctx, vals); !errors.Is(err, context.Canceled) {
		t.Errorf("the statement run after the rollback: err = %v, want context.Canceled", err)
	}
	var n int
	pool.QueryRow(`SELECT count(*) FROM t WHERE way = 'cancelled'`).Scan(&n)
	if n != 0 {
		t.Errorf("%d rows of a cancelled load were written", n)
	}
}

// A batch at the driver runs as INSERT OR FAIL (orFail): a row a constraint stops
// fails its batch, and the transaction's rollback leaves none of the load's rows;
// an ON CONFLICT DO NOTHING still skips the rows it names, in full batches and in the
// last one.
func TestBatchOrFail(t *testing.T) {
	ctx := context.Background()
	pool, conn := batchTable(t, `CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT NOT NULL UNIQUE, n INTEGER NOT NULL CHECK (n >= 0))`)
	load := func(suffix string, rows int, row func(r int) (string, int)) error {
		return batchLoad(t, ctx, conn, `INSERT INTO t (k, n) VALUES`, 2, suffix, true, func(b *batchInsert) error {
			for r := range rows {
				k, n := row(r)
				if err := b.add(ctx, k, n); err != nil {
					return err
				}
			}
			return nil
		})
	}
	count := func() (n int) {
		if err := pool.QueryRow(`SELECT count(*) FROM t`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	key := func(r int) string { return fmt.Sprintf("k%d", r) }
	// A bad row in the middle of the second full batch, then in the last, short one.
	for _, bad := range []int{batchRows + batchRows/2, 2*batchRows + 1} {
		err := load(``, 2*batchRows+3, func(r int) (string, int) {
			if r == bad {
				return key(r), -1
			}
			return key(r), r
		})
		if err == nil || !strings.Contains(err.Error(), "CHECK") {
			t.Fatalf("bad row %d: err = %v, want the CHECK constraint's", bad, err)
		}
		if n := count(); n != 0 {
			t.Fatalf("bad row %d: %d rows left by a failed load", bad, n)
		}
	}
	// Every key twice, the second time in a later batch and in the last one.
	rows := 2*batchRows + 3
	if err := load(` ON CONFLICT DO NOTHING`, 2*rows, func(r int) (string, int) { return key(r % rows), r }); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != rows {
		t.Fatalf("%d rows, want %d: ON CONFLICT DO NOTHING under OR FAIL", n, rows)
	}
	var firsts int
	pool.QueryRow(`SELECT count(*) FROM t WHERE n < ?`, rows).Scan(&firsts)
	if firsts != rows {
		t.Errorf("%d of %d rows kept their first values", firsts, rows)
	}
}
