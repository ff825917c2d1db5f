package db

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"syscall"
)

// DiskFullError: a write ran out of room on the disk. The transaction was rolled back
// whole: nothing of it was written.
type DiskFullError struct {
	Dir  string // the folder of the data file
	Free int64  // bytes still free there after the rollback; -1 when the system does not say
	err  error
}

func (e *DiskFullError) Error() string {
	free := ""
	if e.Free >= 0 {
		free = fmt.Sprintf(" (%s free now)", megabytes(e.Free))
	}
	return fmt.Sprintf("the disk is full: the disk holding %s ran out of room%s; the change was rolled back whole, "+
		"nothing of it was written; make room there and try again", e.Dir, free)
}

// Unwrap gives SQLite's (or the system's) own error.
func (e *DiskFullError) Unwrap() error { return e.err }

// diskFull turns SQLite's SQLITE_FULL ("database or disk is full") or the system's
// ENOSPC, met by a write to the data file at path, into a *DiskFullError: wrapped
// in the line being written it read as a bad row. Other errors pass unchanged.
func diskFull(path string, err error) error {
	if err == nil || !(errors.Is(err, syscall.ENOSPC) || strings.Contains(err.Error(), "database or disk is full")) {
		return err
	}
	var de *DiskFullError
	if errors.As(err, &de) {
		return de
	}
	e := &DiskFullError{Dir: filepath.Dir(path), Free: -1, err: err}
	if n, ok := FreeSpace(e.Dir); ok {
		e.Free = n
	}
	return e
}

// megabytes writes n bytes as MB, to one decimal below 10 MB.
func megabytes(n int64) string {
	if mb := float64(n) / (1 << 20); mb < 10 {
		return fmt.Sprintf("%.1f MB", mb)
	}
	return fmt.Sprintf("%d MB", n>>20)
}
