package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsMessagesALeadCanActOn: the output of a call import quotes the
// file's own words and names people, not UUIDs (tester, s41): the answer that says
// no call was made as the file wrote it ("Sent an email", not "Emailed instead"); a
// possible duplicate by its caller's name, town and email; a report that gives no
// caller at all, said; no count of legislators retired on a call import; and, in
// the rejects file, a row with too many cells keeps its problem in the problem
// column.
func TestImportCallsMessagesALeadCanActOn(t *testing.T) {
	path := walshChapter(t)
	const header = "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"
	first := writeFile(t, "first.csv", header+
		"12/1/2026 10:30,Ana Silva,ana@example.org,Lynn,Rep. Tom Walsh,State House,Talked to staff,Supports it,\n")
	if code, out, errOut := chapterdesk(t, "import", "calls", first, "--db", path); code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	file := writeFile(t, "calls.csv", header+
		"12/1/2026 10:25,Ana Silva,ana@example.org,Lynn,Rep. Tom Walsh,State House,Talked to staff,Undecided,\n"+
		"12/1/2026 10:40,Ana Silva,ana@example.org,Lynn,Rep. Tom Walsh,State House,Sent an email,,\n"+
		"12/1/2026 10:45,,,,Rep. Tom Walsh,State House,No one answered,,\n"+
		"12/1/2026 10:50,Ana Silva,ana@example.org,Lynn,Rep. Tom Walsh,State House,Talked to staff,Yes,said, yes, twice\n"+
		"12/1/2026 10:55,,,Salem,Rep. Tom Walsh,State House,No one answered,,\n")
	rejects := filepath.Join(filepath.Dir(path), "rejects.csv")
	code, out, errOut := chapterdesk(t, "import", "calls", file, "--db", path, "--skip-bad-rows", rejects)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	t.Run("quotes the file's words for a call not made", func(t *testing.T) {
		if !strings.Contains(out, `line 3: "Sent an email"`) || strings.Contains(out, "Emailed instead") {
			t.Errorf("output:\n%s", out)
		}
	})
	t.Run("names a possible duplicate's caller, not its UUID", func(t *testing.T) {
		if !strings.Contains(out, "Ana Silva's report (of Lynn, ana@example.org)") || strings.Contains(out, "may be report ") {
			t.Errorf("output:\n%s", out)
		}
	})
	t.Run("says a report gave no caller", func(t *testing.T) {
		if !strings.Contains(out, "1 report gives no caller (no name, email or town), such as line 4: filed with no caller") {
			t.Errorf("output:\n%s", out)
		}
	})
	t.Run("says a report gave a town alone, kept in its notes", func(t *testing.T) {
		if !strings.Contains(out, `check: 1 report gives the caller's town but no name or email, such as line 6: "Salem": filed with no caller, the town kept in the report's notes`) {
			t.Errorf("output:\n%s", out)
		}
	})
	t.Run("leaves out counts that say nothing", func(t *testing.T) {
		if strings.Contains(out, "retired") {
			t.Errorf("output:\n%s", out)
		}
	})
	t.Run("keeps a long row's problem in the problem column", func(t *testing.T) {
		got, err := os.ReadFile(rejects)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(got), "\n") {
			if strings.HasPrefix(line, "12/1/2026 10:50") {
				cells := strings.Split(line, ",")
				if !strings.HasPrefix(cells[9], "line 5: this row has 11 cells") {
					t.Errorf("the problem column holds %q:\n%s", cells[9], got)
				}
				return
			}
		}
		t.Errorf("no long row in the rejects file:\n%s", got)
	})
}

// TestImportCallsSpanishFormTimesThatReadEitherWay: Google Forms' Spanish and
// Portuguese sheets often write the day first ("1/12/2026" for 1 December); a form
// whose time column is their "Marca temporal" or "Carimbo de data/hora", all of whose
// times read either way, was filed month first without a word (s41): the import
// says so, with the way out.
func TestImportCallsSpanishFormTimesThatReadEitherWay(t *testing.T) {
	path := walshChapter(t)
	file := writeFile(t, "es.csv", "Marca temporal,Nombre,Correo electrónico,Ciudad,Legislador,Oficina,¿Qué pasó?,¿Qué dijeron sobre el proyecto de ley?,Comentarios\n"+
		"1/12/2026 10:00:00,Ana Silva,ana@example.org,Lynn,Representante estatal Tom Walsh,Oficina del distrito,Habló con su personal,Sí,\n")
	code, out, errOut := chapterdesk(t, "import", "calls", file, "--db", path)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	if !strings.Contains(out, `check: 1 call time reads either way, such as line 2: "1/12/2026 10:00:00", read month first as 12 January 2026`) ||
		!strings.Contains(out, "import undo 1") || !strings.Contains(out, "--day-first") {
		t.Errorf("output:\n%s", out)
	}
	// The way out as the check says it: the import undone first (imported again with
	// --day-first before, each call would be filed twice: TestImportCallsDayFirstAfterMonthFirst).
	if code, out, errOut = chapterdesk(t, "import", "undo", "1", "--db", path); code != 0 {
		t.Fatalf("undo: exit %d: %s%s", code, out, errOut)
	}
	if code, out, errOut = chapterdesk(t, "import", "calls", file, "--db", path, "--day-first", "--dry-run"); code != 0 || !strings.Contains(out, "would import") ||
		strings.Contains(out, "either way") {
		t.Errorf("with --day-first: exit %d:\n%s%s", code, out, errOut)
	}
}

// An English form's sheet set to write the day first ("02/11/2026" for 2 November)
// was filed months off with no word (tester, s41): a time of two-digit day and month
// that reads either way is said, with the way out; a US form's "11/2/2026" is not.
func TestImportCallsPaddedDatesThatReadEitherWay(t *testing.T) {
	path := walshChapter(t)
	head := "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"
	uk := writeFile(t, "uk.csv", head+"02/11/2026 18:05:31,Sarah Harris,sarah@example.org,Cambridge,Rep. Tom Walsh,District office,Spoke with staff,No,uk1\n")
	code, out, errOut := chapterdesk(t, "import", "calls", uk, "--db", path, "--dry-run")
	if code != 0 || !strings.Contains(out, `check: 1 call time reads either way, such as line 2: "02/11/2026 18:05:31", read month first as 11 February 2026`) ||
		!strings.Contains(out, "two digits") || !strings.Contains(out, "--day-first") {
		t.Errorf("a day-first sheet's time: exit %d:\n%s%s", code, out, errOut)
	}
	us := writeFile(t, "us.csv", head+"11/2/2026 18:05:31,Sarah Harris,sarah@example.org,Cambridge,Rep. Tom Walsh,District office,Spoke with staff,No,us1\n")
	if code, out, errOut = chapterdesk(t, "import", "calls", us, "--db", path, "--dry-run"); code != 0 || strings.Contains(out, "either way") {
		t.Errorf("a US form's time: exit %d:\n%s%s", code, out, errOut)
	}
}

// A file refused for a time written day first named the way out (--day-first) only
// with --skip-bad-rows (tester, s41): the refusal names it too.
func TestImportCallsDayFirstRefusalNamesTheWayOut(t *testing.T) {
	path := walshChapter(t)
	file := writeFile(t, "pt.csv", "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"+
		"13/11/2026 10:05:31,Sarah Harris,sarah@example.org,Cambridge,Rep. Tom Walsh,District office,Spoke with staff,No,\n")
	code, out, errOut := chapterdesk(t, "import", "calls", file, "--db", path)
	if code == 0 || !strings.Contains(errOut, "nothing was imported") || !strings.Contains(errOut, "import it with --day-first") {
		t.Errorf("exit %d:\n%s%s", code, out, errOut)
	}
}

// walshChapter is a data file with the starter campaign and Rep. Tom Walsh (12th
// Essex), for the forms these tests import.
func walshChapter(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "chapter.db")
	s, err := db.Open(context.Background(), path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "12th Essex", "Tom Walsh")
	s.Close()
	return path
}

// TestImportCallsLegislatorAsPortugueseFormsWriteIt: a Portuguese form's legislator
// cell, "Dep. Walsh (12º Essex)", was refused as a first name "Dep." and a district
// no one has; and "Tarr e Walsh" (one row for two calls) as no one by that name
// (tester, s42). The first is filed; the second is left out saying it names two
// legislators, each named, and that a report is one call.
func TestImportCallsLegislatorAsPortugueseFormsWriteIt(t *testing.T) {
	path := walshChapter(t)
	s, err := db.Open(context.Background(), path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Legislator(t, s, db.ChamberUpper, "First Essex and Middlesex", "Bruce Tarr")
	s.Close()
	file := writeFile(t, "pt.csv", "Carimbo de data/hora,Nome,E-mail,Cidade,Legislador,Gabinete,O que aconteceu?,Posição,Comentários\n"+
		"2026-12-01 10:00:00,Ana Silva,ana@example.org,Lynn,Dep. Walsh (12º Essex),Gabinete,Falou com a equipe,Sim,\n"+
		"2026-12-01 10:05:00,Ana Silva,ana@example.org,Lynn,Tarr e Walsh,Gabinete,Falou com a equipe,Sim,\n")
	code, out, errOut := chapterdesk(t, "import", "calls", file, "--db", path, "--dry-run")
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	if !strings.Contains(out, "1 created") || !strings.Contains(out, "line 2: create Ana Silva called Rep. Tom Walsh\n") ||
		!strings.Contains(out, `line 3: "Tarr e Walsh": names two legislators: Sen. Bruce Tarr and Rep. Tom Walsh; a report is one call: give one row per legislator called`) {
		t.Errorf("output:\n%s", out)
	}
}
