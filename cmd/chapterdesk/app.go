package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
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
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	files := &dataFiles{path: path, demoPath: filepath.Join(filepath.Dir(path), "chapterdesk-demo.db")}
	defer files.close()
	var failed atomic.Bool
	open := func(ctx context.Context) (ui.Store, error) {
		s, err := openStore(ctx, path, db.Options{})
		if err != nil {
			// Started from a terminal or from the app icon: say it in both places.
			fmt.Fprintln(e.stderr, "chapterdesk:", oneLine(err))
			failed.Store(true)
			return nil, err
		}
		files.mu.Lock()
		files.s = s
		files.mu.Unlock()
		dailyBackupAsync(ctx, s)
		return s, nil
	}
	w := ui.OpenMainWindow(a, version, ui.WindowOptions{Files: files,
		ScreenshotDir: os.Getenv("CHAPTERDESK_SCREENSHOTS")}, open)
	armThreadCheck()
	w.ShowAndRun()
	if failed.Load() {
		return exitFail
	}
	return exitOK
}

// dataFiles is the window's way to switch data files: it owns the open store.
type dataFiles struct {
	mu       sync.Mutex
	s        *db.Store // nil until the file is open (or when it could not be)
	path     string    // the file asked for at start, for a restore before it opened
	demoPath string
}

var _ ui.DataFiles = (*dataFiles)(nil)

func (f *dataFiles) close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.s != nil {
		f.s.Close()
	}
}

// Open opens the new file before closing the current one, so a file that cannot be
// opened leaves the lead where they were.
func (f *dataFiles) Open(ctx context.Context, path string) (ui.Store, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if same(path, f.s.Path()) {
		return f.s, nil
	}
	s, err := openStore(ctx, path, db.Options{})
	if err != nil {
		return nil, err
	}
	f.s.Close()
	f.s = s
	dailyBackupAsync(ctx, s)
	return s, nil
}

// Restore closes the data file (a restore needs it closed), replaces it with the
// backup and opens it again; if the restore fails the file is reopened as it was.
func (f *dataFiles) Restore(ctx context.Context, backup string) (ui.Store, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	path := f.path
	if f.s != nil {
		path = f.s.Path()
	}
	if err := db.CheckBackup(ctx, backup); err != nil {
		return nil, err
	}
	if f.s != nil {
		f.s.Close()
		f.s = nil
	}
	_, restoreErr := db.Restore(ctx, path, backup)
	s, err := openStore(ctx, path, db.Options{})
	if err != nil {
		return nil, errors.Join(restoreErr, err)
	}
	f.s = s
	if restoreErr != nil {
		return nil, restoreErr
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

// dailyBackupAsync makes today's backup in the background, after the window is up:
// copying a large file must not slow the first look at the app.
func dailyBackupAsync(ctx context.Context, s *db.Store) {
	go func() {
		select {
		case <-ctx.Done():
			return
		case <-time.After(10 * time.Second):
		}
		if path, err := s.DailyBackup(ctx, time.Now()); err != nil {
			slog.Warn("daily backup failed", "err", err)
		} else {
			slog.Debug("daily backup", "path", path)
		}
	}()
}

// openStore opens the database; a brand-new file gets the starter campaign, so a
// lead's first look is at the Safe Communities Act rather than an empty screen, whether
// the file was made by the app or by a verb.
func openStore(ctx context.Context, path string, opts db.Options) (*db.Store, error) {
	s, err := db.Open(ctx, path, opts)
	if err != nil {
		return nil, damagedHint(err)
	}
	if !s.Created() {
		return s, nil
	}
	c, err := db.ParseCampaignFile(assets.StarterCampaign)
	if err == nil {
		_, err = s.SaveCampaign(ctx, c)
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}
