package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// CallTrashed is what putting a call report in the trash, or taking it out, did to
// the whip count of its legislator in its campaign: Before and After are equal when
// the count did not move (the count stood on another row).
type CallTrashed struct {
	Legislator    string // "Rep. Jane Doe"
	Before, After Stance
	// HeardOnIt: After is the report's own stance (a restore), not the one before it.
	HeardOnIt bool
}

// Moved says whether the whip count changed.
func (c CallTrashed) Moved() bool { return c.Before != c.After }

// Said says how a trash (trashed) or a restore of the call moved the whip count, ""
// when it did not: "Rep. Jane Doe's whip count goes back to No (the stance before
// this call)." Every place a call leaves or comes back from the trash says it so.
func (c CallTrashed) Said(trashed bool) string {
	switch {
	case !c.Moved():
		return ""
	case !trashed && !c.HeardOnIt:
		return fmt.Sprintf("%s's whip count is now %s.", c.Legislator, c.After.Label())
	case !trashed:
		return fmt.Sprintf("%s's whip count is %s again (heard on this call).", c.Legislator, c.After.Label())
	}
	return fmt.Sprintf("%s's whip count goes back to %s (the stance before this call).", c.Legislator, c.After.Label())
}

// The reasons of the history rows a trash or a restore of a call report adds (they
// cite the report). liveRowOf knows them by these words: what they say is the count
// of the other rows, never a word heard on a call.
const (
	trashedCallReason  = " put in the trash: back to the stance before it"
	restoredCallReason = " restored from the trash"
)

// liveRowOf is the condition on the stance_history row named alias that the whip
// count weighs once the trash is taken into account: not a row of a call report in
// the trash, nor the row a trash or a restore of a report added (trashedCallReason,
// restoredCallReason), which only repeats the count of the others.
func liveRowOf(alias string) string {
	return `NOT (` + alias + `call_report_id IS NOT NULL AND (` + alias + `reason LIKE '%` + trashedCallReason + `'
		OR ` + alias + `reason LIKE '%` + restoredCallReason + `'
		OR EXISTS (SELECT 1 FROM call_reports x WHERE x.id = ` + alias + `call_report_id AND x.deleted_at IS NOT NULL)))`
}

// stanceRow is a stance_history row as liveStance reads it.
type stanceRow struct {
	id, report, at int64
	stance         Stance
	by             string
}

// liveStance is the row the whip count's rule (stanceRowAt) picks of legislator's
// history in campaign, leaving out every row of report except (0: none) and the rows
// liveRowOf leaves out: the stance the count would have had without that report and
// without the reports in the trash. id 0 and StanceUnknown when no row is left. The
// trash of a report (recountTrashed) and an import's correction of one to say
// nothing (callImport.fallBack) put the count back on it.
func liveStance(ctx context.Context, q queryer, campaign, legislator, except int64) (stanceRow, error) {
	cond := liveRowOf("h.") + ` AND (h.call_report_id IS NULL OR h.call_report_id <> ?3)`
	var r stanceRow
	var report sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT id, call_report_id, changed_at, stance, changed_by FROM stance_history
		WHERE id = `+stanceRowAt("?1", "?2", cond), campaign, legislator, except).Scan(&r.id, &report, &r.at, &r.stance, &r.by)
	if errors.Is(err, sql.ErrNoRows) {
		return stanceRow{stance: StanceUnknown}, nil
	}
	r.report = report.Int64
	return r, err
}

// TrashCallReport moves a report to the trash; it stops counting at once. When the
// whip count stood on it, the count goes back to the stance before it (a history row
// says so), and the answer says how the count moved.
func (s *Store) TrashCallReport(ctx context.Context, id int64) (CallTrashed, error) {
	return s.trashCall(ctx, id, true)
}

// RestoreCallReport takes a report out of the trash; when its stance is the one the
// whip count's rule picks again, the count is back on it (a history row says so).
func (s *Store) RestoreCallReport(ctx context.Context, id int64) (CallTrashed, error) {
	return s.trashCall(ctx, id, false)
}

func (s *Store) trashCall(ctx context.Context, id int64, trash bool) (CallTrashed, error) {
	var out CallTrashed
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		out = CallTrashed{}
		if err := markDeleted(ctx, tx, s.actor, "call_reports", id, trash); err != nil {
			return err
		}
		return recountTrashed(ctx, tx, s.server != nil, id, trash, &out)
	})
	if err != nil {
		return CallTrashed{}, trashErr("call_reports", id, trash, err)
	}
	return out, nil
}

// recountTrashed puts the whip count of report id's legislator back on the stance
// its history gives without the reports in the trash (liveStance), when the trash or
// restore of id changed it: a history row citing the report, dated so that the
// count's rule picks it (the time of the row it replaces, or of the newest of the two),
// says why. Nothing is written when the count already gives that stance.
func recountTrashed(ctx context.Context, tx *sql.Tx, server bool, id int64, trash bool, out *CallTrashed) error {
	var campaign, legislator, calledAt int64
	var leg Legislator
	if err := tx.QueryRowContext(ctx, `SELECT r.campaign_id, r.legislator_id, r.called_at, l.chamber, l.name
		FROM call_reports r JOIN legislators l ON l.id = r.legislator_id WHERE r.id = ?`, id).Scan(
		&campaign, &legislator, &calledAt, &leg.Chamber, &leg.Name); err != nil {
		return err
	}
	out.Legislator = leg.Title()
	cur := stanceRow{stance: StanceUnknown}
	err := tx.QueryRowContext(ctx, `SELECT h.id, h.changed_at, h.stance FROM stances st JOIN stance_history h ON h.id = st.history_id
		WHERE st.campaign_id = ? AND st.legislator_id = ?`, campaign, legislator).Scan(&cur.id, &cur.at, &cur.stance)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	out.Before, out.After = cur.stance, cur.stance
	want, err := liveStance(ctx, tx, campaign, legislator, 0)
	if err != nil || want.stance == cur.stance {
		return err
	}
	// The caller as the history names them (a server's history, read by every
	// chapter, names a caller by first name and initial: migration 0005).
	var caller string
	if err := tx.QueryRowContext(ctx, `SELECT changed_by FROM stance_history WHERE call_report_id = ?
		ORDER BY id LIMIT 1`, id).Scan(&caller); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	z, err := zoneOf(ctx, tx, campaign)
	if err != nil {
		return err
	}
	what := "call report of " + z.In(fromUnix(calledAt)).Format(dateLayout)
	if caller != "" && caller != "call report" {
		what += " by " + caller
	} else {
		caller = "call report"
	}
	why := what + trashedCallReason
	if !trash {
		why = what + restoredCallReason
	}
	at := max(want.at, cur.at)
	if at == 0 {
		at = calledAt
	}
	if _, err := insertStance(ctx, tx, server, &StanceChange{CampaignID: campaign, LegislatorID: legislator,
		Stance: want.stance, ChangedAt: fromUnix(at), ChangedBy: caller, Reason: why, CallReportID: id}, 0); err != nil {
		return err
	}
	if err := tx.QueryRowContext(ctx, `SELECT stance FROM stances WHERE campaign_id = ? AND legislator_id = ?`,
		campaign, legislator).Scan(&out.After); err != nil {
		return err
	}
	out.HeardOnIt = !trash && want.report == id
	return nil
}

// trashErr says which record a trash or a restore failed on.
func trashErr(table string, id int64, trash bool, err error) error {
	verb := "trash"
	if !trash {
		verb = "restore"
	}
	return fmt.Errorf("%s %s %d: %w", verb, strings.TrimSuffix(table, "s"), id, mapErr(err))
}

// trashedCallsFixup recounts, once per file, the whip counts an earlier version left
// standing on a call report in the trash (recountStancesOnTrash): before the trash
// recounted, a trashed call's stance went on counting (tester t9).
const trashedCallsFixup = "stances_on_trashed_calls"

// recountStancesOnTrash puts every whip count that stands on a history row of a call
// report in the trash back on the stance its history gives without the trash
// (recountTrashed), and says how many moved.
func recountStancesOnTrash(ctx context.Context, tx *sql.Tx, server bool) (int, error) {
	var reports []int64
	if err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var id int64
		err := r.Scan(&id)
		reports = append(reports, id)
		return err
	}, `SELECT h.call_report_id FROM stances st JOIN stance_history h ON h.id = st.history_id
		JOIN call_reports c ON c.id = h.call_report_id WHERE c.deleted_at IS NOT NULL ORDER BY h.call_report_id`); err != nil {
		return 0, err
	}
	moved := 0
	for _, id := range reports {
		var out CallTrashed
		if err := recountTrashed(ctx, tx, server, id, true, &out); err != nil {
			return moved, err
		}
		if out.Moved() {
			moved++
		}
	}
	return moved, nil
}
