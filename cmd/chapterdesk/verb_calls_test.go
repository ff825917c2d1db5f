package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// olderFormFile is olderFile with a campaign of Massachusetts and a report an older
// ChapterDesk imported from a form on a laptop set to UTC: the form's 9:36:11 of 16
// January 2024 stored as 09:36:11Z, read 4:36 AM EST once upgraded.
func olderFormFile(t *testing.T) string {
	t.Helper()
	path := olderFile(t)
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range []string{
		`INSERT INTO campaigns (uuid, state, created_at, updated_at) VALUES ('k', 'MA', 1, 1)`,
		`INSERT INTO legislators (uuid, chamber, district, name, created_at, updated_at) VALUES ('l1', 'upper', 'Second Suffolk', 'Liz Miranda', 0, 0)`,
		`INSERT INTO call_reports (uuid, chapter_id, campaign_id, volunteer_id, legislator_id, called_at, outcome, source, created_at, updated_at)
			VALUES ('r1', 1, 1, 1, 1, 1705397771, 'spoke_staff', 'report form', 2, 2)`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	return path
}

// The lead of a file an older ChapterDesk imported a form into on a UTC laptop was
// told its times may read hours off, and could do nothing about it (tester, s39):
// calls fix-times puts them right, and the exports mark them until then.
func TestCallsFixTimes(t *testing.T) {
	path := olderFormFile(t)
	csv := filepath.Join(t.TempDir(), "calls.csv")
	if code, _, errOut := chapterdesk(t, "export", "calls", csv, "--db", path); code != exitOK {
		t.Fatalf("export: %s", errOut)
	}
	body, _ := os.ReadFile(csv)
	lines := strings.Split(strings.TrimSpace(string(body)), "\n")
	if len(lines) != 2 || !strings.HasSuffix(strings.TrimSpace(lines[0]), ",time_may_be_off") || !strings.HasSuffix(strings.TrimSpace(lines[1]), ",yes") ||
		!strings.Contains(lines[1], "2024-01-16T04:36:11-05:00") {
		t.Errorf("the export does not mark the time that may be off:\n%s", body)
	}

	// r1 heard "Yes" at 9:36:11 AM (stored as 4:36:11 AM); the lead set "No" at 8:36 AM.
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, changed_by, reason, call_report_id)
		VALUES ('h1', 1, 1, 'yes', 1705397771, 'Ann', 'heard on a call', 1), ('h2', 1, 1, 'no', 1705397771 + 4*3600 - 11, 'Lead', '', NULL)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	code, out, errOut := chapterdesk(t, "calls", "fix-times", "--imported-on-zone", "Mars/Base", "--db", path)
	if code != exitFail || !strings.Contains(errOut, `"Mars/Base" is no time zone`) {
		t.Errorf("an unknown zone: exit %d, %q %q", code, out, errOut)
	}
	code, out, errOut = chapterdesk(t, "calls", "fix-times", "--imported-on-zone", "UTC", "--dry-run", "--db", path)
	if code != exitOK || !strings.Contains(out, "would move 1 call reports, their form times read on UTC's clock rather than Massachusetts's: 1 of them 5 hours later") ||
		!strings.Contains(out, "the call to Sen. Liz Miranda: 16 January 2024, 4:36:11 AM EST → 16 January 2024, 9:36:11 AM EST") ||
		!strings.Contains(out, "not checked against the form files") || !strings.Contains(out, "must not be moved") {
		t.Errorf("dry run: exit %d\n%s%s", code, out, errOut)
	}
	// Without the form files, nor the lead's word, a fix moves nothing (s41).
	code, out, errOut = chapterdesk(t, "calls", "fix-times", "--imported-on-zone", "UTC", "--db", path)
	if code != exitFail || !strings.Contains(errOut, "--from FILE") || !strings.Contains(errOut, "must not be moved") {
		t.Errorf("fix-times without the forms: exit %d\n%s%s", code, out, errOut)
	}
	// The form the report came from, and another whose time gave its zone.
	form := filepath.Join(t.TempDir(), "responses.csv")
	os.WriteFile(form, []byte("Timestamp,Your name,Your email,Your town,Legislator called,What happened?\n"+
		"1/16/2024 9:36:11,Ann Lee,ann@example.org,Boston,Sen. Liz Miranda,Spoke with staff\n"+
		"2024-01-17T09:00:00-05:00,Bo Chan,bo@example.org,Boston,Sen. Liz Miranda,Spoke with staff\n"), 0o600)
	code, out, errOut = chapterdesk(t, "calls", "fix-times", "--imported-on-zone", "UTC", "--from", form, "--db", path)
	if code != exitOK || !strings.Contains(out, "moved 1 call reports") || !strings.Contains(out, "responses.csv: 2 rows, 1 of them with no zone") || !strings.Contains(out, "chapterdesk import undo 1 takes it back") ||
		!strings.Contains(out, "1 stance changes heard on them moved with them: the whip count ranks each call at its time put right, and changed for 1 legislators:\n  Sen. Liz Miranda: No → Yes\n") {
		t.Errorf("fix-times: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = chapterdesk(t, "import", "undo", "1", "--db", path)
	if code != exitOK || !strings.Contains(out, "1 stance changes back at the times they had") {
		t.Errorf("undo: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = chapterdesk(t, "calls", "fix-times", "--imported-on-zone", "UTC", "--from", form, "--db", path)
	if code != exitOK || !strings.Contains(out, "moved 1 call reports") {
		t.Errorf("fix-times again: exit %d\n%s%s", code, out, errOut)
	}
	os.Remove(csv)
	if code, _, errOut := chapterdesk(t, "export", "calls", csv, "--db", path); code != exitOK {
		t.Fatalf("export: %s", errOut)
	}
	body, _ = os.ReadFile(csv)
	if !strings.Contains(string(body), "2024-01-16T09:36:11-05:00") || !strings.HasSuffix(strings.TrimSpace(string(body)), ",no") {
		t.Errorf("after the fix the export reads:\n%s", body)
	}
	code, out, _ = chapterdesk(t, "calls", "fix-times", "--imported-on-zone", "UTC", "--forms-gave-no-zone", "--db", path)
	if code != exitOK || !strings.Contains(out, "nothing to put right") {
		t.Errorf("a second run: %d %s", code, out)
	}
}

// callLogColumn is the Call log sheet's column headed name, top to bottom; nil when
// the sheet has none.
func callLogColumn(t *testing.T, path, name string) []string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Call log")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i, cell := range rows[0] {
		if cell != name {
			continue
		}
		for _, r := range rows {
			if i < len(r) {
				out = append(out, r[i])
			} else {
				out = append(out, "")
			}
		}
	}
	return out
}

// The workbook's call log showed the time an older ChapterDesk read on its
// computer's clock like any other (tester, s39): while a report of the period is
// listed, a column marks it; a workbook with none has no such column.
func TestWorkbookMarksCallTimesThatMayBeOff(t *testing.T) {
	path := olderFormFile(t)
	out := filepath.Join(t.TempDir(), "all.xlsx")
	if code, _, errOut := chapterdesk(t, "report", out, "--all", "--db", path); code != exitOK {
		t.Fatalf("report: %s", errOut)
	}
	if col := callLogColumn(t, out, "Time may be off"); len(col) != 2 || col[1] != "yes" {
		t.Errorf("the call log's column: %q", col)
	}
	if code, _, errOut := chapterdesk(t, "calls", "fix-times", "--imported-on-zone", "UTC", "--forms-gave-no-zone", "--db", path); code != exitOK {
		t.Fatalf("fix-times: %s", errOut)
	}
	os.Remove(out)
	if code, _, errOut := chapterdesk(t, "report", out, "--all", "--db", path); code != exitOK {
		t.Fatalf("report: %s", errOut)
	}
	if col := callLogColumn(t, out, "Time may be off"); col != nil {
		t.Errorf("a workbook with no time that may be off has the column: %q", col)
	}
}
