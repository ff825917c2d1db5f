package db_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestCoalitionSameFormInTwoChapters: the same call report form imported by two
// chapters' leads became two reports a call, the coordinator's "Calls made" counting
// each twice, and neither import said a word (t4 F4). Each chapter keeps its own
// reports (a report's UUID is the chapter's: another's must not collide with, and so
// reveal, it), but the second import says how many of the reports it added another
// chapter already has, naming the chapter and nothing of its people; a report of
// another call (another time) is not counted.
func TestCoalitionSameFormInTwoChapters(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	campaign := dbtest.Campaign(t, sc.s)
	dbtest.Legislator(t, sc.s, db.ChamberLower, "1st Suffolk", "Jo Ames")
	at := time.Date(2026, 11, 18, 18, 0, 0, 0, time.UTC)
	row := func(line int, name, email string, at time.Time) db.IncomingCall {
		return db.IncomingCall{Line: line, CallerName: name, CallerEmail: email, Legislator: "Rep. Jo Ames", CalledAt: at,
			Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceYes, Notes: "said thanks"}
	}
	form := []db.IncomingCall{row(2, "Rosa Almeida", "rosa@example.org", at), row(3, "Tom Ng", "tom@example.org", at.Add(time.Hour))}
	importAs := func(lead string, rows []db.IncomingCall) db.CallImportSummary {
		t.Helper()
		ls, err := db.Open(ctx, coalAs(t, sc.url, lead), db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer ls.Close()
		sum, err := ls.ImportCalls(ctx, rows, db.CallImportOptions{CampaignID: campaign})
		if err != nil {
			t.Fatalf("%s's import: %v", lead, err)
		}
		return sum
	}
	if sum := importAs(sc.leadA, form); sum.Created != 2 || sum.InOtherChapters != 0 {
		t.Fatalf("the first chapter's import: %d created, %d in other chapters; want 2 and 0", sum.Created, sum.InOtherChapters)
	}
	sum := importAs(sc.leadB, append(form, row(4, "Ana Diaz", "ana@example.org", at.Add(2*time.Hour))))
	if sum.Created != 3 || sum.InOtherChapters != 2 {
		t.Errorf("the second chapter's import: %d created, %d in other chapters; want 3 and 2", sum.Created, sum.InOtherChapters)
	}
	said := strings.Join(sum.Notes, "\n")
	if !strings.Contains(said, "2 of the reports") || !strings.Contains(said, "Worcester") {
		t.Errorf("the second chapter's import said %q; want 2 reports named as Worcester's too", said)
	}
	if strings.Contains(said, "Rosa") || strings.Contains(said, "rosa@") {
		t.Errorf("the second chapter's import names the other chapter's caller: %q", said)
	}
}

// TestImportCallsSameFormInAnotherChapterOfTheFile: a file holding another chapter's
// reports (merged in) says the same of the reports an import adds that it has.
func TestImportCallsSameFormInAnotherChapterOfTheFile(t *testing.T) {
	ctx := context.Background()
	s := dbtest.OpenFile(t)
	campaign := dbtest.Campaign(t, s)
	leg := dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Jo Ames")
	at := time.Date(2026, 11, 18, 18, 0, 0, 0, time.UTC)
	raw, err := sql.Open("sqlite", "file:"+s.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`INSERT INTO chapters (uuid, is_self, name, created_at, updated_at) VALUES ('c-other', 0, 'Springfield', 1, 1)`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO call_reports (uuid, chapter_id, campaign_id, legislator_id, called_at, office, outcome, stance_heard, notes, created_at, updated_at)
		VALUES ('r-other', (SELECT id FROM chapters WHERE uuid = 'c-other'), ?, ?, ?, 'capitol', 'spoke_staff', 'yes', 'said thanks', 1, 1)`, campaign, leg, at.Unix()); err != nil {
		t.Fatal(err)
	}
	row := func(line int, at time.Time) db.IncomingCall {
		return db.IncomingCall{Line: line, CallerName: "Rosa Almeida", CallerEmail: "rosa@example.org", Legislator: "Rep. Jo Ames", CalledAt: at,
			Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceYes, Notes: "said thanks"}
	}
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{row(2, at), row(3, at.Add(time.Hour))}, db.CallImportOptions{CampaignID: campaign})
	if err != nil {
		t.Fatal(err)
	}
	if said := strings.Join(sum.Notes, "\n"); sum.Created != 2 || sum.InOtherChapters != 1 || !strings.Contains(said, "Springfield (1)") {
		t.Errorf("%d created, %d in other chapters, said %q; want 2, 1, Springfield named", sum.Created, sum.InOtherChapters, said)
	}
}
