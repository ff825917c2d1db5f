package db_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// The Store's contract, run against each backend: the data file and a PostgreSQL
// server. (The whole db suite also runs on the server with
// CHAPTERDESK_TEST_BACKEND=postgres; these are the cases that matter most when
// several leads share one.)

// An edit of a volunteer someone else changed since it was read is refused, names who
// and what, writes nothing; saving again over their version works.
func TestEditConflictIsNeverSilent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		ctx := context.Background()
		s := open(t)
		id := dbtest.Volunteer(t, s, "Ana", "Souza", func(v *db.Volunteer) { v.Phone = "617-555-0100" })
		mine, err := s.Volunteer(ctx, id)
		if err != nil || mine.Version == 0 {
			t.Fatalf("load: %+v, %v", mine, err)
		}
		theirs := mine
		theirs.Email = "ana@example.org"
		if err := s.UpdateVolunteer(ctx, theirs); err != nil {
			t.Fatal(err)
		}
		mine.Phone = "617-555-0199"
		err = s.UpdateVolunteer(ctx, mine)
		var conflict *db.EditConflictError
		if !errors.As(err, &conflict) || !errors.Is(err, db.ErrConflict) {
			t.Fatalf("second save over a changed record: %v", err)
		}
		if conflict.Theirs.Email != "ana@example.org" || conflict.Theirs.Phone != "617-555-0100" {
			t.Errorf("theirs: %+v", conflict.Theirs)
		}
		if got := db.VolunteerChanges(mine, conflict.Theirs); fmt.Sprint(got) != "[email phone]" {
			t.Errorf("changes %v", got)
		}
		now, _ := s.Volunteer(ctx, id)
		if now.Phone != "617-555-0100" || now.Email != "ana@example.org" {
			t.Errorf("the refused save wrote: %+v", now)
		}
		// The lead chooses theirs as the base and saves again: it lands.
		mine.Version = conflict.Theirs.Version
		if err := s.UpdateVolunteer(ctx, mine); err != nil {
			t.Fatal(err)
		}
		now, _ = s.Volunteer(ctx, id)
		if now.Phone != "617-555-0199" || now.Version != conflict.Theirs.Version+1 {
			t.Errorf("after saving over: %+v", now)
		}
		// A save without a version (an import, a tool) is not checked.
		now.Version = 0
		now.Notes = "met at the library"
		if err := s.UpdateVolunteer(ctx, now); err != nil {
			t.Fatal(err)
		}
	})
}

// Two leads keying call reports at the same moment: every report lands, and the whip
// count's history keeps every stance change.
func TestTwoLeadsKeyCallsAtOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		ctx := context.Background()
		s := open(t)
		camp := dbtest.Campaign(t, s)
		leg := dbtest.Legislator(t, s, db.ChamberUpper, "First Suffolk", "Nick Collins")
		vol := dbtest.Volunteer(t, s, "Rosa", "Almeida", nil)
		second := s
		if url, ok := dbtest.URLOf(s); ok {
			// A second lead: another connection pool, as another laptop has.
			var err error
			if second, err = db.Open(ctx, url, db.Options{}); err != nil {
				t.Fatal(err)
			}
			defer second.Close()
		}
		const each = 40
		stances := []db.Stance{db.StanceYes, db.StanceLeaningYes, db.StanceUndecided, db.StanceLeaningNo}
		var wg sync.WaitGroup
		errs := make(chan error, 2*each)
		for lead, st := range []*db.Store{s, second} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					r := db.CallReport{CampaignID: camp, VolunteerID: vol, LegislatorID: leg, Outcome: db.OutcomeSpokeStaff,
						StanceHeard: stances[(lead+i)%len(stances)],
						CalledAt:    time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC).Add(time.Duration(2*i+lead) * time.Minute)}
					if _, err := st.CreateCallReport(ctx, r, true); err != nil {
						errs <- err
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		w, err := s.WhipCount(ctx, camp)
		if err != nil || w.Calls != 2*each {
			t.Fatalf("whip count: %d calls, %v", w.Calls, err)
		}
		h, err := s.StanceHistory(ctx, camp, leg)
		if err != nil || len(h) != 2*each {
			t.Fatalf("history: %d changes, %v", len(h), err)
		}
		// The newest call decides the stance: the last of the second lead's.
		if want := stances[(1+each-1)%len(stances)]; w.Legislators[0].Stance != want {
			t.Errorf("stance %s, want %s", w.Legislators[0].Stance, want)
		}
	})
}
