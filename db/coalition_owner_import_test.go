package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// ownerChapter is the chapter the server's owner works on (its is_self chapter),
// which the owner's imports go to.
func ownerChapter(t *testing.T, sc *coalScene) int64 {
	t.Helper()
	var id int64
	if err := sc.admin.QueryRow(context.Background(), `SELECT id FROM chapters WHERE is_self = 1`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if id == sc.a.ID || id == sc.b.ID {
		t.Fatalf("the owner's chapter is one of the scene's leads' chapters (%d)", id)
	}
	return id
}

// The owner is not held by row-level security, so its import read every chapter's
// roster: a row with the email of chapter A's Ann, or the NationBuilder id of chapter
// B's Ben, updated Ann or Ben (another chapter's person, silently) instead of adding
// the owner's chapter's own volunteer. Its import matches its own chapter's people
// only, as a lead's does.
func TestCoalitionOwnerImportMatchesOwnChapter(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	own := ownerChapter(t, sc)
	if _, err := sc.admin.Exec(ctx, `INSERT INTO volunteer_external_ids (volunteer_id, system, external_id)
		VALUES ($1, 'nationbuilder', '4242')`, sc.volB); err != nil {
		t.Fatal(err)
	}
	ann := db.NewVolunteer("Ann", "Archer")
	ann.Email, ann.Phone, ann.Notes = "ann@example.org", "508-555-0101", "owner's note"
	ben := db.NewVolunteer("Benjamin", "Baker")
	ben.Email = "benjamin@example.net"
	rows := []db.IncomingVolunteer{{Line: 2, Volunteer: ann},
		{Line: 3, Volunteer: ben, System: "nationbuilder", ExternalID: "4242"}}
	sum, err := sc.s.ImportVolunteers(ctx, db.VolunteerRows(rows), db.ImportOptions{Source: "nb.csv"})
	if err != nil || sum.Created != 2 {
		t.Errorf("the owner's import of two people new to its chapter: %+v, %v; want 2 created", sum.ImportSummary, err)
	}
	for _, v := range []struct {
		id      int64
		chapter int64
		email   string
	}{{sc.volA, sc.a.ID, "ann@example.org"}, {sc.volB, sc.b.ID, "ben@example.org"}} {
		var chapter int64
		var email, notes string
		if err := sc.admin.QueryRow(ctx, `SELECT chapter_id, email, notes FROM volunteers WHERE id = $1`, v.id).
			Scan(&chapter, &email, &notes); err != nil {
			t.Fatal(err)
		}
		if chapter != v.chapter || email != v.email || notes != "private note" {
			t.Errorf("another chapter's volunteer %d after the owner's import: chapter %d, email %q, notes %q",
				v.id, chapter, email, notes)
		}
	}
	var mine, ids int
	if err := sc.admin.QueryRow(ctx, `SELECT (SELECT count(*) FROM volunteers WHERE chapter_id = $1),
		(SELECT count(*) FROM volunteer_external_ids e JOIN volunteers v ON v.id = e.volunteer_id
			WHERE v.chapter_id = $1 AND e.external_id = '4242')`, own).Scan(&mine, &ids); err != nil {
		t.Fatal(err)
	}
	if mine != 2 || ids != 1 {
		t.Errorf("the owner's chapter: %d volunteers, %d with NationBuilder id 4242; want 2 and 1", mine, ids)
	}
	again, err := sc.s.ImportVolunteers(ctx, db.VolunteerRows(rows), db.ImportOptions{Source: "nb.csv"})
	if err != nil || again.Created != 0 || again.Unchanged != 2 {
		t.Errorf("the owner's import again: %+v, %v; want its 2 found unchanged", again.ImportSummary, err)
	}
}

// The owner's call import found its callers in every chapter: a report from Ann's
// email, or naming the UUID of chapter B's Ben, was filed under that other chapter's
// volunteer. The callers are the owner's chapter's.
func TestCoalitionOwnerCallImportFindsOwnCallers(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	own := ownerChapter(t, sc)
	campaign := dbtest.Campaign(t, sc.s)
	dbtest.Legislator(t, sc.s, db.ChamberLower, "1st Suffolk", "Jo Ames")
	benUUID := uuid.NewString()
	if _, err := sc.admin.Exec(ctx, `UPDATE volunteers SET uuid = $1 WHERE id = $2`, benUUID, sc.volB); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 18, 18, 0, 0, 0, time.UTC)
	sum, err := sc.s.ImportCalls(ctx, []db.IncomingCall{
		{Line: 2, CallerName: "Ann Archer", CallerEmail: "ann@example.org", Legislator: "Rep. Jo Ames", CalledAt: at,
			Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeLegislator},
		{Line: 3, CallerUUID: benUUID, CallerName: "Ben Baker", Legislator: "Rep. Jo Ames", CalledAt: at.Add(time.Hour),
			Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff},
	}, db.CallImportOptions{CampaignID: campaign})
	if err != nil || sum.Created != 2 {
		t.Fatalf("the owner's call import: %+v, %v", sum, err)
	}
	rows, err := sc.admin.Query(ctx, `SELECT r.chapter_id, v.chapter_id, v.first_name FROM call_reports r
		JOIN volunteers v ON v.id = r.volunteer_id WHERE r.campaign_id = $1 ORDER BY r.called_at`, campaign)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var report, caller int64
		var first string
		if err := rows.Scan(&report, &caller, &first); err != nil {
			t.Fatal(err)
		}
		n++
		if report != own || caller != own {
			t.Errorf("%s's report: in chapter %d, its caller in chapter %d; want both the owner's (%d)", first, report, caller, own)
		}
	}
	if n != 2 {
		t.Errorf("%d reports, want 2", n)
	}
}
