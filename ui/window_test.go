package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

func TestMainWindow(t *testing.T) {
	t.Run("an empty data file opens on the welcome, which starts the chapter", func(t *testing.T) {
		a := test.NewTempApp(t)
		s := dbtest.Open(t)
		m := newMainWindow(a, s, "test", nil)
		defer m.w.Close()
		if m.w.Content() == m.tabs {
			t.Fatal("the screens show, not the welcome")
		}
		ws := newWelcomeScreen(m.w, s, nil, m.onWelcomeDone, nil, nil, nil)
		m.w.SetContent(ws.content)
		wait(t, ws.startAsync())
		if ws.message.Text == "" || ws.steps.Visible() {
			t.Errorf("no name: message %q, steps shown %v", ws.message.Text, ws.steps.Visible())
		}
		ws.name.SetText("Worcester Chapter")
		ws.state.SetText("ma")
		wait(t, ws.startAsync())
		c, _ := s.SelfChapter(context.Background())
		if c.Name != "Worcester Chapter" || c.State != "MA" || !ws.steps.Visible() {
			t.Errorf("stored %q %q, steps shown %v", c.Name, c.State, ws.steps.Visible())
		}
		m.onWelcomeDone()
		if m.w.Content() != m.tabs {
			t.Error("Go to my chapter did not show the screens")
		}
	})
	t.Run("a chapter with volunteers opens on the dashboard", func(t *testing.T) {
		a := test.NewTempApp(t)
		s := dbtest.Open(t)
		dbtest.Volunteer(t, s, "Ana", "Souza", nil)
		m := newMainWindow(a, s, "test", nil)
		defer m.w.Close()
		if m.w.Content() != m.tabs || m.tabs.SelectedIndex() != screenDashboard {
			t.Errorf("content %T, screen %d", m.w.Content(), m.tabs.SelectedIndex())
		}
	})
	t.Run("the shortcuts switch screens and focus the right field", func(t *testing.T) {
		a := test.NewTempApp(t)
		s := dbtest.Open(t)
		dbtest.Volunteer(t, s, "Ana", "Souza", nil)
		m := newMainWindow(a, s, "test", nil)
		defer m.w.Close()
		m.onNewCallReport()
		if m.tabs.SelectedIndex() != screenCalls || m.w.Canvas().Focused() != m.calls.form.volunteer {
			t.Errorf("Ctrl+N: screen %d, focus %T", m.tabs.SelectedIndex(), m.w.Canvas().Focused())
		}
		m.onFindVolunteer()
		if m.tabs.SelectedIndex() != screenVolunteers || m.w.Canvas().Focused() != m.volunteers.search {
			t.Errorf("Ctrl+F: screen %d, focus %T", m.tabs.SelectedIndex(), m.w.Canvas().Focused())
		}
		goMenu := m.w.MainMenu().Items[1]
		goMenu.Items[screenSettings].Action()
		if m.tabs.SelectedIndex() != screenSettings {
			t.Errorf("Go > Settings shows screen %d", m.tabs.SelectedIndex())
		}
	})
}

func TestOpenMainWindow(t *testing.T) {
	t.Run("shows the screens once the file is open", func(t *testing.T) {
		a := test.NewTempApp(t)
		s := dbtest.Open(t)
		dbtest.Volunteer(t, s, "Ana", "Souza", nil)
		opened := make(chan struct{})
		// While the file opens, a bar moves; once the screens are there it has stopped
		// (left running, it had the window redrawn every frame: a core busy). The tests
		// run background work in line, so the window is there while the file opens.
		var bars []*widget.ProgressBarInfinite
		w := OpenMainWindow(a, "test", WindowOptions{}, func(context.Context) (Store, error) {
			defer close(opened)
			wins := a.Driver().AllWindows()
			bars = endlessBars(wins[len(wins)-1].Content())
			if len(bars) != 1 || !bars[0].Running() {
				t.Errorf("the opening wait: %d bars", len(bars))
			}
			return s, nil
		})
		defer w.Close()
		<-opened
		if _, ok := w.Content().(*container.AppTabs); !ok {
			t.Errorf("content %T", w.Content())
		}
		if len(bars) == 1 && bars[0].Running() {
			t.Error("the opening bar still runs behind the screens")
		}
	})
	t.Run("says why a file cannot be opened", func(t *testing.T) {
		a := test.NewTempApp(t)
		opened := make(chan struct{})
		w := OpenMainWindow(a, "test", WindowOptions{}, func(context.Context) (Store, error) {
			defer close(opened)
			return nil, errors.New("chapter.db was written by a newer ChapterDesk")
		})
		defer w.Close()
		<-opened
		if w.Title() != "ChapterDesk cannot open its data file" {
			t.Errorf("title %q", w.Title())
		}
	})
}

// restoringFiles restores by handing back a ready store.
type restoringFiles struct {
	DataFiles
	s        Store
	restored string
}

func (f *restoringFiles) Restore(_ context.Context, backup string) (Store, error) {
	f.restored = backup
	return f.s, nil
}

func TestDamagedFileAtStart(t *testing.T) {
	a := test.NewTempApp(t)
	s := dbtest.Open(t)
	dbtest.Volunteer(t, s, "Ana", "Souza", nil)
	files := &restoringFiles{s: s}
	damaged := &db.DamagedError{Path: "chapter.db", Backup: "backups/chapter-daily-20261124.db", BackupTime: time.Now()}
	w := OpenMainWindow(a, "test", WindowOptions{Files: files}, func(context.Context) (Store, error) { return nil, damaged })
	defer w.Close()
	var restore *widget.Button
	for _, o := range test.LaidOutObjects(w.Content()) {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, "Restore the backup of") {
			restore = b
		}
	}
	if restore == nil {
		t.Fatal("no restore button for a damaged file with a good backup")
	}
	test.Tap(restore)
	if files.restored != damaged.Backup {
		t.Errorf("restored %q", files.restored)
	}
	if _, ok := w.Content().(*container.AppTabs); !ok {
		t.Errorf("after the restore the window shows %T", w.Content())
	}
}

func TestWindowTitle(t *testing.T) {
	appVersion.Store("0.1.0")
	openWhere.Store("")
	defer openWhere.Store("")
	if got := windowTitle("Worcester Chapter"); got != "ChapterDesk 0.1.0 — Worcester Chapter" {
		t.Errorf("title %q", got)
	}
	if got := windowTitle(""); got != "ChapterDesk 0.1.0" {
		t.Errorf("title before a chapter %q", got)
	}
}

// The Help menu has a getting-started page (the first-day steps and the keyboard
// shortcuts) and the README's link; Ctrl+Q quits (issue 15).
func TestHelpMenu(t *testing.T) {
	a := test.NewTempApp(t)
	s := dbtest.Open(t)
	dbtest.Volunteer(t, s, "Ana", "Souza", nil)
	m := newMainWindow(a, s, "test", nil)
	defer m.w.Close()
	menu := m.w.MainMenu()
	var labels []string
	var quit *fyne.MenuItem
	for _, mn := range menu.Items {
		for _, it := range mn.Items {
			labels = append(labels, it.Label)
			if sc, ok := it.Shortcut.(*desktop.CustomShortcut); ok && sc.KeyName == fyne.KeyQ &&
				sc.Modifier == fyne.KeyModifierShortcutDefault {
				quit = it
			}
		}
	}
	if quit == nil || !quit.IsQuit {
		t.Errorf("no Quit on Ctrl+Q in the menus %q", labels)
	}
	help := menu.Items[len(menu.Items)-1]
	var started *fyne.MenuItem
	for _, it := range help.Items {
		if it.Label == "Getting started" {
			started = it
		}
	}
	if started == nil {
		t.Fatalf("Help menu %q has no Getting started", labels)
	}
	started.Action()
	var text strings.Builder
	var link *widget.Hyperlink
	for _, o := range test.LaidOutObjects(m.w.Canvas().Overlays().Top()) {
		switch o := o.(type) {
		case *widget.RichText:
			writeSegments(&text, o.Segments)
		case *widget.Hyperlink:
			link = o
		}
	}
	for _, want := range []string{"Start my chapter", "state", "Update legislators…", "Volunteers…", "Call reports",
		"leaflet", "Call sheets", "workbook", "Ctrl+1", "Ctrl+N", "Ctrl+F", "Ctrl+Shift+N", "Ctrl+Q"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the getting-started page does not say %q", want)
		}
	}
	if link == nil || link.URL.String() != "https://github.com/chapterdesk/chapterdesk#readme" {
		t.Errorf("README link %v", link)
	}
}

// writeSegments writes the text of rich-text segments, lists and paragraphs included.
func writeSegments(b *strings.Builder, segs []widget.RichTextSegment) {
	for _, seg := range segs {
		switch seg := seg.(type) {
		case *widget.ListSegment:
			writeSegments(b, seg.Items)
		case *widget.ParagraphSegment:
			writeSegments(b, seg.Texts)
		default:
			b.WriteString(seg.Textual())
		}
		b.WriteString(" ")
	}
}

// TestWindowStaysWithinTheScreen: the suggestions under a type-ahead never make the
// window's content wider than a 1280-pixel screen. The district fields sat in a
// two-column grid, so the longest district offered ("Berkshire, Hampden, Franklin
// and Hampshire") counted twice in the form's width, and the window grew past the
// right edge of the screen (issue 15, the first-day walk).
func TestWindowStaysWithinTheScreen(t *testing.T) {
	a := test.NewTempApp(t)
	s := dbtest.Open(t)
	long := []string{
		"Berkshire, Hampden, Franklin and Hampshire",
		"Hampden, Hampshire and Worcester",
		"Norfolk, Worcester and Middlesex",
		"Worcester and Hampden and Hampshire and Middlesex",
		"Bristol, Norfolk and Plymouth and the Islands",
		"Cape and Islands and Plymouth and Barnstable",
	}
	for i, d := range long {
		dbtest.Legislator(t, s, db.ChamberUpper, d, "Senator Number"+string(rune('A'+i)))
		dbtest.Legislator(t, s, db.ChamberLower, "Second "+d, "Representative With A Long Name"+string(rune('A'+i)))
	}
	dbtest.Volunteer(t, s, "Ana", "Souza", func(v *db.Volunteer) { v.SenateDistrict = long[0]; v.HouseDistrict = "Second " + long[0] })
	m := newMainWindow(a, s, "test", nil)
	defer m.w.Close()
	const screen = 1280
	m.w.Resize(fyne.NewSize(screen, 720))
	within := func(what string) {
		t.Helper()
		if w := m.w.Content().MinSize().Width; w > screen {
			t.Errorf("%s: the window's content needs %.0f pixels, wider than the %d-pixel screen", what, w, screen)
		}
	}
	within("at start")

	m.onNewVolunteer()
	f := m.volunteers.form
	wait(t, f.loadDistrictsAsync())
	for _, ta := range []*typeahead{f.senate, f.house} {
		m.w.Canvas().Focus(ta)
		wait(t, ta.done)
		if len(ta.items) == 0 {
			t.Fatal("no districts offered")
		}
		within("the volunteer form offering every district")
		typeIn(t, m.w, ta, "and")
		if len(ta.items) == 0 {
			t.Fatal("no districts offered for 'and'")
		}
		within("the volunteer form offering the districts with 'and'")
		enter(m.w) // several: the note says which, by the field
		if !ta.note.Visible() {
			t.Fatal("no note for several districts")
		}
		within("the volunteer form with its note")
	}
	m.onNewCallReport()
	cf := m.calls.form
	typeIn(t, m.w, cf.volunteer, "ana")
	within("the call form offering callers")
	enter(m.w)
	m.w.Canvas().Focus(cf.legislator)
	wait(t, cf.legislator.done)
	if len(cf.legislator.items) == 0 {
		t.Fatal("no legislators offered")
	}
	within("the call form offering the caller's legislators")
	enter(m.w) // says how to take one
	m.w.Canvas().FocusPrevious()
	m.w.Canvas().FocusNext()
	test.Type(cf.legislator, "representative with")
	wait(t, cf.legislator.done)
	cf.legislator.moveHighlight(1)
	enter(m.w)
	typeIn(t, m.w, cf.stance, "leaning n")
	enter(m.w)
	if !cf.updateWhip.Visible() {
		t.Fatalf("no whip count update offered: called %+v, stance %+v", cf.legislator.chosen, cf.stance.chosen)
	}
	within("the call form offering to update the whip count")
}
