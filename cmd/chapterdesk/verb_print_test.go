package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
)

func pdfToText(t *testing.T, path string) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func TestLeafletVerb(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.db")
	chapterdesk(t, "demo", "--volunteers", "100", "--calls", "300", "--db", path)

	t.Run("writes the leaflet in the language asked for", func(t *testing.T) {
		out := filepath.Join(dir, "es.pdf")
		code, stdout, stderr := chapterdesk(t, "leaflet", out, "--lang", "es", "--layout", "trifold", "--paper", "a4", "--db", path)
		if code != 0 || !strings.Contains(stdout, "trifold leaflet, a4, 2 page(s)") || stderr != "" {
			t.Fatalf("exit %d, %q, %q", code, stdout, stderr)
		}
		text := pdfToText(t, out)
		for _, want := range []string{"Ley de Comunidades Seguras", "S.1305", "¿Aumentará la delincuencia?"} {
			if !strings.Contains(text, want) {
				t.Errorf("no %q", want)
			}
		}
		if matches, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(matches) > 0 {
			t.Errorf("temporary files left: %v", matches)
		}
	})
	t.Run("refuses a layout, paper or language it does not have", func(t *testing.T) {
		for _, c := range []struct {
			args []string
			code int
			msg  string
		}{
			{[]string{"--layout", "poster"}, 2, "unknown layout"},
			{[]string{"--paper", "legal"}, 2, "unknown paper"},
			{[]string{"--lang", "fr"}, 1, "has no fr texts (it has en, es, pt)"},
			{[]string{"--campaign", "99"}, 1, `no campaign "99"`},
		} {
			out := filepath.Join(dir, "bad.pdf")
			code, _, stderr := chapterdesk(t, append([]string{"leaflet", out, "--db", path}, c.args...)...)
			if code != c.code || !strings.Contains(stderr, c.msg) {
				t.Errorf("%v: exit %d, %q", c.args, code, stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%v: wrote %s", c.args, out)
			}
		}
	})
	t.Run("tells the lead on stderr which characters no font has", func(t *testing.T) {
		s, err := db.Open(context.Background(), path, db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		c, _ := db.ParseCampaignFile(assets.StarterCampaign)
		c.FAQ[0].Entries[0].Answer["en"] = "Yes 😀 且"
		_, err = s.SaveCampaign(context.Background(), c)
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		code, _, stderr := chapterdesk(t, "leaflet", filepath.Join(dir, "emoji.pdf"), "--db", path)
		// 且 prints, in the CJK fallback face; the emoji no face has is still said.
		if code != 0 || !strings.Contains(stderr, "warning: The font has no 😀 (U+1F600)") || strings.Contains(stderr, "U+4E14") {
			t.Errorf("exit %d, %q", code, stderr)
		}
	})
}

func TestCallSheetsVerb(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.db")
	chapterdesk(t, "demo", "--volunteers", "200", "--calls", "300", "--db", path)
	out := filepath.Join(dir, "calls.pdf")
	code, stdout, stderr := chapterdesk(t, "callsheets", out, "--volunteers", "tag:phonebank", "--db", path)
	if code != 0 || !strings.Contains(stdout, "call sheets") {
		t.Fatalf("exit %d, %q, %q", code, stdout, stderr)
	}
	ctx := context.Background()
	s, err := db.Open(ctx, path, db.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	vols, err := s.ListVolunteers(ctx, db.VolunteerFilter{Tag: "phonebank", Contactable: true}, 0, 1000)
	if err != nil || len(vols) == 0 {
		t.Fatalf("%d phonebank volunteers, %v", len(vols), err)
	}
	all, _ := s.ListVolunteers(ctx, db.VolunteerFilter{Tag: "phonebank"}, 0, 1000)
	text := pdfToText(t, out)
	if n := strings.Count(text, "Caller: "); n != len(vols) || n == len(all) {
		t.Errorf("%d sheets for %d volunteers who may be contacted (%d in all)", n, len(vols), len(all))
	}
	// Do-not-contact, moved and inactive volunteers get a sheet only when asked for.
	everyone := filepath.Join(dir, "everyone.pdf")
	if code, _, stderr := chapterdesk(t, "callsheets", everyone, "--volunteers", "tag:phonebank", "--include-do-not-contact", "--db", path); code != 0 {
		t.Fatalf("--include-do-not-contact: exit %d, %q", code, stderr)
	}
	if n := strings.Count(pdfToText(t, everyone), "Caller: "); n != len(all) {
		t.Errorf("--include-do-not-contact: %d sheets for %d volunteers", n, len(all))
	}
	v := vols[len(vols)/2]
	own, err := s.LegislatorsForDistricts(ctx, v.SenateDistrict, v.HouseDistrict)
	if err != nil || len(own) == 0 {
		t.Fatalf("%s has no legislators (%v)", v.Name(), err)
	}
	// The volunteer's own sheet: from their name to the next caller's.
	_, sheet, _ := strings.Cut(text, "Caller: "+v.Name())
	sheet, _, _ = strings.Cut(sheet, "Caller: ")
	for _, l := range own {
		for _, want := range []string{l.Chamber.Title() + " " + l.Name, l.CapitolPhone, "ask " + l.Chamber.Title() + " " + l.Name} {
			if want != "" && !strings.Contains(sheet, want) {
				t.Errorf("%s's sheet has no %q:\n%s", v.Name(), want, sheet)
			}
		}
		if l.DistrictPhone != "" && !strings.Contains(sheet, l.DistrictPhone) {
			t.Errorf("%s's sheet has no district phone %q", v.Name(), l.DistrictPhone)
		}
	}
	if code, _, stderr := chapterdesk(t, "callsheets", out, "--volunteers", "team:x", "--db", path); code != 2 || !strings.Contains(stderr, "tag:NAME") {
		t.Errorf("bad --volunteers: exit %d, %q", code, stderr)
	}
}

func TestCampaignFiles(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	chapterdesk(t, "demo", "--volunteers", "10", "--calls", "10", "--db", a)
	ctx := context.Background()

	// A second campaign with a fourth language, so the round trip carries more than
	// the starter campaign every new file already has.
	c, _ := db.ParseCampaignFile(assets.StarterCampaign)
	c.UUID, c.Revision = "0b9a3c1e-7d2f-4e55-8c1a-2f6d0e9b7a11", 3
	c.Texts["vi"] = db.CampaignTexts{Name: "Đạo luật Cộng đồng An toàn", Summary: "Bảo vệ quyền công dân."}
	c.FAQ[0].Entries[0].Question["vi"] = "Đạo luật này là gì?"
	for i := range c.FAQ { // its own sections, entries and steps: SaveCampaign gives them UUIDs
		c.FAQ[i].UUID = ""
		for j := range c.FAQ[i].Entries {
			c.FAQ[i].Entries[j].UUID = ""
		}
	}
	for i := range c.HelpSteps {
		c.HelpSteps[i].UUID = ""
	}
	s, err := db.Open(ctx, a, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.SaveCampaign(ctx, c)
	s.Close()
	if err != nil {
		t.Fatal(err)
	}

	t.Run("list prints one campaign a line, its ID first", func(t *testing.T) {
		code, out, _ := chapterdesk(t, "campaign", "list", "--db", a)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != 0 || len(lines) != 2 || !strings.HasPrefix(lines[0], "2\t"+c.UUID+"\trevision 3") || !strings.HasPrefix(lines[1], "1\t") {
			t.Errorf("exit %d:\n%s", code, out)
		}
	})
	first, second := filepath.Join(dir, "first.json"), filepath.Join(dir, "second.json")
	t.Run("export, import into an empty file and export again give the same content", func(t *testing.T) {
		if code, out, errOut := chapterdesk(t, "campaign", "export", c.UUID, first, "--db", a); code != 0 || !strings.Contains(out, "revision 3") {
			t.Fatalf("export: exit %d, %q %q", code, out, errOut)
		}
		code, out, errOut := chapterdesk(t, "campaign", "import", first, "--db", b)
		if code != 0 || !strings.Contains(out, "imported campaign") {
			t.Fatalf("import: exit %d, %q %q", code, out, errOut)
		}
		if code, _, errOut := chapterdesk(t, "campaign", "export", c.UUID, second, "--db", b); code != 0 {
			t.Fatalf("export again: %q", errOut)
		}
		one, _ := os.ReadFile(first)
		two, _ := os.ReadFile(second)
		if !bytes.Equal(one, two) || !bytes.Contains(one, []byte("Đạo luật này là gì?")) {
			t.Errorf("the files differ:\n%s\n----\n%s", one, two)
		}
	})
	t.Run("a newer revision updates the campaign and keeps the chapter's own additions", func(t *testing.T) {
		s, err := db.Open(ctx, a, db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		mine, _ := s.Campaign(ctx, id)
		mine.FAQ[1].Entries = append(mine.FAQ[1].Entries, db.FAQEntry{
			Question: db.Translated{"en": "Where does our town stand?"}, Answer: db.Translated{"en": "Ask us!"}})
		mine.Texts["ht"] = db.CampaignTexts{Name: "Lwa Kominote ki an Sekirite"}
		if _, err := s.SaveCampaign(ctx, mine); err != nil {
			t.Fatal(err)
		}
		s.Close()
		newer := c
		newer.Revision = 4
		newer.ActionURL = "https://example.org/act-now"
		data, _ := db.MarshalCampaignFile(newer)
		rev4 := filepath.Join(dir, "rev4.json")
		os.WriteFile(rev4, data, 0o600)
		code, out, errOut := chapterdesk(t, "campaign", "import", rev4, "--db", a)
		if code != 0 || !strings.Contains(out, "from revision 3 to 4") {
			t.Fatalf("exit %d, %q %q", code, out, errOut)
		}
		chapterdesk(t, "campaign", "export", c.UUID, second, "--db", a)
		got, _ := os.ReadFile(second)
		for _, want := range []string{"act-now", "Where does our town stand?", "Lwa Kominote", `"revision": 4`} {
			if !bytes.Contains(got, []byte(want)) {
				t.Errorf("no %q after the update", want)
			}
		}
	})
	t.Run("an older revision is refused and changes nothing", func(t *testing.T) {
		code, _, errOut := chapterdesk(t, "campaign", "import", first, "--db", a)
		if code != 1 || !strings.Contains(errOut, "older revision") || !strings.Contains(errOut, "revision 3, this chapter already has revision 4") {
			t.Errorf("exit %d, %q", code, errOut)
		}
	})
	t.Run("refuses a copied file whose FAQ belongs to another campaign", func(t *testing.T) {
		copied, _ := db.ParseCampaignFile(assets.StarterCampaign)
		copied.UUID = "5d0c8e4a-1b2f-4c3d-9e8f-7a6b5c4d3e2f"
		data, _ := db.MarshalCampaignFile(copied)
		file := filepath.Join(dir, "copied.json")
		os.WriteFile(file, data, 0o600)
		code, _, errOut := chapterdesk(t, "campaign", "import", file, "--db", a)
		if code != 1 || !strings.Contains(errOut, "FAQ section b6f8527b-a826-4b4a-a96e-0fcf059603cb belongs to campaign 6f1c2b0e") {
			t.Errorf("exit %d, %q", code, errOut)
		}
		if _, out, _ := chapterdesk(t, "campaign", "list", "--db", a); strings.Count(out, "\n") != 2 {
			t.Errorf("a campaign was added:\n%s", out)
		}
	})
	t.Run("refuses what is not a campaign file", func(t *testing.T) {
		bad := filepath.Join(dir, "bad.json")
		os.WriteFile(bad, []byte(`{"format": "something-else", "version": 1}`), 0o600)
		for _, args := range [][]string{{"import", bad}, {"import", filepath.Join(dir, "none.json")}, {"export", "42", first}, {"frob"}} {
			if code, _, errOut := chapterdesk(t, append(append([]string{"campaign"}, args...), "--db", a)...); code == 0 || strings.Count(errOut, "\n") != 1 {
				t.Errorf("%v: exit %d, %q", args, code, errOut)
			}
		}
	})
}

func TestStatsListsDistrictsNotInTheDirectory(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "c.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.CreateLegislator(ctx, db.Legislator{Chamber: db.ChamberUpper, District: "Second Suffolk", Name: "Liz Miranda", InOffice: true})
	for _, d := range []string{"second suffolk", "Suffolk-ish", "Suffolk-ish"} {
		v := db.NewVolunteer("Ana", "Souza")
		v.SenateDistrict = d
		if _, err := s.CreateVolunteer(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	code, out, stderr := chapterdesk(t, "stats", "--db", path)
	if code != 0 || !strings.Contains(out, `2 volunteers have a district not in the directory: "Suffolk-ish" (Senate, 2)`) {
		t.Errorf("exit %d, %q, %q", code, out, stderr)
	}
}

// The callsheets verb says how many sheets it prints and refuses more than
// maxSheetsUnasked without --yes (issue 15: 20,377 pages without a word).
func TestCallSheetsCount(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.db")
	chapterdesk(t, "demo", "--volunteers", "60", "--calls", "10", "--db", path)
	old := maxSheetsUnasked
	maxSheetsUnasked = 20
	defer func() { maxSheetsUnasked = old }()
	out := filepath.Join(dir, "calls.pdf")
	code, stdout, stderr := chapterdesk(t, "callsheets", out, "--db", path)
	if code != 2 || !strings.Contains(stdout, "call sheets (") || !strings.Contains(stderr, "--yes") {
		t.Errorf("over the limit: exit %d, %q, %q", code, stdout, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused run wrote %s (%v)", out, err)
	}
	code, stdout, stderr = chapterdesk(t, "callsheets", out, "--yes", "--db", path)
	if code != 0 || !strings.Contains(stdout, "printing ") {
		t.Errorf("--yes: exit %d, %q, %q", code, stdout, stderr)
	}
}

// One volunteer's phone bank printed "1 call sheets (1 pages or more)" (the
// first-day walk).
func TestCounted(t *testing.T) {
	for n, want := range map[int]string{0: "0 call sheets", 1: "1 call sheet", 2: "2 call sheets"} {
		if got := counted(n, "call sheet"); got != want {
			t.Errorf("%d: %q, want %q", n, got, want)
		}
	}
}

// A campaign bill linked to a session under another number (H.3269, refiled as
// H 5293 in the 194th) printed the old number on every call sheet and leaflet
// without a word (found by the tester): each printing verb says which number it
// names and how to print the new one.
func TestPrintingSaysALinkedBillHasANewNumber(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.db")
	chapterdesk(t, "demo", "--volunteers", "5", "--calls", "0", "--db", path)
	const note = "warning: the campaign's bill H.3269 is followed as H 5293 in session 194th of MA: this prints H.3269; " +
		"edit the campaign's bill numbers if the new number should be printed"
	for _, verb := range []string{"leaflet", "callsheets", "whipboard"} {
		code, _, stderr := chapterdesk(t, verb, filepath.Join(dir, verb+".pdf"), "--db", path)
		if code != 0 || strings.Contains(stderr, "followed as") {
			t.Errorf("%s before the link: exit %d, %q", verb, code, stderr)
		}
	}
	if code, _, stderr := chapterdesk(t, "campaign", "link", "1", "H.3269", "--session", "194th", "--to", "H 5293", "--db", path); code != 0 {
		t.Fatalf("link: exit %d, %q", code, stderr)
	}
	// A link that keeps the campaign's number needs no word.
	if code, _, stderr := chapterdesk(t, "campaign", "link", "1", "S.1305", "--session", "193rd", "--db", path); code != 0 {
		t.Fatalf("link: exit %d, %q", code, stderr)
	}
	for _, verb := range []string{"leaflet", "callsheets", "whipboard"} {
		code, _, stderr := chapterdesk(t, verb, filepath.Join(dir, verb+".pdf"), "--db", path)
		if code != 0 || !strings.Contains(stderr, note) || strings.Count(stderr, "followed as") != 1 {
			t.Errorf("%s: exit %d, %q", verb, code, stderr)
		}
	}
}
