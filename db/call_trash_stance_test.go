package db_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// A call report put in the trash still set the whip count (t9): filed to the wrong
// legislator, the lead trashed call 3221, and Rep. Doe stayed "Undecided" as heard on
// it, with nothing on screen to say so. Trashing the report the count stands on puts
// the count back on the stance before it (a history row says so; the history is
// never rewritten), and restoring it brings its stance back when it would count.
func TestTrashedCallMovesNoCount(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	camp := dbtest.Campaign(t, s)
	leg := dbtest.Legislator(t, s, db.ChamberLower, "26th Middlesex", "Jane Doe")
	vol := dbtest.Volunteer(t, s, "Ana", "Souza", nil)
	day := func(d int) time.Time { return time.Date(2026, 3, d, 15, 0, 0, 0, time.UTC) }
	call := func(st db.Stance, d int) int64 {
		t.Helper()
		id, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: camp, VolunteerID: vol, LegislatorID: leg,
			Outcome: db.OutcomeSpokeStaff, StanceHeard: st, CalledAt: day(d)}, true)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	current := func() db.Stance { t.Helper(); return whipStanceOf(t, s, camp, leg) }
	trash := func(id int64, before, after db.Stance) {
		t.Helper()
		got, err := s.TrashCallReport(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got.Before != before || got.After != after || (before != after && got.Legislator != "Rep. Jane Doe") {
			t.Errorf("trash %d: %+v, want %s to %s", id, got, before, after)
		}
		if c := current(); c != after {
			t.Errorf("after trashing %d the count is %s, want %s", id, c, after)
		}
	}
	restore := func(id int64, before, after db.Stance) {
		t.Helper()
		got, err := s.RestoreCallReport(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got.Before != before || got.After != after {
			t.Errorf("restore %d: %+v, want %s to %s", id, got, before, after)
		}
		if c := current(); c != after {
			t.Errorf("after restoring %d the count is %s, want %s", id, c, after)
		}
	}
	histLen := func() int {
		t.Helper()
		h, err := s.StanceHistory(ctx, camp, leg)
		if err != nil {
			t.Fatal(err)
		}
		return len(h)
	}

	no := call(db.StanceNo, 1)
	undecided := call(db.StanceUndecided, 3)
	if c := current(); c != db.StanceUndecided {
		t.Fatalf("count %s", c)
	}
	t.Run("trashing the call the count stands on puts it back on the stance before", func(t *testing.T) {
		trash(undecided, db.StanceUndecided, db.StanceNo)
		h, _ := s.StanceHistory(ctx, camp, leg)
		if len(h) != 3 || h[0].Stance != db.StanceNo || !strings.Contains(h[0].Reason, "call report of 2026-03-03") ||
			!strings.Contains(h[0].Reason, "put in the trash: back to the stance before it") {
			t.Errorf("history %+v", h)
		}
	})
	t.Run("trashing it again changes nothing", func(t *testing.T) {
		n := histLen()
		if _, err := s.TrashCallReport(ctx, undecided); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("trash twice: %v", err)
		}
		if histLen() != n || current() != db.StanceNo {
			t.Errorf("history grew or count moved: %s", current())
		}
	})
	t.Run("restoring it brings its stance back", func(t *testing.T) {
		restore(undecided, db.StanceNo, db.StanceUndecided)
		h, _ := s.StanceHistory(ctx, camp, leg)
		if h[0].Stance != db.StanceUndecided || h[0].CallReportID != undecided || !strings.Contains(h[0].Reason, "restored from the trash") {
			t.Errorf("history %+v", h)
		}
		n := histLen()
		if _, err := s.RestoreCallReport(ctx, undecided); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("restore twice: %v", err)
		}
		if histLen() != n || current() != db.StanceUndecided {
			t.Errorf("history grew or count moved: %s", current())
		}
	})
	t.Run("a call the count does not stand on moves nothing", func(t *testing.T) {
		n := histLen()
		trash(no, db.StanceUndecided, db.StanceUndecided)
		restore(no, db.StanceUndecided, db.StanceUndecided)
		if histLen() != n {
			t.Errorf("history grew: %d rows, had %d", histLen(), n)
		}
	})
	t.Run("an earlier call in the trash is passed over", func(t *testing.T) {
		yes := call(db.StanceYes, 5)
		trash(undecided, db.StanceYes, db.StanceYes) // not the count's
		trash(yes, db.StanceYes, db.StanceNo)        // back past the trashed one
		// Restoring the one before: the count stands on it again.
		restore(undecided, db.StanceNo, db.StanceUndecided)
		restore(yes, db.StanceUndecided, db.StanceYes)
	})
}

// A record's sponsorship stands in the whip count over calls (stance_rule.go): a
// call taken out of the trash does not override it.
func TestRestoredCallLeavesTheRecordsSponsorship(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	sen := importEldridge(t, s)
	campaign := dbtest.Campaign(t, s)
	vol := dbtest.Volunteer(t, s, "Ana", "Souza", nil)
	id, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: campaign, VolunteerID: vol, LegislatorID: sen,
		Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceUndecided, CalledAt: time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)}, true)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.TrashCallReport(ctx, id); err != nil || got.After != db.StanceUnknown {
		t.Fatalf("trash: %+v, %v", got, err)
	}
	if _, err := s.LinkBill(ctx, db.BillLink{CampaignID: campaign, CampaignBill: "H.3269", Session: "194th", SessionNumber: "H 5293"}); err != nil {
		t.Fatal(err)
	}
	exp := db.SessionExport{Source: "test", State: "MA", Session: "194th", ExportedAt: time.Date(2026, 3, 1, 4, 0, 0, 0, time.UTC),
		Bills: []db.SessionBill{{OpenStatesID: "ocd-bill/5293", Identifier: "H 5293", Title: "An Act", Chamber: "lower"}},
		Sponsorships: []db.IncomingSponsorship{{Line: 2, Name: "Jamie Eldridge", EntityType: "person", PersonID: "ocd-person/1",
			BillID: "ocd-bill/5293", Classification: "cosponsor"}}}
	if _, err := s.ImportSession(ctx, &exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	got, err := s.RestoreCallReport(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Before != db.StanceCosponsor || got.After != db.StanceCosponsor {
		t.Errorf("restore: %+v", got)
	}
	w, _ := s.WhipCount(ctx, campaign)
	if w.Legislators[0].Stance != db.StanceCosponsor {
		t.Errorf("count %s", w.Legislators[0].Stance)
	}
}

// The undo of an import trashes its reports a later stance change cites (the history
// is never rewritten), and the whip count stood on such a report all the same: undo
// a sheet's import after the sheet imported again with --update-stances moved the
// count on its calls, and "No" stood, heard on a call in the trash. It goes back to
// the stance before.
func TestUndoTrashingACitedCallMovesTheCount(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	camp := dbtest.Campaign(t, s)
	leg := dbtest.Legislator(t, s, db.ChamberLower, "26th Middlesex", "Jane Doe")
	rows := []db.IncomingCall{{Line: 2, CallerName: "Ana Souza", CallerEmail: "ana@example.org", Legislator: "Rep. Jane Doe",
		CalledAt: time.Date(2026, 3, 3, 15, 0, 0, 0, time.UTC), Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceNo}}
	first, err := s.ImportCalls(ctx, rows, db.CallImportOptions{CampaignID: camp})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportCalls(ctx, rows, db.CallImportOptions{CampaignID: camp, UpdateStances: true}); err != nil {
		t.Fatal(err)
	}
	stance := func() db.Stance { t.Helper(); return whipStanceOf(t, s, camp, leg) }
	if got := stance(); got != db.StanceNo {
		t.Fatalf("before the undo the count is %s, want No", got)
	}
	sum, err := s.UndoImport(ctx, first.BatchID)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Trashed < 1 {
		t.Errorf("undo trashed %d records, want the cited report among them", sum.Trashed)
	}
	if got := stance(); got != db.StanceUnknown {
		t.Errorf("after the undo the count is %s, heard on a call in the trash; want unknown", got)
	}
}

// A file an earlier version left with a whip count standing on a call report in the
// trash (trashing recounted nothing then) is recounted once, as it opens: the count
// goes back to the stance before that call.
func TestOpenRecountsStancesOnTrashedCalls(t *testing.T) {
	ctx := context.Background()
	s := dbtest.OpenFile(t)
	camp := dbtest.Campaign(t, s)
	leg := dbtest.Legislator(t, s, db.ChamberLower, "26th Middlesex", "Jane Doe")
	vol := dbtest.Volunteer(t, s, "Ana", "Souza", nil)
	for i, st := range []db.Stance{db.StanceYes, db.StanceNo} {
		if _, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: camp, VolunteerID: vol, LegislatorID: leg,
			Outcome: db.OutcomeSpokeStaff, StanceHeard: st, CalledAt: time.Date(2026, 3, 3+i, 15, 0, 0, 0, time.UTC)}, true); err != nil {
			t.Fatal(err)
		}
	}
	path := s.Path()
	s.Close()
	// As an earlier version trashed the newer call: its stance went on counting.
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE call_reports SET deleted_at = 1772000000 WHERE stance_heard = 'no'`,
		`DELETE FROM data_fixups WHERE name = 'stances_on_trashed_calls'`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	s2, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if got := whipStanceOf(t, s2, camp, leg); got != db.StanceYes {
		t.Errorf("the count is %s, heard on a call in the trash; want Yes, the stance before it", got)
	}
}

// whipStanceOf is legislator's stance in campaign's whip count.
func whipStanceOf(t *testing.T, s *db.Store, campaign, legislator int64) db.Stance {
	t.Helper()
	w, err := s.WhipCount(context.Background(), campaign)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range w.Legislators {
		if l.LegislatorID == legislator {
			return l.Stance
		}
	}
	t.Fatal("legislator not in the whip count")
	return ""
}
