package db

import (
	"slices"
	"testing"
)

// TestPushListingNamesTheFields: a push's listing of a volunteer changed on both
// sides said "address (changed on both)" when the file changed the city and the
// server the city and the zip, so the lead could not tell that --take-mine keeps the
// server's zip (it is taken field by field). Each field that differs is named.
func TestPushListingNamesTheFields(t *testing.T) {
	opened := Volunteer{FirstName: "Jennifer", City: "Lowell", Zip: "01851", OKCall: true, Tags: []string{"rally"}}
	mine, theirs := opened, opened
	mine.City = "Lowell-FILE"
	theirs.City, theirs.Zip = "Lowell-SERVER", "01852"
	theirs.OKCall = false
	mine.Skills = []string{"spanish"}
	got := whoChanged(opened, mine, theirs)
	want := []string{"city (changed on both)", "zip (changed on the server)", "ok to call (changed on the server)",
		"skills (changed in the file)"}
	if !slices.Equal(got, want) {
		t.Errorf("listing %q, want %q", got, want)
	}
}

// TestPushedIDsItemByItem: under --take-mine a volunteer's external ids were the
// file's whole, dropping an id the server added since the checkout. They are taken
// item by item: the file's additions and removals, the server's additions.
func TestPushedIDsItemByItem(t *testing.T) {
	opened := []string{"nationbuilder=NB-1", "van=VAN-1"}
	mine := []string{"nationbuilder=NB-2", "van=VAN-1"}                // NB-1 replaced by NB-2
	theirs := []string{"civicrm=7", "nationbuilder=NB-1", "van=VAN-1"} // civicrm added
	if got, want := pushedIDs([3][]string{mine, theirs, opened}), []string{"civicrm=7", "nationbuilder=NB-2", "van=VAN-1"}; !slices.Equal(got, want) {
		t.Errorf("ids %q, want %q", got, want)
	}
	// A checkout that kept none cannot tell who added what: the file's, as before.
	if got := pushedIDs([3][]string{mine, theirs, nil}); !slices.Equal(got, mine) {
		t.Errorf("ids %q with no record of the checkout's, want the file's %q", got, mine)
	}
}
