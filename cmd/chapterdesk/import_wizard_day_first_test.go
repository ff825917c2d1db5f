package main

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/ui"
)

// The window's call import reads a form day first when the lead says so, as
// --day-first does. It could only read month first: a form written day first lost
// the rows that read only day first, filed the others months off, and the way out
// it named was a command line.

const (
	// dayFirstOnly: a form whose times can only be read day first (13 November).
	dayFirstOnly = "Timestamp,Your name,Your email,Legislator called,What happened?,Notes\n" +
		"13/11/2026 14:05:00,Ana Torres,ana@example.org,Rep. Tom Walsh,Left a voicemail,first\n" +
		"02/11/2026 09:30:00,Ana Torres,ana@example.org,Rep. Tom Walsh,Left a voicemail,second\n"
	// eitherWay: an English form whose one time reads either way (11 February or
	// 2 November).
	eitherWay = "Timestamp,Your name,Your email,Legislator called,What happened?,Notes\n" +
		"02/11/2026 14:05:00,Ana Torres,ana@example.org,Rep. Tom Walsh,Left a voicemail,first\n"
)

// walshWizard is a wizard window on a chapter with a campaign and Rep. Tom Walsh,
// showing the file step of file (a call form).
func walshWizard(t *testing.T, name, text string) (fyne.Window, *dataFiles, string) {
	t.Helper()
	w, f := wizardWindow(t)
	dbtest.Campaign(t, f.s)
	dbtest.Legislator(t, f.s, db.ChamberLower, "12th Essex", "Tom Walsh")
	file := writeFile(t, name, text)
	ui.ShowImportWizard(w, f, "calls", file, nil)
	return w, f, file
}

// dayFirstBox is the wizard's day-first tick box, on its file step.
func dayFirstBox(t *testing.T, w fyne.Window) *widget.Check {
	t.Helper()
	return find(t, w, "day-first tick box", func(c *widget.Check) bool { return c.Text == ui.DayFirstChoice })
}

// calledOn lists the days of the data file's call reports, oldest first ("2 November 2026").
func calledOn(t *testing.T, f *dataFiles) string {
	t.Helper()
	rows, err := f.s.ListCallReports(context.Background(), db.CallFilter{}, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(rows, func(a, b db.CallRow) int { return a.CalledAt.Compare(b.CalledAt) })
	var days []string
	for _, r := range rows {
		days = append(days, r.CalledAt.UTC().Format("2 January 2006"))
	}
	return strings.Join(days, ", ")
}

func TestImportWizardReadsDatesDayFirst(t *testing.T) {
	t.Run("a form whose times read only day first opens with the choice ticked, and is imported so", func(t *testing.T) {
		w, f, _ := walshWizard(t, "day-first.csv", dayFirstOnly)
		if box := dayFirstBox(t, w); !box.Checked {
			t.Fatalf("%q is not ticked for a file written 13/11/2026; the wizard says:\n%s", ui.DayFirstChoice, texts(t, w))
		}
		mustSee(t, w, "Ticked: the dates of the file's first rows can only be read day first")
		tap(t, w, "Preview")
		tap(t, w, "Import")
		if got := calledOn(t, f); got != "2 November 2026, 13 November 2026" {
			t.Errorf("filed on %s, want 2 and 13 November 2026", got)
		}
	})
	t.Run("a form that reads either way is read month first unless ticked", func(t *testing.T) {
		w, f, _ := walshWizard(t, "either.csv", eitherWay)
		box := dayFirstBox(t, w)
		if box.Checked {
			t.Fatal("ticked for a file whose times read either way")
		}
		test.Tap(box)
		tap(t, w, "Preview")
		tap(t, w, "Import")
		if got := calledOn(t, f); got != "2 November 2026" {
			t.Errorf("ticked, filed on %s, want 2 November 2026", got)
		}
	})
	t.Run("read month first, the rows written day first name the tick box, not a command", func(t *testing.T) {
		w, _, _ := walshWizard(t, "day-first.csv", dayFirstOnly)
		test.Tap(dayFirstBox(t, w)) // the lead unticks it
		tap(t, w, "Preview")
		got := texts(t, w)
		if !strings.Contains(got, "this file writes its days first (line 2: \"13/11/2026 14:05:00\")") ||
			!strings.Contains(got, "import it with “"+ui.DayFirstChoice+"” ticked") || strings.Contains(got, "--day-first") {
			t.Errorf("the preview does not name the tick box, or names the flag:\n%s", got)
		}
	})
	t.Run("a Spanish form's timestamp is said beside the choice, which stays unticked", func(t *testing.T) {
		w, _, _ := walshWizard(t, "respuestas.csv", strings.Replace(eitherWay, "Timestamp", "Marca temporal", 1))
		if dayFirstBox(t, w).Checked {
			t.Error("ticked on the column's language alone")
		}
		mustSee(t, w, "“Marca temporal” is a form's timestamp in Spanish or Portuguese")
		tap(t, w, "Preview")
		got := texts(t, w)
		if !strings.Contains(got, "with “"+ui.DayFirstChoice+"” ticked") || strings.Contains(got, "--day-first") {
			t.Errorf("the preview's check does not name the tick box, or names the flag:\n%s", got)
		}
	})
}
