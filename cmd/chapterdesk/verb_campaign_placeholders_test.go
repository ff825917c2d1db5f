package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
)

// TestUnknownPlaceholdersAreNamed: a campaign file whose call script had a typo
// ({caler_name}) or a placeholder in another case ({Legislator_Name}) was imported
// without a word, and every call sheet printed them raw, for volunteers to read
// aloud. The import and the call sheets now name each, with the placeholder meant.
func TestUnknownPlaceholdersAreNamed(t *testing.T) {
	path, id := sheetDesk(t, "", map[string][2]string{"Ann Boston": {"First Suffolk", "1st Suffolk"}})
	c, err := db.ParseCampaignFile(assets.StarterCampaign)
	if err != nil {
		t.Fatal(err)
	}
	c.Revision++ // the coalition's next edition, with a typo
	en := c.Texts["en"]
	en.CallScript += " {caler_name} asks {Legislator_Name} about {bill}."
	c.Texts["en"] = en
	data, err := db.MarshalCampaignFile(c)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "typo.json")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	wants := []string{"unknown placeholder {caler_name} in the en call script: did you mean {caller_name}?",
		"unknown placeholder {Legislator_Name} in the en call script: did you mean {legislator_name}?",
		"unknown placeholder {bill} in the en call script (the placeholders are {caller_name}"}
	code, stdout, stderr := chapterdesk(t, "campaign", "import", file, "--db", path)
	for _, w := range wants {
		if code != 0 || !strings.Contains(stderr, w) {
			t.Errorf("campaign import: exit %d, %q, %q; want %q", code, stdout, stderr, w)
		}
	}
	out := filepath.Join(t.TempDir(), "cs.pdf")
	code, stdout, stderr = chapterdesk(t, "callsheets", out, "--campaign", id, "--db", path)
	for _, w := range wants {
		if code != 0 || !strings.Contains(stderr, "warning: "+w) {
			t.Errorf("callsheets: exit %d, %q, %q; want %q", code, stdout, stderr, w)
		}
	}
	if _, _, stderr := chapterdesk(t, "callsheets", out, "--campaign", id, "--lang", "es", "--db", path); strings.Contains(stderr, "placeholder") {
		t.Errorf("the es sheets warn of the en script: %q", stderr)
	}
}
