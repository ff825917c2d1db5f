package db

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"time"
)

// Count is the number of records of one kind.
type Count struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// countQueries are the kinds of record `chapterdesk stats` reports, in print order.
// Live records only; the trash is counted apart.
var countQueries = []struct{ name, query string }{
	{"chapters", `SELECT count(*) FROM chapters`},
	{"volunteers", `SELECT count(*) FROM volunteers WHERE deleted_at IS NULL`},
	{"legislators", `SELECT count(*) FROM legislators WHERE deleted_at IS NULL`},
	{"campaigns", `SELECT count(*) FROM campaigns WHERE deleted_at IS NULL`},
	{"call_reports", `SELECT count(*) FROM call_reports WHERE deleted_at IS NULL`},
	{"stance_changes", `SELECT count(*) FROM stance_history`},
	{"faq_entries", `SELECT count(*) FROM faq_entries WHERE deleted_at IS NULL`},
	{"help_steps", `SELECT count(*) FROM help_steps WHERE deleted_at IS NULL`},
	{"tags", `SELECT count(*) FROM tags`},
	// The official record: sponsorships tied to a legislator that stand (a newer export
	// of the bill withdrew the others: they are kept, but are no sponsorship now), on the
	// campaigns' bills (only those are kept), roll calls and each member's vote on them.
	{"sponsorships", `SELECT count(*) FROM bill_sponsorships WHERE legislator_id IS NOT NULL AND withdrawn_on = ''`},
	{"roll_calls", `SELECT count(*) FROM roll_calls`},
	{"roll_call_votes", `SELECT count(*) FROM roll_call_votes`},
	{"import_batches", `SELECT count(*) FROM import_batches WHERE undone_at IS NULL`},
	// The trash of the two big tables is all rows less the live ones: both counts read
	// an index, where "deleted_at IS NOT NULL" read the whole table (the 1M-call demo:
	// 150 ms against 52 in the sqlite3 shell).
	{"trash", `SELECT (SELECT count(*) FROM volunteers) - (SELECT count(*) FROM volunteers WHERE deleted_at IS NULL)
		+ (SELECT count(*) FROM call_reports) - (SELECT count(*) FROM call_reports WHERE deleted_at IS NULL)
		+ (SELECT count(*) FROM faq_entries WHERE deleted_at IS NOT NULL)`},
}

// coordinatorCounts are the count queries that read a chapter's people, as the
// coalition's coordinator counts them: the volunteers from the coalition's total
// (0014: none when fewer than 5; asked for any whole month, 0015, as the volunteers
// are not by period), the tags and the trash (volunteers' among them)
// not at all.
var coordinatorCounts = map[string]string{
	"volunteers": `SELECT volunteers FROM coalition_chapter_volunteers('2000-01-01', '2000-02-01') WHERE chapter_id IS NULL`,
	"tags":       ``,
	"trash":      ``,
}

// Counts returns how many records of each kind the file holds, from one snapshot. The
// coalition's coordinator gets the coalition's counts it may read (see
// coordinatorCounts).
func (s *Store) Counts(ctx context.Context) ([]Count, error) {
	out := make([]Count, 0, len(countQueries))
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		coordinator, err := isCoordinator(ctx, tx, s.server != nil)
		if err != nil {
			return err
		}
		for _, q := range countQueries {
			query, ok := coordinatorCounts[q.name]
			if !coordinator || !ok {
				query = q.query
			}
			if query == "" {
				continue
			}
			var n int
			err := tx.QueryRowContext(ctx, query).Scan(&n)
			if err == sql.ErrNoRows {
				continue // a count withheld
			}
			if err != nil {
				return fmt.Errorf("%s: %w", q.name, err)
			}
			out = append(out, Count{q.name, n})
			if q.name == "volunteers" && !coordinator {
				people, err := peopleOfSeveralChapters(ctx, tx)
				if err != nil {
					return fmt.Errorf("distinct people: %w", err)
				}
				if people >= 0 {
					out = append(out, Count{"distinct_people", people})
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("count records: %w", err)
	}
	return out, nil
}

// WhipRow is one legislator in the whip count.
type WhipRow struct {
	LegislatorID  int64
	Chamber       Chamber
	District      string
	Name          string
	FamilyName    string // Open States' family_name ("Perkins Kwoka"); "" when not given
	Party         string
	Stance        Stance
	Attempts      int // live call reports
	Reaches       int // of which reached the office
	LastCalledAt  time.Time
	LastReachedAt time.Time
}

// ChamberCount is the whip count of one chamber.
type ChamberCount struct {
	Chamber Chamber
	// Seats counts the chamber's sitting members on file: fewer than its seats when
	// some are vacant (158 of the Massachusetts House's 160), so it is shown as
	// members (see Standing).
	Seats       int
	VotesNeeded int
	ByStance    map[Stance]int
}

// Standing says where the chamber stands: "2 supporting of 81 needed · 158
// members", the members being those in office on file; a campaign without the votes
// it needs set says so rather than "of 0 needed".
func (c ChamberCount) Standing() string {
	members := strconv.Itoa(c.Seats) + " members"
	if c.Seats == 1 {
		members = "1 member"
	}
	if c.VotesNeeded == 0 {
		return fmt.Sprintf("%d supporting (votes needed not set) · %s", c.Supporting(), members)
	}
	return fmt.Sprintf("%d supporting of %d needed · %s", c.Supporting(), c.VotesNeeded, members)
}

// Supporting is the number of votes counted for the bill (sponsor, cosponsor, yes).
func (c ChamberCount) Supporting() int {
	n := 0
	for s, k := range c.ByStance {
		if s.Supports() {
			n += k
		}
	}
	return n
}

// WhipCount is where the legislature stands on a campaign and how much calling
// reached it.
type WhipCount struct {
	CampaignID  int64
	Chambers    []ChamberCount
	Legislators []WhipRow
	// Calls, Reaches and LegislatorsReached are of the legislators counted.
	Calls              int
	Reaches            int
	LegislatorsReached int
	// The campaign's calls to legislators the count leaves out, and how many of them
	// reached an office: to members no longer in office (Gone) and to legislators of
	// another state (Elsewhere). They were made all the same, and the calls per week
	// count them, so a dashboard that showed only Calls would contradict its own chart
	// once the legislators called have left office.
	GoneCalls, GoneReaches           int
	ElsewhereCalls, ElsewhereReaches int
}

// AllCalls is every live call of the campaign, to whomever it was made.
func (w WhipCount) AllCalls() int { return w.Calls + w.GoneCalls + w.ElsewhereCalls }

// AllReaches is how many of AllCalls reached an office.
func (w WhipCount) AllReaches() int { return w.Reaches + w.GoneReaches + w.ElsewhereReaches }

// NotCalledSince lists legislators with no call since the cutoff (or none at all),
// longest-neglected first: the lead's next targets.
func (w WhipCount) NotCalledSince(cutoff time.Time) []WhipRow {
	var out []WhipRow
	for _, r := range w.Legislators {
		if r.LastCalledAt.Before(cutoff) {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].LastCalledAt.Before(out[j].LastCalledAt) })
	return out
}

// WhipCount computes the whip count of a campaign: the legislators in office of the
// campaign's state (see campaignStateSQL), against the votes it needs. It reads the
// stances and call_stats tables the triggers keep, so it costs the same with ten
// calls or a million. On a server a call two chapters reported counts once
// (coalition_call_stats: call_stats less the repeats, kept by triggers too,
// postgres/0029).
func (s *Store) WhipCount(ctx context.Context, campaignID int64) (WhipCount, error) {
	w := WhipCount{CampaignID: campaignID}
	stats := `call_stats`
	if s.server != nil {
		stats = `coalition_call_stats`
	}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var need [2]int
		var state string
		if err := tx.QueryRowContext(ctx, `SELECT votes_needed_upper, votes_needed_lower, state FROM campaigns WHERE id = ?`,
			campaignID).Scan(&need[0], &need[1], &state); err != nil {
			return err
		}
		w.Chambers = []ChamberCount{
			{Chamber: ChamberUpper, ByStance: map[Stance]int{}},
			{Chamber: ChamberLower, ByStance: map[Stance]int{}},
		}
		states := map[string]bool{}
		err := eachRow(ctx, tx, func(r *sql.Rows) error {
			var row WhipRow
			var last, lastReach int64
			var st string
			if err := r.Scan(&row.LegislatorID, &row.Chamber, &row.District, &row.Name, &row.FamilyName, &row.Party, &row.Stance,
				&row.Attempts, &row.Reaches, &last, &lastReach, &st); err != nil {
				return err
			}
			states[st] = true
			row.LastCalledAt, row.LastReachedAt = fromUnix(last), fromUnix(lastReach)
			w.Legislators = append(w.Legislators, row)
			c := &w.Chambers[0]
			if row.Chamber == ChamberLower {
				c = &w.Chambers[1]
			}
			c.Seats++
			c.ByStance[row.Stance]++
			w.Calls += row.Attempts
			w.Reaches += row.Reaches
			if countsAsReached("", row.Reaches) { // every row here is a seat the count counts
				w.LegislatorsReached++
			}
			return nil
		}, `SELECT l.id, l.chamber, l.district,
			coalesce((SELECT value FROM legislator_edits e WHERE e.legislator_id = l.id AND e.field = 'name'), l.name),
			l.family_name,
			coalesce((SELECT value FROM legislator_edits e WHERE e.legislator_id = l.id AND e.field = 'party'), l.party),
			coalesce(st.stance, 'unknown'), coalesce(cs.attempts, 0), coalesce(cs.reaches, 0),
			coalesce(cs.last_called_at, 0), coalesce(cs.last_reached_at, 0), l.state
			FROM legislators l
			LEFT JOIN stances st ON st.campaign_id = ?1 AND st.legislator_id = l.id
			LEFT JOIN `+stats+` cs ON cs.campaign_id = ?1 AND cs.legislator_id = l.id
			WHERE l.deleted_at IS NULL AND l.in_office = 1 AND `+campaignStateSQL("?2")+`
			ORDER BY l.chamber DESC, l.district, l.name`, campaignID, state)
		w.Chambers[0].VotesNeeded, w.Chambers[1].VotesNeeded = votesNeededFor(state, states, need)
		if err != nil {
			return err
		}
		// The calls to those the query above leaves out, from the same counters.
		gone := `(l.in_office = 0 OR l.deleted_at IS NOT NULL)`
		return tx.QueryRowContext(ctx, `SELECT
				CAST(coalesce(sum(CASE WHEN `+gone+` THEN cs.attempts ELSE 0 END), 0) AS bigint),
				CAST(coalesce(sum(CASE WHEN `+gone+` THEN cs.reaches ELSE 0 END), 0) AS bigint),
				CAST(coalesce(sum(CASE WHEN `+gone+` THEN 0 ELSE cs.attempts END), 0) AS bigint),
				CAST(coalesce(sum(CASE WHEN `+gone+` THEN 0 ELSE cs.reaches END), 0) AS bigint)
			FROM `+stats+` cs JOIN legislators l ON l.id = cs.legislator_id
			WHERE cs.campaign_id = ?1 AND NOT (l.deleted_at IS NULL AND l.in_office = 1 AND `+campaignStateSQL("?2")+`)`,
			campaignID, state).Scan(&w.GoneCalls, &w.GoneReaches, &w.ElsewhereCalls, &w.ElsewhereReaches)
	})
	if err != nil {
		return WhipCount{}, fmt.Errorf("whip count of campaign %d: %w", campaignID, mapErr(err))
	}
	return w, nil
}

// campaignStateSQL is the condition on legislators l that a campaign counts, given
// the campaign's state as the SQL expression state: the legislators of its state, and
// those whose state is not known (typed in by hand, or imported before a file's
// state was required), which may well be its own. A campaign without a state counts
// every legislator.
func campaignStateSQL(state string) string {
	return `(` + state + ` = '' OR l.state = '' OR l.state = ` + state + ` COLLATE NOCASE)`
}

// votesNeededFor is the votes a campaign needs in each chamber as it applies to the
// legislators counted, whose states are given: as the campaign says for its own
// state. A campaign that names no state while the legislators counted sit for
// several has no one legislature its numbers could be about, so it shows none.
func votesNeededFor(state string, states map[string]bool, need [2]int) (int, int) {
	if state == "" {
		named := 0
		for st := range states {
			if st != "" {
				named++
			}
		}
		if named > 1 {
			return 0, 0
		}
	}
	return need[0], need[1]
}
