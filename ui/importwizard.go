package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// ImportFile is a file to import as DataFiles.InspectImport found it: what it is,
// how its columns map to ChapterDesk's fields, and its first rows.
type ImportFile struct {
	Kind string // "volunteers", "legislators" or "calls"
	Path string
	Size int64 // bytes, for the progress bar
	// FormatID is the export the file is ("nationbuilder", "openstates", ...), or
	// "custom" for a CSV read with a column mapping of the lead's; Format names it
	// for a person ("NationBuilder people export").
	FormatID, Format string
	Encoding         string // "UTF-8", "UTF-8 with BOM", "UTF-16LE", "Windows-1252"
	Header           []string
	Samples          [][]string // the cells of the first rows
	// Encodings shows how the first accented values read in each encoding the file
	// could be in, Encoding's reading first; the lead may choose another.
	Encodings []EncodingSample
	// EncodingUndecided, when set, is why the file's encoding could not be told from
	// its bytes (Mac Roman or Windows-1252): the lead chooses one of Encodings before
	// going on.
	EncodingUndecided string
	// Fields are the ChapterDesk fields rows of the kind can fill ("first_name",
	// "email", ...), in the order a form shows them; Needs says which must be mapped.
	Fields []string
	Needs  []ImportNeed
	// Columns maps each field the file fills to the header name of its column.
	Columns map[string]string
	// Preset names the saved column mapping the file was recognised by.
	Preset string
	// NotRead are the columns of a plain spreadsheet no field is read from as the
	// file was read (some fill a field only when another column is empty, so the
	// mapping above does not show them).
	NotRead []string
	// Unmapped says why the lead must choose columns before going on (the header is
	// not recognised, or it lacks a column the rows need); "" when it can be imported.
	Unmapped string
	// State is, for legislators, the state an import takes them to sit for unless the
	// lead says otherwise: from a file name like ma.csv, else the chapter's.
	State string
	// Campaigns are, for call reports, the campaigns the calls can be about, newest
	// first; the wizard preselects the one the app's campaign menu has chosen.
	Campaigns []db.CampaignSummary
	// DayFirst is, for call reports, whether the file's first times can only be read
	// day first (13/11/2026, none only month first): the wizard ticks DayFirstChoice.
	// DayFirstHeader is the time column's name when it is a form's timestamp in
	// Spanish, Portuguese or French, whose sheets often write the day first ("Marca
	// temporal", "Horodateur"): the wizard says so beside the choice, which it leaves
	// to the lead.
	DayFirst       bool
	DayFirstHeader string
}

// DayFirstChoice is the call import's choice to read the file's dates day first, as
// the wizard shows it and the import's messages name it.
const DayFirstChoice = "Dates are day first (31/12/2026)"

// EncodingSample is how the start of a file reads in one encoding.
type EncodingSample struct {
	Encoding string   // "UTF-8", "Windows-1252", "UTF-16LE", "UTF-16BE"
	Values   []string // the first few values beyond ASCII, as read in it ("�" for bytes that do not read)
	Names    bool     // the values are names, not any cells
}

// ImportNeed is something rows cannot do without: a column for every field of at
// least one of Alternatives (a volunteer: first_name and last_name, or full_name).
type ImportNeed struct {
	Alternatives [][]string
}

// ImportRequest is an import as the lead set it up in the wizard.
type ImportRequest struct {
	Kind, Path string
	// Bundled imports the legislators of State that came with ChapterDesk (the
	// Open States people data in assets) instead of the file at Path.
	Bundled bool
	// FormatID is the file's format as inspected. Columns, when not nil, is the
	// lead's mapping (field -> header name, "" for a field the file lacks): a known
	// export keeps its format with those columns, any other CSV is read with them.
	FormatID string
	Columns  map[string]string
	// Encoding reads the file in this encoding ("UTF-8", "Windows-1252", ...) instead
	// of the one detected; "" keeps the detected one.
	Encoding string
	// SaveMappingAs saves Columns under this name once the import is done, so the
	// next file with this header is recognised by it.
	SaveMappingAs string
	// RejectsPath, when set, imports the good rows and writes the others, as they
	// were and with why, to this CSV; "" refuses a file with bad rows.
	RejectsPath string
	DryRun      bool // work out what would change and write nothing
	// For legislators: the state they sit for ("" as inspected), and whether the
	// state's legislators the file no longer lists go out of office (the file is the
	// whole legislature as it is now).
	State         string
	RetireMissing bool
	// For call reports: the campaign they were about (0: the only active one; the
	// import refuses when several are), and whether
	// the whip count moves to what callers heard, newest report first.
	CampaignID    int64
	UpdateStances bool
	// DayFirst reads every d/m/y time of a call form day first (02/11/2026 is
	// 2 November), as --day-first does; the wizard offers it as DayFirstChoice.
	DayFirst bool
	// AddSimilar adds the rows that may be a report already imported, edited, or
	// another call (ImportResult.Similar) as calls of their own (--add-similar).
	AddSimilar bool
	// TakeFileValues: for volunteers, where the file and the roster differ (the
	// preview's Differ), the file's values are saved (the verb's --take-file-values).
	TakeFileValues bool
}

// ImportResult is what an import did, or in a dry run would do.
type ImportResult struct {
	// Summary counts what is created, updated and unchanged, lists the first few
	// hundred changes, and has the batch number to undo (0 in a dry run).
	Summary db.ImportSummary
	// Skipped counts the rows left out; BadRows those among them that stop a real
	// import unless the good rows are imported alone (ImportRequest.RejectsPath).
	Skipped, BadRows int
	// NotCalls counts the call report form's answers that say no call was made
	// ("Emailed instead"): left out (in Skipped), but no problem.
	NotCalls int
	// NotCallsSaid quotes those answers as the file wrote them, with their lines
	// (`line 4: "Sent an email"`).
	NotCallsSaid string
	// ZoneNote, for call reports, says in which zone the times were read when no
	// state is known (db.Zone.Unknown); "" when the legislature's zone is.
	ZoneNote string
	// Similar counts the call reports left out (among Problems) that may be a
	// report already imported, edited, or another call: ImportRequest.AddSimilar
	// adds them.
	Similar  int
	Problems []ImportProblem // every other row left out, with where and why
	Report   string          // what `chapterdesk import` prints for it
}

// ImportProblem is a row left out of an import.
type ImportProblem struct {
	Line, Column int // Column is 0 when the whole row is meant
	ColumnName   string
	Reason       string
}

// importKinds are what can be imported, as the buttons name them.
var importKinds = []struct{ kind, label, hint string }{
	{"legislators", "Legislators…", "Your state's Open States CSV (people/ma.csv)"},
	{"volunteers", "Volunteers…", "A NationBuilder, Action Network, NGP VAN or CiviCRM export, or any CSV with names"},
	{"calls", "Call reports…", "The CSV of your online call report form"},
}

// importFlow starts the import wizard from a screen's buttons: it asks for the file,
// then walks the lead through it (see importWizard).
type importFlow struct {
	w      fyne.Window
	files  DataFiles
	onDone func() // after an import or its undo, on the UI goroutine
	// choice is the app's campaign menu: call reports are filed under the campaign
	// it has chosen unless the lead picks another in the wizard (nil: the newest).
	choice *campaignPicker
}

// start asks for the file to import as kind.
func (f *importFlow) start(kind string) {
	if f.files == nil {
		return
	}
	pickFileAsync(f.w, []string{".csv", ".txt", ".tsv"}, func(path string) { f.open(kind, path) })
}

// open shows the wizard on a file already chosen and starts reading it.
func (f *importFlow) open(kind, path string) *importWizard {
	z := newImportWizard(f.w, f.files, kind, path, f.onDone)
	z.choice = f.choice
	z.inspectAsync()
	return z
}

// The wizard's steps, as its header names them.
const (
	stepFile = iota
	stepPreview
	stepImport
	stepDone
)

var stepNames = []string{"The file", "Preview", "Import", "Done"}

// importWizard takes one file through the import: the file step shows its format
// and the column mapping (importmapping.go), the preview is a dry run with every
// problem (importpreview.go), then the import with a progress bar and Cancel, and
// the result with its Undo. Each step's work runs off the UI goroutine; the widgets
// it reads are read before.
type importWizard struct {
	w          fyne.Window
	files      DataFiles
	kind, path string
	onDone     func()
	choice     *campaignPicker // see importFlow

	dlg   *dialog.CustomDialog
	steps []*widget.Label // the header, the current step in bold
	body  *fyne.Container // the current step's content

	file    ImportFile // as inspected
	mapping *mappingForm
	preview *previewStep

	// The work under way, with its progress bar (see runAsync).
	cancel   context.CancelFunc
	bar      *widget.ProgressBar
	barNote  *widget.Label
	stopping *widget.Button

	result   ImportResult
	undo     *widget.Button
	undone   *widget.Label
	heading  *widget.Label       // the done step's first line (showResult)
	standing []fyne.CanvasObject // the done step's lines an undo makes untrue
	imported bool                // a real import finished: the rejects file is the lead's now
}

func newImportWizard(w fyne.Window, files DataFiles, kind, path string, onDone func()) *importWizard {
	z := &importWizard{w: w, files: files, kind: kind, path: path, onDone: onDone}
	header := container.NewHBox()
	for i, name := range stepNames {
		if i > 0 {
			header.Add(lowLabel("›"))
		}
		l := widget.NewLabel(fmt.Sprintf("%d. %s", i+1, name))
		z.steps = append(z.steps, l)
		header.Add(l)
	}
	z.body = container.NewStack()
	z.dlg = dialog.NewCustomWithoutButtons("Import "+kindNoun(kind)+" from "+filepath.Base(path),
		container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil, z.body), w)
	z.dlg.Resize(wizardSize(w))
	z.dlg.Show()
	return z
}

// wizardSize is the wizard's size: roomy, but inside the window (a 1280×800 laptop
// screen at most).
func wizardSize(w fyne.Window) fyne.Size {
	c := w.Canvas().Size()
	return fyne.NewSize(min(900, max(c.Width-40, 480)), min(660, max(c.Height-40, 420)))
}

// kindNoun names what a kind of file holds, for titles.
func kindNoun(kind string) string {
	if kind == "calls" {
		return "call reports"
	}
	return kind
}

// show makes step the current one, with its content and buttons.
func (z *importWizard) show(step int, content fyne.CanvasObject, buttons ...fyne.CanvasObject) {
	for i, l := range z.steps {
		l.TextStyle.Bold = i == step
		l.Importance = widget.LowImportance
		if i == step {
			l.Importance = widget.MediumImportance
		}
		l.Refresh()
	}
	stopEndlessBars(z.body.Objects...)
	z.body.Objects = []fyne.CanvasObject{content}
	z.body.Refresh()
	z.dlg.SetButtons(buttons)
}

// close closes the wizard; a rejects file chosen for an import that did not happen
// is removed while still empty (the save dialog made it).
func (z *importWizard) close() {
	z.dlg.Hide()
	if z.preview != nil && z.preview.rejects != "" && !z.imported {
		path := z.preview.rejects
		background(func() { removeIfEmpty(path) })
	}
}

func removeIfEmpty(path string) {
	if st, err := os.Stat(path); err == nil && st.Size() == 0 {
		os.Remove(path)
	}
}

func (z *importWizard) closeButton(label string) *widget.Button {
	return widget.NewButton(label, z.close)
}

// inspectAsync reads the file's header and first rows, then shows the file step.
func (z *importWizard) inspectAsync() <-chan struct{} {
	done := make(chan struct{})
	z.show(stepFile, z.waiting("Reading "+filepath.Base(z.path)+"…"), z.closeButton("Cancel"))
	background(func() {
		defer close(done)
		f, err := z.files.InspectImport(context.Background(), z.kind, z.path)
		doUIAndWait(func() {
			if err != nil {
				z.showFailure(stepFile, "ChapterDesk cannot import this file", err, nil)
				return
			}
			z.file = f
			z.mapping = newMappingForm(f)
			z.mapping.options.chooseCampaign(z.choice.chosen())
			z.showFileStep()
		})
	})
	return done
}

// waiting is a step's content while its first work runs.
func (z *importWizard) waiting(text string) fyne.CanvasObject {
	return container.NewVBox(widget.NewLabel(text), widget.NewProgressBarInfinite())
}

// showFailure says why a step could not be done; the lead may go back (when back is
// not nil) or close the wizard.
func (z *importWizard) showFailure(step int, title string, err error, back func()) {
	buttons := append(z.undoEarlierButtons(err), z.closeButton("Close"))
	if back != nil {
		buttons = append([]fyne.CanvasObject{widget.NewButton("Back", back)}, buttons...)
	}
	z.show(step, container.NewVBox(boldLabel(title), wrapped(importErrorText(err))), buttons...)
}

// UndoImportLabel is the label of the button that takes back import batch, as the
// import's refusals name it.
func UndoImportLabel(batch int64) string { return fmt.Sprintf("Undo import %d", batch) }

// undoEarlierButtons are, for a call form some of whose calls earlier imports filed
// read the other way (db.ReadOtherWayError, whose refusal names these buttons), a
// button taking back each of those imports, newest first.
func (z *importWizard) undoEarlierButtons(err error) []fyne.CanvasObject {
	var e *db.ReadOtherWayError
	if !errors.As(err, &e) {
		return nil
	}
	var out []fyne.CanvasObject
	for i := len(e.Imports) - 1; i >= 0; i-- {
		imp := e.Imports[i]
		var b *widget.Button
		b = widget.NewButtonWithIcon(UndoImportLabel(imp.ID), theme.ContentUndoIcon(), func() {
			z.confirmUndo(b, imp.ID, sentence(imp.Name()+" is taken back: "+undoes(true)),
				func(batch int64, said string) {
					b.SetText(fmt.Sprintf("Import %d undone", batch))
					dialog.ShowInformation(fmt.Sprintf("Import %d undone", batch),
						sentence(said)+"\n\nGo Back to say how the file writes its dates, then Preview it again.", z.w)
				})
		})
		out = append(out, b)
	}
	return out
}

// confirmUndo asks the lead whether to take import batch back, saying what that does
// (text), and on yes takes it back with undoAsync.
func (z *importWizard) confirmUndo(b *widget.Button, batch int64, text string, undone func(batch int64, said string)) {
	dialog.ShowConfirm(fmt.Sprintf("Undo import %d?", batch), text, func(ok bool) {
		if ok {
			z.undoAsync(b, batch, undone)
		}
	}, z.w)
}

// undoAsync takes import batch back off the UI goroutine, b (the button that asked)
// disabled meanwhile. Once taken back, undone shows it with what the store said, on
// the UI goroutine; if it cannot be, the lead is told why and b is enabled again.
func (z *importWizard) undoAsync(b *widget.Button, batch int64, undone func(batch int64, said string)) <-chan struct{} {
	done := make(chan struct{})
	b.Disable()
	background(func() {
		defer close(done)
		said, err := z.files.UndoImport(context.Background(), batch)
		doUIAndWait(func() {
			if err != nil {
				b.Enable()
				dialog.ShowInformation("Cannot undo", importErrorText(err), z.w)
				return
			}
			undone(batch, said)
			if z.onDone != nil {
				z.onDone()
			}
		})
	})
	return done
}

// importErrorText is an import error as a person reads it: the reader's and the
// import's own messages are written for the lead (the line, the column, what to do);
// validation and store conditions get errorMessage's words.
func importErrorText(err error) string {
	var ve *db.ValidationError
	if errors.As(err, &ve) || errors.Is(err, db.ErrInUse) || errors.Is(err, db.ErrReadOnly) {
		_, msg := errorMessage(err)
		return msg
	}
	return strings.Join(strings.Fields(err.Error()), " ")
}

func boldLabel(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

// showFileStep shows the file's format and its column mapping.
func (z *importWizard) showFileStep() {
	next := widget.NewButton("Preview", z.onPreview)
	next.Importance = widget.HighImportance
	z.mapping.next = next
	z.show(stepFile, z.mapping.content, z.closeButton("Cancel"), next)
	z.mapping.check()
}

// request is the import as the lead set it up; it reads the widgets, so call it on
// the UI goroutine.
func (z *importWizard) request(dryRun bool) ImportRequest {
	req := ImportRequest{Kind: z.kind, Path: z.path, FormatID: z.file.FormatID, DryRun: dryRun}
	req.Columns, req.SaveMappingAs = z.mapping.chosen()
	req.Encoding = z.mapping.chosenEncoding()
	z.mapping.options.apply(&req)
	if z.preview != nil && !dryRun {
		req.RejectsPath = z.preview.rejectsPath()
		req.TakeFileValues = z.preview.takeFile != nil && z.preview.takeFile.Checked
		req.AddSimilar = z.preview.addSimilar != nil && z.preview.addSimilar.Checked
	}
	return req
}

// onPreview reads the whole file without writing and shows what would change.
func (z *importWizard) onPreview() {
	req := z.request(true)
	z.runAsync(stepPreview, req, func(res ImportResult, err error) {
		if err != nil {
			z.showFailure(stepPreview, "This file cannot be previewed", err, z.showFileStep)
			return
		}
		if old := z.preview; old != nil && old.rejects != "" { // the file its save dialog made, unused
			background(func() { removeIfEmpty(old.rejects) })
		}
		z.preview = newPreviewStep(z, res)
		z.showPreview()
	}, z.showFileStep)
}

func (z *importWizard) showPreview() {
	back := widget.NewButton("Back", z.showFileStep)
	z.show(stepPreview, z.preview.content, back, z.closeButton("Cancel"), z.preview.importButton)
	z.preview.check()
}

// onImport imports the file as previewed.
func (z *importWizard) onImport() {
	req := z.request(false)
	z.runAsync(stepImport, req, func(res ImportResult, err error) {
		if err != nil {
			z.showFailure(stepImport, "Nothing was imported", err, z.showPreview)
			return
		}
		z.imported = true
		z.result = res
		z.showResult(req)
		if z.onDone != nil {
			z.onDone()
		}
	}, z.showStopped)
}

// runAsync runs an import (or its dry run) off the UI goroutine behind a progress bar
// of the file read so far, with Cancel. then gets the outcome on the UI goroutine;
// stopped runs instead when the lead cancelled and the import stopped.
func (z *importWizard) runAsync(step int, req ImportRequest, then func(ImportResult, error), stopped func()) <-chan struct{} {
	done := make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	z.cancel = cancel
	z.bar = widget.NewProgressBar()
	z.barNote = lowLabel("Reading " + filepath.Base(req.Path) + "…")
	z.stopping = widget.NewButton("Cancel", z.onCancel)
	doing := "Reading the file and comparing it with what is there; nothing is written."
	if !req.DryRun {
		doing = "Importing " + filepath.Base(req.Path) + ". Cancel stops it and leaves your data as it was."
	}
	z.show(step, container.NewVBox(wrapped(doing), z.bar, z.barNote), z.stopping)
	background(func() {
		defer close(done)
		res, err := z.files.Import(ctx, req, func(read, total int64) {
			doUI(func() { z.onProgress(read, total, req.DryRun) })
		})
		doUIAndWait(func() {
			cancelled := ctx.Err() != nil
			cancel()
			z.cancel = nil
			if cancelled && err != nil {
				stopped()
				return
			}
			then(res, err)
		})
	})
	return done
}

// onProgress moves the bar to the share of the file read.
func (z *importWizard) onProgress(read, total int64, dryRun bool) {
	if total <= 0 || z.bar == nil {
		return
	}
	z.bar.SetValue(float64(read) / float64(total))
	switch {
	case z.cancel == nil:
	case read < total:
		z.barNote.SetText(fmt.Sprintf("%s of %s read", byteSize(read), byteSize(total)))
	case dryRun:
		z.barNote.SetText("All " + byteSize(total) + " read; comparing with what is there…")
	default:
		z.barNote.SetText("All " + byteSize(total) + " read; saving…")
	}
}

// onCancel stops the work under way; the step after it says what became of it.
func (z *importWizard) onCancel() {
	if z.cancel == nil {
		return
	}
	z.cancel()
	z.stopping.Disable()
	z.barNote.SetText("Stopping…")
}

// showStopped says that a cancelled import left nothing.
func (z *importWizard) showStopped() {
	back := widget.NewButton("Back to the preview", z.showPreview)
	z.show(stepImport, container.NewVBox(boldLabel("Import stopped"),
		wrapped("Nothing was imported: your data is as it was before. You can import the file again from the preview.")),
		back, z.closeButton("Close"))
}

// byteSize says a file size as a person reads it ("3.4 MB").
func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// showResult says what the import did, with its batch number and an Undo.
func (z *importWizard) showResult(req ImportRequest) {
	res := z.result
	z.undone = boldLabel("")
	z.undone.Importance = widget.SuccessImportance
	z.undone.Hide()
	z.heading = boldLabel(fmt.Sprintf("Imported %s from %s: import number %d", kindNoun(z.kind), filepath.Base(z.path), res.Summary.BatchID))
	counts := countsRow(res, false)
	items := []fyne.CanvasObject{z.heading, z.undone, counts, zoneNoteOf(res.ZoneNote)}
	// What an undo makes untrue: the counts of what the import did, and the advice to
	// import the rows left out (hidden once undone: they read as standing).
	z.standing = []fyne.CanvasObject{counts}
	if req.RejectsPath != "" && res.Skipped > 0 {
		them := "them"
		if res.Skipped == 1 {
			them = "it"
		}
		rejects := wrapped(fmt.Sprintf("%s left out, as in your file with a last column saying why, in %s: fix %s there and import that file.",
			rowsNoun(res.Skipped), req.RejectsPath, them))
		items = append(items, rejects)
		z.standing = append(z.standing, rejects)
	}
	if req.SaveMappingAs != "" {
		items = append(items, wrapped(fmt.Sprintf("Your column mapping is saved as “%s”: a file with this header is recognised by it from now on.",
			strings.TrimSpace(req.SaveMappingAs))))
	}
	z.undo = widget.NewButtonWithIcon("Undo this import", theme.ContentUndoIcon(), z.onUndo)
	if res.Summary.BatchID == 0 {
		z.undo.Disable()
	}
	closeB := z.closeButton("Close")
	closeB.Importance = widget.HighImportance
	details := z.reportSection("In detail", "report", res.Report, reportView(res.Report))
	z.show(stepDone, container.NewBorder(container.NewVBox(items...), nil, nil, nil, details), z.undo, closeB)
}

// rowsNoun says "1 row" or "N rows".
func rowsNoun(n int) string {
	if n == 1 {
		return "1 row"
	}
	return fmt.Sprintf("%d rows", n)
}

// onUndo takes the import back once the lead confirms.
func (z *importWizard) onUndo() {
	z.confirmUndo(z.undo, z.result.Summary.BatchID, sentence(undoes(z.kind == "calls")), z.showUndone)
}

// undoes says what undoing an import does, for its confirmation; with stances, what
// it does to the whip count too (an import of call reports).
func undoes(stances bool) string {
	what := "what it created is deleted"
	if stances {
		what += ", and the stance changes it made leave the whip count"
	}
	return what + "; what it changed or added to records already there is put back as it was"
}

// showUndone turns the done step into the undone one: the heading and what the store
// said; what the import did no longer reads as standing.
func (z *importWizard) showUndone(batch int64, said string) {
	z.heading.SetText(fmt.Sprintf("Import number %d of %s from %s is undone", batch, kindNoun(z.kind), filepath.Base(z.path)))
	z.undone.SetText(sentence(said))
	z.undone.Show()
	for _, o := range z.standing {
		o.Hide()
	}
}

// sentence capitalizes a message the command line prints in lower case.
func sentence(s string) string {
	if s == "" {
		return s
	}
	return drawable(strings.ToUpper(s[:1]) + s[1:] + ".")
}

// maxReportLines bounds the report a label shows: the store lists the first 500
// changes, but conflicts and possible duplicates are all listed, and a label of
// tens of thousands of lines takes seconds to draw. The lead saves the report whole
// (reportSection).
const maxReportLines = 1000

// drawable is the verb's text as the window draws it: the verb writes "→" ("Given
// → first name", "2134 → 02134"), which the font Fyne draws with has not, and it was
// drawn "→�" with a gap. A saved report keeps the verb's text as it is. (A rune, not
// a string: TestEveryCharacterIsInTheFont reads the screens' strings.)
var drawable = strings.NewReplacer(string('→'), "->").Replace

// reportView shows an import report, scrollable when long.
func reportView(text string) fyne.CanvasObject {
	lines := strings.Split(strings.TrimSpace(drawable(text)), "\n")
	if n := len(lines); n > maxReportLines {
		lines = append(lines[:maxReportLines], fmt.Sprintf("… and %d more lines: “Save the report…” keeps them all", n-maxReportLines))
	}
	l := widget.NewLabel(strings.Join(lines, "\n"))
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	return container.NewVScroll(l)
}

// reportSection is body (the report, or the report beside a list) under heading,
// with a button that saves text, the report whole, as a text file beside the file
// imported, named after it and what (ma-import-preview.txt): the lead keeps every
// line, the rows to review included, however long the list.
func (z *importWizard) reportSection(heading, what, text string, body fyne.CanvasObject) fyne.CanvasObject {
	saved := lowLabel("")
	saved.Hide()
	var save *widget.Button
	save = widget.NewButtonWithIcon("Save the report…", theme.DocumentSaveIcon(), func() {
		base := strings.TrimSuffix(filepath.Base(z.path), filepath.Ext(z.path))
		pickSaveFileInAsync(z.w, filepath.Dir(z.path), base+"-import-"+what+".txt", ".txt", func(path string) {
			save.Disable()
			background(func() {
				err := writeTextFile(path, text)
				doUI(func() {
					save.Enable()
					if err != nil {
						dialog.ShowInformation("The report was not saved", importErrorText(err), z.w)
						return
					}
					saved.SetText("Saved to " + path)
					saved.Show()
				})
			})
		}, nil)
	})
	head := container.NewBorder(nil, nil, nil, save, boldLabel(heading))
	return container.NewBorder(container.NewVBox(head, saved), nil, nil, nil, body)
}

// writeTextFile writes text to path whole or not at all: to a new file beside it
// that takes the name once written.
func writeTextFile(path, text string) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".chapterdesk-report-*")
	if err != nil {
		return err
	}
	_, err = f.WriteString(text)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// ShowImportWizard opens the import wizard on w for a file already chosen, as the
// Print & export screen does once the lead has picked one; onDone runs on the UI
// goroutine after an import or its undo. The app's end-to-end tests open it so, on
// the real import behind DataFiles.
func ShowImportWizard(w fyne.Window, files DataFiles, kind, path string, onDone func()) {
	(&importFlow{w: w, files: files, onDone: onDone}).open(kind, path)
}
