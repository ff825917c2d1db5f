package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// The tester's w12.csv imported again with --campaign 2: "0 created, 0 updated, 6
// unchanged — the reports are filed under campaign 2", while they stayed under
// campaign 1 (a report's campaign is no part of its key). The rows whose report is
// under another campaign are listed, not moved, the summary names where the reports
// are, and an edit of such a report does not move the other campaign's whip count.
func TestImportCallsUnderAnotherCampaignListsReportsFiledElsewhere(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2025, 6, 3, 10, 0, 0, 0, time.UTC)
	a := db.IncomingCall{Line: 2, CallerName: "Ann Lee", CallerEmail: "ann@example.org", Legislator: "Rep. Marc Lombardo",
		CalledAt: day, Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceLeaningYes, Notes: "a"}
	b := a
	b.Line, b.CalledAt, b.Notes = 3, day.Add(time.Hour), "b"
	s := dbtest.Open(t)
	first := dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "22nd Middlesex", "Marc Lombardo")
	importCallsAgain(t, s, "under the first campaign", 2, a, b)
	second, err := db.ParseCampaignFile(assets.StarterCampaign)
	if err != nil {
		t.Fatal(err)
	}
	second.UUID = "0b9a3c1e-7d2f-4e55-8c1a-2f6d0e9b7a11"
	texts := second.Texts[second.DefaultLang]
	texts.Name = "Work and Family Mobility Act"
	second.Texts[second.DefaultLang] = texts
	second.FAQ, second.HelpSteps = nil, nil
	res, err := s.ImportCampaign(ctx, second)
	if err != nil {
		t.Fatal(err)
	}
	c := b
	c.Line, c.CalledAt, c.Notes = 4, day.Add(2*time.Hour), "c, new"
	for _, dry := range []bool{true, false} {
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{a, b, c}, db.CallImportOptions{CampaignID: res.ID,
			ImportOptions: db.ImportOptions{DryRun: dry}})
		if err != nil || sum.Created != 1 || sum.Unchanged != 2 {
			t.Fatalf("dry run %v: %v, %d created, %d unchanged", dry, err, sum.Created, sum.Unchanged)
		}
		if len(sum.FiledElsewhere) != 2 || sum.FiledElsewhere[0].Line != 2 ||
			!strings.Contains(sum.FiledElsewhere[0].Reason, "already filed under campaign 1, Safe Communities Act") ||
			!strings.Contains(sum.FiledElsewhere[0].Reason, "not moved") {
			t.Errorf("dry run %v: filed elsewhere %+v", dry, sum.FiledElsewhere)
		}
		notes := strings.Join(sum.Notes, "\n")
		would := map[bool]string{true: "would be filed", false: "are filed"}[dry]
		if !strings.Contains(notes, "the others "+would+" under campaign 2, Work and Family Mobility Act") ||
			!strings.Contains(notes, "2 reports were already filed under campaign 1, Safe Communities Act") || strings.Contains(notes, "are would") {
			t.Errorf("dry run %v: notes %q", dry, notes)
		}
	}
	var under []int64
	r, err := dbtest.Raw(t, s.Path()).Query(`SELECT campaign_id FROM call_reports ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	for r.Next() {
		var id int64
		r.Scan(&id)
		under = append(under, id)
	}
	r.Close()
	if len(under) != 3 || under[0] != first || under[1] != first || under[2] != res.ID {
		t.Errorf("campaigns of the reports %v, want the two first under %d, the new one under %d", under, first, res.ID)
	}
	t.Run("all of them elsewhere: the summary names the campaign they are under", func(t *testing.T) {
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{a, b}, db.CallImportOptions{CampaignID: res.ID})
		if err != nil || sum.Unchanged != 2 || len(sum.FiledElsewhere) != 2 {
			t.Fatalf("%v: %+v", err, sum)
		}
		notes := strings.Join(sum.Notes, "\n")
		if strings.Contains(notes, "are filed under campaign 2") || !strings.Contains(notes, "the reports are filed under campaign 1, Safe Communities Act") {
			t.Errorf("notes %q", notes)
		}
	})
	t.Run("an edit of a report of another campaign is listed and moves no whip count of the import's", func(t *testing.T) {
		no := a
		no.StanceHeard, no.Notes = db.StanceNo, "a, edited"
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{no}, db.CallImportOptions{CampaignID: res.ID, UpdateStances: true})
		if err != nil || sum.Updated != 1 || len(sum.FiledElsewhere) != 1 || sum.StanceChanges != 0 {
			t.Fatalf("%v: %d updated, elsewhere %+v, %d stance changes", err, sum.Updated, sum.FiledElsewhere, sum.StanceChanges)
		}
	})
}
