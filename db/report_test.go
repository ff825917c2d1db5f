package db_test

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// reportFixture is a small chapter with calls before, in and after a period of two
// weeks (Monday 2026-11-02 to Monday 2026-11-16).
type reportFixture struct {
	s              *db.Store
	camp           int64
	sen, rep, rep2 int64
	ana, bo        int64
	from, to       time.Time
}

func newReportFixture(t *testing.T) reportFixture {
	t.Helper()
	ctx := context.Background()
	f := reportFixture{s: dbtest.Open(t)}
	s := f.s
	f.camp = dbtest.Campaign(t, s)
	f.sen = dbtest.Legislator(t, s, db.ChamberUpper, "First Suffolk", "Jane Doe")
	f.rep = dbtest.Legislator(t, s, db.ChamberLower, "2nd Essex", "Ray Roe")
	f.rep2 = dbtest.Legislator(t, s, db.ChamberLower, "2nd Essex", "Sam Poe")
	f.ana = dbtest.Volunteer(t, s, "Ana", "Souza", func(v *db.Volunteer) { v.JoinedOn = "2026-11-03"; v.HouseDistrict = "2nd Essex" })
	f.bo = dbtest.Volunteer(t, s, "Bo", "Li", func(v *db.Volunteer) { v.JoinedOn = "2025-01-01" })
	dbtest.Volunteer(t, s, "Cy", "Ng", func(v *db.Volunteer) { v.JoinedOn = "2026-11-10"; v.RecruiterID = f.bo })
	f.from = time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	f.to = time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)
	stance := func(leg int64, st db.Stance, at time.Time) {
		t.Helper()
		if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: f.camp, LegislatorID: leg, Stance: st, ChangedAt: at}); err != nil {
			t.Fatal(err)
		}
	}
	stance(f.sen, db.StanceUndecided, f.from.AddDate(0, 0, -20))
	stance(f.sen, db.StanceYes, f.from.AddDate(0, 0, 3))
	stance(f.rep, db.StanceLeaningNo, f.from.AddDate(0, 0, -1))
	stance(f.rep, db.StanceNo, f.to.AddDate(0, 0, 1)) // after the period: not counted at its end
	call := func(vol, leg int64, at time.Time, o db.Outcome, followUp bool) {
		t.Helper()
		if _, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: f.camp, VolunteerID: vol, LegislatorID: leg,
			CalledAt: at, Outcome: o, FollowUp: followUp, Notes: "called from 12 Elm St"}, false); err != nil {
			t.Fatal(err)
		}
	}
	call(f.ana, f.sen, f.from.Add(-time.Hour), db.OutcomeSpokeStaff, false) // before
	for i, o := range db.Outcomes {                                         // one of each outcome, first week
		call(f.ana, f.sen, f.from.Add(time.Duration(i+1)*time.Hour), o, false)
	}
	call(f.bo, f.rep, f.from.AddDate(0, 0, 8), db.OutcomeLeftVoicemail, true) // second week
	call(f.bo, f.rep, f.from.AddDate(0, 0, 9), db.OutcomeBusy, false)
	call(f.bo, f.rep, f.to, db.OutcomeSpokeLegislator, false) // the end is exclusive
	return f
}

func TestReport(t *testing.T) {
	f := newReportFixture(t)
	ctx := context.Background()
	var got *db.Report
	var calls []db.CallLogRow
	var acts []db.VolunteerActivity
	// The fixture's days are UTC's (nil: the campaign's, Massachusetts').
	err := f.s.Report(ctx, db.ReportQuery{From: f.from, To: f.to, Location: time.UTC}, func(r *db.Report) error {
		got = r
		if err := r.EachCall(func(c *db.CallLogRow) error { calls = append(calls, *c); return nil }); err != nil {
			return err
		}
		return r.EachVolunteerActivity(func(a *db.VolunteerActivity) error { acts = append(acts, *a); return nil })
	})
	if err != nil {
		t.Fatal(err)
	}
	s := got.Summary

	t.Run("counts a reach only for spoke with legislator or staff, or left voicemail", func(t *testing.T) {
		// In the period: the seven outcomes (three reaches) and two calls to the rep (one reach).
		if s.Calls != 9 || s.Reaches != 4 || s.LegislatorsCalled != 2 || s.LegislatorsReached != 2 {
			t.Errorf("calls %d reaches %d called %d reached %d", s.Calls, s.Reaches, s.LegislatorsCalled, s.LegislatorsReached)
		}
	})
	t.Run("counts volunteers who called and who joined in the period", func(t *testing.T) {
		if s.VolunteersCalled != 2 || s.NewVolunteers != 2 || s.Volunteers != 3 || s.FollowUpsOpen != 1 {
			t.Errorf("called %d new %d roster %d follow-ups %d", s.VolunteersCalled, s.NewVolunteers, s.Volunteers, s.FollowUpsOpen)
		}
	})
	t.Run("takes the stance at both ends of the period from the history", func(t *testing.T) {
		want := map[int64][2]db.Stance{f.sen: {db.StanceUndecided, db.StanceYes}, f.rep: {db.StanceLeaningNo, db.StanceLeaningNo},
			f.rep2: {db.StanceUnknown, db.StanceUnknown}}
		for _, l := range got.Legislators {
			if w := want[l.ID]; l.StanceStart != w[0] || l.StanceEnd != w[1] {
				t.Errorf("%s: %s -> %s, want %v", l.Name, l.StanceStart, l.StanceEnd, w)
			}
		}
		senate := s.Whip[0]
		if senate.SupportingStart != 0 || senate.SupportingEnd != 1 || senate.MovedToward != 1 || senate.MovedAway != 0 {
			t.Errorf("senate %+v", senate)
		}
	})
	t.Run("puts persuadable legislators first, least recently reached first", func(t *testing.T) {
		var order []int64
		for _, l := range got.Legislators {
			order = append(order, l.ID)
		}
		// leaning no (rep) before unknown (rep2) before yes (sen).
		if len(order) != 3 || order[0] != f.rep || order[1] != f.rep2 || order[2] != f.sen {
			t.Errorf("order %v (sen %d rep %d rep2 %d)", order, f.sen, f.rep, f.rep2)
		}
	})
	t.Run("sums a district's members and its volunteers", func(t *testing.T) {
		for _, d := range got.Districts {
			if d.District == "2nd Essex" && (d.Attempts != 2 || d.Reaches != 1 || d.Volunteers != 1 ||
				d.Members != "Rep. Ray Roe; Rep. Sam Poe") {
				t.Errorf("%+v", d)
			}
		}
	})
	t.Run("counts each Monday-to-Sunday week of the period", func(t *testing.T) {
		if len(got.Weeks) != 2 || got.Weeks[0].Calls != 7 || got.Weeks[0].Reaches != 3 ||
			got.Weeks[1].Calls != 2 || got.Weeks[1].Reaches != 1 || !got.Weeks[1].Start.Equal(f.from.AddDate(0, 0, 7)) {
			t.Errorf("weeks %+v", got.Weeks)
		}
	})
	t.Run("streams the period's calls oldest first", func(t *testing.T) {
		if len(calls) != 9 || calls[0].VolunteerFirst != "Ana" || calls[0].Legislator != "Sen. Jane Doe" ||
			!calls[8].CalledAt.Equal(f.from.AddDate(0, 0, 9)) {
			t.Errorf("%d calls, first %+v", len(calls), calls[0])
		}
	})
	t.Run("lists callers and recruiters, most calls first", func(t *testing.T) {
		if len(acts) != 2 || acts[0].FirstName != "Ana" || acts[0].Calls != 7 || acts[0].Reaches != 3 ||
			acts[1].FirstName != "Bo" || acts[1].Recruits != 1 {
			t.Errorf("%+v", acts)
		}
	})
	t.Run("agrees with the whip count when the period holds every call", func(t *testing.T) {
		w, err := f.s.WhipCount(ctx, f.camp)
		if err != nil {
			t.Fatal(err)
		}
		err = f.s.Report(ctx, db.ReportQuery{To: time.Now().Add(time.Hour)}, func(r *db.Report) error {
			if r.Summary.Calls != w.Calls || r.Summary.Reaches != w.Reaches || r.Summary.LegislatorsReached != w.LegislatorsReached {
				t.Errorf("report %d/%d/%d, whip count %d/%d/%d", r.Summary.Calls, r.Summary.Reaches,
					r.Summary.LegislatorsReached, w.Calls, w.Reaches, w.LegislatorsReached)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
	t.Run("refuses a period that ends before it starts", func(t *testing.T) {
		if err := f.s.Report(ctx, db.ReportQuery{From: f.to, To: f.from}, func(*db.Report) error { return nil }); err == nil {
			t.Error("no error")
		}
	})
}

// reportWhole is everything a Report holds once its calls have been read.
type reportWhole struct {
	Summary     db.ReportSummary
	Legislators []db.LegislatorActivity
	Districts   []db.DistrictActivity
	Weeks       []db.WeekActivity
	Chapters    []db.ChapterActivity
	Activity    []db.VolunteerActivity
	Calls       []db.CallLogRow
}

func readWhole(t *testing.T, s *db.Store, q db.ReportQuery) reportWhole {
	t.Helper()
	var w reportWhole
	err := s.Report(context.Background(), q, func(r *db.Report) error {
		if err := r.EachCall(func(c *db.CallLogRow) error { w.Calls = append(w.Calls, *c); return nil }); err != nil {
			return err
		}
		if err := r.EachVolunteerActivity(func(a *db.VolunteerActivity) error {
			w.Activity = append(w.Activity, *a)
			return nil
		}); err != nil {
			return err
		}
		w.Summary, w.Legislators, w.Districts, w.Weeks, w.Chapters = r.Summary, r.Legislators, r.Districts, r.Weeks, r.Chapters
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// Summing the period in the call log's own pass (TallyInCallLog, as the workbook
// does) gives the very report the separate pass gives: two chapters, a month and
// the whole campaign.
func TestReportTallyInCallLogIsTheSame(t *testing.T) {
	s, _, b := demoPair(t)
	if _, err := s.Merge(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	to := time.Now().Truncate(24 * time.Hour).Add(24 * time.Hour)
	for _, from := range []time.Time{to.AddDate(0, 0, -30), {}} {
		q := db.ReportQuery{From: from, To: to}
		want := readWhole(t, s, q)
		q.TallyInCallLog = true
		got := readWhole(t, s, q)
		if want.Summary.Calls == 0 || len(want.Chapters) != 2 || len(want.Activity) == 0 {
			t.Fatalf("from %v: a thin report: %+v", from, want.Summary)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("from %v: tallied in the call log:\n%+v\nwant\n%+v", from, got.Summary, want.Summary)
		}
	}
}

func TestRosterLabels(t *testing.T) {
	s := dbtest.Open(t)
	ctx := context.Background()
	dbtest.Campaign(t, s)
	dbtest.Volunteer(t, s, "Ana", "Souza", func(v *db.Volunteer) {
		v.Tags, v.Skills, v.Languages = []string{"phonebank", "canvass"}, []string{"spanish", "driver"}, []string{"pt", "es"}
	})
	dbtest.Volunteer(t, s, "Bo", "Li", func(v *db.Volunteer) { v.Skills = []string{"artist"} })
	dbtest.Volunteer(t, s, "Cy", "Ng", nil)
	got := map[string][3]string{}
	err := s.Report(ctx, db.ReportQuery{}, func(r *db.Report) error {
		return r.EachVolunteer(func(v *db.RosterRow) error {
			got[v.FirstName] = [3]string{v.Tags, v.Skills, v.Languages}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][3]string{ // tags and skills apart (the CSV export reads them back), each by name
		"Ana": {"canvass, phonebank", "driver, spanish", "es, pt"},
		"Bo":  {"", "artist", ""},
		"Cy":  {"", "", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("roster labels %q, want %q", got, want)
	}
}

// TestReportRosterSnapshot: the roster, read on a second connection, is the same
// snapshot as the rest of the report while volunteers are being added.
func TestReportRosterSnapshot(t *testing.T) {
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	ctx, stop := context.WithCancel(context.Background())
	added := make(chan int)
	go func() {
		n := 0
		defer func() { added <- n }()
		for ctx.Err() == nil {
			if _, err := s.CreateVolunteer(context.Background(), db.NewVolunteer("Vol", fmt.Sprint(n))); err != nil {
				t.Error(err)
				return
			}
			n++
			// A lead's writes come with pauses between them; a writer that never lets go
			// of the lock leaves the report no moment to take it, and on a loaded
			// machine under the race detector that made this test fail at random.
			time.Sleep(2 * time.Millisecond)
		}
	}()
	twins := 0
	for i := 0; i < 30; i++ {
		err := s.Report(context.Background(), db.ReportQuery{}, func(r *db.Report) error {
			if db.RosterPrefetched(r) {
				twins++
			}
			rows := 0
			if err := r.EachVolunteer(func(*db.RosterRow) error { rows++; return nil }); err != nil {
				return err
			}
			if rows != r.Summary.Volunteers {
				t.Errorf("report %d: the roster lists %d volunteers, the summary counts %d", i, rows, r.Summary.Volunteers)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	stop()
	if n := <-added; n == 0 {
		t.Error("no volunteer was added while the reports were read")
	}
	// A report that cannot have the write lock within 0.1 s reads the roster on its one
	// connection; most have it.
	if _, err := os.Stat(s.Path()); err == nil && twins < 15 { // a file (a server reads on one)
		t.Errorf("%d of 30 reports read the roster on a second connection", twins)
	}
}

// TestVolunteerActivityTies: callers with as many calls and reaches are listed by
// last name, then full name, accents and case aside.
func TestVolunteerActivityTies(t *testing.T) {
	s := dbtest.Open(t)
	ctx := context.Background()
	camp := dbtest.Campaign(t, s)
	leg := dbtest.Legislator(t, s, db.ChamberUpper, "First Suffolk", "Jane Doe")
	at := time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)
	for _, n := range [][2]string{{"ann", "Baker"}, {"Zoe", "Ábalos"}, {"Al", "baker"}} {
		vol := dbtest.Volunteer(t, s, n[0], n[1], nil)
		if _, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: camp, VolunteerID: vol, LegislatorID: leg,
			CalledAt: at, Outcome: db.OutcomeSpokeStaff}, false); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	err := s.Report(ctx, db.ReportQuery{From: at.AddDate(0, 0, -1), To: at.AddDate(0, 0, 1)}, func(r *db.Report) error {
		if err := r.EachCall(func(*db.CallLogRow) error { return nil }); err != nil {
			return err
		}
		return r.EachVolunteerActivity(func(a *db.VolunteerActivity) error {
			got = append(got, a.FirstName+" "+a.LastName)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Zoe Ábalos", "Al baker", "ann Baker"}; !reflect.DeepEqual(got, want) {
		t.Errorf("order %q, want %q", got, want)
	}
}

// TestReportMovesAreChangesBetweenKnownStances: the whole-campaign workbook (--all)
// counted the starting whip list, dated at the period's first instant, as stances
// moved ("Moved toward 23 / 64"): a first stance recorded is not a move, nor is a
// stance set back to unknown; a change from one known stance to another is.
func TestReportMovesAreChangesBetweenKnownStances(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	camp := dbtest.Campaign(t, s)
	start := time.Date(2026, 6, 6, 0, 0, 0, 0, time.UTC) // the demo's campaign start: the first call's day
	var legs []int64
	for i, st := range []db.Stance{db.StanceCosponsor, db.StanceYes, db.StanceUndecided, db.StanceLeaningNo, db.StanceYes, db.StanceUnknown} {
		leg := dbtest.Legislator(t, s, db.ChamberLower, fmt.Sprintf("%dth Suffolk", i+1), fmt.Sprintf("Rep Number%d", i+1))
		legs = append(legs, leg)
		if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: camp, LegislatorID: leg, Stance: st, ChangedAt: start,
			ChangedBy: "lead", Reason: "starting whip count"}); err != nil {
			t.Fatal(err)
		}
	}
	later := func(leg int64, st db.Stance, days int) {
		t.Helper()
		if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: camp, LegislatorID: leg, Stance: st,
			ChangedAt: start.AddDate(0, 0, days), ChangedBy: "lead"}); err != nil {
			t.Fatal(err)
		}
	}
	later(legs[2], db.StanceLeaningYes, 10) // undecided -> leaning yes: toward
	later(legs[3], db.StanceNo, 12)         // leaning no -> no: away
	later(legs[4], db.StanceUnknown, 14)    // yes -> unknown: not a move
	later(legs[5], db.StanceUndecided, 16)  // unknown -> undecided: a first stance
	if _, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: camp, LegislatorID: legs[0], Outcome: db.OutcomeBusy,
		CalledAt: start.Add(3 * time.Hour)}, false); err != nil {
		t.Fatal(err)
	}
	for _, q := range []struct {
		name   string
		q      db.ReportQuery
		toward int
		away   int
		known  int // legislators with a stance at the start: the whip list, once before the period
	}{
		{"the whole campaign, from the first call's day", db.ReportQuery{CampaignID: camp, To: start.AddDate(0, 1, 0)}, 1, 1, 0},
		{"a month from the day before", db.ReportQuery{CampaignID: camp, From: start.AddDate(0, 0, -1), To: start.AddDate(0, 1, 0)}, 1, 1, 0},
		{"a month after the whip list", db.ReportQuery{CampaignID: camp, From: start.AddDate(0, 0, 1), To: start.AddDate(0, 1, 0)}, 1, 1, 5},
	} {
		t.Run(q.name, func(t *testing.T) {
			var house db.ChamberMove
			var stances []string
			known := 0
			if err := s.Report(ctx, q.q, func(r *db.Report) error {
				house = r.Summary.Whip[1]
				for _, l := range r.Legislators {
					stances = append(stances, fmt.Sprintf("%s %s->%s", l.District, l.StanceStart, l.StanceEnd))
					if l.StanceStart != db.StanceUnknown {
						known++
					}
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if house.MovedToward != q.toward || house.MovedAway != q.away {
				t.Errorf("moved toward %d, away %d; want %d and %d (%v)", house.MovedToward, house.MovedAway, q.toward, q.away, stances)
			}
			if house.SupportingEnd != 2 || house.End[db.StanceLeaningYes] != 1 || house.End[db.StanceUnknown] != 1 {
				t.Errorf("at the end: %d for, %v", house.SupportingEnd, house.End)
			}
			if known != q.known || house.SupportingStart != min(q.known, 3) {
				t.Errorf("%d stances known at the start, %d for; want %d (%v)", known, house.SupportingStart, q.known, stances)
			}
		})
	}
}

// TestReportListsFormerMembers: the period's calls to a legislator who has left office
// since count on his own line, marked out of office, not as a seat of the whip count.
func TestReportListsFormerMembers(t *testing.T) {
	ctx := context.Background()
	f := newReportFixture(t)
	s := f.s
	in, err := s.Legislators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var all, rows []db.IncomingLegislator
	for i, l := range in {
		all = append(all, db.IncomingLegislator{Line: i + 2, Legislator: l})
		if l.ID != f.rep { // Ray Roe, called twice in the period, leaves office
			rows = append(rows, all[i])
		}
	}
	if _, err := s.ImportLegislators(ctx, all, db.ImportOptions{State: "MA"}); err != nil { // they sit for MA
		t.Fatal(err)
	}
	if sum, err := s.ImportLegislators(ctx, rows, db.ImportOptions{State: "MA", RetireMissing: true}); err != nil || sum.Retired != 1 {
		t.Fatalf("retire Ray Roe: %+v, %v", sum, err)
	}
	for _, tally := range []bool{false, true} {
		var got db.Report
		err := s.Report(ctx, db.ReportQuery{From: f.from, To: f.to, Location: time.UTC, TallyInCallLog: tally}, func(r *db.Report) error {
			if err := r.EachCall(func(*db.CallLogRow) error { return nil }); err != nil {
				return err
			}
			got = *r
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		calls, lines := 0, map[string]string{}
		for _, l := range got.Legislators {
			calls += l.Attempts
			lines[l.Name] = l.NotCounted
		}
		last := got.Legislators[len(got.Legislators)-1]
		if calls != got.Summary.Calls || last.Name != "Ray Roe" || last.NotCounted != db.NotCountedGone || last.Persuadable() ||
			last.Attempts != 2 || lines["Sam Poe"] != "" {
			t.Errorf("tally in call log %v: %d calls on the lines, %d in all; last line %+v", tally, calls, got.Summary.Calls, last)
		}
		if house := got.Summary.Whip[1]; house.Seats != 1 || house.Start[db.StanceLeaningNo] != 0 {
			t.Errorf("the House counts Ray Roe: %+v", house)
		}
		var essex db.DistrictActivity
		for _, d := range got.Districts {
			if d.District == "2nd Essex" {
				essex = d
			}
		}
		if essex.Members != "Rep. Ray Roe (out of office); Rep. Sam Poe" || essex.Attempts != 2 {
			t.Errorf("2nd Essex: %+v", essex)
		}
	}
}
