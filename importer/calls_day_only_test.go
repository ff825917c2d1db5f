package importer_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// A call the form gives by its day alone ("2/13/2025") is filed at noon of that day,
// on the legislature's clock, as the window's call form files one — it was midnight
// from a file and noon from the window (tester t3 F3) — and the file counts such
// rows for a check line; a time written stays as written.
func TestCallGivenByItsDayAloneIsFiledAtNoon(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	stateCampaign(t, s, "MA")
	importStateRoll(t, s, openStatesDir+"ma.csv", "MA")
	form := "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n" +
		"2/13/2025,Bo Chen,bo@example.org,Boston,Sen. Pat Jehlen,State House (Boston),Talked to staff,,d1\n" +
		"2/13/2025 9:30,Bo Chen,bo@example.org,Boston,Sen. Pat Jehlen,State House (Boston),Talked to staff,,d2\n"
	in, err := importer.ReadCalls(strings.NewReader(form), "")
	if err != nil || len(in.Rows) != 2 {
		t.Fatalf("%v %v", err, in.Problems)
	}
	if got, want := in.DayOnly, (importer.ReadAs{Count: 1, Line: 2, Value: "2/13/2025"}); got != want {
		t.Errorf("days without a time: %+v, want %+v", got, want)
	}
	if _, err := s.ImportCalls(ctx, in.Rows, db.CallImportOptions{}); err != nil {
		t.Fatal(err)
	}
	boston, _ := time.LoadLocation("America/New_York")
	for notes, want := range map[string]time.Time{"d1": time.Date(2025, 2, 13, 12, 0, 0, 0, boston), "d2": time.Date(2025, 2, 13, 9, 30, 0, 0, boston)} {
		var at int64
		if err := dbtest.Raw(t, s.Path()).QueryRow(`SELECT called_at FROM call_reports WHERE notes = ?`, notes).Scan(&at); err != nil {
			t.Fatal(err)
		}
		if got := time.Unix(at, 0).In(boston); !got.Equal(want) {
			t.Errorf("%s filed at %v, want %v", notes, got, want)
		}
	}
}
