package ui

import (
	"context"
	"fmt"
	"image/color"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/chapterdesk/chapterdesk/db"
)

// dashboardStore is what the dashboard reads.
type dashboardStore interface {
	SelfChapter(ctx context.Context) (db.Chapter, error)
	CountVolunteers(ctx context.Context, f db.VolunteerFilter) (int, error)
	CountPeople(ctx context.Context) (int, error)
	Campaigns(ctx context.Context) ([]db.CampaignSummary, error)
	WhipCount(ctx context.Context, campaignID int64) (db.WhipCount, error)
	CallsPerWeek(ctx context.Context, campaignID int64, n int, now time.Time) ([]db.WeekCount, error)
	ListCallReports(ctx context.Context, f db.CallFilter, offset, limit int) ([]db.CallRow, error)
	RecordMarks(ctx context.Context, campaignID int64) (map[int64]db.RecordMark, error)
	Zone(ctx context.Context, campaignID int64) (db.Zone, error)
}

// dashboardRefresh is how often the dashboard re-reads its numbers, so reports
// entered from the command line or another screen show up without a click.
var dashboardRefresh = 10 * time.Second

// dashboardWeeks is how many weeks the calls chart shows.
const dashboardWeeks = 8

// How many next targets and newest reports the dashboard lists.
const (
	dashboardTargets = 8
	dashboardNewest  = 6
)

// dashboardCards are the big numbers at the top.
var dashboardCards = []struct{ key, label string }{
	{"volunteers", "Volunteers"},
	{"week", "Calls this week"},
	{"reached", db.LegislatorsReachedLabel},
	{"calls", "Call reports"},
}

// dashboardScreen is the lead's first look: the chapter, the whip count of the
// active campaign against the votes needed, calls per week, the legislators nobody
// has called lately (the next targets) and the newest reports.
type dashboardScreen struct {
	choice    *campaignPicker // the campaign menu; nil: the newest campaign
	w         fyne.Window
	store     dashboardStore
	staleDays func() int
	content   fyne.CanvasObject

	chapter *widget.Label
	counts  map[string]*themedText
	*whipCard
	weeks        *weekChart
	targets      *fyne.Container
	targetsTitle *widget.Label
	newest       *fyne.Container
	status       *widget.Label
	zoneNote     *widget.Label // says the computer's zone stands in, when no state is known
	cards        map[string]*widget.Card
	// coalition: a lead's dashboard on a coalition server, whose whip count is every
	// chapter's (the counters are the coalition's), said so on the cards.
	coalition bool
}

func newDashboardScreen(w fyne.Window, s dashboardStore, dataPath string, staleDays func() int) *dashboardScreen {
	h := &dashboardScreen{w: w, store: s, staleDays: staleDays, counts: map[string]*themedText{},
		whipCard: newWhipCard("Whip count")}
	h.buildUI(dataPath)
	return h
}

func (h *dashboardScreen) buildUI(dataPath string) {
	h.chapter = widget.NewLabelWithStyle("Loading…", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.chapter.SizeName = theme.SizeNameHeadingText
	where := "Data file: "
	if onServer(h.store) {
		where = "Chapter server: "
	}
	file := widget.NewLabel(where + dataPath)
	file.Importance = widget.LowImportance
	file.Truncation = fyne.TextTruncateEllipsis

	cards := container.NewGridWithColumns(len(dashboardCards))
	h.cards = map[string]*widget.Card{}
	for _, c := range dashboardCards {
		n := newThemedText("…", 30, theme.ColorNameForeground)
		h.counts[c.key] = n
		h.cards[c.key] = widget.NewCard("", c.label, n)
		cards.Add(h.cards[c.key])
	}

	h.status = widget.NewLabel("")
	h.status.Importance = widget.LowImportance
	whip := h.whipCard.card

	h.weeks = newWeekChart()
	weekLegend := container.NewHBox(swatch(callsColor, "calls"), swatch(reachesColor, "reached an office"))
	h.targets = container.NewVBox()
	h.targetsTitle = widget.NewLabel("")
	h.targetsTitle.Wrapping = fyne.TextWrapWord
	h.newest = container.NewVBox()
	lower := container.NewGridWithColumns(3,
		widget.NewCard("", "Calls per week", container.NewBorder(nil, weekLegend, nil, nil, h.weeks)),
		widget.NewCard("", "Next targets", container.NewVBox(h.targetsTitle, h.targets)),
		widget.NewCard("", "Newest reports", h.newest))
	h.zoneNote = newZoneNote()
	body := container.NewVBox(h.chapter, file, h.zoneNote, cards, whip, lower, h.status)
	h.content = container.NewVScroll(container.NewPadded(body))
}

// setCoalition marks the dashboard as a coalition lead's: the whip count, its calls
// and the legislators reached are every chapter's, the volunteers and the week's
// calls the chapter's own.
func (h *dashboardScreen) setCoalition() {
	h.coalition = true
	h.cards["reached"].SetSubTitle("Reached by the coalition (in office now)")
	h.cards["calls"].SetSubTitle("Coalition's call reports")
}

// swatch is a colour square with its caption, for legends.
func swatch(c color.Color, text string) fyne.CanvasObject {
	r := canvas.NewRectangle(c)
	r.SetMinSize(fyne.NewSize(12, 12))
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	return container.NewHBox(container.NewCenter(r), l)
}

// buildLegend names the colours of the whip bars.
func buildLegend() fyne.CanvasObject {
	box := container.NewHBox()
	for _, s := range db.Stances {
		box.Add(swatch(stanceColors[s], s.Label()))
	}
	needed := newThemedRect(theme.ColorNameForeground, fyne.NewSize(3, 14))
	neededLabel := widget.NewLabel("votes needed")
	neededLabel.SizeName = theme.SizeNameCaptionText
	box.Add(container.NewHBox(container.NewCenter(needed), neededLabel))
	return box
}

// dashboardData is one snapshot of what the screen shows.
type dashboardData struct {
	now        time.Time
	zone       db.Zone // the legislature's, now's
	staleDays  int
	chapter    db.Chapter
	volunteers int
	people     int // of several chapters' rosters, each person once; -1: one chapter's
	// peopleErr is why people could not be counted (a damaged page of the roster):
	// the card shows the roster entries then, and says so.
	peopleErr error
	campaign  *db.CampaignSummary
	whip      db.WhipCount
	marks     map[int64]db.RecordMark
	weeks     []db.WeekCount
	newest    []db.CallRow
}

func (h *dashboardScreen) load(ctx context.Context, staleDays int) (dashboardData, error) {
	d := dashboardData{now: time.Now(), staleDays: staleDays}
	var err error
	if d.chapter, err = h.store.SelfChapter(ctx); err != nil {
		return d, err
	}
	if d.volunteers, err = h.store.CountVolunteers(ctx, db.VolunteerFilter{}); err != nil {
		return d, err
	}
	if d.people, err = h.store.CountPeople(ctx); err != nil {
		// Counting people reads every volunteer's email and phone, which the counts
		// above do not: a damaged page of the roster fails it alone, and the rest of
		// the dashboard, under the damage notice, still shows what it can.
		d.people, d.peopleErr = -1, err
	}
	campaigns, err := h.store.Campaigns(ctx)
	if err != nil || len(campaigns) == 0 {
		return d, err
	}
	pick, _ := h.choice.pick(campaigns)
	d.campaign = &pick
	// The weeks and the days since a call are the legislature's, whatever the
	// computer's zone (a lead travelling, a laptop set to UTC).
	zone, err := h.store.Zone(ctx, d.campaign.ID)
	if err != nil {
		return d, err
	}
	d.now, d.zone = d.now.In(zone.Loc), zone
	if d.whip, err = h.store.WhipCount(ctx, d.campaign.ID); err != nil {
		return d, err
	}
	if d.marks, err = h.store.RecordMarks(ctx, d.campaign.ID); err != nil {
		return d, err
	}
	if d.weeks, err = h.store.CallsPerWeek(ctx, d.campaign.ID, dashboardWeeks, d.now); err != nil {
		return d, err
	}
	d.newest, err = h.store.ListCallReports(ctx, db.CallFilter{CampaignID: d.campaign.ID}, 0, dashboardNewest)
	return d, err
}

// refreshAsync reads the store off the UI goroutine and shows the result; the
// returned channel closes once it is on screen (or the error is).
func (h *dashboardScreen) refreshAsync() <-chan struct{} {
	done := make(chan struct{})
	staleDays := h.staleDays()
	background(func() {
		defer close(done)
		d, err := h.load(context.Background(), staleDays)
		if err != nil && db.Unreachable(err) {
			// The band above the screens says so and retries; the numbers stay, marked
			// as of their time.
			doUIAndWait(func() {
				c := connWatchOf(h.w)
				if c == nil {
					showError(h.w, err)
					return
				}
				c.onLost(err)
				if t := h.status.Text; strings.HasPrefix(t, "Updated ") {
					h.status.SetText("Not updated since " + strings.TrimPrefix(t, "Updated ") + ": the chapter server cannot be reached")
				}
			})
			return
		}
		if err != nil {
			showErrorAsync(h.w, err)
			return
		}
		doUIAndWait(func() { h.show(d) })
	})
	return done
}

// autoRefreshAsync refreshes every dashboardRefresh while shown() (asked on the UI
// goroutine) until the returned stop is called: a hidden dashboard reads nothing,
// and it refreshes anyway when the lead comes back to it. Once stop has returned,
// the timer reads nothing more: a tick can be ready together with the stop (select
// then picks either) or already queued on the UI goroutine, and the store may be
// closed right after.
func (h *dashboardScreen) autoRefreshAsync(shown func() bool) (stop func()) {
	return autoRefreshAsync(func() { h.refreshAsync() }, shown)
}

// autoRefreshAsync calls refresh on the UI goroutine every dashboardRefresh while
// shown(), until the returned stop is called (see dashboardScreen.autoRefreshAsync).
func autoRefreshAsync(refresh func(), shown func() bool) (stop func()) {
	done, exited := make(chan struct{}), make(chan struct{})
	var stopped atomic.Bool
	go func() {
		defer close(exited)
		t := time.NewTicker(dashboardRefresh)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if stopped.Load() {
					return
				}
				doUI(func() {
					if !stopped.Load() && shown() {
						refresh()
					}
				})
			}
		}
	}()
	return func() {
		if stopped.Swap(true) {
			return
		}
		close(done)
		<-exited
	}
}

var numbers = message.NewPrinter(language.English)

func (h *dashboardScreen) setCount(key string, n int) {
	h.counts[key].Text = numbers.Sprintf("%d", n)
	h.counts[key].Refresh()
}

// show puts a snapshot on screen; UI goroutine only.
func (h *dashboardScreen) show(d dashboardData) {
	h.chapter.SetText(d.chapter.Name)
	h.w.SetTitle(titleFor(h.store, d.chapter.Name))
	// A merged file's chapters may share a person: the total is the people, and
	// says so, with the roster entries beside it.
	if d.people >= 0 {
		h.setCount("volunteers", d.people)
		h.cards["volunteers"].SetSubTitle(numbers.Sprintf("Volunteers, each person once (%d on the chapters' rosters)", d.volunteers))
	} else if d.peopleErr != nil {
		h.setCount("volunteers", d.volunteers)
		h.cards["volunteers"].SetSubTitle("Volunteers on the rosters (people not counted: " + d.peopleErr.Error() + ")")
	} else {
		h.setCount("volunteers", d.volunteers)
		h.cards["volunteers"].SetSubTitle("Volunteers")
	}
	h.status.SetText("Updated " + d.now.Local().Format("15:04:05")) // the lead's own clock
	made := "%d calls made, %d reached an office; %d of %d legislators reached."
	if h.coalition {
		made = "%d calls made by the coalition's chapters, %d reached an office; %d of %d legislators reached."
	}
	h.showWhip(d.campaign, d.whip, d.marks, d.zone, made)
	if d.campaign == nil {
		h.zoneNote.Hide() // the zone is read for a campaign
		return
	}
	showZoneNote(h.zoneNote, d.zone.Unknown())
	h.setCount("calls", d.whip.AllCalls())
	h.counts["reached"].Text = numbers.Sprintf("%d of %d", d.whip.LegislatorsReached, len(d.whip.Legislators))
	h.counts["reached"].Refresh()
	if len(d.weeks) > 0 {
		h.setCount("week", d.weeks[len(d.weeks)-1].Calls)
	}
	h.weeks.setWeeks(d.weeks)
	h.showTargets(d)
	h.showNewest(d.newest, d.now)
}

// showTargets lists the legislators nobody has called in staleDays, persuadable
// ones first: they are where a call still moves the count. When every office had a
// call lately, it lists the least recently called persuadable ones instead.
func (h *dashboardScreen) showTargets(d dashboardData) {
	stale := d.whip.NotCalledSince(d.now.AddDate(0, 0, -d.staleDays))
	h.targetsTitle.SetText(numbers.Sprintf("%d not called in %d days", len(stale), d.staleDays))
	if len(stale) == 0 {
		stale = d.whip.NotCalledSince(d.now.Add(time.Second)) // everyone, least recently called first
		h.targetsTitle.SetText(numbers.Sprintf("Every office had a call in the last %d days; called least lately:", d.staleDays))
	}
	sort.SliceStable(stale, func(i, j int) bool { return targetRank(stale[i].Stance) < targetRank(stale[j].Stance) })
	h.targets.RemoveAll()
	for i, r := range stale {
		if i == dashboardTargets {
			break
		}
		last := "never called"
		if !r.LastCalledAt.IsZero() {
			last = fmt.Sprintf("last called %s", daysAgo(d.now, r.LastCalledAt))
		}
		title := db.Legislator{Chamber: r.Chamber, Name: r.Name}.Title()
		l := widget.NewLabel(fmt.Sprintf("%s · %s · %s", title, r.Stance.Label(), last))
		l.Truncation = fyne.TextTruncateEllipsis
		h.targets.Add(l)
	}
	if len(stale) == 0 {
		h.targets.Add(lowLabel("No legislators yet: Legislators › Update legislators… loads your state's."))
	}
}

// daysAgo says how many days before now's t was ("today", "1 day ago", "23 days ago"),
// counting the days of now's zone (the legislature's): a call at 23:30 was yesterday's
// at 00:30.
func daysAgo(now, t time.Time) string {
	day := func(t time.Time) time.Time {
		y, m, d := t.In(now.Location()).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	switch n := int(day(now).Sub(day(t)).Hours() / 24); n {
	case 0:
		return "today"
	case 1:
		return "1 day ago"
	default:
		return fmt.Sprintf("%d days ago", n)
	}
}

// targetRank orders the next targets: undecided and leaning first, then unknown,
// then the firm ones.
func targetRank(s db.Stance) int {
	switch s {
	case db.StanceUndecided, db.StanceLeaningYes, db.StanceLeaningNo:
		return 0
	case db.StanceUnknown, "":
		return 1
	default:
		return 2
	}
}

func (h *dashboardScreen) showNewest(rows []db.CallRow, now time.Time) {
	h.newest.RemoveAll()
	for _, r := range rows {
		l := widget.NewLabel(fmt.Sprintf("%s  %s called %s: %s", r.CalledAt.In(now.Location()).Format("Jan 2"), callerOrUnknown(r.VolunteerName),
			r.Legislator, r.Outcome.Label()))
		l.Truncation = fyne.TextTruncateEllipsis
		h.newest.Add(l)
	}
	if len(rows) == 0 {
		h.newest.Add(lowLabel("No call reports yet. Ctrl+N logs one."))
	}
}

// refreshAsyncVoid is refreshAsync for callbacks that take no result.
func (h *dashboardScreen) refreshAsyncVoid() { h.refreshAsync() }
