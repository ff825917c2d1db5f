package importer_test

import (
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/importer"
)

// TestVolunteerLanguagesNotReadAreListed: a roster re-saved by Excel as Windows-1252
// turns "Tiếng Việt" into "Ti?ng Vi?t", and a language ChapterDesk does not read was
// dropped without a word: the volunteer lost the language silently. Each is listed
// among the values not used, the "?" one as the encoding's damage (the tags and
// skills are checked so in the store: F6); the languages read are kept.
func TestVolunteerLanguagesNotReadAreListed(t *testing.T) {
	sheet := "First Name,Last Name,Email,Languages\n" +
		"Thảo,Nguyễn,thao@example.org,\"Spanish, Ti?ng Vi?t, Klingon\"\n" +
		"Bo,Chen,bo@example.org,??\n"
	in, err := importer.ReadVolunteers(strings.NewReader(sheet), "")
	if err != nil || len(in.Problems) != 0 || len(in.Rows) != 2 {
		t.Fatalf("%v %v %d rows", err, in.Problems, len(in.Rows))
	}
	if got := in.Rows[0].Languages; len(got) != 1 || got[0] != "es" {
		t.Errorf("languages %v; want es", got)
	}
	want := []struct {
		line        int
		value, says string
	}{
		{2, "Ti?ng Vi?t", `letters turned into "?"`},
		{2, "Klingon", "not a language ChapterDesk reads"},
		{3, "??", `letters turned into "?"`},
	}
	if len(in.ValueNotes) != len(want) {
		t.Fatalf("notes %+v; want %d", in.ValueNotes, len(want))
	}
	for i, w := range want {
		n := in.ValueNotes[i]
		if n.Line != w.line || n.Value != w.value || n.Name != "Languages" || n.Column != 4 || !strings.Contains(n.Why, w.says) {
			t.Errorf("note %d: %+v; want line %d, %q, saying %q", i, n, w.line, w.value, w.says)
		}
	}
}
