package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// volunteerStore is what the Volunteers screen reads and writes.
type volunteerStore interface {
	ListVolunteers(ctx context.Context, f db.VolunteerFilter, offset, limit int) ([]db.VolunteerRow, error)
	CountVolunteers(ctx context.Context, f db.VolunteerFilter) (int, error)
	CountVolunteersUpTo(ctx context.Context, f db.VolunteerFilter, limit int) (int, error)
	SearchVolunteers(ctx context.Context, query string, limit int) ([]db.VolunteerRow, error)
	Volunteer(ctx context.Context, id int64) (db.Volunteer, error)
	CreateVolunteer(ctx context.Context, v db.Volunteer) (int64, error)
	OnRoster(ctx context.Context, v db.Volunteer) (db.VolunteerRow, bool, error)
	UpdateVolunteer(ctx context.Context, v db.Volunteer) error
	TrashVolunteer(ctx context.Context, id int64) error
	RestoreVolunteer(ctx context.Context, id int64) error
	Tags(ctx context.Context) ([]string, error)
	VolunteerLanguages(ctx context.Context) ([]string, error)
	LegislatorsForDistricts(ctx context.Context, senate, house string) ([]db.Legislator, error)
	SelfChapter(ctx context.Context) (db.Chapter, error)
	Districts(ctx context.Context, ch db.Chamber) ([]string, error)
	ListCallReports(ctx context.Context, f db.CallFilter, offset, limit int) ([]db.CallRow, error)
}

// rosterPage is how many rows the list fetches at once: a few screens' worth.
const rosterPage = 100

// searchShown is how many matches a search lists; past it the lead is asked to type
// more (counting every match of one letter on a big roster costs a keystroke's time).
// The roster unsearched lists everyone, however many (a var: tests lower it).
var searchShown = 5000

// anyOption is the first entry of each filter menu.
const anyOption = "Any"

// volunteersScreen is the roster: search and filters over a list fetched page by
// page (a 100,000-name roster scrolls without building 100,000 rows), and the
// selected volunteer's form beside it.
type volunteersScreen struct {
	w       fyne.Window
	store   volunteerStore
	content fyne.CanvasObject

	search   *widget.Entry
	tag      *widget.Select
	language *widget.Select
	status   *widget.Select
	district *widget.Entry
	mayCall  *widget.Check
	list     *widget.List
	total    *widget.Label
	undo     *fyne.Container // "moved to trash" notice with its Undo button
	form     *volunteerForm

	filter  db.VolunteerFilter
	count   int
	pages   map[int][]db.VolunteerRow
	loading map[int]bool
	gen     int // bumps when the filter changes; older answers are dropped
	// refreshed closes when the latest refresh is on screen (tests wait on it).
	refreshed <-chan struct{}
}

func newVolunteersScreen(w fyne.Window, s volunteerStore) *volunteersScreen {
	v := &volunteersScreen{w: w, store: s, pages: map[int][]db.VolunteerRow{}, loading: map[int]bool{}}
	v.buildUI()
	return v
}

func (v *volunteersScreen) buildUI() {
	v.search = widget.NewEntry()
	v.search.PlaceHolder = "Search by name, email, phone or zip"
	v.search.OnChanged = func(string) { v.onFilterChanged() }
	v.tag = widget.NewSelect([]string{anyOption}, func(string) { v.onFilterChanged() })
	v.language = widget.NewSelect([]string{anyOption}, func(string) { v.onFilterChanged() })
	statuses := []string{anyOption}
	for _, s := range db.VolunteerStatuses {
		statuses = append(statuses, statusLabel(s))
	}
	v.status = widget.NewSelect(statuses, func(string) { v.onFilterChanged() })
	for _, s := range []*widget.Select{v.tag, v.language, v.status} {
		s.PlaceHolder = anyOption
	}
	v.district = widget.NewEntry()
	v.district.PlaceHolder = "District"
	v.district.OnChanged = func(string) { v.onFilterChanged() }
	v.mayCall = widget.NewCheck("May call", func(bool) { v.onFilterChanged() })

	v.list = widget.NewList(func() int { return v.count }, newRosterRow, v.updateRow)
	v.list.OnSelected = v.onSelected
	v.total = widget.NewLabel("Loading…")
	v.total.Importance = widget.LowImportance

	v.undo = container.NewHBox()
	v.undo.Hide()
	v.form = newVolunteerForm(v.w, v.store, v.onSaved, v.onTrashed)
	add := widget.NewButton("New volunteer", v.onNew)

	filters := container.NewGridWithColumns(5,
		labeled("Tag", v.tag), labeled("Language", v.language), labeled("Status", v.status),
		labeled("District", v.district), container.NewVBox(widget.NewLabel(""), v.mayCall))
	top := container.NewVBox(container.NewBorder(nil, nil, nil, add, v.search), filters, v.undo)
	left := container.NewBorder(top, v.total, nil, nil, v.list)
	split := container.NewHSplit(left, v.form.content)
	split.Offset = 0.45
	v.content = split
}

// labeled puts a small caption above a filter control.
func labeled(caption string, o fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel(caption)
	l.Importance = widget.LowImportance
	return container.NewVBox(l, o)
}

func newRosterRow() fyne.CanvasObject {
	name := widget.NewLabel("Volunteer name")
	name.TextStyle.Bold = true
	name.Truncation = fyne.TextTruncateEllipsis
	detail := widget.NewLabel("email · phone · city")
	detail.Importance = widget.LowImportance
	detail.Truncation = fyne.TextTruncateEllipsis
	return container.NewGridWithColumns(2, name, detail)
}

func (v *volunteersScreen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	cells := o.(*fyne.Container).Objects
	name, detail := cells[0].(*widget.Label), cells[1].(*widget.Label)
	r, ok := v.row(i)
	if !ok {
		name.SetText("…")
		detail.SetText("")
		return
	}
	name.SetText(r.Name())
	detail.SetText(rosterDetail(r))
}

// rosterDetail is the second column of a roster row.
func rosterDetail(r db.VolunteerRow) string {
	var parts []string
	for _, p := range []string{r.Email, db.FormatPhone(r.PhoneE164), strings.TrimSpace(r.City + " " + r.Zip)} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	if r.DoNotContact {
		parts = append(parts, "do not contact")
	}
	return strings.Join(parts, " · ")
}

// row returns row i if its page is here, and fetches the page if not.
func (v *volunteersScreen) row(i int) (db.VolunteerRow, bool) {
	p := i / rosterPage
	rows, ok := v.pages[p]
	if ok && i%rosterPage < len(rows) {
		return rows[i%rosterPage], true
	}
	if !ok && !v.loading[p] {
		v.loading[p] = true
		v.fetchPageAsync(p)
	}
	return db.VolunteerRow{}, false
}

func (v *volunteersScreen) fetchPageAsync(p int) {
	f, gen := v.filter, v.gen
	background(func() {
		rows, err := v.store.ListVolunteers(context.Background(), f, p*rosterPage, rosterPage)
		if err != nil {
			showErrorAsync(v.w, err)
			return
		}
		doUI(func() {
			if gen != v.gen {
				return
			}
			delete(v.loading, p)
			v.pages[p] = rows
			v.list.Refresh()
		})
	})
}

// loadFiltersAsync fills the tag and language menus with what the roster uses.
func (v *volunteersScreen) loadFiltersAsync() <-chan struct{} {
	done := make(chan struct{})
	background(func() {
		defer close(done)
		ctx := context.Background()
		tags, err := v.store.Tags(ctx)
		var langs []string
		if err == nil {
			langs, err = v.store.VolunteerLanguages(ctx)
		}
		if err != nil {
			showErrorAsync(v.w, err)
			return
		}
		doUIAndWait(func() {
			v.tag.SetOptions(append([]string{anyOption}, tags...))
			v.language.SetOptions(append([]string{anyOption}, langs...))
		})
	})
	return done
}

// readFilter turns the controls into a filter.
func (v *volunteersScreen) readFilter() db.VolunteerFilter {
	f := db.VolunteerFilter{Query: v.search.Text, District: strings.TrimSpace(v.district.Text), MayCall: v.mayCall.Checked}
	if s := v.tag.Selected; s != anyOption {
		f.Tag = s
	}
	if s := v.language.Selected; s != anyOption {
		f.Language = s
	}
	for _, s := range db.VolunteerStatuses {
		if statusLabel(s) == v.status.Selected {
			f.Status = s
		}
	}
	return f
}

func (v *volunteersScreen) onFilterChanged() { v.refreshAsync() }

// refreshAsync reloads the count and the first page for the current filter; the
// returned channel closes once the list shows them.
func (v *volunteersScreen) refreshAsync() <-chan struct{} {
	v.gen++
	v.filter = v.readFilter()
	f, gen := v.filter, v.gen
	done := make(chan struct{})
	v.refreshed = done
	background(func() {
		defer close(done)
		ctx := context.Background()
		var n int
		var err error
		if strings.TrimSpace(f.Query) == "" {
			n, err = v.store.CountVolunteers(ctx, f)
		} else {
			n, err = v.store.CountVolunteersUpTo(ctx, f, searchShown+1)
		}
		var first []db.VolunteerRow
		if err == nil {
			first, err = v.store.ListVolunteers(ctx, f, 0, rosterPage)
		}
		if err != nil {
			showErrorAsync(v.w, err)
			return
		}
		doUIAndWait(func() {
			if gen != v.gen {
				return
			}
			searched := strings.TrimSpace(f.Query) != ""
			v.count = n
			if searched {
				v.count = min(n, searchShown)
			}
			v.pages = map[int][]db.VolunteerRow{0: first}
			v.loading = map[int]bool{}
			switch {
			case searched && n > searchShown:
				v.total.SetText(numbers.Sprintf("More than %d match: the first %d are listed; type more to narrow.", searchShown, searchShown))
			case n == 1:
				v.total.SetText("1 volunteer")
			default:
				v.total.SetText(numbers.Sprintf("%d volunteers", n))
			}
			v.list.UnselectAll()
			v.list.Refresh()
			v.list.ScrollToTop()
		})
	})
	return done
}

func (v *volunteersScreen) onSelected(i widget.ListItemID) {
	if r, ok := v.row(i); ok {
		v.form.loadDistrictsAsync() // legislators may have come in since (Start my chapter, an import)
		v.form.loadAsync(r.ID)
	}
}

// onNew opens an empty form.
func (v *volunteersScreen) onNew() {
	v.list.UnselectAll()
	v.form.clear()
	v.form.loadDefaultsAsync()  // the profile's state may have changed in Settings
	v.form.loadDistrictsAsync() // and legislators come in after the form was built
	v.w.Canvas().Focus(v.form.first)
}

// onSaved refreshes the list after the form saved a volunteer.
func (v *volunteersScreen) onSaved() { v.refreshAsync() }

// onTrashed shows the undo notice for a volunteer just moved to the trash.
func (v *volunteersScreen) onTrashed(id int64, name string) {
	v.undo.RemoveAll()
	var undo *widget.Button
	undo = widget.NewButton("Undo", func() {
		undo.Disable()
		v.onUndoTrash(id)
	})
	v.undo.Add(widget.NewLabel(name + " moved to the trash."))
	v.undo.Add(undo)
	v.undo.Show()
	v.refreshAsync()
}

// onUndoTrash brings a volunteer back from the trash; the channel closes once the
// list and the form show them again.
func (v *volunteersScreen) onUndoTrash(id int64) <-chan struct{} {
	done := make(chan struct{})
	background(func() {
		defer close(done)
		if err := v.store.RestoreVolunteer(context.Background(), id); err != nil {
			showErrorAsync(v.w, err)
			return
		}
		listed := closedChan() // the app may stop meanwhile (doUIAndWait)
		doUIAndWait(func() {
			v.undo.Hide()
			listed = v.refreshAsync()
		})
		<-listed
		<-v.form.loadAsync(id)
	})
	return done
}

// statusLabel is a volunteer status as a person reads it.
func statusLabel(s db.VolunteerStatus) string {
	if s == "" {
		return ""
	}
	return strings.ToUpper(string(s[:1])) + string(s[1:])
}
