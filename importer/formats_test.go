package importer_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// exportWithRows puts rows under a real export header from ../shared/data/formats,
// setting the named columns and leaving the others empty.
func exportWithRows(t *testing.T, headerFile string, rows ...map[string]string) string {
	t.Helper()
	raw, err := os.ReadFile("../../shared/data/formats/" + headerFile)
	if err != nil {
		t.Skipf("shared data not here: %v", err)
	}
	header := strings.Split(strings.TrimRight(string(raw), "\r\n"), ",")
	var b strings.Builder
	b.WriteString(strings.Join(header, ",") + "\r\n")
	for _, row := range rows {
		cells := make([]string, len(header))
		for i, h := range header {
			v := row[h]
			if strings.ContainsAny(v, ",\"\n") {
				v = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
			}
			cells[i] = v
		}
		b.WriteString(strings.Join(cells, ",") + "\r\n")
	}
	return b.String()
}

func TestImportEachRosterFormat(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name, header, format string
		rows                 []map[string]string
		check                func(t *testing.T, v db.Volunteer)
	}{
		{"an Action Network report", "actionnetwork-report.header.csv", "actionnetwork",
			[]map[string]string{{"uuid": "an-1", "first_name": "Rosa", "last_name": "Medeiros", "email": "rosa@example.org",
				"zip_code": "02130", "can2_phone": "617-555-0142", "can2_user_tags": "canvass, phonebank",
				"can2_user_city": "Boston", "can2_state_abbreviated": "MA"}},
			func(t *testing.T, v db.Volunteer) {
				if v.City != "Boston" || v.MobileE164 != "+16175550142" || strings.Join(v.Tags, ",") != "canvass,phonebank" {
					t.Errorf("%+v", v)
				}
			}},
		{"an NGP VAN export", "ngpvan-export-job.header.csv", "ngpvan",
			[]map[string]string{{"VanID": "1001", "FirstName": "Thảo", "LastName": "Nguyễn", "Email": "thao@example.org",
				"HomePhone": "(617) 555-0150", "CellPhone": "857-555-0151", "StreetAddress": "12 Centre St", "City": "Boston",
				"State": "MA", "ZipOrPostal": "02130", "StateHouse": "15th Suffolk", "StateSenate": "Second Suffolk"}},
			func(t *testing.T, v db.Volunteer) {
				if v.PhoneE164 != "+16175550150" || v.MobileE164 != "+18575550151" || v.HouseDistrict != "15th Suffolk" ||
					v.SenateDistrict != "Second Suffolk" || v.Address1 != "12 Centre St" {
					t.Errorf("%+v", v)
				}
			}},
		{"a CiviCRM contact export", "civicrm-contact-export.header.csv", "civicrm",
			[]map[string]string{{"Contact ID": "77", "Contact Type": "Individual", "First Name": "Jean-Baptiste",
				"Last Name": "Désir", "Email": "jb@example.org", "Phone": "508-555-0160", "Do Not Phone": "1",
				"Postal Code": "02301", "City": "Brockton"}},
			func(t *testing.T, v db.Volunteer) {
				if v.OKCall || v.PhoneE164 != "+15085550160" || v.Zip != "02301" || v.LastName != "Désir" {
					t.Errorf("%+v", v)
				}
			}},
	} {
		t.Run("imports "+c.name, func(t *testing.T) {
			text := exportWithRows(t, c.header, c.rows...)
			in, err := importer.ReadVolunteers(strings.NewReader(text), "")
			if err != nil {
				t.Fatal(err)
			}
			if in.Format.ID != c.format || len(in.Rows) != len(c.rows) || len(in.Problems) != 0 {
				t.Fatalf("format %q, %d rows, problems %v", in.Format.ID, len(in.Rows), in.Problems)
			}
			s := dbtest.Open(t)
			sum, err := s.ImportVolunteers(ctx, db.VolunteerRows(in.Rows), db.ImportOptions{Format: in.Format.ID})
			if err != nil || sum.Created != len(c.rows) {
				t.Fatalf("summary %+v, err %v", sum, err)
			}
			list, _ := s.ListVolunteers(ctx, db.VolunteerFilter{}, 0, 1)
			v, err := s.Volunteer(ctx, list[0].ID)
			if err != nil {
				t.Fatal(err)
			}
			c.check(t, v)
			again, _ := s.ImportVolunteers(ctx, db.VolunteerRows(in.Rows), db.ImportOptions{Format: in.Format.ID})
			if again.Created+again.Updated != 0 {
				t.Errorf("second import %+v", again)
			}
		})
	}
}
