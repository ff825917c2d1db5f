package ui

import (
	"errors"
	"log/slog"
	"os"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"github.com/chapterdesk/chapterdesk/db"
)

// rawErrors shows the raw error under the friendly one: CHAPTERDESK_DEBUG=1, or the
// "show technical details" setting.
var rawErrors atomic.Bool

func init() { rawErrors.Store(os.Getenv("CHAPTERDESK_DEBUG") != "") }

// errorMessage turns an error into what a person reads, in three tiers: a mistake
// they can fix (a validation message, as written), a known condition (friendly
// sentence), anything else (logged, short message; raw error only when debugging).
func errorMessage(err error) (title, msg string) {
	var ve *db.ValidationError
	switch {
	case errors.As(err, &ve):
		return "Please check", ve.Message
	case errors.Is(err, db.ErrNotFound):
		return "Not found", "That record is no longer there; it may have been moved to the trash."
	case errors.Is(err, db.ErrConflict):
		return "Already there", "A record like this one already exists."
	case errors.Is(err, db.ErrInUse), errors.Is(err, db.ErrBusyAlone):
		return "Open elsewhere", "The data file is open in another ChapterDesk window or command. Close it there, then try again."
	case errors.Is(err, db.ErrDamaged):
		return "Data file damaged", "ChapterDesk found damage in the data file and has stopped saving changes to it, " +
			"so nothing was saved. The notice at the top of the window says what you can do."
	case errors.Is(err, db.ErrReadOnly):
		return "Cannot save", "The data file cannot be written. Check that the disk is not full or read-only."
	case db.Unreachable(err):
		return "Chapter server unreachable", "The chapter server cannot be reached; retrying. " +
			"If you were saving, nothing was saved and what you typed is still in the form: save again once the window says the server is back."
	}
	slog.Error("unexpected error", "err", err)
	title, msg = "Something went wrong", "Something went wrong and the change was not saved."
	var rf readFailed
	if errors.As(err, &rf) { // nothing was being saved
		title, msg = "Could not read", "Something went wrong and ChapterDesk could not read "+rf.what+". Nothing was changed."
	}
	if rawErrors.Load() {
		msg += "\n\n" + err.Error()
	}
	return title, msg
}

// readFailed is the error of a screen that was reading, not saving: errorMessage's
// last tier says it could not read what (t9 repro-21: the coalition dashboard said
// "the change was not saved" of a read).
type readFailed struct {
	what string
	err  error
}

func (e readFailed) Error() string { return e.err.Error() }
func (e readFailed) Unwrap() error { return e.err }

// showError shows err on w. Call it on the UI goroutine.
func showError(w fyne.Window, err error) {
	if err == nil {
		return
	}
	if told, ok := connectionLost(w, err); ok && told {
		return // the band above the screens says so, and a dialog said so once already
	}
	title, msg := errorMessage(err)
	dialog.ShowInformation(title, msg, w)
}

// showErrorAsync is showError for goroutines: it hands the dialog to the UI goroutine
// and returns once it is shown.
func showErrorAsync(w fyne.Window, err error) {
	if err == nil {
		return
	}
	doUIAndWait(func() { showError(w, err) })
}
