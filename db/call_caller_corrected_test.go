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

// TestReimportWithTheCallerCorrected: a lead who finds a call filed to the wrong
// volunteer corrects the caller's name (and email) in the sheet and imports it again
// (tester, s42). The import said "1 unchanged" and the call stayed with the caller it
// was first filed to; with another email it was added a second time beside it. Now a
// corrected caller who is one roster volunteer takes the report (listed, undoable);
// one the roster does not have is listed as differing, the report kept; a typo
// corrected to the name of the volunteer it was filed to is unchanged.
func TestReimportWithTheCallerCorrected(t *testing.T) {
	ctx := context.Background()
	s, person := callDeskWithPeople(t)
	robert := person("Robert", "Jones", "jones.family@example.org")
	linda := person("Linda", "Jones", "jones.family@example.org")
	maria := person("Maria", "Costa", "maria.costa@example.org")
	paul := person("Paul", "Reyes", "paul.reyes@example.org")
	rows := []db.IncomingCall{dbtest.CallRow(2, "Robert Jones", "jones.family@example.org"),
		dbtest.CallRow(3, "Robert Jones", "jones.family@example.org"), dbtest.CallRow(4, "Paul Reyse", "paul.reyes@example.org"),
		dbtest.CallRow(5, "Robert Jones", "jones.family@example.org")}
	rows[0].Notes, rows[1].Notes, rows[2].Notes, rows[3].Notes = "first", "second", "third", "fourth"
	if _, err := s.ImportCalls(ctx, rows, db.CallImportOptions{}); err != nil {
		t.Fatal(err)
	}
	callers := func() map[string]int64 {
		t.Helper()
		calls, err := s.ListCallReports(ctx, db.CallFilter{}, 0, 20)
		if err != nil {
			t.Fatal(err)
		}
		by := map[string]int64{}
		for _, c := range calls {
			if _, twice := by[c.Notes]; twice {
				t.Errorf("the call %q is filed twice", c.Notes)
			}
			by[c.Notes] = c.VolunteerID
		}
		return by
	}
	if got := callers(); got["first"] != robert || got["second"] != robert || got["third"] != paul || got["fourth"] != robert {
		t.Fatalf("first import filed %v", got)
	}
	rows[0].CallerName = "Linda Jones"                                                 // the same email, another volunteer
	rows[1].CallerName, rows[1].CallerEmail = "Maria Costa", "maria.costa@example.org" // another email
	rows[2].CallerName = "Paul Reyes"                                                  // the typo corrected: the same person
	rows[3].CallerName = "Sam Jones"                                                   // no one on the roster
	sum, err := s.ImportCalls(ctx, rows, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Unchanged != 1 || sum.Created != 0 || sum.Updated != 2 {
		t.Errorf("%d unchanged, %d created, %d updated; want Paul's unchanged, two reports moved and none added", sum.Unchanged, sum.Created, sum.Updated)
	}
	if ok, how := accounted(sum, len(rows)); !ok {
		t.Errorf("rows not accounted for: %s", how)
	}
	moved := map[int]string{}
	for _, u := range sum.CallerMoved {
		moved[u.Line] = u.Reason
	}
	if r := moved[2]; !strings.Contains(r, "Robert Jones") || !strings.Contains(r, "Linda Jones") {
		t.Errorf("line 2: %q, want the report moved from Robert Jones to Linda Jones", r)
	}
	if r := moved[3]; !strings.Contains(r, "Maria Costa") {
		t.Errorf("line 3: %q, want the report moved to Maria Costa", r)
	}
	differs := map[int]string{}
	for _, u := range sum.CallerDiffers {
		differs[u.Line] = u.Reason
	}
	if r := differs[5]; !strings.Contains(r, "Sam Jones") || !strings.Contains(r, "Robert Jones") {
		t.Errorf("line 5: %q, want the row said to name Sam Jones, the report filed under Robert Jones", r)
	}
	if got := callers(); got["first"] != linda || got["second"] != maria || got["third"] != paul || got["fourth"] != robert {
		t.Errorf("after the corrected import: %v; want first Linda %d, second Maria %d, third Paul %d, fourth Robert %d", got, linda, maria, paul, robert)
	}
	again, err := s.ImportCalls(ctx, rows[:3], db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Unchanged != 3 {
		t.Errorf("the corrected form imported again: %d unchanged, %d updated, %d created; want all 3 unchanged", again.Unchanged, again.Updated, again.Created)
	}
	if again.BatchID != 0 {
		if _, err := s.UndoImport(ctx, again.BatchID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.UndoImport(ctx, sum.BatchID); err != nil {
		t.Fatal(err)
	}
	if got := callers(); got["first"] != robert || got["second"] != robert {
		t.Errorf("after the undo: %v; want the first two back with Robert %d", got, robert)
	}
}

// TestCorrectedCallerBesideAnotherCall: a row of another caller at the second of a
// stored report, whose own row is in the file too, is another call (a household
// calling together), added, not taken for the report corrected.
func TestCorrectedCallerBesideAnotherCall(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.CallDesk(t, s)
	for _, n := range []string{"Robert", "Linda"} {
		dbtest.Volunteer(t, s, n, "Jones", func(v *db.Volunteer) { v.Email = "jones.family@example.org" })
	}
	robert := dbtest.CallRow(2, "Robert Jones", "jones.family@example.org")
	if _, err := s.ImportCalls(ctx, []db.IncomingCall{robert}, db.CallImportOptions{}); err != nil {
		t.Fatal(err)
	}
	linda := robert
	linda.Line, linda.CallerName = 3, "Linda Jones"
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{robert, linda}, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Unchanged != 1 || sum.Created != 1 || len(sum.CallerMoved) != 0 {
		t.Errorf("%d unchanged, %d created, %d moved; want Robert's unchanged and Linda's call added", sum.Unchanged, sum.Created, len(sum.CallerMoved))
	}
	// Another volunteer's call of the same minute that holds something else, beside
	// the report's own row: another call too, not the report moved and edited.
	ana := robert
	ana.Line, ana.CallerName, ana.CallerEmail, ana.Notes = 4, "Ana Lima", "ana.lima@example.org", "her own"
	sum, err = s.ImportCalls(ctx, []db.IncomingCall{robert, linda, ana}, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Unchanged != 2 || sum.Created != 1 || sum.Updated != 0 || len(sum.Similar) != 0 {
		t.Errorf("%d unchanged, %d created, %d updated, similar %v; want Ana's call added", sum.Unchanged, sum.Created, sum.Updated, sum.Similar)
	}
}

// TestReimportWithATypoCorrected: "Robret Jones", with no email, was added as a
// volunteer beside the roster's Robert Jones; the sheet corrected to "Robert Jones"
// moves the report to him, saying so, and the same form again is unchanged. With the
// email of the volunteer it was filed to, a first name misspelt on the roster is said
// to differ, never "unchanged": the way to put it right is named.
func TestReimportWithATypoCorrected(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.CallDesk(t, s)
	robert := dbtest.Volunteer(t, s, "Robert", "Jones", nil)
	row := dbtest.CallRow(2, "Robret Jones", "")
	typo := dbtest.CallRow(3, "Jno Park", "jon@example.org")
	if _, err := s.ImportCalls(ctx, []db.IncomingCall{row, typo}, db.CallImportOptions{}); err != nil {
		t.Fatal(err)
	}
	row.CallerName, typo.CallerName = "Robert Jones", "Jon Park"
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{row, typo}, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.CallerMoved) != 1 || !strings.Contains(sum.CallerMoved[0].Reason, "Robret Jones") || sum.Updated != 1 {
		t.Errorf("moved %+v, %d updated; want the report moved from Robret Jones to Robert Jones", sum.CallerMoved, sum.Updated)
	}
	// Jno Park added with his email; "Jon Park" with it is his name misspelt on the
	// roster, or another's: said, not taken. (A family name misspelt, the email theirs,
	// is theirs, as the import files it: TestReimportWithTheCallerCorrected's Paul.)
	if len(sum.CallerDiffers) != 1 || !strings.Contains(sum.CallerDiffers[0].Reason, "correct the volunteer's name instead") || sum.Unchanged != 0 {
		t.Errorf("differs %+v, %d unchanged; want Jon Park's row said to differ from Jno Park's report", sum.CallerDiffers, sum.Unchanged)
	}
	calls, err := s.ListCallReports(ctx, db.CallFilter{}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 2 {
		t.Fatalf("%d reports, want 2", len(calls))
	}
	for _, c := range calls {
		if c.CalledAt.Equal(row.CalledAt) && c.VolunteerID != robert {
			t.Errorf("Robert's call filed under %s", c.VolunteerName)
		}
	}
	again, err := s.ImportCalls(ctx, []db.IncomingCall{row}, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Unchanged != 1 {
		t.Errorf("imported again: %d unchanged, %d updated, %d created", again.Unchanged, again.Updated, again.Created)
	}
}

// TestReimportCorrectedToOneWord: a call corrected in the sheet to a first name alone,
// with the email a household shares (tester, s42), was left out as "no volunteer on
// the roster has that name and email", with the advice to rename the volunteer it was
// filed to; a new row so named is filed to the one of the household it names. The
// report now moves as such a row is filed; a word that is none of theirs is left out
// naming the email's volunteers, and no one is told to rename anybody.
func TestReimportCorrectedToOneWord(t *testing.T) {
	ctx := context.Background()
	s, person := callDeskWithPeople(t)
	zebulon := person("Zebulon", "Quackenbush", "quack@example.net")
	winifred := person("Winifred", "Quackenbush", "quack@example.net")
	rows := []db.IncomingCall{dbtest.CallRow(2, "Zebulon Quackenbush", "quack@example.net"),
		dbtest.CallRow(3, "Zebulon Quackenbush", "quack@example.net")}
	rows[0].Notes, rows[1].Notes = "first", "second"
	if _, err := s.ImportCalls(ctx, rows, db.CallImportOptions{}); err != nil {
		t.Fatal(err)
	}
	rows[0].CallerName = "Winifred" // hers, of the two
	rows[1].CallerName = "Bertha"   // neither's
	sum, err := s.ImportCalls(ctx, rows, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	calls, err := s.ListCallReports(ctx, db.CallFilter{}, 0, 20)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]int64{}
	for _, c := range calls {
		by[c.Notes] = c.VolunteerID
	}
	if by["first"] != winifred || by["second"] != zebulon || len(calls) != 2 {
		t.Errorf("filed %v (Zebulon %d, Winifred %d), %d reports: want first moved to Winifred, second kept", by, zebulon, winifred, len(calls))
	}
	if sum.Updated != 1 || len(sum.CallerDiffers) != 1 {
		t.Fatalf("%d updated, differs %v", sum.Updated, sum.CallerDiffers)
	}
	why := sum.CallerDiffers[0].Reason
	if !strings.Contains(why, "Winifred Quackenbush") || !strings.Contains(why, "Zebulon Quackenbush") ||
		strings.Contains(why, "no volunteer on the roster has that name and email") || strings.Contains(why, "misspelt") {
		t.Errorf("the word no one of the email has: %q", why)
	}
}

// TestReimportOlderSheetAfterAMove: the sheet from before a caller's correction,
// imported again after the correction moved the report (tester, s42), said "unchanged"
// of a report filed under someone the row does not name. The row is now listed
// (CallerMovedBefore), naming the import that moved it; the report stays where the
// correction put it. Once that import is undone, the old sheet is simply unchanged.
func TestReimportOlderSheetAfterAMove(t *testing.T) {
	ctx := context.Background()
	s, person := callDeskWithPeople(t)
	person("Zebulon", "Quackenbush", "quack@example.net")
	winifred := person("Winifred", "Quackenbush", "quack@example.net")
	old := []db.IncomingCall{dbtest.CallRow(2, "Zebulon Quackenbush", "quack@example.net")}
	if _, err := s.ImportCalls(ctx, old, db.CallImportOptions{}); err != nil {
		t.Fatal(err)
	}
	corrected := []db.IncomingCall{old[0]}
	corrected[0].CallerName = "Winifred Quackenbush"
	moved, err := s.ImportCalls(ctx, corrected, db.CallImportOptions{})
	if err != nil || moved.Updated != 1 {
		t.Fatalf("the correction: %d updated, %v", moved.Updated, err)
	}
	again, err := s.ImportCalls(ctx, old, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Unchanged != 1 || len(again.CallerMovedBefore) != 1 ||
		!strings.Contains(again.CallerMovedBefore[0].Reason, "Winifred Quackenbush") ||
		!strings.Contains(again.CallerMovedBefore[0].Reason, fmt.Sprintf("undo import %d", moved.BatchID)) {
		t.Errorf("the older sheet again: %d unchanged, %v", again.Unchanged, again.CallerMovedBefore)
	}
	calls, err := s.ListCallReports(ctx, db.CallFilter{}, 0, 5)
	if err != nil || len(calls) != 1 || calls[0].VolunteerID != winifred {
		t.Fatalf("the report: %v %v", calls, err)
	}
	if _, err := s.UndoImport(ctx, moved.BatchID); err != nil {
		t.Fatal(err)
	}
	again, err = s.ImportCalls(ctx, old, db.CallImportOptions{})
	if err != nil || again.Unchanged != 1 || len(again.CallerMovedBefore) != 0 {
		t.Errorf("after the move was undone: %d unchanged, %v, %v", again.Unchanged, again.CallerMovedBefore, err)
	}
}

// TestReimportWithCallerAndContentCorrected: a lead corrects a call's caller in the
// sheet and another of its cells too (tester, s42: g2b.csv), and imports it again.
// The report stayed under the old caller with its stance edited (the same email), or
// was filed a second time under the new one (another email), unlisted. A row whose
// caller and content both differ from a report of its time, legislator and outcome,
// whose own row is not in the file, is now that report moved and edited when the row
// names one roster volunteer (counted updated once, listed, undone with the import),
// to the minute too for a sheet without seconds; else held as a possible duplicate,
// added only with AddSimilar.
func TestReimportWithCallerAndContentCorrected(t *testing.T) {
	ctx := context.Background()
	s, person := callDeskWithPeople(t)
	zebulon := person("Zebulon", "Quackenbush", "quack@example.net")
	winifred := person("Winifred", "Quackenbush", "quack@example.net")
	ignatius := person("Ignatius", "Blackwood", "iggy.b@example.net")
	bart := person("Bartholomew", "Pettigrew", "bart.pettigrew@example.net")
	cordelia := person("Cordelia", "Fairweather", "cordelia.f@example.net")
	rows := []db.IncomingCall{dbtest.CallRow(2, "Zebulon Quackenbush", "quack@example.net"),
		dbtest.CallRow(3, "Ignatius Blackwood", "iggy.b@example.net"),
		dbtest.CallRow(4, "Bartholomew Pettigrew", "bart.pettigrew@example.net"),
		dbtest.CallRow(5, "Ignatius Blackwood", "iggy.b@example.net"),
		dbtest.CallRow(6, "Bartholomew Pettigrew", "bart.pettigrew@example.net")}
	rows[0].StanceHeard = db.StanceUndecided
	rows[2].Outcome = db.OutcomeLeftVoicemail
	rows[3].Notes = "fourth"
	rows[4].CalledAt = rows[4].CalledAt.Add(17 * time.Second)
	if _, err := s.ImportCalls(ctx, rows, db.CallImportOptions{}); err != nil {
		t.Fatal(err)
	}
	type filed struct {
		caller        int64
		office, notes string
		stance        db.Stance
	}
	reports := func() map[int]filed { // by line, from the minute of the call
		t.Helper()
		calls, err := s.ListCallReports(ctx, db.CallFilter{}, 0, 20)
		if err != nil {
			t.Fatal(err)
		}
		by := map[int]filed{}
		for _, c := range calls {
			line := int(c.CalledAt.Sub(dbtest.CallTime) / time.Minute)
			if _, twice := by[line]; twice {
				t.Errorf("line %d's call is filed twice", line)
			}
			by[line] = filed{c.VolunteerID, string(c.Office), c.Notes, c.StanceHeard}
		}
		return by
	}
	before := reports()
	corrected := slices.Clone(rows)
	corrected[0].CallerName, corrected[0].StanceHeard = "Winifred Quackenbush", db.StanceYes // the same email
	corrected[1].CallerName, corrected[1].CallerEmail, corrected[1].Notes = "Cordelia Fairweather", "cordelia.f@example.net", "was Cordelia"
	corrected[2].CallerName, corrected[2].CallerEmail, corrected[2].Office = "Cordelia Fairweather", "cordelia.f@example.net", db.OfficeDistrict
	corrected[3].CallerName, corrected[3].CallerEmail, corrected[3].Notes = "Sam Nobody", "sam@example.net", "fourth, edited" // not on the roster
	corrected[4].CallerName, corrected[4].CallerEmail, corrected[4].Notes = "Cordelia Fairweather", "cordelia.f@example.net", "to the minute"
	corrected[4].CalledAt, corrected[4].NoSeconds = corrected[4].CalledAt.Truncate(time.Minute), true
	for i := range corrected {
		corrected[i].Cells = []string{"row", "cells"}
	}
	sum, err := s.ImportCalls(ctx, corrected, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 0 || sum.Updated != 4 || len(sum.Similar) != 1 {
		t.Errorf("%d created, %d updated, %d similar; want 4 reports moved and edited, Sam's row held", sum.Created, sum.Updated, len(sum.Similar))
	}
	if ok, how := accounted(sum, len(corrected)); !ok {
		t.Errorf("rows not accounted for: %s", how)
	}
	moved, edited := map[int]string{}, map[int]string{}
	for _, u := range sum.CallerMoved {
		moved[u.Line] = u.Reason
	}
	for _, u := range sum.Edited {
		edited[u.Line] = u.Reason
	}
	for line, want := range map[int][2]string{2: {"Winifred Quackenbush", "stance heard"}, 3: {"Cordelia Fairweather", "was Cordelia"},
		4: {"Cordelia Fairweather", "office"}, 6: {"Cordelia Fairweather", "to the minute"}} {
		if !strings.Contains(moved[line], want[0]) {
			t.Errorf("line %d: moved %q, want it moved to %s", line, moved[line], want[0])
		}
		if !strings.Contains(edited[line], want[1]) {
			t.Errorf("line %d: edited %q, want its %s listed", line, edited[line], want[1])
		}
	}
	if len(sum.Similar) == 1 {
		if u := sum.Similar[0]; u.Line != 5 || !strings.Contains(u.Reason, "Ignatius Blackwood") || len(u.Cells) == 0 {
			t.Errorf("held %+v, want line 5 held as maybe Ignatius Blackwood's report", u)
		}
	}
	got := reports()
	want := map[int]filed{2: {winifred, "capitol", "", db.StanceYes}, 3: {cordelia, "capitol", "was Cordelia", ""},
		4: {cordelia, "district", "", ""}, 5: {ignatius, "capitol", "fourth", ""}, 6: {cordelia, "capitol", "to the minute", ""}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("after the corrected import:\n%v\nwant\n%v (Zebulon %d, Bartholomew %d)", got, want, zebulon, bart)
	}
	again, err := s.ImportCalls(ctx, corrected[:3], db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if again.Unchanged != 3 {
		t.Errorf("the corrected sheet imported again: %d unchanged, %d updated, %d created; want all 3 unchanged", again.Unchanged, again.Updated, again.Created)
	}
	if again.BatchID != 0 {
		if _, err := s.UndoImport(ctx, again.BatchID); err != nil {
			t.Fatal(err)
		}
	}
	// The sheet from before the corrections put its old cells back under the new
	// callers, without a word of them: its rows name callers the reports were moved
	// from, and are listed so, the reports kept (see TestReimportOlderSheetAfterAMove).
	older, err := s.ImportCalls(ctx, rows[:3], db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if older.Unchanged != 3 || older.Updated != 0 || len(older.CallerMovedBefore) != 3 {
		t.Errorf("the older sheet again: %d unchanged, %d updated, moved before %v; want 3 unchanged, each listed", older.Unchanged, older.Updated, older.CallerMovedBefore)
	}
	if got := reports(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("after the older sheet again:\n%v\nwant\n%v", got, want)
	}
	if older.BatchID != 0 {
		if _, err := s.UndoImport(ctx, older.BatchID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.UndoImport(ctx, sum.BatchID); err != nil {
		t.Fatal(err)
	}
	if got := reports(); fmt.Sprint(got) != fmt.Sprint(before) {
		t.Errorf("after the undo:\n%v\nwant\n%v", got, before)
	}
	added, err := s.ImportCalls(ctx, corrected[3:4], db.CallImportOptions{AddSimilar: true})
	if err != nil || added.Created != 1 {
		t.Errorf("Sam's row with AddSimilar: %d created, %v", added.Created, err)
	}
}

// callDeskWithPeople is a call desk (see dbtest.CallDesk) and a way to put a volunteer
// with an email on its roster, giving their id.
func callDeskWithPeople(t *testing.T) (*db.Store, func(first, last, email string) int64) {
	t.Helper()
	s := dbtest.Open(t)
	dbtest.CallDesk(t, s)
	return s, func(first, last, email string) int64 {
		return dbtest.Volunteer(t, s, first, last, func(v *db.Volunteer) { v.Email = email })
	}
}

// TestCallInDayCallNotTakenForACorrection: a sheet of this week's reports alone holds
// a call another volunteer made to the same legislator in the minute of a report
// imported before (a call-in day), with notes of its own or none. It was taken for that
// report with its caller and notes corrected: moved to the new caller and its notes
// overwritten, "1 updated". With no other row of the file a report of that earlier
// import, the file is not that sheet corrected: the row is held as a possible
// duplicate naming the stored report's caller and time, nothing changed; AddSimilar
// adds it as a call of its own.
func TestCallInDayCallNotTakenForACorrection(t *testing.T) {
	ctx := context.Background()
	s, person := callDeskWithPeople(t)
	ignatius := person("Ignatius", "Blackwood", "iggy.b@example.net")
	person("Cordelia", "Fairweather", "cordelia.f@example.net")
	person("Bartholomew", "Pettigrew", "bart.pettigrew@example.net")
	person("Ana", "Lima", "ana.lima@example.org")
	first := []db.IncomingCall{dbtest.CallRow(3, "Ignatius Blackwood", "iggy.b@example.net"),
		dbtest.CallRow(4, "Bartholomew Pettigrew", "bart.pettigrew@example.net")}
	if _, err := s.ImportCalls(ctx, first, db.CallImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ana := dbtest.CallRow(7, "Ana Lima", "ana.lima@example.org") // a report of another import
	if _, err := s.ImportCalls(ctx, []db.IncomingCall{ana}, db.CallImportOptions{}); err != nil {
		t.Fatal(err)
	}
	cordelia := dbtest.CallRow(3, "Cordelia Fairweather", "cordelia.f@example.net")
	cordelia.Line, cordelia.Notes, cordelia.Cells = 2, "her own call", []string{"row", "cells"}
	week := []db.IncomingCall{cordelia, ana, dbtest.CallRow(40, "Bartholomew Pettigrew", "bart.pettigrew@example.net")}
	week[1].Line, week[2].Line = 3, 4
	sum, err := s.ImportCalls(ctx, week, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 1 || sum.Updated != 0 || sum.Unchanged != 1 || len(sum.Similar) != 1 || len(sum.CallerMoved) != 0 {
		t.Errorf("%d created, %d updated, %d unchanged, similar %v, moved %v; want Cordelia's row held, Bartholomew's new call added",
			sum.Created, sum.Updated, sum.Unchanged, sum.Similar, sum.CallerMoved)
	}
	if ok, how := accounted(sum, len(week)); !ok {
		t.Errorf("rows not accounted for: %s", how)
	}
	if len(sum.Similar) == 1 {
		u := sum.Similar[0]
		at := sum.Zone.Clock(cordelia.CalledAt)
		for _, want := range []string{"Ignatius Blackwood", at, "whole"} {
			if u.Line != 2 || !strings.Contains(u.Reason, want) || len(u.Cells) == 0 {
				t.Errorf("held %+v, want line 2 held naming %q", u, want)
			}
		}
	}
	calls, err := s.ListCallReports(ctx, db.CallFilter{}, 0, 20)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range calls {
		if c.CalledAt.Equal(cordelia.CalledAt) && (c.VolunteerID != ignatius || c.Notes != "") {
			t.Errorf("Ignatius's report now volunteer %d, notes %q; want it kept", c.VolunteerID, c.Notes)
		}
	}
	// Her call holding what his does (no notes), the same: the caller alone corrected
	// in a sheet of the week is no more that report's sheet.
	plain := cordelia
	plain.Notes = ""
	sum, err = s.ImportCalls(ctx, []db.IncomingCall{plain, week[2]}, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Updated != 0 || sum.Unchanged != 1 || len(sum.Similar) != 1 || len(sum.CallerMoved) != 0 {
		t.Errorf("her call of no notes: %d updated, %d unchanged, similar %v, moved %v; want it held", sum.Updated, sum.Unchanged, sum.Similar, sum.CallerMoved)
	}
	added, err := s.ImportCalls(ctx, week, db.CallImportOptions{AddSimilar: true})
	if err != nil || added.Created != 1 || added.Updated != 0 {
		t.Errorf("with AddSimilar: %d created, %d updated, %v; want Cordelia's call added", added.Created, added.Updated, err)
	}
}
