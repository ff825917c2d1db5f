// Package ui is ChapterDesk's desktop face: Fyne screens, one file per screen, each fed
// by the narrow store interface it declares. Database work runs off the UI goroutine and
// comes back through fyne.Do.
package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// Store is everything the screens need from the database; *db.Store satisfies it.
type Store interface {
	dashboardStore
	welcomeStore
	volunteerStore
	callStore
	legislatorStore
	campaignStore
	settingsStore
	exportStore
	recordStore
	coalitionStore
	Path() string
	// WhoAmI says who the store's login is (a data file's user, the server's owner,
	// a lead, the coalition's coordinator) and which chapters it works on.
	WhoAmI(ctx context.Context) (db.Login, error)
	// UseChapter makes a lead of several chapters work on one of them.
	UseChapter(ctx context.Context, id int64) error
}

var _ Store = (*db.Store)(nil)

// Screen indexes, in the order of the sidebar (and of the Ctrl+1…8 shortcuts).
const (
	screenDashboard = iota
	screenVolunteers
	screenCalls
	screenLegislators
	screenRecord
	screenCampaign
	screenExport
	screenSettings
)

// DataFiles opens, swaps and restores the data file the window works on; cmd/
// implements it. Its methods are slow (they close and open databases): call them off
// the UI goroutine. On failure the current file stays open.
type DataFiles interface {
	// Open switches to the data file at path, creating it if it is new.
	Open(ctx context.Context, path string) (Store, error)
	// Restore replaces the current data file by a backup and reopens it.
	Restore(ctx context.Context, backup string) (Store, error)
	// Demo switches to the demo chapter, making it first if there is none.
	Demo(ctx context.Context) (Store, error)
	// InspectImport reads the header and first rows of a file to import as kind
	// (legislators, volunteers or calls): its format, encoding and column mapping,
	// as an import would find them. Nothing is written.
	InspectImport(ctx context.Context, kind, path string) (ImportFile, error)
	// Import brings a file in as req says (with req.DryRun it only works out what
	// would change), calling progress, from any goroutine, as the file is read.
	// The import is one transaction: cancelling ctx stops it and leaves nothing.
	Import(ctx context.Context, req ImportRequest, progress func(done, total int64)) (ImportResult, error)
	// UndoImport takes an import back by its batch number and says what that did.
	UndoImport(ctx context.Context, batch int64) (string, error)
	// RunVerb runs a command-line verb (leaflet, callsheets, report, export) on the open
	// data file and returns what it said, warnings included.
	RunVerb(ctx context.Context, args ...string) (string, error)
	// Merge brings another chapter's data file in and says what came in.
	Merge(ctx context.Context, path string) (string, error)
	// Repair rebuilds the indexes of the current data file when a full check found
	// damage only in them (a copy of the file as it was is kept first), and reopens it.
	Repair(ctx context.Context) (Store, error)
}

// mainWindow is the app's one window: a sidebar of screens and the menu that holds
// the keyboard shortcuts.
type mainWindow struct {
	a       fyne.App
	w       fyne.Window
	prefs   settings
	files   DataFiles
	version string
	tabs    *container.AppTabs
	stop    func() // stops the dashboard's timer

	home        *dashboardScreen
	volunteers  *volunteersScreen
	calls       *callsScreen
	legislators *legislatorsScreen
	record      *recordScreen
	campaign    *campaignScreen
	export      *exportScreen
	settings    *settingsScreen
	damage      *damageNotice // shown above the screens once damage is found

	// On a chapter server: the watch of the connection, whose band (banded, over
	// bandBase) says when the server cannot be reached; the passwords typed in the
	// connect dialog this session, by address (memory only).
	conn      *connWatch
	banded    fyne.CanvasObject
	bandBase  fyne.CanvasObject
	passwords map[string]string
	serverDlg *serverDialog // the last connect dialog shown (tests)

	// onShow refreshes a screen when the lead switches to it.
	onShow map[int]func()

	// The login the screens are built for, the screens it has (screen ids, in the
	// sidebar's order: the coordinator's lack the volunteers), and what the window
	// shows: the sidebar, under the chapter chooser for a lead of several chapters.
	store   Store
	who     db.Login
	screens []int
	main    fyne.CanvasObject
	// The coordinator's own screens (home, volunteers and calls are nil then).
	coalition      *coalitionScreen
	coalitionCalls *coalitionCallsScreen
	chapterSel     *widget.Select // a lead of several chapters' chooser (tests)
	// built closes when the screens of the latest store are on (tests, screenshots).
	built <-chan struct{}
}

// WindowOptions are the main window's start-up choices.
type WindowOptions struct {
	// Files lets the window switch data files (Settings, first run); nil: it cannot.
	Files DataFiles
	// ScreenshotDir, when set, makes the window capture every screen into that folder
	// and close (make screenshots).
	ScreenshotDir string
	// DrawTimeRounds, when above 0, makes the window time the dashboard's drawing that
	// many times, print the times to DrawTimeOut and close (make bench-draw).
	DrawTimeRounds int
	DrawTimeOut    io.Writer
	// WatchDamage, when set, is given the function the background full check calls,
	// from any goroutine, when it finds the open file damaged.
	WatchDamage func(found func(*db.DamagedError))
}

// OpenMainWindow shows the app's window at once and opens the data file behind it
// (open runs off the UI goroutine: the integrity check of a large file takes a
// moment); the screens appear when it is open, or the reason it cannot be opened.
func OpenMainWindow(a fyne.App, version string, opts WindowOptions, open func(context.Context) (Store, error)) fyne.Window {
	m := newWindowShell(a, version, opts.Files)
	wait := widget.NewProgressBarInfinite()
	m.w.SetContent(container.NewCenter(container.NewVBox(
		widget.NewLabelWithStyle("Opening the chapter's data file…", fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
		container.NewGridWrap(fyne.NewSize(320, wait.MinSize().Height), wait))))
	m.w.SetOnClosed(func() {
		Stop(m.a) // the app quits with its one window
		if m.stop != nil {
			m.stop()
		}
		m.stopWatch()
		removePreviewDirs()
		if opts.ScreenshotDir == "" {
			m.prefs.setWindowSize(m.w.Canvas().Size())
		}
	})
	if opts.ScreenshotDir != "" {
		m.w.Resize(defaultWindowSize)
	}
	if opts.DrawTimeRounds > 0 {
		// The bench's window: the whole whip board of 200 legislators in view.
		m.w.Resize(fyne.NewSize(1280, 1400))
	}
	if opts.WatchDamage != nil {
		opts.WatchDamage(func(de *db.DamagedError) { doUI(func() { m.onDamageFound(de) }) })
	}
	background(func() {
		s, err := open(context.Background())
		doUIAndWait(func() {
			wait.Stop() // replaced below, it would go on animating (see stopEndlessBars)
			if err != nil {
				m.showStartupProblem(err)
				return
			}
			built := m.setStore(s)
			if opts.DrawTimeRounds > 0 {
				go func() {
					<-built
					time.Sleep(time.Second) // the first refresh, and the window mapped
					doUI(func() { m.measureDrawAsync(opts.DrawTimeRounds, opts.DrawTimeOut, m.w.Close) })
				}()
			}
			if opts.ScreenshotDir != "" {
				go func() {
					<-built
					doUI(func() {
						m.captureScreensAsync(opts.ScreenshotDir, func(err error) {
							if err != nil {
								showError(m.w, err)
								return
							}
							m.w.Close()
						})
					})
				}()
			}
		})
	})
	return m.w
}

// showStartupProblem says why the data file cannot be opened (from a newer version,
// damaged, not ChapterDesk's, a read-only folder); the lead may be without a terminal.
func (m *mainWindow) showStartupProblem(err error) {
	m.w.SetTitle("ChapterDesk cannot open its data file")
	msg := widget.NewLabel(strings.Join(strings.Fields(err.Error()), " "))
	msg.Wrapping = fyne.TextWrapWord
	help := lowLabel("Nothing was changed. To open another file, start ChapterDesk with --db FILE.")
	quit := widget.NewButton("Quit", m.quit)
	buttons := container.NewHBox(quit)
	var de *db.DamagedError
	if errors.As(err, &de) && de.Backup != "" && m.files != nil {
		restore := widget.NewButton("Restore the backup of "+de.BackupTime.Local().Format("Jan 2, 15:04"), func() {
			m.restoreAtStartAsync(de.Backup)
		})
		restore.Importance = widget.HighImportance
		buttons.Add(restore)
	} else {
		quit.Importance = widget.HighImportance
	}
	if errors.As(err, &de) && de.IndexOnly && m.files != nil {
		buttons.Add(m.newDamageNotice(de, m.restoreAtStartAsync, m.repairAsync).repair)
	}
	var se *db.ServerError
	if cs, ok := m.files.(ChapterServers); ok && errors.As(err, &se) {
		// Started on a server that would not open (no password given, unreachable):
		// the lead can give the password, another server, or go to their data file.
		m.w.SetTitle("ChapterDesk cannot open the chapter server")
		connect := widget.NewButton("Connect to a chapter server…", m.onConnectServer)
		connect.Importance = widget.HighImportance
		quit.Importance = widget.MediumImportance
		useFile := widget.NewButton("Use my data file", func() { m.switchAtStartAsync(cs.UseDataFile) })
		buttons.Add(useFile)
		buttons.Add(connect)
		help.SetText("Nothing was changed.")
	}
	m.w.SetContent(container.NewPadded(container.NewBorder(nil, buttons, nil, nil,
		container.NewVBox(widget.NewLabelWithStyle("ChapterDesk cannot open its data file", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), msg, help))))
}

// switchAtStartAsync opens another store from the start-up problem's screen.
func (m *mainWindow) switchAtStartAsync(open func(context.Context) (Store, error)) <-chan struct{} {
	done := make(chan struct{})
	background(func() {
		defer close(done)
		s, err := open(context.Background())
		doUIAndWait(func() {
			if err != nil {
				m.showStartupProblem(err)
				return
			}
			m.setStore(s)
		})
	})
	return done
}

// restoreAtStartAsync puts the newest good backup in place of a damaged file (which
// is kept in the backups folder) and opens it.
func (m *mainWindow) restoreAtStartAsync(backup string) <-chan struct{} {
	done := make(chan struct{})
	background(func() {
		defer close(done)
		s, err := m.files.Restore(context.Background(), backup)
		doUIAndWait(func() {
			if err != nil {
				m.showStartupProblem(err)
				return
			}
			m.w.SetTitle(windowTitle(""))
			m.setStore(s)
		})
	})
	return done
}

// appVersion is the app's version, for window titles.
var appVersion atomic.Value

// openWhere is where the open chapter lives, for window titles: the data file's name,
// or "chapter server " and the server's user@host/database, with who is connected
// ("(lead of Worcester)", "(coordinator)").
var openWhere atomic.Value

// setOpenWhere records where s lives and who is connected to it, for windowTitle.
func setOpenWhere(s Store, who db.Login) {
	switch {
	case s == nil:
		openWhere.Store("")
	case onServer(s):
		where := "chapter server " + s.Path()
		// A coalition's lead or coordinator is told who they are connected as; the
		// owner of a chapter's own server is the chapter, as before coalitions.
		if d := who.Describe(); d != "" && (who.Kind == db.LoginLead || who.Kind == db.LoginCoordinator) {
			where += " (" + d + ")"
		}
		openWhere.Store(where)
	default:
		openWhere.Store(filepath.Base(s.Path()))
	}
}

// windowTitle is the main window's title: the app, its version, the chapter and where
// it lives ("ChapterDesk 0.1.0 — Greater Boston Chapter — chapterdesk.db", or
// "… — chapter server ana@db.example.org/chapterdesk").
func windowTitle(chapter string) string {
	t := "ChapterDesk"
	if v, _ := appVersion.Load().(string); v != "" {
		t += " " + v
	}
	if chapter != "" {
		t += " — " + chapter
	}
	if where, _ := openWhere.Load().(string); where != "" {
		t += " — " + where
	}
	return t
}

// newWindowShell is the window before it has a store: theme, settings, size.
func newWindowShell(a fyne.App, version string, files DataFiles) *mainWindow {
	// The title a window is first shown with becomes its X11 WM_CLASS, which the Linux
	// .desktop entry's StartupWMClass=ChapterDesk must match: no version in it. The
	// full title (windowTitle) comes once the chapter is known.
	appVersion.Store(version)
	unstop(a)
	m := &mainWindow{a: a, w: a.NewWindow("ChapterDesk"), prefs: newSettings(a), files: files, version: version}
	applyTheme(a, m.prefs.theme())
	// The leaflet previews go on quit (the window's close is not called on every way
	// out); those a killed ChapterDesk left, at the next start.
	// Stop again there: Fyne's own SIGTERM handler quits without the window's close.
	a.Lifecycle().SetOnStopped(func() { Stop(a); removePreviewDirs() })
	background(func() { removeStalePreviews() })
	if m.prefs.debugErrors() {
		rawErrors.Store(true)
	}
	m.w.Resize(m.prefs.windowSize())
	return m
}

// newMainWindow is the window on an open store (tests).
func newMainWindow(a fyne.App, s Store, version string, files DataFiles) *mainWindow {
	m := newWindowShell(a, version, files)
	m.setStore(s)
	// The dashboard's timer must end with the window, or it would refresh on a
	// closed store while the next test runs.
	m.w.SetOnClosed(func() {
		Stop(m.a)
		if m.stop != nil {
			m.stop()
		}
		m.stopWatch()
		removePreviewDirs()
	})
	return m
}

// setStore builds every screen on s for its login and shows the dashboard: at start,
// and when the lead switches data files or servers. Who the login is comes from the
// database, off the UI goroutine; the returned channel closes once the screens are on
// (or the reason they cannot be is). A lead of several chapters works on the one
// chosen last time on that server.
func (m *mainWindow) setStore(s Store) <-chan struct{} {
	m.stopScreens()
	remembered := m.prefs.leadChapter(s.Path())
	done := make(chan struct{})
	m.built = done
	background(func() {
		defer close(done)
		ctx := context.Background()
		who, err := s.WhoAmI(ctx)
		if err == nil && who.Kind == db.LoginLead && len(who.Chapters) > 1 {
			// Every screen of a lead of several chapters works on one, always named
			// (without it the rows would be all of theirs).
			id := who.Current
			for _, c := range who.Chapters {
				if fmt.Sprint(c.ID) == remembered {
					id = c.ID
				}
			}
			if err = s.UseChapter(ctx, id); err == nil {
				who.Current = id
			}
		}
		doUIAndWait(func() {
			if err != nil {
				m.showStartupProblem(err)
				return
			}
			m.buildScreens(s, who)
		})
	})
	return done
}

// stopScreens ends the screens' timers and the connection's watch.
func (m *mainWindow) stopScreens() {
	if m.stop != nil {
		m.stop()
		m.stop = nil
	}
	m.stopWatch()
}

// buildScreens builds the screens who may use on s and shows them; UI goroutine.
// The coordinator gets the coalition's dashboard and call reports, and no screen that
// reads a volunteer.
func (m *mainWindow) buildScreens(s Store, who db.Login) {
	m.stopScreens()
	m.damage = nil
	m.store, m.who = s, who
	setOpenWhere(s, who)
	coordinator := who.Kind == db.LoginCoordinator
	shared := s // what the shared screens read
	if coordinator {
		shared = coordinatorStore{s}
	}
	m.home, m.volunteers, m.calls, m.coalition, m.coalitionCalls = nil, nil, nil, nil, nil
	choice := newCampaignPicker(m.prefs, m.onScreenShown)
	m.legislators = newLegislatorsScreen(m.w, shared, m.files)
	if onServer(s) && who.Kind == db.LoginLead || who.CheckoutOfLead {
		m.legislators.detail.asLead()
	}
	if onServer(s) && who.Kind == db.LoginLead {
		m.legislators.sharedWithCoalition()
	}
	m.campaign = newCampaignScreen(m.w, shared, m.files)
	m.settings = newSettingsScreenAs(m.w, m.a, shared, m.prefs, m.files, m.onStoreSwitched, coordinator)
	m.record = newRecordScreen(m.w, shared)
	m.legislators.choice, m.record.choice, m.campaign.choice = choice, choice, choice
	m.settings.onConnect = m.onConnectServer
	var refreshHome func()
	var items []*container.TabItem
	if coordinator {
		m.coalition = newCoalitionScreen(m.w, s, loginLine(who, s.Path()))
		m.coalitionCalls = newCoalitionCallsScreen(m.w, s, who.Chapters)
		m.coalition.choice, m.coalitionCalls.choice = choice, choice
		refreshHome = m.coalition.refreshAsyncVoid
		m.export = newExportScreenAs(m.w, shared, m.files, refreshHome, true)
		m.screens = []int{screenDashboard, screenCalls, screenLegislators, screenRecord, screenCampaign, screenExport, screenSettings}
		items = []*container.TabItem{
			container.NewTabItemWithIcon("Coalition", theme.HomeIcon(), choice.bar(m.coalition.content)),
			container.NewTabItemWithIcon("Call reports", theme.MailReplyIcon(), choice.bar(m.coalitionCalls.content)),
		}
	} else {
		where := s.Path()
		if onServer(s) && who.Kind == db.LoginLead {
			where += " · signed in as " + who.Name + ", " + who.Describe()
		}
		m.home = newDashboardScreen(m.w, s, where, m.prefs.staleDays)
		if who.Kind == db.LoginLead {
			m.home.setCoalition()
		}
		m.volunteers = newVolunteersScreen(m.w, s)
		m.calls = newCallsScreen(m.w, s)
		m.home.choice, m.calls.choice = choice, choice
		refreshHome = m.home.refreshAsyncVoid
		m.export = newExportScreen(m.w, s, m.files, refreshHome)
		m.screens = []int{screenDashboard, screenVolunteers, screenCalls, screenLegislators, screenRecord, screenCampaign, screenExport, screenSettings}
		items = []*container.TabItem{
			container.NewTabItemWithIcon("Dashboard", theme.HomeIcon(), choice.bar(m.home.content)),
			container.NewTabItemWithIcon("Volunteers", theme.AccountIcon(), m.volunteers.content),
			container.NewTabItemWithIcon("Call reports", theme.MailReplyIcon(), choice.bar(m.calls.content)),
		}
	}
	m.export.choice, m.export.imports.choice = choice, choice
	items = append(items,
		container.NewTabItemWithIcon("Legislators", theme.GridIcon(), choice.bar(m.legislators.content)),
		container.NewTabItemWithIcon("Record", theme.ConfirmIcon(), choice.bar(m.record.content)),
		container.NewTabItemWithIcon("Campaign", theme.DocumentIcon(), choice.bar(m.campaign.content)),
		container.NewTabItemWithIcon("Print & export", theme.DocumentPrintIcon(), choice.bar(m.export.content)),
		container.NewTabItemWithIcon("Settings", theme.SettingsIcon(), m.settings.content))
	m.onShow = map[int]func(){
		screenDashboard:   refreshHome,
		screenLegislators: func() { m.legislators.refreshAsync() },
		screenRecord:      func() { m.record.refreshAsync() },
		screenCampaign:    func() { m.campaign.refreshAsync() },
		screenExport:      func() { m.export.refreshAsync() },
		screenSettings:    func() { m.settings.refreshAsync() },
	}
	if coordinator {
		m.onShow[screenCalls] = func() { m.coalitionCalls.refreshAsync() }
	} else {
		m.onShow[screenVolunteers] = func() { m.volunteers.loadFiltersAsync(); m.volunteers.refreshAsync() }
		m.onShow[screenCalls] = func() { m.calls.refreshAsync() }
	}
	m.tabs = container.NewAppTabs(items...)
	m.tabs.SetTabLocation(container.TabLocationLeading)
	m.tabs.OnSelected = func(*container.TabItem) { m.onScreenShown() }
	m.main, m.chapterSel = m.tabs, nil
	if who.Kind == db.LoginLead && len(who.Chapters) > 1 {
		var bar fyne.CanvasObject
		bar, m.chapterSel = chapterChooser(who, func(c db.Chapter) { m.useChapterAsync(c) })
		m.main = container.NewBorder(bar, nil, nil, nil, m.tabs)
	}
	m.w.SetMainMenu(m.buildMenu(m.version))
	m.w.SetContent(m.main)
	if de := damageOf(s); de != nil { // found before these screens were built
		m.onDamageFound(de)
	}
	refreshHome()
	if coordinator {
		m.stop = autoRefreshAsync(m.coalition.refreshAsyncVoid, func() bool {
			return m.screensShown() && m.currentScreen() == screenDashboard
		})
	} else {
		m.stop = m.home.autoRefreshAsync(func() bool {
			return m.screensShown() && m.currentScreen() == screenDashboard
		})
	}
	if onServer(s) {
		m.conn = newConnWatch(m, shared)
		if cs, ok := m.files.(ChapterServers); ok {
			m.prefs.addRecentServer(cs.Server())
		}
	}
	if !coordinator {
		m.welcomeIfEmptyAsync(s)
	}
}

// useChapterAsync switches a lead of several chapters to chapter c: every connection
// works on it from then on, the choice is remembered for this server, and every
// screen is built again on it. The channel closes once they are on screen.
func (m *mainWindow) useChapterAsync(c db.Chapter) <-chan struct{} {
	s, screen := m.store, m.currentScreen()
	done := make(chan struct{})
	background(func() {
		defer close(done)
		ctx := context.Background()
		err := s.UseChapter(ctx, c.ID)
		var who db.Login
		if err == nil {
			who, err = s.WhoAmI(ctx)
		}
		doUIAndWait(func() {
			if err != nil {
				showError(m.w, err)
				if m.chapterSel != nil {
					m.chapterSel.SetSelected(m.who.CurrentChapter().Name)
				}
				return
			}
			m.prefs.setLeadChapter(s.Path(), fmt.Sprint(c.ID))
			m.buildScreens(s, who)
			m.show(screen)
		})
	})
	return done
}

// currentScreen is the screen shown (screenDashboard, ...); UI goroutine.
func (m *mainWindow) currentScreen() int {
	if i := m.tabs.SelectedIndex(); i >= 0 && i < len(m.screens) {
		return m.screens[i]
	}
	return -1
}

// stopWatch ends the watch of the chapter server's connection, and its band.
func (m *mainWindow) stopWatch() {
	if m.conn != nil {
		m.conn.stop()
		m.conn = nil
	}
	m.banded, m.bandBase = nil, nil
}

// onConnectServer opens *Connect to a chapter server…*, filled with the server the
// window is on (or the newest recent one).
func (m *mainWindow) onConnectServer() {
	cs, ok := m.files.(ChapterServers)
	if !ok {
		return
	}
	if m.passwords == nil {
		m.passwords = map[string]string{}
	}
	m.serverDlg = newServerDialog(m.w, cs, m.prefs, m.passwords, func(s Store, _ string) { m.setStore(s) })
	current := ""
	if m.settings == nil || m.store == nil || onServer(m.store) {
		current = cs.Server() // the server the window is on, or failed to open at start
	}
	m.serverDlg.show(current)
}

// welcomeIfEmptyAsync shows the first-run greeting over the screens when the data
// file has no volunteers and no legislators yet.
func (m *mainWindow) welcomeIfEmptyAsync(s Store) <-chan struct{} {
	done := make(chan struct{})
	background(func() {
		defer close(done)
		empty, err := isEmptyChapter(context.Background(), s)
		if err != nil || !empty {
			return
		}
		doUIAndWait(func() {
			ws := newWelcomeScreen(m.w, s, m.files, m.onWelcomeDone, m.settings.onOpenOther, m.settings.onOpenDemo, m.onConnectServer)
			ws.imports.onDone = m.home.refreshAsyncVoid
			m.w.SetContent(ws.content)
		})
	})
	return done
}

// onWelcomeDone leaves the greeting for the app's screens.
func (m *mainWindow) onWelcomeDone() {
	m.w.SetContent(m.main)
	m.show(screenDashboard)
	m.home.refreshAsync()
}

// onStoreSwitched shows the window on another data file.
func (m *mainWindow) onStoreSwitched(s Store) { m.setStore(s) }

// show switches to screen id (screenDashboard, ...), when the login has it.
func (m *mainWindow) show(id int) {
	for i, s := range m.screens {
		if s == id {
			m.tabs.SelectIndex(i)
		}
	}
}

func (m *mainWindow) onScreenShown() {
	if f := m.onShow[m.currentScreen()]; f != nil {
		f()
	}
}

// onNewCallReport goes to the call report form with the caller field focused.
func (m *mainWindow) onNewCallReport() {
	if m.calls == nil {
		return
	}
	m.show(screenCalls)
	m.w.Canvas().Focus(m.calls.form.volunteer)
}

// onFindVolunteer goes to the volunteer search box.
func (m *mainWindow) onFindVolunteer() {
	if m.volunteers == nil {
		return
	}
	m.show(screenVolunteers)
	m.w.Canvas().Focus(m.volunteers.search)
}

// onNewVolunteer opens an empty volunteer form.
func (m *mainWindow) onNewVolunteer() {
	if m.volunteers == nil {
		return
	}
	m.show(screenVolunteers)
	m.volunteers.onNew()
}

// buildMenu is the main menu; its shortcuts work whichever field has the focus.
func (m *mainWindow) buildMenu(version string) *fyne.MainMenu {
	ctrl := func(k fyne.KeyName) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
	}
	item := func(label string, k fyne.KeyName, action func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, action)
		if k != "" {
			it.Shortcut = ctrl(k)
		}
		return it
	}
	goMenu := fyne.NewMenu("Go")
	keys := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8}
	for i, tab := range m.tabs.Items {
		goMenu.Items = append(goMenu.Items, item(tab.Text, keys[i], func() { m.tabs.SelectIndex(i) }))
	}
	newVolunteer := item("New volunteer", "", m.onNewVolunteer)
	newVolunteer.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyN,
		Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	// Fyne adds a Quit without a shortcut unless an item is marked IsQuit.
	quit := item("Quit", fyne.KeyQ, m.quit)
	quit.IsQuit = true
	records := fyne.NewMenu("Records",
		item("New call report", fyne.KeyN, m.onNewCallReport),
		item("Find a volunteer", fyne.KeyF, m.onFindVolunteer),
		newVolunteer,
		fyne.NewMenuItemSeparator(),
		quit,
	)
	if m.volunteers == nil { // the coordinator: the chapters log their own calls
		records = fyne.NewMenu("Records", quit)
	}
	help := fyne.NewMenu("Help", item("Getting started", "", m.onGettingStarted),
		item("ChapterDesk guide (README, on the web)", "", m.onReadme),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem("About ChapterDesk", func() {
			dialog.ShowInformation("About ChapterDesk",
				"ChapterDesk "+version+"\n\nVolunteers, call reports, the whip count, leaflets and\nworkbooks for a chapter's campaign, on your own laptop.", m.w)
		}))
	return fyne.NewMainMenu(records, goMenu, help)
}

// quit ends the app (the Quit button and menu item), which closes no window: what
// the background brings back from then on is dropped (see Stop).
func (m *mainWindow) quit() {
	Stop(m.a)
	if m.stop != nil { // the dashboard's timer, which the window's close ends too, is not always called on Quit
		m.stop()
	}
	m.a.Quit()
}
