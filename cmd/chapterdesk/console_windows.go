//go:build windows

package main

import (
	"io"
	"log"
	"os"
	"sync"

	"golang.org/x/sys/windows"
)

// consoleOutput gives a run from Command Prompt or PowerShell its output back. The
// Windows build is a GUI program, so double-clicking it opens no console window; but
// then Windows gives it no console either, and `ChapterDesk.exe --version` or a verb
// would print nothing. The writers attach to the console of the program that started
// this one at their first write, not before: a window attached to a console would be
// closed with it, and the window prints nothing.
func consoleOutput() (stdout, stderr io.Writer) {
	return lazyConsole{func() *os.File { return os.Stdout }}, lazyConsole{func() *os.File { return os.Stderr }}
}

var attachOnce sync.Once

// lazyConsole writes to a standard file, attaching the console first if need be.
type lazyConsole struct{ file func() *os.File }

func (c lazyConsole) Write(p []byte) (int, error) {
	attachOnce.Do(attachConsole)
	return c.file().Write(p)
}

// attachConsole attaches the parent's console when the output is not already going
// somewhere (a file or a pipe), and points os.Stdout and os.Stderr at it.
func attachConsole() {
	if h, err := windows.GetStdHandle(windows.STD_OUTPUT_HANDLE); err == nil && h != 0 && h != windows.InvalidHandle {
		return
	}
	const attachParentProcess = uintptr(^uint32(0)) // ATTACH_PARENT_PROCESS, (DWORD)-1
	attach := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")
	if r, _, _ := attach.Call(attachParentProcess); r == 0 {
		return // started from Explorer: there is no console to print to
	}
	if f, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
		os.Stdout, os.Stderr = f, f
		log.SetOutput(f) // the standard logger took the old os.Stderr at start-up
	}
}
