package importer_test

import (
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/chapterdesk/chapterdesk/importer"
)

// TestReadSessionTableOfAnotherEncoding (tester t10): with only vote_people saved as
// Windows-1252, the export was refused advising to read it as Windows-1252, and
// `--encoding windows-1252` then refused bills.csv, UTF-8 read as Windows-1252. The
// advice names the table, and with --encoding each table is judged on its own: one
// that reads as UTF-8 is read so, the others in the encoding named, and the reading
// says which.
func TestReadSessionTableOfAnotherEncoding(t *testing.T) {
	if _, err := os.Stat(sessionsDir + "ma-194th"); err != nil {
		t.Skip("shared data not here")
	}
	dir := copyExport(t, "ma-194th", func(name string, data []byte) (string, []byte) {
		if strings.HasSuffix(name, "_vote_people.csv") {
			var err error
			if data, err = charmap.Windows1252.NewEncoder().Bytes(data); err != nil {
				t.Fatal(err)
			}
		}
		return name, data
	})
	_, err := importer.ReadSession(dir, time.Time{}, "")
	if err == nil || !strings.Contains(err.Error(), "--encoding windows-1252") ||
		!strings.Contains(err.Error()[strings.Index(err.Error(), "--encoding"):], "MA_194th_vote_people.csv") {
		t.Errorf("err %v; want the advice to name the table and --encoding windows-1252", err)
	}
	sf, err := importer.ReadSession(dir, time.Time{}, "windows-1252")
	if err != nil {
		t.Fatalf("read as advised: %v", err)
	}
	if strings.Join(sf.ReadAs, ",") != "MA_194th_vote_people.csv" {
		t.Errorf("read as Windows-1252: %v; want vote_people alone", sf.ReadAs)
	}
	accented := 0
	for _, v := range sf.Votes {
		if !utf8.ValidString(v.VoterName) || strings.ContainsAny(v.VoterName, "Ã\ufffd") {
			t.Fatalf("voter %q", v.VoterName)
		}
		if strings.ContainsAny(v.VoterName, "áéíóúñ") {
			accented++
		}
	}
	if accented == 0 {
		t.Error("no accented voter name read")
	}
	want := readSession(t, "ma-194th", "")
	for i, b := range sf.Bills {
		if b.Title != want.Bills[i].Title {
			t.Fatalf("bill %s: %q, want %q", b.Identifier, b.Title, want.Bills[i].Title)
		}
	}
}
