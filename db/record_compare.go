package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// Verdicts of a member's vote against the stance the whip count had at its date.
const (
	VerdictRight   = "right"         // the count predicted the vote
	VerdictAgainst = "against"       // the member voted against the stance counted
	VerdictOpen    = "no prediction" // the count had them undecided, unknown or nowhere
	VerdictAbsent  = "did not vote"  // other, not voting
	VerdictUnknown = "not matched"   // the vote is not tied to a legislator here
)

// ComparedVote is a member's vote beside the whip count.
type ComparedVote struct {
	RecordRow
	Verdict  string
	Calls    int       // the campaign's calls to the legislator, all time
	LastCall time.Time // zero: never called
	// Why the count had the stance it had, for a vote against it: the stance change's
	// reason and who made it, and the call it cites, if any.
	StanceReason string
	StanceBy     string
	StanceCall   string // "2025-05-02, Maria Souza: Spoke with staff, heard Yes"
	// The caller of that call, for a listing that names them otherwise (the
	// coalition-safe workbook: StanceCallBy); a coordinator's report has the last
	// name's initial only, and StanceBy empty.
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

// RollCallCompared is one roll call on a campaign's bill against the whip count.
type RollCallCompared struct {
	RollCallID  int64
	Bill        string
	Date        string
	Motion      string
	Result      string
	Right       int
	Against     int
	Open        int
	Absent      int
	Unmatched   int
	NeverCalled int // members matched whose office the campaign never called
	Votes       []ComparedVote
}

// Predicted is the share of the votes the count predicted that it got right
// (0 when it predicted none).
func (r RollCallCompared) Predicted() float64 {
	if r.Right+r.Against == 0 {
		return 0
	}
	return float64(r.Right) / float64(r.Right+r.Against)
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
		var err error
		coordinator, err := isCoordinator(ctx, tx, s.server != nil)
		if err != nil {
			return err
		}
		out, err = recordVsWhip(ctx, tx, campaignID, coordinator)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("record against the whip count of campaign %d: %w", campaignID, mapErr(err))
	}
	return out, nil
}

// RecordVsWhip is Store.RecordVsWhip on the report's snapshot and campaign.
func (r *Report) RecordVsWhip() ([]RollCallCompared, error) {
	return recordVsWhip(r.ctx, r.tx, r.q.CampaignID, r.coordinator)
}

// recordVsWhip compares; for a coalition's coordinator (coalition), without reading
// who changed a stance or the caller's full name, which it may not.
func recordVsWhip(ctx context.Context, tx *sql.Tx, campaignID int64, coalition bool) ([]RollCallCompared, error) {
	type stat struct {
		calls int
		last  int64
	}
	stats := map[int64]stat{}
	if err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var id int64
		var st stat
		err := r.Scan(&id, &st.calls, &st.last)
		stats[id] = st
		return err
	}, `SELECT legislator_id, attempts, last_called_at FROM call_stats WHERE campaign_id = ?`, campaignID); err != nil {
		return nil, err
	}
	var out []RollCallCompared
	err := eachRecordRow(ctx, tx, RecordFilter{CampaignID: campaignID}, func(row *RecordRow) error {
		if row.Kind != "roll call" {
			return nil
		}
		if len(out) == 0 || out[len(out)-1].RollCallID != row.RollCallID {
			out = append(out, RollCallCompared{RollCallID: row.RollCallID, Bill: row.Bill, Date: row.Date,
				Motion: row.Motion, Result: row.Result})
		}
		rc := &out[len(out)-1]
		v := ComparedVote{RecordRow: *row}
		st := stats[row.LegislatorID]
		v.Calls, v.LastCall = st.calls, fromUnix(st.last)
		switch {
		case row.LegislatorID == 0:
			v.Verdict = VerdictUnknown
			rc.Unmatched++
		case row.Role != "yes" && row.Role != "no":
			v.Verdict = VerdictAbsent
			rc.Absent++
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
		if row.LegislatorID != 0 && st.calls == 0 {
			rc.NeverCalled++
		}
		rc.Votes = append(rc.Votes, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// The reasons behind the stances the votes went against.
	for i := range out {
		for j := range out[i].Votes {
			v := &out[i].Votes[j]
			if v.Verdict != VerdictAgainst || v.countedID == 0 {
				continue
			}
			var callAt sql.NullInt64
			var outcome, heard string
			q := `SELECT h.reason, h.changed_by, r.called_at, coalesce(r.outcome, ''),
					coalesce(r.stance_heard, ''), coalesce(vo.first_name, ''), coalesce(vo.last_name, '')
				FROM stance_history h LEFT JOIN call_reports r ON r.id = h.call_report_id
				LEFT JOIN volunteers vo ON vo.id = r.volunteer_id WHERE h.id = ?`
			if coalition {
				q = `SELECT h.reason, '', r.called_at, coalesce(r.outcome, ''),
					coalesce(r.stance_heard, ''), coalesce(vo.first_name, ''), coalesce(vo.last_initial, '')
				FROM stance_history h LEFT JOIN call_reports r ON r.id = h.call_report_id
				LEFT JOIN coalition_callers vo ON vo.id = r.volunteer_id WHERE h.id = ?`
			}
			if err := tx.QueryRowContext(ctx, q, v.countedID).Scan(&v.StanceReason, &v.StanceBy, &callAt, &outcome, &heard,
				&v.CallerFirst, &v.CallerLast); err != nil {
				return nil, err
			}
			if callAt.Valid {
				v.stanceCallAt = fromUnix(callAt.Int64)
				v.stanceCallWhat = ": " + Outcome(outcome).Label()
				if heard != "" {
					v.stanceCallWhat += ", heard " + Stance(heard).Label()
				}
				v.StanceCall = v.StanceCallBy(func(first, last string) string {
					if coalition && last != "" {
						return strings.TrimSpace(first) + " " + last + "."
					}
					return strings.TrimSpace(first + " " + last)
				})
			}
		}
	}
	return out, nil
}
