package importer

import "time"

// SetNow sets the time a call after which is in the future, for a test.
func (f *CallFile) SetNow(now time.Time) { f.now = now }
