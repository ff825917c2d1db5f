package importer_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// TestImportUnreadableDatesAreListed: a joined date ChapterDesk cannot read leaves
// the date empty and is listed with its line, column and value, the volunteer
// imported all the same; "13/02/2020" is listed as day first, not dropped (it was,
// without a word); dates with the month in words and ISO with a time are read, the
// month abbreviated with a dot or as "Sept", the day as "3rd", a weekday before and a
// time after.
func TestImportUnreadableDatesAreListed(t *testing.T) {
	text := "first_name,last_name,email,joined\n" +
		"Ann,A,ann@example.org,13/02/2020\n" +
		"Bo,B,bo@example.org,\"Feb 3, 2020\"\n" +
		"Cy,C,cy@example.org,sometime 2019\n" +
		"Di,D,di@example.org,3 February 2020\n" +
		"Ed,E,ed@example.org,2020-02-03T10:15:00Z\n" +
		"Flo,F,flo@example.org,03/02/2020\n" +
		"Gus,G,gus@example.org,\"Sept 3, 2020\"\n" +
		"Hal,H,hal@example.org,3 Feb. 2020\n" +
		"Ida,I,ida@example.org,\"February 3rd, 2020\"\n" +
		"Jo,J,jo@example.org,\"Feb 3, 2020 10:15 AM\"\n" +
		"Kai,K,kai@example.org,\"Sept. 3, 2020\"\n" +
		"Lu,L,lu@example.org,3rd February 2020\n" +
		"Mo,M,mo@example.org,\"Tues, Feb 4, 2020\"\n" +
		"Ned,N,ned@example.org,\"Tues, Feb 3, 2020\"\n"
	in, err := importer.ReadVolunteers(strings.NewReader(text), "")
	if err != nil || len(in.Problems) != 0 || len(in.Rows) != 14 {
		t.Fatalf("%v %v; %d rows", err, in.Problems, len(in.Rows))
	}
	want := []importer.DateNote{{Line: 2, Column: 4, Name: "joined", Value: "13/02/2020", DayFirst: true},
		{Line: 4, Column: 4, Name: "joined", Value: "sometime 2019"},
		// February 3, 2020 was a Monday: the day or the weekday is wrong, and which is not known
		{Line: 15, Column: 4, Name: "joined", Value: "Tues, Feb 3, 2020", WeekdayOff: time.Date(2020, 2, 3, 0, 0, 0, 0, time.UTC)}}
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
		"Flo": "2020-03-02", "Gus": "2020-09-03", "Hal": "2020-02-03", "Ida": "2020-02-03", "Jo": "2020-02-03",
		"Kai": "2020-09-03", "Lu": "2020-02-03", "Mo": "2020-02-04", "Ned": ""}
	if len(joined) != len(wantJoined) {
		t.Fatalf("roster %v; want %v", joined, wantJoined)
	}
	for name, d := range wantJoined {
		if joined[name] != d {
			t.Errorf("%s joined %q; want %q", name, joined[name], d)
		}
	}
}

// TestDatesWithAtAndHyphens: joined dates and call times as mail, calendars and
// spreadsheets write them ("Feb 3, 2020 at 10:15 AM", "3-Feb-2020 10:15") were listed
// as unread, and their calls left out; they are read. A day/month order that could be
// either stays listed as before.
func TestDatesWithAtAndHyphens(t *testing.T) {
	cells := []string{"Feb 3, 2020 at 10:15 AM", "February 3, 2020 at 10:15am", "3-Feb-2020 10:15", "3-Feb-2020"}
	text := "first_name,last_name,email,joined\n"
	for i, c := range cells {
		text += fmt.Sprintf("V%d,N,v%d@example.org,\"%s\"\n", i, i, c)
	}
	text += "Flo,F,flo@example.org,03/02/2020\n"
	in, err := importer.ReadVolunteers(strings.NewReader(text), "")
	if err != nil || len(in.Problems) != 0 || len(in.Rows) != len(cells)+1 {
		t.Fatalf("%v %v; %d rows", err, in.Problems, len(in.Rows))
	}
	if len(in.Dates.Unread) != 0 || in.Dates.EitherWay != 1 || in.Dates.First.Line != len(cells)+2 {
		t.Errorf("unread %+v, either way %+v", in.Dates.Unread, in.Dates)
	}
	for i, r := range in.Rows[:len(cells)] {
		if r.JoinedOn != "2020-02-03" {
			t.Errorf("%q: joined %q", cells[i], r.JoinedOn)
		}
	}
	form := "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"
	for _, c := range cells {
		form += fmt.Sprintf("\"%s\",Ann One,ann@example.org,Boston,Rep. Ann Doe,State House,Left a voicemail,,\n", c)
	}
	calls, err := importer.ReadCalls(strings.NewReader(form), "")
	if err != nil || len(calls.Problems) != 0 || len(calls.Rows) != len(cells) {
		t.Fatalf("%v %v; %d rows", err, calls.Problems, len(calls.Rows))
	}
	for i, r := range calls.Rows {
		want := time.Date(2020, 2, 3, 10, 15, 0, 0, time.Local)
		if i == 3 {
			want = time.Date(2020, 2, 3, 0, 0, 0, 0, time.Local)
		}
		if !r.CalledAt.Equal(want) {
			t.Errorf("%q: called at %v, want %v", cells[i], r.CalledAt, want)
		}
	}
}
