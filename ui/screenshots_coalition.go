package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/chapterdesk/chapterdesk/db"
)

// coalitionShots are the coalition logins' own shots (issue 18): for the coordinator,
// the dashboard's whip count and every chapter's reports of all time; for a lead of
// several chapters, the switch to their next chapter and its screens.
func (m *mainWindow) coalitionShots() []shot {
	if m.who.Kind == db.LoginCoordinator {
		return []shot{
			{name: "Coalition, the whip count", show: func() {
				m.show(screenDashboard)
				done := m.coalition.refreshAsync()
				go func() {
					<-done
					doUI(func() {
						if sc, ok := m.coalition.content.(*container.Scroll); ok {
							sc.ScrollToOffset(fyne.NewPos(0, 500))
						}
					})
				}()
			}},
			{name: "Call reports, all time, every chapter", show: func() {
				m.show(screenCalls)
				m.coalitionCalls.period.SetSelectedIndex(len(callPeriods) - 1)
			}},
			{name: "Legislator, the coalitions calls", show: func() {
				m.show(screenLegislators)
				if len(m.legislators.shown) > 0 {
					m.legislators.list.Select(0)
				}
			}},
		}
	}
	next := m.who.Chapters[0]
	for i, c := range m.who.Chapters {
		if c.ID == m.who.Current {
			next = m.who.Chapters[(i+1)%len(m.who.Chapters)]
		}
	}
	return []shot{
		{name: "Chapter chooser", show: func() {
			m.show(screenVolunteers)
			m.chapterSel.Tapped(&fyne.PointEvent{})
		}},
		{name: "Volunteers of " + next.Name, show: func() {
			if top := m.w.Canvas().Overlays().Top(); top != nil {
				top.Hide()
				m.w.Canvas().Overlays().Remove(top)
			}
			m.useChapterAsync(next)
		}},
		{name: "Dashboard of " + next.Name, show: func() { m.show(screenDashboard) }},
		{name: "Call reports of " + next.Name, show: func() { m.show(screenCalls) }},
	}
}
