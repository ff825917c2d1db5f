package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Who the store's login is on a coalition server, the chapter a lead of several works
// on, and what the coordinator reads: the coalition dashboard and every chapter's call
// reports with the caller masked. The walls are the database's (0004_coalition.sql);
// what is here only asks, and refuses what a login's rows would answer wrongly (a lead
// asking for the coalition's numbers would get their own chapter's, silently).

// LoginKind is what a store's login is.
type LoginKind string

const (
	LoginFile        LoginKind = "file"        // a data file: its one user, on its own chapter
	LoginOwner       LoginKind = "owner"       // the server's owner (the login that ran `server init`), or a superuser
	LoginCoordinator LoginKind = "coordinator" // the coalition's coordinator: every chapter's reports, no volunteer
	LoginLead        LoginKind = "lead"        // a chapter's lead: their chapters' people and reports
)

// Login says who the store works as and on which chapters.
type Login struct {
	Kind LoginKind
	Name string // the server login, or the computer's user on a data file
	// Chapters are the chapters this login works on, by name (ID and Name only): a
	// lead's own; the owner's and a data file's own chapter; for the coordinator every
	// chapter of the coalition, whose reports it reads.
	Chapters []Chapter
	// Current is the chapter the store works on now (new records are its, the roster
	// is its); 0 for the coordinator, who works on none.
	Current int64
	// CheckoutOfLead: a data file that is a checkout a coalition server's lead took
	// (or one that does not say who took it). What is recorded in it goes back as
	// that lead's, so it takes no sponsorship: the server refuses a lead's.
	CheckoutOfLead bool
}

// CurrentChapter is the chapter the store works on now (zero for the coordinator).
func (l Login) CurrentChapter() Chapter {
	for _, c := range l.Chapters {
		if c.ID == l.Current {
			return c
		}
	}
	return Chapter{}
}

// Describe says who the login is, for a window's title or status: "lead of
// Worcester", "coordinator", "owner", "" on a data file.
func (l Login) Describe() string {
	switch l.Kind {
	case LoginLead:
		return "lead of " + l.CurrentChapter().Name
	case LoginCoordinator:
		return "coordinator"
	case LoginOwner:
		return "owner"
	}
	return ""
}

// ErrNotCoordinator: a coordinator's read was asked of another login.
var ErrNotCoordinator = errors.New("this is the coalition coordinator's")

// WhoAmI says what the store's login is and which chapters it works on.
func (s *Store) WhoAmI(ctx context.Context) (Login, error) {
	l := Login{Kind: LoginFile, Name: s.actor}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		if s.server == nil {
			var c Chapter
			if err := tx.QueryRowContext(ctx, `SELECT id, name FROM chapters WHERE is_self = 1`).Scan(&c.ID, &c.Name); err != nil {
				return err
			}
			l.Chapters, l.Current = []Chapter{c}, c.ID
			var at, as string
			err := tx.QueryRowContext(ctx, `SELECT coalesce(max(CASE WHEN key = ? THEN value END), ''),
				coalesce(max(CASE WHEN key = ? THEN value END), '') FROM settings`, checkedOutAtSetting, checkedOutAsSetting).Scan(&at, &as)
			// A checkout that does not say who took it is taken for a lead's: a refusal
			// here is better than the server's of the whole push.
			l.CheckoutOfLead = at != "" && as != string(LoginOwner) && as != string(LoginCoordinator)
			return err
		}
		var lead, coordinator, owner bool
		var current sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT
				EXISTS (SELECT 1 FROM chapter_leads WHERE role_name = current_user::text),
				chapterdesk_is_coordinator(),
				pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'chapters'::regclass), 'USAGE'),
				chapterdesk_self_chapter()`).Scan(&lead, &coordinator, &owner, &current); err != nil {
			return err
		}
		var q string
		switch {
		case coordinator:
			l.Kind, q = LoginCoordinator, `SELECT id, name FROM chapters ORDER BY name, id`
		case lead:
			l.Kind, q = LoginLead, `SELECT c.id, c.name FROM chapter_leads l JOIN chapters c ON c.id = l.chapter_id
				WHERE l.role_name = current_user::text ORDER BY c.name, c.id`
		case owner:
			l.Kind, q = LoginOwner, `SELECT id, name FROM chapters WHERE id = chapterdesk_self_chapter()`
		default:
			return fmt.Errorf("the login %s is neither this coalition's owner, a lead nor its coordinator", s.actor)
		}
		l.Current = current.Int64
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var c Chapter
			if err := r.Scan(&c.ID, &c.Name); err != nil {
				return err
			}
			l.Chapters = append(l.Chapters, c)
			return nil
		}, q)
	})
	if err != nil {
		return Login{}, fmt.Errorf("who is connected: %w", mapErr(err))
	}
	return l, nil
}

// UseChapter makes the chapter id the one a lead of several chapters works on, from
// the next query on: every connection of the store's pools carries it (the session
// setting chapterdesk.chapter, which the row-level security and
// chapterdesk_self_chapter() read), so the roster, the reports, the imports and what
// is added are that chapter's alone. The choice lasts as long as the store; the app
// remembers it between runs. Only a lead's own chapter can be chosen; on a data file
// or for the owner only the one chapter they work on, and the coordinator none.
func (s *Store) UseChapter(ctx context.Context, id int64) error {
	who, err := s.WhoAmI(ctx)
	if err != nil {
		return err
	}
	var found Chapter
	for _, c := range who.Chapters {
		if c.ID == id {
			found = c
		}
	}
	switch {
	case who.Kind == LoginCoordinator:
		return &ValidationError{"chapter", "The coordinator works on no chapter's people: the coalition's reports are all theirs to read."}
	case found.ID == 0:
		return &ValidationError{"chapter", fmt.Sprintf("%s does not work on chapter %d.", who.Name, id)}
	case who.Kind != LoginLead:
		return nil // the one chapter it works on already
	}
	s.chapter.set(id)
	// Every connection handed out from now on sets it first (pgConn.ResetSession);
	// check that the database sees it.
	var now sql.NullInt64
	if err := s.r.QueryRowContext(ctx, `SELECT chapterdesk_self_chapter()`).Scan(&now); err != nil {
		return fmt.Errorf("use chapter %s: %w", found.Name, mapErr(err))
	}
	if now.Int64 != id {
		return fmt.Errorf("use chapter %s: the server still works on chapter %d", found.Name, now.Int64)
	}
	return nil
}

// Coalition dashboard sizes: the weeks of calls it shows, and how long without a call
// makes a chapter quiet.
const (
	CoalitionWeeks     = 12
	CoalitionQuietDays = 14
)

// ChapterWeeks is one chapter's calls on the coalition dashboard.
type ChapterWeeks struct {
	ID       int64
	Name     string
	Weeks    []WeekCount // calls per week, one per CoalitionDashboard.Weeks
	Calls    int         // in those weeks
	LastCall time.Time   // the chapter's newest call of the campaign; zero: none ever
}

// CoalitionDashboard is the coordinator's first look at a campaign: the whip count
// from every chapter's reports, each chapter's calls per week, and the chapters gone
// quiet.
type CoalitionDashboard struct {
	Now      time.Time
	Whip     WhipCount
	Weeks    []time.Time    // the Mondays the weeks shown start (local time), oldest first
	Chapters []ChapterWeeks // every chapter, by name
	// Coalition is the coalition's calls per week, one per Weeks: a call two chapters
	// reported (the same form imported by both) counted once, where each chapter's
	// row counts its own report, so the rows may add up to more.
	Coalition []WeekCount
	Quiet     []ChapterWeeks // no call in CoalitionQuietDays: never called first, then longest quiet
}

// CoalitionDashboard reads the coalition dashboard of a campaign as of now. It is the
// coordinator's (the owner, who reads every chapter too, may ask); a lead's reports
// are their chapter's only, so a lead is refused rather than shown a coalition of one.
func (s *Store) CoalitionDashboard(ctx context.Context, campaignID int64, now time.Time) (CoalitionDashboard, error) {
	d := CoalitionDashboard{Now: now}
	if s.server == nil {
		return d, fmt.Errorf("coalition dashboard: %w: a data file is one chapter's", ErrNotCoordinator)
	}
	if campaignID == 0 {
		return d, &ValidationError{"campaign", "Choose a campaign."}
	}
	start := weekStart(now).AddDate(0, 0, -7*(CoalitionWeeks-1))
	bounds := make([]any, 0, CoalitionWeeks+2)
	bounds = append(bounds, campaignID)
	for i := 0; i <= CoalitionWeeks; i++ {
		w := start.AddDate(0, 0, 7*i)
		if i < CoalitionWeeks {
			d.Weeks = append(d.Weeks, w)
		}
		bounds = append(bounds, stamp(w))
	}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		if err := s.mayReadCoalition(ctx, tx); err != nil {
			return err
		}
		byID := map[int64]int{}
		if err := eachRow(ctx, tx, func(r *sql.Rows) error {
			var c ChapterWeeks
			var last int64
			if err := r.Scan(&c.ID, &c.Name, &last); err != nil {
				return err
			}
			c.LastCall = fromUnix(last)
			c.Weeks = make([]WeekCount, CoalitionWeeks)
			for i := range c.Weeks {
				c.Weeks[i].Start = d.Weeks[i]
			}
			byID[c.ID] = len(d.Chapters)
			d.Chapters = append(d.Chapters, c)
			return nil
		}, `SELECT c.id, c.name, coalesce((SELECT max(r.called_at) FROM call_reports r
				WHERE r.chapter_id = c.id AND r.campaign_id = ? AND r.deleted_at IS NULL), 0)
			FROM chapters c ORDER BY c.name, c.id`, campaignID); err != nil {
			return err
		}
		// The weeks' calls from the chapters' quarter-hour counters (kept by triggers:
		// 0006), when every week starts on a quarter of an hour, as every time zone's
		// midnight does today; else from the reports themselves. ?2..?14 are the
		// weeks' bounds. A chapter's row counts its own reports; the coalition's weeks
		// count a call two chapters reported once, less the repeats (postgres/0029).
		at, table := "called_at", fmt.Sprintf(`SELECT campaign_id, chapter_id, called_at, 1 AS calls,
				CASE WHEN outcome IN (`+reachedList+`) THEN 1 ELSE 0 END AS reaches, repeat AS repeats,
				CASE WHEN outcome IN (`+reachedList+`) THEN repeat ELSE 0 END AS repeat_reaches
				FROM (SELECT campaign_id, chapter_id, called_at, outcome, CASE WHEN id IN (SELECT chapterdesk_call_repeats(?1, ?2, ?%d)) THEN 1 ELSE 0 END AS repeat
					FROM call_reports WHERE deleted_at IS NULL) r`, CoalitionWeeks+2)
		if quarters(bounds[1:]) {
			at, table = "quarter", `SELECT campaign_id, chapter_id, quarter, calls, reaches, repeats, repeat_reaches FROM chapter_call_quarters`
			for i := 1; i < len(bounds); i++ {
				bounds[i] = bounds[i].(int64) / quarterSeconds
			}
		}
		var week strings.Builder
		week.WriteString("CASE")
		for i := 1; i <= CoalitionWeeks; i++ {
			fmt.Fprintf(&week, " WHEN %s < ?%d THEN %d", at, i+2, i-1)
		}
		week.WriteString(" END")
		d.Coalition = make([]WeekCount, CoalitionWeeks)
		for i := range d.Coalition {
			d.Coalition[i].Start = d.Weeks[i]
		}
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var chapter int64
			var wk, calls, reaches, repeats, repeatReaches int
			if err := r.Scan(&chapter, &wk, &calls, &reaches, &repeats, &repeatReaches); err != nil {
				return err
			}
			i, ok := byID[chapter]
			if !ok || wk < 0 || wk >= CoalitionWeeks {
				return fmt.Errorf("calls of chapter %d in week %d, which the dashboard does not have", chapter, wk)
			}
			c := &d.Chapters[i]
			c.Weeks[wk].Calls, c.Weeks[wk].Reaches = calls, reaches
			c.Calls += calls
			d.Coalition[wk].Calls += calls - repeats
			d.Coalition[wk].Reaches += reaches - repeatReaches
			return nil
		}, fmt.Sprintf(`SELECT chapter_id, %[1]s, CAST(sum(calls) AS bigint), CAST(sum(reaches) AS bigint),
			CAST(sum(repeats) AS bigint), CAST(sum(repeat_reaches) AS bigint) FROM (%[2]s) x
			WHERE campaign_id = ?1 AND %[3]s >= ?2 AND %[3]s < ?%[4]d
			  AND chapter_id IN (SELECT id FROM chapters) -- counters an older undo left of a chapter gone (t9 repro-21)
			GROUP BY 1, 2`, week.String(), table, at, CoalitionWeeks+2), bounds...)
	})
	if err != nil {
		return CoalitionDashboard{}, fmt.Errorf("coalition dashboard: %w", mapErr(err))
	}
	quietSince := now.AddDate(0, 0, -CoalitionQuietDays)
	for _, c := range d.Chapters {
		if c.LastCall.IsZero() || !c.LastCall.After(quietSince) {
			d.Quiet = append(d.Quiet, c)
		}
	}
	sort.SliceStable(d.Quiet, func(i, j int) bool { return d.Quiet[i].LastCall.Before(d.Quiet[j].LastCall) })
	if d.Whip, err = s.WhipCount(ctx, campaignID); err != nil {
		return CoalitionDashboard{}, fmt.Errorf("coalition dashboard: %w", err)
	}
	return d, nil
}

// quarterSeconds is the span of chapter_call_quarters' counters.
const quarterSeconds = 900

// quarters reports whether every bound (Unix seconds) falls on a quarter of an hour.
func quarters(bounds []any) bool {
	for _, b := range bounds {
		if b.(int64)%quarterSeconds != 0 {
			return false
		}
	}
	return true
}

// mayReadCoalition refuses a login whose call reports are not every chapter's.
func (s *Store) mayReadCoalition(ctx context.Context, tx *sql.Tx) error {
	var ok bool
	if err := tx.QueryRowContext(ctx, `SELECT chapterdesk_is_coordinator()
		OR pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = 'chapters'::regclass), 'USAGE')`).Scan(&ok); err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%w; %s reads their own chapter's reports", ErrNotCoordinator, s.actor)
	}
	return nil
}

// CoalitionCallRow is a call report as the coordinator sees it: its chapter, and the
// caller as first name and last initial; no notes, nothing else of the volunteer.
type CoalitionCallRow struct {
	ID           int64
	ChapterID    int64
	Chapter      string
	CalledAt     time.Time
	Caller       string // "Ann A."; "" when the report names no caller
	LegislatorID int64
	Legislator   string // "Rep. Jane Doe"
	Office       Office
	Outcome      Outcome
	StanceHeard  Stance
	FollowUp     bool
}

// CoalitionCallFilter narrows the coordinator's list. Zero values do not filter.
type CoalitionCallFilter struct {
	CampaignID   int64
	ChapterID    int64
	LegislatorID int64
	From, To     time.Time // To is exclusive
}

// CoalitionCallReports returns one page of every chapter's live reports, newest call
// first, from the coordinator's view coalition_call_reports. Only the coordinator
// reads it (the view answers no one else).
func (s *Store) CoalitionCallReports(ctx context.Context, f CoalitionCallFilter, offset, limit int) ([]CoalitionCallRow, error) {
	if s.server == nil {
		return nil, fmt.Errorf("coalition call reports: %w: a data file is one chapter's", ErrNotCoordinator)
	}
	conds := []string{"r.deleted_at IS NULL"}
	var args []any
	for _, c := range []struct {
		cond string
		v    int64
	}{{"r.campaign_id = ?", f.CampaignID}, {"r.chapter_id = ?", f.ChapterID}, {"r.legislator_id = ?", f.LegislatorID}} {
		if c.v != 0 {
			conds, args = append(conds, c.cond), append(args, c.v)
		}
	}
	if !f.From.IsZero() {
		conds, args = append(conds, "r.called_at >= ?"), append(args, stamp(f.From))
	}
	if !f.To.IsZero() {
		conds, args = append(conds, "r.called_at < ?"), append(args, stamp(f.To))
	}
	args = append(args, limit, offset)
	var out []CoalitionCallRow
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		var coordinator bool
		if err := tx.QueryRowContext(ctx, `SELECT chapterdesk_is_coordinator()`).Scan(&coordinator); err != nil {
			return err
		}
		if !coordinator {
			return fmt.Errorf("%w; %s is not the coordinator", ErrNotCoordinator, s.actor)
		}
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var c CoalitionCallRow
			var at int64
			var ch Chamber
			var name string
			if err := r.Scan(&c.ID, &c.ChapterID, &c.Chapter, &at, &c.Caller, &c.LegislatorID, &ch, &name,
				&c.Office, &c.Outcome, &c.StanceHeard, &c.FollowUp); err != nil {
				return err
			}
			c.CalledAt = fromUnix(at)
			c.Legislator = Legislator{Chamber: ch, Name: name}.Title()
			out = append(out, c)
			return nil
		}, `SELECT r.id, r.chapter_id, r.chapter, r.called_at, r.caller, r.legislator_id, l.chamber,
			coalesce((SELECT value FROM legislator_edits e WHERE e.legislator_id = l.id AND e.field = 'name'), l.name),
			r.office, r.outcome, r.stance_heard, r.follow_up
			FROM coalition_call_reports r JOIN legislators l ON l.id = r.legislator_id
			WHERE `+strings.Join(conds, " AND ")+` ORDER BY r.called_at DESC, r.id DESC LIMIT ? OFFSET ?`, args...)
	})
	if err != nil {
		return nil, fmt.Errorf("coalition call reports: %w", mapErr(err))
	}
	return out, nil
}

// CoalitionStanceHistory is a legislator's stance history for the campaign as the
// coordinator may read it: without who changed it (changed_by is often a caller's full
// name, and the coordinator has no grant on it), newest first.
func (s *Store) CoalitionStanceHistory(ctx context.Context, campaignID, legislatorID int64) ([]StanceChange, error) {
	var out []StanceChange
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		return eachRow(ctx, tx, func(r *sql.Rows) error {
			var c StanceChange
			var at int64
			if err := r.Scan(&c.ID, &c.CampaignID, &c.LegislatorID, &c.Stance, &at, &c.Reason, &c.CallReportID, &c.Counts); err != nil {
				return err
			}
			c.ChangedAt = fromUnix(at)
			out = append(out, c)
			return nil
		}, `SELECT id, campaign_id, legislator_id, stance, changed_at, reason, coalesce(call_report_id, 0), `+countedSQL+`
			FROM stance_history WHERE campaign_id = ? AND legislator_id = ? ORDER BY changed_at DESC, id DESC`, campaignID, legislatorID)
	})
	if err != nil {
		return nil, fmt.Errorf("stance history of legislator %d: %w", legislatorID, mapErr(err))
	}
	return out, nil
}
