package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// An Enter pressed again while the save is under way stored the report twice (t7):
// only the Save button was disabled. Every way to submit waits for the save. The
// save is held in flight by queuing the form's background work until every other way
// to submit was tried, then running it: no goroutine of its own (which raced the test
// driver's widgets under the race detector).
func TestCallFormSavesOnceWhileASaveRuns(t *testing.T) {
	ctx := context.Background()
	c, w, s, camp, sen := newCallFormForTest(t)
	f := c.form
	keyBusyCall(t, w, f, sen)
	var queued []func()
	old := background
	background = func(g func()) { queued = append(queued, g) }
	defer func() { background = old }()
	enter(w) // saves: held in flight below
	first := f.saved
	if len(queued) == 0 {
		t.Fatal("Enter started no save")
	}
	enter(w) // the notes again
	f.notes.OnSubmitted("double")
	f.updateWhip.onSubmit()
	f.gaveNameZip.onSubmit()
	f.outcome.onEnter()
	f.save.OnTapped()
	background = old
	for len(queued) > 0 { // the save done, and whatever else was started meanwhile
		g := queued[0]
		queued = queued[1:]
		g()
	}
	wait(t, first)
	wait(t, f.saved)
	rows, err := s.ListCallReports(ctx, db.CallFilter{CampaignID: camp}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 {
		t.Errorf("stored %d reports, want 1", len(rows))
	}
	if !strings.HasPrefix(f.message.Text, "Saved: ") {
		t.Errorf("message %q", f.message.Text)
	}
}

// A quick save cleared the form; an Enter more on it replaced "Saved: …" with a red
// "Pick the legislator who was called." (t7). An empty, just-saved form does nothing.
func TestCallFormEnterOnAJustSavedFormKeepsSaved(t *testing.T) {
	ctx := context.Background()
	c, w, s, camp, sen := newCallFormForTest(t)
	f := c.form
	keyBusyCall(t, w, f, sen)
	enter(w)
	wait(t, f.saved)
	saved := f.message.Text
	if !strings.HasPrefix(saved, "Saved: ") {
		t.Fatalf("message %q", saved)
	}
	enter(w) // in the Caller, empty
	wait(t, f.saved)
	f.save.OnTapped()
	wait(t, f.saved)
	if f.message.Text != saved || f.message.Importance == widget.DangerImportance {
		t.Errorf("message after Enter on the empty form: %q, want %q", f.message.Text, saved)
	}
	rows, _ := s.ListCallReports(ctx, db.CallFilter{CampaignID: camp}, 0, 10)
	if len(rows) != 1 {
		t.Errorf("stored %d reports, want 1", len(rows))
	}
	// Something typed in the form again: Enter says what is missing, as before.
	typeIn(t, w, f.outcome, "busy")
	enter(w)
	enter(w)
	wait(t, f.saved)
	if f.message.Text != "Pick the legislator who was called." {
		t.Errorf("message on a started form %q", f.message.Text)
	}
}

// "voicem" and Enter in What happened took "Voicemail full", the one label that
// begins with it, though "Left a voicemail" has a word that does too (t7): a wrong
// outcome filed by a lead who meant the other. Both match: Enter takes neither and
// says which ones do.
func TestCallFormOutcomeMatchesWordsInsideLabels(t *testing.T) {
	c, w, _, _, _ := newCallFormForTest(t)
	f := c.form
	f.reset(true)
	typeIn(t, w, f.outcome, "voicem")
	enter(w)
	if f.outcome.chosen != nil {
		t.Errorf("Enter took %q", f.outcome.chosen.Label)
	}
	want := "'voicem' matches: Left a voicemail, Voicemail full — type more or pick one."
	if !f.outcome.note.Visible() || f.outcome.note.Text != want {
		t.Errorf("note %q, want %q", f.outcome.note.Text, want)
	}
	// A word of one of them says which: "left" is the voicemail left.
	f.outcome.SetText("")
	typeIn(t, w, f.outcome, "left")
	enter(w)
	if f.outcome.chosen == nil || f.outcome.chosen.Value != string(db.OutcomeLeftVoicemail) {
		t.Errorf("left took %+v", f.outcome.chosen)
	}
}

// A call older than the stance the whip count stands on goes into the history at its
// date and leaves the count (db: stanceRowAt). The form offered "Update the whip
// count: … from Yes to No" and said only "Saved: …" (t7): it now says what the store
// does, before and after the save.
func TestCallFormOlderCallSaysTheCountStays(t *testing.T) {
	ctx := context.Background()
	c, w, s, camp, sen := newCallFormForTest(t)
	f := c.form
	if _, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: camp, LegislatorID: sen, Outcome: db.OutcomeSpokeLegislator,
		StanceHeard: db.StanceYes, CalledAt: time.Now().Add(-time.Minute)}, true); err != nil {
		t.Fatal(err)
	}
	wait(t, c.refreshAsync())
	count := func() db.Stance {
		wc, err := s.WhipCount(ctx, camp)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range wc.Legislators {
			if l.LegislatorID == sen {
				return l.Stance
			}
		}
		return ""
	}
	f.reset(true)
	typeIn(t, w, f.legislator, "kenn")
	enter(w)
	old := time.Now().In(f.loc()).AddDate(0, -2, 0)
	f.date.SetText(old.Format(dateLayout))
	typeIn(t, w, f.outcome, "spoke with the l")
	enter(w)
	typeIn(t, w, f.stance, "no")
	enter(w)
	offer := f.updateWhipText.Text
	if !f.updateWhipText.Visible() || strings.Contains(offer, "from Yes to No") ||
		!strings.Contains(offer, "history") || !strings.Contains(offer, "stays Yes") {
		t.Errorf("offer for an older call: %q", offer)
	}
	wait(t, f.saveAsync())
	if got := count(); got != db.StanceYes {
		t.Fatalf("whip count %s, want Yes", got)
	}
	if msg := f.message.Text; !strings.HasPrefix(msg, "Saved: ") || !strings.Contains(msg, "stays Yes") {
		t.Errorf("message after saving an older call: %q", msg)
	}
	if f.stances[sen] != db.StanceYes {
		t.Errorf("form's stance %s, want Yes", f.stances[sen])
	}

	// Today's call hearing No moves it, and the form says so.
	typeIn(t, w, f.legislator, "kenn")
	enter(w)
	f.date.SetText(f.today())
	typeIn(t, w, f.outcome, "spoke with the l")
	enter(w)
	typeIn(t, w, f.stance, "no")
	enter(w)
	if offer := f.updateWhipText.Text; !strings.Contains(offer, "from Yes to No") {
		t.Errorf("offer for today's call: %q", offer)
	}
	wait(t, f.saveAsync())
	if got := count(); got != db.StanceNo {
		t.Fatalf("whip count %s, want No", got)
	}
	if msg := f.message.Text; !strings.Contains(msg, "whip count is now No") {
		t.Errorf("message after saving today's call: %q", msg)
	}
}

// keyBusyCall keys a report on a cleared form: a busy line to legislator sen, notes
// "double", the cursor left in the notes (an Enter saves it).
func keyBusyCall(t *testing.T, w fyne.Window, f *callForm, sen int64) {
	t.Helper()
	f.reset(true)
	f.legislator.set(&choice{ID: sen, Label: "Sen. Robyn Kennedy"})
	typeIn(t, w, f.outcome, "busy")
	enter(w)
	w.Canvas().Focus(f.notes)
	test.Type(f.notes, "double")
}
