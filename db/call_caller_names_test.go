package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsCallerTitles: a caller typed with a title or a degree ("Dr. Ana
// Silva", "Rev. José Núñez", "Ana Silva PhD"), no email, was added as a second
// volunteer beside the roster's, the report filed to them and only counted; "Dr. Ana
// Silva" and "Ana Silva PhD" were even two; and afterwards every plain "Ana Silva"
// report with no email was left out as one of two Ana Silvas. The title and degree
// are set apart before the name is matched, as the volunteer import sets them apart.
// "Sam O'Brien Jr." is another name (a son of Sam O'Brien may call too): added, and
// listed beside the roster's Sam O'Brien. Every caller added is named with its line.
func TestImportCallsCallerTitles(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		s := open(t)
		dbtest.CallDesk(t, s)
		ana := dbtest.Volunteer(t, s, "Ana", "Silva", func(v *db.Volunteer) { v.City = "Cambridge"; v.Email = "ana.silva@example.org" })
		jose := dbtest.Volunteer(t, s, "José", "Núñez", func(v *db.Volunteer) { v.City = "Boston"; v.Email = "jose.nunez@example.org" })
		sam := dbtest.Volunteer(t, s, "Sam", "O'Brien", func(v *db.Volunteer) { v.City = "Somerville"; v.Email = "sam.obrien@example.org" })
		call := func(line int, name, town string) db.IncomingCall {
			c := dbtest.CallRow(line, name, "")
			c.CallerTown = town
			return c
		}
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{call(2, "Dr. Ana Silva", "Cambridge"), call(3, "Rev. José Núñez", "Boston"),
			call(4, "Sam O'Brien Jr.", "Somerville"), call(5, "Ana Silva PhD", "Cambridge"), call(6, "Ms. Ana Silva, PhD", "")}, db.CallImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created != 5 || sum.NewCallers != 1 || len(sum.CallerUnclear) != 0 {
			t.Errorf("%d reports, %d new callers, left out %+v; want 5 reports, 1 new caller (Sam O'Brien Jr.), none left out", sum.Created, sum.NewCallers, sum.CallerUnclear)
		}
		if len(sum.AddedCallers) != 1 || sum.AddedCallers[0].Line != 4 || !strings.Contains(sum.AddedCallers[0].Reason, "Sam O'Brien Jr.") {
			t.Errorf("callers added listed as %+v; want line 4 naming Sam O'Brien Jr.", sum.AddedCallers)
		}
		if sum.CallersBesideCount != 1 || len(sum.CallersBeside) != 1 || sum.CallersBeside[0].Line != 4 ||
			!strings.Contains(sum.CallersBeside[0].Reason, "Sam O'Brien (volunteer "+itoa(sam)+")") {
			t.Errorf("listed beside the roster: %+v; want line 4 naming Sam O'Brien (volunteer %d)", sum.CallersBeside, sam)
		}
		by := reportsByCaller(t, s)
		if by[ana] != 3 || by[jose] != 1 || by[sam] != 0 {
			t.Errorf("reports by volunteer %v; want 3 for Ana Silva (%d), 1 for José Núñez (%d), none for Sam O'Brien (%d)", by, ana, jose, sam)
		}
		// A plain "Ana Silva" with no email is still the one Ana Silva's.
		later := call(7, "Ana Silva", "Cambridge")
		later.CalledAt = later.CalledAt.AddDate(0, 0, 1)
		sum, err = s.ImportCalls(ctx, []db.IncomingCall{later}, db.CallImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created != 1 || sum.NewCallers != 0 || len(sum.CallerUnclear) != 0 || reportsByCaller(t, s)[ana] != 4 {
			t.Errorf("a plain Ana Silva: %d reports, %d new callers, left out %+v; want hers", sum.Created, sum.NewCallers, sum.CallerUnclear)
		}
		// A title with a family name alone is the family name alone: it tells no one.
		sum, err = s.ImportCalls(ctx, []db.IncomingCall{call(8, "Dr. Silva", "")}, db.CallImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created != 0 || sum.NewCallers != 0 || len(sum.CallerUnclear) != 1 || !strings.Contains(sum.CallerUnclear[0].Reason, "Ana Silva (volunteer "+itoa(ana)+")") {
			t.Errorf("Dr. Silva: %d reports, %d new callers, left out %+v; want it left out naming Ana Silva (%d)", sum.Created, sum.NewCallers, sum.CallerUnclear, ana)
		}
	})
}

// TestImportCallsCallerTwoPeople: "Linda & Robert Jones" (both on the roster) was
// added as one volunteer "Linda & Robert Jones". A name that names two people is
// no volunteer to add: the report is filed with no caller and listed with its line.
func TestImportCallsCallerTwoPeople(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		s := open(t)
		dbtest.CallDesk(t, s)
		dbtest.Volunteer(t, s, "Robert", "Jones", nil)
		dbtest.Volunteer(t, s, "Linda", "Jones", nil)
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{dbtest.CallRow(2, "Robert Jones", ""), dbtest.CallRow(3, "Linda & Robert Jones", ""),
			dbtest.CallRow(4, "Bob and Linda Jones", "jones.family@example.org"), dbtest.CallRow(5, "bob+calls@example.org", "")}, db.CallImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created != 4 || sum.NewCallers != 1 {
			t.Errorf("%d reports, %d new callers; want 4 reports, 1 new caller (the one who typed an email)", sum.Created, sum.NewCallers)
		}
		if sum.NoCallerCount != 2 || len(sum.NoCaller) != 2 || sum.NoCaller[0].Line != 3 || sum.NoCaller[1].Line != 4 ||
			!strings.Contains(sum.NoCaller[0].Reason, "Linda & Robert Jones") {
			t.Errorf("filed with no caller: %d %+v; want lines 3 and 4, naming the caller as typed", sum.NoCallerCount, sum.NoCaller)
		}
		vols, err := s.ListVolunteers(ctx, db.VolunteerFilter{}, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vols {
			if db.TwoPeople(v.FirstName + " " + v.LastName) {
				t.Errorf("volunteer %d %q %q added: a name of two people is no one", v.ID, v.FirstName, v.LastName)
			}
		}
		if n := reportsByCaller(t, s)[0]; n != 2 {
			t.Errorf("%d reports with no caller; want 2", n)
		}
		// The listing's way out, followed: the one who called written in the row, the
		// sheet imported again, moves the report to them (the app sets no caller).
		if why := sum.NoCaller[0].Reason; !strings.Contains(why, "write their name (or email) in the row and import the sheet again") {
			t.Errorf("the listing says %q; want the way to file it under who called", why)
		}
		again, err := s.ImportCalls(ctx, []db.IncomingCall{dbtest.CallRow(2, "Robert Jones", ""), dbtest.CallRow(3, "Linda Jones", ""),
			dbtest.CallRow(4, "Bob and Linda Jones", "jones.family@example.org"), dbtest.CallRow(5, "bob+calls@example.org", "")}, db.CallImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(again.CallerMoved) != 1 || again.CallerMoved[0].Line != 3 || again.Created != 0 {
			t.Errorf("the sheet again, its line 3 naming Linda Jones: %d created, moved %+v; want line 3 moved to her, nothing added", again.Created, again.CallerMoved)
		}
		if n := reportsByCaller(t, s)[0]; n != 1 {
			t.Errorf("%d reports with no caller after the sheet named the caller; want 1", n)
		}
	})
}

// TestImportCallsCallerLettersLost: a form saved in Windows-1252 turns the letters
// it has not into "?": "Tr?n V?n Minh" was added as a volunteer "Tr?n V?n | Minh".
// Such a caller is not added: the row is left out, saying the name is damaged. A
// damaged name whose email finds the roster person it is with letters lost ("Nguy?n
// Th? H??ng", the roster's Nguyễn Thị Hương) is theirs, not left out as another
// person's.
func TestImportCallsCallerLettersLost(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.CallDesk(t, s)
	huong := dbtest.Volunteer(t, s, "Nguyễn", "Thị Hương", func(v *db.Volunteer) { v.Email = "huong@example.org" })
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{dbtest.CallRow(2, "Tr?n V?n Minh", ""), dbtest.CallRow(3, "Nguy?n Th? H??ng", "huong@example.org"),
		dbtest.CallRow(4, "Tr?n Th? Mai", "mai@example.org")}, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 1 || sum.NewCallers != 0 || reportsByCaller(t, s)[huong] != 1 {
		t.Errorf("%d reports, %d new callers, by caller %v; want 1 report, Nguyễn Thị Hương's (%d), no one added", sum.Created, sum.NewCallers, reportsByCaller(t, s), huong)
	}
	if len(sum.CallerUnclear) != 2 || sum.CallerUnclear[0].Line != 2 || sum.CallerUnclear[1].Line != 4 {
		t.Fatalf("left out %+v; want lines 2 and 4", sum.CallerUnclear)
	}
	for _, u := range sum.CallerUnclear {
		if !strings.Contains(u.Reason, `"?"`) || !strings.Contains(u.Reason, "Tr?n") {
			t.Errorf("line %d: %q; want it saying the name's letters were turned into \"?\"", u.Line, u.Reason)
		}
	}
}

// reportsByCaller counts the stored call reports by their volunteer (0: none).
func reportsByCaller(t *testing.T, s *db.Store) map[int64]int {
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

// TestImportCallsCallerSeveralEmails: a caller who gave two emails in the one cell
// ("ana.silva@example.org; ana@work.org"), the first the roster's, was added as a
// second Ana Silva. The caller is found by any of the emails given; one the roster
// has none of is added with the first, the others kept in the notes.
func TestImportCallsCallerSeveralEmails(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		s := open(t)
		dbtest.CallDesk(t, s)
		ana := dbtest.Volunteer(t, s, "Ana", "Silva", func(v *db.Volunteer) { v.Email = "ana.silva@example.org" })
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{dbtest.CallRow(2, "Ana Silva", "ana.silva@example.org; ana@work.org"),
			dbtest.CallRow(3, "Ana Silva", "ana@work.org, Ana.Silva@example.org"), dbtest.CallRow(4, "Bo Lee", "bo@example.org / bo@work.org"),
			dbtest.CallRow(5, "Bo Lee", "bo@work.org")}, db.CallImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		by := reportsByCaller(t, s)
		if sum.Created != 4 || sum.NewCallers != 1 || by[ana] != 2 {
			t.Errorf("%d reports, %d new callers, by caller %v; want 4 reports, 2 of them Ana Silva's (%d), 1 new caller (Bo Lee)", sum.Created, sum.NewCallers, by, ana)
		}
		vols, err := s.ListVolunteers(ctx, db.VolunteerFilter{}, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range vols {
			if r.FirstName != "Bo" {
				continue
			}
			v, err := s.Volunteer(ctx, r.ID)
			if err != nil {
				t.Fatal(err)
			}
			if v.Email != "bo@example.org" || !strings.Contains(v.Notes, "bo@work.org") || by[v.ID] != 2 {
				t.Errorf("Bo Lee added with email %q, notes %q, %d reports; want bo@example.org, the other in the notes, both reports", v.Email, v.Notes, by[v.ID])
			}
		}
	})
}
