package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestCallKeepsTheSeatOfItsDate: a call made to a Representative who is a Senator
// since a later legislators import is listed (export calls, the call log) with the
// title, chamber and district the member had on the call's date, not relabelled as a
// call to the Senate seat (tester t6, F9: calls to Rep. Kushmerek of 3rd Worcester
// read "Sen. Mike Kushmerek, Senate, Worcester and Middlesex"); a call after the move
// has the Senate seat.
func TestCallKeepsTheSeatOfItsDate(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	campaign := dbtest.Campaign(t, s)
	opts := db.ImportOptions{Format: "openstates", Source: "ma.csv", State: "MA"}
	rep := incoming(2, "ocd-person/kush", db.ChamberLower, "3rd Worcester", "Mike Kushmerek", "")
	if _, err := s.ImportLegislators(ctx, []db.IncomingLegislator{rep}, opts); err != nil {
		t.Fatal(err)
	}
	call := func(at time.Time, leg string) []db.IncomingCall {
		return []db.IncomingCall{{Line: 2, CallerName: "Max Ruiz", CallerEmail: "max@example.org", Legislator: leg,
			CalledAt: at, Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff}}
	}
	before := time.Now().Add(-72 * time.Hour).Truncate(time.Second)
	if _, err := s.ImportCalls(ctx, call(before, "Rep. Kushmerek"), db.CallImportOptions{CampaignID: campaign}); err != nil {
		t.Fatal(err)
	}
	sen := incoming(2, "ocd-person/kush", db.ChamberUpper, "Worcester and Middlesex", "Mike Kushmerek", "")
	if sum, err := s.ImportLegislators(ctx, []db.IncomingLegislator{sen}, opts); err != nil || sum.Updated != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	time.Sleep(1100 * time.Millisecond)
	after := time.Now().Truncate(time.Second)
	if _, err := s.ImportCalls(ctx, call(after, "Sen. Kushmerek"), db.CallImportOptions{CampaignID: campaign}); err != nil {
		t.Fatal(err)
	}
	got := map[int64]string{}
	if err := s.EachCallReport(ctx, func(c *db.CallLogRow) error {
		got[c.CalledAt.Unix()] = c.Legislator + " | " + string(c.Chamber) + " | " + c.District
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for at, want := range map[time.Time]string{before: "Rep. Mike Kushmerek | lower | 3rd Worcester",
		after: "Sen. Mike Kushmerek | upper | Worcester and Middlesex"} {
		if got[at.Unix()] != want {
			t.Errorf("call of %s: %q, want %q", at, got[at.Unix()], want)
		}
	}
}

// TestByDistrictCreditsTheSeatOfTheCallsDate (t6 F8): the workbook's call log keeps
// a call to Rep. Kushmerek of 3rd Worcester, Senator since, as the House seat's, but
// its By district sheet credited the call to the Senate seat he holds now, and the
// House seat, vacant now, had no row. A call is credited to the district of its date;
// the vacant seat keeps its row, naming the member who held it.
func TestByDistrictCreditsTheSeatOfTheCallsDate(t *testing.T) {
	for _, inCallLog := range []bool{false, true} {
		ctx := context.Background()
		s := dbtest.Open(t)
		campaign := dbtest.Campaign(t, s)
		opts := db.ImportOptions{Format: "openstates", Source: "ma.csv", State: "MA"}
		rep := incoming(2, "ocd-person/kush", db.ChamberLower, "3rd Worcester", "Mike Kushmerek", "")
		if _, err := s.ImportLegislators(ctx, []db.IncomingLegislator{rep}, opts); err != nil {
			t.Fatal(err)
		}
		call := func(at time.Time, leg string) []db.IncomingCall {
			return []db.IncomingCall{{Line: 2, CallerName: "Max Ruiz", CallerEmail: "max@example.org", Legislator: leg,
				CalledAt: at, Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff}}
		}
		before := time.Now().Add(-72 * time.Hour).Truncate(time.Second)
		if _, err := s.ImportCalls(ctx, call(before, "Rep. Kushmerek"), db.CallImportOptions{CampaignID: campaign}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ImportCalls(ctx, call(before.Add(time.Hour), "Rep. Kushmerek"), db.CallImportOptions{CampaignID: campaign}); err != nil {
			t.Fatal(err)
		}
		sen := incoming(2, "ocd-person/kush", db.ChamberUpper, "Worcester and Middlesex", "Mike Kushmerek", "")
		if sum, err := s.ImportLegislators(ctx, []db.IncomingLegislator{sen}, opts); err != nil || sum.Updated != 1 {
			t.Fatalf("%+v %v", sum, err)
		}
		time.Sleep(1100 * time.Millisecond)
		after := time.Now().Truncate(time.Second)
		if _, err := s.ImportCalls(ctx, call(after, "Sen. Kushmerek"), db.CallImportOptions{CampaignID: campaign}); err != nil {
			t.Fatal(err)
		}
		got := map[string]db.DistrictActivity{}
		if err := s.Report(ctx, db.ReportQuery{CampaignID: campaign, TallyInCallLog: inCallLog}, func(r *db.Report) error {
			if inCallLog {
				if err := r.EachCall(func(*db.CallLogRow) error { return nil }); err != nil {
					return err
				}
			}
			for _, d := range r.Districts {
				got[string(d.Chamber)+" "+d.District] = d
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		house, senate := got["lower 3rd Worcester"], got["upper Worcester and Middlesex"]
		if house.Attempts != 2 || house.Reaches != 2 || house.LegislatorsReached != 1 || !house.LastContact.Equal(before.Add(time.Hour)) ||
			house.Members != "Rep. Mike Kushmerek (now Senate, Worcester and Middlesex)" {
			t.Errorf("tallied in the call log %v: 3rd Worcester, the seat of the first two calls: %+v", inCallLog, house)
		}
		if senate.Attempts != 1 || senate.Reaches != 1 || senate.LegislatorsReached != 1 || !senate.LastContact.Equal(after) ||
			senate.Members != "Sen. Mike Kushmerek" {
			t.Errorf("tallied in the call log %v: Worcester and Middlesex, the seat of the call after the move: %+v", inCallLog, senate)
		}
	}
}
