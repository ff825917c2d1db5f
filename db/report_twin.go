package db

import (
	"context"
	"database/sql"
)

// twinReadTx runs fn with two read transactions on two SQLite connections that see
// the same snapshot, so two goroutines can read it at once (the roster sheet while
// the rest of the workbook is read). Both begin while a third connection holds the
// write lock, so nothing can be committed between their starts; the lock is let go
// at once. When the lock cannot be had straight away (the file is read-only to us,
// or a long write is under way), fn gets one transaction and a nil second.
func (s *Store) twinReadTx(ctx context.Context, fn func(a, b *sql.Tx) error) error {
	a, b, err := s.beginTwins(ctx)
	if err != nil {
		return err
	}
	defer a.Rollback()
	if b != nil {
		defer b.Rollback()
	}
	return fn(a, b)
}

func (s *Store) beginTwins(ctx context.Context) (a, b *sql.Tx, err error) {
	begin := func() (*sql.Tx, error) {
		tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return nil, err
		}
		// A WAL read transaction (and a server's) takes its snapshot at its first read.
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM chapters WHERE 1 = 0`).Scan(&n); err != nil {
			tx.Rollback()
			return nil, err
		}
		return tx, nil
	}
	if s.server != nil {
		return s.serverTwins(ctx)
	}
	unlock, locked := s.holdWriteLock(ctx)
	if !locked {
		a, err = begin()
		return a, nil, err
	}
	defer unlock()
	if a, err = begin(); err != nil {
		return nil, nil, err
	}
	if b, err = begin(); err != nil {
		a.Rollback()
		return nil, nil, err
	}
	return a, b, nil
}

// holdWriteLock takes SQLite's write lock on a connection of its own (BEGIN
// IMMEDIATE), waiting at most a tenth of a second for it, and returns what lets it
// go. It writes nothing.
func (s *Store) holdWriteLock(ctx context.Context) (unlock func(), ok bool) {
	u := fileURI(s.path) +
		"?mode=rw&_pragma=busy_timeout(100)&_txlock=immediate"
	lockDB, err := sql.Open(driverName, u)
	if err != nil {
		return nil, false
	}
	tx, err := lockDB.BeginTx(ctx, nil)
	if err != nil {
		lockDB.Close()
		return nil, false
	}
	return func() {
		tx.Rollback()
		lockDB.Close()
	}, true
}

// rosterPrefetch opens the roster (see openRoster) on a goroutine of its own.
type rosterPrefetch struct {
	done   chan struct{}
	cursor *rosterCursor
	taken  bool
	cancel context.CancelFunc
}

func prefetchRoster(ctx context.Context, tx *sql.Tx) *rosterPrefetch {
	ctx, cancel := context.WithCancel(ctx)
	p := &rosterPrefetch{done: make(chan struct{}), cancel: cancel}
	go func() {
		defer close(p.done)
		p.cursor = openRoster(ctx, tx)
	}()
	return p
}

// take waits for the roster and hands it over, once; nil when there is none.
func (p *rosterPrefetch) take() *rosterCursor {
	if p == nil || p.taken {
		return nil
	}
	p.taken = true
	<-p.done
	return p.cursor
}

// close stops the prefetch if it still runs and closes the roster's rows.
func (p *rosterPrefetch) close() {
	p.cancel()
	<-p.done
	p.cursor.close()
}

// serverTwins are two read transactions of a server that see one snapshot: the first
// exports its snapshot, the second takes it (SET TRANSACTION SNAPSHOT). A server
// connection runs one query at a time, so the roster must have its own.
func (s *Store) serverTwins(ctx context.Context) (a, b *sql.Tx, err error) {
	opts := &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead}
	if a, err = s.r.BeginTx(ctx, opts); err != nil {
		return nil, nil, err
	}
	var snapshot string
	if err := a.QueryRowContext(ctx, `SELECT pg_export_snapshot()`).Scan(&snapshot); err != nil {
		a.Rollback()
		return nil, nil, err
	}
	if b, err = s.r.BeginTx(ctx, opts); err != nil {
		a.Rollback()
		return nil, nil, err
	}
	if _, err := b.ExecContext(ctx, `SET TRANSACTION SNAPSHOT '`+snapshot+`'`); err != nil {
		a.Rollback()
		b.Rollback()
		return nil, nil, err
	}
	return a, b, nil
}
