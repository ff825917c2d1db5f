package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// campaignStore is what the Campaign screen reads and writes.
type campaignStore interface {
	Campaigns(ctx context.Context) ([]db.CampaignSummary, error)
	Campaign(ctx context.Context, id int64) (db.Campaign, error)
	SaveCampaign(ctx context.Context, c db.Campaign) (int64, error)
}

// campaignScreen edits the campaign's texts and their translations.
type campaignScreen struct {
	w       fyne.Window
	store   campaignStore
	content fyne.CanvasObject
}

func newCampaignScreen(w fyne.Window, s campaignStore) *campaignScreen {
	return &campaignScreen{w: w, store: s, content: widget.NewLabel("Campaign")}
}

func (c *campaignScreen) refreshAsync() <-chan struct{} {
	done := make(chan struct{})
	close(done)
	return done
}
