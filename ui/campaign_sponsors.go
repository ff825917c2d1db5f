package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// sponsorNote is the line under a bill's sponsor that says whether the directory
// has them in office. Typing in the sponsor field hides it: it spoke of the name as
// saved, and is said again once the campaign is saved.
func sponsorNote(sponsor *widget.Entry) *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	changed := sponsor.OnChanged
	sponsor.OnChanged = func(s string) {
		if changed != nil {
			changed(s)
		}
		l.Hide()
	}
	return l
}

// showSponsors says, under each bill, whether its sponsor is a legislator in office
// (and where the whip count has them), or that they are not, and why: the import of
// legislators marks only sponsors in office, and a name that is not there must not
// just disappear from the whip count without a word. UI goroutine only.
func (c *campaignScreen) showSponsors(camp db.Campaign, checks []db.SponsorCheck) {
	for i, l := range []*widget.Label{c.senateNote, c.houseNote} {
		if i >= len(checks) || checks[i].Sponsor == "" {
			l.Hide()
			continue
		}
		text, importance := sponsorWords(camp, checks[i])
		l.SetText(text)
		l.Importance = importance
		l.Show()
		l.Refresh()
	}
}

// sponsorWords is what the note under a sponsor says.
func sponsorWords(camp db.Campaign, s db.SponsorCheck) (string, widget.Importance) {
	state := camp.State
	if state == "" {
		state = "the campaign's state"
	}
	switch {
	case !s.Checked:
		return fmt.Sprintf("Not checked yet: no legislators of %s are loaded (Legislators › Update legislators…).", state), widget.LowImportance
	case s.LegislatorID == 0:
		return fmt.Sprintf("Not in office: %s is not a legislator in office in %s (%s). "+
			"The whip count has no one to mark as this bill's sponsor; leaflets still print the name as written.", s.Sponsor, state, s.Why), widget.WarningImportance
	}
	where := s.Title
	if s.District != "" {
		where += " (" + s.District + ")"
	}
	stance := "not yet in the whip count"
	if s.Stance != "" {
		stance = s.Stance.Label() + " in the whip count"
	}
	return "In office: " + where + ", " + stance + ".", widget.LowImportance
}
