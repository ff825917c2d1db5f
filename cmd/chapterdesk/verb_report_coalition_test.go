package main

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/xuri/excelize/v2"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// secret is something of a volunteer's that must not leave the roster in a
// coordinator's workbook.
type secret struct{ kind, text string }

// volunteerSecrets reads, as the server's admin, every volunteer's email, phone
// digits, street address and notes, and the notes of every call report.
func volunteerSecrets(t *testing.T, base string) []secret {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, coalitionVerbURL(t, base, "postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var out []secret
	rows, err := c.Query(ctx, `SELECT email, phone, phone_e164, mobile, mobile_e164, address1, notes FROM volunteers
		UNION ALL SELECT '', '', '', '', '', '', notes FROM call_reports WHERE notes <> ''`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	seen := map[secret]bool{}
	add := func(kind, text string) {
		s := secret{kind, strings.TrimSpace(text)}
		if len(s.text) >= 4 && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	digits := regexp.MustCompile(`\D`)
	for rows.Next() {
		var email, phone, e164, mobile, m164, street, notes string
		if err := rows.Scan(&email, &phone, &e164, &mobile, &m164, &street, &notes); err != nil {
			t.Fatal(err)
		}
		add("email", email)
		add("street", street)
		add("notes", notes)
		for _, p := range []string{phone, mobile} {
			add("phone", p)
		}
		for _, p := range []string{e164, m164} {
			if d := digits.ReplaceAllString(p, ""); len(d) >= 10 {
				add("phone digits", d[len(d)-10:]) // the national number, however it is written
				add("phone digits", d[len(d)-7:len(d)-4]+"-"+d[len(d)-4:])
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// leaks unzips the workbook and searches every part of it, as text, for the secrets
// (each also as XML writes it, and the digits also with the part's non-digits taken
// out of each text run); it returns how many were found, per kind.
func leaks(t *testing.T, path string, secrets []secret) map[string][]string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var parts []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, strings.ToLower(string(b)))
	}
	if len(parts) < 5 {
		t.Fatalf("%s has %d parts: not a workbook", path, len(parts))
	}
	found := map[string][]string{}
	for _, s := range secrets {
		var esc strings.Builder
		xml.EscapeText(&esc, []byte(s.text))
		for _, p := range parts {
			if strings.Contains(p, strings.ToLower(s.text)) || strings.Contains(p, strings.ToLower(esc.String())) {
				found[s.kind] = append(found[s.kind], s.text)
				break
			}
		}
	}
	return found
}

// The coordinator's coalition workbook holds every chapter's calls, with a By chapter
// sheet, and no volunteer's email, phone, street address or notes anywhere in it.
// The same search finds them in the owner's workbook, which reads the roster.
func TestCoalitionWorkbookAsCoordinator(t *testing.T) {
	base := dbtest.EmptyServerURL(t)
	n := coalitionVerbSeq.Add(1)
	carol, alice := fmt.Sprintf("carol_w%d", n), fmt.Sprintf("alice_w%d", n)
	run := verbRunner(t)
	run(exitOK, "server", "init", "--db", base)
	run(exitOK, "demo", "--chapters", "3", "--volunteers", "300", "--calls", "3000", "--db", base)
	out := run(exitOK, "server", "list", "--db", base)
	chapters := regexp.MustCompile(`(?m)^  (.+?)(?: \(the owner's own\))?: `).FindAllStringSubmatch(out, -1)
	if len(chapters) != 3 {
		t.Fatalf("server list after demo --chapters 3:\n%s", out)
	}
	second := chapters[1][1]
	run(exitOK, "server", "add-coordinator", carol, "--db", base)
	run(exitOK, "server", "add-lead", alice, "--chapter", second, "--db", base)
	secrets := volunteerSecrets(t, base)
	kinds := map[string]int{}
	for _, s := range secrets {
		kinds[s.kind]++
	}
	for _, k := range []string{"email", "phone", "phone digits", "street", "notes"} {
		if kinds[k] < 5 {
			t.Fatalf("the demo gave only %d %s to look for", kinds[k], k)
		}
	}
	dir := t.TempDir()

	t.Run("the owner's workbook has them: the search finds what a roster would leak", func(t *testing.T) {
		book := filepath.Join(dir, "owner.xlsx")
		run(exitOK, "report", book, "--db", base)
		found := leaks(t, book, secrets)
		for _, k := range []string{"email", "phone", "phone digits", "street", "notes"} {
			if len(found[k]) == 0 {
				t.Errorf("the owner's workbook shows no %s: the search cannot see a leak", k)
			}
		}
	})

	t.Run("the coordinator's workbook has none of them", func(t *testing.T) {
		book := filepath.Join(dir, "coordinator.xlsx")
		out := run(exitOK, "report", book, "--db", coalitionVerbURL(t, base, carol))
		if !regexp.MustCompile(`: [1-9][0-9]* calls`).MatchString(out) {
			t.Errorf("the coordinator's workbook counts no calls: %q", out)
		}
		for k, texts := range leaks(t, book, secrets) {
			t.Errorf("the coordinator's workbook shows %d %s, e.g. %q", len(texts), k, texts[0])
		}
		f, err := excelize.OpenFile(book)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		sheets := strings.Join(f.GetSheetList(), "|")
		if !strings.Contains(sheets, "By chapter") || strings.Contains(sheets, "Volunteers") {
			t.Errorf("sheets: %s", sheets)
		}
		rows, err := f.GetRows("By chapter")
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 4 { // the header and the three chapters
			t.Fatalf("By chapter:\n%q", rows)
		}
		header := strings.Join(rows[0], "|")
		for _, want := range []string{"Calls", "Volunteers who called", "Whip count changes", "Last call", "Week of"} {
			if !strings.Contains(header, want) {
				t.Errorf("By chapter lacks %q: %s", want, header)
			}
		}
		calls := 0
		for _, r := range rows[1:] {
			if r[3] == "0" || r[3] == "" {
				t.Errorf("a chapter without calls in the demo's last month: %q", r)
			}
			var c int
			fmt.Sscan(r[3], &c)
			calls += c
		}
		// The summary says which whole months its new volunteers are (the server
		// counts joiners by whole months only), and the note gives the floor as a
		// number (it once read "fewer than `+fmt.Sprint(...)+` volunteers").
		srows, err := f.GetRows("Summary")
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		for _, r := range srows {
			text.WriteString(strings.Join(r, "|") + "\n")
		}
		for _, re := range []string{`New volunteers \(joined [A-Z][a-z]+ 20[0-9]{2} to [A-Z][a-z]+ 20[0-9]{2}; roster entries\)\|`,
			`A count of fewer than 5 volunteers .* New volunteers are counted by whole calendar months: [A-Z][a-z]+ 20[0-9]{2} to `} {
			if !regexp.MustCompile(re).MatchString(text.String()) {
				t.Errorf("the coordinator's Summary lacks %s:\n%s", re, text.String())
			}
		}
		// A rounded count reads as one ("about 370"), a number still (the cell's value
		// is 370): a coordinator read 370 as exact. Calls are exact, and say so.
		about := regexp.MustCompile(`^(about [0-9]+|not given)$`)
		for _, r := range rows[1:] {
			if !about.MatchString(r[1]) || !about.MatchString(r[2]) {
				t.Errorf("By chapter's volunteers and new volunteers not marked rounded: %q", r)
			}
		}
		for _, re := range []string{`Roster entries of all chapters \(a person on two rosters counts twice\)\|about [0-9]+\n`,
			`Calls, reaches and callers are counted exactly`} {
			if !regexp.MustCompile(re).MatchString(text.String()) {
				t.Errorf("the coordinator's Summary lacks %s:\n%s", re, text.String())
			}
		}
		if raw, _ := f.GetCellValue("By chapter", "B2", excelize.Options{RawCellValue: true}); raw != "not given" {
			if _, err := strconv.Atoi(raw); err != nil {
				t.Errorf("a rounded count is stored as text: %q", raw)
			}
		}
		var summary int
		v, _ := f.GetCellValue("Summary", "B9")
		fmt.Sscan(v, &summary)
		if summary == 0 || calls != summary {
			t.Errorf("By chapter's calls add up to %d, the Summary says %d", calls, summary)
		}
		// Callers appear as first name and last initial.
		log, err := f.GetRows("Call log")
		if err != nil {
			t.Fatal(err)
		}
		if len(log) < 2 || !regexp.MustCompile(`^\pL.* \p{Lu}\.$`).MatchString(log[1][1]) {
			t.Errorf("the call log's first caller: %q", log[1])
		}
	})

	t.Run("a chapter gone quiet shows its last call before the period", func(t *testing.T) {
		ctx := context.Background()
		admin, err := pgx.Connect(ctx, coalitionVerbURL(t, base, "postgres"))
		if err != nil {
			t.Fatal(err)
		}
		defer admin.Close(ctx)
		quiet := chapters[2][1]
		if _, err := admin.Exec(ctx, `UPDATE call_reports SET deleted_at = 1, updated_at = 1 WHERE called_at >= $2
			AND chapter_id = (SELECT id FROM chapters WHERE name = $1)`, quiet, time.Now().AddDate(0, 0, -40).Unix()); err != nil {
			t.Fatal(err)
		}
		var last int64
		if err := admin.QueryRow(ctx, `SELECT max(called_at) FROM call_reports WHERE deleted_at IS NULL
			AND chapter_id = (SELECT id FROM chapters WHERE name = $1)`, quiet).Scan(&last); err != nil || last == 0 {
			t.Fatal(last, err)
		}
		// The last call is put at 03:00 UTC, the evening before in Boston: the day
		// shown must be the legislature's, whatever this computer's zone. The next
		// day's 03:00, after every call left: the same day's could fall before another
		// call of that day, which then stood as the last (a test that failed or passed
		// by the hour it ran at).
		evening := time.Unix(last, 0).UTC().Truncate(24 * time.Hour).Add(27 * time.Hour).Unix()
		if _, err := admin.Exec(ctx, `UPDATE call_reports SET called_at = $2 WHERE called_at = $3
			AND chapter_id = (SELECT id FROM chapters WHERE name = $1)`, quiet, evening, last); err != nil {
			t.Fatal(err)
		}
		last = evening
		book := filepath.Join(dir, "quiet.xlsx")
		run(exitOK, "report", book, "--db", coalitionVerbURL(t, base, carol))
		f, err := excelize.OpenFile(book)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, _ := f.GetRows("By chapter")
		found := false
		for _, r := range rows[1:] {
			if r[0] != quiet {
				continue
			}
			found = true
			// The workbook writes days in the legislature's zone (the demo's MA), not
			// this computer's: a call at 02:35 UTC is the evening before in Boston.
			ma, _ := db.StateZone("MA")
			day := time.Unix(last, 0).In(ma.Loc).Format(time.DateOnly)
			if r[3] != "0" || len(r) < 10 || !strings.HasPrefix(r[9], day) {
				t.Errorf("the quiet chapter's line %q: want 0 calls and the last call on %s", r, day)
			}
		}
		if !found {
			t.Errorf("no line for %s in %q", quiet, rows)
		}
	})

	t.Run("a lead's workbook is their chapter's, as a single chapter's file", func(t *testing.T) {
		book := filepath.Join(dir, "lead.xlsx")
		run(exitOK, "report", book, "--db", coalitionVerbURL(t, base, alice))
		f, err := excelize.OpenFile(book)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if sheets := strings.Join(f.GetSheetList(), "|"); strings.Contains(sheets, "By chapter") || !strings.Contains(sheets, "Volunteers") {
			t.Errorf("a lead of one chapter: sheets %s", sheets)
		}
		if v, _ := f.GetCellValue("Summary", "B3"); v != second {
			t.Errorf("the lead's workbook is of %q, not %q", v, second)
		}
		vols, _ := f.GetRows("Volunteers")
		if len(vols) < 50 || len(vols) > 150 { // about a third of the 300, with the header
			t.Errorf("the lead's roster has %d rows", len(vols)-1)
		}
	})
}

// A lead's demo fills the lead's own chapter, with the coalition's legislators and
// campaign, and writes neither; --chapters and a coordinator's demo are refused.
func TestDemoAsLead(t *testing.T) {
	base := dbtest.EmptyServerURL(t)
	n := coalitionVerbSeq.Add(1)
	alice, carol := fmt.Sprintf("alice_d%d", n), fmt.Sprintf("carol_d%d", n)
	run := verbRunner(t)
	run(exitOK, "server", "init", "--db", base)
	lead, coord := coalitionVerbURL(t, base, alice), coalitionVerbURL(t, base, carol)
	run(exitOK, "server", "add-chapter", "Worcester", "--db", base)
	run(exitOK, "server", "add-lead", alice, "--chapter", "Worcester", "--db", base)
	run(exitOK, "server", "add-coordinator", carol, "--db", base)
	// No legislators yet: the lead may not add them, and is told who does.
	if out := run(exitFail, "demo", "--volunteers", "50", "--calls", "200", "--db", lead); !strings.Contains(out, "legislators") {
		t.Errorf("a lead's demo with no legislators: %q", out)
	}
	run(exitOK, "demo", "--volunteers", "40", "--calls", "100", "--db", base)
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, coalitionVerbURL(t, base, "postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	count := func(q string) (n int) {
		t.Helper()
		if err := admin.QueryRow(ctx, q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	shared := `SELECT (SELECT count(*) FROM legislators) * 1000 + (SELECT count(*) FROM campaigns)
		+ (SELECT sum(row_version) FROM legislators) * 7 + (SELECT sum(row_version) FROM campaigns) * 11`
	before := count(shared)
	if out := run(exitFail, "demo", "--chapters", "3", "--db", lead); !strings.Contains(out, "owner") {
		t.Errorf("a lead's demo --chapters: %q", out)
	}
	if out := run(exitFail, "demo", "--db", coord); !strings.Contains(out, "coordinator") {
		t.Errorf("a coordinator's demo: %q", out)
	}
	run(exitOK, "demo", "--volunteers", "50", "--calls", "200", "--db", lead)
	if got := count(shared); got != before {
		t.Errorf("the lead's demo changed the shared legislators or campaign")
	}
	worcester := `(SELECT id FROM chapters WHERE name = 'Worcester')`
	if v, c := count(`SELECT count(*) FROM volunteers WHERE chapter_id = `+worcester),
		count(`SELECT count(*) FROM call_reports WHERE chapter_id = `+worcester); v != 50 || c != 200 {
		t.Errorf("Worcester has %d volunteers and %d calls, want 50 and 200", v, c)
	}
	if v, c := count(`SELECT count(*) FROM volunteers`), count(`SELECT count(*) FROM call_reports`); v != 90 || c != 300 {
		t.Errorf("the server has %d volunteers and %d calls, want 90 and 300", v, c)
	}
	if n := count(`SELECT count(*) FROM call_reports r JOIN volunteers v ON v.id = r.volunteer_id
		WHERE r.chapter_id <> v.chapter_id`); n != 0 {
		t.Errorf("%d calls of a chapter by another chapter's volunteer", n)
	}
	// Filled once: a second demo is refused.
	run(exitFail, "demo", "--volunteers", "50", "--calls", "200", "--db", lead)
}
