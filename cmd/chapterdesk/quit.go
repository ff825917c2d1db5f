package main

import (
	"context"

	"fyne.io/fyne/v2"
)

// quitOnSignal ends the app when ctx ends: a kill, Ctrl-C in the terminal it was
// started from, the session logging out (SIGTERM, SIGINT, SIGHUP). main catches
// those signals so that a verb can clean up, which takes their default away; Fyne
// quits on SIGTERM and SIGINT itself, but only once its own handler is set, a moment
// after the window shows: a SIGTERM in that moment was lost and the window stayed
// open, the data file locked, until SIGKILL (smoke.sh caught it about one time in
// two). Quit goes the normal way out: the previews removed, the data file closed.
func quitOnSignal(ctx context.Context, a fyne.App) {
	go func() {
		<-ctx.Done()
		fyne.Do(a.Quit)
	}()
}
