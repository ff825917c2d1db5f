package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// volunteerLabels is a volunteer's tags, languages, recruiter and external ids in s,
// as one line.
func volunteerLabels(t *testing.T, s *db.Store, uuid string) string {
	t.Helper()
	ctx := context.Background()
	var parts []string
	for _, q := range []string{
		`SELECT t.kind || ':' || t.name FROM volunteer_tags vt JOIN tags t ON t.id = vt.tag_id JOIN volunteers v ON v.id = vt.volunteer_id WHERE v.uuid = ? ORDER BY 1`,
		`SELECT l.lang FROM volunteer_languages l JOIN volunteers v ON v.id = l.volunteer_id WHERE v.uuid = ? ORDER BY 1`,
		`SELECT r.uuid FROM volunteers v JOIN volunteers r ON r.id = v.recruiter_id WHERE v.uuid = ?`,
		`SELECT e.system || '=' || e.external_id FROM volunteer_external_ids e JOIN volunteers v ON v.id = e.volunteer_id WHERE v.uuid = ? ORDER BY 1`,
	} {
		got, err := db.QueryStrings(ctx, s, q, uuid)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, strings.Join(got, ","))
	}
	return strings.Join(parts, " | ")
}

// A chapter's file merged, then a volunteer's tags, languages, recruiter and
// NationBuilder id changed in the chapter and the file merged again: the newer copy
// brings them (the merged file kept the stale ones), and an undo of that merge puts
// the coalition's back.
func TestMergeTakesANewerCopysLabels(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	a := demoFile(t, "a.db", 1, 20, 50)
	if _, err := s.Merge(ctx, a); err != nil {
		t.Fatal(err)
	}
	lead, err := db.Open(ctx, a, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ids, err := db.QueryStrings(ctx, lead, `SELECT uuid FROM volunteers WHERE deleted_at IS NULL ORDER BY id LIMIT 2`)
	if err != nil || len(ids) != 2 {
		t.Fatal(ids, err)
	}
	v, recruiter := ids[0], ids[1]
	for _, q := range []string{
		`DELETE FROM volunteer_tags WHERE volunteer_id = (SELECT id FROM volunteers WHERE uuid = '` + v + `')`,
		`DELETE FROM volunteer_languages WHERE volunteer_id = (SELECT id FROM volunteers WHERE uuid = '` + v + `')`,
		`DELETE FROM volunteer_external_ids WHERE volunteer_id = (SELECT id FROM volunteers WHERE uuid = '` + v + `')`,
		`INSERT INTO tags (kind, name) VALUES ('tag', 'phone bank captain') ON CONFLICT DO NOTHING`,
		`INSERT INTO volunteer_tags (volunteer_id, tag_id) SELECT v.id, t.id FROM volunteers v, tags t WHERE v.uuid = '` + v + `' AND t.name = 'phone bank captain'`,
		`INSERT INTO volunteer_languages (volunteer_id, lang) SELECT id, 'ht' FROM volunteers WHERE uuid = '` + v + `'`,
		`INSERT INTO volunteer_external_ids (chapter_id, system, external_id, volunteer_id) SELECT chapter_id, 'nationbuilder', 'NB-4242', id FROM volunteers WHERE uuid = '` + v + `'`,
		`UPDATE volunteers SET recruiter_id = (SELECT id FROM volunteers WHERE uuid = '` + recruiter + `'), updated_at = updated_at + 100 WHERE uuid = '` + v + `'`,
	} {
		if err := db.WriteRaw(ctx, lead, q); err != nil {
			t.Fatal(q, err)
		}
	}
	want := volunteerLabels(t, lead, v)
	lead.Close()
	if !strings.Contains(want, "phone bank captain | ht | "+recruiter+" | nationbuilder=NB-4242") {
		t.Fatalf("the file's labels: %q", want)
	}
	before := volunteerLabels(t, s, v)
	res, err := s.Merge(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if got := volunteerLabels(t, s, v); got != want {
		t.Errorf("after merging the newer copy: %q, want the file's %q", got, want)
	}
	if res.UpdatedVolunteers != 1 {
		t.Errorf("result %+v", res)
	}
	if again, err := s.Merge(ctx, a); err != nil || again.Total() != 0 {
		t.Errorf("the same file again: %+v %v", again, err)
	}
	if _, err := s.UndoImport(ctx, res.BatchID); err != nil {
		t.Fatal(err)
	}
	if got := volunteerLabels(t, s, v); got != before {
		t.Errorf("after undo %q, want %q", got, before)
	}
}

// A tag a merge added, which a later merge removed and a merge after it added again:
// undoing the first merge would remove the tag the last one brought, silently. It is
// refused, naming the later imports; undone newest first, each puts its own back.
func TestUndoRefusesOverALaterImportsTag(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	a := demoFile(t, "a.db", 1, 20, 50)
	if _, err := s.Merge(ctx, a); err != nil {
		t.Fatal(err)
	}
	ids, err := db.QueryStrings(ctx, s, `SELECT uuid FROM volunteers WHERE deleted_at IS NULL ORDER BY id LIMIT 1`)
	if err != nil || len(ids) != 1 {
		t.Fatal(ids, err)
	}
	v := ids[0]
	before := volunteerLabels(t, s, v)
	var batches []int64
	for i, q := range []string{
		`INSERT INTO volunteer_tags (volunteer_id, tag_id) SELECT v.id, t.id FROM volunteers v, tags t WHERE v.uuid = '` + v + `' AND t.name = 'phone bank captain'`,
		`DELETE FROM volunteer_tags WHERE volunteer_id = (SELECT id FROM volunteers WHERE uuid = '` + v + `') AND tag_id = (SELECT id FROM tags WHERE name = 'phone bank captain')`,
		`INSERT INTO volunteer_tags (volunteer_id, tag_id) SELECT v.id, t.id FROM volunteers v, tags t WHERE v.uuid = '` + v + `' AND t.name = 'phone bank captain'`,
	} {
		lead, err := db.Open(ctx, a, db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{`INSERT INTO tags (kind, name) VALUES ('tag', 'phone bank captain') ON CONFLICT DO NOTHING`, q,
			`UPDATE volunteers SET updated_at = updated_at + 100 WHERE uuid = '` + v + `'`} {
			if err := db.WriteRaw(ctx, lead, q); err != nil {
				t.Fatal(q, err)
			}
		}
		lead.Close()
		res, err := s.Merge(ctx, a)
		if err != nil || res.UpdatedVolunteers != 1 {
			t.Fatalf("merge %d: %+v %v", i+1, res, err)
		}
		batches = append(batches, res.BatchID)
	}
	tagged := volunteerLabels(t, s, v)
	if !strings.Contains(tagged, "phone bank captain") {
		t.Fatalf("after the merges: %q", tagged)
	}
	_, err = s.UndoImport(ctx, batches[0])
	if err == nil || !strings.Contains(err.Error(), "later imports") {
		t.Errorf("undo of the first merge: %v", err)
	}
	if got := volunteerLabels(t, s, v); got != tagged {
		t.Errorf("after the undo of the first merge %q, want %q kept", got, tagged)
	}
	for i := len(batches) - 1; i >= 0; i-- {
		if _, err := s.UndoImport(ctx, batches[i]); err != nil {
			t.Fatalf("undo of merge %d: %v", i+1, err)
		}
	}
	if got := volunteerLabels(t, s, v); got != before {
		t.Errorf("after undoing the three %q, want %q", got, before)
	}
}
