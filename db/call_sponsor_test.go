package db_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestCallsDoNotMoveASponsorOnRecord: a sponsor or cosponsor on the official record
// (a session import) stays one in the whip count whatever a caller heard; the tester's
// "undecided" heard from Ann Yes's office, a cosponsor of H 100, moved her to
// Undecided. The import lists the report with why and the report keeps what the
// caller wrote (and the history what was heard, which counts once no sponsorship
// stands: TestWhipCountDoesNotDependOnImportOrder); a report typed in with the whip
// update ticked is refused with why.
func TestCallsDoNotMoveASponsorOnRecord(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	s := rc.s
	if _, err := s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ann, judith, cy := rc.ids["Ann Yes"], rc.ids["Judith García"], rc.ids["Cy Open"]
	stances := func(t *testing.T) map[int64]db.Stance {
		t.Helper()
		wc, err := s.WhipCount(ctx, rc.campaign)
		if err != nil {
			t.Fatal(err)
		}
		got := map[int64]db.Stance{}
		for _, l := range wc.Legislators {
			got[l.LegislatorID] = l.Stance
		}
		return got
	}
	if got := stances(t); got[ann] != db.StanceCosponsor || got[judith] != db.StanceSponsor {
		t.Fatalf("before: Ann %q, Judith %q", got[ann], got[judith])
	}
	at := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	call := func(line int, leg string, st db.Stance) db.IncomingCall {
		return db.IncomingCall{Line: line, CallerName: "Ana Perez", CallerEmail: "ana@example.org", Legislator: leg,
			CalledAt: at.Add(time.Duration(line) * time.Minute), Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff, StanceHeard: st}
	}
	t.Run("the import moves no sponsor or cosponsor, and lists each with why", func(t *testing.T) {
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{
			call(2, "Rep. Ann Yes", db.StanceUndecided),
			call(3, "Rep. Judith García", db.StanceNo),
			call(4, "Rep. Cy Open", db.StanceLeaningYes),
		}, db.CallImportOptions{CampaignID: rc.campaign, UpdateStances: true})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created != 3 || sum.StanceChanges != 1 || sum.StancesNotTaken != 2 {
			t.Errorf("%d created, %d stance changes, %d not taken; want 3, 1 and 2", sum.Created, sum.StanceChanges, sum.StancesNotTaken)
		}
		lines := stanceNoteLines(sum)
		want := []string{
			`2: "Undecided" heard, but the legislator is a cosponsor on record (a call does not move a sponsorship)`,
			`3: "No" heard, but the legislator is a sponsor on record (a call does not move a sponsorship)`,
		}
		if !slices.Equal(lines, want) {
			t.Errorf("stances not taken:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
		}
		if got := stances(t); got[ann] != db.StanceCosponsor || got[judith] != db.StanceSponsor || got[cy] != db.StanceLeaningYes {
			t.Errorf("whip count: Ann %q (cosponsor), Judith %q (sponsor), Cy %q (heard leaning yes)", got[ann], got[judith], got[cy])
		}
		reports, err := s.ListCallReports(ctx, db.CallFilter{CampaignID: rc.campaign, LegislatorID: ann}, 0, 10)
		if err != nil || len(reports) != 1 || reports[0].StanceHeard != db.StanceUndecided {
			t.Errorf("the report keeps what the caller wrote: %+v, %v", reports, err)
		}
	})
	t.Run("a call made before the record named the cosponsor lands under it in the history", func(t *testing.T) {
		march := call(5, "Rep. Ann Yes", db.StanceLeaningNo)
		march.CalledAt = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC) // the export is of 2026-04-05
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{march}, db.CallImportOptions{CampaignID: rc.campaign, UpdateStances: true})
		// In the history, not the whip count (which stays Cosponsor, a newer entry):
		// counted apart, not among the changes "recorded in the whip count".
		if err != nil || sum.StanceChanges != 0 || sum.StancesBehind != 1 || sum.StancesNotTaken != 0 {
			t.Fatalf("%+v %v", sum, err)
		}
		r := db.CallReport{CampaignID: rc.campaign, LegislatorID: judith, Outcome: db.OutcomeSpokeLegislator,
			StanceHeard: db.StanceUndecided, CalledAt: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
		if _, err := s.CreateCallReport(ctx, r, true); err != nil {
			t.Fatal(err)
		}
		if got := stances(t); got[ann] != db.StanceCosponsor || got[judith] != db.StanceSponsor {
			t.Errorf("whip count: Ann %q, Judith %q", got[ann], got[judith])
		}
		// Newest first: the "Undecided" the first import heard while she cosponsors is
		// kept in the history too (it counts if the sponsorship goes: tester t6, F2, F8).
		h, err := s.StanceHistory(ctx, rc.campaign, ann)
		if err != nil || len(h) != 3 || h[0].Stance != db.StanceUndecided || h[2].Stance != db.StanceLeaningNo {
			t.Errorf("Ann's history %+v %v", h, err)
		}
	})
	t.Run("a report typed in refuses to move a cosponsor, and is saved without the update", func(t *testing.T) {
		r := db.CallReport{CampaignID: rc.campaign, LegislatorID: ann, Outcome: db.OutcomeSpokeLegislator,
			StanceHeard: db.StanceNo, CalledAt: at}
		var ve *db.ValidationError
		_, err := s.CreateCallReport(ctx, r, true)
		if !errors.As(err, &ve) || ve.Field != "stance" ||
			ve.Message != `The whip count stays: "No" heard, but the legislator is a cosponsor on record (a call does not move a sponsorship).` {
			t.Errorf("err = %v", err)
		}
		reports, err := s.ListCallReports(ctx, db.CallFilter{CampaignID: rc.campaign, LegislatorID: ann}, 0, 10)
		if err != nil || len(reports) != 2 {
			t.Errorf("a refused report was written: %+v, %v", reports, err)
		}
		if _, err := s.CreateCallReport(ctx, r, false); err != nil {
			t.Fatal(err)
		}
		if got := stances(t); got[ann] != db.StanceCosponsor {
			t.Errorf("whip count: Ann %q", got[ann])
		}
	})
}
