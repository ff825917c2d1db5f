package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsCallerThreeWordsReordered (tester t6): a caller with no email whose
// name is the words of a roster name of three words in another order ("Silva Ana
// Maria" for Ana Maria Silva, "Nguyen Thi Huong" for Huong Nguyen Thi, "Thị Hương
// Nguyễn" for Nguyễn Thị Hương: family name first, as Vietnamese write it), of the
// roster person's town, was added as a second volunteer without a word: only "Silva
// Ana", two words, was listed. Each is listed beside the roster person now, as two
// words are; a name of other words is not.
func TestImportCallsCallerThreeWordsReordered(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		s := open(t)
		dbtest.CallDesk(t, s)
		ana := dbtest.Volunteer(t, s, "Ana Maria", "Silva", func(v *db.Volunteer) { v.City = "Lowell"; v.Email = "am@example.org" })
		huong := dbtest.Volunteer(t, s, "Huong", "Nguyen Thi", func(v *db.Volunteer) { v.City = "Dorchester"; v.Email = "hn@example.org" })
		vn := dbtest.Volunteer(t, s, "Trần Thị", "Hương", func(v *db.Volunteer) { v.City = "Quincy" })
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{callOf(2, "Silva Ana Maria", "", "Lowell"), callOf(3, "Nguyen Thi Huong", "", "Dorchester"),
			callOf(4, "Hương Trần Thị", "", "Quincy"), callOf(5, "Silva Ana", "", "Lowell"), callOf(6, "Silva Ana Paula", "", "Lowell")},
			db.CallImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created != 5 {
			t.Errorf("%d reports; want 5", sum.Created)
		}
		got := map[int]string{}
		for _, u := range sum.CallersBeside {
			got[u.Line] = u.Reason
		}
		want := map[int]string{2: "Ana Maria Silva (volunteer " + itoa(ana) + ")", 3: "Huong Nguyen Thi (volunteer " + itoa(huong) + ")",
			4: "Trần Thị Hương (volunteer " + itoa(vn) + ")"}
		for line, who := range want {
			if !strings.Contains(got[line], "beside the roster's "+who) || !strings.Contains(got[line], "another order") {
				t.Errorf("line %d listed %q; want it beside the roster's %s, its words in another order", line, got[line], who)
			}
		}
		if _, ok := got[6]; ok {
			t.Errorf("line 6 (Silva Ana Paula) listed %q; want it not listed: other words", got[6])
		}
	})
}

// TestImportCallsCallerFamilyFirstWithEmail (tester t6): a report whose email is the
// roster person's and whose caller is their name family name first was left out:
// "王小明" and "王 小明" with the email of 小明 王 ("neither the first nor the family
// name", "is not 小明 王"), and so "Silva Ana Maria" with Ana Maria Silva's. The
// email and the same words in another order (run together, in a script that writes
// names without spaces) are the same person: filed to them, with no correction
// listed; a name of other words with the email is still left out.
func TestImportCallsCallerFamilyFirstWithEmail(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		s := open(t)
		dbtest.CallDesk(t, s)
		wang := dbtest.Volunteer(t, s, "小明", "王", func(v *db.Volunteer) { v.Email = "wang@example.org" })
		ana := dbtest.Volunteer(t, s, "Ana Maria", "Silva", func(v *db.Volunteer) { v.Email = "am@example.org" })
		call := dbtest.CallRow
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{call(2, "王小明", "wang@example.org"), call(3, "王 小明", "wang@example.org"),
			call(4, "小明王", "wang@example.org"), call(5, "Silva Ana Maria", "am@example.org"), call(6, "王小红", "wang@example.org"),
			call(7, "Silva Paula", "am@example.org")}, db.CallImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		left := map[int]string{}
		for _, u := range sum.CallerUnclear {
			left[u.Line] = u.Reason
		}
		if len(left) != 2 || left[6] == "" || left[7] == "" {
			t.Errorf("left out %v; want lines 6 and 7 alone (other names)", left)
		}
		if by := reportsBy(t, s); by[wang] != 3 || by[ana] != 1 || sum.NewCallers != 0 {
			t.Errorf("reports by caller %v, %d new callers; want 3 for 小明 王 (%d), 1 for Ana Maria Silva (%d), none added", by, sum.NewCallers, wang, ana)
		}
		for _, u := range sum.CallerNotes {
			if u.Line <= 5 {
				t.Errorf("line %d listed %q; want the name taken as theirs, nothing to correct", u.Line, u.Reason)
			}
		}
	})
}
