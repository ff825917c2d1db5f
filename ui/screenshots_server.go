package ui

// serverShots are the shots of *Settings → Connect to a chapter server…* (issue 16):
// the dialog with the recent servers offered, then a test of a server that is not
// there, with the one line that says so (a real test, of a port nothing listens on).
// The lead's own recent servers are put back after.
func (m *mainWindow) serverShots() (shots []shot, restore func()) {
	if _, ok := m.files.(ChapterServers); !ok {
		return nil, func() {}
	}
	recent := m.prefs.p.StringList(prefRecentServers)
	restore = func() {
		if len(recent) == 0 {
			m.prefs.p.RemoveValue(prefRecentServers)
		} else {
			m.prefs.p.SetStringList(prefRecentServers, recent)
		}
	}
	shots = []shot{
		{name: "Connect to a chapter server", show: func() {
			m.prefs.p.SetStringList(prefRecentServers, []string{
				"postgres://ana@db.example.org/chapterdesk?sslmode=require",
				"postgres://postgres@/chapterdesk?host=/run/postgresql&sslmode=disable",
			})
			m.show(screenSettings)
			m.onConnectServer()
			m.serverDlg.password.SetText("example")
		}},
		{name: "Connect to a chapter server, one that cannot be reached", show: func() {
			sd := m.serverDlg
			sd.host.SetText("127.0.0.1")
			sd.port.SetText("1")
			sd.tryAsync(false)
		}},
		{name: "After the server shots", show: func() {
			m.serverDlg.d.Hide()
			restore()
		}},
	}
	return shots, restore
}
