//go:build unix

package db

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

var errLocked = errors.New("locked")

// lockFile takes an exclusive, non-blocking flock on f.
func lockFile(f *os.File) error {
	err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		return errLocked
	}
	return err
}

func unlockFile(f *os.File) { unix.Flock(int(f.Fd()), unix.LOCK_UN) }

// shmOpenElsewhere reports whether another process has open the SQLite database whose
// -shm is shm: every connection in WAL mode holds a read lock on its byte 128 (the
// unix VFS's "DMS" lock) from its first read until it closes. Locks of this process
// are not seen (POSIX locks are per process).
func shmOpenElsewhere(shm *os.File) bool {
	lk := unix.Flock_t{Type: unix.F_WRLCK, Whence: 0, Start: 128, Len: 1}
	if err := unix.FcntlFlock(shm.Fd(), unix.F_GETLK, &lk); err != nil {
		return false
	}
	return lk.Type != unix.F_UNLCK
}
