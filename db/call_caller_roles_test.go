package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsCallerRoleAndClergyTitle (s48): a report form's caller typed with
// a role after the name ("Dan Smith - Team Lead", "Lee Chan, captain") was added as
// "Dan Smith - Team" / "Lead" and "captain" / "Lee Chan"; one typed with a clergy
// title written out ("Father Tom Walsh", no email) was added as "Father Tom" / Walsh
// beside the roster's Tom Walsh. The role is set apart, kept in the added caller's
// notes and listed; the title is set apart, and the report is Tom Walsh's. "Amy
// Bishop" is a name: added as typed.
func TestImportCallsCallerRoleAndClergyTitle(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		s := open(t)
		dbtest.CallDesk(t, s)
		tom := dbtest.Volunteer(t, s, "Tom", "Walsh", func(v *db.Volunteer) { v.Email = "tom.walsh@example.org" })
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{dbtest.CallRow(2, "Father Tom Walsh", ""),
			dbtest.CallRow(3, "Dan Smith - Team Lead", ""), dbtest.CallRow(4, "Lee Chan, captain", ""),
			dbtest.CallRow(5, "Amy Bishop", ""), dbtest.CallRow(6, "Rabbi Sarah Klein", "")}, db.CallImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created != 5 || sum.NewCallers != 4 || len(sum.CallerUnclear) != 0 {
			t.Errorf("%d reports, %d new callers, left out %+v; want 5 reports, 4 new callers", sum.Created, sum.NewCallers, sum.CallerUnclear)
		}
		if by := reportsByCaller(t, s); by[tom] != 1 {
			t.Errorf("reports by volunteer %v; want Father Tom Walsh's report filed to Tom Walsh (%d)", by, tom)
		}
		names := map[string]string{}
		for _, r := range dbtest.Roster(t, s) {
			names[r.FirstName+"|"+r.LastName] = r.Notes
		}
		for _, want := range []string{"Tom|Walsh", "Dan|Smith", "Lee|Chan", "Amy|Bishop", "Sarah|Klein"} {
			if _, ok := names[want]; !ok {
				t.Errorf("roster %q; want %s", names, want)
			}
		}
		if len(names) != 5 {
			t.Errorf("roster %q; want 5 volunteers", names)
		}
		if !strings.Contains(names["Dan|Smith"], "Team Lead") || !strings.Contains(names["Lee|Chan"], "captain") {
			t.Errorf("notes %q; want the roles kept", names)
		}
		var listed []string
		for _, a := range sum.AddedCallers {
			listed = append(listed, a.Reason)
		}
		all := strings.Join(listed, "\n")
		for _, want := range []string{`"Dan Smith - Team Lead": Team Lead`, `"Lee Chan, captain": captain`, `"Rabbi Sarah Klein": Rabbi set apart`} {
			if !strings.Contains(all, want) {
				t.Errorf("callers added listed as\n%s\nwant %q", all, want)
			}
		}
	})
}

// TestImportCallsCallerDashIsHyphen (s48, tester t11): a caller typed with a dash
// in the name and no email ("Mary Smith - Jones", "Ana Ruiz – Garcia") was filed to
// the roster's Mary Smith and Ana Ruiz without a word, "Jones" and "Garcia" taken
// for roles; "Jean‑Pierre Roy" (U+2011) was added beside the roster's Jean-Pierre
// Roy; "Jean - Pierre Roy", "Jean—Dupont" and "Jean - Roy" were all listed under
// the first one's cell as a first name alone. A dash that reads as no role is the
// name's hyphen: the reports are Mary Smith-Jones's and Jean-Pierre Roy's, none is
// filed to a shorter form of the name, and each line quotes its own cell.
func TestImportCallsCallerDashIsHyphen(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		s := open(t)
		dbtest.CallDesk(t, s)
		mary := dbtest.Volunteer(t, s, "Mary", "Smith", func(v *db.Volunteer) { v.Email = "mary.smith@example.org" })
		msj := dbtest.Volunteer(t, s, "Mary", "Smith-Jones", func(v *db.Volunteer) { v.Email = "msj@example.org" })
		jpr := dbtest.Volunteer(t, s, "Jean-Pierre", "Roy", func(v *db.Volunteer) { v.Email = "jpr@example.org" })
		jean := dbtest.Volunteer(t, s, "Jean", "Roy", func(v *db.Volunteer) { v.Email = "jr@example.org" })
		ana := dbtest.Volunteer(t, s, "Ana", "Ruiz", func(v *db.Volunteer) { v.Email = "ar@example.org" })
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{dbtest.CallRow(2, "Mary Smith - Jones", ""),
			dbtest.CallRow(3, "Mary Smith – Jones", ""), dbtest.CallRow(4, "Ana Ruiz – Garcia", ""),
			dbtest.CallRow(5, "Jean - Pierre Roy", ""), dbtest.CallRow(6, "Jean\u2011Pierre Roy", ""),
			dbtest.CallRow(7, "Mary Smith\u2011Jones", ""), dbtest.CallRow(8, "Jean—Dupont", ""), dbtest.CallRow(9, "Jean - Roy", ""),
			dbtest.CallRow(10, "Jean (captain)", ""), dbtest.CallRow(11, "JEAN", "")},
			db.CallImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		by := reportsByCaller(t, s)
		if by[msj] != 3 || by[jpr] != 2 || by[mary] != 0 || by[ana] != 0 || by[jean] != 0 {
			t.Errorf("reports by volunteer %v; want 3 for Mary Smith-Jones (%d), 2 for Jean-Pierre Roy (%d), none for Mary Smith (%d), Ana Ruiz (%d), Jean Roy (%d)",
				by, msj, jpr, mary, ana, jean)
		}
		var listed []string
		for _, u := range sum.CallerUnclear {
			listed = append(listed, u.Reason)
		}
		for _, a := range sum.AddedCallers {
			listed = append(listed, a.Reason)
		}
		all := strings.Join(listed, "\n")
		if strings.Contains(all, "Jean - Pierre Roy") {
			t.Errorf("listed\n%s\nwant no line on Jean - Pierre Roy (the roster's Jean-Pierre Roy)", all)
		}
		for _, want := range []string{"Ana Ruiz", "Jean—Dupont", "Jean - Roy", "caller Jean (captain) is", "caller JEAN is"} {
			if !strings.Contains(all, want) {
				t.Errorf("listed\n%s\nwant a line on %q", all, want)
			}
		}
	})
}
