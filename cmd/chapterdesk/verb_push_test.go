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

// Offline edits of call reports (the trash), legislators (the lead's edits and
// notes) and the campaign come back with push by the volunteers' rules: changed
// only in the file, written; changed on both sides, listed and written only with
// --take-mine; a second push changes nothing.
func TestPushCallsLegislatorsCampaign(t *testing.T) {
	url := dbtest.EmptyServerURL(t)
	run := verbRunner(t)
	run(exitOK, "server", "init", "--db", url)
	run(exitOK, "demo", "--volunteers", "40", "--calls", "100", "--db", url)
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, coalitionVerbURL(t, url, "postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	var calls []string // uuids of four live calls: a, b, c, d
	rows, err := admin.Query(ctx, `SELECT uuid FROM call_reports WHERE deleted_at IS NULL ORDER BY id LIMIT 4`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var u string
		rows.Scan(&u)
		calls = append(calls, u)
	}
	rows.Close()
	var legs []string // two legislators in office
	rows, err = admin.Query(ctx, `SELECT uuid FROM legislators WHERE in_office = 1 ORDER BY id LIMIT 2`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var u string
		rows.Scan(&u)
		legs = append(legs, u)
	}
	rows.Close()
	if len(calls) != 4 || len(legs) != 2 {
		t.Fatalf("calls %v legislators %v", calls, legs)
	}

	file := filepath.Join(t.TempDir(), "chapter.db")
	run(exitOK, "checkout", "--to", file, "--db", url)

	idIn := func(s *db.Store, table, uuid string) int64 {
		t.Helper()
		var id int64
		var err error
		if db.IsServer(s.Path()) || s.Path() != file {
			err = admin.QueryRow(ctx, `SELECT id FROM `+table+` WHERE uuid = $1`, uuid).Scan(&id)
		} else {
			err = dbtest.Raw(t, file).QueryRow(`SELECT id FROM `+table+` WHERE uuid = $1`, uuid).Scan(&id)
		}
		if err != nil {
			t.Fatalf("%s %s: %v", table, uuid, err)
		}
		return id
	}
	editLegislator := func(s *db.Store, uuid string, edits map[db.LegislatorField]string, notes string) {
		t.Helper()
		id := idIn(s, "legislators", uuid)
		l, err := s.Legislator(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SaveLegislatorEdits(ctx, id, l.Version, edits, &notes); err != nil {
			t.Fatal(err)
		}
	}
	// Offline: call a trashed, call d trashed; legislator 0 a party of the lead's own
	// and notes, legislator 1 notes; the campaign's votes needed.
	f := openFor(t, file)
	for _, u := range []string{calls[0], calls[3]} {
		if _, err := f.TrashCallReport(ctx, idIn(f, "call_reports", u)); err != nil {
			t.Fatal(err)
		}
	}
	editLegislator(f, legs[0], map[db.LegislatorField]string{db.FieldParty: "Working Families"}, "met at the town hall")
	editLegislator(f, legs[1], nil, "file notes")
	camps, err := f.Campaigns(ctx)
	if err != nil || len(camps) == 0 {
		t.Fatal(camps, err)
	}
	c, err := f.Campaign(ctx, camps[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	c.VotesNeeded.Upper = 27
	if _, err := f.SaveCampaign(ctx, c); err != nil {
		t.Fatal(err)
	}
	f.Close()
	// On the server meanwhile: call d trashed and restored, legislator 1's notes.
	s := openFor(t, url)
	d := idIn(s, "call_reports", calls[3])
	if _, err := s.TrashCallReport(ctx, d); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RestoreCallReport(ctx, d); err != nil {
		t.Fatal(err)
	}
	editLegislator(s, legs[1], nil, "server notes")
	s.Close()

	state := func() string {
		t.Helper()
		var out string
		if err := admin.QueryRow(ctx, `SELECT
			(SELECT string_agg(uuid || ':' || (deleted_at IS NOT NULL)::text, ',' ORDER BY uuid) FROM call_reports WHERE uuid = ANY($1)) || '|' ||
			(SELECT string_agg(uuid || ':' || row_version || ':' || notes || ':' || coalesce((SELECT string_agg(field || '=' || value, ';' ORDER BY field)
				FROM legislator_edits e WHERE e.legislator_id = l.id), ''), ',' ORDER BY uuid) FROM legislators l WHERE uuid = ANY($2)) || '|' ||
			(SELECT string_agg(row_version || ':' || votes_needed_upper, ',') FROM campaigns) || '|' ||
			(SELECT count(*) FROM call_reports WHERE deleted_at IS NULL) || '|' ||
			(SELECT sum(attempts) FROM call_stats)`, calls, legs).Scan(&out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	before := state()
	out := run(exitOK, "push", file, "--db", url)
	for _, want := range []string{"updated: call report the call of", "(put in the trash)",
		"updated: legislator", "(party, notes)", "updated: campaign Safe Communities Act",
		"conflicts: 2 records", "call report the call of", "the file has it in the trash, the server not in the trash",
		": notes\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("the first push lacks %q:\n%s", want, out)
		}
	}
	after := state()
	if after == before {
		t.Fatalf("the push changed nothing: %s", after)
	}
	for _, want := range []string{calls[0] + ":true", calls[3] + ":false", ":met at the town hall:party=Working Families",
		":server notes:", ":27|"} {
		if !strings.Contains(after, want) {
			t.Errorf("after the push the server lacks %q: %s", want, after)
		}
	}
	var live, stats int
	admin.QueryRow(ctx, `SELECT (SELECT count(*) FROM call_reports WHERE deleted_at IS NULL), (SELECT sum(attempts) FROM call_stats)`).Scan(&live, &stats)
	if live != 99 || stats != 99 {
		t.Errorf("after trashing one call of 100: %d live, the whip count's counters say %d", live, stats)
	}

	out = run(exitOK, "push", file, "--db", url)
	if !strings.Contains(out, "updated: none") || !strings.Contains(out, "conflicts: 2 records") {
		t.Errorf("the second push:\n%s", out)
	}
	if again := state(); again != after {
		t.Errorf("the second push changed the server:\n%s\n%s", after, again)
	}
	out = run(exitOK, "push", file, "--take-theirs", "--db", url)
	if again := state(); again != after || !strings.Contains(out, "kept (--take-theirs)") {
		t.Errorf("--take-theirs changed the server:\n%s\n%s", after, again)
	}
	out = run(exitOK, "push", file, "--take-mine", "--db", url)
	if !strings.Contains(out, "saved (--take-mine)") {
		t.Errorf("--take-mine:\n%s", out)
	}
	mine := state()
	for _, want := range []string{calls[3] + ":true", ":file notes:"} {
		if !strings.Contains(mine, want) {
			t.Errorf("after --take-mine the server lacks %q: %s", want, mine)
		}
	}
	out = run(exitOK, "push", file, "--take-mine", "--db", url)
	if !strings.Contains(out, "updated: none") || !strings.Contains(out, "conflicts: none") {
		t.Errorf("a push after --take-mine:\n%s", out)
	}
	if again := state(); again != mine {
		t.Errorf("a push after --take-mine changed the server:\n%s\n%s", mine, again)
	}
}

// A lead may not edit the coalition's legislators or campaign on the server: their
// offline edits of those are listed as not brought back, with the reason, and the
// server keeps its own; their call reports come back.
func TestPushAsLeadListsSharedEdits(t *testing.T) {
	base := dbtest.EmptyServerURL(t)
	alice := fmt.Sprintf("alice_p%d", coalitionVerbSeq.Add(1))
	run := verbRunner(t)
	run(exitOK, "server", "init", "--db", base)
	run(exitOK, "demo", "--chapters", "2", "--volunteers", "40", "--calls", "200", "--db", base)
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, coalitionVerbURL(t, base, "postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	var chapter string
	if err := admin.QueryRow(ctx, `SELECT name FROM chapters WHERE is_self = 0`).Scan(&chapter); err != nil {
		t.Fatal(err)
	}
	run(exitOK, "server", "add-lead", alice, "--chapter", chapter, "--db", base)
	lead := coalitionVerbURL(t, base, alice)
	file := filepath.Join(t.TempDir(), "lead.db")
	run(exitOK, "checkout", "--to", file, "--db", lead)

	shared := func() string {
		var out string
		if err := admin.QueryRow(ctx, `SELECT (SELECT string_agg(row_version || ':' || notes, ',' ORDER BY id) FROM legislators)
			|| '|' || (SELECT count(*) FROM legislator_edits) || '|' || (SELECT string_agg(row_version || ':' || votes_needed_upper, ',') FROM campaigns)`).Scan(&out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	before := shared()
	f := openFor(t, file)
	legs, err := f.Legislators(ctx)
	if err != nil || len(legs) == 0 {
		t.Fatal(err)
	}
	notes := "the lead's offline notes"
	if err := f.SaveLegislatorEdits(ctx, legs[0].ID, legs[0].Version, map[db.LegislatorField]string{db.FieldCapitolPhone: "(617) 555-0100"}, &notes); err != nil {
		t.Fatal(err)
	}
	camps, _ := f.Campaigns(ctx)
	c, err := f.Campaign(ctx, camps[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	c.VotesNeeded.Lower = 99
	if _, err := f.SaveCampaign(ctx, c); err != nil {
		t.Fatal(err)
	}
	var callUUID string
	if err := dbtest.Raw(t, file).QueryRow(`SELECT uuid FROM call_reports WHERE deleted_at IS NULL ORDER BY id LIMIT 1`).Scan(&callUUID); err != nil {
		t.Fatal(err)
	}
	var callID int64
	dbtest.Raw(t, file).QueryRow(`SELECT id FROM call_reports WHERE uuid = ?`, callUUID).Scan(&callID)
	if _, err := f.TrashCallReport(ctx, callID); err != nil {
		t.Fatal(err)
	}
	f.Close()

	for round := 1; round <= 2; round++ {
		out := run(exitOK, "push", file, "--take-mine", "--db", lead)
		for _, want := range []string{"not brought back: legislator " + legs[0].Title() + ": this login may not edit the coalition's legislators (the coordinator does): ask them for capitol phone, notes",
			"not brought back: campaign Safe Communities Act: this login may not edit the coalition's campaigns"} {
			if !strings.Contains(out, want) {
				t.Errorf("push %d lacks %q:\n%s", round, want, out)
			}
		}
		if round == 1 && !strings.Contains(out, "updated: call report") {
			t.Errorf("push 1 did not bring the trashed call back:\n%s", out)
		}
		if round == 2 && !strings.Contains(out, "updated: none") {
			t.Errorf("push 2 changed something:\n%s", out)
		}
		if after := shared(); after != before {
			t.Errorf("the lead's push changed the shared legislators or campaign:\n%s\n%s", before, after)
		}
	}
	var trashed bool
	if err := admin.QueryRow(ctx, `SELECT deleted_at IS NOT NULL FROM call_reports WHERE uuid = $1`, callUUID).Scan(&trashed); err != nil || !trashed {
		t.Errorf("the lead's call trashed offline is not in the trash on the server (%v)", err)
	}
}
