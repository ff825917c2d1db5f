package importer_test

import (
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/importer"
)

// TestReadCallsPlaceholderCallerCounted: a report whose caller's name is a word
// typed for none ("(no name given)", "[none]", "n/a"), with no email or town, gives
// no caller as an empty cell does, and is counted among the reports said to give
// none: it is filed with no caller (tester, s46), not in silence.
func TestReadCallsPlaceholderCallerCounted(t *testing.T) {
	form := "Timestamp,Your name,Your email,Your town,Legislator called,What happened?\n" +
		"11/21/2026 10:20:00,(no name given),,,Rep. Moran,Talked to staff\n" +
		"11/21/2026 10:21:00,[none],,,Rep. Moran,Talked to staff\n" +
		"11/21/2026 10:22:00,,,,Rep. Moran,Talked to staff\n" +
		"11/21/2026 10:23:00,Bo Lee,,,Rep. Moran,Talked to staff\n"
	in, err := importer.ReadCalls(strings.NewReader(form), "")
	if err != nil || len(in.Problems) != 0 {
		t.Fatalf("%v %v", err, in.Problems)
	}
	if in.NoCaller.Count != 3 || in.NoCaller.Line != 2 {
		t.Errorf("no caller: %+v; want 3, the first line 2", in.NoCaller)
	}
}
