package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// benchStore is the large demo database of make bench (dbtest.BenchStore).
func benchStore(b *testing.B) *db.Store { return dbtest.BenchStore(b) }

// BenchmarkVolunteerSearchKeystroke is one keystroke in the roster's search box on
// 100,000 volunteers (DESIGN: under 50 ms): the count and first page queries and the
// list redrawn with them, for each prefix of "maria" and for clearing the box (the
// whole roster again).
func BenchmarkVolunteerSearchKeystroke(b *testing.B) {
	s := benchStore(b)
	test.NewTempApp(b)
	w := test.NewWindow(nil)
	defer w.Close()
	v := newVolunteersScreen(w, s)
	w.SetContent(v.content)
	w.Resize(fyne.NewSize(1100, 720))
	<-v.refreshAsync()
	for _, text := range []string{"m", "ma", "mar", "mari", "maria", "maria g", "617555", ""} {
		name := text
		if name == "" {
			name = "cleared"
		}
		v.search.SetText(text) // the keystroke: OnChanged runs refreshAsync
		<-v.refreshed
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				<-v.refreshAsync() // the same work again, timed
			}
		})
	}
}

// BenchmarkDashboardFill is the dashboard read and drawn on the 1,000,000-call
// database (DESIGN: under 300 ms).
func BenchmarkDashboardFill(b *testing.B) {
	s := benchStore(b)
	test.NewTempApp(b)
	w := test.NewWindow(nil)
	defer w.Close()
	d := newDashboardScreen(w, s, s.Path(), func() int { return 14 })
	w.SetContent(d.content)
	w.Resize(fyne.NewSize(1100, 720))
	for b.Loop() {
		<-d.refreshAsync()
	}
}
