package importer_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// importCSV reads a roster export from text and imports it, failing on any problem.
func importCSV(t *testing.T, s *db.Store, text string, opts importer.Options) db.VolunteerImportSummary {
	t.Helper()
	in, err := importer.ReadVolunteersWith(strings.NewReader(text), opts)
	if err != nil || len(in.Problems) != 0 {
		t.Fatalf("read: %v %v", err, in.Problems)
	}
	sum, err := s.ImportVolunteers(context.Background(), db.VolunteerRows(in.Rows), db.ImportOptions{Format: in.Format.ID})
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// roster reads the roster as the export sees it.
func roster(t *testing.T, s *db.Store) []db.RosterRow {
	t.Helper()
	var rows []db.RosterRow
	if err := s.EachRosterVolunteer(context.Background(), func(r *db.RosterRow) error {
		rows = append(rows, *r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestImportLaterOptOut: a spreadsheet that says a person on the roster opted out of
// email and texts closes both (the tester's d2a.csv, then d2b.csv).
func TestImportLaterOptOut(t *testing.T) {
	const header = "first_name,last_name,email,do_not_email,text_opt_in\n"
	s := dbtest.Open(t)
	importCSV(t, s, header+"Pat,Em,pat@example.org,no,yes\n", importer.Options{})
	sum := importCSV(t, s, header+"Pat,Em,pat@example.org,yes,no\n", importer.Options{})
	if sum.Updated != 1 {
		t.Errorf("created %d, updated %d, unchanged %d; want 1 updated", sum.Created, sum.Updated, sum.Unchanged)
	}
	if r := roster(t, s); len(r) != 1 || r[0].OKEmail || r[0].OKText {
		t.Errorf("roster %+v; want Pat with email and texts closed", r)
	}
}
