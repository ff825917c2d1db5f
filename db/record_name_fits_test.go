package db_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// votesOnRecord counts the votes (not the sponsorships) on a legislator's record.
func votesOnRecord(t *testing.T, rc *recordChapter, leg int64) int {
	t.Helper()
	n := 0
	if err := rc.s.EachRecordRow(context.Background(), db.RecordFilter{CampaignID: rc.campaign, LegislatorID: leg},
		func(r *db.RecordRow) error {
			if r.Kind != "sponsorship" {
				n++
			}
			return nil
		}); err != nil {
		t.Fatal(err)
	}
	return n
}

// unmatchedReason is why a session import listed the vote_people row of that name.
func unmatchedReason(sum db.SessionImportSummary, name string) string {
	for _, u := range sum.Unmatched {
		if u.Table == "vote_people" && u.Name == name {
			return u.Reason
		}
	}
	return ""
}

// TestSurnameMatchThatFitsASecondMemberIsUnmatched: "Garcia" on a House roll call,
// matched to Rep. Judith García while she was the one member of the House so named,
// no longer tells whose vote it is once a legislators import adds a second House
// Garcia, or moves one into the House. It stayed on her record (and her tile): the
// session imported again said "0 changed". Now the legislators import names the vote
// at stake, the session imported again unmatches it with the reason the other order
// gives (legislators first), undo of that import gives it back, and it is hers again
// once the name fits her alone: the second Garcia's import undone, the undo saying to
// import the session again, which matches it.
func TestSurnameMatchThatFitsASecondMemberIsUnmatched(t *testing.T) {
	ctx := context.Background()
	carlos := db.IncomingLegislator{Line: 2, Legislator: db.Legislator{OpenStatesID: "ocd-person/carlos", State: "MA",
		Chamber: db.ChamberLower, District: "99th Suffolk", Name: "Carlos Garcia", GivenName: "Carlos", FamilyName: "Garcia",
		InOffice: true}}
	const want = "Garcia fits 2 members of the House (Carlos Garcia, Judith García)"

	t.Run("legislators first: the session leaves it unmatched", func(t *testing.T) {
		rc := newRecordChapter(t)
		if _, err := rc.s.ImportLegislators(ctx, []db.IncomingLegislator{carlos}, db.ImportOptions{State: "MA"}); err != nil {
			t.Fatal(err)
		}
		sum, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if got := unmatchedReason(sum, "Garcia *"); got != want || votesOnRecord(t, rc, rc.ids["Judith García"]) != 0 {
			t.Fatalf("reason %q, %d on her record", got, votesOnRecord(t, rc, rc.ids["Judith García"]))
		}
	})

	rc := newRecordChapter(t)
	if _, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	judith := rc.ids["Judith García"]
	if votesOnRecord(t, rc, judith) != 1 {
		t.Fatal("not matched to her while she is the one House Garcia")
	}
	added, err := rc.s.ImportLegislators(ctx, []db.IncomingLegislator{carlos}, db.ImportOptions{State: "MA"})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("the legislators import that adds him names the vote at stake", func(t *testing.T) {
		note := `1 House vote matched by name to Rep. Judith García ("Garcia") fits Rep. Carlos Garcia too, new here: ` +
			`import session 194th of MA again to check it (a name that fits two members is unmatched)`
		if !slices.Contains(added.Notes, note) {
			t.Errorf("notes %q\nwant %q", added.Notes, note)
		}
	})
	again, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("the session imported again unmatches it, as the other order does", func(t *testing.T) {
		note := "1 vote an earlier import matched by name is unmatched now, the name no longer telling whose (each listed " +
			"with why): Garcia, on a House roll call, was Rep. Judith García"
		if n := votesOnRecord(t, rc, judith); n != 0 || unmatchedReason(again, "Garcia *") != want || !slices.Contains(again.Notes, note) {
			t.Errorf("%d on her record, reason %q, notes %q", n, unmatchedReason(again, "Garcia *"), again.Notes)
		}
	})
	t.Run("undoing that import gives it back", func(t *testing.T) {
		if _, err := rc.s.UndoImport(ctx, again.BatchID); err != nil {
			t.Fatal(err)
		}
		if n := votesOnRecord(t, rc, judith); n != 1 {
			t.Errorf("%d on her record after the undo", n)
		}
	})
	t.Run("it is hers again once the second Garcia's import is undone", func(t *testing.T) {
		if _, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		undone, err := rc.s.UndoImport(ctx, added.BatchID)
		if err != nil {
			t.Fatal(err)
		}
		// Unmatched meanwhile, naming him: the undo says to import the session again.
		if !slices.Equal(undone.RecordSessions, []string{"session 194th of MA"}) {
			t.Errorf("the undo names %q to import again", undone.RecordSessions)
		}
		sum, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if n := votesOnRecord(t, rc, judith); n != 1 || sum.VotesRematched != 1 {
			t.Errorf("%d on her record, %d rematched", n, sum.VotesRematched)
		}
	})
	t.Run("an undo before the session is imported again does not say so", func(t *testing.T) {
		rc := newRecordChapter(t)
		if _, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		added, err := rc.s.ImportLegislators(ctx, []db.IncomingLegislator{carlos}, db.ImportOptions{State: "MA"})
		if err != nil {
			t.Fatal(err)
		}
		undone, err := rc.s.UndoImport(ctx, added.BatchID)
		if err != nil {
			t.Fatal(err)
		}
		if len(undone.RecordSessions) != 0 || votesOnRecord(t, rc, rc.ids["Judith García"]) != 1 {
			t.Errorf("the undo names %q to import again", undone.RecordSessions)
		}
	})
}

// TestSurnameMatchThatFitsAMemberMovedInIsUnmatched: the same when the second Garcia
// is a senator a legislators import moves into the House.
func TestSurnameMatchThatFitsAMemberMovedInIsUnmatched(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	ana := db.Legislator{OpenStatesID: "ocd-person/ana", State: "MA", Chamber: db.ChamberUpper, District: "First Suffolk",
		Name: "Ana Garcia", GivenName: "Ana", FamilyName: "Garcia", InOffice: true}
	if _, err := rc.s.CreateLegislator(ctx, ana); err != nil {
		t.Fatal(err)
	}
	if _, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	judith := rc.ids["Judith García"]
	if votesOnRecord(t, rc, judith) != 1 {
		t.Fatal("not matched to her while she is the one House Garcia")
	}
	ana.Chamber, ana.District = db.ChamberLower, "12th Suffolk"
	moved, err := rc.s.ImportLegislators(ctx, []db.IncomingLegislator{{Line: 2, Legislator: ana}}, db.ImportOptions{State: "MA"})
	if err != nil {
		t.Fatal(err)
	}
	note := `1 House vote matched by name to Rep. Judith García ("Garcia") fits Rep. Ana Garcia too, now in the House: ` +
		`import session 194th of MA again to check it (a name that fits two members is unmatched)`
	if !slices.Contains(moved.Notes, note) {
		t.Errorf("notes %q\nwant %q", moved.Notes, note)
	}
	again, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := "Garcia fits 2 members of the House (Ana Garcia, Judith García)"
	if n := votesOnRecord(t, rc, judith); n != 0 || unmatchedReason(again, "Garcia *") != want {
		t.Errorf("%d on her record, reason %q", n, unmatchedReason(again, "Garcia *"))
	}
}

// TestMovedMemberNoteNamesOnlyTheVotesAtStake: a legislators import moving Judith
// García to the Senate said "has 2 House votes matched by name ...: import the
// session again to check them", counting a vote that named her in full, which stays
// hers (a vote of the other chamber is kept by full name). It names the surname ones
// alone, and the session they are of; importing that session again does what it says.
func TestMovedMemberNoteNamesOnlyTheVotesAtStake(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	second := rc.exp.RollCalls[0]
	second.ID, second.Line, second.Motion = "ocd-vote/2", 3, "H. 100 On acceptance"
	rc.exp.RollCalls = append(rc.exp.RollCalls, second)
	rc.exp.Votes = append(rc.exp.Votes, db.IncomingVote{Line: 12, VoteID: "ocd-vote/2", Option: "no", VoterName: "Judith Garcia"})
	if _, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	judith := rc.ids["Judith García"]
	if n := votesOnRecord(t, rc, judith); n != 2 {
		t.Fatalf("%d on her record", n)
	}
	moved, err := rc.s.ImportLegislators(ctx, []db.IncomingLegislator{{Line: 2, Legislator: db.Legislator{OpenStatesID: "ocd-person/c",
		State: "MA", Chamber: db.ChamberUpper, District: "First Suffolk", Name: "Judith García", GivenName: "Judith",
		FamilyName: "García", InOffice: true}}}, db.ImportOptions{State: "MA"})
	if err != nil {
		t.Fatal(err)
	}
	note := `Sen. Judith García, now in the Senate, has 1 House vote matched by a surname alone while in the House ("Garcia"): ` +
		`import session 194th of MA again to take it off their record (a vote of the other chamber is kept only by the ` +
		`member's voter_id or full name)`
	if !slices.Contains(moved.Notes, note) {
		t.Errorf("notes %q\nwant %q", moved.Notes, note)
	}
	if _, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if n := votesOnRecord(t, rc, judith); n != 1 {
		t.Errorf("%d on her record after the session again, want the one by full name", n)
	}
}

// TestSurnameMatchThatNowFitsAnotherMemberMoves: "Garcia", matched to Rep. Judith
// García, fits Rep. Carlos Garcia alone once a legislators import adds him and
// retires her (an export that names her nowhere by id says nothing of her term): the
// session imported again gives it to him, as it does with the legislators first,
// saying so, and undo gives it back to her.
func TestSurnameMatchThatNowFitsAnotherMemberMoves(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	rc.exp.Sponsorships = nil // none names her
	if _, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	judith := rc.ids["Judith García"]
	if votesOnRecord(t, rc, judith) != 1 {
		t.Fatal("not matched to her while she is the one House Garcia")
	}
	rows := []db.IncomingLegislator{{Line: 2, Legislator: db.Legislator{OpenStatesID: "ocd-person/carlos", State: "MA",
		Chamber: db.ChamberLower, District: "99th Suffolk", Name: "Carlos Garcia", GivenName: "Carlos", FamilyName: "Garcia",
		InOffice: true}}}
	for i, name := range []string{"Mike Moran", "John Moran", "Judith García", "Ann Yes", "Bob Turncoat", "Cy Open", "Dee Absent",
		"Peter Katsakiores"} {
		if name != "Judith García" {
			given, family, _ := strings.Cut(name, " ")
			rows = append(rows, db.IncomingLegislator{Line: 3 + i, Legislator: db.Legislator{OpenStatesID: "ocd-person/" + string(rune('a'+i)),
				State: "MA", Chamber: db.ChamberLower, District: name + " district", Name: name, GivenName: given, FamilyName: family,
				InOffice: true}})
		}
	}
	if _, err := rc.s.ImportLegislators(ctx, rows, db.ImportOptions{State: "MA", RetireMissing: true}); err != nil {
		t.Fatal(err)
	}
	again, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	legs, err := rc.s.Legislators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var carlos int64
	for _, l := range legs {
		if l.Name == "Carlos Garcia" {
			carlos = l.ID
		}
	}
	note := "1 vote an earlier import matched by name is matched now to the one member the name fits: " +
		"Garcia, on a House roll call, was Rep. Judith García, is Rep. Carlos Garcia"
	if her, his := votesOnRecord(t, rc, judith), votesOnRecord(t, rc, carlos); her != 0 || his != 1 || !slices.Contains(again.Notes, note) {
		t.Errorf("%d on her record, %d on his, notes %q", her, his, again.Notes)
	}
	if _, err := rc.s.UndoImport(ctx, again.BatchID); err != nil {
		t.Fatal(err)
	}
	if her, his := votesOnRecord(t, rc, judith), votesOnRecord(t, rc, carlos); her != 1 || his != 0 {
		t.Errorf("after the undo: %d on her record, %d on his", her, his)
	}
}
