package ui

import (
	"os"
	"testing"
)

func TestMain(m *testing.M) {
	background = func(f func()) { f() }
	os.Exit(m.Run())
}
