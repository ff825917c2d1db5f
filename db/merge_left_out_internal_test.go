package db

import (
	"context"
	"fmt"
	"testing"
)

// The UUIDs a push leaves out went into temp.merge_left_out one statement each, a
// round trip each to the server while the push holds the coalition's write turn: a
// checkout taken before an import's undo of 2,000 volunteers made 2,000 of them.
// They go in one statement, whatever their number (a UUID given twice once).
func TestLeftOutUUIDsInOneStatement(t *testing.T) {
	ctx := context.Background()
	_, conn := batchTable(t, `SELECT 1`)
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	uuids := []string{"it's, \"odd\"", "it's, \"odd\""}
	for i := range 2000 {
		uuids = append(uuids, fmt.Sprintf("vol-%d", i))
	}
	m := &merger{ctx: ctx, tx: tx, res: &MergeResult{}, leaveOut: uuids}
	steps := m.leftOutSteps()
	if err := m.steps(steps); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM temp.merge_left_out WHERE uuid = 'vol-1999' OR uuid = ?`, uuids[0]).Scan(&n); err != nil {
		t.Fatal(err)
	}
	var all int
	tx.QueryRowContext(ctx, `SELECT count(*) FROM temp.merge_left_out`).Scan(&all)
	// (A server also gets its statistics: analyzeStep, one statement more.)
	stmts := 0
	for _, st := range steps {
		if !st.serverOnly {
			stmts++
		}
	}
	if stmts != 3 || n != 2 || all != 2001 {
		t.Errorf("%d statements, %d rows (the last and the odd one: %d); want 3 (drop, create, insert) and all 2001", stmts, all, n)
	}
}
