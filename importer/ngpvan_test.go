package importer_test

import (
	"os"
	"testing"

	"github.com/chapterdesk/chapterdesk/importer"
)

// testdata/ngpvan-export-job.csv is 20 people under the real NGP VAN export-job header,
// their phones typed the ways people type them; half have a Phone and no HomePhone.
func TestNGPVANExportKeepsEveryPhone(t *testing.T) {
	f, err := os.Open("testdata/ngpvan-export-job.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	in, err := importer.ReadVolunteers(f, "")
	if err != nil {
		t.Fatal(err)
	}
	if in.Format.ID != "ngpvan" || len(in.Rows) != 20 || len(in.Problems) != 0 {
		t.Fatalf("format %s, %d rows, problems %v", in.Format.ID, len(in.Rows), in.Problems)
	}
	for _, v := range in.Rows {
		if v.PhoneE164 == "" {
			t.Errorf("line %d: %s has no phone", v.Line, v.Name())
		}
	}
	t.Run("a work phone with an extension is read when it is the only one", func(t *testing.T) {
		if v := in.Rows[5]; v.LastName != "Ramírez" || v.PhoneE164 != "+15555550115" {
			t.Errorf("%s: %q", v.Name(), v.PhoneE164)
		}
	})
}
