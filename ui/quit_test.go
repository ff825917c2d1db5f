package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestNothingTouchesTheWindowOnceTheAppStops: a refresh that was reading the data file
// when the window closed came back after Fyne had shut GLFW down and set the title
// ("panic: NotInitialized: The GLFW library is not initialized", smoke.sh). Once the
// app is stopping, what comes back from the background changes nothing on screen.
func TestNothingTouchesTheWindowOnceTheAppStops(t *testing.T) {
	for _, how := range []struct {
		name   string
		stop   func(m *mainWindow)
		closes bool
	}{
		{"the window closed", func(m *mainWindow) { m.w.Close() }, true},
		{"Quit chosen", func(m *mainWindow) { m.quit() }, false},
	} {
		t.Run("after "+how.name, func(t *testing.T) {
			a := test.NewTempApp(t)
			s := dbtest.Open(t)
			dbtest.Volunteer(t, s, "Ana", "Souza", nil)
			m := newMainWindow(a, s, "test", nil)
			if !how.closes {
				defer m.w.Close() // the test driver's Quit closes no window
			}
			wait(t, m.built)
			wait(t, m.home.refreshAsync())
			title, shown := m.w.Title(), m.home.counts["volunteers"].Text
			dbtest.Volunteer(t, s, "Bia", "Lima", nil)
			how.stop(m)
			wait(t, m.home.refreshAsync())
			if got := m.home.counts["volunteers"].Text; got != shown || m.w.Title() != title {
				t.Errorf("the refresh after the stop showed %q volunteers (was %q), title %q", got, shown, m.w.Title())
			}
			showErrorAsync(m.w, &db.ValidationError{Message: "too late"})
			if n := len(m.w.Canvas().Overlays().List()); n != 0 {
				t.Errorf("%d dialogs shown after the stop", n)
			}
		})
	}
	t.Run("a main window opened again on the app works", func(t *testing.T) {
		a := test.NewTempApp(t)
		s := dbtest.Open(t)
		dbtest.Volunteer(t, s, "Ana", "Souza", nil)
		newMainWindow(a, s, "test", nil).w.Close()
		m := newMainWindow(a, s, "test", nil)
		defer m.w.Close()
		wait(t, m.built)
		if m.home == nil || m.home.counts["volunteers"].Text != "1" {
			t.Error("the second window's screens were not built")
		}
	})
	t.Run("another app's stop does not stop this one", func(t *testing.T) {
		a := test.NewTempApp(t)
		s := dbtest.Open(t)
		dbtest.Volunteer(t, s, "Ana", "Souza", nil)
		m := newMainWindow(a, s, "test", nil)
		defer m.w.Close()
		wait(t, m.built)
		dbtest.Volunteer(t, s, "Bia", "Lima", nil)
		wait(t, m.home.refreshAsync())
		if got := m.home.counts["volunteers"].Text; got != "2" {
			t.Errorf("a new app's dashboard shows %q volunteers, want 2", got)
		}
	})
}
