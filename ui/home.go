package ui

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/chapterdesk/chapterdesk/db"
)

// homeStore is what the home screen reads.
type homeStore interface {
	SelfChapter(ctx context.Context) (db.Chapter, error)
	Counts(ctx context.Context) ([]db.Count, error)
	Campaigns(ctx context.Context) ([]db.CampaignSummary, error)
	WhipCount(ctx context.Context, campaignID int64) (db.WhipCount, error)
}

// homeRefresh is how often the home screen re-reads its counts, so numbers entered
// from the command line or another screen show up without a click.
const homeRefresh = 10 * time.Second

// homeCountCards are the counts the home screen shows, by their Counts name.
var homeCountCards = []struct{ key, label string }{
	{"volunteers", "Volunteers"},
	{"call_reports", "Call reports"},
	{"legislators", "Legislators"},
	{"campaigns", "Campaigns"},
}

// homeScreen greets the lead: the chapter's name, live counts and the whip count of
// the newest campaign.
type homeScreen struct {
	w       fyne.Window
	store   homeStore
	content fyne.CanvasObject

	chapter  *widget.Label
	counts   map[string]*canvas.Text
	campaign *widget.Label
	bars     map[db.Chamber]*whipBar
	barNotes map[db.Chamber]*widget.Label
	calls    *widget.Label
	status   *widget.Label
}

func newHomeScreen(w fyne.Window, s homeStore, dataPath string) *homeScreen {
	h := &homeScreen{w: w, store: s, counts: map[string]*canvas.Text{},
		bars: map[db.Chamber]*whipBar{}, barNotes: map[db.Chamber]*widget.Label{}}
	h.buildUI(dataPath)
	return h
}

func (h *homeScreen) buildUI(dataPath string) {
	h.chapter = widget.NewLabelWithStyle("Loading…", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.chapter.SizeName = theme.SizeNameHeadingText
	file := widget.NewLabel("Data file: " + dataPath)
	file.Importance = widget.LowImportance
	file.Truncation = fyne.TextTruncateEllipsis

	cards := container.NewGridWithColumns(len(homeCountCards))
	for _, c := range homeCountCards {
		n := canvas.NewText("…", theme.Color(theme.ColorNameForeground))
		n.TextSize = 34
		n.TextStyle.Bold = true
		h.counts[c.key] = n
		cards.Add(widget.NewCard("", c.label, container.NewPadded(n)))
	}

	h.campaign = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	rows := container.New(layout.NewFormLayout())
	for _, ch := range db.Chambers {
		h.bars[ch] = newWhipBar()
		h.barNotes[ch] = widget.NewLabel("")
		rows.Add(widget.NewLabel(ch.Label()))
		// The notes share one width, so both bars end at the same place.
		note := container.NewGridWrap(fyne.NewSize(330, h.barNotes[ch].MinSize().Height), h.barNotes[ch])
		rows.Add(container.NewBorder(nil, nil, nil, note, h.bars[ch]))
	}
	h.calls = widget.NewLabel("")
	h.status = widget.NewLabel("")
	h.status.Importance = widget.LowImportance

	whip := widget.NewCard("Whip count", "", container.NewVBox(h.campaign, rows, buildLegend(), h.calls))
	h.content = container.NewPadded(container.NewVBox(h.chapter, file, cards, whip, layout.NewSpacer(), h.status))
}

// buildLegend names the colours of the whip bars.
func buildLegend() fyne.CanvasObject {
	box := container.NewHBox()
	for _, s := range db.Stances {
		swatch := canvas.NewRectangle(stanceColors[s])
		swatch.SetMinSize(fyne.NewSize(12, 12))
		label := widget.NewLabel(s.Label())
		label.SizeName = theme.SizeNameCaptionText
		box.Add(container.NewHBox(container.NewCenter(swatch), label))
	}
	needed := canvas.NewRectangle(theme.Color(theme.ColorNameForeground))
	needed.SetMinSize(fyne.NewSize(3, 14))
	neededLabel := widget.NewLabel("votes needed")
	neededLabel.SizeName = theme.SizeNameCaptionText
	box.Add(container.NewHBox(container.NewCenter(needed), neededLabel))
	return box
}

// homeData is one snapshot of what the screen shows.
type homeData struct {
	chapter  db.Chapter
	counts   []db.Count
	campaign *db.CampaignSummary
	whip     db.WhipCount
}

func (h *homeScreen) load(ctx context.Context) (homeData, error) {
	var d homeData
	var err error
	if d.chapter, err = h.store.SelfChapter(ctx); err != nil {
		return d, err
	}
	if d.counts, err = h.store.Counts(ctx); err != nil {
		return d, err
	}
	campaigns, err := h.store.Campaigns(ctx)
	if err != nil || len(campaigns) == 0 {
		return d, err
	}
	d.campaign = &campaigns[0]
	d.whip, err = h.store.WhipCount(ctx, d.campaign.ID)
	return d, err
}

// refreshAsync reads the store off the UI goroutine and shows the result; the
// returned channel closes once it is on screen (or the error is).
func (h *homeScreen) refreshAsync() <-chan struct{} {
	done := make(chan struct{})
	background(func() {
		defer close(done)
		d, err := h.load(context.Background())
		if err != nil {
			showErrorAsync(h.w, err)
			return
		}
		fyne.DoAndWait(func() { h.show(d) })
	})
	return done
}

// autoRefreshAsync refreshes every homeRefresh until the returned stop is called.
func (h *homeScreen) autoRefreshAsync() (stop func()) {
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(homeRefresh)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				h.refreshAsync()
			}
		}
	}()
	return func() { close(done) }
}

var numbers = message.NewPrinter(language.English)

// show puts a snapshot on screen; UI goroutine only.
func (h *homeScreen) show(d homeData) {
	h.chapter.SetText(d.chapter.Name)
	h.w.SetTitle("ChapterDesk — " + d.chapter.Name)
	for _, c := range d.counts {
		if t, ok := h.counts[c.Name]; ok {
			t.Text = numbers.Sprintf("%d", c.Count)
			t.Refresh()
		}
	}
	if d.campaign == nil {
		h.campaign.SetText("No campaign yet.")
		return
	}
	h.campaign.SetText(fmt.Sprintf("%s (%s)", d.campaign.Name, d.campaign.BillNumbers))
	for _, c := range d.whip.Chambers {
		h.bars[c.Chamber].setCount(c)
		note := fmt.Sprintf("%d supporting of %d needed · %d seats", c.Supporting(), c.VotesNeeded, c.Seats)
		if c.Seats == 0 {
			note = "no legislators yet: import your state's Open States file"
		}
		h.barNotes[c.Chamber].SetText(note)
	}
	h.calls.SetText(numbers.Sprintf("%d calls made, %d reached an office; %d of %d legislators reached.",
		d.whip.Calls, d.whip.Reaches, d.whip.LegislatorsReached, len(d.whip.Legislators)))
	h.status.SetText("Updated " + time.Now().Format("15:04:05"))
}
