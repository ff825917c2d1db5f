package db_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsDryRunNamesNoUnwrittenVolunteer: a dry run of the call import listed
// "added Ann Johnson (volunteer 20002, email ...) beside the roster's ..." for a
// caller it never wrote: the number was that of a row rolled back, and the lead
// looking for volunteer 20002 finds no one (or, after the real import, someone
// else). A dry run names the volunteers on the roster by their number, and a caller
// it would add as a new volunteer, with what it would do; the real import lists the
// same lines.
func TestImportCallsDryRunNamesNoUnwrittenVolunteer(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.CallDesk(t, s)
	roster := map[int64]bool{
		dbtest.Volunteer(t, s, "Ann", "Johnson", func(v *db.Volunteer) { v.Email = "ann@home.org" }): true,
		dbtest.Volunteer(t, s, "Kim", "Lee", nil):                                                    true,
		dbtest.Volunteer(t, s, "Robert", "Jones", func(v *db.Volunteer) { v.City = "Worcester" }):    true,
	}
	call := dbtest.CallRow
	town := func(line int, name, town string) db.IncomingCall {
		c := call(line, name, "")
		c.CallerTown = town
		return c
	}
	rows := []db.IncomingCall{call(2, "Ann Johnson", "ann@work.org"), call(3, "Kim Lea", ""), town(4, "Robert Jones", "Pittsfield"),
		call(5, "Bo Diaz", "bo@x.org"), call(6, "Bo Dias", "bo@x.org")}
	number := regexp.MustCompile(`volunteer (\d+)`)
	listed := func(sum db.CallImportSummary) []int {
		var lines []int
		for _, c := range append(append(sum.CallersBeside, sum.CallersNamed...), sum.TitleCorrected...) {
			lines = append(lines, c.Line)
		}
		return lines
	}
	dry, err := s.ImportCalls(ctx, rows, db.CallImportOptions{ImportOptions: db.ImportOptions{DryRun: true}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range append(append(dry.CallersBeside, dry.CallersNamed...), dry.TitleCorrected...) {
		for _, m := range number.FindAllStringSubmatch(c.Reason, -1) {
			if id, _ := strconv.ParseInt(m[1], 10, 64); !roster[id] {
				t.Errorf("line %d: %q names volunteer %d, whom the dry run did not write", c.Line, c.Reason, id)
			}
		}
	}
	if len(dry.CallersBeside) == 0 || !strings.HasPrefix(dry.CallersBeside[0].Reason, "would add Ann Johnson (a new volunteer, email ann@work.org)") {
		t.Errorf("the dry run lists %+v; want line 2 saying it would add Ann Johnson, a new volunteer", dry.CallersBeside)
	}
	real, err := s.ImportCalls(ctx, rows, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d, r := listed(dry), listed(real); len(d) != 4 || len(d) != len(r) {
		t.Errorf("the dry run lists lines %v, the import %v; want the same four (2, 3, 4, 6)", d, r)
	}
}
