package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/chapterdesk/chapterdesk/stream"
)

// districtKey names one district of one chamber.
type districtKey struct {
	chamber  Chamber
	district string
}

// legislatorName is what a call log line shows of the legislator it called.
type legislatorName struct {
	title, district, party string
	chamber                Chamber
	name                   string
	// seats are the seats the member held before a legislators import moved them
	// (another chamber or district), oldest first, each until that import's start.
	seats []pastSeat
}

// pastSeat is a seat a legislator held until (Unix seconds) an import changed it.
type pastSeat struct {
	until    int64
	chamber  Chamber
	district string
}

// at is the legislator as they were at the time at (Unix seconds): a call keeps the
// chamber and district of its date, not the seat the member holds now (t6 F9).
func (l legislatorName) at(at int64) legislatorName {
	for _, p := range l.seats {
		if at < p.until {
			l.chamber, l.district = p.chamber, p.district
			l.title = Legislator{Chamber: p.chamber, Name: l.name}.Title()
			break
		}
	}
	return l
}

// lookupNames holds the small tables a long listing refers to, read once, so the
// million-row queries need no joins to them.
type lookupNames struct {
	chapters    map[int64]string
	campaigns   map[int64]string
	legislators map[int64]legislatorName
}

// legislatorNameSQL and legislatorPartySQL apply the lead's own edits.
const (
	legislatorNameSQL  = `coalesce((SELECT value FROM legislator_edits e WHERE e.legislator_id = l.id AND e.field = 'name'), l.name)`
	legislatorPartySQL = `coalesce((SELECT value FROM legislator_edits e WHERE e.legislator_id = l.id AND e.field = 'party'), l.party)`
)

// loadNames reads the names a report gives ids; server says the tx is a coalition
// server's (see loadPastSeats).
func loadNames(ctx context.Context, tx *sql.Tx, server bool) (lookupNames, error) {
	n := lookupNames{chapters: map[int64]string{}, campaigns: map[int64]string{},
		legislators: map[int64]legislatorName{}}
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var id int64
		var name string
		err := r.Scan(&id, &name)
		n.chapters[id] = name
		return err
	}, `SELECT id, name FROM chapters`)
	if err != nil {
		return n, err
	}
	err = eachRow(ctx, tx, func(r *sql.Rows) error {
		var id int64
		var name string
		err := r.Scan(&id, &name)
		n.campaigns[id] = name
		return err
	}, `SELECT c.id, coalesce(t.name, '') FROM campaigns c
		LEFT JOIN campaign_texts t ON t.campaign_id = c.id AND t.lang = c.default_lang`)
	if err != nil {
		return n, err
	}
	// Every legislator, in office or not: old calls name retired members too.
	err = eachRow(ctx, tx, func(r *sql.Rows) error {
		var id int64
		var l legislatorName
		err := r.Scan(&id, &l.chamber, &l.district, &l.name, &l.party)
		l.title = Legislator{Chamber: l.chamber, Name: l.name}.Title()
		n.legislators[id] = l
		return err
	}, `SELECT l.id, l.chamber, l.district, `+legislatorNameSQL+`, `+legislatorPartySQL+` FROM legislators l`)
	if err != nil {
		return n, err
	}
	return n, n.loadPastSeats(ctx, tx, server)
}

// loadPastSeats reads the seats legislators held before an import (not undone)
// changed their chamber or district (see pastSeats).
func (n lookupNames) loadPastSeats(ctx context.Context, tx *sql.Tx, server bool) error {
	seats, err := pastSeats(ctx, tx, server, func(id int64) (Chamber, string, bool) {
		l, ok := n.legislators[id]
		return l.chamber, l.district, ok
	})
	for id, s := range seats {
		l := n.legislators[id]
		l.seats = s
		n.legislators[id] = l
	}
	return err
}

// pastSeats reads the seats legislators held before an import (not undone) changed
// their chamber or district, oldest first by legislator: its changes hold the values
// before. Read newest first, each seat is the one after it with the values the change
// replaced; now gives a legislator's seat now (false: one not to read).
// On a server the changes are read through postgres/0027's function: row-level
// security shows a lead only their own chapter's imports, not the owner's legislators
// imports, and their call log took every call for one of the seat now.
func pastSeats(ctx context.Context, tx *sql.Tx, server bool, now func(id int64) (Chamber, string, bool)) (map[int64][]pastSeat, error) {
	type change struct {
		id, at int64
		before string
	}
	var changes []change
	q := `SELECT c.row_id, c.before, b.started_at FROM import_changes c JOIN import_batches b ON b.id = c.batch_id
		WHERE c.table_name = 'legislators' AND b.undone_at IS NULL
		  AND (c.before LIKE '%"chamber"%' OR c.before LIKE '%"district"%')
		ORDER BY b.started_at DESC, c.id DESC`
	if server {
		q = `SELECT row_id, before, started_at FROM chapterdesk_legislator_seat_changes()`
	}
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var c change
		err := r.Scan(&c.id, &c.before, &c.at)
		changes = append(changes, c)
		return err
	}, q)
	if err != nil {
		return nil, err
	}
	cur := map[int64]pastSeat{}
	seats := map[int64][]pastSeat{}
	for _, c := range changes {
		chamber, district, ok := now(c.id)
		if !ok {
			continue
		}
		var was map[string]string
		if json.Unmarshal([]byte(c.before), &was) != nil {
			continue
		}
		seat, ok := cur[c.id]
		if !ok {
			seat = pastSeat{chamber: chamber, district: district}
		}
		if ch, ok := was["chamber"]; ok && ch != "" {
			seat.chamber = Chamber(ch)
		}
		if d, ok := was["district"]; ok {
			seat.district = d
		}
		seat.until = c.at
		cur[c.id] = seat
		seats[c.id] = append([]pastSeat{seat}, seats[c.id]...)
	}
	return seats, nil
}

// loadLegislators reads every legislator in office of the campaign's state (see
// campaignStateSQL) with their stance at both ends of the period and the calling to
// them, and every other legislator the period's calls went to (a member who has left
// office since, marked so: see LegislatorActivity.NotCounted), so that the sheets by
// legislator and by district count every call the Summary counts.
func (r *Report) loadLegislators() error {
	ctx, tx := r.ctx, r.tx
	byID := map[int64]int{}
	r.legStates = map[string]bool{}
	seat := `(l.deleted_at IS NULL AND l.in_office = 1 AND ` + campaignStateSQL("?4") + `)`
	listed := seat + ` OR EXISTS (SELECT 1 FROM call_reports r WHERE r.legislator_id = l.id AND ` + periodWhere + `)`
	err := eachRow(ctx, tx, func(rows *sql.Rows) error {
		var l LegislatorActivity
		var state string
		var counted, gone bool
		if err := rows.Scan(&l.ID, &l.Chamber, &l.District, &l.Name, &l.Party, &l.StanceStart, &l.StanceEnd, &l.firstKnown,
			&state, &counted, &gone); err != nil {
			return err
		}
		switch {
		case counted:
			r.legStates[state] = true
		case gone:
			l.NotCounted = NotCountedGone
		default:
			l.NotCounted = NotCountedElsewhere
		}
		byID[l.ID] = len(r.Legislators)
		r.Legislators = append(r.Legislators, l)
		return nil
	}, `SELECT l.id, l.chamber, l.district, `+legislatorNameSQL+`, `+legislatorPartySQL+`,
		`+stanceAt("?1", "l.id", "h.changed_at < ?2")+`,
		`+stanceAt("?1", "l.id", "h.changed_at < ?3")+`,
		coalesce((SELECT h.stance FROM stance_history h WHERE h.campaign_id = ?1 AND h.legislator_id = l.id
			AND h.changed_at >= ?2 AND h.changed_at < ?3 AND h.stance <> 'unknown' ORDER BY h.changed_at, h.id LIMIT 1), 'unknown'),
		l.state, `+seat+`, (l.in_office = 0 OR l.deleted_at IS NOT NULL)
		FROM legislators l WHERE `+listed+`
		ORDER BY l.chamber DESC, l.district, l.name`, append(r.args(), r.state)...)
	if err != nil {
		return err
	}
	// The newest contact and reach before the period's end, each found through the
	// (legislator_id, called_at) index.
	last := func(cond string) string {
		return `coalesce((SELECT r.called_at FROM call_reports r WHERE r.legislator_id = l.id AND r.deleted_at IS NULL
			AND r.called_at < ?3 AND r.campaign_id = ?1` + cond + ` ORDER BY r.called_at DESC LIMIT 1), 0)`
	}
	err = eachRow(ctx, tx, func(rows *sql.Rows) error {
		var id, contact, reach int64
		if err := rows.Scan(&id, &contact, &reach); err != nil {
			return err
		}
		if i, ok := byID[id]; ok {
			r.Legislators[i].LastContact, r.Legislators[i].LastReached = fromUnix(contact), fromUnix(reach)
		}
		return nil
	}, `SELECT l.id, `+last("")+`, `+last(" AND "+reachSQL)+` FROM legislators l WHERE `+listed,
		append(r.args(), r.state)...)
	return err
}

// loadWhip counts stances per chamber at both ends of the period, against the votes
// the campaign needs.
func (r *Report) loadWhip() {
	upper, lower := votesNeededFor(r.state, r.legStates, r.votesNeeded)
	r.Summary.Whip = []ChamberMove{
		{Chamber: ChamberUpper, VotesNeeded: upper, Start: map[Stance]int{}, End: map[Stance]int{}},
		{Chamber: ChamberLower, VotesNeeded: lower, Start: map[Stance]int{}, End: map[Stance]int{}},
	}
	for _, l := range r.Legislators {
		if l.NotCounted != "" {
			continue
		}
		c := &r.Summary.Whip[0]
		if l.Chamber == ChamberLower {
			c = &r.Summary.Whip[1]
		}
		c.Seats++
		c.Start[l.StanceStart]++
		c.End[l.StanceEnd]++
		if l.StanceStart.Supports() {
			c.SupportingStart++
		}
		if l.StanceEnd.Supports() {
			c.SupportingEnd++
		}
		// A first stance recorded (the starting whip list, a legislator first
		// called) is not a move, nor is a stance set back to unknown: only a change
		// from one known stance to another is, from the stance at the start or,
		// when none was known then, the first one recorded in the period.
		from := l.StanceStart
		if from == StanceUnknown {
			from = l.firstKnown
		}
		if from == StanceUnknown || l.StanceEnd == StanceUnknown {
			continue
		}
		switch from, to := supportRank(from), supportRank(l.StanceEnd); {
		case to < from:
			c.MovedToward++
		case to > from:
			c.MovedAway++
		}
	}
}

// supportRank orders the known stances from the strongest support (0) to a firm no.
func supportRank(s Stance) int {
	switch s {
	case StanceSponsor, StanceCosponsor, StanceYes:
		return 0
	case StanceLeaningYes:
		return 1
	case StanceLeaningNo:
		return 3
	case StanceNo:
		return 4
	}
	return 2
}

// VolunteerActivity is one volunteer's line on the By volunteer sheet: someone who
// called or recruited in the period.
type VolunteerActivity struct {
	ID          int64
	FirstName   string
	LastName    string
	Chapter     string
	Calls       int
	Reaches     int
	Legislators int       // distinct legislators called
	Recruits    int       // volunteers they recruited who joined in the period
	LastCall    time.Time // zero: no call in the period
}

// EachVolunteerActivity calls fn for every volunteer who called or recruited in the
// period, most calls first, then by name. fn gets a copy it may keep.
func (r *Report) EachVolunteerActivity(fn func(*VolunteerActivity) error) error {
	for i := range r.activity {
		a := r.activity[i]
		if err := fn(&a); err != nil {
			return err
		}
	}
	return nil
}

// CallLogRow is one call report as the call log and the CSV export list it.
type CallLogRow struct {
	ID             int64
	UUID           string
	CalledAt       time.Time
	Chapter        string
	Campaign       string
	VolunteerID    int64 // 0: caller unknown
	VolunteerFirst string
	VolunteerLast  string
	// VolunteerEmail and VolunteerUUID are the caller's, for the CSV export only
	// (EachCallReport): imported into another file, they tell apart two callers who
	// share a name. The workbook leaves them empty.
	VolunteerEmail string
	VolunteerUUID  string
	LegislatorID   int64
	Legislator     string // "Sen. Jane Doe"
	Chamber        Chamber
	District       string
	Party          string
	Office         Office
	Outcome        Outcome
	StanceHeard    Stance
	GaveNameZip    bool
	FollowUp       bool
	FollowUpDone   bool
	Notes          string
	Source         string
	// TimeMayBeOff: an older ChapterDesk read the report's time on its computer's
	// clock and no one has said which (see CallTimesUnsure): the exports mark it.
	TimeMayBeOff bool
}

// EachCall calls fn for every call of the period, oldest first. fn's argument is
// reused between calls. The workbook shows neither a call's UUID nor its source, so
// they are left empty: two text columns fewer a call to read and copy.
//
// With TallyInCallLog the first EachCall also sums the period (see ReportQuery).
func (r *Report) EachCall(fn func(*CallLogRow) error) error {
	notes := `r.notes`
	if r.coordinator {
		notes = `''` // a call's notes may name or reach the volunteer: never read for the coalition
	}
	t := r.pending
	if t == nil {
		return eachCall(r.ctx, r.tx, r.names, r.vols.names, `''`, `''`, notes, unsureSQL(r.server), `WHERE `+periodWhere, r.args(), nil, fn)
	}
	err := eachCall(r.ctx, r.tx, r.names, r.vols.names, `''`, `''`, notes, unsureSQL(r.server), `WHERE `+periodWhere, r.args(), t.add, fn)
	if err != nil {
		return err
	}
	r.pending = nil
	t.finish()
	return r.quietLastCalls()
}

// withProgress wraps fn to tell the stream.Progress ctx carries, if any, how many
// rows it has been called with, out of the count query gives on tx.
func withProgress[T any](ctx context.Context, tx *sql.Tx, query string, fn func(*T) error) (func(*T) error, error) {
	p := stream.Throttle(stream.ProgressFrom(ctx), 100*time.Millisecond)
	if p == nil {
		return fn, nil
	}
	var total int64
	if err := tx.QueryRowContext(ctx, query).Scan(&total); err != nil {
		return nil, err
	}
	var done int64
	return func(row *T) error {
		if done++; done%1000 == 0 {
			p(min(done, total), total)
		}
		return fn(row)
	}, nil
}

// PeriodCalls counts the calls EachCall lists, for a progress bar.
func (r *Report) PeriodCalls() (int, error) {
	var n int
	err := r.tx.QueryRowContext(r.ctx, `SELECT count(*) FROM call_reports r WHERE `+periodWhere, r.args()...).Scan(&n)
	return n, err
}

// EachCallReport calls fn for every live call report in the file, any campaign,
// oldest first, from one snapshot: the CSV export. A stream.Progress in ctx hears
// how many are done.
func (s *Store) EachCallReport(ctx context.Context, fn func(*CallLogRow) error) error {
	return s.exportTx(ctx, "export call reports", func(tx *sql.Tx, names lookupNames) error {
		vols, err := loadRosterIndex(ctx, tx, "", "")
		if err != nil {
			return err
		}
		who := map[int64][2]string{} // the trash's too: a call names its caller
		if err := eachRow(ctx, tx, func(r *sql.Rows) error {
			var id int64
			var k [2]string
			err := r.Scan(&id, &k[0], &k[1])
			who[id] = k
			return err
		}, `SELECT id, uuid, email FROM volunteers`); err != nil {
			return err
		}
		each := fn
		fn, err := withProgress(ctx, tx, `SELECT count(*) FROM call_reports WHERE deleted_at IS NULL`, func(c *CallLogRow) error {
			k := who[c.VolunteerID]
			c.VolunteerUUID, c.VolunteerEmail = k[0], k[1]
			return each(c)
		})
		if err != nil {
			return err
		}
		return eachCall(ctx, tx, names, vols.names, `r.uuid`, `r.source`, `r.notes`, unsureSQL(s.server != nil), `WHERE r.deleted_at IS NULL`, nil, nil, fn)
	})
}

// eachCall reads the calls where says; uuid, source and notes are the SQL for those
// columns (an empty string when the caller has no use for them). tally, unless
// nil, gets each call as periodTally.add takes it.
func eachCall(ctx context.Context, tx *sql.Tx, names lookupNames, vols map[int64]volunteerName, uuid, source, notes, unsure,
	where string, args []any, tally func(id, chapter, legislator, volunteer, at int64, reach, open bool),
	fn func(*CallLogRow) error) error {
	var c CallLogRow
	var at, chapter, campaign int64
	return eachRow(ctx, tx, func(rows *sql.Rows) error {
		if err := rows.Scan(&c.ID, &c.UUID, &at, &chapter, &campaign, &c.VolunteerID, &c.LegislatorID, &c.Office,
			&c.Outcome, &c.StanceHeard, &c.GaveNameZip, &c.FollowUp, &c.FollowUpDone, &c.Notes, &c.Source, &c.TimeMayBeOff); err != nil {
			return err
		}
		if tally != nil {
			tally(c.ID, chapter, c.LegislatorID, c.VolunteerID, at, c.Outcome.Reached(), c.FollowUp && !c.FollowUpDone)
		}
		c.CalledAt = fromUnix(at)
		c.Chapter, c.Campaign = names.chapters[chapter], names.campaigns[campaign]
		v := vols[c.VolunteerID]
		c.VolunteerFirst, c.VolunteerLast = v.first, v.last
		l := names.legislators[c.LegislatorID].at(at)
		c.Legislator, c.Chamber, c.District, c.Party = l.title, l.chamber, l.district, l.party
		return fn(&c)
	}, `SELECT r.id, `+uuid+`, r.called_at, r.chapter_id, r.campaign_id, coalesce(r.volunteer_id, 0), r.legislator_id,
		r.office, r.outcome, r.stance_heard, r.gave_name_zip, r.follow_up, r.follow_up_done, `+notes+`, `+source+`, `+unsure+`
		FROM call_reports r `+where+` ORDER BY r.called_at, r.id`, args...)
}

// TimesMayBeOff counts the period's calls whose time an older ChapterDesk read on
// its computer's clock (CallLogRow.TimeMayBeOff), for the call log to mark them; 0 on
// a server, which keeps no list.
func (r *Report) TimesMayBeOff() (int, error) {
	if r.server {
		return 0, nil
	}
	var n int
	err := r.tx.QueryRowContext(r.ctx, `SELECT count(*) FROM call_reports r JOIN call_times_unsure u ON u.call_report_id = r.id
		WHERE `+periodWhere, r.args()...).Scan(&n)
	return n, err
}

// unsureSQL is true of a call report (r) whose time an older ChapterDesk read on its
// computer's clock (call_times_unsure, a data file's own: a server keeps no list).
func unsureSQL(server bool) string {
	if server {
		return `false`
	}
	return `EXISTS (SELECT 1 FROM call_times_unsure u WHERE u.call_report_id = r.id)`
}

// exportTx runs fn in one read-only transaction with the lookup tables loaded.
func (s *Store) exportTx(ctx context.Context, op string, fn func(*sql.Tx, lookupNames) error) error {
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		names, err := loadNames(ctx, tx, s.server != nil)
		if err != nil {
			return err
		}
		return fn(tx, names)
	})
	if err != nil {
		return fmt.Errorf("%s: %w", op, mapErr(err))
	}
	return nil
}

// RosterRow is one volunteer as the roster sheet and the CSV export list them.
type RosterRow struct {
	ID             int64
	UUID           string
	FirstName      string
	LastName       string
	Chapter        string
	Email          string
	Phone          string
	Mobile         string
	Address1       string
	Address2       string
	City           string
	State          string
	Zip            string
	SenateDistrict string
	HouseDistrict  string
	Languages      string // "en, es"
	Tags           string // "canvasser, new volunteer"
	Skills         string // "driver, translation"
	Status         VolunteerStatus
	OKCall         bool
	OKText         bool
	OKEmail        bool
	DoNotContact   bool
	RecruiterFirst string // the recruiter's names; "" when nobody recruited them
	RecruiterLast  string
	// RecruiterUUID names the recruiter beyond doubt, where two volunteers share a
	// name: the CSV export writes it for the import to read back. Only
	// EachRosterVolunteer fills it.
	RecruiterUUID string
	JoinedOn      time.Time
	Notes         string
}

// EachVolunteer calls fn for every live volunteer, by last then first name. fn's
// argument is reused between calls.
func (r *Report) EachVolunteer(fn func(*RosterRow) error) error {
	if r.coordinator {
		return errors.New("a coalition's coordinator reads no roster")
	}
	if c := r.roster.take(); c != nil {
		return c.each(r.names, r.vols.names, fn)
	}
	return eachVolunteer(r.ctx, r.tx, r.names, r.vols.names, fn)
}

// EachRosterVolunteer is EachVolunteer from a snapshot of its own: the CSV export.
// A stream.Progress in ctx hears how many are done.
func (s *Store) EachRosterVolunteer(ctx context.Context, fn func(*RosterRow) error) error {
	return s.exportTx(ctx, "export volunteers", func(tx *sql.Tx, names lookupNames) error {
		vols, err := loadRosterIndex(ctx, tx, "", "")
		if err != nil {
			return err
		}
		fn, err := withProgress(ctx, tx, `SELECT count(*) FROM volunteers WHERE deleted_at IS NULL`, fn)
		if err != nil {
			return err
		}
		uuids, err := recruiterUUIDs(ctx, tx) // before the roster: a server's connection reads one query at a time
		if err != nil {
			return err
		}
		c := openRoster(ctx, tx)
		defer c.close()
		c.recruiterUUIDs = uuids
		return c.each(names, vols.names, fn)
	})
}

// recruiterUUIDs reads the UUID of every volunteer who recruited someone (one in the
// trash too, as the roster names them), by id.
func recruiterUUIDs(ctx context.Context, tx *sql.Tx) (map[int64]string, error) {
	out := map[int64]string{}
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		var id int64
		var u string
		err := r.Scan(&id, &u)
		out[id] = u
		return err
	}, `SELECT id, uuid FROM volunteers WHERE id IN (SELECT recruiter_id FROM volunteers WHERE recruiter_id IS NOT NULL)`)
	return out, err
}

func eachVolunteer(ctx context.Context, tx *sql.Tx, names lookupNames, vols map[int64]volunteerName,
	fn func(*RosterRow) error) error {
	c := openRoster(ctx, tx)
	defer c.close()
	return c.each(names, vols, fn)
}

// rosterCursor is the roster read in order, with each volunteer's languages and tags.
type rosterCursor struct {
	langs, tags, skills map[int64]string
	recruiterUUIDs      map[int64]string // nil but for the CSV export (RosterRow.RecruiterUUID)
	rows                *sql.Rows
	more                bool // what the first rows.Next said: SQLite sorts the roster there
	err                 error
}

// openRoster reads the languages and tags and sorts the roster, up to its first row.
func openRoster(ctx context.Context, tx *sql.Tx) *rosterCursor {
	c := &rosterCursor{}
	// Languages and tags are read whole first: one scan each in volunteer order costs
	// far less than two correlated subqueries per roster line.
	if c.langs, c.err = joinedPerVolunteer(ctx, tx, `SELECT volunteer_id, lang FROM volunteer_languages
		ORDER BY volunteer_id, lang`); c.err != nil {
		return c
	}
	if c.tags, c.skills, c.err = tagsPerVolunteer(ctx, tx); c.err != nil {
		return c
	}
	// NOT INDEXED: walking the last_key index fetches each row from a random page of
	// the table (100,000 page reads for 100,000 volunteers, the page cache holding a
	// tenth of the table); one scan in table order sorted by SQLite's sorter, which
	// spills to a temporary file past its memory budget, costs a fifth of the system
	// time (1M-call demo, a month's workbook: 0.9 -> 0.2 s sys, +8 MB peak).
	c.rows, c.err = tx.QueryContext(ctx, `SELECT v.id, v.uuid, v.first_name, v.last_name, v.chapter_id, v.email,
		v.phone, v.mobile, v.address1, v.address2, v.city, v.state, v.zip, v.senate_district, v.house_district,
		v.status, v.ok_call, v.ok_text, v.ok_email, v.do_not_contact, coalesce(v.recruiter_id, 0), v.joined_on, v.notes
		FROM volunteers v NOT INDEXED WHERE v.deleted_at IS NULL ORDER BY v.last_key, v.name_key, v.id`)
	if c.err == nil {
		c.more = c.rows.Next()
	}
	return c
}

// each calls fn for every row; names and vols name the chapters and the recruiters.
func (c *rosterCursor) each(names lookupNames, vols map[int64]volunteerName, fn func(*RosterRow) error) error {
	if c.err != nil {
		return c.err
	}
	var v RosterRow
	var chapter, recruiter int64
	var joined string
	for ; c.more; c.more = c.rows.Next() {
		if err := c.rows.Scan(&v.ID, &v.UUID, &v.FirstName, &v.LastName, &chapter, &v.Email, &v.Phone, &v.Mobile,
			&v.Address1, &v.Address2, &v.City, &v.State, &v.Zip, &v.SenateDistrict, &v.HouseDistrict, &v.Status,
			&v.OKCall, &v.OKText, &v.OKEmail, &v.DoNotContact, &recruiter, &joined, &v.Notes); err != nil {
			return err
		}
		v.Chapter, v.Languages, v.Tags, v.Skills = names.chapters[chapter], c.langs[v.ID], c.tags[v.ID], c.skills[v.ID]
		rec := vols[recruiter] // the zero name when nobody recruited them
		v.RecruiterFirst, v.RecruiterLast = rec.first, rec.last
		v.RecruiterUUID = c.recruiterUUIDs[recruiter]
		v.JoinedOn = time.Time{}
		if t, err := time.Parse(time.DateOnly, joined); err == nil {
			v.JoinedOn = t
		}
		if err := fn(&v); err != nil {
			return err
		}
	}
	return c.rows.Err()
}

func (c *rosterCursor) close() {
	if c.rows != nil {
		c.rows.Close()
	}
}

// tagsPerVolunteer joins each volunteer's tags, and apart from them their skills,
// with ", ", each by name. The few tag names are read first and each volunteer's ids
// are ordered here: joining and sorting the link table in SQL took twice as long.
// They are two lists because the CSV export is read back: a skill joined into the
// tags came back a tag, beside the skill.
func tagsPerVolunteer(ctx context.Context, tx *sql.Tx) (tags, skills map[int64]string, err error) {
	var names []string
	rank := map[int64]int{} // tag id -> place in kind, name order
	skill := 0              // the first skill's place: the tags come before it
	var id, tag int64
	var name string
	var isSkill bool
	err = eachRow(ctx, tx, func(r *sql.Rows) error {
		if err := r.Scan(&id, &name, &isSkill); err != nil {
			return err
		}
		rank[id] = len(names)
		names = append(names, name)
		if !isSkill {
			skill = len(names)
		}
		return nil
	}, `SELECT id, name, kind = 'skill' FROM tags ORDER BY kind = 'skill', name`)
	if err != nil {
		return nil, nil, err
	}
	tags, skills = map[int64]string{}, map[int64]string{}
	strs := interner{}
	var joined []byte
	var ranks []int
	volunteer := int64(-1)
	join := func(out map[int64]string, ranks []int) {
		if len(ranks) == 0 {
			return
		}
		joined = joined[:0]
		for i, k := range ranks {
			if i > 0 {
				joined = append(joined, ", "...)
			}
			joined = append(joined, names[k]...)
		}
		out[volunteer] = strs.get(joined)
	}
	flush := func() {
		slices.Sort(ranks)
		split, _ := slices.BinarySearch(ranks, skill)
		join(tags, ranks[:split])
		join(skills, ranks[split:])
		ranks = ranks[:0]
	}
	err = eachRow(ctx, tx, func(r *sql.Rows) error {
		if err := r.Scan(&id, &tag); err != nil {
			return err
		}
		if id != volunteer {
			flush()
			volunteer = id
		}
		if k, ok := rank[tag]; ok {
			ranks = append(ranks, k)
		}
		return nil
	}, `SELECT volunteer_id, tag_id FROM volunteer_tags ORDER BY volunteer_id`)
	flush()
	return tags, skills, err
}

// joinedPerVolunteer reads (volunteer_id, text) rows ordered by volunteer and joins
// each volunteer's texts with ", ".
func joinedPerVolunteer(ctx context.Context, tx *sql.Tx, q string) (map[int64]string, error) {
	out := map[int64]string{}
	strs := interner{}
	var id int64
	volunteer := int64(-1)
	var text sql.RawBytes
	var joined []byte
	flush := func() {
		if len(joined) > 0 {
			out[volunteer] = strs.get(joined)
		}
		joined = joined[:0]
	}
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		if err := r.Scan(&id, &text); err != nil {
			return err
		}
		if id != volunteer {
			flush()
			volunteer = id
		}
		if len(joined) > 0 {
			joined = append(joined, ", "...)
		}
		joined = append(joined, text...)
		return nil
	}, q)
	flush()
	return out, err
}

// interner hands out one string for each distinct text: most volunteers share a few
// lists of languages and tags ("en"), which a workbook keeps for all 100,000 of them
// while it is written.
type interner map[string]string

func (in interner) get(b []byte) string {
	if s, ok := in[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(in) < 1<<16 {
		in[s] = s
	}
	return s
}
