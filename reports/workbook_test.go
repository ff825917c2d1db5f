package reports_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/demo"
	"github.com/chapterdesk/chapterdesk/reports"
)

// demoStore is a demo chapter in a temporary file, its calls ending 2026-11-20.
func demoStore(t *testing.T, volunteers, calls int) *db.Store {
	t.Helper()
	ctx := context.Background()
	s, err := db.Open(ctx, filepath.Join(t.TempDir(), "chapter.db"), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := demo.Generate(ctx, s, demo.Options{Volunteers: volunteers, Calls: calls, Seed: 7,
		AsOf: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	return s
}

// workbook writes the workbook for q and opens it again with excelize.
func workbook(t *testing.T, s *db.Store, q db.ReportQuery, opts reports.WorkbookOptions) (*excelize.File, db.ReportSummary) {
	t.Helper()
	var buf bytes.Buffer
	var sum db.ReportSummary
	q.TallyInCallLog = true // as the report verb reads it
	err := s.Report(context.Background(), q, func(r *db.Report) error {
		err := reports.WriteWorkbook(context.Background(), &buf, r, opts)
		sum = r.Summary
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, sum
}

// summaryValue finds a label in the Summary sheet's first column and returns the
// number beside it.
func summaryValue(t *testing.T, f *excelize.File, label string) int {
	t.Helper()
	rows, err := f.GetRows(reports.SheetSummary)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 1 && r[0] == label {
			typ, _ := f.GetCellType(reports.SheetSummary, "B"+strconv.Itoa(i+1))
			if typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
				t.Errorf("%s: cell type %v, not a number", label, typ)
			}
			n, err := strconv.Atoi(strings.ReplaceAll(r[1], ",", ""))
			if err != nil {
				t.Fatalf("%s: %q", label, r[1])
			}
			return n
		}
	}
	t.Fatalf("no %q on the summary", label)
	return 0
}

// columnSum adds up a sheet's column (found by its header), and counts the rows.
func columnSum(t *testing.T, f *excelize.File, sheet, header string) (sum, rows int) {
	t.Helper()
	all, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range all[0] {
		if h == header {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("%s has no column %q: %v", sheet, header, all[0])
	}
	for _, r := range all[1:] {
		if col < len(r) && r[col] != "" {
			n, err := strconv.Atoi(r[col])
			if err != nil {
				t.Fatalf("%s %s: %q", sheet, header, r[col])
			}
			sum += n
		}
	}
	return sum, len(all) - 1
}

func TestWorkbookMatchesTheStore(t *testing.T) {
	s := demoStore(t, 300, 4000)
	ctx := context.Background()
	// The whole campaign, so the store's trigger-kept whip count is a second witness.
	f, sum := workbook(t, s, db.ReportQuery{To: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)}, reports.WorkbookOptions{})
	w, err := s.WhipCount(ctx, sum.CampaignID)
	if err != nil {
		t.Fatal(err)
	}
	stats, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var storeVolunteers int
	for _, c := range stats {
		if c.Name == "volunteers" {
			storeVolunteers = c.Count
		}
	}
	t.Run("has the sheets in order", func(t *testing.T) {
		want := []string{"Summary", "By legislator", "By district", "By volunteer", "By week", "Call log", "Volunteers"}
		if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("sheets %v", got)
		}
	})
	t.Run("summary numbers match the store's own counts", func(t *testing.T) {
		for _, c := range []struct {
			label string
			want  int
		}{
			{"Calls made", w.Calls},
			{"Reaches (spoke, or left a voicemail)", w.Reaches},
			{db.LegislatorsReachedLabel, w.LegislatorsReached},
			{"Volunteers on the roster", storeVolunteers},
		} {
			if got := summaryValue(t, f, c.label); got != c.want || got == 0 {
				t.Errorf("%s: workbook %d, store %d", c.label, got, c.want)
			}
		}
	})
	t.Run("every sheet adds up to the summary", func(t *testing.T) {
		calls := summaryValue(t, f, "Calls made")
		reaches := summaryValue(t, f, "Reaches (spoke, or left a voicemail)")
		for _, sheet := range []string{reports.SheetByLegislator, reports.SheetByDistrict, reports.SheetByWeek} {
			if n, _ := columnSum(t, f, sheet, "Calls"); n != calls {
				t.Errorf("%s: %d calls, summary %d", sheet, n, calls)
			}
			if n, _ := columnSum(t, f, sheet, "Reaches"); n != reaches {
				t.Errorf("%s: %d reaches, summary %d", sheet, n, reaches)
			}
		}
		if _, rows := columnSum(t, f, reports.SheetCallLog, "Gave name and zip"); rows != calls {
			t.Errorf("call log has %d rows, summary %d calls", rows, calls)
		}
		if _, rows := columnSum(t, f, reports.SheetVolunteers, "Joined"); rows != storeVolunteers {
			t.Errorf("roster has %d rows, store %d volunteers", rows, storeVolunteers)
		}
		// Callers and recruiters: every demo call has a known caller.
		if n, rows := columnSum(t, f, reports.SheetByVolunteer, "Calls"); n != calls || rows < summaryValue(t, f, "Volunteers who called") {
			t.Errorf("by volunteer: %d calls on %d rows", n, rows)
		}
	})
	t.Run("dates are dates and the header is frozen with a filter", func(t *testing.T) {
		v, _ := f.GetCellValue(reports.SheetCallLog, "A2", excelize.Options{RawCellValue: true})
		if serial, err := strconv.ParseFloat(v, 64); err != nil || serial < 45000 {
			t.Errorf("call log A2 raw %q is not a date serial", v)
		}
		shown, _ := f.GetCellValue(reports.SheetCallLog, "A2")
		if _, err := time.Parse("2006-01-02 15:04", shown); err != nil {
			t.Errorf("call log A2 shows %q", shown)
		}
		panes, err := f.GetPanes(reports.SheetCallLog)
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("panes %+v %v", panes, err)
		}
		names := f.GetDefinedName()
		filters := 0
		for _, n := range names {
			if n.Name == "_xlnm._FilterDatabase" {
				filters++
			}
		}
		if filters < 6 {
			t.Errorf("%d sheets with an autofilter", filters)
		}
	})
	t.Run("holds no formula", func(t *testing.T) {
		for _, sheet := range f.GetSheetList() {
			rows, _ := f.GetRows(sheet)
			for i, r := range rows {
				for j := range r {
					cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
					if fo, _ := f.GetCellFormula(sheet, cell); fo != "" {
						t.Fatalf("%s!%s has formula %q", sheet, cell, fo)
					}
				}
			}
		}
	})
}

func TestCoalitionSafeWorkbook(t *testing.T) {
	s := demoStore(t, 400, 3000)
	ctx := context.Background()
	var secrets []string
	err := s.EachRosterVolunteer(ctx, func(v *db.RosterRow) error {
		for _, x := range []string{v.Email, v.Phone, v.Mobile, v.Address1, v.Address2, v.Notes} {
			if len(strings.TrimSpace(x)) >= 5 {
				secrets = append(secrets, strings.ToLower(strings.TrimSpace(x)))
			}
		}
		return nil
	})
	if err != nil || len(secrets) < 400 {
		t.Fatalf("%d secrets, %v", len(secrets), err)
	}
	q := db.ReportQuery{To: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)}
	t.Run("the full workbook does hold them (the search below can find them)", func(t *testing.T) {
		full, _ := workbook(t, s, q, reports.WorkbookOptions{})
		email, _ := full.GetCellValue(reports.SheetVolunteers, "B2")
		if !strings.Contains(email, "@") {
			t.Errorf("full roster B2 %q", email)
		}
	})
	f, _ := workbook(t, s, q, reports.WorkbookOptions{CoalitionSafe: true})
	cells := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			for j, c := range r {
				cells++
				lc := strings.ToLower(c)
				for _, secret := range secrets {
					if strings.Contains(lc, secret) {
						t.Fatalf("%s row %d column %d holds %q", sheet, i+1, j+1, secret)
					}
				}
				if strings.Contains(c, "@") {
					t.Fatalf("%s row %d column %d holds an address: %q", sheet, i+1, j+1, c)
				}
			}
		}
	}
	if cells < 10_000 {
		t.Errorf("only %d cells searched", cells)
	}
	t.Run("names volunteers by first name and last initial", func(t *testing.T) {
		v, _ := f.GetCellValue(reports.SheetVolunteers, "A2")
		if !strings.HasSuffix(v, ".") || strings.Count(v, " ") < 1 {
			t.Errorf("roster A2 %q", v)
		}
	})
}

func TestSafeName(t *testing.T) {
	for in, want := range map[[2]string]string{
		{"Maria", "González"}: "Maria G.",
		{"Đức", "Nguyễn"}:     "Đức N.",
		{"Ana", ""}:           "Ana",
		{"Jean", "'t Hooft"}:  "Jean T.",
		{"", "Li"}:            "L.",
		// An email or phone typed as a name is never printed (a caller who typed
		// their email in the form's "Your name" was printed whole).
		{"jdoe.private@gmail.com", ""}: "(name withheld)",
		{"Maria 617-555-0199", ""}:     "Maria",
		{"jdoe@x.org", "Doe"}:          "D.",
		{"Ann", "ann@x.org"}:           "Ann",
		{"+1 (617) 555-0100", "Tran"}:  "T.",
		{"(no name given)", ""}:        "(no name given)",
		// A first name of several words may hold a family name (a form's "Your name"
		// split at its last word, a name written family name first): its words by
		// their initials (t9 repro-13).
		{"María José García", "López"}:    "M. J. G. L.",
		{"Nguyễn Thị", "Hương"}:           "N. T. H.",
		{"Chiamaka Adaeze", "Okafor"}:     "C. A. O.",
		{"Jean-Baptiste", "Van Der Berg"}: "Jean-Baptiste V.",
		{"Dana Q.", "Roe"}:                "Dana R.",
		{"Mary  Ann", ""}:                 "M. A.",
	} {
		if got := reports.SafeName(in[0], in[1]); got != want {
			t.Errorf("SafeName(%q, %q) = %q, want %q", in[0], in[1], got, want)
		}
	}
}

func TestWorkbookProgress(t *testing.T) {
	s := demoStore(t, 300, 4000)
	var mu sync.Mutex
	var got [][2]int64
	progress := func(done, total int64) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, [2]int64{done, total})
	}
	_, sum := workbook(t, s, db.ReportQuery{To: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)},
		reports.WorkbookOptions{Progress: progress})
	if len(got) < 2 {
		t.Fatalf("progress %v: want steps and the end", got)
	}
	// The call log and the roster, and a tenth more for saving.
	rows := int64(sum.Calls + sum.Volunteers)
	total := got[0][1]
	if total != rows+rows/10+1 {
		t.Errorf("total %d, want %d (%d calls + %d volunteers, and saving)", total, rows+rows/10+1, sum.Calls, sum.Volunteers)
	}
	for i, p := range got {
		if p[1] != total || p[0] > total || i > 0 && p[0] < got[i-1][0] {
			t.Fatalf("progress %v: report %d out of order", got, i)
		}
	}
	if last := got[len(got)-1]; last[0] != total {
		t.Errorf("the last report is %v, not the end", last)
	}
}

// column is a sheet's column by its header, as shown.
func columnValues(t *testing.T, f *excelize.File, sheet, header string) []string {
	t.Helper()
	all, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(all[0], header)
	if col < 0 {
		t.Fatalf("%s has no column %q: %v", sheet, header, all[0])
	}
	var out []string
	for _, r := range all[1:] {
		if col < len(r) {
			out = append(out, r[col])
		}
	}
	return out
}

// TestWorkbookShowsWords: offices, statuses, outcomes and stances read as words, the
// partial first and last weeks say how many of their days are in the period, and the
// By week chart labels its dates no closer than one a week, fewer on a long period.
func TestWorkbookShowsWords(t *testing.T) {
	s := demoStore(t, 200, 2000)
	// Thursday 2026-10-22 to Friday 2026-11-20 inclusive.
	f, _ := workbook(t, s, db.ReportQuery{From: time.Date(2026, 10, 22, 0, 0, 0, 0, time.UTC),
		To: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)}, reports.WorkbookOptions{})
	words := map[string][]string{
		"Office":       {"Capitol", "District", "Other"},
		"Stance heard": {""}, // not asked
		"Outcome":      nil,
	}
	for _, o := range db.Outcomes {
		words["Outcome"] = append(words["Outcome"], o.Label())
	}
	for _, st := range db.Stances {
		words["Stance heard"] = append(words["Stance heard"], st.Label())
	}
	for header, want := range words {
		for _, v := range columnValues(t, f, reports.SheetCallLog, header) {
			if !slices.Contains(want, v) {
				t.Errorf("call log %s %q is not one of %q", header, v, want)
				break
			}
		}
	}
	statuses := map[string]bool{}
	for _, v := range columnValues(t, f, reports.SheetVolunteers, "Status") {
		statuses[v] = true
	}
	if !statuses["Active"] || statuses["active"] {
		t.Errorf("roster statuses %v", statuses)
	}
	weeks := columnValues(t, f, reports.SheetByWeek, "Week of (Monday)")
	days := columnValues(t, f, reports.SheetByWeek, "Days in period")
	if len(weeks) != 5 || weeks[0] != "2026-10-19" || !slices.Equal(days, []string{"4", "7", "7", "7", "5"}) {
		t.Errorf("weeks %q, days in period %q", weeks, days)
	}
	if skip := chartLabelSkip(t, f); skip != 1 {
		t.Errorf("5 weeks: a date label every %d weeks", skip)
	}
	// A text axis, one label a week: an automatic axis over dates is a date axis to
	// LibreOffice, which labelled every day (the first-day walk); labels dark enough
	// to read.
	x := chartXML(t, f)
	if cat := regexp.MustCompile(`<(?:c:)?catAx>.*</(?:c:)?catAx>`).Find(x); !regexp.MustCompile(`<(?:c:)?auto val="(0|false)"`).Match(cat) {
		t.Errorf("the week axis may be read as a date axis: %s", cat)
	}
	if n := bytes.Count(x, []byte(`<a:srgbClr val="404040"`)); n < 2 {
		t.Errorf("%d axes labelled in dark grey", n)
	}
	t.Run("a year of weeks is labelled about once a month", func(t *testing.T) {
		f, _ := workbook(t, s, db.ReportQuery{From: time.Date(2025, 11, 21, 0, 0, 0, 0, time.UTC),
			To: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)}, reports.WorkbookOptions{})
		n := len(columnValues(t, f, reports.SheetByWeek, "Calls"))
		skip := chartLabelSkip(t, f)
		if labels := (n + skip - 1) / skip; skip < 4 || labels > 8 {
			t.Errorf("%d weeks labelled every %d: %d labels on a 720px axis", n, skip, labels)
		}
	})
}

// chartXML is the By week chart's XML.
func chartXML(t *testing.T, f *excelize.File) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	r, err := z.Open("xl/charts/chart1.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	x, _ := io.ReadAll(r)
	return x
}

// chartLabelSkip reads the By week chart's category axis label interval.
func chartLabelSkip(t *testing.T, f *excelize.File) int {
	t.Helper()
	x := chartXML(t, f)
	m := regexp.MustCompile(`<(?:c:)?tickLblSkip val="(\d+)"`).FindSubmatch(x)
	if m == nil {
		return 1 // Excel's default labels every category, and may overlap them
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}
