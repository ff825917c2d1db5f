package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// ShowStartupError tells a person who opened the app from its icon, and so sees no
// terminal, why it cannot start (a data file from a newer version, a damaged or foreign
// file, a read-only folder), then quits when they close it.
func ShowStartupError(a fyne.App, problem string) {
	w := a.NewWindow("ChapterDesk cannot open its data file")
	msg := widget.NewLabel(problem)
	msg.Wrapping = fyne.TextWrapWord
	help := widget.NewLabel("Nothing was changed. To open another file, start ChapterDesk with --db FILE.")
	help.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton("Quit", a.Quit)
	quit.Importance = widget.HighImportance
	w.SetContent(container.NewPadded(container.NewBorder(nil, container.NewHBox(quit), nil, nil,
		container.NewVBox(msg, help))))
	w.Resize(fyne.NewSize(560, 220))
	w.SetOnClosed(a.Quit)
	w.ShowAndRun()
}
