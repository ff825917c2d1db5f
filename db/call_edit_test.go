package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// storedCalls is every report of the table as "uuid office outcome stance notes".
func storedCalls(t *testing.T, s *db.Store) []string {
	t.Helper()
	r, err := dbtest.Raw(t, s.Path()).Query(`SELECT uuid || ' ' || office || ' ' || outcome || ' ' || stance_heard || ' ' || notes
		FROM call_reports ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var got []string
	for r.Next() {
		var c string
		if err := r.Scan(&c); err != nil {
			t.Fatal(err)
		}
		got = append(got, c)
	}
	return got
}

// A call report edited after it was imported (the volunteer corrected her notes, the
// office, what happened), exported again and imported again, is that report updated,
// keeping its UUID, and an undo of the import puts the old content back: it was added
// as a second report, and the whip count and the workbook counted the call twice
// (dupvar_notes.csv, dupvar_office.csv, dupvar_outcomefix.csv). Where the import
// cannot tell an edit from another call, it adds nothing unasked: the rows are listed
// as possible duplicates, and AddSimilar adds them.
func TestImportCallsEditedRowUpdatesItsReport(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2025, 6, 3, 10, 0, 0, 0, time.UTC)
	s3 := db.IncomingCall{Line: 4, CallerName: "Ann Lee", CallerEmail: "ann@example.org", Legislator: "Rep. Marc Lombardo",
		CalledAt: day, Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceLeaningYes, Notes: "s3"}
	other := s3
	other.Line, other.Legislator, other.Notes = 5, "Rep. Jo Ames", "another call"
	setup := func(t *testing.T) *db.Store {
		s := dbtest.Open(t)
		dbtest.Campaign(t, s)
		dbtest.Legislator(t, s, db.ChamberLower, "22nd Middlesex", "Marc Lombardo")
		dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Jo Ames")
		importCallsAgain(t, s, "first export", 2, s3, other)
		return s
	}
	notes := s3
	notes.Notes = "s3 edited"
	office := s3
	office.Office = db.OfficeDistrict
	outcome := s3
	outcome.Outcome = db.OutcomeSpokeLegislator
	for _, c := range []struct {
		name   string
		edited db.IncomingCall
		field  string
	}{{"the notes", notes, "notes"}, {"the office", office, "office"}, {"the outcome, which is in the key", outcome, "outcome"}} {
		t.Run("an edit of "+c.name+" updates the report", func(t *testing.T) {
			s := setup(t)
			before := storedCalls(t, s)
			for _, rows := range [][]db.IncomingCall{{c.edited, other}, {c.edited}} { // the whole export, or the edited row alone
				sum := importCallsAgain(t, s, "edited export", 0, rows...)
				if sum.Updated != 1 || len(sum.Edited) != 1 || !strings.Contains(sum.Edited[0].Reason, c.field) {
					t.Fatalf("%d updated, edited %+v; want 1, naming %s", sum.Updated, sum.Edited, c.field)
				}
				after := storedCalls(t, s)
				if len(after) != 2 || after[1] != before[1] || strings.Fields(after[0])[0] != strings.Fields(before[0])[0] || after[0] == before[0] {
					t.Fatalf("stored %q, want the first report (its UUID kept) edited:\nbefore %q", after, before)
				}
				again := importCallsAgain(t, s, "edited export again", 0, rows...)
				if again.Updated != 0 || len(again.Similar) != 0 {
					t.Errorf("again: %d updated, similar %+v; want nothing", again.Updated, again.Similar)
				}
				if _, err := s.UndoImport(ctx, sum.BatchID); err != nil {
					t.Fatal(err)
				}
				if got := storedCalls(t, s); strings.Join(got, "\n") != strings.Join(before, "\n") {
					t.Fatalf("after undo %q, want %q", got, before)
				}
			}
		})
	}
	t.Run("another call of the key beside its stored report is a report of its own", func(t *testing.T) {
		s := setup(t)
		sum := importCallsAgain(t, s, "both", 1, s3, office, other)
		if sum.Updated != 0 || len(sum.Similar) != 0 {
			t.Errorf("%d updated, similar %+v", sum.Updated, sum.Similar)
		}
	})
	t.Run("two rows that may edit two reports are listed, not added", func(t *testing.T) {
		s := setup(t)
		importCallsAgain(t, s, "both calls of the key", 1, s3, office)
		a, b := notes, office
		a.Line, b.Line, b.Notes = 2, 3, "district, edited"
		a.Cells, b.Cells = []string{"row a"}, []string{"row b"}
		sum := importCallsAgain(t, s, "both edited", 0, a, b)
		if sum.Updated != 0 || len(sum.Similar) != 2 || sum.Similar[0].Line != 2 || !strings.HasSuffix(sum.Similar[0].Reason, ", or another call: left out") {
			t.Fatalf("%d updated, similar %+v; want both listed", sum.Updated, sum.Similar)
		}
		// For the file of the rows left out (--skip-bad-rows), to be fixed and imported again.
		if got := sum.Similar[0].Cells; len(got) != 1 || got[0] != "row a" {
			t.Errorf("cells of the row left out %q, want its own", got)
		}
		if n := len(storedCalls(t, s)); n != 3 {
			t.Errorf("%d reports stored, want 3", n)
		}
		added, err := s.ImportCalls(ctx, []db.IncomingCall{a, b}, db.CallImportOptions{AddSimilar: true})
		if err != nil || added.Created != 2 {
			t.Fatalf("with AddSimilar: %v, %d created", err, added.Created)
		}
	})
	t.Run("an edit of the stance heard moves the whip count with UpdateStances", func(t *testing.T) {
		s := setup(t)
		no := s3
		no.StanceHeard = db.StanceNo
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{no}, db.CallImportOptions{UpdateStances: true})
		if err != nil || sum.Updated != 1 || sum.StanceChanges != 1 {
			t.Fatalf("%v: %d updated, %d stance changes", err, sum.Updated, sum.StanceChanges)
		}
		var st string
		if err := dbtest.Raw(t, s.Path()).QueryRow(`SELECT stance FROM stances s JOIN legislators l ON l.id = s.legislator_id
			WHERE l.name = 'Marc Lombardo'`).Scan(&st); err != nil || st != "no" {
			t.Errorf("whip count %q (%v), want no", st, err)
		}
	})
}

// A row with its report's own UUID (ChapterDesk's call export) edited in a
// spreadsheet updates that report, as an edit found by its key does, and an undo puts
// it back: it was counted unchanged, the edit dropped without a word. One whose UUID
// names a report of another legislator is left out and listed, the report kept.
func TestImportCallsOwnUUIDEdited(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "22nd Middlesex", "Marc Lombardo")
	dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Jo Ames")
	row := db.IncomingCall{Line: 2, CallerName: "Ann Lee", CallerEmail: "ann@example.org", Legislator: "Rep. Marc Lombardo",
		CalledAt: time.Date(2025, 6, 3, 10, 0, 0, 0, time.UTC), Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff, Notes: "s3"}
	importCallsAgain(t, s, "the form", 1, row)
	before := storedCalls(t, s)
	row.UUID = strings.Fields(before[0])[0]
	for _, c := range []struct {
		name string
		edit func(*db.IncomingCall)
	}{
		{"the notes", func(in *db.IncomingCall) { in.Notes = "s3, edited" }},
		{"the outcome", func(in *db.IncomingCall) { in.Outcome = db.OutcomeSpokeLegislator }},
		{"the stance heard", func(in *db.IncomingCall) { in.StanceHeard = db.StanceNo }},
	} {
		t.Run("an edit of "+c.name+" updates the report", func(t *testing.T) {
			edited := row
			c.edit(&edited)
			sum := importCallsAgain(t, s, "edited", 0, edited)
			if sum.Updated != 1 || sum.Unchanged != 0 || len(sum.Edited) != 1 || len(sum.Changes) != 1 || sum.Changes[0].Action != "update" {
				t.Fatalf("%d updated, %d unchanged, edited %+v, changes %+v", sum.Updated, sum.Unchanged, sum.Edited, sum.Changes)
			}
			if got := storedCalls(t, s); got[0] == before[0] || strings.Fields(got[0])[0] != row.UUID {
				t.Fatalf("stored %q", got)
			}
			if again := importCallsAgain(t, s, "again", 0, edited); again.Updated != 0 || again.Unchanged != 1 {
				t.Errorf("again: %d updated, %d unchanged", again.Updated, again.Unchanged)
			}
			if _, err := s.UndoImport(ctx, sum.BatchID); err != nil {
				t.Fatal(err)
			}
			if got := storedCalls(t, s); strings.Join(got, "\n") != strings.Join(before, "\n") {
				t.Fatalf("after undo %q, want %q", got, before)
			}
		})
	}
	t.Run("a row naming another legislator is left out, listed", func(t *testing.T) {
		moved := row
		moved.Legislator, moved.Notes, moved.Cells = "Rep. Jo Ames", "to Jo", []string{"the row"}
		sum := importCallsAgain(t, s, "moved", 0, moved)
		if sum.Updated != 0 || len(sum.Moved) != 1 || !strings.Contains(sum.Moved[0].Reason, "another legislator") || len(sum.Moved[0].Cells) != 1 {
			t.Fatalf("%d updated, moved %+v", sum.Updated, sum.Moved)
		}
		if got := storedCalls(t, s); strings.Join(got, "\n") != strings.Join(before, "\n") {
			t.Fatalf("stored %q, want %q", got, before)
		}
	})
}

// A row of ChapterDesk's call export (the report's own UUID) that names another
// caller than its report, by the volunteer UUID, the email or the name, and holds
// the same otherwise, was counted unchanged: the edit dropped without a word. It is
// left out and listed as a row moved, the report kept as it is; the same row with
// its caller as exported is unchanged.
func TestImportCallsOwnUUIDAnotherCaller(t *testing.T) {
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "22nd Middlesex", "Marc Lombardo")
	dbtest.Volunteer(t, s, "Bob", "Roe", func(v *db.Volunteer) { v.Email = "bob@example.org" })
	row := db.IncomingCall{Line: 2, CallerName: "Ann Lee", CallerEmail: "ann@example.org", Legislator: "Rep. Marc Lombardo",
		CalledAt: time.Date(2025, 6, 3, 10, 0, 0, 0, time.UTC), Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff, Notes: "s3"}
	later := row
	later.Line, later.CalledAt, later.Notes = 3, row.CalledAt.Add(time.Hour), "s4"
	importCallsAgain(t, s, "the form", 2, row, later)
	before := storedCalls(t, s)
	uuids := map[string]string{}
	for _, v := range dbtest.Roster(t, s) {
		uuids[v.Email] = v.UUID
	}
	row.UUID, row.CallerUUID = strings.Fields(before[0])[0], uuids["ann@example.org"]
	later.UUID, later.CallerUUID = strings.Fields(before[1])[0], uuids["ann@example.org"]
	if sum := importCallsAgain(t, s, "as exported", 0, row, later); sum.Unchanged != 2 || len(sum.Moved) != 0 {
		t.Fatalf("as exported: %d unchanged, moved %+v", sum.Unchanged, sum.Moved)
	}
	t.Run("imported into another file, whose roster has not the volunteer's UUID, and again", func(t *testing.T) {
		other := dbtest.Open(t)
		dbtest.Campaign(t, other)
		dbtest.Legislator(t, other, db.ChamberLower, "22nd Middlesex", "Marc Lombardo")
		importCallsAgain(t, other, "into another file", 1, row)
		if sum := importCallsAgain(t, other, "again", 0, row); sum.Unchanged != 1 || len(sum.Moved) != 0 || len(sum.Similar) != 0 {
			t.Fatalf("again: %d unchanged, moved %+v", sum.Unchanged, sum.Moved)
		}
	})
	for _, c := range []struct {
		name string
		edit func(*db.IncomingCall)
	}{
		{"all the caller's columns", func(in *db.IncomingCall) {
			in.CallerUUID, in.CallerName, in.CallerEmail = uuids["bob@example.org"], "Bob Roe", "bob@example.org"
		}},
		{"the name and email, the volunteer UUID cleared", func(in *db.IncomingCall) {
			in.CallerUUID, in.CallerName, in.CallerEmail = "", "Bob Roe", "bob@example.org"
		}},
		{"the name and email, the volunteer UUID left", func(in *db.IncomingCall) {
			in.CallerName, in.CallerEmail = "Bob Roe", "bob@example.org"
		}},
		{"the name alone", func(in *db.IncomingCall) { in.CallerUUID, in.CallerName = "", "Ann Leigh" }},
		{"the caller, and the notes", func(in *db.IncomingCall) {
			in.CallerUUID, in.CallerName, in.CallerEmail, in.Notes = "", "Bob Roe", "bob@example.org", "s3, edited"
		}},
	} {
		t.Run("an edit of "+c.name+" is left out, listed", func(t *testing.T) {
			edited := row
			c.edit(&edited)
			edited.Cells = []string{"the row"}
			sum := importCallsAgain(t, s, "edited", 0, later, edited)
			if sum.Unchanged != 1 || sum.Updated != 0 || len(sum.Moved) != 1 || !strings.Contains(sum.Moved[0].Reason, "caller") ||
				len(sum.Moved[0].Cells) != 1 {
				t.Fatalf("%d unchanged, %d updated, moved %+v; want the row listed as moved", sum.Unchanged, sum.Updated, sum.Moved)
			}
			if got := storedCalls(t, s); strings.Join(got, "\n") != strings.Join(before, "\n") {
				t.Fatalf("stored %q, want %q", got, before)
			}
		})
	}
}
