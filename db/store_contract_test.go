package db_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/demo"
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

// A laptop's file merged into the chapter (a server, or another file) comes in by
// UUID: once, as one undoable batch, with its references whole.
func TestMergeAFileIntoEachBackend(t *testing.T) {
	laptop := demoFile(t, "laptop.db", 2, 80, 600)
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		ctx := context.Background()
		s := open(t)
		before := counts(t, s)
		res, err := s.Merge(ctx, laptop)
		if err != nil {
			t.Fatal(err)
		}
		after := counts(t, s)
		if res.Volunteers != 80 || res.CallReports != 600 || res.BatchID == 0 ||
			after["volunteers"] != before["volunteers"]+80 || after["call_reports"] != before["call_reports"]+600 {
			t.Fatalf("merge %+v: %v -> %v", res, before, after)
		}
		w, err := s.WhipCount(ctx, mustCampaign(t, s))
		if err != nil || w.Calls != 600 {
			t.Errorf("whip count after the merge: %d calls, %v", w.Calls, err)
		}
		again, err := s.Merge(ctx, laptop)
		if err != nil || again.Total() != 0 || again.AlreadyHere == 0 {
			t.Errorf("merging again: %+v, %v", again, err)
		}
		if _, err := s.UndoImport(ctx, res.BatchID); err != nil {
			t.Fatal(err)
		}
		if undone := counts(t, s); undone["volunteers"] != before["volunteers"] || undone["call_reports"] != before["call_reports"] {
			t.Errorf("after undo %v, before %v", undone, before)
		}
	})
}

func mustCampaign(t *testing.T, s *db.Store) int64 {
	t.Helper()
	list, err := s.Campaigns(context.Background())
	if err != nil || len(list) == 0 {
		t.Fatal("no campaign", err)
	}
	return list[0].ID
}

// A server's chapter backed up is an ordinary, intact data file with the same records
// and the same whip count: the offline copy a lead takes to a canvass.
func TestServerBackupIsAChapterFile(t *testing.T) {
	ctx := context.Background()
	s := dbtest.OpenServer(t)
	if err := demo.Generate(ctx, s, demo.Options{Volunteers: 150, Calls: 900, Seed: 3,
		AsOf: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "canvass.db")
	if err := s.Backup(ctx, file); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, file); err == nil {
		t.Error("a second backup over the first was not refused")
	}
	r, err := db.FullCheck(ctx, file)
	if err != nil || !r.Intact() {
		t.Fatalf("full check of the copy: %+v, %v", r, err)
	}
	f, err := db.Open(ctx, file, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if a, b := counts(t, s), counts(t, f); fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("server %v\nfile   %v", a, b)
	}
	w1, _ := s.WhipCount(ctx, mustCampaign(t, s))
	w2, _ := f.WhipCount(ctx, mustCampaign(t, f))
	if fmt.Sprint(w1) != fmt.Sprint(w2) {
		t.Errorf("whip counts differ:\n%v\n%v", w1, w2)
	}
	self1, _ := s.SelfChapter(ctx)
	self2, _ := f.SelfChapter(ctx)
	if self1.UUID != self2.UUID {
		t.Errorf("the file's chapter %s is not the server's %s", self2.UUID, self1.UUID)
	}
}

func TestWithMyChanges(t *testing.T) {
	opened := db.NewVolunteer("Ana", "Souza")
	opened.Phone, opened.Email, opened.Tags = "617-555-0100", "ana@old.org", []string{"phonebank"}
	theirs, mine := opened, opened
	theirs.Email, theirs.Phone = "ana@example.org", "617-555-0111"
	mine.Phone, mine.Tags = "617-555-0199", []string{"phonebank", "driver"}
	merged, overlap := db.WithMyChanges(opened, mine, theirs)
	if merged.Email != "ana@example.org" || merged.Phone != "617-555-0199" || fmt.Sprint(merged.Tags) != "[phonebank driver]" {
		t.Errorf("merged %+v", merged)
	}
	if fmt.Sprint(overlap) != "[phone]" {
		t.Errorf("overlap %v", overlap)
	}
}

func TestLegislatorEditConflict(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		ctx := context.Background()
		s := open(t)
		id := dbtest.Legislator(t, s, db.ChamberUpper, "First Suffolk", "Nick Collins")
		opened, _ := s.Legislator(ctx, id)
		notes := "prefers email"
		if err := s.SaveLegislatorEdits(ctx, id, opened.Version, nil, &notes); err != nil {
			t.Fatal(err)
		}
		err := s.SaveLegislatorEdits(ctx, id, opened.Version, map[db.LegislatorField]string{db.FieldCapitolPhone: "617-555-0100"}, nil)
		var c *db.EditConflictError
		if !errors.As(err, &c) || c.TheirsLegislator == nil || c.TheirsLegislator.Notes != notes {
			t.Fatalf("stale save: %v", err)
		}
		now, _ := s.Legislator(ctx, id)
		if now.Edited[string(db.FieldCapitolPhone)] {
			t.Error("the refused save wrote")
		}
		if err := s.SaveLegislatorEdits(ctx, id, now.Version, map[db.LegislatorField]string{db.FieldCapitolPhone: "617-555-0100"}, nil); err != nil {
			t.Fatal(err)
		}
	})
}

// A lead changed the city in their checkout while another changed only the zip on the
// server: the lead's changes carried over keep the server's zip (the address was one
// part, and the file's whole address went over it, the zip with it). Tags, skills
// and languages go item by item: a tag the server added stays, one the lead removed
// goes, one the server removed does not come back.
func TestWithMyChangesPerField(t *testing.T) {
	opened := db.NewVolunteer("Ana", "Souza")
	opened.Address1, opened.City, opened.Zip = "1 Main St", "Lowell", "01851"
	opened.Tags, opened.Skills, opened.Languages = []string{"canvasser", "phonebank"}, []string{"driver"}, []string{"en", "pt"}
	opened.OKCall, opened.OKText = true, false
	theirs, mine := opened, opened
	theirs.Zip, theirs.OKText = "01852", true
	theirs.Tags, theirs.Languages = []string{"canvasser", "host", "phonebank"}, []string{"en"}
	theirs.Skills = []string{"driver", "spanish"}
	mine.City, mine.OKCall = "Lowell-FILE", false
	mine.Tags, mine.Languages = []string{"canvasser", "captain"}, []string{"en", "ht", "pt"}
	merged, overlap := db.WithMyChanges(opened, mine, theirs)
	if got := merged.Address1 + "|" + merged.City + "|" + merged.Zip; got != "1 Main St|Lowell-FILE|01852" {
		t.Errorf("address %q, want the file's city and the server's zip", got)
	}
	if merged.OKCall || !merged.OKText {
		t.Errorf("consent call %v text %v, want the file's call (false) and the server's text (true)", merged.OKCall, merged.OKText)
	}
	if got := fmt.Sprint(merged.Tags, merged.Skills, merged.Languages); got != "[canvasser host captain] [driver spanish] [en ht]" {
		t.Errorf("tags, skills, languages %s, want the server's host and spanish kept, phonebank (removed in the file) and pt (removed on the server) gone, captain and ht added", got)
	}
	if len(overlap) != 0 {
		t.Errorf("overlap %v: no field was changed on both sides", overlap)
	}
	// The same field changed on both sides: the lead's value, named.
	theirs.City = "Dracut"
	merged, overlap = db.WithMyChanges(opened, mine, theirs)
	if merged.City != "Lowell-FILE" || merged.Zip != "01852" || fmt.Sprint(overlap) != "[address]" {
		t.Errorf("city %q zip %q overlap %v, want the file's city, the server's zip, [address]", merged.City, merged.Zip, overlap)
	}
}
