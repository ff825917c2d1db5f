package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// bundledFiles records the imports asked of DataFiles.
type bundledFiles struct {
	DataFiles
	requests []ImportRequest
}

func (f *bundledFiles) Import(_ context.Context, req ImportRequest, _ func(done, total int64)) (ImportResult, error) {
	f.requests = append(f.requests, req)
	return ImportResult{Summary: db.ImportSummary{Created: 415, Notes: []string{
		"Rep. Juana Matías, the sponsor of H.3269, is not a legislator in office here (no legislator in office by that name)"}}}, nil
}

// TestWelcomeLoadsBundledLegislators: Start my chapter with a state loads that
// state's legislators that came with ChapterDesk, and says so.
func TestWelcomeLoadsBundledLegislators(t *testing.T) {
	a := test.NewTempApp(t)
	s := dbtest.Open(t)
	w := a.NewWindow("")
	defer w.Close()
	files := &bundledFiles{}
	ws := newWelcomeScreen(w, s, files, func() {}, nil, nil, nil)
	w.SetContent(ws.content)
	ws.name.SetText("Concord Chapter")
	ws.state.SetText("nh")
	wait(t, ws.startAsync())
	if len(files.requests) != 1 {
		t.Fatalf("imports asked: %+v", files.requests)
	}
	if r := files.requests[0]; r.Kind != "legislators" || !r.Bundled || r.State != "NH" || r.DryRun || r.Path != "" {
		t.Errorf("import asked: %+v", r)
	}
	if !ws.steps.Visible() || !ws.loaded.Visible() || !strings.Contains(ws.loaded.Text, "415 legislators") ||
		!strings.Contains(ws.loaded.Text, "A newer list: Legislators › Update legislators…\n") ||
		!strings.Contains(ws.loaded.Text, "\nRep. Juana Matías, the sponsor of H.3269, is not a legislator in office here") {
		t.Errorf("steps shown %v, loaded %v %q", ws.steps.Visible(), ws.loaded.Visible(), ws.loaded.Text)
	}

	// A state ChapterDesk has no legislators of (DC) asks for nothing: a file it is.
	files.requests = nil
	ws.state.SetText("DC")
	wait(t, ws.startAsync())
	if len(files.requests) != 0 || ws.loaded.Visible() || !ws.steps.Visible() {
		t.Errorf("DC: imports %+v, loaded shown %v", files.requests, ws.loaded.Visible())
	}
}

// TestWelcomeOffersTheChapterServer: a lead whose chapter shares a server finds the
// way to it on the first screen, not only in Settings (tester t9: the greeting offered
// the demo, a chapter of their own or a file, and a coalition's lead would start a
// second, unshared chapter). Without servers (no ChapterServers) it is not offered.
func TestWelcomeOffersTheChapterServer(t *testing.T) {
	a := test.NewTempApp(t)
	s := dbtest.Open(t)
	w := a.NewWindow("")
	defer w.Close()
	asked := 0
	ws := newWelcomeScreen(w, s, &serversOn{DataFiles: &bundledFiles{}}, func() {}, nil, nil, func() { asked++ })
	w.SetContent(ws.content)
	if ws.connect == nil {
		t.Fatal("no Connect to a chapter server on the welcome screen")
	}
	test.Tap(ws.connect)
	if asked != 1 {
		t.Errorf("the dialog was asked for %d times", asked)
	}
	if ws := newWelcomeScreen(w, s, &bundledFiles{}, func() {}, nil, nil, func() { asked++ }); ws.connect != nil {
		t.Error("a server offered with no servers to connect to")
	}
}
