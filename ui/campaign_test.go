package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// newTestCampaign opens the Campaign screen on the starter campaign.
func newTestCampaign(t *testing.T) (*campaignScreen, *db.Store, int64) {
	t.Helper()
	a := test.NewTempApp(t)
	s := dbtest.Open(t)
	id := dbtest.Campaign(t, s)
	w := a.NewWindow("campaign")
	w.Resize(fyne.NewSize(1200, 800))
	c := newCampaignScreen(w, s, nil)
	w.SetContent(c.content)
	w.Show()
	t.Cleanup(w.Close)
	wait(t, c.refreshAsync())
	return c, s, id
}

// stored reads the campaign back from the database.
func stored(t *testing.T, s *db.Store, id int64) db.Campaign {
	t.Helper()
	c, err := s.Campaign(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// pickLanguage chooses a translation in the language menu.
func pickLanguage(t *testing.T, c *campaignScreen, code string) {
	t.Helper()
	for i, l := range c.langs {
		if l == code {
			c.language.SetSelectedIndex(i)
			return
		}
	}
	t.Fatalf("%s is not in the language menu %v", code, c.langs)
}

func TestCampaignScreenShowsTheCampaign(t *testing.T) {
	c, _, _ := newTestCampaign(t)
	for e, want := range map[string]string{c.senateBill.Text: "S.1305", c.houseSponsor.Text: "Rep. Juana Matías",
		c.votesUpper.Text: "21", c.votesLower.Text: "81", c.actionURL.Text: "https://www.progressivemass.com/sca-takeaction"} {
		if e != want {
			t.Errorf("shows %q, want %q", e, want)
		}
	}
	if want := []string{"None: English only", "Spanish (es)", "Portuguese (pt)"}; strings.Join(c.language.Options, "|") != strings.Join(want, "|") {
		t.Errorf("language menu %q", c.language.Options)
	}
	if !strings.Contains(c.title.Text, "S.1305 / H.3269") || c.unsaved.Visible() {
		t.Errorf("title %q, unsaved shown %v", c.title.Text, c.unsaved.Visible())
	}
	t.Run("lists the placeholders of the call script", func(t *testing.T) {
		for _, p := range []string{"{caller_name}", "{caller_town}", "{legislator_title}", "{legislator_name}", "{bill_number}"} {
			if !strings.Contains(placeholderHelp(), p) {
				t.Errorf("%s not listed", p)
			}
		}
		if c.scriptWarning.Visible() {
			t.Errorf("the starter script is warned about: %q", c.scriptWarning.Text)
		}
		c.entries["call_script/en"].SetText("Hello, I am {caller} from {caller_town}.")
		if !c.scriptWarning.Visible() || !strings.Contains(c.scriptWarning.Text, "{caller}") {
			t.Errorf("no warning for {caller}: %q", c.scriptWarning.Text)
		}
	})
}

func TestCampaignScreenEditsTranslations(t *testing.T) {
	c, s, id := newTestCampaign(t)

	t.Run("shows the translation beside English", func(t *testing.T) {
		pickLanguage(t, c, "es")
		en, es := c.entries["faq/0/0/answer/en"], c.entries["faq/0/0/answer/es"]
		if en == nil || es == nil || !strings.HasPrefix(es.Text, "Es un proyecto de ley") || !strings.HasPrefix(en.Text, "A Massachusetts bill") {
			t.Fatalf("answer columns: %v, %v", en, es)
		}
	})

	t.Run("an answer edited in Spanish is stored on Save", func(t *testing.T) {
		c.entries["faq/0/0/answer/es"].SetText("Respuesta revisada.")
		if !c.unsaved.Visible() {
			t.Error("no unsaved-changes mark after an edit")
		}
		wait(t, c.refreshAsync()) // switching screens and back keeps the edit
		if got := c.entries["faq/0/0/answer/es"].Text; got != "Respuesta revisada." {
			t.Fatalf("the edit was lost on refresh: %q", got)
		}
		wait(t, c.saveAsync())
		got := stored(t, s, id).FAQ[0].Entries[0]
		if got.Answer["es"] != "Respuesta revisada." || !strings.HasPrefix(got.Answer["en"], "A Massachusetts bill") {
			t.Errorf("stored answers %q", got.Answer)
		}
		if c.unsaved.Visible() || c.message.Text != "Saved." {
			t.Errorf("after saving: unsaved %v, message %q", c.unsaved.Visible(), c.message.Text)
		}
	})

	t.Run("a new language is added and stored with its texts", func(t *testing.T) {
		if _, err := c.checkLanguage("es"); err == nil {
			t.Error("accepted Spanish twice")
		}
		if _, err := c.checkLanguage("not a language"); err == nil {
			t.Error("accepted a non-code")
		}
		c.addTranslation("ht")
		if c.lang != "ht" || c.language.Selected != "Haitian Creole (ht)" {
			t.Fatalf("language %q, menu shows %q", c.lang, c.language.Selected)
		}
		c.entries["name/ht"].SetText("Lwa Kominote an Sekirite")
		c.entries["faq/0/0/question/ht"].SetText("Kisa Lwa a ye?")
		wait(t, c.saveAsync())
		got := stored(t, s, id)
		if got.Texts["ht"].Name != "Lwa Kominote an Sekirite" || got.FAQ[0].Entries[0].Question["ht"] != "Kisa Lwa a ye?" {
			t.Errorf("stored ht name %q, question %q", got.Texts["ht"].Name, got.FAQ[0].Entries[0].Question["ht"])
		}
		if strings.Join(got.Languages(), ",") != "en,es,ht,pt" {
			t.Errorf("languages %v", got.Languages())
		}
	})
}

func TestCampaignScreenOrdersTheFAQ(t *testing.T) {
	c, s, id := newTestCampaign(t)
	before := stored(t, s, id).FAQ[0].Entries

	t.Run("moving a question down stores the new order", func(t *testing.T) {
		c.onMoveFAQEntry(0, 0, 1)
		if got := c.entries["faq/0/1/question/en"].Text; got != before[0].Question["en"] {
			t.Errorf("second question shows %q", got)
		}
		wait(t, c.saveAsync())
		after := stored(t, s, id).FAQ[0].Entries
		if after[0].UUID != before[1].UUID || after[1].UUID != before[0].UUID || after[2].UUID != before[2].UUID {
			t.Errorf("stored order %v, %v, %v", after[0].Question["en"], after[1].Question["en"], after[2].Question["en"])
		}
	})

	t.Run("a question added to a section is stored at its end", func(t *testing.T) {
		c.onAddFAQEntry(1)
		n := len(c.edit.FAQ[1].Entries)
		c.entries[faqKeyField(1, n-1, "question", "en")].SetText("Where do we meet?")
		c.entries[faqKeyField(1, n-1, "answer", "en")].SetText("At the library.")
		c.onAddHelpStep()   // left blank: saves nothing
		c.onAddFAQSection() // the same
		wait(t, c.saveAsync())
		got := stored(t, s, id)
		last := got.FAQ[1].Entries[len(got.FAQ[1].Entries)-1]
		if len(got.FAQ[1].Entries) != n || last.Question["en"] != "Where do we meet?" || last.Answer["en"] != "At the library." {
			t.Errorf("section 2 has %d entries, last %q", len(got.FAQ[1].Entries), last.Question)
		}
		if len(got.HelpSteps) != 4 || len(got.FAQ) != 2 {
			t.Errorf("blanks were stored: %d steps, %d sections", len(got.HelpSteps), len(got.FAQ))
		}
	})

	t.Run("removing a question asks first, then moves it to the trash", func(t *testing.T) {
		gone := c.edit.FAQ[0].Entries[2]
		c.onRemoveFAQEntry(0, 2)
		asked := false
		for _, o := range c.w.Canvas().Overlays().List() {
			asked = asked || labelsContainPrefix(o, "Remove “"+gone.Question["en"]+"”")
		}
		if !asked {
			t.Error("no confirmation naming the question")
		}
		wait(t, c.removeFAQEntryAsync(0, 2))
		for _, e := range stored(t, s, id).FAQ[0].Entries {
			if e.UUID == gone.UUID {
				t.Error("the removed question is still stored")
			}
		}
		for _, e := range c.edit.FAQ[0].Entries {
			if e.UUID == gone.UUID {
				t.Error("the removed question is still on screen")
			}
		}
	})
}

// faqKeyField names the entry of one text of an FAQ question.
func faqKeyField(section, entry int, field, lang string) string {
	return faqKey(section, entry) + "/" + field + "/" + lang
}

func TestCampaignScreenRefusesInvalidFields(t *testing.T) {
	c, s, id := newTestCampaign(t)
	for _, tc := range []struct {
		name, field string
		entry       func() *widget.Entry
		text, says  string
	}{
		{"votes needed that are not a number", "votes_lower", func() *widget.Entry { return c.votesLower }, "eighty", "Votes needed in the House must be a whole number"},
		{"negative votes needed", "votes_upper", func() *widget.Entry { return c.votesUpper }, "-3", "Votes needed in the Senate must be a whole number"},
		{"an action link that is not a web address", "action_url", func() *widget.Entry { return c.actionURL }, "progressivemass.com", "must be a web address"},
		{"an action link with words after it", "action_url", func() *widget.Entry { return c.actionURL }, "https://example.org/act now", "must be a web address"},
		{"a sponsor without a bill number", "senate_bill", func() *widget.Entry { return c.senateBill }, "", "Give the Senate bill's number"},
		{"another state with Massachusetts' votes needed", "state", func() *widget.Entry { return c.state }, "NH", "The 21 Senate votes needed were set for MA: say how many NH needs"},
	} {
		t.Run("refuses "+tc.name+" and stores nothing", func(t *testing.T) {
			wait(t, c.refreshAsync())
			e := tc.entry()
			old := e.Text
			e.SetText(tc.text)
			c.entries["summary/en"].SetText("A changed summary.")
			wait(t, c.saveAsync())
			if l := c.fieldErrors[tc.field]; !l.Visible() || !strings.Contains(l.Text, tc.says) {
				t.Errorf("message by the field: %q (visible %v)", l.Text, l.Visible())
			}
			got := stored(t, s, id)
			if got.TextsIn("en").Summary == "A changed summary." || got.VotesNeeded != (db.VotesNeeded{Upper: 21, Lower: 81}) {
				t.Error("something was stored")
			}
			if !c.unsaved.Visible() {
				t.Error("the edits are no longer marked unsaved")
			}
			e.SetText(old)
			c.setDirty(false)
		})
	}
}

// labelsContainPrefix reports whether any label drawn under o starts with text.
func labelsContainPrefix(o fyne.CanvasObject, text string) bool {
	for _, obj := range test.LaidOutObjects(o) {
		if l, ok := obj.(*widget.Label); ok && strings.HasPrefix(l.Text, text) {
			return true
		}
	}
	return false
}

func TestCampaignScreenWithoutACampaign(t *testing.T) {
	a := test.NewTempApp(t)
	s := dbtest.Open(t)
	w := a.NewWindow("campaign")
	defer w.Close()
	c := newCampaignScreen(w, s, nil)
	w.SetContent(c.content)
	wait(t, c.refreshAsync())
	if !c.empty.Visible() || c.body.Visible() || !c.save.Disabled() {
		t.Errorf("empty notice %v, editors %v, save enabled %v", c.empty.Visible(), c.body.Visible(), !c.save.Disabled())
	}
	c.senateBill.SetText("S.1")
	if c.unsaved.Visible() {
		t.Error("typing with no campaign is marked unsaved")
	}
}

func TestCampaignFiles(t *testing.T) {
	c, s, id := newTestCampaign(t)
	camp := stored(t, s, id)
	dir := t.TempDir()
	write := func(name string, cp db.Campaign) string {
		data, err := db.MarshalCampaignFile(cp)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	t.Run("a newer revision from the coalition updates the campaign", func(t *testing.T) {
		newer := camp
		newer.Revision = camp.Revision + 1
		newer.ActionURL = "https://example.org/new-action"
		wait(t, c.importFileAsync(write("newer.json", newer)))
		if got := stored(t, s, id); got.ActionURL != "https://example.org/new-action" || got.Revision != newer.Revision {
			t.Errorf("stored %q revision %d", got.ActionURL, got.Revision)
		}
		if !strings.HasPrefix(c.message.Text, "Updated") || c.actionURL.Text != "https://example.org/new-action" {
			t.Errorf("message %q, action link shown %q", c.message.Text, c.actionURL.Text)
		}
	})
	t.Run("an older revision is refused and changes nothing", func(t *testing.T) {
		older := camp
		older.ActionURL = "https://example.org/old"
		wait(t, c.importFileAsync(write("older.json", older)))
		if got := stored(t, s, id); got.ActionURL != "https://example.org/new-action" {
			t.Errorf("stored %q", got.ActionURL)
		}
		if !strings.Contains(c.message.Text, "older revision") {
			t.Errorf("message %q", c.message.Text)
		}
	})
	t.Run("a file that is not a campaign says so", func(t *testing.T) {
		path := filepath.Join(dir, "notes.json")
		os.WriteFile(path, []byte(`{"hello": "world"}`), 0o600)
		wait(t, c.importFileAsync(path))
		if !strings.Contains(c.message.Text, "is not a campaign file") {
			t.Errorf("message %q", c.message.Text)
		}
	})
}

// TestCampaignScreenSaysASponsorIsNotInOffice: a sponsor the legislators' directory
// does not have in office (Rep. Juana Matías on the starter campaign) is said to be
// so under the bill, not silently left out of the whip count (issue 15).
func TestCampaignScreenSaysASponsorIsNotInOffice(t *testing.T) {
	c, s, _ := newTestCampaign(t)
	t.Run("says the sponsors are not checked before legislators are loaded", func(t *testing.T) {
		for _, l := range []*widget.Label{c.senateNote, c.houseNote} {
			if !l.Visible() || !strings.HasPrefix(l.Text, "Not checked yet: no legislators of MA are loaded") {
				t.Errorf("%q (shown %v)", l.Text, l.Visible())
			}
		}
	})
	dbtest.Legislator(t, s, db.ChamberUpper, "Middlesex and Worcester", "Jamie Eldridge")
	dbtest.Legislator(t, s, db.ChamberLower, "11th Hampden", "Orlando Ramos")
	wait(t, c.refreshAsync())
	t.Run("says a sponsor in office is", func(t *testing.T) {
		if want := "In office: Sen. Jamie Eldridge (Middlesex and Worcester), not yet in the whip count."; c.senateNote.Text != want || !c.senateNote.Visible() {
			t.Errorf("%q, want %q", c.senateNote.Text, want)
		}
	})
	t.Run("says a sponsor not in office is not, and why", func(t *testing.T) {
		if !c.houseNote.Visible() || c.houseNote.Importance != widget.WarningImportance ||
			!strings.HasPrefix(c.houseNote.Text, "Not in office: Rep. Juana Matías is not a legislator in office in MA (no legislator in office by that name, nor a former one on file: check the spelling, or import the legislators again if they are new).") {
			t.Errorf("%q (shown %v)", c.houseNote.Text, c.houseNote.Visible())
		}
	})
	t.Run("hides the note while the sponsor is typed, and says it again once saved", func(t *testing.T) {
		c.houseSponsor.SetText("")
		test.Type(c.houseSponsor, "Rep. Orlando Ramos")
		if c.houseNote.Visible() {
			t.Errorf("still shown while typing: %q", c.houseNote.Text)
		}
		wait(t, c.saveAsync())
		if want := "In office: Rep. Orlando Ramos (11th Hampden), not yet in the whip count."; c.houseNote.Text != want || !c.houseNote.Visible() {
			t.Errorf("%q, want %q", c.houseNote.Text, want)
		}
	})
}

// Another lead saved the campaign (an FAQ answer) after this screen loaded it: Save
// says so and writes nothing; the lead then saves theirs over it, or takes the other.
func TestCampaignScreenEditConflict(t *testing.T) {
	ctx := context.Background()
	setup := func(t *testing.T) (*campaignScreen, *db.Store, int64) {
		c, s, id := newTestCampaign(t)
		other := stored(t, s, id)
		other.FAQ[0].Entries[0].Answer["en"] = "Their answer."
		if _, err := s.SaveCampaign(ctx, other); err != nil {
			t.Fatal(err)
		}
		pickLanguage(t, c, "es")
		c.entries["faq/0/0/answer/es"].SetText("Respuesta revisada.")
		wait(t, c.saveAsync())
		if c.conflict == nil || !strings.Contains(c.conflict.message, "Nothing was saved") {
			t.Fatalf("conflict %+v", c.conflict)
		}
		if got := stored(t, s, id).FAQ[0].Entries[0]; got.Answer["es"] == "Respuesta revisada." {
			t.Fatal("the refused save wrote")
		}
		return c, s, id
	}
	t.Run("save mine over theirs", func(t *testing.T) {
		c, s, id := setup(t)
		wait(t, c.conflict.choose(true))
		if got := stored(t, s, id).FAQ[0].Entries[0]; got.Answer["es"] != "Respuesta revisada." {
			t.Errorf("stored %q", got.Answer)
		}
	})
	t.Run("show theirs", func(t *testing.T) {
		c, s, id := setup(t)
		wait(t, c.conflict.choose(false))
		if got := c.entries["faq/0/0/answer/en"].Text; got != "Their answer." {
			t.Errorf("the screen shows %q", got)
		}
		if got := stored(t, s, id).FAQ[0].Entries[0]; got.Answer["en"] != "Their answer." {
			t.Errorf("stored %q", got.Answer)
		}
	})
}

// TestCampaignScreenSaysALinkWent: a bill number changed on the campaign screen (not
// a renumbering: H.3269 for H.4000) takes the old bill's session link, and its record,
// away from the campaign; the save said only "Saved.", where campaign import says so.
func TestCampaignScreenSaysALinkWent(t *testing.T) {
	c, s, id := newTestCampaign(t)
	if _, err := s.LinkBill(context.Background(), db.BillLink{CampaignID: id, CampaignBill: "H.3269", Session: "194th"}); err != nil {
		t.Fatal(err)
	}
	c.houseBill.SetText("H.4000")
	wait(t, c.saveAsync())
	if msg := c.message.Text; !strings.HasPrefix(msg, "Saved.") || !strings.Contains(msg, "H.3269 is no longer among the campaign's bills: its link to session 194th") {
		t.Errorf("message %q; want it to say H.3269's link was removed", msg)
	}
}
