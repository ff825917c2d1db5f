package db

import (
	"context"
	"database/sql"
	"sort"
	"strings"
)

// The whip count's rule, one for every order of imports and both backends: while the
// official record (the newest export of a campaign's bill, `import session`) lists a
// legislator as its sponsor or cosponsor, that is their stance, whatever a call
// heard before or after (a staffer's "no" does not take a name off the bill), unless
// the lead set a stance by hand after the export (their judgement, dated); the
// calls heard meanwhile stay in the history, and once no sponsorship stands
// (withdrawn by a newer export, or its import undone) the newest of the other
// changes counts again, as if the record had never named them. A sponsor the
// campaign's file names (campaignMarkOf) is no sponsorship on record: it counts
// only while nothing else is known. The record's own
// changes are the rows fromRecord finds; the newest of them says whether a
// sponsorship stands (a withdrawal is a record row of another stance). The stances
// table follows the same rule through its triggers (migrations 0015 and
// postgres/0025); stanceRowAt gives it for any time.

// campaignMarkOf is the condition on the stance_history row named alias of a
// "sponsor" the campaign's file names, marked by markSponsors: no sponsorship on
// record, and dated by the import that marked it, it counts only while no other
// change is known (F1: it kept a sponsor of an earlier session's bill over a call).
func campaignMarkOf(alias string) string {
	return `(` + alias + `changed_by = '` + campaignMarkBy + `' AND ` + alias + `call_report_id IS NULL
	AND ` + alias + `reason LIKE '` + campaignMarkReason + `%' AND ` + alias + `reason LIKE '%` + campaignMarkFrom + `')`
}

// CampaignMark says whether c is a campaign file's sponsor mark (campaignMarkOf): no
// sponsorship on record, over which a lead may set a stance by hand.
func (c StanceChange) CampaignMark() bool {
	return c.ChangedBy == campaignMarkBy && c.CallReportID == 0 &&
		strings.HasPrefix(c.Reason, campaignMarkReason) && strings.HasSuffix(c.Reason, campaignMarkFrom)
}

// campaignMarkBy, campaignMarkReason and campaignMarkFrom make a campaign file's
// sponsor mark's author and reason ("sponsor of S.1305 (the campaign)"); the
// migrations 0015 and postgres/0025 know them by these words.
const (
	campaignMarkBy     = "ChapterDesk"
	campaignMarkReason = "sponsor of "
	campaignMarkFrom   = " (the campaign)"
)

// setByHandOf is the condition on the stance_history row named alias of a stance the
// lead set by hand: no call's, the record's nor a campaign file's mark. Set after the
// export that brought a sponsorship, it is the lead's judgement over the record's.
func setByHandOf(alias string) string {
	return `(` + alias + `call_report_id IS NULL AND NOT ` + recordRowOf(alias) + ` AND NOT ` + campaignMarkOf(alias) + `)`
}

// stanceRowAt is the SQL (a scalar subquery) of the id of the history row that gives
// the stance of the legislator legislator (an SQL expression) in campaign campaign,
// counting only the rows for which cond holds; cond names the row "h" (as "h.changed_at
// < ?2"), and is rewritten for the row the subquery compares it with. Of those rows:
// the newest record row when it is a sponsor or cosponsor and no stance was set by
// hand after it; else the newest row
// neither the record's nor a campaign file's mark; else the newest row (a withdrawal
// the record noted, a mark). No row: NULL.
func stanceRowAt(campaign, legislator, cond string) string {
	if cond == "" {
		cond = "1 = 1"
	}
	newer := strings.ReplaceAll(cond, "h.", "n.")
	return `(SELECT h.id FROM stance_history h WHERE h.campaign_id = ` + campaign + ` AND h.legislator_id = ` + legislator + ` AND ` + cond + `
		ORDER BY CASE WHEN h.stance IN ('sponsor', 'cosponsor') AND ` + recordRowOf("h.") + `
			AND NOT EXISTS (SELECT 1 FROM stance_history n WHERE n.campaign_id = h.campaign_id AND n.legislator_id = h.legislator_id
				AND ` + newer + ` AND (` + recordRowOf("n.") + ` OR ` + setByHandOf("n.") + `)
				AND (n.changed_at > h.changed_at OR (n.changed_at = h.changed_at AND n.id > h.id))) THEN 0
		WHEN ` + recordRowOf("h.") + ` OR ` + campaignMarkOf("h.") + ` THEN 2 ELSE 1 END, h.changed_at DESC, h.id DESC LIMIT 1)`
}

// stanceAt is the SQL of the stance stanceRowAt's row gives, 'unknown' for none.
func stanceAt(campaign, legislator, cond string) string {
	return `coalesce((SELECT s.stance FROM stance_history s WHERE s.id = ` + stanceRowAt(campaign, legislator, cond) + `), 'unknown')`
}

// stanceHistoryChange is the import_changes table name of a history row's time that
// FixCallTimes moved with its report: undo moves it back (migration 0018).
const stanceHistoryChange = "stance_history"

// stancesToSettle are the whip counts (campaign, legislator) whose history rows were
// moved in time, by the stance each stood at before (see note), to settle again once
// the moves are made: the stances table's triggers follow inserts only.
type stancesToSettle map[[2]int64]Stance

// note keeps campaign and legislator's count as it stands, the first time they are
// named.
func (m stancesToSettle) note(ctx context.Context, tx *sql.Tx, campaign, legislator int64) error {
	k := [2]int64{campaign, legislator}
	if _, ok := m[k]; ok {
		return nil
	}
	st := StanceUnknown
	err := tx.QueryRowContext(ctx, `SELECT stance FROM stances WHERE campaign_id = ? AND legislator_id = ?`, campaign, legislator).Scan(&st)
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	m[k] = st
	return nil
}

// settle makes each noted count the row the whip count's rule picks of the history
// (settleStance), and returns those whose stance it changed, in the order of the
// legislators' names.
func (m stancesToSettle) settle(ctx context.Context, tx *sql.Tx) ([]StanceRecount, error) {
	var changed []StanceRecount
	for k, before := range m {
		if err := settleStance(ctx, tx, k[0], k[1]); err != nil {
			return nil, err
		}
		r := StanceRecount{Before: before, After: StanceUnknown}
		var chamber Chamber
		if err := tx.QueryRowContext(ctx, `SELECT l.name, l.chamber, coalesce(s.stance, 'unknown') FROM legislators l
			LEFT JOIN stances s ON s.campaign_id = ? AND s.legislator_id = l.id WHERE l.id = ?`, k[0], k[1]).Scan(
			&r.Legislator, &chamber, &r.After); err != nil {
			return nil, err
		}
		if r.After != before {
			r.Legislator = Legislator{Chamber: chamber, Name: r.Legislator}.Title()
			changed = append(changed, r)
		}
	}
	sort.Slice(changed, func(i, j int) bool { return changed[i].Legislator < changed[j].Legislator })
	return changed, nil
}

// settleStance makes the current stance of legislator in campaign the history row
// the whip count's rule picks (stanceRowAt), none when no row is left, as the
// history's triggers would have had its rows been written as they now are (an undo
// took some out, a fix of call times moved some). SQLite's stances table only: a
// coalition server's follows its history by its own triggers.
func settleStance(ctx context.Context, tx *sql.Tx, campaign, legislator int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM stances WHERE campaign_id = ? AND legislator_id = ?`, campaign, legislator); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO stances (campaign_id, legislator_id, stance, history_id, changed_at)
		SELECT campaign_id, legislator_id, stance, id, changed_at FROM stance_history
		WHERE id = `+stanceRowAt("?1", "?2", ""), campaign, legislator)
	return err
}
