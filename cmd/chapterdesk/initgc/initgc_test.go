package initgc

import (
	"runtime/debug"
	"testing"
)

// Resume gives the collector back the percentage init found, once: a test binary,
// like the program, must not run with the collector paused.
func TestResume(t *testing.T) {
	was := debug.SetGCPercent(-1)
	defer debug.SetGCPercent(was)
	paused = 73
	Resume()
	if got := debug.SetGCPercent(50); got != 73 {
		t.Errorf("after Resume the collector's percentage is %d, want 73", got)
	}
	Resume() // again: nothing to do
	if got := debug.SetGCPercent(was); got != 50 {
		t.Errorf("a second Resume changed the percentage to %d", got)
	}
}
