package importer_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// TestReadSessionVotesAddUp: a vote_people table cut short (tester t10: `head -n 1300`
// of MA's) was taken as the whole record: "20 roll calls, 1299 votes", five of H 5151's
// sixteen roll calls with every member's vote "not published", amendment #113 with 35
// votes where vote_counts says 17-138, without a word; a vote_people table of another
// export gave 0 votes, said nowhere. The members' votes of each roll call are checked
// against its counts, and the export refused, naming the file and the roll calls; the
// real exports, whose journal lists one member more than a count on three roll calls,
// are read, that difference said where a campaign follows the bill.
func TestReadSessionVotesAddUp(t *testing.T) {
	if _, err := os.Stat(sessionsDir + "ma-194th"); err != nil {
		t.Skip("shared data not here")
	}
	t.Run("a vote_people table cut short is refused, naming the file and the roll calls", func(t *testing.T) {
		dir := copyExport(t, "ma-194th", func(name string, data []byte) (string, []byte) {
			if strings.HasSuffix(name, "_vote_people.csv") {
				lines := strings.SplitAfter(string(data), "\r\n")
				data = []byte(strings.Join(lines[:1300], ""))
			}
			return name, data
		})
		sf, err := importer.ReadSession(dir, time.Date(2026, 4, 5, 0, 0, 0, 0, time.UTC), "")
		if err == nil {
			t.Fatalf("read: %d roll calls, %d votes; want refused", len(sf.RollCalls), len(sf.Votes))
		}
		for _, want := range []string{"MA_194th_vote_people.csv", "cut short", "MA_194th_vote_counts.csv",
			`H 5151, "H. 5151 On adoption of amendment #113" (2026-02-26): 35 listed (1 yes, 34 no), the counts say 17 yes, 138 no`,
			"131 roll calls of the House", "nothing was imported"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%v\nwant %q in it", err, want)
			}
		}
	})
	t.Run("a vote_people table of another export is refused, naming the roll calls not in votes", func(t *testing.T) {
		nh, err := os.ReadFile(sessionsDir + "nh-2024/NH_2024_vote_people.EXCERPT_first10rows.csv")
		if err != nil {
			t.Fatal(err)
		}
		dir := copyExport(t, "ma-194th", func(name string, data []byte) (string, []byte) {
			if strings.HasSuffix(name, "_vote_people.csv") {
				data = nh
			}
			return name, data
		})
		_, err = importer.ReadSession(dir, time.Date(2026, 4, 5, 0, 0, 0, 0, time.UTC), "")
		if err == nil {
			t.Fatal("read; want refused")
		}
		for _, want := range []string{"MA_194th_vote_people.csv", "1 roll call not in MA_194th_votes.csv",
			"ocd-vote/8341f6f8-7e0b-4753-95f0-58f4810d47fa (lines 2-11)", "nothing was imported"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%v\nwant %q in it", err, want)
			}
		}
	})
	t.Run("the real exports are read; a roll call listed one member off its counts is kept and said", func(t *testing.T) {
		for _, name := range []string{"nh-2024", "ma-194th"} {
			if _, err := importer.ReadSession(sessionsDir+name, time.Time{}, ""); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
		ctx := context.Background()
		s := dbtest.Open(t)
		maLegislators(t, s)
		campaignWith(t, s, "MA", "194th", "H 4000")
		sf := readSession(t, "ma-194th", "2026-04-05")
		sum, err := s.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		notes := strings.Join(sum.Notes, "\n")
		for _, want := range []string{`H 4000, "H. 4000 On Adoption of Consolidated Amendment B" (2025-04-28): 145 yes listed, the counts say 144`,
			`"H. 4000 On Adoption of Consolidated Amendment D" (2025-04-29): 135 yes listed, the counts say 134`} {
			if !strings.Contains(notes, want) {
				t.Errorf("notes:\n%s\nwant %q in them", notes, want)
			}
		}
	})
}

// TestReadSessionVoteListedTwice: a vote_people row given twice (the same member, the
// same vote, tester t11) was counted twice against the counts, "140 yes listed, the
// counts say 139", though the import keeps it once and says so: it is counted once.
func TestReadSessionVoteListedTwice(t *testing.T) {
	if _, err := os.Stat(sessionsDir + "ma-194th"); err != nil {
		t.Skip("shared data not here")
	}
	const amendmentB = "ocd-vote/d7702dce-2ea5-4cbf-9c44-8e15b3c29d2c"
	dir := copyExport(t, "ma-194th", func(name string, data []byte) (string, []byte) {
		if strings.HasSuffix(name, "_vote_people.csv") {
			lines := strings.SplitAfter(string(data), "\r\n")
			if !strings.Contains(lines[2], amendmentB) || !strings.Contains(lines[2], "Moran") {
				t.Fatalf("line 3 is not Moran's on Consolidated Amendment B: %s", lines[2])
			}
			again := "0000aaaa" + lines[2][8:] // another row id, the same member and vote
			lines = append(lines[:3], append([]string{again}, lines[3:]...)...)
			data = []byte(strings.Join(lines, ""))
		}
		return name, data
	})
	sf, err := importer.ReadSession(dir, time.Date(2026, 4, 5, 0, 0, 0, 0, time.UTC), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, rc := range sf.RollCalls {
		if rc.ID == amendmentB && rc.VotesDiffer != "" {
			t.Errorf("a row given twice is counted twice: %s", rc.VotesDiffer)
		}
	}
}
