package reports

import (
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestRollCallSummarySaysWhoseCalls: the Record sheet's sum of a roll call says whose
// calls "never called" counts when they are not simply the file's (a lead's chapter's
// own, the coalition's each once), as the Record screen does.
func TestRollCallSummarySaysWhoseCalls(t *testing.T) {
	rc := db.RollCallCompared{Right: 1, NeverCalled: 2, CalledBy: "this chapter",
		CallsCounted: "The calls counted are this chapter's own: a lead reads no other chapter's reports.",
		Votes:        []db.ComparedVote{{Verdict: db.VerdictRight}}}
	got := rollCallSummary(rc)
	if !strings.Contains(got, "2 never called by this chapter before the vote") || !strings.HasSuffix(got, rc.CallsCounted) {
		t.Errorf("summary %q", got)
	}
	rc.CalledBy, rc.CallsCounted = "", ""
	if got := rollCallSummary(rc); !strings.Contains(got, "2 never called before the vote, 0 not matched") {
		t.Errorf("a file's summary %q", got)
	}
}
