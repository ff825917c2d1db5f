package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// trashStore is what the trash list reads and writes.
type trashStore interface {
	Trash(ctx context.Context) ([]db.TrashItem, error)
	RestoreFromTrash(ctx context.Context, kind db.TrashKind, id int64) error
	RestoreCallReport(ctx context.Context, id int64) (db.CallTrashed, error)
	EmptyTrash(ctx context.Context) (int, error)
}

// trashShown is how many trashed records the list shows, newest first.
const trashShown = 50

// trashCard lists what was deleted (volunteers, call reports, FAQ entries), restores
// one, or empties the trash: the only way anything is deleted for good.
type trashCard struct {
	w       fyne.Window
	store   trashStore
	content fyne.CanvasObject
	items   *fyne.Container
	empty   *widget.Button
	// onChanged runs after a restore or an emptying (other screens refresh).
	onChanged func()
}

func newTrashCard(w fyne.Window, s trashStore, onChanged func()) *trashCard {
	t := &trashCard{w: w, store: s, items: container.NewVBox(), onChanged: onChanged}
	t.empty = widget.NewButton("Empty the trash…", t.onEmpty)
	t.content = widget.NewCard("", "Trash", container.NewVBox(
		lowLabel("Deleted volunteers, call reports and FAQ entries wait here until the trash is emptied."),
		t.items, container.NewHBox(t.empty)))
	return t
}

// refreshAsync reloads the list; the channel closes once it is on screen.
func (t *trashCard) refreshAsync() <-chan struct{} {
	done := make(chan struct{})
	background(func() {
		defer close(done)
		items, err := t.store.Trash(context.Background())
		if err != nil {
			showErrorAsync(t.w, err)
			return
		}
		doUIAndWait(func() { t.show(items) })
	})
	return done
}

func (t *trashCard) show(items []db.TrashItem) {
	t.items.RemoveAll()
	mine := 0 // the records this login may restore or delete
	for _, it := range items {
		if it.NotYours == "" {
			mine++
		}
	}
	for i, it := range items {
		if i == trashShown {
			t.items.Add(lowLabel(fmt.Sprintf("and %d more (chapterdesk trash list shows them all)", len(items)-trashShown)))
			break
		}
		label := fmt.Sprintf("%s · %s · deleted %s", it.Kind, it.Label, it.DeletedAt.Format("Jan 2 15:04"))
		restore := widget.NewButton("Restore", func() { t.restoreAsync(it) })
		// A record this login may not change (a coalition's FAQ entry, for a chapter's
		// lead) is not offered: the database would refuse it. The row says why.
		if it.NotYours != "" {
			label += " · " + it.NotYours
			restore.Disable()
		}
		l := widget.NewLabel(label)
		l.Truncation = fyne.TextTruncateEllipsis
		t.items.Add(container.NewBorder(nil, nil, nil, restore, l))
	}
	switch {
	case len(items) == 0:
		t.items.Add(lowLabel("The trash is empty."))
		t.empty.Disable()
	case mine == 0:
		t.empty.Disable() // nothing in it is this login's to delete
	default:
		t.empty.Enable()
	}
}

// restoreAsync takes one record out of the trash.
func (t *trashCard) restoreAsync(it db.TrashItem) <-chan struct{} {
	done := make(chan struct{})
	background(func() {
		defer close(done)
		var moved db.CallTrashed // a call report's stance may count again: said
		var err error
		if it.Kind == db.TrashCallReports {
			moved, err = t.store.RestoreCallReport(context.Background(), it.ID)
		} else {
			err = t.store.RestoreFromTrash(context.Background(), it.Kind, it.ID)
		}
		if err != nil {
			showErrorAsync(t.w, err)
			return
		}
		<-t.refreshAsync()
		if t.onChanged != nil {
			doUIAndWait(t.onChanged)
		}
		if said := moved.Said(false); said != "" {
			doUIAndWait(func() { dialog.ShowInformation("Call report restored", said, t.w) })
		}
	})
	return done
}

func (t *trashCard) onEmpty() {
	dialog.ShowConfirm("Empty the trash", "Delete everything in the trash for good? This cannot be undone (a backup made before today still has it).",
		func(ok bool) {
			if ok {
				t.emptyAsync()
			}
		}, t.w)
}

// emptyAsync deletes the trash for good and says how many records went.
func (t *trashCard) emptyAsync() <-chan struct{} {
	done := make(chan struct{})
	background(func() {
		defer close(done)
		n, err := t.store.EmptyTrash(context.Background())
		if err != nil {
			showErrorAsync(t.w, err)
			return
		}
		<-t.refreshAsync()
		doUIAndWait(func() {
			dialog.ShowInformation("Trash emptied", fmt.Sprintf("%d records were deleted for good.", n), t.w)
		})
	})
	return done
}
