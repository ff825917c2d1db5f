package db

import (
	"context"
	"database/sql"
	"sort"
)

// volunteerName is what a listing shows of a volunteer.
type volunteerName struct {
	first, last string
	chapter     int64
}

// rosterIndex is one pass over the volunteers table: every name (trash included:
// old calls name them), and the live roster counted per chapter and district.
type rosterIndex struct {
	names      map[int64]volunteerName
	perChapter map[int64]*[2]int // live volunteers, of which joined in the period
	districts  map[districtKey]int
	recruits   map[int64]int // recruiter -> volunteers they recruited who joined in the period
	// withheld: the counts are a coordinator's, in which a group of fewer than
	// CoalitionMinGroup, or one that would give such a group by subtraction, is not
	// there (a chapter, a district) or FewVolunteers (joiners, a chapter's or the
	// coalition's); total is then the coalition's own, read with them.
	withheld bool
	total    [2]int
}

// chapter is a chapter's live volunteers and those who joined in the period.
func (x rosterIndex) chapter(id int64) [2]int {
	if n := x.perChapter[id]; n != nil {
		return *n
	}
	if x.withheld {
		return [2]int{FewVolunteers, FewVolunteers}
	}
	return [2]int{}
}

// district is the live volunteers living in a district (not moved away: see livesThereSQL).
func (x rosterIndex) district(k districtKey) int {
	if n, ok := x.districts[k]; ok || !x.withheld {
		return n
	}
	return FewVolunteers
}

// loadRosterIndex reads the volunteers once, in table order. A map of names
// costs far less than joining the volunteers table to every call (a random lookup
// per call) and lets one scan serve the roster counts, districts and recruits too.
// fromDay and toDay bound "joined in the period" (joined_on >= fromDay AND < toDay).
func loadRosterIndex(ctx context.Context, tx *sql.Tx, fromDay, toDay string) (rosterIndex, error) {
	x := rosterIndex{names: map[int64]volunteerName{}, perChapter: map[int64]*[2]int{},
		districts: map[districtKey]int{}, recruits: map[int64]int{}}
	var id, recruiter int64
	var chapter int64
	// Names and districts repeat from volunteer to volunteer: read as raw bytes and
	// shared, they are a fraction of the strings a workbook keeps alive.
	var first, last, senate, house sql.RawBytes
	strs := interner{}
	var joined, live, livesThere bool
	err := eachRow(ctx, tx, func(rows *sql.Rows) error {
		if err := rows.Scan(&id, &chapter, &first, &last, &senate, &house, &recruiter, &joined, &live, &livesThere); err != nil {
			return err
		}
		x.names[id] = volunteerName{first: strs.get(first), last: strs.get(last), chapter: chapter}
		if !live {
			return nil
		}
		v := volunteerName{chapter: chapter}
		c := x.perChapter[v.chapter]
		if c == nil {
			c = new([2]int)
			x.perChapter[v.chapter] = c
		}
		c[0]++
		if len(senate) > 0 && livesThere {
			x.districts[districtKey{ChamberUpper, strs.get(senate)}]++
		}
		if len(house) > 0 && livesThere {
			x.districts[districtKey{ChamberLower, strs.get(house)}]++
		}
		if joined {
			c[1]++
			if recruiter != 0 {
				x.recruits[recruiter]++
			}
		}
		return nil
	}, `SELECT id, chapter_id, first_name, last_name, senate_district, house_district,
		coalesce(recruiter_id, 0), joined_on >= ?1 AND joined_on < ?2, deleted_at IS NULL, `+livesThereSQL+` FROM volunteers v`, fromDay, toDay)
	return x, err
}

// loadCoalitionRosterIndex is loadRosterIndex for a coalition's coordinator, who may
// not read the volunteers table: the callers' names (first name and last initial)
// from the view coalition_callers, and the roster's counts from
// coalition_chapter_volunteers and coalition_volunteer_counts, which leave out every
// group of fewer than CoalitionMinGroup (0014) and every count that would give one by
// subtraction (0015; fromDay and toDay must be the first days of months), every
// count given rounded to a multiple of 5 (0020). There are no recruits.
func loadCoalitionRosterIndex(ctx context.Context, tx *sql.Tx, fromDay, toDay string) (rosterIndex, error) {
	x := rosterIndex{names: map[int64]volunteerName{}, perChapter: map[int64]*[2]int{},
		districts: map[districtKey]int{}, recruits: map[int64]int{}, withheld: true,
		total: [2]int{FewVolunteers, FewVolunteers}}
	strs := interner{}
	var id, chapter int64
	var first, initial sql.RawBytes
	err := eachRow(ctx, tx, func(rows *sql.Rows) error {
		if err := rows.Scan(&id, &chapter, &first, &initial); err != nil {
			return err
		}
		x.names[id] = volunteerName{first: strs.get(first), last: strs.get(initial), chapter: chapter}
		return nil
	}, `SELECT id, chapter_id, first_name, last_initial FROM coalition_callers`)
	if err != nil {
		return x, err
	}
	err = eachRow(ctx, tx, func(rows *sql.Rows) error {
		var chapter sql.NullInt64
		var n int
		var joined sql.NullInt64
		if err := rows.Scan(&chapter, &n, &joined); err != nil {
			return err
		}
		c := [2]int{n, FewVolunteers}
		if joined.Valid {
			c[1] = int(joined.Int64)
		}
		if !chapter.Valid {
			x.total = c // the coalition's row
		} else {
			x.perChapter[chapter.Int64] = &c
		}
		return nil
	}, `SELECT chapter_id, volunteers, joined FROM coalition_chapter_volunteers(?1, ?2)`, fromDay, toDay)
	if err != nil {
		return x, err
	}
	var chamber string
	var district sql.RawBytes
	var n int
	err = eachRow(ctx, tx, func(rows *sql.Rows) error {
		if err := rows.Scan(&chamber, &district, &n); err != nil {
			return err
		}
		x.districts[districtKey{Chamber(chamber), strs.get(district)}] = n
		return nil
	}, `SELECT chamber, district, volunteers FROM coalition_volunteer_counts`)
	return x, err
}

// callerTally is one volunteer's calls in the period.
type callerTally struct {
	calls, reaches int
	last           int64
	legislators    []int64 // distinct; a volunteer calls their two or three legislators
}

// periodTally sums the period's calls every way the workbook needs them.
type periodTally struct {
	r              *Report
	legislators    map[int64]*LegislatorActivity
	chapters       map[int64]*ChapterActivity
	called         map[int64]bool // legislator -> reached
	chapterReached map[[2]int64]bool
	chapterCallers map[[2]int64]bool
	callers        map[int64]*callerTally
	weekStarts     []int64
	former         map[int64][]*seatCalls // legislator -> their calls made from an earlier seat
}

// newPeriodTally starts the period's sums. It holds pointers into r.Legislators and
// r.Chapters, so neither may be reordered until the tally is done.
func newPeriodTally(r *Report) *periodTally {
	t := &periodTally{r: r, legislators: map[int64]*LegislatorActivity{}, chapters: map[int64]*ChapterActivity{},
		called: map[int64]bool{}, chapterReached: map[[2]int64]bool{}, chapterCallers: map[[2]int64]bool{},
		callers: map[int64]*callerTally{}, former: map[int64][]*seatCalls{}}
	for i := range r.Legislators {
		t.legislators[r.Legislators[i].ID] = &r.Legislators[i]
	}
	for i := range r.Chapters {
		t.chapters[r.Chapters[i].ID] = &r.Chapters[i]
	}
	for _, w := range r.Weeks {
		t.weekStarts = append(t.weekStarts, w.Start.Unix())
	}
	return t
}

// scanPeriod reads the period's calls once, in no particular order, and sums them
// per legislator, chapter, week and caller, and in total. One plain scan of six
// integer columns replaces a GROUP BY (and its sort) per sheet.
func (r *Report) scanPeriod() error {
	t := newPeriodTally(r)
	var id, chapter, legislator, volunteer, at int64
	var reach, open bool
	err := eachRow(r.ctx, r.tx, func(rows *sql.Rows) error {
		if err := rows.Scan(&id, &chapter, &legislator, &volunteer, &at, &reach, &open); err != nil {
			return err
		}
		t.add(id, chapter, legislator, volunteer, at, reach, open)
		return nil
	}, `SELECT r.id, r.chapter_id, r.legislator_id, coalesce(r.volunteer_id, 0), r.called_at, `+reachSQL+`,
		r.follow_up = 1 AND r.follow_up_done = 0
		FROM call_reports r WHERE `+periodWhere, r.args()...)
	if err != nil {
		return err
	}
	t.finish()
	return r.quietLastCalls()
}

// finish completes the sums once every call of the period is in: the distinct
// counts, the volunteers' activity, the districts, and the legislators in next
// target order (the districts list their members in the order the legislators
// were read, so they come first).
func (t *periodTally) finish() {
	r := t.r
	s := &r.Summary
	s.VolunteersCalled = len(t.callers)
	for id := range t.called {
		l := t.legislators[id] // every legislator the period's calls went to (loadLegislators)
		if l == nil || l.NotCounted != "" {
			s.LegislatorsNotCounted++
			continue
		}
		s.LegislatorsCalled++
		if countsAsReached(l.NotCounted, l.Reaches) {
			s.LegislatorsReached++
		}
	}
	r.activity = t.activity()
	r.Districts = districtsOf(r.Legislators, r.names, t.former, r.vols.district)
	NextTargetOrder(r.Legislators)
}

// creditSeat notes a call to l made from another seat than theirs now (the seat of
// its date, as the call log gives it), for the By district sheet (districtsOf).
func (t *periodTally) creditSeat(l *LegislatorActivity, at int64, reach bool) {
	n := t.r.names.legislators[l.ID]
	if len(n.seats) == 0 {
		return
	}
	was := n.at(at)
	k := districtKey{was.chamber, was.district}
	if k == (districtKey{l.Chamber, l.District}) {
		return
	}
	var f *seatCalls
	for _, c := range t.former[l.ID] {
		if c.seat == k {
			f = c
		}
	}
	if f == nil {
		f = &seatCalls{seat: k}
		t.former[l.ID] = append(t.former[l.ID], f)
	}
	f.attempts++
	f.last = max(f.last, at)
	if reach {
		f.reaches++
	}
}

// notCounted is why the whip count leaves out a legislator the period's calls went
// to ("" for a seat it counts).
func (t *periodTally) notCounted(legislator int64) string {
	if l := t.legislators[legislator]; l != nil {
		return l.NotCounted
	}
	return NotCountedGone
}

// add counts the call report id in its chapter's figures, and, unless it repeats
// another chapter's report of the call (Report.repeats), in the totals, the
// legislators', the weeks' and the callers'.
func (t *periodTally) add(id, chapter, legislator, volunteer, at int64, reach, open bool) {
	week := sort.Search(len(t.weekStarts), func(i int) bool { return t.weekStarts[i] > at }) - 1
	if c := t.chapters[chapter]; c != nil {
		c.Calls++
		if open {
			c.FollowUpsOpen++
		}
		if t := fromUnix(at); t.After(c.LastCall) {
			c.LastCall = t
		}
		if week >= 0 && week < len(c.WeekCalls) {
			c.WeekCalls[week]++
		}
		if reach {
			c.Reaches++
			if k := [2]int64{chapter, legislator}; !t.chapterReached[k] && countsAsReached(t.notCounted(legislator), 1) {
				t.chapterReached[k] = true
				c.LegislatorsReached++
			}
		}
		if k := [2]int64{chapter, volunteer}; volunteer != 0 && !t.chapterCallers[k] {
			t.chapterCallers[k] = true
			c.VolunteersCalled++
		}
	}
	if t.r.repeats[id] {
		return
	}
	s := &t.r.Summary
	s.Calls++
	t.called[legislator] = t.called[legislator] || reach
	if reach {
		s.Reaches++
	}
	if open {
		s.FollowUpsOpen++
	}
	if l := t.legislators[legislator]; l != nil {
		l.Attempts++
		if reach {
			l.Reaches++
		}
		if open {
			l.FollowUpsOpen++
		}
		t.creditSeat(l, at, reach)
	}
	if week >= 0 {
		w := &t.r.Weeks[week]
		w.Calls++
		if reach {
			w.Reaches++
		}
	}
	if volunteer == 0 {
		return
	}
	v := t.callers[volunteer]
	if v == nil {
		v = &callerTally{}
		t.callers[volunteer] = v
	}
	v.calls++
	if reach {
		v.reaches++
	}
	v.last = max(v.last, at)
	for _, l := range v.legislators {
		if l == legislator {
			return
		}
	}
	v.legislators = append(v.legislators, legislator)
}

// activity lists the volunteers who called or recruited in the period, most calls
// first, then by name.
func (t *periodTally) activity() []VolunteerActivity {
	names, recruits := t.r.vols.names, t.r.vols.recruits
	out := make([]VolunteerActivity, 0, len(t.callers)+len(recruits))
	add := func(id int64, c *callerTally) {
		n, ok := names[id]
		if !ok {
			return
		}
		a := VolunteerActivity{ID: id, FirstName: n.first, LastName: n.last, Chapter: t.r.names.chapters[n.chapter],
			Recruits: recruits[id]}
		if c != nil {
			a.Calls, a.Reaches, a.Legislators, a.LastCall = c.calls, c.reaches, len(c.legislators), fromUnix(c.last)
		}
		out = append(out, a)
	}
	for id, c := range t.callers {
		add(id, c)
	}
	for id := range recruits {
		if t.callers[id] == nil {
			add(id, nil)
		}
	}
	// Ties go by name as search folds it (last name, then full name), worked out here
	// for the few thousand listed rather than kept for the whole roster.
	type keyed struct {
		VolunteerActivity
		lastKey, nameKey string
	}
	ks := make([]keyed, len(out))
	for i, a := range out {
		ks[i] = keyed{a, fold(a.LastName), fold(a.FirstName + " " + a.LastName)}
	}
	sort.Slice(ks, func(i, j int) bool {
		a, b := &ks[i], &ks[j]
		if a.Calls != b.Calls {
			return a.Calls > b.Calls
		}
		if a.Reaches != b.Reaches {
			return a.Reaches > b.Reaches
		}
		if a.lastKey != b.lastKey {
			return a.lastKey < b.lastKey
		}
		if a.nameKey != b.nameKey {
			return a.nameKey < b.nameKey
		}
		return a.ID < b.ID
	})
	for i := range ks {
		out[i] = ks[i].VolunteerActivity
	}
	return out
}
