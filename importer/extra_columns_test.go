package importer_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/importer"
)

// TestActionNetworkExtraColumnsAreNotRead: an Action Network report's custom
// questions come as extra columns under their own titles; they were dropped without
// a word, where a plain spreadsheet lists the same columns as not read (tester t3's
// F4). The report's own columns (can2_…) left on purpose are not listed.
func TestActionNetworkExtraColumnsAreNotRead(t *testing.T) {
	report := "uuid,first_name,last_name,email,zip_code,can2_user_city,can2_user_state,can2_phone,can2_user_tags,can2_user_county,What language do you speak at home?,Can you host a house party?\n" +
		"action_network:cc,Thảo,Nguyễn,thao@example.org,02124,Dorchester,MA,617-555-7001,\"SCA, Vietnamese\",Suffolk,Tiếng Việt,Yes\n"
	in, err := importer.ReadVolunteers(strings.NewReader(report), "")
	if err != nil || len(in.Rows) != 1 {
		t.Fatalf("%v, %d rows", err, len(in.Rows))
	}
	if in.Format.ID != "actionnetwork" {
		t.Fatalf("read as %s", in.Format.ID)
	}
	if want := []string{"What language do you speak at home?", "Can you host a house party?"}; !slices.Equal(in.NotRead, want) {
		t.Errorf("not read: %q; want %q", in.NotRead, want)
	}
}
