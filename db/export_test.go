package db

import (
	"context"
	"database/sql"
	"strings"
)

// SetDenseMatches lets tests make a small roster's searches dense.
func SetDenseMatches(n int) (restore func()) {
	old := denseMatches
	denseMatches = n
	return func() { denseMatches = old }
}

// PhoneByLibrary is NormalizePhone without its fast path for North American numbers.
func PhoneByLibrary(text string) (string, error) {
	return parsePhone(text, strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(text), "'")))
}

// NorthAmerican is NormalizePhone's fast path.
var NorthAmerican = northAmerican

// RosterPrefetched reports whether r reads the roster on a second connection.
func RosterPrefetched(r *Report) bool { return r.roster != nil }

// Seal records the file at path as ChapterDesk's own, as a clean close does: damage
// made after it is "silent", as a bad sector's would be.
func Seal(path string) error { return sealFile(path) }

// SetDeferIndexAfter lets tests make a small call import drop and rebuild the indexes.
func SetDeferIndexAfter(n int) (restore func()) {
	old := deferIndexAfter
	deferIndexAfter = n
	return func() { deferIndexAfter = old }
}

// SetRecordCallSide makes the record view read the calls up to the last roll call (1)
// or after the first (2), whatever their numbers.
func SetRecordCallSide(side int) (restore func()) {
	old := recordCallSide
	recordCallSide = side
	return func() { recordCallSide = old }
}

// SetWalkCap lets tests move where a roster list stops walking the roster in order.
func SetWalkCap(n int) (restore func()) {
	old := walkCap
	walkCap = n
	return func() { walkCap = old }
}

// CheckedBeside reports whether s was opened the Options.CheckBeside way: at once,
// its check in the background.
func CheckedBeside(s *Store) bool { return s.opening != nil }

// ReadyAsIs is readyAsIs on the file at path, through a reading pool of its own.
func ReadyAsIs(ctx context.Context, path string) bool {
	r, err := sql.Open(driverName, dsn(path, true))
	if err != nil {
		return false
	}
	defer r.Close()
	return readyAsIs(ctx, r)
}

// HoldBesideCheck makes the check of a CheckBeside open wait until its store closes;
// started is told when it begins.
func HoldBesideCheck(started chan<- struct{}) (restore func()) {
	old := besideCheck
	besideCheck = func(ctx context.Context, s *Store, opts Options) error {
		started <- struct{}{}
		<-ctx.Done()
		return ctx.Err()
	}
	return func() { besideCheck = old }
}

// WriteRaw runs q in a write transaction of s, as a store method would.
func WriteRaw(ctx context.Context, s *Store, q string, args ...any) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	})
}

// QueryStrings runs q in a read transaction of s and returns its first column as text.
func QueryStrings(ctx context.Context, s *Store, q string, args ...any) ([]string, error) {
	var out []string
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var v sql.NullString
			err := r.Scan(&v)
			out = append(out, v.String)
			return err
		}, q, args...)
	})
	return out, err
}

// SetRestoreLockWait sets how long Restore waits for another program's write lock, in
// milliseconds.
func SetRestoreLockWait(ms int) (restore func()) {
	old := restoreLockWaitMs
	restoreLockWaitMs = ms
	return func() { restoreLockWaitMs = old }
}

// SetExternalIDs is the push's setExternalIDs: v's external ids made ids, their notes
// read from the volunteer fileID of src.
func (s *Store) SetExternalIDs(ctx context.Context, src *Store, fileID int64, v Volunteer, ids []string) error {
	return s.setExternalIDs(ctx, src, fileID, v, ids)
}

// SetBeforeRestoreRename runs f in Restore just before the restored copy is renamed
// into the data file's place.
func SetBeforeRestoreRename(f func()) (restore func()) {
	old := beforeRestoreRename
	beforeRestoreRename = f
	return func() { beforeRestoreRename = old }
}

// SetMergeInspect runs f in every merge's transaction once it has written all, before
// it drops its maps (temp.merge_volunteers, ...).
func SetMergeInspect(f func(context.Context, *sql.Tx) error) (restore func()) {
	old := mergeInspect
	mergeInspect = f
	return func() { mergeInspect = old }
}
