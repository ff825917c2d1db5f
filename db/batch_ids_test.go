package db

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
)

// Rows written without ids get SQLite's, the ones after the largest in the table; a
// batch told the first of them checks every statement against its count, and refuses
// to go on when SQLite gave others.
func TestBatchGivesIDs(t *testing.T) {
	ctx := context.Background()
	c, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "ids.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL); INSERT INTO t VALUES (5, 'there')`); err != nil {
		t.Fatal(err)
	}
	write := func(next int64, rows int) error {
		tx, err := c.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		b, err := newBatchInsert(ctx, tx, `INSERT INTO t (v) VALUES`, 1, ``)
		if err != nil {
			t.Fatal(err)
		}
		defer b.close()
		b.givesIDs(next)
		for range rows {
			if err := b.add(ctx, "row"); err != nil {
				return err
			}
		}
		if err := b.flush(ctx, tx); err != nil {
			return err
		}
		return tx.Commit()
	}
	if err := write(6, batchRows+7); err != nil { // a full statement and a short one
		t.Fatalf("ids counted from 6: %v", err)
	}
	var n, largest int64
	c.QueryRow(`SELECT count(*), max(id) FROM t`).Scan(&n, &largest)
	if n != batchRows+8 || largest != 5+batchRows+7 {
		t.Errorf("%d rows up to id %d", n, largest)
	}
	for _, wrong := range []int64{largest, largest + 2} {
		err := write(wrong, 3)
		if err == nil || !strings.Contains(err.Error(), "as counted") {
			t.Errorf("ids counted from %d, SQLite's from %d: err = %v", wrong, largest+1, err)
		}
	}
	c.QueryRow(`SELECT count(*) FROM t`).Scan(&n)
	if n != batchRows+8 {
		t.Errorf("%d rows after the refused batches, want %d", n, batchRows+8)
	}
}
