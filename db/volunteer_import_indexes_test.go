package db_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportVolunteersIntoALiveRosterRebuildsItsIndexes: an import into a live
// roster (a file with call reports) that adds more volunteers than it held drops the
// roster's secondary indexes (and its tags', languages' and ids' elsewhere) and
// builds them again at the end: after as many rows as
// the roster held when the file's size is not known, from its thousandth row when it
// is. Its rows are written in batches. The file must come out whole, with every index
// back and no dangling reference, the new volunteers found by the searches that use
// them with their tags, languages and ids elsewhere, a later row of the same person
// (written while the first still waits in its batch) merged into it, a second import
// changing nothing, and undo taking them all out.
func TestImportVolunteersIntoALiveRosterRebuildsItsIndexes(t *testing.T) {
	defer db.SetDeferIndexAfter(100)()
	for _, expected := range []int{0, 1500} {
		t.Run(fmt.Sprintf("expected rows %d", expected), func(t *testing.T) {
			importIntoLiveRoster(t, expected)
		})
	}
}

func importIntoLiveRoster(t *testing.T, expected int) {
	ctx := context.Background()
	s := dbtest.OpenFile(t) // it counts SQLite's indexes
	campaign := dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Jo Ames")
	dbtest.Volunteer(t, s, "Rosa", "Almeida", func(v *db.Volunteer) { v.Email = "rosa@example.org" })
	if _, err := s.ImportCalls(ctx, []db.IncomingCall{{Line: 2, CallerName: "Rosa Almeida", CallerEmail: "rosa@example.org",
		Legislator: "Rep. Jo Ames", CalledAt: time.Date(2026, 11, 18, 18, 0, 0, 0, time.UTC), Office: db.OfficeCapitol,
		Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceUnknown}}, db.CallImportOptions{CampaignID: campaign}); err != nil {
		t.Fatal(err)
	}
	raw := dbtest.Raw(t, s.Path())
	indexes := func() int {
		var n int
		if err := raw.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
			AND tbl_name IN ('volunteers', 'volunteer_tags', 'volunteer_languages', 'volunteer_external_ids')`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := indexes()
	const people = 1200
	var rows []db.IncomingVolunteer
	var later []db.IncomingVolunteer // the same person again, three rows on
	for i := range people {
		v := db.NewVolunteer(fmt.Sprintf("Ana%d", i), fmt.Sprintf("Souza%d", i))
		v.Email, v.Phone, v.Zip, v.State = fmt.Sprintf("ana%d@example.org", i), fmt.Sprintf("(617) 555-%04d", i), "02134", "MA"
		v.Tags, v.Languages = []string{"phone bank", fmt.Sprintf("team %d", i%3)}, []string{"pt"}
		rows = append(rows, db.IncomingVolunteer{Volunteer: v, System: "nationbuilder", ExternalID: fmt.Sprint(1000 + i)})
		if (i%100 == 10 || i%100 == 99) && len(later) > 0 {
			rows, later = append(rows, later...), nil
		}
		// Three rows on, the first is waiting in its batch; fifty rows on, its batch
		// may be written.
		if i%100 == 7 || i%100 == 50 { // with a city and a skill more
			again := v
			again.City, again.Tags, again.Skills = "Boston", nil, []string{"Spanish"}
			later = append(later, db.IncomingVolunteer{Volunteer: again, System: "nationbuilder", ExternalID: fmt.Sprint(1000 + i)})
		}
	}
	for i := range rows {
		rows[i].Line = i + 2
	}
	sum, err := s.ImportVolunteers(ctx, db.VolunteerRows(rows), db.ImportOptions{Format: "nationbuilder", ExpectedRows: expected})
	if err != nil || sum.Created != people || sum.Merged != 2*people/100 {
		t.Fatalf("%d created, %d merged, %v", sum.Created, sum.Merged, err)
	}
	if got := indexes(); got != before {
		t.Errorf("%d indexes on the roster's tables after the import, %d before", got, before)
	}
	var ok string
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity check: %q %v", ok, err)
	}
	if r, err := raw.Query(`PRAGMA foreign_key_check`); err != nil {
		t.Fatal(err)
	} else {
		for r.Next() {
			var table, parent string
			var rowid, fk sql.NullInt64
			r.Scan(&table, &rowid, &parent, &fk)
			t.Errorf("a row of %s (%v) names a %s that is not there", table, rowid, parent)
		}
		r.Close()
	}
	for _, q := range []string{"ana1199@example.org", "Souza250", "(617) 555-0280"} {
		if found, err := s.SearchVolunteers(ctx, q, 5); err != nil || len(found) != 1 {
			t.Errorf("search %q: %d found, %v", q, len(found), err)
		}
	}
	var links [3]int
	if err := raw.QueryRow(`SELECT (SELECT count(*) FROM volunteer_tags), (SELECT count(*) FROM volunteer_languages),
		(SELECT count(*) FROM volunteer_external_ids)`).Scan(&links[0], &links[1], &links[2]); err != nil {
		t.Fatal(err)
	}
	if want := [3]int{2*people + 2*people/100, people, people}; links != want {
		t.Errorf("tags, languages, external ids: %v, want %v", links, want)
	}
	for _, email := range []string{"ana707@example.org", "ana750@example.org"} {
		found, err := s.SearchVolunteers(ctx, email, 5)
		if err != nil || len(found) != 1 {
			t.Fatalf("%s: %d found, %v", email, len(found), err)
		}
		if v, err := s.Volunteer(ctx, found[0].ID); err != nil || v.City != "Boston" || len(v.Skills) != 1 || len(v.Tags) != 2 {
			t.Errorf("%s, merged from two rows: city %q, skills %v, tags %v, %v", email, v.City, v.Skills, v.Tags, err)
		}
	}
	// The first import gave each row it created its UUID: read again, such a row is
	// of the app's own export, and the first of a person's two rows, without the
	// city the second gave, is listed as a cell emptied (the roster keeping it).
	again, err := s.ImportVolunteers(ctx, db.VolunteerRows(rows), db.ImportOptions{Format: "nationbuilder", ExpectedRows: expected})
	if err != nil || again.Created != 0 || again.Updated != 0 || again.Unchanged+again.Merged+again.Differ != len(rows) {
		t.Errorf("again: %d created, %d updated, %d unchanged, %d differ, %d merged, %v", again.Created, again.Updated, again.Unchanged, again.Differ, again.Merged, err)
	}
	for _, c := range again.Conflicts {
		if c.Field != "city" || c.InFile != "" || c.Taken {
			t.Errorf("again: %+v listed", c)
		}
	}
	if _, err := s.UndoImport(ctx, sum.BatchID); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountVolunteers(ctx, db.VolunteerFilter{}); n != 1 {
		t.Errorf("%d volunteers after undo, want 1", n)
	}
}

// TestImportVolunteersStopsWhenCancelled: the one-row statements of a load run
// without the context's cancellation (see Loader.rowContext), so the load itself
// must stop once the context is cancelled, with nothing written: at the next row
// into a live roster, at the next batch into a small one.
func TestImportVolunteersStopsWhenCancelled(t *testing.T) {
	for _, live := range []bool{true, false} {
		t.Run(fmt.Sprintf("live %v", live), func(t *testing.T) {
			s := dbtest.Open(t)
			dbtest.Volunteer(t, s, "Rosa", "Almeida", func(v *db.Volunteer) { v.Email = "rosa@example.org" })
			if live { // a file with call reports: the load goes into the live indexes
				campaign := dbtest.Campaign(t, s)
				dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Jo Ames")
				if _, err := s.ImportCalls(context.Background(), []db.IncomingCall{{Line: 2, CallerName: "Rosa Almeida",
					CallerEmail: "rosa@example.org", Legislator: "Rep. Jo Ames", CalledAt: time.Date(2026, 11, 18, 18, 0, 0, 0, time.UTC),
					Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceUnknown}},
					db.CallImportOptions{CampaignID: campaign}); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var added int
			src := func(fn func(*db.IncomingVolunteer) error) error {
				for i := range 500 {
					if i == 50 {
						cancel()
					}
					v := db.NewVolunteer(fmt.Sprintf("Ana%d", i), "Souza")
					v.Email = fmt.Sprintf("ana%d@example.org", i)
					if err := fn(&db.IncomingVolunteer{Line: i + 2, Volunteer: v}); err != nil {
						return err
					}
					added++
				}
				return nil
			}
			_, err := s.ImportVolunteers(ctx, src, db.ImportOptions{Format: "csv"})
			// Into a small roster the error may instead be the transaction's, which
			// database/sql rolls back as soon as the context ends ("statement is closed").
			if err == nil || live && !errors.Is(err, context.Canceled) || added >= 500 || live && added != 50 {
				t.Fatalf("%d rows taken after the cancel at row 50, error %v", added, err)
			}
			if n, _ := s.CountVolunteers(context.Background(), db.VolunteerFilter{}); n != 1 {
				t.Errorf("%d volunteers after a cancelled import, want 1", n)
			}
		})
	}
}
