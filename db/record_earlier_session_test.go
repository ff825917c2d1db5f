package db_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// twoSessions is the real New Hampshire 2024 export and a 2025 session made from it:
// the same bills under new ids, its roll calls a year later, and the campaign's bill
// (SB 476 in 2024, 18 sponsors) renumbered SB 100 with only its primary sponsor and
// the first four cosponsors signed on (yet).
func twoSessions(t *testing.T) (older, newer *db.SessionExport, signedOn, notYet []string) {
	t.Helper()
	dir := "../../shared/data/openstates-sessions/nh-2024"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no real session export here:", err)
	}
	sf, err := importer.ReadSession(dir, time.Date(2024, 12, 19, 0, 0, 0, 0, time.UTC), "")
	if err != nil {
		t.Fatal(err)
	}
	older = &sf.SessionExport
	n := *older
	n.Session, n.Source = "2025", "synthesized from nh-2024"
	n.ExportedAt = time.Date(2025, 12, 1, 0, 0, 0, 0, older.ExportedAt.Location())
	id := func(s string) string { return s + "-2025" }
	var sb476 string
	n.Bills = nil
	for _, b := range older.Bills {
		if b.Identifier == "SB 476" {
			sb476 = b.OpenStatesID
			b.Identifier = "SB 100"
		}
		b.OpenStatesID = id(b.OpenStatesID)
		n.Bills = append(n.Bills, b)
	}
	n.Related = nil
	n.Sponsorships = nil
	cosponsors := 0
	for _, sp := range older.Sponsorships {
		if sp.BillID != sb476 {
			continue
		}
		if sp.Primary || cosponsors < 4 {
			if !sp.Primary {
				cosponsors++
			}
			signedOn = append(signedOn, sp.Name)
			sp.BillID = id(sp.BillID)
			n.Sponsorships = append(n.Sponsorships, sp)
		} else {
			notYet = append(notYet, sp.Name)
		}
	}
	n.RollCalls = nil
	for _, rc := range older.RollCalls {
		rc.ID, rc.BillID, rc.VotedAt = id(rc.ID), id(rc.BillID), rc.VotedAt.AddDate(1, 0, 0)
		rc.StartDate = rc.VotedAt.Format(time.RFC3339)
		n.RollCalls = append(n.RollCalls, rc)
	}
	n.Votes = nil
	for _, v := range older.Votes {
		v.VoteID = id(v.VoteID)
		n.Votes = append(n.Votes, v)
	}
	if len(signedOn) != 5 || len(notYet) != 13 {
		t.Fatalf("SB 476 of nh-2024: %d signed on, %d not yet; want 5 and 13", len(signedOn), len(notYet))
	}
	return older, &n, signedOn, notYet
}

// twoSessionChapter is a chapter campaigning for SB 476 of 2024, SB 100 in 2025, with
// the bill's sponsors as its legislators; it gives the campaign and the legislators
// by name.
func twoSessionChapter(t *testing.T, s *db.Store, older *db.SessionExport) (int64, map[string]int64) {
	t.Helper()
	ctx := context.Background()
	ids := map[string]int64{}
	for _, sp := range older.Sponsorships {
		if _, done := ids[sp.Name]; done || sp.PersonID == "" {
			continue
		}
		var bill string
		for _, b := range older.Bills {
			if b.OpenStatesID == sp.BillID {
				bill = b.Identifier
			}
		}
		if bill != "SB 476" {
			continue
		}
		id, err := s.CreateLegislator(ctx, db.Legislator{OpenStatesID: sp.PersonID, State: "NH", Chamber: db.ChamberUpper,
			District: sp.Name + " district", Name: sp.Name, InOffice: true})
		if err != nil {
			t.Fatal(err)
		}
		ids[sp.Name] = id
	}
	campaign, err := s.SaveCampaign(ctx, db.Campaign{State: "NH", DefaultLang: "en", Texts: map[string]db.CampaignTexts{"en": {Name: "SB 476"}},
		Bills: []db.Bill{{Chamber: db.ChamberUpper, Number: "SB 476"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range []db.BillLink{{CampaignID: campaign, CampaignBill: "SB 476", Session: "2024"},
		{CampaignID: campaign, CampaignBill: "SB 476", Session: "2025", SessionNumber: "SB 100"}} {
		if _, err := s.LinkBill(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	return campaign, ids
}

// TestEarlierSessionSponsorDoesNotCount (t6 F6): a legislator who cosponsored the
// campaign's bill of an earlier session only, and not (yet) the newest session's, was
// counted a cosponsor and shown as one, with nothing saying it was the earlier
// session: exactly the legislators a lead must call. Whatever order the two exports
// are imported in, only the newest session's sponsorships count; the earlier one is
// shown as such.
func TestEarlierSessionSponsorDoesNotCount(t *testing.T) {
	older, newer, signedOn, notYet := twoSessions(t)
	later := *older // the 2024 export downloaded again after the 2025 one was made
	later.ExportedAt = time.Date(2026, 1, 10, 0, 0, 0, 0, older.ExportedAt.Location())
	for _, order := range []struct {
		name  string
		first []*db.SessionExport
	}{
		{"earlier session imported first", []*db.SessionExport{older, newer}},
		{"earlier session imported after the newer", []*db.SessionExport{newer, older}},
		{"earlier session's newer download imported first", []*db.SessionExport{&later, newer}},
	} {
		t.Run(order.name, func(t *testing.T) {
			ctx := context.Background()
			s := dbtest.Open(t)
			campaign, ids := twoSessionChapter(t, s, older)
			var notes []string
			for _, exp := range order.first {
				sum, err := s.ImportSession(ctx, exp, db.ImportOptions{})
				if err != nil {
					t.Fatal(err)
				}
				notes = sum.Notes
			}
			said := "13 sponsors of an earlier session's bill only no longer count (session 2025 is the newest): "
			if order.first[1] == older {
				said = "session 2024 is earlier than session 2025: its sponsorships are kept and shown as the earlier session's"
			}
			if !strings.Contains(strings.Join(notes, "\n"), said) {
				t.Errorf("the second import's notes: %q; want %q", notes, said)
			}
			sponsorsCounted(t, s, campaign, signedOn, notYet, "")
			marks, err := s.RecordMarks(ctx, campaign)
			if err != nil {
				t.Fatal(err)
			}
			ward := marks[ids["Ruth Ward"]]
			if ward.Sponsorship != "" || !strings.Contains(ward.Earlier, "SB 476") || !strings.Contains(ward.Earlier, "2024") {
				t.Errorf("Ruth Ward's mark: %+v; want no sponsorship now, and her 2024 cosponsorship of SB 476 said", ward)
			}
			if gray := marks[ids["James P. Gray"]]; gray.Sponsorship != "sponsor" || gray.Earlier != "" {
				t.Errorf("James P. Gray's mark: %+v; want sponsor, nothing earlier", gray)
			}
			var wardRows []string
			if err := s.EachRecordRow(ctx, db.RecordFilter{CampaignID: campaign, LegislatorID: ids["Ruth Ward"]}, func(r *db.RecordRow) error {
				if r.Kind == "sponsorship" {
					wardRows = append(wardRows, r.Bill+": "+r.RoleText())
				}
				if r.Now.Sponsorship() {
					t.Errorf("Ruth Ward's record row %s says she stands as %q now", r.Bill, r.Now)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if len(wardRows) != 1 || !strings.Contains(wardRows[0], "earlier session") {
				t.Errorf("Ruth Ward's sponsorships in the record: %q; want SB 476 said of an earlier session", wardRows)
			}
		})
	}
}

// TestSessionsOfUnknownOrderCountNoSponsor: when the data cannot say which of a
// campaign's sessions is the newest (no roll call dates in one export, and names of
// no plain kind), no session's sponsorships count, and the import says why: a guess
// would count the earlier session's cosponsors as current.
func TestSessionsOfUnknownOrderCountNoSponsor(t *testing.T) {
	older, newer, _, _ := twoSessions(t)
	ctx := context.Background()
	s := dbtest.Open(t)
	campaign, ids := twoSessionChapter(t, s, older)
	special := *newer
	special.Session, special.RollCalls, special.Votes = "2025 Special", nil, nil
	if _, err := s.LinkBill(ctx, db.BillLink{CampaignID: campaign, CampaignBill: "SB 476", Session: "2025 Special", SessionNumber: "SB 100"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportSession(ctx, older, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	sum, err := s.ImportSession(ctx, &special, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(sum.Notes, "\n"), "which of sessions NH 2024, NH 2025 Special is the newest is not known") {
		t.Errorf("notes: %q", sum.Notes)
	}
	w, err := s.WhipCount(ctx, campaign)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range w.Legislators {
		if r.Stance.Sponsorship() {
			t.Errorf("%s counted %q, though no session is known the newest", r.Name, r.Stance)
		}
	}
	marks, err := s.RecordMarks(ctx, campaign)
	if err != nil {
		t.Fatal(err)
	}
	if gray := marks[ids["James P. Gray"]]; gray.Sponsorship != "" || !strings.Contains(gray.Earlier, "not known") {
		t.Errorf("James P. Gray's mark: %+v", gray)
	}
}

// TestEarlierSessionStancesMendedOnUpgrade: a chapter whose count an earlier version
// left on the earlier session's cosponsorship (both sessions imported before this
// fix) is mended once, when the file is opened (a server: at server init), not only
// at its next session import: the count would otherwise go on silently naming them.
func TestEarlierSessionStancesMendedOnUpgrade(t *testing.T) {
	older, newer, _, _ := twoSessions(t)
	ctx := context.Background()
	s := dbtest.Open(t)
	campaign, ids := twoSessionChapter(t, s, older)
	for _, exp := range []*db.SessionExport{older, newer} {
		if _, err := s.ImportSession(ctx, exp, db.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	// As the versions before it left Ruth Ward: the record's cosponsor, newest.
	raw := writableRaw(t, s)
	if _, err := raw.ExecContext(ctx, fmt.Sprintf(`INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, changed_by,
		reason, chapter_id) VALUES ('7d1e1c3a-0000-4000-8000-000000000001', %d, %d, 'cosponsor', %d, 'Open States',
		'cosponsor of SB 476 (Open States, session 2024, exported 2024-12-19)', (SELECT id FROM chapters WHERE is_self = 1))`,
		campaign, ids["Ruth Ward"], newer.ExportedAt.Unix()+1)); err != nil {
		t.Fatal(err)
	}
	// Not mended yet: a file's fix-up not done; a server is mended at every init, its
	// schema as it is (an upgrade, or an init that was cut off after its migrations).
	if !s.OnServer() {
		if _, err := raw.ExecContext(ctx, `DELETE FROM data_fixups WHERE name = 'sponsorships_of_earlier_sessions'`); err != nil {
			t.Fatal(err)
		}
	}
	ward := func(s *db.Store) db.Stance {
		t.Helper()
		w, err := s.WhipCount(ctx, campaign)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range w.Legislators {
			if r.LegislatorID == ids["Ruth Ward"] {
				return r.Stance
			}
		}
		return ""
	}
	if got := ward(s); got != db.StanceCosponsor {
		t.Fatalf("before the upgrade: %q; the test did not set the old state", got)
	}
	again := s
	if url, ok := dbtest.URLOf(s); ok {
		if _, _, err := db.InitServer(ctx, url); err != nil {
			t.Fatal(err)
		}
	} else {
		s.Close()
		var err error
		if again, err = db.Open(ctx, s.Path(), db.Options{}); err != nil {
			t.Fatal(err)
		}
		defer again.Close()
	}
	if got := ward(again); got.Sponsorship() {
		t.Errorf("after the upgrade Ruth Ward, of SB 476 in 2024 only, is counted %q", got)
	}
}

// A merge that brings a newer session's record left the earlier session's
// sponsorships counted: the count kept 2024's cosponsors of SB 476 while the record
// said "an earlier session: not counted" (reviewer, s40). The merge settles the
// sponsors as the import of that session would.
func TestMergeOfANewerSessionSettlesSponsors(t *testing.T) {
	older, newer, signedOn, notYet := twoSessions(t)
	ctx := context.Background()
	s := dbtest.Open(t)
	campaign, _ := twoSessionChapter(t, s, older)
	if _, err := s.ImportSession(ctx, older, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	c, err := s.Campaign(ctx, campaign)
	if err != nil {
		t.Fatal(err)
	}

	// Another chapter, on the same campaign (its file) and legislators, imported 2025.
	otherPath := t.TempDir() + "/other.db"
	o, err := db.Open(ctx, otherPath, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	legs, err := s.Legislators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range legs {
		l.ID = 0
		if _, err := o.CreateLegislator(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	c.ID = 0
	imported, err := o.ImportCampaign(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.LinkBill(ctx, db.BillLink{CampaignID: imported.ID, CampaignBill: "SB 476", Session: "2025", SessionNumber: "SB 100"}); err != nil {
		t.Fatal(err)
	}
	if _, err := o.ImportSession(ctx, newer, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	o.Close()

	if _, err := s.Merge(ctx, otherPath); err != nil {
		t.Fatal(err)
	}
	sponsorsCounted(t, s, campaign, signedOn, notYet, " after the merge of 2025")
}

// sponsorsCounted checks campaign's whip count: a sponsorship for each of signedOn
// (of SB 100, 2025), none for notYet (of SB 476, 2024 only); when says after what.
func sponsorsCounted(t *testing.T, s *db.Store, campaign int64, signedOn, notYet []string, when string) {
	t.Helper()
	w, err := s.WhipCount(context.Background(), campaign)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]db.Stance{}
	for _, r := range w.Legislators {
		got[r.Name] = r.Stance
	}
	for _, name := range signedOn {
		if !got[name].Sponsorship() {
			t.Errorf("%s signed SB 100 (2025): counted %q%s", name, got[name], when)
		}
	}
	for _, name := range notYet {
		if got[name].Sponsorship() {
			t.Errorf("%s cosponsored SB 476 in 2024 only: counted %q%s", name, got[name], when)
		}
	}
}

// TestCampaignMarkOfAnEarlierSessionsSponsorDoesNotCount (t6 F4): the campaign's file
// named Ruth Ward as its bill's sponsor (a mark, dated by the legislator import); the
// record shows her on SB 476 of 2024 only, an earlier session's bill, and not on SB 100
// of 2025. The board said "of an earlier session's bill only, not counted" and the
// record export "not counted", while the count went on counting her, on the mark.
// Whatever order the exports come in, the mark no longer counts once the record says so.
func TestCampaignMarkOfAnEarlierSessionsSponsorDoesNotCount(t *testing.T) {
	older, newer, signedOn, notYet := twoSessions(t)
	for _, order := range []struct {
		name  string
		first []*db.SessionExport
	}{
		{"earlier session imported first", []*db.SessionExport{older, newer}},
		{"earlier session imported after the newer", []*db.SessionExport{newer, older}},
	} {
		t.Run(order.name, func(t *testing.T) {
			ctx := context.Background()
			s := dbtest.Open(t)
			campaign, ids := markedWardChapter(t, s, older)
			stance := func() db.Stance { return stanceOf(t, s, campaign, ids["Ruth Ward"]) }
			if got := stance(); got != db.StanceSponsor {
				t.Fatalf("before the record, the campaign's mark: %q; the test did not mark her", got)
			}
			for _, exp := range order.first {
				if _, err := s.ImportSession(ctx, exp, db.ImportOptions{}); err != nil {
					t.Fatal(err)
				}
			}
			if got := stance(); got.Sponsorship() {
				t.Errorf("Ruth Ward, marked by the campaign's file, on SB 476 of 2024 only: counted %q", got)
			}
			sponsorsCounted(t, s, campaign, signedOn, notYet, "")
			if err := s.EachRecordRow(ctx, db.RecordFilter{CampaignID: campaign, LegislatorID: ids["Ruth Ward"]}, func(r *db.RecordRow) error {
				if r.Now.Sponsorship() {
					t.Errorf("Ruth Ward's record row %s (%s) says she stands as %q now", r.Bill, r.RoleText(), r.Now)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// markedWardChapter is twoSessionChapter with Ruth Ward, a cosponsor of SB 476 in 2024
// only, named the bill's sponsor in the campaign's file and marked so by a
// legislators import (dated now, after both exports).
func markedWardChapter(t *testing.T, s *db.Store, older *db.SessionExport) (int64, map[string]int64) {
	t.Helper()
	ctx := context.Background()
	campaign, ids := twoSessionChapter(t, s, older)
	c, err := s.Campaign(ctx, campaign)
	if err != nil {
		t.Fatal(err)
	}
	c.Bills[0].Sponsor = "Sen. Ruth Ward"
	if _, err := s.SaveCampaign(ctx, c); err != nil {
		t.Fatal(err)
	}
	legs, err := s.Legislators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var rows []db.IncomingLegislator
	for i, l := range legs {
		rows = append(rows, db.IncomingLegislator{Line: i + 2, Legislator: l})
	}
	if _, err := s.ImportLegislators(ctx, rows, db.ImportOptions{State: "NH"}); err != nil {
		t.Fatal(err)
	}
	return campaign, ids
}

// stanceOf is legislator's stance in campaign's whip count ("" when not listed).
func stanceOf(t *testing.T, s *db.Store, campaign, legislator int64) db.Stance {
	t.Helper()
	w, err := s.WhipCount(context.Background(), campaign)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range w.Legislators {
		if r.LegislatorID == legislator {
			return r.Stance
		}
	}
	return ""
}

// TestCampaignMarkOfAnEarlierSessionMendedOnUpgrade: a file whose count an earlier
// version left on the campaign's mark of a sponsor the record shows on an earlier
// session's bill only (t6 F4, both sessions imported before the fix) is mended once,
// when the file is opened (a server: at server init), not only at its next session
// import.
func TestCampaignMarkOfAnEarlierSessionMendedOnUpgrade(t *testing.T) {
	older, newer, _, _ := twoSessions(t)
	ctx := context.Background()
	s := dbtest.Open(t)
	campaign, ids := markedWardChapter(t, s, older)
	for _, exp := range []*db.SessionExport{newer, older} {
		if _, err := s.ImportSession(ctx, exp, db.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	// As the versions before it left Ruth Ward: the count on the campaign's mark, the
	// newest of her rows (the history is append-only: a mark newer than the record's
	// row stands for one the record never wrote over).
	raw := writableRaw(t, s)
	ward := ids["Ruth Ward"]
	if _, err := raw.ExecContext(ctx, fmt.Sprintf(`INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, changed_by,
		reason, chapter_id) VALUES ('7d1e1c3a-0000-4000-8000-000000000002', %d, %d, 'sponsor',
		(SELECT max(changed_at) + 1 FROM stance_history WHERE campaign_id = %[1]d AND legislator_id = %[2]d), 'ChapterDesk',
		'sponsor of SB 476 (the campaign)', (SELECT id FROM chapters WHERE is_self = 1))`, campaign, ward)); err != nil {
		t.Fatal(err)
	}
	if !s.OnServer() {
		if _, err := raw.ExecContext(ctx, `DELETE FROM data_fixups WHERE name = 'campaign_marks_of_earlier_sessions'`); err != nil {
			t.Fatal(err)
		}
	}
	if got := stanceOf(t, s, campaign, ward); got != db.StanceSponsor {
		t.Fatalf("before the upgrade: %q; the test did not set the old state", got)
	}
	again := s
	if url, ok := dbtest.URLOf(s); ok {
		if _, _, err := db.InitServer(ctx, url); err != nil {
			t.Fatal(err)
		}
	} else {
		s.Close()
		var err error
		if again, err = db.Open(ctx, s.Path(), db.Options{}); err != nil {
			t.Fatal(err)
		}
		defer again.Close()
	}
	if got := stanceOf(t, again, campaign, ward); got.Sponsorship() {
		t.Errorf("after the upgrade Ruth Ward, marked by the campaign's file, of SB 476 in 2024 only, is counted %q", got)
	}
}
