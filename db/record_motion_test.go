package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestMotionNotJudged: only a vote on passing the bill is judged against the stance
// on the bill; the motions are the shared exports' own (MA 194th, NH 2024), whose
// motion_classification says "passage" for amendments and tabling alike.
func TestMotionNotJudged(t *testing.T) {
	for motion, want := range map[string]string{
		"H. 4672 On passing to be engrossed":    "",
		"Passing the bill to be engrossed":      "",
		"as amended On passing to be engrossed": "",
		"On passing to be enacted":              "",
		"Passing it to be enacted":              "",
		"On Enactment":                          "",
		"OTP":                                   "",
		"OTPA":                                  "",
		"Ought to Pass w/Amendment":             "",
		"Passing the bill to be engrossed, mr. rodrigues moved to amend the bill. the amendment was adopted. after remarks, the question on passing the bill to be engrossed": "",
		"H. 57 On adoption of amendment #6":       "amendment: not judged against the stance",
		"Adopt Floor Amendment":                   "amendment: not judged against the stance",
		"On Adoption of Consolidated Amendment A": "amendment: not judged against the stance",
		"Ordering the bill to a third reading, mr. moore moved that the proposed new draft be amended. after remarks, the question on adoption of the amendment": "amendment: not judged against the stance",
		"Laid on Table":            "motion to table: not judged against the stance",
		"ITL":                      "inexpedient to legislate: not judged against the stance",
		"Inexpedient to Legislate": "inexpedient to legislate: not judged against the stance",
		"Indefinitely Postpone":    "motion to postpone: not judged against the stance",
		"Reconsider":               "motion to reconsider: not judged against the stance",
		"H. 100 On passage":        "",
		"Section 2 OTPA":           "not a vote on passing the bill: not judged against the stance",
		"On acceptance":            "acceptance of a report: not judged against the stance",
		// t6: real MA 194th motions were labelled an amendment, or given no name.
		"Acceptance of the report, as amended,":                   "acceptance of a report: not judged against the stance",
		"H. 4227 - On acceptance of conference committee repor":   "conference committee report: not judged against the stance",
		"Acceptance of the report of the committee of conference": "conference committee report: not judged against the stance",
		"Conference Committee Report":                             "conference committee report: not judged against the stance",
		"H. 4240 Shall item 0330-0300 (Administrative Staff) s":   "veto override of one item: not judged against the stance",
		"S. 2543 On concurrence":                                  "concurrence: not judged against the stance",
		"H. 4000 On Ordering to a third reading":                  "ordering to a third reading: not judged against the stance",
		"H. 4000 \"Shall the decision of the Chair stand\"":       "ruling of the chair: not judged against the stance",
		"H. 4692 On adoption of the resolutions":                  "resolutions: not judged against the stance",
		"Suspension of the rule be determined by a standing vote": "suspension of the rules: not judged against the stance",
	} {
		if got := db.MotionNotJudged(motion); got != want {
			t.Errorf("%q: %q, want %q", motion, got, want)
		}
	}
}

// TestRecordVsWhipJudgesPassageOnly: a supporter voting no on an amendment is not
// "against the count"; the passage roll call is judged as before.
func TestRecordVsWhipJudgesPassageOnly(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	exp := rc.exp
	exp.RollCalls = append(exp.RollCalls, db.IncomingRollCall{Line: 3, ID: "ocd-vote/2", BillID: "ocd-bill/1", Chamber: "lower",
		Motion: "H. 100 On adoption of amendment #6", StartDate: "2025-06-29T15:00:00+00:00",
		VotedAt: time.Date(2025, 6, 29, 15, 0, 0, 0, time.UTC), Result: "fail", Yes: 0, No: 2})
	exp.Votes = append(exp.Votes,
		db.IncomingVote{Line: 12, VoteID: "ocd-vote/2", Option: "no", VoterName: "Yes", VoterID: "ocd-person/d"},
		db.IncomingVote{Line: 13, VoteID: "ocd-vote/2", Option: "no", VoterName: "Absent", VoterID: "ocd-person/g"})
	// Ann is counted yes: she votes yes on passing the bill, no on the amendment.
	if _, err := rc.s.SetStance(ctx, db.StanceChange{CampaignID: rc.campaign, LegislatorID: rc.ids["Ann Yes"], Stance: db.StanceYes,
		ChangedAt: time.Date(2025, 5, 2, 10, 0, 0, 0, time.UTC), ChangedBy: "lead"}); err != nil {
		t.Fatal(err)
	}
	if _, err := rc.s.ImportSession(ctx, &exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	list, err := rc.s.RecordVsWhip(ctx, rc.campaign)
	if err != nil || len(list) != 2 {
		t.Fatalf("%+v, %v", list, err)
	}
	amendment, passage := list[0], list[1]
	if amendment.NotJudged != "amendment: not judged against the stance" || amendment.Right+amendment.Against+amendment.Open != 0 ||
		amendment.Unjudged != 2 {
		t.Errorf("amendment: %q, right %d against %d open %d unjudged %d", amendment.NotJudged, amendment.Right, amendment.Against,
			amendment.Open, amendment.Unjudged)
	}
	for _, v := range amendment.Votes {
		if v.Verdict != db.VerdictNotJudged {
			t.Errorf("%s: %q", v.Name, v.Verdict)
		}
	}
	if passage.NotJudged != "" || passage.Right != 1 || passage.Unjudged != 0 {
		t.Errorf("passage: %q, right %d, unjudged %d", passage.NotJudged, passage.Right, passage.Unjudged)
	}
}
