package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// slowCallStore takes its time to store a report, as a server far away does.
type slowCallStore struct {
	callStore
}

func (s slowCallStore) CreateCallReport(ctx context.Context, r db.CallReport, updateStance bool) (int64, error) {
	time.Sleep(300 * time.Millisecond)
	return s.callStore.CreateCallReport(ctx, r, updateStance)
}

// An Enter pressed again while the save is under way stored the report twice (t7):
// only the Save button was disabled. Every way to submit waits for the save.
func TestCallFormSavesOnceWhileASaveRuns(t *testing.T) {
	ctx := context.Background()
	c, w, s, camp, sen := newCallFormForTest(t)
	f := c.form
	f.store = slowCallStore{f.store}
	old := background
	background = func(g func()) { go g() }
	defer func() { background = old }()
	f.reset(true)
	f.legislator.set(&choice{ID: sen, Label: "Sen. Robyn Kennedy"})
	typeIn(t, w, f.outcome, "busy")
	enter(w)
	w.Canvas().Focus(f.notes)
	test.Type(f.notes, "double")
	enter(w) // saves: the store takes 300ms
	first := f.saved
	time.Sleep(50 * time.Millisecond)
	enter(w) // the notes again
	f.notes.OnSubmitted("double")
	f.updateWhip.onSubmit()
	f.gaveNameZip.onSubmit()
	f.outcome.onEnter()
	f.save.OnTapped()
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
	f.reset(true)
	f.legislator.set(&choice{ID: sen, Label: "Sen. Robyn Kennedy"})
	typeIn(t, w, f.outcome, "busy")
	enter(w)
	w.Canvas().Focus(f.notes)
	test.Type(f.notes, "double")
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
