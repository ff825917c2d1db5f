package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// dateLayout is how dates are typed in forms.
const dateLayout = "2006-01-02"

// officeLabels are the offices as the form offers them.
var officeLabels = map[db.Office]string{db.OfficeCapitol: "State House office", db.OfficeDistrict: "District office", db.OfficeOther: "Other"}

// callForm is built for keying twenty reports in a row: every field takes the
// keyboard, Enter takes a suggestion and moves on, and Enter on a filled form saves it
// and clears it for the next report (keeping the date and the office).
type callForm struct {
	w       fyne.Window
	store   callStore
	content fyne.CanvasObject
	scroll  *container.Scroll // the form, scrolled back to the top for each new report
	onSaved func(id int64)

	volunteer, legislator   *typeahead
	office, outcome, stance *typeahead
	date, notes             *widget.Entry
	gaveNameZip, followUp   *submitCheck
	updateWhip              *submitCheck
	// whipByHand is set once the lead ticks or unticks updateWhip: from then on, for
	// this report, a proposal shows the box as the lead left it (a changed outcome
	// ticked it again, and the stance moved against the lead's choice).
	whipByHand     bool
	settingWhip    bool          // the form itself is setting the box, not the lead
	updateWhipText *widget.Label // the check's text, wrapped: a long name never widens the window
	message        *widget.Label
	problemField   string // the field the red message is about ("" when none)
	save           *widget.Button
	// saving is set while a report is being stored: the Save button and every Enter
	// that saves wait for it (a second Enter stored the report twice).
	saving bool
	// justSaved is set once a report is saved and the form cleared: an Enter on the
	// form still empty does nothing and leaves "Saved: …" on screen.
	justSaved  bool
	campaignID int64
	zone       *time.Location      // the legislature's: the day typed is its (nil until setContext: this computer's)
	stances    map[int64]db.Stance // current stance by legislator
	// counted is the history row the chosen legislator's whip count stands on
	// (db.StanceChange.Counts), nil while unknown or none: a call older than it goes
	// into the history and leaves the count (the store's rule, stanceRowAt).
	counted        *db.StanceChange
	countedGen     int
	legislators    []db.Legislator
	ownLegislators []int64 // the chosen volunteer's senator and representative
	volunteerGen   int

	// saved closes when the latest save is done (tests wait on it).
	saved <-chan struct{}

	// pick is what legislator suggestions search, replaced whole on the UI goroutine
	// and read by the search goroutine.
	pick atomic.Pointer[legislatorPick]
}

// legislatorPick is a snapshot of the legislators to suggest from.
type legislatorPick struct {
	all []db.Legislator
	own map[int64]bool
}

// updatePick publishes the legislators and the caller's own ones to the search.
func (f *callForm) updatePick() {
	own := map[int64]bool{}
	for _, id := range f.ownLegislators {
		own[id] = true
	}
	f.pick.Store(&legislatorPick{all: f.legislators, own: own})
}

func newCallForm(w fyne.Window, s callStore, onSaved func(int64)) *callForm {
	f := &callForm{w: w, store: s, onSaved: onSaved, stances: map[int64]db.Stance{}}
	f.buildUI()
	return f
}

func (f *callForm) buildUI() {
	f.volunteer = newTypeahead("Caller: type a name, email or phone, e.g. garcia 021", f.suggestVolunteer)
	f.volunteer.searchMatches = true
	f.volunteer.onChosen = func(c *choice) { f.onVolunteerChosen(c); f.onFieldChanged() }
	f.legislator = newTypeahead("Legislator: a name or district, e.g. First Worcester", f.suggestLegislator)
	f.legislator.onChosen = func(c *choice) { f.loadCounted(c); f.proposeWhipUpdate(); f.onFieldChanged() }
	var offices, outcomes, stances []choice
	for _, o := range db.Offices {
		offices = append(offices, choice{Value: string(o), Label: officeLabels[o]})
	}
	for _, o := range db.Outcomes {
		outcomes = append(outcomes, choice{Value: string(o), Label: o.Label()})
	}
	stances = append(stances, choice{Value: "", Label: "Nothing said about the bill"})
	for _, s := range db.Stances {
		if s != db.StanceUnknown {
			stances = append(stances, choice{Value: string(s), Label: s.Label()})
		}
	}
	f.office = newFixedTypeahead("Office", offices)
	f.office.onChosen = func(*choice) { f.onFieldChanged() }
	f.outcome = newFixedTypeahead("What happened", outcomes)
	f.outcome.onChosen = func(*choice) { f.proposeWhipUpdate(); f.onFieldChanged() }
	f.stance = newFixedTypeahead("Stance heard", stances)
	f.stance.onChosen = func(*choice) { f.proposeWhipUpdate(); f.onFieldChanged() }
	f.volunteer.required, f.legislator.required, f.outcome.required = true, true, true
	for _, t := range []*typeahead{f.volunteer, f.legislator, f.office, f.outcome, f.stance} {
		t.onEnter = f.onSave
		t.onError = func(err error) { showError(f.w, err) }
	}
	f.date = widget.NewEntry()
	f.date.PlaceHolder = "YYYY-MM-DD, e.g. 2026-03-01" // grey: the date itself is filled in, today
	f.date.OnSubmitted = func(string) { f.onSave() }
	f.date.OnChanged = func(string) { f.proposeWhipUpdate(); f.onFieldChanged() }
	f.notes = widget.NewEntry()
	f.notes.PlaceHolder = "e.g. what they said, who you spoke to"
	f.notes.OnSubmitted = func(string) { f.onSave() }
	// The boxes after the stance take Enter as the rest of the form does: it saves.
	f.gaveNameZip = newSubmitCheck("Gave name and zip", f.onSave)
	f.followUp = newSubmitCheck("Needs a follow-up", f.onSave)
	// The proposal names the legislator and both stances, wider than the form can be
	// ("Rep. Antonio F. D. Cabral from Leaning yes to Leaning no"); a check box's own
	// text never wraps and made the window grow, so its text is a label that does.
	f.updateWhip = newSubmitCheck("", f.onSave)
	f.updateWhip.OnChanged = func(bool) {
		if !f.settingWhip {
			f.whipByHand = true
		}
	}
	f.updateWhipText = widget.NewLabel("")
	f.updateWhipText.Wrapping = fyne.TextWrapWord
	f.updateWhip.Hide()
	f.updateWhipText.Hide()
	f.message = widget.NewLabel("")
	f.message.Wrapping = fyne.TextWrapWord
	f.save = widget.NewButton("Save report (Enter)", f.onSave)
	f.save.Importance = widget.HighImportance

	form := container.New(layout.NewFormLayout(),
		widget.NewLabel("Caller"), f.volunteer.widget(),
		widget.NewLabel("Called"), f.legislator.widget(),
		widget.NewLabel("Date"), f.date,
		widget.NewLabel("Office"), f.office.widget(),
		widget.NewLabel("Outcome"), f.outcome.widget(),
		widget.NewLabel("Stance"), f.stance.widget(),
		widget.NewLabel(""), container.NewHBox(f.gaveNameZip, f.followUp),
		widget.NewLabel("Notes"), f.notes,
		widget.NewLabel(""), container.NewBorder(nil, nil, f.updateWhip, nil, f.updateWhipText),
	)
	hint := lowLabel("Type, then Enter to take a suggestion and move on; Enter on a filled form saves it. Ctrl+N starts a new report from anywhere.")
	f.scroll = container.NewVScroll(container.NewPadded(container.NewVBox(form, container.NewHBox(f.save), f.message, hint)))
	f.content = f.scroll
	f.reset(true)
}

// loc is the zone of the form's days: the legislature's, this computer's until the
// campaign is known.
func (f *callForm) loc() *time.Location {
	if f.zone == nil {
		return time.Local
	}
	return f.zone
}

// today is today's date in the form's zone.
func (f *callForm) today() string { return time.Now().In(f.loc()).Format(dateLayout) }

// setContext gives the form the campaign and the legislature it works with, and the
// legislature's zone (Store.Zone), whose days the form's dates are.
func (f *callForm) setContext(campaignID int64, zone *time.Location, legislators []db.Legislator, whip db.WhipCount) {
	if f.zone == nil && zone != nil && strings.TrimSpace(f.date.Text) == time.Now().Format(dateLayout) {
		f.date.SetText(time.Now().In(zone).Format(dateLayout)) // the default day, untouched: the legislature's today
	}
	f.campaignID, f.legislators, f.zone = campaignID, legislators, zone
	f.stances = map[int64]db.Stance{}
	for _, r := range whip.Legislators {
		f.stances[r.LegislatorID] = r.Stance
	}
	f.updatePick()
}

func (f *callForm) suggestVolunteer(ctx context.Context, text string) ([]choice, error) {
	rows, err := f.store.SearchVolunteers(ctx, text, maxSuggestions)
	out := make([]choice, 0, len(rows))
	for _, r := range rows {
		out = append(out, choice{ID: r.ID, Label: r.Name(), Detail: strings.TrimSpace(r.City + " " + r.Zip)})
	}
	return out, err
}

// suggestLegislator matches the typed text against names, titles and districts; the
// caller's own senator and representative come first.
func (f *callForm) suggestLegislator(_ context.Context, text string) ([]choice, error) {
	p := f.pick.Load()
	if p == nil {
		return nil, nil
	}
	own, all := p.own, p.all
	q := foldText(strings.TrimPrefix(strings.TrimPrefix(text, "Rep."), "Sen."))
	var first, rest []choice
	for _, l := range all {
		if q == "" && !own[l.ID] {
			continue
		}
		if q != "" && !containsFold(l.Name+" "+l.District+" "+l.Title(), q) {
			continue
		}
		c := choice{ID: l.ID, Label: l.Title(), Detail: l.District}
		if own[l.ID] {
			c.Detail += " · their own"
			first = append(first, c)
		} else {
			rest = append(rest, c)
		}
	}
	return append(first, rest...), nil
}

// onVolunteerChosen looks up the caller's own legislators, to offer them first.
func (f *callForm) onVolunteerChosen(c *choice) {
	f.volunteerGen++
	f.ownLegislators = nil
	f.updatePick()
	if c == nil {
		return
	}
	gen, id := f.volunteerGen, c.ID
	background(func() {
		ctx := context.Background()
		v, err := f.store.Volunteer(ctx, id)
		if err != nil {
			return
		}
		ls, err := f.store.LegislatorsForDistricts(ctx, v.SenateDistrict, v.HouseDistrict)
		if err != nil {
			return
		}
		doUI(func() {
			if gen != f.volunteerGen {
				return
			}
			for _, l := range ls {
				f.ownLegislators = append(f.ownLegislators, l.ID)
			}
			f.updatePick()
			if f.legislator.chosen == nil && f.w.Canvas().Focused() == f.legislator {
				f.legislator.refreshSuggestions()
			}
		})
	})
}

// loadCounted reads the history row the legislator's whip count stands on, to tell
// an older call's proposal from one that moves the count.
func (f *callForm) loadCounted(c *choice) {
	f.countedGen++
	f.counted = nil
	if c == nil || f.campaignID == 0 {
		return
	}
	gen, campaign, id := f.countedGen, f.campaignID, c.ID
	background(func() {
		h, err := f.store.StanceHistory(context.Background(), campaign, id)
		if err != nil {
			return // the proposal stays the plain one; the save still files it right
		}
		doUI(func() {
			if gen != f.countedGen {
				return
			}
			for i := range h {
				if h[i].Counts {
					f.counted = &h[i]
				}
			}
			f.proposeWhipUpdate()
		})
	})
}

// calledAt is when the report typed would be filed (as read does), false for no date.
func (f *callForm) calledAt() (time.Time, bool) {
	day, err := time.ParseInLocation(dateLayout, strings.TrimSpace(f.date.Text), f.loc())
	if err != nil {
		return time.Time{}, false
	}
	return db.DayNoon(day, time.Now()), true
}

// olderThanCount says whether a call at at is older than the stance the whip count
// stands on for the chosen legislator: then it goes into the history only.
func (f *callForm) olderThanCount(at time.Time) bool {
	l := f.legislator.chosen
	return l != nil && f.counted != nil && f.counted.LegislatorID == l.ID && at.Before(f.counted.ChangedAt)
}

// dayOf writes a time as the form's days read ("2 December 2026").
func (f *callForm) dayOf(t time.Time) string { return t.In(f.loc()).Format("2 January 2006") }

// proposeWhipUpdate offers to move the whip count when the stance heard differs from
// the one on record, or says why the call cannot move it (db.CallReport.WhipStance).
func (f *callForm) proposeWhipUpdate() {
	l, s := f.legislator.chosen, f.stance.chosen
	// Until the outcome is picked the proposal stands; picking one on which no one
	// spoke takes it back.
	r := db.CallReport{Outcome: db.OutcomeSpokeLegislator}
	if s != nil {
		r.StanceHeard = db.Stance(s.Value)
	}
	if f.outcome.chosen != nil {
		r.Outcome = db.Outcome(f.outcome.chosen.Value)
	}
	var current db.Stance
	if l != nil {
		current = f.stances[l.ID]
	}
	heard, why := r.WhipStance(current)
	// A hidden box moves nothing (see read), so hiding it is enough to take the
	// proposal back; its tick is left as the lead set it.
	f.updateWhip.Hide()
	switch {
	case l == nil || r.StanceHeard == "" || (why == "" && heard == f.stances[l.ID]):
		f.updateWhipText.Hide()
		return
	case why != "":
		f.updateWhipText.SetText("The whip count stays: " + why + ".")
		f.updateWhipText.Show()
		return
	}
	now := f.stances[l.ID]
	if now == "" {
		now = db.StanceUnknown
	}
	if at, ok := f.calledAt(); ok && f.olderThanCount(at) {
		f.updateWhipText.SetText(fmt.Sprintf("Add to %s's stance history: %s heard on %s. The whip count stays %s: a newer stance (%s) stands.",
			l.Label, heard.Label(), f.dayOf(at), now.Label(), f.dayOf(f.counted.ChangedAt)))
	} else {
		f.updateWhipText.SetText(fmt.Sprintf("Update the whip count: %s from %s to %s", l.Label, now.Label(), heard.Label()))
	}
	if !f.whipByHand {
		f.setWhipChecked(true)
	}
	f.updateWhip.Show()
	f.updateWhipText.Show()
}

// setWhipChecked ticks or unticks the whip update as the form's proposal, not the lead's.
func (f *callForm) setWhipChecked(on bool) {
	f.settingWhip = true
	defer func() { f.settingWhip = false }()
	f.updateWhip.SetChecked(on)
}

// reset clears the form for the next report; the date and office stay unless all.
func (f *callForm) reset(all bool) {
	for _, t := range []*typeahead{f.volunteer, f.legislator, f.outcome, f.stance} {
		t.set(nil)
	}
	f.ownLegislators = nil
	f.updatePick()
	f.countedGen++
	f.counted = nil
	if all || f.office.chosen == nil {
		f.office.set(&choice{Value: string(db.OfficeCapitol), Label: officeLabels[db.OfficeCapitol]})
	}
	if all || strings.TrimSpace(f.date.Text) == "" {
		f.date.SetText(f.today())
	}
	f.notes.SetText("")
	f.gaveNameZip.SetChecked(false)
	f.followUp.SetChecked(false)
	f.setWhipChecked(false)
	f.whipByHand = false // a new report: the form proposes again
	f.updateWhip.Hide()
	f.updateWhipText.Hide()
}

// read turns the fields into a report, or says what is missing.
func (f *callForm) read() (db.CallReport, bool, error) {
	r := db.CallReport{CampaignID: f.campaignID, Notes: strings.TrimSpace(f.notes.Text),
		GaveNameZip: f.gaveNameZip.Checked, FollowUp: f.followUp.Checked}
	if f.campaignID == 0 {
		return r, false, &db.ValidationError{Field: "campaign", Message: "There is no campaign yet: add one on the Campaign screen first."}
	}
	if f.volunteer.chosen != nil {
		r.VolunteerID = f.volunteer.chosen.ID
	} else if strings.TrimSpace(f.volunteer.Text) != "" {
		return r, false, &db.ValidationError{Field: "volunteer", Message: "Pick the caller from the suggestions (or leave Caller empty if nobody knows)."}
	}
	if f.legislator.chosen == nil {
		return r, false, &db.ValidationError{Field: "legislator", Message: "Pick the legislator who was called."}
	}
	r.LegislatorID = f.legislator.chosen.ID
	day, err := time.ParseInLocation(dateLayout, strings.TrimSpace(f.date.Text), f.loc())
	if err != nil {
		return r, false, &db.ValidationError{Field: "called_at", Message: fmt.Sprintf("The date %q is not a date like %s.", f.date.Text, f.today())}
	}
	// A report keyed today keeps the time it was keyed; an earlier day gets noon,
	// as a call file's row giving the day alone (one rule: db.DayNoon).
	r.CalledAt = db.DayNoon(day, time.Now())
	if f.office.chosen != nil {
		r.Office = db.Office(f.office.chosen.Value)
	}
	if f.outcome.chosen == nil {
		return r, false, &db.ValidationError{Field: "outcome", Message: "Pick what happened on the call."}
	}
	r.Outcome = db.Outcome(f.outcome.chosen.Value)
	if f.stance.chosen != nil {
		r.StanceHeard = db.Stance(f.stance.chosen.Value)
	}
	return r, f.updateWhip.Visible() && f.updateWhip.Checked, nil
}

func (f *callForm) onSave() { f.saveAsync() }

// blank reports whether the lead has keyed nothing into the report since the form
// was cleared (the date and office stay from the last one).
func (f *callForm) blank() bool {
	for _, t := range []*typeahead{f.volunteer, f.legislator, f.outcome, f.stance} {
		if t.chosen != nil || strings.TrimSpace(t.Text) != "" {
			return false
		}
	}
	return strings.TrimSpace(f.notes.Text) == "" && !f.gaveNameZip.Checked && !f.followUp.Checked
}

// onFieldChanged takes back a red message once the field it was about is right, so
// a complete form never shows a stale complaint.
func (f *callForm) onFieldChanged() {
	if f.problemField == "" {
		return
	}
	_, _, err := f.read()
	var ve *db.ValidationError
	if err == nil || !errors.As(err, &ve) || ve.Field != f.problemField {
		f.showMessage("", false)
	}
}

// commitFixed resolves what was typed in the fixed-choice fields without Enter:
// "no" left in Stance is No, not nothing.
func (f *callForm) commitFixed() error {
	for _, x := range []struct {
		field string
		t     *typeahead
	}{{"office", f.office}, {"outcome", f.outcome}, {"stance", f.stance}} {
		if problem := x.t.commit(); problem != "" {
			return &db.ValidationError{Field: x.field, Message: problem}
		}
	}
	return nil
}

// saveAsync stores the report; the channel closes once the form is ready for the
// next one (or the message is shown).
func (f *callForm) saveAsync() <-chan struct{} {
	if f.saving || (f.justSaved && f.blank()) {
		// A save runs (it closes f.saved), or the report was just saved and
		// nothing new is keyed: this Enter asks for nothing.
		if f.saved == nil {
			done := make(chan struct{})
			close(done)
			return done
		}
		return f.saved
	}
	done := make(chan struct{})
	f.saved = done
	err := f.commitFixed()
	var r db.CallReport
	var updateStance bool
	if err == nil {
		r, updateStance, err = f.read()
	}
	if err != nil {
		var ve *db.ValidationError
		if errors.As(err, &ve) {
			f.showMessage(ve.Message, true)
			f.problemField = ve.Field
			f.focusField(ve.Field)
		}
		close(done)
		return done
	}
	who, whom := "Unknown caller", f.legislator.chosen.Label
	if f.volunteer.chosen != nil {
		who = f.volunteer.chosen.Label
	}
	f.saving = true
	f.save.Disable()
	background(func() {
		defer close(done)
		id, err := f.store.CreateCallReport(context.Background(), r, updateStance)
		var counted *db.StanceChange // the row the count stands on now, as the store decided
		if err == nil && updateStance && r.StanceHeard != "" {
			if h, herr := f.store.StanceHistory(context.Background(), r.CampaignID, r.LegislatorID); herr == nil {
				for i := range h {
					if h[i].Counts {
						counted = &h[i]
					}
				}
			}
		}
		doUIAndWait(func() {
			f.saving = false
			f.save.Enable()
			if err != nil && db.Unreachable(err) {
				f.showMessage("Not saved: the chapter server cannot be reached. The report stays here: save it again once the server is back.", true)
			}
			if err != nil {
				showError(f.w, err)
				return
			}
			msg := fmt.Sprintf("Saved: %s called %s (%s).", who, whom, r.Outcome.Label())
			switch {
			case counted != nil && counted.CallReportID == id:
				f.stances[r.LegislatorID] = counted.Stance
				msg += fmt.Sprintf(" The whip count is now %s.", counted.Stance.Label())
			case counted != nil:
				f.stances[r.LegislatorID] = counted.Stance
				msg += fmt.Sprintf(" %s is in the stance history on %s; the whip count stays %s, from %s.",
					r.StanceHeard.Label(), f.dayOf(r.CalledAt), counted.Stance.Label(), f.dayOf(counted.ChangedAt))
			case updateStance:
				f.stances[r.LegislatorID] = r.StanceHeard
			}
			f.showMessage(msg, false)
			f.reset(false)
			f.justSaved = true
			// Back to the top, where the next report starts: the suggestions had
			// scrolled the form down, and the Caller the focus went to was out of
			// sight (the first-day walk).
			f.scroll.ScrollToTop()
			f.w.Canvas().Focus(f.volunteer)
			f.onSaved(id)
		})
	})
	return done
}

func (f *callForm) showMessage(text string, problem bool) {
	f.problemField = ""
	f.justSaved = false
	f.message.Importance = widget.SuccessImportance
	if problem {
		f.message.Importance = widget.DangerImportance
	}
	f.message.SetText(text)
}

func (f *callForm) focusField(field string) {
	target := map[string]fyne.Focusable{"volunteer": f.volunteer, "legislator": f.legislator,
		"called_at": f.date, "outcome": f.outcome, "office": f.office, "stance": f.stance}[field]
	if target != nil {
		f.w.Canvas().Focus(target)
	}
}

// submitCheck is a check box that takes Enter as the form's Save (Space still ticks
// it), so Enter after the stance saves the report as the README says.
type submitCheck struct {
	widget.Check
	onSubmit func()
}

func newSubmitCheck(label string, onSubmit func()) *submitCheck {
	c := &submitCheck{onSubmit: onSubmit}
	c.Text = label
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey saves on Enter and leaves every other key to the check box.
func (c *submitCheck) TypedKey(e *fyne.KeyEvent) {
	if e.Name == fyne.KeyReturn || e.Name == fyne.KeyEnter {
		c.onSubmit()
		return
	}
	c.Check.TypedKey(e)
}
