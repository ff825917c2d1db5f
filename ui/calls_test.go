package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

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
		if !f.updateWhip.Visible() || !strings.Contains(f.updateWhip.Text, "Sen. Robyn Kennedy from Unknown to Leaning yes") {
			t.Errorf("whip proposal %q (shown %v)", f.updateWhip.Text, f.updateWhip.Visible())
		}
		w.Canvas().Focus(f.notes)
		test.Type(f.notes, "Aide said the senator is reading it")
		enter(w)
		wait(t, f.saved)

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
