package importer_test

import (
	"testing"

	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// TestSuffixKeepsFatherAndSonApart: NationBuilder's suffix column stays with the
// family name, as a full name's "Jr." does: Robert Jones and Robert Jones Jr. on
// one household number are two volunteers (the tester's repro-7 merged them, the
// suffix dropped).
func TestSuffixKeepsFatherAndSonApart(t *testing.T) {
	const header = "nationbuilder_id,first_name,last_name,suffix,phone_number,mobile_number,primary_zip,primary_address1\n"
	s := dbtest.Open(t)
	sum := importCSV(t, s, header+"1,Robert,Jones,,617-555-0142,,02130,12 Elm St\n"+
		"2,Robert,Jones,Jr.,,617-555-0142,02130,12 Elm St\n", importer.Options{})
	if sum.Created != 2 || sum.Merged != 0 {
		t.Errorf("%d created, %d merged; want father and son", sum.Created, sum.Merged)
	}
	r := dbtest.Roster(t, s)
	if len(r) != 2 || r[1].LastName != "Jones Jr." {
		t.Errorf("roster %+v; want Robert Jones and Robert Jones Jr.", r)
	}
}
