package db_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// The coalition's walls, as a reviewer checks them: connected as a lead or the
// coordinator with plain SQL (pgx, no Store), not through the app. The test server
// trusts its socket, so a login connects by name; its password is not checked here.

// coalSeq keeps login names unique: roles belong to the whole test server, which the
// tests' databases share.
var coalSeq atomic.Int64

func coalLogin(name string) string { return fmt.Sprintf("%s_%d", name, coalSeq.Add(1)) }

// coalAs is the test database's URL with another user.
func coalAs(t *testing.T, base, login string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.User(login)
	return u.String()
}

func coalConnect(t *testing.T, base, login string) *pgx.Conn {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, coalAs(t, base, login))
	if err != nil {
		t.Fatalf("connect as %s: %v", login, err)
	}
	t.Cleanup(func() { c.Close(context.Background()) })
	return c
}

func coalCount(t *testing.T, c *pgx.Conn, q string, args ...any) int {
	t.Helper()
	var n int
	if err := c.QueryRow(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func coalDenied(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "42501" // insufficient_privilege, also "violates row-level security policy"
}

// coalScene is a coalition of two chapters, A and B, each with a volunteer and a call
// report, a lead for each and a coordinator.
type coalScene struct {
	url                  string
	s                    *db.Store
	admin                *pgx.Conn
	a, b                 db.Chapter
	volA, volB           int64
	campaign, legislator int64
	leadA, leadB, coord  string
}

func newCoalition(t *testing.T) *coalScene {
	t.Helper()
	ctx := context.Background()
	u := dbtest.ServerURL(t)
	s, err := db.Open(ctx, u, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	sc := &coalScene{url: u, s: s, leadA: coalLogin("alice"), leadB: coalLogin("bob"), coord: coalLogin("carol")}
	if sc.a, err = s.AddChapter(ctx, "Worcester"); err != nil {
		t.Fatal(err)
	}
	if sc.b, err = s.AddChapter(ctx, "Springfield"); err != nil {
		t.Fatal(err)
	}
	for _, l := range []struct{ login, chapter string }{{sc.leadA, "Worcester"}, {sc.leadB, "Springfield"}} {
		pw, err := s.AddLead(ctx, l.login, l.chapter)
		if err != nil {
			t.Fatal(err)
		}
		if len(pw) < 16 {
			t.Fatalf("add lead %s: temporary password %q", l.login, pw)
		}
	}
	if _, err := s.AddCoordinator(ctx, sc.coord); err != nil {
		t.Fatal(err)
	}
	sc.admin = coalConnect(t, u, "postgres")
	q := func(sql string, args ...any) int64 {
		var id int64
		if err := sc.admin.QueryRow(ctx, sql, args...).Scan(&id); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		return id
	}
	sc.campaign = q(`INSERT INTO campaigns (uuid, created_at, updated_at) VALUES ('camp-1', 0, 0) RETURNING id`)
	sc.legislator = q(`INSERT INTO legislators (uuid, chamber, district, name, created_at, updated_at)
		VALUES ('leg-1', 'lower', '1st Worcester', 'Rep. Jane Doe', 0, 0) RETURNING id`)
	vol := func(uuid string, chapter int64, first, last, email, phone string) int64 {
		return q(`INSERT INTO volunteers (uuid, chapter_id, first_name, last_name, email, phone, phone_e164, address1, notes,
			created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6, '12 Elm Street', 'private note', 0, 0) RETURNING id`,
			uuid, chapter, first, last, email, phone)
	}
	sc.volA = vol("vol-a", sc.a.ID, "Ann", "Archer", "ann@example.org", "+15085550101")
	sc.volB = vol("vol-b", sc.b.ID, "Ben", "Baker", "ben@example.org", "+14135550102")
	for _, v := range []struct {
		vol, chapter int64
		uuid         string
	}{{sc.volA, sc.a.ID, "call-a"}, {sc.volB, sc.b.ID, "call-b"}} {
		q(`WITH t AS (INSERT INTO tags (name) VALUES ($2) RETURNING id)
			INSERT INTO volunteer_tags (volunteer_id, tag_id) SELECT $1, id FROM t RETURNING volunteer_id`, v.vol, "tag "+v.uuid)
		// Its notes are the caller's, and may say anything a caller types: "call me
		// back at ...". The coordinator never reads them.
		rid := q(`INSERT INTO call_reports (uuid, chapter_id, campaign_id, volunteer_id, legislator_id, called_at, outcome,
			notes, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 1700000000, 'spoke_staff',
			'private note: staff will call back at 508-555-0101', 0, 0) RETURNING id`,
			v.uuid, v.chapter, sc.campaign, v.vol, sc.legislator)
		// The stance heard on it, written as the app once wrote it: by the caller's
		// full name.
		q(`INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, changed_by, reason,
			call_report_id, chapter_id) SELECT 'stance-' || $1, $2, $3, 'yes', 1700000000,
			first_name || ' ' || last_name, 'heard on a call', $4, $5 FROM volunteers WHERE id = $6 RETURNING id`,
			v.uuid, sc.campaign, sc.legislator, rid, v.chapter, v.vol)
	}
	return sc
}

func TestCoalitionLeadSeesOnlyOwnChapter(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	alice := coalConnect(t, sc.url, sc.leadA)

	if n := coalCount(t, alice, `SELECT count(*) FROM volunteers WHERE chapter_id = $1`, sc.b.ID); n != 0 {
		t.Errorf("a lead of A reads %d of B's volunteers", n)
	}
	if n := coalCount(t, alice, `SELECT count(*) FROM volunteers`); n != 1 {
		t.Errorf("a lead of A reads %d volunteers, want her one", n)
	}
	for _, table := range []string{"volunteer_tags", "call_reports"} {
		if n := coalCount(t, alice, `SELECT count(*) FROM `+table+` WHERE volunteer_id = $1`, sc.volB); n != 0 {
			t.Errorf("a lead of A reads %d rows of %s of B's volunteer", n, table)
		}
	}
	tag, err := alice.Exec(ctx, `UPDATE volunteers SET notes = 'changed by A', email = 'x@example.org' WHERE id = $1`, sc.volB)
	if err != nil {
		t.Fatalf("update B's volunteer as A: %v", err)
	}
	if tag.RowsAffected() != 0 {
		t.Errorf("a lead of A updated %d of B's volunteers", tag.RowsAffected())
	}
	if tag, err := alice.Exec(ctx, `DELETE FROM volunteers WHERE chapter_id = $1`, sc.b.ID); err != nil || tag.RowsAffected() != 0 {
		t.Errorf("a lead of A deleting B's volunteers: %v, %d rows", err, tag.RowsAffected())
	}
	var notes, email string
	if err := sc.admin.QueryRow(ctx, `SELECT notes, email FROM volunteers WHERE id = $1`, sc.volB).Scan(&notes, &email); err != nil {
		t.Fatal(err)
	}
	if notes != "private note" || email != "ben@example.org" {
		t.Errorf("B's volunteer after A's update: notes %q, email %q", notes, email)
	}
	// Her own she edits, and cannot hand to another chapter.
	if tag, err := alice.Exec(ctx, `UPDATE volunteers SET notes = 'mine' WHERE id = $1`, sc.volA); err != nil || tag.RowsAffected() != 1 {
		t.Errorf("a lead editing her own volunteer: %v, %d rows", err, tag.RowsAffected())
	}
	if _, err := alice.Exec(ctx, `UPDATE volunteers SET chapter_id = $1 WHERE id = $2`, sc.b.ID, sc.volA); !coalDenied(err) {
		t.Errorf("a lead moving her volunteer into B: %v, want a row-level security refusal", err)
	}
	if _, err := alice.Exec(ctx, `INSERT INTO volunteers (uuid, chapter_id, first_name, created_at, updated_at)
		VALUES ('planted', $1, 'Planted', 0, 0)`, sc.b.ID); !coalDenied(err) {
		t.Errorf("a lead adding a volunteer to B: %v, want a refusal", err)
	}
	// The shared record she reads and does not edit.
	if n := coalCount(t, alice, `SELECT count(*) FROM legislators`); n != 1 {
		t.Errorf("a lead reads %d legislators, want 1", n)
	}
	if _, err := alice.Exec(ctx, `UPDATE legislators SET name = 'x'`); !coalDenied(err) {
		t.Errorf("a lead editing a legislator: %v, want permission denied", err)
	}
	// The whip count's history is the coalition's, and hers to read in full: B's
	// caller in it is first name and last initial, as the coordinator sees them.
	authors := map[string]bool{}
	rows, err := alice.Query(ctx, `SELECT changed_by FROM stance_history`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var by string
		if err := rows.Scan(&by); err != nil {
			t.Fatal(err)
		}
		authors[by] = true
	}
	rows.Close()
	if !authors["Ben B."] || !authors["Ann A."] || len(authors) != 2 {
		t.Errorf("a lead of A reads the stance history's authors %v, want only \"Ann A.\" and \"Ben B.\"", authors)
	}
	// Tags are shared by name: she tags with B's tag, and renames none.
	if _, err := alice.Exec(ctx, `UPDATE tags SET name = 'renamed by A' WHERE name = 'tag call-b'`); !coalDenied(err) {
		t.Errorf("a lead renaming the tag B's volunteer carries: %v, want a refusal", err)
	}
	if _, err := alice.Exec(ctx, `INSERT INTO tags (kind, name) VALUES ('tag', 'tag call-b')
		ON CONFLICT (kind, name COLLATE nocase) DO UPDATE SET name = tags.name`); err != nil {
		t.Errorf("a lead's upsert of a tag another chapter made: %v", err)
	}
	// Nor does she see who leads the other chapter.
	if n := coalCount(t, alice, `SELECT count(*) FROM chapter_leads`); n != 1 {
		t.Errorf("a lead reads %d chapter_leads rows, want her own", n)
	}
}

func TestCoalitionLeadReportsOnlyForOwnChapter(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	alice := coalConnect(t, sc.url, sc.leadA)
	insert := `INSERT INTO call_reports (uuid, chapter_id, campaign_id, volunteer_id, legislator_id, called_at, outcome,
		created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 1700000100, 'spoke_legislator', 0, 0)`
	if _, err := alice.Exec(ctx, insert, "a-2", sc.a.ID, sc.campaign, sc.volA, sc.legislator); err != nil {
		t.Fatalf("a lead's report for her chapter: %v", err)
	}
	if _, err := alice.Exec(ctx, insert, "a-3", sc.b.ID, sc.campaign, nil, sc.legislator); !coalDenied(err) {
		t.Errorf("a lead's report for another chapter: %v, want a refusal", err)
	}
	if _, err := alice.Exec(ctx, insert, "a-4", sc.a.ID, sc.campaign, sc.volB, sc.legislator); !coalDenied(err) {
		t.Errorf("a lead's report naming another chapter's volunteer: %v, want a refusal", err)
	}
	// Her report counts in the coalition's whip count (kept by the owner's triggers),
	// which she cannot write herself.
	var attempts, reaches int
	if err := sc.admin.QueryRow(ctx, `SELECT attempts, reaches FROM call_stats WHERE campaign_id = $1 AND legislator_id = $2`,
		sc.campaign, sc.legislator).Scan(&attempts, &reaches); err != nil {
		t.Fatal(err)
	}
	if attempts != 3 || reaches != 3 {
		t.Errorf("call_stats after A's report: %d attempts, %d reaches; want 3 and 3 (both chapters')", attempts, reaches)
	}
	if _, err := alice.Exec(ctx, `UPDATE call_stats SET attempts = 0`); !coalDenied(err) {
		t.Errorf("a lead writing call_stats: %v, want permission denied", err)
	}
	// Trashing her report recounts the pair from every chapter's reports, not only hers.
	if _, err := alice.Exec(ctx, `UPDATE call_reports SET deleted_at = 1 WHERE uuid = 'a-2'`); err != nil {
		t.Fatal(err)
	}
	if err := sc.admin.QueryRow(ctx, `SELECT attempts FROM call_stats WHERE campaign_id = $1 AND legislator_id = $2`,
		sc.campaign, sc.legislator).Scan(&attempts); err != nil {
		t.Fatal(err)
	}
	if attempts != 2 {
		t.Errorf("call_stats after A trashed her report: %d attempts, want 2", attempts)
	}
}

func TestCoalitionCoordinatorNeverReadsContacts(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	carol := coalConnect(t, sc.url, sc.coord)
	for _, q := range []string{
		`SELECT email FROM volunteers`, `SELECT phone FROM volunteers`, `SELECT phone_e164 FROM volunteers`,
		`SELECT address1 FROM volunteers`, `SELECT notes FROM volunteers`, `SELECT * FROM volunteers`,
		`SELECT count(*) FROM volunteers`, `SELECT notes FROM call_reports`, `SELECT * FROM call_reports`,
	} {
		rows, err := carol.Query(ctx, q)
		if err == nil {
			n := 0
			for rows.Next() {
				n++
			}
			err = rows.Err()
			rows.Close()
			if err == nil && n > 0 && !strings.Contains(q, "count") {
				t.Errorf("the coordinator read %d rows of %q", n, q)
			}
		}
		if err != nil && !coalDenied(err) {
			t.Errorf("%q as the coordinator: %v, want permission denied", q, err)
		}
		if err == nil && (strings.Contains(q, "volunteers") || strings.Contains(q, "call_reports")) {
			t.Errorf("%q as the coordinator: allowed", q)
		}
	}
	// Every column the coordinator may read, of every table and view: none holds an
	// email, a phone number's digits or a street address.
	rows, err := carol.Query(ctx, `SELECT c.table_name, c.column_name FROM information_schema.columns c
		WHERE c.table_schema = current_schema()
		  AND has_column_privilege(format('%I.%I', c.table_schema, c.table_name), c.column_name, 'SELECT')`)
	if err != nil {
		t.Fatal(err)
	}
	type col struct{ table, column string }
	var cols []col
	for rows.Next() {
		var c col
		if err := rows.Scan(&c.table, &c.column); err != nil {
			t.Fatal(err)
		}
		cols = append(cols, c)
	}
	rows.Close()
	if len(cols) == 0 {
		t.Fatal("the coordinator may read no column at all")
	}
	for _, c := range cols {
		if c.table == "volunteers" {
			t.Errorf("the coordinator may read volunteers.%s", c.column)
		}
		var hits int
		err := carol.QueryRow(ctx, fmt.Sprintf(`SELECT count(*) FROM %s WHERE %s::text ~* '(example\.org|5550101|5550102|Elm Street|private note|Archer|Baker)'`,
			pgx.Identifier{c.table}.Sanitize(), pgx.Identifier{c.column}.Sanitize())).Scan(&hits)
		if err != nil {
			t.Errorf("read %s.%s as the coordinator: %v", c.table, c.column, err)
			continue
		}
		if hits > 0 {
			t.Errorf("%s.%s shows the coordinator a volunteer's contact details or full name", c.table, c.column)
		}
	}
	// What the coordinator does see: every chapter's reports, the caller as first name
	// and last initial.
	callers := map[string]string{}
	rows, err = carol.Query(ctx, `SELECT chapter, caller FROM coalition_call_reports`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var chapter, caller string
		if err := rows.Scan(&chapter, &caller); err != nil {
			t.Fatal(err)
		}
		callers[chapter] = caller
	}
	rows.Close()
	if callers["Worcester"] != "Ann A." || callers["Springfield"] != "Ben B." {
		t.Errorf("the coordinator's call reports: %v", callers)
	}
	if n := coalCount(t, carol, `SELECT count(*) FROM call_reports`); n != 2 {
		t.Errorf("the coordinator reads %d call reports, want both chapters'", n)
	}
	if n := coalCount(t, carol, `SELECT sum(calls)::int FROM coalition_chapter_weeks`); n != 2 {
		t.Errorf("the coordinator's calls per chapter per week count %d, want 2", n)
	}
	// The coordinator edits the shared record, and no chapter's report.
	if _, err := carol.Exec(ctx, `UPDATE legislators SET party = 'D' WHERE id = $1`, sc.legislator); err != nil {
		t.Errorf("the coordinator editing a legislator: %v", err)
	}
	if _, err := carol.Exec(ctx, `UPDATE call_reports SET notes = 'x'`); !coalDenied(err) {
		t.Errorf("the coordinator editing a report: %v, want permission denied", err)
	}
	// A lead does not get the coordinator's view.
	alice := coalConnect(t, sc.url, sc.leadA)
	if _, err := alice.Exec(ctx, `SELECT * FROM coalition_call_reports`); !coalDenied(err) {
		t.Errorf("a lead reading coalition_call_reports: %v, want permission denied", err)
	}
}

func TestCoalitionRemovedLeadCannotConnect(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	c, err := pgx.Connect(ctx, coalAs(t, sc.url, sc.leadB))
	if err != nil {
		t.Fatalf("a lead connects before removal: %v", err)
	}
	gone, err := sc.s.RemoveLogin(ctx, sc.leadB)
	if err != nil {
		t.Fatal(err)
	}
	if gone.Coordinator || len(gone.Chapters) != 1 || gone.Chapters[0] != "Springfield" {
		t.Errorf("removed: %+v", gone)
	}
	// Her open session was ended (the test's owner is a superuser, who may end it).
	if err := c.Ping(ctx); err == nil {
		t.Errorf("a removed lead's open session still answers")
	}
	c.Close(ctx)
	if c, err := pgx.Connect(ctx, coalAs(t, sc.url, sc.leadB)); err == nil {
		c.Close(ctx)
		t.Fatalf("a removed lead connected")
	}
	if n := coalCount(t, sc.admin, `SELECT count(*) FROM chapter_leads WHERE role_name = $1`, sc.leadB); n != 0 {
		t.Errorf("%d chapter_leads rows left for a removed lead", n)
	}
	// The chapter's people stay, and another lead is unaffected.
	if n := coalCount(t, sc.admin, `SELECT count(*) FROM volunteers WHERE chapter_id = $1`, sc.b.ID); n != 1 {
		t.Errorf("chapter B has %d volunteers after its lead went", n)
	}
	coalConnect(t, sc.url, sc.leadA)
	// Only ChapterDesk's logins are removed.
	if _, err := sc.s.RemoveLogin(ctx, "postgres"); err == nil {
		t.Errorf("remove postgres: allowed")
	}
}

func TestCoalitionLogins(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	if _, err := sc.s.AddChapter(ctx, "worcester"); err == nil {
		t.Errorf("a second chapter named worcester: allowed")
	}
	if _, err := sc.s.AddLead(ctx, sc.leadA, "Nowhere"); err == nil {
		t.Errorf("a lead of a chapter that is not there: allowed")
	}
	if _, err := sc.s.AddLead(ctx, "postgres", "Worcester"); err == nil {
		t.Errorf("making the superuser a lead: allowed")
	}
	if _, err := sc.s.AddLead(ctx, "Robert'); DROP TABLE volunteers; --", "Worcester"); err == nil {
		t.Errorf("a login named with SQL: allowed")
	}
	// A lead of two chapters: the second comes without a new password.
	pw, err := sc.s.AddLead(ctx, sc.leadA, "Springfield")
	if err != nil || pw != "" {
		t.Fatalf("a second chapter for a lead: %q, %v", pw, err)
	}
	alice := coalConnect(t, sc.url, sc.leadA)
	if n := coalCount(t, alice, `SELECT count(*) FROM volunteers`); n != 2 {
		t.Errorf("a lead of two chapters reads %d volunteers, want 2", n)
	}
	logins, err := sc.s.CoalitionLogins(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(logins)
	want := fmt.Sprint([]db.CoalitionLogin{{Login: sc.coord, Coordinator: true},
		{Login: sc.leadA, Chapters: []string{"Springfield", "Worcester"}}, {Login: sc.leadB, Chapters: []string{"Springfield"}}})
	if got != want {
		t.Errorf("logins:\n got %s\nwant %s", got, want)
	}
	// Only the owner gives logins: a lead cannot.
	ls, err := db.Open(ctx, coalAs(t, sc.url, sc.leadA), db.Options{})
	if err != nil {
		t.Fatalf("open the store as a lead: %v", err)
	}
	defer ls.Close()
	if _, err := ls.AddLead(ctx, coalLogin("mallory"), "Springfield"); !errors.Is(err, db.ErrNotOwner) {
		t.Errorf("a lead adding a lead: %v, want ErrNotOwner", err)
	}
}

// A lead opening the Store with their own login works on their chapter: what they add
// is their chapter's, the profile is theirs, and the roster is theirs alone.
func TestCoalitionLeadStoreWorksOnOwnChapter(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	ls, err := db.Open(ctx, coalAs(t, sc.url, sc.leadA), db.Options{})
	if err != nil {
		t.Fatalf("open the store as a lead: %v", err)
	}
	defer ls.Close()
	self, err := ls.SelfChapter(ctx)
	if err != nil || self.ID != sc.a.ID || self.Name != "Worcester" {
		t.Fatalf("a lead's own chapter: %+v, %v", self, err)
	}
	self.Website = "https://worcester.example.org"
	if err := ls.UpdateSelfChapter(ctx, self); err != nil {
		t.Fatalf("a lead saving her chapter's profile: %v", err)
	}
	id := dbtest.Volunteer(t, ls, "Cleo", "Cole", nil)
	var chapter int64
	if err := sc.admin.QueryRow(ctx, `SELECT chapter_id FROM volunteers WHERE id = $1`, id).Scan(&chapter); err != nil {
		t.Fatal(err)
	}
	if chapter != sc.a.ID {
		t.Errorf("a lead's new volunteer is in chapter %d, want hers (%d)", chapter, sc.a.ID)
	}
	rows, err := ls.ListVolunteers(ctx, db.VolunteerFilter{}, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Errorf("a lead's roster has %d volunteers, want her chapter's 2", len(rows))
	}
	rid, err := ls.CreateCallReport(ctx, db.CallReport{CampaignID: sc.campaign, VolunteerID: id, LegislatorID: sc.legislator,
		CalledAt: time.Unix(1700000200, 0), Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeLegislator, StanceHeard: db.StanceYes}, true)
	if err != nil {
		t.Fatalf("a lead's call report with a stance: %v", err)
	}
	var rc, hc int64
	if err := sc.admin.QueryRow(ctx, `SELECT r.chapter_id, h.chapter_id FROM call_reports r
		JOIN stance_history h ON h.call_report_id = r.id WHERE r.id = $1`, rid).Scan(&rc, &hc); err != nil {
		t.Fatal(err)
	}
	if rc != sc.a.ID || hc != sc.a.ID {
		t.Errorf("a lead's report in chapter %d, its stance change in %d; want %d", rc, hc, sc.a.ID)
	}
	// A lead's import (the bulk path: no COPY where row-level security applies) lands
	// in her chapter, and so does its undo.
	var in []db.IncomingVolunteer
	for i := range 300 {
		v := db.NewVolunteer("Imported", fmt.Sprintf("Person%03d", i))
		v.Email, v.Tags = fmt.Sprintf("p%d@example.org", i), []string{"phonebank"}
		in = append(in, db.IncomingVolunteer{Line: i + 2, Volunteer: v, System: "nationbuilder", ExternalID: fmt.Sprint(9000 + i)})
	}
	sum, err := ls.ImportVolunteers(ctx, db.VolunteerRows(in), db.ImportOptions{Source: "nb.csv"})
	if err != nil || sum.Created != 300 {
		t.Fatalf("a lead's import: %+v, %v", sum, err)
	}
	var inA, elsewhere int
	if err := sc.admin.QueryRow(ctx, `SELECT count(*) FILTER (WHERE chapter_id = $1), count(*) FILTER (WHERE chapter_id <> $1)
		FROM volunteers WHERE last_name LIKE 'Person%'`, sc.a.ID).Scan(&inA, &elsewhere); err != nil {
		t.Fatal(err)
	}
	if inA != 300 || elsewhere != 0 {
		t.Errorf("the lead's import: %d in her chapter, %d elsewhere", inA, elsewhere)
	}
	// The owner's Store is as before: its own chapter is the is_self one.
	own, err := sc.s.SelfChapter(ctx)
	if err != nil || own.ID == sc.a.ID || own.ID == sc.b.ID {
		t.Errorf("the owner's own chapter: %+v, %v", own, err)
	}
}

// A stance change tied to a call report keeps its author short however it was
// written: from the report's caller, or from the name as given when the report names
// no volunteer (a bulk load writes its reports behind the history). Other authors (a
// lead setting a stance, Open States) stay as written.
func TestCoalitionStanceAuthorsAreShort(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	var rid int64
	if err := sc.admin.QueryRow(ctx, `INSERT INTO call_reports (uuid, chapter_id, campaign_id, legislator_id, called_at,
		outcome, created_at, updated_at) VALUES ('no-caller', $1, $2, $3, 1700000000, 'spoke_staff', 0, 0) RETURNING id`,
		sc.b.ID, sc.campaign, sc.legislator).Scan(&rid); err != nil {
		t.Fatal(err)
	}
	for i, c := range []struct {
		by     string
		report bool
		want   string
	}{
		{"Dana Q. Roe", true, "Dana R."},
		{"  Cher ", true, "Cher"},
		{"call report", true, "call report"},
		{"", true, "call report"},
		{"Laura Lead", false, "Laura Lead"},
		{"Open States", false, "Open States"},
	} {
		var report any
		if c.report {
			report = rid
		}
		var got string
		if err := sc.admin.QueryRow(ctx, `INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at,
			changed_by, call_report_id, chapter_id) VALUES ($1, $2, $3, 'no', 1700000001, $4, $5, $6) RETURNING changed_by`,
			fmt.Sprintf("short-%d", i), sc.campaign, sc.legislator, c.by, report, sc.b.ID).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("a stance change by %q (tied to a report: %v) is kept as %q, want %q", c.by, c.report, got, c.want)
		}
	}
}

// A lead imports a call form on the server: the reports land in her chapter and the
// whip count's counters count them, though she may not write the counters herself
// (the triggers, run with the owner's rights, count for her).
func TestCoalitionLeadImportsCalls(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	campaign := dbtest.Campaign(t, sc.s)
	jo := dbtest.Legislator(t, sc.s, db.ChamberLower, "1st Suffolk", "Jo Ames")
	ls, err := db.Open(ctx, coalAs(t, sc.url, sc.leadA), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ls.Close()
	at := time.Date(2026, 11, 18, 18, 0, 0, 0, time.UTC)
	rows := []db.IncomingCall{
		{Line: 2, CallerName: "Rosa Almeida", CallerEmail: "rosa@example.org", Legislator: "Rep. Jo Ames", CalledAt: at,
			Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeLegislator, StanceHeard: db.StanceYes},
		{Line: 3, CallerName: "Rosa Almeida", CallerEmail: "rosa@example.org", Legislator: "Rep. Jo Ames",
			CalledAt: at.Add(time.Hour), Office: db.OfficeCapitol, Outcome: db.OutcomeLeftVoicemail},
	}
	sum, err := ls.ImportCalls(ctx, rows, db.CallImportOptions{CampaignID: campaign, UpdateStances: true})
	if err != nil {
		t.Fatalf("a lead's call import: %v", err)
	}
	if sum.Created != 2 || sum.StanceChanges != 1 {
		t.Errorf("a lead's call import: %d created, %d stance changes", sum.Created, sum.StanceChanges)
	}
	var inA, attempts int
	if err := sc.admin.QueryRow(ctx, `SELECT (SELECT count(*) FROM call_reports WHERE chapter_id = $1 AND legislator_id = $2),
		(SELECT attempts FROM call_stats WHERE campaign_id = $3 AND legislator_id = $2)`, sc.a.ID, jo, campaign).Scan(&inA, &attempts); err != nil {
		t.Fatal(err)
	}
	if inA != 2 || attempts != 2 {
		t.Errorf("after a lead's import: %d reports in her chapter, call_stats counts %d attempts; want 2 and 2", inA, attempts)
	}
	w, err := ls.WhipCount(ctx, campaign)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range w.Legislators {
		if l.LegislatorID == jo && l.Stance != db.StanceYes {
			t.Errorf("after a lead's import the whip count says %q, want yes", l.Stance)
		}
	}
}

// The coordinator reads the record against the whip count as every chapter's: a
// member voting against the stance the count had names the call behind it, and the
// calls before the vote, with the caller as first name and last initial, read through
// coalition_callers (the coordinator may not read the roster).
func TestCoalitionCoordinatorReadsTheRecord(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	q := func(sql string, args ...any) int64 {
		var id int64
		if err := sc.admin.QueryRow(ctx, sql, args...).Scan(&id); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		return id
	}
	bill := q(`INSERT INTO session_bills (openstates_id, state, session, identifier, number_key, created_at)
		VALUES ('ocd-bill/1', 'MA', '194th', 'H 100', 'H100', 0) RETURNING id`)
	q(`INSERT INTO campaign_session_bills (campaign_id, bill_key, session_bill_id, matched_by) VALUES ($1, 'H100', $2, 'number')
		RETURNING session_bill_id`, sc.campaign, bill)
	roll := q(`INSERT INTO roll_calls (openstates_id, session_bill_id, chamber, motion, start_date, voted_at, result, no_count,
		created_at) VALUES ('ocd-vote/1', $1, 'lower', 'passage', '2023-11-20', 1700500000, 'fail', 1, 0) RETURNING id`, bill)
	q(`INSERT INTO roll_call_votes (roll_call_id, voter_key, voter_name, option, legislator_id, matched_by)
		VALUES ($1, 'jane', 'Jane Doe', 'no', $2, 'name') RETURNING id`, roll, sc.legislator)

	cs, err := db.Open(ctx, coalAs(t, sc.url, sc.coord), db.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("open the store as the coordinator: %v", err)
	}
	defer cs.Close()
	got, err := cs.RecordVsWhip(ctx, sc.campaign)
	if err != nil {
		t.Fatalf("the record as the coordinator: %v", err)
	}
	if len(got) != 1 || len(got[0].Votes) != 1 {
		t.Fatalf("the coordinator's record: %+v", got)
	}
	v := got[0].Votes[0]
	// Both chapters reported the one call (alike in all the form gives): it counts
	// once, as in the whip count.
	if v.Verdict != db.VerdictAgainst || v.Calls != 1 || len(v.CallsBefore) != 1 {
		t.Fatalf("Jane Doe's vote: %s, %d calls, before %q; want the call both chapters reported once", v.Verdict, v.Calls, v.CallsBefore)
	}
	lines := append([]string{v.StanceCall, v.StanceBy}, v.CallsBefore...)
	all := strings.Join(lines, " | ")
	if strings.Contains(all, "Archer") || strings.Contains(all, "Baker") {
		t.Errorf("the coordinator reads a caller's last name: %s", all)
	}
	if !strings.Contains(v.StanceCall, "Ann A.") && !strings.Contains(v.StanceCall, "Ben B.") {
		t.Errorf("the call behind the stance: %q, want its caller as first name and last initial", v.StanceCall)
	}
	for _, l := range v.CallsBefore {
		if !strings.Contains(l, "Ann A.") && !strings.Contains(l, "Ben B.") {
			t.Errorf("a call before the vote: %q", l)
		}
	}
}
