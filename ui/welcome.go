package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
)

// welcomeStore is what the first-run greeting reads and writes.
type welcomeStore interface {
	CountVolunteers(ctx context.Context, f db.VolunteerFilter) (int, error)
	Legislators(ctx context.Context) ([]db.Legislator, error)
	SelfChapter(ctx context.Context) (db.Chapter, error)
	UpdateSelfChapter(ctx context.Context, c db.Chapter) error
}

// isEmptyChapter reports whether the data file has neither volunteers nor
// legislators: a lead's first start.
func isEmptyChapter(ctx context.Context, s welcomeStore) (bool, error) {
	n, err := s.CountVolunteers(ctx, db.VolunteerFilter{})
	if err != nil || n > 0 {
		return false, err
	}
	ls, err := s.Legislators(ctx)
	return len(ls) == 0, err
}

// welcomeScreen greets a lead whose data file is empty with three ways in: the demo
// chapter, starting their own chapter (name, state, then their legislators and
// volunteers), or an existing data file.
type welcomeScreen struct {
	w       fyne.Window
	store   welcomeStore
	files   DataFiles
	content fyne.CanvasObject

	name, state *widget.Entry
	connect     *widget.Button // nil when no server is offered
	message     *widget.Label
	loaded      *widget.Label   // which legislators came in with the chapter
	steps       *fyne.Container // shown once the chapter has a name
	imports     *importFlow
	onDone      func() // go to the app
	onOpenFile  func()
	onOpenDemo  func()
	// onConnect opens *Connect to a chapter server…*; nil: not offered (no servers).
	onConnect func()
}

func newWelcomeScreen(w fyne.Window, s welcomeStore, files DataFiles, onDone func(), onOpenFile, onOpenDemo, onConnect func()) *welcomeScreen {
	ws := &welcomeScreen{w: w, store: s, files: files, onDone: onDone, onOpenFile: onOpenFile, onOpenDemo: onOpenDemo, onConnect: onConnect}
	ws.imports = &importFlow{w: w, files: files}
	ws.buildUI()
	return ws
}

func (ws *welcomeScreen) buildUI() {
	title := widget.NewLabelWithStyle("Welcome to ChapterDesk", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabelWithStyle("Your volunteers, their call reports and the whip count, on this laptop. How would you like to start?",
		fyne.TextAlignCenter, fyne.TextStyle{})

	demo := widget.NewButton("Open the demo chapter", ws.onOpenDemo)
	demoCard := widget.NewCard("Explore the demo", "", container.NewVBox(
		wrapped("A made-up chapter with 2,000 volunteers and 20,000 call reports, to try everything without risk. Your own data file is left as it is."),
		layout.NewSpacer(), demo))

	ws.name = widget.NewEntry()
	ws.name.PlaceHolder = "e.g. Worcester Chapter"
	ws.state = widget.NewEntry()
	ws.state.PlaceHolder = "e.g. MA"
	ws.message = widget.NewLabel("")
	ws.message.Importance = widget.DangerImportance
	ws.message.Wrapping = fyne.TextWrapWord
	start := widget.NewButton("Start my chapter", ws.onStart)
	start.Importance = widget.HighImportance
	ws.loaded = wrapped("")
	ws.loaded.Hide()
	ws.steps = container.NewVBox(ws.loaded,
		wrapped("Next, bring in your roster, and a newer legislators file if you have one (you can also do it later from Print & export):"))
	for _, k := range importKinds[:2] {
		b := widget.NewButton("Import "+strings.ToLower(k.label), func() { ws.imports.start(k.kind) })
		ws.steps.Add(container.NewBorder(nil, nil, nil, nil, b))
		ws.steps.Add(lowLabel(k.hint))
	}
	goOn := widget.NewButton("Go to my chapter", ws.onDone)
	goOn.Importance = widget.HighImportance
	ws.steps.Add(goOn)
	ws.steps.Hide()
	mine := widget.NewCard("Start my chapter", "", container.NewVBox(
		container.New(layout.NewFormLayout(), widget.NewLabel("Chapter name"), ws.name, widget.NewLabel("State"), ws.state),
		start, ws.message, ws.steps))

	open := widget.NewButton("Open a data file…", ws.onOpenFile)
	openBox := container.NewVBox(
		wrapped("A chapter file from another laptop or a backup (a .db file). It opens in place of this empty one."),
		layout.NewSpacer(), open)
	openCard := widget.NewCard("Open an existing data file", "", openBox)
	if ws.files == nil {
		demo.Disable()
		open.Disable()
	}
	// A lead whose chapter (or coalition) shares a server is told where to go first:
	// starting a chapter of their own here would be a second, unshared one (tester t9).
	if _, ok := ws.files.(ChapterServers); ok && ws.onConnect != nil {
		ws.connect = widget.NewButton("Connect to a chapter server…", ws.onConnect)
		openCard.SetTitle("Open an existing chapter")
		openBox.Add(wrapped("Or your chapter's or coalition's server, when several leads share it: its owner gave you the host, database, user and password."))
		openBox.Add(ws.connect)
	}
	cards := container.NewGridWithColumns(3, demoCard, mine, openCard)
	ws.content = container.NewVScroll(container.NewPadded(container.NewVBox(title, intro, cards)))
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func (ws *welcomeScreen) onStart() { ws.startAsync() }

// startAsync names the chapter, then shows the import steps; the channel closes
// when done.
func (ws *welcomeScreen) startAsync() <-chan struct{} {
	done := make(chan struct{})
	name, state := strings.TrimSpace(ws.name.Text), strings.ToUpper(strings.TrimSpace(ws.state.Text))
	if name == "" {
		ws.message.SetText("Give your chapter a name; it is printed on leaflets and call sheets.")
		close(done)
		return done
	}
	if len(state) != 2 {
		ws.message.SetText("Give your state as two letters, like MA.")
		close(done)
		return done
	}
	background(func() {
		defer close(done)
		ctx := context.Background()
		c, err := ws.store.SelfChapter(ctx)
		if err == nil {
			c.Name, c.State = name, state
			err = ws.store.UpdateSelfChapter(ctx, c)
		}
		var loaded string
		if err == nil {
			loaded, err = loadBundledLegislators(ctx, ws.files, state)
		}
		doUIAndWait(func() {
			var ve *db.ValidationError
			switch {
			case errors.As(err, &ve):
				ws.message.SetText(ve.Message)
			case err != nil:
				showError(ws.w, err)
			default:
				ws.message.SetText("")
				ws.w.SetTitle(windowTitle(name))
				ws.loaded.SetText(loaded)
				ws.loaded.Hidden = loaded == ""
				ws.steps.Show()
			}
		})
	})
	return done
}

// loadBundledLegislators imports the legislators of state that came with ChapterDesk
// (as `chapterdesk import legislators --state XX` does) and says what came in. A
// state ChapterDesk has none of is no error: the lead imports a file instead.
func loadBundledLegislators(ctx context.Context, files DataFiles, state string) (string, error) {
	if files == nil || !slices.Contains(assets.LegislatorStates(), state) {
		return "", nil
	}
	res, err := files.Import(ctx, ImportRequest{Kind: "legislators", Bundled: true, State: state}, nil)
	if err != nil {
		return "", err
	}
	sum := res.Summary
	said := fmt.Sprintf("Your state's %d legislators are in, from the Open States data of %s that came with ChapterDesk. "+
		"A newer list: Legislators › Update legislators…", sum.Created+sum.Updated+sum.Unchanged, assets.LegislatorsDate())
	// The campaign's sponsors: marked in the whip count, or not in office (the
	// Campaign screen says so too).
	for _, n := range sum.Notes {
		said += "\n" + n + "."
	}
	return said, nil
}
