package main

import (
	"os"
	"runtime/debug"
	"testing"
)

// The collector runs once the packages are initialized (initgc paused it for that):
// in this test binary too, which never calls main.
func TestCollectorRunsAfterInit(t *testing.T) {
	if os.Getenv("GOGC") != "" {
		t.Skip("GOGC is set: initgc leaves the collector alone")
	}
	was := debug.SetGCPercent(100)
	debug.SetGCPercent(was)
	if was != 100 {
		t.Errorf("the collector's percentage after init is %d, want 100 (Go's default)", was)
	}
}
