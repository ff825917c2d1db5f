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

// TestReadCallsTownAloneCounted (s47): a report that gave the caller's town but no
// name and no email (or a placeholder email) was filed with no caller, counted
// nowhere. It is counted apart, with the first town, as the store keeps the town in
// the report's notes; a report with a placeholder email alone gives no caller either.
func TestReadCallsTownAloneCounted(t *testing.T) {
	form := "Timestamp,Your name,Your email,Your town,Legislator called,What happened?\n" +
		"11/21/2026 10:20:00,,,Worcester,Rep. Moran,Talked to staff\n" +
		"11/21/2026 10:21:00,n/a,none@none.com,Lynn,Rep. Moran,Talked to staff\n" +
		"11/21/2026 10:22:00,,none@none.com,,Rep. Moran,Talked to staff\n" +
		"11/21/2026 10:23:00,Bo Lee,,Lynn,Rep. Moran,Talked to staff\n"
	in, err := importer.ReadCalls(strings.NewReader(form), "")
	if err != nil || len(in.Problems) != 0 {
		t.Fatalf("%v %v", err, in.Problems)
	}
	if in.NoCallerTown.Count != 2 || in.NoCallerTown.Line != 2 || in.NoCallerTown.Value != "Worcester" {
		t.Errorf("town alone: %+v; want 2, the first line 2, Worcester", in.NoCallerTown)
	}
	if in.NoCaller.Count != 1 || in.NoCaller.Line != 4 {
		t.Errorf("no caller: %+v; want 1, line 4", in.NoCaller)
	}
}
