package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// TestImportLegislatorsDamagedCopyVerb (tester t5, defect 2): the real ma.csv imported,
// then again saved as ASCII ("Adam G?mez") or as Mac Roman (read as Windows-1252,
// "Adam G—mez"): "4 updated" and the four accented names damaged. Both are refused
// now, naming the rows. A copy without ids whose "Michael Moran" is Rep. Mike Moran
// renames him, listed, rather than adding a second member to 18th Suffolk, and its
// "Adam Gomez" does not take the accent off Sen. Adam Gómez.
func TestImportLegislatorsDamagedCopyVerb(t *testing.T) {
	const ma = "../../../shared/data/openstates/ma.csv"
	text, err := os.ReadFile(ma)
	if err != nil {
		t.Skipf("shared data not here: %v", err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "chapter.db")
	run := verbRunner(t)
	run(0, "import", "legislators", ma, "--db", path)

	ascii := []byte(strings.Map(func(r rune) rune {
		if r > 0x7f {
			return '?'
		}
		return r
	}, string(text)))
	mac, err := charmap.Macintosh.NewEncoder().Bytes(text)
	if err != nil {
		t.Fatal(err)
	}
	// The Mac Roman copy is read as Mac Roman (csvfile's macRomanEvidence): its names
	// are the roll's. Read as Windows-1252 all the same, it is refused.
	macFile := filepath.Join(dir, "ma_mac.csv")
	if err := os.WriteFile(macFile, mac, 0o600); err != nil {
		t.Fatal(err)
	}
	if out := run(0, "import", "legislators", macFile, "--state", "MA", "--db", path); !strings.Contains(out, "(Open States legislators, Mac Roman): 0 created, 0 updated, 198 unchanged") {
		t.Errorf("the Mac Roman copy, read as such:\n%s", out)
	}
	for name, c := range map[string]struct {
		file []byte
		says string
	}{
		"ma_q.csv":   {ascii, `line 4: "Adam G?mez" for Sen. Adam Gómez ("ó" became "?")`},
		"ma_mac.csv": {mac, `line 4: "Adam G—mez" for Sen. Adam Gómez (it is "Adam Gómez" saved as Mac Roman and read as Windows-1252)`},
	} {
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, c.file, 0o600); err != nil {
			t.Fatal(err)
		}
		out := run(1, "import", "legislators", file, "--state", "MA", "--db", path, "--encoding", "windows-1252")
		for _, want := range []string{c.says, "(4 rows); nothing was imported"} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: the refusal does not say %q", name, want)
			}
		}
	}

	rows, err := csv.NewReader(strings.NewReader(string(text))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	for i, r := range rows {
		if i > 0 {
			r[0] = "" // no ids
		}
		for j := range r {
			r[j] = strings.NewReplacer("Mike Moran", "Michael Moran", "Mike", "Michael", "Gómez", "Gomez").Replace(r[j])
		}
		w.Write(r)
	}
	w.Flush()
	noid := filepath.Join(dir, "ma_noid.csv")
	if err := os.WriteFile(noid, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	out := run(0, "import", "legislators", noid, "--state", "MA", "--db", path)
	for _, want := range []string{"0 created, 11 updated",
		"line 133: Rep. Mike Moran renamed Rep. Michael Moran (18th Suffolk)",
		`line 4: "Adam Gomez" not taken for Sen. Adam Gómez: it is "Adam Gómez" without its accents`} {
		if !strings.Contains(out, want) {
			t.Errorf("the import without ids does not say %q", want)
		}
	}
	if out := run(0, "stats", "--db", path); !strings.Contains(out, "legislators: 198\n") {
		t.Errorf("stats say %s; want the 198 legislators, none added", out)
	}
}
