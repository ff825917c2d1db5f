package db_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// trashFixture is a chapter with a volunteer, two of their calls and the starter
// campaign's FAQ, for the trash tests.
type trashFixture struct {
	s                 *db.Store
	camp, leg         int64
	ana, rosa         int64
	call1, call2, cit int64 // cit is a call whose stance heard moved the whip count
	faq               int64
	question          string
}

func newTrashFixture(t *testing.T) trashFixture {
	t.Helper()
	ctx := context.Background()
	f := trashFixture{s: dbtest.Open(t)}
	f.camp = dbtest.Campaign(t, f.s)
	f.leg = dbtest.Legislator(t, f.s, db.ChamberLower, "26th Middlesex", "Jane Doe")
	f.ana = dbtest.Volunteer(t, f.s, "Ana", "Souza", func(v *db.Volunteer) { v.Email = "ana@example.org" })
	f.rosa = dbtest.Volunteer(t, f.s, "Rosa", "Medeiros", func(v *db.Volunteer) { v.RecruiterID = f.ana })
	call := func(stance db.Stance) int64 {
		t.Helper()
		id, err := f.s.CreateCallReport(ctx, db.CallReport{CampaignID: f.camp, LegislatorID: f.leg, VolunteerID: f.ana,
			Outcome: db.OutcomeSpokeStaff, StanceHeard: stance, CalledAt: time.Date(2026, 3, 4, 15, 0, 0, 0, time.Local)}, true)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	f.call1, f.call2, f.cit = call(""), call(""), call(db.StanceLeaningYes)
	c, err := f.s.Campaign(ctx, f.camp)
	if err != nil || len(c.FAQ) == 0 || len(c.FAQ[0].Entries) == 0 {
		t.Fatalf("starter campaign FAQ: %v", err)
	}
	e := c.FAQ[0].Entries[0]
	f.faq, f.question = e.ID, e.Question.In(c.DefaultLang, "")
	return f
}

// trashThree puts a volunteer, one of their calls and an FAQ entry in the trash.
func (f trashFixture) trashThree(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	if _, err := f.s.TrashCallReport(ctx, f.call1); err != nil {
		t.Fatal(err)
	}
	must(t, f.s.TrashFAQEntry(ctx, f.faq))
	must(t, f.s.TrashVolunteer(ctx, f.ana))
}

func TestTrash(t *testing.T) {
	ctx := context.Background()

	t.Run("lists trashed volunteers, call reports and FAQ entries with a label a person reads", func(t *testing.T) {
		f := newTrashFixture(t)
		f.trashThree(t)
		items, err := f.s.Trash(ctx)
		if err != nil {
			t.Fatal(err)
		}
		labels := map[db.TrashKind]string{}
		for _, it := range items {
			labels[it.Kind] = it.Label
			if it.DeletedAt.IsZero() || time.Since(it.DeletedAt) > time.Minute {
				t.Errorf("%s deleted at %v", it.Kind, it.DeletedAt)
			}
		}
		if len(items) != 3 || labels[db.TrashVolunteers] != "Ana Souza <ana@example.org>" ||
			labels[db.TrashCallReports] != "call to Rep. Jane Doe on 2026-03-04 by Ana Souza" ||
			labels[db.TrashFAQEntries] != f.question || f.question == "" {
			t.Errorf("trash %+v", items)
		}
	})

	t.Run("trashed records leave search, lists, counts, the whip count and the FAQ", func(t *testing.T) {
		f := newTrashFixture(t)
		f.trashThree(t)
		if rows, _ := f.s.SearchVolunteers(ctx, "souza", 10); len(rows) != 0 {
			t.Errorf("search finds %v", rows)
		}
		if rows, _ := f.s.ListVolunteers(ctx, db.VolunteerFilter{}, 0, 100); len(rows) != 1 {
			t.Errorf("roster %v", rows)
		}
		if n, _ := f.s.CountVolunteers(ctx, db.VolunteerFilter{}); n != 1 {
			t.Errorf("count %d", n)
		}
		if rows, _ := f.s.ListCallReports(ctx, db.CallFilter{}, 0, 100); len(rows) != 2 {
			t.Errorf("calls %v", rows)
		}
		counts, _ := f.s.Counts(ctx)
		if countOf(counts, "volunteers") != 1 || countOf(counts, "call_reports") != 2 || countOf(counts, "trash") != 3 {
			t.Errorf("counts %v", counts)
		}
		w, _ := f.s.WhipCount(ctx, f.camp)
		if w.Calls != 2 {
			t.Errorf("whip count calls %d, want 2", w.Calls)
		}
		c, _ := f.s.Campaign(ctx, f.camp)
		for _, sec := range c.FAQ {
			for _, e := range sec.Entries {
				if e.ID == f.faq {
					t.Errorf("trashed FAQ entry still in the campaign")
				}
			}
		}
	})

	t.Run("restores each kind, and refuses what is not in the trash", func(t *testing.T) {
		f := newTrashFixture(t)
		f.trashThree(t)
		for _, it := range []struct {
			kind db.TrashKind
			id   int64
		}{{db.TrashVolunteers, f.ana}, {db.TrashCallReports, f.call1}, {db.TrashFAQEntries, f.faq}} {
			must(t, f.s.RestoreFromTrash(ctx, it.kind, it.id))
			if err := f.s.RestoreFromTrash(ctx, it.kind, it.id); !errors.Is(err, db.ErrNotFound) {
				t.Errorf("restoring %s %d twice: %v", it.kind, it.id, err)
			}
		}
		if items, _ := f.s.Trash(ctx); len(items) != 0 {
			t.Errorf("trash after restoring: %v", items)
		}
		if _, err := f.s.Volunteer(ctx, f.ana); err != nil {
			t.Errorf("restored volunteer: %v", err)
		}
		if err := f.s.RestoreFromTrash(ctx, "legislator", 1); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("unknown kind: %v", err)
		}
	})

	t.Run("emptying deletes the trash for good and keeps every live row consistent", func(t *testing.T) {
		f := newTrashFixture(t)
		f.trashThree(t)
		if _, err := f.s.TrashCallReport(ctx, f.cit); err != nil {
			t.Fatal(err)
		}
		n, err := f.s.EmptyTrash(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n != 3 {
			t.Errorf("emptied %d records, want 3 (call, FAQ entry, volunteer)", n)
		}
		items, _ := f.s.Trash(ctx)
		if len(items) != 1 || items[0].ID != f.cit || items[0].Kept == "" {
			t.Errorf("left in the trash: %+v; want the report the stance history cites, with why", items)
		}
		if err := f.s.RestoreVolunteer(ctx, f.ana); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("emptied volunteer restores: %v", err)
		}
		calls, _ := f.s.ListCallReports(ctx, db.CallFilter{}, 0, 10)
		if len(calls) != 1 || calls[0].ID != f.call2 || calls[0].VolunteerID != 0 {
			t.Errorf("live calls %+v: want call %d kept, caller unknown", calls, f.call2)
		}
		rosa, err := f.s.Volunteer(ctx, f.rosa)
		if err != nil || rosa.RecruiterID != 0 {
			t.Errorf("recruited volunteer %+v, %v", rosa, err)
		}
		w, _ := f.s.WhipCount(ctx, f.camp)
		// The count stood on cit, in the trash: it went back to the stance before it (t9).
		if w.Calls != 1 || w.Legislators[0].Stance != db.StanceUnknown {
			t.Errorf("whip count %+v", w.Legislators)
		}
		checkForeignKeys(t, f.s.Path())
		if n, err := f.s.EmptyTrash(ctx); err != nil || n != 0 {
			t.Errorf("emptying again: %d, %v", n, err)
		}
	})

	t.Run("emptying a large trash uses lookup indexes it does not leave behind", func(t *testing.T) {
		f := newTrashFixture(t)
		for i := range 30 {
			v := dbtest.Volunteer(t, f.s, "Many", fmt.Sprint(i), func(v *db.Volunteer) { v.RecruiterID = f.rosa })
			for _, trash := range []bool{false, true} {
				id, err := f.s.CreateCallReport(ctx, db.CallReport{CampaignID: f.camp, LegislatorID: f.leg, VolunteerID: v,
					Outcome: db.OutcomeBusy}, false)
				must(t, err)
				if trash {
					if _, err := f.s.TrashCallReport(ctx, id); err != nil {
						t.Fatal(err)
					}
				}
			}
			must(t, f.s.TrashVolunteer(ctx, v))
		}
		if n, err := f.s.EmptyTrash(ctx); err != nil || n != 60 {
			t.Fatalf("emptied %d, %v; want 60", n, err)
		}
		checkForeignKeys(t, f.s.Path())
		raw := dbtest.Raw(t, f.s.Path())
		var left int
		if _, err := os.Stat(f.s.Path()); err == nil {
			raw.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name LIKE 'empty_trash_%'`).Scan(&left)
		} else {
			raw.QueryRow(`SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'empty_trash_%'`).Scan(&left)
		}
		if calls, _ := f.s.ListCallReports(ctx, db.CallFilter{}, 0, 100); len(calls) != 33 || left != 0 {
			t.Errorf("%d live calls (want 33), %d lookup indexes left", len(calls), left)
		}
	})

	t.Run("reads the kinds a person types", func(t *testing.T) {
		for in, want := range map[string]db.TrashKind{"volunteer": db.TrashVolunteers, "Calls": db.TrashCallReports, "faq": db.TrashFAQEntries} {
			if got, err := db.ParseTrashKind(in); err != nil || got != want {
				t.Errorf("%q: %q, %v", in, got, err)
			}
		}
		var ve *db.ValidationError
		if _, err := db.ParseTrashKind("legislator"); !errors.As(err, &ve) {
			t.Errorf("legislator: %v", err)
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// checkForeignKeys fails the test when any row of the file points at a row that is gone.
func checkForeignKeys(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		return // a server: its foreign keys are checked at every write
	}
	rows, err := dbtest.Raw(t, path).Query(`PRAGMA foreign_key_check`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var bad []string
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			t.Fatal(err)
		}
		bad = append(bad, table+"→"+parent)
	}
	if len(bad) > 0 {
		t.Errorf("dangling references: %s", strings.Join(bad, ", "))
	}
}
