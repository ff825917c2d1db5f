package ui

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// fileDialogWindow is a window on a fresh app whose home folder is a temp folder
// with Documents in it.
func fileDialogWindow(t *testing.T) (fyne.Window, settings, string) {
	t.Helper()
	a := test.NewTempApp(t)
	home := t.TempDir()
	t.Setenv("HOME", home)
	if err := os.Mkdir(filepath.Join(home, "Documents"), 0o700); err != nil {
		t.Fatal(err)
	}
	w := a.NewWindow("files")
	w.Resize(fyne.NewSize(1100, 720))
	w.Show()
	t.Cleanup(w.Close)
	return w, newSettings(a), home
}

// writeFiles makes each file in dir, each a minute newer than the one before.
func writeFiles(t *testing.T, dir string, names ...string) {
	t.Helper()
	start := time.Now().Add(-time.Hour)
	for i, n := range names {
		p := filepath.Join(dir, n)
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		at := start.Add(time.Duration(i) * time.Minute)
		if err := os.Chtimes(p, at, at); err != nil {
			t.Fatal(err)
		}
	}
}

// overlayObjects are the objects of the dialog on top of the window.
func overlayObjects(t *testing.T, w fyne.Window) []fyne.CanvasObject {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is shown")
	}
	return test.LaidOutObjects(top)
}

// overlayButton is the shown dialog's button labelled text.
func overlayButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	for _, o := range overlayObjects(t, w) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("the dialog has no %q button", text)
	return nil
}

// overlayEntry is the first entry of the shown dialog: the file picker's path.
func overlayEntry(t *testing.T, w fyne.Window) *widget.Entry {
	t.Helper()
	for _, o := range overlayObjects(t, w) {
		if e, ok := o.(*widget.Entry); ok {
			return e
		}
	}
	t.Fatal("the dialog has no field to type in")
	return nil
}

func pressEnter(e *widget.Entry) { e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) }

// TestFileDialogsStartInDocuments: a file dialog opens in the folder used last, else
// in Documents, else at home; never in the app's own data folder.
func TestFileDialogsStartInDocuments(t *testing.T) {
	_, prefs, home := fileDialogWindow(t)
	docs := filepath.Join(home, "Documents")
	if got := startFolder(prefs, false); got != docs {
		t.Errorf("%q, want %q", got, docs)
	}
	os.Remove(docs)
	if got := startFolder(prefs, false); got != home {
		t.Errorf("no Documents: %q, want home %q", got, home)
	}
	last := t.TempDir()
	prefs.addRecentFolder(last)
	if got := startFolder(prefs, true); got != last {
		t.Errorf("%q, want the folder used last %q", got, last)
	}
	t.Run("a save skips a folder it cannot write in", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root writes in a read-only folder")
		}
		ro := t.TempDir()
		prefs.addRecentFolder(ro)
		os.Chmod(ro, 0o500)
		defer os.Chmod(ro, 0o700)
		if got := startFolder(prefs, true); got != home {
			t.Errorf("%q, want home", got)
		}
		if got := startFolder(prefs, false); got != ro {
			t.Errorf("open: %q, want the read-only folder used last", got)
		}
	})
}

// TestRecentFolders: the folders used lately are kept in the preferences (so the
// next run has them), newest first, each once, at most maxRecentFolders.
func TestRecentFolders(t *testing.T) {
	a := test.NewTempApp(t)
	prefs := newSettings(a)
	for i := range maxRecentFolders + 3 {
		prefs.addRecentFolder(filepath.Join("/data", string(rune('a'+i))))
	}
	prefs.addRecentFolder("/data/c")
	got := newSettings(a).recentFolders()
	if len(got) != maxRecentFolders || got[0] != "/data/c" || got[1] != "/data/k" || slices.Index(got[1:], "/data/c") >= 0 {
		t.Errorf("%q", got)
	}
	if stored := a.Preferences().StringList(prefRecentDirs); !slices.Equal(stored, got) {
		t.Errorf("stored %q, read %q", stored, got)
	}
}

// TestOwnFileDialog: where no system chooser answers, ChapterDesk's dialog takes a
// typed path, lists the recent folders first, and a folder's files newest first.
func TestOwnFileDialog(t *testing.T) {
	t.Run("opens a typed path with Enter and remembers its folder", func(t *testing.T) {
		w, prefs, home := fileDialogWindow(t)
		dir := filepath.Join(home, "Downloads")
		os.Mkdir(dir, 0o700)
		writeFiles(t, dir, "ma.csv")
		var got string
		pickFileAsync(w, []string{".csv"}, func(path string) { got = path })
		path := overlayEntry(t, w)
		if want := filepath.Join(home, "Documents") + string(filepath.Separator); path.Text != want {
			t.Errorf("the field starts with %q, want %q", path.Text, want)
		}
		path.SetText("~/Downloads/ma.csv")
		pressEnter(path)
		if want := filepath.Join(dir, "ma.csv"); got != want {
			t.Errorf("opened %q, want %q", got, want)
		}
		if w.Canvas().Overlays().Top() != nil {
			t.Error("the dialog is still shown")
		}
		if r := prefs.recentFolders(); len(r) == 0 || r[0] != dir {
			t.Errorf("recent folders %q", r)
		}
	})
	t.Run("says a typed file is not there, and opens nothing", func(t *testing.T) {
		w, prefs, home := fileDialogWindow(t)
		opened := false
		p := showFilePicker(w, prefs, fileRequest{title: "Open", exts: []string{".csv"}}, func(path string) { opened = path != "" })
		p.path.SetText(filepath.Join(home, "Documents", "nh.csv"))
		pressEnter(p.path)
		if opened || !p.problem.Visible() || p.problem.Text != "There is no file nh.csv in ~/Documents." {
			t.Errorf("opened %v, says %q (shown %v)", opened, p.problem.Text, p.problem.Visible())
		}
		writeFiles(t, filepath.Join(home, "Documents"), "notes.pdf")
		p.path.SetText("notes.pdf") // relative to the folder listed
		pressEnter(p.path)
		if opened || p.problem.Text != "notes.pdf is not a CSV file (.csv)." {
			t.Errorf("opened %v, says %q", opened, p.problem.Text)
		}
	})
	t.Run("lists the recent folders first, and a folder's files newest first", func(t *testing.T) {
		w, prefs, home := fileDialogWindow(t)
		dir := filepath.Join(home, "sign-ups")
		os.Mkdir(dir, 0o700)
		os.Mkdir(filepath.Join(dir, "older"), 0o700)
		writeFiles(t, dir, "march.csv", "notes.pdf", "april.CSV", "may.csv")
		prefs.addRecentFolder(dir)
		var got string
		p := showFilePicker(w, prefs, fileRequest{title: "Open", exts: []string{".csv"}, folder: startFolder(prefs, false)},
			func(path string) { got = path })
		var places []string
		for _, pl := range p.placeList {
			places = append(places, pl.label)
		}
		if want := []string{"sign-ups — ~", "Documents", "Home"}; !slices.Equal(places, want) {
			t.Errorf("folders %q, want %q", places, want)
		}
		p.places.Select(1)
		if p.dir != filepath.Join(home, "Documents") {
			t.Errorf("lists %q", p.dir)
		}
		p.places.Select(0)
		var names []string
		for _, e := range p.listing {
			names = append(names, e.name)
		}
		if want := []string{"..", "may.csv", "april.CSV", "march.csv", "older"}; !slices.Equal(names, want) {
			t.Errorf("lists %q, want %q", names, want)
		}
		if want := "~/sign-ups: 3 CSV files, newest first"; p.heading.Text != want {
			t.Errorf("heading %q, want %q", p.heading.Text, want)
		}
		p.files.Select(2)
		if want := filepath.Join(dir, "april.CSV"); p.path.Text != want {
			t.Errorf("the field holds %q, want %q", p.path.Text, want)
		}
		test.Tap(p.ok)
		if want := filepath.Join(dir, "april.CSV"); got != want {
			t.Errorf("opened %q, want %q", got, want)
		}
	})
	t.Run("goes into a folder and back up", func(t *testing.T) {
		w, prefs, home := fileDialogWindow(t)
		p := showFilePicker(w, prefs, fileRequest{title: "Open", exts: []string{".csv"}}, func(string) {})
		os.Mkdir(filepath.Join(home, "Documents", "chapter"), 0o700)
		p.showFolder(filepath.Join(home, "Documents"))
		i := slices.IndexFunc(p.listing, func(e fileEntry) bool { return e.name == "chapter" })
		p.files.Select(i)
		if want := filepath.Join(home, "Documents", "chapter"); p.dir != want || p.path.Text != want+string(filepath.Separator) {
			t.Errorf("lists %q, the field holds %q", p.dir, p.path.Text)
		}
		p.files.Select(0) // up
		if want := filepath.Join(home, "Documents"); p.dir != want {
			t.Errorf("lists %q, want %q", p.dir, want)
		}
	})
	t.Run("a save suggests the name in Documents and adds the extension", func(t *testing.T) {
		w, _, home := fileDialogWindow(t)
		var got string
		pickSaveFileAsync(w, "leaflet-es-trifold-letter.pdf", ".pdf", func(path string) { got = path })
		path := overlayEntry(t, w)
		if want := filepath.Join(home, "Documents", "leaflet-es-trifold-letter.pdf"); path.Text != want {
			t.Errorf("the field holds %q, want %q", path.Text, want)
		}
		path.SetText(filepath.Join(home, "Documents", "for the fair"))
		pressEnter(path)
		if want := filepath.Join(home, "Documents", "for the fair.pdf"); got != want {
			t.Errorf("saves to %q, want %q", got, want)
		}
		if _, err := os.Stat(got); err == nil {
			t.Error("the dialog wrote the file; the job writes it whole")
		}
	})
	t.Run("a save asks before replacing a file", func(t *testing.T) {
		w, _, home := fileDialogWindow(t)
		docs := filepath.Join(home, "Documents")
		writeFiles(t, docs, "call-sheets.pdf")
		var got string
		pickSaveFileAsync(w, "call-sheets.pdf", ".pdf", func(path string) { got = path })
		pressEnter(overlayEntry(t, w))
		if got != "" {
			t.Fatalf("replaced %q without asking", got)
		}
		test.Tap(overlayButton(t, w, "Yes"))
		if want := filepath.Join(docs, "call-sheets.pdf"); got != want {
			t.Errorf("saves to %q, want %q", got, want)
		}
	})
	t.Run("a save refuses a folder that is not there", func(t *testing.T) {
		w, prefs, home := fileDialogWindow(t)
		saved := false
		p := showFilePicker(w, prefs, fileRequest{save: true, title: "Save", exts: []string{".xlsx"}, name: "coalition-2026-11.xlsx"},
			func(path string) { saved = path != "" })
		p.path.SetText(filepath.Join(home, "Desktop", "coalition-2026-11.xlsx"))
		pressEnter(p.path)
		if saved || !strings.HasPrefix(p.problem.Text, "There is no folder ~/Desktop") {
			t.Errorf("saved %v, says %q", saved, p.problem.Text)
		}
	})
	t.Run("Cancel hands back nothing", func(t *testing.T) {
		w, _, _ := fileDialogWindow(t)
		cancelled := false
		pickSaveFileInAsync(w, "", "x.csv", ".csv", func(string) { t.Error("a file was chosen") }, func() { cancelled = true })
		test.Tap(overlayButton(t, w, "Cancel"))
		if !cancelled {
			t.Error("cancelled was not told")
		}
	})
}

// fakeChooser stands for the desktop's file chooser.
type fakeChooser struct {
	path  string
	err   error
	panic bool
	asked []fileRequest
}

func (f *fakeChooser) choose(_ context.Context, _ string, r fileRequest) (string, error) {
	f.asked = append(f.asked, r)
	if f.panic {
		panic("unexpected reply")
	}
	return f.path, f.err
}

// TestSystemFileChooser: the desktop's chooser is asked first; ChapterDesk's own
// dialog shows only when it does not answer.
func TestSystemFileChooser(t *testing.T) {
	defer func(old systemChooser) { systemFiles = old }(systemFiles)
	t.Run("takes the file the system chooser gives, and remembers its folder", func(t *testing.T) {
		w, prefs, home := fileDialogWindow(t)
		want := filepath.Join(home, "Downloads", "ma.csv")
		fake := &fakeChooser{path: want}
		systemFiles = fake
		var got string
		pickFileAsync(w, []string{".csv", ".txt"}, func(path string) { got = path })
		if got != want || w.Canvas().Overlays().Top() != nil {
			t.Errorf("opened %q (want %q); a dialog of ours shown: %v", got, want, w.Canvas().Overlays().Top() != nil)
		}
		if r := fake.asked[0]; r.save || r.title != "Open a CSV file" || r.folder != filepath.Join(home, "Documents") || !slices.Equal(r.exts, []string{".csv", ".txt"}) {
			t.Errorf("asked %+v", r)
		}
		if r := prefs.recentFolders(); len(r) == 0 || r[0] != filepath.Dir(want) {
			t.Errorf("recent folders %q", r)
		}
	})
	t.Run("a save through it gets the extension and the name suggested", func(t *testing.T) {
		w, _, home := fileDialogWindow(t)
		fake := &fakeChooser{path: filepath.Join(home, "Documents", "leaflet")}
		systemFiles = fake
		var got string
		pickSaveFileAsync(w, "leaflet-es-trifold-letter.pdf", ".pdf", func(path string) { got = path })
		if got != fake.path+".pdf" || fake.asked[0].name != "leaflet-es-trifold-letter.pdf" || !fake.asked[0].save {
			t.Errorf("saved to %q, asked %+v", got, fake.asked)
		}
	})
	t.Run("cancelled in the system chooser, nothing happens", func(t *testing.T) {
		w, _, _ := fileDialogWindow(t)
		systemFiles = &fakeChooser{}
		cancelled := false
		pickSaveFileInAsync(w, "", "x.csv", ".csv", func(string) { t.Error("a file was chosen") }, func() { cancelled = true })
		if !cancelled || w.Canvas().Overlays().Top() != nil {
			t.Errorf("cancelled told %v; a dialog shown %v", cancelled, w.Canvas().Overlays().Top() != nil)
		}
	})
	for name, fake := range map[string]*fakeChooser{
		"no portal answers":        {err: errNoSystemChooser},
		"the portal fails":         {err: os.ErrDeadlineExceeded},
		"the portal answers oddly": {panic: true},
	} {
		t.Run("shows ChapterDesk's own dialog when "+name, func(t *testing.T) {
			w, _, _ := fileDialogWindow(t)
			systemFiles = fake
			pickFileAsync(w, []string{".csv"}, func(string) { t.Error("a file was chosen") })
			overlayEntry(t, w)
		})
	}
}

// The dialogs' titles take the article their kind of file needs: the workbook's
// save dialog said "Save as a Excel workbook" (the first-day walk).
func TestFileDialogTitles(t *testing.T) {
	for ext, want := range map[string]string{".xlsx": "an Excel workbook", ".csv": "a CSV file", ".db": "a ChapterDesk data file", ".json": "a campaign file",
		".txt": "a text file"} { // an import report; .txt is among the files imported as CSV, but never first
		if got := withArticle(kindOfFile(ext)); got != want {
			t.Errorf("%s: %q, want %q", ext, got, want)
		}
	}
}
