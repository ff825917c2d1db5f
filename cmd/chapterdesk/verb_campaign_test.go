package main

import (
	"context"
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
	senateSponsors := func(path string) int {
		t.Helper()
		s, err := db.Open(context.Background(), path, db.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		w, err := s.WhipCount(context.Background(), 1)
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

	second := filepath.Join(dir, "legislators-first.db")
	run(second, "import", "legislators", ma, "--state", "MA")
	out := run(second, "campaign", "import", campaign)
	t.Run("imported after the legislators, the campaign marks its sponsor and says so", func(t *testing.T) {
		if !strings.Contains(out, "Sen. Jamie Eldridge marked as the sponsor of S.1305 in the whip count") {
			t.Errorf("%s", out)
		}
		if a, b := senateSponsors(first), senateSponsors(second); a != 1 || b != 1 {
			t.Errorf("Senate sponsors: %d with the campaign first, %d with the legislators first", a, b)
		}
	})
	t.Run("the same legislator file again changes nothing", func(t *testing.T) {
		if out := run(second, "import", "legislators", ma, "--state", "MA"); strings.Contains(out, "marked") {
			t.Errorf("%s", out)
		}
	})
}
