package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// callOf is line of the call form by name, email and town (see dbtest.CallRow).
func callOf(line int, name, email, town string) db.IncomingCall {
	c := dbtest.CallRow(line, name, email)
	c.CallerTown = town
	return c
}

// reportsBy counts the stored reports by volunteer id.
func reportsBy(t *testing.T, s *db.Store) map[int64]int {
	t.Helper()
	calls, err := s.ListCallReports(context.Background(), db.CallFilter{}, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	by := map[int64]int{}
	for _, c := range calls {
		by[c.VolunteerID]++
	}
	return by
}

// noteOn is the CallerNotes line of a line of the form, "" for none.
func noteOn(sum db.CallImportSummary, line int) string {
	for _, n := range sum.CallerNotes {
		if n.Line == line {
			return n.Reason
		}
	}
	return ""
}

// TestImportCallsEmailJoinsCallerAddedByName (tester, s41): Maria Lopez, of
// Cambridge, gave no email on her first forms and was added by name; when she gave
// her email on a later form, a second Maria Lopez was made, and her next report with
// no email was left out as one of two of that name. The email now joins the volunteer
// the earlier form added (same name and town, no email), listed; in the same file and
// in a later import alike. A volunteer of that name of another town, or with an email
// of their own, is not given it.
func TestImportCallsEmailJoinsCallerAddedByName(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.CallDesk(t, s)
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{callOf(2, "Maria Lopez", "", "Cambridge"), callOf(3, "Maria Lopez", "maria.lopez@example.org", "Cambridge"),
		callOf(4, "Maria Lopez", "", "Cambridge"), callOf(5, "Tom Reyes", "", "Lowell"), callOf(6, "Lee Chan", "", "Quincy")}, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 5 || sum.NewCallers != 3 || len(sum.CallerUnclear) != 0 || len(sum.CallersBeside) != 0 {
		t.Fatalf("%d reports, %d new callers, left out %+v, beside %+v; want 5 reports, 3 new callers (Maria Lopez once, Tom Reyes, Lee Chan), none left out",
			sum.Created, sum.NewCallers, sum.CallerUnclear, sum.CallersBeside)
	}
	if n := noteOn(sum, 3); !strings.Contains(n, "maria.lopez@example.org to Maria Lopez") || !strings.Contains(n, "earlier report form") {
		t.Errorf("line 3 listed %q; want the email given to the Maria Lopez the earlier form added", n)
	}
	vols, err := s.ListVolunteers(ctx, db.VolunteerFilter{Query: "Maria"}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(vols) != 1 || vols[0].Email != "maria.lopez@example.org" || reportsBy(t, s)[vols[0].ID] != 3 {
		t.Fatalf("Maria Lopez on the roster: %+v; want one volunteer with her email and 3 reports", vols)
	}
	// A later form: Tom Reyes gives his email; a Lee Chan of Braintree is not the one
	// of Quincy, nor a Maria Lopez of another email the one who has hers.
	later := []db.IncomingCall{callOf(2, "Tom Reyes", "tom@example.org", "Lowell, MA"), callOf(3, "Tom Reyes", "", "Lowell"),
		callOf(4, "Maria Lopez", "maria@work.org", "Cambridge"), callOf(5, "Lee Chan", "lee@example.org", "Braintree")}
	for i := range later {
		later[i].CalledAt = later[i].CalledAt.AddDate(0, 0, 7) // a week on: other calls
	}
	sum, err = s.ImportCalls(ctx, later, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 4 || sum.NewCallers != 2 || len(sum.CallerUnclear) != 0 {
		t.Fatalf("%d reports, %d new callers, left out %+v; want 4 reports, 2 new callers (Maria Lopez of another email, Lee Chan of Braintree)", sum.Created, sum.NewCallers, sum.CallerUnclear)
	}
	if len(sum.CallersBeside) != 2 || sum.CallersBeside[0].Line != 4 || sum.CallersBeside[1].Line != 5 {
		t.Errorf("beside: %+v; want lines 4 and 5, each beside the roster's one of the name", sum.CallersBeside)
	}
	if n := noteOn(sum, 2); !strings.Contains(n, "tom@example.org to Tom Reyes") {
		t.Errorf("line 2 listed %q; want the email given to the Tom Reyes the earlier import added", n)
	}
	if _, err := s.UndoImport(ctx, sum.BatchID); err != nil {
		t.Fatal(err)
	}
	vols, err = s.ListVolunteers(ctx, db.VolunteerFilter{Query: "Tom Reyes"}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(vols) != 1 || vols[0].Email != "" {
		t.Errorf("after undo, Tom Reyes: %+v; want him with no email again", vols)
	}
}

// TestImportCallsEmailNoAddressFindsByName (tester, s41): a report of the roster's Ana
// Silva of Somerville with an email that is no address ("ana.silva@example", no dot
// after the @; "ana silva@x.org", a space) added a second Ana Silva. Such an email
// finds no one and is not stored: the report is filed by the name and town, and listed
// saying the email was not kept and why; a caller not on the roster is added without
// it (kept in the notes).
func TestImportCallsEmailNoAddressFindsByName(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.CallDesk(t, s)
	ana := dbtest.Volunteer(t, s, "Ana", "Silva", func(v *db.Volunteer) { v.Email, v.City = "ana.silva@example.org", "Somerville" })
	dbtest.Volunteer(t, s, "Pat", "Lee", nil)
	dbtest.Volunteer(t, s, "Pat", "Lee", nil)
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{callOf(2, "Ana Silva", "ana.silva@example", "Somerville"), callOf(3, "Ana Silva", "ana silva@x.org", "Somerville"),
		callOf(4, "Ana Silva", "ana.silva@example", "Somerville"), callOf(5, "Lia Moss", "lia@moss", "Medford"), callOf(6, "", "nameless@nowhere", ""),
		callOf(7, "Pat Lee", "pat lee@x.org", "")}, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 5 || sum.NewCallers != 2 || len(sum.CallersBeside) != 0 {
		t.Fatalf("%d reports, %d new callers, beside %+v; want 5 reports, 2 new callers (Lia Moss, and line 6's caller, the email in the notes)", sum.Created, sum.NewCallers, sum.CallersBeside)
	}
	if len(sum.CallerUnclear) != 1 || !strings.Contains(sum.CallerUnclear[0].Reason, `email "pat lee@x.org" is no address`) {
		t.Errorf("left out %+v; want line 7, one of two Pat Lees, saying the email is no address", sum.CallerUnclear)
	}
	if by := reportsBy(t, s); by[ana] != 3 {
		t.Errorf("reports by volunteer %v; want 3 under Ana Silva (%d)", by, ana)
	}
	for line, why := range map[int]string{2: "no dot", 3: "space"} {
		if n := noteOn(sum, line); !strings.Contains(n, "not kept") || !strings.Contains(n, why) || !strings.Contains(n, "Ana Silva (volunteer "+itoa(ana)+")") {
			t.Errorf("line %d listed %q; want the email not kept (%s) and the report under Ana Silva (%d)", line, n, why, ana)
		}
	}
	if sum.CallerNotesCount != 2 {
		t.Errorf("%d callers listed; want 2 (line 4 repeats line 2's email)", sum.CallerNotesCount)
	}
	vols, err := s.ListVolunteers(ctx, db.VolunteerFilter{Query: "Lia"}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(vols) != 1 {
		t.Fatalf("Lia Moss: %+v; want her added once", vols)
	}
	lia, err := s.Volunteer(ctx, vols[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if lia.Email != "" || !strings.Contains(lia.Notes, "lia@moss") {
		t.Errorf("Lia Moss: email %q, notes %q; want no email, the form's kept in the notes", lia.Email, lia.Notes)
	}
}

// TestImportCallsTownMisspeltOrZip (tester, s41): the roster's Ana Silva of Somerville
// (02143), reporting with no email from "Sommerville" or "02143", was added again as
// of another town. A town one letter off the volunteer's city, or their zip, is
// theirs: the report is filed under them and listed, once a caller and town. A town
// clearly another (Pittsfield), or a zip not theirs, still adds a volunteer listed
// beside them.
func TestImportCallsTownMisspeltOrZip(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.CallDesk(t, s)
	ana := dbtest.Volunteer(t, s, "Ana", "Silva", func(v *db.Volunteer) { v.City, v.Zip = "Somerville", "02143" })
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{callOf(2, "Ana Silva", "", "Sommerville"), callOf(3, "Ana Silva", "", "02143"),
		callOf(4, "Ana Silva", "", "Somervile, MA"), callOf(5, "Ana Silva", "", "Sommerville"), callOf(6, "Ana Silva", "", "2143"),
		callOf(7, "Ana Silva", "", "Pittsfield"), callOf(8, "Ana Silva", "", "01201")}, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if by := reportsBy(t, s); by[ana] != 5 {
		t.Errorf("reports by volunteer %v; want 5 under Ana Silva of Somerville (%d)", by, ana)
	}
	if sum.NewCallers != 2 || sum.CallersBesideCount != 2 {
		t.Errorf("%d new callers, %d beside; want Ana Silva of Pittsfield and of 01201 added, both listed beside", sum.NewCallers, sum.CallersBesideCount)
	}
	for line, how := range map[int]string{2: `"Sommerville" is one letter off their Somerville`, 3: `"02143" is their zip`, 4: `"Somervile, MA" is one letter off`, 6: `"2143" is their zip`} {
		if n := noteOn(sum, line); !strings.Contains(n, "Ana Silva (volunteer "+itoa(ana)+", of Somerville)") || !strings.Contains(n, how) {
			t.Errorf("line %d listed %q; want it filed under Ana Silva (%d): %s", line, n, ana, how)
		}
	}
	if n := noteOn(sum, 5); n != "" {
		t.Errorf("line 5 listed %q; want the town listed once (line 2)", n)
	}
}

// TestImportCallsCallerShortFormListed (tester, s41): a caller with no email written
// by a short form, an initial or the words in another order ("Bob Jones", "Ana S.",
// "A. Silva", "Silva Ana") was added beside the roster's Robert Jones and Ana Silva
// without a word. Which person it is cannot be told, so the caller is still added,
// and listed as a possible duplicate naming the roster person (by name and number).
func TestImportCallsCallerShortFormListed(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.CallDesk(t, s)
	bob := dbtest.Volunteer(t, s, "Robert", "Jones", func(v *db.Volunteer) { v.City = "Worcester" })
	ana := dbtest.Volunteer(t, s, "Ana", "Silva", func(v *db.Volunteer) { v.City = "Somerville" })
	dbtest.Volunteer(t, s, "Lee", "Park", nil)
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{callOf(2, "Bob Jones", "", "Worcester"), callOf(3, "Ana S.", "", "Somerville"),
		callOf(4, "A. Silva", "", ""), callOf(5, "Silva Ana", "", "Somerville"), callOf(6, "Lee Parker", "", ""), callOf(7, "Bob Jones", "", "Worcester")},
		db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 6 || sum.NewCallers != 5 {
		t.Errorf("%d reports, %d new callers; want 6 reports, 5 new callers", sum.Created, sum.NewCallers)
	}
	want := map[int]string{2: "Robert Jones (volunteer " + itoa(bob) + ")", 3: "Ana Silva (volunteer " + itoa(ana) + ")",
		4: "Ana Silva (volunteer " + itoa(ana) + ")", 5: "Ana Silva (volunteer " + itoa(ana) + ")"}
	got := map[int]string{}
	for _, u := range sum.CallersBeside {
		got[u.Line] = u.Reason
	}
	for line, who := range want {
		if !strings.Contains(got[line], "beside the roster's "+who) {
			t.Errorf("line %d listed %q; want it beside the roster's %s", line, got[line], who)
		}
	}
	if len(got) != 4 || sum.CallersBesideCount != 4 {
		t.Errorf("listed %v (%d); want lines 2 to 5 alone (Lee Parker is not Lee Park's short form; Bob Jones once)", got, sum.CallersBesideCount)
	}
}

// TestImportCallsCallerPartOfCompoundNameListed: a caller with no email whose name
// is part of a roster volunteer's (a word of a compound first name and the family
// name: Mary Lee or Ann Lee for Mary Ann Lee, Jean Roy or Pierre Roy for
// Jean-Pierre Roy; Huong Nguyen for Nguyen Thi Huong) was added as a second
// volunteer with no line (tester t8, repro-4), where Bob Jones beside Robert Jones
// was listed. Each is listed beside the roster's; a name of words not theirs (Ann
// Roy) is not.
func TestImportCallsCallerPartOfCompoundNameListed(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.CallDesk(t, s)
	mary := dbtest.Volunteer(t, s, "Mary Ann", "Lee", func(v *db.Volunteer) { v.City = "Quincy" })
	jp := dbtest.Volunteer(t, s, "Jean-Pierre", "Roy", func(v *db.Volunteer) { v.City = "Lowell" })
	huong := dbtest.Volunteer(t, s, "Nguyen", "Thi Huong", func(v *db.Volunteer) { v.City = "Dorchester" })
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{callOf(2, "Mary Lee", "", "Quincy"), callOf(3, "Ann Lee", "", "Quincy"),
		callOf(4, "Jean Roy", "", "Lowell"), callOf(5, "Pierre Roy", "", "Lowell"), callOf(6, "Huong Nguyen", "", "Dorchester"),
		callOf(7, "Ann Roy", "", "Lowell")}, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 6 || sum.NewCallers != 6 {
		t.Errorf("%d reports, %d new callers; want 6 of each", sum.Created, sum.NewCallers)
	}
	want := map[int]string{2: "Mary Ann Lee (volunteer " + itoa(mary) + ")", 3: "Mary Ann Lee (volunteer " + itoa(mary) + ")",
		4: "Jean-Pierre Roy (volunteer " + itoa(jp) + ")", 5: "Jean-Pierre Roy (volunteer " + itoa(jp) + ")",
		6: "Nguyen Thi Huong (volunteer " + itoa(huong) + ")"}
	got := map[int]string{}
	for _, u := range sum.CallersBeside {
		got[u.Line] = u.Reason
	}
	for line, who := range want {
		if !strings.Contains(got[line], "beside the roster's "+who) {
			t.Errorf("line %d listed %q; want it beside the roster's %s", line, got[line], who)
		}
	}
	if len(got) != 5 || sum.CallersBesideCount != 5 {
		t.Errorf("listed %v (%d); want lines 2 to 6 alone (Ann Roy is no part of Jean-Pierre Roy's name)", got, sum.CallersBesideCount)
	}
}
