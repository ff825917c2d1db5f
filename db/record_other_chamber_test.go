package db_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestVoteOfAMemberNowInTheOtherChamber: a House vote that names a senator in full
// ("Vanna Howard", without a voter_id), when no member of the House here fits it, is
// hers, from her House term: the whole name is evidence that she cast it. Her record
// says it is a House vote; the import says whose it was taken for, to check.
func TestVoteOfAMemberNowInTheOtherChamber(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	howard, err := rc.s.CreateLegislator(ctx, db.Legislator{OpenStatesID: "ocd-person/howard", State: "MA", Chamber: db.ChamberUpper,
		District: "First Middlesex", Name: "Vanna Howard", GivenName: "Vanna", FamilyName: "Howard", InOffice: true})
	if err != nil {
		t.Fatal(err)
	}
	exp := rc.exp
	exp.Votes = []db.IncomingVote{{Line: 2, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Vanna Howard"}}
	sum, err := rc.s.ImportSession(ctx, &exp, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("the vote is hers, and the import says so", func(t *testing.T) {
		note := "1 vote matched by name to a member now in the other chamber, from their term there (the directory keeps " +
			"no terms: check): Vanna Howard, on a House roll call, is Sen. Vanna Howard"
		if sum.VotesByName != 1 || !slices.Contains(sum.Notes, note) {
			t.Errorf("%d by name, notes %q, unmatched %+v", sum.VotesByName, sum.Notes, sum.Unmatched)
		}
	})
	t.Run("her record shows it, as a House vote", func(t *testing.T) {
		var rows []db.RecordRow
		if err := rc.s.EachRecordRow(ctx, db.RecordFilter{CampaignID: rc.campaign, LegislatorID: howard}, func(r *db.RecordRow) error {
			rows = append(rows, *r)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0].Role != "yes" || rows[0].Chamber != db.ChamberLower ||
			rows[0].OtherChamber() != "House vote, from their term in the House (now in the Senate)" {
			t.Errorf("%+v", rows)
		}
	})
	t.Run("the whip board's mark of hers is a House vote", func(t *testing.T) {
		marks, err := rc.s.RecordMarks(ctx, rc.campaign)
		if err != nil {
			t.Fatal(err)
		}
		if m := marks[howard]; m.LastVote != "yes" || m.LastVoteChamber != db.ChamberLower {
			t.Errorf("%+v", m)
		}
	})
}

// TestSurnameAloneIsNoVoteOfTheOtherChamber: a House vote written "Howard," without a
// voter_id, that no member of the House here fits, is not taken for the one senator
// named Howard: it may be a former representative the directory does not know (the
// directory keeps no terms), and it was filed to the senator as a guess, a line of
// the output the only sign. It stays unmatched, listed, naming her and saying what
// would tie it (MA's real export writes Vanna Howard's House votes so: the same).
func TestSurnameAloneIsNoVoteOfTheOtherChamber(t *testing.T) {
	for _, name := range []string{"Howard", "Howard, V."} {
		t.Run(name+" stays unmatched, naming her", func(t *testing.T) {
			ctx := context.Background()
			rc := newRecordChapter(t)
			howard, err := rc.s.CreateLegislator(ctx, db.Legislator{OpenStatesID: "ocd-person/howard", State: "MA",
				Chamber: db.ChamberUpper, District: "First Middlesex", Name: "Vanna Howard", GivenName: "Vanna", FamilyName: "Howard",
				InOffice: true})
			if err != nil {
				t.Fatal(err)
			}
			exp := rc.exp
			exp.Votes = []db.IncomingVote{{Line: 2, VoteID: "ocd-vote/1", Option: "yes", VoterName: name}}
			sum, err := rc.s.ImportSession(ctx, &exp, db.ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			want := name + " fits Sen. Vanna Howard, now in the Senate — not matched: no member of the House here is named " +
				name + ", and the directory keeps no terms to say who sat in the House then (a vote of the other chamber is " +
				"taken only by the member's voter_id or full name)"
			if !slices.Contains(sum.Unmatched, db.Unmatched{Table: "vote_people", Line: 2, Name: name, Reason: want}) {
				t.Errorf("unmatched %+v\nwant %q", sum.Unmatched, want)
			}
			if sum.VotesByName != 0 || slices.ContainsFunc(sum.Notes, func(n string) bool { return strings.Contains(n, "other chamber") }) {
				t.Errorf("%d by name, notes %q", sum.VotesByName, sum.Notes)
			}
			if err := rc.s.EachRecordRow(ctx, db.RecordFilter{CampaignID: rc.campaign, LegislatorID: howard}, func(r *db.RecordRow) error {
				t.Errorf("on her record: %+v", *r)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestVoteFittingSeveralInTheOtherChamber: a name no member of the roll call's chamber
// fits and two of the other's do stays unmatched, naming both.
func TestVoteFittingSeveralInTheOtherChamber(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	for i, given := range []string{"Vanna", "Ruth"} {
		if _, err := rc.s.CreateLegislator(ctx, db.Legislator{OpenStatesID: "ocd-person/howard" + given, State: "MA",
			Chamber: db.ChamberUpper, District: "District " + string(rune('A'+i)), Name: given + " Howard", GivenName: given,
			FamilyName: "Howard", InOffice: true}); err != nil {
			t.Fatal(err)
		}
	}
	exp := rc.exp
	exp.Votes = []db.IncomingVote{{Line: 2, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Howard,"}}
	sum, err := rc.s.ImportSession(ctx, &exp, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := "Howard fits Sen. Ruth Howard, now in the Senate; Sen. Vanna Howard, now in the Senate — not matched: no member of " +
		"the House here is named Howard, and the directory keeps no terms to say who sat in the House then"
	for _, u := range sum.Unmatched {
		if u.Table == "vote_people" {
			if u.Reason != want {
				t.Errorf("%q\nwant %q", u.Reason, want)
			}
			return
		}
	}
	t.Fatalf("not listed: %+v (%d matched by name)", sum.Unmatched, sum.VotesByName)
}

// TestSurnameGuessOfAnEarlierImportIsUnmatched: a House vote "Howard" an earlier
// version filed to Sen. Vanna Howard on her surname alone (matched_by 'name, other
// chamber') is unmatched when the export is imported again, listed with its reason and
// said in a note; undoing that import puts the earlier match back. It stayed hers:
// a row already kept is left as it is.
func TestSurnameGuessOfAnEarlierImportIsUnmatched(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	howard, err := rc.s.CreateLegislator(ctx, db.Legislator{OpenStatesID: "ocd-person/howard", State: "MA", Chamber: db.ChamberUpper,
		District: "First Middlesex", Name: "Vanna Howard", GivenName: "Vanna", FamilyName: "Howard", InOffice: true})
	if err != nil {
		t.Fatal(err)
	}
	exp := rc.exp
	exp.Votes = []db.IncomingVote{{Line: 2, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Howard"}}
	if _, err := rc.s.ImportSession(ctx, &exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	// As 5054438 kept it.
	if _, err := writableRaw(t, rc.s).ExecContext(ctx, `UPDATE roll_call_votes SET legislator_id = `+fmt.Sprint(howard)+
		`, matched_by = 'name, other chamber', unmatched = '' WHERE voter_name = 'Howard'`); err != nil {
		t.Fatal(err)
	}
	onHerRecord := func() int {
		n := 0
		if err := rc.s.EachRecordRow(ctx, db.RecordFilter{CampaignID: rc.campaign, LegislatorID: howard}, func(*db.RecordRow) error {
			n++
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if onHerRecord() != 1 {
		t.Fatal("the earlier match is not on her record")
	}
	sum, err := rc.s.ImportSession(ctx, &exp, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("importing the export again unmatches it, saying so", func(t *testing.T) {
		note := "1 vote an earlier import matched by a surname alone to a member now in the other chamber is unmatched: " +
			"Howard, on a House roll call, was Sen. Vanna Howard"
		if n := onHerRecord(); n != 0 || !slices.Contains(sum.Notes, note) || len(sum.Unmatched) == 0 ||
			!strings.HasPrefix(sum.Unmatched[len(sum.Unmatched)-1].Reason, "Howard fits Sen. Vanna Howard") {
			t.Errorf("%d on her record, notes %q, unmatched %+v", n, sum.Notes, sum.Unmatched)
		}
	})
	t.Run("undoing that import gives it back", func(t *testing.T) {
		if sum.BatchID == 0 {
			t.Fatal("no batch")
		}
		if _, err := rc.s.UndoImport(ctx, sum.BatchID); err != nil {
			t.Fatal(err)
		}
		if n := onHerRecord(); n != 1 {
			t.Errorf("%d on her record after the undo", n)
		}
	})
}

// TestSurnameMatchOfAMemberWhoMovedIsUnmatched: "Garcia" on a House roll call, matched
// to Rep. Judith García on her surname while she sat in the House, is unmatched when
// the export is imported again after a legislators import moved her to the Senate, as
// it would have been had the legislators come first: the record does not depend on
// the order of the imports. The import lists it and says so in a note; undoing that
// import gives the match back.
func TestSurnameMatchOfAMemberWhoMovedIsUnmatched(t *testing.T) {
	ctx := context.Background()
	garcia := db.IncomingLegislator{Line: 2, Legislator: db.Legislator{OpenStatesID: "ocd-person/c", State: "MA",
		Chamber: db.ChamberUpper, District: "First Suffolk", Name: "Judith García", GivenName: "Judith", FamilyName: "García",
		InOffice: true}}
	onHerRecord := func(rc *recordChapter) int { return votesOnRecord(t, rc, rc.ids["Judith García"]) }
	reasonOf := func(sum db.SessionImportSummary) string { return unmatchedReason(sum, "Garcia *") }
	// Order 2: the legislators first, then the session.
	first := newRecordChapter(t)
	if _, err := first.s.ImportLegislators(ctx, []db.IncomingLegislator{garcia}, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	sum, err := first.s.ImportSession(ctx, &first.exp, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := reasonOf(sum)
	if !strings.HasPrefix(want, "Garcia fits Sen. Judith García, now in the Senate — not matched") || onHerRecord(first) != 0 {
		t.Fatalf("legislators first: %q, %d votes on her record", want, onHerRecord(first))
	}

	// Order 1: the session, the legislators, the session again.
	rc := newRecordChapter(t)
	if _, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if onHerRecord(rc) != 1 {
		t.Fatal("not matched to her while she sits in the House")
	}
	moved, err := rc.s.ImportLegislators(ctx, []db.IncomingLegislator{garcia}, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("the legislators import that moves her says her House votes matched by a surname alone are to be checked", func(t *testing.T) {
		note := `Sen. Judith García, now in the Senate, has 1 House vote matched by a surname alone while in the House ("Garcia"): ` +
			`import session 194th of MA again to take it off their record (a vote of the other chamber is kept only by the ` +
			`member's voter_id or full name)`
		if !slices.Contains(moved.Notes, note) {
			t.Errorf("notes %q\nwant %q", moved.Notes, note)
		}
	})
	again, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("importing the session again unmatches it, as the other order does", func(t *testing.T) {
		note := "1 vote an earlier import matched by a surname alone to a member now in the other chamber is unmatched: " +
			"Garcia, on a House roll call, was Sen. Judith García"
		if n := onHerRecord(rc); n != 0 || reasonOf(again) != want || !slices.Contains(again.Notes, note) {
			t.Errorf("%d on her record, reason %q, notes %q", n, reasonOf(again), again.Notes)
		}
	})
	t.Run("undoing that import gives it back", func(t *testing.T) {
		if _, err := rc.s.UndoImport(ctx, again.BatchID); err != nil {
			t.Fatal(err)
		}
		if n := onHerRecord(rc); n != 1 {
			t.Errorf("%d on her record after the undo", n)
		}
	})
}
