//go:build !unix

package db

import "os"

// writable reports whether this process may write path; without access(2) the best
// cheap check is the permission bits.
func writable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().Perm()&0o200 != 0
}

func isReadOnlyFS(error) bool { return false }

// oNoFollow: no O_NOFOLLOW here; acquireWriter's Lstat refuses a link.
const oNoFollow = 0

func isSymlinkErr(error) bool { return false }

// FreeSpace: not asked here; a write's own error says when the disk is full.
func FreeSpace(string) (int64, bool) { return 0, false }
