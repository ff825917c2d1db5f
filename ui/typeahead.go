package ui

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// choice is one suggestion of a type-ahead field.
type choice struct {
	ID     int64
	Value  string // for fixed lists: the vocabulary value
	Label  string
	Detail string
	Key    string // compared with keyOf of the typed text too (a district's DistrictKey)
}

// noSearch is itemsFor when the suggestions on screen answer no search.
const noSearch = "\x00"

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

	// fixed is the whole list of a fixed-choice field: Enter resolves the typed text
	// against it directly, not against the (shortened) suggestions on screen.
	fixed []choice
	// searchMatches says suggest already keeps only the choices the typed text
	// begins (a name, email, phone or zip prefix), so a single answer is the one.
	searchMatches bool
	// keyOf, when set, normalizes typed text to compare with each choice's Key
	// ("second suffolk" and "2 Suffolk" are the same district).
	keyOf func(string) string
	// freeText accepts typed text that is no choice while there is no list to
	// choose from (no legislators yet, so no districts).
	freeText bool
	// required fields do not hand an empty Enter on to the form's save while they
	// offer suggestions (the caller's own legislators): they say how to pick one.
	required bool

	chamber db.Chamber               // a district field's chamber
	list    atomic.Pointer[[]choice] // fixed, for the search goroutine

	chosen      *choice
	items       []choice
	itemsFor    string // the text items were found for
	highlighted int    // -1 until the lead moves to a suggestion
	navigated   bool   // the lead moved the highlight with Up or Down
	enterLater  bool   // Enter came before the suggestions for the text did
	box         *fyne.Container
	rows        []*suggestionButton // the suggestions' buttons, in box's order
	pressed     bool                // the mouse is down on a suggestion
	note        *widget.Label       // why Enter took nothing, by the field
	gen         int
	done        chan struct{} // closed when the last search is on screen (tests)
}

func newTypeahead(placeholder string, suggest func(context.Context, string) ([]choice, error)) *typeahead {
	t := &typeahead{suggest: suggest, box: container.NewVBox(), note: widget.NewLabel(""), itemsFor: noSearch}
	t.ExtendBaseWidget(t)
	t.PlaceHolder = placeholder
	t.OnChanged = t.onTextChanged
	t.note.Importance = widget.DangerImportance
	t.note.Wrapping = fyne.TextWrapWord
	t.note.Hide()
	return t
}

// newFixedTypeahead is a type-ahead over a short fixed list.
func newFixedTypeahead(placeholder string, all []choice) *typeahead {
	t := newTypeahead(placeholder, fixedChoices(all))
	t.fixed = all
	return t
}

// widget is the entry with its suggestion list and its note under it.
func (t *typeahead) widget() fyne.CanvasObject { return container.NewVBox(t, t.box, t.note) }

// setFixed replaces the list a fixed-choice field offers (nil: none yet).
func (t *typeahead) setFixed(all []choice) {
	t.fixed = all
	t.list.Store(&all)
}

// districts is the list a district field offers; it is read by the search
// goroutine, so from the copy setFixed publishes.
func (t *typeahead) districts() []choice {
	if l := t.list.Load(); l != nil {
		return *l
	}
	return nil
}

// showNote says by the field why nothing was taken ("" hides it).
func (t *typeahead) showNote(text string) {
	t.note.SetText(text)
	if text == "" {
		t.note.Hide()
	} else {
		t.note.Show()
	}
}

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
	t.enterLater = false
	t.itemsFor = noSearch
	t.showNote("")
	t.showItems(nil)
}

// refreshSuggestions searches again for the current text (a new volunteer changes
// which legislators come first, for example).
func (t *typeahead) refreshSuggestions() { t.searchAsync(t.Text) }

func (t *typeahead) onTextChanged(text string) {
	t.navigated = false
	t.showNote("")
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
		doUIAndWait(func() {
			if gen != t.gen {
				return
			}
			if err != nil && t.onError != nil {
				t.onError(err)
			}
			t.showItems(items)
			t.itemsFor = text
			if t.enterLater {
				t.enterLater = false
				t.resolveTyped()
			}
		})
	})
	return done
}

func (t *typeahead) showItems(items []choice) {
	if len(items) > maxSuggestions {
		items = items[:maxSuggestions]
	}
	// No suggestion is highlighted until the lead moves to one: Enter takes only
	// what was asked for, so nothing may look chosen before.
	t.items, t.highlighted, t.pressed = items, -1, false
	t.box.RemoveAll()
	t.rows = t.rows[:0]
	for i, c := range items {
		text := c.Label
		if c.Detail != "" {
			text += "  ·  " + c.Detail
		}
		b, row := suggestionRow(text, func() { t.pressed = true }, func() { t.take(i) })
		t.rows = append(t.rows, b)
		t.box.Add(row)
	}
	t.box.Refresh()
}

// suggestionRow is one suggestion: a button to click, its text on a label over it
// that wraps. A button is as wide as its text, and the fields sit in grids whose
// columns are as wide as their widest cell: a long district ("Berkshire, Hampden,
// Franklin and Hampshire") or a caller with their town made the form, then the
// window, wider than the screen. A wrapped label asks for no width of its own.
func suggestionRow(text string, down, tapped func()) (*suggestionButton, fyne.CanvasObject) {
	b := &suggestionButton{down: down}
	b.OnTapped = tapped
	b.Importance = widget.LowImportance
	b.ExtendBaseWidget(b)
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return b, container.NewStack(b, l)
}

// suggestionButton says when the mouse goes down on it. The window takes the focus
// from the field on a press, before the click, and the field hides its suggestions
// when it loses the focus: a click on a suggestion found nothing left to take (the
// first-day walk). Told of the press first, the field keeps them for the click.
type suggestionButton struct {
	widget.Button
	down func()
}

func (b *suggestionButton) MouseDown(*desktop.MouseEvent) { b.down() }
func (b *suggestionButton) MouseUp(*desktop.MouseEvent)   {}

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
		if cv.Focused() != t {
			// A click on the suggestion took the focus away: on from this field.
			cv.Focus(t)
		}
		cv.FocusNext()
	}
}

func (t *typeahead) moveHighlight(by int) {
	if len(t.items) == 0 {
		return
	}
	t.navigated = true
	switch {
	case t.highlighted < 0 && by > 0:
		t.highlighted = 0
	case t.highlighted < 0:
		t.highlighted = len(t.items) - 1
	default:
		t.highlighted = (t.highlighted + by + len(t.items)) % len(t.items)
	}
	for i, b := range t.rows {
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
		t.onEnterKey()
	case fyne.KeyEscape:
		t.showItems(nil)
	default:
		t.Entry.TypedKey(e)
	}
}

// onEnterKey takes what the lead asked for and never a default: the suggestion
// they moved to with Up or Down, else the one choice the typed text begins. A
// field already chosen, or left empty, hands Enter on (the form saves).
func (t *typeahead) onEnterKey() {
	switch {
	case t.navigated && t.highlighted >= 0 && len(t.items) > 0:
		t.take(t.highlighted)
	case t.chosen == nil && foldText(t.Text) == "" && t.required && len(t.items) > 0:
		t.showNote(pickOneNote(t.items))
	case t.chosen != nil || foldText(t.Text) == "":
		t.showItems(nil)
		if t.onEnter != nil {
			t.onEnter()
		}
	case t.fixed == nil && t.itemsFor != t.Text:
		// The suggestions on screen are for an older keystroke: decide when the
		// search for this text is back.
		t.enterLater = true
		t.searchAsync(t.Text)
	default:
		t.resolveTyped()
	}
}

// resolveTyped takes the one choice the typed text begins, or says by the field
// why it took none and leaves the candidates on screen.
func (t *typeahead) resolveTyped() {
	pool := t.fixed
	if pool == nil {
		pool = t.items
	}
	found, problem := matchTyped(pool, t.Text, t.searchMatches, t.keyOf)
	if problem != "" {
		t.showItems(found)
		t.showNote(problem)
		return
	}
	t.items = []choice{found[0]}
	t.take(0)
}

// commit resolves the typed text of a fixed-choice field that was left without
// pressing Enter (the lead clicked Save): it returns the problem, or "" once the
// field holds a choice or is empty.
func (t *typeahead) commit() string {
	if t.chosen != nil || foldText(t.Text) == "" {
		return ""
	}
	if t.fixed == nil && t.freeText {
		return ""
	}
	if t.fixed == nil {
		return "Pick one of the suggestions, or clear the field."
	}
	found, problem := matchTyped(t.fixed, t.Text, false, t.keyOf)
	if problem != "" {
		t.showItems(found)
		t.showNote(problem)
		return problem
	}
	c := found[0]
	t.set(&c)
	if t.onChosen != nil {
		t.onChosen(&c)
	}
	return ""
}

// matchTyped finds the choices the typed text begins, ignoring case and accents:
// a label equal to it first, then labels that start with it or have a word that
// does, then details with a word that starts with it (and, when search already matched by
// prefix, whatever it found). The first of those with any choice decides: exactly
// one is the match; several, or none, is a problem to show, never a guess.
func matchTyped(pool []choice, text string, searchMatches bool, keyOf func(string) string) ([]choice, string) {
	q := foldText(text)
	k := "\x00"
	if keyOf != nil {
		k = keyOf(text)
	}
	tiers := []func(choice) bool{
		func(c choice) bool { return foldText(c.Label) == q || c.Key == k },
		// A word inside a label counts as much as its start: "voicem" is both
		// "Voicemail full" and "Left a voicemail", never the first alone.
		func(c choice) bool {
			return strings.HasPrefix(foldText(c.Label), q) || wordPrefix(c.Label, q, true) || c.Key != "" && strings.HasPrefix(c.Key, k)
		},
		func(c choice) bool { return wordPrefix(c.Detail, q, true) },
	}
	if searchMatches {
		tiers = append(tiers, func(choice) bool { return true })
	}
	for _, in := range tiers {
		var found []choice
		for _, c := range pool {
			if in(c) {
				found = append(found, c)
			}
		}
		switch {
		case len(found) == 1:
			return found, ""
		case len(found) > 1:
			var names []string
			for _, c := range found {
				names = append(names, c.Label)
			}
			return found, fmt.Sprintf("'%s' matches: %s — type more or pick one.", strings.TrimSpace(text), strings.Join(names, ", "))
		}
	}
	return nil, fmt.Sprintf("Nothing here begins with '%s'.", strings.TrimSpace(text))
}

// wordPrefix reports whether the typed words, folded in q, begin consecutive words
// of s from its first word ("lean n" begins "Leaning no"), or from any word when
// anyWord is set ("kenn" begins "Sen. Robyn Kennedy").
func wordPrefix(s, q string, anyWord bool) bool {
	typed, words := splitWords(q), splitWords(foldText(s))
	if len(typed) == 0 {
		return false
	}
	last := 0
	if anyWord {
		last = len(words) - len(typed)
	}
	for start := 0; start <= last && start+len(typed) <= len(words); start++ {
		ok := true
		for i, w := range typed {
			if !strings.HasPrefix(words[start+i], w) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// splitWords cuts folded text into its words of letters and digits.
func splitWords(f string) []string {
	return strings.FieldsFunc(f, func(r rune) bool { return r < 0x80 && !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') })
}

// FocusLost hides the suggestions once the lead has moved on.
func (t *typeahead) FocusLost() {
	t.Entry.FocusLost()
	if t.pressed {
		return // a click on a suggestion is under way: it takes it
	}
	t.gen++
	t.itemsFor = noSearch
	t.enterLater = false
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

// pickOneNote says how to take one of the suggestions offered to an empty field.
func pickOneNote(items []choice) string {
	if len(items) == 1 {
		return "Down then Enter takes " + items[0].Label + "; or type the first letters of another."
	}
	return "Down or Up then Enter takes one of these; or type the first letters of one."
}
