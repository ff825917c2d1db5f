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
