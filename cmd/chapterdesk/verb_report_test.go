package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestReportExportAndMergeVerbs(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	for i, p := range []string{a, b} {
		if code, _, errOut := chapterdesk(t, "demo", "--volunteers", "150", "--calls", "1200", "--seed", string(rune('1'+i)),
			"--as-of", "2026-11-20", "--db", p); code != 0 {
			t.Fatalf("demo: %s", errOut)
		}
	}
	t.Run("report writes the workbook and says what is in it", func(t *testing.T) {
		out := filepath.Join(dir, "month.xlsx")
		code, stdout, errOut := chapterdesk(t, "report", out, "--from", "2026-10-21", "--to", "2026-11-20", "--db", a)
		if code != 0 || !strings.Contains(stdout, "2026-10-21 to 2026-11-20") || errOut != "" {
			t.Fatalf("exit %d, %q %q", code, stdout, errOut)
		}
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if v, _ := f.GetCellValue("Summary", "B5"); v != "2026-10-21" {
			t.Errorf("period from %q", v)
		}
		if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %v", fi.Mode().Perm())
		}
	})
	t.Run("report defaults to the last 30 days, today included", func(t *testing.T) {
		q, err := reportPeriod("", "", false, time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC), time.UTC)
		if err != nil || !q.From.Equal(time.Date(2026, 10, 27, 0, 0, 0, 0, time.UTC)) || !q.To.Equal(time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%v to %v, %v", q.From, q.To, err)
		}
	})
	t.Run("a failed report leaves no file behind", func(t *testing.T) {
		out := filepath.Join(dir, "bad.xlsx")
		if code, _, _ := chapterdesk(t, "report", out, "--campaign", "99", "--db", a); code != 1 {
			t.Errorf("exit %d", code)
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.Contains(e.Name(), "bad.xlsx") {
				t.Errorf("left %s", e.Name())
			}
		}
	})
	t.Run("export writes each kind as CSV", func(t *testing.T) {
		for kind, rows := range map[string]int{"volunteers": 150, "calls": 1200, "legislators": 200} {
			out := filepath.Join(dir, kind+".csv")
			if code, _, errOut := chapterdesk(t, "export", kind, out, "--db", a); code != 0 {
				t.Fatalf("%s: %s", kind, errOut)
			}
			data, _ := os.ReadFile(out)
			recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\uFEFF"))).ReadAll()
			if err != nil || len(recs) != rows+1 {
				t.Errorf("%s: %d rows, %v", kind, len(recs)-1, err)
			}
		}
	})
	t.Run("merge adds the other chapter once", func(t *testing.T) {
		code, out, errOut := chapterdesk(t, "merge", b, "--db", a)
		if code != 0 || !strings.Contains(out, "150 volunteers, 1200 call reports") {
			t.Fatalf("exit %d, %q %q", code, out, errOut)
		}
		if _, out, _ = chapterdesk(t, "merge", b, "--db", a); !strings.Contains(out, "nothing new") {
			t.Errorf("second merge: %q", out)
		}
		if _, out, _ = chapterdesk(t, "stats", "--db", a); !strings.Contains(out, "volunteers: 300\n") ||
			!strings.Contains(out, "call_reports: 2400\n") || !strings.Contains(out, "chapters: 2\n") {
			t.Errorf("stats after merge:\n%s", out)
		}
		out2 := filepath.Join(dir, "all.xlsx")
		if code, _, errOut := chapterdesk(t, "report", out2, "--all", "--db", a); code != 0 {
			t.Fatal(errOut)
		}
		f, err := excelize.OpenFile(out2)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if idx, _ := f.GetSheetIndex("By chapter"); idx < 0 {
			t.Errorf("no By chapter sheet: %v", f.GetSheetList())
		}
	})
}
