package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// An infinite progress bar animates until it is stopped, also once it is off the
// screen: replaced, or hidden with its dialog. Fyne then redraws the window for it
// every frame, and an idle ChapterDesk kept a core busy (14.5 s of CPU in 15 s after
// the opening bar, 0.5 s once it is stopped). Whatever shows one stops it when its
// wait ends.

// endlessBars finds the infinite progress bars in objects and their containers.
func endlessBars(objects ...fyne.CanvasObject) []*widget.ProgressBarInfinite {
	var out []*widget.ProgressBarInfinite
	for _, o := range objects {
		switch x := o.(type) {
		case *widget.ProgressBarInfinite:
			out = append(out, x)
		case *fyne.Container:
			out = append(out, endlessBars(x.Objects...)...)
		}
	}
	return out
}

// stopEndlessBars stops the infinite progress bars in objects being taken off the
// screen.
func stopEndlessBars(objects ...fyne.CanvasObject) {
	for _, b := range endlessBars(objects...) {
		b.Stop()
	}
}
