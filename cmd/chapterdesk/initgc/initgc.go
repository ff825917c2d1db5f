// Package initgc pauses the garbage collector while the program's packages
// initialize; package main's init, which runs after all of them, sets it going again.
//
// Before main runs, the packages ChapterDesk links (Fyne's translations, excelize's
// tables, goldmark's, the phone library's patterns) allocate about 10 MB that all stay
// live. The collector, started at a 4 MB heap, ran twice during that and found
// nothing to free: GODEBUG=inittrace=1 put the inits at 47-55 ms with it and 34-46 ms
// without (GOGC=off), on every start of every verb (issue 20's start-up bars).
//
// Go initializes a package as soon as the packages it imports are (and, among those
// ready, in import-path order), so this one, which imports only os and runtime/debug,
// runs before those heavy ones. A GOGC the user set is left alone.
package initgc

import (
	"os"
	"runtime/debug"
)

// paused is the collector's percentage before init paused it, or -1 if it did not.
var paused = -1

func init() {
	if os.Getenv("GOGC") == "" {
		paused = debug.SetGCPercent(-1)
	}
}

// Resume sets the collector going again as it was before init paused it. Package
// main's init calls it; calling it again does nothing.
func Resume() {
	if paused >= 0 {
		debug.SetGCPercent(paused)
		paused = -1
	}
}
