//go:build !windows

package main

import (
	"io"
	"os"
)

// consoleOutput is the standard output and error; Windows needs more (console_windows.go).
func consoleOutput() (stdout, stderr io.Writer) { return os.Stdout, os.Stderr }
