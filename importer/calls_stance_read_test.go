package importer_test

import (
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer"
)

// TestCallsReadNoStanceHeardAlike: "Will look into it" (a staffer taking a message)
// and "Not sure" say nothing of the legislator's stance, as "no sé" and "não sei"
// do: all are read as Didn't say, which moves no whip count, and counted with the
// first for the summary to list — not Undecided, which moved a counted supporter out
// of the count (tester t3 F11: Sen. Jehlen, Yes → Undecided on "Will look into it").
// An answer that says the legislator has not decided stays Undecided.
func TestCallsReadNoStanceHeardAlike(t *testing.T) {
	form := "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n" +
		"7/22/2025 10:21,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,Supports it,\n" +
		"7/22/2025 10:22,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,Will look into it,\n" +
		"7/22/2025 10:23,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,Not sure,\n" +
		"7/22/2025 10:24,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,No sé,\n" +
		"7/22/2025 10:25,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,Não sei,\n" +
		"7/22/2025 10:26,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,Hasn't decided,\n" +
		"7/22/2025 10:27,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,Didn't say,\n"
	in, err := importer.ReadCalls(strings.NewReader(form), "")
	if err != nil || len(in.Problems) != 0 || len(in.Rows) != 7 {
		t.Fatalf("%v %v %d rows", err, in.Problems, len(in.Rows))
	}
	want := []db.Stance{"yes", "unknown", "unknown", "unknown", "unknown", "undecided", "unknown"}
	for i, r := range in.Rows {
		if r.StanceHeard != want[i] {
			t.Errorf("line %d: stance %q, want %q", r.Line, r.StanceHeard, want[i])
		}
	}
	if got, want := in.NotSaidStances, (importer.ReadAs{Count: 4, Line: 3, Value: "Will look into it"}); got != want {
		t.Errorf("stances read as Didn't say: %+v, want %+v", got, want)
	}
}

// TestCallsReadStanceEmoji: a thumbs up typed as the stance heard was read as blank,
// no stance heard (tester t3, F11). The common emoji are read — 👍 Yes, 👎 No, 🤷
// Didn't say, with any skin tone or gender sign — and counted for a check line;
// any other text that is no stance ChapterDesk knows, an emoji or a sign, leaves its
// row out, listed with why: never a blank. Punctuation alone ("-") stays blank.
func TestCallsReadStanceEmoji(t *testing.T) {
	form := "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n" +
		"7/22/2025 10:21,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,👍,\n" +
		"7/22/2025 10:22,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,👎🏽,\n" +
		"7/22/2025 10:23,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,🤷‍♀️,\n" +
		"7/22/2025 10:24,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,👍👍,\n" +
		"7/22/2025 10:25,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,-,\n" +
		"7/22/2025 10:26,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,🙏,\n" +
		"7/22/2025 10:27,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,✓,\n" +
		"7/22/2025 10:28,Bo Chen,bo@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,👍👎,\n"
	in, err := importer.ReadCalls(strings.NewReader(form), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("reads the common emoji", func(t *testing.T) {
		want := []db.Stance{"yes", "no", "unknown", "yes", ""}
		if len(in.Rows) != len(want) {
			t.Fatalf("%d rows read, want %d: %+v", len(in.Rows), len(want), in.Rows)
		}
		for i, r := range in.Rows {
			if r.StanceHeard != want[i] {
				t.Errorf("line %d: stance %q, want %q", r.Line, r.StanceHeard, want[i])
			}
		}
	})
	t.Run("lists any other emoji or sign as a stance not known", func(t *testing.T) {
		var got []string
		for _, p := range in.Problems {
			got = append(got, p.Error())
		}
		if len(got) != 3 || !strings.Contains(strings.Join(got, "\n"), `"🙏" is not a stance ChapterDesk knows`) ||
			!strings.Contains(strings.Join(got, "\n"), `"✓" is not a stance`) || !strings.Contains(strings.Join(got, "\n"), `"👍👎" is not a stance`) {
			t.Errorf("problems:\n%s", strings.Join(got, "\n"))
		}
	})
	t.Run("counts the emoji read, for a check line", func(t *testing.T) {
		if got, want := in.EmojiStances, (importer.ReadAs{Count: 4, Line: 2, Value: "👍"}); got != want {
			t.Errorf("stances read from an emoji: %+v, want %+v", got, want)
		}
	})
}
