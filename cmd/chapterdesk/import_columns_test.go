package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/ui"
)

// exportFile writes a file of the export whose real header is ../shared/data/formats/
// NAME.header.csv, with the extra columns after it (an organization's custom fields),
// one row per person (its cells by header name).
func exportFile(t *testing.T, name string, extra []string, people ...map[string]string) string {
	t.Helper()
	f, err := os.Open("../../../shared/data/formats/" + name + ".header.csv")
	if err != nil {
		t.Skipf("shared data not here: %v", err)
	}
	header, err := csv.NewReader(f).Read()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	header = append(header, extra...)
	var text strings.Builder
	w := csv.NewWriter(&text)
	w.UseCRLF = true
	w.Write(header)
	for _, p := range people {
		row := make([]string, len(header))
		for i, h := range header {
			row[i] = p[h]
		}
		w.Write(row)
	}
	w.Flush()
	return writeFile(t, name+".csv", text.String())
}

// nbWithCustomFields is a NationBuilder export with two custom fields of the lead's
// besides the header's own, an employer, an availability and other columns of
// NationBuilder's own that ChapterDesk does not read.
func nbWithCustomFields(t *testing.T) string {
	return exportFile(t, "nationbuilder-people-export", []string{"Languages spoken", "Can host"},
		map[string]string{"nationbuilder_id": "7", "first_name": "Ana", "last_name": "Souza", "email": "ana@example.org",
			"employer": "Mass General", "availability": "Weekends", "is_donor": "FALSE", "donations_amount": "$0.00 ",
			"billing_city": "Boston", "party": "D", "precinct_name": "Ward 3 Precinct 2", "media_market_name": "Boston",
			"Languages spoken": "Português, English"},
		map[string]string{"nationbuilder_id": "8", "first_name": "Bo", "last_name": "Li", "employer": "City of Boston",
			"is_donor": "FALSE", "donations_amount": "$0.00 ", "Can host": "yes"})
}

// TestImportNationBuilderColumnsNotRead: a NationBuilder export's custom fields
// ("Languages spoken", "Can host") and the columns of its own ChapterDesk does not
// read (employer, availability) were dropped without a word, where an Action
// Network report's custom questions are listed. The custom fields are listed by
// name, the columns a lead cares about named with their rows, the other standard
// columns that hold values summed up; those empty or FALSE in every row are not
// mentioned.
func TestImportNationBuilderColumnsNotRead(t *testing.T) {
	code, out, errOut := chapterdesk(t, "import", "volunteers", nbWithCustomFields(t), "--db", filepath.Join(t.TempDir(), "c.db"), "--dry-run")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"not read: faith_leader, clergy_type, chapter, #Call Representatives, ?Web Design, !Phone Bank, tag:Request Contact, Languages spoken, Can host — to read one, map it with --map field=Header (the export's other columns are read as they are)\n",
		"not read: 2 columns of the NationBuilder people export hold values here: employer (2 rows), availability (1 row) — the roster has no field for them (mapped onto notes or tags, one would take the place of the export's own)\n",
		"left out: 4 other columns of the NationBuilder people export that hold values here (billing_city, precinct_name, media_market_name, and 1 more), as a volunteer roster does not keep them\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, no := range []string{"is_donor", "donations_amount"} {
		if strings.Contains(out, no) {
			t.Errorf("output names %s, FALSE or $0.00 in every row:\n%s", no, out)
		}
	}
}

// TestImportWizardNamesColumnsNotRead: the import window's result says what the
// verb says of a NationBuilder export's columns not read, naming its own first
// step where the verb names --map.
func TestImportWizardNamesColumnsNotRead(t *testing.T) {
	w, f := wizardWindow(t)
	ui.ShowImportWizard(w, f, "volunteers", nbWithCustomFields(t), nil)
	tap(t, w, "Preview")
	tap(t, w, "Import")
	how := "to read one, choose the column of every field to read in the first step (The file)"
	mustSee(t, w, "not read: faith_leader, clergy_type, chapter, #Call Representatives, ?Web Design, !Phone Bank, tag:Request Contact, Languages spoken, Can host — "+how,
		"not read: 2 columns of the NationBuilder people export hold values here: employer (2 rows), availability (1 row) — the roster has no field for them",
		"left out: 4 other columns of the NationBuilder people export that hold values here (billing_city, precinct_name, media_market_name, and 1 more)")
}
