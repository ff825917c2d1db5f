//go:build !unix && !windows

package db

import (
	"errors"
	"os"
)

var errLocked = errors.New("locked")

// lockFile is a no-op where the system offers no file lock ChapterDesk knows.
func lockFile(*os.File) error { return nil }

func unlockFile(*os.File) {}

// shmOpenElsewhere cannot tell here; on Windows renaming over a file another
// program has open fails, so a restore is refused anyway.
func shmOpenElsewhere(*os.File) bool { return false }
