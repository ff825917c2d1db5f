package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestCoalitionLeadOfTwoChaptersCountsACallOnce: a lead of both chapters that
// imported the same form reads both chapters' reports, notes and all; their
// workbook's totals count each call once, as the owner's and the coordinator's do.
func TestCoalitionLeadOfTwoChaptersCountsACallOnce(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	campaign := dbtest.Campaign(t, sc.s)
	dbtest.Legislator(t, sc.s, db.ChamberLower, "1st Suffolk", "Jo Ames")
	at := time.Date(2026, 11, 18, 18, 0, 0, 0, time.UTC)
	form := []db.IncomingCall{{Line: 2, CallerName: "Rosa Almeida", CallerEmail: "rosa@example.org", Legislator: "Rep. Jo Ames",
		CalledAt: at, Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceYes, Notes: "said thanks"}}
	for _, lead := range []string{sc.leadA, sc.leadB} {
		ls, err := db.Open(ctx, coalAs(t, sc.url, lead), db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ls.ImportCalls(ctx, form, db.CallImportOptions{CampaignID: campaign}); err != nil {
			t.Fatal(err)
		}
		ls.Close()
	}
	if _, err := sc.s.AddLead(ctx, sc.leadA, sc.b.Name); err != nil {
		t.Fatal(err)
	}
	ls, err := db.Open(ctx, coalAs(t, sc.url, sc.leadA), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ls.Close()
	q := db.ReportQuery{CampaignID: campaign, From: at.AddDate(0, 0, -1), To: at.AddDate(0, 0, 1), Location: time.UTC}
	if err := ls.Report(ctx, q, func(r *db.Report) error {
		if len(r.Chapters) != 2 || r.Summary.Calls != 1 {
			t.Errorf("the lead of both chapters: %d chapters, %d calls made; want 2 chapters, the call once", len(r.Chapters), r.Summary.Calls)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}
