package db

import "testing"

// TestStrayTitle: a title where no title of a person's name goes, in a caller's
// cell (tester, s46: "Oz Rep. Moran" was added as a volunteer "Oz Rep." / "Moran").
func TestStrayTitle(t *testing.T) {
	for name, want := range map[string]string{
		"Oz Rep. Moran": "Rep.", "Rep. Moran": "Rep.", "Oz Rep": "Rep", "Kim Senator Lee": "Senator", "Ana Sen. Lee": "Sen.",
		"Ana Dr. Silva": "Dr.", "Representante Walsh": "Representante",
		"Dr. Ana Silva": "", "Rev. Dr. Martin King": "", "Silva, Dr. Ana": "", "Uma Dr.": "", "Amartya Sen": "", "Sen Nguyen": "",
		"Wing Hon Chan": "", "Ana Silva PhD": "", "": "",
	} {
		if got := strayTitle(name); got != want {
			t.Errorf("strayTitle(%q) = %q, want %q", name, got, want)
		}
	}
}
