package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// choice is one suggestion of a type-ahead field.
type choice struct {
	ID     int64
	Value  string // for fixed lists: the vocabulary value
	Label  string
	Detail string
}

// maxSuggestions keeps the list short enough to read at a glance.
const maxSuggestions = 6

// typeahead is an entry that suggests as you type, keyboard first: Up and Down move
// through the suggestions, Enter takes the highlighted one and moves on. The
// suggestions are drawn under the entry, not in a pop-up, so the focus never leaves
// the field the lead is typing in.
type typeahead struct {
	widget.Entry

	// suggest finds the choices for the text; it runs off the UI goroutine.
	suggest func(ctx context.Context, text string) ([]choice, error)
	// onChosen runs on the UI goroutine when a choice is taken (nil: cleared).
	onChosen func(*choice)
	// onEnter runs when Enter is pressed with nothing to choose.
	onEnter func()
	// onError shows a failed search.
	onError func(error)

	chosen      *choice
	items       []choice
	highlighted int
	box         *fyne.Container
	gen         int
	done        chan struct{} // closed when the last search is on screen (tests)
}

func newTypeahead(placeholder string, suggest func(context.Context, string) ([]choice, error)) *typeahead {
	t := &typeahead{suggest: suggest, box: container.NewVBox()}
	t.ExtendBaseWidget(t)
	t.PlaceHolder = placeholder
	t.OnChanged = t.onTextChanged
	return t
}

// widget is the entry with its suggestion list under it.
func (t *typeahead) widget() fyne.CanvasObject { return container.NewVBox(t, t.box) }

// set shows a choice as taken, without searching.
func (t *typeahead) set(c *choice) {
	t.gen++
	t.chosen = c
	t.OnChanged = nil
	if c == nil {
		t.SetText("")
	} else {
		t.SetText(c.Label)
	}
	t.OnChanged = t.onTextChanged
	t.showItems(nil)
}

// refreshSuggestions searches again for the current text (a new volunteer changes
// which legislators come first, for example).
func (t *typeahead) refreshSuggestions() { t.searchAsync(t.Text) }

func (t *typeahead) onTextChanged(text string) {
	if t.chosen != nil {
		t.chosen = nil
		if t.onChosen != nil {
			t.onChosen(nil)
		}
	}
	t.searchAsync(text)
}

// searchAsync runs suggest off the UI goroutine; an answer to an older keystroke is
// dropped.
func (t *typeahead) searchAsync(text string) <-chan struct{} {
	t.gen++
	gen := t.gen
	done := make(chan struct{})
	t.done = done
	background(func() {
		defer close(done)
		items, err := t.suggest(context.Background(), text)
		fyne.DoAndWait(func() {
			if gen != t.gen {
				return
			}
			if err != nil && t.onError != nil {
				t.onError(err)
			}
			t.showItems(items)
		})
	})
	return done
}

func (t *typeahead) showItems(items []choice) {
	if len(items) > maxSuggestions {
		items = items[:maxSuggestions]
	}
	t.items, t.highlighted = items, 0
	t.box.RemoveAll()
	for i, c := range items {
		text := c.Label
		if c.Detail != "" {
			text += "  ·  " + c.Detail
		}
		b := widget.NewButton(text, func() { t.take(i) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		if i == t.highlighted {
			b.Importance = widget.MediumImportance
		}
		t.box.Add(b)
	}
	t.box.Refresh()
}

// take chooses suggestion i and moves the focus on.
func (t *typeahead) take(i int) {
	if i < 0 || i >= len(t.items) {
		return
	}
	c := t.items[i]
	t.set(&c)
	if t.onChosen != nil {
		t.onChosen(&c)
	}
	if cv := fyne.CurrentApp().Driver().CanvasForObject(t); cv != nil {
		cv.FocusNext()
	}
}

func (t *typeahead) moveHighlight(by int) {
	if len(t.items) == 0 {
		return
	}
	t.highlighted = (t.highlighted + by + len(t.items)) % len(t.items)
	for i, o := range t.box.Objects {
		b := o.(*widget.Button)
		b.Importance = widget.LowImportance
		if i == t.highlighted {
			b.Importance = widget.MediumImportance
		}
		b.Refresh()
	}
}

// TypedKey adds the suggestion keys to the entry's own.
func (t *typeahead) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyDown:
		t.moveHighlight(1)
	case fyne.KeyUp:
		t.moveHighlight(-1)
	case fyne.KeyReturn, fyne.KeyEnter:
		if len(t.items) > 0 {
			t.take(t.highlighted)
		} else if t.onEnter != nil {
			t.onEnter()
		}
	case fyne.KeyEscape:
		t.showItems(nil)
	default:
		t.Entry.TypedKey(e)
	}
}

// FocusLost hides the suggestions once the lead has moved on.
func (t *typeahead) FocusLost() {
	t.Entry.FocusLost()
	t.gen++
	t.showItems(nil)
}

// FocusGained offers suggestions straight away (the volunteer's own legislators,
// the list of outcomes) when nothing is chosen yet.
func (t *typeahead) FocusGained() {
	t.Entry.FocusGained()
	if t.chosen == nil {
		t.searchAsync(t.Text)
	}
}

// fixedChoices suggests from a short fixed list: every item whose label contains the
// typed text (ignoring case and accents), all of them for an empty field.
func fixedChoices(all []choice) func(context.Context, string) ([]choice, error) {
	return func(_ context.Context, text string) ([]choice, error) {
		q := foldText(text)
		var out []choice
		for _, c := range all {
			if q == "" || containsFold(c.Label, q) {
				out = append(out, c)
			}
		}
		return out, nil
	}
}

// foldText is text as the matching compares it: lower case, accents removed.
func foldText(s string) string { return strings.TrimSpace(db.Fold(s)) }

func containsFold(s, folded string) bool { return strings.Contains(db.Fold(s), folded) }
