package db

import (
	"context"
	"database/sql"
	"fmt"
	"image/color"
)

// StanceColors paint the whip count wherever it is drawn (the window's bars and
// board, the printed board): greens for support, grey for undecided, reds for
// opposition, pale grey for unknown.
var StanceColors = map[Stance]color.NRGBA{
	StanceSponsor:    {0x0b, 0x5d, 0x3b, 0xff},
	StanceCosponsor:  {0x16, 0x7d, 0x4f, 0xff},
	StanceYes:        {0x2e, 0x9e, 0x64, 0xff},
	StanceLeaningYes: {0x9b, 0xd3, 0xae, 0xff},
	StanceUndecided:  {0xb9, 0xb3, 0xa6, 0xff},
	StanceLeaningNo:  {0xf0, 0xa8, 0x9a, 0xff},
	StanceNo:         {0xc8, 0x3b, 0x2b, 0xff},
	StanceUnknown:    {0xe4, 0xe4, 0xe4, 0xff},
}

// RecordMark is what the official record says of a legislator on a campaign's bills,
// for the whip board's markers.
type RecordMark struct {
	Sponsorship string // "sponsor", "cosponsor" or ""
	// Earlier says a sponsorship of an earlier session's bill, which does not count
	// ("cosponsored SB 476 in session 2024"); "" when none.
	Earlier string
	// LastVote is their vote on the newest roll call on passing a campaign's bill
	// they are on (yes, no, other, not voting; "" none), LastVoteOn its day
	// (YYYY-MM-DD) and LastVoteMotion its motion ("H. 4672 On passing to be
	// engrossed"). A vote on an amendment, tabling or the like is never it: a
	// supporter votes no on a hostile amendment (see MotionNotJudged).
	LastVote, LastVoteOn, LastVoteMotion string
	// LastVoteChamber is the chamber of that roll call: a member now in the Senate
	// may have cast it in the House (see OtherChamber).
	LastVoteChamber Chamber
}

// OtherChamber is the chamber of the last vote when it is not member's, the chamber
// they sit in now (a vote from their term there, said so wherever the vote is shown:
// it is no vote of the chamber they are counted in); "" otherwise.
func (m RecordMark) OtherChamber(member Chamber) Chamber {
	if m.LastVote == "" || m.LastVoteChamber == "" || member == "" || m.LastVoteChamber == member {
		return ""
	}
	return m.LastVoteChamber
}

// RecordMarks gives, per legislator, the sponsorship and newest vote on passing the
// bill of the official record of a campaign's bills.
func (s *Store) RecordMarks(ctx context.Context, campaignID int64) (map[int64]RecordMark, error) {
	marks := map[int64]RecordMark{}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		zone, err := zoneOf(ctx, tx, campaignID)
		if err != nil {
			return err
		}
		bills := `SELECT session_bill_id FROM campaign_session_bills WHERE campaign_id = ?`
		st, err := campaignSessions(ctx, tx, campaignID)
		if err != nil {
			return err
		}
		// Only the newest session's sponsorships stand; an earlier one's is said as such.
		if err := eachRow(ctx, tx, func(r *sql.Rows) error {
			var id int64
			var primary int
			var identifier, state, session string
			if err := r.Scan(&id, &primary, &identifier, &state, &session); err != nil {
				return err
			}
			m := marks[id]
			switch {
			case st.stands(state, session):
				if m.Sponsorship == "" {
					m.Sponsorship = map[bool]string{true: "sponsor", false: "cosponsor"}[primary == 1]
				}
			case m.Earlier == "":
				m.Earlier = fmt.Sprintf("%s %s in session %s (%s)", map[bool]string{true: "sponsored", false: "cosponsored"}[primary == 1],
					identifier, session, st.notCounted())
			}
			marks[id] = m
			return nil
		}, `SELECT p.legislator_id, p.is_primary, sb.identifier, sb.state, sb.session FROM bill_sponsorships p
			JOIN session_bills sb ON sb.id = p.session_bill_id
			WHERE p.legislator_id IS NOT NULL AND p.withdrawn_on = '' AND p.session_bill_id IN (`+bills+`)
			ORDER BY p.legislator_id, p.is_primary DESC, sb.session DESC, p.id`, campaignID); err != nil {
			return err
		}
		for id, m := range marks {
			if m.Sponsorship != "" && m.Earlier != "" { // a sponsor now: the earlier session's says nothing more
				m.Earlier = ""
				marks[id] = m
			}
		}
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var id, votedAt int64
			var option, start, motion string
			var chamber Chamber
			if err := r.Scan(&id, &option, &start, &votedAt, &motion, &chamber); err != nil {
				return err
			}
			if MotionNotJudged(motion) != "" {
				return nil // not on passing the bill: says nothing of the stance on it
			}
			m := marks[id]
			day, _ := voteTime(start, votedAt, zone.Loc)
			m.LastVote, m.LastVoteOn, m.LastVoteMotion, m.LastVoteChamber = option, day, motion, chamber // rows come oldest first: the last one stays
			marks[id] = m
			return nil
		}, `SELECT v.legislator_id, v.option, rc.start_date, rc.voted_at, rc.motion, rc.chamber FROM roll_call_votes v JOIN roll_calls rc ON rc.id = v.roll_call_id
			WHERE v.legislator_id IS NOT NULL AND rc.session_bill_id IN (`+bills+`) ORDER BY rc.voted_at, rc.id`, campaignID)
	})
	if err != nil {
		return nil, fmt.Errorf("record marks of campaign %d: %w", campaignID, mapErr(err))
	}
	return marks, nil
}
