package db_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// The legislature before and after a special election, as tester t3's F2 had it:
// Rep. Judith García became Senator for First Suffolk, Sen. Nick Collins left, Mike
// Moran moved to the 19th Suffolk, Aaron Saunders left and Jane Newcomer holds 7th
// Hampden.
func oldLegislature() []db.IncomingLegislator {
	return []db.IncomingLegislator{
		{Line: 2, Legislator: db.Legislator{OpenStatesID: "ocd-person/c", Chamber: db.ChamberUpper, District: "First Suffolk", Name: "Nick Collins", InOffice: true}},
		{Line: 3, Legislator: db.Legislator{OpenStatesID: "ocd-person/e", Chamber: db.ChamberUpper, District: "Second Suffolk", Name: "Liz Miranda", InOffice: true}},
		{Line: 4, Legislator: db.Legislator{OpenStatesID: "ocd-person/g", Chamber: db.ChamberLower, District: "11th Suffolk", Name: "Judith García", InOffice: true}},
		{Line: 5, Legislator: db.Legislator{OpenStatesID: "ocd-person/m", Chamber: db.ChamberLower, District: "18th Suffolk", Name: "Mike Moran", InOffice: true}},
		{Line: 6, Legislator: db.Legislator{OpenStatesID: "ocd-person/s", Chamber: db.ChamberLower, District: "7th Hampden", Name: "Aaron Saunders", InOffice: true}},
	}
}

func newLegislature() []db.IncomingLegislator {
	return []db.IncomingLegislator{
		{Line: 2, Legislator: db.Legislator{OpenStatesID: "ocd-person/e", Chamber: db.ChamberUpper, District: "Second Suffolk", Name: "Liz Miranda", InOffice: true}},
		{Line: 3, Legislator: db.Legislator{OpenStatesID: "ocd-person/g", Chamber: db.ChamberUpper, District: "First Suffolk", Name: "Judith García", InOffice: true}},
		{Line: 4, Legislator: db.Legislator{OpenStatesID: "ocd-person/m", Chamber: db.ChamberLower, District: "19th Suffolk", Name: "Mike Moran", InOffice: true}},
		{Line: 5, Legislator: db.Legislator{OpenStatesID: "ocd-person/n", Chamber: db.ChamberLower, District: "7th Hampden", Name: "Jane Newcomer", InOffice: true}},
	}
}

// inOffice lists a store's legislators in office, "chamber|district|name", sorted.
func inOffice(t *testing.T, s *db.Store) []string {
	t.Helper()
	got, err := db.QueryStrings(context.Background(), s, `SELECT chamber || '|' || district || '|' || name FROM legislators
		WHERE in_office = 1 AND deleted_at IS NULL ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// legislatureFiles gives a store (this backend) with the old legislature, and a
// chapter's file that imported the old, then the new one with --retire-missing; the
// file's list is then made the newer, or the two made impossible to order, by
// edits run on each (here, file) after the imports.
func legislatureFiles(t *testing.T, here, file []string) (*db.Store, string) {
	t.Helper()
	ctx := context.Background()
	s := dbtest.Open(t)
	if _, err := s.ImportLegislators(ctx, oldLegislature(), db.ImportOptions{State: "MA", Source: "ma.csv"}); err != nil {
		t.Fatal(err)
	}
	path := dbtest.File(t)
	b, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, err := b.ImportLegislators(ctx, oldLegislature(), db.ImportOptions{State: "MA", Source: "ma.csv"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.ImportLegislators(ctx, newLegislature(), db.ImportOptions{State: "MA", Source: "ma.csv", RetireMissing: true}); err != nil {
		t.Fatal(err)
	}
	for _, q := range here {
		if err := db.WriteRaw(ctx, s, q); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range file {
		if err := db.WriteRaw(ctx, b, q); err != nil {
			t.Fatal(err)
		}
	}
	return s, path
}

// A chapter's file whose legislators' list is newer (tester t3, F2): the merge
// brings the whole list, moves and departures alike, each named; not a departure
// alone, which left First Suffolk with no senator while García was counted in the
// House. Merging again changes nothing; undo puts the old list back.
func TestMergeTakesTheNewerLegislatorList(t *testing.T) {
	ctx := context.Background()
	s, path := legislatureFiles(t, []string{`UPDATE legislators SET updated_at = updated_at - 100`}, nil)
	before := inOffice(t, s)
	b, err := db.Open(ctx, path, db.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	want := inOffice(t, b)
	b.Close()
	res, err := s.Merge(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if got := inOffice(t, s); !slices.Equal(got, want) {
		t.Errorf("in office after the merge:\n%q\nwant the file's:\n%q\n%s", got, want, res)
	}
	said := res.String()
	for _, w := range []string{"Nick Collins (First Suffolk)", "Aaron Saunders (7th Hampden)",
		"Judith García: House 11th Suffolk → Senate First Suffolk", "Mike Moran: House 18th Suffolk → House 19th Suffolk"} {
		if !strings.Contains(said, w) {
			t.Errorf("the merge does not say %q:\n%s", w, said)
		}
	}
	again, err := s.Merge(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if again.Total() != 0 || len(again.Retired)+len(again.Moved) != 0 {
		t.Errorf("merged again: %s", again)
	}
	if _, err := s.UndoImport(ctx, res.BatchID); err != nil {
		t.Fatal(err)
	}
	if got := inOffice(t, s); !slices.Equal(got, before) {
		t.Errorf("after undo:\n%q\nwant:\n%q", got, before)
	}
}

// Two lists that cannot be ordered, the file's changes and this one's in the same
// second, or each newer on another member: the merge takes none of the file's, not
// a departure here and a member there (the House reached 159 with 7th Hampden
// doubled), keeps the list here whole, and says how to bring it up to date.
func TestMergeKeepsAListItCannotOrder(t *testing.T) {
	for _, tc := range []struct {
		name       string
		here, file []string
	}{
		{"same second", []string{`UPDATE legislators SET updated_at = 1800000000`},
			[]string{`UPDATE legislators SET updated_at = 1800000000`}},
		{"both changed", []string{`UPDATE legislators SET updated_at = updated_at - 100`,
			`UPDATE legislators SET district = '20th Suffolk', updated_at = updated_at + 1000 WHERE name = 'Mike Moran'`}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			s, path := legislatureFiles(t, tc.here, tc.file)
			before := inOffice(t, s)
			res, err := s.Merge(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if got := inOffice(t, s); !slices.Equal(got, before) {
				t.Errorf("in office after the merge:\n%q\nwant the list here kept whole:\n%q\n%s", got, before, res)
			}
			said := res.String()
			if len(res.Retired)+len(res.Moved) != 0 || !strings.Contains(said, "import legislators") ||
				!strings.Contains(said, "Judith García") {
				t.Errorf("the merge said:\n%s", said)
			}
		})
	}
}

// A backup of a server's chapter brings new records only: a newer list of
// legislators imported into the copy does not come back to the server's (the
// owner imports the list there), nor half of it, a newcomer in office beside the
// member the copy retired; the merge says so.
func TestMergeOfABackupLeavesTheServersLegislators(t *testing.T) {
	ctx := context.Background()
	s := dbtest.OpenServer(t)
	if _, err := s.ImportLegislators(ctx, oldLegislature(), db.ImportOptions{State: "MA", Source: "ma.csv"}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "canvass.db")
	if err := s.Backup(ctx, file); err != nil {
		t.Fatal(err)
	}
	f, err := db.Open(ctx, file, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.ImportLegislators(ctx, newLegislature(), db.ImportOptions{State: "MA", Source: "ma.csv", RetireMissing: true}); err != nil {
		t.Fatal(err)
	}
	if err := db.WriteRaw(ctx, f, `UPDATE legislators SET updated_at = updated_at + 100`); err != nil {
		t.Fatal(err)
	}
	f.Close()
	before := inOffice(t, s)
	res, err := s.Merge(ctx, file)
	if err != nil {
		t.Fatal(err)
	}
	if got := inOffice(t, s); !slices.Equal(got, before) {
		t.Errorf("in office on the server after the backup's merge:\n%q\nwant:\n%q\n%s", got, before, res)
	}
	if said := res.String(); !res.Backup || !strings.Contains(said, "a backup brings new records only") || !strings.Contains(said, "import legislators") {
		t.Errorf("the merge said:\n%s", said)
	}
}
