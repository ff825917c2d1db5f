package ui

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// serverCheck is how often the window asks its chapter server whether it is there,
// and, once it is not, how often it tries again. 0: never by itself (tests call
// checkAsync).
var serverCheck = 3 * time.Second

// serverBackShown is how long "connected again" stays above the screens.
var serverBackShown = 8 * time.Second

// connWatch watches the window's connection to its chapter server: a failed query
// anywhere (or its own small one every serverCheck) shows the band above the screens
// ("the chapter server cannot be reached; retrying"), it tries again in the
// background, and the band says when the server is back. Nothing under the band is
// rebuilt: a form being typed keeps its text and its focus.
type connWatch struct {
	m     *mainWindow
	store interface {
		SelfChapter(ctx context.Context) (db.Chapter, error)
	}
	name string // the server, as db.ServerName shows it

	band    fyne.CanvasObject
	message *widget.Label

	lost  atomic.Bool // the server is not reachable (written on the UI goroutine)
	since time.Time   // when it was lost; UI goroutine
	// told: a dialog has said so during this outage (UI goroutine); the next
	// failures are left to the band, so a lead typing on does not stack dialogs.
	told     bool
	checking atomic.Bool
	stopped  atomic.Bool
	stopOnce sync.Once
	done     chan struct{}
}

// connWatchers is the watch of each window on a server, for showError.
var connWatchers sync.Map // fyne.Window -> *connWatch

func newConnWatch(m *mainWindow, s Store) *connWatch {
	c := &connWatch{m: m, store: s, name: s.Path(), done: make(chan struct{})}
	c.message = widget.NewLabel("")
	c.message.Wrapping = fyne.TextWrapWord
	c.band = container.NewPadded(c.message)
	connWatchers.Store(m.w, c)
	if serverCheck > 0 {
		go c.loop()
	}
	return c
}

// stop ends the watch (a switch of store, the window closing); its banner goes.
func (c *connWatch) stop() {
	c.stopOnce.Do(func() {
		c.stopped.Store(true)
		close(c.done)
		connWatchers.CompareAndDelete(c.m.w, c)
	})
}

func (c *connWatch) loop() {
	t := time.NewTicker(serverCheck)
	defer t.Stop()
	for {
		select {
		case <-c.done:
			return
		case <-t.C:
			<-c.checkAsync()
		}
	}
}

// checkAsync asks the server a small question off the UI goroutine and shows what
// came of it: lost, back, or (no change) nothing. The channel closes once shown.
func (c *connWatch) checkAsync() <-chan struct{} {
	done := make(chan struct{})
	if c.checking.Swap(true) {
		close(done)
		return done
	}
	background(func() {
		defer close(done)
		defer c.checking.Store(false)
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		_, err := c.store.SelfChapter(ctx)
		if c.stopped.Load() {
			return
		}
		switch {
		case err == nil:
			if c.lost.Load() {
				doUIAndWait(c.onBack)
			}
		case db.Unreachable(err) || ctx.Err() != nil:
			doUIAndWait(func() { c.onLost(err) })
		default:
			slog.Warn("chapter server check", "server", c.name, "err", err)
		}
	})
	return done
}

// onLost shows the band; UI goroutine only.
func (c *connWatch) onLost(err error) {
	if c.stopped.Load() {
		return
	}
	if !c.lost.Load() {
		c.lost.Store(true)
		c.since = time.Now()
		slog.Warn("the chapter server cannot be reached", "server", c.name, "err", err)
	}
	c.message.Importance = widget.DangerImportance
	c.message.SetText("The chapter server " + c.name + " cannot be reached since " + c.since.Format("15:04:05") +
		"; retrying. What you type stays in the form: save once it is back.")
	c.m.setBand(c.band)
}

// onBack says the server answers again; UI goroutine only.
func (c *connWatch) onBack() {
	if c.stopped.Load() || !c.lost.Load() {
		return
	}
	c.lost.Store(false)
	c.told = false
	slog.Info("the chapter server is back", "server", c.name, "after", time.Since(c.since).Round(time.Second))
	c.message.Importance = widget.SuccessImportance
	c.message.SetText("Connected again to the chapter server " + c.name + " at " + time.Now().Format("15:04:05") + ".")
	c.m.setBand(c.band)
	if c.m.screensShown() && c.m.currentScreen() == screenDashboard {
		if f := c.m.onShow[screenDashboard]; f != nil {
			f()
		}
	}
	if serverBackShown > 0 {
		time.AfterFunc(serverBackShown, func() {
			doUI(func() {
				if !c.lost.Load() && !c.stopped.Load() {
					c.m.setBand(nil)
				}
			})
		})
	}
}

// connectionLost tells the watch of w, if it has one, that err came from a server
// that cannot be reached, and reports whether it had one (ok) and whether a dialog
// already said so during this outage (told; the caller then shows none, and from
// now on it counts as said); UI goroutine only.
func connectionLost(w fyne.Window, err error) (told, ok bool) {
	c := connWatchOf(w)
	if c == nil || !db.Unreachable(err) {
		return false, false
	}
	c.onLost(err)
	told, c.told = c.told, true
	return told, true
}

// connWatchOf is the watch of w's connection to its server; nil on a data file.
func connWatchOf(w fyne.Window) *connWatch {
	if v, ok := connWatchers.Load(w); ok {
		return v.(*connWatch)
	}
	return nil
}

// setBand shows b above whatever the window shows (nil removes it), keeping the
// focused field focused; UI goroutine only.
func (m *mainWindow) setBand(b fyne.CanvasObject) {
	base := m.w.Content()
	if m.banded != nil && base == m.banded {
		base = m.bandBase
	}
	focused := m.w.Canvas().Focused()
	if b == nil {
		if m.banded != nil {
			m.banded, m.bandBase = nil, nil
			m.w.SetContent(base)
		}
	} else {
		m.bandBase = base
		m.banded = container.NewBorder(b, nil, nil, nil, base)
		m.w.SetContent(m.banded)
	}
	if focused != nil {
		m.w.Canvas().Focus(focused)
	}
}

// screensShown reports whether the window shows its screens (not the welcome or a
// problem at start), with or without a band above them; UI goroutine only.
func (m *mainWindow) screensShown() bool {
	c := m.w.Content()
	if m.banded != nil && c == m.banded {
		c = m.bandBase
	}
	_, tabs := c.(*container.AppTabs)
	return tabs || (c != nil && c == m.main) || m.damage != nil
}
