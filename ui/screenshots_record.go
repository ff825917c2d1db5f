package ui

import (
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
)

// screenshotSession is the Open States export the Record screen's shots dry-run,
// where `make screenshots` runs (the repository's root); without it that shot is
// left out. A dry run writes nothing.
const screenshotSession = "../shared/data/openstates-sessions/ma-194th"

// recordShots are the Record screen's session import (the dry run's summary) and its
// form linking a campaign bill to a session's bill, then the screen without them.
func (m *mainWindow) recordShots() []shot {
	var shots []shot
	if isDir(screenshotSession) {
		shots = append(shots, shot{name: "Record, a session export's dry run", settle: 4 * time.Second, show: func() {
			m.show(screenRecord)
			m.record.dryRunSessionAsync(filepath.Join(screenshotSession, "MA_194th_bills.csv"))
		}})
	}
	shots = append(shots, shot{name: "Record, link a bill to a session", show: func() {
		m.show(screenRecord)
		if si := m.record.session; si != nil && si.d != nil {
			si.d.Hide()
		}
		done := m.record.linkBillAsync()
		go func() {
			<-done
			fyne.Do(func() {
				if f := m.record.link; f != nil {
					f.bill.SetText("H.3269")
					f.session.SetText("194th")
					f.to.SetText("H 5293")
				}
			})
		}()
	}}, shot{name: "Record after the session dialogs", show: func() {
		if f := m.record.link; f != nil && f.d != nil {
			f.d.Hide()
		}
	}})
	return shots
}
