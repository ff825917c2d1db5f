package db_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

func TestStanceHistory(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	camp := dbtest.Campaign(t, s)
	leg := dbtest.Legislator(t, s, db.ChamberLower, "26th Middlesex", "Jane Doe")
	day := func(d int) time.Time { return time.Date(2026, 10, d, 12, 0, 0, 0, time.UTC) }
	set := func(st db.Stance, at time.Time, why string) {
		t.Helper()
		if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: camp, LegislatorID: leg, Stance: st,
			ChangedAt: at, ChangedBy: "Rosa", Reason: why}); err != nil {
			t.Fatal(err)
		}
	}
	current := func() db.Stance {
		w, err := s.WhipCount(ctx, camp)
		if err != nil {
			t.Fatal(err)
		}
		return w.Legislators[0].Stance
	}

	t.Run("a legislator nobody has asked is unknown", func(t *testing.T) {
		if got := current(); got != db.StanceUnknown {
			t.Errorf("stance %q", got)
		}
	})
	t.Run("keeps every change with who, when and why", func(t *testing.T) {
		set(db.StanceUndecided, day(1), "coalition list")
		set(db.StanceLeaningYes, day(10), "aide said so")
		hist, err := s.StanceHistory(ctx, camp, leg)
		if err != nil || len(hist) != 2 {
			t.Fatalf("history %v, err %v", hist, err)
		}
		if hist[0].Stance != db.StanceLeaningYes || hist[0].ChangedBy != "Rosa" || hist[0].Reason != "aide said so" ||
			!hist[0].ChangedAt.Equal(day(10)) || hist[1].Stance != db.StanceUndecided {
			t.Errorf("history %+v", hist)
		}
		if got := current(); got != db.StanceLeaningYes {
			t.Errorf("current %q", got)
		}
	})
	t.Run("a late report of an older stance does not undo a newer one", func(t *testing.T) {
		set(db.StanceNo, day(5), "report that arrived late")
		if got := current(); got != db.StanceLeaningYes {
			t.Errorf("current %q, want leaning_yes", got)
		}
		if hist, _ := s.StanceHistory(ctx, camp, leg); len(hist) != 3 {
			t.Errorf("%d history rows, want 3", len(hist))
		}
	})
	t.Run("history cannot be rewritten or deleted", func(t *testing.T) {
		raw, err := sql.Open("sqlite", "file:"+s.Path())
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		if _, err := raw.Exec(`UPDATE stance_history SET stance = 'yes'`); err == nil {
			t.Error("UPDATE of the history succeeded")
		}
		if _, err := raw.Exec(`DELETE FROM stance_history`); err == nil {
			t.Error("DELETE from the history succeeded")
		}
	})
	t.Run("refuses a stance outside the vocabulary", func(t *testing.T) {
		var ve *db.ValidationError
		if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: camp, LegislatorID: leg, Stance: "maybe"}); !errors.As(err, &ve) {
			t.Errorf("err = %v", err)
		}
	})
}

func TestCallReportsAndWhipCount(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	camp := dbtest.Campaign(t, s)
	sen := dbtest.Legislator(t, s, db.ChamberUpper, "Second Middlesex", "Pat Jehlen")
	rep := dbtest.Legislator(t, s, db.ChamberLower, "26th Middlesex", "Mike Connolly")
	idle := dbtest.Legislator(t, s, db.ChamberLower, "3rd Bristol", "Nobody Called")
	vol := dbtest.Volunteer(t, s, "Ana", "Souza", nil)
	at := func(d int) time.Time { return time.Date(2026, 11, d, 15, 0, 0, 0, time.UTC) }
	call := func(leg int64, o db.Outcome, d int) int64 {
		t.Helper()
		id, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: camp, VolunteerID: vol, LegislatorID: leg,
			Outcome: o, CalledAt: at(d)}, false)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	for _, o := range db.Outcomes {
		call(rep, o, 3)
	}
	call(sen, db.OutcomeBusy, 4)
	call(sen, db.OutcomeSpokeStaff, 5)
	last := call(sen, db.OutcomeVoicemailFull, 9)

	row := func(w db.WhipCount, id int64) db.WhipRow {
		for _, r := range w.Legislators {
			if r.LegislatorID == id {
				return r
			}
		}
		t.Fatalf("legislator %d missing from the whip count", id)
		return db.WhipRow{}
	}

	t.Run("counts attempts and reaches; voicemail full, busy and no answer are not reaches", func(t *testing.T) {
		w, err := s.WhipCount(ctx, camp)
		if err != nil {
			t.Fatal(err)
		}
		r := row(w, rep)
		if r.Attempts != 7 || r.Reaches != 3 {
			t.Errorf("rep: %d attempts, %d reaches; want 7 and 3", r.Attempts, r.Reaches)
		}
		sr := row(w, sen)
		if sr.Attempts != 3 || sr.Reaches != 1 || !sr.LastCalledAt.Equal(at(9)) || !sr.LastReachedAt.Equal(at(5)) {
			t.Errorf("senator %+v", sr)
		}
		if w.Calls != 10 || w.Reaches != 4 || w.LegislatorsReached != 2 {
			t.Errorf("totals: %d calls, %d reaches, %d reached", w.Calls, w.Reaches, w.LegislatorsReached)
		}
		if next := w.NotCalledSince(at(8)); len(next) != 2 || next[0].LegislatorID != idle || next[1].LegislatorID != rep {
			t.Errorf("not called since the 8th: %+v", next)
		}
	})
	t.Run("a report in the trash stops counting, and counts again when restored", func(t *testing.T) {
		if _, err := s.TrashCallReport(ctx, last); err != nil {
			t.Fatal(err)
		}
		w, _ := s.WhipCount(ctx, camp)
		if r := row(w, sen); r.Attempts != 2 || !r.LastCalledAt.Equal(at(5)) {
			t.Errorf("after trash: %+v", r)
		}
		if _, err := s.RestoreCallReport(ctx, last); err != nil {
			t.Fatal(err)
		}
		w, _ = s.WhipCount(ctx, camp)
		if r := row(w, sen); r.Attempts != 3 || !r.LastCalledAt.Equal(at(9)) {
			t.Errorf("after restore: %+v", r)
		}
	})
	t.Run("a report with a stance heard can move the whip count, citing the report", func(t *testing.T) {
		id, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: camp, VolunteerID: vol, LegislatorID: sen,
			Outcome: db.OutcomeSpokeLegislator, StanceHeard: db.StanceYes, CalledAt: at(10)}, true)
		if err != nil {
			t.Fatal(err)
		}
		w, _ := s.WhipCount(ctx, camp)
		if r := row(w, sen); r.Stance != db.StanceYes {
			t.Errorf("stance %q", r.Stance)
		}
		if w.Chambers[0].Chamber != db.ChamberUpper || w.Chambers[0].Supporting() != 1 || w.Chambers[0].VotesNeeded != 21 {
			t.Errorf("senate count %+v", w.Chambers[0])
		}
		hist, _ := s.StanceHistory(ctx, camp, sen)
		caller := "Ana Souza"
		if _, server := dbtest.URLOf(s); server {
			caller = "Ana S." // every chapter reads a server's history (migration 0005)
		}
		if len(hist) != 1 || hist[0].CallReportID != id || hist[0].ChangedBy != caller {
			t.Errorf("history %+v", hist)
		}
	})
	t.Run("lists reports newest first with names", func(t *testing.T) {
		rows, err := s.ListCallReports(ctx, db.CallFilter{CampaignID: camp, LegislatorID: sen}, 0, 10)
		if err != nil || len(rows) != 4 {
			t.Fatalf("%d rows, err %v", len(rows), err)
		}
		if rows[0].Legislator != "Sen. Pat Jehlen" || rows[0].VolunteerName != "Ana Souza" || rows[0].StanceHeard != db.StanceYes {
			t.Errorf("first row %+v", rows[0])
		}
		since, _ := s.ListCallReports(ctx, db.CallFilter{From: at(9)}, 0, 10)
		if len(since) != 2 {
			t.Errorf("%d reports from the 9th, want 2", len(since))
		}
	})
	t.Run("refuses a report without outcome or legislator, or dated in the future", func(t *testing.T) {
		for _, r := range []db.CallReport{
			{CampaignID: camp, LegislatorID: rep},
			{CampaignID: camp, Outcome: db.OutcomeBusy},
			{CampaignID: camp, LegislatorID: rep, Outcome: db.OutcomeBusy, CalledAt: time.Now().AddDate(0, 0, 3)},
			{CampaignID: camp, LegislatorID: rep, Outcome: db.OutcomeBusy, StanceHeard: "sort of"},
		} {
			var ve *db.ValidationError
			if _, err := s.CreateCallReport(ctx, r, true); !errors.As(err, &ve) {
				t.Errorf("%+v: err = %v", r, err)
			}
		}
	})
}

func TestLegislatorEdits(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	id := dbtest.Legislator(t, s, db.ChamberLower, "7th Hampden", "Aaron Saunders")
	if err := s.EditLegislator(ctx, id, db.FieldCapitolPhone, "617-722-2320 x4"); err != nil {
		t.Fatal(err)
	}
	l, _ := s.Legislator(ctx, id)
	if l.CapitolPhone != "617-722-2320 x4" || !l.Edited["capitol_phone"] || l.Title() != "Rep. Aaron Saunders" {
		t.Errorf("after edit %+v", l)
	}
	if err := s.EditLegislator(ctx, id, db.FieldCapitolPhone, ""); err != nil {
		t.Fatal(err)
	}
	if l, _ = s.Legislator(ctx, id); l.CapitolPhone != "" || l.Edited["capitol_phone"] {
		t.Errorf("after clearing the edit %+v", l)
	}
	if err := s.EditLegislator(ctx, id+100, db.FieldName, "x"); !errors.Is(err, db.ErrNotFound) {
		t.Errorf("missing legislator: %v", err)
	}
	var ve *db.ValidationError
	if err := s.EditLegislator(ctx, id, "district", "8th Hampden"); !errors.As(err, &ve) {
		t.Errorf("non-editable field: %v", err)
	}
	both, _ := s.LegislatorsForDistricts(ctx, "", "7th hampden")
	if len(both) != 1 {
		t.Errorf("by district: %v", both)
	}
}

// TestWhipCountIsTheCampaignsState: a campaign's whip count and its votes needed are
// its own state's legislature, not every legislator the file holds.
func TestWhipCountIsTheCampaignsState(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	ma := dbtest.Campaign(t, s) // the starter campaign: Massachusetts, 21 and 81 votes needed
	if _, err := s.ImportLegislators(ctx, []db.IncomingLegislator{
		incoming(2, "ocd-person/1", db.ChamberLower, "7th Hampden", "Aaron Saunders", ""),
		incoming(3, "ocd-person/2", db.ChamberUpper, "Second Middlesex", "Patricia D. Jehlen", ""),
	}, db.ImportOptions{State: "MA"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportLegislators(ctx, []db.IncomingLegislator{
		incoming(2, "ocd-person/10", db.ChamberUpper, "1", "Regina Birdsell", ""),
		incoming(3, "ocd-person/11", db.ChamberUpper, "2", "Timothy Lang", ""),
	}, db.ImportOptions{State: "NH"}); err != nil {
		t.Fatal(err)
	}
	dbtest.Legislator(t, s, db.ChamberLower, "9th Essex", "Typed By Hand") // no state
	c, err := s.Campaign(ctx, ma)
	if err != nil {
		t.Fatal(err)
	}
	c.ID, c.UUID, c.State, c.VotesNeeded = 0, "6f1c2b0e-3d4a-4c6b-9a51-5ca0c0a1e0ff", "", db.VotesNeeded{Upper: 13, Lower: 201}
	stateless, err := s.SaveCampaign(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	seats := func(w db.WhipCount) string {
		return fmt.Sprintf("senate %d of %d, house %d of %d", w.Chambers[0].VotesNeeded, w.Chambers[0].Seats,
			w.Chambers[1].VotesNeeded, w.Chambers[1].Seats)
	}
	t.Run("a Massachusetts campaign counts Massachusetts and those of no known state", func(t *testing.T) {
		w, err := s.WhipCount(ctx, ma)
		if err != nil || seats(w) != "senate 21 of 1, house 81 of 2" {
			t.Errorf("%s %v", seats(w), err)
		}
	})
	t.Run("a campaign without a state counts everyone, needing nothing of two legislatures", func(t *testing.T) {
		w, err := s.WhipCount(ctx, stateless)
		if err != nil || seats(w) != "senate 0 of 3, house 0 of 2" {
			t.Errorf("%s %v", seats(w), err)
		}
	})
	t.Run("the workbook's summary counts the same", func(t *testing.T) {
		err := s.Report(ctx, db.ReportQuery{CampaignID: ma, To: time.Now().Add(time.Hour)}, func(r *db.Report) error {
			if len(r.Legislators) != 3 || r.Summary.Whip[0].Seats != 1 || r.Summary.Whip[0].VotesNeeded != 21 {
				t.Errorf("%d legislators, %+v", len(r.Legislators), r.Summary.Whip)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
