package importer_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer"
)

// A call log that shows it writes the day first ("13/11/2025") is never imported
// with its other dates read month first (tester t3 F14: "05/12/2026" filed as 12 May
// with only a "may be" line): it is refused, nothing imported, naming both rows and
// --day-first; with --day-first every date of it is read day first.
func TestCallLogWrittenDayFirst(t *testing.T) {
	const form = "Date;Caller;Legislator;Outcome;Stance heard;Notes\n" +
		"05/12/2025 14:00;Renée Côté;Sen. Pat Jehlen;Spoke with staff;Yes;fr1\n" +
		"13/11/2025 10:00;Renée Côté;Rep. Erika Uyterhoeven;Spoke with staff;Yes;fr2\n" +
		"02/11/2025 10:00;François Müller;Rep. Mike Connolly;Spoke with staff;No;fr3\n"
	read := func(opts importer.Options) ([]db.IncomingCall, error) {
		f, err := importer.OpenCallsWith(strings.NewReader(form), opts)
		if err != nil {
			t.Fatal(err)
		}
		var rows []db.IncomingCall
		err = f.Rows(true)(func(in *db.IncomingCall) error { rows = append(rows, *in); return nil })
		return rows, err
	}
	t.Run("refuses the file when its other dates were read month first", func(t *testing.T) {
		_, err := read(importer.Options{})
		if err == nil {
			t.Fatal("imported")
		}
		for _, want := range []string{"13/11/2025 10:00", "05/12/2025 14:00", "--day-first", "nothing imported"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%v: does not say %q", err, want)
			}
		}
	})
	t.Run("reads every date day first with --day-first", func(t *testing.T) {
		rows, err := read(importer.Options{DayFirst: true})
		if err != nil || len(rows) != 3 {
			t.Fatalf("%v, %d rows", err, len(rows))
		}
		for i, want := range []time.Time{time.Date(2025, 12, 5, 14, 0, 0, 0, time.UTC),
			time.Date(2025, 11, 13, 10, 0, 0, 0, time.UTC), time.Date(2025, 11, 2, 10, 0, 0, 0, time.UTC)} {
			if got := rows[i].WrittenAt; !got.Equal(want) {
				t.Errorf("line %d: %v, want %v", rows[i].Line, got, want)
			}
		}
	})
}
