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
