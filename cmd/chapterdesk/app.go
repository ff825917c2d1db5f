package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/demo"
	"github.com/chapterdesk/chapterdesk/ui"
)

// appID is the app's identity for Fyne (preferences, storage); FyneApp.toml has it too.
const appID = "org.chapterdesk.app"

// runApp opens the desktop window on the database and blocks until it is closed.
func runApp(ctx context.Context, e *env) int {
	path, err := e.dbPath(true)
	if err != nil {
		fmt.Fprintln(e.stderr, "chapterdesk:", oneLine(err))
		return exitFail
	}
	if why := noDisplay(); why != "" {
		fmt.Fprintln(e.stderr, "chapterdesk:", why)
		return exitFail
	}
	armThreadCheck := func() {}
	if os.Getenv("CHAPTERDESK_THREADCHECK") != "" {
		armThreadCheck = guardUIGoroutine()
	}
	a := app.NewWithID(appID)
	quitOnSignal(ctx, a)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	files, err := newDataFiles(path)
	if err != nil {
		fmt.Fprintln(e.stderr, "chapterdesk:", oneLine(err))
		return exitFail
	}
	defer files.close()
	var failed atomic.Bool
	open := func(ctx context.Context) (ui.Store, error) {
		s, err := openWindowStore(ctx, path, appStart)
		if err != nil {
			// Started from a terminal or from the app icon: say it in both places.
			fmt.Fprintln(e.stderr, "chapterdesk:", oneLine(err))
			failed.Store(true)
			return nil, err
		}
		files.mu.Lock()
		files.adopt(ctx, s, serverAddr(path))
		files.mu.Unlock()
		return s, nil
	}
	// CHAPTERDESK_DRAWTIME=N: time the dashboard's drawing N times and quit (make bench-draw).
	rounds, _ := strconv.Atoi(os.Getenv("CHAPTERDESK_DRAWTIME"))
	w := ui.OpenMainWindow(a, version, ui.WindowOptions{Files: files,
		ScreenshotDir: os.Getenv("CHAPTERDESK_SCREENSHOTS"), WatchDamage: files.watchDamage,
		DrawTimeRounds: rounds, DrawTimeOut: e.stdout}, open)
	armThreadCheck()
	w.ShowAndRun()
	if failed.Load() {
		return exitFail
	}
	return exitOK
}

// appOpen is how the app opens a data file: a file changed outside ChapterDesk is
// checked in full in the background right after, not before the window shows.
var appOpen = db.Options{DeferFullCheck: true}

// appStart is how the app opens the file it starts on: a file that can be read as it
// is shows its dashboard while the quick check runs beside it (the first write
// waits for it), and damage it finds is shown as the full check's is (dailyCare).
// Opening another file from the window keeps appOpen: one that cannot be written
// leaves the lead where they were.
var appStart = db.Options{DeferFullCheck: true, CheckBeside: true}

// dataFiles is the window's way to switch data files and chapter servers: it owns the
// open store and, for a data file, its daily care (backup and full check).
type dataFiles struct {
	mu       sync.Mutex
	s        *db.Store // nil until the file is open (or when it could not be)
	path     string    // the file asked for at start, for a restore before it opened
	demoPath string
	// ownFile is the lead's own data file, where *Use my data file* goes back to: the
	// file the app started on, else the default one.
	ownFile string
	// addr is the address of the chapter server the store is on (never with a
	// password); "" on a data file.
	addr string

	stopCare func()                 // stops the daily care of the open store
	found    func(*db.DamagedError) // the window's damage notice, from any goroutine
}

// watchDamage is how the window asks to hear of damage the background check finds.
func (f *dataFiles) watchDamage(found func(*db.DamagedError)) {
	f.mu.Lock()
	f.found = found
	f.mu.Unlock()
}

// endCare stops the daily care of the open store, before it is closed; call it with
// f.mu held.
func (f *dataFiles) endCare() {
	if f.stopCare != nil {
		f.stopCare()
		f.stopCare = nil
	}
}

// startCare starts the daily care of the open store, stopping that of the one before;
// call it with f.mu held.
func (f *dataFiles) startCare(ctx context.Context) {
	f.endCare()
	if f.s == nil {
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	f.stopCare = cancel
	found := f.found
	go func(s *db.Store) {
		dailyCare(ctx, s, careTiming, func(de *db.DamagedError) {
			if found != nil {
				found(de)
			}
		})
	}(f.s)
}

var (
	_ ui.DataFiles      = (*dataFiles)(nil)
	_ ui.ChapterServers = (*dataFiles)(nil)
)

// newDataFiles is the window's switcher for a start on target (a data file or a
// server address).
func newDataFiles(target string) (*dataFiles, error) {
	own := target
	if db.IsServer(target) {
		p, err := defaultDataFile(true)
		if err != nil {
			return nil, err
		}
		own = p
	}
	return &dataFiles{path: target, ownFile: own, demoPath: filepath.Join(filepath.Dir(own), "chapterdesk-demo.db")}, nil
}

// serverAddr is target when it names a server, else "".
func serverAddr(target string) string {
	if db.IsServer(target) {
		return target
	}
	return ""
}

// adopt makes s the open store in place of the one before, which is closed; a data
// file gets its daily care (a server has its own backups). Every switch of the
// window's store ends here. Call it with f.mu held.
func (f *dataFiles) adopt(ctx context.Context, s *db.Store, addr string) {
	f.endCare()
	if f.s != nil && f.s != s {
		f.s.Close()
	}
	f.s, f.addr = s, addr
	if addr == "" {
		f.startCare(context.WithoutCancel(ctx))
	}
}

func (f *dataFiles) close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.endCare()
	if f.s != nil {
		f.s.Close()
	}
}

// Open opens the new file before closing the current one, so a file that cannot be
// opened leaves the lead where they were.
func (f *dataFiles) Open(ctx context.Context, path string) (ui.Store, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.s != nil && f.addr == "" && same(path, f.s.Path()) {
		return f.s, nil
	}
	s, err := openWindowStore(ctx, path, appOpen)
	if err != nil {
		return nil, err
	}
	f.adopt(ctx, s, serverAddr(path))
	return s, nil
}

// Restore closes the data file (a restore needs it closed), replaces it with the
// backup and opens it again; if the restore fails the file is reopened as it was.
func (f *dataFiles) Restore(ctx context.Context, backup string) (ui.Store, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.addr != "" || db.IsServer(f.path) && f.s == nil {
		return nil, errOnServer
	}
	path := f.path
	if f.s != nil {
		path = f.s.Path()
	}
	if err := db.CheckBackup(ctx, backup); err != nil {
		return nil, err
	}
	f.endCare()
	if f.s != nil {
		f.s.Close()
		f.s = nil
	}
	_, restoreErr := db.Restore(ctx, path, backup, false)
	s, err := openWindowStore(ctx, path, appOpen)
	if err != nil {
		return nil, errors.Join(restoreErr, err)
	}
	f.adopt(ctx, s, "")
	if restoreErr != nil {
		return nil, restoreErr
	}
	return s, nil
}

// Repair closes the data file, rebuilds its indexes (a copy of it as it was is kept
// first) and opens it again.
func (f *dataFiles) Repair(ctx context.Context) (ui.Store, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.addr != "" || db.IsServer(f.path) && f.s == nil {
		return nil, errOnServer
	}
	path := f.path
	f.endCare()
	if f.s != nil {
		path = f.s.Path()
		f.s.Close()
		f.s = nil
	}
	kept, repairErr := db.RepairIndexes(ctx, path)
	if repairErr == nil {
		slog.Info("repaired the data file's indexes", "path", path, "kept", kept)
	}
	s, err := openWindowStore(ctx, path, appOpen)
	if err != nil {
		return nil, errors.Join(repairErr, err)
	}
	f.adopt(ctx, s, "")
	if repairErr != nil {
		return nil, repairErr
	}
	return s, nil
}

// Demo opens the demo chapter beside the data file, making it on first use.
func (f *dataFiles) Demo(ctx context.Context) (ui.Store, error) {
	if _, err := os.Stat(f.demoPath); errors.Is(err, os.ErrNotExist) {
		o := demo.Options{Volunteers: 2000, Calls: 20000, Seed: 1}
		if err := db.Build(ctx, f.demoPath, func(s *db.Store) error { return demo.Generate(ctx, s, o) }); err != nil {
			return nil, err
		}
	}
	return f.Open(ctx, f.demoPath)
}

// same reports whether two paths name the same file.
func same(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(ia, ib)
}

// careTimes are the daily care's waits: how long after the open it first looks, how
// long the lead must not have written for a moment to count as quiet, and how often
// it comes back.
type careTimes struct {
	start, quiet, every time.Duration
}

var careTiming = careTimes{start: 10 * time.Second, quiet: 30 * time.Second, every: time.Hour}

// dailyCare is the app's background care of the open data file until ctx ends: once
// a day, at a quiet moment (no write for t.quiet), today's backup (checked in full)
// and the full check of the file itself; at once, after t.start, when the file changed
// outside ChapterDesk since it last closed it. The check runs at low priority on its
// own read-only connection and gives way to every write: an interrupted check runs
// again at the next quiet moment. When it finds damage the store stops writing and
// found is told.
func dailyCare(ctx context.Context, s *db.Store, t careTimes, found func(*db.DamagedError)) {
	if err := s.Opened(ctx); err != nil { // the check of a start with appStart
		var de *db.DamagedError
		switch {
		case ctx.Err() != nil: // another file took this one's place meanwhile
		case errors.As(err, &de):
			slog.Error("the quick check found the data file damaged", "path", s.Path(), "problem", de.Problem)
			found(de)
		default:
			slog.Warn("the data file cannot be written", "path", s.Path(), "err", err)
		}
		return
	}
	wait := t.start
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = t.every
		if quiet := time.Since(s.LastWrite()); quiet < t.quiet {
			wait = t.quiet - quiet
			continue
		}
		now := time.Now()
		if !s.NeedsFullCheck(now) {
			if _, err := s.DailyBackup(ctx, now); err != nil && ctx.Err() == nil {
				slog.Warn("daily backup failed", "err", err)
			}
			continue
		}
		r, err := s.DailyRound(ctx, now)
		switch {
		case ctx.Err() != nil:
			return
		case errors.Is(err, db.ErrCheckInterrupted):
			wait = t.quiet // the lead is writing: try again when they pause
		case err != nil:
			slog.Warn("daily backup and check failed", "err", err)
		case !r.Intact():
			slog.Error("the full check found the data file damaged", "path", s.Path(), "problems", r.Problems)
			found(s.Damaged())
			return
		default:
			slog.Debug("daily full check", "path", s.Path(), "took", r.Took)
		}
	}
}

// openStore opens the database; a brand-new file gets the starter campaign, so a
// lead's first look is at the Safe Communities Act rather than an empty screen, whether
// the file was made by the app or by a verb.
func openStore(ctx context.Context, path string, opts db.Options) (*db.Store, error) {
	return openStoreFor(ctx, path, opts, false)
}

// openWindowStore is openStore for the window: a lead of several chapters on a server
// is let in without --chapter, as the window's Chapter chooser says which chapter its
// writes are for (a verb has no chooser, and is refused: see useVerbChapter).
func openWindowStore(ctx context.Context, path string, opts db.Options) (*db.Store, error) {
	return openStoreFor(ctx, path, opts, true)
}

func openStoreFor(ctx context.Context, path string, opts db.Options, window bool) (*db.Store, error) {
	s, err := openWithSessionPassword(ctx, path, opts)
	if errors.Is(err, db.ErrOlderSchema) {
		s, err = upgradeThenOpen(ctx, path, opts)
	}
	if errors.Is(err, db.ErrPassword) && sessionPassword(path) == "" && askPasswordFor(path) {
		s, err = openWithSessionPassword(ctx, path, opts)
	}
	if err != nil {
		return nil, damagedHint(err)
	}
	if from := s.MigratedFrom(); from > 0 && from < db.SchemaVersion() {
		sayCallTimesUnsure(ctx, s)
	}
	if w := verbStderr; w != nil { // a write waiting its turn on a server says so
		s.OnWriteWait(func(msg string) { fmt.Fprintln(w, "chapterdesk: "+msg) })
	}
	if err := useVerbChapter(ctx, s, path, opts.ReadOnly || window); err != nil {
		s.Close()
		return nil, err
	}
	if !s.Created() {
		return s, nil
	}
	if err := saveStarterCampaign(ctx, s); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// verbStderr is where the verb running writes its notes (set by run; one verb runs
// at a time).
var verbStderr io.Writer = io.Discard

// upgradeThenOpen: a verb that only reads met a file of an older ChapterDesk (the lead
// updated the app and ran a report before opening the window). Refusing it with "open
// it with write access" left the lead guessing; the file is upgraded as the app would
// upgrade it (a copy in the backups folder first, see db.migrate), then opened as asked.
func upgradeThenOpen(ctx context.Context, path string, opts db.Options) (*db.Store, error) {
	rw := opts
	rw.ReadOnly = false
	w, err := openWithSessionPassword(ctx, path, rw)
	if err != nil {
		return nil, fmt.Errorf("%w; upgrading it failed: %v", db.ErrOlderSchema, err)
	}
	from := w.MigratedFrom()
	fmt.Fprintf(verbStderr, "upgraded %s from schema %d to %d for this version of ChapterDesk (a copy of the file as it was is in its backups folder)\n",
		path, from, db.SchemaVersion())
	sayCallTimesUnsure(ctx, w)
	if err := w.Close(); err != nil {
		return nil, err
	}
	return openWithSessionPassword(ctx, path, opts)
}

// sayCallTimesUnsure tells the lead, after an upgrade, of the call reports an older
// ChapterDesk imported whose times may read hours off (db.Store.CallTimesUnsure).
func sayCallTimesUnsure(ctx context.Context, s *db.Store) {
	if _, note, err := s.CallTimesUnsure(ctx); err != nil {
		fmt.Fprintf(verbStderr, "chapterdesk: %v\n", err)
	} else if note != "" {
		fmt.Fprintf(verbStderr, "chapterdesk: %s\n", note)
	}
}

// saveStarterCampaign gives a new chapter the starter campaign: a file the app or a
// verb opens new (openStore), one an import builds, a coalition server set up.
func saveStarterCampaign(ctx context.Context, s *db.Store) error {
	c, err := db.ParseCampaignFile(assets.StarterCampaign)
	if err == nil {
		_, err = s.SaveCampaign(ctx, c)
	}
	return err
}

// verbChapter is the verb's --chapter (set when its flags are parsed; one verb runs
// at a time).
var verbChapter string

// useVerbChapter points a lead's store on a coalition server at the chapter --chapter
// names. A lead of several chapters who gives none reads all of them, but may not
// write: the records would land in whichever chapter the server takes first, which is
// the silent wrong answer --chapter is there to prevent.
// readOnly is also true for the window (openWindowStore): it names one of the chapters
// for every screen, and a Chapter chooser changes it.
func useVerbChapter(ctx context.Context, s *db.Store, path string, readOnly bool) error {
	if !db.IsServer(path) {
		if verbChapter != "" {
			return usageError{"--chapter chooses one of a lead's chapters on a coalition server; a data file is one chapter's"}
		}
		return nil
	}
	who, err := s.WhoAmI(ctx)
	if err != nil {
		return err
	}
	names := make([]string, len(who.Chapters))
	for i, c := range who.Chapters {
		names[i] = c.Name
	}
	if who.Kind == db.LoginOwner && verbChapter != "" {
		// The owner's imports and edits go to the server's own chapter: another
		// chapter's people are its lead's to change. Taken as said, an import meant
		// for Springfield would land in the owner's chapter without a word.
		for _, c := range who.Chapters {
			if strings.EqualFold(strings.TrimSpace(verbChapter), c.Name) {
				return nil
			}
		}
		return fmt.Errorf("the server's owner works in its own chapter (%s), not in %q: a chapter's people are changed by its lead (log in as the lead, or `server add-lead` to give one)",
			strings.Join(names, ", "), verbChapter)
	}
	if who.Kind != db.LoginLead {
		return nil // the coordinator reads every chapter and changes none
	}
	if verbChapter == "" {
		if len(who.Chapters) > 1 && !readOnly {
			return fmt.Errorf("%s leads %d chapters here (%s): say which this is for with --chapter NAME",
				who.Name, len(who.Chapters), strings.Join(names, ", "))
		}
		return nil
	}
	for _, c := range who.Chapters {
		if strings.EqualFold(strings.TrimSpace(verbChapter), c.Name) {
			return s.UseChapter(ctx, c.ID)
		}
	}
	return fmt.Errorf("%s leads no chapter named %q here (%s)", who.Name, verbChapter, strings.Join(names, ", "))
}
