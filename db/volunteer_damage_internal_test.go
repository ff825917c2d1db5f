package db

import (
	"context"
	"path/filepath"
	"testing"
)

// TestVolunteerRowScannedOnce: a volunteer row's text was looked at for encoding
// damage (DoubleEncoded) up to three times: by the importer (Damaged), by the store
// for the file's accented text, and again for each value that differs from the
// roster's. Prepare looks once now and keeps what it found: one look a value.
func TestVolunteerRowScannedOnce(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "scan.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v := NewVolunteer("María", "Silva")
	v.Email, v.City = "maria@example.org", "Cali"
	if _, err := s.CreateVolunteer(ctx, v); err != nil {
		t.Fatal(err)
	}
	looks := 0
	doubleEncoded = func(s string) (string, bool) { looks++; return DoubleEncoded(s) }
	defer func() { doubleEncoded = DoubleEncoded }()
	in := IncomingVolunteer{Line: 2, Volunteer: NewVolunteer("María", "Silva")}
	in.Email, in.City = "maria@example.org", "Bogotá"
	// As the importer hands a row over (see importer.mayBeGarbled).
	if err := in.Prepare(); err != nil {
		t.Fatal(err)
	}
	if in.Damaged() {
		t.Fatal("a right name told as damaged")
	}
	if _, err := s.ImportVolunteers(ctx, VolunteerRows([]IncomingVolunteer{in}), ImportOptions{Source: "f.csv"}); err != nil {
		t.Fatal(err)
	}
	if looks != 2 {
		t.Errorf("%d looks at the row's 2 accented values; want each looked at once", looks)
	}
}
