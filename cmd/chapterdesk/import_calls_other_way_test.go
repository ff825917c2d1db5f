package main

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
	"github.com/chapterdesk/chapterdesk/ui"
)

// otherWayForm is a Spanish Google Form's export whose first time reads either way:
// 11 February month first, 2 November day first; the second reads one way.
const otherWayForm = "Marca temporal,Nombre,Correo,Legislador,¿Qué pasó?,Comentarios\n" +
	"02/11/2026 14:05:00,Ana Torres,ana@example.org,Rep. Tom Walsh,Left a voicemail,first\n" +
	"03/03/2026 09:30:00,Ana Torres,ana@example.org,Rep. Tom Walsh,Left a voicemail,second\n"

// TestImportCallsDayFirstAfterMonthFirst (tester s42): a form imported month first,
// then again with --day-first without undoing the first import, filed every call
// read either way twice, in February and in November. The second import is
// refused, nothing written, naming the first import and the exact command that
// takes it back; the same reading again is unchanged, as before.
func TestImportCallsDayFirstAfterMonthFirst(t *testing.T) {
	path := walshChapter(t)
	file := writeFile(t, "respuestas.csv", otherWayForm)
	if code, out, errOut := chapterdesk(t, "import", "calls", file, "--db", path); code != 0 {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
	t.Run("the same reading again is unchanged", func(t *testing.T) {
		code, out, errOut := chapterdesk(t, "import", "calls", file, "--db", path)
		if code != 0 || !strings.Contains(out, "0 created, 0 updated, 2 unchanged") {
			t.Errorf("exit %d:\n%s%s", code, out, errOut)
		}
	})
	t.Run("read day first, it is refused, naming the way out", func(t *testing.T) {
		code, out, errOut := chapterdesk(t, "import", "calls", file, "--db", path, "--day-first")
		for _, want := range []string{
			"1 row of this file is a call import 1 (respuestas.csv, ",
			"filed at another reading of its date: line 2's time, read day first 2 November 2026, 2:05 PM, is 11 February 2026, 2:05 PM read month first, the time that call was filed at",
			"nothing was imported",
			"If the file writes the day first, take the earlier import back first (chapterdesk import undo 1 --db " + path + "), then import it again with --day-first",
			"if it writes the month first, its calls are in already (import it without --day-first); if line 2 is another call than the one filed on 11 February 2026, 2:05 PM (the same legislator and outcome), --add-similar imports the file as it reads now",
		} {
			if code == 0 || !strings.Contains(errOut, want) {
				t.Errorf("exit %d, no %q in:\n%s%s", code, want, out, errOut)
			}
		}
		if n := callReports(t, path); n != 2 {
			t.Errorf("%d reports, want the first import's 2", n)
		}
	})
	t.Run("the first import undone, the day-first reading goes in", func(t *testing.T) {
		if code, out, errOut := chapterdesk(t, "import", "undo", "1", "--db", path); code != 0 {
			t.Fatalf("exit %d:\n%s%s", code, out, errOut)
		}
		if code, out, errOut := chapterdesk(t, "import", "calls", file, "--db", path, "--day-first"); code != 0 || !strings.Contains(out, "2 created") {
			t.Errorf("exit %d:\n%s%s", code, out, errOut)
		}
		if n := callReports(t, path); n != 2 {
			t.Errorf("%d reports, want 2", n)
		}
	})
}

// TestImportCallsOtherWayNamesTheReadingUsed (tester t8, repro-3): a French Google
// Form's "02/03/2026 10:00" was filed month first, 3 February; a Microsoft Forms
// file of the same caller's "3/2/26 10:00", read month first too (2 March, 3
// February day first), was refused saying import 1 "filed read day first", a reading
// no import used: the two files write their dates in two orders. The refusal says
// what is known: this file's reading, and the time the stored call was filed at.
func TestImportCallsOtherWayNamesTheReadingUsed(t *testing.T) {
	path := walshChapter(t)
	fr := writeFile(t, "horodateur.csv", "Horodateur,Your name,Your email,Legislator called,What happened?\n"+
		"02/03/2026 10:00:00,Luc Roy,luc@example.org,Rep. Tom Walsh,Left a voicemail\n")
	if code, out, errOut := chapterdesk(t, "import", "calls", fr, "--db", path); code != 0 {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
	ms := writeFile(t, "ms.csv", "ID,Start time,Completion time,Email,Name,Your name,Your email,Legislator called,What happened?\n"+
		"1,3/2/26 9:55:00,3/2/26 10:00:00,anonymous,,Luc Roy,luc@example.org,Rep. Tom Walsh,Left a voicemail\n")
	code, out, errOut := chapterdesk(t, "import", "calls", ms, "--db", path)
	want := "1 row of this file is a call import 1 (horodateur.csv, "
	want2 := "filed at another reading of its date: line 2's time, read month first 2 March 2026, 10:00 AM, is 3 February 2026, 10:00 AM read day first, the time that call was filed at"
	if code == 0 || !strings.Contains(errOut, want) || !strings.Contains(errOut, want2) || strings.Contains(errOut, "filed read day first") {
		t.Errorf("exit %d, want %q and %q, no \"filed read day first\", in:\n%s%s", code, want, want2, out, errOut)
	}
}

// TestImportWizardSaysTheFormWasReadTheOtherWay: a form an import read day first,
// read month first in the window, is refused there in words that name the window's
// buttons and tick box (they named commands), and its Undo import button takes the
// earlier import back.
func TestImportWizardSaysTheFormWasReadTheOtherWay(t *testing.T) {
	ctx := context.Background()
	w, f := wizardWindow(t)
	dbtest.Campaign(t, f.s)
	dbtest.Legislator(t, f.s, db.ChamberLower, "12th Essex", "Tom Walsh")
	file := writeFile(t, "respuestas.csv", otherWayForm)
	in, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	calls, err := importer.ReadCallsWith(in, importer.Options{DayFirst: true})
	in.Close()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.ImportCalls(ctx, calls.Rows, db.CallImportOptions{ImportOptions: db.ImportOptions{Source: "respuestas.csv"}}); err != nil {
		t.Fatal(err)
	}
	ui.ShowImportWizard(w, f, "calls", file, nil)
	tap(t, w, "Preview")
	mustSee(t, w, "filed at another reading of its date: line 2's time, read month first 11 February 2026, 2:05 PM, is 2 November 2026, 2:05 PM read day first, the time that call was filed at",
		"If the file writes the month first, take the earlier import back first (the “Undo import 1” button below), "+
			"then import it again here with “"+ui.DayFirstChoice+"” unticked; if it writes the day first, its calls are in already "+
			"(import it with “"+ui.DayFirstChoice+"” ticked)")
	if got := texts(t, w); strings.Contains(got, "import call reports:") || strings.Contains(got, "chapterdesk ") || strings.Contains(got, "--") {
		t.Errorf("the wizard shows the store's raw error or a command:\n%s", got)
	}
	tap(t, w, "Undo import 1")
	tap(t, w, "Yes")
	mustSee(t, w, "Go Back to say how the file writes its dates, then Preview it again.")
	if got := calledOn(t, f); got != "" {
		t.Fatalf("calls left after the undo, on %s", got)
	}
	tap(t, w, "OK")
	tap(t, w, "Back")
	tap(t, w, "Preview")
	tap(t, w, "Import")
	if got := calledOn(t, f); got != "11 February 2026, 3 March 2026" {
		t.Errorf("read month first after the undo, filed on %s", got)
	}
}

// callReports counts the live call reports of the data file at path.
func callReports(t *testing.T, path string) int {
	t.Helper()
	s, err := db.Open(context.Background(), path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, err := s.ListCallReports(context.Background(), db.CallFilter{}, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	return len(rows)
}
