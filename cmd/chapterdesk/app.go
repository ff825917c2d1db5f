package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
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
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	s, err := openStore(ctx, path, db.Options{})
	if err != nil {
		// Started from a terminal or from the app icon: say it in both places.
		fmt.Fprintln(e.stderr, "chapterdesk:", oneLine(err))
		ui.ShowStartupError(a, oneLine(err))
		return exitFail
	}
	defer s.Close()
	dailyBackupAsync(ctx, s)
	ui.NewMainWindow(a, s, version).ShowAndRun()
	return exitOK
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
