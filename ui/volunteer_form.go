package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// volunteerForm shows and edits one volunteer, with their own legislators and the
// calls they made.
type volunteerForm struct {
	w         fyne.Window
	store     volunteerStore
	content   fyne.CanvasObject
	onSaved   func()
	onTrashed func(id int64, name string)

	heading                               *widget.Label
	first, last, email, phone, mobile     *widget.Entry
	address, city, state, zip             *widget.Entry
	senate, house                         *typeahead // over the directory's districts
	tags, languages, joined               *widget.Entry
	notes                                 *widget.Entry
	status                                *widget.Select
	okCall, okText, okEmail, doNotContact *submitCheck // Enter on them saves, as in the fields
	recruiter                             *typeahead
	fieldErrors                           map[string]*widget.Label
	save, trash                           *widget.Button
	legislators                           *fyne.Container
	history                               *fyne.Container

	current db.Volunteer // as loaded; zero for a new volunteer
	// conflict is the open "changed by someone else" dialog (nil when none).
	conflict *conflictChoice
	// onRoster is the open "already on the roster" question (nil when none).
	onRoster *conflictChoice

	// defaultState is the chapter profile's state, a new volunteer's state unless changed.
	defaultState string
}

func newVolunteerForm(w fyne.Window, s volunteerStore, onSaved func(), onTrashed func(int64, string)) *volunteerForm {
	f := &volunteerForm{w: w, store: s, onSaved: onSaved, onTrashed: onTrashed, fieldErrors: map[string]*widget.Label{}}
	f.buildUI()
	f.clear()
	f.loadDistrictsAsync()
	f.loadDefaultsAsync()
	return f
}

// loadDefaultsAsync reads the chapter profile's state, which a new volunteer gets
// unless changed, and puts it in the form if it shows a new volunteer whose state
// is still empty. The channel closes once done.
func (f *volunteerForm) loadDefaultsAsync() <-chan struct{} {
	done := make(chan struct{})
	background(func() {
		defer close(done)
		c, err := f.store.SelfChapter(context.Background())
		if err != nil {
			showErrorAsync(f.w, err)
			return
		}
		doUIAndWait(func() {
			f.defaultState = c.State
			if f.current.ID == 0 && strings.TrimSpace(f.state.Text) == "" {
				f.state.SetText(c.State)
			}
		})
	})
	return done
}

func (f *volunteerForm) buildUI() {
	entry := func(placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.PlaceHolder = placeholder
		e.OnSubmitted = func(string) { f.onSave() }
		return e
	}
	f.heading = widget.NewLabelWithStyle("New volunteer", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	// Placeholders are grey examples that cannot pass for data: "e.g. …" (a bare "MA"
	// in the state box read as a state already filled in).
	f.first, f.last = entry("First name, e.g. Maria"), entry("Last name, e.g. Garcia")
	f.email, f.phone, f.mobile = entry("e.g. name@example.org"), entry("e.g. 617-555-0100"), entry("Mobile, e.g. 857-555-0199")
	f.address, f.city, f.state, f.zip = entry("Street, e.g. 12 Centre St"), entry("City, e.g. Worcester"), entry("State, e.g. MA"), entry("Zip, e.g. 01602")
	f.senate = f.newDistrictField("Senate district", db.ChamberUpper)
	f.house = f.newDistrictField("House district", db.ChamberLower)
	f.tags, f.languages = entry("e.g. phonebank, canvass"), entry("e.g. en, es")
	f.joined = entry("YYYY-MM-DD, e.g. 2026-03-01")
	f.notes = widget.NewMultiLineEntry()
	f.notes.SetMinRowsVisible(3)
	var statuses []string
	for _, s := range db.VolunteerStatuses {
		statuses = append(statuses, statusLabel(s))
	}
	f.status = widget.NewSelect(statuses, nil)
	f.okCall, f.okText, f.okEmail = newSubmitCheck("Call", f.onSave), newSubmitCheck("Text", f.onSave), newSubmitCheck("Email", f.onSave)
	f.doNotContact = newSubmitCheck("Do not contact", f.onSave)
	f.doNotContact.OnChanged = f.onDoNotContact
	f.recruiter = newTypeahead("Who brought them in: type a name", f.suggestRecruiter)
	f.recruiter.searchMatches = true
	f.recruiter.onError = func(err error) { showError(f.w, err) }

	withError := func(field string, o fyne.CanvasObject) fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Importance = widget.DangerImportance
		l.Wrapping = fyne.TextWrapWord
		l.Hide()
		f.fieldErrors[field] = l
		return container.NewVBox(o, l)
	}
	form := container.New(layout.NewFormLayout(),
		widget.NewLabel("Name"), withError("name", container.NewGridWithColumns(2, f.first, f.last)),
		widget.NewLabel("Email"), withError("email", f.email),
		widget.NewLabel("Phone"), withError("phone", f.phone),
		widget.NewLabel("Mobile"), withError("mobile", f.mobile),
		widget.NewLabel("Address"), f.address,
		widget.NewLabel(""), container.NewGridWithColumns(3, f.city, f.state, f.zip),
		widget.NewLabel("Districts"), container.NewGridWithColumns(2,
			withError("senate_district", f.senate.widget()), withError("house_district", f.house.widget())),
		widget.NewLabel("May we"), container.NewHBox(f.okCall, f.okText, f.okEmail, f.doNotContact),
		widget.NewLabel("Status"), f.status,
		widget.NewLabel("Recruiter"), withError("recruiter", f.recruiter.widget()),
		widget.NewLabel("Tags"), f.tags,
		widget.NewLabel("Languages"), f.languages,
		widget.NewLabel("Joined"), withError("joined_on", f.joined),
		widget.NewLabel("Notes"), f.notes,
	)
	f.save = widget.NewButton("Save", f.onSave)
	f.save.Importance = widget.HighImportance
	f.trash = widget.NewButton("Move to trash", f.onTrash)
	f.legislators = container.NewVBox()
	f.history = container.NewVBox()
	body := container.NewVBox(f.heading, form, container.NewHBox(f.save, f.trash),
		widget.NewCard("", "Their legislators", f.legislators),
		widget.NewCard("", "Calls they made", f.history))
	f.content = container.NewVScroll(container.NewPadded(body))
}

// onDoNotContact closes every channel while Do not contact is ticked: the person
// asked not to be contacted, so "may call" beside it would be a contradiction.
func (f *volunteerForm) onDoNotContact(on bool) {
	for _, c := range []*submitCheck{f.okCall, f.okText, f.okEmail} {
		if on {
			c.SetChecked(false)
			c.Disable()
		} else {
			c.Enable()
		}
	}
}

// newDistrictField is a type-ahead over the districts of a chamber the legislators'
// directory names, so a district is picked as the directory spells it; typed
// freely only while there are no legislators yet.
func (f *volunteerForm) newDistrictField(placeholder string, ch db.Chamber) *typeahead {
	var t *typeahead
	t = newTypeahead(placeholder, func(_ context.Context, text string) ([]choice, error) {
		q, k := foldText(text), db.DistrictKey(text)
		var out []choice
		for _, c := range t.districts() {
			if q == "" || containsFold(c.Label, q) || strings.Contains(c.Key, k) {
				out = append(out, c)
			}
		}
		return out, nil
	})
	t.keyOf, t.freeText = db.DistrictKey, true
	t.onEnter = f.onSave
	t.onError = func(err error) { showError(f.w, err) }
	t.chamber = ch
	return t
}

// loadDistrictsAsync fetches the directory's districts for the district fields.
func (f *volunteerForm) loadDistrictsAsync() <-chan struct{} {
	done := make(chan struct{})
	background(func() {
		defer close(done)
		lists := map[*typeahead][]choice{}
		for _, t := range []*typeahead{f.senate, f.house} {
			names, err := f.store.Districts(context.Background(), t.chamber)
			if err != nil {
				showErrorAsync(f.w, err)
				return
			}
			for _, n := range names {
				lists[t] = append(lists[t], choice{Value: n, Label: n, Key: db.DistrictKey(n)})
			}
		}
		doUIAndWait(func() {
			for t, l := range lists {
				t.setFixed(l)
			}
		})
	})
	return done
}

func (f *volunteerForm) suggestRecruiter(ctx context.Context, text string) ([]choice, error) {
	rows, err := f.store.SearchVolunteers(ctx, text, maxSuggestions+1)
	var out []choice
	for _, r := range rows {
		if r.ID != f.current.ID {
			out = append(out, choice{ID: r.ID, Label: r.Name(), Detail: strings.TrimSpace(r.City + " " + r.Zip)})
		}
	}
	return out, err
}

// clear empties the form for a new volunteer.
func (f *volunteerForm) clear() {
	v := db.NewVolunteer("", "")
	v.State = f.defaultState
	v.JoinedOn = time.Now().Format(dateLayout)
	f.show(volunteerDetail{v: v})
	f.heading.SetText("New volunteer")
	f.trash.Hide()
}

// volunteerDetail is one volunteer with what the form shows beside them.
type volunteerDetail struct {
	v           db.Volunteer
	recruiter   string
	legislators []db.Legislator
	calls       []db.CallRow
}

// loadAsync reads a volunteer and shows them; the channel closes once shown.
func (f *volunteerForm) loadAsync(id int64) <-chan struct{} {
	done := make(chan struct{})
	background(func() {
		defer close(done)
		d, err := f.load(context.Background(), id)
		if err != nil {
			showErrorAsync(f.w, err)
			return
		}
		doUIAndWait(func() { f.show(d) })
	})
	return done
}

func (f *volunteerForm) load(ctx context.Context, id int64) (volunteerDetail, error) {
	var d volunteerDetail
	var err error
	if d.v, err = f.store.Volunteer(ctx, id); err != nil {
		return d, err
	}
	if d.v.RecruiterID != 0 {
		if r, err := f.store.Volunteer(ctx, d.v.RecruiterID); err == nil {
			d.recruiter = r.Name()
		}
	}
	if d.v.SenateDistrict != "" || d.v.HouseDistrict != "" {
		if d.legislators, err = f.store.LegislatorsForDistricts(ctx, d.v.SenateDistrict, d.v.HouseDistrict); err != nil {
			return d, err
		}
	}
	d.calls, err = f.store.ListCallReports(ctx, db.CallFilter{VolunteerID: id}, 0, 20)
	return d, err
}

func (f *volunteerForm) show(d volunteerDetail) {
	v := d.v
	f.current = v
	f.heading.SetText(v.Name())
	f.trash.Show()
	for e, s := range map[*widget.Entry]string{f.first: v.FirstName, f.last: v.LastName, f.email: v.Email,
		f.phone: v.Phone, f.mobile: v.Mobile, f.address: v.Address1, f.city: v.City, f.state: v.State,
		f.zip: v.Zip, f.joined: v.JoinedOn,
		f.notes: v.Notes, f.tags: strings.Join(v.Tags, ", "), f.languages: strings.Join(v.Languages, ", ")} {
		e.SetText(s)
	}
	for t, d := range map[*typeahead]string{f.senate: v.SenateDistrict, f.house: v.HouseDistrict} {
		t.set(nil)
		if d != "" {
			t.set(&choice{Value: d, Label: d, Key: db.DistrictKey(d)})
		}
	}
	f.status.SetSelected(statusLabel(v.Status))
	f.okCall.SetChecked(v.OKCall)
	f.okText.SetChecked(v.OKText)
	f.okEmail.SetChecked(v.OKEmail)
	f.doNotContact.SetChecked(v.DoNotContact)
	f.recruiter.set(nil)
	if v.RecruiterID != 0 {
		f.recruiter.set(&choice{ID: v.RecruiterID, Label: d.recruiter})
	}
	f.showFieldError(nil)

	f.legislators.RemoveAll()
	for _, l := range d.legislators {
		f.legislators.Add(widget.NewLabel(fmt.Sprintf("%s (%s, %s) · %s", l.Title(), l.Party, l.District, l.CapitolPhone)))
	}
	if len(d.legislators) == 0 {
		f.legislators.Add(lowLabel("Add their districts to see their senator and representative."))
	}
	f.history.RemoveAll()
	for _, c := range d.calls {
		f.history.Add(widget.NewLabel(fmt.Sprintf("%s  %s: %s", c.CalledAt.Format("Jan 2, 2006"), c.Legislator, c.Outcome.Label())))
	}
	if len(d.calls) == 0 {
		f.history.Add(lowLabel("No calls reported yet."))
	}
}

func lowLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

// read turns the fields into a volunteer, over the loaded one so nothing the form
// does not show is lost.
func (f *volunteerForm) read() db.Volunteer {
	v := f.current
	v.FirstName, v.LastName, v.Email = f.first.Text, f.last.Text, strings.TrimSpace(f.email.Text)
	v.Phone, v.Mobile, v.Address1 = f.phone.Text, f.mobile.Text, f.address.Text
	v.City, v.State, v.Zip = f.city.Text, f.state.Text, f.zip.Text
	v.SenateDistrict, v.HouseDistrict, v.JoinedOn, v.Notes = f.senate.Text, f.house.Text, f.joined.Text, f.notes.Text
	for _, x := range []struct {
		t *typeahead
		d *string
	}{{f.senate, &v.SenateDistrict}, {f.house, &v.HouseDistrict}} {
		if x.t.chosen != nil {
			*x.d = x.t.chosen.Label
		}
	}
	v.Tags, v.Languages = splitList(f.tags.Text), splitList(f.languages.Text)
	v.OKCall, v.OKText, v.OKEmail, v.DoNotContact = f.okCall.Checked, f.okText.Checked, f.okEmail.Checked, f.doNotContact.Checked
	for _, s := range db.VolunteerStatuses {
		if statusLabel(s) == f.status.Selected {
			v.Status = s
		}
	}
	v.RecruiterID = 0
	if f.recruiter.chosen != nil {
		v.RecruiterID = f.recruiter.chosen.ID
	}
	return v
}

func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' })
}

// showFieldError puts a validation message under its field (nil clears them all).
func (f *volunteerForm) showFieldError(ve *db.ValidationError) {
	for field, l := range f.fieldErrors {
		if ve != nil && ve.Field == field {
			l.SetText(ve.Message)
			l.Show()
		} else {
			l.Hide()
		}
	}
}

func (f *volunteerForm) onSave() { f.saveAsync() }

// saveAsync checks the form, then stores it off the UI goroutine; the channel
// closes when done (saved, or the message shown).
func (f *volunteerForm) saveAsync() <-chan struct{} {
	done := make(chan struct{})
	// A district is one the directory names: "second suffolk" becomes Second
	// Suffolk, and a text that names none, or several, is refused by its field.
	for field, t := range map[string]*typeahead{"senate_district": f.senate, "house_district": f.house} {
		if problem := t.commit(); problem != "" {
			f.showFieldError(&db.ValidationError{Field: field, Message: problem})
			close(done)
			return done
		}
	}
	v := f.read()
	if strings.TrimSpace(f.recruiter.Text) != "" && f.recruiter.chosen == nil {
		f.showFieldError(&db.ValidationError{Field: "recruiter", Message: "Pick the recruiter from the suggestions, or clear the field."})
		close(done)
		return done
	}
	// Checking here, before any database work, puts the message by its field at once.
	if err := v.Normalize(); err != nil {
		var ve *db.ValidationError
		if errors.As(err, &ve) && f.fieldErrors[ve.Field] != nil {
			f.showFieldError(ve)
		} else {
			showError(f.w, err)
		}
		close(done)
		return done
	}
	f.showFieldError(nil)
	return f.storeAsync(v, true)
}

// storeAsync saves a checked volunteer off the UI goroutine. A volunteer the roster
// already has as someone else (the same email, or phone and name, as an import would
// match) is not saved before the lead chooses, unless ask is false (they chose to
// save): a new one added a second time, or an edit that gives one person another's
// email or phone, splits the person's calls between two records. An edit is asked
// about only when it changes what the match reads, so a pair the lead kept apart is
// not asked about at every save.
func (f *volunteerForm) storeAsync(v db.Volunteer, ask bool) <-chan struct{} {
	done := make(chan struct{})
	ask = ask && (v.ID == 0 || matchedByChanged(f.current, v))
	f.save.Disable()
	background(func() {
		defer close(done)
		ctx := context.Background()
		var err error
		if ask {
			there, found, err := f.store.OnRoster(ctx, v)
			if found {
				doUIAndWait(func() { f.save.Enable(); f.askOnRoster(v, there) })
				return
			}
			if err != nil {
				doUIAndWait(func() { f.save.Enable() })
				showErrorAsync(f.w, err)
				return
			}
		}
		id := v.ID
		if id == 0 {
			id, err = f.store.CreateVolunteer(ctx, v)
		} else {
			err = f.store.UpdateVolunteer(ctx, v)
		}
		doUIAndWait(func() { f.save.Enable() })
		var conflict *db.EditConflictError
		if errors.As(err, &conflict) {
			doUIAndWait(func() { f.showConflict(v, conflict) })
			return
		}
		if err != nil {
			showErrorAsync(f.w, err)
			return
		}
		doUIAndWait(f.onSaved)
		<-f.loadAsync(id)
	})
	return done
}

// matchedByChanged says whether v differs from was in what finds a volunteer on the
// roster (db.Store.OnRoster): the email, the phones, the name.
func matchedByChanged(was, v db.Volunteer) bool {
	return !strings.EqualFold(was.Email, v.Email) || was.PhoneE164 != v.PhoneE164 || was.MobileE164 != v.MobileE164 ||
		was.FirstName != v.FirstName || was.LastName != v.LastName
}

// askOnRoster tells the lead that the volunteer, new or edited, is someone else the
// roster has, and nothing was saved: they open the one there, or save this one all
// the same (two records split the person's calls between them). UI goroutine only.
func (f *volunteerForm) askOnRoster(v db.Volunteer, there db.VolunteerRow) {
	how := "email"
	if !strings.EqualFold(there.Email, v.Email) || v.Email == "" {
		how = "phone and name"
	}
	who := there.Name()
	if there.Email != "" {
		who += " (" + there.Email + ")"
	}
	save, anyway := "add "+v.Name()+" as another person", "Add anyway"
	if v.ID != 0 {
		save, anyway = "save "+v.Name()+"'s record as you changed it", "Save anyway"
	}
	msg := fmt.Sprintf("%s is already on the roster, with the same %s. Nothing was saved.\n\n"+
		"Open them to edit their record, or %s all the same.", who, how, save)
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapWord
	choose := func(add bool) <-chan struct{} {
		f.onRoster = nil
		if add {
			return f.storeAsync(v, false)
		}
		return f.loadAsync(there.ID)
	}
	d := dialog.NewCustomConfirm("Already on the roster", anyway, "Open them",
		container.NewGridWrap(fyne.NewSize(460, label.MinSize().Height*3), label), func(add bool) { choose(add) }, f.w)
	f.onRoster = &conflictChoice{d: d, message: msg, choose: choose}
	d.Show()
}

// showConflict tells the lead that someone else saved this volunteer since it was
// opened: who, when, what they changed, and that nothing was saved. The lead chooses:
// add their own changes to the other version (where both changed a part, theirs is
// replaced, and the dialog says which), or keep the other version and drop their own.
// The form keeps what was typed until the lead chooses. UI goroutine only.
func (f *volunteerForm) showConflict(mine db.Volunteer, c *db.EditConflictError) {
	who := c.By
	if who == "" {
		who = "someone else"
	}
	theyChanged := db.VolunteerChanges(f.current, c.Theirs)
	merged, overlap := db.WithMyChanges(f.current, mine, c.Theirs)
	msg := fmt.Sprintf("%s was changed by %s at %s, after you opened it. Nothing was saved.",
		c.Name, who, c.At.Local().Format("Jan 2, 15:04"))
	if len(theyChanged) > 0 {
		msg += "\n\nThey changed: " + strings.Join(theyChanged, ", ") + "."
	}
	if len(overlap) > 0 {
		msg += "\nYou changed the same: " + strings.Join(overlap, ", ") + ". Adding yours replaces theirs there."
	}
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapWord
	choose := func(add bool) <-chan struct{} {
		f.conflict = nil
		if !add {
			return f.loadAsync(c.Theirs.ID)
		}
		f.current = c.Theirs
		// Saved as any edit: asked about if the lead's changes give another's email.
		return f.storeAsync(merged, true)
	}
	d := dialog.NewCustomConfirm("Changed by someone else", "Add my changes to theirs", "Keep theirs",
		container.NewGridWrap(fyne.NewSize(460, label.MinSize().Height*3), label), func(add bool) { choose(add) }, f.w)
	f.conflict = &conflictChoice{d: d, message: msg, choose: choose}
	d.Show()
}

func (f *volunteerForm) onTrash() { f.trashAsync() }

// trashAsync moves the shown volunteer to the trash; the list offers Undo.
func (f *volunteerForm) trashAsync() <-chan struct{} {
	done := make(chan struct{})
	id, name := f.current.ID, f.current.Name()
	if id == 0 {
		close(done)
		return done
	}
	background(func() {
		defer close(done)
		if err := f.store.TrashVolunteer(context.Background(), id); err != nil {
			showErrorAsync(f.w, err)
			return
		}
		doUIAndWait(func() {
			f.clear()
			f.onTrashed(id, name)
		})
	})
	return done
}

// conflictChoice is an open question with two answers ("changed by someone else",
// "already on the roster"): its text, and the lead's choice as a call (tests make it
// without tapping).
type conflictChoice struct {
	d       dialog.Dialog
	message string
	choose  func(addMine bool) <-chan struct{}
}
