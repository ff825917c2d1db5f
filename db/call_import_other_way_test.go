package db_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsReadTheOtherWay (tester s42): a form imported month first
// ("02/11/2026 14:05" filed on 11 February) and imported again with --day-first,
// the first import not undone, filed every call a second time, on 2 November. The
// second import is refused, naming the import that filed the calls the other way,
// and writes nothing; the same reading again is unchanged, and once the first import
// is undone the other reading goes in.
func TestImportCallsReadTheOtherWay(t *testing.T) {
	ctx := context.Background()
	s, campaign := amesDesk(t)
	feb11 := time.Date(2026, 2, 11, 14, 5, 0, 0, time.UTC)
	nov2 := time.Date(2026, 11, 2, 14, 5, 0, 0, time.UTC)
	same := time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC) // "03/03/2026" reads one way
	rows := func(read, other time.Time) []db.IncomingCall {
		return []db.IncomingCall{
			{Line: 2, CallerName: "Ana Torres", CallerEmail: "ana@example.org", Legislator: "Rep. Jo Ames", CalledAt: read,
				WallClock: true, WrittenAt: read, OtherWay: other, Office: db.OfficeCapitol, Outcome: db.OutcomeLeftVoicemail, Notes: "first"},
			{Line: 3, CallerName: "Ana Torres", CallerEmail: "ana@example.org", Legislator: "Rep. Jo Ames", CalledAt: same,
				WallClock: true, WrittenAt: same, Office: db.OfficeCapitol, Outcome: db.OutcomeLeftVoicemail, Notes: "second"},
		}
	}
	monthFirst, dayFirst := rows(feb11, nov2), rows(nov2, feb11)
	opts := db.CallImportOptions{CampaignID: campaign, ImportOptions: db.ImportOptions{Source: "respuestas.csv"}}
	first, err := s.ImportCalls(ctx, monthFirst, opts)
	if err != nil || first.Created != 2 {
		t.Fatalf("first import: %+v, %v", first.ImportSummary, err)
	}
	reports := func() int {
		t.Helper()
		got, err := s.ListCallReports(ctx, db.CallFilter{CampaignID: campaign}, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		return len(got)
	}

	t.Run("the same reading again is unchanged", func(t *testing.T) {
		again, err := s.ImportCalls(ctx, monthFirst, opts)
		if err != nil || again.Created != 0 || again.Unchanged != 2 {
			t.Errorf("again: %+v, %v", again.ImportSummary, err)
		}
	})

	t.Run("the other reading is refused, naming the import", func(t *testing.T) {
		for _, dry := range []bool{true, false} {
			o := opts
			o.DryRun = dry
			_, err := s.ImportCalls(ctx, dayFirst, o)
			var ow *db.ReadOtherWayError
			if !errors.As(err, &ow) {
				t.Fatalf("dry run %v: %v, want a ReadOtherWayError", dry, err)
			}
			if ow.Rows != 1 || ow.Line != 2 || len(ow.Imports) != 1 || ow.Imports[0].ID != first.BatchID ||
				ow.Imports[0].Source != "respuestas.csv" || ow.Imports[0].Reports != 1 {
				t.Errorf("dry run %v: %+v", dry, ow)
			}
			if !ow.Read.Equal(nov2) || !ow.Filed.Equal(feb11) {
				t.Errorf("dry run %v: read %v, filed %v", dry, ow.Read, ow.Filed)
			}
			if msg := err.Error(); !strings.Contains(msg, "import undo "+itoa(first.BatchID)) || !strings.Contains(msg, "respuestas.csv") {
				t.Errorf("the refusal names no way out: %s", msg)
			}
		}
		if n := reports(); n != 2 {
			t.Errorf("%d reports after the refusal, want the 2 of the first import", n)
		}
	})

	t.Run("undone, the other reading goes in", func(t *testing.T) {
		if _, err := s.UndoImport(ctx, first.BatchID); err != nil {
			t.Fatal(err)
		}
		sum, err := s.ImportCalls(ctx, dayFirst, opts)
		if err != nil || sum.Created != 2 {
			t.Errorf("after the undo: %+v, %v", sum.ImportSummary, err)
		}
		if n := reports(); n != 2 {
			t.Errorf("%d reports, want 2", n)
		}
	})
}

// TestImportCallsOtherDayNotReadTheOtherWay: a weekly caller's day-only log has a
// call on 11 February ("2/11/2026") and one on 2 November ("11/2/2026"), each the
// other's day read the other way. The November call is no February call read day
// first when the file holds the February one too; a file without it is refused (the
// import cannot tell), and --add-similar imports it as the call it reads as.
func TestImportCallsOtherDayNotReadTheOtherWay(t *testing.T) {
	ctx := context.Background()
	s, campaign := amesDesk(t)
	feb11 := time.Date(2026, 2, 11, 0, 0, 0, 0, time.UTC)
	nov2 := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	call := func(line int, read, other time.Time) db.IncomingCall {
		return db.IncomingCall{Line: line, CallerName: "Ana Torres", CallerEmail: "ana@example.org", Legislator: "Rep. Jo Ames",
			CalledAt: read, WallClock: true, WrittenAt: read, OtherWay: other, DayOnly: true, Office: db.OfficeCapitol,
			Outcome: db.OutcomeLeftVoicemail}
	}
	opts := db.CallImportOptions{CampaignID: campaign}
	if _, err := s.ImportCalls(ctx, []db.IncomingCall{call(2, feb11, nov2)}, opts); err != nil {
		t.Fatal(err)
	}
	t.Run("a file without the February call is refused", func(t *testing.T) {
		o := opts
		o.DryRun = true
		_, err := s.ImportCalls(ctx, []db.IncomingCall{call(2, nov2, feb11)}, o)
		var ow *db.ReadOtherWayError
		if !errors.As(err, &ow) {
			t.Errorf("%v, want a ReadOtherWayError", err)
		}
	})
	t.Run("a file with both calls adds the November one", func(t *testing.T) {
		o := opts
		o.DryRun = true
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{call(2, nov2, feb11), call(3, feb11, nov2)}, o)
		if err != nil || sum.Created != 1 || sum.Unchanged != 1 {
			t.Errorf("%+v, %v", sum.ImportSummary, err)
		}
	})
	t.Run("--add-similar adds it", func(t *testing.T) {
		o := opts
		o.AddSimilar = true
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{call(2, nov2, feb11)}, o)
		if err != nil || sum.Created != 1 {
			t.Errorf("%+v, %v", sum.ImportSummary, err)
		}
	})
}

// TestImportCallsReadTheOtherWayCallerCorrected (tester s42: d5.csv): the only row of
// a file that reads either way, its caller corrected since the call went in read the
// other way, was "1 created", the call filed twice months apart: the other reading's
// keys name the caller. It meets the refusal as any other row does.
func TestImportCallsReadTheOtherWayCallerCorrected(t *testing.T) {
	ctx := context.Background()
	s, campaign := amesDesk(t)
	feb11 := time.Date(2026, 2, 11, 14, 5, 0, 0, time.UTC)
	nov2 := time.Date(2026, 11, 2, 14, 5, 0, 0, time.UTC)
	row := func(name string, read, other time.Time) db.IncomingCall {
		return db.IncomingCall{Line: 2, CallerName: name, CallerEmail: "quack@example.net", Legislator: "Rep. Jo Ames", CalledAt: read,
			WallClock: true, WrittenAt: read, OtherWay: other, Office: db.OfficeCapitol, Outcome: db.OutcomeLeftVoicemail}
	}
	opts := db.CallImportOptions{CampaignID: campaign, ImportOptions: db.ImportOptions{Source: "d1.csv"}}
	dayFirst, err := s.ImportCalls(ctx, []db.IncomingCall{row("Zebulon Quackenbush", nov2, feb11)}, opts)
	if err != nil || dayFirst.Created != 1 {
		t.Fatalf("read day first: %+v, %v", dayFirst.ImportSummary, err)
	}
	opts.Source = "d5.csv"
	_, err = s.ImportCalls(ctx, []db.IncomingCall{row("Winifred Quackenbush", feb11, nov2)}, opts)
	var ow *db.ReadOtherWayError
	if !errors.As(err, &ow) || len(ow.Imports) != 1 || ow.Imports[0].ID != dayFirst.BatchID {
		t.Errorf("the corrected caller read month first: %v, want a ReadOtherWayError naming import %d", err, dayFirst.BatchID)
	}
	got, err := s.ListCallReports(ctx, db.CallFilter{CampaignID: campaign}, 0, 10)
	if err != nil || len(got) != 1 {
		t.Errorf("%d reports (%v), want the one call", len(got), err)
	}
}

// TestImportCallsOtherWayAnotherCaller (tester t8, repro-3): a French Google Form's
// "02/03/2026 10:00" filed month first (3 February), then a Microsoft Forms file
// holding another volunteer's call "3/2/26 10:00" (2 March; 3 February read day
// first) to the same legislator with the same outcome was refused whole as the first
// call read the other way. A stored report whose caller has another name and
// another email than the row's is another call: the row goes in.
func TestImportCallsOtherWayAnotherCaller(t *testing.T) {
	ctx := context.Background()
	s, campaign := amesDesk(t)
	feb3 := time.Date(2026, 2, 3, 10, 0, 0, 0, time.UTC)
	mar2 := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	row := func(name, email string, read, other time.Time) db.IncomingCall {
		return db.IncomingCall{Line: 2, CallerName: name, CallerEmail: email, Legislator: "Rep. Jo Ames", CalledAt: read,
			WallClock: true, WrittenAt: read, OtherWay: other, Office: db.OfficeDistrict, Outcome: db.OutcomeSpokeStaff}
	}
	opts := db.CallImportOptions{CampaignID: campaign, ImportOptions: db.ImportOptions{Source: "horodateur.csv"}}
	if _, err := s.ImportCalls(ctx, []db.IncomingCall{row("Luc Roy", "luc@example.org", feb3, mar2)}, opts); err != nil {
		t.Fatal(err)
	}
	opts.Source = "ms.csv"
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{row("Kim Lee", "kim@example.org", mar2, feb3)}, opts)
	if err != nil || sum.Created != 1 {
		t.Fatalf("Kim Lee's call: %+v, %v; want it filed, Luc Roy's being another call", sum.ImportSummary, err)
	}
}

// amesDesk is a chapter with the starter campaign and one legislator, Rep. Jo Ames.
func amesDesk(t *testing.T) (*db.Store, int64) {
	t.Helper()
	s := dbtest.Open(t)
	campaign := dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Jo Ames")
	return s, campaign
}
