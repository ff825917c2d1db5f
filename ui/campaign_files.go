package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2/dialog"

	"github.com/chapterdesk/chapterdesk/db"
)

// Campaign files: the coalition writes the FAQ and script once, every chapter loads
// it. Export runs the `campaign export` verb; import reads the file and hands it to
// the store, matched by the campaign's UUID (a newer revision updates it and keeps
// the chapter's own additions; an older one is refused).

func (c *campaignScreen) onExportFile() {
	if c.files == nil || c.edit.ID == 0 {
		return
	}
	id := c.edit.ID
	pickSaveFileAsync(c.w, "campaign.json", ".json", func(path string) {
		background(func() {
			said, err := c.files.RunVerb(context.Background(), "campaign", "export", fmt.Sprint(id), path)
			doUIAndWait(func() {
				if err != nil {
					dialog.ShowInformation("Could not export", err.Error(), c.w)
					return
				}
				dialog.ShowInformation("Campaign file saved", said, c.w)
			})
		})
	})
}

func (c *campaignScreen) onImportFile() {
	if c.dirty {
		dialog.ShowInformation("Unsaved changes", "Save or undo your changes to this campaign first: loading a campaign file may update it.", c.w)
		return
	}
	pickFileAsync(c.w, []string{".json"}, func(path string) { c.importFileAsync(path) })
}

// importFileAsync loads a campaign file and shows the campaign; the channel closes
// once the outcome is on screen.
func (c *campaignScreen) importFileAsync(path string) <-chan struct{} {
	done := make(chan struct{})
	background(func() {
		defer close(done)
		msg, err := c.importFile(context.Background(), path)
		if err != nil {
			doUIAndWait(func() { c.showMessage(err.Error(), true) })
			return
		}
		<-c.refreshAsync()
		doUIAndWait(func() { c.showMessage(msg, false) })
	})
	return done
}

func (c *campaignScreen) importFile(ctx context.Context, path string) (string, error) {
	name := filepath.Base(path)
	data, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("%s cannot be read: %w", name, err)
	}
	camp, err := db.ParseCampaignFile(data)
	if err != nil {
		return "", fmt.Errorf("%s is not a campaign file ChapterDesk can read: %w", name, err)
	}
	res, err := c.store.ImportCampaign(ctx, camp)
	if errors.Is(err, db.ErrOlderRevision) {
		return "", fmt.Errorf("%s is an older revision of %q than this chapter has; nothing changed", name, camp.Name())
	}
	if err != nil {
		return "", err
	}
	msg := fmt.Sprintf("Updated %s to revision %d from %s; the chapter's own additions are kept.", camp.Name(), res.Revision, name)
	if res.Created {
		msg = fmt.Sprintf("Loaded %s (revision %d) from %s.", camp.Name(), res.Revision, name)
	}
	for _, n := range res.Notes { // the sponsors marked in the whip count, or not found
		msg += "\n" + sentence(n)
	}
	return msg, nil
}
