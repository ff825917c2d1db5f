package ui

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// enter presses Enter in the focused field.
func enter(w fyne.Window) {
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// typeIn focuses a type-ahead, types text and waits for its suggestions.
func typeIn(t *testing.T, w fyne.Window, ta *typeahead, text string) {
	t.Helper()
	w.Canvas().Focus(ta)
	test.Type(ta, text)
	wait(t, ta.done)
}

func TestCallReportForm(t *testing.T) {
	ctx := context.Background()
	test.NewTempApp(t)
	s := dbtest.Open(t)
	camp := dbtest.Campaign(t, s)
	sen := dbtest.Legislator(t, s, db.ChamberUpper, "First Worcester", "Robyn Kennedy")
	dbtest.Legislator(t, s, db.ChamberLower, "13th Worcester", "John Mahoney")
	ana := dbtest.Volunteer(t, s, "Ana", "Souza", func(v *db.Volunteer) { v.SenateDistrict = "First Worcester" })
	w := test.NewWindow(nil)
	defer w.Close()
	c := newCallsScreen(w, s)
	w.SetContent(c.content)
	w.Resize(fyne.NewSize(1100, 800))
	wait(t, c.refreshAsync())
	f := c.form

	t.Run("typing a report and pressing Enter stores it", func(t *testing.T) {
		typeIn(t, w, f.volunteer, "souz")
		if len(f.volunteer.items) != 1 || f.volunteer.items[0].Label != "Ana Souza" {
			t.Fatalf("caller suggestions %+v", f.volunteer.items)
		}
		enter(w)
		if f.volunteer.chosen == nil || f.volunteer.chosen.ID != ana {
			t.Fatalf("caller not taken: %+v", f.volunteer.chosen)
		}
		if w.Canvas().Focused() != f.legislator {
			t.Fatalf("Enter moved the focus to %T, not the legislator", w.Canvas().Focused())
		}
		typeIn(t, w, f.legislator, "kenn")
		enter(w)
		typeIn(t, w, f.outcome, "staff")
		enter(w)
		typeIn(t, w, f.stance, "leaning y")
		enter(w)
		if !f.updateWhip.Visible() || !strings.Contains(f.updateWhipText.Text, "Sen. Robyn Kennedy from Unknown to Leaning yes") {
			t.Errorf("whip proposal %q (shown %v)", f.updateWhipText.Text, f.updateWhip.Visible())
		}
		w.Canvas().Focus(f.notes)
		test.Type(f.notes, "Aide said the senator is reading it")
		w.Resize(fyne.NewSize(1100, 400)) // a small screen, the form scrolled down
		f.scroll.ScrollToBottom()
		if f.scroll.Offset.Y == 0 {
			t.Fatal("the form does not scroll")
		}
		enter(w)
		wait(t, f.saved)
		// The next report starts at the top, the Caller in sight: the form stayed
		// scrolled down and the focus went to a Caller out of sight (the first-day walk).
		if f.scroll.Offset.Y != 0 || w.Canvas().Focused() != f.volunteer {
			t.Errorf("after the save the form is scrolled to %.0f, the focus on %T", f.scroll.Offset.Y, w.Canvas().Focused())
		}
		w.Resize(fyne.NewSize(1100, 800))

		rows, err := s.ListCallReports(ctx, db.CallFilter{CampaignID: camp}, 0, 10)
		if err != nil || len(rows) != 1 {
			t.Fatalf("stored %d reports, %v", len(rows), err)
		}
		r := rows[0]
		if r.VolunteerID != ana || r.LegislatorID != sen || r.Outcome != db.OutcomeSpokeStaff ||
			r.StanceHeard != db.StanceLeaningYes || r.Notes != "Aide said the senator is reading it" ||
			r.CalledAt.Format(dateLayout) != time.Now().Format(dateLayout) {
			t.Errorf("stored %+v", r)
		}
		whip, _ := s.WhipCount(ctx, camp)
		for _, l := range whip.Legislators {
			if l.LegislatorID == sen && l.Stance != db.StanceLeaningYes {
				t.Errorf("whip count still says %s", l.Stance)
			}
		}
		if f.volunteer.Text != "" || f.notes.Text != "" || w.Canvas().Focused() != f.volunteer {
			t.Errorf("form not ready for the next report: caller %q, notes %q", f.volunteer.Text, f.notes.Text)
		}
		if !strings.HasPrefix(f.message.Text, "Saved: Ana Souza called Sen. Robyn Kennedy") {
			t.Errorf("message %q", f.message.Text)
		}
		wait(t, c.refreshAsync())
		if len(c.rows) != 1 {
			t.Errorf("list shows %d reports", len(c.rows))
		}
	})
	t.Run("the caller's own legislators are offered first", func(t *testing.T) {
		typeIn(t, w, f.volunteer, "ana s")
		enter(w)
		if len(f.legislator.items) != 1 || f.legislator.items[0].ID != sen {
			t.Errorf("empty legislator field offers %+v", f.legislator.items)
		}
		f.reset(true)
	})
	t.Run("a report without an outcome is not stored and says why", func(t *testing.T) {
		typeIn(t, w, f.legislator, "mahoney")
		enter(w)
		w.Canvas().Focus(f.notes)
		enter(w)
		wait(t, f.saved)
		if f.message.Text != "Pick what happened on the call." || w.Canvas().Focused() != f.outcome {
			t.Errorf("message %q, focus %T", f.message.Text, w.Canvas().Focused())
		}
		if rows, _ := s.ListCallReports(ctx, db.CallFilter{}, 0, 10); len(rows) != 1 {
			t.Errorf("%d reports stored", len(rows))
		}
	})
	t.Run("a date that is not a date is refused", func(t *testing.T) {
		f.reset(true)
		f.legislator.set(&choice{ID: sen, Label: "Sen. Robyn Kennedy"})
		f.outcome.set(&choice{Value: string(db.OutcomeBusy), Label: db.OutcomeBusy.Label()})
		f.date.SetText("yesterday")
		wait(t, f.saveAsync())
		if !strings.Contains(f.message.Text, `"yesterday" is not a date`) {
			t.Errorf("message %q", f.message.Text)
		}
	})
}

func TestCallListFilters(t *testing.T) {
	ctx := context.Background()
	test.NewTempApp(t)
	s := dbtest.Open(t)
	camp := dbtest.Campaign(t, s)
	sen := dbtest.Legislator(t, s, db.ChamberUpper, "First Worcester", "Robyn Kennedy")
	rep := dbtest.Legislator(t, s, db.ChamberLower, "13th Worcester", "John Mahoney")
	for _, c := range []struct {
		who int64
		ago time.Duration
	}{{sen, time.Hour}, {rep, time.Hour}, {rep, 20 * 24 * time.Hour}} {
		s.CreateCallReport(ctx, db.CallReport{CampaignID: camp, LegislatorID: c.who, Outcome: db.OutcomeBusy, CalledAt: time.Now().Add(-c.ago)}, false)
	}
	w := test.NewWindow(nil)
	defer w.Close()
	c := newCallsScreen(w, s)
	w.SetContent(c.content)
	wait(t, c.refreshAsync())
	if len(c.rows) != 2 {
		t.Errorf("last 7 days: %d reports", len(c.rows))
	}
	c.period.SetSelected("All time")
	wait(t, c.refreshAsync())
	c.who.SetSelected("Rep. John Mahoney (13th Worcester)")
	wait(t, c.refreshAsync())
	if len(c.rows) != 2 || c.rows[0].LegislatorID != rep || c.rows[1].LegislatorID != rep {
		t.Errorf("Mahoney, all time: %+v", c.rows)
	}
	if c.who.Selected != "Rep. John Mahoney (13th Worcester)" {
		t.Errorf("the filter forgot its choice: %q", c.who.Selected)
	}
}

// newCallFormForTest opens the Call reports screen on a chapter with one senator
// and two callers, and returns its form.
func newCallFormForTest(t *testing.T) (*callsScreen, fyne.Window, *db.Store, int64, int64) {
	t.Helper()
	test.NewTempApp(t)
	s := dbtest.Open(t)
	camp := dbtest.Campaign(t, s)
	sen := dbtest.Legislator(t, s, db.ChamberUpper, "First Worcester", "Robyn Kennedy")
	dbtest.Volunteer(t, s, "Ana", "Souza", nil)
	dbtest.Volunteer(t, s, "Ana", "Lima", nil)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	c := newCallsScreen(w, s)
	w.SetContent(c.content)
	w.Resize(fyne.NewSize(1100, 800))
	wait(t, c.refreshAsync())
	return c, w, s, camp, sen
}

func TestCallFormTakesTheChoiceTheTypedTextBegins(t *testing.T) {
	ctx := context.Background()
	c, w, s, camp, sen := newCallFormForTest(t)
	f := c.form
	reports := func() int {
		rows, err := s.ListCallReports(ctx, db.CallFilter{CampaignID: camp}, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		return len(rows)
	}

	t.Run("no then Enter in Stance heard is No, and saving moves the whip count", func(t *testing.T) {
		typeIn(t, w, f.legislator, "kenn")
		enter(w)
		typeIn(t, w, f.outcome, "spoke with the l")
		enter(w)
		typeIn(t, w, f.stance, "no")
		enter(w)
		if f.stance.chosen == nil || f.stance.chosen.Value != string(db.StanceNo) {
			t.Fatalf("stance taken: %+v", f.stance.chosen)
		}
		if !f.updateWhip.Visible() || !strings.Contains(f.updateWhipText.Text, "to No") {
			t.Errorf("whip proposal %q (shown %v)", f.updateWhipText.Text, f.updateWhip.Visible())
		}
		// Enter moved on to the check boxes; Enter there saves, as the README says.
		if _, ok := w.Canvas().Focused().(*submitCheck); !ok {
			t.Fatalf("focus after the stance: %T", w.Canvas().Focused())
		}
		enter(w)
		wait(t, f.saved)
		rows, _ := s.ListCallReports(ctx, db.CallFilter{CampaignID: camp}, 0, 10)
		if len(rows) != 1 || rows[0].StanceHeard != db.StanceNo {
			t.Fatalf("stored %+v", rows)
		}
		whip, _ := s.WhipCount(ctx, camp)
		for _, l := range whip.Legislators {
			if l.LegislatorID == sen && l.Stance != db.StanceNo {
				t.Errorf("whip count says %s", l.Stance)
			}
		}
	})
	t.Run("lean asks which leaning and saves nothing", func(t *testing.T) {
		f.reset(true)
		f.legislator.set(&choice{ID: sen, Label: "Sen. Robyn Kennedy"})
		f.outcome.set(&choice{Value: string(db.OutcomeBusy), Label: db.OutcomeBusy.Label()})
		typeIn(t, w, f.stance, "lean")
		enter(w)
		if f.stance.chosen != nil {
			t.Errorf("took %+v", f.stance.chosen)
		}
		if w.Canvas().Focused() != f.stance {
			t.Errorf("focus moved to %T", w.Canvas().Focused())
		}
		var shown []string
		for _, it := range f.stance.items {
			shown = append(shown, it.Label)
		}
		if strings.Join(shown, "/") != "Leaning yes/Leaning no" {
			t.Errorf("suggestions %v", shown)
		}
		if !f.stance.note.Visible() || f.stance.note.Text != "'lean' matches: Leaning yes, Leaning no — type more or pick one." {
			t.Errorf("note %q (shown %v)", f.stance.note.Text, f.stance.note.Visible())
		}
		// Save pressed anyway: refused, the same reason given.
		wait(t, f.saveAsync())
		if reports() != 1 || !strings.HasPrefix(f.message.Text, "'lean' matches:") {
			t.Errorf("%d reports; message %q", reports(), f.message.Text)
		}
		test.Type(f.stance, " n")
		wait(t, f.stance.done)
		enter(w)
		if f.stance.chosen == nil || f.stance.chosen.Value != string(db.StanceLeaningNo) || f.stance.note.Visible() {
			t.Errorf("lean n took %+v, note %q", f.stance.chosen, f.stance.note.Text)
		}
	})
	t.Run("text nothing begins is refused by the field", func(t *testing.T) {
		f.reset(true)
		typeIn(t, w, f.stance, "maybe")
		enter(w)
		if f.stance.chosen != nil || f.stance.note.Text != "Nothing here begins with 'maybe'." {
			t.Errorf("took %+v, note %q", f.stance.chosen, f.stance.note.Text)
		}
	})
	t.Run("every type-ahead refuses an ambiguous prefix", func(t *testing.T) {
		f.reset(true)
		typeIn(t, w, f.outcome, "spoke")
		enter(w)
		if f.outcome.chosen != nil || !strings.Contains(f.outcome.note.Text, "Spoke with the legislator, Spoke with staff") {
			t.Errorf("outcome took %+v, note %q", f.outcome.chosen, f.outcome.note.Text)
		}
		f.outcome.SetText("")
		typeIn(t, w, f.outcome, "no")
		enter(w)
		if f.outcome.chosen == nil || f.outcome.chosen.Value != string(db.OutcomeNoAnswer) {
			t.Errorf("outcome no took %+v", f.outcome.chosen)
		}
		typeIn(t, w, f.volunteer, "ana")
		enter(w)
		if f.volunteer.chosen != nil || f.volunteer.note.Text != "'ana' matches: Ana Lima, Ana Souza — type more or pick one." {
			t.Errorf("caller took %+v, note %q", f.volunteer.chosen, f.volunteer.note.Text)
		}
		test.Type(f.volunteer, " s")
		wait(t, f.volunteer.done)
		enter(w)
		if f.volunteer.chosen == nil || f.volunteer.chosen.Label != "Ana Souza" {
			t.Errorf("caller ana s took %+v", f.volunteer.chosen)
		}
	})
	t.Run("Up or Down then Enter takes the highlighted suggestion", func(t *testing.T) {
		f.reset(true)
		typeIn(t, w, f.stance, "lean")
		for i, b := range f.stance.rows {
			if b.Importance != widget.LowImportance {
				t.Errorf("%q looks highlighted before the lead moved to it", f.stance.items[i].Label)
			}
		}
		w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // the first
		w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // the second
		enter(w)
		if f.stance.chosen == nil || f.stance.chosen.Value != string(db.StanceLeaningNo) {
			t.Errorf("took %+v", f.stance.chosen)
		}
	})
	t.Run("Enter in an empty Called says how to take the caller's own legislator", func(t *testing.T) {
		// On the first-day walk the caller's senator was offered, looked chosen, and
		// Enter went to Save ("Pick the legislator who was called") while the next
		// words typed landed in Called.
		f.reset(true)
		dbtest.Volunteer(t, s, "Rosa", "Almeida", func(v *db.Volunteer) { v.SenateDistrict = "First Worcester" })
		typeIn(t, w, f.volunteer, "rosa")
		enter(w)
		if w.Canvas().Focused() != f.legislator || len(f.legislator.items) == 0 {
			t.Fatalf("focus on %T, %d offered", w.Canvas().Focused(), len(f.legislator.items))
		}
		enter(w)
		if f.legislator.chosen != nil || f.message.Text != "" || !strings.HasPrefix(f.legislator.note.Text, "Down then Enter takes Sen. Robyn Kennedy") {
			t.Errorf("took %+v, note %q, message %q", f.legislator.chosen, f.legislator.note.Text, f.message.Text)
		}
		w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		enter(w)
		if f.legislator.chosen == nil || f.legislator.chosen.ID != sen {
			t.Errorf("Down, Enter took %+v", f.legislator.chosen)
		}
	})
	t.Run("the red message goes once the field it named is filled", func(t *testing.T) {
		f.reset(true)
		f.legislator.set(&choice{ID: sen, Label: "Sen. Robyn Kennedy"})
		wait(t, f.saveAsync())
		if f.message.Text != "Pick what happened on the call." {
			t.Fatalf("message %q", f.message.Text)
		}
		typeIn(t, w, f.outcome, "busy")
		enter(w)
		if f.message.Text != "" {
			t.Errorf("a complete form still says %q", f.message.Text)
		}
	})
}

// TestCallFormMovesNoWhipCountWhenNoOneSpoke: a stance typed in for a call no one
// answered, or a cosponsorship heard on a call, offers no whip count update and says
// why; the report is saved with what the caller wrote and the whip count stays.
func TestCallFormMovesNoWhipCountWhenNoOneSpoke(t *testing.T) {
	ctx := context.Background()
	c, w, s, camp, sen := newCallFormForTest(t)
	f := c.form
	for _, tc := range []struct {
		outcome db.Outcome
		stance  db.Stance
		why     string
	}{
		{db.OutcomeLeftVoicemail, db.StanceYes, `The whip count stays: "Yes" heard, but no one at the office spoke (Left a voicemail).`},
		{db.OutcomeBusy, db.StanceNo, `The whip count stays: "No" heard, but no one at the office spoke (Busy).`},
		{db.OutcomeSpokeStaff, db.StanceCosponsor, `The whip count stays: "Cosponsor" heard, but sponsorship is the official record's to say`},
	} {
		ok := t.Run(fmt.Sprintf("%s with %s heard is saved without a whip count update", tc.outcome, tc.stance), func(t *testing.T) {
			f.reset(true)
			f.legislator.set(&choice{ID: sen, Label: "Sen. Robyn Kennedy"})
			typeIn(t, w, f.stance, tc.stance.Label())
			enter(w)
			if tc.stance != db.StanceCosponsor && !f.updateWhip.Visible() {
				t.Fatalf("before the outcome is picked no update is offered: %q", f.updateWhipText.Text)
			}
			typeIn(t, w, f.outcome, tc.outcome.Label())
			enter(w)
			if f.outcome.chosen == nil || f.stance.chosen == nil {
				t.Fatalf("outcome %+v, stance %+v", f.outcome.chosen, f.stance.chosen)
			}
			if f.updateWhip.Visible() || !f.updateWhipText.Visible() || !strings.HasPrefix(f.updateWhipText.Text, tc.why) {
				t.Errorf("update offered %v, text %q (shown %v)", f.updateWhip.Visible(), f.updateWhipText.Text, f.updateWhipText.Visible())
			}
			wait(t, f.saveAsync())
			if !strings.HasPrefix(f.message.Text, "Saved:") {
				t.Fatalf("message %q", f.message.Text)
			}
			rows, _ := s.ListCallReports(ctx, db.CallFilter{CampaignID: camp}, 0, 1)
			if len(rows) != 1 || rows[0].Outcome != tc.outcome || rows[0].StanceHeard != tc.stance {
				t.Errorf("stored %+v", rows)
			}
			if h, _ := s.StanceHistory(ctx, camp, sen); len(h) != 0 {
				t.Errorf("the whip count moved: %+v", h)
			}
		})
		if !ok {
			break // a dialog left open takes the focus the next case types into
		}
	}
}

// TestCallFormKeepsACosponsorOnRecord: a call to a cosponsor on record offers no whip
// count update whatever the caller heard, and says why (the tester's "undecided" heard
// from a cosponsor's office moved them); the report keeps what the caller wrote.
func TestCallFormKeepsACosponsorOnRecord(t *testing.T) {
	ctx := context.Background()
	c, w, s, camp, sen := newCallFormForTest(t)
	f := c.form
	if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: camp, LegislatorID: sen, Stance: db.StanceCosponsor,
		ChangedAt: time.Date(2026, 4, 5, 0, 0, 0, 0, time.UTC), ChangedBy: db.RecordChangedBy, Reason: "cosponsor of S 100"}); err != nil {
		t.Fatal(err)
	}
	wait(t, c.refreshAsync())
	f.reset(true)
	f.legislator.set(&choice{ID: sen, Label: "Sen. Robyn Kennedy"})
	typeIn(t, w, f.outcome, db.OutcomeSpokeStaff.Label())
	enter(w)
	typeIn(t, w, f.stance, db.StanceUndecided.Label())
	enter(w)
	want := `The whip count stays: "Undecided" heard, but the legislator is a cosponsor on record (a call does not move a sponsorship).`
	if f.updateWhip.Visible() || !f.updateWhipText.Visible() || f.updateWhipText.Text != want {
		t.Errorf("update offered %v, text %q (shown %v)", f.updateWhip.Visible(), f.updateWhipText.Text, f.updateWhipText.Visible())
	}
	wait(t, f.saveAsync())
	if !strings.HasPrefix(f.message.Text, "Saved:") {
		t.Fatalf("message %q", f.message.Text)
	}
	rows, _ := s.ListCallReports(ctx, db.CallFilter{CampaignID: camp}, 0, 1)
	if len(rows) != 1 || rows[0].StanceHeard != db.StanceUndecided {
		t.Errorf("stored %+v", rows)
	}
	if h, _ := s.StanceHistory(ctx, camp, sen); len(h) != 1 || h[0].Stance != db.StanceCosponsor {
		t.Errorf("the whip count moved: %+v", h)
	}
}

// TestCallFormKeepsTheWhipUpdateTheLeadSet: once the lead unticks "update the whip
// count", changing the outcome does not tick it again (the tester's stance moved
// against the lead's choice); an outcome on which no one spoke still takes the
// proposal back, and a new report proposes again.
func TestCallFormKeepsTheWhipUpdateTheLeadSet(t *testing.T) {
	ctx := context.Background()
	c, w, s, camp, sen := newCallFormForTest(t)
	f := c.form
	f.reset(true)
	f.legislator.set(&choice{ID: sen, Label: "Sen. Robyn Kennedy"})
	typeIn(t, w, f.outcome, db.OutcomeSpokeLegislator.Label())
	enter(w)
	typeIn(t, w, f.stance, db.StanceUndecided.Label())
	enter(w)
	if !f.updateWhip.Visible() || !f.updateWhip.Checked {
		t.Fatalf("the update is proposed ticked: shown %v, ticked %v, %q", f.updateWhip.Visible(), f.updateWhip.Checked, f.updateWhipText.Text)
	}
	test.Tap(f.updateWhip)
	for _, o := range []db.Outcome{db.OutcomeSpokeStaff, db.OutcomeLeftVoicemail, db.OutcomeSpokeLegislator} {
		f.outcome.SetText("") // the lead clears the field and types the new outcome
		typeIn(t, w, f.outcome, o.Label())
		enter(w)
		if f.outcome.chosen == nil || f.outcome.chosen.Value != string(o) {
			t.Fatalf("outcome %+v, want %s", f.outcome.chosen, o)
		}
		if o.Spoke() && (!f.updateWhip.Visible() || f.updateWhip.Checked) {
			t.Errorf("%s: the box the lead unticked is shown %v, ticked %v", o, f.updateWhip.Visible(), f.updateWhip.Checked)
		}
		if !o.Spoke() && f.updateWhip.Visible() {
			t.Errorf("%s: an update is offered on a call no one answered", o)
		}
	}
	wait(t, f.saveAsync())
	if !strings.HasPrefix(f.message.Text, "Saved:") {
		t.Fatalf("message %q", f.message.Text)
	}
	if h, _ := s.StanceHistory(ctx, camp, sen); len(h) != 0 {
		t.Errorf("the whip count moved against the lead's choice: %+v", h)
	}
	t.Run("the next report proposes the update again", func(t *testing.T) {
		f.legislator.set(&choice{ID: sen, Label: "Sen. Robyn Kennedy"})
		typeIn(t, w, f.outcome, db.OutcomeSpokeStaff.Label())
		enter(w)
		typeIn(t, w, f.stance, db.StanceNo.Label())
		enter(w)
		if !f.updateWhip.Visible() || !f.updateWhip.Checked {
			t.Errorf("shown %v, ticked %v", f.updateWhip.Visible(), f.updateWhip.Checked)
		}
	})
}

// onKiritimati sets the computer's zone to Kiritimati (UTC+14, where a day starts
// before it does anywhere else) for the test, and returns Boston's, the zone of the
// tests' Massachusetts campaigns.
func onKiritimati(t *testing.T) *time.Location {
	t.Helper()
	boston, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	kiritimati, err := time.LoadLocation("Pacific/Kiritimati")
	if err != nil {
		t.Fatal(err)
	}
	was := time.Local
	time.Local = kiritimati
	t.Cleanup(func() { time.Local = was })
	return boston
}

// TestCallsInTheLegislatureZone: the form's day and the list's "Today" are the
// legislature's (a Massachusetts campaign: Boston's), not the computer's: a report
// typed for 8 March on a laptop set to Kiritimati (UTC+14) is a call at noon on 8
// March in Boston, not on the 7th; a call just after midnight in Boston is today's.
func TestCallsInTheLegislatureZone(t *testing.T) {
	boston := onKiritimati(t)
	ctx := context.Background()
	test.NewTempApp(t)
	s := dbtest.Open(t)
	camp := dbtest.Campaign(t, s)
	sen := dbtest.Legislator(t, s, db.ChamberUpper, "First Worcester", "Robyn Kennedy")
	now := time.Now().In(boston)
	midnight := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 1, 0, boston)
	if _, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: camp, LegislatorID: sen, Outcome: db.OutcomeBusy, CalledAt: midnight}, false); err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	defer w.Close()
	c := newCallsScreen(w, s)
	w.SetContent(c.content)
	c.period.SetSelectedIndex(0) // Today
	wait(t, c.refreshAsync())
	if len(c.rows) != 1 {
		t.Errorf("today's calls in Boston: %d, want the one at %s", len(c.rows), midnight)
	}
	f := c.form
	f.reset(true)
	if want := now.Format(dateLayout); f.date.Text != want && time.Now().In(boston).Format(dateLayout) == want {
		t.Errorf("the form starts at %s, today in Boston is %s", f.date.Text, want)
	}
	f.legislator.set(&choice{ID: sen, Label: "Sen. Robyn Kennedy"})
	f.outcome.set(&choice{Value: string(db.OutcomeBusy), Label: db.OutcomeBusy.Label()})
	f.date.SetText("2024-03-08")
	wait(t, f.saveAsync())
	rows, err := s.ListCallReports(ctx, db.CallFilter{To: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}, 0, 10)
	if err != nil || len(rows) != 1 || !rows[0].CalledAt.Equal(time.Date(2024, 3, 8, 12, 0, 0, 0, boston)) {
		t.Errorf("%+v %v, want a call at noon on 8 March in Boston", rows, err)
	}
}

// TestCallListMarksTimesThatMayBeOff: the exports and the workbook marked a report
// whose time an older ChapterDesk read on its computer's clock, but the window's list
// showed it like any other, hours off (s39-times left it). Now its row says so first,
// and the line under the list counts them and names the way to put them right. The
// mark is a data file's (a file's upgrade sets it; a server keeps none): a file on
// either test backend.
func TestCallListMarksTimesThatMayBeOff(t *testing.T) {
	ctx := context.Background()
	test.NewTempApp(t)
	s := dbtest.OpenFile(t)
	camp := dbtest.Campaign(t, s)
	sen := dbtest.Legislator(t, s, db.ChamberUpper, "First Worcester", "Robyn Kennedy")
	var ids []int64
	for _, ago := range []time.Duration{time.Hour, 2 * time.Hour} {
		id, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: camp, LegislatorID: sen, Outcome: db.OutcomeBusy, CalledAt: time.Now().Add(-ago)}, false)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	raw, err := sql.Open("sqlite", "file:"+s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`INSERT INTO call_times_unsure (call_report_id, listed_at) VALUES (?, 1)`, ids[1]); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	w := test.NewWindow(nil)
	defer w.Close()
	c := newCallsScreen(w, s)
	w.SetContent(c.content)
	wait(t, c.refreshAsync())
	if len(c.rows) != 2 || c.rows[0].TimeMayBeOff || !c.rows[1].TimeMayBeOff {
		t.Fatalf("rows %+v; want the older one marked", c.rows)
	}
	row := newCallRow()
	c.updateRow(1, row)
	what := row.(*fyne.Container).Objects[0].(*fyne.Container).Objects[2].(*widget.Label).Text
	if !strings.HasPrefix(what, timeMayBeOff) {
		t.Errorf("the marked row reads %q", what)
	}
	c.updateRow(0, row)
	if what := row.(*fyne.Container).Objects[0].(*fyne.Container).Objects[2].(*widget.Label).Text; strings.Contains(what, timeMayBeOff) {
		t.Errorf("the unmarked row reads %q", what)
	}
	if !strings.Contains(c.summary.Text, "1 of them marked") || !strings.Contains(c.summary.Text, "calls fix-times") {
		t.Errorf("summary %q", c.summary.Text)
	}
}

// TestCallListSaysHowTheTrashMovesTheWhipCount: a call put in the trash no longer
// sets the whip count (t9), and the notice beside Undo says where the count went;
// Undo says it is back.
func TestCallListSaysHowTheTrashMovesTheWhipCount(t *testing.T) {
	ctx := context.Background()
	c, _, s, camp, sen := newCallFormForTest(t)
	vol := dbtest.Volunteer(t, s, "Rosa", "Medeiros", nil)
	var last int64
	for i, st := range []db.Stance{db.StanceNo, db.StanceUndecided} {
		id, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: camp, VolunteerID: vol, LegislatorID: sen,
			Outcome: db.OutcomeSpokeStaff, StanceHeard: st, CalledAt: time.Now().Add(time.Duration(i-3) * time.Hour)}, true)
		if err != nil {
			t.Fatal(err)
		}
		last = id
	}
	notice := func() string {
		var out []string
		for _, o := range c.undo.Objects {
			if l, ok := o.(*widget.Label); ok {
				out = append(out, l.Text)
			}
		}
		return strings.Join(out, " ")
	}
	c.selected = last
	wait(t, c.trashAsync())
	if want := "Report moved to the trash. Sen. Robyn Kennedy's whip count goes back to No (the stance before this call)."; notice() != want {
		t.Errorf("notice %q, want %q", notice(), want)
	}
	wait(t, c.restoreAsync(last))
	if want := "Report restored. Sen. Robyn Kennedy's whip count is Undecided again (heard on this call)."; notice() != want || !c.undo.Visible() {
		t.Errorf("notice %q (shown %v), want %q", notice(), c.undo.Visible(), want)
	}
}
