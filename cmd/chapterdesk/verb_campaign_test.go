package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestCampaignImportEitherOrder: the bundled campaign and the Massachusetts
// legislators give the same whip count whichever is imported first. Legislators
// first, the campaign used to mark no sponsor (the Senate's sponsors 0, not 1) until
// ma.csv was imported again; and the first campaign import into a new file said it
// "updated" the campaign "(revision 1 again)".
func TestCampaignImportEitherOrder(t *testing.T) {
	const campaign, ma = "../../assets/campaigns/safe-communities-act.json", "../../../shared/data/openstates/ma.csv"
	dir := t.TempDir()
	run := func(path string, args ...string) string {
		t.Helper()
		code, out, errOut := chapterdesk(t, append(args, "--db", path)...)
		if code != 0 {
			t.Fatalf("%v: exit %d, %s%s", args, code, out, errOut)
		}
		return out
	}
	senateSponsors := func(path string, campaignID int64) int {
		t.Helper()
		s, err := db.Open(context.Background(), path, db.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		w, err := s.WhipCount(context.Background(), campaignID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range w.Chambers {
			if c.Chamber == db.ChamberUpper {
				return c.ByStance[db.StanceSponsor]
			}
		}
		return 0
	}

	first := filepath.Join(dir, "campaign-first.db")
	t.Run("the first campaign import into a new file says it added the campaign", func(t *testing.T) {
		out := run(first, "campaign", "import", campaign)
		if !strings.HasPrefix(out, "imported campaign 1: Safe Communities Act (revision 1)") || strings.Contains(out, "again") {
			t.Errorf("%s", out)
		}
	})
	if out := run(first, "import", "legislators", ma, "--state", "MA"); !strings.Contains(out, "Sen. Jamie Eldridge marked as the sponsor of S.1305") {
		t.Fatalf("%s", out)
	}

	// A file the legislators import makes starts with the starter campaign, as every
	// new file does: a campaign new to it is imported after the legislators.
	second := filepath.Join(dir, "legislators-first.db")
	if out := run(second, "import", "legislators", ma, "--state", "MA"); !strings.Contains(out, "Sen. Jamie Eldridge marked as the sponsor of S.1305") {
		t.Fatalf("the starter campaign's sponsor is not marked: %s", out)
	}
	another := filepath.Join(dir, "another.json")
	if err := os.WriteFile(another, []byte(`{"format": "chapterdesk-campaign", "version": 1, "campaign": {
		"uuid": "6f1c2b0e-3d4a-4c6b-9a51-5ca0c0a1e002", "revision": 1, "state": "MA", "default_lang": "en",
		"votes_needed": {"upper": 21, "lower": 81}, "bills": [{"chamber": "upper", "number": "S.1305", "sponsor": "Sen. Jamie Eldridge"}],
		"texts": {"en": {"name": "Due process for all"}}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	out := run(second, "campaign", "import", another)
	t.Run("imported after the legislators, the campaign marks its sponsor and says so", func(t *testing.T) {
		if !strings.HasPrefix(out, "imported campaign 2") || !strings.Contains(out, "Sen. Jamie Eldridge marked as the sponsor of S.1305 in the whip count") {
			t.Errorf("%s", out)
		}
		if a, b := senateSponsors(first, 1), senateSponsors(second, 2); a != 1 || b != 1 {
			t.Errorf("Senate sponsors: %d with the campaign first, %d with the legislators first", a, b)
		}
	})
	t.Run("the same legislator file again changes nothing", func(t *testing.T) {
		if out := run(second, "import", "legislators", ma, "--state", "MA"); strings.Contains(out, "marked") {
			t.Errorf("%s", out)
		}
	})
}

// TestCallImportNamesTheCampaign: with two active campaigns, a call import without
// --campaign used to file the reports under the newest and never name it, moving
// that campaign's whip count. It now refuses, naming both and the flag; with a choice
// (or one active campaign) it says where the reports went, and the reading verbs say
// which campaign they print.
func TestCallImportNamesTheCampaign(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "chapter.db")
	run := func(args ...string) string {
		t.Helper()
		code, out, errOut := chapterdesk(t, append(args, "--db", path)...)
		if code != 0 {
			t.Fatalf("%v: exit %d, %s%s", args, code, out, errOut)
		}
		return out
	}
	run("import", "legislators", "../../../shared/data/openstates/ma.csv", "--state", "MA")
	run("campaign", "import", "../../assets/campaigns/safe-communities-act.json")
	camp := filepath.Join(dir, "c.json")
	run("campaign", "export", "1", camp)
	data, _ := os.ReadFile(camp)
	// A second campaign of the same name: another UUID, no FAQ or steps of the first.
	text := strings.Replace(string(data), "6f1c2b0e-3d4a-4c6b-9a51-5ca0c0a1e001", "6f1c2b0e-3d4a-4c6b-9a51-5ca0c0a1beef", 1)
	text = text[:strings.Index(text, `"faq"`)] + `"faq": [], "help_steps": []}}`
	os.WriteFile(camp, []byte(text), 0o600)
	run("campaign", "import", camp)
	run("campaign", "activate", "1") // the untouched starter was archived by the import: two active campaigns again
	calls := filepath.Join(dir, "calls.csv")
	os.WriteFile(calls, []byte("Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"+
		"9/1/2025 10:00,Ann Lee,ann@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to the legislator,Yes,camp1\n"), 0o600)

	t.Run("refuses without --campaign, naming both campaigns, and writes nothing", func(t *testing.T) {
		code, out, errOut := chapterdesk(t, "import", "calls", calls, "--update-stances", "--db", path)
		if code == 0 || !strings.Contains(errOut, "2 campaigns are active here (campaign 2, Safe Communities Act (S.1305 / H.3269); campaign 1, Safe Communities Act") ||
			!strings.Contains(errOut, "--campaign ID") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("exit %d: %s%s", code, out, errOut)
		}
		if out := run("stats"); !strings.Contains(out, "call_reports: 0") {
			t.Errorf("%s", out)
		}
	})
	t.Run("with --campaign, the summary names the campaign filed to", func(t *testing.T) {
		out := run("import", "calls", calls, "--update-stances", "--campaign", "1")
		if !strings.Contains(out, "the reports are filed under campaign 1, Safe Communities Act (S.1305 / H.3269)") {
			t.Errorf("%s", out)
		}
	})
	// The tester's w12.csv again with --campaign 2: "the reports are filed under
	// campaign 2" was said of reports that stayed under campaign 1.
	t.Run("imported again under another campaign, the reports already there are listed, not moved", func(t *testing.T) {
		for _, dry := range []string{"--dry-run", "--update-stances"} {
			out := run("import", "calls", calls, dry, "--campaign", "2")
			if !strings.Contains(out, "0 created, 0 updated, 1 unchanged") ||
				!strings.Contains(out, "the reports are filed under campaign 1, Safe Communities Act (S.1305 / H.3269), where they already were (not moved to campaign 2") ||
				!strings.Contains(out, "1 row is a report already filed under another campaign: not moved:\n  line 2:") ||
				strings.Contains(out, "are filed under campaign 2") {
				t.Errorf("%s: %s", dry, out)
			}
		}
		if out := run("import", "calls", calls, "--dry-run", "--campaign", "1"); !strings.Contains(out, "the reports would be filed under campaign 1") {
			t.Errorf("%s", out)
		}
	})
	t.Run("the reading verbs name the campaign they print, and say another is active", func(t *testing.T) {
		for _, args := range [][]string{{"report", filepath.Join(dir, "r.xlsx")}, {"whipboard", filepath.Join(dir, "w.pdf")},
			{"callsheets", filepath.Join(dir, "c.pdf")}} {
			out := run(args...)
			if !strings.Contains(out, "campaign 2, Safe Communities Act (S.1305 / H.3269): the newest of 2 active campaigns; --campaign ID chooses another") {
				t.Errorf("%v: %s", args, out)
			}
		}
	})
}
