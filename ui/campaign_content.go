package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// scriptPlaceholders are the blanks a call script may leave, filled in for each
// caller and legislator when call sheets are printed; the starter campaign uses all
// of them, in every language.
var scriptPlaceholders = []struct{ name, meaning string }{
	{"{caller_name}", "the volunteer's name"},
	{"{caller_town}", "their town"},
	{"{legislator_title}", "Senator or Representative"},
	{"{legislator_name}", "the legislator's name"},
	{"{bill_number}", "the bill's number in that legislator's chamber"},
}

// placeholderHelp is the sentence under the call script.
func placeholderHelp() string {
	var parts []string
	for _, p := range scriptPlaceholders {
		parts = append(parts, p.name+" ("+p.meaning+")")
	}
	return "The script can use " + strings.Join(parts, ", ") + ": each is replaced on the call sheets. Keep them as written, in every language."
}

// faqKey names an FAQ entry's validation message.
func faqKey(section, entry int) string { return fmt.Sprintf("faq/%d/%d", section, entry) }

// rebuild redraws the translated editors for the campaign as edited and the chosen
// translation; UI goroutine only.
func (c *campaignScreen) rebuild() {
	for field := range c.fieldErrors {
		if strings.Contains(field, "/") {
			delete(c.fieldErrors, field)
		}
	}
	c.entries = map[string]*widget.Entry{}
	c.buildTexts()
	c.buildFAQ()
	c.buildHelp()
	c.checkScript()
}

// translated is the editor of one translated text: the default language, and the
// translation beside it when one is chosen.
// rows is how many lines a multi-line field shows (0: a single-line field).
func (c *campaignScreen) translated(key string, get func(lang string) string, set func(lang, text string), rows int) fyne.CanvasObject {
	column := func(lang string) *widget.Entry {
		e := widget.NewEntry()
		if rows > 0 {
			e = widget.NewMultiLineEntry()
			e.Wrapping = fyne.TextWrapWord
			e.SetMinRowsVisible(rows)
		}
		e.SetText(get(lang))
		e.OnChanged = func(text string) {
			set(lang, text)
			c.markDirty()
		}
		c.entries[key+"/"+lang] = e
		return e
	}
	def := c.edit.DefaultLang
	if c.lang == def || c.lang == "" {
		return column(def)
	}
	tr := column(c.lang)
	tr.SetPlaceHolder("Not translated yet")
	return container.NewGridWithColumns(2, column(def), tr)
}

// columnHeads names the language columns, as the first row of a form.
func (c *campaignScreen) columnHeads(form *fyne.Container) {
	if c.lang == c.edit.DefaultLang || c.lang == "" {
		return
	}
	form.Add(widget.NewLabel(""))
	form.Add(container.NewGridWithColumns(2, caption(languageName(c.edit.DefaultLang)), caption(languageName(c.lang))))
}

// translatedMap edits one text of a Translated map.
func (c *campaignScreen) translatedMap(key string, t db.Translated, rows int) fyne.CanvasObject {
	return c.translated(key, func(lang string) string { return t[lang] },
		func(lang, text string) { t[lang] = text }, rows)
}

func (c *campaignScreen) buildTexts() {
	c.texts.RemoveAll()
	c.columnHeads(c.texts)
	text := func(key, label string, rows int, field func(*db.CampaignTexts) *string) {
		o := c.translated(key, func(lang string) string {
			t := c.edit.Texts[lang]
			return *field(&t)
		}, func(lang, s string) {
			t := c.edit.Texts[lang]
			*field(&t) = s
			c.edit.Texts[lang] = t
			if key == "name" {
				c.showTitle()
			}
			if key == "call_script" {
				c.checkScript()
			}
		}, rows)
		if key == "name" {
			o = c.withError("name/"+c.edit.DefaultLang, o)
		}
		c.texts.Add(widget.NewLabel(label))
		c.texts.Add(o)
	}
	text("name", "Name", 0, func(t *db.CampaignTexts) *string { return &t.Name })
	text("summary", "Summary", 4, func(t *db.CampaignTexts) *string { return &t.Summary })
	text("call_script", "Call script", 8, func(t *db.CampaignTexts) *string { return &t.CallScript })
	c.texts.Add(widget.NewLabel(""))
	c.texts.Add(container.NewVBox(lowLabel(placeholderHelp()), c.scriptWarning))
	text("script_key_line", "Key line", 0, func(t *db.CampaignTexts) *string { return &t.ScriptKeyLine })
	text("help_intro", "Help intro", 2, func(t *db.CampaignTexts) *string { return &t.HelpIntro })
}

// checkScript warns, without refusing to save, about placeholders nobody fills in.
func (c *campaignScreen) checkScript() {
	var warnings []string
	for _, lang := range []string{c.edit.DefaultLang, c.lang} {
		// The store's reading, which call sheets and campaign import warn by too:
		// one list of placeholders, and the one meant named.
		if unknown := c.edit.UnknownPlaceholders(lang); len(unknown) > 0 && lang != "" {
			w := fmt.Sprintf("The %s script: %s. The call sheets would print it as is.",
				languageName(lang), strings.Join(unknown, "; "))
			if len(warnings) == 0 || warnings[0] != w {
				warnings = append(warnings, w)
			}
		}
	}
	c.scriptWarning.SetText(strings.Join(warnings, "\n"))
	c.scriptWarning.Hidden = len(warnings) == 0
	c.scriptWarning.Refresh()
}

// moveButtons are the up and down buttons of item i of n.
func moveButtons(i, n int, move func(from, to int)) (up, down *widget.Button) {
	up = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { move(i, i-1) })
	down = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { move(i, i+1) })
	if i == 0 {
		up.Disable()
	}
	if i == n-1 {
		down.Disable()
	}
	return up, down
}

func (c *campaignScreen) buildFAQ() {
	c.faq.RemoveAll()
	c.columnHeads(c.faq)
	for si := range c.edit.FAQ {
		sec := &c.edit.FAQ[si]
		if sec.Title == nil {
			sec.Title = db.Translated{}
		}
		if si > 0 {
			c.faq.Add(widget.NewLabel(""))
			// Centred in its row: a form row would stretch a bare separator into a bar.
			c.faq.Add(container.NewVBox(layout.NewSpacer(), widget.NewSeparator(), layout.NewSpacer()))
		}
		c.faq.Add(widget.NewLabelWithStyle(fmt.Sprintf("Section %d", si+1), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		c.faq.Add(c.translatedMap(fmt.Sprintf("section/%d/title", si), sec.Title, 0))
		for ei := range sec.Entries {
			c.addFAQEntry(si, ei)
		}
		add := widget.NewButtonWithIcon("Add a question to this section", theme.ContentAddIcon(), func() { c.onAddFAQEntry(si) })
		c.faq.Add(widget.NewLabel(""))
		c.faq.Add(container.NewHBox(add))
	}
	c.faq.Add(widget.NewLabel(""))
	c.faq.Add(container.NewHBox(widget.NewButtonWithIcon("Add a section", theme.ContentAddIcon(), c.onAddFAQSection)))
}

// addFAQEntry adds the rows of one question to the FAQ form.
func (c *campaignScreen) addFAQEntry(si, ei int) {
	sec := &c.edit.FAQ[si]
	e := &sec.Entries[ei]
	if e.Question == nil {
		e.Question = db.Translated{}
	}
	if e.Answer == nil {
		e.Answer = db.Translated{}
	}
	up, down := moveButtons(ei, len(sec.Entries), func(from, to int) { c.onMoveFAQEntry(si, from, to) })
	remove := widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() { c.onRemoveFAQEntry(si, ei) })
	c.faq.Add(widget.NewLabel(""))
	heading := widget.NewLabelWithStyle(fmt.Sprintf("Question %d of %d", ei+1, len(sec.Entries)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.faq.Add(container.NewBorder(nil, nil, heading, container.NewHBox(up, down, remove)))
	c.faq.Add(widget.NewLabel("Question"))
	c.faq.Add(c.withError(faqKey(si, ei), c.translatedMap(fmt.Sprintf("faq/%d/%d/question", si, ei), e.Question, 0)))
	c.faq.Add(widget.NewLabel("Answer"))
	c.faq.Add(c.translatedMap(fmt.Sprintf("faq/%d/%d/answer", si, ei), e.Answer, 6))
}

// onMoveFAQEntry moves a question up or down its section; Save stores the order.
func (c *campaignScreen) onMoveFAQEntry(si, from, to int) {
	entries := c.edit.FAQ[si].Entries
	if to < 0 || to >= len(entries) {
		return
	}
	entries[from], entries[to] = entries[to], entries[from]
	c.setDirty(true)
	c.rebuild()
}

func (c *campaignScreen) onAddFAQEntry(si int) {
	sec := &c.edit.FAQ[si]
	sec.Entries = append(sec.Entries, db.FAQEntry{Question: db.Translated{}, Answer: db.Translated{}})
	c.setDirty(true)
	c.rebuild()
	if e := c.entries[fmt.Sprintf("faq/%d/%d/question/%s", si, len(sec.Entries)-1, c.edit.DefaultLang)]; e != nil {
		c.w.Canvas().Focus(e)
	}
}

func (c *campaignScreen) onAddFAQSection() {
	c.edit.FAQ = append(c.edit.FAQ, db.FAQSection{Title: db.Translated{},
		Entries: []db.FAQEntry{{Question: db.Translated{}, Answer: db.Translated{}}}})
	c.setDirty(true)
	c.rebuild()
}

// onRemoveFAQEntry asks before removing a question.
func (c *campaignScreen) onRemoveFAQEntry(si, ei int) {
	e := c.edit.FAQ[si].Entries[ei]
	q := strings.TrimSpace(e.Question.In(c.edit.DefaultLang, c.edit.DefaultLang))
	if q == "" {
		q = "this question"
	} else {
		q = "“" + q + "”"
	}
	msg := widget.NewLabel(fmt.Sprintf("Remove %s and its answer in every language?\nIt moves to the trash; leaflets stop printing it.", q))
	msg.Alignment = fyne.TextAlignCenter
	dialog.ShowCustomConfirm("Remove the question?", "Remove", "Keep it", msg, func(ok bool) {
		if ok {
			c.removeFAQEntryAsync(si, ei)
		}
	}, c.w)
}

// removeFAQEntryAsync moves a stored question to the trash at once (a new one is
// just dropped) and takes it off the screen, keeping the other unsaved edits. The
// channel closes once the screen shows it gone.
func (c *campaignScreen) removeFAQEntryAsync(si, ei int) <-chan struct{} {
	done := make(chan struct{})
	e := c.edit.FAQ[si].Entries[ei]
	drop := func() {
		sec := &c.edit.FAQ[si]
		for i := range sec.Entries {
			if (e.UUID != "" && sec.Entries[i].UUID == e.UUID) || (e.UUID == "" && i == ei) {
				sec.Entries = append(sec.Entries[:i], sec.Entries[i+1:]...)
				break
			}
		}
		c.rebuild()
	}
	if e.ID == 0 {
		drop()
		close(done)
		return done
	}
	background(func() {
		defer close(done)
		if err := c.store.TrashFAQEntry(context.Background(), e.ID); err != nil {
			showErrorAsync(c.w, err)
			return
		}
		doUIAndWait(func() {
			drop()
			c.showMessage("The question moved to the trash.", false)
		})
	})
	return done
}

func (c *campaignScreen) buildHelp() {
	c.help.RemoveAll()
	c.columnHeads(c.help)
	for i := range c.edit.HelpSteps {
		st := &c.edit.HelpSteps[i]
		if st.Text == nil {
			st.Text = db.Translated{}
		}
		up, down := moveButtons(i, len(c.edit.HelpSteps), c.onMoveHelpStep)
		c.help.Add(widget.NewLabel(fmt.Sprintf("Step %d", i+1)))
		c.help.Add(container.NewBorder(nil, nil, nil, container.NewVBox(up, down),
			c.translatedMap(fmt.Sprintf("help/%d", i), st.Text, 2)))
	}
	c.help.Add(widget.NewLabel(""))
	c.help.Add(container.NewHBox(widget.NewButtonWithIcon("Add a step", theme.ContentAddIcon(), c.onAddHelpStep)))
}

// onMoveHelpStep moves a step up or down; Save stores the order.
func (c *campaignScreen) onMoveHelpStep(from, to int) {
	steps := c.edit.HelpSteps
	if to < 0 || to >= len(steps) {
		return
	}
	steps[from], steps[to] = steps[to], steps[from]
	c.setDirty(true)
	c.rebuild()
}

func (c *campaignScreen) onAddHelpStep() {
	c.edit.HelpSteps = append(c.edit.HelpSteps, db.HelpStep{Text: db.Translated{}})
	c.setDirty(true)
	c.rebuild()
}
