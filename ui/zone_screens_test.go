package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestScreensInTheLegislatureZone: the days and times of calls and stances the
// screens show are the legislature's (a Massachusetts campaign: Boston's), not the
// computer's: a call at 23:30 on Monday 2 March 2026 in Boston is 18:30 on Tuesday
// the 3rd on a laptop set to Kiritimati (UTC+14), and every screen says the 2nd.
func TestScreensInTheLegislatureZone(t *testing.T) {
	boston := onKiritimati(t)
	ctx := context.Background()
	a := test.NewTempApp(t)
	s := dbtest.Open(t)
	camp := dbtest.Campaign(t, s)
	if _, err := s.ImportLegislators(ctx, openStatesFile("617-722-1120"), db.ImportOptions{State: "MA", Source: "ma.csv"}); err != nil {
		t.Fatal(err)
	}
	var sen int64
	ls, err := s.Legislators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ls {
		if l.Name == "Jamie Eldridge" {
			sen = l.ID
		}
	}
	at := time.Date(2026, 3, 2, 23, 30, 0, 0, boston)
	call, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: camp, LegislatorID: sen, Outcome: db.OutcomeSpokeStaff, CalledAt: at}, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: camp, LegislatorID: sen, Stance: db.StanceYes, ChangedAt: at, Reason: "said so"}); err != nil {
		t.Fatal(err)
	}

	t.Run("the whip board's last called", func(t *testing.T) {
		home := showDashboard(t, test.NewWindow(nil), s)
		whip, err := s.WhipCount(ctx, camp)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range whip.Legislators {
			if r.LegislatorID == sen {
				home.board.onTile(r, db.RecordMark{})
			}
		}
		if got := home.board.info.Text; !strings.Contains(got, "last called Mar 2, 2026") {
			t.Errorf("the tile says %q, want last called Mar 2, 2026", got)
		}
	})
	t.Run("the legislators list and the call and stance histories", func(t *testing.T) {
		w := a.NewWindow("legislators")
		w.Resize(fyne.NewSize(1200, 800))
		l := newLegislatorsScreen(w, s, nil)
		w.SetContent(l.content)
		w.Show()
		t.Cleanup(w.Close)
		wait(t, l.refreshAsync())
		r := selectLegislator(t, l, "Eldridge")
		for i, shown := range l.shown {
			if shown.LegislatorID != r.LegislatorID {
				continue
			}
			row := l.list.CreateItem()
			l.list.UpdateItem(i, row)
			cells := row.(*fyne.Container).Objects[0].(*fyne.Container).Objects
			if got := cells[3].(*widget.Label).Text; !strings.HasSuffix(got, "Mar 2") && !strings.HasSuffix(got, "Mar 2, 2026") {
				t.Errorf("the list's last call %q, want Mar 2", got)
			}
		}
		if got := containerLabels(l.detail.calls); !strings.HasPrefix(got, "Mar 2, 2026") {
			t.Errorf("the call history %q, want Mar 2, 2026", got)
		}
		if got := containerLabels(l.detail.history); !strings.Contains(got, "Mar 2, 2026  Yes: said so") {
			t.Errorf("the stance history %q, want Yes on Mar 2, 2026", got)
		}
	})
	t.Run("the calls list", func(t *testing.T) {
		w := test.NewWindow(nil)
		defer w.Close()
		c := newCallsScreen(w, s)
		w.SetContent(c.content)
		c.period.SetSelectedIndex(3) // All time
		wait(t, c.refreshAsync())
		if len(c.rows) != 1 {
			t.Fatalf("%d calls listed, want 1", len(c.rows))
		}
		row := newCallRow()
		c.updateRow(0, row)
		if got := row.(*fyne.Container).Objects[1].(*widget.Label).Text; got != "Mar 02 23:30" {
			t.Errorf("the list says %q, want Mar 02 23:30", got)
		}
	})
	t.Run("the trash's call label", func(t *testing.T) {
		if _, err := s.TrashCallReport(ctx, call); err != nil {
			t.Fatal(err)
		}
		w := test.NewWindow(nil)
		defer w.Close()
		tc := newTrashCard(w, s, nil)
		w.SetContent(tc.content)
		wait(t, tc.refreshAsync())
		if rows := trashRows(tc); len(rows) != 1 || !strings.Contains(rows[0], "on 2026-03-02") {
			t.Errorf("the trash shows %q, want the call on 2026-03-02", rows)
		}
	})
}

// statelessStore is a chapter whose campaign and legislator name no state, and has no
// profile: no legislature's zone is known.
func statelessStore(t *testing.T) (*db.Store, int64, int64) {
	t.Helper()
	ctx := context.Background()
	s := dbtest.Open(t)
	c, err := db.ParseCampaignFile(assets.StarterCampaign)
	if err != nil {
		t.Fatal(err)
	}
	c.State = ""
	camp, err := s.SaveCampaign(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	return s, camp, dbtest.Legislator(t, s, db.ChamberLower, "13th Suffolk", "Dan Hunt")
}

// TestCallsScreenSaysTheComputerZoneStandsIn: with no state known the Call reports
// screen says in which zone its days and times are (this computer's, named), and how
// to set the legislature's; with one known it says nothing of the kind.
func TestCallsScreenSaysTheComputerZoneStandsIn(t *testing.T) {
	dbtest.LocalZone(t, "America/Chicago")
	test.NewTempApp(t)
	open := func(s *db.Store) *callsScreen {
		w := test.NewWindow(nil)
		t.Cleanup(w.Close)
		c := newCallsScreen(w, s)
		w.SetContent(c.content)
		wait(t, c.refreshAsync())
		return c
	}
	s, _, _ := statelessStore(t)
	const want = "Note: times are read and shown in this computer's zone (America/Chicago): no state is known"
	if c := open(s); c.zoneNote == nil || !c.zoneNote.Visible() || !strings.HasPrefix(c.zoneNote.Text, want) {
		t.Errorf("no visible %q", want)
	}
	ma := dbtest.Open(t)
	dbtest.Campaign(t, ma)
	if c := open(ma); c.zoneNote == nil || c.zoneNote.Visible() {
		t.Errorf("a Massachusetts chapter: a note on the zone")
	}
}

// TestDashboardSaysTheComputerZoneStandsIn: the dashboard, whose weeks and "last
// called" are days of the legislature's zone, says when the computer's stands in.
func TestDashboardSaysTheComputerZoneStandsIn(t *testing.T) {
	dbtest.LocalZone(t, "America/Chicago")
	test.NewTempApp(t)
	s, _, _ := statelessStore(t)
	home := showDashboard(t, test.NewWindow(nil), s)
	const want = "Note: times are read and shown in this computer's zone (America/Chicago): no state is known"
	if home.zoneNote == nil || !home.zoneNote.Visible() || !strings.HasPrefix(home.zoneNote.Text, want) {
		t.Errorf("no visible %q", want)
	}
	ma := dbtest.Open(t)
	dbtest.Campaign(t, ma)
	if home := showDashboard(t, test.NewWindow(nil), ma); home.zoneNote.Visible() {
		t.Errorf("a Massachusetts chapter: %q", home.zoneNote.Text)
	}
}
