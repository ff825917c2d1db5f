package ui

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// repairingFiles repairs and restores by handing back a ready store.
type repairingFiles struct {
	DataFiles
	s        Store
	repaired bool
	restored string
}

func (f *repairingFiles) Repair(context.Context) (Store, error) {
	f.repaired = true
	return f.s, nil
}

func (f *repairingFiles) Restore(_ context.Context, backup string) (Store, error) {
	f.restored = backup
	return f.s, nil
}

func TestDamageNotice(t *testing.T) {
	a := test.NewTempApp(t)
	s := dbtest.Open(t)
	dbtest.Volunteer(t, s, "Ana", "Souza", nil)
	files := &repairingFiles{s: s}
	var found func(*db.DamagedError)
	opened := make(chan struct{})
	w := OpenMainWindow(a, "test", WindowOptions{Files: files, WatchDamage: func(f func(*db.DamagedError)) { found = f }},
		func(context.Context) (Store, error) { defer close(opened); return s, nil })
	defer w.Close()
	<-opened
	de := &db.DamagedError{Path: s.Path(), Problem: "full check: row 31086 missing from index call_reports_volunteer",
		IndexOnly: true, Backup: "backups/chapter-daily-20261124.db", BackupTime: time.Now()}

	t.Run("the window says the file is damaged and that nothing more is saved", func(t *testing.T) {
		found(de)
		if !strings.Contains(w.Title(), "damaged") {
			t.Errorf("title %q", w.Title())
		}
		text := strings.Join(visibleTexts(w.Content()), "\n")
		for _, want := range []string{"The data file is damaged", "row 31086 missing from index call_reports_volunteer",
			"stopped saving changes", "only in the file's indexes", de.Backup} {
			if !strings.Contains(text, want) {
				t.Errorf("the notice lacks %q:\n%s", want, text)
			}
		}
		if _, ok := w.Content().(*container.AppTabs); ok {
			t.Error("the screens show without the notice")
		}
	})
	t.Run("a refused write says why", func(t *testing.T) {
		if title, _ := errorMessage(de); title != "Data file damaged" {
			t.Errorf("title %q", title)
		}
	})
	t.Run("offers the newest good backup and, for index-only damage, the repair", func(t *testing.T) {
		restore, repair := findButton(w.Content(), "Restore the backup of"), findButton(w.Content(), "Repair the indexes")
		if restore == nil || repair == nil {
			t.Fatalf("restore %v, repair %v", restore, repair)
		}
		test.Tap(restore)
		if files.restored != de.Backup {
			t.Errorf("restored %q", files.restored)
		}
		if _, ok := w.Content().(*container.AppTabs); !ok {
			t.Errorf("after the restore the window shows %T", w.Content())
		}
	})
	t.Run("the repair rebuilds and shows the screens again", func(t *testing.T) {
		found(de)
		test.Tap(findButton(w.Content(), "Repair the indexes"))
		confirm := w.Canvas().Overlays().Top()
		if confirm == nil || !strings.Contains(strings.Join(visibleTexts(confirm), " "), "keeps a copy of the file") {
			t.Fatal("no consent asked, naming the copy kept first")
		}
		test.Tap(findButton(confirm, "Yes"))
		if !files.repaired {
			t.Error("not repaired")
		}
		if _, ok := w.Content().(*container.AppTabs); !ok {
			t.Errorf("after the repair the window shows %T", w.Content())
		}
	})
	t.Run("damage without a backup, in the tables, offers neither", func(t *testing.T) {
		found(&db.DamagedError{Path: s.Path(), Problem: "full check: Tree 5 page 9 cell 2: invalid page number"})
		if findButton(w.Content(), "Restore the backup of") != nil || findButton(w.Content(), "Repair the indexes") != nil {
			t.Error("a button offers what cannot be done")
		}
		if text := strings.Join(visibleTexts(w.Content()), "\n"); !strings.Contains(text, "No good backup") {
			t.Errorf("notice:\n%s", text)
		}
	})
}

// TestDamageFoundBeforeScreens: the app's start checks the file beside its first
// reads (db.Options.CheckBeside), and damage found before the screens are built is
// shown with them; the dashboard, which reads on, does not take the title back.
func TestDamageFoundBeforeScreens(t *testing.T) {
	ctx := context.Background()
	path := dbtest.ChapterFile(t, t.TempDir())
	dbtest.Corrupt(t, path)
	s, err := db.Open(ctx, path, db.Options{DeferFullCheck: true, CheckBeside: true})
	if err != nil {
		t.Fatalf("the start's open: %v", err)
	}
	defer s.Close()

	a := test.NewTempApp(t)
	var found func(*db.DamagedError)
	w := OpenMainWindow(a, "test", WindowOptions{Files: &repairingFiles{s: s}, WatchDamage: func(f func(*db.DamagedError)) { found = f }},
		func(context.Context) (Store, error) {
			var de *db.DamagedError
			if err := s.Opened(ctx); !errors.As(err, &de) {
				t.Errorf("the check beside: %v", err)
			}
			found(de) // before the screens are built
			return s, nil
		})
	defer w.Close()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var text, title string
		fyne.DoAndWait(func() { text, title = strings.Join(visibleTexts(w.Content()), "\n"), w.Title() })
		if strings.Contains(text, "The data file is damaged") && strings.Contains(text, "Updated ") {
			if !strings.Contains(title, "damaged") {
				t.Errorf("the dashboard took the title back: %q", title)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no damage notice over the dashboard (%T):\n%s", w.Content(), text)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// visibleTexts is every label's text in o.
func visibleTexts(o fyne.CanvasObject) []string {
	var out []string
	for _, c := range test.LaidOutObjects(o) {
		if l, ok := c.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	}
	return out
}

// findButton is the first button in o whose text starts with prefix.
func findButton(o fyne.CanvasObject, prefix string) *widget.Button {
	for _, c := range test.LaidOutObjects(o) {
		if b, ok := c.(*widget.Button); ok && strings.HasPrefix(b.Text, prefix) {
			return b
		}
	}
	return nil
}

// TestSettingsBackupMarks is about a data file's backups and SQLite's full check,
// which a chapter server has neither of (its settings say whoever runs it backs it
// up: TestSettingsOnAServer): it opens a file on either test backend.
func TestSettingsBackupMarks(t *testing.T) {
	ctx := context.Background()
	a := test.NewTempApp(t)
	s := dbtest.OpenFile(t)
	w := test.NewWindow(nil)
	defer w.Close()
	for _, name := range []string{"Ana", "Bia", "Caio", "Duda", "Enzo"} {
		dbtest.Volunteer(t, s, name, "Souza", nil)
	}
	good, err := s.BackupNow(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(good)
	bad := filepath.Join(db.BackupsDir(s.Path()), "chapter-daily-20260101.db")
	if err := os.WriteFile(bad, data, 0o600); err != nil {
		t.Fatal(err)
	}
	dbtest.CorruptIndex(t, bad, "volunteers_uuid")
	if _, err := db.CheckCopy(ctx, bad); err == nil {
		t.Fatal("the damaged copy passed")
	}
	st := newSettingsScreen(w, a, s, newSettings(a), nil, nil)
	w.SetContent(st.content)
	wait(t, st.refreshAsync())
	if !strings.Contains(st.lastCheck.Text, "not had SQLite's full check yet") {
		t.Errorf("before a check: %q", st.lastCheck.Text)
	}
	if r, err := db.FullCheck(ctx, s.Path()); err != nil || db.RecordCheck(r) != nil {
		t.Fatal(err)
	}
	wait(t, st.refreshAsync())
	if !strings.Contains(st.lastCheck.Text, "last passed SQLite's full check on") {
		t.Errorf("after a check: %q", st.lastCheck.Text)
	}
	var marks []string
	for _, row := range st.backups.Objects {
		var label *widget.Label
		var restore *widget.Button
		for _, o := range row.(*fyne.Container).Objects {
			switch o := o.(type) {
			case *widget.Label:
				label = o
			case *widget.Button:
				restore = o
			}
		}
		switch {
		case strings.HasSuffix(label.Text, "· checked"):
			marks = append(marks, "checked")
			if restore.Disabled() {
				t.Error("a good backup cannot be restored")
			}
		case strings.Contains(label.Text, "· damaged"):
			marks = append(marks, "damaged")
			if !restore.Disabled() {
				t.Error("a damaged backup can be restored")
			}
		default:
			t.Errorf("row %q", label.Text)
		}
	}
	if strings.Join(marks, ",") != "checked,damaged" && strings.Join(marks, ",") != "damaged,checked" {
		t.Errorf("marks %v", marks)
	}
}
