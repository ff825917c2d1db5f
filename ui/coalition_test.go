package ui

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// The coalition server's screens (issue 18), on the PostgreSQL test server: the
// coordinator's window and a lead of two chapters switching between them.

var uiCoalSeq atomic.Int64

// coalitionScene is a coalition of Worcester and Springfield, a volunteer and a call
// report in each, a lead of both, and a coordinator.
type coalitionScene struct {
	url         string
	lead, coord string
	a, b        db.Chapter
}

func newCoalitionScene(t *testing.T) coalitionScene {
	t.Helper()
	ctx := context.Background()
	u := dbtest.ServerURL(t)
	owner, err := db.Open(ctx, u, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()
	n := uiCoalSeq.Add(1)
	sc := coalitionScene{url: u, lead: fmt.Sprintf("uilead_%d_%d", time.Now().UnixNano()%1e6, n), coord: fmt.Sprintf("uicoord_%d_%d", time.Now().UnixNano()%1e6, n)}
	if sc.a, err = owner.AddChapter(ctx, "Worcester"); err != nil {
		t.Fatal(err)
	}
	if sc.b, err = owner.AddChapter(ctx, "Springfield"); err != nil {
		t.Fatal(err)
	}
	for _, ch := range []string{"Worcester", "Springfield"} {
		if _, err := owner.AddLead(ctx, sc.lead, ch); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := owner.AddCoordinator(ctx, sc.coord); err != nil {
		t.Fatal(err)
	}
	campaign := dbtest.Campaign(t, owner)
	leg := dbtest.Legislator(t, owner, db.ChamberLower, "1st Worcester", "Jane Doe")
	for _, v := range []struct {
		chapter            int64
		uuid, first, last  string
		email, phone, town string
	}{{sc.a.ID, "a", "Ann", "Archer", "ann@example.org", "+15085550101", "Worcester"},
		{sc.b.ID, "b", "Ben", "Baker", "ben@example.org", "+14135550102", "Springfield"}} {
		dbtest.ServerAdmin(t, u, fmt.Sprintf(`
			INSERT INTO volunteers (uuid, chapter_id, first_name, last_name, email, phone, phone_e164, address1, city, notes, created_at, updated_at)
			VALUES ('vol-%[1]s', %[2]d, '%[3]s', '%[4]s', '%[5]s', '%[6]s', '%[6]s', '12 Elm Street', '%[7]s', 'private note', 0, 0);
			INSERT INTO call_reports (uuid, chapter_id, campaign_id, volunteer_id, legislator_id, called_at, outcome, notes, created_at, updated_at)
			SELECT 'call-%[1]s', %[2]d, %[8]d, id, %[9]d, %[10]d, 'spoke_staff', 'said to call %[6]s', 0, 0 FROM volunteers WHERE uuid = 'vol-%[1]s'`,
			v.uuid, v.chapter, v.first, v.last, v.email, v.phone, v.town, campaign, leg, time.Now().Add(-time.Hour).Unix()))
	}
	return sc
}

func (sc coalitionScene) open(t *testing.T, login string) *db.Store {
	t.Helper()
	u, err := url.Parse(sc.url)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.User(login)
	s, err := db.Open(context.Background(), u.String(), db.Options{})
	if err != nil {
		t.Fatalf("open as %s: %v", login, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// contactShown matches what the coordinator must never be shown: the volunteers'
// emails, phone digits, street, notes and last names.
var contactShown = regexp.MustCompile(`(?i)@example\.org|5550101|5550102|Elm Street|private note|Archer|Baker`)

// allTexts is every text the objects under o hold, shown or not: labels, entries,
// canvas texts, selects, list rows.
func allTexts(o fyne.CanvasObject) string {
	var b strings.Builder
	for _, c := range test.LaidOutObjects(o) {
		switch x := c.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *widget.Entry:
			b.WriteString(x.Text + "\n")
		case *canvas.Text:
			b.WriteString(x.Text + "\n")
		case *widget.Select:
			b.WriteString(x.Selected + "|" + strings.Join(x.Options, "|") + "\n")
		}
	}
	return b.String()
}

func noDialog(t *testing.T, m *mainWindow, where string) {
	t.Helper()
	if top := m.w.Canvas().Overlays().Top(); top != nil {
		t.Errorf("%s: a dialog: %q", where, visibleTexts(top))
		top.Hide()
		m.w.Canvas().Overlays().Remove(top)
	}
}

func TestCoordinatorWindow(t *testing.T) {
	sc := newCoalitionScene(t)
	a := test.NewTempApp(t)
	cs := sc.open(t, sc.coord)
	m := newMainWindow(a, cs, "test", nil)
	defer m.w.Close()
	m.w.Resize(fyne.NewSize(1100, 720))

	var tabs []string
	for _, it := range m.tabs.Items {
		tabs = append(tabs, it.Text)
	}
	if got := strings.Join(tabs, ", "); got != "Coalition, Call reports, Legislators, Record, Campaign, Print & export, Settings" {
		t.Errorf("the coordinator's screens: %s", got)
	}
	if m.volunteers != nil || m.home != nil || m.calls != nil {
		t.Errorf("the coordinator has a volunteers, lead's dashboard or call form screen")
	}
	if !strings.Contains(m.w.Title(), "(coordinator)") {
		t.Errorf("title %q does not say the coordinator is connected", m.w.Title())
	}
	noDialog(t, m, "the coalition dashboard")
	var names []string
	for _, c := range m.coalition.shown.Chapters {
		names = append(names, fmt.Sprintf("%s:%d", c.Name, c.Calls))
	}
	if got := strings.Join(names, " "); !strings.Contains(got, "Springfield:1") || !strings.Contains(got, "Worcester:1") {
		t.Errorf("the dashboard's chapters: %s", got)
	}
	dash := allTexts(m.w.Content())
	for _, want := range []string{"Worcester", "Springfield", "Coalition (a call once)", "Calls per chapter per week", "Gone quiet"} {
		if !strings.Contains(dash, want) {
			t.Errorf("the coalition dashboard does not show %q", want)
		}
	}
	// Every screen opens without a permission error, and none shows a volunteer's
	// contact details.
	for i, it := range m.tabs.Items {
		m.tabs.SelectIndex(i)
		noDialog(t, m, it.Text)
		if leak := contactShown.FindString(allTexts(m.w.Content())); leak != "" {
			t.Errorf("%s shows the coordinator %q", it.Text, leak)
		}
	}
	m.show(screenCalls)
	wait(t, m.coalitionCalls.refreshAsync())
	var calls []string
	for _, r := range m.coalitionCalls.rows {
		calls = append(calls, r.Chapter+" "+r.Caller)
	}
	if got := strings.Join(calls, ", "); got != "Springfield Ben B., Worcester Ann A." && got != "Worcester Ann A., Springfield Ben B." {
		t.Errorf("the coordinator's call reports: %s", got)
	}
	// The times are the legislature's clock (Boston's), not the computer's.
	boston, _ := time.LoadLocation("America/New_York")
	for i, r := range m.coalitionCalls.rows {
		row := newCoalitionCallRow()
		m.coalitionCalls.updateRow(i, row)
		if got, want := row.(*fyne.Container).Objects[1].(*widget.Label).Text, r.CalledAt.In(boston).Format("Jan 02 15:04"); got != want {
			t.Errorf("a call at %s is listed at %q, want %q (Boston's clock)", r.CalledAt.UTC(), got, want)
		}
	}
	if leak := contactShown.FindString(allTexts(m.w.Content())); leak != "" {
		t.Errorf("the call reports show the coordinator %q", leak)
	}
	// The menu offers no volunteer or call form.
	for _, menu := range m.w.MainMenu().Items {
		for _, it := range menu.Items {
			if strings.Contains(it.Label, "volunteer") || strings.Contains(it.Label, "call report") {
				t.Errorf("the coordinator's menu has %q", it.Label)
			}
		}
	}
}

func TestLeadOfTwoChaptersSwitches(t *testing.T) {
	sc := newCoalitionScene(t)
	a := test.NewTempApp(t)
	ls := sc.open(t, sc.lead)
	m := newMainWindow(a, ls, "test", nil)
	defer m.w.Close()
	if m.chapterSel == nil {
		t.Fatal("a lead of two chapters has no chapter chooser")
	}
	roster := func() string {
		t.Helper()
		m.show(screenVolunteers)
		wait(t, m.volunteers.refreshed)
		var names []string
		for _, r := range m.volunteers.pages[0] {
			names = append(names, r.FirstName)
		}
		return strings.Join(names, " ")
	}
	// The first chapter by id (Worcester) until one is chosen.
	if got := roster(); got != "Ann" || m.chapterSel.Selected != "Worcester" {
		t.Errorf("at first: roster %q, chooser %q", got, m.chapterSel.Selected)
	}
	m.chapterSel.SetSelected("Springfield")
	// The switch rebuilt the screens and stayed on the volunteers.
	if m.currentScreen() != screenVolunteers {
		t.Errorf("after the switch the screen is %d", m.currentScreen())
	}
	if got := roster(); got != "Ben" {
		t.Errorf("after choosing Springfield the roster is %q, want Springfield's Ben only", got)
	}
	noDialog(t, m, "the switch")
	m.show(screenDashboard)
	wait(t, m.home.refreshAsync())
	if title := m.w.Title(); !strings.Contains(title, "Springfield") || !strings.Contains(title, "(lead of Springfield)") {
		t.Errorf("title after the switch: %q", title)
	}
	if !strings.Contains(allTexts(m.home.content), "signed in as "+sc.lead+", lead of Springfield") {
		t.Errorf("the dashboard does not say who is connected:\n%s", allTexts(m.home.content))
	}
	m.show(screenCalls)
	wait(t, m.calls.refreshAsync())
	if len(m.calls.rows) != 1 || m.calls.rows[0].VolunteerName != "Ben Baker" {
		t.Errorf("Springfield's call reports: %+v", m.calls.rows)
	}
	// The choice is remembered: the next window on this server opens on Springfield.
	m2 := newMainWindow(a, sc.open(t, sc.lead), "test", nil)
	defer m2.w.Close()
	if m2.chapterSel == nil || m2.chapterSel.Selected != "Springfield" {
		t.Fatalf("the next window's chapter: %v", m2.chapterSel)
	}
	m2.show(screenVolunteers)
	wait(t, m2.volunteers.refreshed)
	if rows := m2.volunteers.pages[0]; len(rows) != 1 || rows[0].FirstName != "Ben" {
		t.Errorf("the next window's roster: %+v", rows)
	}
}

// A lead of one chapter sees the screens as on a file, with no chooser.
func TestLeadOfOneChapterHasNoChooser(t *testing.T) {
	sc := newCoalitionScene(t)
	ctx := context.Background()
	owner, err := db.Open(ctx, sc.url, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()
	one := fmt.Sprintf("uione_%d", uiCoalSeq.Add(1)+time.Now().UnixNano()%1e6)
	if _, err := owner.AddLead(ctx, one, "Springfield"); err != nil {
		t.Fatal(err)
	}
	m := newMainWindow(test.NewTempApp(t), sc.open(t, one), "test", nil)
	defer m.w.Close()
	if m.chapterSel != nil || m.w.Content() != m.tabs || len(m.tabs.Items) != 8 {
		t.Errorf("a lead of one chapter: chooser %v, %d screens", m.chapterSel, len(m.tabs.Items))
	}
	if !strings.Contains(m.w.Title(), "(lead of Springfield)") {
		t.Errorf("title %q", m.w.Title())
	}
}

// A lead on a coalition server was offered Sponsor and Cosponsor on a legislator's
// page, and choosing one ended in the database's refusal (sponsorship is the
// official record's to say, postgres/0019): the page offers neither to a lead; the
// coordinator, who imports the official record, keeps them.
func TestLeadIsNotOfferedSponsorship(t *testing.T) {
	sc := newCoalitionScene(t)
	a := test.NewTempApp(t)
	for _, c := range []struct {
		login   string
		offered bool
	}{{sc.lead, false}, {sc.coord, true}} {
		m := newMainWindow(a, sc.open(t, c.login), "test", nil)
		opts := "|" + strings.Join(m.legislators.detail.stance.Options, "|") + "|"
		for _, s := range []db.Stance{db.StanceSponsor, db.StanceCosponsor} {
			if got := strings.Contains(opts, "|"+s.Label()+"|"); got != c.offered {
				t.Errorf("%s is offered %q: %v, want %v (options %s)", c.login, s.Label(), got, c.offered, opts)
			}
		}
		if !strings.Contains(opts, "|"+db.StanceLeaningYes.Label()+"|") {
			t.Errorf("%s is not offered %q (options %s)", c.login, db.StanceLeaningYes.Label(), opts)
		}
		m.w.Close()
	}
	// A lead's checkout, worked on offline, offered both: the stance went into the
	// file, and its push was refused whole by the server (a lead's sponsorship).
	ctx := context.Background()
	ls := sc.open(t, sc.lead)
	if err := ls.UseChapter(ctx, sc.a.ID); err != nil {
		t.Fatal(err)
	}
	file := t.TempDir() + "/worcester.db"
	if err := ls.Checkout(ctx, file); err != nil {
		t.Fatal(err)
	}
	f, err := db.Open(ctx, file, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m := newMainWindow(a, f, "test", nil)
	defer m.w.Close()
	opts := "|" + strings.Join(m.legislators.detail.stance.Options, "|") + "|"
	if strings.Contains(opts, "|"+db.StanceSponsor.Label()+"|") || strings.Contains(opts, "|"+db.StanceCosponsor.Label()+"|") {
		t.Errorf("a lead's checkout is offered sponsorship: options %s", opts)
	}
}

// A sponsor's stance on a lead's page is shown, and not offered for change: the
// server refuses a lead's change over the official record's sponsorship.
func TestLeadCannotChangeASponsorsStance(t *testing.T) {
	d := leadsPageOverSponsorRow(t, "record-sponsor", "Open States", "sponsor of the bill")
	if !d.setStance.Disabled() || !d.stance.Disabled() || !strings.Contains(d.stanceNow.Text, "Sponsor") {
		t.Errorf("a sponsor's stance on a lead's page: %q, record button disabled %v, choice disabled %v; want shown, both disabled",
			d.stanceNow.Text, d.setStance.Disabled(), d.stance.Disabled())
	}
}

// A sponsor the campaign's file names (a legislator import's mark) is no sponsorship
// on record: the lead's page lets them set a stance over it, and does not call it the
// official record's.
func TestLeadChangesAStanceOverACampaignMark(t *testing.T) {
	d := leadsPageOverSponsorRow(t, "campaign-mark", "ChapterDesk", "sponsor of S.1305 (the campaign)")
	if d.setStance.Disabled() || d.stance.Disabled() || strings.Contains(d.stanceNow.Text, "official record") {
		t.Errorf("a campaign file's mark on a lead's page: %q, record button disabled %v, choice disabled %v; want it open to change",
			d.stanceNow.Text, d.setStance.Disabled(), d.stance.Disabled())
	}
}

// leadsPageOverSponsorRow puts a sponsor's row (uuid, changed_by, reason) in the
// stance history of a coalition scene's one legislator and campaign, and opens that
// legislator's page in a lead's window (closed when the test ends).
func leadsPageOverSponsorRow(t *testing.T, uuid, by, reason string) *legislatorDetail {
	t.Helper()
	sc := newCoalitionScene(t)
	dbtest.ServerAdmin(t, sc.url, fmt.Sprintf(`INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, changed_by, reason)
		SELECT '%s', c.id, l.id, 'sponsor', %d, '%s', '%s' FROM campaigns c, legislators l`,
		uuid, time.Now().Add(-time.Minute).Unix(), by, reason))
	a := test.NewTempApp(t)
	s := sc.open(t, sc.lead)
	m := newMainWindow(a, s, "test", nil)
	t.Cleanup(m.w.Close)
	ctx := context.Background()
	camps, err := s.Campaigns(ctx)
	if err != nil || len(camps) != 1 {
		t.Fatalf("campaigns: %v %v", camps, err)
	}
	legs, err := s.Legislators(ctx)
	if err != nil || len(legs) != 1 {
		t.Fatalf("legislators: %v %v", legs, err)
	}
	d := m.legislators.detail
	d.setCampaign(camps[0].ID)
	<-d.loadAsync(legs[0].ID)
	return d
}

// A lead on a coalition server was offered Save changes on a legislator's page and
// Update legislators…, both refused by the database (the legislators are every
// chapter's: the coordinator and the owner keep them; tester t9). The lead's page is
// read-only but for the whip count, saying why; the coordinator's is not.
func TestLeadSeesSharedLegislatorsReadOnly(t *testing.T) {
	sc := newCoalitionScene(t)
	a := test.NewTempApp(t)
	for _, c := range []struct {
		login    string
		readOnly bool
	}{{sc.lead, true}, {sc.coord, false}} {
		m := newMainWindow(a, sc.open(t, c.login), "test", nil)
		l := m.legislators
		got := l.updateButton.Disabled() && l.detail.save.Disabled() && l.detail.notes.Disabled()
		if got != c.readOnly {
			t.Errorf("%s: update disabled %v, save disabled %v, notes disabled %v; want read-only %v", c.login,
				l.updateButton.Disabled(), l.detail.save.Disabled(), l.detail.notes.Disabled(), c.readOnly)
		}
		if says := strings.Contains(l.detail.hint.Text, "shared by every chapter"); says != c.readOnly {
			t.Errorf("%s: the page says %q", c.login, l.detail.hint.Text)
		}
		if c.readOnly && l.detail.setStance.Disabled() {
			t.Errorf("%s: the whip count cannot be recorded", c.login)
		}
		m.w.Close()
	}
}
