package ui

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// projectPage is the README on the project's page, linked from the Help menu.
const projectPage = "https://github.com/chapterdesk/chapterdesk#readme"

// gettingStarted is the first-day page of the Help menu: the steps in order and the
// keyboard shortcuts (the README's list).
const gettingStarted = `## Your first day with ChapterDesk

1. **Start your chapter.** On the welcome, choose *Start my chapter*: the chapter's name and its **state** (MA, RI…). Both can be changed later in *Settings*, with the contact printed on leaflets.
2. **Your legislators.** *Start my chapter* loads your state's senators and representatives, which came with ChapterDesk, and marks the campaign's sponsors in the whip count (the *Campaign* screen says if a sponsor is not in office). For a newer list: *Legislators › Update legislators…* says where Open States publishes your state's file.
3. **Add or import volunteers.** *Volunteers › New volunteer* (Ctrl+Shift+N) for one person; *Print & export › Import › Volunteers…* for a sign-up sheet or an export from NationBuilder, Action Network or VAN. Tag the callers **phonebank**.
4. **Key the call reports.** *Call reports* (Ctrl+N): type in each field and press Enter to take the suggestion; Enter on a filled form saves it and clears it for the next. The *Dashboard* shows the whip count move.
5. **Print leaflets and call sheets.** *Print & export*: the FAQ leaflet (*Preview*, then *Save leaflet…*) and *Call sheets*, for the volunteers tagged for the phone bank; open the PDF and print it.
6. **Send the coalition workbook.** *Print & export › Coalition workbook (Excel)*, *Save workbook…*: the file your coalition collects from every chapter.

## Keyboard

- **Ctrl+1 … Ctrl+8** switch screens
- **Ctrl+N** starts a call report
- **Ctrl+F** searches the roster
- **Ctrl+Shift+N** adds a volunteer
- **Ctrl+Q** quits

On a Mac, Cmd takes the place of Ctrl.`

// newGettingStartedPage is the getting-started page with a link to the README.
func newGettingStartedPage() fyne.CanvasObject {
	text := widget.NewRichTextFromMarkdown(gettingStarted)
	text.Wrapping = fyne.TextWrapWord
	u, _ := url.Parse(projectPage)
	link := widget.NewHyperlink("The full guide: the README on the project's page", u)
	return container.NewBorder(nil, link, nil, nil, container.NewVScroll(text))
}

// onGettingStarted shows the getting-started page (Help menu).
func (m *mainWindow) onGettingStarted() {
	d := dialog.NewCustom("Getting started", "Close", newGettingStartedPage(), m.w)
	d.Resize(fyne.NewSize(640, 560))
	d.Show()
}

// onReadme opens the README on the project's page in the browser (Help menu).
func (m *mainWindow) onReadme() {
	u, _ := url.Parse(projectPage)
	if err := openURL(u); err != nil {
		dialog.ShowInformation("Could not open the browser",
			"ChapterDesk could not open a web browser. The guide is at\n"+projectPage, m.w)
	}
}
