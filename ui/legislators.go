package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// legislatorStore is what the Legislators screen reads and writes.
type legislatorStore interface {
	Legislators(ctx context.Context) ([]db.Legislator, error)
}

// legislatorsScreen lists the legislature with stance, calls and last contact.
type legislatorsScreen struct {
	w       fyne.Window
	store   legislatorStore
	content fyne.CanvasObject
}

func newLegislatorsScreen(w fyne.Window, s legislatorStore) *legislatorsScreen {
	return &legislatorsScreen{w: w, store: s, content: widget.NewLabel("Legislators")}
}

func (l *legislatorsScreen) refreshAsync() <-chan struct{} {
	done := make(chan struct{})
	close(done)
	return done
}
