//go:build !unix

package bundle

import "os"

// ownedByMe: the temporary folder is the user's own here.
func ownedByMe(os.FileInfo) (mine, ok bool) { return true, true }
