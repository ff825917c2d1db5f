package ui

import (
	"context"
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// The coalition coordinator's screens (issue 18): the coalition dashboard and every
// chapter's call reports, the caller masked. The coordinator has no volunteers
// screen and nothing that reads a volunteer: the database would refuse it anyway
// (0004_coalition.sql), and a screen that fails with a permission error is not shown.

// coalitionStore is what the coordinator's screens read.
type coalitionStore interface {
	Campaigns(ctx context.Context) ([]db.CampaignSummary, error)
	CoalitionDashboard(ctx context.Context, campaignID int64, now time.Time) (db.CoalitionDashboard, error)
	RecordMarks(ctx context.Context, campaignID int64) (map[int64]db.RecordMark, error)
	CoalitionCallReports(ctx context.Context, f db.CoalitionCallFilter, offset, limit int) ([]db.CoalitionCallRow, error)
	CoalitionStanceHistory(ctx context.Context, campaignID, legislatorID int64) ([]db.StanceChange, error)
	Zone(ctx context.Context, campaignID int64) (db.Zone, error)
}

// coordinatorStore is the Store as the shared screens (legislators, campaign,
// settings) see it for the coordinator: a legislator's calls come from the
// coalition's reports with the caller masked ("Ann A., Worcester"), and the chapter
// it works on is the coalition, which has no profile of its own.
type coordinatorStore struct{ Store }

func (c coordinatorStore) ListCallReports(ctx context.Context, f db.CallFilter, offset, limit int) ([]db.CallRow, error) {
	if f.VolunteerID != 0 {
		return nil, nil // the coordinator sees no volunteer, nor their calls
	}
	rows, err := c.CoalitionCallReports(ctx, db.CoalitionCallFilter{CampaignID: f.CampaignID, LegislatorID: f.LegislatorID,
		From: f.From, To: f.To}, offset, limit)
	if err != nil {
		return nil, err
	}
	out := make([]db.CallRow, len(rows))
	for i, r := range rows {
		out[i] = db.CallRow{ID: r.ID, CalledAt: r.CalledAt, VolunteerName: maskedCaller(r), LegislatorID: r.LegislatorID,
			Legislator: r.Legislator, Office: r.Office, Outcome: r.Outcome, StanceHeard: r.StanceHeard, FollowUp: r.FollowUp}
	}
	return out, nil
}

// SelfChapter asks the server who is connected (so the connection's watch still
// checks the server) and answers the coalition: the coordinator works on no chapter.
func (c coordinatorStore) SelfChapter(ctx context.Context) (db.Chapter, error) {
	if _, err := c.WhoAmI(ctx); err != nil {
		return db.Chapter{}, err
	}
	return db.Chapter{Name: "Coalition"}, nil
}

// StanceHistory is the coalition's, without who changed each stance.
func (c coordinatorStore) StanceHistory(ctx context.Context, campaignID, legislatorID int64) ([]db.StanceChange, error) {
	return c.CoalitionStanceHistory(ctx, campaignID, legislatorID)
}

// maskedCaller is how a coalition report names its caller: "Ann A., Worcester".
func maskedCaller(r db.CoalitionCallRow) string {
	return callerOrUnknown(r.Caller) + ", " + r.Chapter
}

// coalitionScreen is the coordinator's dashboard: the coalition's whip count of the
// campaign, each chapter's calls per week, and the chapters gone quiet.
type coalitionScreen struct {
	choice  *campaignPicker
	w       fyne.Window
	store   coalitionStore
	content fyne.CanvasObject

	heading *widget.Label
	counts  map[string]*themedText
	*whipCard
	weeks  *fyne.Container // the calls per chapter per week table
	quiet  *fyne.Container
	status *widget.Label

	// shown is the last snapshot on screen (tests read it).
	shown db.CoalitionDashboard
}

var coalitionCards = []struct{ key, label string }{
	{"chapters", "Chapters"},
	{"week", "Calls this week"},
	{"reached", db.LegislatorsReachedLabel},
	{"quiet", "Quiet chapters"},
}

func newCoalitionScreen(w fyne.Window, s coalitionStore, who string) *coalitionScreen {
	h := &coalitionScreen{w: w, store: s, counts: map[string]*themedText{},
		whipCard: newWhipCard("Whip count, every chapter's reports")}
	h.buildUI(who)
	return h
}

func (h *coalitionScreen) buildUI(who string) {
	h.heading = widget.NewLabelWithStyle("Coalition", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.heading.SizeName = theme.SizeNameHeadingText
	where := lowLabel(who)
	where.Truncation = fyne.TextTruncateEllipsis
	cards := container.NewGridWithColumns(len(coalitionCards))
	for _, c := range coalitionCards {
		n := newThemedText("…", 30, theme.ColorNameForeground)
		h.counts[c.key] = n
		cards.Add(widget.NewCard("", c.label, n))
	}
	whip := h.whipCard.card
	h.weeks = container.NewVBox()
	h.quiet = container.NewVBox()
	h.status = lowLabel("")
	perWeek := widget.NewCard("", "Calls per chapter per week", h.weeks)
	quiet := widget.NewCard("", fmt.Sprintf("Gone quiet (no call in %d days)", db.CoalitionQuietDays), h.quiet)
	lower := container.NewBorder(nil, nil, nil, container.NewGridWrap(fyne.NewSize(300, 10), quiet), perWeek)
	body := container.NewVBox(h.heading, where, cards, lower, whip, h.status)
	h.content = container.NewVScroll(container.NewPadded(body))
}

type coalitionData struct {
	campaign *db.CampaignSummary
	d        db.CoalitionDashboard
	marks    map[int64]db.RecordMark
	zone     db.Zone // the legislature's
}

func (h *coalitionScreen) load(ctx context.Context, now time.Time) (coalitionData, error) {
	var out coalitionData
	campaigns, err := h.store.Campaigns(ctx)
	if err != nil || len(campaigns) == 0 {
		return out, err
	}
	pick, _ := h.choice.pick(campaigns)
	out.campaign = &pick
	zone, err := h.store.Zone(ctx, pick.ID)
	if err != nil {
		return out, err
	}
	out.zone = zone
	if out.d, err = h.store.CoalitionDashboard(ctx, pick.ID, now.In(zone.Loc)); err != nil { // its weeks are the legislature's
		return out, err
	}
	out.marks, err = h.store.RecordMarks(ctx, pick.ID)
	return out, err
}

// refreshAsync reads the dashboard off the UI goroutine; the channel closes once it
// is on screen (or the error is).
func (h *coalitionScreen) refreshAsync() <-chan struct{} {
	done := make(chan struct{})
	background(func() {
		defer close(done)
		d, err := h.load(context.Background(), time.Now())
		if err != nil && db.Unreachable(err) {
			doUIAndWait(func() {
				if c := connWatchOf(h.w); c != nil {
					c.onLost(err)
					return
				}
				showError(h.w, err)
			})
			return
		}
		if err != nil {
			showErrorAsync(h.w, readFailed{"the coalition's dashboard", err})
			return
		}
		doUIAndWait(func() { h.show(d) })
	})
	return done
}

func (h *coalitionScreen) refreshAsyncVoid() { h.refreshAsync() }

func (h *coalitionScreen) setCount(key, text string) {
	h.counts[key].Text = text
	h.counts[key].Refresh()
}

// show puts a snapshot on screen; UI goroutine only.
func (h *coalitionScreen) show(c coalitionData) {
	h.w.SetTitle(windowTitle("Coalition"))
	d := c.d
	h.showWhip(c.campaign, d.Whip, c.marks, c.zone,
		"%d calls made by the coalition's chapters, %d reached an office; %d of %d legislators reached.")
	if c.campaign == nil {
		return
	}
	h.shown = d
	h.status.SetText("Updated " + d.Now.Format("15:04:05"))
	week := 0 // the coalition's: a call two chapters reported counts once
	if n := len(d.Coalition); n > 0 {
		week = d.Coalition[n-1].Calls
	}
	h.setCount("chapters", numbers.Sprintf("%d", len(d.Chapters)))
	h.setCount("week", numbers.Sprintf("%d", week))
	h.setCount("reached", numbers.Sprintf("%d of %d", d.Whip.LegislatorsReached, len(d.Whip.Legislators)))
	h.setCount("quiet", numbers.Sprintf("%d", len(d.Quiet)))
	h.showWeeks(d)
	h.showQuiet(d)
}

// Widths of the table's columns: the chapter's name, each week, the total.
const (
	coalitionNameWidth = 150
	coalitionWeekWidth = 44
)

// heatColor tints a week's cell by its share of the busiest week of any chapter.
func heatColor(calls, most int) color.Color {
	if calls == 0 || most == 0 {
		return color.Transparent
	}
	a := uint8(30 + 130*calls/most)
	return color.NRGBA{0x2b, 0x6c, 0xb0, a}
}

// showWeeks lays out the calls per chapter per week: a row per chapter, a column per
// week (its Monday over it), each cell tinted by how busy it was.
func (h *coalitionScreen) showWeeks(d db.CoalitionDashboard) {
	h.weeks.RemoveAll()
	cell := func(text string, width float32, bold bool, bg color.Color) fyne.CanvasObject {
		t := canvas.NewText(text, theme.Color(theme.ColorNameForeground))
		t.TextSize = 12
		t.TextStyle.Bold = bold
		if width == coalitionWeekWidth {
			t.Alignment = fyne.TextAlignCenter
		}
		r := canvas.NewRectangle(bg)
		return container.NewGridWrap(fyne.NewSize(width, 22), container.NewStack(r, container.NewPadded(t)))
	}
	head := container.NewHBox(cell("Chapter", coalitionNameWidth, true, color.Transparent))
	for _, w := range d.Weeks {
		head.Add(cell(w.Format("Jan 2"), coalitionWeekWidth, true, color.Transparent))
	}
	head.Add(cell("Total", coalitionWeekWidth+12, true, color.Transparent))
	h.weeks.Add(head)
	most := 0
	for _, ch := range d.Chapters {
		for _, w := range ch.Weeks {
			most = max(most, w.Calls)
		}
	}
	for _, ch := range d.Chapters {
		name := ch.Name
		if len([]rune(name)) > 22 {
			name = string([]rune(name)[:21]) + "…"
		}
		row := container.NewHBox(cell(name, coalitionNameWidth, false, color.Transparent))
		for _, w := range ch.Weeks {
			text := ""
			if w.Calls > 0 {
				text = numbers.Sprintf("%d", w.Calls)
			}
			row.Add(cell(text, coalitionWeekWidth, false, heatColor(w.Calls, most)))
		}
		row.Add(cell(numbers.Sprintf("%d", ch.Calls), coalitionWeekWidth+12, true, color.Transparent))
		h.weeks.Add(row)
	}
	// The coalition's row counts a call two chapters reported once; each chapter's
	// row above counts its own report of it, so they may add up to more.
	if len(d.Chapters) > 1 && len(d.Coalition) == len(d.Weeks) {
		row := container.NewHBox(cell("Coalition (a call once)", coalitionNameWidth, true, color.Transparent))
		total := 0
		for _, w := range d.Coalition {
			text := ""
			if w.Calls > 0 {
				text = numbers.Sprintf("%d", w.Calls)
			}
			total += w.Calls
			row.Add(cell(text, coalitionWeekWidth, true, color.Transparent))
		}
		row.Add(cell(numbers.Sprintf("%d", total), coalitionWeekWidth+12, true, color.Transparent))
		h.weeks.Add(row)
	}
	if len(d.Chapters) == 0 {
		h.weeks.Add(lowLabel("No chapters yet: the server's owner adds them (chapterdesk server add-chapter)."))
	}
}

// showQuiet lists the chapters with no call lately, those never calling first.
func (h *coalitionScreen) showQuiet(d db.CoalitionDashboard) {
	h.quiet.RemoveAll()
	for _, ch := range d.Quiet {
		text := ch.Name + ": no call yet"
		if !ch.LastCall.IsZero() {
			text = fmt.Sprintf("%s: last call %s (%s)", ch.Name, ch.LastCall.Format("Jan 2"), daysAgo(d.Now, ch.LastCall))
		}
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		h.quiet.Add(l)
	}
	if len(d.Quiet) == 0 {
		h.quiet.Add(lowLabel(fmt.Sprintf("Every chapter made a call in the last %d days.", db.CoalitionQuietDays)))
	}
}

// coalitionCallsScreen lists every chapter's call reports for the coordinator, the
// caller as first name and last initial. The reports are the chapters' own: it reads
// them and changes nothing.
type coalitionCallsScreen struct {
	choice  *campaignPicker
	w       fyne.Window
	store   coalitionStore
	content fyne.CanvasObject

	period     *widget.Select
	chapter    *widget.Select
	chapterIDs []int64 // behind each option of chapter (0: all)
	list       *widget.List
	summary    *widget.Label
	rows       []db.CoalitionCallRow
	zone       db.Zone // the legislature's, whose clock the rows' times are on
	gen        int
}

// allChapters is the first option of the chapter filter.
const allChapters = "All chapters"

func newCoalitionCallsScreen(w fyne.Window, s coalitionStore, chapters []db.Chapter) *coalitionCallsScreen {
	c := &coalitionCallsScreen{w: w, store: s}
	c.buildUI(chapters)
	return c
}

func (c *coalitionCallsScreen) buildUI(chapters []db.Chapter) {
	var periods []string
	for _, p := range callPeriods {
		periods = append(periods, p.label)
	}
	c.period = widget.NewSelect(periods, nil)
	c.period.SetSelectedIndex(1)
	c.period.OnChanged = func(string) { c.refreshAsync() }
	opts, ids := []string{allChapters}, []int64{0}
	for _, ch := range chapters {
		opts, ids = append(opts, ch.Name), append(ids, ch.ID)
	}
	c.chapter = widget.NewSelect(opts, nil)
	c.chapter.SetSelectedIndex(0)
	c.chapterIDs = ids
	c.chapter.OnChanged = func(string) { c.refreshAsync() }
	c.list = widget.NewList(func() int { return len(c.rows) }, newCoalitionCallRow, c.updateRow)
	c.summary = lowLabel("")
	note := lowLabel("Every chapter's reports, read only: each chapter keeps its own. Callers appear as first name and last initial.")
	note.Wrapping = fyne.TextWrapWord
	filters := container.NewGridWithColumns(2, c.period, c.chapter)
	top := container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel("Reports"), nil, filters), note)
	c.content = container.NewBorder(top, c.summary, nil, nil, c.list)
}

func newCoalitionCallRow() fyne.CanvasObject { return callRowOf(4) }

func (c *coalitionCallsScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	r := c.rows[i]
	box := o.(*fyne.Container)
	cells := box.Objects[0].(*fyne.Container).Objects
	box.Objects[1].(*widget.Label).SetText(c.zone.In(r.CalledAt).Format("Jan 02 15:04"))
	cells[0].(*widget.Label).SetText(r.Chapter)
	cells[1].(*widget.Label).SetText(callerOrUnknown(r.Caller))
	cells[2].(*widget.Label).SetText(r.Legislator)
	cells[3].(*widget.Label).SetText(callWhat(r.Outcome, r.StanceHeard, r.FollowUp))
}

// refreshAsync reloads the list; the channel closes once it is on screen.
func (c *coalitionCallsScreen) refreshAsync() <-chan struct{} {
	c.gen++
	gen := c.gen
	days := callPeriods[max(c.period.SelectedIndex(), 0)].days
	var chapterID int64
	if i := c.chapter.SelectedIndex(); i > 0 && i < len(c.chapterIDs) {
		chapterID = c.chapterIDs[i]
	}
	done := make(chan struct{})
	background(func() {
		defer close(done)
		ctx := context.Background()
		f := db.CoalitionCallFilter{ChapterID: chapterID}
		var zone db.Zone
		campaigns, err := c.store.Campaigns(ctx)
		if err == nil && len(campaigns) > 0 {
			pick, _ := c.choice.pick(campaigns)
			f.CampaignID = pick.ID
		}
		if err == nil {
			zone, err = c.store.Zone(ctx, f.CampaignID)
			f.From = periodStart(days, zone.Loc)
		}
		var rows []db.CoalitionCallRow
		if err == nil {
			rows, err = c.store.CoalitionCallReports(ctx, f, 0, callListLimit)
		}
		if err != nil {
			showErrorAsync(c.w, err)
			return
		}
		doUIAndWait(func() {
			if gen != c.gen {
				return
			}
			c.rows, c.zone = rows, zone
			c.list.Refresh()
			c.summary.SetText(callListSummary(len(rows)))
		})
	})
	return done
}

// chapterChooser is the bar above the screens of a lead of several chapters: which
// chapter the screens work on.
func chapterChooser(who db.Login, chosen func(db.Chapter)) (fyne.CanvasObject, *widget.Select) {
	var names []string
	for _, c := range who.Chapters {
		names = append(names, c.Name)
	}
	sel := widget.NewSelect(names, nil)
	sel.SetSelected(who.CurrentChapter().Name)
	sel.OnChanged = func(name string) {
		for _, c := range who.Chapters {
			if c.Name == name && c.ID != who.Current {
				chosen(c)
			}
		}
	}
	note := lowLabel(fmt.Sprintf("you lead %d chapters; every screen shows this one", len(who.Chapters)))
	bar := container.NewHBox(widget.NewLabelWithStyle("Chapter:", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewGridWrap(fyne.NewSize(260, sel.MinSize().Height), sel), note)
	return container.NewVBox(container.NewPadded(bar), widget.NewSeparator()), sel
}

// loginLine says who is connected, for the dashboards: "alice, lead of Worcester,
// on the chapter server alice@db.example.org/chapterdesk".
func loginLine(who db.Login, where string) string {
	var b strings.Builder
	b.WriteString("Chapter server: " + where)
	if d := who.Describe(); d != "" {
		b.WriteString(" · signed in as " + who.Name + ", " + d)
	}
	return b.String()
}

// OnServer: the coordinator is always on a server (the shared screens ask).
func (c coordinatorStore) OnServer() bool { return onServer(c.Store) }
