package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// recordChapter is the small legislature of the legislator tests with the starter
// campaign's S.1305 linked to a session in which the Senate voted on it: Jehlen as
// counted (yes), Eldridge against the count (counted yes on a call, voted no).
func recordChapter(t *testing.T, s *db.Store, camp int64) {
	t.Helper()
	ctx := context.Background()
	ls, _ := s.Legislators(ctx)
	ids := map[string]int64{}
	for _, l := range ls {
		ids[l.Name] = l.ID
	}
	before := time.Date(2025, 5, 2, 10, 0, 0, 0, time.UTC)
	vol := dbtest.Volunteer(t, s, "Maria", "Souza", nil)
	if _, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: camp, VolunteerID: vol, LegislatorID: ids["Jamie Eldridge"],
		CalledAt: before, Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceYes}, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: camp, LegislatorID: ids["Patricia D. Jehlen"], Stance: db.StanceYes,
		ChangedAt: before, ChangedBy: "lead"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LinkBill(ctx, db.BillLink{CampaignID: camp, CampaignBill: "S.1305", Session: "193rd"}); err != nil {
		t.Fatal(err)
	}
	exp := db.SessionExport{Source: "test", State: "MA", Session: "193rd", ExportedAt: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC),
		Bills: []db.SessionBill{{OpenStatesID: "ocd-bill/1", Identifier: "S 1305", Chamber: "upper"}},
		Sponsorships: []db.IncomingSponsorship{{Line: 2, Name: "Patricia D. Jehlen", EntityType: "person", PersonID: "ocd-person/2",
			BillID: "ocd-bill/1", Classification: "cosponsor"}},
		RollCalls: []db.IncomingRollCall{{Line: 2, ID: "ocd-vote/1", BillID: "ocd-bill/1", Chamber: "upper", Motion: "S. 1305 On passage",
			StartDate: "2025-07-15T15:00:00+00:00", VotedAt: time.Date(2025, 7, 15, 15, 0, 0, 0, time.UTC), Result: "pass", Yes: 1, No: 1},
			// Given by its counts only, as Massachusetts gives Senate roll calls.
			{Line: 3, ID: "ocd-vote/2", BillID: "ocd-bill/1", Chamber: "upper", Motion: "Ordered to a third reading",
				StartDate: "2025-07-01", VotedAt: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), Result: "pass", Yes: 35, No: 4}},
		Votes: []db.IncomingVote{
			{Line: 2, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Jehlen", VoterID: "ocd-person/2"},
			{Line: 3, VoteID: "ocd-vote/1", Option: "no", VoterName: "Eldridge", VoterID: "ocd-person/1"},
			{Line: 4, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Mr. President"},
		}}
	if _, err := s.ImportSession(ctx, &exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
}

func TestRecordScreen(t *testing.T) {
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

	t.Run("without a roll call it says what to click to bring the record in", func(t *testing.T) {
		wait(t, r.refreshAsync())
		if !r.empty.Visible() || r.body.Visible() {
			t.Errorf("empty %v %q", r.empty.Visible(), r.empty.Text)
		}
		for _, want := range []string{"No bill of this campaign is linked to a session yet", "Click Link a bill to a session…",
			"then Import a session export…"} {
			if !strings.Contains(r.empty.Text, want) {
				t.Errorf("no %q in %q", want, r.empty.Text)
			}
		}
		// A window says what to click, not what to type.
		if strings.Contains(r.empty.Text, "chapterdesk") || strings.Contains(r.empty.Text, "FILE") {
			t.Errorf("a command line in %q", r.empty.Text)
		}
	})
	recordChapter(t, s, camp)
	wait(t, r.refreshAsync())
	t.Run("a roll call shows who voted as counted, against it with the call behind it, and who was never called", func(t *testing.T) {
		if r.empty.Visible() || !strings.Contains(r.rollCall.Selected, "S 1305 · S. 1305 On passage (pass)") {
			t.Fatalf("selected %q", r.rollCall.Selected)
		}
		// A file counts this campaign's calls; the test server's login is its owner,
		// who counts the coalition's (db.recordCallsOf).
		by := "this campaign"
		if onServer(s) {
			by = "the coalition"
		}
		if !strings.Contains(r.summary.Text, "1 voted as counted, 1 against the count") ||
			!strings.Contains(r.summary.Text, "1 were never called by "+by+" before the vote, 1 votes are not matched") {
			t.Errorf("summary %q", r.summary.Text)
		}
		if len(r.rollCall.Options) != 2 {
			t.Errorf("options %q", r.rollCall.Options)
		}
		against := ""
		for _, o := range r.against.Objects {
			for _, l := range o.(*fyne.Container).Objects {
				against += l.(*widget.Label).Text + "\n"
			}
		}
		if !strings.Contains(against, "Sen. Jamie Eldridge") && !strings.Contains(against, "Jamie Eldridge") ||
			!strings.Contains(against, "voted No; the count had Yes") || !strings.Contains(against, "Maria Souza") {
			t.Errorf("against:\n%s", against)
		}
		if !strings.Contains(r.right.Text, "Patricia D. Jehlen") || !strings.Contains(r.never.Text, "Patricia D. Jehlen") {
			t.Errorf("right %q, never %q", r.right.Text, r.never.Text)
		}
		if !strings.Contains(r.missing.Text, "Mr. President: a title") {
			t.Errorf("missing %q", r.missing.Text)
		}
	})
	t.Run("a roll call given by its counts only is listed and says so, without lists", func(t *testing.T) {
		r.rollCall.SetSelectedIndex(0)
		if !strings.Contains(r.rollCall.Selected, "Ordered to a third reading (pass) · Senate · no member votes") ||
			!strings.Contains(r.summary.Text, "by its counts only (35 yes, 4 no, 0 other, 0 not voting)") {
			t.Errorf("selected %q, summary %q", r.rollCall.Selected, r.summary.Text)
		}
		for _, c := range r.cards {
			if c.Visible() {
				t.Errorf("card %q shown", c.Subtitle)
			}
		}
		r.rollCall.SetSelectedIndex(1)
		if !r.cards[0].Visible() || !strings.Contains(r.summary.Text, "1 voted as counted") {
			t.Errorf("back to the vote: %q", r.summary.Text)
		}
	})
}

func TestLegislatorPageShowsTheRecord(t *testing.T) {
	l, s, camp := newTestLegislators(t)
	recordChapter(t, s, camp)
	wait(t, l.refreshAsync())
	selectLegislator(t, l, "Jehlen")
	text := containerLabels(l.detail.record)
	if !strings.Contains(text, "Cosponsor of S 1305 (session 193rd") ||
		!strings.Contains(text, "2025-07-15  S 1305, S. 1305 On passage (pass): voted Yes; the count had Yes") {
		t.Errorf("record:\n%s", text)
	}
	// The roll call the export gives by its counts only is there too, as the Senate's.
	if !strings.Contains(text, "2025-07-01  S 1305, Ordered to a third reading: Senate roll call 2025-07-01, passed 35–4: "+
		"members' votes not published; the count had Yes") || strings.Index(text, "2025-07-01") > strings.Index(text, "2025-07-15") {
		t.Errorf("record:\n%s", text)
	}
	if !strings.Contains(containerLabels(l.detail.history), "Cosponsor, by Open States: cosponsor of S 1305 (Open States, session 193rd") {
		t.Errorf("history:\n%s", containerLabels(l.detail.history))
	}
}

func TestCampaignPicker(t *testing.T) {
	a := test.NewTempApp(t)
	prefs := newSettings(a)
	list := []db.CampaignSummary{{ID: 3, UUID: "c", Name: "Newest", Status: "active"}, {ID: 2, UUID: "b", Name: "Older", Status: "active"},
		{ID: 1, UUID: "a", Name: "Old", Status: "archived"}}
	t.Run("takes the newest active campaign until one is chosen", func(t *testing.T) {
		changed := 0
		p := newCampaignPicker(prefs, func() { changed++ })
		p.bar(widget.NewLabel(""))
		if c, ok := p.pick(list); !ok || c.ID != 3 {
			t.Errorf("%+v", c)
		}
		if got := p.selects[0].Options; len(got) != 2 {
			t.Errorf("an archived campaign is offered: %v", got)
		}
		p.selects[0].SetSelected("Older")
		if c, _ := p.pick(list); c.ID != 2 || changed != 1 {
			t.Errorf("%+v, %d changes", c, changed)
		}
	})
	t.Run("remembers the choice in the settings", func(t *testing.T) {
		p := newCampaignPicker(prefs, nil)
		if c, _ := p.pick(list); c.ID != 2 {
			t.Errorf("%+v", c)
		}
	})
	t.Run("an archived choice falls back to the newest active", func(t *testing.T) {
		prefs.setChosenCampaign("a")
		if c, _ := newCampaignPicker(prefs, nil).pick(list); c.ID != 3 {
			t.Errorf("%+v", c)
		}
	})
}

func TestDashboardWhipBoard(t *testing.T) {
	a := test.NewTempApp(t)
	s := dbtest.Open(t)
	camp := dbtest.Campaign(t, s)
	if _, err := s.ImportLegislators(context.Background(), openStatesFile("617-722-1120"), db.ImportOptions{State: "MA", Source: "ma.csv"}); err != nil {
		t.Fatal(err)
	}
	recordChapter(t, s, camp)
	h := showDashboard(t, a.NewWindow("dashboard"), s)
	var tiles []*boardTile
	var captions []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *boardTile:
			tiles = append(tiles, o)
		case *widget.Label:
			captions = append(captions, o.Text)
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		}
	}
	walk(h.board.groups)
	t.Run("every legislator is a tile, grouped by stance under their chamber", func(t *testing.T) {
		got := strings.Join(captions, "|")
		// Eldridge is "Yes", as the call heard: the campaign file's sponsor mark
		// (S.1305) counts only while nothing else is known of him (tester t6, F1).
		if len(tiles) != 3 || !strings.Contains(got, "Senate|Cosponsor 1|Yes 1|House|Unknown 1") {
			t.Errorf("%d tiles, captions %q", len(tiles), got)
		}
	})
	t.Run("tapping a tile says who it is, the record and the last call", func(t *testing.T) {
		for _, tile := range tiles {
			if strings.Contains(tile.row.Name, "Eldridge") {
				test.Tap(tile)
			}
		}
		if !strings.Contains(h.board.info.Text, "Jamie Eldridge") || !strings.Contains(h.board.info.Text, "voted no on 2025-07-15 (S. 1305 On passage)") ||
			!strings.Contains(h.board.info.Text, "last called May 2, 2025") {
			t.Errorf("%q", h.board.info.Text)
		}
	})
}

func TestCampaignScreenStateAndArchive(t *testing.T) {
	a := test.NewTempApp(t)
	ctx := context.Background()
	s := dbtest.Open(t)
	first := dbtest.Campaign(t, s)
	second, err := s.SaveCampaign(ctx, db.Campaign{State: "NH", DefaultLang: "en", Texts: map[string]db.CampaignTexts{"en": {Name: "Second"}},
		Bills: []db.Bill{{Chamber: db.ChamberLower, Number: "HB 1633"}}})
	if err != nil {
		t.Fatal(err)
	}
	w := a.NewWindow("campaign")
	c := newCampaignScreen(w, s, nil)
	w.SetContent(c.content)
	w.Show()
	t.Cleanup(w.Close)
	wait(t, c.refreshAsync())
	t.Run("shows the newest campaign with its state, and refuses a state that is not a code", func(t *testing.T) {
		if c.edit.ID != second || c.state.Text != "NH" {
			t.Fatalf("showing %d, state %q", c.edit.ID, c.state.Text)
		}
		c.state.SetText("New Hampshire")
		wait(t, c.saveAsync())
		if got, _ := s.Campaign(ctx, second); got.State != "NH" || !strings.Contains(c.message.Text, "fix what is marked") {
			t.Errorf("state %q, message %q", got.State, c.message.Text)
		}
		c.state.SetText("nh")
		wait(t, c.saveAsync())
	})
	t.Run("archiving it shows the newest active campaign instead", func(t *testing.T) {
		wait(t, c.archiveAsync())
		if c.edit.ID != first {
			t.Errorf("showing %d after the archive", c.edit.ID)
		}
		list, _ := s.Campaigns(ctx)
		if list[0].ID != first || list[1].Status != "archived" {
			t.Errorf("%+v", list)
		}
	})
}

// TestRecordScreenInTheLegislatureZone: the day since which the count had a stance is
// the legislature's (Boston's): the call of 10:00 UTC on 2 May 2025 that set it was at
// 6 AM in Boston, and already the 3rd on a laptop set to Kiritimati (UTC+14).
func TestRecordScreenInTheLegislatureZone(t *testing.T) {
	onKiritimati(t)
	a := test.NewTempApp(t)
	s := dbtest.Open(t)
	camp := dbtest.Campaign(t, s)
	if _, err := s.ImportLegislators(context.Background(), openStatesFile("617-722-1120"), db.ImportOptions{State: "MA", Source: "ma.csv"}); err != nil {
		t.Fatal(err)
	}
	recordChapter(t, s, camp)
	w := a.NewWindow("record")
	r := newRecordScreen(w, s)
	w.SetContent(r.content)
	t.Cleanup(w.Close)
	wait(t, r.refreshAsync())
	against := ""
	for _, o := range r.against.Objects {
		for _, l := range o.(*fyne.Container).Objects {
			against += l.(*widget.Label).Text + "\n"
		}
	}
	if !strings.Contains(against, "the count had Yes since May 2, 2025") {
		t.Errorf("against:\n%s\nwant the count had Yes since May 2, 2025", against)
	}
}

// TestLegislatorPageShowsVotesOfTheOtherChamber: a member who moved from the House to
// the Senate (MA's Vanna Howard) has her House votes on her page, said to be House
// votes — they were on no page of hers. Here Jehlen, a senator, voted on a House roll
// call the export writes by her full name without a voter_id (a surname alone is no
// evidence that she sat in the House: TestSurnameAloneIsNoVoteOfTheOtherChamber).
func TestLegislatorPageShowsVotesOfTheOtherChamber(t *testing.T) {
	ctx := context.Background()
	l, s, camp := newTestLegislators(t)
	recordChapter(t, s, camp)
	exp := db.SessionExport{Source: "test", State: "MA", Session: "193rd", ExportedAt: time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC),
		Bills: []db.SessionBill{{OpenStatesID: "ocd-bill/1", Identifier: "S 1305", Chamber: "upper"}},
		Sponsorships: []db.IncomingSponsorship{{Line: 2, Name: "Patricia D. Jehlen", EntityType: "person", PersonID: "ocd-person/2",
			BillID: "ocd-bill/1", Classification: "cosponsor"}},
		RollCalls: []db.IncomingRollCall{{Line: 2, ID: "ocd-vote/3", BillID: "ocd-bill/1", Chamber: "lower",
			Motion: "S. 1305 On passing to be engrossed", StartDate: "2025-07-20T15:00:00+00:00",
			VotedAt: time.Date(2025, 7, 20, 15, 0, 0, 0, time.UTC), Result: "pass", Yes: 1}},
		Votes: []db.IncomingVote{{Line: 2, VoteID: "ocd-vote/3", Option: "yes", VoterName: "Patricia D. Jehlen"}}}
	if _, err := s.ImportSession(ctx, &exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	wait(t, l.refreshAsync())
	selectLegislator(t, l, "Jehlen")
	text := containerLabels(l.detail.record)
	if !strings.Contains(text, "House vote, from their term in the House (now in the Senate): "+
		"2025-07-20  S 1305, S. 1305 On passing to be engrossed (pass): voted Yes") ||
		!strings.Contains(text, "2025-07-15  S 1305, S. 1305 On passage (pass): voted Yes; the count had Yes") {
		t.Errorf("record:\n%s", text)
	}
	// The Record screen lists her on the House roll call, her district the Senate's.
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	r := newRecordScreen(w, s)
	wait(t, r.refreshAsync())
	if !strings.Contains(r.rollCall.Selected, "On passing to be engrossed") || !strings.Contains(r.right.Text, "Jehlen") ||
		!strings.Contains(r.right.Text, "), now in the Senate: Yes") {
		t.Errorf("selected %q, right %q", r.rollCall.Selected, r.right.Text)
	}
}

// TestWhipBoardTileSaysTheChamberOfTheVote: a senator's newest vote on the bill, cast
// in the House before they moved (MA's Vanna Howard), was told on their Senate tile
// as any vote of theirs, as if a Senate vote.
func TestWhipBoardTileSaysTheChamberOfTheVote(t *testing.T) {
	row := db.WhipRow{Name: "Vanna Howard", Chamber: db.ChamberUpper, District: "First Middlesex", Stance: db.StanceYes}
	m := db.RecordMark{LastVote: "no", LastVoteOn: "2025-07-20", LastVoteMotion: "H. 100 On passage", LastVoteChamber: db.ChamberLower}
	got := tileText(row, m, db.Zone{Loc: time.UTC})
	if !strings.Contains(got, "voted no in the House on 2025-07-20 (H. 100 On passage), from their term there") {
		t.Errorf("%q", got)
	}
	m.LastVoteChamber = db.ChamberUpper
	if got := tileText(row, m, db.Zone{Loc: time.UTC}); !strings.Contains(got, "voted no on 2025-07-20 (H. 100 On passage)") {
		t.Errorf("a Senate vote: %q", got)
	}
}

// TestWhipBoardTileSaysAnEarlierSessionsSponsorship: a legislator who cosponsored
// only the earlier session's bill was told "cosponsor by the record" (t6 F6); the
// tile says it was the earlier session's, and not a sponsorship now.
func TestWhipBoardTileSaysAnEarlierSessionsSponsorship(t *testing.T) {
	row := db.WhipRow{Name: "Ruth Ward", Chamber: db.ChamberUpper, District: "8", Stance: db.StanceUnknown}
	m := db.RecordMark{Earlier: "cosponsored SB 476 in session 2024 (an earlier session than 2025: not counted)"}
	got := tileText(row, m, db.Zone{Loc: time.UTC})
	if !strings.Contains(got, m.Earlier) || strings.Contains(got, "by the record") {
		t.Errorf("%q", got)
	}
}

// recordAs is a record store that answers as a login whose calls are CalledBy's.
type recordAs struct{ list []db.RollCallCompared }

func (s recordAs) Campaigns(context.Context) ([]db.CampaignSummary, error) {
	return []db.CampaignSummary{{ID: 1, Name: "Safe Communities"}}, nil
}
func (s recordAs) RecordVsWhip(context.Context, int64) ([]db.RollCallCompared, error) {
	return s.list, nil
}

// TestRecordScreenSaysWhoseCallsAreCounted: a coalition's lead counts their chapter's
// own calls before a vote (the only reports they read), and the screen says so where
// it gives the numbers, as it says the coalition's for the coordinator.
func TestRecordScreenSaysWhoseCallsAreCounted(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("record")
	w.Resize(fyne.NewSize(1000, 800))
	rc := db.RollCallCompared{RollCallID: 1, Bill: "S 1305", Date: "2025-07-15", Motion: "S. 1305 On passage", Result: "pass",
		Against: 1, NeverCalled: 1, CalledBy: "this chapter",
		CallsCounted: "The calls counted are this chapter's own: a lead reads no other chapter's reports " +
			"(the whip count's calls are the coalition's).",
		Votes: []db.ComparedVote{
			{RecordRow: db.RecordRow{Name: "Jamie Eldridge", LegislatorID: 1, Role: "no", Counted: db.StanceYes}, Verdict: db.VerdictAgainst, Calls: 2},
			{RecordRow: db.RecordRow{Name: "Patricia D. Jehlen", LegislatorID: 2, Role: "yes"}, Verdict: db.VerdictOpen}}}
	r := newRecordScreen(w, recordAs{list: []db.RollCallCompared{rc}})
	w.SetContent(r.content)
	w.Show()
	t.Cleanup(w.Close)
	wait(t, r.refreshAsync())
	if !strings.Contains(r.summary.Text, "1 were never called by this chapter before the vote") ||
		!strings.Contains(r.summary.Text, "The calls counted are this chapter's own") {
		t.Errorf("summary %q; want the chapter's own calls named", r.summary.Text)
	}
	against := ""
	for _, o := range r.against.Objects {
		for _, l := range o.(*fyne.Container).Objects {
			against += l.(*widget.Label).Text + "\n"
		}
	}
	if !strings.Contains(against, "2 calls of this chapter before the vote") {
		t.Errorf("against:\n%s", against)
	}
}

// TestRecordEmptySaysWhatIsMissing: with the campaign's bill linked, the Record screen
// without a roll call says which link waits for its session's export, and of a bill
// an export brought that the record has no roll call on it yet, in the window's words.
func TestRecordEmptySaysWhatIsMissing(t *testing.T) {
	a := test.NewTempApp(t)
	s := dbtest.Open(t)
	ctx := context.Background()
	camp := dbtest.Campaign(t, s)
	w := a.NewWindow("record")
	w.Resize(fyne.NewSize(1000, 800))
	r := newRecordScreen(w, s)
	w.SetContent(r.content)
	w.Show()
	t.Cleanup(w.Close)
	if _, err := s.LinkBill(ctx, db.BillLink{CampaignID: camp, CampaignBill: "H.3269", Session: "194th", SessionNumber: "H 5293"}); err != nil {
		t.Fatal(err)
	}
	saysAll := func(t *testing.T, want ...string) {
		t.Helper()
		wait(t, r.refreshAsync())
		if !r.empty.Visible() || r.body.Visible() {
			t.Errorf("empty %v, body %v", r.empty.Visible(), r.body.Visible())
		}
		for _, w := range want {
			if !strings.Contains(r.empty.Text, w) {
				t.Errorf("no %q in %q", w, r.empty.Text)
			}
		}
		if strings.Contains(r.empty.Text, "chapterdesk") {
			t.Errorf("a command line in %q", r.empty.Text)
		}
	}
	t.Run("a link waiting for its session's export says so and what to click", func(t *testing.T) {
		saysAll(t, "H.3269 is linked to H 5293 in session 194th of MA", "no export of that session imported here has brought it yet",
			"Click Import a session export…")
	})
	exp := db.SessionExport{Source: "test", State: "MA", Session: "194th", ExportedAt: time.Date(2026, 4, 5, 12, 0, 0, 0, time.UTC),
		Bills: []db.SessionBill{{OpenStatesID: "ocd-bill/5293", Identifier: "H 5293", Chamber: "lower"}}}
	if _, err := s.ImportSession(ctx, &exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	t.Run("a bill the export brought with no roll call on it is said to have none yet", func(t *testing.T) {
		saysAll(t, "H.3269 is H 5293 in session 194th of MA, here since the session's export of 2026-04-05",
			"no roll call on it is on record yet")
	})
}
