package ui

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// campaignPicker is the campaign the screens work on, chosen in the campaign menu
// at the top of each screen that shows campaign data and remembered (by UUID) in the
// settings. Without a choice, or when the chosen campaign is archived or gone, the
// newest active campaign is taken. A nil *campaignPicker always takes the newest.
type campaignPicker struct {
	prefs    settings
	onChange func() // the window refreshes the screen on show

	mu      sync.Mutex // pick runs on the screens' goroutines
	uuid    string
	offered []db.CampaignSummary // the campaigns the menus list (not archived)
	selects []*widget.Select     // UI goroutine only
}

func newCampaignPicker(prefs settings, onChange func()) *campaignPicker {
	return &campaignPicker{prefs: prefs, onChange: onChange, uuid: prefs.chosenCampaign()}
}

// pick returns the campaign of list (as Store.Campaigns gives it: active ones newest
// first, archived last) the screens work on, and updates the menus; ok is false when
// there is none. Any goroutine.
func (c *campaignPicker) pick(list []db.CampaignSummary) (db.CampaignSummary, bool) {
	var offered []db.CampaignSummary
	for _, camp := range list {
		if camp.Status != "archived" {
			offered = append(offered, camp)
		}
	}
	if len(list) == 0 {
		return db.CampaignSummary{}, false
	}
	if c == nil {
		if len(offered) > 0 {
			return offered[0], true
		}
		return list[0], true
	}
	c.mu.Lock()
	chosen := c.uuid
	c.offered = offered
	c.mu.Unlock()
	pick := list[0]
	if len(offered) > 0 {
		pick = offered[0]
	}
	for _, camp := range offered {
		if camp.UUID == chosen {
			pick = camp
		}
	}
	doUI(func() { c.showMenus(pick.UUID) })
	return pick, true
}

// chosen is the UUID of the campaign chosen in the menus ("" when none was, or c is
// nil). Any goroutine.
func (c *campaignPicker) chosen() string {
	if c == nil {
		return ""
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.uuid
}

// campaignLabel names a campaign in the menus (see campaignChoice).
func campaignLabel(c db.CampaignSummary) string { return campaignChoice(c) }

// showMenus lists the offered campaigns in every menu, shown is selected. UI
// goroutine only.
func (c *campaignPicker) showMenus(shown string) {
	c.mu.Lock()
	offered := c.offered
	c.mu.Unlock()
	var names []string
	sel := ""
	for _, camp := range offered {
		names = append(names, campaignLabel(camp))
		if camp.UUID == shown {
			sel = campaignLabel(camp)
		}
	}
	for _, s := range c.selects {
		s.SetOptions(names)
		if s.Selected != sel {
			s.OnChanged, s.Selected = nil, sel
			s.Refresh()
			s.OnChanged = c.onChosen
		}
	}
}

// onChosen takes the campaign the lead picked in a menu.
func (c *campaignPicker) onChosen(label string) {
	c.mu.Lock()
	uuid := ""
	for _, camp := range c.offered {
		if campaignLabel(camp) == label {
			uuid = camp.UUID
		}
	}
	changed := uuid != "" && uuid != c.uuid
	if changed {
		c.uuid = uuid
	}
	c.mu.Unlock()
	if !changed {
		return
	}
	c.prefs.setChosenCampaign(uuid)
	c.showMenus(uuid)
	if c.onChange != nil {
		c.onChange()
	}
}

// bar is a screen's campaign menu above its content.
func (c *campaignPicker) bar(content fyne.CanvasObject) fyne.CanvasObject {
	s := widget.NewSelect(nil, nil)
	s.PlaceHolder = "No campaign yet"
	s.OnChanged = c.onChosen
	c.selects = append(c.selects, s)
	top := container.NewBorder(nil, nil, widget.NewLabel("Campaign:"), nil, s)
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, content)
}
