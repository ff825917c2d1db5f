package importer_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer"
)

const formHeader = "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"

// readForm reads a form's rows on Massachusetts' clock at now, every bad row kept.
func readForm(t *testing.T, now time.Time, rows ...string) (*importer.CallFile, []db.IncomingCall) {
	t.Helper()
	f, err := importer.OpenCallsWith(strings.NewReader(formHeader+strings.Join(rows, "\n")+"\n"), importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ma, _ := db.StateZone("MA")
	f.InZone(ma)
	f.SetNow(now)
	var got []db.IncomingCall
	if err := f.Rows(true)(func(in *db.IncomingCall) error { got = append(got, *in); return nil }); err != nil {
		t.Fatal(err)
	}
	return f, got
}

func formRow(stamp, notes string) string {
	return stamp + ",Tia Nguyen,tia@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,Supports," + notes
}

// A time the clocks skip (2:30 on the March night they go forward) was stored an hour
// off, unsaid: it is a bad row, saying so. One they pass twice (1:30 in November) is
// read as the first, daylight time, and counted for a check line.
func TestCallTimeTheClocksSkipIsABadRow(t *testing.T) {
	f, got := readForm(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
		formRow("3/8/2025 23:30:00", "late sat"), formRow("3/9/2025 02:30:00", "dst gap"), formRow("11/2/2025 01:30:00", "dst overlap"))
	if len(got) != 2 || len(f.Problems) != 1 {
		t.Fatalf("%d rows, problems %v; want 2 and the gap's", len(got), f.Problems)
	}
	want := "2:30 AM did not happen on 9 March 2025 in Massachusetts: the clocks went from 2:00 to 3:00"
	if p := f.Problems[0]; p.Line != 3 || !strings.Contains(p.Reason, want) {
		t.Errorf("line %d: %q, want %q", p.Line, p.Reason, want)
	}
	if f.Repeated != 1 || f.FirstRepeated.Line != 4 || f.FirstRepeated.Read.Format(time.RFC3339) != "2025-11-02T01:30:00-04:00" {
		t.Errorf("repeated %d, first %+v; want line 4 read as EDT", f.Repeated, f.FirstRepeated)
	}
}

// A call is in the future when it is later than now on the legislature's clock, by
// more than a few minutes of clock skew: the day's slack let "12/6/2026 20:00" in on
// 5 December at 21:18 in Boston, and a time the importer passed on a computer in
// Tokyo the store refused, stopping the whole import.
func TestCallInTheFutureOnTheLegislaturesClock(t *testing.T) {
	now := time.Date(2026, 12, 6, 2, 18, 0, 0, time.UTC) // 5 December 21:18 in Boston
	f, got := readForm(t, now, formRow("12/6/2026 01:00:00", "4h ahead"), formRow("12/5/2026 21:00:00", "past hour"),
		formRow("12/6/2026 20:00:00", "23h ahead"), formRow("12/6/2026 23:00:00", "tonight"), formRow("12/5/2026 21:25:00", "clock skew"))
	if len(got) != 2 || got[0].Notes != "past hour" || got[1].Notes != "clock skew" {
		t.Errorf("rows %+v, want the past hour's and the one within the clock skew", got)
	}
	if len(f.Problems) != 3 {
		t.Fatalf("problems %v, want 3", f.Problems)
	}
	for _, p := range f.Problems {
		if !strings.Contains(p.Reason, "in the future") {
			t.Errorf("line %d: %q", p.Line, p.Reason)
		}
	}
}

// A time written to the minute ("6/2/2025 10:00", a re-saved sheet) is handed over
// as such (NoSeconds), for the store to find the report stored with its seconds.
func TestCallTimeWithoutSecondsIsSaid(t *testing.T) {
	_, got := readForm(t, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), formRow("6/2/2025 10:00:04", "a"), formRow("6/2/2025 10:00", "b"),
		formRow("2025-06-02T10:01", "c"), formRow("2025-06-02 10:02:00", "d"), formRow("6/2/2025 10:03 AM", "e"))
	var noSec []bool
	for _, in := range got {
		noSec = append(noSec, in.NoSeconds)
	}
	if want := []bool{false, true, true, false, true}; !slices.Equal(noSec, want) {
		t.Errorf("NoSeconds %v, want %v", noSec, want)
	}
}
