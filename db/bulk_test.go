package db_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// loadSample adds the same small chapter through a Loader.
func loadSample(t *testing.T, s *db.Store, opts db.LoadOptions) {
	t.Helper()
	ctx := context.Background()
	camp := dbtest.Campaign(t, s)
	err := s.Load(ctx, opts, func(l *db.Loader) error {
		sen := db.Legislator{Chamber: db.ChamberUpper, District: "First Suffolk", Name: "Lydia Edwards", InOffice: true}
		if err := l.AddLegislator(&sen); err != nil {
			return err
		}
		var ids []int64
		for _, name := range []string{"Ana", "Bruno", "Chloé"} {
			v := db.NewVolunteer(name, "Souza")
			v.Phone, v.Tags, v.Languages = "617-555-0100", []string{"phonebank"}, []string{"pt"}
			if err := l.AddVolunteer(&v); err != nil {
				return err
			}
			ids = append(ids, v.ID)
		}
		if err := l.SetRecruiter(ids[2], ids[0]); err != nil {
			return err
		}
		for i, o := range []db.Outcome{db.OutcomeSpokeStaff, db.OutcomeBusy, db.OutcomeLeftVoicemail, db.OutcomeNoAnswer} {
			r := db.CallReport{CampaignID: camp, VolunteerID: ids[i%3], LegislatorID: sen.ID, Outcome: o,
				CalledAt: time.Date(2026, 11, 1+i, 10, 0, 0, 0, time.UTC)}
			if err := l.AddCallReport(&r); err != nil {
				return err
			}
			if i == 2 {
				if err := l.AddStance(&db.StanceChange{CampaignID: camp, LegislatorID: sen.ID, Stance: db.StanceYes,
					ChangedAt: r.CalledAt, CallReportID: r.ID}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	snapshot := func(s *db.Store) (counts []db.Count, w db.WhipCount, found int) {
		counts, _ = s.Counts(ctx)
		list, _ := s.Campaigns(ctx)
		w, _ = s.WhipCount(ctx, list[0].ID)
		rows, _ := s.SearchVolunteers(ctx, "chloe", 5)
		return counts, w, len(rows)
	}

	// loadBoth loads the sample plainly and deferred into two files, each first set up
	// by prepare, and reports every table whose rows differ in number.
	loadBoth := func(t *testing.T, prepare func(*db.Store)) (plain, deferred *db.Store) {
		t.Helper()
		plain, deferred = dbtest.Open(t), dbtest.Open(t)
		prepare(plain)
		prepare(deferred)
		loadSample(t, plain, db.LoadOptions{})
		loadSample(t, deferred, db.LoadOptions{DeferIndexes: true})
		c1, _, _ := snapshot(plain)
		c2, _, _ := snapshot(deferred)
		for i := range c1 {
			if c1[i] != c2[i] {
				t.Errorf("%s: plain %d, deferred %d", c1[i].Name, c1[i].Count, c2[i].Count)
			}
		}
		return plain, deferred
	}

	t.Run("a deferred load ends exactly like a plain one", func(t *testing.T) {
		plain, deferred := loadBoth(t, func(*db.Store) {})
		_, w1, f1 := snapshot(plain)
		_, w2, f2 := snapshot(deferred)
		r1, r2 := w1.Legislators[0], w2.Legislators[0]
		if r1 != r2 || r1.Attempts != 4 || r1.Reaches != 2 || r1.Stance != db.StanceYes {
			t.Errorf("whip rows differ or are wrong:\n plain    %+v\n deferred %+v", r1, r2)
		}
		if f1 != 1 || f2 != 1 {
			t.Errorf("search after load found %d and %d", f1, f2)
		}
	})

	t.Run("a deferred load beside volunteers already there ends like a plain one", func(t *testing.T) {
		// A few volunteers typed in by hand, one of them trashed for good: its id is a gap.
		prepare := func(s *db.Store) (kept, gone int64) {
			kept = dbtest.Volunteer(t, s, "Dora", "Kept", nil)
			gone = dbtest.Volunteer(t, s, "Gus", "Gone", nil)
			dbtest.Volunteer(t, s, "Hal", "Kept", nil)
			if err := s.TrashVolunteer(ctx, gone); err != nil {
				t.Fatal(err)
			}
			if _, err := s.EmptyTrash(ctx); err != nil {
				t.Fatal(err)
			}
			return kept, gone
		}
		plain, deferred := loadBoth(t, func(s *db.Store) { prepare(s) })
		_, w1, f1 := snapshot(plain)
		_, w2, f2 := snapshot(deferred)
		if w1.Legislators[0] != w2.Legislators[0] || f1 != 1 || f2 != 1 {
			t.Errorf("plain %+v found %d, deferred %+v found %d", w1.Legislators[0], f1, w2.Legislators[0], f2)
		}
		if rows, _ := deferred.SearchVolunteers(ctx, "kept", 5); len(rows) != 2 {
			t.Errorf("the volunteers there before are found %d times, want 2", len(rows))
		}
		// Calls may name a volunteer already there, not one gone for good (each case
		// in a file of its own: once it has calls, a load into it is not deferred).
		for _, gonesCall := range []bool{false, true} {
			s := dbtest.Open(t)
			camp := dbtest.Campaign(t, s)
			kept, gone := prepare(s)
			caller := kept
			if gonesCall {
				caller = gone
			}
			err := s.Load(ctx, db.LoadOptions{DeferIndexes: true}, func(l *db.Loader) error {
				sen := db.Legislator{Chamber: db.ChamberUpper, District: "First Suffolk", Name: "Lydia Edwards", InOffice: true}
				if err := l.AddLegislator(&sen); err != nil {
					return err
				}
				return l.AddCallReport(&db.CallReport{CampaignID: camp, VolunteerID: caller, LegislatorID: sen.ID,
					Outcome: db.OutcomeBusy})
			})
			if !gonesCall && err != nil {
				t.Errorf("a call by a volunteer there before the load: %v", err)
			}
			if gonesCall && !errors.Is(err, db.ErrNotFound) {
				t.Errorf("a call by a volunteer deleted for good: err %v, want ErrNotFound", err)
			}
		}
	})

	t.Run("a deferred load puts its indexes and triggers back", func(t *testing.T) {
		s := dbtest.Open(t)
		loadSample(t, s, db.LoadOptions{DeferIndexes: true})
		camp, _ := s.Campaigns(ctx)
		w, _ := s.WhipCount(ctx, camp[0].ID)
		// A report added after the load must be counted by the restored triggers.
		if _, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: camp[0].ID, LegislatorID: w.Legislators[0].LegislatorID,
			Outcome: db.OutcomeSpokeLegislator}, false); err != nil {
			t.Fatal(err)
		}
		w2, _ := s.WhipCount(ctx, camp[0].ID)
		if w2.Legislators[0].Attempts != w.Legislators[0].Attempts+1 {
			t.Errorf("attempts %d after one more call, were %d", w2.Legislators[0].Attempts, w.Legislators[0].Attempts)
		}
	})

	for _, deferred := range []bool{false, true} {
		name := "plain"
		if deferred {
			name = "deferred"
		}
		t.Run("a "+name+" load that meets a bad reference writes nothing", func(t *testing.T) {
			s := dbtest.Open(t)
			camp := dbtest.Campaign(t, s)
			err := s.Load(ctx, db.LoadOptions{DeferIndexes: deferred}, func(l *db.Loader) error {
				v := db.NewVolunteer("Ana", "Souza")
				if err := l.AddVolunteer(&v); err != nil {
					return err
				}
				return l.AddCallReport(&db.CallReport{CampaignID: camp, VolunteerID: v.ID, LegislatorID: 4242, Outcome: db.OutcomeBusy})
			})
			if err == nil {
				t.Fatal("a call to a legislator that does not exist was accepted")
			}
			if deferred && !errors.Is(err, db.ErrNotFound) {
				t.Errorf("err = %v, want ErrNotFound", err)
			}
			if n, _ := s.CountVolunteers(ctx, db.VolunteerFilter{}); n != 0 {
				t.Errorf("%d volunteers written by a failed load", n)
			}
		})
	}

	t.Run("a load that fails half-way writes nothing", func(t *testing.T) {
		s := dbtest.Open(t)
		err := s.Load(ctx, db.LoadOptions{DeferIndexes: true}, func(l *db.Loader) error {
			for range 100 {
				v := db.NewVolunteer("Ana", "Souza")
				if err := l.AddVolunteer(&v); err != nil {
					return err
				}
			}
			bad := db.NewVolunteer("", "")
			return l.AddVolunteer(&bad)
		})
		var ve *db.ValidationError
		if !errors.As(err, &ve) {
			t.Errorf("err = %v", err)
		}
		if n, _ := s.CountVolunteers(ctx, db.VolunteerFilter{}); n != 0 {
			t.Errorf("%d volunteers written", n)
		}
		// The indexes dropped for the load are back after the rollback.
		v := db.NewVolunteer("Búi", "Ólafsson")
		if _, err := s.CreateVolunteer(ctx, v); err != nil {
			t.Fatal(err)
		}
		if rows, _ := s.SearchVolunteers(ctx, "bui", 5); len(rows) != 1 {
			t.Error("search broken after a failed load")
		}
	})
}

// TestLoadBatchThatFails: a load writes its rows in batches, so a row that breaks a
// rule (two volunteers with one UUID) fails at its batch, full or the last; the load
// must fail and write nothing, wherever in the load that batch was.
func TestLoadBatchThatFails(t *testing.T) {
	for _, rows := range []int{70, 300, 5000} {
		t.Run(fmt.Sprint(rows, " rows"), func(t *testing.T) {
			ctx := context.Background()
			s := dbtest.Open(t)
			err := s.Load(ctx, db.LoadOptions{DeferIndexes: true}, func(l *db.Loader) error {
				for i := range rows {
					v := db.NewVolunteer(fmt.Sprintf("Ana%d", i), "Souza")
					v.Tags = []string{"phone bank"}
					if i == 5 || i == 10 {
						v.UUID = "0190c0de-0000-7000-8000-000000000005"
					}
					if err := l.AddVolunteer(&v); err != nil {
						return err
					}
				}
				return nil
			})
			if !errors.Is(err, db.ErrConflict) {
				t.Fatalf("a load with two volunteers of one UUID: %v", err)
			}
			if n, _ := s.CountVolunteers(ctx, db.VolunteerFilter{}); n != 0 {
				t.Errorf("%d volunteers after a failed load", n)
			}
		})
	}
}
