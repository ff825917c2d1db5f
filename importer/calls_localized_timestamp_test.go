package importer_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/importer"
)

// TestCallFormLocalizedTimestamp: Google Forms names its submission time column in
// the form owner's language: "Horodateur" (French) and "Zeitstempel" (German) were
// refused, "recognised, but it has no column for called_at" (tester s46). They are
// read as "Timestamp" is, with the dates those sheets write: a German sheet's
// "07.12.2026 10:00:00" is 7 December (a date with dots puts its day first); a
// French one's "07/12/2026 10:00:00" reads either way, so it is not taken as 12 July
// without a word: the file's time column is named as a day-first language's
// (DayFirstHeader, which the import's check names) and the time counted as reading
// either way; read day first (--day-first) it is 7 December.
func TestCallFormLocalizedTimestamp(t *testing.T) {
	rest := ",Your name,Your email,Legislator called,What happened?\n"
	row := ",Rosa Almeida,rosa@example.org,Rep. Dan Donahue,Spoke with staff\n"
	dec7 := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		header, stamp string
		either        bool // the time reads either way, and the header says the day may be first
	}{
		{"Horodateur", "07/12/2026 10:00:00", true},
		{"Zeitstempel", "07.12.2026 10:00:00", false},
		{"Zeitstempel", "7.12.2026 10:00", false},
		{"Marca temporal", "07/12/2026 10:00:00", true},
		{"Carimbo de data/hora", "07/12/2026 10:00:00", true},
	} {
		t.Run(c.header+" "+c.stamp, func(t *testing.T) {
			in, err := importer.ReadCalls(strings.NewReader(c.header+rest+c.stamp+row), "")
			if err != nil {
				t.Fatal(err)
			}
			if len(in.Problems) != 0 || len(in.Rows) != 1 {
				t.Fatalf("%d rows, problems %v", len(in.Rows), in.Problems)
			}
			if c.either {
				if in.DayFirstHeader != c.header || in.EitherWay != 1 {
					t.Errorf("day-first header %q, %d read either way: the time is read month first without a word", in.DayFirstHeader, in.EitherWay)
				}
				in, err = importer.ReadCallsWith(strings.NewReader(c.header+rest+c.stamp+row), importer.Options{DayFirst: true})
				if err != nil || len(in.Rows) != 1 {
					t.Fatalf("day first: %v %v", err, in.Problems)
				}
			}
			if got := in.Rows[0].CalledAt; !got.Equal(dec7) {
				t.Errorf("read as %s, want %s", got, dec7)
			}
		})
	}
	t.Run("a French sheet's day after the 12th is not read month first", func(t *testing.T) {
		in, err := importer.ReadCalls(strings.NewReader("Horodateur"+rest+"13/11/2026 10:00:00"+row), "")
		if err != nil {
			t.Fatal(err)
		}
		if len(in.Rows) != 0 || len(in.Problems) != 1 || in.DayFirst != 1 {
			t.Errorf("rows %+v, problems %v", in.Rows, in.Problems)
		}
	})
}
