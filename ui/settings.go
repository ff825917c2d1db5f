package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// settingsStore is what the Settings screen reads and writes.
type settingsStore interface {
	SelfChapter(ctx context.Context) (db.Chapter, error)
	UpdateSelfChapter(ctx context.Context, c db.Chapter) error
}

// settingsScreen holds the chapter's profile, the data file and its backups, and the
// app's look.
type settingsScreen struct {
	w       fyne.Window
	a       fyne.App
	store   settingsStore
	prefs   settings
	content fyne.CanvasObject
}

func newSettingsScreen(w fyne.Window, a fyne.App, s settingsStore, prefs settings) *settingsScreen {
	return &settingsScreen{w: w, a: a, store: s, prefs: prefs, content: widget.NewLabel("Settings")}
}

func (s *settingsScreen) refreshAsync() <-chan struct{} {
	done := make(chan struct{})
	close(done)
	return done
}
