package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

func TestSettingsScreen(t *testing.T) {
	ctx := context.Background()
	a := test.NewTempApp(t)
	s := dbtest.Open(t)
	w := test.NewWindow(nil)
	defer w.Close()
	st := newSettingsScreen(w, a, s, newSettings(a), nil, nil)
	w.SetContent(st.content)
	wait(t, st.refreshAsync())

	t.Run("saves the chapter profile printed on leaflets", func(t *testing.T) {
		st.name.SetText("Worcester Chapter")
		st.phone.SetText("508-555-0199")
		wait(t, st.saveProfileAsync())
		c, err := s.SelfChapter(ctx)
		if err != nil || c.Name != "Worcester Chapter" || c.Phone != "508-555-0199" || st.profileMessage.Text != "Saved." {
			t.Errorf("stored %+v, %v; message %q", c, err, st.profileMessage.Text)
		}
	})
	t.Run("refuses a chapter without a name and keeps the old one", func(t *testing.T) {
		st.name.SetText("  ")
		wait(t, st.saveProfileAsync())
		c, _ := s.SelfChapter(ctx)
		if c.Name != "Worcester Chapter" || st.profileMessage.Text == "Saved." || st.profileMessage.Text == "" {
			t.Errorf("stored %q; message %q", c.Name, st.profileMessage.Text)
		}
	})
	t.Run("lists the backups with their dates and sizes", func(t *testing.T) {
		if onServer(s) {
			t.Skip("a data file's backups: the settings of a chapter server list none, saying whoever runs it backs it up (TestSettingsOnAServer)")
		}
		if got := labelTexts(st.backups); len(got) != 1 || got[0] != "No backups yet." {
			t.Errorf("before: %q", got)
		}
		if _, err := s.BackupNow(ctx, time.Now()); err != nil {
			t.Fatal(err)
		}
		wait(t, st.refreshAsync())
		if n := len(st.backups.Objects); n != 1 {
			t.Fatalf("%d rows", n)
		}
	})
	t.Run("remembers the theme and the dashboard's days", func(t *testing.T) {
		st.theme.SetSelected("Dark")
		st.staleDays.SetText("21")
		p := newSettings(a)
		if p.theme() != themeDark || p.staleDays() != 21 {
			t.Errorf("theme %q, days %d", p.theme(), p.staleDays())
		}
	})
}
