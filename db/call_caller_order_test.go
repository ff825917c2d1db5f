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
