package dbtest

import (
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
)

// CallDesk adds what an import of the call form's rows (CallRow) needs: the starter
// campaign and Rep. Jim Day of the 1st Suffolk. It returns their ids.
func CallDesk(tb testing.TB, s *db.Store) (campaign, legislator int64) {
	tb.Helper()
	return Campaign(tb, s), Legislator(tb, s, db.ChamberLower, "1st Suffolk", "Jim Day")
}

// CallTime is when the call form's rows (CallRow) were called: line n, n minutes after.
var CallTime = time.Date(2025, 3, 3, 10, 4, 0, 0, time.UTC)

// CallRow is line of the online call form: name (email may be "") reports speaking
// with the staff of Rep. Jim Day (CallDesk), line minutes after CallTime, so that
// every line is a report of its own. A test sets any other field on the result.
func CallRow(line int, name, email string) db.IncomingCall {
	return db.IncomingCall{Line: line, CallerName: name, CallerEmail: email, Legislator: "Rep. Jim Day",
		CalledAt: CallTime.Add(time.Duration(line) * time.Minute), Outcome: db.OutcomeSpokeStaff}
}
