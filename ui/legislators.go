package ui

import (
	"context"
	"fmt"
	"image/color"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
)

// legislatorStore is what the Legislators screen reads and writes.
type legislatorStore interface {
	Campaigns(ctx context.Context) ([]db.CampaignSummary, error)
	WhipCount(ctx context.Context, campaignID int64) (db.WhipCount, error)
	Legislators(ctx context.Context) ([]db.Legislator, error)
	Legislator(ctx context.Context, id int64) (db.Legislator, error)
	StanceHistory(ctx context.Context, campaignID, legislatorID int64) ([]db.StanceChange, error)
	SetStance(ctx context.Context, c db.StanceChange) (int64, error)
	EditLegislator(ctx context.Context, id int64, f db.LegislatorField, value string) error
	SetLegislatorNotes(ctx context.Context, id int64, notes string) error
	SaveLegislatorEdits(ctx context.Context, id, version int64, edits map[db.LegislatorField]string, notes *string) error
	ListCallReports(ctx context.Context, f db.CallFilter, offset, limit int) ([]db.CallRow, error)
	SelfChapter(ctx context.Context) (db.Chapter, error)
	EachRecordRow(ctx context.Context, f db.RecordFilter, fn func(*db.RecordRow) error) error
	Zone(ctx context.Context, campaignID int64) (db.Zone, error)
	Path() string
}

// stanceSwatchWidth is the width of the stance colour at the start of a row.
const stanceSwatchWidth = 6

// The chamber filter's choices.
const (
	chamberAll    = "All"
	chamberSenate = "Senate"
	chamberHouse  = "House"
)

// legislatorsScreen lists the legislature by chamber and district with each member's
// stance on the active campaign, the calls that reached them and the last contact;
// the selected member's details sit beside the list. A legislature is a few hundred
// people, so the whole list is read at once and filtered in memory as the lead types.
type legislatorsScreen struct {
	choice  *campaignPicker // the campaign menu; nil: the newest campaign
	w       fyne.Window
	store   legislatorStore
	content fyne.CanvasObject

	chamber      *widget.RadioGroup
	search       *widget.Entry
	campaign     *widget.Label
	list         *widget.List
	total        *widget.Label
	empty        *widget.Label // shown instead of the list when nobody is imported yet
	detail       *legislatorDetail
	updateButton *widget.Button // Update legislators…
	update       *legislatorsUpdate

	all        []db.WhipRow // every member in office, Senate first, by district
	shown      []db.WhipRow // those the filter lets through
	campaignID int64
	zone       db.Zone // the legislature's, whose days the list says
	selected   int64
	gen        int
	loaded     <-chan struct{} // closes when the last selected member is on screen (tests)
}

func newLegislatorsScreen(w fyne.Window, s legislatorStore, files DataFiles) *legislatorsScreen {
	l := &legislatorsScreen{w: w, store: s}
	l.update = &legislatorsUpdate{w: w, store: s, imports: &importFlow{w: w, files: files, onDone: func() { l.refreshAsync() }}}
	l.buildUI()
	return l
}

// sharedWithCoalition is the screen of a coalition server's lead: the legislators
// are every chapter's, kept by the coordinator and the server's owner, and the
// server refuses a lead's edit or update of them. The whip count stays the lead's.
func (l *legislatorsScreen) sharedWithCoalition() {
	const why = "On the coalition's server the legislators are shared by every chapter: the coordinator or the server's owner edits and updates them. You record where each stands, below."
	l.updateButton.Disable()
	l.detail.sharedReadOnly(why)
}

func (l *legislatorsScreen) buildUI() {
	l.chamber = widget.NewRadioGroup([]string{chamberAll, chamberSenate, chamberHouse}, func(string) { l.onFilterChanged() })
	l.chamber.Horizontal = true
	l.chamber.Required = true
	l.chamber.SetSelected(chamberAll)
	l.search = widget.NewEntry()
	l.search.PlaceHolder = "Search by name or district"
	l.search.OnChanged = func(string) { l.onFilterChanged() }
	l.campaign = lowLabel("")
	l.campaign.Truncation = fyne.TextTruncateEllipsis
	l.campaign.Wrapping = fyne.TextWrapOff

	l.list = widget.NewList(func() int { return len(l.shown) }, newLegislatorRow, l.updateRow)
	l.list.OnSelected = l.onSelected
	l.total = lowLabel("Loading…")
	l.empty = widget.NewLabel("")
	l.empty.Wrapping = fyne.TextWrapWord
	l.empty.Hide()
	l.detail = newLegislatorDetail(l.w, l.store, l.onDetailChanged)

	// The heading leaves the room of the rows' stance swatch, so its columns line up.
	gap := canvas.NewRectangle(color.Transparent)
	gap.SetMinSize(fyne.NewSize(stanceSwatchWidth, 1))
	header := container.NewBorder(nil, nil, gap, nil, container.New(legislatorColumns,
		caption("Legislator"), caption("District"), caption("Stance"), caption("Calls / reached")))
	l.updateButton = widget.NewButtonWithIcon("Update legislators…", theme.DownloadIcon(), l.update.onUpdate)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, l.updateButton, l.search),
		container.NewBorder(nil, nil, l.chamber, nil, l.campaign), header)
	left := container.NewBorder(top, l.total, nil, nil, container.NewStack(l.list, container.NewPadded(l.empty)))
	split := container.NewHSplit(left, l.detail.content)
	split.Offset = 0.57
	l.content = split
}

// legislatorColumns shares a row's width among name, district, stance and calls:
// names and districts are long; the stance, what the row is for, always has the room
// of its longest label ("Leaning ..." was Leaning yes and Leaning no alike).
var legislatorColumns = &columnsLayout{weights: []float32{0.33, 0.27, 0, 0.24}, widest: []string{2: longestStanceLabel()}}

// longestStanceLabel is the stance label that needs the most room.
func longestStanceLabel() string {
	longest := ""
	for _, s := range db.Stances {
		if len(s.Label()) > len(longest) {
			longest = s.Label()
		}
	}
	return longest
}

// columnsLayout lays its objects side by side. A column with a widest text is as
// wide as a label showing it needs; the others share the rest by their weights.
type columnsLayout struct {
	weights []float32
	widest  []string
}

// Layout places the objects left to right.
func (c *columnsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	width := size.Width - pad*float32(len(objects)-1)
	fixed := make([]float32, len(objects))
	var shared float32
	for i := range objects {
		if i < len(c.widest) && c.widest[i] != "" {
			fixed[i] = fyne.MeasureText(c.widest[i], theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
			width -= fixed[i]
		} else {
			shared += c.weights[i]
		}
	}
	x := float32(0)
	for i, o := range objects {
		w := fixed[i]
		if w == 0 && shared > 0 {
			w = max(0, width) * c.weights[i] / shared
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

// MinSize is the tallest object's height; the width comes from the list.
func (c *columnsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objects {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(len(objects))*theme.Padding(), h)
}

// caption is a small grey column heading.
func caption(text string) *widget.Label {
	c := widget.NewLabel(text)
	c.Importance = widget.LowImportance
	c.TextStyle.Bold = true
	c.Truncation = fyne.TextTruncateEllipsis
	return c
}

func newLegislatorRow() fyne.CanvasObject {
	swatch := canvas.NewRectangle(stanceColors[db.StanceUnknown])
	swatch.SetMinSize(fyne.NewSize(stanceSwatchWidth, 24))
	cells := make([]fyne.CanvasObject, 4)
	for i, text := range []string{"Rep. Legislator Name (D)", "1st Middlesex", "Leaning yes", "120 / 73 · Jan 2"} {
		c := widget.NewLabel(text)
		c.Truncation = fyne.TextTruncateEllipsis
		cells[i] = c
	}
	cells[0].(*widget.Label).TextStyle.Bold = true
	cells[3].(*widget.Label).Importance = widget.LowImportance
	return container.NewBorder(nil, nil, swatch, nil, container.New(legislatorColumns, cells...))
}

func (l *legislatorsScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(l.shown) {
		return
	}
	r := l.shown[i]
	box := o.(*fyne.Container)
	cells := box.Objects[0].(*fyne.Container).Objects
	swatch := box.Objects[1].(*canvas.Rectangle)
	swatch.FillColor = stanceColors[r.Stance]
	swatch.Refresh()
	cells[0].(*widget.Label).SetText(whipRowTitle(r))
	cells[1].(*widget.Label).SetText(r.District)
	cells[2].(*widget.Label).SetText(r.Stance.Label())
	cells[3].(*widget.Label).SetText(callSummary(r, l.zone))
}

// whipRowTitle is how a row names its legislator: "Sen. Jamie Eldridge (D)".
func whipRowTitle(r db.WhipRow) string {
	t := db.Legislator{Chamber: r.Chamber, Name: r.Name}.Title()
	if p := strings.TrimSpace(r.Party); p != "" {
		t += " (" + p[:1] + ")"
	}
	return t
}

// callSummary is the calls column: attempts / reaches · the last call's day, zone's.
func callSummary(r db.WhipRow, zone db.Zone) string {
	if r.Attempts == 0 {
		return "not called yet"
	}
	return numbers.Sprintf("%d / %d · ", r.Attempts, r.Reaches) + shortDate(r.LastCalledAt, zone)
}

// shortDate shows t's day in zone (the legislature's), without the year when it is
// this year's.
func shortDate(t time.Time, zone db.Zone) string {
	t = zone.In(t)
	if t.Year() == zone.In(time.Now()).Year() {
		return t.Format("Jan 2")
	}
	return t.Format("Jan 2, 2006")
}

// wordOrdinals are the ordinals districts are named with, as numbers.
var wordOrdinals = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
	"seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
	"fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19}

// districtKey splits "10th Hampden" or "Second Bristol" into the county and its
// number, so districts sort as a person counts them: 1st, 2nd … 10th Hampden.
func districtKey(d string) (string, int) {
	first, rest, ok := strings.Cut(strings.TrimSpace(d), " ")
	if !ok {
		return d, 0
	}
	if n, ok := wordOrdinals[strings.ToLower(first)]; ok {
		return rest, n
	}
	digits := strings.TrimRight(strings.ToLower(first), "stndrh")
	if n, err := strconv.Atoi(digits); err == nil && digits != first {
		return rest, n
	}
	return d, 0
}

// sortByDistrict orders the legislature Senate first, then by county and number.
func sortByDistrict(rows []db.WhipRow) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if a.Chamber != b.Chamber {
			return a.Chamber == db.ChamberUpper
		}
		ca, na := districtKey(a.District)
		cb, nb := districtKey(b.District)
		if ca != cb {
			return ca < cb
		}
		if na != nb {
			return na < nb
		}
		return a.Name < b.Name
	})
}

// legislatorsData is one snapshot of the legislature on the active campaign.
type legislatorsData struct {
	campaign db.CampaignSummary
	rows     []db.WhipRow
	zone     db.Zone
}

func (l *legislatorsScreen) load(ctx context.Context) (legislatorsData, error) {
	var d legislatorsData
	campaigns, err := l.store.Campaigns(ctx)
	if err != nil {
		return d, err
	}
	if len(campaigns) > 0 {
		d.campaign, _ = l.choice.pick(campaigns)
	}
	if d.zone, err = l.store.Zone(ctx, d.campaign.ID); err != nil {
		return d, err
	}
	if len(campaigns) > 0 {
		w, err := l.store.WhipCount(ctx, d.campaign.ID)
		d.rows = w.Legislators
		return d, err
	}
	// Without a campaign there is no stance to show, but the legislature still is.
	all, err := l.store.Legislators(ctx)
	for _, m := range all {
		d.rows = append(d.rows, db.WhipRow{LegislatorID: m.ID, Chamber: m.Chamber, District: m.District,
			Name: m.Name, Party: m.Party, Stance: db.StanceUnknown})
	}
	return d, err
}

// refreshAsync reloads the legislature and the selected member's details, unless
// the lead is in the middle of editing them; the returned channel closes once they
// are on screen.
func (l *legislatorsScreen) refreshAsync() <-chan struct{} { return l.reloadAsync(false) }

// reloadAsync is refreshAsync; detailToo reloads the details even when their fields
// differ from what is stored (after the detail saved them).
func (l *legislatorsScreen) reloadAsync(detailToo bool) <-chan struct{} {
	l.gen++
	gen := l.gen
	done := make(chan struct{})
	background(func() {
		defer close(done)
		d, err := l.load(context.Background())
		if err != nil {
			showErrorAsync(l.w, err)
			return
		}
		sortByDistrict(d.rows)
		loaded := closedChan()
		doUIAndWait(func() {
			if gen != l.gen {
				return
			}
			l.show(d)
			if l.selected != 0 && (detailToo || !l.detail.hasEdits() || l.detail.current.ID != l.selected) {
				loaded = l.detail.loadAsync(l.selected)
			}
		})
		<-loaded
	})
	return done
}

// closedChan is a channel with nothing to wait for.
func closedChan() <-chan struct{} {
	c := make(chan struct{})
	close(c)
	return c
}

// show puts a snapshot on screen; UI goroutine only.
func (l *legislatorsScreen) show(d legislatorsData) {
	l.all, l.campaignID, l.zone = d.rows, d.campaign.ID, d.zone
	l.detail.setCampaign(d.campaign.ID)
	if d.campaign.ID == 0 {
		l.campaign.SetText("No campaign yet: stances need one.")
	} else {
		l.campaign.SetText("Stances on " + strings.TrimSpace(d.campaign.Name+" "+d.campaign.BillNumbers))
	}
	l.empty.SetText("No legislators yet. Update legislators… (above) loads those of your state that came with ChapterDesk " +
		"(Open States data of " + assets.LegislatorsDate() + "), or a newer file from Open States " +
		"(" + fmt.Sprintf(openStatesCurrentURL, "ma") + ", with your state's two letters). " +
		"Every senator and representative is then here, with their offices and phones.")
	l.empty.Hidden = len(d.rows) > 0
	l.empty.Refresh()
	if l.selected == 0 && len(d.rows) > 0 {
		// The first member's details fill the pane beside the list from the start;
		// refreshAsync loads them.
		l.selected = d.rows[0].LegislatorID
	}
	l.applyFilter()
}

func (l *legislatorsScreen) onFilterChanged() {
	if l.list != nil {
		l.applyFilter()
	}
}

// applyFilter narrows the list to the chamber and the search text.
func (l *legislatorsScreen) applyFilter() {
	q := foldText(l.search.Text)
	l.shown = l.shown[:0:0]
	for _, r := range l.all {
		if (l.chamber.Selected == chamberSenate && r.Chamber != db.ChamberUpper) ||
			(l.chamber.Selected == chamberHouse && r.Chamber != db.ChamberLower) {
			continue
		}
		if q != "" && !containsFold(r.Name+" "+r.District+" "+whipRowTitle(r), q) {
			continue
		}
		l.shown = append(l.shown, r)
	}
	switch {
	case len(l.all) == 0:
		l.total.SetText("")
	case len(l.shown) == len(l.all):
		l.total.SetText(fmt.Sprintf("%d legislators", len(l.all)))
	default:
		l.total.SetText(fmt.Sprintf("%d of %d legislators", len(l.shown), len(l.all)))
	}
	l.list.UnselectAll()
	l.list.Refresh()
	// Keep the selected member highlighted while they are still in the list.
	for i, r := range l.shown {
		if r.LegislatorID == l.selected {
			l.list.Select(i)
			l.list.ScrollTo(i)
			break
		}
	}
}

func (l *legislatorsScreen) onSelected(i widget.ListItemID) {
	// A member selected again by the list itself (after a refresh) is already shown.
	if i >= len(l.shown) || l.shown[i].LegislatorID == l.selected {
		return
	}
	l.selected = l.shown[i].LegislatorID
	l.loaded = l.detail.loadAsync(l.selected)
}

// onDetailChanged refreshes the list and the detail after the detail stored a stance
// or an edit; the channel closes once both show it.
func (l *legislatorsScreen) onDetailChanged() <-chan struct{} { return l.reloadAsync(true) }
