package format

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzDetect feeds Detect headers made by splitting the input on commas. Detect must
// never panic, and every column it maps must be inside the header.
func FuzzDetect(f *testing.F) {
	for _, name := range []string{
		"formats/nationbuilder-people-export.header.csv",
		"formats/actionnetwork-report.header.csv",
		"formats/ngpvan-export-job.header.csv",
		"formats/civicrm-contact-export.header.csv",
		"formats/openstates-people.header.csv",
		"openstates/ma.csv",
	} {
		if _, err := os.Stat(sharedData); err != nil {
			break // no shared data beside this clone: the built-in seeds only
		}
		f.Add(strings.Join(readHeader(f, filepath.Join(sharedData, name)), ","))
	}
	f.Add(strings.Join(callFormHeader, ","))
	f.Add("\ufeffUUID,Email,can2_user_state,FIRST_NAME , last name")
	f.Add("id,tag_list,primary_zip,state_upper_district,first_name")
	f.Add("Contact ID,Display Name")
	f.Add(",,,")
	f.Add("")
	f.Fuzz(func(t *testing.T, in string) {
		header := strings.Split(in, ",")
		check := func(what string, m Mapping) {
			for fld, i := range m.Columns {
				if i < 0 || i >= len(header) {
					t.Fatalf("%s: %s mapped to column %d of %d", what, fld, i, len(header))
				}
				_ = m.Get(header, fld)
			}
			for fld, idx := range m.Multi {
				for _, i := range idx {
					if i < 0 || i >= len(header) {
						t.Fatalf("%s: %s (multi) mapped to column %d of %d", what, fld, i, len(header))
					}
				}
			}
		}
		format, m, err := Detect(header)
		if err == nil {
			if format.ID == "" {
				t.Fatal("recognised, but no format")
			}
			if _, missing := MapColumns(format, header); len(missing) > 0 {
				t.Fatalf("recognised as %s without %v", format.ID, missing)
			}
		} else if err.Error() == "" {
			t.Fatal("empty error")
		}
		check("Detect", m)
		for _, fm := range Formats() {
			m, _ := MapColumns(fm, header)
			check("MapColumns "+fm.ID, m)
		}
	})
}

// FuzzParseConsent: ParseConsent never panics, and a cell it refuses says nothing.
func FuzzParseConsent(f *testing.F) {
	for _, s := range []string{"TRUE", "no", "1.0", "✓", "DNC", "Yes.", "Do not call", "bouncing", "Unknown", "", "maybe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, fd := range []Field{DoNotCall, DoNotEmail, DoNotContact, EmailOptIn, TextOptIn} {
			if v, said, err := ParseConsent(fd, in); err != nil && (v || said) {
				t.Fatalf("%s %q: %v, %v with error %v", fd, in, v, said, err)
			}
		}
	})
}
