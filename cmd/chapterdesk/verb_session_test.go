package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const maSession = "../../../shared/data/openstates-sessions/ma-194th"

func TestImportSessionVerb(t *testing.T) {
	if _, err := os.Stat(maSession); err != nil {
		t.Skipf("shared data not here: %v", err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "chapter.db")
	must := func(args ...string) string {
		t.Helper()
		code, out, errOut := chapterdesk(t, append(args, "--db", path)...)
		if code != 0 {
			t.Fatalf("%v: exit %d, %s%s", args, code, out, errOut)
		}
		return out
	}
	must("demo", "--volunteers", "50", "--calls", "200", "--seed", "3")
	must("import", "legislators", "../../../shared/data/openstates/ma.csv", "--retire-missing")

	t.Run("without a link the starter campaign's numbers are named, not taken", func(t *testing.T) {
		out := must("import", "session", maSession, "--dry-run")
		// The 194th's S 1305 and H 3269 are other bills than the campaign's of the 193rd.
		for _, want := range []string{"dry run, nothing written",
			`has a bill numbered alike, S 1305 ("An Act establishing protections and accountability for Delivery Network Company workers`,
			`H 3269 ("An Act establishing a transferable pediatric cancer research tax credit"), not known to be the Safe Communities Act's`,
			"link that one: chapterdesk campaign link 1 S.1305 --session 194th --to NUMBER",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("no %q in:\n%s", want, out)
			}
		}
		if strings.Contains(out, "if it is the campaign's bill") {
			t.Errorf("the dry run advises linking an unrelated bill:\n%s", out)
		}
	})
	t.Run("a link by hand is kept, listed, and the import takes the successor bill", func(t *testing.T) {
		out := must("campaign", "link", "1", "H 3269", "--session", "194th", "--to", "H.5293")
		if !strings.Contains(out, "in session 194th of MA it is H.5293") {
			t.Errorf("%s", out)
		}
		if out := must("campaign", "links"); !strings.Contains(out, "campaign 1\tH.3269\tMA 194th\tH.5293") {
			t.Errorf("%q", out)
		}
		out = must("import", "session", maSession, "--exported", "2026-04-05")
		if !strings.Contains(out, `campaign 1, H.3269: H 5293 "An Act promoting rule of law`) || !strings.Contains(out, "import batch") ||
			!strings.Contains(out, "exported 2026-04-05, as given") {
			t.Errorf("%s", out)
		}
		if out := must("import", "session", maSession, "--exported", "2026-04-05"); !strings.Contains(out, "0 changed") {
			t.Errorf("again: %s", out)
		}
		if out := must("import", "list"); !strings.Contains(out, "session from ma-194th") {
			t.Errorf("%s", out)
		}
	})
	t.Run("bad input is refused in one line", func(t *testing.T) {
		for _, args := range [][]string{
			{"import", "session"},
			{"import", "session", dir},
			{"import", "session", maSession, "--exported", "April"},
			{"campaign", "link", "1", "H.9999", "--session", "194th"},
			{"campaign", "link", "1", "H.3269"},
			{"export", "calls", filepath.Join(dir, "x.csv"), "--campaign", "1"},
		} {
			code, _, errOut := chapterdesk(t, append(args, "--db", path)...)
			if code == 0 || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
				t.Errorf("%v: exit %d, %q", args, code, errOut)
			}
		}
	})
	t.Run("export record writes a row per vote with the stance at its date", func(t *testing.T) {
		code, out, errOut := chapterdesk(t, "campaign", "link", "1", "S.1305", "--session", "194th", "--to", "H 4240", "--db", path)
		if code != 0 {
			t.Fatal(out, errOut)
		}
		out = must("import", "session", maSession, "--exported", "2026-04-05")
		if !strings.Contains(out, "18 roll calls, 2718 votes") {
			t.Errorf("%s", out)
		}
		if out := must("stats"); !strings.Contains(out, "roll_calls: 18\n") || !strings.Contains(out, "roll_call_votes: 2718\n") ||
			!strings.Contains(out, "sponsorships: 0\n") {
			t.Errorf("%s", out)
		}
		file := filepath.Join(dir, "record.csv")
		must("export", "record", file, "--campaign", "1")
		f, _ := os.Open(file)
		defer f.Close()
		rows, err := csv.NewReader(f).ReadAll()
		// Every House member's vote, and the Senate's roll call (given by its result
		// only) once for each of the 40 senators in office.
		if err != nil || len(rows) != 1+2718+40 {
			t.Fatalf("%d rows, %v", len(rows), err)
		}
		if rows[0][12] != "whip_stance_at_date" || rows[1][1] != "roll call" || rows[1][2] != "H 4240" {
			t.Errorf("%v / %v", rows[0], rows[1])
		}
		senate := 0
		for _, r := range rows[1:] {
			if r[8] == "upper" {
				senate++
				if r[4] != "2025-06-30" || r[11] != "not published" || r[7] == "" ||
					r[17] != "Senate roll call 2025-06-30, passed (the export gives no counts): members' votes not published" {
					t.Errorf("%q", r)
				}
			}
		}
		if senate != 40 {
			t.Errorf("%d rows of the Senate", senate)
		}
	})
}

// TestImportSessionVerbMatchesLater: votes kept unmatched because the legislators were
// not loaded yet are matched by the next import of the export, which says so.
func TestImportSessionVerbMatchesLater(t *testing.T) {
	if _, err := os.Stat(maSession); err != nil {
		t.Skipf("shared data not here: %v", err)
	}
	path := filepath.Join(t.TempDir(), "chapter.db")
	must := func(args ...string) string {
		t.Helper()
		code, out, errOut := chapterdesk(t, append(args, "--db", path)...)
		if code != 0 {
			t.Fatalf("%v: exit %d, %s%s", args, code, out, errOut)
		}
		return out
	}
	// The demo's legislators have no ocd-person ids: nearly every vote is unmatched.
	must("demo", "--volunteers", "50", "--calls", "200", "--seed", "3")
	must("campaign", "link", "1", "S.1305", "--session", "194th", "--to", "H 4240")
	out := must("import", "session", maSession, "--exported", "2026-04-05")
	if !strings.Contains(out, "18 roll calls, 2718 votes (0 by voter_id,") || !strings.Contains(out, "not matched to a legislator: 2") {
		t.Fatalf("%s", out)
	}
	must("import", "legislators", "../../../shared/data/openstates/ma.csv", "--retire-missing")
	out = must("import", "session", maSession, "--exported", "2026-04-05")
	var matched int
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, " votes matched now that were unmatched before") {
			fmt.Sscanf(line, "%d votes", &matched)
		}
	}
	// Nearly all: about 4% of Massachusetts rows name no one the directory can tell.
	if matched < 2500 || matched >= 2718 || !strings.Contains(out, "import batch") || strings.Contains(out, "0 changed") {
		t.Errorf("%d matched now:\n%s", matched, out)
	}
	if out := must("import", "session", maSession, "--exported", "2026-04-05"); !strings.Contains(out, "0 changed") ||
		strings.Contains(out, "matched now") {
		t.Errorf("a third time: %s", out)
	}
}

func TestSeveralCampaignsVerbs(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "chapter.db")
	must := func(args ...string) string {
		t.Helper()
		code, out, errOut := chapterdesk(t, append(args, "--db", path)...)
		if code != 0 {
			t.Fatalf("%v: exit %d, %s%s", args, code, out, errOut)
		}
		return out
	}
	must("demo", "--volunteers", "50", "--calls", "200", "--seed", "3")
	camp := filepath.Join(dir, "c.json")
	must("campaign", "export", "1", camp)
	data, _ := os.ReadFile(camp)
	// A second campaign: another UUID, no FAQ or steps of the first.
	text := strings.Replace(string(data), "6f1c2b0e-3d4a-4c6b-9a51-5ca0c0a1e001", "0190f0a0-0000-7000-8000-000000000002", 1)
	text = text[:strings.Index(text, `"faq"`)] + `"faq": [], "help_steps": []}}`
	os.WriteFile(camp, []byte(text), 0o600)
	must("campaign", "import", camp)

	t.Run("the newest campaign is the default until it is archived", func(t *testing.T) {
		if out := must("campaign", "list"); !strings.HasPrefix(out, "2\t") {
			t.Errorf("%s", out)
		}
		if out := must("campaign", "archive", "2"); !strings.Contains(out, "is archived") {
			t.Errorf("%s", out)
		}
		out := must("campaign", "list")
		if !strings.HasPrefix(out, "1\t") || !strings.Contains(out, "(archived)") {
			t.Errorf("%s", out)
		}
		if out := must("report", filepath.Join(dir, "r.xlsx")); !strings.Contains(out, "200 calls") && !strings.Contains(out, "Safe Communities Act") {
			t.Errorf("%s", out)
		}
		if out := must("report", filepath.Join(dir, "r2.xlsx"), "--campaign", "2", "--all"); !strings.Contains(out, "0 calls") {
			t.Errorf("the archived campaign's own workbook: %s", out)
		}
	})
	t.Run("a campaign's state and votes needed are its own", func(t *testing.T) {
		// The Senate's 21 votes were Massachusetts': New Hampshire's are said anew.
		if code, _, errOut := chapterdesk(t, "campaign", "set", "2", "--state", "nh", "--votes-lower", "201", "--db", path); code == 0 ||
			!strings.Contains(errOut, "The 21 Senate votes needed were set for MA") {
			t.Errorf("exit %d: %s", code, errOut)
		}
		if out := must("campaign", "set", "2", "--state", "nh", "--votes-upper", "13", "--votes-lower", "201"); !strings.Contains(out, "state NH") ||
			!strings.Contains(out, "13 Senate and 201 House votes") {
			t.Errorf("%s", out)
		}
		// More votes than the chamber has members in office on file.
		if code, _, errOut := chapterdesk(t, "campaign", "set", "1", "--votes-lower", "500", "--db", path); code == 0 ||
			!strings.Contains(errOut, "500 House votes needed, but MA has") {
			t.Errorf("exit %d: %s", code, errOut)
		}
		if code, _, _ := chapterdesk(t, "campaign", "set", "2", "--state", "Mass", "--db", path); code == 0 {
			t.Error("a state that is not a code was taken")
		}
		if code, _, errOut := chapterdesk(t, "campaign", "set", "2", "--votes-upper", "-3", "--db", path); code != 2 ||
			!strings.Contains(errOut, "--votes-upper -3: the votes needed are a positive number") {
			t.Errorf("exit %d: %s", code, errOut)
		}
	})
	t.Run("a link to a session not imported says it waits for it", func(t *testing.T) {
		out := must("campaign", "link", "1", "H.3269", "--session", "2024", "--to", "HB 1634")
		if !strings.Contains(out, "no export of session 2024 of MA is imported here yet (MA sessions here: none yet): the link waits for it") {
			t.Errorf("%s", out)
		}
	})
}

func TestWhipBoardVerb(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "chapter.db")
	if code, out, errOut := chapterdesk(t, "demo", "--volunteers", "50", "--calls", "500", "--seed", "3", "--db", path); code != 0 {
		t.Fatal(out, errOut)
	}
	pdf := filepath.Join(dir, "board.pdf")
	code, out, errOut := chapterdesk(t, "whipboard", pdf, "--chamber", "upper", "--db", path)
	if code != 0 || !strings.Contains(out, "whip board of Safe Communities Act, 40 legislators") {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	if data, err := os.ReadFile(pdf); err != nil || !strings.HasPrefix(string(data), "%PDF") {
		t.Errorf("%v", err)
	}
	if code, _, errOut := chapterdesk(t, "whipboard", pdf, "--chamber", "senate", "--db", path); code == 0 || !strings.Contains(errOut, "upper or lower") {
		t.Errorf("exit %d, %q", code, errOut)
	}
}

// TestImportSessionDryRunCreatesNothing: a dry run of a session import into a file
// that does not exist yet creates nothing (not the file, its lock or its .checked, not
// the data folder), as the other imports' dry runs do since 88035ee: it says what the
// import would do to a new chapter.
func TestImportSessionDryRunCreatesNothing(t *testing.T) {
	if _, err := os.Stat(maSession); err != nil {
		t.Skipf("shared data not here: %v", err)
	}
	t.Run("with --db", func(t *testing.T) {
		dir := t.TempDir()
		code, out, errOut := chapterdesk(t, "import", "session", maSession, "--dry-run", "--exported", "2026-04-05",
			"--db", filepath.Join(dir, "new.db"))
		if code != 0 || !strings.Contains(out, "dry run, nothing written") {
			t.Errorf("exit %d: %s%s", code, out, errOut)
		}
		if entries, _ := os.ReadDir(dir); len(entries) > 0 {
			t.Errorf("the dry run left %s", entries[0].Name())
		}
	})
	t.Run("in the data folder", func(t *testing.T) {
		home := t.TempDir()
		t.Setenv("HOME", home)
		t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "config"))
		t.Setenv("CHAPTERDESK_DB", "")
		code, out, errOut := chapterdesk(t, "import", "session", maSession, "--dry-run", "--exported", "2026-04-05")
		if code != 0 || !strings.Contains(out, "dry run, nothing written") {
			t.Errorf("exit %d: %s%s", code, out, errOut)
		}
		if entries, _ := os.ReadDir(home); len(entries) > 0 {
			t.Errorf("the dry run made %s", entries[0].Name())
		}
	})
}
