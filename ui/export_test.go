package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/stream"
)

// fakeFiles records the verbs the screens run.
type fakeFiles struct {
	DataFiles
	verbs [][]string
	fail  error
}

func (f *fakeFiles) RunVerb(_ context.Context, args ...string) (string, error) {
	f.verbs = append(f.verbs, args)
	return "wrote it", f.fail
}

func TestExportScreen(t *testing.T) {
	test.NewTempApp(t)
	s := dbtest.Open(t)
	camp := dbtest.Campaign(t, s)
	dbtest.Volunteer(t, s, "Ana", "Souza", func(v *db.Volunteer) { v.Tags = []string{"phonebank"} })
	w := test.NewWindow(nil)
	defer w.Close()
	files := &fakeFiles{}
	e := newExportScreen(w, s, files, nil)
	w.SetContent(e.content)
	wait(t, e.refreshAsync())

	t.Run("offers the campaign's languages and the roster's tags", func(t *testing.T) {
		if len(e.lang.Options) == 0 || e.lang.Selected == "" {
			t.Errorf("languages %q", e.lang.Options)
		}
		if !slices.Contains(e.callers.Options, "Tagged phonebank") {
			t.Errorf("who %q", e.callers.Options)
		}
	})
	t.Run("a leaflet runs the leaflet verb with the chosen layout, paper and language", func(t *testing.T) {
		e.layout.SetSelected("Tri-fold")
		e.paper.SetSelected("A4")
		wait(t, e.runAsync("Printing", func(ctx context.Context) (string, error) {
			return files.RunVerb(ctx, e.leafletArgs("/tmp/x.pdf")...)
		}, ""))
		got := strings.Join(files.verbs[len(files.verbs)-1], " ")
		want := "leaflet /tmp/x.pdf --layout trifold --paper a4 --lang " + e.langCodes[0]
		if !strings.HasPrefix(got, want) || !strings.HasSuffix(got, fmt.Sprintf("--campaign %d", camp)) {
			t.Errorf("ran %q", got)
		}
	})
	t.Run("call sheets run the callsheets verb with the chosen language, like the CLI's --lang", func(t *testing.T) {
		if !slices.Equal(e.sheetLang.Options, e.lang.Options) || e.sheetLang.Selected == "" {
			t.Fatalf("call sheet languages %q, leaflet's %q", e.sheetLang.Options, e.lang.Options)
		}
		es := slices.Index(e.langCodes, "es")
		if es < 0 {
			t.Fatalf("the test campaign has no Spanish: %q", e.langCodes)
		}
		e.sheetLang.SetSelectedIndex(es)
		wait(t, e.runAsync("Printing", func(ctx context.Context) (string, error) {
			return files.RunVerb(ctx, e.callSheetArgs("/tmp/s.pdf")...)
		}, ""))
		got := strings.Join(files.verbs[len(files.verbs)-1], " ")
		if !strings.HasPrefix(got, "callsheets /tmp/s.pdf --paper letter --lang es") {
			t.Errorf("ran %q", got)
		}
		if e.lang.Selected == e.sheetLang.Selected {
			t.Errorf("the leaflet's language followed the call sheets' (%q)", e.lang.Selected)
		}
	})
	t.Run("a failure is shown, not swallowed", func(t *testing.T) {
		files.fail = errors.New("the disk is full")
		wait(t, e.runAsync("Printing", func(ctx context.Context) (string, error) { return files.RunVerb(ctx, "x") }, "/tmp/y.pdf"))
		files.fail = nil
		if len(w.Canvas().Overlays().List()) == 0 {
			t.Error("no message shown")
		}
	})
}

func TestExportProgress(t *testing.T) {
	test.NewTempApp(t)
	s := dbtest.Open(t)
	w := test.NewWindow(nil)
	defer w.Close()
	e := newExportScreen(w, s, &fakeFiles{}, nil)
	w.SetContent(e.content)
	var seen []float64
	wait(t, e.runAsync("Writing the workbook", func(ctx context.Context) (string, error) {
		p := stream.ProgressFrom(ctx)
		if p == nil {
			return "", errors.New("the work was given no progress")
		}
		if e.progress.Visible() {
			return "", errors.New("the bar shows before the work reports")
		}
		for _, n := range []int64{25, 50, 100} {
			p(n, 100)
			seen = append(seen, e.progress.Value)
		}
		return "wrote it", nil
	}, ""))
	if !slices.Equal(seen, []float64{0.25, 0.5, 1}) {
		t.Errorf("the bar showed %v, want 0.25, 0.5, 1", seen)
	}
	if !e.progress.Visible() {
		t.Error("the bar was never shown")
	}
}

// "Open file" where no program opens it says where the file is and offers to copy
// the path, not that something went wrong and nothing was saved (issue 15).
func TestOpenSavedFileWithoutOpener(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("export")
	defer w.Close()
	old := openURL
	openURL = func(*url.URL) error { return errors.New(`exec: "xdg-open": executable file not found in $PATH`) }
	defer func() { openURL = old }()
	path := filepath.Join(t.TempDir(), "callsheets.pdf")
	(&exportScreen{w: w}).showDone(path, "wrote 12 pages")
	open := findButton(w.Canvas().Overlays().Top(), "Open file")
	if open == nil {
		t.Fatal("no Open file button")
	}
	test.Tap(open)
	var said strings.Builder
	for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
		switch o := o.(type) {
		case *widget.Label:
			said.WriteString(o.Text + "\n")
		case *widget.Entry:
			said.WriteString(o.Text + "\n")
		}
	}
	if strings.Contains(said.String(), "not saved") || !strings.Contains(said.String(), "saved") ||
		!strings.Contains(said.String(), path) {
		t.Errorf("the notice says %q", said.String())
	}
	copyPath := findButton(w.Canvas().Overlays().Top(), "Copy the path")
	if copyPath == nil {
		t.Fatal("no Copy the path button")
	}
	test.Tap(copyPath)
	if got := a.Clipboard().Content(); got != path {
		t.Errorf("clipboard %q, want %q", got, path)
	}
}

// Call sheets default to the phone bank's volunteers, and a run of more than
// confirmSheets sheets says how many pages before asking where to save (issue 15).
func TestCallSheetsCountBeforePrinting(t *testing.T) {
	test.NewTempApp(t)
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	dbtest.Volunteer(t, s, "Ana", "Souza", func(v *db.Volunteer) { v.Tags = []string{"phonebank"} })
	for _, n := range []string{"Bia", "Caio", "Duda", "Enzo"} {
		dbtest.Volunteer(t, s, n, "Lima", nil)
	}
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1000, 800))
	e := newExportScreen(w, s, &fakeFiles{}, nil)
	w.SetContent(e.content)
	wait(t, e.refreshAsync())
	if e.callers.Selected != "Tagged phonebank" {
		t.Errorf("call sheets for %q by default, want the phone bank", e.callers.Selected)
	}
	old := confirmSheets
	confirmSheets = 3
	defer func() { confirmSheets = old }()

	said := func() string {
		var b strings.Builder
		for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
			if l, ok := o.(*widget.Label); ok {
				b.WriteString(l.Text + "\n")
			}
		}
		return b.String()
	}
	wait(t, e.saveCallSheetsAsync())
	if strings.Contains(said(), "call sheets,") {
		t.Errorf("one sheet asked first: %q", said())
	}
	w.Canvas().Overlays().Top().Hide()
	w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())

	e.callers.SetSelected(allPeople)
	wait(t, e.saveCallSheetsAsync())
	if !strings.Contains(said(), "5 call sheets, one per volunteer who may be called, in one PDF of at least 5 pages") {
		t.Errorf("the whole roster printed without saying how many pages: %q", said())
	}
	// The button makes the PDF; it printed nothing ("Print 5 pages" said it would).
	if b := findButton(w.Canvas().Overlays().Top(), "Make 5 call sheets"); b == nil {
		t.Error("no Make 5 call sheets button")
	}
	if got := strings.Join(e.callSheetArgs("/tmp/s.pdf"), " "); !strings.Contains(got, "--yes") {
		t.Errorf("the verb, after the question, is %q", got)
	}
}

// TestDefaultFileNames: the save dialog offers a name that says what the file is.
func TestDefaultFileNames(t *testing.T) {
	day := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	for got, want := range map[string]string{
		leafletFileName([]string{"leaflet", "", "--layout", "trifold", "--paper", "letter", "--lang", "es"}): "leaflet-es-trifold-letter.pdf",
		callSheetsFileName([]string{"callsheets", "", "--paper", "a4", "--lang", "en"}, day):                 "call-sheets-2026-12-04.pdf",
		callSheetsFileName([]string{"callsheets", "", "--lang", "pt"}, day):                                  "call-sheets-2026-12-04-pt.pdf",
		workbookFileName("2026-11-01", "2026-11-30"):                                                         "coalition-2026-11.xlsx",
		workbookFileName("2026-10-20", "2026-11-20"):                                                         "coalition-2026-10-20-to-2026-11-20.xlsx",
	} {
		if got != want {
			t.Errorf("%q, want %q", got, want)
		}
	}
}
