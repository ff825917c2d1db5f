package importer_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// TestImportUnreadableDatesAreListed: a joined date ChapterDesk cannot read leaves
// the date empty and is listed with its line, column and value, the volunteer
// imported all the same; "13/02/2020" is listed as day first, not dropped (it was,
// without a word); dates with the month in words and ISO with a time are read.
func TestImportUnreadableDatesAreListed(t *testing.T) {
	text := "first_name,last_name,email,joined\n" +
		"Ann,A,ann@example.org,13/02/2020\n" +
		"Bo,B,bo@example.org,\"Feb 3, 2020\"\n" +
		"Cy,C,cy@example.org,sometime 2019\n" +
		"Di,D,di@example.org,3 February 2020\n" +
		"Ed,E,ed@example.org,2020-02-03T10:15:00Z\n" +
		"Flo,F,flo@example.org,03/02/2020\n"
	in, err := importer.ReadVolunteers(strings.NewReader(text), "")
	if err != nil || len(in.Problems) != 0 || len(in.Rows) != 6 {
		t.Fatalf("%v %v; %d rows", err, in.Problems, len(in.Rows))
	}
	want := []importer.DateNote{{Line: 2, Column: 4, Name: "joined", Value: "13/02/2020", DayFirst: true},
		{Line: 4, Column: 4, Name: "joined", Value: "sometime 2019"}}
	if !slices.Equal(in.Dates.Unread, want) {
		t.Errorf("unread dates %+v; want %+v", in.Dates.Unread, want)
	}
	if in.Dates.EitherWay != 1 || in.Dates.First.Line != 7 || !in.Dates.DayFirst() {
		t.Errorf("read either way %+v", in.Dates)
	}
	s := dbtest.Open(t)
	if _, err := s.ImportVolunteers(context.Background(), db.VolunteerRows(in.Rows), db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	joined := map[string]string{}
	for _, r := range dbtest.Roster(t, s) {
		joined[r.FirstName] = ""
		if !r.JoinedOn.IsZero() {
			joined[r.FirstName] = r.JoinedOn.Format("2006-01-02")
		}
	}
	wantJoined := map[string]string{"Ann": "", "Bo": "2020-02-03", "Cy": "", "Di": "2020-02-03", "Ed": "2020-02-03",
		"Flo": "2020-03-02"}
	if len(joined) != len(wantJoined) {
		t.Fatalf("roster %v; want %v", joined, wantJoined)
	}
	for name, d := range wantJoined {
		if joined[name] != d {
			t.Errorf("%s joined %q; want %q", name, joined[name], d)
		}
	}
}
