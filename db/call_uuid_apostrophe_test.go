package db_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// Since a curly apostrophe folds as the straight one (for matching names), a call
// report's key has it straight (see callImport.keys); the UUIDs below were made by the
// import before that change (fc3ca82 to callkeys), from the key with the apostrophe as
// typed, and reports stored under them are found again by the rows as typed, typed
// straight, or typed with another apostrophe: nothing is added, and they keep their UUIDs.
func TestImportCallsKeepTheirUUIDsWithApostrophes(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Jim O'Day")
	at := time.Date(2026, 11, 18, 18, 5, 7, 0, time.FixedZone("EST", -5*3600))
	rows := []db.IncomingCall{
		{Line: 2, CallerName: "Kevin O’Brien", CallerEmail: "kob@example.org", Legislator: "Rep. Jim O’Day", CalledAt: at,
			Outcome: db.OutcomeSpokeStaff},
		{Line: 3, CallerName: "Ann D`Souza", CallerEmail: "ads@example.org", Legislator: "Rep. Jim O'Day",
			CalledAt: at.Add(time.Hour), Outcome: db.OutcomeLeftVoicemail},
		{Line: 4, CallerName: "Lee O‘Neil", CallerEmail: "", Legislator: "Jim O'Day", CalledAt: at.Add(2 * time.Hour),
			Outcome: db.OutcomeBusy},
	}
	old := []string{"bd858612-0f5d-578b-abd7-b57706a7632a", "dcc1fe33-c3d7-5658-90fe-a5e08cfc87e5",
		"8860624d-56bb-5da1-92c0-cf0ea57c0b19"}
	stored := slices.Clone(rows)
	for i := range stored {
		stored[i].UUID = old[i] // as the import before stored them
	}
	if _, err := s.ImportCalls(ctx, stored, db.CallImportOptions{}); err != nil {
		t.Fatal(err)
	}
	modifier := slices.Clone(rows)
	for i := range modifier {
		modifier[i].CallerName = strings.NewReplacer("’", "ʼ", "‘", "ʼ", "`", "ʼ").Replace(modifier[i].CallerName)
	}
	for _, again := range []struct {
		what string
		rows []db.IncomingCall
	}{{"as typed", rows}, {"typed straight", []db.IncomingCall{straight(rows[0]), straight(rows[1]), straight(rows[2])}},
		{"typed with the modifier letter", modifier}} {
		importCallsAgain(t, s, again.what, 0, again.rows...)
	}
	got := reportUUIDs(t, s)
	for i, want := range old {
		if at := rows[i].CalledAt.Unix(); got[at] != want {
			t.Errorf("row %d: UUID %s, want %s", i+2, got[at], want)
		}
	}
}
