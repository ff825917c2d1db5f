package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsCallerOfAnotherTown: a caller with no email whose name is the one
// roster volunteer's was filed under them even when the report's town was clearly
// another ("Robert Jones, Pittsfield" under Robert Jones of Worcester), silently. Such
// a caller is added beside the roster's (the call counted, one person's calls not
// credited to another) and listed naming both towns, once; the reports from the
// roster person's town (in any case, ", MA" after it), or with no town, stay theirs.
func TestImportCallsCallerOfAnotherTown(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.CallDesk(t, s)
	bob := dbtest.Volunteer(t, s, "Robert", "Jones", func(v *db.Volunteer) { v.City = "Worcester" })
	kim := dbtest.Volunteer(t, s, "Kim", "Lee", nil) // no city: any town is hers
	call := func(line int, name, town string) db.IncomingCall {
		c := dbtest.CallRow(line, name, "")
		c.CallerTown = town
		return c
	}
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{call(2, "Robert Jones", "Pittsfield"), call(3, "Robert Jones", "pittsfield"),
		call(4, "Robert Jones", "Worcester"), call(5, "Robert Jones", ""), call(6, "robert jones", "worcester, MA"), call(7, "Kim Lee", "Boston")},
		db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 6 || sum.NewCallers != 1 || len(sum.CallerUnclear) != 0 {
		t.Errorf("%d reports, %d new callers, %d left out; want 6 reports, 1 new caller (Robert Jones of Pittsfield), none left out",
			sum.Created, sum.NewCallers, len(sum.CallerUnclear))
	}
	if len(sum.CallersBeside) != 1 || sum.CallersBesideCount != 1 || sum.CallersBeside[0].Line != 2 {
		t.Fatalf("listed %+v (%d); want line 2 alone", sum.CallersBeside, sum.CallersBesideCount)
	}
	if r := sum.CallersBeside[0].Reason; !strings.Contains(r, "Robert Jones (volunteer "+itoa(bob)) || !strings.Contains(r, "Pittsfield") || !strings.Contains(r, "Worcester") {
		t.Errorf("line 2: %q; want it naming the roster's Robert Jones (volunteer %d) and both towns", r, bob)
	}
	calls, err := s.ListCallReports(ctx, db.CallFilter{}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	by := map[int64]int{}
	var other int64
	for _, c := range calls {
		by[c.VolunteerID]++
		if c.VolunteerID != bob && c.VolunteerID != kim {
			other = c.VolunteerID
		}
	}
	if by[bob] != 3 || by[kim] != 1 || other == 0 || by[other] != 2 {
		t.Errorf("reports by volunteer %v; want 3 for Robert Jones of Worcester (%d), 1 for Kim Lee (%d), 2 for the one added", by, bob, kim)
	}
}

// TestImportCallsCallerFamilyNameAlone: a caller typed as a family name alone
// ("Jones"), with no email, was added as a volunteer "Jones" although the roster has
// Robert and Linda Jones: the report is left out naming them, as one whose caller
// cannot be told. So is a first name alone ("Robert", tester t3 brief): it was added
// as a volunteer "Robert" beside the roster's Robert Jones; it is left out naming
// him, and a first name no one on the roster has ("Sarah") is left out too, saying
// so: a volunteer "Sarah" added would be no one the lead can find again.
func TestImportCallsCallerFamilyNameAlone(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.CallDesk(t, s)
	bob := dbtest.Volunteer(t, s, "Robert", "Jones", func(v *db.Volunteer) { v.Email = "bob@x.org" })
	linda := dbtest.Volunteer(t, s, "Linda", "Jones", nil)
	call := dbtest.CallRow
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{call(2, "Jones", ""), call(3, "JONES", ""), call(4, "Jones", "bob@x.org"), call(5, "Sarah", ""),
		call(6, "Robert", ""), call(7, "Sarah", "sarah@x.org")}, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 2 || sum.NewCallers != 1 {
		t.Errorf("%d reports, %d new callers; want 2 reports (Robert's by his email, Sarah's by hers), 1 new caller (Sarah, with her email)", sum.Created, sum.NewCallers)
	}
	if len(sum.CallerUnclear) != 4 {
		t.Fatalf("left out %+v; want lines 2, 3, 5 and 6", sum.CallerUnclear)
	}
	for _, u := range sum.CallerUnclear {
		switch u.Line {
		case 2, 3:
			if !strings.Contains(u.Reason, "Robert Jones (volunteer "+itoa(bob)+")") || !strings.Contains(u.Reason, "Linda Jones (volunteer "+itoa(linda)+")") {
				t.Errorf("line %d: %q; want it naming Robert Jones (%d) and Linda Jones (%d)", u.Line, u.Reason, bob, linda)
			}
		case 6:
			if !strings.Contains(u.Reason, "first name alone, that of Robert Jones (volunteer "+itoa(bob)+")") || strings.Contains(u.Reason, "Linda") {
				t.Errorf("line 6: %q; want it naming Robert Jones (%d) alone", u.Reason, bob)
			}
		case 5:
			if !strings.Contains(u.Reason, "no volunteer on the roster has that name") {
				t.Errorf("line 5: %q; want it saying no one on the roster is named so", u.Reason)
			}
		default:
			t.Errorf("line %d left out: %q", u.Line, u.Reason)
		}
	}
}
