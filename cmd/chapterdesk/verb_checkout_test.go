package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// openFor opens a store on a file or server for a test and closes it at the end.
func openFor(t *testing.T, path string) *db.Store {
	t.Helper()
	s, err := db.Open(context.Background(), path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func editVolunteer(t *testing.T, s *db.Store, id int64, edit func(*db.Volunteer)) {
	t.Helper()
	ctx := context.Background()
	v, err := s.Volunteer(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	edit(&v)
	if err := s.UpdateVolunteer(ctx, v); err != nil {
		t.Fatal(err)
	}
}

func volunteerOf(t *testing.T, s *db.Store, id int64) db.Volunteer {
	t.Helper()
	v, err := s.Volunteer(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Checkout, offline edits, push: the new volunteer comes in, the edit lands, a second
// push changes nothing, an edit on both sides is listed and nothing overwritten until
// the lead chooses, and another chapter's checkout is refused.
func TestCheckoutAndPush(t *testing.T) {
	url := dbtest.EmptyServerURL(t)
	run := verbRunner(t)
	run(exitOK, "server", "init", "--db", url)
	run(exitOK, "demo", "--volunteers", "40", "--calls", "100", "--db", url)
	srv := openFor(t, url)
	ada := dbtest.Volunteer(t, srv, "Ada", "Alpha", nil)
	ben := dbtest.Volunteer(t, srv, "Ben", "Beta", func(v *db.Volunteer) { v.Phone = "617-555-0101" })

	file := filepath.Join(t.TempDir(), "worcester.db")
	run(exitUsage, "checkout", "--db", url)
	out := run(exitOK, "checkout", "--to", file, "--db", url)
	if !strings.Contains(out, "checked out") || !strings.Contains(out, "intact") {
		t.Errorf("checkout: %q", out)
	}
	run(exitFail, "checkout", "--to", file, "--db", url) // the file exists
	if out := run(exitOK, "stats", "--db", file); !strings.Contains(out, "volunteers: 42") {
		t.Errorf("stats of the checkout:\n%s", out)
	}

	// Offline: Ada's notes edited, Nora added.
	f := openFor(t, file)
	editVolunteer(t, f, ada, func(v *db.Volunteer) { v.Notes = "met at the canvass" })
	dbtest.Volunteer(t, f, "Nora", "Newcomer", nil)
	f.Close()

	out = run(exitOK, "push", file, "--db", url)
	for _, want := range []string{"1 volunteers", "updated: 1 volunteers: Ada Alpha", "conflicts: none"} {
		if !strings.Contains(out, want) {
			t.Errorf("push lacks %q:\n%s", want, out)
		}
	}
	if v := volunteerOf(t, srv, ada); v.Notes != "met at the canvass" {
		t.Errorf("Ada's notes on the server: %q", v.Notes)
	}
	if out := run(exitOK, "stats", "--db", url); !strings.Contains(out, "volunteers: 43") {
		t.Errorf("stats after the push:\n%s", out)
	}

	// The same file again: nothing.
	out = run(exitOK, "push", file, "--db", url)
	for _, want := range []string{"nothing new", "updated: none", "conflicts: none"} {
		if !strings.Contains(out, want) {
			t.Errorf("second push lacks %q:\n%s", want, out)
		}
	}
	if out := run(exitOK, "stats", "--db", url); !strings.Contains(out, "volunteers: 43") {
		t.Errorf("stats after the second push:\n%s", out)
	}

	// Ben's notes edited on both sides: listed, nothing overwritten. (A field only
	// one side changed is no conflict: see TestPushBringsAWithdrawalPastAnUnrelatedServerEdit.)
	f = openFor(t, file)
	editVolunteer(t, f, ben, func(v *db.Volunteer) { v.Phone, v.Notes = "617-555-0199", "back from Boston" })
	f.Close()
	editVolunteer(t, srv, ben, func(v *db.Volunteer) { v.Notes = "moved to Boston" })
	for _, args := range [][]string{{"push", file, "--db", url}, {"push", file, "--take-theirs", "--db", url}} {
		out = run(exitOK, args...)
		if !strings.Contains(out, "conflicts: 1") || !strings.Contains(out, "Ben Beta: phone (changed in the file), notes (changed on both)") || !strings.Contains(out, "updated: none") {
			t.Errorf("%v with a conflict:\n%s", args, out)
		}
		if v := volunteerOf(t, srv, ben); v.Phone != "617-555-0101" || v.Notes != "moved to Boston" {
			t.Errorf("Ben on the server after %v: phone %q, notes %q", args, v.Phone, v.Notes)
		}
	}
	run(exitUsage, "push", file, "--take-mine", "--take-theirs", "--db", url)
	out = run(exitOK, "push", file, "--take-mine", "--db", url)
	if !strings.Contains(out, "conflicts: 1") || !strings.Contains(out, "--take-mine") {
		t.Errorf("push --take-mine:\n%s", out)
	}
	if v := volunteerOf(t, srv, ben); v.Phone != "617-555-0199" {
		t.Errorf("Ben's phone after --take-mine: %q", v.Phone)
	}
	out = run(exitOK, "push", file, "--db", url)
	if !strings.Contains(out, "nothing new") || !strings.Contains(out, "updated: none") || !strings.Contains(out, "conflicts: none") {
		t.Errorf("push after --take-mine:\n%s", out)
	}

	// Another chapter's checkout, and another chapter's plain file, are refused.
	other := dbtest.EmptyServerURL(t)
	run(exitOK, "server", "init", "--db", other)
	otherFile := filepath.Join(t.TempDir(), "springfield.db")
	run(exitOK, "checkout", "--to", otherFile, "--db", other)
	out = run(exitFail, "push", otherFile, "--db", url)
	if !strings.Contains(out, "checkout of another chapter") {
		t.Errorf("another chapter's checkout: %q", out)
	}
	plain := filepath.Join(t.TempDir(), "plain.db")
	run(exitOK, "demo", "--volunteers", "5", "--calls", "5", "--db", plain)
	out = run(exitFail, "push", plain, "--db", url)
	if !strings.Contains(out, "not a checkout") {
		t.Errorf("a plain data file: %q", out)
	}
	if out := run(exitOK, "stats", "--db", url); !strings.Contains(out, "volunteers: 43") {
		t.Errorf("stats after the refusals:\n%s", out)
	}
}

// A lead on a coalition server checks out their own chapter only, and pushes back
// into it.
func TestCheckoutAsLead(t *testing.T) {
	base := dbtest.EmptyServerURL(t)
	n := coalitionVerbSeq.Add(1)
	alice := fmt.Sprintf("alice_co%d", n)
	run := verbRunner(t)
	run(exitOK, "server", "init", "--db", base)
	run(exitOK, "demo", "--volunteers", "40", "--calls", "100", "--db", base)
	run(exitOK, "server", "add-chapter", "Worcester", "--db", base)
	run(exitOK, "server", "add-lead", alice, "--chapter", "Worcester", "--db", base)
	lead := coalitionVerbURL(t, base, alice)
	ls := openFor(t, lead)
	wes := dbtest.Volunteer(t, ls, "Wes", "Worcester", nil)
	ls.Close()

	file := filepath.Join(t.TempDir(), "worcester.db")
	run(exitOK, "checkout", "--to", file, "--db", lead)
	if out := run(exitOK, "stats", "--db", file); !strings.Contains(out, "volunteers: 1\n") {
		t.Errorf("the lead's checkout holds other chapters' volunteers:\n%s", out)
	}
	f := openFor(t, file)
	if c, err := f.SelfChapter(context.Background()); err != nil || c.Name != "Worcester" {
		t.Errorf("the checkout's own chapter: %q %v", c.Name, err)
	}
	editVolunteer(t, f, wes, func(v *db.Volunteer) { v.Notes = "phone bank captain" })
	dbtest.Volunteer(t, f, "Wanda", "Worcester", nil)
	f.Close()
	out := run(exitOK, "push", file, "--db", lead)
	if !strings.Contains(out, "1 volunteers") || !strings.Contains(out, "updated: 1 volunteers: Wes Worcester") {
		t.Errorf("the lead's push:\n%s", out)
	}
	if out := run(exitOK, "stats", "--db", lead); !strings.Contains(out, "volunteers: 2\n") {
		t.Errorf("the lead's chapter after the push:\n%s", out)
	}
	if out := run(exitOK, "stats", "--db", base); !strings.Contains(out, "volunteers: 42\n") {
		t.Errorf("the server after the lead's push:\n%s", out)
	}
}
