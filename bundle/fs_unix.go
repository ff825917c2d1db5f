//go:build unix

package bundle

import (
	"os"
	"syscall"
)

// ownedByMe reports whether the file is this user's (ok is false when unknown): a
// shared /tmp holds other users' folders, which are not ours to remove.
func ownedByMe(fi os.FileInfo) (mine, ok bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return false, false
	}
	return int(st.Uid) == os.Getuid(), true
}

// freeSpace is how many bytes this user may still write in dir (ok false when the
// system does not say).
func freeSpace(dir string) (n int64, ok bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, false
	}
	return int64(st.Bavail) * int64(st.Bsize), true
}
