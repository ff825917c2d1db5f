package ui

import (
	"sync/atomic"

	"fyne.io/fyne/v2"
)

// background runs database and file work off the UI goroutine; results come back
// through fyne.Do. Tests run it inline: Fyne's test driver runs fyne.Do on the
// calling goroutine, so inline keeps a test's view of the widgets race-free and in
// order.
var background = func(f func()) { go f() }

// RunWorkInline makes the screens run their database and file work on the calling
// goroutine, as this package's own tests do, until restore is called: for tests of
// other packages that drive a screen with Fyne's test driver (whose fyne.Do runs
// inline too), so they see each step finished and read the widgets without a race.
func RunWorkInline() (restore func()) {
	old := background
	background = func(f func()) { f() }
	return func() { background = old }
}

// stoppingApp is the app on its way out, once its window has closed or Quit was
// chosen. Work that was running in the background then comes back to a window that is
// going or gone: once Fyne has shut GLFW down it runs what fyne.Do is handed at once,
// on the calling goroutine, and a title or dialog set then panics ("The GLFW library
// is not initialized"). It is the app itself, not a flag, so that a test's closed
// window stops nothing in the next test's app.
var stoppingApp atomic.Pointer[fyne.App]

// Stop marks a as stopping: from then on doUI and doUIAndWait do nothing. Call it
// before a.Quit on any way out the window does not see (cmd's signal handler).
func Stop(a fyne.App) { stoppingApp.Store(&a) }

// unstop takes back a's stop when it opens a main window again (tests open several
// in turn on one app; the app opens one).
func unstop(a fyne.App) {
	if p := stoppingApp.Load(); p != nil && *p == a {
		stoppingApp.CompareAndSwap(p, nil)
	}
}

// stopping says whether the running app is on its way out.
func stopping() bool {
	a := stoppingApp.Load()
	return a != nil && *a == fyne.CurrentApp()
}

// doUI runs f on the UI goroutine with fyne.Do, unless the app is stopping by the
// time it would run (asked there, where the stop is marked too).
func doUI(f func()) {
	fyne.Do(func() {
		if !stopping() {
			f()
		}
	})
}

// doUIAndWait is doUI waiting for f, as fyne.DoAndWait: it returns whether f ran.
func doUIAndWait(f func()) (ran bool) {
	fyne.DoAndWait(func() {
		if ran = !stopping(); ran {
			f()
		}
	})
	return ran
}
