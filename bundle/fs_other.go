//go:build !unix

package bundle

import "os"

// ownedByMe: the temporary folder is the user's own here.
func ownedByMe(os.FileInfo) (mine, ok bool) { return true, true }

// freeSpace: not asked here; the copy's own write error says when the disk is full.
func freeSpace(string) (int64, bool) { return 0, false }
