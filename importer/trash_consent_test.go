package importer_test

import (
	"testing"

	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// TestTrashedContactsDoNotCallIsTaken: a CiviCRM contact in the trash is left out,
// but its "Do Not Phone", "Do Not Email" and "Do Not Sms" still close those ways to
// the person already on the roster: a "do not call" is always taken (the tester's
// repro-4: a contact trashed with Do Not Phone, the usual "take me off your list",
// stayed callable). A trashed contact not on the roster adds no one.
func TestTrashedContactsDoNotCallIsTaken(t *testing.T) {
	const header = "Contact ID,Contact Type,First Name,Last Name,Email,Phone,Postal Code,Do Not Phone,Do Not Email,Do Not Sms,Contact is in Trash\n"
	s := dbtest.Open(t)
	importCSV(t, s, header+"702,Individual,Flo,Later,flo@example.org,617-555-0401,02130,,,,\n", importer.Options{})
	sum := importCSV(t, s, header+"702,Individual,Flo,Later,flo@example.org,617-555-0401,02130,1,1,1,1\n"+
		"703,Individual,Gus,Gone,gus@example.org,617-555-0402,02130,1,,,1\n", importer.Options{})
	if sum.Created != 0 || sum.Updated != 1 {
		t.Errorf("%d created, %d updated; want Flo updated, Gus not added", sum.Created, sum.Updated)
	}
	r := dbtest.Roster(t, s)
	if len(r) != 1 || r[0].OKCall || r[0].OKEmail || r[0].OKText {
		t.Errorf("roster %+v; want Flo alone, with calls, email and texts closed", r)
	}
}
