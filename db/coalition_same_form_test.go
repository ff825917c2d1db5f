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

// TestCoalitionCountsACallReportedToTwoChaptersOnce: the same form imported by two
// chapters keeps each chapter's reports (above), and the coordinator's workbook
// counted each such call twice in "Calls made", its legislators' and weeks' calls
// and its volunteers who called (t4 F4). A report another chapter has alike (the
// same campaign, legislator, second, office, outcome, stance heard and notes: what
// 0022 tells the second import) is counted once coalition-wide; each chapter's own
// figures keep their reports. The owner's workbook counts so too.
func TestCoalitionCountsACallReportedToTwoChaptersOnce(t *testing.T) {
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
	for _, lead := range []string{sc.leadA, sc.leadB} {
		ls, err := db.Open(ctx, coalAs(t, sc.url, lead), db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		rows := form
		if lead == sc.leadB { // and a call of its own
			rows = append(rows, row(4, "Ana Diaz", "ana@example.org", at.Add(2*time.Hour)))
		}
		if _, err := ls.ImportCalls(ctx, rows, db.CallImportOptions{CampaignID: campaign}); err != nil {
			t.Fatal(err)
		}
		ls.Close()
	}
	cs, err := db.Open(ctx, coalAs(t, sc.url, sc.coord), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	q := db.ReportQuery{CampaignID: campaign, From: at.AddDate(0, 0, -1), To: at.AddDate(0, 0, 1), Location: time.UTC}
	for who, s := range map[string]*db.Store{"coordinator": cs, "owner": sc.s} {
		if err := s.Report(ctx, q, func(r *db.Report) error {
			byChapter := map[string]int{}
			for _, c := range r.Chapters {
				byChapter[c.Name] = c.Calls
			}
			var weeks int
			for _, w := range r.Weeks {
				weeks += w.Calls
			}
			if r.Summary.Calls != 3 || weeks != 3 || r.Summary.VolunteersCalled != 3 || byChapter["Worcester"] != 2 || byChapter["Springfield"] != 3 {
				t.Errorf("the %s's workbook: %d calls made, %d in the weeks, %d volunteers who called, by chapter %v; "+
					"want 3, 3, 3 (each call once) and Worcester 2, Springfield 3", who, r.Summary.Calls, weeks, r.Summary.VolunteersCalled, byChapter)
			}
			return nil
		}); err != nil {
			t.Fatalf("%s: %v", who, err)
		}
	}
}

// TestReportCountsACallOfTwoChaptersOfTheFileOnce: a data file holding another
// chapter's report of a call (merged in) and its own import of the same form counts
// the call once in the workbook's totals, each chapter's own figures keeping theirs.
func TestReportCountsACallOfTwoChaptersOfTheFileOnce(t *testing.T) {
	ctx := context.Background()
	s := dbtest.OpenFile(t)
	campaign := dbtest.Campaign(t, s)
	leg := dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Jo Ames")
	at := time.Date(2026, 11, 18, 18, 0, 0, 0, time.UTC)
	if err := db.WriteRaw(ctx, s, `INSERT INTO chapters (uuid, is_self, name, created_at, updated_at) VALUES ('c-other', 0, 'Springfield', 1, 1)`); err != nil {
		t.Fatal(err)
	}
	if err := db.WriteRaw(ctx, s, `INSERT INTO call_reports (uuid, chapter_id, campaign_id, legislator_id, called_at, office, outcome, stance_heard, notes, created_at, updated_at)
		VALUES ('r-other', (SELECT id FROM chapters WHERE uuid = 'c-other'), ?, ?, ?, 'capitol', 'spoke_staff', 'yes', 'said thanks', 1, 1)`, campaign, leg, at.Unix()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportCalls(ctx, []db.IncomingCall{{Line: 2, CallerName: "Rosa Almeida", CallerEmail: "rosa@example.org", Legislator: "Rep. Jo Ames",
		CalledAt: at, Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceYes, Notes: "said thanks"}},
		db.CallImportOptions{CampaignID: campaign}); err != nil {
		t.Fatal(err)
	}
	q := db.ReportQuery{CampaignID: campaign, From: at.AddDate(0, 0, -1), To: at.AddDate(0, 0, 1), Location: time.UTC}
	for _, inLog := range []bool{false, true} {
		q.TallyInCallLog = inLog
		if err := s.Report(ctx, q, func(r *db.Report) error {
			if inLog {
				if err := r.EachCall(func(*db.CallLogRow) error { return nil }); err != nil {
					return err
				}
			}
			byChapter := map[string]int{}
			for _, c := range r.Chapters {
				byChapter[c.Name] = c.Calls
			}
			if r.Summary.Calls != 1 || byChapter["Springfield"] != 1 || len(byChapter) != 2 {
				t.Errorf("tallied in the call log %v: %d calls made, by chapter %v; want 1, and 1 in each chapter", inLog, r.Summary.Calls, byChapter)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
}
