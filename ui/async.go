package ui

// background runs database and file work off the UI goroutine; results come back
// through fyne.Do. Tests run it inline: Fyne's test driver runs fyne.Do on the
// calling goroutine, so inline keeps a test's view of the widgets race-free and in
// order.
var background = func(f func()) { go f() }
