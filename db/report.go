package db

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"
)

// ReportQuery chooses what a coalition workbook covers: one campaign and a period.
type ReportQuery struct {
	CampaignID int64          // 0: the newest live campaign
	From, To   time.Time      // the period; To is exclusive
	Location   *time.Location // weeks and calendar dates are counted here; nil: the campaign's legislature's (Store.Zone)
	// TallyInCallLog leaves the period's sums (the Summary's counts and the
	// Legislators, Districts, Weeks, Chapters and volunteers' activity) to the pass
	// EachCall makes over the period's calls instead of a pass of their own before fn
	// runs, so a workbook reads its calls once, not twice. Until the first EachCall
	// has returned, those are zero and Legislators are in the order they were read.
	TallyInCallLog bool
}

// Report is everything a coalition workbook shows, read from one snapshot of the
// file. The small tables are plain data; the long ones (the call log, the roster)
// are streamed by its Each methods, which may only be called inside the function
// given to Store.Report. The volunteers' activity is summed while the period is
// read and listed by EachVolunteerActivity.
type Report struct {
	Summary     ReportSummary
	Legislators []LegislatorActivity // in office, next targets first (see NextTargetOrder), then those called not counted
	Districts   []DistrictActivity   // Senate first, by district
	Weeks       []WeekActivity       // every week of the period, oldest first
	Chapters    []ChapterActivity    // every chapter in the file, own chapter first (a lead: their chapters)

	ctx      context.Context
	tx       *sql.Tx
	q        ReportQuery
	names    lookupNames
	vols     rosterIndex
	activity []VolunteerActivity

	votesNeeded [2]int          // Senate, House
	server      bool            // on a server: the own chapter is the login's
	coordinator bool            // a coalition's coordinator: no roster, callers as "Ann A." (see Coalition)
	lead        bool            // a coalition's lead: their chapters only
	state       string          // the campaign's state: its whip count is that state's legislators
	legStates   map[string]bool // the states of the legislators counted
	pending     *periodTally    // with TallyInCallLog, the sums the first EachCall makes
	// repeats are the period's call reports another chapter has a report of alike
	// (repeatSQL): counted in their chapter's figures, not again in the totals.
	repeats map[int64]bool
	roster  *rosterPrefetch
}

// ReportSummary is the workbook's first sheet: who, what, when and the totals.
type ReportSummary struct {
	Chapter            Chapter // the chapter that owns the file
	CampaignID         int64
	CampaignName       string
	BillNumbers        string
	From, To           time.Time // To is exclusive
	Calls              int       // call reports in the period
	Reaches            int       // of which reached the office
	LegislatorsCalled  int       // distinct legislators called, of those the whip count counts (in office now)
	LegislatorsReached int       // of which reached: see countsAsReached, the dashboard's definition too
	// LegislatorsNotCounted counts the distinct legislators the period's calls went
	// to that the whip count leaves out (out of office now, another state): not
	// among LegislatorsCalled, their calls still among Calls and Reaches.
	LegislatorsNotCounted int
	VolunteersCalled      int // distinct volunteers who made a call
	NewVolunteers         int // volunteers who joined from JoinedFrom to JoinedTo (FewVolunteers: withheld)
	// JoinedFrom and JoinedTo (exclusive) are the days NewVolunteers counts: the
	// period's, or for the coalition's coordinator the whole calendar months that hold
	// it (the server counts joiners by whole months only: 0015).
	JoinedFrom, JoinedTo time.Time
	Volunteers           int // live volunteers on the roster (FewVolunteers: withheld); of several chapters, their rosters' sum
	// People, in a report of several chapters, is Volunteers with a person on more
	// than one chapter's roster counted once (countPeople); 0 when not known (the
	// coordinator, who may not read the rosters) or of one chapter.
	People        int
	FollowUpsOpen int // follow-ups asked for and not done, on calls before the period's end
	Whip          []ChamberMove
}

// ChamberMove is one chamber's whip count at the start and at the end of the period.
type ChamberMove struct {
	Chamber         Chamber
	Seats           int
	VotesNeeded     int
	Start, End      map[Stance]int // at the start and at the end of the period
	SupportingStart int            // sponsor, cosponsor or yes at the start
	SupportingEnd   int
	// MovedToward and MovedAway count the legislators whose stance moved in the
	// period from one known stance to another, toward the bill or away: from the
	// stance at the start, or the first one recorded in the period when none was
	// known then. A first stance recorded (from none, or "unknown") is not a move.
	MovedToward int
	MovedAway   int
}

// LegislatorActivity is one legislator's line in the workbook.
type LegislatorActivity struct {
	ID            int64
	Chamber       Chamber
	District      string
	Name          string // with the lead's edits applied
	Party         string
	StanceStart   Stance    // at the start of the period ("unknown" when never set)
	StanceEnd     Stance    // at the end of the period: now, when the period ends today
	Attempts      int       // calls in the period, any outcome
	Reaches       int       // calls in the period that reached the office
	LastContact   time.Time // newest call before the period's end; zero: never called
	LastReached   time.Time // newest reach before the period's end
	FollowUpsOpen int       // follow-ups asked for and not done, before the period's end
	// NotCounted says why the whip count leaves out a legislator the period's calls
	// went to (NotCountedGone, NotCountedElsewhere); "" for a seat it counts.
	NotCounted string

	firstKnown Stance // the first stance other than unknown recorded in the period ("unknown": none)
}

// countsAsReached is the one definition of a legislator reached, which the dashboard
// (WhipCount) and the workbook (its Summary, By chapter and By district) give alike:
// a legislator the whip count counts (notCounted "": in office now, of the
// campaign's state) whose office a call reached. A member who has left office was
// reached all the same, but is no vote to win now; counted so by the workbook and not
// by the dashboard, the two said 14 and 13 for the same calls (tester t3, F15). Their
// calls stay among the calls and reaches, and the workbook counts them apart.
func countsAsReached(notCounted string, reaches int) bool { return notCounted == "" && reaches > 0 }

// LegislatorsReachedLabel and LegislatorsCalledLabel name what countsAsReached
// counts, wherever the number is shown (the dashboard's card, the workbook's sheets).
const (
	LegislatorsReachedLabel = "Legislators reached (in office now)"
	LegislatorsCalledLabel  = "Legislators called (in office now)"
)

// Why the whip count leaves out a legislator a period's calls went to.
const (
	NotCountedGone      = "out of office"               // retired by an import, or deleted
	NotCountedElsewhere = "not of the campaign's state" // sits for another state
)

// Title is how the legislator is addressed: "Sen. Jane Doe".
func (a LegislatorActivity) Title() string {
	return Legislator{Chamber: a.Chamber, Name: a.Name}.Title()
}

// Persuadable reports whether calls can still move the legislator: leaning yes,
// undecided, leaning no or not known, and counted in the whip count. Sponsors and
// firm votes either way are not where a phone bank's next hour goes.
func (a LegislatorActivity) Persuadable() bool {
	return a.NotCounted == "" && persuasionRank(a.StanceEnd) < 4
}

// persuasionRank orders stances by where calls matter most.
func persuasionRank(s Stance) int {
	switch s {
	case StanceLeaningYes:
		return 0
	case StanceUndecided:
		return 1
	case StanceLeaningNo:
		return 2
	case StanceUnknown, "":
		return 3
	case StanceYes:
		return 4
	case StanceNo:
		return 5
	case StanceCosponsor:
		return 6
	}
	return 7
}

// NextTargetOrder sorts legislators so the next targets come first: the most
// persuadable stance, then the longest since anyone reached the office.
func NextTargetOrder(ls []LegislatorActivity) {
	sort.SliceStable(ls, func(i, j int) bool {
		a, b := ls[i], ls[j]
		if (a.NotCounted == "") != (b.NotCounted == "") {
			return a.NotCounted == "" // those the whip count leaves out last
		}
		if ra, rb := persuasionRank(a.StanceEnd), persuasionRank(b.StanceEnd); ra != rb {
			return ra < rb
		}
		if !a.LastReached.Equal(b.LastReached) {
			return a.LastReached.Before(b.LastReached)
		}
		if a.Chamber != b.Chamber {
			return a.Chamber > b.Chamber // upper (Senate) first
		}
		return a.District < b.District
	})
}

// DistrictActivity is one district of one chamber: its members and the calling there.
type DistrictActivity struct {
	Chamber            Chamber
	District           string
	Members            string // "Rep. A; Rep. B" for a two-member district
	Stances            string // their stances now, in the same order
	Volunteers         int    // live volunteers living in the district (FewVolunteers: withheld)
	Attempts           int
	Reaches            int
	LegislatorsReached int
	LastContact        time.Time
}

// WeekActivity is one week (Monday to Sunday) of the period.
type WeekActivity struct {
	Start   time.Time // Monday 00:00 in the report's location
	Calls   int
	Reaches int
}

// CoalitionMinGroup is the fewest volunteers a count the coordinator reads may be of:
// a smaller group (a district's, a chapter's) is withheld by the database (0014),
// as published small-area counts are, for with the callers' names it points at a
// person; so is a count that with the others would give one by subtraction (0015:
// a chapter's joiners when a month of them was smaller, a second chapter or district
// beside a small one).
const CoalitionMinGroup = 5

// FewVolunteers stands for a count of volunteers withheld from the coordinator
// (see CoalitionMinGroup: not always a small one; the database does not say why). It is never summed: the coalition's totals come from the database whole.
const FewVolunteers = -1

// ChapterActivity is one chapter's totals for the period.
type ChapterActivity struct {
	ID                 int64
	UUID               string
	Name               string
	IsSelf             bool
	Volunteers         int // FewVolunteers: withheld
	NewVolunteers      int // FewVolunteers: withheld
	Calls              int
	Reaches            int
	LegislatorsReached int
	VolunteersCalled   int
	FollowUpsOpen      int       // asked for on the period's calls and not done
	StanceChanges      int       // whip count changes the chapter recorded in the period
	LastCall           time.Time // the chapter's newest call of the campaign before the period's end; zero: none
	WeekCalls          []int     // calls per week of the period, as Report.Weeks
}

// Coalition reports whether the report was read by a coalition's coordinator: it
// holds every chapter's calls but nothing of the roster beyond counts (the database
// gives a coordinator no more: see migrations/postgres/0007_coalition_workbook.sql).
// Callers are named by first name and last initial, calls have no notes, there is no
// roster (EachVolunteer fails) and no recruits.
func (r *Report) Coalition() bool { return r.coordinator }

// reachSQL is the SQL test for a reach, built from Outcome.Reached so the rule lives
// in one place (the call_stats triggers in 0001_init.sql spell out the same list).
var reachSQL = func() string {
	var or []string
	for _, o := range Outcomes {
		if o.Reached() {
			or = append(or, "r.outcome = '"+string(o)+"'")
		}
	}
	return "(" + strings.Join(or, " OR ") + ")"
}()

// periodWhere selects the live calls of the query's campaign in its period; its
// arguments are ?1 campaign, ?2 from, ?3 to.
const periodWhere = `r.deleted_at IS NULL AND r.campaign_id = ?1 AND r.called_at >= ?2 AND r.called_at < ?3`

// repeatSQL is true of a call report (r) that repeats a report of another chapter:
// the same form imported by two chapters (tester t4, F4) gives each its own report
// of one call. Alike is what PostgreSQL migration 0022 tells the second import (the
// same legislator, second, office, outcome, stance heard and notes; here the same
// campaign too), and the report with the lowest id is the one the coalition counts.
// The callers are not compared: each chapter's import adds its own volunteer for the
// caller, and the coordinator reads no contact detail to match them by. 0024 spells
// out the same test for the coordinator, who may not read the notes.
const repeatSQL = `EXISTS (SELECT 1 FROM call_reports o WHERE o.legislator_id = r.legislator_id AND o.called_at = r.called_at
	AND o.campaign_id = r.campaign_id AND o.chapter_id <> r.chapter_id AND o.deleted_at IS NULL AND o.office = r.office
	AND o.outcome = r.outcome AND o.stance_heard = r.stance_heard AND o.notes = r.notes AND o.id < r.id)`

// loadRepeats reads the period's repeats (repeatSQL): the coordinator asks the server
// (chapterdesk_call_repeats, 0024); everyone else reads them, a coalition's lead
// among the reports of their own chapters (a lead of two counted a call both
// imported twice).
func (r *Report) loadRepeats() error {
	r.repeats = map[int64]bool{}
	q := `SELECT r.id FROM call_reports r WHERE ` + periodWhere + ` AND ` + repeatSQL
	switch {
	case len(r.Chapters) < 2: // one chapter's reports: none repeats another's
		return nil
	case r.coordinator && r.server:
		q = `SELECT chapterdesk_call_repeats(?1, ?2, ?3)`
	}
	return eachRow(r.ctx, r.tx, func(rows *sql.Rows) error {
		var id int64
		err := rows.Scan(&id)
		r.repeats[id] = true
		return err
	}, q, r.args()...)
}

// Report reads a workbook's data for q in one read-only transaction and calls fn with
// it; the Each methods of the Report stream the long tables from the same snapshot.
func (s *Store) Report(ctx context.Context, q ReportQuery, fn func(*Report) error) error {
	if q.Location == nil {
		z, err := s.Zone(ctx, q.CampaignID)
		if err != nil {
			return fmt.Errorf("report: %w", err)
		}
		q.Location = z.Loc
	}
	if !q.From.IsZero() && !q.To.IsZero() && !q.From.Before(q.To) {
		return fmt.Errorf("report: the period ends (%s) before it starts (%s)", q.To.Format(time.DateOnly),
			q.From.Format(time.DateOnly))
	}
	err := s.twinReadTx(ctx, func(tx, rosterTx *sql.Tx) error {
		r := &Report{ctx: ctx, tx: tx, q: q, server: s.server != nil}
		if r.server {
			if err := tx.QueryRowContext(ctx, `SELECT chapterdesk_is_coordinator(),
				EXISTS (SELECT 1 FROM chapterdesk_lead_chapters())`).Scan(&r.coordinator, &r.lead); err != nil {
				return err
			}
		}
		if rosterTx != nil && !r.coordinator {
			// The roster, the longest sheet, sorts on a second connection while the
			// rest is read: SQLite works on one statement of a connection at a time.
			r.roster = prefetchRoster(ctx, rosterTx)
			defer r.roster.close()
		}
		if err := r.load(); err != nil {
			return err
		}
		return fn(r)
	})
	if err != nil {
		return fmt.Errorf("report: %w", mapErr(err))
	}
	return nil
}

// args are the period's SQL arguments.
func (r *Report) args() []any {
	return []any{r.q.CampaignID, stamp(r.q.From), stamp(r.q.To)}
}

func (r *Report) load() error {
	if err := r.loadCampaign(); err != nil {
		return err
	}
	if r.q.To.IsZero() {
		r.q.To = time.Now().Add(time.Second).Truncate(time.Second)
	}
	if r.q.From.IsZero() {
		// The whole campaign: from the day of its first call.
		var first int64
		if err := r.tx.QueryRowContext(r.ctx, `SELECT coalesce(min(called_at), ?2) FROM call_reports
			WHERE deleted_at IS NULL AND campaign_id = ?1`, r.q.CampaignID, stamp(r.q.To)-1).Scan(&first); err != nil {
			return err
		}
		t := time.Unix(first, 0).In(r.q.Location)
		r.q.From = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, r.q.Location)
	}
	r.Summary.CampaignID, r.Summary.From, r.Summary.To = r.q.CampaignID, r.q.From, r.q.To
	var err error
	if r.names, err = loadNames(r.ctx, r.tx, r.server); err != nil {
		return err
	}
	load := loadRosterIndex
	r.Summary.JoinedFrom, r.Summary.JoinedTo = r.q.From, r.q.To
	if r.coordinator {
		load = loadCoalitionRosterIndex
		r.Summary.JoinedFrom, r.Summary.JoinedTo = wholeMonths(r.q.From.In(r.q.Location), r.q.To.In(r.q.Location))
	}
	if r.vols, err = load(r.ctx, r.tx, r.dateOf(r.Summary.JoinedFrom), r.dateOf(r.Summary.JoinedTo)); err != nil {
		return err
	}
	loc := r.q.Location
	for w := mondayOf(r.q.From.In(loc)); w.Before(r.q.To); w = w.AddDate(0, 0, 7) {
		r.Weeks = append(r.Weeks, WeekActivity{Start: w})
	}
	for _, step := range []func() error{r.loadChapters, r.loadLegislators, r.loadChapterExtras, r.loadRepeats} {
		if err := step(); err != nil {
			return err
		}
	}
	r.loadWhip()
	if r.q.TallyInCallLog {
		r.pending = newPeriodTally(r)
		return nil
	}
	return r.scanPeriod()
}

// loadCampaign picks the campaign (the newest live one when none is asked for) and
// the chapter profile.
func (r *Report) loadCampaign() error {
	ctx, tx := r.ctx, r.tx
	if r.q.CampaignID == 0 {
		err := tx.QueryRowContext(ctx, `SELECT id FROM campaigns WHERE deleted_at IS NULL ORDER BY `+newestCampaignOrder+` LIMIT 1`).
			Scan(&r.q.CampaignID)
		if err == sql.ErrNoRows {
			return fmt.Errorf("the file has no campaign")
		}
		if err != nil {
			return err
		}
	}
	err := tx.QueryRowContext(ctx, `SELECT coalesce(t.name, ''),
		coalesce((SELECT string_agg(number, ' / ' ORDER BY position) FROM campaign_bills WHERE campaign_id = c.id), ''),
		c.votes_needed_upper, c.votes_needed_lower, c.state
		FROM campaigns c LEFT JOIN campaign_texts t ON t.campaign_id = c.id AND t.lang = c.default_lang
		WHERE c.id = ? AND c.deleted_at IS NULL`, r.q.CampaignID).Scan(&r.Summary.CampaignName, &r.Summary.BillNumbers,
		&r.votesNeeded[0], &r.votesNeeded[1], &r.state)
	if err == sql.ErrNoRows {
		return fmt.Errorf("campaign %d: %w", r.q.CampaignID, ErrNotFound)
	}
	if err != nil {
		return err
	}
	c := &r.Summary.Chapter
	if r.coordinator {
		return nil // the coalition's, no chapter's: the workbook names its chapters
	}
	return tx.QueryRowContext(ctx, `SELECT id, uuid, 1, name, state, contact_name, email, phone, website, address
		FROM chapters WHERE id = (`+selfChapterQuery(r.server)+`)`).Scan(&c.ID, &c.UUID, &c.IsSelf, &c.Name, &c.State, &c.ContactName,
		&c.Email, &c.Phone, &c.Website, &c.Address)
}

// loadChapters lists the chapters in the file with their roster counts: on a
// coalition server, every chapter for the owner and the coordinator, a lead's own
// chapters for a lead (the others' calls and roster the lead cannot read).
func (r *Report) loadChapters() error {
	where := ``
	if r.lead {
		where = ` WHERE id IN (SELECT chapterdesk_lead_chapters())`
	}
	err := eachRow(r.ctx, r.tx, func(rows *sql.Rows) error {
		var c ChapterActivity
		if err := rows.Scan(&c.ID, &c.UUID, &c.Name, &c.IsSelf); err != nil {
			return err
		}
		n := r.vols.chapter(c.ID)
		c.Volunteers, c.NewVolunteers = n[0], n[1]
		if !r.vols.withheld {
			r.Summary.Volunteers += n[0]
			r.Summary.NewVolunteers += n[1]
		}
		r.Chapters = append(r.Chapters, c)
		return nil
	}, `SELECT id, uuid, name, is_self FROM chapters`+where+` ORDER BY is_self DESC, name, id`)
	if r.vols.withheld {
		// The coalition's totals when given (rounded to a multiple of 5, 0020): the
		// parts withheld are in them.
		r.Summary.Volunteers, r.Summary.NewVolunteers = r.vols.total[0], r.vols.total[1]
	}
	if err == nil && !r.vols.withheld && len(r.Chapters) > 1 {
		r.Summary.People, err = countPeople(r.ctx, r.tx)
	}
	return err
}

// loadChapterExtras reads what the By chapter sheet shows beyond the period's calls:
// each chapter's whip count changes in the period. Only a report of several chapters
// has that sheet.
func (r *Report) loadChapterExtras() error {
	if len(r.Chapters) < 2 {
		return nil
	}
	byID := map[int64]*ChapterActivity{}
	for i := range r.Chapters {
		r.Chapters[i].WeekCalls = make([]int, len(r.Weeks))
		byID[r.Chapters[i].ID] = &r.Chapters[i]
	}
	err := eachRow(r.ctx, r.tx, func(rows *sql.Rows) error {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return err
		}
		if c := byID[id]; c != nil {
			c.StanceChanges = n
		}
		return nil
	}, `SELECT chapter_id, count(*) FROM stance_history WHERE campaign_id = ?1 AND changed_at >= ?2 AND changed_at < ?3
		AND chapter_id IS NOT NULL GROUP BY chapter_id`, r.args()...)
	if err != nil {
		return err
	}
	return nil
}

// quietLastCalls finds the newest call before the period of each chapter that made
// none in it (the period's calls gave the others'): one look down the called_at
// index a chapter, and none while every chapter calls.
func (r *Report) quietLastCalls() error {
	if len(r.Chapters) < 2 {
		return nil
	}
	for i := range r.Chapters {
		c := &r.Chapters[i]
		if c.Calls > 0 {
			continue
		}
		var at int64
		err := r.tx.QueryRowContext(r.ctx, `SELECT r.called_at FROM call_reports r WHERE r.deleted_at IS NULL
			AND r.campaign_id = ?1 AND r.chapter_id = ?2 AND r.called_at < ?3 ORDER BY r.called_at DESC LIMIT 1`,
			r.q.CampaignID, c.ID, stamp(r.q.From)).Scan(&at)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return err
		}
		c.LastCall = fromUnix(at)
	}
	return nil
}

// dateOf is the calendar day of t in the report's location, as joined_on stores it.
func (r *Report) dateOf(t time.Time) string { return t.In(r.q.Location).Format(time.DateOnly) }

// wholeMonths is the calendar months that hold [from, to): from the first day of
// from's month to the first day of the month after the one to's last instant is in.
func wholeMonths(from, to time.Time) (time.Time, time.Time) {
	first := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, t.Location()) }
	end := first(to.Add(-time.Nanosecond))
	if end.Before(first(from)) {
		end = first(from) // an empty period still counts a month: the server refuses none
	}
	return first(from), end.AddDate(0, 1, 0)
}

// mondayOf is the Monday 00:00 starting t's week, in t's location.
func mondayOf(t time.Time) time.Time {
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// districtsOf sums the legislators' lines per chamber and district. A call is
// credited to the district of its date, as the call log lists it (t6 F8): a member a
// legislators import moved since (former: their period's calls made from another
// seat, see periodTally.add) is listed in that seat's row too, vacant now or not,
// "(now Senate, Worcester and Middlesex)", with the calls made to it; names gives
// the seat of their newest contact.
func districtsOf(ls []LegislatorActivity, names lookupNames, former map[int64][]*seatCalls,
	volunteers func(districtKey) int) []DistrictActivity {
	index := map[districtKey]int{}
	var out []DistrictActivity
	row := func(k districtKey) *DistrictActivity {
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, DistrictActivity{Chamber: k.chamber, District: k.district, Volunteers: volunteers(k)})
		}
		return &out[i]
	}
	add := func(d *DistrictActivity, member string, l *LegislatorActivity, attempts, reaches int, last time.Time) {
		if d.Members != "" {
			d.Members += "; "
			d.Stances += "; "
		}
		d.Members += member
		d.Stances += l.StanceEnd.Label()
		d.Attempts += attempts
		d.Reaches += reaches
		if countsAsReached(l.NotCounted, reaches) {
			d.LegislatorsReached++
		}
		if last.After(d.LastContact) {
			d.LastContact = last
		}
	}
	for i := range ls {
		l := &ls[i]
		here := districtKey{l.Chamber, l.District}
		lastAt := here
		if moved := former[l.ID]; len(moved) > 0 && !l.LastContact.IsZero() {
			was := names.legislators[l.ID].at(l.LastContact.Unix())
			lastAt = districtKey{was.chamber, was.district}
		}
		attempts, reaches := l.Attempts, l.Reaches
		for _, f := range former[l.ID] {
			attempts -= f.attempts
			reaches -= f.reaches
		}
		member := l.Title()
		if l.NotCounted != "" {
			member += " (" + l.NotCounted + ")"
		}
		last := l.LastContact
		if lastAt != here {
			last = time.Time{}
		}
		add(row(here), member, l, attempts, reaches, last)
		for _, f := range former[l.ID] {
			member := Legislator{Chamber: f.seat.chamber, Name: l.Name}.Title() + " (now " + l.Chamber.Label() + ", " + l.District
			if l.NotCounted != "" {
				member += "; " + l.NotCounted
			}
			last := fromUnix(f.last)
			if lastAt == f.seat && l.LastContact.After(last) {
				last = l.LastContact
			}
			add(row(f.seat), member+")", l, f.attempts, f.reaches, last)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Chamber != out[j].Chamber {
			return out[i].Chamber > out[j].Chamber
		}
		return naturalLess(out[i].District, out[j].District)
	})
	return out
}

// seatCalls are a legislator's calls of the period made while they held another
// seat than theirs now (before a legislators import moved them).
type seatCalls struct {
	seat              districtKey
	attempts, reaches int
	last              int64 // the newest (Unix)
}

// naturalLess orders "2nd Essex" before "10th Essex" (Massachusetts' district names
// lead with numbers: by county, then number) and "Cheshire 2" before "Cheshire 10"
// (New Hampshire's end with one): a number anywhere in the name is ordered by value.
func naturalLess(a, b string) bool {
	na, ra := leadingNumber(a)
	nb, rb := leadingNumber(b)
	if c := naturalCompare(ra, rb); c != 0 {
		return c < 0
	}
	if na != nb {
		return na < nb
	}
	return a < b
}

// naturalCompare compares a and b a run of digits or of other characters at a time,
// the runs of digits by their value.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		ca, cb := digitRun(a), digitRun(b)
		digA, digB := ca > 0, cb > 0
		if !digA {
			ca = otherRun(a)
		}
		if !digB {
			cb = otherRun(b)
		}
		x, y := a[:ca], b[:cb]
		a, b = a[ca:], b[cb:]
		if digA && digB {
			x, y = strings.TrimLeft(x, "0"), strings.TrimLeft(y, "0")
			if len(x) != len(y) {
				return cmp.Compare(len(x), len(y))
			}
		}
		if c := strings.Compare(x, y); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a), len(b))
}

// digitRun is the length of s's leading ASCII digits, otherRun that of its leading
// other characters.
func digitRun(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}

func otherRun(s string) int {
	i := 0
	for i < len(s) && (s[i] < '0' || s[i] > '9') {
		i++
	}
	return i
}

// leadingNumber splits "12th Essex" into 12 and "th Essex"; text without a leading
// number gives -1 and the whole text.
func leadingNumber(s string) (int, string) {
	n, i := 0, 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i == 0 {
		return -1, s
	}
	return n, strings.TrimLeft(s[i:], "abcdefghijklmnopqrstuvwxyz ")
}
