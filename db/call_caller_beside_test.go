package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsCallerBesideRosterName: a caller whose email the roster does not
// have, but whose name it does (one volunteer, another email), was added as a second
// volunteer of that name without a word; so was a caller with no email whose name is
// one letter off a roster volunteer's ("Ann Jhonson", the roster's Ann Johnson). Both
// are still added (one person with two emails, or two people: the lead tells), each
// listed once with the volunteer beside whom they were added; a new name the roster
// has nothing like is not listed.
func TestImportCallsCallerBesideRosterName(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.CallDesk(t, s)
	ann := dbtest.Volunteer(t, s, "Ann", "Johnson", func(v *db.Volunteer) { v.Email = "ann@home.org" })
	lee := dbtest.Volunteer(t, s, "Kim", "Lee", nil)
	call := dbtest.CallRow
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{call(2, "Ann Johnson", "ann@work.org"), call(3, "Ann Johnson", "ann@work.org"),
		call(4, "Bo Diaz", "bo@x.org"), call(5, "Kim Lea", ""), call(6, "Kim Lea", ""), call(7, "Al Ng", ""), call(8, "Ann Jhonson", "")}, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 7 || sum.NewCallers != 5 {
		t.Errorf("%d reports, %d new callers; want 7 reports, 5 new callers (Ann at work, Bo, Kim Lea, Al, Ann Jhonson)", sum.Created, sum.NewCallers)
	}
	listed := map[int]string{}
	for _, c := range sum.CallersBeside {
		listed[c.Line] = c.Reason
	}
	if len(listed) != 3 || sum.CallersBesideCount != 3 {
		t.Errorf("listed %v (%d); want lines 2, 5 and 8, once each", listed, sum.CallersBesideCount)
	}
	if r := listed[8]; !strings.Contains(r, "Ann Jhonson") || !strings.Contains(r, "Ann Johnson (volunteer "+itoa(ann)+")") {
		t.Errorf("line 8: %q; want it naming the roster's Ann Johnson (volunteer %d), not the one this import added", r, ann)
	}
	if r := listed[2]; !strings.Contains(r, "ann@work.org") || !strings.Contains(r, "ann@home.org") || !strings.Contains(r, "Ann Johnson (volunteer "+itoa(ann)) {
		t.Errorf("line 2: %q; want it naming the roster's Ann Johnson (volunteer %d) and both emails", r, ann)
	}
	if r := listed[5]; !strings.Contains(r, "Kim Lea") || !strings.Contains(r, "Kim Lee (volunteer "+itoa(lee)) || !strings.Contains(r, "one letter") {
		t.Errorf("line 5: %q; want it naming the roster's Kim Lee (volunteer %d), one letter off", r, lee)
	}
}
