package db

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"sync"

	"modernc.org/sqlite"
)

// driverName is the database/sql driver the store opens its pools with: SQLite, or
// SQLite behind the query guard once GuardQueries is called.
var (
	driverName = "sqlite"
	guardOnce  sync.Once
	guard      func()
)

// GuardQueries makes every query, statement and transaction of stores opened after
// it call check first. The app's thread-check build uses it to catch database work
// on the UI goroutine; it costs nothing when never called.
func GuardQueries(check func()) {
	guardOnce.Do(func() {
		guard = check
		d := &sqlite.Driver{}
		registerFuncs(d)
		sql.Register("sqlite-guarded", guardedDriver{d})
		driverName = "sqlite-guarded"
	})
}

type guardedDriver struct{ d driver.Driver }

func (g guardedDriver) Open(name string) (driver.Conn, error) {
	c, err := g.d.Open(name)
	if err != nil {
		return nil, err
	}
	return guardedConn{c}, nil
}

// guardedConn checks before each way database/sql starts work on a connection and
// passes everything else through.
type guardedConn struct{ driver.Conn }

func (c guardedConn) Prepare(query string) (driver.Stmt, error) {
	guard()
	return c.Conn.Prepare(query)
}

func (c guardedConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	guard()
	if p, ok := c.Conn.(driver.ConnPrepareContext); ok {
		return p.PrepareContext(ctx, query)
	}
	return c.Conn.Prepare(query)
}

func (c guardedConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	guard()
	if b, ok := c.Conn.(driver.ConnBeginTx); ok {
		return b.BeginTx(ctx, opts)
	}
	//lint:ignore SA1019 the fallback database/sql itself uses for such drivers
	return c.Conn.Begin()
}

func (c guardedConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	guard()
	if q, ok := c.Conn.(driver.QueryerContext); ok {
		return q.QueryContext(ctx, query, args)
	}
	return nil, driver.ErrSkip
}

func (c guardedConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	guard()
	if e, ok := c.Conn.(driver.ExecerContext); ok {
		return e.ExecContext(ctx, query, args)
	}
	return nil, driver.ErrSkip
}

func (c guardedConn) ResetSession(ctx context.Context) error {
	if r, ok := c.Conn.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (c guardedConn) IsValid() bool {
	if v, ok := c.Conn.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}
