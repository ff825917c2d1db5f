package db

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"
)

// RecordRow is one entry of the official record of a campaign's bill: a member's
// vote on a roll call, or a sponsorship, beside the whip count's stance at its date.
type RecordRow struct {
	CampaignID   int64
	LegislatorID int64  // 0: not matched to a legislator here (Unmatched says why)
	Name         string // the legislator's, or the export's when not matched
	ExportName   string // as the export writes it ("Moran, M.")
	// Chamber is the roll call's chamber for a vote (the legislator's when the
	// export does not say), the legislator's for a sponsorship; MemberChamber is the
	// legislator's now, "" when not matched: a member who moved (MA's Vanna Howard,
	// from the House to the Senate) has votes of their term in the other chamber.
	Chamber       Chamber
	MemberChamber Chamber
	District      string
	Party         string
	Kind          string // "roll call" or "sponsorship"
	Bill          string // the session's bill ("H 5293")
	Session       string
	Date          string // YYYY-MM-DD: the roll call's day, or the export's for a sponsorship
	At            time.Time
	Motion        string // roll calls
	Result        string // roll calls: pass, fail
	RollCallID    int64
	Role          string // the vote (yes, no, other, not voting, VoteNotPublished) or sponsor / cosponsor
	// Earlier, on a sponsorship, says why it does not stand in the whip count: of an
	// earlier session than the newest the campaign follows ("an earlier session than
	// 2025: not counted"); "" when it stands (see campaignSessions).
	Earlier   string
	MatchedBy string // id, name, or "name, other chamber" (matchedOtherChamber)
	Unmatched string
	// Yes, No, Other and NotVoting are a roll call's counts as the export gives them
	// (all 0 when it gives its result only).
	Yes, No, Other, NotVoting int
	// NoVotesGiven, for a roll call given by its counts only, says that no export of
	// its session imported here listed any member's vote (one without vote_people, as a
	// folder missing that table is): the export, not the legislature, left them out.
	NoVotesGiven bool
	// Counted is the whip count's stance at Date from what callers heard and the lead
	// set (the record's own stance changes left out), "" when it had none; CountedAt
	// when it was set. Now is the stance today, record included.
	Counted   Stance
	CountedAt time.Time
	Now       Stance
	countedID int64 // the stance_history row of Counted
}

// RoleText is the role as the record's listings write it: a sponsorship of an
// earlier session's bill says so ("cosponsor, session 2024: an earlier session than
// 2025: not counted").
func (r *RecordRow) RoleText() string {
	if r.CountsOnly() && r.NoVotesGiven {
		return "not in the export"
	}
	if r.Earlier != "" {
		return r.Role + ", session " + r.Session + ": " + r.Earlier
	}
	return r.Role
}

// OtherChamber says that a vote was cast in another chamber than the member sits in
// now ("House vote, from their term in the House (now in the Senate)"); "" otherwise.
func (r *RecordRow) OtherChamber() string {
	if r.Kind != "roll call" || r.Chamber == "" || r.MemberChamber == "" || r.Chamber == r.MemberChamber {
		return ""
	}
	return fmt.Sprintf("%s vote, from their term in the %s (now in the %s)", r.Chamber.Label(), r.Chamber.Label(), r.MemberChamber.Label())
}

// VoteNotPublished is the Role of a member of a chamber whose roll call the export
// gives by its counts (or result) only, as Massachusetts publishes its Senate's: the
// chamber voted, the member's own vote is not known.
const VoteNotPublished = "not published"

// CountsOnly reports a row of a roll call the export gives without its members' votes.
func (r *RecordRow) CountsOnly() bool { return r.Kind == "roll call" && r.Role == VoteNotPublished }

// CountsOnlyNote says what is known of a roll call given without its members' votes:
// "Senate roll call 2025-07-31, passed 38–2: members' votes not published".
func (r *RecordRow) CountsOnlyNote() string {
	what := "Roll call"
	if r.Chamber != "" {
		what = r.Chamber.Label() + " roll call"
	}
	result := r.Result
	switch r.Result {
	case "pass":
		result = "passed"
	case "fail":
		result = "failed"
	}
	if r.Yes+r.No+r.Other+r.NotVoting == 0 {
		result += " (the export gives no counts)"
	} else {
		result += fmt.Sprintf(" %d–%d", r.Yes, r.No)
		if r.Other > 0 {
			result += fmt.Sprintf(", %d other", r.Other)
		}
		if r.NotVoting > 0 {
			result += fmt.Sprintf(", %d not voting", r.NotVoting)
		}
	}
	if r.NoVotesGiven { // tester t10: the folder given lacked vote_people
		return fmt.Sprintf("%s %s, %s: the export imported has no members' votes (no vote_people table)", what, r.Date, result)
	}
	return fmt.Sprintf("%s %s, %s: members' votes not published", what, r.Date, result)
}

// voteTime is a roll call's day and time as the lead reads them, from its start_date
// and the instant the import read in it (voted_at). A start_date with a time of day is
// that instant, its day the day it was in the legislature's zone (Store.Zone), as
// every date of the app is (a vote at 2025-04-29T00:21Z was cast on 28 April in
// Boston, on a laptop set to UTC too): the day written in the export is UTC's. A date
// alone is that day, the whole of it, as for a sponsorship dated by its export: a
// stance set that day was the one counted.
func voteTime(start string, votedAt int64, zone *time.Location) (string, time.Time) {
	if len(start) <= len(dateLayout) || votedAt == 0 {
		if len(start) > len(dateLayout) {
			start = start[:len(dateLayout)]
		}
		return start, wholeDay(start, zone)
	}
	at := fromUnix(votedAt).In(zone)
	return at.Format(dateLayout), at
}

// wholeDay is the last second of the day date in zone (zero when it is not a date).
func wholeDay(date string, zone *time.Location) time.Time {
	t, err := time.ParseInLocation(dateLayout, date, zone)
	if err != nil {
		return time.Time{}
	}
	return t.AddDate(0, 0, 1).Add(-time.Second)
}

// RecordFilter narrows EachRecordRow; zero fields do not narrow.
type RecordFilter struct {
	CampaignID   int64
	LegislatorID int64
}

// recordBatches are the import batches of session imports, whose stance changes are
// the record itself, not the count's prediction of it.
const recordBatches = `SELECT id FROM import_batches WHERE format = '` + SessionImportFormat + `'`

// RecordChangedBy is who a stance change taken from the official record names. A
// merge or a copy brings such changes under another batch (or none), so they are
// known by this and by citing no call, as well as by their batch.
const RecordChangedBy = "Open States"

// fromRecord is the condition (on stance_history) of a change the record made.
var fromRecord = recordRowOf("")

// recordRowOf is fromRecord on the stance_history row named alias ("h." for h), for
// queries that read the history under several names.
func recordRowOf(alias string) string {
	return `((` + alias + `import_batch_id IS NOT NULL AND ` + alias + `import_batch_id IN (` + recordBatches + `))
	OR (` + alias + `changed_by = '` + RecordChangedBy + `' AND ` + alias + `call_report_id IS NULL))`
}

// EachRecordRow calls fn with every row of the official record of the live campaigns'
// bills, roll calls first (by date), then sponsorships, from one snapshot.
func (s *Store) EachRecordRow(ctx context.Context, f RecordFilter, fn func(*RecordRow) error) error {
	err := s.readTx(ctx, func(tx *sql.Tx) error { return eachRecordRow(ctx, tx, f, fn) })
	if err != nil {
		return fmt.Errorf("read the official record: %w", mapErr(err))
	}
	return nil
}

// eachRecordRow is EachRecordRow inside a read transaction.
func eachRecordRow(ctx context.Context, tx *sql.Tx, f RecordFilter, fn func(*RecordRow) error) error {
	counted, err := loadCountHistory(ctx, tx, f)
	if err != nil {
		return err
	}
	zone, err := zoneOf(ctx, tx, f.CampaignID)
	if err != nil {
		return err
	}
	now := map[[2]int64]Stance{}
	if err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var k [2]int64
		var st Stance
		err := r.Scan(&k[0], &k[1], &st)
		now[k] = st
		return err
	}, `SELECT campaign_id, legislator_id, stance FROM stances WHERE (?1 = 0 OR campaign_id = ?1) AND (?2 = 0 OR legislator_id = ?2)`,
		f.CampaignID, f.LegislatorID); err != nil {
		return err
	}
	fill := func(row *RecordRow) {
		if row.LegislatorID == 0 {
			return
		}
		k := [2]int64{row.CampaignID, row.LegislatorID}
		row.Now = now[k]
		if c := counted.at(k, row.At); c != nil {
			row.Counted, row.CountedAt, row.countedID = c.stance, fromUnix(c.at).In(zone.Loc), c.id
		}
	}
	campaigns := `SELECT DISTINCT m.campaign_id, m.session_bill_id FROM campaign_session_bills m
			JOIN campaigns c ON c.id = m.campaign_id WHERE c.deleted_at IS NULL AND (?1 = 0 OR m.campaign_id = ?1)`
	// A roll call the export gives without its members' votes (the Massachusetts
	// Senate's) is a row for each member of its chamber in office here, so their page
	// and the export say the chamber voted and that their own vote is not published.
	// Members no longer in office are left out: the directory does not say when they
	// served, and their page must not suggest they sat for a vote taken after they
	// left. So is a member the record shows voting in another chamber at or after it
	// (a Representative become Senator: the 2025 Senate's vote was not theirs, t6 F9).
	// With no member of the chamber here, it is one row that names no one.
	if err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var row RecordRow
		var at int64
		var leg sql.NullInt64
		if err := r.Scan(&row.CampaignID, &row.Bill, &row.Session, &row.RollCallID, &row.Date, &at, &row.Motion,
			&row.Result, &row.Role, &leg, &row.Name, &row.ExportName, &row.Chamber, &row.District, &row.Party, &row.MatchedBy,
			&row.Unmatched, &row.Yes, &row.No, &row.Other, &row.NotVoting, &row.MemberChamber, &row.NoVotesGiven); err != nil {
			return err
		}
		row.Kind, row.LegislatorID = "roll call", leg.Int64
		row.Date, row.At = voteTime(row.Date, at, zone.Loc)
		fill(&row)
		return fn(&row)
	}, `SELECT cb.campaign_id, sb.identifier, sb.session, rc.id, rc.start_date, rc.voted_at, rc.motion, rc.result,
				v.option, v.legislator_id,
				coalesce((SELECT value FROM legislator_edits e WHERE e.legislator_id = l.id AND e.field = 'name'), l.name, v.voter_name),
				v.voter_name, CASE WHEN rc.chamber <> '' THEN rc.chamber ELSE coalesce(l.chamber, '') END, coalesce(l.district, ''),
				coalesce((SELECT value FROM legislator_edits e WHERE e.legislator_id = l.id AND e.field = 'party'), l.party, ''),
				v.matched_by, v.unmatched, rc.yes_count, rc.no_count, rc.other_count, rc.not_voting_count, coalesce(l.chamber, ''),
				false
			FROM (`+campaigns+`) cb JOIN session_bills sb ON sb.id = cb.session_bill_id
			JOIN roll_calls rc ON rc.session_bill_id = sb.id
			JOIN roll_call_votes v ON v.roll_call_id = rc.id
			LEFT JOIN legislators l ON l.id = v.legislator_id
			WHERE (?2 = 0 OR v.legislator_id = ?2)
		UNION ALL
		SELECT cb.campaign_id, sb.identifier, sb.session, rc.id, rc.start_date, rc.voted_at, rc.motion, rc.result,
				'`+VoteNotPublished+`', l.id,
				coalesce((SELECT value FROM legislator_edits e WHERE e.legislator_id = l.id AND e.field = 'name'), l.name, ''),
				'', rc.chamber, coalesce(l.district, ''),
				coalesce((SELECT value FROM legislator_edits e WHERE e.legislator_id = l.id AND e.field = 'party'), l.party, ''),
				'', CASE WHEN l.id IS NOT NULL THEN '' WHEN rc.chamber = '' THEN 'the export does not say which chamber voted'
					ELSE 'no member of that chamber in office here' END,
				rc.yes_count, rc.no_count, rc.other_count, rc.not_voting_count, coalesce(l.chamber, ''),
				NOT EXISTS (SELECT 1 FROM session_bills osb JOIN roll_calls orc ON orc.session_bill_id = osb.id
					JOIN roll_call_votes ov ON ov.roll_call_id = orc.id WHERE osb.state = sb.state AND osb.session = sb.session)
			FROM (`+campaigns+`) cb JOIN session_bills sb ON sb.id = cb.session_bill_id
			JOIN roll_calls rc ON rc.session_bill_id = sb.id
			LEFT JOIN legislators l ON l.chamber = rc.chamber AND l.deleted_at IS NULL AND l.in_office = 1
				AND (l.state = '' OR upper(l.state) = sb.state)
				AND NOT EXISTS (SELECT 1 FROM roll_call_votes ov JOIN roll_calls orc ON orc.id = ov.roll_call_id
					WHERE ov.legislator_id = l.id AND orc.chamber <> '' AND orc.chamber <> rc.chamber AND orc.voted_at >= rc.voted_at)
			WHERE NOT EXISTS (SELECT 1 FROM roll_call_votes v WHERE v.roll_call_id = rc.id) AND (?2 = 0 OR l.id = ?2)
		ORDER BY 1, 6, 4, 13 DESC, 14, 12, 11`,
		f.CampaignID, f.LegislatorID); err != nil {
		return err
	}
	// Which session's sponsorships stand, by campaign, read before the rows (a server's
	// connection runs one query at a time).
	standing := map[int64]*sessionsStanding{}
	var campaignIDs []int64
	if err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var id int64
		err := r.Scan(&id)
		campaignIDs = append(campaignIDs, id)
		return err
	}, `SELECT DISTINCT campaign_id FROM campaign_session_bills WHERE ?1 = 0 OR campaign_id = ?1 ORDER BY campaign_id`, f.CampaignID); err != nil {
		return err
	}
	for _, id := range campaignIDs {
		st, err := campaignSessions(ctx, tx, id)
		if err != nil {
			return err
		}
		standing[id] = st
	}
	return eachRow(ctx, tx, func(r *sql.Rows) error {
		var row RecordRow
		var leg sql.NullInt64
		var primary int
		var withdrawnOn string
		var state string
		var recordAt int64
		if err := r.Scan(&row.CampaignID, &row.Bill, &row.Session, &row.Date, &primary, &row.Role, &leg, &row.Name,
			&row.ExportName, &row.Chamber, &row.District, &row.Party, &row.Unmatched, &withdrawnOn, &state, &recordAt); err != nil {
			return err
		}
		// A sponsorship that stands is listed by the newest export of its bill that
		// gives sponsorships (record_at), not only by the first export of the bill
		// (exported_on), which may have had no sponsorships table (t3 F5). A bill kept
		// before migration 0011, or dated by a guess, has only exported_on.
		if recordAt > 0 {
			row.Date = fromUnix(recordAt).In(zone.Loc).Format(dateLayout)
		}
		row.Kind, row.LegislatorID = "sponsorship", leg.Int64
		if primary == 1 {
			row.Role = "sponsor"
		} else if row.Role == "" {
			row.Role = "cosponsor"
		}
		if withdrawnOn != "" { // a newer export of the bill no longer lists it
			row.Role, row.Date = "withdrawn "+row.Role, withdrawnOn
		}
		if row.LegislatorID != 0 {
			row.MatchedBy = "id"
		}
		if st := standing[row.CampaignID]; st != nil && withdrawnOn == "" && !st.stands(state, row.Session) {
			row.Earlier = st.notCounted()
		}
		row.At = wholeDay(row.Date, zone.Loc) // the whole day of the export
		fill(&row)
		return fn(&row)
	}, `SELECT cb.campaign_id, sb.identifier, sb.session, sb.exported_on, p.is_primary, p.classification,
				p.legislator_id,
				coalesce((SELECT value FROM legislator_edits e WHERE e.legislator_id = l.id AND e.field = 'name'), l.name, p.name),
				p.name, coalesce(l.chamber, sb.chamber), coalesce(l.district, ''),
				coalesce((SELECT value FROM legislator_edits e WHERE e.legislator_id = l.id AND e.field = 'party'), l.party, ''),
				p.unmatched, p.withdrawn_on, sb.state, sb.record_at
			FROM (`+campaigns+`) cb JOIN session_bills sb ON sb.id = cb.session_bill_id
			JOIN bill_sponsorships p ON p.session_bill_id = sb.id
			LEFT JOIN legislators l ON l.id = p.legislator_id
			WHERE (?2 = 0 OR p.legislator_id = ?2)
			ORDER BY cb.campaign_id, sb.identifier, p.withdrawn_on, p.is_primary DESC, coalesce(l.chamber, sb.chamber) DESC,
				coalesce(l.district, ''), p.name`, f.CampaignID, f.LegislatorID)
}

// countHistory is the whip count's stance history, the record's own changes left
// out, per campaign and legislator, oldest first.
type countHistory map[[2]int64][]countedStance

type countedStance struct {
	id, at int64
	stance Stance
}

func loadCountHistory(ctx context.Context, tx *sql.Tx, f RecordFilter) (countHistory, error) {
	h := countHistory{}
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var k [2]int64
		var c countedStance
		err := r.Scan(&k[0], &k[1], &c.stance, &c.at, &c.id)
		h[k] = append(h[k], c)
		return err
	}, `SELECT campaign_id, legislator_id, stance, changed_at, id FROM stance_history
		WHERE (?1 = 0 OR campaign_id = ?1) AND (?2 = 0 OR legislator_id = ?2)
		  AND NOT `+fromRecord+`
		ORDER BY campaign_id, legislator_id, changed_at, id`, f.CampaignID, f.LegislatorID)
	return h, err
}

// at is the stance counted for k at t: the newest change at or before it (nil: none).
func (h countHistory) at(k [2]int64, t time.Time) *countedStance {
	list := h[k]
	ts := t.Unix()
	i := sort.Search(len(list), func(i int) bool { return list[i].at > ts })
	if i == 0 {
		return nil
	}
	return &list[i-1]
}
