package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// maSessionExport is the real Open States export of the 194th General Court, read
// where it is (never copied into the project).
const maSessionExport = "../../shared/data/openstates-sessions/ma-194th"

// newSessionRecord is the Record screen on a chapter with the starter campaign and
// the small legislature of the legislator tests.
func newSessionRecord(t *testing.T) (*recordScreen, *db.Store, int64) {
	t.Helper()
	a := test.NewTempApp(t)
	s := dbtest.Open(t)
	camp := dbtest.Campaign(t, s)
	if _, err := s.ImportLegislators(context.Background(), openStatesFile("617-722-1120"), db.ImportOptions{State: "MA", Source: "ma.csv"}); err != nil {
		t.Fatal(err)
	}
	w := a.NewWindow("record")
	w.Resize(fyne.NewSize(1000, 800))
	r := newRecordScreen(w, s)
	w.SetContent(r.content)
	w.Show()
	t.Cleanup(w.Close)
	wait(t, r.refreshAsync())
	return r, s, camp
}

func TestRecordLinkBill(t *testing.T) {
	r, s, camp := newSessionRecord(t)
	wait(t, r.linkBillAsync())
	f := r.link
	if f == nil || !strings.Contains(f.links.Text, "No bill of this campaign is linked") {
		t.Fatalf("form %+v", f)
	}
	t.Run("a link is saved and listed", func(t *testing.T) {
		f.bill.SetText("H 3269")
		f.session.SetText("194th")
		f.to.SetText("H.5293")
		test.Tap(f.save)
		if f.problem.Text != "" || !strings.Contains(f.said.Text, "H.3269 is H.5293 in session 194th of MA") {
			t.Errorf("problem %q, said %q", f.problem.Text, f.said.Text)
		}
		if !strings.Contains(f.links.Text, "H.3269 is H.5293 in session 194th of MA") {
			t.Errorf("links %q", f.links.Text)
		}
		links, _ := s.BillLinks(context.Background(), camp)
		if len(links) != 1 || links[0].SessionNumber != "H.5293" {
			t.Errorf("%+v", links)
		}
	})
	t.Run("a bad link is refused in one line and nothing is saved", func(t *testing.T) {
		for _, c := range []struct{ bill, session, to, says string }{
			{"H.9999", "194th", "", fmt.Sprintf("Campaign %d has no bill H.9999", camp)},
			{"H.3269", "", "", "Say which session"},
			{"H.3269", "194th", "###", `"###" is not a bill number`},
			{"", "194th", "", "Say which of the campaign's bills"},
		} {
			f.bill.SetText(c.bill)
			f.session.SetText(c.session)
			f.to.SetText(c.to)
			test.Tap(f.save)
			if !strings.Contains(f.problem.Text, c.says) || strings.Contains(f.problem.Text, "\n") || f.said.Text != "" {
				t.Errorf("%+v: problem %q, said %q", c, f.problem.Text, f.said.Text)
			}
		}
		links, _ := s.BillLinks(context.Background(), camp)
		if len(links) != 1 || links[0].SessionNumber != "H.5293" {
			t.Errorf("%+v", links)
		}
	})
}

func TestRecordImportSession(t *testing.T) {
	if _, err := os.Stat(maSessionExport); err != nil {
		t.Skipf("shared data not here: %v", err)
	}
	r, s, camp := newSessionRecord(t)
	ctx := context.Background()
	if _, err := s.LinkBill(ctx, db.BillLink{CampaignID: camp, CampaignBill: "S.1305", Session: "194th", SessionNumber: "H 4240"}); err != nil {
		t.Fatal(err)
	}
	// A CSV of the unpacked export stands for its folder.
	wait(t, r.dryRunSessionAsync(filepath.Join(maSessionExport, "MA_194th_bills.csv")))
	si := r.session
	if si == nil || si.text == nil {
		t.Fatal("no dialog")
	}
	t.Run("the dry run says what would be matched and what is not, and why, writing nothing", func(t *testing.T) {
		text := si.text.Text
		for _, want := range []string{
			"Dry run, nothing written. Would import session 194th of MA from ma-194th",
			fmt.Sprintf("campaign %d, S.1305: H 4240", camp), "(linked by hand)",
			"18 roll calls, 2718 votes",
			"Not matched to a legislator: ", "is not among the legislators here",
			fmt.Sprintf(`campaign %d, H.3269: not taken. Session 194th has a bill numbered alike, H 3269 ("An Act establishing a transferable pediatric cancer research tax credit"), not known to be`, camp),
			"link that one: click Link a bill to a session… on the Record screen, choose H.3269, type 194th as the session and its number there",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("no %q in:\n%s", want, text)
			}
		}
		if strings.Contains(text, "campaign link") || strings.Contains(text, "if it is the campaign's bill") {
			t.Errorf("a command line, or advice to link an unrelated bill, in the window:\n%s", text)
		}
		if !si.run.Visible() || si.undo.Visible() {
			t.Errorf("import %v, undo %v", si.run.Visible(), si.undo.Visible())
		}
		if rc, _ := s.RecordVsWhip(ctx, camp); len(rc) != 0 {
			t.Errorf("the dry run wrote %d roll calls", len(rc))
		}
	})
	t.Run("Import keeps the record and the screen shows it", func(t *testing.T) {
		test.Tap(si.run)
		if !strings.HasPrefix(si.text.Text, "Imported session 194th") || !strings.Contains(si.status.Text, "Imported as import ") ||
			!si.undo.Visible() || si.run.Visible() {
			t.Fatalf("status %q\n%s", si.status.Text, si.text.Text)
		}
		if rc, _ := s.RecordVsWhip(ctx, camp); len(rc) == 0 {
			t.Error("no roll call kept")
		}
		if r.empty.Visible() || !r.body.Visible() || !strings.Contains(r.rollCall.Selected, "H 4240") {
			t.Errorf("screen: empty %v, roll call %q", r.empty.Visible(), r.rollCall.Selected)
		}
	})
	t.Run("Undo takes it back through the import undo", func(t *testing.T) {
		test.Tap(si.undo)
		if !strings.Contains(si.status.Text, " undone: ") || si.undo.Visible() {
			t.Errorf("status %q", si.status.Text)
		}
		if rc, _ := s.RecordVsWhip(ctx, camp); len(rc) != 0 {
			t.Errorf("%d roll calls after the undo", len(rc))
		}
		if !r.empty.Visible() {
			t.Error("the screen still shows a roll call")
		}
	})
}
