package main

import (
	"context"
	"fmt"

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
	s, err := db.Open(ctx, path, db.Options{})
	if err == nil && s.Created() {
		if err = seedNewChapter(ctx, s); err != nil {
			s.Close()
		}
	}
	if err != nil {
		// Started from a terminal or from the app icon: say it in both places.
		fmt.Fprintln(e.stderr, "chapterdesk:", oneLine(err))
		ui.ShowStartupError(a, oneLine(err))
		return exitFail
	}
	defer s.Close()
	ui.NewMainWindow(a, s, version).ShowAndRun()
	return exitOK
}

// seedNewChapter gives a brand-new file the starter campaign, so a lead's first look
// is at the Safe Communities Act rather than an empty screen.
func seedNewChapter(ctx context.Context, s *db.Store) error {
	c, err := db.ParseCampaignFile(assets.StarterCampaign)
	if err != nil {
		return err
	}
	_, err = s.SaveCampaign(ctx, c)
	return err
}
