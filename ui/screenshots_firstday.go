package ui

import (
	"path/filepath"
	"time"
)

// firstDayShots are the shots of issue 15's behaviours (a lead's first day and
// every day): the defaults and consent of a new volunteer, districts offered as
// typed, the search across fields, the sponsor not in office, where legislators
// come from, the call-sheet count asked first, the file dialogs, the light theme
// and the getting-started page. files is a folder of files to open (the import
// shots'); it goes first among the recent folders while the shots run, and the
// lead's own recent folders and theme are put back after.
func (m *mainWindow) firstDayShots(files string) (shots []shot, restore func()) {
	recent := m.prefs.recentFolders()
	theme := m.prefs.theme()
	restore = func() {
		if len(recent) == 0 {
			m.prefs.p.RemoveValue(prefRecentDirs)
		} else {
			m.prefs.p.SetStringList(prefRecentDirs, recent)
		}
		m.prefs.setTheme(theme)
		applyTheme(m.a, theme)
	}
	var picker *filePicker
	topHide := func() {
		if top := m.w.Canvas().Overlays().Top(); top != nil {
			top.Hide()
			m.w.Canvas().Overlays().Remove(top)
		}
	}
	form := func() *volunteerForm { return m.volunteers.form }
	shots = []shot{
		{name: "New volunteer, the chapter's state and today", show: func() {
			topHide() // the workbook's notice
			m.show(screenVolunteers)
			m.volunteers.onNew()
		}},
		{name: "New volunteer, do not contact closes the other channels", show: func() {
			f := form()
			f.first.SetText("Ana")
			f.last.SetText("Souza")
			f.okCall.SetChecked(true)
			f.okEmail.SetChecked(true)
			f.doNotContact.SetChecked(true)
		}},
		{name: "New volunteer, a district typed is offered as the directory spells it", show: func() {
			f := form()
			m.w.Canvas().Focus(f.senate)
			f.senate.SetText("first hamp")
		}},
		{name: "New volunteer, long districts offered wrap under the field, the window stays on the screen", show: func() {
			f := form()
			m.w.Canvas().Focus(f.senate)
			f.senate.SetText("and") // Barnstable and Franklin, Bristol and Barnstable, ...
		}},
		{name: "Volunteers, garcia 021 searched", show: func() {
			m.volunteers.search.SetText("garcia 021")
		}},
		{name: "Campaign, a sponsor not in office", settle: 2 * time.Second, show: func() {
			// The demo's sponsors are its legislators; the starter campaign's House
			// sponsor, saved on this copy of the demo, is not in office there.
			m.show(screenCampaign)
			go func() {
				<-m.campaign.refreshAsync()
				doUI(func() {
					m.campaign.houseSponsor.SetText("Rep. Juana Matías")
					m.campaign.saveAsync()
				})
			}()
		}},
		{name: "Legislators, where the current list comes from", show: func() {
			m.show(screenLegislators)
			m.legislators.update.onUpdate()
		}},
		{name: "Call sheets for all volunteers, the pages asked first", show: func() {
			if m.legislators.update.d != nil {
				m.legislators.update.d.Hide()
			}
			m.show(screenExport)
			m.export.callers.SetSelected(allPeople)
			m.export.saveCallSheetsAsync()
		}},
		{name: "Save dialog, a Spanish leaflet named for what it is", show: func() {
			topHide()
			m.prefs.addRecentFolder(files)
			e := m.export
			for i, code := range e.langCodes {
				if code == "es" {
					e.lang.SetSelectedIndex(i)
				}
			}
			for _, l := range leafletLayouts {
				if l.value == "trifold" {
					e.layout.SetSelected(l.label)
				}
			}
			pickSaveFileAsync(m.w, leafletFileName(e.leafletArgs("")), ".pdf", func(string) {})
		}},
		{name: "Open dialog, a recent folder's files newest first", show: func() {
			topHide()
			picker = showFilePicker(m.w, m.prefs, fileRequest{title: "Open a CSV file", exts: []string{".csv", ".txt", ".tsv"},
				folder: startFolder(m.prefs, false)}, func(string) {})
		}},
		{name: "Open dialog, a typed path that is not there", show: func() {
			picker.path.SetText(filepath.Join(files, "sign-ups-may.csv"))
			picker.onAccept()
		}},
		{name: "Dashboard in the light theme", show: func() {
			picker.onCancel()
			applyTheme(m.a, themeLight)
			m.show(screenDashboard)
		}},
		{name: "Help, getting started", show: func() {
			restore()
			m.onGettingStarted()
		}},
		{name: "After the first-day shots", show: func() {
			topHide()
		}},
	}
	return shots, restore
}
