//go:build windows

package db

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

var errLocked = errors.New("locked")

// lockOffset is the byte range locked: far past the holder's description, which must
// stay readable by the process that is refused.
const lockOffset = 1 << 30

// lockFile takes an exclusive, non-blocking LockFileEx on f.
func lockFile(f *os.File) error {
	ol := &windows.Overlapped{Offset: lockOffset}
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return errLocked
	}
	return err
}

func unlockFile(f *os.File) {
	windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &windows.Overlapped{Offset: lockOffset})
}

// shmOpenElsewhere cannot tell here; on Windows renaming over a file another
// program has open fails, so a restore is refused anyway.
func shmOpenElsewhere(*os.File) bool { return false }
