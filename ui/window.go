// Package ui is ChapterDesk's desktop face: Fyne screens, one file per screen, each fed
// by the narrow store interface it declares. Database work runs off the UI goroutine and
// comes back through fyne.Do.
package ui

import (
	"fyne.io/fyne/v2"

	"github.com/chapterdesk/chapterdesk/db"
)

// Store is everything the screens need from the database; *db.Store satisfies it.
type Store interface {
	homeStore
	Path() string
}

var _ Store = (*db.Store)(nil)

// NewMainWindow builds the app's main window on the store.
func NewMainWindow(a fyne.App, s Store, version string) fyne.Window {
	w := a.NewWindow("ChapterDesk " + version)
	home := newHomeScreen(w, s, s.Path())
	w.SetContent(home.content)
	w.Resize(fyne.NewSize(1000, 700))
	home.refreshAsync()
	stop := home.autoRefreshAsync()
	w.SetOnClosed(stop)
	return w
}
