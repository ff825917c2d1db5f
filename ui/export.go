package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// exportScreen is where leaflets, call sheets, workbooks, CSV exports and imports are
// started.
type exportScreen struct {
	w       fyne.Window
	content fyne.CanvasObject
	imports *importFlow
}

func newExportScreen(w fyne.Window, files DataFiles, onImported func()) *exportScreen {
	e := &exportScreen{w: w, imports: &importFlow{w: w, files: files, onDone: onImported}}
	e.buildUI()
	return e
}

func (e *exportScreen) buildUI() {
	imports := container.NewVBox(lowLabel("Each file is read first: you see how many records would be created, updated or skipped, and every problem with its line, before anything is written. An import can be undone with `chapterdesk import undo N`."))
	for _, k := range importKinds {
		b := widget.NewButton(k.label, func() { e.imports.start(k.kind) })
		if e.imports.files == nil {
			b.Disable()
		}
		imports.Add(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(180, b.MinSize().Height), b), nil, lowLabel(k.hint)))
	}
	notYet := func(title, what string) fyne.CanvasObject {
		return widget.NewCard("", title, lowLabel(what+" Not in this version yet."))
	}
	e.content = container.NewVScroll(container.NewPadded(container.NewVBox(
		widget.NewCard("", "Import", imports),
		notYet("FAQ leaflet (PDF)", "The campaign's FAQ as a one-page sheet, a tri-fold or half-page handouts, in each of its languages."),
		notYet("Call sheets (PDF)", "One page per volunteer with their own legislators, the script and tick boxes."),
		notYet("Coalition workbook (Excel)", "Calls, reaches and the whip count for a period, by legislator, district, volunteer and week."),
		notYet("CSV export", "Volunteers, call reports or legislators as CSV."),
	)))
}
