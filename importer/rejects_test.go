package importer_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// readCSV reads a whole CSV (the test's own files and the rejects files).
func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func writeCSV(t *testing.T, rows [][]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	w.WriteAll(rows)
	return b.Bytes()
}

// checkRejects checks a rejects file: the original header and a last column
// "problem", then each wanted row as it was, with a problem starting as given.
func checkRejects(t *testing.T, got []byte, header []string, want [][]string, problems []string) [][]string {
	t.Helper()
	rows := readCSV(t, got)
	if !slices.Equal(rows[0], append(slices.Clone(header), "problem")) {
		t.Fatalf("rejects header %q", rows[0])
	}
	if len(rows)-1 != len(want) {
		t.Fatalf("%d rejected rows, want %d:\n%s", len(rows)-1, len(want), got)
	}
	for i, row := range rows[1:] {
		if !slices.Equal(row[:len(row)-1], want[i]) {
			t.Errorf("rejected row %d is %q, the file had %q", i, row[:len(row)-1], want[i])
		}
		if p := row[len(row)-1]; !strings.HasPrefix(p, problems[i]) {
			t.Errorf("rejected row %d: problem %q, want it to start with %q", i, p, problems[i])
		}
	}
	return rows
}

func TestLegislatorRejects(t *testing.T) {
	data, err := os.ReadFile(openStatesDir + "ma.csv")
	if err != nil {
		t.Skipf("shared data not here: %v", err)
	}
	rows := readCSV(t, data)
	rows[2][4] = "council" // line 3: current_chamber
	rows[9][3] = ""        // line 10: current_district
	in, err := importer.ReadLegislators(bytes.NewReader(writeCSV(t, rows)), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Rows) != 196 || len(in.Problems) != 2 {
		t.Fatalf("%d rows, problems %v", len(in.Rows), in.Problems)
	}
	var rejects bytes.Buffer
	if err := in.WriteRejects(&rejects); err != nil {
		t.Fatal(err)
	}
	checkRejects(t, rejects.Bytes(), rows[0], [][]string{rows[2], rows[9]},
		[]string{`line 3, column 5 (current_chamber): "council" is neither`, "line 10, column 4 (current_district): this legislator has no district"})

	t.Run("the rejects file, fixed, imports as the original would have", func(t *testing.T) {
		fixed := readCSV(t, rejects.Bytes())
		fixed[1][4], fixed[2][3] = "lower", "Fixed District"
		again, err := importer.ReadLegislators(bytes.NewReader(writeCSV(t, fixed)), "")
		if err != nil || again.Format.ID != "openstates" || len(again.Rows) != 2 || len(again.Problems) != 0 {
			t.Fatalf("%v %+v", err, again)
		}
		if again.Rows[0].Name != rows[2][1] || again.Rows[1].District != "Fixed District" {
			t.Errorf("%+v", again.Rows)
		}
	})
}

func TestCallRejects(t *testing.T) {
	ctx := context.Background()
	data, err := os.ReadFile(generateCalls(t, 300))
	if err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, data)
	rows[5][6] = "Sang them a song"  // line 6: What happened?
	rows[9][4] = "Rep. Nobody Atall" // line 10: read well, but the store knows no such legislator
	in, err := importer.ReadCalls(bytes.NewReader(writeCSV(t, rows)), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Problems) != 1 || in.Problems[0].Line != 6 {
		t.Fatalf("problems %v", in.Problems)
	}
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	if _, err := s.ImportLegislators(ctx, readLegislators(t, "ma.csv").Rows, db.ImportOptions{State: "MA"}); err != nil {
		t.Fatal(err)
	}
	sum, err := s.ImportCalls(ctx, in.Rows, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Unresolved) == 0 {
		t.Fatal("no report left out by the store")
	}
	var rejects bytes.Buffer
	if err := in.WriteRejects(&rejects, sum.Unresolved); err != nil {
		t.Fatal(err)
	}
	// Every row left out, in the file's order: the bad row, the "Emailed instead"
	// answers (left out too, though not bad: they were missing) and the store's.
	why := map[int]string{6: `line 6, column 7 (What happened?): "Sang them a song" is not an outcome`}
	for line := 2; line <= len(rows); line++ {
		if rows[line-1][6] == "Emailed instead" {
			why[line] = "line " // a row's line is not its place once a note spans lines: checked below
		}
	}
	for _, u := range sum.Unresolved {
		why[u.Line] = "line " + strconv.Itoa(u.Line) + ", column 5 (Legislator called): "
	}
	var want [][]string
	var problems []string
	for _, line := range slices.Sorted(maps.Keys(why)) {
		want, problems = append(want, rows[line-1]), append(problems, why[line])
	}
	got := checkRejects(t, rejects.Bytes(), rows[0], want, problems)
	for _, row := range got {
		if row[6] == "Emailed instead" && !strings.Contains(row[9], `column 7 (What happened?): "Emailed instead" says no call was made`) {
			t.Errorf("an Emailed instead row with the problem %q", row[9])
		}
	}
	i := slices.IndexFunc(got, func(row []string) bool { return row[4] == "Rep. Nobody Atall" })
	if i < 0 || !strings.Contains(got[i][9], `"Rep. Nobody Atall": no legislator`) {
		t.Errorf("line 10 not in the rejects as unresolved: %q", got)
	}
}

func TestVolunteerRejects(t *testing.T) {
	text := "first_name,last_name,email,phone_number,nationbuilder_id\n" +
		"Ana,Souza,ana@example.org,617-555-0100,1\n" +
		"Bad,Email,not an email,,2\n" +
		"Bo,Li,bo@example.org,,3\n"
	vf, err := importer.OpenVolunteers(strings.NewReader(text), "")
	if err != nil {
		t.Fatal(err)
	}
	var rejects bytes.Buffer
	s := dbtest.Open(t)
	sum, err := s.ImportVolunteers(context.Background(), vf.Rows(true, &rejects), db.ImportOptions{Format: vf.Format.ID})
	if err != nil || sum.Created != 2 {
		t.Fatalf("%+v %v", sum, err)
	}
	checkRejects(t, rejects.Bytes(), strings.Split("first_name,last_name,email,phone_number,nationbuilder_id", ","),
		[][]string{{"Bad", "Email", "not an email", "", "2"}}, []string{"line 3, column 3 (email): "})
	path := filepath.Join(t.TempDir(), "rejects.csv")
	os.WriteFile(path, rejects.Bytes(), 0o600)
	t.Run("the rejects file is recognised as the export it came from", func(t *testing.T) {
		again := readVolunteers(t, path)
		if again.Format.ID != "nationbuilder" || len(again.Problems) != 1 {
			t.Errorf("%q %v", again.Format.ID, again.Problems)
		}
	})
}
