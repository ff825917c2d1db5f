//go:build unix

package db

import (
	"errors"
	"syscall"

	"golang.org/x/sys/unix"
)

// writable reports whether this process may write path (file or folder).
func writable(path string) bool { return unix.Access(path, unix.W_OK) == nil }

func isReadOnlyFS(err error) bool { return errors.Is(err, syscall.EROFS) }

// oNoFollow makes OpenFile refuse a symbolic link as the last part of the path.
const oNoFollow = unix.O_NOFOLLOW

// isSymlinkErr reports OpenFile's refusal of a link under oNoFollow.
func isSymlinkErr(err error) bool { return errors.Is(err, syscall.ELOOP) }

// FreeSpace is how many bytes this user may still write in dir (ok false when the
// system does not say).
func FreeSpace(dir string) (n int64, ok bool) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, false
	}
	return int64(st.Bavail) * int64(st.Bsize), true
}
