package importer_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"golang.org/x/text/encoding/charmap"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

const sessionsDir = "../../shared/data/openstates-sessions/"

// readSession reads one of the real exports, or skips when the shared data is not here.
func readSession(t testing.TB, name string, exported string) *importer.SessionFile {
	t.Helper()
	if _, err := os.Stat(sessionsDir + name); err != nil {
		t.Skipf("shared data not here: %v", err)
	}
	day, _ := time.Parse(time.DateOnly, exported)
	sf, err := importer.ReadSession(sessionsDir+name, day, "")
	if err != nil {
		t.Fatal(err)
	}
	return sf
}

// csvRows reads a table of a real export as maps, for the tests' own counts.
func csvRows(t testing.TB, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for i, h := range head {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
}

// campaignWith saves a campaign of a state with the given bills, each linked to the
// session by its own number.
func campaignWith(t testing.TB, s *db.Store, state, session string, bills ...string) int64 {
	t.Helper()
	ctx := context.Background()
	c := db.Campaign{State: state, DefaultLang: "en", Texts: map[string]db.CampaignTexts{"en": {Name: "Test " + strings.Join(bills, ", ")}}}
	for _, b := range bills {
		ch := db.ChamberLower
		if strings.HasPrefix(b, "S") {
			ch = db.ChamberUpper
		}
		c.Bills = append(c.Bills, db.Bill{Chamber: ch, Number: b})
	}
	id, err := s.SaveCampaign(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bills {
		if _, err := s.LinkBill(ctx, db.BillLink{CampaignID: id, CampaignBill: b, Session: session}); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

func countOf(counts []db.Count, name string) int {
	for _, c := range counts {
		if c.Name == name {
			return c.Count
		}
	}
	return -1
}

func maLegislators(t testing.TB, s *db.Store) map[string]bool {
	t.Helper()
	in := readLegislators(t, "ma.csv")
	if _, err := s.ImportLegislators(context.Background(), in.Rows, db.ImportOptions{State: "MA", Format: "openstates"}); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, r := range in.Rows {
		ids[r.OpenStatesID] = true
	}
	return ids
}

func TestReadSession(t *testing.T) {
	t.Run("the Massachusetts folder gives its session, its bills, roll calls and votes, and says sponsorships are missing", func(t *testing.T) {
		sf := readSession(t, "ma-194th", "")
		if sf.State != "MA" || sf.Session != "194th" || len(sf.Bills) != 17546 || len(sf.RollCalls) != 190 || len(sf.Votes) != 22253 {
			t.Fatalf("%s %s: %d bills, %d roll calls, %d votes", sf.State, sf.Session, len(sf.Bills), len(sf.RollCalls), len(sf.Votes))
		}
		if sf.Sponsorships != nil || strings.Join(sf.Missing, ",") != "bill_sponsorships" {
			t.Errorf("missing %v, sponsorships %v", sf.Missing, sf.Sponsorships != nil)
		}
		// A folder's files are dated when they were copied (here, the test machine's
		// day): the export is dated by its newest roll call, 2026-04-01, four days
		// before Open States made it, never after.
		if got := sf.ExportedAt.Format(time.DateOnly); got != "2026-04-01" || !strings.HasPrefix(sf.ExportedFrom, "its newest roll call") {
			t.Errorf("exported %v from %q, want 2026-04-01 from its newest roll call", sf.ExportedAt, sf.ExportedFrom)
		}
	})
	t.Run("the New Hampshire excerpt of vote_people is left out, not read as the table", func(t *testing.T) {
		sf := readSession(t, "nh-2024", "2024-12-19")
		if sf.Votes != nil || len(sf.Ignored) != 1 || !strings.Contains(sf.Ignored[0], "EXCERPT") {
			t.Fatalf("votes %d, ignored %v", len(sf.Votes), sf.Ignored)
		}
		if len(sf.Sponsorships) != 6991 || len(sf.RollCalls) != 412 || sf.ExportedFrom != "as given" {
			t.Errorf("%d sponsorships, %d roll calls, date %s", len(sf.Sponsorships), len(sf.RollCalls), sf.ExportedFrom)
		}
	})
	t.Run("a zip as downloaded is read like its folder, dated by its entries, and a table it leaves out is named", func(t *testing.T) {
		if _, err := os.Stat(sessionsDir + "nh-2024"); err != nil {
			t.Skip("shared data not here")
		}
		zipPath := filepath.Join(t.TempDir(), "NH_2024_csv_abc.zip")
		when := time.Date(2024, 12, 19, 8, 0, 0, 0, time.UTC)
		zipFolder(t, sessionsDir+"nh-2024", zipPath, when, "vote_counts")
		sf, err := importer.ReadSession(zipPath, time.Time{}, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(sf.Bills) != 1324 || !strings.Contains(strings.Join(sf.Missing, ","), "vote_counts") || !sf.ExportedAt.Equal(when) {
			t.Errorf("%d bills, missing %v, exported %v", len(sf.Bills), sf.Missing, sf.ExportedAt)
		}
		if sf.RollCalls[0].Yes+sf.RollCalls[0].No != 0 {
			t.Errorf("counts without vote_counts: %+v", sf.RollCalls[0])
		}
	})
	t.Run("a folder without a bills table is refused", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "notes.csv"), []byte("a,b\n"), 0o600)
		if _, err := importer.ReadSession(dir, time.Time{}, ""); err == nil || !strings.Contains(err.Error(), "no *_bills.csv") {
			t.Errorf("err %v", err)
		}
	})
}

// zipFolder writes the CSVs of dir into a zip under a folder, as Open States does,
// leaving out the tables named in skip.
func zipFolder(t testing.TB, dir, zipPath string, when time.Time, skip ...string) {
	t.Helper()
	out, err := os.Create(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	zw := zip.NewWriter(out)
	entries, _ := os.ReadDir(dir)
next:
	for _, e := range entries {
		for _, s := range skip {
			if strings.Contains(e.Name(), s) {
				continue next
			}
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: "NH/2024/" + e.Name(), Method: zip.Deflate, Modified: when})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestImportSessionMassachusetts(t *testing.T) {
	ctx := context.Background()
	sf := readSession(t, "ma-194th", "2026-04-05")

	t.Run("a campaign bill is not taken on its number alone: S 1305 of the 194th is another bill", func(t *testing.T) {
		s := dbtest.Open(t)
		dbtest.Campaign(t, s)
		sum, err := s.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(sum.Bills) != 0 || sum.BatchID != 0 {
			t.Fatalf("bills taken without a link: %+v", sum.Bills)
		}
		// The bill is named, with its title, and not advised for a link: its title does
		// not name the campaign (each front end words how to link the right one).
		var notes []string
		for _, n := range sum.NotTaken {
			if n.NamesCampaign {
				t.Errorf("%s's %v taken for the campaign's", n.CampaignBill, n.Bills)
			}
			notes = append(notes, n.Note("HOW"))
		}
		note := strings.Join(notes, "\n")
		if !strings.Contains(note, "S.1305: not taken") || !strings.Contains(note, "Delivery Network Company") ||
			!strings.Contains(note, "not known to be") || strings.Contains(note, "link it:") {
			t.Errorf("notes:\n%s", note)
		}
	})

	t.Run("a link to the successor H 5293 keeps that bill", func(t *testing.T) {
		s := dbtest.Open(t)
		id := dbtest.Campaign(t, s)
		if _, err := s.LinkBill(ctx, db.BillLink{CampaignID: id, CampaignBill: "h3269", Session: "194th", SessionNumber: "H.5293"}); err != nil {
			t.Fatal(err)
		}
		sum, err := s.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(sum.Bills) != 1 || sum.Bills[0].Identifier != "H 5293" || sum.Bills[0].CampaignBill != "H.3269" ||
			sum.Bills[0].MatchedBy != "link" || !strings.Contains(sum.Bills[0].Title, "PROTECT Act") || sum.BatchID == 0 {
			t.Fatalf("%+v", sum)
		}
	})

	t.Run("a docket number is followed to the bill that replaces it", func(t *testing.T) {
		s := dbtest.Open(t)
		campaignWith(t, s, "MA", "194th", "HD 4838")
		sum, err := s.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if len(sum.Bills) != 1 || sum.Bills[0].Identifier != "H 4387" || sum.Bills[0].MatchedBy != "docket" {
			t.Fatalf("%+v", sum.Bills)
		}
	})

	// H 4240 has 18 roll calls, member by member.
	s := dbtest.Open(t)
	known := maLegislators(t, s)
	campaign := campaignWith(t, s, "MA", "194th", "H.4240")
	var bill string
	for _, b := range csvRows(t, sessionsDir+"ma-194th/MA_194th_bills.csv") {
		if b["identifier"] == "H 4240" {
			bill = b["id"]
		}
	}
	votes := map[string]bool{}
	for _, v := range csvRows(t, sessionsDir+"ma-194th/MA_194th_votes.csv") {
		if v["bill_id"] == bill {
			votes[v["id"]] = true
		}
	}
	var people, byID int
	for _, p := range csvRows(t, sessionsDir+"ma-194th/MA_194th_vote_people.csv") {
		if votes[p["vote_event_id"]] {
			people++
			if known[p["voter_id"]] {
				byID++
			}
		}
	}

	// One member's whip count: "yes" before the first roll call, "no" since.
	var member int64
	for _, p := range csvRows(t, sessionsDir+"ma-194th/MA_194th_vote_people.csv") {
		if votes[p["vote_event_id"]] && known[p["voter_id"]] && member == 0 {
			ls, _ := s.Legislators(ctx)
			for _, l := range ls {
				if l.OpenStatesID == p["voter_id"] {
					member = l.ID
				}
			}
		}
	}
	for _, st := range []struct {
		stance db.Stance
		at     time.Time
	}{{db.StanceYes, time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}, {db.StanceNo, time.Date(2025, 12, 1, 12, 0, 0, 0, time.UTC)}} {
		if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: campaign, LegislatorID: member, Stance: st.stance, ChangedAt: st.at}); err != nil {
			t.Fatal(err)
		}
	}

	t.Run("a dry run says what it would keep and writes nothing", func(t *testing.T) {
		sum, err := s.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{DryRun: true})
		if err != nil || sum.RollCalls != len(votes) || sum.BatchID != 0 {
			t.Fatalf("%+v, %v", sum, err)
		}
		counts, _ := s.Counts(ctx)
		if countOf(counts, "roll_calls") != 0 || countOf(counts, "roll_call_votes") != 0 {
			t.Errorf("a dry run wrote: %v", counts)
		}
	})

	sum, err := s.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{Source: "ma-194th"})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("every vote on the bill is kept: matched by id, by the one member a name fits, or listed with its reason", func(t *testing.T) {
		if len(votes) != 18 || sum.RollCalls != 18 || sum.Votes != people || sum.VotesMatched != byID {
			t.Fatalf("roll calls %d of %d, votes %d of %d, by id %d of %d", sum.RollCalls, len(votes), sum.Votes, people,
				sum.VotesMatched, byID)
		}
		if sum.VotesMatched+sum.VotesByName+len(sum.Unmatched) != sum.Votes {
			t.Errorf("%d + %d + %d != %d", sum.VotesMatched, sum.VotesByName, len(sum.Unmatched), sum.Votes)
		}
		reasons := map[string]string{}
		for _, u := range sum.Unmatched {
			if u.Reason == "" || u.Line == 0 {
				t.Errorf("unmatched without a reason or line: %+v", u)
			}
			reasons[u.Name] = u.Reason
		}
		if !strings.Contains(reasons["Mr. Speaker"], "does not say who") {
			t.Errorf("Mr. Speaker: %q", reasons["Mr. Speaker"])
		}
		if r, ok := reasons["Moran,"]; ok && !strings.Contains(r, "fits 3 members") {
			t.Errorf("Moran,: %q", r)
		}
		// "Howard" (no voter_id) is written as a former representative of that name
		// would be: a surname alone does not make it Sen. Vanna Howard's House vote.
		if r := reasons["Howard"]; !strings.HasPrefix(r, "Howard fits Sen. Vanna Howard, now in the Senate — not matched") {
			t.Errorf("Howard: %q", r)
		}
		counts, _ := s.Counts(ctx)
		if countOf(counts, "roll_calls") != 18 || countOf(counts, "roll_call_votes") != people {
			t.Errorf("stats %v", counts)
		}
	})

	t.Run("record vs whip count shows every roll call the import kept, the Senate's given by its counts only too", func(t *testing.T) {
		// The Senate's acceptance of the conference report on 2025-06-30 has no
		// vote_people rows (nor vote_counts): it was left out when the view was built
		// from the votes.
		list, err := s.RecordVsWhip(ctx, campaign)
		if err != nil || len(list) != len(votes) || len(list) != sum.RollCalls {
			t.Fatalf("%d roll calls in the view, %d imported, %d in the export: %v", len(list), sum.RollCalls, len(votes), err)
		}
		withPeople := map[string]int{}
		for _, p := range csvRows(t, sessionsDir+"ma-194th/MA_194th_vote_people.csv") {
			if votes[p["vote_event_id"]] {
				withPeople[p["vote_event_id"]]++
			}
		}
		countsOnly, listed := 0, 0
		for _, rc := range list {
			if rc.CountsOnly() {
				countsOnly++
				if rc.Chamber != db.ChamberUpper || rc.Result != "pass" || rc.Yes+rc.No+rc.Other+rc.NotVoting != 0 {
					t.Errorf("counts-only roll call %+v", rc)
				}
			}
			listed += len(rc.Votes)
		}
		if countsOnly != len(votes)-len(withPeople) || countsOnly != 1 || listed != people {
			t.Errorf("%d counts only (export: %d without vote_people), %d votes listed of %d", countsOnly,
				len(votes)-len(withPeople), listed, people)
		}
	})

	t.Run("a vote matched by name is the one member of the House of that surname and initial", func(t *testing.T) {
		byName := 0
		err := s.EachRecordRow(ctx, db.RecordFilter{CampaignID: campaign}, func(r *db.RecordRow) error {
			// Vanna Howard's House votes, cast before she went to the Senate, are
			// hers by name across chambers (s36-record): counted by name too.
			if r.MatchedBy != "name" && r.MatchedBy != "name, other chamber" {
				return nil
			}
			byName++
			if r.Chamber != db.ChamberLower || r.LegislatorID == 0 {
				t.Errorf("%+v", r)
			}
			return nil
		})
		if err != nil || byName != sum.VotesByName {
			t.Errorf("%d rows by name, summary %d, err %v", byName, sum.VotesByName, err)
		}
		// Each is the member of that surname (and initial, when given): "Moran M." is
		// Mike Moran, "Garcia" Judith García.
		ls, _ := s.Legislators(ctx)
		byID := map[int64]db.Legislator{}
		for _, l := range ls {
			byID[l.ID] = l
		}
		seen := map[string]string{}
		s.EachRecordRow(ctx, db.RecordFilter{CampaignID: campaign}, func(r *db.RecordRow) error {
			if r.MatchedBy == "name" {
				seen[r.ExportName] = byID[r.LegislatorID].Name
			}
			return nil
		})
		for journal, name := range seen {
			surname := strings.Fields(strings.Trim(journal, " *,"))[0]
			surname = strings.TrimSuffix(surname, ",")
			if !strings.HasSuffix(db.Fold(name), db.Fold(surname)) {
				t.Errorf("%q matched %q", journal, name)
			}
		}
		if len(seen) == 0 {
			t.Error("no vote matched by name on H 4240")
		}
		t.Logf("matched by name: %v", seen)
	})

	t.Run("each vote carries the whip count's stance at its date and today's", func(t *testing.T) {
		rows := 0
		s.EachRecordRow(ctx, db.RecordFilter{CampaignID: campaign, LegislatorID: member}, func(r *db.RecordRow) error {
			rows++
			want := db.StanceYes
			if r.At.After(time.Date(2025, 12, 1, 12, 0, 0, 0, time.UTC)) {
				want = db.StanceNo
			}
			if r.Counted != want || r.Now != db.StanceNo || r.LegislatorID != member {
				t.Errorf("%s %s: counted %q, now %q", r.Date, r.Motion, r.Counted, r.Now)
			}
			return nil
		})
		if rows == 0 {
			t.Error("no rows for the member")
		}
	})

	t.Run("importing the same export again changes nothing", func(t *testing.T) {
		again, err := s.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{})
		if err != nil || again.BatchID != 0 || again.RollCalls+again.Votes+again.Sponsorships+again.StanceChanges != 0 ||
			again.Unchanged != 18+people {
			t.Fatalf("%+v, %v", again, err)
		}
	})

	t.Run("undo takes the record back, and the import can be made again", func(t *testing.T) {
		u, err := s.UndoImport(ctx, sum.BatchID)
		if err != nil || u.Deleted != 1+1+18+people {
			t.Fatalf("%+v, %v", u, err)
		}
		counts, _ := s.Counts(ctx)
		if countOf(counts, "roll_calls") != 0 || countOf(counts, "roll_call_votes") != 0 {
			t.Errorf("%v", counts)
		}
		again, err := s.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{})
		if err != nil || again.Votes != people {
			t.Errorf("%+v, %v", again, err)
		}
	})
}

func TestImportSessionNewHampshire(t *testing.T) {
	ctx := context.Background()
	sf := readSession(t, "nh-2024", "2024-12-19")
	s := dbtest.Open(t)
	r, err := assets.Legislators("NH")
	if err != nil {
		t.Fatal(err)
	}
	in, err := importer.ReadLegislators(r, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportLegislators(ctx, in.Rows, db.ImportOptions{State: "NH", Format: "openstates"}); err != nil {
		t.Fatal(err)
	}
	known := map[string]int64{}
	ls, _ := s.Legislators(ctx)
	for _, l := range ls {
		known[l.OpenStatesID] = l.ID
	}
	campaign := campaignWith(t, s, "NH", "2024", "H.B. 1633", "sb476")
	bills := map[string]string{}
	for _, b := range csvRows(t, sessionsDir+"nh-2024/NH_2024_bills.csv") {
		if b["identifier"] == "HB 1633" || b["identifier"] == "SB 476" {
			bills[b["id"]] = b["identifier"]
		}
	}
	var sponsorships, ofKnown int
	var lead struct {
		id   int64
		name string
	}
	for _, p := range csvRows(t, sessionsDir+"nh-2024/NH_2024_bill_sponsorships.csv") {
		if bills[p["bill_id"]] == "" {
			continue
		}
		sponsorships++
		if id := known[p["person_id"]]; id != 0 {
			ofKnown++
			if p["primary"] == "False" && lead.id == 0 {
				lead.id, lead.name = id, p["name"]
			}
		}
	}
	if ofKnown == 0 || lead.id == 0 {
		t.Fatal("no sponsor of the two bills is among the bundled legislators")
	}
	// The lead judged one cosponsor after the export: that judgement stays current.
	later := time.Date(2025, 1, 10, 12, 0, 0, 0, time.UTC)
	if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: campaign, LegislatorID: lead.id, Stance: db.StanceLeaningNo,
		ChangedAt: later, ChangedBy: "lead", Reason: "said so at the town hall"}); err != nil {
		t.Fatal(err)
	}

	sum, err := s.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("every sponsorship of a known legislator is matched, the others listed", func(t *testing.T) {
		if sum.Sponsorships != sponsorships || sum.SponsorshipsMatched != ofKnown {
			t.Fatalf("%d sponsorships of %d, %d matched of %d known", sum.Sponsorships, sponsorships, sum.SponsorshipsMatched, ofKnown)
		}
		unmatched := 0
		for _, u := range sum.Unmatched {
			if u.Table == "bill_sponsorships" {
				unmatched++
			}
		}
		if unmatched != sponsorships-ofKnown {
			t.Errorf("%d listed, want %d", unmatched, sponsorships-ofKnown)
		}
		counts, _ := s.Counts(ctx)
		if countOf(counts, "sponsorships") != ofKnown {
			t.Errorf("stats sponsorships %d", countOf(counts, "sponsorships"))
		}
	})
	t.Run("sponsors become stance changes with their source; a lead's newer judgement stays, the history holds both", func(t *testing.T) {
		if sum.StanceChanges == 0 {
			t.Fatal("no stance changes")
		}
		hist, err := s.StanceHistory(ctx, campaign, lead.id)
		if err != nil || len(hist) != 2 {
			t.Fatalf("%+v, %v", hist, err)
		}
		if hist[0].Stance != db.StanceLeaningNo || hist[1].Stance != db.StanceCosponsor ||
			!strings.Contains(hist[1].Reason, "(Open States, session 2024, exported 2024-12-19)") || hist[1].ChangedBy != "Open States" {
			t.Errorf("%+v", hist)
		}
		w, _ := s.WhipCount(ctx, campaign)
		for _, r := range w.Legislators {
			if r.LegislatorID == lead.id && r.Stance != db.StanceLeaningNo {
				t.Errorf("%s now %s", lead.name, r.Stance)
			}
		}
	})
	t.Run("roll calls without vote_people keep their counts and say so", func(t *testing.T) {
		if sum.RollCalls != 13+6 || sum.Votes != 0 || !strings.Contains(strings.Join(sum.Notes, "\n"), "counts only") {
			t.Errorf("%+v", sum)
		}
	})
	t.Run("a newer export of the session adds what is new", func(t *testing.T) {
		// The same export with one more cosponsor and one more roll call than the first
		// import saw is what a newer one looks like.
		s2 := dbtest.Open(t)
		if _, err := s2.ImportLegislators(ctx, in.Rows, db.ImportOptions{State: "NH", Format: "openstates"}); err != nil {
			t.Fatal(err)
		}
		campaignWith(t, s2, "NH", "2024", "HB 1633", "SB 476")
		older := sf.SessionExport
		older.Sponsorships = nil
		older.RollCalls = nil
		for _, p := range sf.Sponsorships {
			if bills[p.BillID] != "" && len(older.Sponsorships) < 3 {
				older.Sponsorships = append(older.Sponsorships, p)
			}
		}
		older.Sponsorships = append(older.Sponsorships[:0:0], older.Sponsorships[:2]...)
		first, err := s2.ImportSession(ctx, &older, db.ImportOptions{})
		if err != nil || first.Sponsorships != 2 {
			t.Fatalf("%+v %v", first, err)
		}
		newer, err := s2.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{})
		if err != nil || newer.Sponsorships != sponsorships-2 || newer.RollCalls != 19 || newer.BatchID == 0 {
			t.Fatalf("%+v %v", newer, err)
		}
		if _, err := s2.UndoImport(ctx, first.BatchID); err == nil || !strings.Contains(err.Error(), "undo import") {
			t.Errorf("undoing the older import under the newer: %v", err)
		}
		if _, err := s2.UndoImport(ctx, newer.BatchID); err != nil {
			t.Errorf("undo the newer: %v", err)
		}
		if _, err := s2.UndoImport(ctx, first.BatchID); err != nil {
			t.Errorf("then the older: %v", err)
		}
	})
}

// BenchmarkImportSessionMA reads ma-194th (17,546 bills, 22,253 votes) and imports
// it into a chapter with the Massachusetts legislators and a campaign on H 4240,
// first into a new file, then again (nothing changes).
func BenchmarkImportSessionMA(b *testing.B) {
	ctx := context.Background()
	if _, err := os.Stat(sessionsDir + "ma-194th"); err != nil {
		b.Skip("shared data not here")
	}
	setup := func() *db.Store {
		s := dbtest.Open(b)
		maLegislators(b, s)
		campaignWith(b, s, "MA", "194th", "H.4240")
		return s
	}
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			s := setup()
			b.StartTimer()
			sf, err := importer.ReadSession(sessionsDir+"ma-194th", time.Date(2026, 4, 5, 0, 0, 0, 0, time.UTC), "")
			if err != nil {
				b.Fatal(err)
			}
			if _, err := s.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("again", func(b *testing.B) {
		s := setup()
		sf, _ := importer.ReadSession(sessionsDir+"ma-194th", time.Date(2026, 4, 5, 0, 0, 0, 0, time.UTC), "")
		if _, err := s.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{}); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			sf, err := importer.ReadSession(sessionsDir+"ma-194th", time.Date(2026, 4, 5, 0, 0, 0, 0, time.UTC), "")
			if err != nil {
				b.Fatal(err)
			}
			if sum, err := s.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{}); err != nil || sum.BatchID != 0 {
				b.Fatal(sum, err)
			}
		}
	})
}

// TestReadSessionStrayByte: a session export's tables go through the same encoding
// checks as every other import: a Latin-1 byte in a UTF-8 table refuses the export,
// naming the file, the line and the column, instead of being stored as it stood and
// written out again as invalid UTF-8.
func TestReadSessionStrayByte(t *testing.T) {
	if _, err := os.Stat(sessionsDir + "ma-194th"); err != nil {
		t.Skip("shared data not here")
	}
	dir := copyExport(t, "ma-194th", func(name string, data []byte) (string, []byte) {
		if strings.HasSuffix(name, "_vote_people.csv") {
			lines := strings.Split(string(data), "\r\n")
			cells := strings.Split(lines[499], ",") // line 500
			cells[3] = "G\xf3mez"
			lines[499] = strings.Join(cells, ",")
			data = []byte(strings.Join(lines, "\r\n"))
		}
		return name, data
	})
	sf, err := importer.ReadSession(dir, time.Time{}, "")
	if err == nil || !strings.Contains(err.Error(), "MA_194th_vote_people.csv: line 500, column 4 (voter_name)") ||
		!strings.Contains(err.Error(), "not valid UTF-8") {
		t.Fatalf("err %v", err)
	}
	if sf != nil {
		t.Errorf("read %d votes", len(sf.Votes))
	}
}

// TestReadSessionStrayByteInASCII: Open States exports are always UTF-8, so a stray
// byte in a table that is otherwise plain ASCII (NH_2024_votes.csv, MA's
// organizations, vote_counts and bill_related_bills are) is refused like one in a
// table that holds UTF-8, naming the file, line and column, not read as
// Windows-1252; the lead may still name the encoding.
func TestReadSessionStrayByteInASCII(t *testing.T) {
	if _, err := os.Stat(sessionsDir + "nh-2024"); err != nil {
		t.Skip("shared data not here")
	}
	copyWith := func(t *testing.T, file string, line, col int, cell string) string {
		return copyExport(t, "nh-2024", func(name string, data []byte) (string, []byte) {
			if name == file {
				data = withCell(t, data, line, col, cell)
			}
			return name, data
		})
	}
	t.Run("refuses 0x92 in a motion of the plain ASCII votes table", func(t *testing.T) {
		dir := copyWith(t, "NH_2024_votes.csv", 3, 3, "Speaker\x92s Ruling")
		sf, err := importer.ReadSession(dir, time.Time{}, "")
		if err == nil || !strings.Contains(err.Error(), "NH_2024_votes.csv: line 3, column 3 (motion_text)") ||
			!strings.Contains(err.Error(), "not valid UTF-8") {
			t.Fatalf("err %v", err)
		}
		if sf != nil {
			for _, rc := range sf.RollCalls {
				if strings.Contains(rc.Motion, "Ruling") {
					t.Errorf("read motion %q", rc.Motion)
				}
			}
		}
	})
	t.Run("refuses 0x93 in a bill title of a plain ASCII bills table", func(t *testing.T) {
		dir := t.TempDir()
		bills := "id,identifier,title,session_identifier\r\nocd-bill/1,HB 1,An Act on \x93fair\x94 rent,2024\r\n"
		if err := os.WriteFile(filepath.Join(dir, "NH_2024_bills.csv"), []byte(bills), 0o600); err != nil {
			t.Fatal(err)
		}
		sf, err := importer.ReadSession(dir, time.Time{}, "")
		if err == nil || !strings.Contains(err.Error(), "NH_2024_bills.csv: line 2, column 3 (title)") {
			t.Fatalf("err %v, bills %+v", err, sf)
		}
	})
	t.Run("reads it as Windows-1252 when the lead says so", func(t *testing.T) {
		dir := copyWith(t, "NH_2024_votes.csv", 3, 3, "Speaker\x92s Ruling")
		// The whole export so written: its UTF-8 tables ("governor’s", "Riché
		// Colcombe") read as Windows-1252 would be stored garbled, and refuse the
		// export (see TestReadSessionDoubleEncoded).
		for _, name := range []string{"NH_2024_bills.csv", "NH_2024_bill_sponsorships.csv", "NH_2024_vote_people.EXCERPT_first10rows.csv", "NH_2024_organizations.csv"} {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if data, err = charmap.Windows1252.NewEncoder().Bytes(data); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		sf, err := importer.ReadSession(dir, time.Time{}, "windows-1252")
		if err != nil {
			t.Fatal(err)
		}
		if got := sf.RollCalls[1].Motion; got != "Speaker’s Ruling" {
			t.Errorf("motion %q", got)
		}
	})
	t.Run("still reads the real exports", func(t *testing.T) {
		for _, name := range []string{"nh-2024", "ma-194th"} {
			if _, err := importer.ReadSession(sessionsDir+name, time.Time{}, ""); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	})
}

// TestReadSessionSaysWhenItsDateIsAGuess: only --exported dates an export for sure;
// a folder's or a zip's file times and the newest roll call are guesses, on which the
// store withdraws no sponsorship (db.SessionExport.DateGuessed).
func TestReadSessionSaysWhenItsDateIsAGuess(t *testing.T) {
	if sf := readSession(t, "nh-2024", "2026-04-05"); sf.DateGuessed || sf.ExportedFrom != "as given" {
		t.Errorf("given: guessed %v, from %q", sf.DateGuessed, sf.ExportedFrom)
	}
	if sf := readSession(t, "nh-2024", ""); !sf.DateGuessed {
		t.Errorf("a folder's date (%s, %s) is taken as known", sf.ExportedAt, sf.ExportedFrom)
	}
	zipPath := filepath.Join(t.TempDir(), "NH_2024_csv_x.zip")
	zipFolder(t, sessionsDir+"nh-2024", zipPath, time.Date(2026, 4, 5, 12, 0, 0, 0, time.UTC))
	sf, err := importer.ReadSession(zipPath, time.Time{}, "")
	if err != nil || !sf.DateGuessed {
		t.Errorf("a zip's date is taken as known (%v)", err)
	}
}

// TestReadSessionDoubleEncoded: a session export's table UTF-8 read as Windows-1252
// and saved again (a bill title "â€”", a voter "GÃ³mez") was stored as it stood:
// the bill's title on every workbook, the voter matched by name to no one. The
// export is refused, as a legislator file so saved is, naming the file, the line,
// the column and the value with what it reads as.
func TestReadSessionDoubleEncoded(t *testing.T) {
	if _, err := os.Stat(sessionsDir + "nh-2024"); err != nil {
		t.Skip("shared data not here")
	}
	for _, c := range []struct {
		file      string
		line, col int
		cell, was string
	}{
		{"NH_2024_vote_people.csv", 3, 4, "GÃ³mez", "Gómez"},
		{"NH_2024_bills.csv", 2, 3, "Relative to the Ã©lection of officers", "Relative to the élection of officers"},
		{"NH_2024_bill_sponsorships.csv", 2, 2, "JosÃ© Smith", "José Smith"},
	} {
		dir := copyExport(t, "nh-2024", func(name string, data []byte) (string, []byte) {
			name = strings.Replace(name, ".EXCERPT_first10rows", "", 1) // a table of its own
			if name == c.file {
				data = withCell(t, data, c.line, c.col, c.cell)
			}
			return name, data
		})
		sf, err := importer.ReadSession(dir, time.Time{}, "")
		if err == nil {
			t.Errorf("%s: read; want refused", c.file)
			continue
		}
		for _, want := range []string{c.file, fmt.Sprintf("line %d, column %d", c.line, c.col), `"` + c.cell + `" is "` + c.was + `"`, "wrong encoding", "nothing was imported"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%s: %v; want %q in it", c.file, err, want)
			}
		}
		if sf != nil {
			t.Errorf("%s: read %d bills", c.file, len(sf.Bills))
		}
	}
}

// TestReadSessionVoteOptions: a vote is read whatever its case or the word a journal
// uses for it ("YES", "Yea", "Aye", "Y"; "Nay", "N"; "NV"), as the record judges it:
// yes and no against the whip count, the rest as not voting. An option no journal
// uses is refused, naming the file, line and value (tester t6: "YES" and "Nay" were
// read as "did not vote", the record judging no one, without a word).
func TestReadSessionVoteOptions(t *testing.T) {
	if _, err := os.Stat(sessionsDir + "ma-194th"); err != nil {
		t.Skip("shared data not here")
	}
	// copyWith copies the MA export, the options of vote_people's rows 2 to 2+len(opts)
	// (line 2 on) given as opts, without vote_counts: the votes so changed no longer
	// add up to their roll call's counts (TestReadSessionVotesAddUp).
	copyWith := func(t *testing.T, opts ...string) string {
		return copyExport(t, "ma-194th", func(name string, data []byte) (string, []byte) {
			if strings.HasSuffix(name, "_vote_counts.csv") {
				return name + ".left-out", data
			}
			if strings.HasSuffix(name, "_vote_people.csv") {
				lines := strings.Split(string(data), "\r\n")
				for i, o := range opts {
					cells := strings.SplitN(lines[1+i], ",", 4)
					cells[2] = o
					lines[1+i] = strings.Join(cells, ",")
				}
				data = []byte(strings.Join(lines, "\r\n"))
			}
			return name, data
		})
	}
	t.Run("a journal's words are read as the votes they are", func(t *testing.T) {
		opts := []string{"YES", "Yea", "Aye", "Y", " yes ", "Nay", "N", "NO", "NV", "Not Voting", "Absent", "EXCUSED", "Abstain", "Paired", "Other"}
		want := []string{"yes", "yes", "yes", "yes", "yes", "no", "no", "no", "not voting", "not voting", "absent", "excused", "abstain", "paired", "other"}
		sf, err := importer.ReadSession(copyWith(t, opts...), time.Time{}, "")
		if err != nil {
			t.Fatal(err)
		}
		for i, w := range want {
			if got := sf.Votes[i].Option; got != w {
				t.Errorf("%q read as %q, want %q", opts[i], got, w)
			}
		}
	})
	t.Run("an option no journal uses is refused", func(t *testing.T) {
		_, err := importer.ReadSession(copyWith(t, "yes", "maybe"), time.Time{}, "")
		if err == nil || !strings.Contains(err.Error(), "MA_194th_vote_people.csv line 3") || !strings.Contains(err.Error(), `"maybe"`) {
			t.Fatalf("err %v", err)
		}
	})
}

// copyExport copies the session export folder of sessionsDir to a temporary folder,
// each table through edit (its name, as it may rename it, and its bytes), and returns
// the folder.
func copyExport(t *testing.T, export string, edit func(name string, data []byte) (string, []byte)) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(sessionsDir + export)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(sessionsDir+export, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		name, data := edit(e.Name(), data)
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// withCell is a table's CSV with the cell at line and col (from 1) replaced.
func withCell(t *testing.T, data []byte, line, col int, cell string) []byte {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows[line-1][col-1] = cell
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
