package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer"
)

// screenshotSession is the Open States export the Record screen's shots dry-run,
// where `make screenshots` runs (the repository's root); without it that shot is
// left out. A dry run writes nothing.
const screenshotSession = "../shared/data/openstates-sessions/ma-194th"

// recordShots are the Record screen's session import (the dry run's summary) and its
// form linking a campaign bill to a session's bill, then the screen without them.
func (m *mainWindow) recordShots() []shot {
	var shots []shot
	if isDir(screenshotSession) {
		shots = append(shots, shot{name: "Record, a session export's dry run", settle: 4 * time.Second, show: func() {
			m.show(screenRecord)
			m.record.dryRunSessionAsync(filepath.Join(screenshotSession, "MA_194th_bills.csv"))
		}})
	}
	shots = append(shots, shot{name: "Record, link a bill to a session", show: func() {
		m.show(screenRecord)
		if si := m.record.session; si != nil && si.d != nil {
			si.d.Hide()
		}
		done := m.record.linkBillAsync()
		go func() {
			<-done
			doUI(func() {
				if f := m.record.link; f != nil {
					f.bill.SetText("H.3269")
					f.session.SetText("194th")
					f.to.SetText("H 5293")
				}
			})
		}()
	}}, shot{name: "Record after the session dialogs", show: func() {
		if f := m.record.link; f != nil && f.d != nil {
			f.d.Hide()
		}
	}})
	return shots
}

// sessionShots are the Record vs. whip count view and the dashboard's whip board as
// a lead following the Safe Communities Act sees them in 2026: the chosen campaign's
// H.3269 is linked to its 2025–26 successor, H 5293 of the 194th (the PROTECT Act),
// and ma-194th is imported as exported on 2026-04-05. That export has no roll call on
// H 5293 and no sponsorships table, so the Record says so in its own words and the
// whip board shows the demo's count with no mark of the record; no unrelated bill is
// linked to have votes to show. The demo's legislators stay in office (loading the
// bundled ones and retiring the rest would empty the count). When done, the import is
// undone, so the shots after see the demo. Without the export (or on a window without
// data files) there are none.
func (m *mainWindow) sessionShots() []shot {
	ss, ok := m.record.store.(sessionStore)
	if !isDir(screenshotSession) || m.files == nil || !ok {
		return nil
	}
	ctx := context.Background()
	var session int64
	load := func() error {
		campaigns, err := m.record.store.Campaigns(ctx)
		if err != nil {
			return err
		}
		c, ok := m.record.choice.pick(campaigns)
		if !ok {
			return errors.New("no campaign to link H 5293 to")
		}
		if _, err := ss.LinkBill(ctx, db.BillLink{CampaignID: c.ID, CampaignBill: "H.3269", Session: "194th", SessionNumber: "H 5293"}); err != nil {
			return err
		}
		sf, err := importer.ReadSession(screenshotSession, time.Date(2026, 4, 5, 0, 0, 0, 0, time.UTC), "")
		if err != nil {
			return err
		}
		sum, err := ss.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{Source: sf.Source})
		if err != nil {
			return err
		}
		if session = sum.BatchID; session == 0 || len(sum.Bills) == 0 {
			return fmt.Errorf("the session import did not take H 5293 (%d bills taken)", len(sum.Bills))
		}
		return nil
	}
	undo := func() error {
		if session == 0 {
			return nil
		}
		_, err := ss.UndoImport(ctx, session)
		return err
	}
	// The dialogs the shots before left open (the workbook's notice) close first.
	clear := func() {
		for top := m.w.Canvas().Overlays().Top(); top != nil; top = m.w.Canvas().Overlays().Top() {
			top.Hide()
			m.w.Canvas().Overlays().Remove(top)
		}
	}
	return []shot{
		{name: "Record vs whip count, H 5293 of the 194th with no roll call yet", before: load, settle: 3 * time.Second, show: func() {
			clear()
			if si := m.record.session; si != nil && si.d != nil {
				si.d.Hide()
			}
			m.show(screenRecord)
			m.record.refreshAsync()
		}},
		{name: "Dashboard, the whip board after importing the 194th, no record of H 5293 yet", after: undo, settle: 3 * time.Second, show: func() {
			clear()
			m.show(screenDashboard)
			done := m.home.refreshAsync()
			go func() {
				<-done
				doUI(func() {
					if sc, ok := m.home.content.(*container.Scroll); ok {
						sc.ScrollToOffset(fyne.NewPos(0, 300))
					}
				})
			}()
		}},
	}
}
