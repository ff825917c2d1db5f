package db

import "time"

// SetMergeTimeout lets a test bound merges more tightly; the returned func restores.
func SetMergeTimeout(d time.Duration) func() {
	old := mergeTimeout
	mergeTimeout = d
	return func() { mergeTimeout = old }
}
