package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

func TestCallsPerWeek(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	camp := dbtest.Campaign(t, s)
	sen := dbtest.Legislator(t, s, db.ChamberUpper, "First Worcester", "Robyn Kennedy")
	now := time.Date(2026, 11, 25, 15, 0, 0, 0, time.Local) // a Wednesday
	call := func(at time.Time, o db.Outcome) int64 {
		id, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: camp, LegislatorID: sen, Outcome: o, CalledAt: at}, false)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	call(time.Date(2026, 11, 23, 0, 0, 0, 0, time.Local), db.OutcomeSpokeStaff)    // Monday 00:00: this week
	call(time.Date(2026, 11, 22, 23, 59, 0, 0, time.Local), db.OutcomeNoAnswer)    // Sunday: last week
	call(time.Date(2026, 11, 16, 9, 0, 0, 0, time.Local), db.OutcomeLeftVoicemail) // last week
	call(time.Date(2026, 10, 1, 9, 0, 0, 0, time.Local), db.OutcomeBusy)           // before the chart
	gone := call(time.Date(2026, 11, 24, 9, 0, 0, 0, time.Local), db.OutcomeSpokeStaff)
	if _, err := s.TrashCallReport(ctx, gone); err != nil {
		t.Fatal(err)
	}

	weeks, err := s.CallsPerWeek(ctx, camp, 3, now)
	if err != nil {
		t.Fatal(err)
	}
	want := []db.WeekCount{
		{Start: time.Date(2026, 11, 9, 0, 0, 0, 0, time.Local)},
		{Start: time.Date(2026, 11, 16, 0, 0, 0, 0, time.Local), Calls: 2, Reaches: 1},
		{Start: time.Date(2026, 11, 23, 0, 0, 0, 0, time.Local), Calls: 1, Reaches: 1},
	}
	for i := range want {
		if !weeks[i].Start.Equal(want[i].Start) || weeks[i].Calls != want[i].Calls || weeks[i].Reaches != want[i].Reaches {
			t.Errorf("week %d: %+v, want %+v", i, weeks[i], want[i])
		}
	}
}

// TestWhipCountCallsToThoseItLeavesOut: calls to legislators who have left office
// since, or who sit for another state, are not in the whip count but were made all
// the same; the count says how many, so the dashboard's line of calls agrees with
// its calls per week.
func TestWhipCountCallsToThoseItLeavesOut(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		ctx := context.Background()
		s := open(t)
		camp := dbtest.Campaign(t, s) // Massachusetts
		sen, err := s.CreateLegislator(ctx, db.Legislator{State: "MA", Chamber: db.ChamberUpper, District: "First Worcester",
			Name: "Robyn Kennedy", InOffice: true})
		if err != nil {
			t.Fatal(err)
		}
		retired, err := s.CreateLegislator(ctx, db.Legislator{State: "MA", Chamber: db.ChamberLower, District: "13th Worcester",
			Name: "Old Representative"})
		if err != nil {
			t.Fatal(err)
		}
		other, err := s.CreateLegislator(ctx, db.Legislator{State: "NH", Chamber: db.ChamberLower, District: "Hillsborough 1",
			Name: "Tim Mannion", InOffice: true})
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		for _, c := range []struct {
			leg int64
			o   db.Outcome
		}{{sen, db.OutcomeSpokeStaff}, {retired, db.OutcomeLeftVoicemail}, {retired, db.OutcomeNoAnswer}, {retired, db.OutcomeBusy},
			{other, db.OutcomeSpokeLegislator}} {
			if _, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: camp, LegislatorID: c.leg, Outcome: c.o,
				CalledAt: now.Add(-time.Hour)}, false); err != nil {
				t.Fatal(err)
			}
		}
		w, err := s.WhipCount(ctx, camp)
		if err != nil {
			t.Fatal(err)
		}
		if len(w.Legislators) != 1 || w.Calls != 1 || w.Reaches != 1 || w.LegislatorsReached != 1 {
			t.Errorf("the count: %d legislators, %d calls, %d reaches, %d reached", len(w.Legislators), w.Calls, w.Reaches,
				w.LegislatorsReached)
		}
		if w.GoneCalls != 3 || w.GoneReaches != 1 || w.ElsewhereCalls != 1 || w.ElsewhereReaches != 1 {
			t.Errorf("left out: %+v", w)
		}
		weeks, err := s.CallsPerWeek(ctx, camp, 2, now) // an hour ago may be last week
		if err != nil {
			t.Fatal(err)
		}
		calls, reaches := weeks[0].Calls+weeks[1].Calls, weeks[0].Reaches+weeks[1].Reaches
		if w.AllCalls() != 5 || w.AllReaches() != 3 || calls != w.AllCalls() || reaches != w.AllReaches() {
			t.Errorf("all: %d calls, %d reaches; the chart: %+v", w.AllCalls(), w.AllReaches(), weeks)
		}
	})
}
