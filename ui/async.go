package ui

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
