package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer"
)

// TestOlderExportNeverOverridesANewerVote: the bill's record is dated by the newest
// export that brought any of it, its votes and roll calls as much as its sponsorships
// (tester t11, D3: the real MA 194th export, which has no sponsorships table, of
// 2026-04-05; a copy of 2026-04-10 with Moran, M.'s yes on "Consolidated Amendment B"
// of H 5151 corrected to no was taken; the export of 2026-04-05 imported again, and
// one of 2026-04-07, each said "the newest of H 5151, gives otherwise … no → yes" and
// took it: the record date had stayed at 2026-04-05).
func TestOlderExportNeverOverridesANewerVote(t *testing.T) {
	ctx := context.Background()
	s, campaign := energyLinkedToH5151(t)
	dir := "../../shared/data/openstates-sessions/ma-194th"
	read := func(day int) *db.SessionExport {
		t.Helper()
		sf, err := importer.ReadSession(dir, time.Date(2026, 4, day, 0, 0, 0, 0, massachusetts), "")
		if err != nil {
			t.Fatal(err)
		}
		return &sf.SessionExport
	}
	if _, err := s.ImportSession(ctx, read(5), db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	// The copy of 2026-04-10: Moran, M.'s vote on Consolidated Amendment B, yes → no.
	edited := read(10)
	motion := ""
	for _, rc := range edited.RollCalls {
		if rc.Motion == "H. 5151 On adoption of Consolidated Amendment B" {
			edited.Votes = append([]db.IncomingVote(nil), edited.Votes...)
			for i, v := range edited.Votes {
				if v.VoteID == rc.ID && v.VoterName == "Moran, M." && v.Option == "yes" {
					edited.Votes[i].Option, motion = "no", rc.Motion
					break
				}
			}
			break
		}
	}
	if motion == "" {
		t.Fatal("no yes of Moran, M. on H 5151's Consolidated Amendment B in the export")
	}
	moran := func() string {
		t.Helper()
		vote := ""
		if err := s.EachRecordRow(ctx, db.RecordFilter{CampaignID: campaign}, func(r *db.RecordRow) error {
			if r.Kind == "roll call" && r.Motion == motion && r.ExportName == "Moran, M." {
				vote = r.Role
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return vote
	}
	newer, err := s.ImportSession(ctx, edited, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if newer.VotesChanged != 1 || moran() != "no" {
		t.Fatalf("the newer export: %d votes changed, Moran, M. %q; want 1, no", newer.VotesChanged, moran())
	}
	for _, day := range []int{5, 7} {
		older, err := s.ImportSession(ctx, read(day), db.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		notes := strings.Join(older.Notes, "\n")
		if older.VotesChanged != 0 || older.BatchID != 0 || moran() != "no" {
			t.Errorf("the export of 2026-04-%02d after the one of 2026-04-10: %d votes changed (batch %d), Moran, M. %q; want none, no",
				day, older.VotesChanged, older.BatchID, moran())
		}
		if !strings.Contains(notes, "not taken (this export is older than the one the bill's record comes from, of 2026-04-10)") ||
			!strings.Contains(notes, "Moran, M.") || strings.Contains(notes, "the newest of H 5151") {
			t.Errorf("the export of 2026-04-%02d says:\n%s", day, notes)
		}
	}
}
