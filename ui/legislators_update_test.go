package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// updateFiles answers the imports of Update legislators and records them.
type updateFiles struct {
	DataFiles
	requests []ImportRequest
	undone   []int64
}

func (f *updateFiles) Import(_ context.Context, req ImportRequest, _ func(done, total int64)) (ImportResult, error) {
	f.requests = append(f.requests, req)
	sum := db.ImportSummary{Created: 415}
	if req.RetireMissing {
		sum.Retired = 160
	}
	if !req.DryRun {
		sum.BatchID = 7
	}
	return ImportResult{Summary: sum}, nil
}

func (f *updateFiles) UndoImport(_ context.Context, batch int64) (string, error) {
	f.undone = append(f.undone, batch)
	return "import 7 undone", nil
}

// TestLegislatorsUpdate: Update legislators says where the state's current Open
// States file is published, and loads the bundled legislators once the lead has seen
// what they would change; the load can be undone.
func TestLegislatorsUpdate(t *testing.T) {
	a := test.NewTempApp(t)
	t.Cleanup(RunWorkInline())
	s := dbtest.Open(t)
	w := a.NewWindow("legislators")
	w.Resize(fyne.NewSize(1200, 800))
	defer w.Close()
	files := &updateFiles{}
	l := newLegislatorsScreen(w, s, files)
	w.SetContent(l.content)
	wait(t, l.refreshAsync())
	if !strings.Contains(l.empty.Text, "Update legislators") {
		t.Errorf("empty legislature says %q", l.empty.Text)
	}

	l.update.show("NH")
	text, buttons := onTop(t, w)
	var link string
	for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
		if h, ok := o.(*widget.Hyperlink); ok {
			link = h.URL.String()
		}
	}
	if link != "https://data.openstates.org/people/current/nh.csv" || !strings.Contains(text, "Open States publishes") {
		t.Errorf("link %q, text:\n%s", link, text)
	}
	load := buttons["Load the legislators that came with ChapterDesk (data of "+assets.LegislatorsDate()+")"]
	if load == nil || buttons["Choose the downloaded file…"] == nil {
		t.Fatalf("buttons: %v", buttons)
	}
	test.Tap(load)
	if len(files.requests) != 1 || !files.requests[0].DryRun || !files.requests[0].Bundled || files.requests[0].State != "NH" ||
		!files.requests[0].RetireMissing {
		t.Fatalf("first it works out what would change, the legislators it would retire counted: %+v", files.requests)
	}
	text, buttons = onTop(t, w)
	if !strings.Contains(text, "415 new") || buttons["Load them"] == nil {
		t.Fatalf("asks:\n%s\n%v", text, buttons)
	}
	// The box says how many it would take out of office (the demo's typed-in
	// legislators all: the whip count would be left empty).
	var box string
	for _, o := range test.LaidOutObjects(w.Canvas().Overlays().Top()) {
		if c, ok := o.(*widget.Check); ok {
			box = c.Text
		}
	}
	if box != "Mark the 160 legislators in office here that this list does not have as out of office" ||
		!strings.Contains(text, "leave the whip count") {
		t.Errorf("the retire box does not say how many: %q\n%s", box, text)
	}
	test.Tap(buttons["Load them"])
	wait(t, l.update.bundledDone)
	if len(files.requests) != 2 || files.requests[1].DryRun || files.requests[1].RetireMissing || !files.requests[1].Bundled {
		t.Fatalf("then imports: %+v", files.requests)
	}
	text, buttons = onTop(t, w)
	if !strings.Contains(text, "Import 7: 415 new") || buttons["Undo this import"] == nil {
		t.Fatalf("says:\n%s\n%v", text, buttons)
	}
	test.Tap(buttons["Undo this import"])
	if len(files.undone) != 1 || files.undone[0] != 7 {
		t.Errorf("undone: %v", files.undone)
	}

	// A chapter with no state yet is told to give one.
	l.update.show("")
	_, buttons = onTop(t, w)
	test.Tap(buttons["Load the legislators that came with ChapterDesk (data of "+assets.LegislatorsDate()+")"])
	if text, _ := onTop(t, w); len(files.requests) != 2 || !strings.Contains(text, "state in Settings") {
		t.Errorf("no state: %d imports, says\n%s", len(files.requests), text)
	}
}
