package ui

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// pickFile asks for a file to open with one of the extensions (".csv") and hands its
// path to then; Cancel does nothing.
func pickFile(w fyne.Window, exts []string, then func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		then(path)
	}, w)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	d.Show()
}

// pickSaveFile asks where to save a file (suggesting name) and hands the path to
// then, with ext added when the lead typed a name without one. The dialog creates
// the file empty; the job that writes it replaces it whole.
func pickSaveFile(w fyne.Window, name, ext string, then func(path string)) {
	pickSaveFileIn(w, "", name, ext, then, nil)
}

// pickSaveFileIn is pickSaveFile starting in the folder dir ("" for the dialog's
// own choice); cancelled, when not nil, runs if the lead closes it without a file.
func pickSaveFileIn(w fyne.Window, dir, name, ext string, then func(path string), cancelled func()) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			if cancelled != nil {
				cancelled()
			}
			return
		}
		path := wc.URI().Path()
		wc.Close()
		if filepath.Ext(path) == "" {
			os.Remove(path)
			path += ext
		}
		then(path)
	}, w)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	if dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Show()
}
