package csvfile_test

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"github.com/chapterdesk/chapterdesk/importer/csvfile"
)

// A file with one or two accented names, as Excel for Mac's "CSV (Macintosh)" writes
// it (Mac Roman, CR line ends), was read as Windows-1252 without a word: "María
// García" stored as "Mar’a Garc’a", "Zoë Müller" as "Zo‘ MŸller", "Iñaki Ibáñez" as
// "I–aki Ib‡–ez", "Björn Åström" with a U+FFFD (tester t8). The same names saved by
// Excel on Windows (Windows-1252, CRLF) must still read as Windows-1252, and so must
// apostrophes between letters there ("O’Brien", "D’Angelo", "don’t", "l’été").
func TestMacRomanFewNames(t *testing.T) {
	names := [][2]string{
		{"María", "García"}, {"Martín", "Díaz"}, {"Zoë", "Müller"}, {"Iñaki", "Ibáñez"},
		{"Björn", "Åström"}, {"José", "Núñez"}, {"Søren", "Kierkegaard"}, {"Anaïs", "Nin"},
		{"Jürgen", "Groß"}, {"Ana", "O’Brien"}, {"Chloé", "D’Amato"}, {"Zoë", "Park"},
		{"Renée", "Lefèvre"}, {"João", "Conceição"}, {"François", "Côté"}, {"Inês", "Gonçalves"},
	}
	for _, n := range names {
		text := "First Name,Last Name,Email\r" + n[0] + "," + n[1] + ",x@example.org\rAna,Silva,ana@example.org\r"
		mac, err := charmap.Macintosh.NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		r, rows := readAll(t, mac, csvfile.Options{})
		if r.Encoding() != "Mac Roman" || len(rows) == 0 || rows[0].Err != "" || rows[0].Cells[0] != n[0] || rows[0].Cells[1] != n[1] {
			t.Errorf("Mac Roman %s %s: read as %s: %v", n[0], n[1], r.Encoding(), rows)
		}
		win, err := charmap.Windows1252.NewEncoder().Bytes([]byte(strings.ReplaceAll(text, "\r", "\r\n")))
		if err != nil {
			t.Fatal(err)
		}
		r, rows = readAll(t, win, csvfile.Options{})
		if r.Encoding() != "Windows-1252" || len(rows) == 0 || rows[0].Err != "" || rows[0].Cells[0] != n[0] || rows[0].Cells[1] != n[1] {
			t.Errorf("Windows-1252 %s %s: read as %s: %v", n[0], n[1], r.Encoding(), rows)
		}
	}
	// Apostrophes and dashes between letters are Windows-1252's, whatever the line ends.
	for _, text := range []string{
		"name,notes\nSam O’Brien,don’t call before noon\nAl D’Angelo,l’été\n",
		"name,notes\rSam O’Brien,she’s in\rLee Smith–Jones,\r",
		"name,notes\r\nPat O’Neil,they’ll call — maybe\r\n",
	} {
		win, err := charmap.Windows1252.NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		if r, rows := readAll(t, win, csvfile.Options{}); r.Encoding() != "Windows-1252" {
			t.Errorf("%q: read as %s: %v", text, r.Encoding(), rows)
		}
	}
	// A call form's notes: "Habló en español".
	mac, _ := charmap.Macintosh.NewEncoder().Bytes([]byte("Your name,Notes\rMaría García,Habló en español\r"))
	if r, rows := readAll(t, mac, csvfile.Options{}); r.Encoding() != "Mac Roman" || len(rows) == 0 || rows[0].Cells[1] != "Habló en español" {
		t.Errorf("call form: read as %s: %v", r.Encoding(), rows)
	}
}

// When the bytes say Mac Roman and Windows-1252 alike, or nothing either way, the
// file is refused, showing a value read both ways and naming --encoding; it is never
// guessed. Named, the encoding is read as named.
func TestMacRomanOrWindowsUndecidedIsRefused(t *testing.T) {
	// "Zo\x91" is Mac Roman's "Zoë" and Windows-1252's "Zo‘"; CRLF line ends are
	// Windows', and nothing else tells.
	in := []byte("First Name,Last Name\r\nZo\x91,Park\r\n")
	_, err := csvfile.NewReader(bytes.NewReader(in), csvfile.Options{})
	if err == nil {
		t.Fatal("read; want refused")
	}
	for _, want := range []string{`"Zoë"`, `"Zo‘"`, "Mac Roman", "Windows-1252", "--encoding mac-roman", "--encoding windows-1252"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%v\nwant %s in it", err, want)
		}
	}
	for enc, want := range map[string]string{"mac-roman": "Zoë", "windows-1252": "Zo‘"} {
		r, rows := readAll(t, in, csvfile.Options{Encoding: enc})
		if len(rows) != 1 || rows[0].Cells[0] != want {
			t.Errorf("%s: %s %v; want %s", enc, r.Encoding(), rows, want)
		}
	}
	// Mac Roman letters and Windows-1252 letters in like numbers.
	mixed := []byte("First Name,Last Name\r\nMar\x92a,Ren\xe9e\r\n")
	if _, err := csvfile.NewReader(bytes.NewReader(mixed), csvfile.Options{}); err == nil || !strings.Contains(err.Error(), "--encoding") {
		t.Errorf("mixed: %v; want refused", err)
	}
}
