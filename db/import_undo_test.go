package db_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

func rosterRow(line int, first, last, email, phone, system, ext string, tags, langs []string) db.IncomingVolunteer {
	v := db.NewVolunteer(first, last)
	v.Email, v.Phone, v.Tags, v.Languages = email, phone, tags, langs
	return db.IncomingVolunteer{Line: line, Volunteer: v, System: system, ExternalID: ext}
}

// externalIDs lists a volunteer's ids in other systems as "system:id".
func externalIDs(t *testing.T, s *db.Store, id int64) []string {
	t.Helper()
	raw := rawDB(t, s.Path())
	rows, err := raw.Query(`SELECT system || ':' || external_id FROM volunteer_external_ids WHERE volunteer_id = ? ORDER BY 1`, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var x string
		rows.Scan(&x)
		out = append(out, x)
	}
	return out
}

func TestUndoTakesBackWhatAnImportAddedToPeopleAlreadyThere(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	// Roster A: Ana with a tag and a language, Bo with a phone.
	a, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{
		rosterRow(2, "Ana", "Souza", "ana@example.org", "", "nationbuilder", "1", []string{"canvass"}, []string{"pt"}),
		rosterRow(3, "Bo", "Li", "bo@example.org", "617-555-0101", "nationbuilder", "2", nil, nil),
	}), db.ImportOptions{Format: "nationbuilder", Source: "a.csv"})
	if err != nil || a.Created != 2 {
		t.Fatalf("%+v %v", a, err)
	}
	found, _ := s.SearchVolunteers(ctx, "ana@example.org", 1)
	ana := found[0].ID
	found, _ = s.SearchVolunteers(ctx, "bo@example.org", 1)
	bo := found[0].ID
	before, _ := s.Volunteer(ctx, ana)

	// Roster B, another system: the same Ana (by email, in another letter case) with a
	// new tag, a tag she has, a new language and a phone where hers is empty; and Cy, new.
	b, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{
		rosterRow(2, "Ana", "Souza", "ANA@example.org", "617-555-0100", "actionnetwork", "x-9", []string{"canvass", "phonebank"}, []string{"pt", "es"}),
		rosterRow(3, "Cy", "Diaz", "cy@example.org", "", "actionnetwork", "x-10", []string{"phonebank"}, nil),
	}), db.ImportOptions{Format: "actionnetwork", Source: "b.csv"})
	if err != nil || b.Created != 1 || b.Updated != 1 {
		t.Fatalf("%+v %v", b, err)
	}
	after, _ := s.Volunteer(ctx, ana)
	if strings.Join(after.Tags, ",") != "canvass,phonebank" || strings.Join(after.Languages, ",") != "es,pt" ||
		after.PhoneE164 == "" || len(externalIDs(t, s, ana)) != 2 {
		t.Fatalf("after B: %+v, ids %v", after, externalIDs(t, s, ana))
	}

	if err := s.UndoImport(ctx, b.BatchID); err != nil {
		t.Fatal(err)
	}
	t.Run("Ana's tags, languages, ids and empty phone are as roster A left them", func(t *testing.T) {
		got, _ := s.Volunteer(ctx, ana)
		if !slices.Equal(got.Tags, before.Tags) || !slices.Equal(got.Languages, before.Languages) ||
			got.Phone != "" || got.PhoneE164 != "" {
			t.Errorf("after undo %+v, want %+v", got, before)
		}
		if ids := externalIDs(t, s, ana); !slices.Equal(ids, []string{"nationbuilder:1"}) {
			t.Errorf("external ids %v", ids)
		}
	})
	t.Run("roster A's own people and data are intact, and B's new person is in the trash", func(t *testing.T) {
		got, _ := s.Volunteer(ctx, bo)
		if got.PhoneE164 != "+16175550101" || got.Email != "bo@example.org" {
			t.Errorf("Bo %+v", got)
		}
		if n, _ := s.CountVolunteers(ctx, db.VolunteerFilter{}); n != 2 {
			t.Errorf("%d volunteers", n)
		}
		if hits, _ := s.SearchVolunteers(ctx, "cy@example.org", 1); len(hits) != 0 {
			t.Errorf("Cy still on the roster: %+v", hits)
		}
	})
	t.Run("roster B again matches and adds the same things again", func(t *testing.T) {
		again, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{
			rosterRow(2, "Ana", "Souza", "ana@example.org", "617-555-0100", "actionnetwork", "x-9", []string{"phonebank"}, []string{"es"}),
		}), db.ImportOptions{Format: "actionnetwork", Source: "b.csv"})
		if err != nil || again.Updated != 1 || again.Created != 0 {
			t.Fatalf("%+v %v", again, err)
		}
		got, _ := s.Volunteer(ctx, ana)
		if strings.Join(got.Tags, ",") != "canvass,phonebank" || len(externalIDs(t, s, ana)) != 2 {
			t.Errorf("%+v", got)
		}
	})
}

func TestUndoRestoresTheNameSearchFinds(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	id := dbtest.Volunteer(t, s, "", "Okafor", func(v *db.Volunteer) { v.Email = "chi@example.org" })
	sum, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{
		rosterRow(2, "Chinwe", "Okafor", "chi@example.org", "", "", "", nil, nil),
	}), db.ImportOptions{Source: "b.csv"})
	if err != nil || sum.Updated != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	if hits, _ := s.SearchVolunteers(ctx, "chinwe", 5); len(hits) != 1 {
		t.Fatalf("the filled first name is not found: %+v", hits)
	}
	if err := s.UndoImport(ctx, sum.BatchID); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Volunteer(ctx, id); v.FirstName != "" {
		t.Errorf("first name %q after undo", v.FirstName)
	}
	if hits, _ := s.SearchVolunteers(ctx, "chinwe", 5); len(hits) != 0 {
		t.Errorf("search still finds the undone first name: %+v", hits)
	}
}
