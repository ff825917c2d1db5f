package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// CallReport is one call a volunteer made to a legislator's office, as reported.
type CallReport struct {
	ID           int64
	UUID         string
	ChapterID    int64
	CampaignID   int64
	VolunteerID  int64 // 0: caller unknown
	LegislatorID int64
	CalledAt     time.Time // reports arrive days later: this is when the call happened
	Office       Office
	Outcome      Outcome
	StanceHeard  Stance // "" when the caller heard nothing about the bill
	GaveNameZip  bool
	FollowUp     bool
	FollowUpDone bool
	Notes        string
	Source       string // manual, report form, import
}

func (r *CallReport) normalize() error {
	if r.CampaignID == 0 {
		return &ValidationError{"campaign", "Pick the campaign the call was about."}
	}
	if r.LegislatorID == 0 {
		return &ValidationError{"legislator", "Pick the legislator who was called."}
	}
	if r.Office == "" {
		r.Office = OfficeCapitol
	}
	if !r.Office.Valid() {
		return &ValidationError{"office", fmt.Sprintf("Unknown office %q.", r.Office)}
	}
	if !r.Outcome.Valid() {
		return &ValidationError{"outcome", "Pick what happened on the call."}
	}
	if r.StanceHeard != "" && !r.StanceHeard.Valid() {
		return &ValidationError{"stance", fmt.Sprintf("Unknown stance %q.", r.StanceHeard)}
	}
	if r.CalledAt.IsZero() {
		r.CalledAt = time.Now()
	}
	if why := CallDateProblem(r.CalledAt, time.Now()); why != "" {
		return &ValidationError{"called_at", strings.ToUpper(why[:1]) + why[1:] + "."}
	}
	if r.Source == "" {
		r.Source = "manual"
	}
	if r.UUID == "" {
		r.UUID = newUUID()
	}
	r.Notes = strings.TrimSpace(r.Notes)
	return nil
}

// EarliestCall is the earliest day a call report may be dated. Reports come from
// online forms and phone banks of campaigns the app tracks, none of them before
// 2000; a date before it is a typo'd year ("3/16/1924" for 2024), which, stored,
// made the workbook of all calls span a century of empty weeks. A fixed floor, not
// the campaign's session or the legislator's term: those are not always known (a
// campaign without linked bills, legislators imported without terms), and a
// plausible date outside them is a question for the lead, not a typo.
var EarliestCall = time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC)

// ClockSkew is how far after now a call or a stance change may be dated: the clock of
// the computer that wrote it may be a little ahead of this one's, never hours. A
// merge and a push refuse a file's records dated beyond it, and a coalition server
// refuses a lead's or the coordinator's (postgres/0021_future_dates_refused.sql
// holds the same ten minutes; TestCoalitionLeadCannotDateCallsAhead ties the two).
const ClockSkew = 10 * time.Minute

// CallDateProblem says why a call cannot have been made at at, "" when it can: in the
// future (beyond ClockSkew), or before EarliestCall. at is an instant: a time written
// without a zone is read on the legislature's clock first (Zone.ReadWallClock), so the
// import's check of a row (importer.CallFile) and the store's agree. A day's slack
// for the zones, before, let a call dated tonight in Massachusetts in while it was
// still the afternoon there. The form and the import refuse such a report alike.
func CallDateProblem(at, now time.Time) string {
	switch {
	case at.After(now.Add(ClockSkew)):
		return "the call date is in the future"
	case at.Before(EarliestCall):
		return fmt.Sprintf("the call date is before %d, when no call reported here was made (a typo in the year?)", EarliestCall.Year())
	}
	return ""
}

// WhipStance is the stance the report moves the whip count to, or "" and why it does
// not; both "" when the caller heard nothing about the bill. A stance is heard only
// when someone at the office spoke: on a voicemail (left or full), busy, no answer or
// a wrong number it was written in by mistake. Sponsorship is the official record's
// to say (a session import records it): a caller told "cosponsor" heard support, not
// the bill's list of sponsors. For the same reason a call does not take a sponsorship
// away: then is the legislator's stance in the whip count (stanceOnDay for a call
// typed in; the form takes today's), and a sponsor or cosponsor stays one whatever a
// caller heard (a staffer's "undecided" does not take a name off the bill). An import
// of calls still keeps what such a call heard in the history, where it counts once no
// sponsorship stands (stance_rule.go). The report itself keeps what the caller wrote.
func (r *CallReport) WhipStance(then Stance) (Stance, string) {
	switch {
	case r.StanceHeard == "" || r.StanceHeard == StanceUnknown:
		return "", ""
	case !r.Outcome.Spoke():
		return "", fmt.Sprintf("%q heard, but no one at the office spoke (%s)", r.StanceHeard.Label(), r.Outcome.Label())
	case r.StanceHeard == StanceSponsor || r.StanceHeard == StanceCosponsor:
		return "", fmt.Sprintf("%q heard, but sponsorship is the official record's to say (import the session, or set the stance by hand)",
			r.StanceHeard.Label())
	case then == StanceSponsor || then == StanceCosponsor:
		return "", fmt.Sprintf("%q heard, but the legislator is a %s on record (a call does not move a sponsorship)",
			r.StanceHeard.Label(), strings.ToLower(then.Label()))
	}
	return r.StanceHeard, ""
}

// stanceOnDay is the legislator's stance in a campaign's whip count as it stood at at
// (unix seconds), by the whip count's rule (stanceRowAt) over the changes made then or
// before, "" for none. A call typed in is weighed against it (see WhipStance).
func stanceOnDay(ctx context.Context, tx *sql.Tx, campaign, legislator, at int64) (Stance, error) {
	var st Stance
	err := tx.QueryRowContext(ctx, `SELECT stance FROM stance_history WHERE id = `+stanceRowAt("?1", "?2", "h.changed_at <= ?3"),
		campaign, legislator, at).Scan(&st)
	if err == sql.ErrNoRows {
		err = nil
	}
	return st, err
}

// timedStance is a stance and when the whip count took it (unix seconds).
type timedStance struct {
	at     int64
	stance Stance
}

// callCols are the stored columns, in the order callArgs gives them.
const callCols = `uuid, chapter_id, campaign_id, volunteer_id, legislator_id, called_at, office, outcome, stance_heard,
	gave_name_zip, follow_up, follow_up_done, notes, source, import_batch_id, created_at, updated_at`

func callArgs(r *CallReport, batch int64, now int64) []any {
	return []any{r.UUID, r.ChapterID, r.CampaignID, nullID(r.VolunteerID), r.LegislatorID, stamp(r.CalledAt),
		string(r.Office), string(r.Outcome), string(r.StanceHeard), boolInt(r.GaveNameZip), boolInt(r.FollowUp),
		boolInt(r.FollowUpDone), r.Notes, r.Source, nullID(batch), now, now}
}

// CreateCallReport saves a call report. When updateStance is set and the caller heard
// a stance, the legislator's stance moves to it in the same transaction, with the
// report as its reason in the history; a stance the whip count cannot take from a call
// (see WhipStance) refuses the report with the reason, and nothing is written.
func (s *Store) CreateCallReport(ctx context.Context, r CallReport, updateStance bool) (int64, error) {
	if err := r.normalize(); err != nil {
		return 0, err
	}
	var refused *ValidationError
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var stance Stance
		if updateStance {
			// Read in the transaction that would move it: a session import another
			// lead ran since the form opened counts.
			then, err := stanceOnDay(ctx, tx, r.CampaignID, r.LegislatorID, stamp(r.CalledAt))
			if err != nil {
				return err
			}
			var why string
			if stance, why = r.WhipStance(then); why != "" {
				refused = &ValidationError{"stance", "The whip count stays: " + why + "."}
				return refused
			}
		}
		if r.ChapterID == 0 {
			if err := tx.QueryRowContext(ctx, selfChapterQuery(s.server != nil)).Scan(&r.ChapterID); err != nil {
				return err
			}
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO call_reports (`+callCols+`) VALUES (`+placeholders(17)+`) RETURNING id`,
			callArgs(&r, 0, nowUnix())...).Scan(&r.ID); err != nil {
			return err
		}
		if !updateStance || stance == "" {
			return nil
		}
		by := "call report"
		var stanceChapter int64 // the file's own chapter; on a server the login's
		if s.server != nil {
			if err := tx.QueryRowContext(ctx, selfChapterQuery(true)).Scan(&stanceChapter); err != nil {
				return err
			}
		}
		if r.VolunteerID != 0 {
			var name string
			if err := tx.QueryRowContext(ctx, `SELECT trim(first_name || ' ' || last_name) FROM volunteers WHERE id = ?`,
				r.VolunteerID).Scan(&name); err == nil {
				by = name
			}
		}
		_, err := insertStance(ctx, tx, s.server != nil, &StanceChange{CampaignID: r.CampaignID, LegislatorID: r.LegislatorID,
			Stance: stance, ChangedAt: r.CalledAt, ChangedBy: by,
			Reason: "heard on a call: " + r.Outcome.Label(), CallReportID: r.ID, chapterID: stanceChapter}, 0)
		return err
	})
	if refused != nil {
		return 0, refused
	}
	if err != nil {
		return 0, fmt.Errorf("create call report: %w", mapErr(err))
	}
	return r.ID, nil
}

// CallRow is a call report as a list shows it.
type CallRow struct {
	ID            int64
	CalledAt      time.Time
	VolunteerID   int64
	VolunteerName string
	LegislatorID  int64
	Legislator    string // "Rep. Jane Doe"
	Office        Office
	Outcome       Outcome
	StanceHeard   Stance
	FollowUp      bool
	Notes         string
	// TimeMayBeOff: an older ChapterDesk read the report's time on its computer's
	// clock and no one has said which (see CallTimesUnsure): the list marks it.
	TimeMayBeOff bool
}

// CallFilter narrows a list of call reports. Zero values do not filter.
type CallFilter struct {
	CampaignID   int64
	VolunteerID  int64
	LegislatorID int64
	From, To     time.Time // To is exclusive
}

// ListCallReports returns one page of live reports, newest call first.
func (s *Store) ListCallReports(ctx context.Context, f CallFilter, offset, limit int) ([]CallRow, error) {
	conds := []string{"r.deleted_at IS NULL"}
	var args []any
	if f.CampaignID != 0 {
		conds, args = append(conds, "r.campaign_id = ?"), append(args, f.CampaignID)
	}
	if f.VolunteerID != 0 {
		conds, args = append(conds, "r.volunteer_id = ?"), append(args, f.VolunteerID)
	}
	if f.LegislatorID != 0 {
		conds, args = append(conds, "r.legislator_id = ?"), append(args, f.LegislatorID)
	}
	if !f.From.IsZero() {
		conds, args = append(conds, "r.called_at >= ?"), append(args, stamp(f.From))
	}
	if !f.To.IsZero() {
		conds, args = append(conds, "r.called_at < ?"), append(args, stamp(f.To))
	}
	args = append(args, limit, offset)
	rows, err := s.r.QueryContext(ctx, `SELECT r.id, r.called_at, coalesce(r.volunteer_id, 0),
		coalesce(trim(v.first_name || ' ' || v.last_name), ''), r.legislator_id, l.chamber,
		coalesce((SELECT value FROM legislator_edits e WHERE e.legislator_id = l.id AND e.field = 'name'), l.name),
		r.office, r.outcome, r.stance_heard, r.follow_up, r.notes, `+unsureSQL(s.server != nil)+`
		FROM call_reports r JOIN legislators l ON l.id = r.legislator_id LEFT JOIN volunteers v ON v.id = r.volunteer_id
		WHERE `+strings.Join(conds, " AND ")+` ORDER BY r.called_at DESC, r.id DESC LIMIT ? OFFSET ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("list call reports: %w", err)
	}
	defer rows.Close()
	var out []CallRow
	for rows.Next() {
		var c CallRow
		var at int64
		var ch Chamber
		var name string
		if err := rows.Scan(&c.ID, &at, &c.VolunteerID, &c.VolunteerName, &c.LegislatorID, &ch, &name, &c.Office,
			&c.Outcome, &c.StanceHeard, &c.FollowUp, &c.Notes, &c.TimeMayBeOff); err != nil {
			return nil, fmt.Errorf("list call reports: %w", err)
		}
		c.CalledAt = fromUnix(at)
		c.Legislator = Legislator{Chamber: ch, Name: name}.Title()
		out = append(out, c)
	}
	return out, rows.Err()
}
