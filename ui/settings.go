package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// settingsStore is what the Settings screen reads and writes.
type settingsStore interface {
	SelfChapter(ctx context.Context) (db.Chapter, error)
	UpdateSelfChapter(ctx context.Context, c db.Chapter) error
	BackupNow(ctx context.Context, now time.Time) (string, error)
	trashStore
	Path() string
}

var themeLabels = []struct{ value, label string }{{themeSystem, "Follow the system"}, {themeLight, "Light"}, {themeDark, "Dark"}}

// settingsScreen holds the chapter's profile (the contact block of leaflets), the
// data file and its backups, and the app's look.
type settingsScreen struct {
	w        fyne.Window
	a        fyne.App
	store    settingsStore
	prefs    settings
	files    DataFiles
	switched func(Store)
	content  fyne.CanvasObject
	// onConnect opens *Connect to a chapter server…* (the window's); nil: not offered.
	onConnect func()

	name, state, contact, email, phone, website *widget.Entry
	address                                     *widget.Entry
	profileMessage                              *widget.Label
	backups                                     *fyne.Container
	backupMessage                               *widget.Label
	lastCheck                                   *widget.Label
	theme                                       *widget.RadioGroup
	staleDays                                   *widget.Entry
	debug                                       *widget.Check
	trash                                       *trashCard

	chapter db.Chapter
	// coordinator: the coalition coordinator's screen, with no chapter profile and no
	// trash (volunteers and reports are the chapters').
	coordinator bool
	// refreshed closes when the latest refresh is on screen (tests wait on it).
	refreshed <-chan struct{}
}

func newSettingsScreen(w fyne.Window, a fyne.App, s settingsStore, prefs settings, files DataFiles, switched func(Store)) *settingsScreen {
	return newSettingsScreenAs(w, a, s, prefs, files, switched, false)
}

func newSettingsScreenAs(w fyne.Window, a fyne.App, s settingsStore, prefs settings, files DataFiles, switched func(Store), coordinator bool) *settingsScreen {
	st := &settingsScreen{w: w, a: a, store: s, prefs: prefs, files: files, switched: switched, coordinator: coordinator}
	st.buildUI()
	return st
}

func (s *settingsScreen) buildUI() {
	entry := func(placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.PlaceHolder = placeholder
		return e
	}
	s.name, s.state, s.contact = entry("e.g. Greater Boston Chapter"), entry("e.g. MA"), entry("Who answers questions, e.g. Ana Souza")
	s.email, s.phone, s.website = entry("e.g. chapter@example.org"), entry("e.g. 617-555-0100"), entry("e.g. https://example.org")
	s.address = widget.NewMultiLineEntry()
	s.address.SetMinRowsVisible(2)
	s.profileMessage = widget.NewLabel("")
	s.profileMessage.Wrapping = fyne.TextWrapWord
	saveProfile := widget.NewButton("Save profile", s.onSaveProfile)
	saveProfile.Importance = widget.HighImportance
	profile := container.New(layout.NewFormLayout(),
		widget.NewLabel("Chapter name"), s.name, widget.NewLabel("State"), s.state,
		widget.NewLabel("Contact"), s.contact, widget.NewLabel("Email"), s.email,
		widget.NewLabel("Phone"), s.phone, widget.NewLabel("Website"), s.website,
		widget.NewLabel("Address"), s.address)

	server := onServer(s.store)
	where := s.store.Path()
	if server {
		where = "Chapter server " + where + ", shared with the chapter's other leads."
	}
	path := widget.NewLabel(where)
	path.Wrapping = fyne.TextWrapBreak
	openOther := widget.NewButton("Open another data file…", s.onOpenOther)
	demo := widget.NewButton("Open the demo chapter", s.onOpenDemo)
	connect := widget.NewButton("Connect to a chapter server…", func() {
		if s.onConnect != nil {
			s.onConnect()
		}
	})
	useFile := widget.NewButton("Use my data file", s.onUseDataFile)
	if s.files == nil {
		openOther.Disable()
		demo.Disable()
	}
	if _, ok := s.files.(ChapterServers); !ok {
		connect.Disable()
		useFile.Disable()
	}
	whereButtons := container.NewGridWithColumns(2, openOther, demo, connect)
	if server {
		whereButtons.Add(useFile)
	}
	s.backups = container.NewVBox()
	s.backupMessage = widget.NewLabel("")
	s.backupMessage.Wrapping = fyne.TextWrapWord
	backupNow := widget.NewButton("Back up now", s.onBackupNow)
	s.lastCheck = lowLabel("")

	var labels []string
	for _, t := range themeLabels {
		labels = append(labels, t.label)
	}
	s.theme = widget.NewRadioGroup(labels, nil)
	for _, t := range themeLabels {
		if t.value == s.prefs.theme() {
			s.theme.SetSelected(t.label)
		}
	}
	s.theme.OnChanged = s.onTheme
	s.staleDays = widget.NewEntry()
	s.staleDays.SetText(strconv.Itoa(s.prefs.staleDays()))
	s.staleDays.OnChanged = s.onStaleDays
	s.debug = widget.NewCheck("Show technical details in error messages", func(on bool) {
		s.prefs.setDebugErrors(on)
		rawErrors.Store(on)
	})
	s.debug.SetChecked(s.prefs.debugErrors())

	left := container.NewVBox(
		widget.NewCard("", "Chapter profile (printed on leaflets and call sheets)",
			container.NewVBox(profile, container.NewHBox(saveProfile), s.profileMessage)),
		widget.NewCard("", "Look", container.NewVBox(s.theme,
			container.NewBorder(nil, nil, widget.NewLabel("Dashboard targets: not called in"), widget.NewLabel("days"), s.staleDays),
			s.debug)))
	s.trash = newTrashCard(s.w, s.store, nil)
	backups := widget.NewCard("", "Backups", container.NewVBox(
		lowLabel("A copy is made every day the app is used (the last 7 good ones are kept) and before every upgrade of the file. Each copy is checked in full by SQLite; one that fails is marked damaged and never counts among the 7. Restoring keeps the current data as a backup first."),
		s.lastCheck, container.NewHBox(backupNow), s.backupMessage, s.backups))
	title := "Data file"
	if server {
		title = "Where the chapter is"
		backups = widget.NewCard("", "Backups", lowLabel("The chapter server is backed up by whoever runs it. "+
			"For a copy of your own (to take to a canvass, say), `chapterdesk backup FILE --db` and the server's address "+
			"writes the chapter as an ordinary ChapterDesk data file."))
	}
	right := container.NewVBox(
		widget.NewCard("", title, container.NewVBox(path, whereButtons)),
		backups,
		s.trash.content)
	if s.coordinator {
		path.SetText("Chapter server " + s.store.Path() + ": the coalition's, shared with every chapter's leads.")
		left = container.NewVBox(left.Objects[1]) // the look; the coalition has no profile of its own
		right = container.NewVBox(widget.NewCard("", "Where the coalition is", container.NewVBox(path, whereButtons)),
			widget.NewCard("", "Backups", lowLabel("The coalition's server is backed up by whoever runs it.")))
	}
	s.content = container.NewVScroll(container.NewPadded(container.NewGridWithColumns(2, left, right)))
}

// settingsData is what the screen loads.
type settingsData struct {
	chapter   db.Chapter
	backups   []db.BackupFile
	lastCheck time.Time // the last clean full check of the data file
}

// refreshAsync loads the profile and the list of backups.
func (s *settingsScreen) refreshAsync() <-chan struct{} {
	done := make(chan struct{})
	s.refreshed = done
	background(func() {
		defer close(done)
		var d settingsData
		var err error
		if s.coordinator {
			doUIAndWait(func() { s.show(d) })
			return
		}
		if d.chapter, err = s.store.SelfChapter(context.Background()); err == nil && !onServer(s.store) {
			d.backups, err = db.ListBackups(s.store.Path())
			d.lastCheck = db.LastFullCheck(s.store.Path())
		}
		if err != nil {
			showErrorAsync(s.w, err)
			return
		}
		doUIAndWait(func() { s.show(d) })
		<-s.trash.refreshAsync()
	})
	return done
}

func (s *settingsScreen) show(d settingsData) {
	c := d.chapter
	s.chapter = c
	for e, v := range map[*widget.Entry]string{s.name: c.Name, s.state: c.State, s.contact: c.ContactName,
		s.email: c.Email, s.phone: c.Phone, s.website: c.Website, s.address: c.Address} {
		e.SetText(v)
	}
	if d.lastCheck.IsZero() {
		s.lastCheck.SetText("The data file has not had SQLite's full check yet; it runs once a day, at a quiet moment.")
	} else {
		s.lastCheck.SetText("The data file last passed SQLite's full check on " + d.lastCheck.Format("Mon Jan 2 2006, 15:04") +
			"; it runs once a day, at a quiet moment.")
	}
	s.backups.RemoveAll()
	for _, b := range d.backups {
		kind := map[string]string{"daily": "daily", "migration": "before an upgrade", "pre-migration": "before an upgrade",
			"manual": "made by hand", "before-restore": "before a restore", "before-repair": "before a repair"}[b.Kind]
		if kind == "" {
			kind = filepath.Base(b.Path)
		}
		text := fmt.Sprintf("%s · %s · %s · %s", b.ModTime.Format("Mon Jan 2 2006, 15:04"), kind, sizeText(b.Size), backupMark(b))
		label := widget.NewLabel(text)
		restore := widget.NewButton("Restore", func() { s.onRestore(b) })
		if b.Damaged {
			label.Importance = widget.DangerImportance
			restore.Disable()
		}
		s.backups.Add(container.NewBorder(nil, nil, nil, restore, label))
	}
	if len(d.backups) == 0 {
		s.backups.Add(lowLabel("No backups yet."))
	}
}

// backupMark says whether a backup passed SQLite's full check.
func backupMark(b db.BackupFile) string {
	switch {
	case b.Damaged:
		return "damaged (failed the check; never restored)"
	case b.Checked:
		return "checked"
	}
	return "not checked yet"
}

// sizeText is a file size as a person reads it.
func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	default:
		return fmt.Sprintf("%d KB", (n+1023)/1024)
	}
}

func (s *settingsScreen) onSaveProfile() { s.saveProfileAsync() }

// saveProfileAsync stores the chapter profile; the channel closes when done.
func (s *settingsScreen) saveProfileAsync() <-chan struct{} {
	done := make(chan struct{})
	c := s.chapter
	c.Name, c.State, c.ContactName = strings.TrimSpace(s.name.Text), s.state.Text, s.contact.Text
	c.Email, c.Phone, c.Website, c.Address = s.email.Text, s.phone.Text, s.website.Text, s.address.Text
	background(func() {
		defer close(done)
		err := s.store.UpdateSelfChapter(context.Background(), c)
		doUIAndWait(func() {
			var ve *db.ValidationError
			switch {
			case errors.As(err, &ve):
				s.profileMessage.Importance = widget.DangerImportance
				s.profileMessage.SetText(ve.Message)
			case err != nil:
				showError(s.w, err)
			default:
				s.chapter = c
				s.profileMessage.Importance = widget.SuccessImportance
				s.profileMessage.SetText("Saved.")
				s.w.SetTitle(windowTitle(c.Name))
			}
		})
	})
	return done
}

func (s *settingsScreen) onBackupNow() {
	s.backupMessage.SetText("Backing up and checking the copy…")
	background(func() {
		path, err := s.store.BackupNow(context.Background(), time.Now())
		doUIAndWait(func() {
			if errors.Is(err, db.ErrDamaged) {
				s.backupMessage.Importance = widget.DangerImportance
				s.backupMessage.SetText("The copy failed SQLite's full check: it is kept as " + path +
					" and will never be restored. The data file itself may be damaged; a full check runs every day.")
				s.refreshAsync()
				return
			}
			if err != nil {
				s.backupMessage.SetText("")
				showError(s.w, err)
				return
			}
			s.backupMessage.Importance = widget.MediumImportance
			s.backupMessage.SetText("Backed up to " + path + " (checked: intact)")
			s.refreshAsync()
		})
	})
}

func (s *settingsScreen) onRestore(b db.BackupFile) {
	msg := fmt.Sprintf("Replace the chapter's data with the backup of %s?\nThe data as it is now is kept as a backup first, so this can be undone.",
		b.ModTime.Format("Mon Jan 2 2006, 15:04"))
	dialog.ShowConfirm("Restore a backup", msg, func(ok bool) {
		if ok {
			s.switchAsync(func(ctx context.Context) (Store, error) { return s.files.Restore(ctx, b.Path) })
		}
	}, s.w)
}

func (s *settingsScreen) onOpenOther() {
	pickFileAsync(s.w, []string{".db"}, func(path string) {
		s.switchAsync(func(ctx context.Context) (Store, error) { return s.files.Open(ctx, path) })
	})
}

// onUseDataFile goes back from a chapter server to the lead's own data file.
func (s *settingsScreen) onUseDataFile() {
	cs, ok := s.files.(ChapterServers)
	if !ok {
		return
	}
	s.switchAsync(cs.UseDataFile)
}

func (s *settingsScreen) onOpenDemo() {
	s.switchAsync(func(ctx context.Context) (Store, error) { return s.files.Demo(ctx) })
}

// switchAsync runs a data file switch off the UI goroutine, with a progress dialog,
// then rebuilds the window on the new store.
func (s *settingsScreen) switchAsync(open func(context.Context) (Store, error)) {
	if s.files == nil {
		return
	}
	bar := widget.NewProgressBarInfinite()
	wait := dialog.NewCustomWithoutButtons("One moment", bar, s.w)
	wait.Show()
	background(func() {
		st, err := open(context.Background())
		doUIAndWait(func() {
			bar.Stop() // hidden with its dialog, it would go on animating (see stopEndlessBars)
			wait.Hide()
			if err != nil {
				showError(s.w, err)
				return
			}
			s.switched(st)
		})
	})
}

func (s *settingsScreen) onTheme(label string) {
	for _, t := range themeLabels {
		if t.label == label {
			s.prefs.setTheme(t.value)
			applyTheme(s.a, t.value)
		}
	}
}

func (s *settingsScreen) onStaleDays(text string) {
	if d, err := strconv.Atoi(strings.TrimSpace(text)); err == nil && d >= 1 && d <= 365 {
		s.prefs.setStaleDays(d)
	}
}
