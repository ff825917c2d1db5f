package db_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/demo"
)

// openAs opens the Store on the scene's database as login.
func (sc *coalScene) openAs(t *testing.T, login string) *db.Store {
	t.Helper()
	s, err := db.Open(context.Background(), coalAs(t, sc.url, login), db.Options{})
	if err != nil {
		t.Fatalf("open the store as %s: %v", login, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// contactData matches what a coordinator must never be shown of the scene's
// volunteers: emails, phone digits, the street, the notes, the last names.
var contactData = regexp.MustCompile(`(?i)example\.org|5550101|5550102|Elm Street|private note|Archer|Baker`)

func chapterNames(cs []db.Chapter) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Name)
	}
	return out
}

func TestCoalitionWhoAmI(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	own, err := sc.s.WhoAmI(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if own.Kind != db.LoginOwner || len(own.Chapters) != 1 || own.Current != own.Chapters[0].ID || own.Current == sc.a.ID || own.Current == sc.b.ID {
		t.Errorf("the owner: %+v", own)
	}
	lead, err := sc.openAs(t, sc.leadA).WhoAmI(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if lead.Kind != db.LoginLead || lead.Name != sc.leadA || fmt.Sprint(chapterNames(lead.Chapters)) != "[Worcester]" ||
		lead.Current != sc.a.ID || lead.Describe() != "lead of Worcester" {
		t.Errorf("a lead: %+v (%q)", lead, lead.Describe())
	}
	coord, err := sc.openAs(t, sc.coord).WhoAmI(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if coord.Kind != db.LoginCoordinator || coord.Current != 0 || coord.Describe() != "coordinator" ||
		fmt.Sprint(chapterNames(coord.Chapters)) != "[My chapter Springfield Worcester]" {
		t.Errorf("the coordinator: %+v", coord)
	}
	file, err := dbtest.OpenFile(t).WhoAmI(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if file.Kind != db.LoginFile || len(file.Chapters) != 1 || file.Current != file.Chapters[0].ID || file.Describe() != "" {
		t.Errorf("a data file: %+v", file)
	}
	// A login that is none of these is told so.
	stranger := coalLogin("dave")
	dbtest.ServerAdmin(t, sc.url, `CREATE ROLE `+stranger+` LOGIN; GRANT chapterdesk_lead TO `+stranger)
	if _, err := sc.openAs(t, stranger).WhoAmI(ctx); err == nil {
		t.Errorf("a login that is neither owner, lead nor coordinator: no error")
	}
}

// A lead of two chapters works on one at a time, on every connection of the pools.
func TestCoalitionLeadUsesOneChapter(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	if _, err := sc.s.AddLead(ctx, sc.leadA, "Springfield"); err != nil {
		t.Fatal(err)
	}
	other, err := sc.s.AddChapter(ctx, "Lowell")
	if err != nil {
		t.Fatal(err)
	}
	ls := sc.openAs(t, sc.leadA)
	who, err := ls.WhoAmI(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(chapterNames(who.Chapters)) != "[Springfield Worcester]" {
		t.Fatalf("a lead of two chapters: %+v", who)
	}
	// Before a choice she sees both, as with psql.
	if n, err := ls.CountVolunteers(ctx, db.VolunteerFilter{}); err != nil || n != 2 {
		t.Fatalf("before a choice: %d volunteers, %v", n, err)
	}
	// roster reads the roster on many connections at once, so each pooled reader
	// connection (and the writer's) has to carry the choice.
	roster := func() []string {
		t.Helper()
		var mu sync.Mutex
		seen := map[string]bool{}
		var wg sync.WaitGroup
		errs := make(chan error, 16)
		for range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rows, err := ls.ListVolunteers(ctx, db.VolunteerFilter{}, 0, 50)
				if err != nil {
					errs <- err
					return
				}
				var names []string
				for _, r := range rows {
					names = append(names, r.FirstName)
				}
				mu.Lock()
				seen[fmt.Sprint(names)] = true
				mu.Unlock()
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		var out []string
		for k := range seen {
			out = append(out, k)
		}
		return out
	}
	for _, step := range []struct {
		chapter db.Chapter
		want    string
	}{{sc.b, "[[Ben]]"}, {sc.a, "[[Ann]]"}, {sc.b, "[[Ben]]"}} {
		if err := ls.UseChapter(ctx, step.chapter.ID); err != nil {
			t.Fatalf("use %s: %v", step.chapter.Name, err)
		}
		if got := fmt.Sprint(roster()); got != step.want {
			t.Errorf("after choosing %s the roster reads %s, want %s", step.chapter.Name, got, step.want)
		}
		self, err := ls.SelfChapter(ctx)
		if err != nil || self.ID != step.chapter.ID {
			t.Errorf("after choosing %s the own chapter is %+v, %v", step.chapter.Name, self, err)
		}
		who, err := ls.WhoAmI(ctx)
		if err != nil || who.Current != step.chapter.ID || who.Describe() != "lead of "+step.chapter.Name {
			t.Errorf("after choosing %s: %+v, %v", step.chapter.Name, who, err)
		}
	}
	// What she adds now is Springfield's (the writer's connection carries it too).
	id := dbtest.Volunteer(t, ls, "Cleo", "Cole", nil)
	var chapter int64
	if err := sc.admin.QueryRow(ctx, `SELECT chapter_id FROM volunteers WHERE id = $1`, id).Scan(&chapter); err != nil {
		t.Fatal(err)
	}
	if chapter != sc.b.ID {
		t.Errorf("a volunteer added while on Springfield is in chapter %d, want %d", chapter, sc.b.ID)
	}
	// A chapter she does not lead is refused, and the choice stays.
	if err := ls.UseChapter(ctx, other.ID); err == nil {
		t.Errorf("choosing a chapter she does not lead: allowed")
	}
	if self, err := ls.SelfChapter(ctx); err != nil || self.ID != sc.b.ID {
		t.Errorf("after a refused choice the own chapter is %+v, %v", self, err)
	}
	// Setting chapterdesk.chapter by hand to a chapter not hers opens nothing.
	raw := coalConnect(t, sc.url, sc.leadA)
	if _, err := raw.Exec(ctx, fmt.Sprintf(`SET chapterdesk.chapter = '%d'`, other.ID)); err != nil {
		t.Fatal(err)
	}
	if n := coalCount(t, raw, `SELECT count(*) FROM volunteers WHERE chapter_id NOT IN ($1, $2)`, sc.a.ID, sc.b.ID); n != 0 {
		t.Errorf("a lead naming another chapter in chapterdesk.chapter reads %d of its volunteers", n)
	}
	// The coordinator chooses none.
	if err := sc.openAs(t, sc.coord).UseChapter(ctx, sc.a.ID); err == nil {
		t.Errorf("the coordinator choosing a chapter: allowed")
	}
}

// dashboardScene adds to the coalition: a third chapter with no call of the campaign,
// and calls of Worcester in the last two weeks, one trashed. now is a Wednesday noon,
// three weeks after the scene's first calls (Tuesday 14 November 2023).
func dashboardScene(t *testing.T, sc *coalScene, loc *time.Location) (now time.Time) {
	t.Helper()
	ctx := context.Background()
	lowell, err := sc.s.AddChapter(ctx, "Lowell")
	if err != nil {
		t.Fatal(err)
	}
	now = time.Date(2023, 12, 6, 12, 0, 0, 0, loc)
	var other int64
	if err := sc.admin.QueryRow(ctx, `INSERT INTO campaigns (uuid, created_at, updated_at) VALUES ('camp-2', 0, 0) RETURNING id`).Scan(&other); err != nil {
		t.Fatal(err)
	}
	for i, c := range []struct {
		chapter, campaign int64
		at                time.Time
		outcome           string
		deleted           bool
	}{
		{sc.a.ID, sc.campaign, now.AddDate(0, 0, -1), "no_answer", false},      // this week
		{sc.a.ID, sc.campaign, now.AddDate(0, 0, -1), "spoke_staff", true},     // trashed
		{sc.a.ID, sc.campaign, now.AddDate(0, 0, -8), "left_voicemail", false}, // last week
		{lowell.ID, other, now.AddDate(0, 0, -1), "spoke_legislator", false},   // another campaign
		{sc.a.ID, sc.campaign, now.AddDate(0, 0, -7*20), "spoke_staff", false}, // before the weeks shown
	} {
		deleted := any(nil)
		if c.deleted {
			deleted = now.Unix()
		}
		if _, err := sc.admin.Exec(ctx, `INSERT INTO call_reports (uuid, chapter_id, campaign_id, volunteer_id, legislator_id,
			called_at, outcome, deleted_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, 0)`,
			fmt.Sprintf("dash-%d", i), c.chapter, c.campaign, sc.volA, sc.legislator, c.at.Unix(), c.outcome, deleted); err != nil {
			t.Fatal(err)
		}
	}
	return now
}

// The dashboard's weeks come from the quarter-hour counters in the time zones whose
// midnight falls on a quarter of an hour (all of today's), else from the reports; both
// give the same answer.
func TestCoalitionDashboard(t *testing.T) {
	for _, loc := range []*time.Location{time.Local, time.FixedZone("seven minutes east", 7*60)} {
		t.Run(loc.String(), func(t *testing.T) { testCoalitionDashboard(t, loc) })
	}
}

func testCoalitionDashboard(t *testing.T, loc *time.Location) {
	sc := newCoalition(t)
	ctx := context.Background()
	now := dashboardScene(t, sc, loc)
	cs := sc.openAs(t, sc.coord)
	d, err := cs.CoalitionDashboard(ctx, sc.campaign, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Weeks) != db.CoalitionWeeks || !d.Weeks[len(d.Weeks)-1].Equal(time.Date(2023, 12, 4, 0, 0, 0, 0, loc)) ||
		!d.Weeks[0].Equal(time.Date(2023, 9, 18, 0, 0, 0, 0, loc)) {
		t.Errorf("weeks: %v", d.Weeks)
	}
	byName := map[string]db.ChapterWeeks{}
	var names []string
	for _, c := range d.Chapters {
		byName[c.Name] = c
		names = append(names, c.Name)
	}
	if fmt.Sprint(names) != "[Lowell My chapter Springfield Worcester]" {
		t.Fatalf("chapters: %v", names)
	}
	// Worcester: its first call (week of 13 November, index 8), last week's voicemail,
	// this week's no answer; the trashed one and the one 20 weeks ago not counted.
	w := byName["Worcester"]
	var got []string
	for i, wk := range w.Weeks {
		if wk.Calls > 0 {
			got = append(got, fmt.Sprintf("%d:%d/%d", i, wk.Calls, wk.Reaches))
		}
	}
	if fmt.Sprint(got) != "[8:1/1 10:1/1 11:1/0]" || w.Calls != 3 || !w.LastCall.Equal(now.AddDate(0, 0, -1)) {
		t.Errorf("Worcester: weeks %v, %d calls, last %v", got, w.Calls, w.LastCall)
	}
	if s := byName["Springfield"]; s.Calls != 1 || s.Weeks[8].Calls != 1 || !s.LastCall.Equal(time.Unix(1700000000, 0)) {
		t.Errorf("Springfield: %+v", s)
	}
	if l := byName["Lowell"]; l.Calls != 0 || !l.LastCall.IsZero() {
		t.Errorf("Lowell (a call of another campaign only): %+v", l)
	}
	// Quiet: never called first, then the longest quiet; Worcester called yesterday.
	var quiet []string
	for _, q := range d.Quiet {
		quiet = append(quiet, q.Name)
	}
	if fmt.Sprint(quiet) != "[Lowell My chapter Springfield]" {
		t.Errorf("quiet chapters: %v", quiet)
	}
	// The whip count is every chapter's: the scene's first call and Worcester's three
	// other live ones, the trashed one out (call_stats, kept by the owner's triggers),
	// whatever week they fell in. The scene's two first calls, Worcester's and
	// Springfield's, are alike in all 0024 compares (the same second, office, outcome
	// and notes): one call reported to two chapters, counted once (postgres/0029),
	// as the coordinator's workbook counts it.
	if d.Whip.Calls != 4 || d.Whip.Reaches != 3 || len(d.Whip.Legislators) != 1 {
		t.Errorf("coalition whip count: %d calls, %d reaches, %d legislators", d.Whip.Calls, d.Whip.Reaches, len(d.Whip.Legislators))
	}
	if leak := contactData.FindString(fmt.Sprintf("%+v", d)); leak != "" {
		t.Errorf("the coordinator's dashboard carries %q", leak)
	}
	// The owner reads every chapter too.
	if od, err := sc.s.CoalitionDashboard(ctx, sc.campaign, now); err != nil || len(od.Chapters) != 4 || od.Chapters[3].Calls != 3 {
		t.Errorf("the owner's coalition dashboard: %+v, %v", od.Chapters, err)
	}
	// A lead's reports are their chapter's: asked, she is refused, not shown a
	// coalition of one.
	if _, err := sc.openAs(t, sc.leadA).CoalitionDashboard(ctx, sc.campaign, now); !errors.Is(err, db.ErrNotCoordinator) {
		t.Errorf("a lead's coalition dashboard: %v, want ErrNotCoordinator", err)
	}
	if _, err := dbtest.OpenFile(t).CoalitionDashboard(ctx, 1, now); !errors.Is(err, db.ErrNotCoordinator) {
		t.Errorf("a data file's coalition dashboard: %v, want ErrNotCoordinator", err)
	}
}

func TestCoalitionCallReportsMasked(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	dashboardScene(t, sc, time.Local)
	cs := sc.openAs(t, sc.coord)
	rows, err := cs.CoalitionCallReports(ctx, db.CoalitionCallFilter{CampaignID: sc.campaign}, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		if r.LegislatorID != sc.legislator || r.Legislator != "Rep. Rep. Jane Doe" { // the scene's name has the title in it
			t.Errorf("report %d: legislator %d %q", r.ID, r.LegislatorID, r.Legislator)
		}
		got = append(got, fmt.Sprintf("%s %s %s", r.CalledAt.Format("Jan 2"), r.Chapter, r.Caller))
	}
	want := "[Dec 5 Worcester Ann A. Nov 28 Worcester Ann A. Nov 14 Springfield Ben B. Nov 14 Worcester Ann A. Jul 19 Worcester Ann A.]"
	if fmt.Sprint(got) != want {
		t.Errorf("the coordinator's call reports:\n got %v\nwant %s", got, want)
	}
	if leak := contactData.FindString(fmt.Sprintf("%+v", rows)); leak != "" {
		t.Errorf("the coordinator's call reports carry %q", leak)
	}
	only, err := cs.CoalitionCallReports(ctx, db.CoalitionCallFilter{ChapterID: sc.b.ID}, 0, 100)
	if err != nil || len(only) != 1 || only[0].Chapter != "Springfield" || only[0].Caller != "Ben B." {
		t.Errorf("Springfield's reports: %+v, %v", only, err)
	}
	// The list is the coordinator's: the owner and a lead are refused, not given an
	// empty or partial list.
	for _, s := range []*db.Store{sc.s, sc.openAs(t, sc.leadA)} {
		if _, err := s.CoalitionCallReports(ctx, db.CoalitionCallFilter{}, 0, 10); !errors.Is(err, db.ErrNotCoordinator) {
			t.Errorf("coalition call reports for a non-coordinator: %v, want ErrNotCoordinator", err)
		}
	}
}

// BenchmarkCoalitionDashboard times the coordinator's dashboard of the newest campaign
// on a coalition server, as the coordinator: CHAPTERDESK_BENCH_PG_URL names the
// server and the coordinator's login (bar: under 1 s on 50 chapters and 5,000,000
// calls). Skipped without it.
func BenchmarkCoalitionDashboard(b *testing.B) {
	url := os.Getenv("CHAPTERDESK_BENCH_PG_URL")
	if url == "" {
		b.Skip("set CHAPTERDESK_BENCH_PG_URL to a coalition server, as its coordinator")
	}
	ctx := context.Background()
	s, err := db.Open(ctx, url, db.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	campaigns, err := s.Campaigns(ctx)
	if err != nil || len(campaigns) == 0 {
		b.Fatalf("campaigns: %v (%d)", err, len(campaigns))
	}
	now := time.Now()
	var d db.CoalitionDashboard
	for b.Loop() {
		if d, err = s.CoalitionDashboard(ctx, campaigns[0].ID, now); err != nil {
			b.Fatal(err)
		}
	}
	calls := 0
	for _, c := range d.Chapters {
		calls += c.Calls
	}
	b.ReportMetric(float64(len(d.Chapters)), "chapters")
	b.ReportMetric(float64(calls), "calls-in-weeks")
}

// The coordinator reads a legislator's stance history without who changed it (the
// column it has no grant on, often a caller's full name).
func TestCoalitionStanceHistoryWithoutWho(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	if _, err := sc.s.SetStance(ctx, db.StanceChange{CampaignID: sc.campaign, LegislatorID: sc.legislator,
		Stance: db.StanceLeaningYes, ChangedBy: "Ann Archer", Reason: "heard on a call"}); err != nil {
		t.Fatal(err)
	}
	cs := sc.openAs(t, sc.coord)
	// The history itself the coordinator reads too: its callers are first name and
	// last initial (migration 0005), never a volunteer's full name.
	full, err := cs.StanceHistory(ctx, sc.campaign, sc.legislator)
	if err != nil {
		t.Fatalf("the coordinator reading the stance history: %v", err)
	}
	for _, h := range full {
		if strings.Contains(h.ChangedBy, "Archer") && h.CallReportID != 0 || strings.Contains(h.ChangedBy, "Baker") {
			t.Errorf("the coordinator reads a caller's full name in the history: %+v", h)
		}
	}
	hist, err := cs.CoalitionStanceHistory(ctx, sc.campaign, sc.legislator)
	if err != nil {
		t.Fatal(err)
	}
	// The scene's two reports moved the stance first; this change is the newest.
	if len(hist) != 3 || hist[0].Stance != db.StanceLeaningYes || hist[0].Reason != "heard on a call" {
		t.Errorf("the coordinator's stance history: %+v", hist)
	}
	for _, h := range hist {
		if h.ChangedBy != "" {
			t.Errorf("the coordinator reads who changed a stance: %+v", h)
		}
	}
}

// The chapters' quarter-hour counters (chapter_call_quarters) agree with the reports
// after every way reports are written: the owner's bulk demo, a lead's report, trash
// and restore, an import and its undo, an edit of a report's time and chapter.
func TestChapterCallQuartersKeptRight(t *testing.T) {
	ctx := context.Background()
	u := dbtest.ServerURL(t)
	owner, err := db.Open(ctx, u, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()
	if err := demo.Generate(ctx, owner, demo.Options{Volunteers: 300, Calls: 3000, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	admin := coalConnect(t, u, "postgres")
	check := func(step string) {
		t.Helper()
		var off int
		if err := admin.QueryRow(ctx, `SELECT count(*) FROM (
			SELECT campaign_id, quarter, chapter_id, calls, reaches FROM chapter_call_quarters WHERE calls <> 0 OR reaches <> 0
			EXCEPT
			SELECT campaign_id, called_at / 900, chapter_id, count(*),
				count(*) FILTER (WHERE outcome IN ('spoke_legislator', 'spoke_staff', 'left_voicemail'))
			FROM call_reports WHERE deleted_at IS NULL GROUP BY 1, 2, 3) x`).Scan(&off); err != nil {
			t.Fatal(err)
		}
		var calls, counted int
		if err := admin.QueryRow(ctx, `SELECT (SELECT count(*) FROM call_reports WHERE deleted_at IS NULL),
			(SELECT coalesce(sum(calls), 0) FROM chapter_call_quarters)`).Scan(&calls, &counted); err != nil {
			t.Fatal(err)
		}
		if off != 0 || calls != counted || calls == 0 {
			t.Errorf("%s: %d counter rows differ from the reports; %d live reports, %d counted", step, off, calls, counted)
		}
	}
	check("after the demo")
	chapter, err := owner.AddChapter(ctx, "Worcester")
	if err != nil {
		t.Fatal(err)
	}
	lead := coalLogin("lena")
	if _, err := owner.AddLead(ctx, lead, "Worcester"); err != nil {
		t.Fatal(err)
	}
	ls, err := db.Open(ctx, coalAs(t, u, lead), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ls.Close()
	campaigns, err := ls.Campaigns(ctx)
	if err != nil || len(campaigns) == 0 {
		t.Fatalf("campaigns: %v", err)
	}
	legs, err := ls.Legislators(ctx)
	if err != nil || len(legs) < 2 {
		t.Fatalf("legislators: %v", err)
	}
	vol := dbtest.Volunteer(t, ls, "Cleo", "Cole", nil)
	rid, err := ls.CreateCallReport(ctx, db.CallReport{CampaignID: campaigns[0].ID, VolunteerID: vol, LegislatorID: legs[0].ID,
		CalledAt: time.Now().Add(-time.Hour), Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff}, false)
	if err != nil {
		t.Fatal(err)
	}
	check("after a lead's report")
	if _, err := ls.TrashCallReport(ctx, rid); err != nil {
		t.Fatal(err)
	}
	check("after it went to the trash")
	if _, err := ls.RestoreCallReport(ctx, rid); err != nil {
		t.Fatal(err)
	}
	check("after it came back")
	var rows []db.IncomingCall
	for i := range 40 {
		rows = append(rows, db.IncomingCall{Line: i + 2, CallerName: "Dora Diaz", CallerEmail: "dora@example.org",
			Legislator: legs[i%2].Title(), CalledAt: time.Now().Add(-time.Duration(i) * 7 * time.Hour),
			Office: db.OfficeCapitol, Outcome: db.Outcomes[i%len(db.Outcomes)]})
	}
	// (A lead's import of call reports is refused on this branch: it writes call_stats
	// itself, which a lead may not; so the owner imports.)
	sum, err := owner.ImportCalls(ctx, rows, db.CallImportOptions{CampaignID: campaigns[0].ID})
	if err != nil || sum.Created != 40 {
		t.Fatalf("an import: %+v, %v", sum, err)
	}
	check("after an import")
	if _, err := owner.UndoImport(ctx, sum.BatchID); err != nil {
		t.Fatal(err)
	}
	check("after its undo")
	if _, err := admin.Exec(ctx, `UPDATE call_reports SET called_at = called_at - 86400 * 9, chapter_id = $1
		WHERE id IN (SELECT id FROM call_reports ORDER BY id LIMIT 500)`, chapter.ID); err != nil {
		t.Fatal(err)
	}
	check("after moving reports in time and to another chapter")
}
