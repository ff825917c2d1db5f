package ui

import (
	"fmt"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer/format"
)

// importOptions are what an import of legislators or call reports takes besides its
// columns, as `chapterdesk import` takes them by flag: for legislators the state they
// sit for and whether the file is the whole legislature now (--state,
// --retire-missing); for call reports the campaign they were about and whether the
// whip count follows what callers heard (--campaign, --update-stances). Volunteers
// have none.
type importOptions struct {
	content fyne.CanvasObject // nil for a kind without options

	state  *widget.Entry
	retire *widget.Check

	campaigns []db.CampaignSummary
	campaign  *widget.Select
	stances   *widget.Check
	dayFirst  *widget.Check // DayFirstChoice

	onChanged func() // the mapping form's check, so a bad state disables Preview
}

func newImportOptions(f ImportFile) *importOptions {
	o := &importOptions{}
	switch f.Kind {
	case "legislators":
		o.state = widget.NewEntry()
		o.state.SetText(f.State)
		o.state.PlaceHolder = "e.g. MA"
		o.state.OnChanged = func(string) {
			if o.onChanged != nil {
				o.onChanged()
			}
		}
		o.retire = widget.NewCheck("This file is the whole legislature as it is now: legislators of the state it no longer lists go out of office", nil)
		o.content = container.NewVBox(boldLabel("Options"), container.New(layout.NewFormLayout(),
			widget.NewLabel("The legislators sit for"), container.NewHBox(container.NewGridWrap(fyne.NewSize(80, o.state.MinSize().Height), o.state),
				lowLabel("(the state's two-letter code)"))), o.retire)
	case "calls":
		o.campaigns = f.Campaigns
		var names []string
		for _, c := range f.Campaigns {
			names = append(names, campaignChoice(c))
		}
		o.campaign = widget.NewSelect(names, nil)
		if len(names) > 0 {
			o.campaign.SetSelectedIndex(0) // the newest, unless the app's menu chose another (chooseCampaign)
		}
		o.stances = widget.NewCheck("Move the whip count to what callers heard (each legislator's newest report)", nil)
		o.dayFirst = widget.NewCheck(DayFirstChoice, nil)
		o.dayFirst.SetChecked(f.DayFirst)
		o.content = container.NewVBox(boldLabel("Options"), container.New(layout.NewFormLayout(),
			widget.NewLabel("The calls were about"), o.campaign), o.stances, o.dayFirst, lowLabel(dayFirstNote(f)))
	}
	return o
}

// dayFirstNote says what DayFirstChoice does, and why it is ticked or may need to be.
func dayFirstNote(f ImportFile) string {
	switch {
	case f.DayFirst:
		return "Ticked: the dates of the file's first rows can only be read day first (13/11/2026: there is no 13th month). Unticked, 02/11/2026 would be read as February 11."
	case f.DayFirstHeader != "":
		return fmt.Sprintf("The file's “%s” is a form's timestamp in %s, whose sheets often write the day first: "+
			"tick it if 02/11/2026 means 2 November, and check the dates in the preview.", f.DayFirstHeader, format.TimestampLanguage(f.DayFirstHeader))
	}
	return "Unticked, 02/11/2026 is read as February 11 (month first); ticked, as 2 November."
}

// chooseCampaign selects, for call reports, the campaign of that UUID when it is
// offered and not archived (the campaign the app's menu has chosen); otherwise the
// newest stays selected.
func (o *importOptions) chooseCampaign(uuid string) {
	if o == nil || o.campaign == nil || uuid == "" {
		return
	}
	for i, c := range o.campaigns {
		if c.UUID == uuid && c.Status != "archived" {
			o.campaign.SetSelectedIndex(i)
		}
	}
}

// campaignChoice names a campaign in the list: "Safe Communities Act (S.1305 / H.3269)".
func campaignChoice(c db.CampaignSummary) string {
	name := c.Name
	if name == "" {
		name = fmt.Sprintf("Campaign %d", c.ID)
	}
	if c.BillNumbers != "" {
		name += " (" + c.BillNumbers + ")"
	}
	if c.Status != "" && c.Status != "active" {
		name += ", " + c.Status
	}
	return name
}

// stateCode is the state as typed, in capitals, and whether it can be one: two
// letters, or empty (which problem refuses).
func (o *importOptions) stateCode() (string, bool) {
	st := strings.ToUpper(strings.TrimSpace(o.state.Text))
	if st == "" {
		return "", true
	}
	if len([]rune(st)) != 2 || strings.IndexFunc(st, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
		return st, false
	}
	return st, true
}

// problem says what stops a preview ("" when nothing does).
func (o *importOptions) problem() string {
	if o.campaign != nil && len(o.campaigns) == 0 {
		return "There is no campaign to file the calls under: load the campaign's file on the Campaign screen first."
	}
	if o.state == nil {
		return ""
	}
	st, ok := o.stateCode()
	switch {
	case !ok:
		return fmt.Sprintf("“%s” is not a state's two-letter code (MA, NY, CA…).", st)
	case st == "":
		return "Say which state these legislators sit for (its two-letter code): the file does not."
	}
	return ""
}

// apply puts the options into an import request; it reads the widgets, so call it
// on the UI goroutine.
func (o *importOptions) apply(req *ImportRequest) {
	if o.state != nil {
		req.State, _ = o.stateCode()
		req.RetireMissing = o.retire.Checked
	}
	if o.campaign != nil {
		if i := o.campaign.SelectedIndex(); i >= 0 && i < len(o.campaigns) {
			req.CampaignID = o.campaigns[i].ID
		}
		req.UpdateStances = o.stances.Checked
		req.DayFirst = o.dayFirst.Checked
	}
}
