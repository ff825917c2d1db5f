package ui

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	background = func(f func()) { f() }
	systemFiles = nil // no test may open the desktop's own file chooser
	os.Exit(m.Run())
}
