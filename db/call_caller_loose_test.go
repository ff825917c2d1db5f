package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsCallerNameLooseMatch: "Sam O'Brien", "Sam O Brien" and "Sam
// O’Brien" on reports without an email are the roster's one "Sam Obrien", each
// filed under him with a note saying the name differs (the testers found a second
// Sam added silently); a name two roster people fit that way tells neither.
func TestImportCallsCallerNameLooseMatch(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.CallDesk(t, s)
	sam := dbtest.Volunteer(t, s, "Sam", "Obrien", nil)
	dbtest.Volunteer(t, s, "Mary Ann", "Lee-Ross", nil)
	dbtest.Volunteer(t, s, "Mary Ann", "Leeross", nil)
	call := func(line int, name string) db.IncomingCall { return dbtest.CallRow(line, name, "") }
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{call(2, "Sam O'Brien"), call(3, "Sam O Brien"), call(4, "Sam O\u2019Brien"),
		call(5, "Sam Obrien"), call(6, "Mary Ann Lee Ross")}, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.NewCallers != 0 {
		t.Errorf("%d new callers, want none: every Sam is the roster's Sam Obrien", sum.NewCallers)
	}
	noted := map[int]string{}
	for _, c := range sum.TitleCorrected {
		noted[c.Line] = c.Reason
	}
	// Line 4's typographic apostrophe folds to line 2's: one way of writing the
	// name, listed once, at its first report.
	for _, line := range []int{2, 3} {
		if r := noted[line]; !strings.Contains(r, "Sam Obrien") {
			t.Errorf("line %d: note %q, want one naming the roster's Sam Obrien", line, r)
		}
	}
	if r, ok := noted[5]; ok {
		t.Errorf("line 5, the roster's own spelling: noted %q", r)
	}
	if len(sum.CallerUnclear) != 1 || sum.CallerUnclear[0].Line != 6 || !strings.Contains(sum.CallerUnclear[0].Reason, "Leeross") {
		t.Errorf("left out as unclear %+v, want line 6, which two roster people fit", sum.CallerUnclear)
	}
	calls, err := s.ListCallReports(ctx, db.CallFilter{}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range calls {
		if c.VolunteerID != sam {
			t.Errorf("the call at %s filed under %s, want Sam Obrien", c.CalledAt, c.VolunteerName)
		}
	}
}

// TestImportCallsCallerTypoNoted: "Ann Jhonson" with the roster's Ann Johnson's
// email is hers, and the output says the report's name was not quite hers: a
// match by a fuzzy rule is never filed silently.
func TestImportCallsCallerTypoNoted(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.CallDesk(t, s)
	dbtest.Volunteer(t, s, "Ann", "Johnson", func(v *db.Volunteer) { v.Email = "ann.j@example.org" })
	busy := func(line int, name string, after time.Duration) db.IncomingCall {
		c := dbtest.CallRow(line, name, "ann.j@example.org")
		c.CalledAt, c.Outcome = dbtest.CallTime.Add(after), db.OutcomeBusy
		return c
	}
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{busy(2, "Ann Jhonson", 0), busy(3, "ANN JOHNSON", time.Hour), busy(4, "Ann", 2*time.Hour)},
		db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 3 || sum.NewCallers != 0 {
		t.Errorf("%d filed, %d new callers; want 3 filed under Ann Johnson", sum.Created, sum.NewCallers)
	}
	if len(sum.TitleCorrected) != 1 || sum.TitleCorrected[0].Line != 2 ||
		!strings.Contains(sum.TitleCorrected[0].Reason, "Ann Johnson") || !strings.Contains(sum.TitleCorrected[0].Reason, "Jhonson") {
		t.Errorf("corrections %+v, want line 2's, naming Ann Johnson and the form's Jhonson", sum.TitleCorrected)
	}
}

// A caller the roster knows by the first name alone ("Sarah", from a form that gave no
// more) whose later reports give a family name too is not "not quite theirs": the
// 100,000-row form listed 2,711 such reports, most of them a few callers' every call.
// A caller who does write their name otherwise is listed once, not at every report.
func TestImportCallsCallerCorrectionOncePerName(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.CallDesk(t, s)
	call := dbtest.CallRow
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{
		call(2, "Sarah", "sarah@example.org"), call(3, "Sarah Harris", "sarah@example.org"), call(4, "Sarah Harris", "sarah@example.org"),
		call(5, "Ann Johnson", "ann@example.org"), call(6, "Ann Jhonson", "ann@example.org"), call(7, "Ann Jhonson", "ann@example.org")},
		db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var lines []int
	for _, c := range sum.TitleCorrected {
		lines = append(lines, c.Line)
	}
	if len(lines) != 1 || lines[0] != 6 {
		t.Errorf("reports listed with a correction: lines %v, want [6] (Ann Jhonson, once)", lines)
	}
}

// TestImportCallsCallerNameDashes: a caller's family name written with an en dash
// ("Sam Lee–Ross", as a phone's keyboard or a word processor types the hyphen) or
// a dot the roster has not ("Ana St. John" for Ana St John) was not the roster's one
// volunteer of that name but for the hyphen: a second volunteer was added silently.
// Each is filed under the roster's one, with the note that the name differs.
func TestImportCallsCallerNameDashes(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.CallDesk(t, s)
	sam := dbtest.Volunteer(t, s, "Sam", "Lee-Ross", nil)
	ana := dbtest.Volunteer(t, s, "Ana", "St John", nil)
	call := func(line int, name string) db.IncomingCall { return dbtest.CallRow(line, name, "") }
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{call(2, "Sam Lee\u2013Ross"), call(3, "Ana St. John"), call(4, "Sam Lee\u2010Ross")}, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.NewCallers != 0 {
		t.Errorf("%d new callers, want none: Sam Lee–Ross and Ana St. John are the roster's", sum.NewCallers)
	}
	calls, err := s.ListCallReports(ctx, db.CallFilter{}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range calls {
		if c.VolunteerID != sam && c.VolunteerID != ana {
			t.Errorf("a report filed under volunteer %d; want Sam (%d) or Ana (%d)", c.VolunteerID, sam, ana)
		}
	}
}
