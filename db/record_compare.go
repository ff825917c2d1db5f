package db

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
)

// Verdicts of a member's vote against the stance the whip count had at its date.
const (
	VerdictRight   = "right"         // the count predicted the vote
	VerdictAgainst = "against"       // the member voted against the stance counted
	VerdictOpen    = "no prediction" // the count had them undecided, unknown or nowhere
	VerdictAbsent  = "did not vote"  // other, not voting
	VerdictUnknown = "not matched"   // the vote is not tied to a legislator here
	// VerdictNotJudged: the roll call is not on passing the bill (an amendment, a
	// motion to table): the stance counted is the one on the bill, which says nothing
	// of how a member votes on it (a supporter votes no on a hostile amendment).
	VerdictNotJudged = "not judged"
)

// ComparedVote is a member's vote beside the whip count.
type ComparedVote struct {
	RecordRow
	Verdict string
	// Calls and LastCall are the campaign's calls to the legislator made before the
	// vote (at or before its time); LastCall is zero when there was none.
	Calls    int
	LastCall time.Time
	// Why the count had the stance it had, for a vote against it: the stance change's
	// reason and who made it, the call it cites, if any, and the campaign's newest
	// calls to the legislator before the vote (at most MaxCallsListed, newest first).
	StanceReason string
	StanceBy     string
	StanceCall   string // "2025-05-02, Maria Souza: Spoke with staff, heard Yes"
	CallsBefore  []string
	// The caller of that call, for a listing that names them otherwise (the
	// coalition-safe workbook: StanceCallBy); a coordinator's report has the last
	// name's initial only.
	CallerFirst, CallerLast string
	stanceCallAt            time.Time
	stanceCallWhat          string // ": Spoke with staff, heard Yes"
}

// StanceCallBy is StanceCall with the caller named by name(first, last); "" when the
// stance cites no call.
func (v ComparedVote) StanceCallBy(name func(first, last string) string) string {
	if v.stanceCallAt.IsZero() {
		return ""
	}
	caller := name(v.CallerFirst, v.CallerLast)
	if caller == "" {
		caller = "a caller"
	}
	return v.stanceCallAt.Format(dateLayout) + ", " + caller + v.stanceCallWhat
}

// MaxCallsListed is how many of the calls before a vote against the count are listed.
const MaxCallsListed = 5

// RollCallCompared is one roll call on a campaign's bills against the whip count.
type RollCallCompared struct {
	RollCallID int64
	Bill       string
	Date       string
	Motion     string
	Result     string
	Chamber    Chamber
	// The counts the export gives; Votes is empty when the export lists the roll call
	// by its counts only (Massachusetts Senate roll calls).
	Yes, No, Other, NotVoting int
	Right                     int
	Against                   int
	Open                      int
	Absent                    int
	Unmatched                 int
	NeverCalled               int // members matched whose office the campaign had not called before the vote
	// NotJudged says why the roll call's votes are not judged against the stance
	// ("amendment: not judged against the stance"), "" for a vote on passing the bill
	// (see MotionNotJudged); Unjudged counts its yes and no votes of members here.
	NotJudged string
	Unjudged  int
	Votes     []ComparedVote
	// CalledBy names whose calls a vote's Calls, LastCall and CallsBefore, and
	// NeverCalled, count: "this campaign" (a data file's calls), "this chapter" (a
	// coalition's lead: their chapter's own, the only reports a lead reads), "the
	// coalition" (the coordinator and the server's owner: every chapter's). A call two
	// chapters reported alike (the same form imported by both) is counted once.
	CalledBy string
	// CallsCounted says which calls those are, in a sentence for the screen; "" for a
	// data file of one chapter.
	CallsCounted string
}

// CountsOnly reports a roll call the export gives without its members' votes.
func (r RollCallCompared) CountsOnly() bool { return len(r.Votes) == 0 }

// Predicted is the share of the votes the count predicted that it got right
// (0 when it predicted none).
func (r RollCallCompared) Predicted() float64 {
	if r.Right+r.Against == 0 {
		return 0
	}
	return float64(r.Right) / float64(r.Right+r.Against)
}

// MotionNotJudged says why the votes on a roll call with this motion are not judged
// against the whip count's stance on the bill, "" when they are: only a vote on
// passing the bill (engrossing or enacting it; New Hampshire's "OTP", "Ought to Pass
// w/Amendment") is. Read from the motion's text: the export's motion_classification
// cannot tell, as it says "passage" of nearly every roll call, amendments, tabling and
// "Inexpedient to Legislate" (where a yes is against the bill) alike. A long
// Massachusetts motion tells its story first and ends with the question put ("…
// the question on adoption of the amendment"): the question is what is read.
func MotionNotJudged(motion string) string {
	m := strings.ToLower(motion)
	if i := strings.LastIndex(m, "the question on "); i >= 0 {
		m = m[i+len("the question on "):]
	}
	words := strings.FieldsFunc(m, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	has := func(w string) bool { return slices.Contains(words, w) }
	// The question's own first words, after the bill's number ("H. 4240 Shall item …",
	// "S. 2543 On concurrence"): what is put, before any "as amended" of its story.
	lead := words
	for len(lead) > 0 && (lead[0] == "on" || slices.Contains([]string{"h", "s", "hb", "sb", "hd", "sd"}, lead[0]) ||
		strings.Trim(lead[0], "0123456789") == "") {
		lead = lead[1:]
	}
	first := func(w ...string) bool { return len(lead) >= len(w) && slices.Equal(lead[:len(w)], w) }
	what := "not a vote on passing the bill"
	switch {
	case len(words) > 0 && words[0] == "section":
		// A part of the bill voted apart ("Section 2 OTPA"): not the bill.
	case strings.Contains(m, "to be engrossed") || strings.Contains(m, "engrossment") || strings.Contains(m, "to be enacted") ||
		strings.Contains(m, "enactment") || strings.Contains(m, "ought to pass") || has("otp") || has("otpa"):
		return ""
	case (first("acceptance") || first("conference")) && has("conference"):
		what = "conference committee report"
	case first("acceptance"):
		what = "acceptance of a report" // "Acceptance of the report, as amended,": no amendment is put
	case first("concurrence"):
		what = "concurrence"
	case first("shall", "item"):
		// A budget item the governor vetoed ("Shall item 7061-9010 … stand"): one item, not the bill.
		what = "veto override of one item"
	case strings.Contains(m, "amend"):
		what = "amendment"
	case strings.Contains(m, "table"):
		what = "motion to table"
	case strings.Contains(m, "inexpedient") || has("itl"):
		what = "inexpedient to legislate"
	case strings.Contains(m, "postpone"):
		what = "motion to postpone"
	case strings.Contains(m, "reconsider"):
		what = "motion to reconsider"
	case has("passage"): // "On passage", once no amendment is named
		return ""
	case strings.Contains(m, "third reading"):
		what = "ordering to a third reading"
	case strings.Contains(m, "decision of the chair"):
		what = "ruling of the chair"
	case first("suspension"):
		what = "suspension of the rules"
	case strings.Contains(m, "resolution"):
		what = "resolutions"
	}
	return what + ": not judged against the stance"
}

// predicts is the vote a stance counted predicts: yes, no, or "" for none.
func predicts(s Stance) string {
	switch s {
	case StanceSponsor, StanceCosponsor, StanceYes, StanceLeaningYes:
		return "yes"
	case StanceNo, StanceLeaningNo:
		return "no"
	}
	return ""
}

// RecordVsWhip compares every roll call on a campaign's bills with the whip count:
// where the count predicted the vote, who voted against the stance counted (with the
// change and the call that set it), and who was never called.
func (s *Store) RecordVsWhip(ctx context.Context, campaignID int64) ([]RollCallCompared, error) {
	var out []RollCallCompared
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		role, err := loginRole(ctx, tx, s.server != nil)
		if err != nil {
			return err
		}
		out, err = recordVsWhip(ctx, tx, campaignID, role)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("record against the whip count of campaign %d: %w", campaignID, mapErr(err))
	}
	return out, nil
}

// RecordVsWhip is Store.RecordVsWhip on the report's snapshot and campaign.
func (r *Report) RecordVsWhip() ([]RollCallCompared, error) {
	role := RoleFile
	switch {
	case r.coordinator:
		role = RoleCoordinator
	case r.lead:
		role = RoleLead
	case r.server:
		role = RoleOwner
	}
	return recordVsWhip(r.ctx, r.tx, r.q.CampaignID, role)
}

// recordCalls are the call reports the record view counts before a vote, for a kind
// of login (see RollCallCompared.CalledBy).
type recordCalls struct {
	calledBy, counted string
	// where selects them among call_reports r, of the campaign (its one argument):
	// the live reports the login reads, less those that repeat another chapter's.
	where string
	// stats is a table whose attempts, per campaign and legislator, are those very
	// calls; "" when they are counted from the reports.
	stats string
}

// recordCallsOf says which calls the record counts for role. A lead reads only their
// chapter's reports, and counts those: the coalition's calls before a vote would need
// every chapter's times. The coordinator and the owner count every chapter's, as the
// whip count does (coalition_call_stats), a call two chapters reported once; so does a
// data file of several chapters, as its workbook does (repeatSQL).
func recordCallsOf(ctx context.Context, tx *sql.Tx, campaign int64, role string) (recordCalls, error) {
	c := recordCalls{calledBy: "this campaign", where: `r.campaign_id = ? AND r.deleted_at IS NULL`, stats: `call_stats`}
	var chapters int
	switch role {
	case RoleFile:
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM chapters`).Scan(&chapters); err != nil {
			return c, err
		}
		if chapters > 1 {
			c.counted = "The calls counted are those of every chapter in this file, a call two chapters reported counted once."
		}
	case RoleLead:
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM chapterdesk_lead_chapters()`).Scan(&chapters); err != nil {
			return c, err
		}
		c.calledBy, c.stats = "this chapter", ""
		c.counted = "The calls counted are this chapter's own: a lead reads no other chapter's reports " +
			"(the whip count's calls are the coalition's)."
		if chapters > 1 { // a lead of several, none chosen (a verb)
			c.calledBy = "these chapters"
			c.counted = "The calls counted are these chapters' own, a call two of them reported counted once: " +
				"a lead reads no other chapter's reports (the whip count's calls are the coalition's)."
		}
	default: // the coordinator, the owner
		c.calledBy, c.stats = "the coalition", `coalition_call_stats`
		c.counted = "The calls counted are the coalition's, every chapter's, a call two chapters reported counted once."
		c.where += fmt.Sprintf(` AND r.id NOT IN (SELECT chapterdesk_call_repeats(%d, 0, %d))`, campaign, int64(1)<<62)
	}
	if chapters > 1 {
		c.where += ` AND NOT ` + repeatSQL
		c.stats = ""
	}
	return c, nil
}

// recordVsWhip compares, for a kind of login (role, see CoalitionRole); for a
// coalition's coordinator, the callers come from coalition_callers (first name and
// last initial), as the roster is not theirs.
func recordVsWhip(ctx context.Context, tx *sql.Tx, campaignID int64, role string) ([]RollCallCompared, error) {
	coalition := role == RoleCoordinator
	// Every roll call on the campaign's bills, those the export gives by their counts
	// only too: the votes below fill in the ones listed member by member.
	zone, err := zoneOf(ctx, tx, campaignID)
	if err != nil {
		return nil, err
	}
	var out []RollCallCompared
	byID := map[int64]int{}
	first, last := int64(0), int64(0)
	if err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var rc RollCallCompared
		var votedAt int64
		if err := r.Scan(&rc.RollCallID, &rc.Bill, &rc.Date, &votedAt, &rc.Motion, &rc.Result, &rc.Chamber, &rc.Yes, &rc.No,
			&rc.Other, &rc.NotVoting); err != nil {
			return err
		}
		var t time.Time
		rc.Date, t = voteTime(rc.Date, votedAt, zone.Loc)
		rc.NotJudged = MotionNotJudged(rc.Motion)
		at := t.Unix()
		if len(out) == 0 {
			first = at
		}
		first, last = min(first, at), max(last, at)
		byID[rc.RollCallID] = len(out)
		out = append(out, rc)
		return nil
	}, `SELECT DISTINCT rc.id, sb.identifier, rc.start_date, rc.voted_at, rc.motion, rc.result, rc.chamber,
			rc.yes_count, rc.no_count, rc.other_count, rc.not_voting_count
		FROM campaign_session_bills m JOIN campaigns c ON c.id = m.campaign_id
		JOIN session_bills sb ON sb.id = m.session_bill_id JOIN roll_calls rc ON rc.session_bill_id = sb.id
		WHERE m.campaign_id = ? AND c.deleted_at IS NULL ORDER BY rc.voted_at, rc.id`, campaignID); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil
	}
	counted, err := recordCallsOf(ctx, tx, campaignID, role)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].CalledBy, out[i].CallsCounted = counted.calledBy, counted.counted
	}
	calls, err := loadCallsAround(ctx, tx, counted, campaignID, first, last)
	if err != nil {
		return nil, err
	}
	err = eachRecordRow(ctx, tx, RecordFilter{CampaignID: campaignID}, func(row *RecordRow) error {
		if row.Kind != "roll call" || row.CountsOnly() {
			return nil // a roll call without its members' votes is already listed, by its counts
		}
		i, ok := byID[row.RollCallID]
		if !ok {
			return fmt.Errorf("roll call %d has votes but is not on the campaign's bills", row.RollCallID)
		}
		rc := &out[i]
		v := ComparedVote{RecordRow: *row}
		switch {
		case row.LegislatorID == 0:
			v.Verdict = VerdictUnknown
			rc.Unmatched++
		case row.Role != "yes" && row.Role != "no":
			v.Verdict = VerdictAbsent
			rc.Absent++
		case rc.NotJudged != "":
			v.Verdict = VerdictNotJudged
			rc.Unjudged++
		case predicts(row.Counted) == "":
			v.Verdict = VerdictOpen
			rc.Open++
		case predicts(row.Counted) == row.Role:
			v.Verdict = VerdictRight
			rc.Right++
		default:
			v.Verdict = VerdictAgainst
			rc.Against++
		}
		rc.Votes = append(rc.Votes, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// The calls before each vote, once the rows are read (a server's connection reads
	// one result at a time).
	for i := range out {
		for j := range out[i].Votes {
			v := &out[i].Votes[j]
			if v.LegislatorID == 0 {
				continue
			}
			if v.Calls, v.LastCall, err = calls.before(ctx, tx, v.LegislatorID, v.At.Unix()); err != nil {
				return nil, err
			}
			v.LastCall = v.LastCall.In(zone.Loc)
			if v.Calls == 0 {
				out[i].NeverCalled++
			}
		}
	}
	// The callers: a coordinator reads them from coalition_callers (first name and
	// last initial), everyone else from the roster.
	callers, lastName := "volunteers vo", "vo.last_name"
	if coalition {
		callers, lastName = "coalition_callers vo", "vo.last_initial"
	}
	callerName := func(first, last string) string {
		if coalition && last != "" {
			return strings.TrimSpace(first) + " " + last + "."
		}
		return strings.TrimSpace(strings.TrimSpace(first) + " " + strings.TrimSpace(last))
	}
	// The reasons behind the stances the votes went against, and the campaign's calls
	// that came before the vote.
	for i := range out {
		for j := range out[i].Votes {
			v := &out[i].Votes[j]
			if v.Verdict != VerdictAgainst {
				continue
			}
			if v.countedID != 0 {
				var callAt sql.NullInt64
				var outcome, heard string
				if err := tx.QueryRowContext(ctx, `SELECT h.reason, h.changed_by, r.called_at, coalesce(r.outcome, ''),
						coalesce(r.stance_heard, ''), coalesce(vo.first_name, ''), coalesce(`+lastName+`, '')
					FROM stance_history h LEFT JOIN call_reports r ON r.id = h.call_report_id
					LEFT JOIN `+callers+` ON vo.id = r.volunteer_id WHERE h.id = ?`, v.countedID).Scan(
					&v.StanceReason, &v.StanceBy, &callAt, &outcome, &heard, &v.CallerFirst, &v.CallerLast); err != nil {
					return nil, err
				}
				if callAt.Valid {
					v.stanceCallAt = fromUnix(callAt.Int64).In(zone.Loc)
					v.stanceCallWhat = ": " + Outcome(outcome).Label()
					if heard != "" {
						v.stanceCallWhat += ", heard " + Stance(heard).Label()
					}
					v.StanceCall = v.StanceCallBy(callerName)
				}
			}
			if err := eachRow(ctx, tx, func(r *sql.Rows) error {
				var at int64
				var outcome, heard, first, last string
				if err := r.Scan(&at, &outcome, &heard, &first, &last); err != nil {
					return err
				}
				v.CallsBefore = append(v.CallsBefore, callLine(at, zone.Loc, callerName(first, last), outcome, heard))
				return nil
			}, `SELECT r.called_at, r.outcome, r.stance_heard, coalesce(vo.first_name, ''), coalesce(`+lastName+`, '')
				FROM call_reports r LEFT JOIN `+callers+` ON vo.id = r.volunteer_id
				WHERE `+counted.where+` AND r.legislator_id = ? AND r.called_at <= ?
				ORDER BY r.called_at DESC, r.id DESC LIMIT `+fmt.Sprint(MaxCallsListed),
				campaignID, v.LegislatorID, v.At.Unix()); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// callLine is a call as the record view lists it, dated in zone.
func callLine(at int64, zone *time.Location, caller, outcome, heard string) string {
	if caller == "" {
		caller = "a caller"
	}
	s := fmt.Sprintf("%s, %s: %s", fromUnix(at).In(zone).Format(dateLayout), caller, Outcome(outcome).Label())
	if heard != "" {
		s += ", heard " + Stance(heard).Label()
	}
	return s
}

// campaignCalls answers, for a campaign, how many of the calls the record counts
// (recordCalls) a legislator had before a time, and the last of them. It reads those
// calls on the smaller side of the roll calls' span: those up to the last roll call
// (counted directly), or, when more calls came before the roll calls than after the
// first of them, those after the first roll call, subtracted from the legislator's
// total of the same calls (recordCalls.stats, or counted). The last call before a roll
// call older than every call read is looked up in the legislator's index.
type campaignCalls struct {
	calls    recordCalls
	campaign int64
	first    int64             // the first roll call's time
	after    bool              // times holds the calls after first, not those up to the last roll call
	times    map[int64][]int64 // per legislator, oldest first
	total    map[int64]int     // after: the calls counted per legislator
	lastOld  map[int64]int64   // after: the last call at or before first (0: none), once looked up
}

// recordCallSide, when not 0, makes the record view read the calls up to the last roll
// call (1) or those after the first (2) whatever their numbers (tests).
var recordCallSide = 0

func loadCallsAround(ctx context.Context, tx *sql.Tx, calls recordCalls, campaign, first, last int64) (*campaignCalls, error) {
	c := &campaignCalls{calls: calls, campaign: campaign, first: first, times: map[int64][]int64{}}
	var upTo, after int
	if err := tx.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM call_reports WHERE deleted_at IS NULL AND called_at <= ?),
			(SELECT count(*) FROM call_reports WHERE deleted_at IS NULL AND called_at > ?)`, last, first).Scan(&upTo, &after); err != nil {
		return nil, err
	}
	c.after = after < upTo
	if recordCallSide != 0 {
		c.after = recordCallSide == 2
	}
	q, arg := `SELECT r.legislator_id, r.called_at FROM call_reports r WHERE `+calls.where+` AND r.called_at <= ?`, last
	if c.after {
		q, arg = `SELECT r.legislator_id, r.called_at FROM call_reports r WHERE `+calls.where+` AND r.called_at > ?`, first
		c.total, c.lastOld = map[int64]int{}, map[int64]int64{}
		totals := `SELECT r.legislator_id, count(*) FROM call_reports r WHERE ` + calls.where + ` GROUP BY r.legislator_id`
		if calls.stats != "" {
			totals = `SELECT legislator_id, attempts FROM ` + calls.stats + ` WHERE campaign_id = ?`
		}
		if err := eachRow(ctx, tx, func(r *sql.Rows) error {
			var leg int64
			var n int
			err := r.Scan(&leg, &n)
			c.total[leg] = n
			return err
		}, totals, campaign); err != nil {
			return nil, err
		}
	}
	if err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var leg, at int64
		err := r.Scan(&leg, &at)
		c.times[leg] = append(c.times[leg], at)
		return err
	}, q, campaign, arg); err != nil {
		return nil, err
	}
	for _, list := range c.times {
		slices.Sort(list)
	}
	return c, nil
}

// before is how many of the calls counted the legislator had at or before t, and the
// last of them (zero: none). t is never before the first roll call.
func (c *campaignCalls) before(ctx context.Context, tx *sql.Tx, leg, t int64) (int, time.Time, error) {
	list := c.times[leg]
	i := sort.Search(len(list), func(i int) bool { return list[i] > t })
	if !c.after {
		if i == 0 {
			return 0, time.Time{}, nil
		}
		return i, fromUnix(list[i-1]), nil
	}
	n := c.total[leg] - (len(list) - i)
	if n <= 0 {
		return 0, time.Time{}, nil
	}
	if i > 0 {
		return n, fromUnix(list[i-1]), nil
	}
	old, ok := c.lastOld[leg]
	if !ok {
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(r.called_at), 0) FROM call_reports r
			WHERE `+c.calls.where+` AND r.legislator_id = ? AND r.called_at <= ?`, c.campaign, leg, c.first).Scan(&old); err != nil {
			return 0, time.Time{}, err
		}
		c.lastOld[leg] = old
	}
	if old == 0 {
		return 0, time.Time{}, fmt.Errorf("the count of calls to legislator %d and the calls do not agree", leg)
	}
	return n, fromUnix(old), nil
}
