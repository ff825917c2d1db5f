package format

import (
	"maps"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// TestEveryCandidateColumnIsRead checks the whole class of "a field from several
// columns": for every known export and every field it may read from more than one
// column, a row with only the last candidate filled still gives that value.
func TestEveryCandidateColumnIsRead(t *testing.T) {
	for _, s := range keyedSpecs() {
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

// The ASCII way of sameKey gives what the Unicode way gives, for every ASCII byte
// in every place; a text with any other byte takes the Unicode way.
func TestSameKeyASCII(t *testing.T) {
	unicodeKey := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return unicode.ToLower(r)
			}
			return -1
		}, s)
	}
	texts := []string{"", " ", "Rosa.Almeida+CD@Example.ORG", "+1 (617) 555-0100", "617.555.0100", "--", "A_Z a-z 0-9 @[`{~\x7f\x00"}
	for c := 0; c < 128; c++ {
		texts = append(texts, string(rune(c)), "x"+string(rune(c))+"Y9")
	}
	for _, s := range texts {
		b, ascii := sameKeyASCII(s)
		if !ascii || string(b) != unicodeKey(s) {
			t.Errorf("sameKeyASCII(%q) = %q, %v; the Unicode way gives %q", s, b, ascii, unicodeKey(s))
		}
	}
	for _, s := range []string{"José Ñúñez", "Zoë\u00a0Ames", "Ama\u0301lia", "Ｒｏｓａ", "\xff"} {
		if _, ascii := sameKeyASCII(s); ascii {
			t.Errorf("sameKeyASCII(%q) took it for ASCII", s)
		}
		if got, want := sameKey(s), unicodeKey(s); got != want {
			t.Errorf("sameKey(%q) = %q, want %q", s, got, want)
		}
	}
	if got := sameKey("+1 (617) 555-0100"); got != "6175550100" {
		t.Errorf("sameKey of a North American number with its 1: %q", got)
	}
}

// TestPlanReadsAsTheMapping: a Plan (what the importer reads rows with) takes every
// field from the column the mapping's Col does, for each real export's header and
// rows of random cells filled and empty, blocks and candidate columns among them.
func TestPlanReadsAsTheMapping(t *testing.T) {
	requireShared(t)
	files, _ := filepath.Glob(filepath.Join(sharedData, "formats", "*.csv"))
	if len(files) == 0 {
		t.Fatal("no export headers in " + sharedData)
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, file := range files {
		header := readHeader(t, file)
		_, m, err := Detect(header)
		if err != nil {
			continue // not an export ChapterDesk knows by its header
		}
		p := m.Plan()
		fields := slices.Collect(maps.Keys(m.Columns))
		fields = append(fields, "no such field")
		for range 2000 {
			row := make([]string, rnd.IntN(len(header)+2)) // a short row too
			for i := range row {
				switch rnd.IntN(4) {
				case 0:
					row[i] = "x"
				case 1:
					row[i] = "  "
				}
			}
			for _, f := range fields {
				wi, wok := m.Col(row, f)
				if i, ok := p.Col(row, f); i != wi || ok != wok {
					t.Fatalf("%s, %s: the plan reads column %d (%v), the mapping %d (%v)", filepath.Base(file), f, i, ok, wi, wok)
				}
				if got, want := p.Get(row, f), m.Get(row, f); got != want {
					t.Fatalf("%s, %s: %q, the mapping %q", filepath.Base(file), f, got, want)
				}
			}
		}
	}
}
