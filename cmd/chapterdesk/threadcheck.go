package main

import (
	"bytes"
	"log/slog"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync/atomic"

	"github.com/chapterdesk/chapterdesk/db"
)

// guardUIGoroutine makes every database call made on the calling goroutine (the UI
// goroutine: the app calls this from main, which then runs Fyne's event loop) log
// an error with its stack, once the returned arm is called (opening the file before
// the window exists is not UI work). The thread-check build (make threadcheck) turns
// it on with CHAPTERDESK_THREADCHECK=1 and fails on any such line.
func guardUIGoroutine() (arm func()) {
	ui := goroutineID()
	var armed atomic.Bool
	db.GuardQueries(func() {
		if armed.Load() && goroutineID() == ui {
			slog.Error("*** database call on the UI goroutine ***", "stack", string(debug.Stack()))
		}
	})
	return func() { armed.Store(true) }
}

// goroutineID reads the current goroutine's number from its stack header
// ("goroutine 1 [running]:"); only the thread check uses it.
func goroutineID() uint64 {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	buf = bytes.TrimPrefix(buf, []byte("goroutine "))
	id, _ := strconv.ParseUint(string(buf[:bytes.IndexByte(buf, ' ')]), 10, 64)
	return id
}
