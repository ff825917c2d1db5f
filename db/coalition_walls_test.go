package db_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// nbPeople are n NationBuilder people as an export gives them; the email of the
// person at changed is another one (the person changed since the first export).
func nbPeople(n, changed int) []db.IncomingVolunteer {
	var in []db.IncomingVolunteer
	for i := range n {
		v := db.NewVolunteer("Nb", fmt.Sprintf("Person%03d", i))
		v.Email = fmt.Sprintf("nb%d@example.org", i)
		if i == changed {
			v.Email = fmt.Sprintf("nb%d.new@example.net", i)
		}
		in = append(in, db.IncomingVolunteer{Line: i + 2, Volunteer: v, System: "nationbuilder", ExternalID: fmt.Sprint(4000 + i)})
	}
	return in
}

// Two chapters of a coalition may each know the same NationBuilder person: each
// chapter's import stores all its ids, as two data files would, and a changed person
// re-imported is matched by its id in the importing chapter, not created again.
// Before, the ids were keyed across the whole server: the second chapter's were
// silently dropped, and its re-import of a changed person made a duplicate.
func TestCoalitionSameExternalIDsInTwoChapters(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	var first *db.ImportSummary
	for _, lead := range []string{sc.leadA, sc.leadB} {
		ls, err := db.Open(ctx, coalAs(t, sc.url, lead), db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer ls.Close()
		sum, err := ls.ImportVolunteers(ctx, db.VolunteerRows(nbPeople(50, -1)), db.ImportOptions{Source: "nb.csv"})
		if err != nil || sum.Created != 50 {
			t.Fatalf("%s's import: %+v, %v", lead, sum.ImportSummary, err)
		}
		sum, err = ls.ImportVolunteers(ctx, db.VolunteerRows(nbPeople(50, 7)), db.ImportOptions{Source: "nb2.csv"})
		if err != nil || sum.Created != 0 || sum.Updated+sum.Unchanged+sum.Differ != 50 {
			t.Errorf("%s's re-import with one person changed: %+v, %v; want 0 created, 50 matched",
				lead, sum.ImportSummary, err)
		}
		// The second chapter is told what the first was (a data file would be told).
		if first == nil {
			first = &sum.ImportSummary
		} else if sum.Updated != first.Updated || sum.Unchanged != first.Unchanged {
			t.Errorf("the same file re-imported: %+v in one chapter, %+v in the other", *first, sum.ImportSummary)
		}
	}
	for _, ch := range []int64{sc.a.ID, sc.b.ID} {
		var ids, people int
		if err := sc.admin.QueryRow(ctx, `SELECT (SELECT count(*) FROM volunteer_external_ids e JOIN volunteers v ON v.id = e.volunteer_id
			WHERE v.chapter_id = $1), (SELECT count(*) FROM volunteers WHERE chapter_id = $1 AND last_name LIKE 'Person%')`,
			ch).Scan(&ids, &people); err != nil {
			t.Fatal(err)
		}
		if ids != 50 || people != 50 {
			t.Errorf("chapter %d: %d external ids, %d people; want 50 and 50", ch, ids, people)
		}
	}
}

// A lead's stance change may cite only a call report of her own chapter: citing
// another chapter's report would tie her change to their call, and the history's
// trigger (which writes the caller's short name) answered with their caller's name.
func TestCoalitionStanceCitesOnlyOwnReports(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	var reportA int64
	if err := sc.admin.QueryRow(ctx, `SELECT id FROM call_reports WHERE uuid = 'call-a'`).Scan(&reportA); err != nil {
		t.Fatal(err)
	}
	b := coalConnect(t, sc.url, sc.leadB)
	var by string
	err := b.QueryRow(ctx, `INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, changed_by,
		reason, chapter_id, call_report_id) VALUES ('probe', $1, $2, 'unknown', 0, '', '', $3, $4) RETURNING changed_by`,
		sc.campaign, sc.legislator, sc.b.ID, reportA).Scan(&by)
	if err == nil {
		t.Fatalf("a lead's stance change citing another chapter's call report was written, its author %q", by)
	}
	if strings.Contains(err.Error(), "Ann") {
		t.Errorf("the refusal names the other chapter's caller: %v", err)
	}
	// Her own report she may cite.
	var reportB int64
	if err := sc.admin.QueryRow(ctx, `SELECT id FROM call_reports WHERE uuid = 'call-b'`).Scan(&reportB); err != nil {
		t.Fatal(err)
	}
	if err := b.QueryRow(ctx, `INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, changed_by,
		reason, chapter_id, call_report_id) VALUES ('own', $1, $2, 'no', 0, '', '', $3, $4) RETURNING changed_by`,
		sc.campaign, sc.legislator, sc.b.ID, reportB).Scan(&by); err != nil || by != "Ben B." {
		t.Errorf("a lead citing her own chapter's report: %q, %v", by, err)
	}
}

// A volunteer's recruiter is a volunteer of the same chapter: a lead naming another
// chapter's volunteer is refused (the foreign key alone accepted it, and confirmed
// that the id existed), with the same words whether that id exists or not.
func TestCoalitionRecruiterInSameChapter(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	b := coalConnect(t, sc.url, sc.leadB)
	_, err := b.Exec(ctx, `UPDATE volunteers SET recruiter_id = $1 WHERE id = $2`, sc.volA, sc.volB)
	if err == nil || !strings.Contains(err.Error(), "same chapter") {
		t.Fatalf("a lead setting another chapter's volunteer as recruiter: %v", err)
	}
	_, err2 := b.Exec(ctx, `UPDATE volunteers SET recruiter_id = $1 WHERE id = $2`, sc.volA+1000, sc.volB)
	if err2 == nil || strings.Map(noDigits, err2.Error()) != strings.Map(noDigits, err.Error()) {
		t.Errorf("another chapter's volunteer and no volunteer are refused differently: %v / %v", err, err2)
	}
	// The owner is held to it too.
	if _, err := sc.admin.Exec(ctx, `UPDATE volunteers SET recruiter_id = $1 WHERE id = $2`, sc.volA, sc.volB); err == nil {
		t.Errorf("the owner set a recruiter from another chapter")
	}
}

func noDigits(r rune) rune {
	if r >= '0' && r <= '9' {
		return -1
	}
	return r
}

// A lead undoes her chapter's imports on the server: a roster import (more people
// than makes the undo build its lookup indexes, which a lead may not) and a call
// form that moved the whip count. The undo takes back her chapter's rows and the
// stance changes her import wrote, the whip count following, and touches no other
// chapter's. It failed with "permission denied for table stances" and "delete
// roll_call_votes: permission denied".
func TestCoalitionLeadUndoesHerImports(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	campaign := dbtest.Campaign(t, sc.s)
	jo := dbtest.Legislator(t, sc.s, db.ChamberLower, "1st Suffolk", "Jo Ames")
	ls, err := db.Open(ctx, coalAs(t, sc.url, sc.leadA), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ls.Close()
	people, err := ls.ImportVolunteers(ctx, db.VolunteerRows(nbPeople(30, -1)), db.ImportOptions{Source: "nb.csv"})
	if err != nil || people.Created != 30 {
		t.Fatalf("a lead's roster import: %+v, %v", people.ImportSummary, err)
	}
	at := time.Date(2026, 11, 18, 18, 0, 0, 0, time.UTC)
	calls, err := ls.ImportCalls(ctx, []db.IncomingCall{{Line: 2, CallerName: "Rosa Almeida", CallerEmail: "rosa@example.org",
		Legislator: "Rep. Jo Ames", CalledAt: at, Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeLegislator,
		StanceHeard: db.StanceYes}}, db.CallImportOptions{CampaignID: campaign, UpdateStances: true})
	if err != nil || calls.Created != 1 || calls.StanceChanges != 1 {
		t.Fatalf("a lead's call import: %+v, %v", calls, err)
	}
	undo, err := ls.UndoImport(ctx, calls.BatchID)
	if err != nil || undo.StanceChanges != 1 {
		t.Fatalf("a lead undoing her call import: %+v, %v", undo, err)
	}
	undo, err = ls.UndoImport(ctx, people.BatchID)
	if err != nil || undo.Deleted != 30 {
		t.Fatalf("a lead undoing her roster import: %+v, %v", undo, err)
	}
	var reports, stances, vols, others int
	if err := sc.admin.QueryRow(ctx, `SELECT (SELECT count(*) FROM call_reports WHERE legislator_id = $1),
		(SELECT count(*) FROM stances WHERE campaign_id = $2 AND legislator_id = $1),
		(SELECT count(*) FROM volunteers WHERE chapter_id = $3), (SELECT count(*) FROM volunteers WHERE chapter_id <> $3)`,
		jo, campaign, sc.a.ID).Scan(&reports, &stances, &vols, &others); err != nil {
		t.Fatal(err)
	}
	// Her chapter keeps the one volunteer it had before (Ann); the caller the call
	// form added went with it.
	if reports != 0 || stances != 0 || vols != 1 || others != 1 {
		t.Errorf("after the undo: %d reports, %d current stances, %d volunteers in her chapter, %d elsewhere; want 0, 0, 1, 1",
			reports, stances, vols, others)
	}
}

// Two chapters import the same call-form row: each has its report (a report's UUID,
// made from the row, was the same for both, and the second chapter's import, dry run
// or not, failed on the server-wide unique UUID, telling its lead that another chapter
// had that call). Imported again, each chapter finds its own.
func TestCoalitionSameCallRowInTwoChapters(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	campaign := dbtest.Campaign(t, sc.s)
	dbtest.Legislator(t, sc.s, db.ChamberLower, "1st Suffolk", "Jo Ames")
	at := time.Date(2026, 11, 18, 18, 0, 0, 0, time.UTC)
	rows := func() []db.IncomingCall {
		return []db.IncomingCall{{Line: 2, CallerName: "Rosa Almeida", CallerEmail: "rosa@example.org",
			Legislator: "Rep. Jo Ames", CalledAt: at, Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeLegislator}}
	}
	for _, lead := range []string{sc.leadA, sc.leadB} {
		ls, err := db.Open(ctx, coalAs(t, sc.url, lead), db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer ls.Close()
		dry, err := ls.ImportCalls(ctx, rows(), db.CallImportOptions{CampaignID: campaign,
			ImportOptions: db.ImportOptions{DryRun: true}})
		if err != nil || dry.Created != 1 {
			t.Errorf("%s's dry run: %+v, %v", lead, dry, err)
		}
		sum, err := ls.ImportCalls(ctx, rows(), db.CallImportOptions{CampaignID: campaign})
		if err != nil || sum.Created != 1 {
			t.Errorf("%s's import: %+v, %v", lead, sum, err)
		}
		again, err := ls.ImportCalls(ctx, rows(), db.CallImportOptions{CampaignID: campaign})
		if err != nil || again.Created != 0 || again.Unchanged != 1 {
			t.Errorf("%s's import again: %+v, %v", lead, again, err)
		}
	}
	var a, b int
	if err := sc.admin.QueryRow(ctx, `SELECT count(*) FILTER (WHERE chapter_id = $1), count(*) FILTER (WHERE chapter_id = $2)
		FROM call_reports WHERE campaign_id = $3`, sc.a.ID, sc.b.ID, campaign).Scan(&a, &b); err != nil {
		t.Fatal(err)
	}
	if a != 1 || b != 1 {
		t.Errorf("the same row in two chapters: %d and %d reports, want 1 and 1", a, b)
	}
}
