package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestNewerExportChangesAVote: a newer export of a bill is its record, for its roll
// calls too: a member's vote it gives otherwise ("no" corrected to "yes"), and a roll
// call's result and counts, are taken and listed, undoably; an older export, or one
// whose order is not known, changes neither and says so (tester t6: a corrected vote
// and result were ignored, "0 changed", the record judging the member against the
// whip count on the old vote).
func TestNewerExportChangesAVote(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	s := rc.s
	if _, err := s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	// The export of day, Turncoat's vote (line 6, by voter_id) given as vote, the roll
	// call's result as result.
	export := func(day time.Time, vote, result string, yes, no int) *db.SessionExport {
		exp := rc.exportOn(day, false, true)
		exp.Votes = append([]db.IncomingVote(nil), rc.exp.Votes...)
		exp.Votes[4].Option = vote
		exp.RollCalls = append([]db.IncomingRollCall(nil), rc.exp.RollCalls...)
		exp.RollCalls[0].Result, exp.RollCalls[0].Yes, exp.RollCalls[0].No = result, yes, no
		return exp
	}
	state := func() (vote, result string) {
		t.Helper()
		if err := s.EachRecordRow(ctx, db.RecordFilter{CampaignID: rc.campaign}, func(r *db.RecordRow) error {
			if r.Kind == "roll call" && r.ExportName == "Turncoat" && r.MatchedBy == "id" {
				vote, result = r.Role, r.Result
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return vote, result
	}
	if v, r := state(); v != "no" || r != "pass" {
		t.Fatalf("before: %q, %q", v, r)
	}
	may1 := time.Date(2026, 5, 1, 0, 0, 0, 0, massachusetts)
	newer, err := s.ImportSession(ctx, export(may1, "yes", "fail", 5, 2), db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	notes := strings.Join(newer.Notes, "\n")
	t.Run("the newer export's vote and result are taken, and listed", func(t *testing.T) {
		if v, r := state(); v != "yes" || r != "fail" {
			t.Errorf("after the newer export: %q, %q", v, r)
		}
		if newer.BatchID == 0 || newer.VotesChanged != 1 || newer.RollCallsChanged != 1 {
			t.Errorf("batch %d, %d votes changed, %d roll calls changed", newer.BatchID, newer.VotesChanged, newer.RollCallsChanged)
		}
		// The roll call's time is the legislature's, as the output's other days are,
		// not the export's UTC stamp (tester t11: "(2026-02-27T01:00:00+00:00)" beside
		// "(2026-02-26)").
		if strings.Contains(notes, "+00:00") || !strings.Contains(notes, `"H. 100 On passage" (2025-06-30 11:00 AM EDT)`) {
			t.Errorf("notes give the roll call's UTC stamp, not its time in Massachusetts:\n%s", notes)
		}
		for _, w := range []string{"Turncoat", "no → yes", "H 100", "result pass → fail", "yes 5 → 5, no 1 → 2"} {
			if !strings.Contains(notes, w) {
				t.Errorf("notes do not say %q:\n%s", w, notes)
			}
		}
	})
	t.Run("the same export again changes nothing", func(t *testing.T) {
		again, err := s.ImportSession(ctx, export(may1, "yes", "fail", 5, 2), db.ImportOptions{})
		if err != nil || again.BatchID != 0 || again.VotesChanged != 0 || again.RollCallsChanged != 0 {
			t.Fatalf("%+v %v", again, err)
		}
	})
	t.Run("an older export changes nothing, and says so", func(t *testing.T) {
		older, err := s.ImportSession(ctx, export(time.Date(2026, 4, 20, 0, 0, 0, 0, massachusetts), "no", "pass", 5, 1), db.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if v, r := state(); v != "yes" || r != "fail" || older.VotesChanged != 0 {
			t.Errorf("after an older export: %q, %q, %d changed", v, r, older.VotesChanged)
		}
		if n := strings.Join(older.Notes, "\n"); !strings.Contains(n, "older") || !strings.Contains(n, "Turncoat") {
			t.Errorf("notes do not say the older export's vote was not taken:\n%s", n)
		}
	})
	t.Run("undoing the newer export puts the vote and result back", func(t *testing.T) {
		if _, err := s.UndoImport(ctx, newer.BatchID); err != nil {
			t.Fatal(err)
		}
		if v, r := state(); v != "no" || r != "pass" {
			t.Errorf("after undo: %q, %q", v, r)
		}
	})
}

// TestRollCallGivenTwiceIsKeptOnce: an export that gives one roll call twice under
// two ids (the same chamber, motion, time, result and every vote) keeps it once and
// says so (tester t6: the copy was a second roll call, its members judged twice
// against the whip count); roll calls alike but for one vote are both kept.
func TestRollCallGivenTwiceIsKeptOnce(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	exp := rc.exp
	copyOf := func(id string, change bool) {
		c := exp.RollCalls[0]
		c.ID, c.Line = id, len(exp.RollCalls)+2
		exp.RollCalls = append(append([]db.IncomingRollCall(nil), exp.RollCalls...), c)
		for i, v := range rc.exp.Votes {
			v.VoteID = id
			if change && i == 4 {
				v.Option = "yes"
			}
			exp.Votes = append(append([]db.IncomingVote(nil), exp.Votes...), v)
		}
	}
	copyOf("ocd-vote/copy", false)
	copyOf("ocd-vote/other", true)
	sum, err := rc.s.ImportSession(ctx, &exp, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.RollCalls != 2 {
		t.Errorf("%d roll calls kept, want 2 (the copy once)", sum.RollCalls)
	}
	if n := strings.Join(sum.Notes, "\n"); !strings.Contains(n, "roll call ocd-vote/copy (line 3) is a copy of ocd-vote/1") || strings.Contains(n, "ocd-vote/other (line") ||
		strings.Contains(n, "+00:00") {
		t.Errorf("notes:\n%s", n)
	}
	turncoat := 0
	if err := rc.s.EachRecordRow(ctx, db.RecordFilter{CampaignID: rc.campaign}, func(r *db.RecordRow) error {
		if r.Kind == "roll call" && r.ExportName == "Turncoat" && r.MatchedBy == "id" {
			turncoat++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if turncoat != 2 {
		t.Errorf("Turncoat's votes by id on record: %d, want 2 (the roll call and the other one)", turncoat)
	}
}

// TestNewerExportWithoutARollCallSaysSo: a roll call an earlier export gave that the
// bill's newest export no longer gives is kept (nothing says why it went) and named
// (tester t6: a copy Open States took out stayed on record, judged twice, unseen).
func TestNewerExportWithoutARollCallSaysSo(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	if _, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	newer := rc.exportOn(time.Date(2026, 5, 1, 0, 0, 0, 0, massachusetts), false, true)
	newer.RollCalls, newer.Votes = []db.IncomingRollCall{}, []db.IncomingVote{}
	sum, err := rc.s.ImportSession(ctx, newer, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Join(sum.Notes, "\n"); !strings.Contains(n, `H 100: 1 roll call an earlier export gave is not in this one, the newest of the bill: kept, with its votes (check the journal): ocd-vote/1, "H. 100 On passage" (30 June 2025, pass)`) {
		t.Errorf("notes:\n%s", n)
	}
	older := rc.exportOn(time.Date(2026, 4, 20, 0, 0, 0, 0, massachusetts), false, true)
	older.RollCalls, older.Votes = []db.IncomingRollCall{}, []db.IncomingVote{}
	sum, err = rc.s.ImportSession(ctx, older, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Join(sum.Notes, "\n"); strings.Contains(n, "not in this one") {
		t.Errorf("an older export names the roll calls it lacks:\n%s", n)
	}
}
