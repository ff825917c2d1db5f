package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// onTop is what the topmost dialog shows: its labels' text, one a line, and its
// buttons by label (the first, top down, of a label shown more than once).
func onTop(t *testing.T, w fyne.Window) (string, map[string]*widget.Button) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is open")
	}
	var lines []string
	buttons := map[string]*widget.Button{}
	for _, o := range test.LaidOutObjects(top) {
		switch o := o.(type) {
		case *widget.Label:
			if o.Visible() && o.Text != "" {
				lines = append(lines, o.Text)
			}
		case *widget.Button:
			if buttons[o.Text] == nil { // the first of a label, as laid out
				buttons[o.Text] = o
			}
		}
	}
	return strings.Join(lines, "\n"), buttons
}

func TestPresetsDialog(t *testing.T) {
	ctx := context.Background()
	test.NewTempApp(t)
	s := dbtest.Open(t)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1100, 720))
	defer w.Close()

	showPresetsAsync(w, s)
	if said, _ := onTop(t, w); !strings.Contains(said, "No saved column mappings.") {
		t.Errorf("with none saved, the dialog says:\n%s", said)
	}
	w.Canvas().Overlays().Top().Hide()
	w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())

	for _, p := range []db.ImportPreset{
		{Name: "Spring sign-up sheet", Kind: "volunteers", Header: []string{"Given", "Surname", "E-mail", "Cell", "Town"},
			Columns: map[string]string{"first_name": "Given", "last_name": "Surname", "email": "E-mail"}},
		{Name: "Phone bank form", Kind: "calls", Header: []string{"When", "Who", "Rep"},
			Columns: map[string]string{"called_at": "When", "caller_name": "Who", "legislator": "Rep"}},
	} {
		if err := s.SaveImportPreset(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	showPresetsAsync(w, s)
	said, buttons := onTop(t, w)
	for _, want := range []string{"Spring sign-up sheet", "Volunteers files with 5 columns: Email from “E-mail”, First name from “Given”, Last name from “Surname”.",
		"Phone bank form", "Call reports files with 3 columns:"} {
		if !strings.Contains(said, want) {
			t.Errorf("the dialog does not say %q; it says:\n%s", want, said)
		}
	}
	if buttons["Forget"] == nil {
		t.Fatalf("no Forget button: %v", buttons)
	}

	t.Run("Forget, once confirmed, deletes the mapping", func(t *testing.T) {
		test.Tap(buttons["Forget"]) // the first: "Phone bank form", by name
		_, confirm := onTop(t, w)
		test.Tap(confirm["Yes"])
		left, err := s.ImportPresets(ctx)
		if err != nil || len(left) != 1 || left[0].Name != "Spring sign-up sheet" {
			t.Fatalf("left %+v, %v", left, err)
		}
		if said, _ := onTop(t, w); strings.Contains(said, "Phone bank form") || !strings.Contains(said, "Spring sign-up sheet") {
			t.Errorf("after forgetting, the dialog says:\n%s", said)
		}
	})
}
