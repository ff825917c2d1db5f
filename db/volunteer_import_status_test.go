package db

import "testing"

// TestCompareStatusReadsTheEntry: a file that gives statuses (ChapterDesk's own
// export) has each matched row's status compared with the one the match index read
// with the roster, not fetched with a query a row (which, for a volunteer the file
// created earlier, first wrote out the rows held back). No loader and no statement
// are needed to compare it.
func TestCompareStatusReadsTheEntry(t *testing.T) {
	for _, st := range VolunteerStatuses {
		if got := statusCode(st); got == 0 || VolunteerStatuses[got-1] != st {
			t.Errorf("statusCode(%s) = %d", st, got)
		}
	}
	k := &knownVolunteer{id: 7, status: statusCode(StatusMoved)}
	in := &IncomingVolunteer{Line: 3, Volunteer: NewVolunteer("Ann", "Rec"), StatusSaid: true}
	var sum VolunteerImportSummary
	if err := compareStatus(nil, nil, k, in, &sum); err != nil {
		t.Fatal(err)
	}
	want := VolunteerConflict{Line: 3, Name: "Ann Rec", Field: "status", Stored: "Moved", InFile: "Active",
		Kept: "a status is not taken from a file: change it on the volunteer"}
	if len(sum.Conflicts) != 1 || sum.Conflicts[0] != want {
		t.Errorf("conflicts %+v; want %+v", sum.Conflicts, want)
	}
}
