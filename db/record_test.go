package db_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// recordChapter is a small Massachusetts House, a campaign linked to session 194th,
// and an export with one roll call on its bill.
type recordChapter struct {
	s        *db.Store
	campaign int64
	ids      map[string]int64 // by name
	exp      db.SessionExport
}

// exportOn is the chapter's export dated day (guessed: a date read from file times),
// without Ann Yes's cosponsorship of ocd-bill/1 unless withAnn.
func (rc *recordChapter) exportOn(day time.Time, guessed, withAnn bool) *db.SessionExport {
	exp := rc.exp
	exp.ExportedAt, exp.DateGuessed = day, guessed
	exp.Sponsorships = nil
	for _, sp := range rc.exp.Sponsorships {
		if sp.Name != "Ann Yes" || sp.BillID != "ocd-bill/1" || withAnn {
			exp.Sponsorships = append(exp.Sponsorships, sp)
		}
	}
	return &exp
}

func newRecordChapter(t *testing.T) *recordChapter {
	t.Helper()
	return recordChapterIn(t, dbtest.Open(t))
}

// recordChapterIn is newRecordChapter in the store s.
func recordChapterIn(t *testing.T, s *db.Store) *recordChapter {
	t.Helper()
	ctx := context.Background()
	rc := &recordChapter{s: s, ids: map[string]int64{}}
	for i, name := range []string{"Mike Moran", "John Moran", "Judith García", "Ann Yes", "Bob Turncoat", "Cy Open", "Dee Absent",
		"Peter Katsakiores"} {
		given, family, _ := strings.Cut(name, " ")
		id, err := s.CreateLegislator(ctx, db.Legislator{OpenStatesID: "ocd-person/" + string(rune('a'+i)), State: "MA",
			Chamber: db.ChamberLower, District: name + " district", Name: name, GivenName: given, FamilyName: family, InOffice: true})
		if err != nil {
			t.Fatal(err)
		}
		rc.ids[name] = id
	}
	c := db.Campaign{State: "MA", DefaultLang: "en", Texts: map[string]db.CampaignTexts{"en": {Name: "Record test"}},
		Bills: []db.Bill{{Chamber: db.ChamberLower, Number: "H.100"}}}
	var err error
	if rc.campaign, err = s.SaveCampaign(ctx, c); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LinkBill(ctx, db.BillLink{CampaignID: rc.campaign, CampaignBill: "H 100", Session: "194th"}); err != nil {
		t.Fatal(err)
	}
	voted := time.Date(2025, 6, 30, 15, 0, 0, 0, time.UTC)
	// Exported on 5 April, its day starting in Boston (as ReadSession reads a date).
	rc.exp = db.SessionExport{Source: "test", State: "MA", Session: "194th", ExportedAt: time.Date(2026, 4, 5, 0, 0, 0, 0, massachusetts),
		Bills: []db.SessionBill{{OpenStatesID: "ocd-bill/1", Identifier: "H 100", Title: "An Act", Chamber: "lower"},
			{OpenStatesID: "ocd-bill/2", Identifier: "S 100", Title: "Another Act", Chamber: "upper"}},
		Sponsorships: []db.IncomingSponsorship{
			{Line: 2, Name: "Judith García", EntityType: "person", PersonID: "ocd-person/c", BillID: "ocd-bill/1", Primary: true, Classification: "primary"},
			{Line: 3, Name: "Ann Yes", EntityType: "person", PersonID: "ocd-person/d", BillID: "ocd-bill/1", Classification: "cosponsor"},
			{Line: 4, Name: "Gone Member", EntityType: "person", PersonID: "ocd-person/zz", BillID: "ocd-bill/1", Classification: "cosponsor"},
			{Line: 5, Name: "Ann Yes", EntityType: "person", PersonID: "ocd-person/d", BillID: "ocd-bill/2", Classification: "cosponsor"},
		},
		RollCalls: []db.IncomingRollCall{{Line: 2, ID: "ocd-vote/1", BillID: "ocd-bill/1", Chamber: "lower", Motion: "H. 100 On passage",
			StartDate: "2025-06-30T15:00:00+00:00", VotedAt: voted, Result: "pass", Yes: 5, No: 1}},
		Votes: []db.IncomingVote{
			{Line: 2, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Moran M."},
			{Line: 3, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Moran,"},
			{Line: 4, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Garcia *"},
			{Line: 5, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Yes", VoterID: "ocd-person/d"},
			{Line: 6, VoteID: "ocd-vote/1", Option: "no", VoterName: "Turncoat", VoterID: "ocd-person/e"},
			{Line: 7, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Open", VoterID: "ocd-person/f"},
			{Line: 8, VoteID: "ocd-vote/1", Option: "not voting", VoterName: "Absent", VoterID: "ocd-person/g"},
			{Line: 9, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Mr. Speaker"},
			{Line: 10, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Turncoat"},
			{Line: 11, VoteID: "ocd-vote/1", Option: "no", VoterName: "Phyllis M. Katsakiores"},
		},
	}
	return rc
}

func TestImportSessionMatching(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	sum, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	reason := map[int]string{}
	for _, u := range sum.Unmatched {
		reason[u.Line] = u.Table + ": " + u.Reason
	}
	t.Run("a journal surname with its initial is the one member it fits", func(t *testing.T) {
		if _, ok := reason[2]; ok || sum.VotesByName != 2 {
			t.Errorf("Moran M.: %q, %d by name", reason[2], sum.VotesByName)
		}
	})
	t.Run("a surname two members share is listed with both, not guessed", func(t *testing.T) {
		if !strings.Contains(reason[3], "Moran fits 2 members of the House (John Moran, Mike Moran)") {
			t.Errorf("%q", reason[3])
		}
	})
	t.Run("a title is no name", func(t *testing.T) {
		if !strings.Contains(reason[9], "a title, not a name") {
			t.Errorf("%q", reason[9])
		}
	})
	t.Run("a name fitting a member already on the roll call by id is not taken", func(t *testing.T) {
		if !strings.Contains(reason[10], "Bob Turncoat, who is on this roll call by id already") {
			t.Errorf("%q", reason[10])
		}
	})
	t.Run("a full name is not taken for another member of that surname and initial", func(t *testing.T) {
		if !strings.Contains(reason[11], "no member of the House here is named Phyllis M. Katsakiores") {
			t.Errorf("%q", reason[11])
		}
	})
	t.Run("a sponsor unknown here is listed; another bill's sponsorships are not kept", func(t *testing.T) {
		if !strings.Contains(reason[4], "ocd-person/zz is not among the legislators here") || sum.Sponsorships != 3 ||
			sum.SponsorshipsMatched != 2 {
			t.Errorf("%q, %+v", reason[4], sum)
		}
	})
	t.Run("sponsors enter the whip count history with their source", func(t *testing.T) {
		hist, _ := rc.s.StanceHistory(ctx, rc.campaign, rc.ids["Judith García"])
		if len(hist) != 1 || hist[0].Stance != db.StanceSponsor ||
			hist[0].Reason != "sponsor of H 100 (Open States, session 194th, exported 2026-04-05)" {
			t.Errorf("%+v", hist)
		}
	})
}

func TestRecordVsWhip(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	s := rc.s
	before := time.Date(2025, 5, 2, 10, 0, 0, 0, time.UTC)
	vol := dbtest.Volunteer(t, s, "Maria", "Souza", nil)
	// Ann was counted yes by the lead; Bob was heard yes on a call; Cy was never judged.
	if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: rc.campaign, LegislatorID: rc.ids["Ann Yes"], Stance: db.StanceYes,
		ChangedAt: before, ChangedBy: "lead"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: rc.campaign, VolunteerID: vol, LegislatorID: rc.ids["Bob Turncoat"],
		CalledAt: before, Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceYes}, true); err != nil {
		t.Fatal(err)
	}
	if _, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	list, err := s.RecordVsWhip(ctx, rc.campaign)
	if err != nil || len(list) != 1 {
		t.Fatalf("%+v, %v", list, err)
	}
	r := list[0]
	verdicts := map[string]db.ComparedVote{}
	for _, v := range r.Votes {
		verdicts[v.Name] = v
	}
	t.Run("the count's yes that voted yes was predicted right", func(t *testing.T) {
		if v := verdicts["Ann Yes"]; v.Verdict != db.VerdictRight || v.Counted != db.StanceYes {
			t.Errorf("%+v", v)
		}
	})
	t.Run("the record's own cosponsorship is not the count's prediction", func(t *testing.T) {
		// Ann cosponsors too, by the record: her counted stance stays the lead's yes.
		if v := verdicts["Ann Yes"]; v.Now != db.StanceCosponsor || !v.CountedAt.Equal(before) {
			t.Errorf("now %q, counted since %v", v.Now, v.CountedAt)
		}
	})
	t.Run("a vote against the stance comes with the call behind it", func(t *testing.T) {
		v := verdicts["Bob Turncoat"]
		if v.Verdict != db.VerdictAgainst || !strings.Contains(v.StanceCall, "2025-05-02, Maria Souza") ||
			!strings.Contains(v.StanceCall, "heard Yes") || v.Calls != 1 {
			t.Errorf("%+v", v)
		}
	})
	t.Run("no stance is no prediction, and a member never called is counted", func(t *testing.T) {
		if v := verdicts["Cy Open"]; v.Verdict != db.VerdictOpen || !v.LastCall.IsZero() {
			t.Errorf("%+v", v)
		}
		if verdicts["Dee Absent"].Verdict != db.VerdictAbsent {
			t.Errorf("%+v", verdicts["Dee Absent"])
		}
		if r.Right != 1 || r.Against != 1 || r.Unmatched != 4 || r.NeverCalled != 5 || r.Predicted() != 0.5 {
			t.Errorf("right %d against %d open %d absent %d unmatched %d never called %d", r.Right, r.Against, r.Open, r.Absent,
				r.Unmatched, r.NeverCalled)
		}
	})
}

// TestRecordVsWhipCallsOfTheCampaignBeforeTheVote: who was called, and the calls behind
// a vote against the count, are the calls of that campaign made before the vote; the
// stance counted is the one the campaign had at the vote's date.
func TestRecordVsWhipCallsOfTheCampaignBeforeTheVote(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	s := rc.s
	other, err := s.SaveCampaign(ctx, db.Campaign{State: "MA", DefaultLang: "en",
		Texts: map[string]db.CampaignTexts{"en": {Name: "Another bill"}}, Bills: []db.Bill{{Chamber: db.ChamberLower, Number: "H.200"}}})
	if err != nil {
		t.Fatal(err)
	}
	vol := dbtest.Volunteer(t, s, "Maria", "Souza", nil)
	before := time.Date(2025, 5, 2, 10, 0, 0, 0, time.UTC)
	after := time.Date(2025, 7, 10, 10, 0, 0, 0, time.UTC) // the roll call is on 2025-06-30
	call := func(campaign int64, who string, at time.Time, heard db.Stance) {
		t.Helper()
		if _, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: campaign, VolunteerID: vol, LegislatorID: rc.ids[who],
			CalledAt: at, Outcome: db.OutcomeSpokeStaff, StanceHeard: heard}, true); err != nil {
			t.Fatal(err)
		}
	}
	stance := func(campaign int64, who string, at time.Time, st db.Stance) {
		t.Helper()
		if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: campaign, LegislatorID: rc.ids[who], Stance: st,
			ChangedAt: at, ChangedBy: "lead"}); err != nil {
			t.Fatal(err)
		}
	}
	// Bob: heard yes on this campaign's call before the vote, voted no; called again
	// after it (heard no), and on the other campaign before it.
	call(rc.campaign, "Bob Turncoat", before, db.StanceYes)
	call(rc.campaign, "Bob Turncoat", after, db.StanceNo)
	call(other, "Bob Turncoat", before.Add(time.Hour), "")
	// Cy: called only on the other campaign. Dee: called only after the vote.
	call(other, "Cy Open", before, db.StanceYes)
	call(rc.campaign, "Dee Absent", after, "")
	// Ann: yes before the vote on this campaign; no on the other; no here after it.
	stance(rc.campaign, "Ann Yes", before, db.StanceYes)
	stance(other, "Ann Yes", before.Add(time.Hour), db.StanceNo)
	stance(rc.campaign, "Ann Yes", after, db.StanceNo)
	// Mike: no on the other campaign before the vote, nothing here.
	stance(other, "Mike Moran", before, db.StanceNo)
	// Bob again, long before the vote: the last call before it is not the only one.
	call(rc.campaign, "Bob Turncoat", before.AddDate(0, -2, 0), "")
	if _, err := s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	// The calls are read up to the last roll call, or after the first (fewer of them
	// there) and taken from the campaign's totals: the answers are the same.
	for _, side := range []int{1, 2} {
		t.Run([]string{"", "the calls up to the vote read", "the calls after the vote read"}[side], func(t *testing.T) {
			defer db.SetRecordCallSide(side)()
			checkCallsBeforeTheVote(t, s, rc, before)
		})
	}
}

func checkCallsBeforeTheVote(t *testing.T, s *db.Store, rc *recordChapter, before time.Time) {
	ctx := context.Background()
	list, err := s.RecordVsWhip(ctx, rc.campaign)
	if err != nil || len(list) != 1 {
		t.Fatalf("%+v, %v", list, err)
	}
	r := list[0]
	v := map[string]db.ComparedVote{}
	for _, x := range r.Votes {
		v[x.Name] = x
	}
	t.Run("a call of another campaign, or made after the vote, is no call before it", func(t *testing.T) {
		if x := v["Cy Open"]; x.Calls != 0 || !x.LastCall.IsZero() {
			t.Errorf("Cy: %d calls, last %v", x.Calls, x.LastCall)
		}
		if x := v["Dee Absent"]; x.Calls != 0 || !x.LastCall.IsZero() {
			t.Errorf("Dee: %d calls, last %v", x.Calls, x.LastCall)
		}
		// Matched: Mike (by name), Judith (by name), Ann, Bob, Cy, Dee; only Bob was
		// called by this campaign before the vote.
		if r.NeverCalled != 5 {
			t.Errorf("never called %d, want 5", r.NeverCalled)
		}
	})
	t.Run("a vote against the count lists this campaign's calls before it", func(t *testing.T) {
		x := v["Bob Turncoat"]
		if x.Verdict != db.VerdictAgainst || x.Calls != 2 || !x.LastCall.Equal(before) || len(x.CallsBefore) != 2 ||
			!strings.HasPrefix(x.CallsBefore[0], "2025-05-02, Maria Souza: ") || !strings.Contains(x.CallsBefore[0], "heard Yes") ||
			!strings.HasPrefix(x.CallsBefore[1], "2025-03-02, Maria Souza: ") {
			t.Errorf("%+v", x)
		}
	})
	t.Run("the stance counted is the campaign's at the vote's date", func(t *testing.T) {
		if x := v["Ann Yes"]; x.Verdict != db.VerdictRight || x.Counted != db.StanceYes || !x.CountedAt.Equal(before) {
			t.Errorf("Ann: %s, counted %q since %v", x.Verdict, x.Counted, x.CountedAt)
		}
		if x := v["Mike Moran"]; x.Verdict != db.VerdictOpen || x.Counted != "" {
			t.Errorf("Mike: %s, counted %q", x.Verdict, x.Counted)
		}
	})
}

// TestMergeBringsTheRecord: a merge of a file that imported a session brings its
// record (bills, links, sponsorships, roll calls, votes) by natural keys, once; the
// record's stance changes it brings are not taken for the count's predictions.
func TestMergeBringsTheRecord(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		src := recordChapterIn(t, dbtest.OpenFile(t))
		// An export dated before the vote: its cosponsorships are stance changes dated
		// before it (as an older export's are before a newer one's roll calls). A date
		// given so is refused (TestExportedBeforeItsNewestRollCall); a guessed one is not.
		src.exp.ExportedAt, src.exp.DateGuessed = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), true
		if _, err := src.s.ImportSession(ctx, &src.exp, db.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		want, err := src.s.RecordVsWhip(ctx, src.campaign)
		if err != nil || len(want) != 1 {
			t.Fatalf("%+v %v", want, err)
		}
		srcCounts := counts(t, src.s)
		path := src.s.Path()
		src.s.Close()

		s := open(t)
		// The member the other file could not match is a legislator here.
		gone, err := s.CreateLegislator(ctx, db.Legislator{OpenStatesID: "ocd-person/zz", State: "MA", Chamber: db.ChamberLower,
			District: "Gone district", Name: "Gone Member", InOffice: true})
		if err != nil {
			t.Fatal(err)
		}
		res, err := s.Merge(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		got := counts(t, s)
		t.Run("the record comes across", func(t *testing.T) {
			if res.RollCalls != 1 || res.RollCallVotes != 10 || res.Sponsorships != 3 || res.SessionBills != 1 ||
				res.FollowedBills != 1 || res.BillLinks != 1 || res.BatchID == 0 {
				t.Errorf("%+v", res)
			}
			if got["roll_calls"] != srcCounts["roll_calls"] || got["roll_call_votes"] != srcCounts["roll_call_votes"] ||
				got["sponsorships"] != srcCounts["sponsorships"]+1 {
				t.Errorf("here %v, the file %v", got, srcCounts)
			}
		})
		var campaign int64
		list, _ := s.Campaigns(ctx)
		for _, c := range list {
			if c.Name == "Record test" {
				campaign = c.ID
			}
		}
		links, err := s.BillLinks(ctx, campaign)
		if err != nil || len(links) != 1 || links[0].Session != "194th" {
			t.Errorf("links %+v %v", links, err)
		}
		t.Run("the vote against the whip count reads as it did in the file", func(t *testing.T) {
			merged, err := s.RecordVsWhip(ctx, campaign)
			if err != nil || len(merged) != 1 {
				t.Fatalf("%+v %v", merged, err)
			}
			a, b := want[0], merged[0]
			if a.Right != b.Right || a.Against != b.Against || a.Open != b.Open || a.Absent != b.Absent ||
				a.Unmatched != b.Unmatched || len(a.Votes) != len(b.Votes) {
				t.Errorf("file %d/%d/%d/%d/%d, merged %d/%d/%d/%d/%d", a.Right, a.Against, a.Open, a.Absent, a.Unmatched,
					b.Right, b.Against, b.Open, b.Absent, b.Unmatched)
			}
			// Ann cosponsors by the record: that is no prediction of her vote, here as there.
			for _, v := range b.Votes {
				if v.Name == "Ann Yes" && (v.Verdict != db.VerdictOpen || v.Counted != "" || v.Now != db.StanceCosponsor) {
					t.Errorf("Ann: %s, counted %q, now %q", v.Verdict, v.Counted, v.Now)
				}
			}
		})
		t.Run("a sponsor the file could not match is matched here by ocd-person id", func(t *testing.T) {
			n := 0
			s.EachRecordRow(ctx, db.RecordFilter{CampaignID: campaign, LegislatorID: gone}, func(r *db.RecordRow) error {
				n++
				if r.Kind != "sponsorship" || r.Unmatched != "" {
					t.Errorf("%+v", r)
				}
				return nil
			})
			if n != 1 {
				t.Errorf("%d rows for the member", n)
			}
		})
		t.Run("merging the same file again adds nothing", func(t *testing.T) {
			again, err := s.Merge(ctx, path)
			if err != nil || again.Total() != 0 || again.BatchID != 0 {
				t.Fatalf("%+v %v", again, err)
			}
			if c := counts(t, s); c["roll_calls"] != got["roll_calls"] || c["roll_call_votes"] != got["roll_call_votes"] ||
				c["sponsorships"] != got["sponsorships"] {
				t.Errorf("%v, was %v", c, got)
			}
		})
		t.Run("undoing the merge takes the record back", func(t *testing.T) {
			if _, err := s.UndoImport(ctx, res.BatchID); err != nil {
				t.Fatal(err)
			}
			if c := counts(t, s); c["roll_calls"] != 0 || c["roll_call_votes"] != 0 || c["sponsorships"] != 0 {
				t.Errorf("%v", c)
			}
			// The campaign's link to the session's bill the other lead made went too:
			// kept, it would have the next session import follow that bill here.
			if links, err := s.BillLinks(ctx, campaign); err != nil || len(links) != 0 {
				t.Errorf("after the undo, links %+v %v", links, err)
			}
		})
	})
}

// TestImportSessionAgainMatchesNow: a row an earlier import kept unmatched is matched
// by the next import of the export once its legislator is here, said in the summary,
// undone with that import.
func TestImportSessionAgainMatchesNow(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	s := rc.s
	rc.exp.Votes = append(rc.exp.Votes, db.IncomingVote{Line: 12, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Member",
		VoterID: "ocd-person/zz"})
	first, err := s.ImportSession(ctx, &rc.exp, db.ImportOptions{})
	if err != nil || first.Votes != 11 || len(first.Unmatched) != 6 {
		t.Fatalf("%+v %v", first, err)
	}
	// Loaded since: the member of ocd-person/zz, and Phyllis Katsakiores.
	gone, err := s.CreateLegislator(ctx, db.Legislator{OpenStatesID: "ocd-person/zz", State: "MA", Chamber: db.ChamberLower,
		District: "Gone district", Name: "Gone Member", GivenName: "Gone", FamilyName: "Member", InOffice: true})
	if err != nil {
		t.Fatal(err)
	}
	phyllis, err := s.CreateLegislator(ctx, db.Legislator{State: "MA", Chamber: db.ChamberLower, District: "8th Rockingham",
		Name: "Phyllis M. Katsakiores", GivenName: "Phyllis", FamilyName: "Katsakiores", InOffice: true})
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.ImportSession(ctx, &rc.exp, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rows := func() map[int64][]string {
		m := map[int64][]string{}
		s.EachRecordRow(ctx, db.RecordFilter{CampaignID: rc.campaign}, func(r *db.RecordRow) error {
			if r.LegislatorID == gone || r.LegislatorID == phyllis {
				m[r.LegislatorID] = append(m[r.LegislatorID], r.Kind+" "+r.MatchedBy)
			}
			return nil
		})
		return m
	}
	t.Run("the rows unmatched before are matched now, and it says so", func(t *testing.T) {
		if again.VotesRematched != 2 || again.SponsorshipsRematched != 1 || again.Votes+again.Sponsorships != 0 ||
			again.BatchID == 0 || !strings.HasPrefix(again.RematchedLine(), "2 votes and 1 sponsorships matched now that were unmatched before; 3 rows kept unmatched") {
			t.Fatalf("%+v", again)
		}
		got := rows()
		if strings.Join(got[gone], ",") != "roll call id,sponsorship id" || strings.Join(got[phyllis], ",") != "roll call name" {
			t.Errorf("%v", got)
		}
		hist, _ := s.StanceHistory(ctx, rc.campaign, gone)
		if len(hist) != 1 || hist[0].Stance != db.StanceCosponsor || again.StanceChanges != 1 {
			t.Errorf("%+v, %d stance changes", hist, again.StanceChanges)
		}
	})
	t.Run("a third import changes nothing", func(t *testing.T) {
		third, err := s.ImportSession(ctx, &rc.exp, db.ImportOptions{})
		if err != nil || third.BatchID != 0 || third.VotesRematched+third.SponsorshipsRematched+third.StanceChanges != 0 ||
			third.Unchanged != 1+11+3 {
			t.Errorf("%+v %v", third, err)
		}
	})
	t.Run("the first import cannot be undone under it; undoing it unmatches them again", func(t *testing.T) {
		if _, err := s.UndoImport(ctx, first.BatchID); err == nil || !strings.Contains(err.Error(), "undo import") {
			t.Errorf("undo the first: %v", err)
		}
		if _, err := s.UndoImport(ctx, again.BatchID); err != nil {
			t.Fatal(err)
		}
		if got := rows(); len(got) != 0 {
			t.Errorf("still matched: %v", got)
		}
		n := 0
		s.EachRecordRow(ctx, db.RecordFilter{CampaignID: rc.campaign}, func(r *db.RecordRow) error {
			if r.ExportName == "Member" && strings.Contains(r.Unmatched, "ocd-person/zz is not among the legislators here") {
				n++
			}
			return nil
		})
		if n != 1 {
			t.Errorf("%d rows of Member unmatched with their reason", n)
		}
		if hist, _ := s.StanceHistory(ctx, rc.campaign, gone); len(hist) != 0 {
			t.Errorf("%+v", hist)
		}
		if _, err := s.UndoImport(ctx, first.BatchID); err != nil {
			t.Errorf("then the first: %v", err)
		}
	})
}

// TestCheckoutCarriesTheRecord: a checkout of a server's chapter holds its official
// record, and pushing it back adds none of it again.
func TestCheckoutCarriesTheRecord(t *testing.T) {
	ctx := context.Background()
	rc := recordChapterIn(t, dbtest.OpenServer(t))
	if _, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	server := counts(t, rc.s)
	dest := filepath.Join(t.TempDir(), "offline.db")
	if err := rc.s.Checkout(ctx, dest); err != nil {
		t.Fatal(err)
	}
	f, err := db.Open(ctx, dest, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	file := counts(t, f)
	want, _ := rc.s.RecordVsWhip(ctx, rc.campaign)
	got, err := f.RecordVsWhip(ctx, rc.campaign)
	f.Close()
	for _, k := range []string{"roll_calls", "roll_call_votes", "sponsorships"} {
		if file[k] != server[k] || server[k] == 0 {
			t.Errorf("%s: server %d, checkout %d", k, server[k], file[k])
		}
	}
	if err != nil || len(got) != 1 || len(want) != 1 || got[0].Right != want[0].Right || got[0].Unmatched != want[0].Unmatched {
		t.Errorf("%+v / %+v, %v", got, want, err)
	}
	res, err := rc.s.Push(ctx, dest, db.PushList, false)
	if err != nil || res.Merge.RecordRows() != 0 {
		t.Errorf("%+v %v", res.Merge, err)
	}
}

// TestRecordDatesAreLocal: a roll call's and a sponsorship's day are the day in the
// legislature's zone (Massachusetts': Boston's), as every date of the app is, whatever
// the computer's zone, and the stance counted at a vote is the one at its instant, or
// over the whole day of a vote or export given by its date alone.
func TestRecordDatesAreLocal(t *testing.T) {
	for _, computer := range []string{"America/New_York", "UTC", "Asia/Tokyo", "America/Los_Angeles"} {
		t.Run("on a computer in "+computer, func(t *testing.T) {
			setLocal(t, computer)
			recordDatesInBoston(t)
		})
	}
}

func recordDatesInBoston(t *testing.T) {
	boston := time.FixedZone("EDT", -4*3600)
	ctx := context.Background()
	rc := newRecordChapter(t)
	s := rc.s
	ann, judith := rc.ids["Ann Yes"], rc.ids["Judith García"]
	set := func(leg int64, st db.Stance, at time.Time) {
		t.Helper()
		if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: rc.campaign, LegislatorID: leg, Stance: st, ChangedAt: at,
			ChangedBy: "lead"}); err != nil {
			t.Fatal(err)
		}
	}
	// 28 April, 8:21 pm in Boston; then a roll call given by its date alone.
	set(ann, db.StanceNo, time.Date(2025, 4, 28, 12, 0, 0, 0, boston))
	set(ann, db.StanceYes, time.Date(2025, 4, 28, 21, 0, 0, 0, boston))          // after the vote, the same UTC day
	set(ann, db.StanceLeaningNo, time.Date(2025, 5, 1, 10, 0, 0, 0, boston))     // on the day of the second
	set(judith, db.StanceLeaningYes, time.Date(2026, 4, 5, 22, 0, 0, 0, boston)) // on the export's day, the next in UTC
	rc.exp.ExportedAt = time.Date(2026, 4, 5, 0, 0, 0, 0, boston)
	rc.exp.RollCalls = []db.IncomingRollCall{
		{Line: 2, ID: "ocd-vote/1", BillID: "ocd-bill/1", Chamber: "lower", Motion: "On Consolidated Amendment B",
			StartDate: "2025-04-29T00:21:00+00:00", VotedAt: time.Date(2025, 4, 29, 0, 21, 0, 0, time.UTC), Result: "pass"},
		{Line: 3, ID: "ocd-vote/2", BillID: "ocd-bill/1", Chamber: "lower", Motion: "On passage",
			StartDate: "2025-05-01", VotedAt: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC), Result: "pass"}}
	rc.exp.Votes = []db.IncomingVote{
		{Line: 2, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Yes", VoterID: "ocd-person/d"},
		{Line: 3, VoteID: "ocd-vote/1", Option: "no", VoterName: "Turncoat", VoterID: "ocd-person/e"},
		{Line: 4, VoteID: "ocd-vote/2", Option: "yes", VoterName: "Yes", VoterID: "ocd-person/d"}}
	if _, err := s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	rows := map[string]db.RecordRow{}
	if err := s.EachRecordRow(ctx, db.RecordFilter{CampaignID: rc.campaign}, func(r *db.RecordRow) error {
		rows[r.Motion+"|"+r.Name+"|"+r.Kind] = *r
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	t.Run("a vote at 00:21 UTC is dated the evening before, in Boston", func(t *testing.T) {
		r := rows["On Consolidated Amendment B|Ann Yes|roll call"]
		if r.Date != "2025-04-28" || r.Counted != db.StanceNo {
			t.Errorf("date %s, counted %q", r.Date, r.Counted)
		}
		list, err := s.RecordVsWhip(ctx, rc.campaign)
		if err != nil || len(list) != 2 || list[0].Date != "2025-04-28" || list[1].Date != "2025-05-01" {
			t.Fatalf("%+v %v", list, err)
		}
		// The board's vote is the one on passage: Bob's only vote, on the amendment,
		// is not on it (TestRecordMarksShowThePassageVote).
		marks, err := s.RecordMarks(ctx, rc.campaign)
		if err != nil || marks[rc.ids["Bob Turncoat"]].LastVote != "" || marks[ann].LastVoteOn != "2025-05-01" {
			t.Errorf("%+v %v", marks, err)
		}
	})
	t.Run("a vote given by its date counts the stance set that day", func(t *testing.T) {
		if r := rows["On passage|Ann Yes|roll call"]; r.Date != "2025-05-01" || r.Counted != db.StanceLeaningNo ||
			r.CountedAt.Format("2006-01-02 15:04") != "2025-05-01 10:00" {
			t.Errorf("date %s, counted %q since %v", r.Date, r.Counted, r.CountedAt)
		}
	})
	t.Run("a sponsorship counts the stance set on the export's local day", func(t *testing.T) {
		if r := rows["|Judith García|sponsorship"]; r.Date != "2026-04-05" || r.Counted != db.StanceLeaningYes {
			t.Errorf("date %s, counted %q since %v", r.Date, r.Counted, r.CountedAt)
		}
	})
}

// TestNewerExportWithdrawsASponsorship: a newer export of a bill is its record: a
// cosponsor it no longer lists is withdrawn (kept, marked, the whip count's record
// stance taken back); an older export imported after it changes nothing; undo puts
// the cosponsor back.
func TestNewerExportWithdrawsASponsorship(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	s := rc.s
	ann := rc.ids["Ann Yes"]
	if _, err := s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	// The export on day, with or without Ann's cosponsorship of ocd-bill/1.
	export := func(day time.Time, withAnn bool) *db.SessionExport { return rc.exportOn(day, false, withAnn) }
	role := func() string { return sponsorshipRole(t, s, rc.campaign, ann) }
	stance := func() db.Stance {
		t.Helper()
		h, err := s.StanceHistory(ctx, rc.campaign, ann)
		if err != nil || len(h) == 0 {
			t.Fatalf("%+v %v", h, err)
		}
		return h[0].Stance
	}
	if r, st := role(), stance(); r != "cosponsor 2026-04-05" || st != db.StanceCosponsor {
		t.Fatalf("before: %q, stance %q", r, st)
	}
	newer, err := s.ImportSession(ctx, export(time.Date(2026, 5, 1, 0, 0, 0, 0, massachusetts), false), db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a cosponsor a newer export does not list is withdrawn, and the summary says so", func(t *testing.T) {
		if len(newer.Withdrawn) != 1 || newer.BatchID == 0 || len(newer.Notes) == 0 ||
			newer.Notes[0] != "1 sponsorship withdrawn: Ann Yes, cosponsor of H 100 (not in this export of 2026-05-01, the newest of the bill)" {
			t.Fatalf("%+v", newer)
		}
		if r := role(); r != "withdrawn cosponsor 2026-05-01" {
			t.Errorf("record: %q", r)
		}
		marks, err := s.RecordMarks(ctx, rc.campaign)
		if err != nil || marks[ann].Sponsorship != "" || marks[rc.ids["Judith García"]].Sponsorship != "sponsor" {
			t.Errorf("%+v %v", marks, err)
		}
		if st := stance(); st != db.StanceUnknown {
			t.Errorf("whip count: %q", st)
		}
	})
	t.Run("the same export again changes nothing", func(t *testing.T) {
		sum, err := s.ImportSession(ctx, export(time.Date(2026, 5, 1, 0, 0, 0, 0, massachusetts), false), db.ImportOptions{})
		if err != nil || sum.BatchID != 0 || len(sum.Withdrawn) != 0 || sum.StanceChanges != 0 {
			t.Fatalf("%+v %v", sum, err)
		}
	})
	t.Run("an older export imported after it brings nothing back", func(t *testing.T) {
		sum, err := s.ImportSession(ctx, export(time.Date(2026, 4, 20, 0, 0, 0, 0, massachusetts), true), db.ImportOptions{})
		if err != nil || len(sum.Withdrawn) != 0 || sum.StanceChanges != 0 {
			t.Fatalf("%+v %v", sum, err)
		}
		if r, st := role(), stance(); r != "withdrawn cosponsor 2026-05-01" || st != db.StanceUnknown {
			t.Errorf("%q, stance %q", r, st)
		}
	})
	t.Run("undoing the newer export puts the cosponsor back", func(t *testing.T) {
		if _, err := s.UndoImport(ctx, newer.BatchID); err != nil {
			t.Fatal(err)
		}
		if r, st := role(), stance(); r != "cosponsor 2026-04-05" || st != db.StanceCosponsor {
			t.Errorf("%q, stance %q", r, st)
		}
	})
}

// TestLinkToASessionNotHere: a link to a session no export has brought is taken and
// said to wait for one; a session known here only as another state's is refused.
func TestLinkToASessionNotHere(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	if _, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	t.Run("a session of the state that is not here waits, and the state's sessions are named", func(t *testing.T) {
		l, err := rc.s.LinkBill(ctx, db.BillLink{CampaignID: rc.campaign, CampaignBill: "H.100", Session: "2024", SessionNumber: "HB 1634"})
		if err != nil || !l.Waiting || strings.Join(l.Sessions, ",") != "194th" {
			t.Errorf("%+v %v", l, err)
		}
		if l, err := rc.s.LinkBill(ctx, db.BillLink{CampaignID: rc.campaign, CampaignBill: "H.100", Session: "194th"}); err != nil || l.Waiting {
			t.Errorf("%+v %v", l, err)
		}
	})
	t.Run("another state's session is refused", func(t *testing.T) {
		_, err := rc.s.LinkBill(ctx, db.BillLink{CampaignID: rc.campaign, CampaignBill: "H.100", State: "NH", Session: "194th"})
		if err == nil || !strings.Contains(err.Error(), "Session 194th is MA's here, not NH's") {
			t.Errorf("err %v", err)
		}
	})
}

// TestSponsorKeyKeepsTheCurlyApostrophe: a sponsor without an ocd-person id is kept
// under "name:" and the name folded as every version stored it before fold made the
// apostrophes one ("name:mary o’brien"), so a newer export listing "Mary O’Brien"
// again finds her: nothing withdrawn, no second row. A key stored in fold's form by
// the versions that used it is found too.
func TestSponsorKeyKeepsTheCurlyApostrophe(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	s := rc.s
	mary := db.IncomingSponsorship{Line: 6, Name: "Mary O’Brien", EntityType: "person", BillID: "ocd-bill/1", Classification: "cosponsor"}
	rc.exp.Sponsorships = append(rc.exp.Sponsorships, mary)
	if _, err := s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	raw := writableRaw(t, s)
	rows := func(t *testing.T) []string {
		t.Helper()
		r, err := raw.QueryContext(ctx, `SELECT sponsor_key, withdrawn_on FROM bill_sponsorships WHERE name LIKE 'Mary%' ORDER BY id`)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		var out []string
		for r.Next() {
			var key, withdrawn string
			if err := r.Scan(&key, &withdrawn); err != nil {
				t.Fatal(err)
			}
			out = append(out, key+"|"+withdrawn)
		}
		return out
	}
	if got := rows(t); len(got) != 1 || got[0] != "name:mary o’brien|" {
		t.Fatalf("stored %q, want the key earlier versions stored", got)
	}
	newer := func(t *testing.T, day int) {
		t.Helper()
		exp := rc.exp
		exp.ExportedAt = time.Date(2026, 5, day, 0, 0, 0, 0, massachusetts)
		sum, err := s.ImportSession(ctx, &exp, db.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(sum.Withdrawn) != 0 || sum.Sponsorships != 0 {
			t.Errorf("withdrawn %q, %d new sponsorships", sum.Withdrawn, sum.Sponsorships)
		}
		if got := rows(t); len(got) != 1 || !strings.HasSuffix(got[0], "|") {
			t.Errorf("rows %q", got)
		}
	}
	t.Run("a newer export with the same sponsor withdraws nothing and adds no row", func(t *testing.T) {
		// As a version before fold made the apostrophes one stored her.
		if _, err := raw.ExecContext(ctx, `UPDATE bill_sponsorships SET sponsor_key = 'name:mary o’brien' WHERE name LIKE 'Mary%'`); err != nil {
			t.Fatal(err)
		}
		newer(t, 1)
	})
	t.Run("a key stored in fold's form is found too", func(t *testing.T) {
		if _, err := raw.ExecContext(ctx, `UPDATE bill_sponsorships SET sponsor_key = 'name:mary o''brien' WHERE name LIKE 'Mary%'`); err != nil {
			t.Fatal(err)
		}
		newer(t, 2)
	})
	// Two sources: one export has her with a curly apostrophe, the next with a straight
	// one, or another curly one; the key stored stays.
	for i, spelling := range []string{"Mary O'Brien", "Mary O\u02bcBrien", "Mary O’Brien"} {
		t.Run("a newer export spelling her "+spelling+" finds her under a curly key", func(t *testing.T) {
			if _, err := raw.ExecContext(ctx, `UPDATE bill_sponsorships SET sponsor_key = 'name:mary o’brien' WHERE name LIKE 'Mary%'`); err != nil {
				t.Fatal(err)
			}
			rc.exp.Sponsorships[len(rc.exp.Sponsorships)-1].Name = spelling
			newer(t, 3+i)
			if got := rows(t); len(got) != 1 || got[0] != "name:mary o’brien|" {
				t.Errorf("rows %q, want the key kept", got)
			}
		})
	}
	t.Run("a newer export with a curly apostrophe finds her under a straight key", func(t *testing.T) {
		if _, err := raw.ExecContext(ctx, `UPDATE bill_sponsorships SET sponsor_key = 'name:mary o''brien' WHERE name LIKE 'Mary%'`); err != nil {
			t.Fatal(err)
		}
		rc.exp.Sponsorships[len(rc.exp.Sponsorships)-1].Name = "Mary O\u02bcBrien"
		newer(t, 7)
	})
}

// writableRaw is a connection to s's database that takes writes, for a test that
// puts a row as an earlier version wrote it.
func writableRaw(t *testing.T, s *db.Store) *sql.DB {
	t.Helper()
	if os.Getenv("CHAPTERDESK_TEST_BACKEND") == "postgres" {
		return dbtest.Raw(t, s.Path())
	}
	d, err := sql.Open("sqlite", "file:"+s.Path()+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// TestWithdrawalNeedsAKnownExportDate: only an export whose date is known withdraws
// the sponsorships it no longer lists. A guessed date (a folder's or a zip's file
// times, its newest roll call) makes a folder copied later look newer: it withdraws
// none, and the summary says why and what to give.
func TestWithdrawalNeedsAKnownExportDate(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	s := rc.s
	ann := rc.ids["Ann Yes"]
	if _, err := s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	withoutAnn := func(day time.Time, guessed bool) *db.SessionExport { return rc.exportOn(day, guessed, false) }
	role := func(t *testing.T) string { return sponsorshipRole(t, s, rc.campaign, ann) }
	t.Run("a guessed newer date withdraws nothing and says why", func(t *testing.T) {
		sum, err := s.ImportSession(ctx, withoutAnn(time.Date(2026, 12, 4, 0, 0, 0, 0, massachusetts), true), db.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(sum.Withdrawn) != 0 {
			t.Errorf("withdrawn %q", sum.Withdrawn)
		}
		if !strings.Contains(strings.Join(sum.Notes, "\n"),
			"H 100: 1 sponsorship this export does not list is not withdrawn (Ann Yes, cosponsor): this export's date is a guess") ||
			!strings.Contains(strings.Join(sum.Notes, "\n"), "give --exported DATE") {
			t.Errorf("notes %q", sum.Notes)
		}
		if r := role(t); r != "cosponsor 2026-04-05" {
			t.Errorf("record: %q", r)
		}
		h, err := s.StanceHistory(ctx, rc.campaign, ann)
		if err != nil || len(h) == 0 || h[0].Stance != db.StanceCosponsor {
			t.Errorf("whip count %+v %v", h, err)
		}
	})
	t.Run("a known newer date after it still withdraws", func(t *testing.T) {
		sum, err := s.ImportSession(ctx, withoutAnn(time.Date(2026, 5, 1, 0, 0, 0, 0, massachusetts), false), db.ImportOptions{})
		if err != nil || len(sum.Withdrawn) != 1 {
			t.Fatalf("%+v %v", sum, err)
		}
		if r := role(t); r != "withdrawn cosponsor 2026-05-01" {
			t.Errorf("record: %q", r)
		}
	})
}

// TestSameExportAgainIsNotOlder: a bill kept before migration 0011 has only
// exported_on, which held the export's UTC day; read as a local midnight, an export
// made in the evening (the next day in UTC) imported again was called older than
// itself. It never is.
func TestSameExportAgainIsNotOlder(t *testing.T) {
	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = time.FixedZone("EDT", -4*3600)
	ctx := context.Background()
	rc := newRecordChapter(t)
	s := rc.s
	rc.exp.ExportedAt = time.Date(2026, 4, 5, 21, 0, 0, 0, time.Local) // 2026-04-06 01:00 UTC
	if _, err := s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	// As a version before 0011 kept it: no record_at, the UTC day in exported_on.
	if _, err := writableRaw(t, s).ExecContext(ctx, `UPDATE session_bills SET record_at = 0, exported_on = '2026-04-06'`); err != nil {
		t.Fatal(err)
	}
	sum, err := s.ImportSession(ctx, &rc.exp, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range sum.Notes {
		if strings.Contains(n, "older") {
			t.Errorf("note %q", n)
		}
	}
	if len(sum.Withdrawn) != 0 {
		t.Errorf("%+v", sum)
	}
	t.Run("an export of the next month is newer, and withdraws", func(t *testing.T) {
		exp := rc.exp
		exp.ExportedAt = time.Date(2026, 5, 1, 0, 0, 0, 0, time.Local)
		exp.Sponsorships = exp.Sponsorships[:1]
		sum, err := s.ImportSession(ctx, &exp, db.ImportOptions{})
		if err != nil || len(sum.Withdrawn) != 2 {
			t.Fatalf("%+v %v", sum, err)
		}
	})
}

// sponsorshipRole is the legislator's sponsorship of the campaign's bills as the
// record shows it, "cosponsor 2026-04-05" ("" for none).
func sponsorshipRole(t *testing.T, s *db.Store, campaign, legislator int64) string {
	t.Helper()
	got := ""
	if err := s.EachRecordRow(context.Background(), db.RecordFilter{CampaignID: campaign, LegislatorID: legislator}, func(r *db.RecordRow) error {
		if r.Kind == "sponsorship" {
			got = r.Role + " " + r.Date
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return got
}

// TestBillLinksSayWhatTheExportsBrought: BillLinks says of each link whether an
// export has brought its session bill here, and the day of the first that did (the Record screen
// tells a bill with no roll call yet from a link still waiting for its export).
func TestBillLinksSayWhatTheExportsBrought(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	exported := func() []string {
		t.Helper()
		links, err := rc.s.BillLinks(ctx, rc.campaign)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, l := range links {
			out = append(out, fmt.Sprintf("%s=%v %s", l.Session, l.Here, l.ExportedOn))
		}
		return out
	}
	if got := strings.Join(exported(), ","); got != "194th=false " {
		t.Errorf("before the import: %s", got)
	}
	if _, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := rc.s.LinkBill(ctx, db.BillLink{CampaignID: rc.campaign, CampaignBill: "H.100", Session: "2024", SessionNumber: "HB 1634"}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(exported(), ","); got != "194th=true 2026-04-05,2024=false " {
		t.Errorf("after the import: %s", got)
	}
}
