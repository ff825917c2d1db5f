package importer_test

import (
	"os"
	"strings"
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

func TestZipsLosingTheirLeadingZero(t *testing.T) {
	csv := "VanID,FirstName,LastName,State,ZipOrPostal\r\n1,Ana,Souza,MA,2134\r\n2,Bo,Li,CA,9021\r\n3,Cy,Ng,MA,02130\r\n"
	in, err := importer.ReadVolunteers(strings.NewReader(csv), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("reads a 4-digit Massachusetts zip with its leading zero, and says so", func(t *testing.T) {
		if in.Rows[0].Zip != "02134" || len(in.PaddedZips) != 1 || in.PaddedZips[0] != (importer.ZipFix{Line: 2, From: "2134", To: "02134"}) {
			t.Errorf("zip %q, noted %+v", in.Rows[0].Zip, in.PaddedZips)
		}
	})
	t.Run("leaves a 4-digit zip of a state whose zips do not start with 0", func(t *testing.T) {
		if in.Rows[1].Zip != "9021" || in.Rows[2].Zip != "02130" {
			t.Errorf("%q %q", in.Rows[1].Zip, in.Rows[2].Zip)
		}
	})
}
