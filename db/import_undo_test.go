package db_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

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
	s := dbtest.OpenFile(t)
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

	if _, err := s.UndoImport(ctx, b.BatchID); err != nil {
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
	if _, err := s.UndoImport(ctx, sum.BatchID); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Volunteer(ctx, id); v.FirstName != "" {
		t.Errorf("first name %q after undo", v.FirstName)
	}
	if hits, _ := s.SearchVolunteers(ctx, "chinwe", 5); len(hits) != 0 {
		t.Errorf("search still finds the undone first name: %+v", hits)
	}
}

func TestUndoKeepsWhatWasRecordedSince(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	campaign := dbtest.Campaign(t, s)
	legs, err := s.ImportLegislators(ctx, []db.IncomingLegislator{
		incoming(2, "ocd-person/1", db.ChamberLower, "7th Hampden", "Aaron Saunders", "617-722-2320"),
	}, db.ImportOptions{State: "MA"})
	if err != nil {
		t.Fatal(err)
	}
	all, _ := s.Legislators(ctx)
	roster, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{
		rosterRow(2, "Ana", "Souza", "ana@example.org", "", "", "", nil, nil),
		rosterRow(3, "Cy", "Diaz", "cy@example.org", "", "", "", nil, nil),
	}), db.ImportOptions{Source: "roster.csv"})
	if err != nil {
		t.Fatal(err)
	}
	found, _ := s.SearchVolunteers(ctx, "ana@example.org", 1)
	ana := found[0].ID
	if _, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: campaign, LegislatorID: all[0].ID, VolunteerID: ana,
		CalledAt: time.Now().Add(-time.Hour), Outcome: db.OutcomeSpokeStaff}, false); err != nil {
		t.Fatal(err)
	}

	t.Run("legislators that calls recorded since cite refuse the undo, saying so", func(t *testing.T) {
		_, err := s.UndoImport(ctx, legs.BatchID)
		if !errors.Is(err, db.ErrConflict) || !strings.Contains(err.Error(), "1 call reports or stance changes recorded since") {
			t.Fatalf("got %v", err)
		}
		if after, _ := s.Legislators(ctx); len(after) != 1 {
			t.Errorf("%d legislators after a refused undo", len(after))
		}
	})
	t.Run("a volunteer who has made a call since goes to the trash, and can be restored from it", func(t *testing.T) {
		sum, err := s.UndoImport(ctx, roster.BatchID)
		if err != nil || sum.Deleted != 1 || sum.Trashed != 1 {
			t.Fatalf("%+v %v", sum, err)
		}
		trash, _ := s.Trash(ctx)
		if len(trash) != 1 || trash[0].ID != ana || trash[0].Kind != db.TrashVolunteers {
			t.Fatalf("trash %+v", trash)
		}
		if err := s.RestoreFromTrash(ctx, db.TrashVolunteers, ana); err != nil {
			t.Fatal(err)
		}
		if hits, _ := s.SearchVolunteers(ctx, "cy@example.org", 1); len(hits) != 0 {
			t.Errorf("Cy, who made no call, is still there: %+v", hits)
		}
	})
}

func TestUndoTakesTheImportsStanceChangesOutOfTheWhipCount(t *testing.T) {
	ctx := context.Background()
	s := dbtest.OpenFile(t)
	campaign := dbtest.Campaign(t, s)
	leg := dbtest.Legislator(t, s, db.ChamberLower, "7th Hampden", "Aaron Saunders")
	march := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: campaign, LegislatorID: leg, Stance: db.StanceUndecided,
		ChangedAt: march, ChangedBy: "the lead"}); err != nil {
		t.Fatal(err)
	}
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{
		{Line: 2, CallerName: "Ana Souza", Legislator: "Rep. Saunders", CalledAt: march.AddDate(0, 0, 1),
			Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceYes},
		{Line: 3, CallerName: "Bo Li", Legislator: "Rep. Saunders", CalledAt: march.AddDate(0, 0, 2),
			Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceNo},
	}, db.CallImportOptions{UpdateStances: true})
	if err != nil || sum.StanceChanges != 2 {
		t.Fatalf("%+v %v", sum, err)
	}
	undo, err := s.UndoImport(ctx, sum.BatchID)
	if err != nil || undo.StanceChanges != 2 || undo.Deleted != 4 {
		t.Fatalf("%+v %v", undo, err)
	}
	w, _ := s.WhipCount(ctx, campaign)
	if len(w.Legislators) != 1 || w.Legislators[0].Stance != db.StanceUndecided || w.Calls != 0 {
		t.Errorf("whip count after undo: %+v", w.Legislators)
	}
	if h, _ := s.StanceHistory(ctx, campaign, leg); len(h) != 1 {
		t.Errorf("history after undo: %+v", h)
	}
	t.Run("the lead's own history stays append-only", func(t *testing.T) {
		_, err := rawDB(t, s.Path()).Exec(`DELETE FROM stance_history`)
		if err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("deleting the history: %v", err)
		}
	})
}

func TestImportAgainBringsBackLegislatorsAnOlderUndoHid(t *testing.T) {
	ctx := context.Background()
	s := dbtest.OpenFile(t)
	file := []db.IncomingLegislator{incoming(2, "ocd-person/1", db.ChamberLower, "7th Hampden", "Aaron Saunders", "617-722-2320")}
	if _, err := s.ImportLegislators(ctx, file, db.ImportOptions{State: "MA"}); err != nil {
		t.Fatal(err)
	}
	// What an undo before version 0004 did: the legislator soft-deleted, out of every list.
	if _, err := rawDB(t, s.Path()).Exec(`UPDATE legislators SET deleted_at = unixepoch(), notes = 'met at the hearing'`); err != nil {
		t.Fatal(err)
	}
	sum, err := s.ImportLegislators(ctx, file, db.ImportOptions{State: "MA"})
	if err != nil || sum.Created != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	all, _ := s.Legislators(ctx)
	if len(all) != 1 || all[0].Notes != "met at the hearing" || all[0].CapitolPhone == "" {
		t.Fatalf("%+v", all)
	}
	if _, err := s.UndoImport(ctx, sum.BatchID); err != nil {
		t.Fatal(err)
	}
	if all, _ := s.Legislators(ctx); len(all) != 0 {
		t.Errorf("after undo: %+v", all)
	}
}
