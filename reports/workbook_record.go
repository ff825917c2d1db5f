package reports

import (
	"fmt"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/xuri/excelize/v2"
)

// recordSheet lists every member's vote on every roll call of the campaign's bills
// beside the stance the whip count had at its date: a roll call's first row sums it
// up (predicted right, against, no prediction, never called), then one row a vote,
// those against the count highlighted with the change and the call behind the stance.
func (wb *workbook) recordSheet() error {
	s, err := wb.listing(SheetRecord, []column{{"Date", 11}, {"Bill", 9}, {"Motion", 36}, {"Result", 8},
		{"Chamber", 9}, {"District", 22}, {"Legislator", 26}, {"Party", 12}, {"Vote", 10}, {"Stance counted", 14},
		{"Counted since", 12}, {"Verdict", 14}, {"Calls before the vote", 10}, {"Last call before", 12}, {"Why we had that stance", 40},
		{"The call behind it", 40}})
	if err != nil {
		return err
	}
	day := func(d string) any {
		t, err := time.Parse(time.DateOnly, d)
		if err != nil {
			return d
		}
		return wb.calendarDay(t)
	}
	for _, rc := range wb.record {
		summary := excelize.Cell{StyleID: wb.st.highlight, Value: rollCallSummary(rc)}
		if err := s.add(day(rc.Date), rc.Bill, rc.Motion, rc.Result, rc.Chamber.Label(), "", summary); err != nil {
			return err
		}
		for _, v := range rc.Votes {
			// A vote of a member's term in the other chamber: their district is the one
			// they sit for now, and the verdict weighs it against the stance counted for
			// them now, which the row says.
			district, said := v.District, v.Verdict
			if other := v.OtherChamber(); other != "" {
				if district != "" {
					district += " (their " + v.MemberChamber.Label() + " district now)"
				}
				if v.Verdict == db.VerdictRight || v.Verdict == db.VerdictAgainst {
					said += " — " + other
				}
			}
			var verdict any = said
			if v.Verdict == db.VerdictAgainst {
				verdict = excelize.Cell{StyleID: wb.st.highlight, Value: said}
			}
			var last any = ""
			if !v.LastCall.IsZero() {
				last = wb.calendarDay(v.LastCall.In(wb.loc))
			} else if v.LegislatorID != 0 {
				last = "never called"
			}
			name := v.Name
			if v.LegislatorID == 0 {
				name = v.Name + " (" + v.Unmatched + ")"
			}
			call := v.StanceCall
			if wb.opts.CoalitionSafe {
				call = v.StanceCallBy(SafeName)
			}
			var since any = ""
			if !v.CountedAt.IsZero() {
				since = wb.calendarDay(v.CountedAt.In(wb.loc))
			}
			if err := s.add(day(v.Date), v.Bill, v.Motion, v.Result, v.Chamber.Label(), district, name, v.Party,
				v.Role, v.Counted.Label(), since, verdict, v.Calls, last, v.StanceReason, call); err != nil {
				return err
			}
		}
	}
	return s.close()
}

// rollCallSummary sums a roll call up in one sentence, saying whose calls "never
// called" counts when they are not simply the file's (RollCallCompared.CallsCounted).
func rollCallSummary(rc db.RollCallCompared) string {
	if rc.CountsOnly() && rc.Yes+rc.No+rc.Other+rc.NotVoting == 0 {
		return "the export gives its result only: no counts, no member's vote"
	}
	if rc.CountsOnly() {
		return fmt.Sprintf("counts only, no member's vote: %d yes, %d no, %d other, %d not voting", rc.Yes, rc.No, rc.Other, rc.NotVoting)
	}
	never, counted := "never called before the vote", ""
	if rc.CallsCounted != "" {
		never, counted = "never called by "+rc.CalledBy+" before the vote", ". "+rc.CallsCounted
	}
	if rc.NotJudged != "" {
		return fmt.Sprintf("%s (%d voted yes or no), %d not voting, %d %s, %d not matched%s",
			rc.NotJudged, rc.Unjudged, rc.Absent, rc.NeverCalled, never, rc.Unmatched, counted)
	}
	return fmt.Sprintf("%d as counted, %d against the count, %d with no prediction, %d not voting, %d %s, %d not matched%s",
		rc.Right, rc.Against, rc.Open, rc.Absent, rc.NeverCalled, never, rc.Unmatched, counted)
}
