package ui

import (
	"context"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
)

// The detail's "Now:" is the stance the whip count counts, not the newest row of the
// history: while the record's sponsorship stands, a call heard after it is history
// (0015), and the list, the dashboard and the workbook say Sponsor.
func TestLegislatorDetailNowIsTheCount(t *testing.T) {
	ctx := context.Background()
	l, s, camp := newTestLegislators(t)
	r := selectLegislator(t, l, "Saunders")
	export := time.Now().Add(-48 * time.Hour)
	if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: camp, LegislatorID: r.LegislatorID, Stance: db.StanceSponsor,
		ChangedAt: export, ChangedBy: db.RecordChangedBy, Reason: "primary sponsor of S.1305"}); err != nil {
		t.Fatal(err)
	}
	call, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: camp, LegislatorID: r.LegislatorID, Outcome: db.OutcomeSpokeStaff,
		CalledAt: export.Add(24 * time.Hour), StanceHeard: db.StanceNo}, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: camp, LegislatorID: r.LegislatorID, Stance: db.StanceNo,
		ChangedAt: export.Add(24 * time.Hour), ChangedBy: "call report", CallReportID: call}); err != nil {
		t.Fatal(err)
	}
	wait(t, l.refreshAsync())
	wait(t, l.detail.loadAsync(r.LegislatorID))
	for _, w := range l.shown {
		if w.LegislatorID == r.LegislatorID && w.Stance != db.StanceSponsor {
			t.Fatalf("the list counts %s: the case is not the one meant", w.Stance)
		}
	}
	if got := l.detail.stanceNow.Text; got != "Now: Sponsor" {
		t.Errorf("the detail says %q while the whip count says Sponsor", got)
	}
}

// A campaign file's sponsor mark is newer than a call heard before the import: the
// call counts (F1), and the detail must say so, not "Sponsor".
func TestLegislatorDetailNowIsTheCountOverAMark(t *testing.T) {
	ctx := context.Background()
	l, s, camp := newTestLegislators(t)
	r := selectLegislator(t, l, "Eldridge") // the campaign's sponsor: marked by the import
	heard := time.Now().Add(-24 * time.Hour)
	call, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: camp, LegislatorID: r.LegislatorID, Outcome: db.OutcomeSpokeStaff,
		CalledAt: heard, StanceHeard: db.StanceYes}, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: camp, LegislatorID: r.LegislatorID, Stance: db.StanceYes,
		ChangedAt: heard, ChangedBy: "call report", CallReportID: call}); err != nil {
		t.Fatal(err)
	}
	wait(t, l.refreshAsync())
	wait(t, l.detail.loadAsync(r.LegislatorID))
	for _, w := range l.shown {
		if w.LegislatorID == r.LegislatorID && w.Stance != db.StanceYes {
			t.Fatalf("the list counts %s: the case is not the one meant", w.Stance)
		}
	}
	if got := l.detail.stanceNow.Text; got != "Now: Yes" {
		t.Errorf("the detail says %q while the whip count says Yes", got)
	}
}
