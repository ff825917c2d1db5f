package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// coalitionWithImport is a coalition server as chapters run one: the owner imported
// the state's legislators (an import batch the leads may not read), Worcester has
// the leads alice and bob, Springfield the lead sam. It returns the owner's URL, the
// leads' URLs and an admin connection.
func coalitionWithImport(t *testing.T, run func(int, ...string) string) (base, alice, bob, sam string, admin *pgx.Conn) {
	t.Helper()
	base = dbtest.EmptyServerURL(t)
	n := coalitionVerbSeq.Add(1)
	run(exitOK, "server", "init", "--db", base)
	run(exitOK, "import", "legislators", "--state", "MA", "--db", base)
	run(exitOK, "server", "add-chapter", "Worcester", "--db", base)
	run(exitOK, "server", "add-chapter", "Springfield", "--db", base)
	names := map[string]string{"alice": "Worcester", "bob": "Worcester", "sam": "Springfield"}
	urls := map[string]string{}
	for who, chapter := range names {
		login := fmt.Sprintf("%s_pc%d", who, n)
		run(exitOK, "server", "add-lead", login, "--chapter", chapter, "--db", base)
		urls[who] = coalitionVerbURL(t, base, login)
	}
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, coalitionVerbURL(t, base, "postgres"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close(context.Background()) })
	return base, urls["alice"], urls["bob"], urls["sam"], admin
}

// A lead's checkout and backup of a server whose legislators came from the owner's
// import, with a volunteer recruited by another chapter's volunteer (set before the
// server refused such recruiters): the copy is
// whole (the references to rows the lead may not read are left empty in it), no
// partial file is left, and pushing an edit of that volunteer back keeps the
// recruiter on the server.
func TestCheckoutAsLeadAfterOwnerImport(t *testing.T) {
	run := verbRunner(t)
	_, alice, _, sam, admin := coalitionWithImport(t, run)
	ctx := context.Background()
	ss := openFor(t, sam)
	sid := dbtest.Volunteer(t, ss, "Sally", "Springfield", nil)
	ss.Close()
	as := openFor(t, alice)
	wes := dbtest.Volunteer(t, as, "Wes", "Worcester", nil)
	as.Close()
	var sallyUUID, wesUUID string
	admin.QueryRow(ctx, `SELECT uuid FROM volunteers WHERE id = $1`, sid).Scan(&sallyUUID)
	admin.QueryRow(ctx, `SELECT uuid FROM volunteers WHERE id = $1`, wes).Scan(&wesUUID)
	// A recruiter of another chapter, as a server may hold from before migration 0012
	// refused them: set with the triggers off.
	if _, err := admin.Exec(ctx, `SET session_replication_role = replica`); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(ctx, `UPDATE volunteers SET recruiter_id = $1 WHERE id = $2`, sid, wes); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(ctx, `SET session_replication_role = DEFAULT`); err != nil {
		t.Fatal(err)
	}

	dir := t.TempDir()
	file := filepath.Join(dir, "alice.db")
	out := run(exitOK, "checkout", "--to", file, "--db", alice)
	if !strings.Contains(out, "checked out") {
		t.Errorf("checkout: %q", out)
	}
	run(exitOK, "backup", filepath.Join(dir, "alice-backup.db"), "--db", alice)
	names, _ := filepath.Glob(filepath.Join(dir, "*partial*"))
	if len(names) > 0 {
		t.Errorf("partial files left: %v", names)
	}
	raw := dbtest.Raw(t, file)
	var legs, batched int
	raw.QueryRow(`SELECT count(*), count(import_batch_id) FROM legislators`).Scan(&legs, &batched)
	if legs < 150 || batched != 0 {
		t.Errorf("the checkout's legislators: %d, %d citing a batch", legs, batched)
	}

	f := openFor(t, file)
	editVolunteer(t, f, wes, func(v *db.Volunteer) { v.Notes = "phone bank captain" })
	f.Close()
	out = run(exitOK, "push", file, "--db", alice)
	if !strings.Contains(out, "updated: 1 volunteers: Wes Worcester") {
		t.Errorf("push:\n%s", out)
	}
	var recruiter, notes string
	admin.QueryRow(ctx, `SELECT coalesce(r.uuid, ''), v.notes FROM volunteers v LEFT JOIN volunteers r ON r.id = v.recruiter_id WHERE v.id = $1`, wes).Scan(&recruiter, &notes)
	if recruiter != sallyUUID || notes != "phone bank captain" {
		t.Errorf("Wes on the server after the push: recruiter %q (want %q), notes %q", recruiter, sallyUUID, notes)
	}
}

// A volunteer put in the trash in a lead's checkout (someone who asked to be
// removed) goes to the trash on the server with push; one the server changed since
// the checkout is listed as a conflict and trashed only with --take-mine; one taken
// out of the trash in the file comes out of it on the server. An edit of a call
// report made in the file is listed as not brought back, never dropped silently.
func TestPushAsLeadCarriesVolunteerTrash(t *testing.T) {
	run := verbRunner(t)
	base, alice, bob, _, admin := coalitionWithImport(t, run)
	ctx := context.Background()
	owner := openFor(t, base)
	camp := dbtest.Campaign(t, owner)
	owner.Close()
	as := openFor(t, alice)
	rem := dbtest.Volunteer(t, as, "Remy", "Removed", nil)
	vic := dbtest.Volunteer(t, as, "Vic", "Victor", nil)
	back := dbtest.Volunteer(t, as, "Bea", "Back", nil)
	if err := as.TrashVolunteer(ctx, back); err != nil {
		t.Fatal(err)
	}
	legs, err := as.Legislators(ctx)
	if err != nil || len(legs) == 0 {
		t.Fatal(err)
	}
	call, err := as.CreateCallReport(ctx, db.CallReport{CampaignID: camp, LegislatorID: legs[0].ID, VolunteerID: vic,
		CalledAt: time.Now().Add(-time.Hour), Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff, Notes: "asked for the fact sheet"}, false)
	if err != nil {
		t.Fatal(err)
	}
	as.Close()

	file := filepath.Join(t.TempDir(), "alice.db")
	run(exitOK, "checkout", "--to", file, "--db", alice)
	time.Sleep(1100 * time.Millisecond) // the checkout's second is behind the edits
	f := openFor(t, file)
	for _, id := range []int64{rem, vic} {
		if err := f.TrashVolunteer(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.RestoreVolunteer(ctx, back); err != nil {
		t.Fatal(err)
	}
	f.Close()
	// A call report edited in the file (as a re-import of a call sheet edits it).
	rw, err := sql.Open("sqlite", "file:"+file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rw.Exec(`UPDATE call_reports SET notes = 'sent the fact sheet', follow_up = 1, updated_at = unixepoch() WHERE id = ?`, call); err != nil {
		t.Fatal(err)
	}
	rw.Close()
	bs := openFor(t, bob)
	editVolunteer(t, bs, vic, func(v *db.Volunteer) { v.Notes = "bob called Vic" })
	bs.Close()

	trashed := func(id int64) bool {
		var d bool
		if err := admin.QueryRow(ctx, `SELECT deleted_at IS NOT NULL FROM volunteers WHERE id = $1`, id).Scan(&d); err != nil {
			t.Fatal(err)
		}
		return d
	}
	out := run(exitOK, "push", file, "--db", alice)
	for _, want := range []string{"updated: volunteer Remy Removed (put in the trash)", "updated: volunteer Bea Back (taken out of the trash)",
		"conflicts: 1", "Vic Victor: put in the trash in the file, changed on the server since the checkout",
		"not brought back: call report the call of", "the server's differs in follow-up, notes"} {
		if !strings.Contains(out, want) {
			t.Errorf("push lacks %q:\n%s", want, out)
		}
	}
	if !trashed(rem) || trashed(vic) || trashed(back) {
		t.Errorf("after the push: Remy trashed %v (want true), Vic %v (want false), Bea %v (want false)", trashed(rem), trashed(vic), trashed(back))
	}
	var notes string
	admin.QueryRow(ctx, `SELECT notes FROM call_reports WHERE id = $1`, call).Scan(&notes)
	if notes != "asked for the fact sheet" {
		t.Errorf("the call's notes on the server: %q", notes)
	}
	out = run(exitOK, "push", file, "--take-mine", "--db", alice)
	if !strings.Contains(out, "Vic Victor: put in the trash") || !trashed(vic) {
		t.Errorf("push --take-mine: Vic trashed %v:\n%s", trashed(vic), out)
	}
	out = run(exitOK, "push", file, "--db", alice)
	if !strings.Contains(out, "updated: none") || !strings.Contains(out, "conflicts: none") {
		t.Errorf("a push after --take-mine:\n%s", out)
	}
}

// Two leads of one chapter edit one volunteer in different fields: alice the phone
// in her checkout, bob the email on the server. Alice's push lists the volunteer
// saying which side changed which field, and --take-mine writes alice's phone and
// keeps bob's email; where both changed a field, --take-mine takes alice's. Tags and
// languages go item by item: alice removed a tag and added a language, bob added a
// tag and another language; the file's whole lists went over bob's, his tag and
// language lost silently. Now each side's additions and removals are kept.
func TestPushTakeMineKeepsOtherLeadsFields(t *testing.T) {
	run := verbRunner(t)
	_, alice, bob, _, _ := coalitionWithImport(t, run)
	as := openFor(t, alice)
	joao := dbtest.Volunteer(t, as, "João", "D'Angelo", func(v *db.Volunteer) {
		v.Email, v.Phone, v.Notes = "joao@example.org", "508-555-0100", "first notes"
		v.Tags, v.Languages = []string{"canvasser", "phonebank"}, []string{"en"}
	})
	as.Close()
	file := filepath.Join(t.TempDir(), "alice.db")
	run(exitOK, "checkout", "--to", file, "--db", alice)
	f := openFor(t, file)
	editVolunteer(t, f, joao, func(v *db.Volunteer) {
		v.Phone, v.Notes, v.Tags, v.Languages = "508-555-0199", "alice's notes", []string{"canvasser"}, []string{"en", "pt"}
	})
	f.Close()
	bs := openFor(t, bob)
	editVolunteer(t, bs, joao, func(v *db.Volunteer) {
		v.Email, v.Notes = "joao.dangelo@example.org", "bob's notes"
		v.Tags, v.Languages = append(v.Tags, "host"), append(v.Languages, "es")
	})
	bs.Close()

	out := run(exitOK, "push", file, "--db", alice)
	if !strings.Contains(out, "João D'Angelo: email (changed on the server), phone (changed in the file), notes (changed on both)") {
		t.Errorf("push does not say who changed what:\n%s", out)
	}
	run(exitOK, "push", file, "--take-mine", "--db", alice)
	srv := openFor(t, alice)
	v := volunteerOf(t, srv, joao)
	if v.Email != "joao.dangelo@example.org" || v.Phone != "508-555-0199" || v.Notes != "alice's notes" {
		t.Errorf("João after --take-mine: email %q (bob's), phone %q (alice's), notes %q (alice's)", v.Email, v.Phone, v.Notes)
	}
	if got := fmt.Sprint(v.Tags, v.Languages); got != "[canvasser host] [en es pt]" {
		t.Errorf("João's tags and languages after --take-mine: %s, want bob's host and es kept, alice's phonebank removal and pt", got)
	}
}

// A volunteer added in a checkout whose email (in any case) or phone is a live
// volunteer's of the chapter on the server is a likely duplicate: the push is
// refused, listing both records, and adds nothing; --add-duplicates adds it anyway.
func TestPushRefusesLikelyDuplicates(t *testing.T) {
	run := verbRunner(t)
	_, alice, bob, _, admin := coalitionWithImport(t, run)
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "alice.db")
	run(exitOK, "checkout", "--to", file, "--db", alice)
	bs := openFor(t, bob)
	dbtest.Volunteer(t, bs, "Dana", "Dupont", func(v *db.Volunteer) { v.Email = "dana.dupont@example.org" })
	dbtest.Volunteer(t, bs, "Pat", "Phone", func(v *db.Volunteer) { v.Phone = "508-555-0142" })
	bs.Close()
	f := openFor(t, file)
	dbtest.Volunteer(t, f, "Dana", "Dupont", func(v *db.Volunteer) { v.Email = "Dana.Dupont@example.org" })
	dbtest.Volunteer(t, f, "Patricia", "Phone", func(v *db.Volunteer) { v.Phone = "(508) 555-0142" })
	dbtest.Volunteer(t, f, "Nora", "Newcomer", nil)
	f.Close()
	count := func() int {
		var n int
		admin.QueryRow(ctx, `SELECT count(*) FROM volunteers WHERE deleted_at IS NULL`).Scan(&n)
		return n
	}
	out := run(exitFail, "push", file, "--db", alice)
	for _, want := range []string{"likely duplicate", "Dana Dupont (Dana.Dupont@example.org) added in the file, Dana Dupont (dana.dupont@example.org) on the server",
		"Patricia Phone", "Pat Phone", "--add-duplicates"} {
		if !strings.Contains(out, want) {
			t.Errorf("push lacks %q:\n%s", want, out)
		}
	}
	if n := count(); n != 2 {
		t.Errorf("volunteers on the server after the refused push: %d, want 2", n)
	}
	out = run(exitOK, "push", file, "--add-duplicates", "--db", alice)
	if n := count(); n != 5 {
		t.Errorf("volunteers on the server after --add-duplicates: %d, want 5\n%s", n, out)
	}
}

// An import with --take-file-values changes a volunteer as surely as a form does
// (tester t1, F2 and F3). Bob's import on the server after alice's checkout, then
// alice's edit of the same person's city in her file: the push listed no conflict and
// wrote alice's address and her old notes over bob's. Now the volunteer is listed as
// changed on both sides, and with --take-mine bob's notes (only the server changed
// them) stay. (The address was one part, so --take-mine wrote alice's whole address
// and bob's zip was lost silently; now it is taken field by field: alice's city,
// which both changed, and bob's zip.) And an import
// with --take-file-values inside a checkout was never pushed ("updated: none"): now
// the person's new values go back to the server.
func TestPushSeesImportsOnEitherSide(t *testing.T) {
	run := verbRunner(t)
	_, alice, bob, _, admin := coalitionWithImport(t, run)
	ctx := context.Background()
	as := openFor(t, alice)
	jen := dbtest.Volunteer(t, as, "Jennifer", "Brown", func(v *db.Volunteer) {
		v.Email, v.City, v.Zip = "jennifer.brown@example.org", "Lowell", "01851"
	})
	mo := dbtest.Volunteer(t, as, "Mo", "Silva", func(v *db.Volunteer) { v.Email, v.City = "mo.silva@example.org", "Lowell" })
	as.Close()
	dir := t.TempDir()
	file := filepath.Join(dir, "alice.db")
	run(exitOK, "checkout", "--to", file, "--db", alice)

	csv := func(name, rows string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("First Name,Last Name,Email,City,Zip Code,Notes\r\n"+rows), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	run(exitOK, "import", "volunteers", csv("bob.csv", "Jennifer,Brown,jennifer.brown@example.org,Lowell-SERVER,01852,bob's note\r\n"),
		"--take-file-values", "--db", bob)
	f := openFor(t, file)
	editVolunteer(t, f, jen, func(v *db.Volunteer) { v.City = "Lowell-FILE" })
	f.Close()
	run(exitOK, "import", "volunteers", csv("alice.csv", "Mo,Silva,mo.silva@example.org,Worcester,01602,met at the rally\r\n"),
		"--take-file-values", "--db", file)

	out := run(exitOK, "push", file, "--db", alice)
	for _, want := range []string{"conflicts: 1", "Jennifer Brown: city (changed on both), zip (changed on the server), notes (changed on the server)",
		"updated: 1 volunteers: Mo Silva"} {
		if !strings.Contains(out, want) {
			t.Errorf("push lacks %q:\n%s", want, out)
		}
	}
	row := func(id int64) string {
		var got string
		if err := admin.QueryRow(ctx, `SELECT city || ' ' || zip || ' ' || notes FROM volunteers WHERE id = $1`, id).Scan(&got); err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := row(jen); got != "Lowell-SERVER 01852 bob's note" {
		t.Errorf("Jennifer on the server after the push: %q, want bob's import's values", got)
	}
	if got := row(mo); got != "Worcester 01602 met at the rally" {
		t.Errorf("Mo on the server after the push: %q, want the file's import's values", got)
	}
	run(exitOK, "push", file, "--take-mine", "--db", alice)
	if got := row(jen); got != "Lowell-FILE 01852 bob's note" {
		t.Errorf("Jennifer after --take-mine: %q, want alice's city (changed on both), bob's zip (changed on the server only) and bob's notes", got)
	}
}

// A checkout whose record of the chapter it was taken from was changed afterwards
// (tester t1, F7): pushed by the lead of the chapter it now names, it met the
// server's row-level security halfway ("new row violates row-level security policy
// ... (SQLSTATE 42501)"); pushed by its own lead, the refusal named the file's
// chapter with the other chapter's id. Both are refused before anything is read,
// saying the file was changed since the checkout and whose chapter it is.
func TestPushRefusesACheckoutChangedSince(t *testing.T) {
	run := verbRunner(t)
	_, alice, _, sam, admin := coalitionWithImport(t, run)
	ctx := context.Background()
	var worcester, springfield string
	admin.QueryRow(ctx, `SELECT uuid FROM chapters WHERE name = 'Worcester'`).Scan(&worcester)
	admin.QueryRow(ctx, `SELECT uuid FROM chapters WHERE name = 'Springfield'`).Scan(&springfield)
	file := filepath.Join(t.TempDir(), "alice.db")
	run(exitOK, "checkout", "--to", file, "--db", alice)
	f := openFor(t, file)
	dbtest.Volunteer(t, f, "Nora", "Newcomer", nil)
	f.Close()
	raw, err := sql.Open("sqlite", "file:"+file)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE settings SET value = ? WHERE key = 'offline_copy_of'`, springfield); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	want := "its own chapter is Worcester (" + worcester + ") but it says it is a checkout of " + springfield
	for who, url := range map[string]string{"Springfield's lead": sam, "Worcester's lead": alice} {
		out := run(exitFail, "push", file, "--db", url)
		if !strings.Contains(out, want) || strings.Contains(out, "SQLSTATE") || strings.Contains(out, "(Worcester, "+springfield+")") {
			t.Errorf("push as %s:\n%s\nwant it to say %q", who, out, want)
		}
	}
	var n int
	admin.QueryRow(ctx, `SELECT count(*) FROM volunteers`).Scan(&n)
	if n != 0 {
		t.Errorf("volunteers on the server after the refused pushes: %d", n)
	}
}

// A push's own writes are not the server's changes: a checkout that withdrew a
// volunteer's email consent and edited their notes, or took one out of the trash and
// edited them, is pushed as an edit of the file alone, not listed as changed on both
// sides because the push's merge (the consent) or trash step raised the version first.
func TestPushOwnWritesAreNotConflicts(t *testing.T) {
	run := verbRunner(t)
	_, alice, _, _, _ := coalitionWithImport(t, run)
	ctx := context.Background()
	as := openFor(t, alice)
	ann := dbtest.Volunteer(t, as, "Ann", "Optout", func(v *db.Volunteer) { v.Email, v.OKEmail = "ann@example.org", true })
	bea := dbtest.Volunteer(t, as, "Bea", "Back", nil)
	if err := as.TrashVolunteer(ctx, bea); err != nil {
		t.Fatal(err)
	}
	as.Close()
	file := filepath.Join(t.TempDir(), "alice.db")
	run(exitOK, "checkout", "--to", file, "--db", alice)
	time.Sleep(1100 * time.Millisecond) // the file's edits are newer by the second
	f := openFor(t, file)
	editVolunteer(t, f, ann, func(v *db.Volunteer) { v.OKEmail, v.Notes = false, "asked for no more email" })
	if err := f.RestoreVolunteer(ctx, bea); err != nil {
		t.Fatal(err)
	}
	editVolunteer(t, f, bea, func(v *db.Volunteer) { v.Notes = "back from abroad" })
	f.Close()
	out := run(exitOK, "push", file, "--db", alice)
	if !strings.Contains(out, "conflicts: none") || !strings.Contains(out, "Ann Optout") || !strings.Contains(out, "Bea Back") {
		t.Errorf("push:\n%s", out)
	}
	srv := openFor(t, alice)
	if v := volunteerOf(t, srv, ann); v.OKEmail || v.Notes != "asked for no more email" {
		t.Errorf("Ann on the server: ok_email %v, notes %q", v.OKEmail, v.Notes)
	}
	if v := volunteerOf(t, srv, bea); v.Notes != "back from abroad" {
		t.Errorf("Bea on the server: notes %q", v.Notes)
	}
}
