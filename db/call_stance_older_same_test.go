package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsOlderCallOfTheSameStanceIsHistory: a call older than the report the
// whip count stands on, that heard the same stance, goes into the history at its own
// time, as it would have had it been imported first: the stance at a date between the
// two (a roll call's, on the Record sheet) is what the older call heard (tester t6,
// F4: it was compared with today's stance, found the same and dropped, so a vote
// after it showed "no prediction", depending on the order of the imports).
func TestImportCallsOlderCallOfTheSameStanceIsHistory(t *testing.T) {
	ctx := context.Background()
	for _, order := range []string{"newer first", "older first"} {
		t.Run(order, func(t *testing.T) {
			s := dbtest.Open(t)
			campaign := dbtest.Campaign(t, s)
			leg := dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Jim Day")
			jan, nov := time.Date(2026, 1, 10, 15, 0, 0, 0, time.UTC), time.Date(2026, 11, 6, 15, 0, 0, 0, time.UTC)
			call := func(email string, at time.Time) []db.IncomingCall {
				return []db.IncomingCall{{Line: 2, CallerName: "Ann " + email[:1], CallerEmail: email, Legislator: "Rep. Jim Day",
					CalledAt: at, Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceYes}}
			}
			files := [][]db.IncomingCall{call("a@x.org", nov), call("b@x.org", jan)}
			if order == "older first" {
				files[0], files[1] = files[1], files[0]
			}
			for _, f := range files {
				if _, err := s.ImportCalls(ctx, f, db.CallImportOptions{CampaignID: campaign, UpdateStances: true}); err != nil {
					t.Fatal(err)
				}
			}
			hist, err := s.StanceHistory(ctx, campaign, leg)
			if err != nil {
				t.Fatal(err)
			}
			vote := time.Date(2026, 2, 26, 15, 0, 0, 0, time.UTC)
			var at db.Stance // the newest row at or before the vote (hist is newest first)
			for _, h := range hist {
				if !h.ChangedAt.After(vote) {
					at = h.Stance
					break
				}
			}
			found := false
			for _, h := range hist {
				found = found || h.ChangedAt.Unix() == jan.Unix()
			}
			if !found || at != db.StanceYes {
				t.Errorf("history %+v: no row of the January call, stance at the vote %q", hist, at)
			}
		})
	}
}
