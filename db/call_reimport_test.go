package db_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// reimportDesk is a chapter whose form was imported once with UpdateStances: Ann's
// call to Rep. Jim Day heard Undecided (line 2), Bo's to Rep. Marc Lombardo Yes (line
// 3), Cy's to Day nothing, with notes (line 4), each the call the count stands on or
// one after it. It returns the rows, to edit and import again, and the count by name.
func reimportDesk(t *testing.T) (*db.Store, []db.IncomingCall, func() map[string]db.WhipRow) {
	t.Helper()
	ctx := context.Background()
	s := dbtest.Open(t)
	campaign, _ := dbtest.CallDesk(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "22nd Middlesex", "Marc Lombardo")
	ann := dbtest.CallRow(2, "Ann Lee", "ann@example.org")
	ann.StanceHeard = db.StanceUndecided
	bo := dbtest.CallRow(3, "Bo Kim", "bo@example.org")
	bo.Legislator, bo.StanceHeard = "Rep. Marc Lombardo", db.StanceYes
	cy := dbtest.CallRow(4, "Cy Park", "cy@example.org")
	cy.Notes = "took my name"
	rows := []db.IncomingCall{ann, bo, cy}
	if _, err := s.ImportCalls(ctx, rows, db.CallImportOptions{UpdateStances: true}); err != nil {
		t.Fatal(err)
	}
	whip := func() map[string]db.WhipRow {
		t.Helper()
		w, err := s.WhipCount(ctx, campaign)
		if err != nil {
			t.Fatal(err)
		}
		by := map[string]db.WhipRow{}
		for _, r := range w.Legislators {
			by[r.Name] = r
		}
		return by
	}
	if w := whip(); w["Jim Day"].Stance != db.StanceUndecided || w["Marc Lombardo"].Stance != db.StanceYes {
		t.Fatalf("whip count after the first import: Day %q, Lombardo %q", w["Jim Day"].Stance, w["Marc Lombardo"].Stance)
	}
	return s, rows, whip
}

// accounted says whether every row of an import of n rows is in one of its counts or
// lists, and how: a row in none was dropped without a word.
func accounted(sum db.CallImportSummary, n int) (bool, string) {
	got := sum.Created + sum.Updated + sum.Unchanged + sum.RepeatCount + len(sum.Unresolved) + len(sum.Similar) +
		len(sum.Moved) + len(sum.CallerUnclear) + len(sum.Garbled) + len(sum.CallerDiffers)
	return got == n, fmt.Sprintf("%d created, %d updated, %d unchanged, %d repeats, %d unresolved, %d similar, %d moved of %d rows",
		sum.Created, sum.Updated, sum.Unchanged, sum.RepeatCount, len(sum.Unresolved), len(sum.Similar), len(sum.Moved), n)
}

// The same form imported again changes nothing, and says so: every row unchanged, no
// stance change, the count and the calls as they were.
func TestReimportOfTheSameFormChangesNothing(t *testing.T) {
	ctx := context.Background()
	s, rows, whip := reimportDesk(t)
	before := whip()
	for _, update := range []bool{false, true} {
		sum, err := s.ImportCalls(ctx, rows, db.CallImportOptions{UpdateStances: update})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Unchanged != len(rows) || sum.Created+sum.Updated+sum.StanceChanges+sum.StancesTied+len(sum.Edited) != 0 {
			t.Errorf("UpdateStances %v: %d unchanged, %d created, %d updated, %d stance changes, %d ties; want all %d unchanged",
				update, sum.Unchanged, sum.Created, sum.Updated, sum.StanceChanges, sum.StancesTied, len(rows))
		}
		if after := whip(); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Errorf("UpdateStances %v: whip count %v, was %v", update, after, before)
		}
	}
}

// A form whose rows were corrected since it was imported (a stance "Undecided" to
// "Supports", another "Supports" to "Undecided", a note) is imported again: every
// correction is applied and counted, the whip count follows each stance corrected on
// the report it stands on, and no line says a report replaced "another report's"
// stance: it is the same report, corrected. The first correction that moved the count
// ended the edits, the rest of the file's corrections neither applied nor counted.
func TestReimportAppliesEveryCorrectionOfTheFile(t *testing.T) {
	ctx := context.Background()
	for _, update := range []bool{false, true} {
		t.Run(fmt.Sprintf("UpdateStances %v", update), func(t *testing.T) {
			s, rows, whip := reimportDesk(t)
			edited := append([]db.IncomingCall(nil), rows...)
			edited[0].StanceHeard = db.StanceYes       // Ann heard Supports after all
			edited[1].StanceHeard = db.StanceUndecided // Bo's was Undecided
			edited[2].Notes = "took my name and zip"
			sum, err := s.ImportCalls(ctx, edited, db.CallImportOptions{UpdateStances: update})
			if err != nil {
				t.Fatal(err)
			}
			if ok, said := accounted(sum, len(edited)); !ok || sum.Updated != 3 || len(sum.Edited) != 3 {
				t.Errorf("%s, %d listed as edited; want 3 updated", said, len(sum.Edited))
			}
			if sum.StanceChanges != 2 || sum.StancesTied != 0 {
				t.Errorf("%d stance changes, %d said to replace another report's (%+v); want 2 and none",
					sum.StanceChanges, sum.StancesTied, sum.StanceTiedNotes)
			}
			w := whip()
			if w["Jim Day"].Stance != db.StanceYes || w["Marc Lombardo"].Stance != db.StanceUndecided {
				t.Errorf("whip count Day %q, Lombardo %q; want yes and undecided, as the reports now say", w["Jim Day"].Stance, w["Marc Lombardo"].Stance)
			}
			if w["Jim Day"].Attempts != 2 || w["Marc Lombardo"].Attempts != 1 {
				t.Errorf("calls: Day %d, Lombardo %d; want 2 and 1, as before", w["Jim Day"].Attempts, w["Marc Lombardo"].Attempts)
			}
			if got, err := db.QueryStrings(ctx, s, `SELECT notes FROM call_reports WHERE notes <> '' ORDER BY id`); err != nil || fmt.Sprint(got) != "[took my name and zip]" {
				t.Errorf("notes stored %q (%v)", got, err)
			}
			again, err := s.ImportCalls(ctx, edited, db.CallImportOptions{UpdateStances: update})
			if err != nil || again.Unchanged != 3 || again.Updated != 0 || again.StanceChanges != 0 {
				t.Errorf("the corrected form imported again: %v: %d unchanged, %d updated, %d stance changes; want all unchanged",
					err, again.Unchanged, again.Updated, again.StanceChanges)
			}
		})
	}
}

// A row whose outcome was corrected decides whether its stance counts at all: the
// report the count stands on corrected from "spoke with staff" to "voicemail full"
// no longer says anything the count may stand on, and the count falls back to the
// stance before it, as for a stance corrected to Didn't say; corrected the other way,
// a stance heard now counts, with UpdateStances, as a new report's would.
func TestReimportOfACorrectedOutcomeMovesTheCount(t *testing.T) {
	ctx := context.Background()
	t.Run("to a voicemail, the report the count stood on", func(t *testing.T) {
		s, rows, whip := reimportDesk(t)
		edited := append([]db.IncomingCall(nil), rows...)
		edited[1].Outcome = db.OutcomeVoicemailFull // Bo's "Yes" was a mailbox full after all
		sum, err := s.ImportCalls(ctx, edited, db.CallImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if ok, said := accounted(sum, len(edited)); !ok || sum.Updated != 1 {
			t.Errorf("%s; want 1 updated", said)
		}
		if w := whip(); w["Marc Lombardo"].Stance != db.StanceUnknown || w["Marc Lombardo"].Reaches != 0 || sum.StanceChanges != 1 {
			t.Errorf("whip count Lombardo %q, %d reached, %d stance changes; want unknown, 0, 1: the count kept the stance of a voicemail",
				w["Marc Lombardo"].Stance, w["Marc Lombardo"].Reaches, sum.StanceChanges)
		}
		if _, err := s.UndoImport(ctx, sum.BatchID); err != nil {
			t.Fatal(err)
		}
		if w := whip(); w["Marc Lombardo"].Stance != db.StanceYes {
			t.Errorf("whip count Lombardo %q after undo, want yes", w["Marc Lombardo"].Stance)
		}
	})
	t.Run("from a voicemail, with UpdateStances", func(t *testing.T) {
		ctx := context.Background()
		s := dbtest.Open(t)
		campaign, _ := dbtest.CallDesk(t, s)
		row := dbtest.CallRow(2, "Ann Lee", "ann@example.org")
		row.Outcome, row.StanceHeard = db.OutcomeLeftVoicemail, db.StanceYes
		if _, err := s.ImportCalls(ctx, []db.IncomingCall{row}, db.CallImportOptions{UpdateStances: true}); err != nil {
			t.Fatal(err)
		}
		row.Outcome = db.OutcomeSpokeStaff // Ann did speak with the staff
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{row}, db.CallImportOptions{UpdateStances: true})
		if err != nil || sum.Updated != 1 {
			t.Fatalf("%v: %d updated", err, sum.Updated)
		}
		w, err := s.WhipCount(ctx, campaign)
		if err != nil {
			t.Fatal(err)
		}
		if st := w.Legislators[0].Stance; st != db.StanceYes || sum.StanceChanges != 1 {
			t.Errorf("whip count %q, %d stance changes; want yes, 1: the stance heard from the staff counts", st, sum.StanceChanges)
		}
	})
}

// A row whose legislator was changed to another is no correction of its report: the
// import does not move a call unasked. It is left out with a reason naming both
// legislators; the report, the count and the calls stay as they were.
func TestReimportDoesNotMoveACallToAnotherLegislator(t *testing.T) {
	ctx := context.Background()
	s, rows, whip := reimportDesk(t)
	before := whip()
	edited := append([]db.IncomingCall(nil), rows...)
	edited[1].Legislator = "Rep. Jim Day" // Bo's call, typed as Day's
	twice := rows[0]                      // and a row left out for another reason, after it
	twice.Line, twice.StanceHeard = 6, db.StanceNo
	edited = append(edited, twice)
	sum, err := s.ImportCalls(ctx, edited, db.CallImportOptions{UpdateStances: true})
	if err != nil {
		t.Fatal(err)
	}
	if ok, said := accounted(sum, len(edited)); !ok || sum.Created != 0 || sum.Updated != 0 || len(sum.Similar) != 2 {
		t.Fatalf("%s; want the rows left out", said)
	}
	if why := sum.Similar[0].Reason; !strings.Contains(why, "another legislator") || !strings.Contains(why, "Marc Lombardo") {
		t.Errorf("reason %q does not name the legislator the report has", why)
	}
	if sum.Similar[0].Line != 3 || sum.Similar[1].Line != 6 {
		t.Errorf("left out lines %d, %d; want them in the file's order, 3 and 6", sum.Similar[0].Line, sum.Similar[1].Line)
	}
	if after := whip(); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("whip count %v, was %v", after, before)
	}
}

// Reports an older ChapterDesk stored as Undecided from "Will look into it", in a form
// imported again beside a real correction: those reports are left as they are, counted
// unchanged and listed, the count not fallen back; the correction is applied. The
// first correction's stance change used to end the edits, and the older reports
// after it were neither counted nor listed.
func TestReimportOfAnswersReadBeforeBesideACorrection(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	campaign, _ := dbtest.CallDesk(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "22nd Middlesex", "Marc Lombardo")
	fix := dbtest.CallRow(2, "Ann Lee", "ann@example.org")
	fix.StanceHeard = db.StanceNo
	var rows []db.IncomingCall
	rows = append(rows, fix)
	for i, name := range []string{"Bo Kim", "Cy Park"} {
		r := dbtest.CallRow(3+i, name, strings.ToLower(name[:2])+"@example.org")
		r.Legislator, r.StanceHeard = "Rep. Marc Lombardo", db.StanceUndecided // as the older version read "Will look into it"
		rows = append(rows, r)
	}
	if _, err := s.ImportCalls(ctx, rows, db.CallImportOptions{UpdateStances: true}); err != nil {
		t.Fatal(err)
	}
	again := append([]db.IncomingCall(nil), rows...)
	again[0].StanceHeard = db.StanceYes // Ann's corrected
	for i := 1; i < len(again); i++ {
		again[i].StanceHeard, again[i].StanceNotSaid = db.StanceUnknown, true // as this version reads it
	}
	sum, err := s.ImportCalls(ctx, again, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ok, said := accounted(sum, len(again)); !ok || sum.Updated != 1 || sum.Unchanged != 2 || len(sum.ReadBefore) != 2 {
		t.Errorf("%s, %d listed as read before; want 1 updated, 2 unchanged and listed", said, len(sum.ReadBefore))
	}
	w, err := s.WhipCount(ctx, campaign)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range w.Legislators {
		if want := map[string]db.Stance{"Jim Day": db.StanceYes, "Marc Lombardo": db.StanceUndecided}[r.Name]; r.Stance != want {
			t.Errorf("whip count %s %q, want %q", r.Name, r.Stance, want)
		}
	}
}

// The same row twice in one file with two stances heard (a row copied and its stance
// changed, or the form sent again corrected): the same caller, time, legislator,
// outcome, office and notes cannot be two calls told apart, and the import cannot tell
// which stance is right. The second row is left out and listed with why, never silently
// a second call (the calls counted twice, the count moved by a tie of one report with
// itself); AddSimilar adds it as a call of its own. In a first import and in one
// again, with UpdateStances or without.
func TestReimportOfOneRowTwiceWithTwoStances(t *testing.T) {
	ctx := context.Background()
	check := func(t *testing.T, s *db.Store, rows []db.IncomingCall, update bool, whip func() map[string]db.WhipRow, created int, want db.Stance) {
		t.Helper()
		twice := rows[1] // Bo's call to Lombardo, "Yes"
		twice.Line, twice.StanceHeard = 5, db.StanceNo
		file := append(append([]db.IncomingCall(nil), rows...), twice)
		sum, err := s.ImportCalls(ctx, file, db.CallImportOptions{UpdateStances: update})
		if err != nil {
			t.Fatal(err)
		}
		if ok, said := accounted(sum, len(file)); !ok || sum.Created != created || len(sum.Similar) != 1 || sum.StancesTied != 0 {
			t.Fatalf("%s, %d ties; want %d created and line 5 left out", said, sum.StancesTied, created)
		}
		if l, why := sum.Similar[0].Line, sum.Similar[0].Reason; l != 5 || !strings.Contains(why, "stance heard") {
			t.Errorf("line %d left out: %q; want line 5, saying its stance heard differs", l, why)
		}
		if w := whip()["Marc Lombardo"]; w.Attempts != 1 || w.Stance != want {
			t.Errorf("Lombardo: %d calls, whip count %q; want 1 call, %q", w.Attempts, w.Stance, want)
		}
		sum, err = s.ImportCalls(ctx, file, db.CallImportOptions{UpdateStances: update, AddSimilar: true})
		if err != nil || sum.Created != 1 || len(sum.Similar) != 0 {
			t.Errorf("with AddSimilar: %v: %d created, %d left out; want line 5 added", err, sum.Created, len(sum.Similar))
		}
	}
	for _, update := range []bool{false, true} {
		t.Run(fmt.Sprintf("imported again, UpdateStances %v", update), func(t *testing.T) {
			s, rows, whip := reimportDesk(t)
			check(t, s, rows, update, whip, 0, db.StanceYes)
		})
		t.Run(fmt.Sprintf("a first import, UpdateStances %v", update), func(t *testing.T) {
			s := dbtest.Open(t)
			campaign, _ := dbtest.CallDesk(t, s)
			dbtest.Legislator(t, s, db.ChamberLower, "22nd Middlesex", "Marc Lombardo")
			ann := dbtest.CallRow(2, "Ann Lee", "ann@example.org")
			bo := dbtest.CallRow(3, "Bo Kim", "bo@example.org")
			bo.Legislator, bo.StanceHeard = "Rep. Marc Lombardo", db.StanceYes
			whip := func() map[string]db.WhipRow {
				w, err := s.WhipCount(ctx, campaign)
				if err != nil {
					t.Fatal(err)
				}
				by := map[string]db.WhipRow{}
				for _, r := range w.Legislators {
					by[r.Name] = r
				}
				return by
			}
			want := db.StanceUnknown
			if update {
				want = db.StanceYes
			}
			check(t, s, []db.IncomingCall{ann, bo}, update, whip, 2, want)
		})
	}
}

// The same call's form imported three times, corrected each time: Undecided, then
// Yes, then a voicemail (no stance). The count stood on the report's Yes; falling
// back, it took the report's own Undecided, which no report gives any more. It falls
// back past every stance of that report (reviewer, s40: fb1..fb3.csv).
func TestReimportFallsBackPastTheReportsOwnEarlierStance(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	campaign, _ := dbtest.CallDesk(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "22nd Middlesex", "Marc Lombardo")
	row := dbtest.CallRow(2, "Ann Caller", "ann@example.org")
	row.Legislator, row.Outcome = "Rep. Marc Lombardo", db.OutcomeSpokeLegislator
	lombardo := func() db.Stance {
		t.Helper()
		w, err := s.WhipCount(ctx, campaign)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range w.Legislators {
			if r.Name == "Marc Lombardo" {
				return r.Stance
			}
		}
		t.Fatal("no Marc Lombardo in the whip count")
		return ""
	}
	var batches []int64
	for _, step := range []struct {
		outcome db.Outcome
		heard   db.Stance
		want    db.Stance
	}{
		{db.OutcomeSpokeLegislator, db.StanceUndecided, db.StanceUndecided},
		{db.OutcomeSpokeLegislator, db.StanceYes, db.StanceYes},
		{db.OutcomeLeftVoicemail, db.StanceYes, db.StanceUnknown},
	} {
		row.Outcome, row.StanceHeard = step.outcome, step.heard
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{row}, db.CallImportOptions{UpdateStances: true})
		if err != nil {
			t.Fatal(err)
		}
		batches = append(batches, sum.BatchID)
		if got := lombardo(); got != step.want {
			t.Errorf("after the form with %s, %q: whip count %q, want %q", step.outcome, step.heard, got, step.want)
		}
	}
	if _, err := s.UndoImport(ctx, batches[2]); err != nil {
		t.Fatal(err)
	}
	if got := lombardo(); got != db.StanceYes {
		t.Errorf("whip count %q after the voicemail's import undone, want yes", got)
	}
}

// TestReimportCountsARepeatOnce: a form sent twice is one report and a repeat of the
// file on its first import; imported again, it said "2 unchanged", as if the table held
// two reports. The second row is a repeat again (by its key, and by its time for the
// sheet re-saved without its seconds), the report unchanged once.
func TestReimportCountsARepeatOnce(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.CallDesk(t, s)
	rows := []db.IncomingCall{dbtest.CallRow(2, "Ana Lima", "ana.lima@example.org"), dbtest.CallRow(3, "Rui Sousa", "rui@example.org"),
		dbtest.CallRow(2, "Ana Lima", "ana.lima@example.org")}
	rows[2].Line = 4
	for i := range rows {
		rows[i].CalledAt = rows[i].CalledAt.Add(17 * time.Second)
	}
	resaved := slices.Clone(rows)
	for i := range resaved {
		resaved[i].CalledAt, resaved[i].NoSeconds = resaved[i].CalledAt.Truncate(time.Minute), true
	}
	for n, file := range [][]db.IncomingCall{rows, rows, resaved} {
		sum, err := s.ImportCalls(ctx, file, db.CallImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created+sum.Unchanged != 2 || n > 0 && sum.Unchanged != 2 || sum.RepeatCount != 1 || len(sum.Repeats) != 1 || sum.Repeats[0].Line != 4 {
			t.Errorf("import %d: %d created, %d unchanged, repeats %d %+v; want 2 reports and line 4 a repeat", n+1,
				sum.Created, sum.Unchanged, sum.RepeatCount, sum.Repeats)
		}
	}
}
