package ui

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/assets"
)

// openStatesCurrentURL is where Open States publishes a state's current legislators
// as the CSV the importer reads, %s the state in small letters.
const openStatesCurrentURL = "https://data.openstates.org/people/current/%s.csv"

// legislatorsUpdate is Legislators › Update legislators: it says where the current
// Open States file is published and imports it with the import wizard, or loads the
// legislators that came with ChapterDesk.
type legislatorsUpdate struct {
	w       fyne.Window
	store   legislatorStore
	imports *importFlow
	d       dialog.Dialog
	// bundledDone closes once loading the bundled legislators is over (tests).
	bundledDone chan struct{}
}

// onUpdate shows the choice; the chapter's state names the file to download.
func (u *legislatorsUpdate) onUpdate() {
	background(func() {
		c, err := u.store.SelfChapter(context.Background())
		if err != nil {
			showErrorAsync(u.w, err)
			return
		}
		doUI(func() { u.show(c.State) })
	})
}

// show builds the dialog for state ("" when the chapter has none yet).
func (u *legislatorsUpdate) show(state string) {
	example := "ma"
	if len(state) == 2 {
		example = strings.ToLower(state)
	}
	link := fmt.Sprintf(openStatesCurrentURL, example)
	parsed, _ := url.Parse(link)
	fromFile := widget.NewButton("Choose the downloaded file…", func() {
		u.d.Hide()
		u.imports.start("legislators")
	})
	fromFile.Importance = widget.HighImportance
	bundled := widget.NewButton(fmt.Sprintf("Load the legislators that came with ChapterDesk (data of %s)", assets.LegislatorsDate()),
		func() { u.d.Hide(); u.loadBundledAsync(state) })
	if u.imports.files == nil {
		fromFile.Disable()
		bundled.Disable()
	}
	body := container.NewVBox(
		wrapped("Open States publishes the current legislators of each state, public domain, as a CSV updated as they change. Download your state's:"),
		widget.NewHyperlink(link, parsed),
		lowLabel("(the two letters of your state: ma.csv for Massachusetts, nh.csv for New Hampshire)"),
		wrapped("then choose it here. The import shows what it would change before it writes anything, and can be undone."),
		fromFile,
		widget.NewSeparator(),
		wrapped(fmt.Sprintf("No download at hand? ChapterDesk comes with the legislators of the 50 states as Open States had them on %s.", assets.LegislatorsDate())),
		bundled,
	)
	u.d = dialog.NewCustom("Update legislators", "Close", container.NewPadded(body), u.w)
	u.d.Resize(fyne.NewSize(620, 0))
	u.d.Show()
}

// loadBundledAsync works out what loading the bundled legislators of state would
// change, asks, and imports them (as `chapterdesk import legislators --state XX`).
func (u *legislatorsUpdate) loadBundledAsync(state string) {
	done := make(chan struct{})
	u.bundledDone = done
	if len(state) != 2 {
		close(done)
		dialog.ShowInformation("Which state?", "Give your chapter's state in Settings first: the legislators loaded are that state's.", u.w)
		return
	}
	// The dry run retires the missing, to count them: the lead sees how many the box
	// would take out of office before ticking it (on a chapter whose legislators were
	// typed in or came with the demo, every one of them: the whip count left empty).
	req := ImportRequest{Kind: "legislators", Bundled: true, State: state, DryRun: true, RetireMissing: true}
	background(func() {
		res, err := u.imports.files.Import(context.Background(), req, nil)
		if err != nil {
			close(done)
			showErrorAsync(u.w, err)
			return
		}
		doUI(func() {
			sum := res.Summary
			msg := wrapped(fmt.Sprintf("The %s legislators of %s (Open States data, public domain): %d new, %d updated, %d unchanged.",
				state, assets.LegislatorsDate(), sum.Created, sum.Updated, sum.Unchanged))
			body := container.NewVBox(msg)
			var retire *widget.Check
			if sum.Retired > 0 {
				retire = widget.NewCheck(numbers.Sprintf("Mark the %d legislators in office here that this list does not have as out of office", sum.Retired), nil)
				body.Add(retire)
				body.Add(lowLabel("They would leave the whip count, whose seats are the members in office, and the call sheets; their calls stay. Undo brings them back."))
			}
			dialog.ShowCustomConfirm("Load the legislators that came with ChapterDesk", "Load them", "Cancel",
				body, func(ok bool) {
					if !ok {
						close(done)
						return
					}
					req.DryRun, req.RetireMissing = false, retire != nil && retire.Checked
					u.importAsync(req, done)
				}, u.w)
		})
	})
}

// importAsync runs the import and says what it did.
func (u *legislatorsUpdate) importAsync(req ImportRequest, done chan struct{}) {
	background(func() {
		defer close(done)
		res, err := u.imports.files.Import(context.Background(), req, nil)
		if err != nil {
			showErrorAsync(u.w, err)
			return
		}
		doUI(func() {
			sum := res.Summary
			msg := wrapped(fmt.Sprintf("Import %d: %d new, %d updated, %d unchanged, %d out of office.",
				sum.BatchID, sum.Created, sum.Updated, sum.Unchanged, sum.Retired))
			dialog.ShowCustomConfirm("Legislators loaded", "Undo this import", "Close", msg, func(undo bool) {
				if undo {
					u.undoAsync(sum.BatchID)
				}
			}, u.w)
			u.changed()
		})
	})
}

// undoAsync takes the import back and says so.
func (u *legislatorsUpdate) undoAsync(batch int64) {
	background(func() {
		msg, err := u.imports.files.UndoImport(context.Background(), batch)
		if err != nil {
			showErrorAsync(u.w, err)
			return
		}
		doUI(func() {
			dialog.ShowInformation("Import undone", msg, u.w)
			u.changed()
		})
	})
}

// changed tells the screen the legislature changed; UI goroutine only.
func (u *legislatorsUpdate) changed() {
	if u.imports.onDone != nil {
		u.imports.onDone()
	}
}
