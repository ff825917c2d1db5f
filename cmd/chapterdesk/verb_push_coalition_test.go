package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

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
// import, with a volunteer recruited by another chapter's volunteer: the copy is
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
	if _, err := admin.Exec(ctx, `UPDATE volunteers SET recruiter_id = $1 WHERE id = $2`, sid, wes); err != nil {
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
