package main

import (
	"context"

	"fyne.io/fyne/v2"

	"github.com/chapterdesk/chapterdesk/ui"
)

// quitOnSignal ends the app when ctx ends: a kill, Ctrl-C in the terminal it was
// started from, the session logging out (SIGTERM, SIGINT, SIGHUP). main catches
// those signals so that a verb can clean up, which takes their default away; Fyne
// quits on SIGTERM and SIGINT itself, but only once its own handler is set, a moment
// after the window shows: a SIGTERM in that moment was lost and the window stayed
// open, the data file locked, until SIGKILL (smoke.sh caught it about one time in
// two). Quit goes the normal way out: the previews removed, the data file closed.
// The screens are told first, here and not on the UI goroutine: Fyne's handler
// wakes on the same signal and may quit before a fyne.Do of ours runs, and the
// refresh in flight must not touch the window after that (ui.Stop).
func quitOnSignal(ctx context.Context, a fyne.App) {
	go func() {
		<-ctx.Done()
		ui.Stop(a)
		fyne.Do(a.Quit)
	}()
}
