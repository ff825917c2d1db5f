package ui

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// stanceSetter is who the history names when the lead sets a stance by hand.
const stanceSetter = "chapter lead"

// legislatorCallsShown is how many of a legislator's reports the detail lists.
const legislatorCallsShown = 20

// legislatorFields are the fields the detail edits, in the order it shows them.
var legislatorFields = []struct {
	field db.LegislatorField
	label string
}{
	{db.FieldName, "Name"},
	{db.FieldParty, "Party"},
	{db.FieldEmail, "Email"},
	{db.FieldCapitolPhone, "State House phone"},
	{db.FieldCapitolAddress, "State House office"},
	{db.FieldCapitolFax, "State House fax"},
	{db.FieldDistrictPhone, "District phone"},
	{db.FieldDistrictAddress, "District office"},
	{db.FieldDistrictFax, "District fax"},
	{db.FieldURL, "Web page"},
}

// legislatorDetail shows one legislator: their offices (editable, the lead's edits
// marked and kept over re-imports), notes, where they stand with its history, and
// the calls that reached them.
type legislatorDetail struct {
	conflict  *legislatorConflict // the open "changed by someone else" dialog, or nil
	w         fyne.Window
	store     legislatorStore
	content   fyne.CanvasObject
	onChanged func() <-chan struct{}

	placeholder *widget.Label
	body        *fyne.Container
	heading     *widget.Label
	sub         *widget.Label
	fields      map[db.LegislatorField]*widget.Entry
	edited      map[db.LegislatorField]*widget.Label
	notes       *widget.Entry
	save        *widget.Button
	message     *widget.Label
	stanceNow   *widget.Label
	stance      *widget.Select
	reason      *widget.Entry
	setStance   *widget.Button
	history     *fyne.Container
	record      *fyne.Container
	calls       *fyne.Container

	campaignID int64
	lead       bool          // a coalition server's lead: see asLead
	hint       *widget.Label // what becomes of the lead's edits (see readOnly)
	readOnly   bool          // the legislators are shared and the login may not edit them
	current    db.Legislator // as loaded
	gen        int           // bumps with every load; an older answer is dropped
}

func newLegislatorDetail(w fyne.Window, s legislatorStore, onChanged func() <-chan struct{}) *legislatorDetail {
	d := &legislatorDetail{w: w, store: s, onChanged: onChanged,
		fields: map[db.LegislatorField]*widget.Entry{}, edited: map[db.LegislatorField]*widget.Label{}}
	d.buildUI()
	return d
}

// stanceOptions are the stances the page offers. A lead on a coalition server is not
// offered sponsor or cosponsor: sponsorship is the official record's to say, and the
// server refuses a lead's (postgres/0019).
func stanceOptions(lead bool) []string {
	var labels []string
	for _, s := range db.Stances {
		if !lead || !s.Sponsorship() {
			labels = append(labels, s.Label())
		}
	}
	return labels
}

// asLead makes the page a coalition server lead's: no sponsorship offered, and a
// sponsor's or cosponsor's stance shown but not changed (the server refuses a lead's
// change over one).
func (d *legislatorDetail) asLead() {
	d.lead = true
	d.stance.Options = stanceOptions(true)
	d.stance.Refresh()
}

// sharedReadOnly makes the offices and notes read-only, saying why: on a coalition
// server the legislators are shared by every chapter and a lead may not edit them
// (the server refuses it: tester t9 found Save changes offered all the same). The
// whip count stays the lead's to record.
func (d *legislatorDetail) sharedReadOnly(why string) {
	d.readOnly = true
	for _, e := range d.fields {
		e.Disable()
	}
	d.notes.Disable()
	d.save.Disable()
	d.hint.SetText(why)
}

func (d *legislatorDetail) buildUI() {
	d.placeholder = lowLabel("Pick a legislator to see their offices, where they stand and the calls that reached them.")
	d.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.heading.SizeName = theme.SizeNameSubHeadingText
	d.heading.Wrapping = fyne.TextWrapWord
	d.sub = lowLabel("")

	form := container.New(layout.NewFormLayout())
	for _, f := range legislatorFields {
		e := widget.NewEntry()
		e.OnSubmitted = func(string) { d.onSave() }
		d.fields[f.field] = e
		mark := widget.NewLabel("edited")
		mark.Importance = widget.WarningImportance
		mark.SizeName = theme.SizeNameCaptionText
		mark.Hide()
		d.edited[f.field] = mark
		form.Add(widget.NewLabel(f.label))
		form.Add(container.NewBorder(nil, nil, nil, mark, e))
	}
	d.notes = widget.NewMultiLineEntry()
	d.notes.Wrapping = fyne.TextWrapWord
	d.notes.PlaceHolder = "Your own notes: their staff, what they said…"
	d.notes.SetMinRowsVisible(3)
	form.Add(widget.NewLabel("Notes"))
	form.Add(d.notes)
	d.save = widget.NewButton("Save changes", d.onSave)
	d.save.Importance = widget.HighImportance
	d.message = widget.NewLabel("")
	d.message.Wrapping = fyne.TextWrapWord
	d.message.Hide()
	d.hint = lowLabel("Your changes are kept as yours (marked \"edited\"): a new Open States import does not overwrite them. Empty a field to go back to the imported value.")
	hint := d.hint

	d.stanceNow = widget.NewLabel("")
	d.stanceNow.TextStyle.Bold = true
	d.stance = widget.NewSelect(stanceOptions(false), nil)
	d.reason = widget.NewEntry()
	d.reason.PlaceHolder = "Why (town hall, letter…)"
	d.reason.OnSubmitted = func(string) { d.onSetStance() }
	d.setStance = widget.NewButton("Record stance", d.onSetStance)
	d.history = container.NewVBox()
	stanceRow := container.NewBorder(nil, nil, d.stance, d.setStance, d.reason)
	d.calls = container.NewVBox()
	d.record = container.NewVBox()

	d.body = container.NewVBox(d.heading, d.sub, form, container.NewHBox(d.save), d.message, hint,
		widget.NewCard("", "Where they stand", container.NewVBox(d.stanceNow, stanceRow, d.history)),
		widget.NewCard("", "The official record", d.record),
		widget.NewCard("", "Recent calls", d.calls))
	d.body.Hide()
	d.content = container.NewVScroll(container.NewPadded(container.NewVBox(d.placeholder, d.body)))
}

// setCampaign sets the campaign whose stances the detail shows and records.
func (d *legislatorDetail) setCampaign(id int64) { d.campaignID = id }

// legislatorView is one legislator with what the detail shows beside them.
type legislatorView struct {
	l       db.Legislator
	history []db.StanceChange
	record  []db.RecordRow
	calls   []db.CallRow
	zone    db.Zone // the legislature's, whose days the histories say
}

func (d *legislatorDetail) load(ctx context.Context, id, campaignID int64) (legislatorView, error) {
	var v legislatorView
	var err error
	if v.l, err = d.store.Legislator(ctx, id); err != nil {
		return v, err
	}
	if v.zone, err = d.store.Zone(ctx, campaignID); err != nil {
		return v, err
	}
	if campaignID != 0 {
		if v.history, err = d.store.StanceHistory(ctx, campaignID, id); err != nil {
			return v, err
		}
		if err = d.store.EachRecordRow(ctx, db.RecordFilter{CampaignID: campaignID, LegislatorID: id}, func(r *db.RecordRow) error {
			v.record = append(v.record, *r)
			return nil
		}); err != nil {
			return v, err
		}
	}
	v.calls, err = d.store.ListCallReports(ctx, db.CallFilter{LegislatorID: id}, 0, legislatorCallsShown)
	return v, err
}

// loadAsync reads a legislator and shows them; the channel closes once shown.
// UI goroutine only.
func (d *legislatorDetail) loadAsync(id int64) <-chan struct{} {
	d.gen++
	campaignID, gen := d.campaignID, d.gen
	done := make(chan struct{})
	background(func() {
		defer close(done)
		v, err := d.load(context.Background(), id, campaignID)
		if err != nil {
			showErrorAsync(d.w, err)
			return
		}
		doUIAndWait(func() {
			if gen == d.gen {
				d.show(v)
			}
		})
	})
	return done
}

// show puts a legislator on screen; UI goroutine only.
func (d *legislatorDetail) show(v legislatorView) {
	l := v.l
	d.current = l
	d.placeholder.Hide()
	d.body.Show()
	d.heading.SetText(l.Title())
	sub := []string{l.Chamber.Label(), l.District}
	if l.Party != "" {
		sub = append(sub, l.Party)
	}
	if !l.InOffice {
		sub = append(sub, "no longer in office")
	}
	d.sub.SetText(strings.Join(sub, " · "))
	for _, f := range legislatorFields {
		d.fields[f.field].SetText(legislatorValue(l, f.field))
		d.edited[f.field].Hidden = !l.Edited[string(f.field)]
		d.edited[f.field].Refresh()
	}
	d.notes.SetText(l.Notes)
	d.message.Hide()
	d.showStance(v.history, v.zone)
	d.showRecord(v.record)
	d.showCalls(v.calls, v.zone)
}

func (d *legislatorDetail) showStance(history []db.StanceChange, zone db.Zone) {
	d.reason.SetText("")
	d.history.RemoveAll()
	if d.campaignID == 0 {
		d.stanceNow.SetText("There is no campaign yet, so no stance to record.")
		d.stance.Disable()
		d.setStance.Disable()
		return
	}
	d.stance.Enable()
	d.setStance.Enable()
	// The stance counted, which the list shows: not always the newest row (a call
	// heard while the record's sponsorship stands is history, db/stance_rule.go).
	var counted db.StanceChange
	if i := slices.IndexFunc(history, func(c db.StanceChange) bool { return c.Counts }); i >= 0 {
		counted = history[i]
	} else if len(history) > 0 {
		counted = history[0]
	}
	now := cmp.Or(counted.Stance, db.StanceUnknown)
	d.stanceNow.SetText("Now: " + now.Label())
	d.stance.SetSelected(now.Label())
	// A campaign file's mark is no sponsorship on record: a lead's stance stands over it.
	if d.lead && now.Sponsorship() && !counted.CampaignMark() {
		d.stanceNow.SetText("Now: " + now.Label() + " (the official record's: a chapter's lead does not change it)")
		d.stance.ClearSelected()
		d.stance.Disable()
		d.setStance.Disable()
	}
	for _, c := range history {
		line := widget.NewLabel(stanceLine(c, zone))
		line.Wrapping = fyne.TextWrapWord // a long reason must not widen the pane
		d.history.Add(line)
	}
	if len(history) == 0 {
		d.history.Add(lowLabel("No stance recorded yet."))
	}
}

// stanceLine is one row of the stance history as a person reads it, its day zone's.
func stanceLine(c db.StanceChange, zone db.Zone) string {
	line := zone.In(c.ChangedAt).Format("Jan 2, 2006") + "  " + c.Stance.Label()
	if c.ChangedBy != "" {
		line += ", by " + c.ChangedBy
	}
	if c.Reason != "" {
		line += ": " + c.Reason
	}
	return line
}

// showRecord lists the legislator's sponsorships and votes on the campaign's bills,
// each beside the stance the whip count had at its date; a record that disagrees
// with the stance counted now is said.
func (d *legislatorDetail) showRecord(rows []db.RecordRow) {
	d.record.RemoveAll()
	for _, r := range rows {
		var line string
		if r.Kind == "sponsorship" {
			line = fmt.Sprintf("%s of %s (session %s, Open States export of %s)", strings.ToUpper(r.Role[:1])+r.Role[1:], r.Bill, r.Session, r.Date)
			if r.Earlier != "" { // the whip count does not follow it: nothing disagrees
				line += ": " + r.Earlier
			} else if r.Now != "" && !r.Now.Supports() {
				line += fmt.Sprintf(". The whip count says %s now: the two disagree", r.Now.Label())
			}
		} else {
			line = fmt.Sprintf("%s  %s, %s (%s): voted %s", r.Date, r.Bill, r.Motion, r.Result, voteWord(r.Role))
			if r.CountsOnly() {
				// The chamber's result, not the member's vote: the export does not give it.
				line = fmt.Sprintf("%s  %s, %s: %s", r.Date, r.Bill, r.Motion, r.CountsOnlyNote())
			}
			if note := r.OtherChamber(); note != "" { // a vote of their term in the other chamber
				line = note + ": " + line
			}
			if r.Counted != "" {
				line += "; the count had " + r.Counted.Label()
			} else {
				line += "; the count had no stance"
			}
		}
		l := widget.NewLabel(line)
		l.Wrapping = fyne.TextWrapWord
		d.record.Add(l)
	}
	if len(rows) == 0 {
		d.record.Add(lowLabel("Nothing imported: no sponsorship or roll call of the campaign's bills names them."))
	}
}

// showCalls lists the legislator's calls, their days zone's (the legislature's).
func (d *legislatorDetail) showCalls(calls []db.CallRow, zone db.Zone) {
	d.calls.RemoveAll()
	for _, c := range calls {
		line := zone.In(c.CalledAt).Format("Jan 2, 2006") + "  " + callerOrUnknown(c.VolunteerName) + ": " + c.Outcome.Label()
		if c.StanceHeard != "" {
			line += " · heard: " + c.StanceHeard.Label()
		}
		l := widget.NewLabel(line)
		l.Truncation = fyne.TextTruncateEllipsis
		d.calls.Add(l)
	}
	if len(calls) == 0 {
		d.calls.Add(lowLabel("No calls reported yet."))
	}
}

// legislatorValue is the shown value of an editable field.
func legislatorValue(l db.Legislator, f db.LegislatorField) string {
	return map[db.LegislatorField]string{db.FieldName: l.Name, db.FieldParty: l.Party, db.FieldEmail: l.Email,
		db.FieldCapitolAddress: l.CapitolAddress, db.FieldCapitolPhone: l.CapitolPhone, db.FieldCapitolFax: l.CapitolFax,
		db.FieldDistrictAddress: l.DistrictAddress, db.FieldDistrictPhone: l.DistrictPhone,
		db.FieldDistrictFax: l.DistrictFax, db.FieldURL: l.URL}[f]
}

// hasEdits reports whether the lead has typed changes not saved yet.
func (d *legislatorDetail) hasEdits() bool {
	for _, f := range legislatorFields {
		if strings.TrimSpace(d.fields[f.field].Text) != legislatorValue(d.current, f.field) {
			return true
		}
	}
	return d.notes.Text != d.current.Notes
}

func (d *legislatorDetail) onSave() { d.saveAsync() }

// saveAsync stores the fields the lead changed as their own edits, and the notes;
// the channel closes once the list and the detail show the result.
func (d *legislatorDetail) saveAsync() <-chan struct{} {
	done := make(chan struct{})
	l := d.current
	changes := map[db.LegislatorField]string{}
	for _, f := range legislatorFields {
		if v := strings.TrimSpace(d.fields[f.field].Text); v != legislatorValue(l, f.field) {
			changes[f.field] = v
		}
	}
	if strings.TrimSpace(d.fields[db.FieldName].Text) == "" && !l.Edited[string(db.FieldName)] {
		d.showMessage("A legislator needs a name.", true)
		close(done)
		return done
	}
	notes, notesChanged := d.notes.Text, d.notes.Text != l.Notes
	if l.ID == 0 || (len(changes) == 0 && !notesChanged) {
		d.showMessage("Nothing to save: no field was changed.", false)
		close(done)
		return done
	}
	var notesPtr *string
	if notesChanged {
		notesPtr = &notes
	}
	return d.saveEditsAsync(l.ID, l.Version, changes, notesPtr)
}

// saveEditsAsync saves the page's changes at the version it was opened at; when
// someone else saved the page since, nothing is written and the lead chooses (see
// showConflict).
func (d *legislatorDetail) saveEditsAsync(id, version int64, changes map[db.LegislatorField]string, notes *string) <-chan struct{} {
	done := make(chan struct{})
	d.save.Disable()
	background(func() {
		defer close(done)
		err := d.store.SaveLegislatorEdits(context.Background(), id, version, changes, notes)
		doUIAndWait(func() {
			if !d.readOnly {
				d.save.Enable()
			}
		})
		var conflict *db.EditConflictError
		if errors.As(err, &conflict) && conflict.TheirsLegislator != nil {
			doUIAndWait(func() { d.showConflict(changes, notes, conflict) })
			return
		}
		if err != nil {
			showErrorAsync(d.w, err)
			return
		}
		<-d.changedAsync()
		doUIAndWait(func() { d.showMessage("Saved.", false) })
	})
	return done
}

// showConflict says that someone else saved this legislator since the page was
// opened, and that nothing was saved; the lead saves theirs over it, or takes the
// other version (the page then shows it). UI goroutine only.
func (d *legislatorDetail) showConflict(changes map[db.LegislatorField]string, notes *string, c *db.EditConflictError) {
	who := c.By
	if who == "" {
		who = "someone else"
	}
	msg := fmt.Sprintf("%s was changed by %s after you opened the page. Nothing was saved.", c.Name, who)
	theirs := *c.TheirsLegislator
	choose := func(mine bool) <-chan struct{} {
		d.conflict = nil
		if !mine {
			return d.changedAsync()
		}
		return d.saveEditsAsync(theirs.ID, theirs.Version, changes, notes)
	}
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapWord
	dlg := dialog.NewCustomConfirm("Changed by someone else", "Save mine over theirs", "Show theirs",
		container.NewGridWrap(fyne.NewSize(420, label.MinSize().Height*3), label), func(mine bool) { choose(mine) }, d.w)
	d.conflict = &legislatorConflict{message: msg, choose: choose}
	dlg.Show()
}

// legislatorConflict is the open "changed by someone else" dialog of the page.
type legislatorConflict struct {
	message string
	choose  func(saveMine bool) <-chan struct{}
}

func (d *legislatorDetail) onSetStance() { d.setStanceAsync() }

// setStanceAsync records the chosen stance in the history; the channel closes once
// the list and the history show it.
func (d *legislatorDetail) setStanceAsync() <-chan struct{} {
	done := make(chan struct{})
	var stance db.Stance
	for _, s := range db.Stances {
		if s.Label() == d.stance.Selected {
			stance = s
		}
	}
	if d.current.ID == 0 || d.campaignID == 0 || stance == "" {
		close(done)
		return done
	}
	c := db.StanceChange{CampaignID: d.campaignID, LegislatorID: d.current.ID, Stance: stance,
		Reason: strings.TrimSpace(d.reason.Text), ChangedBy: stanceSetter}
	d.setStance.Disable()
	background(func() {
		defer close(done)
		_, err := d.store.SetStance(context.Background(), c)
		doUIAndWait(func() { d.setStance.Enable() })
		if err != nil {
			showErrorAsync(d.w, err)
			return
		}
		<-d.changedAsync()
	})
	return done
}

// changedAsync asks the screen to show what was just stored, from a goroutine, and
// returns once the list and the detail show it.
func (d *legislatorDetail) changedAsync() <-chan struct{} {
	shown := closedChan() // the app may stop meanwhile (doUIAndWait)
	doUIAndWait(func() { shown = d.onChanged() })
	return shown
}

func (d *legislatorDetail) showMessage(text string, problem bool) { showNote(d.message, text, problem) }

// showNote shows a sentence on a screen's message line: green when done, red when
// something needs fixing.
func showNote(l *widget.Label, text string, problem bool) {
	l.Importance = widget.SuccessImportance
	if problem {
		l.Importance = widget.DangerImportance
	}
	l.SetText(text)
	l.Show()
}
