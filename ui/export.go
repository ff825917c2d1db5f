package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// exportScreen is where leaflets, call sheets, workbooks, exports and imports start.
type exportScreen struct {
	w       fyne.Window
	content fyne.CanvasObject
}

func newExportScreen(w fyne.Window) *exportScreen {
	return &exportScreen{w: w, content: widget.NewLabel("Print & export")}
}
