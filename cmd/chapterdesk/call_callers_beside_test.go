package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsSaysCallersBeside: `import calls` says which callers it added beside
// a roster volunteer they may be (the same name with another email; a name one letter
// off with no email) and whose family name it filled in, each naming the volunteers.
func TestImportCallsSaysCallersBeside(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "chapter.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "14th Essex", "Frank Moran")
	dbtest.Volunteer(t, s, "Ann", "Johnson", func(v *db.Volunteer) { v.Email = "ann@home.org" })
	dbtest.Volunteer(t, s, "Sarah", "", func(v *db.Volunteer) { v.Email = "sarah@x.org" })
	s.Close()
	const header = "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"
	file := writeFile(t, "calls.csv", header+
		"12/1/2026 10:05,Ann Johnson,ann@work.org,Lawrence,Rep. Frank Moran,District office,Talked to staff,,\n"+
		"12/1/2026 10:06,Ann Jhonson,,Lawrence,Rep. Frank Moran,District office,Talked to staff,,\n"+
		"12/1/2026 10:07,Sarah Harris,sarah@x.org,Lawrence,Rep. Frank Moran,District office,Talked to staff,,\n")
	code, out, errOut := chapterdesk(t, "import", "calls", file, "--db", path)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	for _, want := range []string{
		"2 callers were added beside a roster volunteer they may be; check them",
		"added Ann Johnson (volunteer 3, email ann@work.org) beside the roster's Ann Johnson (volunteer 1, email ann@home.org)",
		"added Ann Jhonson (volunteer 4, no email) beside the roster's Ann Johnson (volunteer 1), a name one letter off",
		"1 caller's family name was filled in from their report",
		"Sarah (volunteer 2), on the roster by the first name alone, is now Sarah Harris",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the output has no %q:\n%s", want, out)
		}
	}
}

// TestImportCallsDryRunSaysCallersBeside: the dry run said "2 callers were added
// beside a roster volunteer ...: added Ann Johnson (volunteer 3, ...)", numbering a
// volunteer it never wrote. It says what the import would do, and numbers only the
// volunteers on the roster.
func TestImportCallsDryRunSaysCallersBeside(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "chapter.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "14th Essex", "Frank Moran")
	dbtest.Volunteer(t, s, "Ann", "Johnson", func(v *db.Volunteer) { v.Email = "ann@home.org" })
	s.Close()
	file := writeFile(t, "calls.csv", "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"+
		"12/1/2026 10:05,Ann Johnson,ann@work.org,Lawrence,Rep. Frank Moran,District office,Talked to staff,,\n"+
		"12/1/2026 10:06,Ann Jhonson,,Lawrence,Rep. Frank Moran,District office,Talked to staff,,\n")
	code, out, errOut := chapterdesk(t, "import", "calls", file, "--db", path, "--dry-run")
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	for _, want := range []string{
		"2 callers would be added beside a roster volunteer they may be; check them",
		"would add Ann Johnson (a new volunteer, email ann@work.org) beside the roster's Ann Johnson (volunteer 1, email ann@home.org)",
		"would add Ann Jhonson (a new volunteer, no email) beside the roster's Ann Johnson (volunteer 1), a name one letter off",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the output has no %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "volunteer 2") || strings.Contains(out, "volunteer 3") {
		t.Errorf("the dry run numbers a volunteer it did not write:\n%s", out)
	}
}

// TestImportCallsSaysCallersFoundOtherwise (tester, s41): `import calls` says which
// callers it found otherwise than the form gives them: an email that is no address
// not kept, a town misspelt or given as the zip read as the roster person's, and an
// email given to the caller an earlier form added by name; each naming the volunteer.
func TestImportCallsSaysCallersFoundOtherwise(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "chapter.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "14th Essex", "Frank Moran")
	dbtest.Volunteer(t, s, "Ana", "Silva", func(v *db.Volunteer) { v.Email, v.City, v.Zip = "ana.silva@example.org", "Somerville", "02143" })
	s.Close()
	file := writeFile(t, "calls.csv", "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"+
		"12/1/2026 10:05,Ana Silva,ana.silva@example,Somerville,Rep. Frank Moran,District office,Talked to staff,,\n"+
		"12/1/2026 10:06,Ana Silva,,Sommerville,Rep. Frank Moran,District office,Talked to staff,,\n"+
		"12/1/2026 10:07,Ana Silva,,02143,Rep. Frank Moran,District office,Talked to staff,,\n"+
		"12/1/2026 10:08,Maria Lopez,,Cambridge,Rep. Frank Moran,District office,Talked to staff,,\n"+
		"12/2/2026 10:08,Maria Lopez,maria.lopez@example.org,Cambridge,Rep. Frank Moran,District office,Talked to staff,,\n")
	code, out, errOut := chapterdesk(t, "import", "calls", file, "--db", path)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	for _, want := range []string{
		"4 callers were found otherwise than the form gives them; check them",
		`line 2: "Rep. Frank Moran": the form's email "ana.silva@example" is no address`,
		"not kept; the report filed under Ana Silva (volunteer 1) by the name",
		`line 3: "Rep. Frank Moran": filed under Ana Silva (volunteer 1, of Somerville) by the name: the town "Sommerville" is one letter off their Somerville`,
		`the town "02143" is their zip`,
		"gave the email maria.lopez@example.org to Maria Lopez (volunteer 2, of Cambridge)",
		"1 caller was not on the roster",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the output has no %q:\n%s", want, out)
		}
	}
}
