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
			fyne.Do(func() {
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

// sessionShots are the Record vs. whip count view and the dashboard's whip board on a
// real session: the Massachusetts legislators that came with ChapterDesk are loaded
// (the demo's own marked out of office: they have no Open States ids), the chosen
// campaign's S.1305 is linked to H 4240 of the 194th (the FY2026 budget: 18 roll
// calls, 17 of them member by member) and ma-194th is imported as exported on
// 2026-04-05. When done, both imports are undone, so the shots after see the demo.
// Without the export (or on a window without data files) there are none.
func (m *mainWindow) sessionShots() []shot {
	ss, ok := m.record.store.(sessionStore)
	if !isDir(screenshotSession) || m.files == nil || !ok {
		return nil
	}
	ctx := context.Background()
	var legislators, session int64
	load := func() error {
		res, err := m.files.Import(ctx, ImportRequest{Kind: "legislators", Bundled: true, State: "MA", RetireMissing: true}, nil)
		if err != nil {
			return err
		}
		legislators = res.Summary.BatchID
		campaigns, err := m.record.store.Campaigns(ctx)
		if err != nil {
			return err
		}
		c, ok := m.record.choice.pick(campaigns)
		if !ok {
			return errors.New("no campaign to link H 4240 to")
		}
		if _, err := ss.LinkBill(ctx, db.BillLink{CampaignID: c.ID, CampaignBill: "S.1305", Session: "194th", SessionNumber: "H 4240"}); err != nil {
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
		if session = sum.BatchID; session == 0 || sum.RollCalls == 0 {
			return fmt.Errorf("the session import kept no roll call (%d bills taken)", len(sum.Bills))
		}
		return nil
	}
	undo := func() error {
		for _, b := range []int64{session, legislators} {
			if b == 0 {
				continue
			}
			if _, err := ss.UndoImport(ctx, b); err != nil {
				return err
			}
		}
		return nil
	}
	// The dialogs the shots before left open (the workbook's notice) close first.
	clear := func() {
		for top := m.w.Canvas().Overlays().Top(); top != nil; top = m.w.Canvas().Overlays().Top() {
			top.Hide()
			m.w.Canvas().Overlays().Remove(top)
		}
	}
	record := func(pick func(n int) int) func() {
		return func() {
			clear()
			if si := m.record.session; si != nil && si.d != nil {
				si.d.Hide()
			}
			m.show(screenRecord)
			done := m.record.refreshAsync()
			go func() {
				<-done
				fyne.Do(func() {
					if n := len(m.record.data); n > 0 {
						m.record.rollCall.SetSelectedIndex(pick(n))
					}
				})
			}()
		}
	}
	return []shot{
		{name: "Record vs whip count, H 4240 of the 194th, a House roll call", before: load, settle: 4 * time.Second,
			show: record(func(n int) int { return n - 1 })},
		{name: "Record vs whip count, H 4240, the Senate roll call given by its result only",
			show: record(func(int) int { return 0 })},
		{name: "Dashboard, the whip board with the record of H 4240", after: undo, settle: 3 * time.Second, show: func() {
			clear()
			m.show(screenDashboard)
			done := m.home.refreshAsync()
			go func() {
				<-done
				fyne.Do(func() {
					if sc, ok := m.home.content.(*container.Scroll); ok {
						sc.ScrollToOffset(fyne.NewPos(0, 300))
					}
				})
			}()
		}},
	}
}
