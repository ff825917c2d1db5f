package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

func TestErrorMessage(t *testing.T) {
	for _, c := range []struct {
		err   error
		title string
		msg   string
	}{
		{&db.ValidationError{Field: "email", Message: "That is not an email."}, "Please check", "That is not an email."},
		{fmt.Errorf("load volunteer 4: %w", db.ErrNotFound), "Not found", "trash"},
		{fmt.Errorf("save: %w", db.ErrConflict), "Already there", "already exists"},
		{fmt.Errorf("x: %w", db.ErrReadOnly), "Cannot save", "read-only"},
		{fmt.Errorf("x %w", db.ErrInUse), "Open elsewhere", "another ChapterDesk"},
		{errors.New("disk I/O error 0x1234"), "Something went wrong", "was not saved"},
		{readFailed{"the coalition's dashboard", errors.New("calls of chapter 4")}, "Could not read", "could not read the coalition's dashboard. Nothing was changed."},
	} {
		title, msg := errorMessage(c.err)
		if title != c.title || !strings.Contains(msg, c.msg) {
			t.Errorf("%v: %q / %q", c.err, title, msg)
		}
		if title == "Something went wrong" && strings.Contains(msg, "0x1234") && !rawErrors.Load() {
			t.Errorf("raw error shown to a person: %q", msg)
		}
	}
}

func TestShowErrorAsync(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("errors")
	w.Resize(fyne.NewSize(600, 400))
	w.Show()
	done := make(chan struct{})
	go func() {
		showErrorAsync(w, &db.ValidationError{Field: "phone", Message: "Phone: write it with its area code."})
		close(done)
	}()
	<-done
	shown := false
	for _, o := range w.Canvas().Overlays().List() {
		shown = shown || labelsContain(o, "Phone: write it with its area code.")
	}
	if !shown {
		t.Error("no dialog with the message")
	}
}

// labelsContain reports whether any label drawn under o shows text.
func labelsContain(o fyne.CanvasObject, text string) bool {
	for _, obj := range test.LaidOutObjects(o) {
		if l, ok := obj.(*widget.Label); ok && l.Text == text {
			return true
		}
	}
	return false
}
