// Package demo builds a realistic synthetic chapter: a made-up state legislature, the
// starter campaign, a roster with accented names, mixed phone formats, languages, tags
// and recruiters, and months of call reports with every outcome and stance change.
// The same options give the same data.
package demo

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/stream"
	"github.com/google/uuid"
)

// Options says how big a chapter to make.
type Options struct {
	Volunteers int
	Calls      int
	// Chapters, when more than 1, makes a coalition: the own chapter and Chapters-1
	// others, the volunteers spread evenly over them, each call its caller's chapter's.
	Chapters int
	Seed     uint64
	// AsOf is "today" for the demo: calls run up to it. Zero means now, truncated to
	// the day (so two runs on one day with one seed give the same data).
	AsOf time.Time
	// Progress, when set, is told how many records have been written so far.
	Progress func(done, total int)
}

// Validate checks the options a person typed.
func (o Options) Validate() error {
	switch {
	case o.Volunteers < 0:
		return fmt.Errorf("--volunteers must be 0 or more, not %d", o.Volunteers)
	case o.Calls < 0:
		return fmt.Errorf("--calls must be 0 or more, not %d", o.Calls)
	case o.Chapters < 0 || o.Chapters > 1000:
		return fmt.Errorf("--chapters must be from 1 to 1,000, not %d", o.Chapters)
	case o.Calls > 0 && o.Volunteers == 0:
		return errors.New("--calls needs volunteers to make them (give --volunteers too)")
	case o.Volunteers > 10_000_000 || o.Calls > 100_000_000:
		return errors.New("that is more than a chapter could hold; keep --volunteers under 10,000,000 and --calls under 100,000,000")
	}
	return nil
}

// ErrNotEmpty: the demo only fills a database without volunteers or call reports.
var ErrNotEmpty = errors.New("the database already has volunteers or call reports; give a new file with --db")

// Seats of the made-up legislature: 40 senators and 160 representatives, with a few
// two-member house districts (157 districts).
const (
	senateSeats   = 40
	houseSeats    = 160
	multiMember   = 3 // house districts with two members
	campaignWeeks = 26
)

// Generate fills an empty database with a demo chapter in one transaction.
func Generate(ctx context.Context, s *db.Store, o Options) error {
	if err := o.Validate(); err != nil {
		return err
	}
	role, err := s.CoalitionRole(ctx)
	if err != nil {
		return err
	}
	switch {
	case role == db.RoleCoordinator:
		return errors.New("a coordinator's login holds no chapter's roster to fill: run demo as the server's owner " +
			"(--chapters N for a whole coalition) or as a chapter's lead")
	case role == db.RoleLead && o.Chapters > 1:
		return errors.New("--chapters adds chapters, which only the server's owner may; as a lead, demo fills your own " +
			"chapter: leave --chapters out")
	}
	// A lead counts their own chapter's records only.
	counts, err := s.Counts(ctx)
	if err != nil {
		return err
	}
	for _, c := range counts {
		if (c.Name == "volunteers" || c.Name == "call_reports") && c.Count > 0 {
			return ErrNotEmpty
		}
	}
	if o.AsOf.IsZero() {
		o.AsOf = time.Now().UTC().Truncate(24 * time.Hour)
	}
	g := &gen{o: o, r: rand.New(rand.NewPCG(o.Seed, 0x43444b31))}
	if role == db.RoleLead {
		return g.fillLeadChapter(ctx, s)
	}
	campaign, err := db.ParseCampaignFile(assets.StarterCampaign)
	if err != nil {
		return err
	}
	return s.Load(ctx, db.LoadOptions{DeferIndexes: true}, func(l *db.Loader) error {
		if err := l.UpdateSelfChapter(db.Chapter{Name: "Greater Boston Chapter (demo)", State: "MA",
			ContactName: "Rosa Medeiros", Email: "chapter@example.org", Phone: "(617) 555-0142",
			Website: "https://example.org/safe-communities", Address: "12 Centre St, Jamaica Plain, MA 02130"}); err != nil {
			return err
		}
		if err := g.addChapters(l); err != nil {
			return err
		}
		if err := g.legislature(l); err != nil {
			return err
		}
		g.placeDistricts()
		// The bills' sponsors are the demo's (initialStances marks them), not the
		// starter campaign's, whom the demo's legislature does not have: the Campaign
		// screen said they were not in office while the whip count had a sponsor.
		for i, b := range campaign.Bills {
			members := g.reps
			if b.Chamber == db.ChamberUpper {
				members = g.senators
			}
			campaign.Bills[i].Sponsor = members[0][0].Title()
		}
		cid, err := l.SaveCampaign(&campaign)
		if err != nil {
			return err
		}
		g.campaignID = cid
		if err := g.initialStances(l); err != nil {
			return err
		}
		if err := g.volunteers(ctx, l); err != nil {
			return err
		}
		return g.calls(ctx, l)
	})
}

type gen struct {
	o          Options
	r          *rand.Rand
	campaignID int64
	senators   [][]db.Legislator // by senate district index
	reps       [][]db.Legislator // by house district index
	houseDist  []string
	senateDist []string
	placeDist  []placeDistricts // by index of places
	vols       []volRef
	stance     map[int64]db.Stance
	chapterIDs []int64 // the coalition's chapters besides the own one (0), with --chapters
	done       int
	tick       uint64
}

// volRef is what the call generator needs of a volunteer.
type volRef struct {
	id            int64
	name          string
	senate, house int
	chapter       int64 // 0: the own chapter
}

// newUUID mints a version 7 UUID as the store does (time first, so ids sort in the
// order they were made), but from the seeded generator and a clock that ticks one
// millisecond per record from the campaign's start: the same seed gives the same ids.
func (g *gen) newUUID() string {
	g.tick++
	var u uuid.UUID
	ms := uint64(g.campaignStart().UnixMilli()) + g.tick
	binary.BigEndian.PutUint64(u[8:], g.r.Uint64())
	binary.BigEndian.PutUint64(u[:8], ms<<16|g.r.Uint64()&0xffff)
	u[6] = u[6]&0x0f | 0x70
	u[8] = u[8]&0x3f | 0x80
	return u.String()
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func (g *gen) legislature(l *db.Loader) error {
	// Senate districts: "First Suffolk", ..., and a few joint ones ("Middlesex and Worcester").
	for i := range senateSeats {
		county := counties[i%len(counties)]
		name := senateOrdinals[(i/len(counties))%len(senateOrdinals)] + " " + county
		if i%9 == 8 {
			name = county + " and " + counties[(i+3)%len(counties)]
		}
		g.senateDist = append(g.senateDist, name)
	}
	for i := range houseSeats - multiMember {
		county := counties[i%len(counties)]
		g.houseDist = append(g.houseDist, db.Ordinal(i/len(counties)+1)+" "+county)
	}
	phone := func() string { return fmt.Sprintf("(617) 722-%04d", 1000+g.r.IntN(9000)) }
	person := func(ch db.Chamber, district string) (db.Legislator, error) {
		first, last := pick(g.r, firstNames), pick(g.r, lastNames)
		lg := db.Legislator{UUID: g.newUUID(), OpenStatesID: "ocd-person/" + g.newUUID(), State: "MA", Chamber: ch,
			District: district, Name: first + " " + last, GivenName: first, FamilyName: last,
			Party: pick(g.r, parties), Email: strings.ToLower(db.Fold(first)[:1]+strings.ReplaceAll(db.Fold(last), " ", "")) + "@legislature.example.org",
			CapitolAddress: fmt.Sprintf("Room %d, State House, 24 Beacon St., Boston, MA 02133", 100+g.r.IntN(400)),
			CapitolPhone:   phone(), InOffice: true}
		if g.r.IntN(10) < 7 {
			p := pick(g.r, places)
			lg.DistrictAddress = fmt.Sprintf("%d %s, %s, MA %s", 1+g.r.IntN(300), pick(g.r, streets), p.town, pick(g.r, p.zips))
			lg.DistrictPhone = fmt.Sprintf("(%s) 555-%04d", pick(g.r, p.areas), g.r.IntN(10000))
		}
		if g.r.IntN(50) == 0 {
			lg.CapitolPhone = "" // as in the real data, someone always lacks a phone
		}
		return lg, l.AddLegislator(&lg)
	}
	g.senators = make([][]db.Legislator, len(g.senateDist))
	for i, d := range g.senateDist {
		lg, err := person(db.ChamberUpper, d)
		if err != nil {
			return err
		}
		g.senators[i] = append(g.senators[i], lg)
	}
	g.reps = make([][]db.Legislator, len(g.houseDist))
	for i, d := range g.houseDist {
		members := 1
		if i%50 == 7 && i/50 < multiMember {
			members = 2
		}
		for range members {
			lg, err := person(db.ChamberLower, d)
			if err != nil {
				return err
			}
			g.reps[i] = append(g.reps[i], lg)
		}
	}
	return nil
}

// placeDistricts are the districts (indexes of senateDist and houseDist) a town of
// places is in, its volunteers living in one of them.
type placeDistricts struct {
	senate int
	house  []int
}

// placeDistricts gives each town of places the districts it is in: a lead's first
// look at the demo is a volunteer of Holyoke and their call sheet, which drew the
// districts apart from the town (Third Plymouth, 10th Berkshire). Districts are named
// after counties (the made-up legislature's, and Massachusetts' own), so a town is
// in a senate district naming its county and in some of the house districts naming
// it, shared out among the county's towns; a county no district names (a coalition's
// legislators named otherwise) leaves its towns in districts taken in turn.
func (g *gen) placeDistricts() {
	named := func(dists []string, county string) []int {
		var out []int
		for i, d := range dists {
			for _, w := range strings.FieldsFunc(d, func(r rune) bool { return r == ' ' || r == ',' }) {
				if strings.EqualFold(w, county) {
					out = append(out, i)
					break
				}
			}
		}
		return out
	}
	nth, inCounty := make([]int, len(places)), map[string]int{} // a town's place among its county's
	for i, p := range places {
		nth[i] = inCounty[p.county]
		inCounty[p.county]++
	}
	g.placeDist = make([]placeDistricts, len(places))
	for i, p := range places {
		j, n := nth[i], inCounty[p.county]
		senates, houses := named(g.senateDist, p.county), named(g.houseDist, p.county)
		if len(senates) == 0 || len(houses) == 0 {
			senates, houses, j = []int{i % len(g.senateDist)}, []int{i % len(g.houseDist)}, 0
		}
		d := placeDistricts{senate: senates[j%len(senates)]}
		for k := j; k < len(houses); k += n {
			d.house = append(d.house, houses[k])
		}
		if len(d.house) == 0 { // more towns in the county than house districts
			d.house = []int{houses[j%len(houses)]}
		}
		g.placeDist[i] = d
	}
}

// campaignStart is when the demo's campaign (and its whip count) began.
func (g *gen) campaignStart() time.Time { return g.o.AsOf.AddDate(0, 0, -7*campaignWeeks) }

func (g *gen) initialStances(l *db.Loader) error {
	g.stance = map[int64]db.Stance{}
	weights := []struct {
		s db.Stance
		w int
	}{{db.StanceCosponsor, 22}, {db.StanceYes, 8}, {db.StanceLeaningYes, 10}, {db.StanceUndecided, 20},
		{db.StanceLeaningNo, 8}, {db.StanceNo, 7}, {db.StanceUnknown, 25}}
	at := g.campaignStart()
	set := func(lg db.Legislator, s db.Stance, reason string) error {
		g.stance[lg.ID] = s
		return l.AddStance(&db.StanceChange{UUID: g.newUUID(), CampaignID: g.campaignID, LegislatorID: lg.ID,
			Stance: s, ChangedAt: at, ChangedBy: "Rosa Medeiros", Reason: reason})
	}
	for _, group := range [][][]db.Legislator{g.senators, g.reps} {
		sponsored := false
		for _, members := range group {
			for _, lg := range members {
				var s db.Stance
				if !sponsored { // the chamber's first member, the campaign's bill's sponsor (Generate)
					s, sponsored = db.StanceSponsor, true
				} else {
					n := g.r.IntN(100)
					for _, w := range weights {
						if n < w.w {
							s = w.s
							break
						}
						n -= w.w
					}
				}
				if err := set(lg, s, "starting whip count from the coalition's list"); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func (g *gen) progress(n int) {
	g.done += n
	if g.o.Progress != nil && g.done%10000 < n {
		g.o.Progress(g.done, g.o.Volunteers+g.o.Calls)
	}
}

// volunteerRec is a generated volunteer on its way to the database.
type volunteerRec struct {
	v             db.Volunteer
	senate, house int
	recruiter     int // index of an earlier volunteer, or -1
}

// volunteers generates the roster on one goroutine and writes it on this one.
func (g *gen) volunteers(ctx context.Context, l *db.Loader) error {
	g.vols = make([]volRef, 0, g.o.Volunteers)
	return stream.Pipe(ctx, func(emit func(volunteerRec) bool) {
		for i := range g.o.Volunteers {
			if !emit(g.makeVolunteer(i)) {
				return
			}
		}
	}, func(rec *volunteerRec) error {
		if rec.recruiter >= 0 {
			rec.v.RecruiterID = g.vols[rec.recruiter].id
		}
		if err := l.AddVolunteer(&rec.v); err != nil {
			return err
		}
		g.vols = append(g.vols, volRef{rec.v.ID, rec.v.Name(), rec.senate, rec.house, rec.v.ChapterID})
		g.progress(1)
		return nil
	})
}

var (
	demoLangs = []struct {
		code string
		pct  int
	}{{"es", 22}, {"pt", 9}, {"ht", 5}, {"vi", 5}, {"zh", 2}}
	demoStatuses = []db.VolunteerStatus{db.StatusActive, db.StatusActive, db.StatusActive, db.StatusActive,
		db.StatusProspect, db.StatusInactive, db.StatusMoved}
)

// makeVolunteer draws the i-th volunteer of the roster.
func (g *gen) makeVolunteer(i int) volunteerRec {
	start := g.o.AsOf.AddDate(-3, 0, 0)
	span := int(g.o.AsOf.Sub(start) / time.Minute)
	first, last := pick(g.r, firstNames), pick(g.r, lastNames)
	pi := g.r.IntN(len(places))
	p := places[pi]
	sd, hd := g.placeDist[pi].senate, pick(g.r, g.placeDist[pi].house)
	v := db.NewVolunteer(first, last)
	v.UUID = g.newUUID()
	v.City, v.State, v.Zip = p.town, "MA", pick(g.r, p.zips)
	v.Address1 = fmt.Sprintf("%d %s", 1+g.r.IntN(400), pick(g.r, streets))
	if g.r.IntN(8) == 0 {
		v.Address2 = fmt.Sprintf("Apt %d", 1+g.r.IntN(30))
	}
	v.SenateDistrict, v.HouseDistrict = g.senateDist[sd], g.houseDist[hd]
	if g.r.IntN(20) != 0 {
		sep := pick(g.r, []string{".", "_", ""})
		v.Email = fmt.Sprintf("%s%s%s%d@%s", db.Fold(first), sep, strings.ReplaceAll(db.Fold(last), " ", ""), i,
			pick(g.r, []string{"gmail.com", "yahoo.com", "outlook.com", "comcast.net", "example.org"}))
		v.Email = strings.ReplaceAll(strings.ReplaceAll(v.Email, "'", ""), " ", "")
		if g.r.IntN(10) == 0 {
			v.Email = strings.ToUpper(v.Email[:1]) + v.Email[1:]
		}
	}
	area, line := pick(g.r, p.areas), g.r.IntN(10000)
	if g.r.IntN(10) < 8 {
		v.PhoneE164 = fmt.Sprintf("+1%s555%04d", area, line)
		v.Phone = writePhone(g.r, area, line)
	}
	if g.r.IntN(3) == 0 {
		area2, line2 := pick(g.r, p.areas), g.r.IntN(10000)
		v.MobileE164 = fmt.Sprintf("+1%s555%04d", area2, line2)
		v.Mobile = writePhone(g.r, area2, line2)
	}
	v.Languages = []string{"en"}
	for _, lg := range demoLangs {
		if g.r.IntN(100) < lg.pct {
			v.Languages = append(v.Languages, lg.code)
		}
	}
	for range g.r.IntN(3) {
		v.Tags = append(v.Tags, pick(g.r, tagNames))
	}
	if g.r.IntN(4) == 0 {
		v.Skills = append(v.Skills, pick(g.r, skillNames))
	}
	v.Status = pick(g.r, demoStatuses)
	v.OKText = g.r.IntN(2) == 0
	v.OKEmail = v.Email != "" && g.r.IntN(10) != 0
	v.OKCall = g.r.IntN(12) != 0
	v.DoNotContact = g.r.IntN(60) == 0
	if v.DoNotContact { // asked not to be contacted: no channel is open
		v.OKCall, v.OKText, v.OKEmail = false, false, false
	}
	if g.r.IntN(12) == 0 {
		v.Notes = pick(g.r, noteTexts)
	}
	v.Source = pick(g.r, []string{"nationbuilder", "sign-in sheet", "website", "house meeting", "referral"})
	joined := start.Add(time.Duration(g.r.IntN(span)) * time.Minute)
	v.JoinedOn = joined.Format("2006-01-02")
	v.CreatedAt, v.UpdatedAt = joined, joined
	rec := volunteerRec{v: v, senate: sd, house: hd, recruiter: -1}
	// A coalition's volunteers go round its chapters, the own chapter first.
	n := len(g.chapterIDs)
	if n > 1 {
		v.ChapterID = g.chapterIDs[i%n]
		rec.v.ChapterID = v.ChapterID
	}
	// About a third were recruited by someone of their chapter who joined before them.
	if i > 10 && g.r.IntN(3) == 0 {
		rec.recruiter = g.r.IntN(i)
		if n > 1 && i/n > 0 {
			rec.recruiter = g.r.IntN(i/n)*n + i%n
		} else if n > 1 {
			rec.recruiter = -1
		}
	}
	return rec
}

// writePhone writes a number the many ways people and exports do.
func writePhone(r *rand.Rand, area string, line int) string {
	switch r.IntN(6) {
	case 0:
		return fmt.Sprintf("(%s) 555-%04d", area, line)
	case 1:
		return fmt.Sprintf("%s-555-%04d", area, line)
	case 2:
		return fmt.Sprintf("%s.555.%04d", area, line)
	case 3:
		return fmt.Sprintf("+1 %s 555 %04d", area, line)
	case 4:
		return fmt.Sprintf("%s555%04d", area, line)
	default:
		return fmt.Sprintf("'%s-555-%04d", area, line) // NationBuilder's leading quote
	}
}

// outcomeWeights is how calls end, in percent.
var outcomeWeights = []struct {
	o db.Outcome
	w int
}{{db.OutcomeSpokeStaff, 36}, {db.OutcomeLeftVoicemail, 24}, {db.OutcomeSpokeLegislator, 6},
	{db.OutcomeNoAnswer, 13}, {db.OutcomeBusy, 8}, {db.OutcomeVoicemailFull, 8}, {db.OutcomeWrongNumber, 5}}

// callRec is a generated call report, and the stance change it causes if any.
type callRec struct {
	r      db.CallReport
	stance *db.StanceChange // CallReportID is filled in once the report has its id
}

// calls generates the call reports on one goroutine and writes them on this one.
// Calls are drawn in time order, spread evenly from the campaign's start to AsOf.
func (g *gen) calls(ctx context.Context, l *db.Loader) error {
	if g.o.Calls == 0 {
		return nil
	}
	return stream.Pipe(ctx, func(emit func(callRec) bool) {
		start := g.campaignStart()
		step := g.o.AsOf.Sub(start) / time.Duration(g.o.Calls)
		for i := range g.o.Calls {
			if !emit(g.makeCall(start.Add(time.Duration(i+1)*step), step)) {
				return
			}
		}
	}, func(rec *callRec) error {
		if err := l.AddCallReport(&rec.r); err != nil {
			return err
		}
		if rec.stance != nil {
			rec.stance.CallReportID = rec.r.ID
			if err := l.AddStance(rec.stance); err != nil {
				return err
			}
		}
		g.progress(1)
		return nil
	})
}

// makeCall draws one call made at most one step before at.
func (g *gen) makeCall(at time.Time, step time.Duration) callRec {
	when := at.Add(-time.Duration(g.r.IntN(int(max(step, time.Second)/time.Second))) * time.Second)
	// A caller pool of about a third of the roster, skewed so some call often: the
	// square of a uniform number favours the first callers of the pool.
	pool := max(1, len(g.vols)/3)
	u := g.r.Float64()
	vol := g.vols[int(u*u*float64(pool))]
	var lg db.Legislator
	if g.r.IntN(2) == 0 {
		lg = pick(g.r, g.senators[vol.senate])
	} else {
		lg = pick(g.r, g.reps[vol.house])
	}
	r := db.CallReport{UUID: g.newUUID(), CampaignID: g.campaignID, VolunteerID: vol.id, LegislatorID: lg.ID,
		CalledAt: when, Office: db.OfficeCapitol, Source: "report form", ChapterID: vol.chapter}
	if g.r.IntN(5) == 0 {
		r.Office = db.OfficeDistrict
	}
	n := g.r.IntN(100)
	for _, w := range outcomeWeights {
		if n < w.w {
			r.Outcome = w.o
			break
		}
		n -= w.w
	}
	if r.Outcome == db.OutcomeSpokeLegislator || r.Outcome == db.OutcomeSpokeStaff {
		r.GaveNameZip = g.r.IntN(10) < 8
		if g.r.IntN(3) == 0 {
			r.StanceHeard = g.heard(g.stance[lg.ID])
		}
		r.FollowUp = g.r.IntN(15) == 0
		r.FollowUpDone = r.FollowUp && when.Before(g.o.AsOf.AddDate(0, 0, -14)) && g.r.IntN(2) == 0
	}
	if g.r.IntN(8) == 0 {
		r.Notes = pick(g.r, callNotes)
	}
	rec := callRec{r: r}
	// Now and then what a caller heard moves the whip count (never a sponsorship: a call
	// does not move one, as the call form and the import have it).
	if r.StanceHeard != "" && r.StanceHeard != g.stance[lg.ID] && !g.stance[lg.ID].Sponsorship() && g.r.IntN(40) == 0 {
		g.stance[lg.ID] = r.StanceHeard
		rec.stance = &db.StanceChange{UUID: g.newUUID(), CampaignID: g.campaignID, LegislatorID: lg.ID,
			Stance: r.StanceHeard, ChangedAt: when, ChangedBy: vol.name, Reason: "heard on a call: " + r.Outcome.Label()}
		rec.stance.SetChapter(vol.chapter)
	}
	return rec
}

// heard is the stance a caller reports: mostly what the office holds, sometimes a step
// toward yes (the campaign is working), sometimes away.
func (g *gen) heard(current db.Stance) db.Stance {
	order := []db.Stance{db.StanceNo, db.StanceLeaningNo, db.StanceUndecided, db.StanceLeaningYes, db.StanceYes}
	idx := -1
	for i, s := range order {
		if s == current {
			idx = i
		}
	}
	if idx < 0 { // sponsor, cosponsor or unknown
		if current == db.StanceUnknown {
			return pick(g.r, order)
		}
		// A sponsor's office says they support it: "Cosponsor" is the official
		// record's word, not one a caller hears (the call form offers no such stance).
		return db.StanceYes
	}
	switch n := g.r.IntN(10); {
	case n < 6:
		return current
	case n < 9 && idx < len(order)-1:
		return order[idx+1]
	case idx > 0:
		return order[idx-1]
	}
	return current
}

// addChapters adds the coalition's other chapters (--chapters N: N-1 besides the own
// one), named after the towns of the roster.
func (g *gen) addChapters(l *db.Loader) error {
	if g.o.Chapters < 2 {
		return nil
	}
	g.chapterIDs = []int64{0}
	for k := 1; k < g.o.Chapters; k++ {
		name := places[k%len(places)].town + " Chapter (demo)"
		if k >= len(places) {
			name = fmt.Sprintf("%s Chapter %d (demo)", places[k%len(places)].town, k/len(places)+1)
		}
		c := db.Chapter{Name: name, State: "MA"}
		if err := l.AddChapter(&c); err != nil {
			return err
		}
		g.chapterIDs = append(g.chapterIDs, c.ID)
	}
	return nil
}

// fillLeadChapter is the demo for a coalition's lead: volunteers and calls in the
// lead's own chapter, to the legislators and the campaign the coalition has (a lead
// may not write those, nor any other chapter). It is refused when there is no
// campaign or no legislator in office of its state yet.
func (g *gen) fillLeadChapter(ctx context.Context, s *db.Store) error {
	camps, err := s.Campaigns(ctx)
	if err != nil {
		return err
	}
	for _, c := range camps {
		if c.Status != "archived" {
			g.campaignID = c.ID
			break
		}
	}
	if g.campaignID == 0 {
		return errors.New("the coalition has no campaign yet, and a lead may not add one: the coordinator or the " +
			"server's owner loads it (and the legislators) first")
	}
	campaign, err := s.Campaign(ctx, g.campaignID)
	if err != nil {
		return err
	}
	legs, err := s.Legislators(ctx)
	if err != nil {
		return err
	}
	senate, house := map[string]int{}, map[string]int{}
	for _, lg := range legs {
		if campaign.State != "" && lg.State != campaign.State {
			continue
		}
		dists, names, members := &g.senateDist, senate, &g.senators
		if lg.Chamber == db.ChamberLower {
			dists, names, members = &g.houseDist, house, &g.reps
		}
		i, ok := names[lg.District]
		if !ok {
			i = len(*dists)
			names[lg.District] = i
			*dists = append(*dists, lg.District)
			*members = append(*members, nil)
		}
		(*members)[i] = append((*members)[i], lg)
	}
	if len(g.senateDist) == 0 || len(g.houseDist) == 0 {
		return fmt.Errorf("the coalition has no legislators in office of both chambers of %s, and a lead may not add "+
			"them: the coordinator or the server's owner imports them first", campaign.State)
	}
	g.placeDistricts()
	whip, err := s.WhipCount(ctx, g.campaignID)
	if err != nil {
		return err
	}
	g.stance = map[int64]db.Stance{}
	for _, w := range whip.Legislators {
		g.stance[w.LegislatorID] = w.Stance
	}
	return s.Load(ctx, db.LoadOptions{}, func(l *db.Loader) error {
		if err := g.volunteers(ctx, l); err != nil {
			return err
		}
		return g.calls(ctx, l)
	})
}
