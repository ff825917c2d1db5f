package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// trashRows is the text of each row of the trash list.
func trashRows(t *trashCard) []string {
	var out []string
	for _, o := range t.items.Objects {
		if row, ok := o.(*fyne.Container); ok {
			out = append(out, row.Objects[0].(*widget.Label).Text)
		}
	}
	return out
}

func TestTrashCard(t *testing.T) {
	ctx := context.Background()
	test.NewTempApp(t)
	s := dbtest.Open(t)
	ana := dbtest.Volunteer(t, s, "Ana", "Souza", nil)
	bo := dbtest.Volunteer(t, s, "Bo", "Lima", nil)
	for _, id := range []int64{ana, bo} {
		if err := s.TrashVolunteer(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	w := test.NewWindow(nil)
	defer w.Close()
	tc := newTrashCard(w, s, nil)
	w.SetContent(tc.content)
	wait(t, tc.refreshAsync())

	rows := trashRows(tc)
	if len(rows) != 2 || !strings.Contains(strings.Join(rows, "|"), "Ana Souza") {
		t.Fatalf("trash shows %q", rows)
	}
	t.Run("restore brings a volunteer back", func(t *testing.T) {
		items, _ := s.Trash(ctx)
		for _, it := range items {
			if it.ID == ana {
				wait(t, tc.restoreAsync(it))
			}
		}
		if _, err := s.Volunteer(ctx, ana); err != nil {
			t.Errorf("Ana is not back: %v", err)
		}
		if rows := trashRows(tc); len(rows) != 1 {
			t.Errorf("trash shows %q", rows)
		}
	})
	t.Run("emptying deletes for good what is in the trash, nothing else", func(t *testing.T) {
		wait(t, tc.emptyAsync())
		if items, _ := s.Trash(ctx); len(items) != 0 {
			t.Errorf("still in the trash: %+v", items)
		}
		if n, _ := s.CountVolunteers(ctx, db.VolunteerFilter{}); n != 1 {
			t.Errorf("%d volunteers left, want Ana", n)
		}
		if tc.empty.Disabled() == false {
			t.Error("Empty is still offered for an empty trash")
		}
	})
}

// trashRestore is the Restore button of the row whose text holds label, and the
// row's text whole (the label and any reason beside it).
func trashRestore(t *testing.T, tc *trashCard, label string) (*widget.Button, string) {
	t.Helper()
	for _, o := range tc.items.Objects {
		row, ok := o.(*fyne.Container)
		if !ok || !strings.Contains(allTexts(row), label) {
			continue
		}
		for _, c := range test.LaidOutObjects(row) {
			if b, ok := c.(*widget.Button); ok && b.Text == "Restore" {
				return b, allTexts(row)
			}
		}
		t.Fatalf("the row of %q has no Restore button", label)
	}
	t.Fatalf("no row of %q in the trash", label)
	return nil, ""
}

// TestLeadIsNotOfferedFAQRestore: on a coalition server a chapter's lead was offered
// Restore on the campaign's FAQ entries in the trash, which her login may not change
// (the database refused it, "permission denied"). Their Restore is disabled, with
// the reason beside it, and Empty is not offered for a trash that holds nothing else;
// her own volunteer she restores.
func TestLeadIsNotOfferedFAQRestore(t *testing.T) {
	sc := newCoalitionScene(t)
	test.NewTempApp(t)
	dbtest.ServerAdmin(t, sc.url, `UPDATE volunteers SET deleted_at = 1700000200 WHERE uuid = 'vol-a';
		WITH s AS (INSERT INTO faq_sections (uuid, campaign_id, created_at, updated_at)
			SELECT 'faq-s', id, 0, 0 FROM campaigns ORDER BY id LIMIT 1 RETURNING id),
		e AS (INSERT INTO faq_entries (uuid, section_id, created_at, updated_at, deleted_at)
			SELECT 'faq-e', id, 0, 0, 1700000200 FROM s RETURNING id)
		INSERT INTO faq_entry_texts (entry_id, lang, question, answer) SELECT id, 'en', 'Who pays for it?', 'No one.' FROM e`)
	ls := sc.open(t, sc.lead)
	if err := ls.UseChapter(context.Background(), sc.a.ID); err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	defer w.Close()
	tc := newTrashCard(w, ls, nil)
	w.SetContent(tc.content)
	wait(t, tc.refreshAsync())
	faq, row := trashRestore(t, tc, "Who pays for it?")
	if !faq.Disabled() {
		t.Errorf("the lead is offered Restore on the campaign's FAQ entry")
	}
	if !strings.Contains(row, "owner") {
		t.Errorf("the FAQ entry's row does not say why it cannot be restored: %q", row)
	}
	if vol, _ := trashRestore(t, tc, "Ann Archer"); vol.Disabled() {
		t.Errorf("the lead's own volunteer's Restore is disabled")
	}
	items, err := ls.Trash(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		if it.Kind == db.TrashVolunteers {
			wait(t, tc.restoreAsync(it))
		}
	}
	if !tc.empty.Disabled() {
		t.Errorf("Empty the trash is offered for a trash that holds only the campaign's FAQ entry")
	}
}
