package reports_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/reports"
)

func TestNeutralize(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("http://x","y")`: `'=HYPERLINK("http://x","y")`,
		"+1 617 555 0100":            "'+1 617 555 0100",
		"-2+3":                       "'-2+3",
		"@SUM(A1)":                   "'@SUM(A1)",
		"\tcmd":                      "'\tcmd",
		"\rcmd":                      "'\rcmd",
		"＝HYPERLINK(\"http://x\")":   "'＝HYPERLINK(\"http://x\")",
		"＋1 617 555 0100":            "'＋1 617 555 0100",
		"－2＋3":                       "'－2＋3",
		"＠SUM(A1)":                   "'＠SUM(A1)",
		"﹦1+1":                       "'﹦1+1",
		" =1+1":                      "' =1+1",
		"\u00a0@SUM(A1)":             "'\u00a0@SUM(A1)",
		"  \t-2":                     "'  \t-2",
		" Maria":                     " Maria",
		"Maria":                      "Maria",
		"(617) 555-0100":             "(617) 555-0100",
		"a=b":                        "a=b",
		"":                           "",
	} {
		if got := reports.Neutralize(in); got != want {
			t.Errorf("Neutralize(%q) = %q, want %q", in, got, want)
		}
	}
}

// readCSV parses an export, checking the byte-order mark Excel needs.
func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(data, []byte("\uFEFF")) {
		t.Fatal("no UTF-8 byte-order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(data[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestCSVExportIsInert(t *testing.T) {
	s := dbtest.Open(t)
	ctx := context.Background()
	camp := dbtest.Campaign(t, s)
	leg := dbtest.Legislator(t, s, db.ChamberLower, "2nd Essex", "-Ray Roe")
	vol := dbtest.Volunteer(t, s, `=HYPERLINK("http://x","y")`, "@Smith", func(v *db.Volunteer) {
		v.Phone = "+1 617 555 0100"
		v.Notes = "=1+1"
		v.Address1 = "\t12 Elm St"
	})
	if _, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: camp, VolunteerID: vol, LegislatorID: leg,
		Outcome: db.OutcomeSpokeStaff, Notes: "+cmd|' /C calc'!A0"}, false); err != nil {
		t.Fatal(err)
	}
	inert := func(t *testing.T, rows [][]string) {
		t.Helper()
		for i, r := range rows {
			for j, c := range r {
				if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
					t.Errorf("row %d column %d begins with %q: %q", i+1, j+1, c[0], c)
				}
			}
		}
	}
	t.Run("volunteers", func(t *testing.T) {
		var buf bytes.Buffer
		if err := reports.WriteVolunteersCSV(ctx, &buf, func(fn func(*db.RosterRow) error) error {
			return s.EachRosterVolunteer(ctx, fn)
		}); err != nil {
			t.Fatal(err)
		}
		rows := readCSV(t, buf.Bytes())
		inert(t, rows)
		if len(rows) != 2 || rows[1][1] != `'=HYPERLINK("http://x","y")` || rows[1][2] != "'@Smith" ||
			rows[1][5] != "'+1 617 555 0100" {
			t.Errorf("%q", rows)
		}
		if !slices.Contains(rows[1], "Active") || slices.Contains(rows[1], "active") {
			t.Errorf("status not a word: %q", rows[1])
		}
	})
	t.Run("call reports", func(t *testing.T) {
		var buf bytes.Buffer
		if err := reports.WriteCallsCSV(ctx, &buf, nil, func(fn func(*db.CallLogRow) error) error {
			return s.EachCallReport(ctx, fn)
		}); err != nil {
			t.Fatal(err)
		}
		rows := readCSV(t, buf.Bytes())
		inert(t, rows)
		if len(rows) != 2 || rows[1][4] != `'=HYPERLINK("http://x","y") @Smith` || rows[1][15] != "'+cmd|' /C calc'!A0" {
			t.Errorf("%q", rows)
		}
		if !slices.Contains(rows[1], "Capitol") || !slices.Contains(rows[1], "Spoke with staff") || slices.Contains(rows[1], "capitol") {
			t.Errorf("office or outcome not a word: %q", rows[1])
		}
	})
	t.Run("legislators", func(t *testing.T) {
		ls, err := s.Legislators(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := reports.WriteLegislatorsCSV(ctx, &buf, ls); err != nil {
			t.Fatal(err)
		}
		rows := readCSV(t, buf.Bytes())
		inert(t, rows)
		if len(rows) != 2 || rows[1][5] != "'-Ray Roe" {
			t.Errorf("%q", rows)
		}
	})
}
