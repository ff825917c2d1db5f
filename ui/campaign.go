package ui

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/chapterdesk/chapterdesk/db"
)

// campaignStore is what the Campaign screen reads and writes.
type campaignStore interface {
	Campaigns(ctx context.Context) ([]db.CampaignSummary, error)
	Campaign(ctx context.Context, id int64) (db.Campaign, error)
	SaveCampaign(ctx context.Context, c db.Campaign) (int64, error)
	SaveCampaignSaying(ctx context.Context, c db.Campaign) (int64, []string, error)
	TrashFAQEntry(ctx context.Context, id int64) error
	ImportCampaign(ctx context.Context, c db.Campaign) (db.CampaignImport, error)
	CheckSponsors(ctx context.Context, campaign int64, sponsors ...string) ([]db.SponsorCheck, error)
	SetCampaignStatus(ctx context.Context, id int64, status string) error
}

// campaignScreen edits the active campaign: its bills, action link and votes needed,
// and its texts, questions and answers and "how you can help" steps, each beside its
// translation. Edits stay on screen, marked unsaved, until Save stores them all in
// one go; switching screens and back keeps them.
type campaignScreen struct {
	conflict *campaignConflict // the open "changed by someone else" dialog, or nil
	choice   *campaignPicker   // the campaign menu; nil: the newest campaign
	w        fyne.Window
	store    campaignStore
	files    DataFiles // runs the campaign export verb; nil: no file sharing
	content  fyne.CanvasObject

	title       *widget.Label
	language    *widget.Select
	addLanguage *widget.Button
	unsaved     *widget.Label
	save        *widget.Button
	message     *widget.Label
	empty       *widget.Label
	body        *fyne.Container

	senateBill, senateSponsor *widget.Entry
	houseBill, houseSponsor   *widget.Entry
	senateNote, houseNote     *widget.Label // whether the sponsor is a legislator in office
	actionURL                 *widget.Entry
	votesUpper, votesLower    *widget.Entry
	state                     *widget.Entry
	archive                   *widget.Button
	fieldErrors               map[string]*widget.Label

	texts, faq, help *fyne.Container          // rebuilt when the language or the order changes
	entries          map[string]*widget.Entry // translated fields by "key/lang"
	scriptWarning    *widget.Label

	edit    db.Campaign // the campaign as edited, not yet saved
	lang    string      // the translation shown beside the default language; the default itself: none
	langs   []string    // the language menu's codes, in its order
	dirty   bool
	showing bool // set while show fills the fields, so filling is not an edit
}

func newCampaignScreen(w fyne.Window, s campaignStore, files DataFiles) *campaignScreen {
	c := &campaignScreen{w: w, store: s, files: files, fieldErrors: map[string]*widget.Label{}, entries: map[string]*widget.Entry{}}
	c.buildUI()
	return c
}

func (c *campaignScreen) buildUI() {
	c.title = widget.NewLabelWithStyle("Loading…", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.title.SizeName = theme.SizeNameSubHeadingText
	c.title.Truncation = fyne.TextTruncateEllipsis
	c.language = widget.NewSelect(nil, func(string) { c.onLanguageChanged() })
	c.addLanguage = widget.NewButtonWithIcon("Add a language", theme.ContentAddIcon(), c.onAddLanguage)
	c.unsaved = widget.NewLabel("Unsaved changes")
	c.unsaved.Importance = widget.WarningImportance
	c.unsaved.Hide()
	c.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), c.onSave)
	c.save.Importance = widget.HighImportance
	c.message = widget.NewLabel("")
	c.message.Wrapping = fyne.TextWrapWord
	c.message.Hide()
	c.empty = widget.NewLabel("There is no campaign in this data file yet. Campaign files from your coalition " +
		"load here with \"Load a campaign file…\"; a new data file starts with the Safe Communities Act.")
	c.empty.Wrapping = fyne.TextWrapWord
	c.empty.Hide()

	entry := func(placeholder string) *widget.Entry {
		e := widget.NewEntry()
		e.PlaceHolder = placeholder
		e.OnChanged = func(string) { c.markDirty() }
		return e
	}
	c.senateBill, c.senateSponsor = entry("e.g. S.1305"), entry("e.g. Sen. Jamie Eldridge")
	c.houseBill, c.houseSponsor = entry("e.g. H.3269"), entry("e.g. Rep. Juana Matías")
	c.senateNote, c.houseNote = sponsorNote(c.senateSponsor), sponsorNote(c.houseSponsor)
	c.actionURL = entry("e.g. https://example.org/take-action")
	c.votesUpper, c.votesLower = entry("e.g. 21"), entry("e.g. 81")
	c.state = entry("e.g. MA")
	c.archive = widget.NewButtonWithIcon("Archive this campaign…", theme.DeleteIcon(), c.onArchive)
	bill := widget.NewCard("", "The bill", container.New(layout.NewFormLayout(),
		widget.NewLabel(""), container.NewGridWithColumns(2, caption("Number"), caption("Sponsor")),
		widget.NewLabel("Senate bill"), c.withError("senate_bill", container.NewVBox(container.NewGridWithColumns(2, c.senateBill, c.senateSponsor), c.senateNote)),
		widget.NewLabel("House bill"), c.withError("house_bill", container.NewVBox(container.NewGridWithColumns(2, c.houseBill, c.houseSponsor), c.houseNote)),
		widget.NewLabel("Action link"), c.withError("action_url", c.actionURL),
		widget.NewLabel("Votes needed"), container.NewGridWithColumns(2,
			c.withError("votes_upper", container.NewBorder(nil, nil, widget.NewLabel("Senate"), nil, c.votesUpper)),
			c.withError("votes_lower", container.NewBorder(nil, nil, widget.NewLabel("House"), nil, c.votesLower))),
		widget.NewLabel("State"), c.withError("state", container.NewBorder(nil, nil,
			container.NewGridWrap(fyne.NewSize(80, c.state.MinSize().Height), c.state), nil,
			lowLabel("its whip count lists this state's legislators (two letters)"))),
		widget.NewLabel(""), container.NewHBox(c.archive),
	))

	c.scriptWarning = widget.NewLabel("")
	c.scriptWarning.Importance = widget.WarningImportance
	c.scriptWarning.Wrapping = fyne.TextWrapWord
	c.texts = container.New(layout.NewFormLayout())
	c.faq = container.New(layout.NewFormLayout())
	c.help = container.New(layout.NewFormLayout())
	c.body = container.NewVBox(bill,
		widget.NewCard("", "Texts", c.texts),
		widget.NewCard("", "Questions and answers", c.faq),
		widget.NewCard("", "How you can help", c.help))
	c.body.Hide()

	bar := container.NewBorder(nil, nil,
		container.NewHBox(widget.NewLabel("Translation"),
			container.NewGridWrap(fyne.NewSize(260, c.language.MinSize().Height), c.language), c.addLanguage),
		container.NewHBox(c.unsaved, c.save,
			widget.NewButtonWithIcon("Load a campaign file…", theme.FolderOpenIcon(), c.onImportFile),
			widget.NewButtonWithIcon("Share as a file…", theme.UploadIcon(), c.onExportFile)))
	top := container.NewVBox(c.title, bar, c.message)
	c.content = container.NewBorder(container.NewPadded(top), nil, nil, nil,
		container.NewVScroll(container.NewPadded(container.NewVBox(c.empty, c.body))))
}

// withError puts a field's validation message under it.
func (c *campaignScreen) withError(field string, o fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	c.fieldErrors[field] = l
	return container.NewVBox(o, l)
}

// languageName is a language as the lead reads it: "Spanish (es)".
func languageName(code string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	if name := display.English.Languages().Name(tag); name != "" {
		return name + " (" + code + ")"
	}
	return code
}

// refreshAsync reloads the campaign, unless the lead has unsaved edits: those stay
// on screen when they come back to it. The channel closes once it is on screen.
func (c *campaignScreen) refreshAsync() <-chan struct{} {
	done := make(chan struct{})
	if c.dirty {
		close(done)
		return done
	}
	background(func() {
		defer close(done)
		camp, sponsors, err := c.load(context.Background())
		if err != nil {
			showErrorAsync(c.w, err)
			return
		}
		doUIAndWait(func() {
			if !c.dirty {
				c.show(camp)
				c.showSponsors(camp, sponsors)
			}
		})
	})
	return done
}

// load reads the active campaign (the newest; its ID is 0 when there is none) and
// what the legislators' directory says of its bills' sponsors, senate then house.
func (c *campaignScreen) load(ctx context.Context) (db.Campaign, []db.SponsorCheck, error) {
	list, err := c.store.Campaigns(ctx)
	if err != nil || len(list) == 0 {
		return db.Campaign{}, nil, err
	}
	pick, _ := c.choice.pick(list)
	camp, err := c.store.Campaign(ctx, pick.ID)
	if err != nil {
		return camp, nil, err
	}
	senate, _ := camp.BillFor(db.ChamberUpper)
	house, _ := camp.BillFor(db.ChamberLower)
	sponsors, err := c.store.CheckSponsors(ctx, camp.ID, senate.Sponsor, house.Sponsor)
	return camp, sponsors, err
}

// show puts a campaign in the fields; UI goroutine only.
func (c *campaignScreen) show(camp db.Campaign) {
	c.edit = camp
	c.empty.Hidden = camp.ID != 0
	c.body.Hidden = camp.ID == 0
	c.empty.Refresh()
	c.body.Refresh()
	c.save.Enable()
	if camp.ID == 0 {
		c.title.SetText("Campaign")
		c.save.Disable()
		return
	}
	c.showing = true
	senate, _ := camp.BillFor(db.ChamberUpper)
	house, _ := camp.BillFor(db.ChamberLower)
	c.senateBill.SetText(senate.Number)
	c.senateSponsor.SetText(senate.Sponsor)
	c.houseBill.SetText(house.Number)
	c.houseSponsor.SetText(house.Sponsor)
	c.actionURL.SetText(camp.ActionURL)
	c.votesUpper.SetText(strconv.Itoa(camp.VotesNeeded.Upper))
	c.votesLower.SetText(strconv.Itoa(camp.VotesNeeded.Lower))
	c.state.SetText(camp.State)
	c.showing = false
	c.showProblems(nil)
	c.showTitle()
	if _, ok := camp.Texts[c.lang]; !ok {
		c.lang = camp.DefaultLang
	}
	c.showLanguages()
	c.setDirty(false)
}

func (c *campaignScreen) showTitle() {
	c.title.SetText(strings.TrimSpace(c.edit.Name() + "  " + c.edit.BillNumbers()))
}

// showLanguages fills the language menu and shows the chosen translation.
func (c *campaignScreen) showLanguages() {
	c.langs = c.edit.Languages()
	options := make([]string, len(c.langs))
	for i, l := range c.langs {
		options[i] = languageName(l)
	}
	options[0] = "None: " + strings.TrimSuffix(languageName(c.langs[0]), " ("+c.langs[0]+")") + " only"
	c.language.SetOptions(options)
	for i, l := range c.langs {
		if l == c.lang {
			c.language.SetSelectedIndex(i) // rebuilds the editors through onLanguageChanged
			return
		}
	}
}

// onLanguageChanged shows the chosen translation beside the default language.
func (c *campaignScreen) onLanguageChanged() {
	if i := c.language.SelectedIndex(); i >= 0 && i < len(c.langs) {
		c.lang = c.langs[i]
	}
	c.rebuild()
}

// onAddLanguage asks for a language code and adds that translation.
func (c *campaignScreen) onAddLanguage() {
	code := widget.NewEntry()
	code.PlaceHolder = "e.g. ht, vi, zh, fr"
	code.Validator = func(s string) error { _, err := c.checkLanguage(s); return err }
	items := []*widget.FormItem{widget.NewFormItem("Language code", code)}
	items[0].HintText = "A two-letter code: ht is Haitian Creole, vi Vietnamese, zh Chinese."
	d := dialog.NewForm("Add a language", "Add", "Cancel", items, func(ok bool) {
		if ok {
			c.addTranslation(code.Text)
		}
	}, c.w)
	code.OnSubmitted = func(string) { d.Submit() } // Enter adds it, when the code is good
	d.Resize(fyne.NewSize(480, 220))
	d.Show()
	c.w.Canvas().Focus(code)
}

// checkLanguage turns a typed code into the code the campaign stores.
func (c *campaignScreen) checkLanguage(text string) (string, error) {
	tag, err := language.Parse(strings.TrimSpace(text))
	if err != nil || strings.TrimSpace(text) == "" {
		return "", errors.New("type a language code such as ht, vi or fr")
	}
	code := tag.String()
	if _, ok := c.edit.Texts[code]; ok {
		return "", fmt.Errorf("the campaign already has %s", languageName(code))
	}
	return code, nil
}

// addTranslation adds an empty translation and shows it beside the default language.
func (c *campaignScreen) addTranslation(text string) {
	code, err := c.checkLanguage(text)
	if err != nil || c.edit.ID == 0 {
		return
	}
	if c.edit.Texts == nil {
		c.edit.Texts = map[string]db.CampaignTexts{}
	}
	c.edit.Texts[code] = db.CampaignTexts{}
	c.lang = code
	c.setDirty(true)
	c.showLanguages()
	c.showMessage(languageName(code)+" added: type its texts in the right-hand column, then Save.", false)
}

func (c *campaignScreen) markDirty() {
	if !c.showing && c.edit.ID != 0 {
		c.setDirty(true)
	}
}

func (c *campaignScreen) setDirty(dirty bool) {
	if dirty && !c.dirty {
		c.message.Hide() // "Saved." is no longer true
	}
	c.dirty = dirty
	c.unsaved.Hidden = !dirty
	c.unsaved.Refresh()
}

// read gathers the fields into a campaign to save, or the problems to fix, by field.
func (c *campaignScreen) read() (db.Campaign, map[string]string) {
	camp := cloneCampaign(c.edit)
	problems := map[string]string{}
	var err string
	if camp.VotesNeeded.Upper, err = readVotes(c.votesUpper.Text, db.ChamberUpper); err != "" {
		problems["votes_upper"] = err
	}
	if camp.VotesNeeded.Lower, err = readVotes(c.votesLower.Text, db.ChamberLower); err != "" {
		problems["votes_lower"] = err
	}
	camp.State = strings.ToUpper(strings.TrimSpace(c.state.Text))
	if camp.State != "" && (len(camp.State) != 2 || strings.Trim(camp.State, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "") {
		problems["state"] = "The state is its two-letter code, like MA or NH."
	} else if err := db.VotesCarriedOver(c.edit.State, camp.State, c.edit.VotesNeeded, camp.VotesNeeded); err != nil {
		problems["state"] = err.Error()
	}
	camp.ActionURL = strings.TrimSpace(c.actionURL.Text)
	if u, perr := url.Parse(camp.ActionURL); camp.ActionURL != "" && (perr != nil || (u.Scheme != "http" && u.Scheme != "https") ||
		u.Host == "" || strings.ContainsAny(camp.ActionURL, " \t")) {
		problems["action_url"] = "The action link must be a web address starting with https://, like https://example.org/take-action."
	}
	var bills []db.Bill
	for _, b := range []struct {
		ch               db.Chamber
		number, sponsor  *widget.Entry
		field, billWords string
	}{{db.ChamberUpper, c.senateBill, c.senateSponsor, "senate_bill", "Senate bill"},
		{db.ChamberLower, c.houseBill, c.houseSponsor, "house_bill", "House bill"}} {
		number, sponsor := strings.TrimSpace(b.number.Text), strings.TrimSpace(b.sponsor.Text)
		switch {
		case number != "":
			bills = append(bills, db.Bill{Chamber: b.ch, Number: number, Sponsor: sponsor})
		case sponsor != "":
			problems[b.field] = "Give the " + b.billWords + "'s number, or clear its sponsor."
		}
	}
	camp.Bills = bills
	if strings.TrimSpace(camp.TextsIn(camp.DefaultLang).Name) == "" {
		problems["name/"+camp.DefaultLang] = "The campaign needs a name in " + languageName(camp.DefaultLang) + "."
	}
	for si, sec := range camp.FAQ {
		for ei, e := range sec.Entries {
			if strings.TrimSpace(e.Question[camp.DefaultLang]) == "" && !blankNew(e) {
				problems[faqKey(si, ei)] = "This question needs its text in " + languageName(camp.DefaultLang) + ", or remove it."
			}
		}
	}
	dropBlankNew(&camp)
	return camp, problems
}

// blank reports whether a text is empty in every language.
func blank(t db.Translated) bool {
	for _, s := range t {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// blankNew reports whether a question was added and never written.
func blankNew(e db.FAQEntry) bool { return e.ID == 0 && blank(e.Question) && blank(e.Answer) }

// dropBlankNew leaves out the sections, questions and steps added but never
// written: an "Add" clicked by mistake saves nothing.
func dropBlankNew(camp *db.Campaign) {
	sections := camp.FAQ[:0]
	for _, sec := range camp.FAQ {
		kept := sec.Entries[:0]
		for _, e := range sec.Entries {
			if !blankNew(e) {
				kept = append(kept, e)
			}
		}
		sec.Entries = kept
		if sec.ID != 0 || len(kept) > 0 || !blank(sec.Title) {
			sections = append(sections, sec)
		}
	}
	camp.FAQ = sections
	steps := camp.HelpSteps[:0]
	for _, st := range camp.HelpSteps {
		if st.ID != 0 || !blank(st.Text) {
			steps = append(steps, st)
		}
	}
	camp.HelpSteps = steps
}

// readVotes reads a votes-needed field, or says what is wrong with it.
func readVotes(text string, ch db.Chamber) (int, string) {
	n, err := strconv.Atoi(strings.TrimSpace(text))
	if err != nil || n < 0 {
		return 0, fmt.Sprintf("Votes needed in the %s must be a whole number, like %d.", ch.Label(), map[db.Chamber]int{db.ChamberUpper: 21, db.ChamberLower: 81}[ch])
	}
	return n, ""
}

// cloneCampaign copies a campaign deeply, so the save goroutine never shares a map
// with the fields still being typed in.
func cloneCampaign(c db.Campaign) db.Campaign {
	out := c
	out.Bills = append([]db.Bill(nil), c.Bills...)
	out.Texts = make(map[string]db.CampaignTexts, len(c.Texts))
	for k, v := range c.Texts {
		out.Texts[k] = v
	}
	cloneT := func(t db.Translated) db.Translated {
		o := make(db.Translated, len(t))
		for k, v := range t {
			o[k] = v
		}
		return o
	}
	out.FAQ = make([]db.FAQSection, len(c.FAQ))
	for i, sec := range c.FAQ {
		sec.Title = cloneT(sec.Title)
		entries := make([]db.FAQEntry, len(sec.Entries))
		for j, e := range sec.Entries {
			e.Question, e.Answer = cloneT(e.Question), cloneT(e.Answer)
			entries[j] = e
		}
		sec.Entries = entries
		out.FAQ[i] = sec
	}
	out.HelpSteps = make([]db.HelpStep, len(c.HelpSteps))
	for i, st := range c.HelpSteps {
		st.Text = cloneT(st.Text)
		out.HelpSteps[i] = st
	}
	return out
}

// showProblems puts each message by its field (nil clears them all).
func (c *campaignScreen) showProblems(problems map[string]string) {
	for field, l := range c.fieldErrors {
		msg, ok := problems[field]
		l.SetText(msg)
		l.Hidden = !ok
		l.Refresh()
	}
}

func (c *campaignScreen) onSave() { c.saveAsync() }

func (c *campaignScreen) onArchive() {
	if c.edit.ID == 0 {
		return
	}
	dialog.ShowConfirm("Archive this campaign?", "\""+c.edit.Name()+"\" leaves the campaign menus; its call reports "+
		"stay and still count in its own workbook (chapterdesk report --campaign "+strconv.FormatInt(c.edit.ID, 10)+
		"). chapterdesk campaign activate brings it back.", func(ok bool) {
		if ok {
			c.archiveAsync()
		}
	}, c.w)
}

// archiveAsync archives the campaign shown and shows the one the menus take next.
func (c *campaignScreen) archiveAsync() <-chan struct{} {
	done := make(chan struct{})
	id := c.edit.ID
	background(func() {
		defer close(done)
		if err := c.store.SetCampaignStatus(context.Background(), id, "archived"); err != nil {
			showErrorAsync(c.w, err)
			return
		}
		shown := closedChan() // the app may stop meanwhile (doUIAndWait)
		doUIAndWait(func() { c.setDirty(false); shown = c.refreshAsync() })
		<-shown
		doUIAndWait(func() { c.showMessage("Archived.", false) })
	})
	return done
}

// saveAsync checks the fields and stores the whole campaign off the UI goroutine;
// the channel closes once the saved campaign is on screen (or the problems are).
func (c *campaignScreen) saveAsync() <-chan struct{} {
	done := make(chan struct{})
	camp, problems := c.read()
	c.showProblems(problems)
	if len(problems) > 0 || camp.ID == 0 {
		if len(problems) > 0 {
			c.showMessage("Nothing was saved yet: please fix what is marked in red.", true)
		}
		close(done)
		return done
	}
	c.save.Disable()
	background(func() {
		defer close(done)
		_, notes, err := c.store.SaveCampaignSaying(context.Background(), camp)
		doUIAndWait(func() { c.save.Enable() })
		var conflict *db.EditConflictError
		if errors.As(err, &conflict) {
			doUIAndWait(func() { c.showConflict(conflict) })
			return
		}
		var ve *db.ValidationError
		if errors.As(err, &ve) {
			doUIAndWait(func() { c.showMessage(ve.Message, true) })
			return
		}
		if err != nil {
			showErrorAsync(c.w, err)
			return
		}
		shown := closedChan() // the app may stop meanwhile (doUIAndWait)
		doUIAndWait(func() {
			c.setDirty(false)
			shown = c.refreshAsync()
		})
		<-shown
		msg := "Saved."
		for _, n := range notes { // a bill dropped: its links, and their record, go (as campaign import says)
			msg += "\n" + sentence(n)
		}
		doUIAndWait(func() { c.showMessage(msg, false) })
	})
	return done
}

func (c *campaignScreen) showMessage(text string, problem bool) { showNote(c.message, text, problem) }

// showConflict says that someone else saved the campaign (its texts, FAQ or help
// steps) after this screen loaded it, and that nothing was saved. The lead saves
// theirs over it (the other lead's changes are then replaced), or takes the other
// version (what was typed here is dropped). UI goroutine only.
func (c *campaignScreen) showConflict(e *db.EditConflictError) {
	who := e.By
	if who == "" {
		who = "someone else"
	}
	msg := fmt.Sprintf("The campaign was saved by %s after you opened it. Nothing was saved.", who)
	c.showMessage(msg, true)
	choose := func(saveMine bool) <-chan struct{} {
		c.conflict = nil
		if !saveMine {
			c.setDirty(false)
			return c.refreshAsync()
		}
		c.edit.Version = 0 // over whatever is there now
		return c.saveAsync()
	}
	label := widget.NewLabel(msg + "\n\nSaving yours replaces their changes to the bills, texts, FAQ and help steps.")
	label.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Changed by someone else", "Save mine over theirs", "Show theirs",
		container.NewGridWrap(fyne.NewSize(440, label.MinSize().Height*4), label), func(saveMine bool) { choose(saveMine) }, c.w)
	c.conflict = &campaignConflict{message: msg, choose: choose}
	d.Show()
}

// campaignConflict is the open "changed by someone else" dialog of the screen.
type campaignConflict struct {
	message string
	choose  func(saveMine bool) <-chan struct{}
}
