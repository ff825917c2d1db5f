package ui

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/stream"
)

// exportStore is what the Print & export screen reads to fill its menus.
type exportStore interface {
	Campaigns(ctx context.Context) ([]db.CampaignSummary, error)
	Campaign(ctx context.Context, id int64) (db.Campaign, error)
	Tags(ctx context.Context) ([]string, error)
	CountVolunteers(ctx context.Context, f db.VolunteerFilter) (int, error)
	presetStore
}

var (
	leafletLayouts = []struct{ value, label string }{{"sheet", "Sheet"},
		{"trifold", "Tri-fold"}, {"halfpage", "Half-page (two a sheet)"}}
	papers    = []struct{ value, label string }{{"letter", "Letter"}, {"a4", "A4"}}
	csvKinds  = []struct{ value, label string }{{"volunteers", "Volunteers"}, {"calls", "Call reports"}, {"legislators", "Legislators"}}
	allPeople = "All volunteers"
	// phonebankTag is the tag of the volunteers call sheets are for unless chosen otherwise.
	phonebankTag = "phonebank"
	// confirmSheets is how many call sheets (a page or more each) are printed without
	// asking first: a run over the whole roster made 20,377 pages without a word.
	confirmSheets = 200
)

// exportScreen is where leaflets, call sheets, the coalition workbook, CSV exports
// and imports are started. Each runs the same code as its command-line verb, off the
// UI goroutine, and ends with a notice that opens the file.
type exportScreen struct {
	choice  *campaignPicker // the campaign menu; nil: the newest campaign
	w       fyne.Window
	store   exportStore
	files   DataFiles
	content fyne.CanvasObject
	imports *importFlow

	campaignID               int64
	lang, layout, paper      *widget.Select
	preview                  *canvas.Image
	previewDir               string // the folder of the preview shown, removed when replaced
	previewNote              *widget.Label
	callers, per, sheetPaper *widget.Select
	callersDefaulted         bool           // the phone bank was chosen for call sheets once
	sheetLang                *widget.Select // the call sheets' language, offered like the leaflet's
	from, to                 *widget.Entry
	coalitionSafe            *widget.Check
	csvKind                  *widget.Select
	langCodes                []string
	buttons                  []*widget.Button    // disabled while work runs
	progress                 *widget.ProgressBar // the running work's, once it reports (tests read it)
	// coordinator: the coalition coordinator's screen, the workbook only (always
	// coalition-safe): no leaflet or call sheet (a chapter's contact block, its
	// volunteers), no volunteer CSV, no volunteer import.
	coordinator bool
}

func newExportScreen(w fyne.Window, s exportStore, files DataFiles, onImported func()) *exportScreen {
	return newExportScreenAs(w, s, files, onImported, false)
}

func newExportScreenAs(w fyne.Window, s exportStore, files DataFiles, onImported func(), coordinator bool) *exportScreen {
	e := &exportScreen{w: w, store: s, files: files, imports: &importFlow{w: w, files: files, onDone: onImported}, coordinator: coordinator}
	e.buildUI()
	return e
}

func labelsOf(opts []struct{ value, label string }) []string {
	var out []string
	for _, o := range opts {
		out = append(out, o.label)
	}
	return out
}

func valueOf(opts []struct{ value, label string }, label string) string {
	for _, o := range opts {
		if o.label == label {
			return o.value
		}
	}
	return opts[0].value
}

func (e *exportScreen) button(label string, action func()) *widget.Button {
	b := widget.NewButton(label, action)
	if e.files == nil {
		b.Disable()
	}
	e.buttons = append(e.buttons, b)
	return b
}

func (e *exportScreen) buildUI() {
	e.lang = widget.NewSelect(nil, nil)
	e.layout = widget.NewSelect(labelsOf(leafletLayouts), nil)
	e.layout.SetSelectedIndex(0)
	e.paper = widget.NewSelect(labelsOf(papers), nil)
	e.paper.SetSelectedIndex(0)
	e.preview = canvas.NewImageFromResource(nil)
	e.preview.FillMode = canvas.ImageFillContain
	e.preview.SetMinSize(fyne.NewSize(260, 330))
	e.previewNote = lowLabel("Preview shows the first page.")
	leaflet := widget.NewCard("", "FAQ leaflet (PDF)", container.NewBorder(nil, nil, nil,
		container.NewVBox(e.preview),
		container.NewVBox(
			container.New(layout.NewFormLayout(), widget.NewLabel("Language"), e.lang,
				widget.NewLabel("Layout"), e.layout, widget.NewLabel("Paper"), e.paper),
			container.NewHBox(e.button("Preview", e.onPreviewLeaflet), e.button("Save leaflet…", e.onSaveLeaflet)),
			e.previewNote)))

	e.callers = widget.NewSelect([]string{allPeople}, nil)
	e.callers.SetSelectedIndex(0)
	e.per = widget.NewSelect([]string{"A sheet per volunteer", "A blank sheet per district"}, nil)
	e.per.SetSelectedIndex(0)
	e.sheetPaper = widget.NewSelect(labelsOf(papers), nil)
	e.sheetPaper.SetSelectedIndex(0)
	e.sheetLang = widget.NewSelect(nil, nil)
	sheets := widget.NewCard("", "Call sheets (PDF)", container.NewVBox(
		lowLabel("Each caller's own senator and representative with their phones, the script filled in, and tick boxes in the order of the call report form."),
		container.New(layout.NewFormLayout(), widget.NewLabel("Who"), e.callers, widget.NewLabel("Pages"), e.per,
			widget.NewLabel("Language"), e.sheetLang, widget.NewLabel("Paper"), e.sheetPaper),
		container.NewHBox(e.button("Save call sheets…", e.onSaveCallSheets))))

	e.from, e.to = widget.NewEntry(), widget.NewEntry()
	now := time.Now()
	e.from.SetText(now.AddDate(0, 0, -30).Format(dateLayout))
	e.to.SetText(now.Format(dateLayout))
	e.coalitionSafe = widget.NewCheck("Coalition-safe", nil)
	e.coalitionSafe.SetChecked(true)
	workbook := widget.NewCard("", "Coalition workbook (Excel)", container.NewVBox(
		container.New(layout.NewFormLayout(), widget.NewLabel("From"), e.from, widget.NewLabel("To"), e.to),
		e.coalitionSafe,
		lowLabel("Coalition-safe leaves out every email, phone, address and note; volunteers appear as first name and last initial. Safe to share at a coalition meeting."), container.NewHBox(e.button("Save workbook…", e.onSaveWorkbook))))

	e.csvKind = widget.NewSelect(labelsOf(csvKinds), nil)
	e.csvKind.SetSelectedIndex(0)
	csv := widget.NewCard("", "CSV export", container.NewVBox(
		lowLabel("Cells a spreadsheet would run as formulas are made harmless."),
		container.NewBorder(nil, nil, nil, e.button("Save CSV…", e.onSaveCSV), e.csvKind)))

	imports := container.NewVBox(lowLabel("Each file is read first: you check its columns and see how many records would be created, updated or skipped, and every problem with its line, before anything is written. An import can be undone."))
	for _, k := range importKinds {
		b := e.button(k.label, func() { e.imports.start(k.kind) })
		imports.Add(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(160, b.MinSize().Height), b), nil, lowLabel(k.hint)))
	}
	presets := widget.NewButton("Saved column mappings…", func() { showPresetsAsync(e.w, e.store) })
	imports.Add(container.NewHBox(presets))
	merge := widget.NewCard("", "Merge chapters", container.NewVBox(
		lowLabel("Bring another chapter's data file in, under its own chapter; the workbook then has a By chapter sheet. Merging the same file again adds nothing."),
		container.NewHBox(e.button("Merge a chapter's file…", e.onMerge))))
	left := container.NewVBox(leaflet, sheets, merge)
	right := container.NewVBox(workbook, csv, widget.NewCard("", "Import", imports))
	if e.coordinator {
		e.coalitionSafe.SetChecked(true)
		e.coalitionSafe.Disable()
		left = container.NewVBox(workbook)
		right = container.NewVBox(widget.NewCard("", "What the coordinator exports", lowLabel(
			"The coalition workbook holds every chapter's calls and the whip count, with a By chapter sheet. "+
				"It is always coalition-safe: volunteers' emails, phones, addresses and notes are not yours to see, "+
				"and callers appear as first name and last initial. Leaflets, call sheets and volunteer lists are each chapter's.")))
	}
	e.content = container.NewVScroll(container.NewPadded(container.NewGridWithColumns(2, left, right)))
}

// refreshAsync fills the language and volunteer menus from the newest campaign and
// the roster's tags.
func (e *exportScreen) refreshAsync() <-chan struct{} {
	done := make(chan struct{})
	background(func() {
		defer close(done)
		ctx := context.Background()
		var c db.Campaign
		camps, err := e.store.Campaigns(ctx)
		if err == nil && len(camps) > 0 {
			pick, _ := e.choice.pick(camps)
			c, err = e.store.Campaign(ctx, pick.ID)
		}
		var tags []string
		if err == nil && !e.coordinator { // the coordinator reads no volunteer's tags
			tags, err = e.store.Tags(ctx)
		}
		if err != nil {
			showErrorAsync(e.w, err)
			return
		}
		doUIAndWait(func() {
			e.campaignID = c.ID
			e.langCodes = c.Languages()
			var names []string
			for _, l := range e.langCodes {
				names = append(names, languageName(l))
			}
			for _, sel := range []*widget.Select{e.lang, e.sheetLang} {
				sel.SetOptions(names)
				if len(names) > 0 && sel.SelectedIndex() < 0 {
					sel.SetSelectedIndex(0)
				}
			}
			who := []string{allPeople}
			for _, t := range tags {
				who = append(who, "Tagged "+t)
			}
			e.callers.SetOptions(who)
			// Call sheets are for the phone bank: its volunteers are chosen the first
			// time the tag is there, not the whole roster.
			if !e.callersDefaulted && slices.Contains(tags, phonebankTag) {
				e.callersDefaulted = true
				if e.callers.Selected == allPeople {
					e.callers.SetSelected("Tagged " + phonebankTag)
				}
			}
		})
	})
	return done
}

// leafletArgs is the leaflet verb for the chosen language, layout and paper, writing
// out. It reads the widgets: call it on the UI goroutine.
func (e *exportScreen) leafletArgs(out string) []string {
	args := []string{"leaflet", out, "--layout", valueOf(leafletLayouts, e.layout.Selected), "--paper", valueOf(papers, e.paper.Selected)}
	if i := e.lang.SelectedIndex(); i >= 0 && i < len(e.langCodes) {
		args = append(args, "--lang", e.langCodes[i])
	}
	if e.campaignID != 0 {
		args = append(args, "--campaign", fmt.Sprint(e.campaignID))
	}
	return args
}

// onPreviewLeaflet prints the leaflet into a fresh temporary folder and shows its
// first page; the previous preview's folder is removed once the new one shows.
func (e *exportScreen) onPreviewLeaflet() {
	const name = "leaflet.pdf"
	args := e.leafletArgs(name) // the path is set once the folder exists
	e.runAsync("Printing the leaflet", func(ctx context.Context) (string, error) {
		dir, err := newPreviewDir()
		if err != nil {
			return "", err
		}
		pdf := filepath.Join(dir, name)
		args[1] = pdf
		said, err := e.files.RunVerb(ctx, args...)
		if err != nil {
			removePreviewDir(dir)
			return said, err
		}
		png, perr := firstPagePNG(ctx, pdf)
		var old string
		doUIAndWait(func() {
			if perr != nil {
				e.preview.File = ""
				e.previewNote.SetText("No preview here (" + perr.Error() + "); the PDF is " + pdf)
			} else {
				e.preview.File = png
				e.previewNote.SetText(said)
			}
			e.preview.Refresh()
			old, e.previewDir = e.previewDir, dir
		})
		removePreviewDir(old)
		return said, nil
	}, "")
}

// firstPagePNG renders page 1 of a PDF with poppler's pdftoppm, when it is installed.
func firstPagePNG(ctx context.Context, pdf string) (string, error) {
	tool, err := exec.LookPath("pdftoppm")
	if err != nil {
		return "", fmt.Errorf("pdftoppm is not installed")
	}
	prefix := strings.TrimSuffix(pdf, ".pdf")
	if out, err := exec.CommandContext(ctx, tool, "-png", "-r", "40", "-f", "1", "-l", "1", "-singlefile", pdf, prefix).CombinedOutput(); err != nil {
		return "", fmt.Errorf("pdftoppm: %s", strings.TrimSpace(string(out)))
	}
	return prefix + ".png", nil
}

func (e *exportScreen) onSaveLeaflet() {
	e.saveAs(leafletFileName(e.leafletArgs("")), ".pdf", "Printing the leaflet", func(path string) []string { return e.leafletArgs(path) })
}

// onSaveCallSheets says how many sheets will be printed, when that is many, before
// asking where to save them.
func (e *exportScreen) onSaveCallSheets() { e.saveCallSheetsAsync() }

// saveCallSheetsAsync counts the call sheets the choice makes (a sheet is a page or
// more) and, over confirmSheets, asks first; the channel closes once the question,
// or the save dialog, shows.
func (e *exportScreen) saveCallSheetsAsync() <-chan struct{} {
	done := make(chan struct{})
	f := db.VolunteerFilter{Contactable: true} // as the callsheets verb prints them
	f.Tag, _ = strings.CutPrefix(e.callers.Selected, "Tagged ")
	if e.callers.Selected == allPeople {
		f.Tag = ""
	}
	perVolunteer := e.per.SelectedIndex() != 1 // a sheet per pair of districts makes few
	who := e.callers.Selected
	background(func() {
		defer close(done)
		n := 0
		if perVolunteer {
			var err error
			if n, err = e.store.CountVolunteers(context.Background(), f); err != nil {
				showErrorAsync(e.w, err)
				return
			}
		}
		doUIAndWait(func() {
			save := func() {
				e.saveAs(callSheetsFileName(e.callSheetArgs(""), time.Now()), ".pdf", "Printing call sheets", e.callSheetArgs)
			}
			if n <= confirmSheets {
				save()
				return
			}
			msg := numbers.Sprintf("%s: %d call sheets, one per volunteer who may be called, in one PDF of at least %d pages "+
				"to save, then print. Make them all?", who, n, n)
			if who == allPeople {
				msg += "\n\nA phone bank usually needs only its own callers: choose Tagged " + phonebankTag + " in Who."
			}
			d := dialog.NewConfirm(numbers.Sprintf("%d call sheets?", n), msg, func(ok bool) {
				if ok {
					save()
				}
			}, e.w)
			d.SetConfirmText(numbers.Sprintf("Make %d call sheets", n))
			d.SetDismissText("Cancel")
			d.Show()
		})
	})
	return done
}

// callSheetArgs is the callsheets verb for the chosen callers, pages, language and
// paper, writing out. It reads the widgets: call it on the UI goroutine.
func (e *exportScreen) callSheetArgs(out string) []string {
	args := []string{"callsheets", out, "--paper", valueOf(papers, e.sheetPaper.Selected)}
	if i := e.sheetLang.SelectedIndex(); i >= 0 && i < len(e.langCodes) {
		args = append(args, "--lang", e.langCodes[i])
	}
	if t, ok := strings.CutPrefix(e.callers.Selected, "Tagged "); ok {
		args = append(args, "--volunteers", "tag:"+t)
	}
	if e.per.SelectedIndex() == 1 {
		args = append(args, "--per", "district")
	}
	args = append(args, "--yes") // the count was said and confirmed before the save dialog
	if e.campaignID != 0 {
		args = append(args, "--campaign", fmt.Sprint(e.campaignID))
	}
	return args
}

func (e *exportScreen) onSaveWorkbook() {
	for _, d := range []*widget.Entry{e.from, e.to} {
		if _, err := time.Parse(dateLayout, strings.TrimSpace(d.Text)); err != nil {
			dialog.ShowInformation("Please check", fmt.Sprintf("%q is not a date like %s.", d.Text, time.Now().Format(dateLayout)), e.w)
			return
		}
	}
	e.saveAs(workbookFileName(strings.TrimSpace(e.from.Text), strings.TrimSpace(e.to.Text)), ".xlsx", "Writing the workbook", e.workbookArgs)
}

// workbookArgs is the report verb for the workbook the screen is set up for.
func (e *exportScreen) workbookArgs(path string) []string {
	args := []string{"report", path, "--from", strings.TrimSpace(e.from.Text), "--to", strings.TrimSpace(e.to.Text)}
	if e.coalitionSafe.Checked {
		args = append(args, "--coalition-safe")
	}
	if e.campaignID != 0 {
		args = append(args, "--campaign", fmt.Sprint(e.campaignID))
	}
	return args
}

func (e *exportScreen) onSaveCSV() {
	kind := valueOf(csvKinds, e.csvKind.Selected)
	e.saveAs(kind+"-"+time.Now().Format(dateLayout)+".csv", ".csv", "Exporting "+strings.ToLower(e.csvKind.Selected), func(path string) []string {
		return []string{"export", kind, path}
	})
}

func (e *exportScreen) onMerge() {
	pickFileAsync(e.w, []string{".db"}, func(path string) {
		e.runAsync("Merging "+filepath.Base(path), func(ctx context.Context) (string, error) {
			said, err := e.files.Merge(ctx, path)
			if err == nil {
				doUI(func() { dialog.ShowInformation("Merged", said, e.w) })
			}
			return said, err
		}, "")
	})
}

// saveAs asks where to save, then runs the verb args(path) with a progress dialog
// and a notice that opens the file.
func (e *exportScreen) saveAs(name, ext, doing string, args func(path string) []string) {
	pickSaveFileAsync(e.w, name, ext, func(path string) {
		verb := args(path) // reads the widgets, so here on the UI goroutine
		e.runAsync(doing, func(ctx context.Context) (string, error) { return e.files.RunVerb(ctx, verb...) }, path)
	})
}

// runAsync runs work off the UI goroutine behind a progress dialog with Cancel, then
// shows what it said; with a path, the notice offers to open the file.
func (e *exportScreen) runAsync(doing string, work func(context.Context) (string, error), path string) <-chan struct{} {
	done := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	elapsed := widget.NewLabel("")
	// An endless bar until the work says how far it has come (a workbook, an export).
	waiting, bar := widget.NewProgressBarInfinite(), widget.NewProgressBar()
	bar.Hide()
	ctx = stream.WithProgress(ctx, func(n, total int64) {
		doUI(func() {
			if !bar.Visible() {
				waiting.Stop()
				waiting.Hide()
				bar.Show()
			}
			bar.SetValue(float64(n) / float64(max(total, 1)))
		})
	})
	e.progress = bar
	busy := dialog.NewCustom(doing, "Cancel", container.NewVBox(waiting, bar, elapsed), e.w)
	finished := false // Cancel pressed while working stops the work; closing after does not
	busy.SetOnClosed(func() {
		if !finished {
			cancel()
		}
	})
	busy.Resize(fyne.NewSize(420, 0)) // room for the bar; the height is the content's
	busy.Show()
	start := time.Now()
	stopTicker := make(chan struct{})
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-stopTicker:
				return
			case <-t.C:
				doUI(func() { elapsed.SetText(fmt.Sprintf("%d s so far", int(time.Since(start).Seconds()))) })
			}
		}
	}()
	background(func() {
		defer close(done)
		said, err := work(ctx)
		close(stopTicker)
		doUIAndWait(func() {
			stopped := ctx.Err() != nil
			finished = true
			waiting.Stop() // hidden with its dialog, it would go on animating (see stopEndlessBars)
			busy.Hide()
			cancel()
			switch {
			case stopped && err != nil:
				dialog.ShowInformation("Stopped", "Stopped; no file was written.", e.w)
			case err != nil:
				dialog.ShowInformation("Could not finish", err.Error(), e.w)
			case path != "":
				e.showDone(path, said)
			}
		})
	})
	return done
}

// showDone says where the file went, with its warnings, and offers to open it.
func (e *exportScreen) showDone(path, said string) {
	msg := wrapped(said)
	open := widget.NewButton("Open file", func() { openSavedFile(e.w, path) })
	d := dialog.NewCustom("Saved "+filepath.Base(path), "Close", container.NewVBox(msg, container.NewHBox(open)), e.w)
	d.Resize(fyne.NewSize(560, 240))
	d.Show()
}

// openURL opens a link or a file with the system's program for it (tests replace it).
var openURL = func(u *url.URL) error { return fyne.CurrentApp().OpenURL(u) }

// openSavedFile opens a file just saved with the system's program for it. Where
// none opens it (no PDF reader, no xdg-open), the file is still saved: it says
// where it is and offers to copy the path, rather than an error saying nothing
// was saved.
func openSavedFile(w fyne.Window, path string) {
	u, err := url.Parse("file://" + filepath.ToSlash(path))
	if err == nil {
		err = openURL(u)
	}
	if err == nil {
		return
	}
	slog.Info("open saved file", "path", path, "err", err)
	where := widget.NewEntry()
	where.SetText(path)
	where.OnChanged = func(string) { where.SetText(path) } // selectable, not editable
	var copyPath *widget.Button
	copyPath = widget.NewButton("Copy the path", func() {
		fyne.CurrentApp().Clipboard().SetContent(path)
		copyPath.SetText("Copied")
	})
	d := dialog.NewCustom("The file is saved", "Close", container.NewVBox(
		wrapped("The file is saved here, but this computer has no program set to open it. "+
			"Open it from your file manager, or copy the path:"),
		where, container.NewHBox(copyPath)), w)
	d.Resize(fyne.NewSize(560, 220))
	d.Show()
}

// leafletFileName names a leaflet by what it is, from the leaflet verb's arguments:
// "leaflet-es-trifold-letter.pdf".
func leafletFileName(args []string) string {
	name := "leaflet"
	for _, flag := range []string{"--lang", "--layout", "--paper"} {
		if v := flagValue(args, flag); v != "" {
			name += "-" + v
		}
	}
	return name + ".pdf"
}

// callSheetsFileName names call sheets by the day they are printed (and their
// language, when it is not English): "call-sheets-2026-12-04.pdf".
func callSheetsFileName(args []string, now time.Time) string {
	name := "call-sheets-" + now.Format(dateLayout)
	if lang := flagValue(args, "--lang"); lang != "" && lang != "en" {
		name += "-" + lang
	}
	return name + ".pdf"
}

// workbookFileName names a workbook by its period: "coalition-2026-11.xlsx" for a
// month or part of one, "coalition-2026-10-20-to-2026-11-20.xlsx" across months.
func workbookFileName(from, to string) string {
	if len(from) >= 7 && len(to) >= 7 && from[:7] == to[:7] {
		return "coalition-" + from[:7] + ".xlsx"
	}
	return "coalition-" + from + "-to-" + to + ".xlsx"
}

// flagValue is the value after flag in a verb's arguments ("" when absent).
func flagValue(args []string, flag string) string {
	for i := 0; i+1 < len(args); i++ {
		if args[i] == flag {
			return args[i+1]
		}
	}
	return ""
}
