package importer_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer"
)

// A stamp whose date part is the row before's is read without parsing its date again
// (importer.clockOf): every stamp must read, in a file of rows of one day, exactly
// as it reads alone: the time filed, the time as written, the other reading of a
// date that reads either way, and a problem (a time the clocks skip) alike.
func TestSameDayStampsReadAsAlone(t *testing.T) {
	stamps := []string{
		"9/5/2023 8:30:13", "9/5/2023 8:31", "9/5/2023 23:59:59", "9/5/2023 9:05:07 PM", "9/5/2023 9:05:07",
		"02/11/2026 14:05", "02/11/2026 14:06:30", "02/11/2026 0:00", "02/11/2026",
		"2026-03-08 01:59:59", "2026-03-08 02:30:00", "2026-03-08 03:30:00",
		"2026-11-01 01:30:00", "2026-11-01 01:45:00", "2026-11-01 2:00",
		"12/12/2025 10:00", "12/12/2025 10:01", "12/12/2025 24:00", "12/12/2025 10:61",
		"Sep 5, 2023 8:30", "Sep 5, 2023 18:30", "07.12.2025 10:00", "07.12.2025 11:00",
	}
	const header = "Timestamp,Your name,Legislator called,What happened?\n"
	row := func(stamp string) string {
		return strconv.Quote(stamp) + ",Ana Silva,Rep. Tom Walsh,Left a voicemail\n"
	}
	read := func(form string) (map[int]db.IncomingCall, map[int]string) {
		f, err := importer.OpenCallsWith(strings.NewReader(form), importer.Options{})
		if err != nil {
			t.Fatal(err)
		}
		rows := map[int]db.IncomingCall{}
		f.Rows(true)(func(in *db.IncomingCall) error { rows[in.Line] = *in; return nil })
		problems := map[int]string{}
		for _, p := range f.Problems {
			problems[p.Line] = p.Reason
		}
		return rows, problems
	}
	whole := header
	for _, s := range stamps {
		whole += row(s)
	}
	together, togetherProblems := read(whole)
	for i, s := range stamps {
		alone, aloneProblems := read(header + row(s))
		a, b := fmt.Sprintf("%+v %q", pick(alone[2]), aloneProblems[2]), fmt.Sprintf("%+v %q", pick(together[i+2]), togetherProblems[i+2])
		if a != b {
			t.Errorf("%q reads\n  alone:      %s\n  in the file: %s", s, a, b)
		}
	}
}

// pick is what a row's time reads as.
func pick(in db.IncomingCall) string {
	return fmt.Sprintf("at %v written %v other %v wall %v day %v", in.CalledAt, in.WrittenAt, in.OtherWay, in.WallClock, in.DayOnly)
}
