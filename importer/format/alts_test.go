package format

import (
	"path/filepath"
	"testing"
)

// TestEveryCandidateColumnIsRead checks the whole class of "a field from several
// columns": for every known export and every field it may read from more than one
// column, a row with only the last candidate filled still gives that value.
func TestEveryCandidateColumnIsRead(t *testing.T) {
	for _, s := range specs {
		for f, keys := range s.aliases {
			if len(keys) < 2 {
				continue
			}
			t.Run(s.f.ID+" reads "+string(f)+" from "+keys[len(keys)-1]+" when the others are empty", func(t *testing.T) {
				m := s.mapWith(newHeader(keys))
				row := make([]string, len(keys))
				row[len(row)-1] = "the value"
				if got := m.Get(row, f); got != "the value" {
					t.Errorf("got %q", got)
				}
				row[0] = "preferred"
				if got := m.Get(row, f); got != "preferred" {
					t.Errorf("with the preferred column filled too: got %q", got)
				}
			})
		}
	}
}

func TestCandidateColumnsInRealHeaders(t *testing.T) {
	requireShared(t)
	get := func(t *testing.T, file string, cells map[string]string, f Field) string {
		header := readHeader(t, filepath.Join(sharedData, file))
		_, m, err := Detect(header)
		if err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(header))
		for i, h := range header {
			row[i] = cells[h]
		}
		return m.Get(row, f)
	}
	t.Run("an NGP VAN person with a Phone and no HomePhone keeps the phone", func(t *testing.T) {
		if got := get(t, "formats/ngpvan-export-job.header.csv", map[string]string{"Phone": "(555) 555-0101"}, Phone); got != "(555) 555-0101" {
			t.Errorf("got %q", got)
		}
	})
	t.Run("an NGP VAN person with only a HomePhone keeps it", func(t *testing.T) {
		if got := get(t, "formats/ngpvan-export-job.header.csv", map[string]string{"HomePhone": "555.555.0102"}, Phone); got != "555.555.0102" {
			t.Errorf("got %q", got)
		}
	})
	t.Run("a NationBuilder person whose only address is in email1 keeps it", func(t *testing.T) {
		if got := get(t, "formats/nationbuilder-people-export.header.csv", map[string]string{"email1": "ana@example.org"}, Email); got != "ana@example.org" {
			t.Errorf("got %q", got)
		}
	})
	t.Run("a NationBuilder person with only email3 keeps it", func(t *testing.T) {
		if got := get(t, "formats/nationbuilder-people-export.header.csv", map[string]string{"email3": "bo@example.org"}, Email); got != "bo@example.org" {
			t.Errorf("got %q", got)
		}
	})
	t.Run("a NationBuilder address is read whole from the first address block that has one", func(t *testing.T) {
		nb := "formats/nationbuilder-people-export.header.csv"
		cells := map[string]string{"registered_address1": "12 Centre St", "registered_city": "Boston",
			"registered_state": "MA", "registered_zip": "02130", "mailing_city": "Quincy", "mailing_zip": "02169"}
		for f, want := range map[Field]string{Address1: "12 Centre St", City: "Boston", State: "MA", Zip: "02130", Address2: ""} {
			if got := get(t, nb, cells, f); got != want {
				t.Errorf("%s: got %q, want %q", f, got, want)
			}
		}
	})
}

func TestOverrideDropsCandidates(t *testing.T) {
	header := []string{"nationbuilder_id", "first_name", "last_name", "email", "email1", "Other"}
	_, base, err := Detect(header)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Override(KindVolunteers, header, base, map[Field]string{Email: "Other"})
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Get([]string{"1", "A", "B", "", "a@example.org", ""}, Email); got != "" {
		t.Errorf("the lead's own column is the only one read: got %q", got)
	}
}
