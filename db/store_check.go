package db

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"time"
)

// beforeWrite is called as every write begins: it refuses when a full check found
// the file damaged, and interrupts a background full check, which gives way to the
// lead's work and runs again at a quieter moment.
func (s *Store) beforeWrite() error {
	if s.opening != nil {
		<-s.opening // the check a CheckBeside open runs
		if s.openErr != nil && s.stopped.Load() == nil {
			return s.openErr
		}
	}
	if d := s.stopped.Load(); d != nil {
		return d
	}
	s.lastWrite.Store(time.Now().UnixNano())
	s.checkMu.Lock()
	if s.checkCancel != nil {
		s.checkCancel()
	}
	s.checkMu.Unlock()
	return nil
}

// LastWrite is when a write last began on this store (zero: none yet).
func (s *Store) LastWrite() time.Time {
	if n := s.lastWrite.Load(); n != 0 {
		return time.Unix(0, n)
	}
	return time.Time{}
}

// Damaged is the damage a full check found in this store's file, after which it
// refuses every write; nil while none was found.
func (s *Store) Damaged() *DamagedError { return s.stopped.Load() }

// NeedsFullCheck reports whether the file should be checked in full soon: it changed
// outside ChapterDesk (its check deferred at open), or its last clean full check is
// more than a day old.
func (s *Store) NeedsFullCheck(now time.Time) bool {
	return s.needsCheck.Load() || now.Sub(LastFullCheck(s.path)) > 24*time.Hour
}

// FullCheck runs SQLite's full integrity check on the store's file, on a read-only
// connection of its own and an OS thread of lowered priority, and records the result
// (RecordCheck). Any write that begins meanwhile interrupts it at once
// (ErrCheckInterrupted). When it finds damage, the store refuses every write from
// then on with the returned report's DamagedError (Damaged), and so does every later
// open for writing, until a restore or a repair.
func (s *Store) FullCheck(ctx context.Context) (CheckReport, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.checkMu.Lock()
	if s.checkCancel != nil {
		s.checkMu.Unlock()
		return CheckReport{}, errors.New("a full check is already running")
	}
	s.checkCancel = cancel
	s.checkMu.Unlock()
	defer func() {
		s.checkMu.Lock()
		s.checkCancel = nil
		s.checkMu.Unlock()
	}()

	type result struct {
		r   CheckReport
		err error
	}
	done := make(chan result, 1)
	go func() {
		// The thread is never unlocked: it ends with this goroutine, and its lowered
		// priority with it, instead of going back to the scheduler's pool.
		runtime.LockOSThread()
		lowerThreadPriority()
		r, err := FullCheck(ctx, s.path)
		done <- result{r, err}
	}()
	res := <-done
	if res.err != nil {
		return res.r, res.err
	}
	if err := RecordCheck(res.r); err != nil {
		return res.r, fmt.Errorf("record the check of %s: %w", s.path, err)
	}
	if res.r.Intact() {
		s.needsCheck.Store(false)
		return res.r, nil
	}
	s.stopped.Store(damagedFromReport(context.WithoutCancel(ctx), res.r))
	return res.r, nil
}

// DailyRound is the app's daily care of the file, run at a quiet moment: today's
// backup (checked in full), the full check of the data file itself, then the check of
// any backup not yet checked. When the data file is damaged, today's backup, a copy
// of it, is marked damaged too (whether or not its own check caught it: VACUUM INTO
// copies index pages as they are, but a damaged record may read as well formed), so
// it never displaces a good one.
// ErrCheckInterrupted means a write interrupted the check; run it again later.
func (s *Store) DailyRound(ctx context.Context, now time.Time) (CheckReport, error) {
	if d := s.Damaged(); d != nil {
		return CheckReport{}, d // no backup of a file known damaged
	}
	backup, made, err := copyToBackups(ctx, s.path, "daily", now.Format("20060102"))
	if err != nil {
		return CheckReport{}, fmt.Errorf("daily backup: %w", err)
	}
	copyOK := false
	if made {
		backup, err = CheckCopy(ctx, backup)
		if err != nil && !errors.Is(err, ErrDamaged) {
			return CheckReport{}, fmt.Errorf("daily backup: %w", err)
		}
		copyOK = err == nil
	}
	// The oldest good backup is rotated away only once the data file itself passed:
	// an interrupted check leaves eight until a later round.
	r, err := s.FullCheck(ctx)
	if err != nil {
		return r, err
	}
	switch {
	case made && !r.Intact():
		markBackupDamaged(backup)
	case copyOK:
		rotate(s.path, "daily", keepDaily)
	}
	if _, _, err := CheckUncheckedBackups(ctx, s.path); err != nil && !errors.Is(err, ErrCheckInterrupted) {
		return r, err
	}
	return r, nil
}
