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
	if err := s.TrashCallReport(ctx, gone); err != nil {
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
