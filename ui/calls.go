package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// callStore is what the Call reports screen reads and writes.
type callStore interface {
	Campaigns(ctx context.Context) ([]db.CampaignSummary, error)
	Legislators(ctx context.Context) ([]db.Legislator, error)
	WhipCount(ctx context.Context, campaignID int64) (db.WhipCount, error)
	SearchVolunteers(ctx context.Context, query string, limit int) ([]db.VolunteerRow, error)
	Volunteer(ctx context.Context, id int64) (db.Volunteer, error)
	LegislatorsForDistricts(ctx context.Context, senate, house string) ([]db.Legislator, error)
	CreateCallReport(ctx context.Context, r db.CallReport, updateStance bool) (int64, error)
	ListCallReports(ctx context.Context, f db.CallFilter, offset, limit int) ([]db.CallRow, error)
	TrashCallReport(ctx context.Context, id int64) (db.CallTrashed, error)
	RestoreCallReport(ctx context.Context, id int64) (db.CallTrashed, error)
	Zone(ctx context.Context, campaignID int64) (db.Zone, error)
	StanceHistory(ctx context.Context, campaignID, legislatorID int64) ([]db.StanceChange, error)
}

// callListLimit is how many reports the list shows: the newest of the period.
const callListLimit = 500

// callPeriods are the list's period choices, in days (0: all time).
var callPeriods = []struct {
	label string
	days  int
}{{"Today", 1}, {"Last 7 days", 7}, {"Last 30 days", 30}, {"All time", 0}}

// callsScreen is the call report form beside the list of reports.
type callsScreen struct {
	choice  *campaignPicker // the campaign menu; nil: the newest campaign
	w       fyne.Window
	store   callStore
	content fyne.CanvasObject

	form     *callForm
	period   *widget.Select
	who      *widget.Select // "All legislators" or one legislator's title
	whoIDs   []int64        // the legislator behind each option of who (0: all)
	list     *widget.List
	summary  *widget.Label
	zoneNote *widget.Label // says the computer's zone stands in, when no state is known
	trash    *widget.Button
	undo     *fyne.Container
	rows     []db.CallRow
	zone     db.Zone // the legislature's, whose clock the rows' times are on
	selected int64
	gen      int
}

func newCallsScreen(w fyne.Window, s callStore) *callsScreen {
	c := &callsScreen{w: w, store: s}
	c.buildUI()
	return c
}

func (c *callsScreen) buildUI() {
	c.form = newCallForm(c.w, c.store, func(int64) { c.refreshAsync() })
	var periods []string
	for _, p := range callPeriods {
		periods = append(periods, p.label)
	}
	c.period = widget.NewSelect(periods, nil)
	c.period.SetSelectedIndex(1)
	c.period.OnChanged = func(string) { c.refreshAsync() }
	c.who = widget.NewSelect([]string{allLegislators}, nil)
	c.who.SetSelectedIndex(0)
	c.whoIDs = []int64{0}
	c.who.OnChanged = func(string) { c.refreshAsync() }
	c.list = widget.NewList(func() int { return len(c.rows) }, newCallRow, c.updateRow)
	c.list.OnSelected = func(i widget.ListItemID) { c.selected = c.rows[i].ID; c.trash.Enable() }
	c.list.OnUnselected = func(widget.ListItemID) { c.selected = 0; c.trash.Disable() }
	c.summary = lowLabel("")
	c.zoneNote = newZoneNote()
	c.trash = widget.NewButton("Move to trash", c.onTrash)
	c.trash.Disable()
	c.undo = container.NewHBox()
	c.undo.Hide()
	filters := container.NewGridWithColumns(2, c.period, c.who)
	top := container.NewVBox(container.NewBorder(nil, nil, widget.NewLabel("Reports"), c.trash, filters), c.zoneNote, c.undo)
	right := container.NewBorder(top, c.summary, nil, nil, c.list)
	left := widget.NewCard("Log a call", "", c.form.content)
	split := container.NewHSplit(left, right)
	split.Offset = 0.45
	c.content = split
}

func newCallRow() fyne.CanvasObject { return callRowOf(3) }

// callRowOf is a call list's row: when, then columns cells, the last one low (what
// happened).
func callRowOf(columns int) fyne.CanvasObject {
	when := widget.NewLabel("Jan 02 15:04")
	cells := container.NewGridWithColumns(columns)
	for range columns {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		cells.Add(l)
	}
	cells.Objects[columns-1].(*widget.Label).Importance = widget.LowImportance
	return container.NewBorder(nil, nil, when, nil, cells)
}

func (c *callsScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	r := c.rows[i]
	box := o.(*fyne.Container)
	cells := box.Objects[0].(*fyne.Container).Objects
	box.Objects[1].(*widget.Label).SetText(c.zone.In(r.CalledAt).Format("Jan 02 15:04"))
	cells[0].(*widget.Label).SetText(callerOrUnknown(r.VolunteerName))
	cells[1].(*widget.Label).SetText(r.Legislator)
	what := callWhat(r.Outcome, r.StanceHeard, r.FollowUp)
	if r.TimeMayBeOff {
		what = timeMayBeOff + " · " + what
	}
	cells[2].(*widget.Label).SetText(what)
}

// timeMayBeOff marks a report whose time an older ChapterDesk read on its computer's
// clock (db.CallRow.TimeMayBeOff), first in the row so no truncation hides it.
const timeMayBeOff = "time may be hours off"

// callerOrUnknown is a call list's caller: the name, or "Unknown caller".
func callerOrUnknown(name string) string {
	if name == "" {
		return "Unknown caller"
	}
	return name
}

// callWhat is a call list's "what happened": the outcome, the stance heard and a
// follow-up.
func callWhat(outcome db.Outcome, heard db.Stance, followUp bool) string {
	what := outcome.Label()
	if heard != "" {
		what += " · heard: " + heard.Label()
	}
	if followUp {
		what += " · follow up"
	}
	return what
}

// callListSummary is the line under a call list of n reports (at most callListLimit).
func callListSummary(n int) string {
	switch {
	case n == callListLimit:
		return fmt.Sprintf("The newest %d reports of the period.", callListLimit)
	case n == 1:
		return "1 report."
	default:
		return numbers.Sprintf("%d reports.", n)
	}
}

// callTimesNote says how many of a list's reports are marked timeMayBeOff, and what
// puts them right; "" for none.
func callTimesNote(rows []db.CallRow) string {
	off := 0
	for _, r := range rows {
		if r.TimeMayBeOff {
			off++
		}
	}
	if off == 0 {
		return ""
	}
	return numbers.Sprintf(" %d of them marked %q: an older ChapterDesk read their times on the clock of the computer "+
		"that imported the form (chapterdesk calls fix-times puts them right).", off, timeMayBeOff)
}

// periodStart is the first moment of a call list's period of the last days days
// (today included) of zone, the legislature's; zero for all time (days 0).
func periodStart(days int, zone *time.Location) time.Time {
	if days <= 0 {
		return time.Time{}
	}
	y, m, d := time.Now().In(zone).Date()
	return time.Date(y, m, d-days+1, 0, 0, 0, 0, zone)
}

// refreshAsync reloads the campaign, the legislators and the list; the channel
// closes once they are on screen.
func (c *callsScreen) refreshAsync() <-chan struct{} {
	c.gen++
	gen := c.gen
	days := callPeriods[max(c.period.SelectedIndex(), 0)].days
	var legislatorID int64
	if i := c.who.SelectedIndex(); i > 0 && i < len(c.whoIDs) {
		legislatorID = c.whoIDs[i]
	}
	done := make(chan struct{})
	background(func() {
		defer close(done)
		ctx := context.Background()
		f := db.CallFilter{LegislatorID: legislatorID}
		var campaignID int64
		var whip db.WhipCount
		campaigns, err := c.store.Campaigns(ctx)
		if err == nil && len(campaigns) > 0 {
			pick, _ := c.choice.pick(campaigns)
			campaignID = pick.ID
			f.CampaignID = campaignID
			whip, err = c.store.WhipCount(ctx, campaignID)
		}
		var zone db.Zone
		if err == nil {
			zone, err = c.store.Zone(ctx, campaignID)
			f.From = periodStart(days, zone.Loc)
		}
		var legislators []db.Legislator
		if err == nil {
			legislators, err = c.store.Legislators(ctx)
		}
		var rows []db.CallRow
		if err == nil {
			rows, err = c.store.ListCallReports(ctx, f, 0, callListLimit)
		}
		if err != nil {
			showErrorAsync(c.w, err)
			return
		}
		doUIAndWait(func() {
			if gen != c.gen {
				return
			}
			c.form.setContext(campaignID, zone.Loc, legislators, whip)
			c.setLegislatorOptions(legislators, legislatorID)
			c.rows, c.zone = rows, zone
			showZoneNote(c.zoneNote, zone.Unknown())
			c.list.UnselectAll()
			c.list.Refresh()
			c.summary.SetText(callListSummary(len(rows)) + callTimesNote(rows))
		})
	})
	return done
}

// allLegislators is the first option of the list's legislator filter.
const allLegislators = "All legislators"

// setLegislatorOptions fills the legislator filter, keeping the one chosen.
func (c *callsScreen) setLegislatorOptions(ls []db.Legislator, chosen int64) {
	opts, ids := []string{allLegislators}, []int64{0}
	sel := 0
	for _, l := range ls {
		if l.ID == chosen {
			sel = len(opts)
		}
		opts = append(opts, l.Title()+" ("+l.District+")")
		ids = append(ids, l.ID)
	}
	c.whoIDs = ids
	on := c.who.OnChanged
	c.who.OnChanged = nil // filling the menu is not a choice
	c.who.SetOptions(opts)
	c.who.SetSelectedIndex(sel)
	c.who.OnChanged = on
}

func (c *callsScreen) onTrash() { c.trashAsync() }

// trashAsync moves the selected report to the trash and says, beside Undo, how the
// whip count moved with it (a lead trashes a call filed to the wrong legislator: the
// count no longer stands on it).
func (c *callsScreen) trashAsync() <-chan struct{} {
	done := make(chan struct{})
	id := c.selected
	if id == 0 {
		close(done)
		return done
	}
	background(func() {
		defer close(done)
		moved, err := c.store.TrashCallReport(context.Background(), id)
		if err != nil {
			showErrorAsync(c.w, err)
			return
		}
		doUIAndWait(func() {
			c.undo.RemoveAll()
			c.undo.Add(widget.NewLabel("Report moved to the trash." + trashedCountText(moved, true)))
			c.undo.Add(widget.NewButton("Undo", func() { c.restoreAsync(id) }))
			c.undo.Show()
			c.refreshAsync()
		})
	})
	return done
}

// restoreAsync takes report id out of the trash (Undo); when the whip count moved
// with it, the notice says so and stays.
func (c *callsScreen) restoreAsync(id int64) <-chan struct{} {
	done := make(chan struct{})
	background(func() {
		defer close(done)
		moved, err := c.store.RestoreCallReport(context.Background(), id)
		showErrorAsync(c.w, err)
		doUIAndWait(func() {
			c.undo.RemoveAll()
			if err == nil && moved.Moved() {
				c.undo.Add(widget.NewLabel("Report restored." + trashedCountText(moved, false)))
			} else {
				c.undo.Hide()
			}
			c.refreshAsync()
		})
	})
	return done
}

// trashedCountText is CallTrashed.Said after a space, "" when the count did not move.
func trashedCountText(m db.CallTrashed, trashed bool) string {
	if said := m.Said(trashed); said != "" {
		return " " + said
	}
	return ""
}

// newZoneNote is the line a screen of calls, or an import of them, shows when no
// state is known (see showZoneNote); hidden until then.
func newZoneNote() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.WarningImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// showZoneNote shows why (db.Zone.Unknown: the computer's zone stands in for the
// legislature's, unknown) on l, or hides l when why is "".
func showZoneNote(l *widget.Label, why string) {
	if why == "" {
		l.Hide()
		return
	}
	l.SetText("Note: " + why)
	l.Show()
}

// zoneNoteOf is a zone note saying why, hidden when why is "".
func zoneNoteOf(why string) *widget.Label {
	l := newZoneNote()
	showZoneNote(l, why)
	return l
}
