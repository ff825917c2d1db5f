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
