package main

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

var coalitionVerbSeq atomic.Int64

// coalitionVerbURL is the server database's URL with another login (the test server
// trusts its socket: no password is checked).
func coalitionVerbURL(t *testing.T, base, login string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.User(login)
	return u.String()
}

// The owner gives a coalition its chapters and logins from the command line; a lead
// works on their chapter only; a removed lead cannot connect.
func TestServerCoalitionVerbs(t *testing.T) {
	base := dbtest.EmptyServerURL(t)
	n := coalitionVerbSeq.Add(1)
	alice, carol := fmt.Sprintf("alice_v%d", n), fmt.Sprintf("carol_v%d", n)
	run := verbRunner(t)
	run(exitOK, "server", "init", "--db", base)
	run(exitOK, "demo", "--volunteers", "40", "--calls", "100", "--db", base)
	out := run(exitOK, "server", "add-chapter", "Worcester", "--db", base)
	if !strings.Contains(out, `added the chapter "Worcester"`) {
		t.Errorf("add-chapter: %q", out)
	}
	run(exitFail, "server", "add-chapter", "worcester", "--db", base)
	run(exitUsage, "server", "add-lead", alice, "--db", base)
	out = run(exitOK, "server", "add-lead", alice, "--chapter", "Worcester", "--db", base)
	if !regexp.MustCompile(`temporary password for ` + alice + `: [A-Za-z0-9]{20}\n`).MatchString(out) {
		t.Errorf("add-lead: %q", out)
	}
	out = run(exitOK, "server", "add-coordinator", carol, "--db", base)
	if !strings.Contains(out, "coordinator") || !strings.Contains(out, "temporary password for "+carol) {
		t.Errorf("add-coordinator: %q", out)
	}
	out = run(exitOK, "server", "list", "--db", base)
	for _, want := range []string{"chapters on", "Worcester: leads: " + alice, "(the owner's own): no lead",
		carol + ": coordinator", alice + `: lead of "Worcester"`} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	// The lead sees none of the demo chapter's 40 volunteers, and may not give logins.
	lead := coalitionVerbURL(t, base, alice)
	out = run(exitOK, "stats", "--db", lead)
	if !strings.Contains(out, "volunteers: 0") {
		t.Errorf("stats as the lead of an empty chapter:\n%s", out)
	}
	out = run(exitFail, "server", "add-lead", "mallory", "--chapter", "Worcester", "--db", lead)
	if !strings.Contains(out, "owner") {
		t.Errorf("add-lead by a lead: %q", out)
	}
	// A lead of two chapters says which one a writing verb is for: without --chapter
	// the records would land in whichever the server takes first. Reading needs none.
	run(exitOK, "server", "add-chapter", "Springfield", "--db", base)
	run(exitOK, "server", "add-lead", alice, "--chapter", "Springfield", "--db", base)
	// The owner's --chapter of another chapter is refused: taken as said, the import
	// landed in the owner's own chapter without a word.
	out = run(exitFail, "demo", "--volunteers", "5", "--calls", "0", "--chapter", "Springfield", "--db", base)
	if !strings.Contains(out, "owner works in its own chapter") || !strings.Contains(out, `"Springfield"`) {
		t.Errorf("the owner's --chapter of another chapter: %q", out)
	}
	out = run(exitFail, "demo", "--volunteers", "5", "--calls", "0", "--db", lead)
	if !strings.Contains(out, "leads 2 chapters here (") || !strings.Contains(out, "--chapter NAME") {
		t.Errorf("a writing verb of a lead of two chapters without --chapter: %q", out)
	}
	run(exitOK, "stats", "--db", lead)
	// The window is no verb: it opens, and its Chapter chooser says which chapter its
	// screens are for (a lead of two chapters could not open the app at all).
	if ws, err := openWindowStore(context.Background(), lead, appOpen); err != nil {
		t.Errorf("the window of a lead of two chapters: %v", err)
	} else {
		ws.Close()
	}
	copyOf := t.TempDir() + "/checkout.db"
	out = run(exitFail, "checkout", "--to", copyOf, "--db", lead)
	if !strings.Contains(out, "--chapter NAME") {
		t.Errorf("checkout by a lead of two chapters without --chapter: %q", out)
	}
	out = run(exitFail, "demo", "--volunteers", "5", "--calls", "0", "--chapter", "Boston", "--db", lead)
	if !strings.Contains(out, `no chapter named "Boston"`) {
		t.Errorf("--chapter of another chapter: %q", out)
	}
	run(exitOK, "demo", "--volunteers", "7", "--calls", "0", "--chapter", "springfield", "--db", lead)
	out = run(exitOK, "stats", "--chapter", "Springfield", "--db", lead)
	if !strings.Contains(out, "volunteers: 7") {
		t.Errorf("stats of Springfield after its demo:\n%s", out)
	}
	out = run(exitOK, "stats", "--chapter", "Worcester", "--db", lead)
	if !strings.Contains(out, "volunteers: 0") {
		t.Errorf("stats of Worcester after Springfield's demo:\n%s", out)
	}
	out = run(exitOK, "checkout", "--to", copyOf, "--chapter", "Springfield", "--db", lead)
	if !strings.Contains(out, "checked out Springfield") {
		t.Errorf("checkout of Springfield: %q", out)
	}
	if out = run(exitOK, "stats", "--db", copyOf); !strings.Contains(out, "volunteers: 7") {
		t.Errorf("the checkout of Springfield:\n%s", out)
	}
	file := t.TempDir() + "/file.db"
	run(exitOK, "demo", "--volunteers", "1", "--calls", "0", "--db", file)
	out = run(exitUsage, "stats", "--chapter", "Worcester", "--db", file)
	if !strings.Contains(out, "a data file is one chapter's") {
		t.Errorf("--chapter on a data file: %q", out)
	}
	out = run(exitOK, "server", "remove", alice, "--db", base)
	if !strings.Contains(out, "removed "+alice) {
		t.Errorf("remove: %q", out)
	}
	out = run(exitFail, "stats", "--db", lead)
	if !strings.Contains(out, alice) && !strings.Contains(out, "login") {
		t.Errorf("stats as a removed lead: %q", out)
	}
	run(exitFail, "server", "remove", alice, "--db", base)
	out = run(exitOK, "server", "list", "--db", base)
	if strings.Contains(out, alice) {
		t.Errorf("list after remove:\n%s", out)
	}
}
