package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"
	"time"
)

// driverStmt is a batch's full INSERT prepared on the SQLite connection itself and
// run with the values handed to the driver as they are: database/sql would check
// and convert each value and allocate their list again on every run. Profiled on a
// million call reports, that was 0.43 s of the writing goroutine's 7.7 s.
//
// The statement is the connection's, not the transaction's, so the Loader closes it
// (closeDriverStmts) whatever way the load ends.
type driverStmt struct {
	conn *sql.Conn
	st   driver.Stmt // nil once closed
	args []driver.NamedValue
}

// orFail is stmt, an INSERT INTO, as INSERT OR FAIL INTO, for SQLite. A multi-row
// INSERT that a constraint may stop under SQLite's default conflict rule (ABORT)
// keeps a statement journal to undo its own earlier rows: a copy of every page it
// changes that was there before it (the table's right edge, on every statement),
// written to a temporary file past 64 KiB. A load never goes on after a statement
// fails: its whole transaction rolls back. Under FAIL the statement leaves its earlier
// rows to that rollback and keeps no journal. An ON CONFLICT clause still decides the
// conflicts it names. Profiled on a million call reports, the batches' INSERTs took
// 1.92 s of the writing goroutine instead of 2.38 s.
func orFail(stmt string) string {
	rest, ok := strings.CutPrefix(stmt, "INSERT INTO ")
	if !ok {
		return stmt
	}
	return "INSERT OR FAIL INTO " + rest
}

// atDriver makes b run its full batches at the driver (see driverStmt). On a
// server, or for a batch that COPYs, it does nothing.
func (l *Loader) atDriver(b *batchInsert) error {
	if l.server || b == nil || b.copy != nil {
		return nil
	}
	d := &driverStmt{conn: l.conn, args: make([]driver.NamedValue, b.cols*batchRows)}
	err := l.conn.Raw(func(dc any) error {
		pc, ok := dc.(driver.ConnPrepareContext)
		if !ok {
			return nil
		}
		st, err := pc.PrepareContext(l.ctx, orFail(b.statement(batchRows)))
		if err != nil {
			return err
		}
		if _, ok := st.(driver.StmtExecContext); !ok {
			return st.Close()
		}
		d.st = st
		return nil
	})
	if err != nil || d.st == nil {
		return err
	}
	for i := range d.args {
		d.args[i].Ordinal = i + 1
	}
	l.driverStmts = append(l.driverStmts, d)
	b.drv = d
	if b.full != nil {
		b.full.Close()
		b.full = nil
	}
	return nil
}

// exec runs the statement with vals, one value per placeholder.
func (d *driverStmt) exec(ctx context.Context, vals []any) (driver.Result, error) {
	if len(vals) != len(d.args) {
		return nil, fmt.Errorf("batch insert: %d values for %d placeholders", len(vals), len(d.args))
	}
	for i, v := range vals {
		switch x := v.(type) {
		case string, int64, nil, float64, bool, []byte, time.Time:
		case int:
			v = int64(x)
		default: // as database/sql converts it: a named string type, a Valuer
			var err error
			if v, err = driver.DefaultParameterConverter.ConvertValue(v); err != nil {
				return nil, fmt.Errorf("batch insert: value %d: %w", i+1, err)
			}
		}
		d.args[i].Value = v
	}
	var res driver.Result
	err := d.conn.Raw(func(any) error {
		// database/sql rolls the transaction back on its own goroutine when the
		// load's context ends, and takes this connection's lock to do it. Holding
		// the lock here, a context still live means the transaction is too: the
		// rows cannot land outside it.
		if err := ctx.Err(); err != nil {
			return err
		}
		if d.st == nil {
			return fmt.Errorf("batch insert: the statement is closed")
		}
		var err error
		res, err = d.st.(driver.StmtExecContext).ExecContext(ctx, d.args)
		return err
	})
	for i := range d.args {
		d.args[i].Value = nil // no row's strings kept past its batch
	}
	return res, err
}

// close finalizes the statement; a second close does nothing.
func (d *driverStmt) close() {
	d.conn.Raw(func(any) error {
		if d.st == nil {
			return nil
		}
		err := d.st.Close()
		d.st = nil
		return err
	})
}

// closeDriverStmts closes the statements atDriver prepared.
func (l *Loader) closeDriverStmts() {
	for _, d := range l.driverStmts {
		d.close()
	}
	l.driverStmts = nil
}
