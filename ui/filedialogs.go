package ui

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// lastFolder is the folder a file was last opened from or saved to in this run (used
// on the UI goroutine only): the next dialog starts there, not in the app's own
// data folder.
var lastFolder string

// startFolder is where a file dialog opens: the folder used last, else the user's
// Documents folder, else their home folder ("" when none of them is there).
func startFolder() string {
	home, _ := os.UserHomeDir()
	for _, dir := range []string{lastFolder, filepath.Join(home, "Documents"), home} {
		if fi, err := os.Stat(dir); dir != "" && err == nil && fi.IsDir() {
			return dir
		}
	}
	return ""
}

// startIn points a file dialog at dir.
func startIn(d interface{ SetLocation(fyne.ListableURI) }, dir string) {
	if dir == "" {
		return
	}
	if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
}

// pickFile asks for a file to open with one of the extensions (".csv") and hands its
// path to then; Cancel does nothing.
func pickFile(w fyne.Window, exts []string, then func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		lastFolder = filepath.Dir(path)
		then(path)
	}, w)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	startIn(d, startFolder())
	d.Show()
}

// pickSaveFile asks where to save a file (suggesting name) and hands the path to
// then, with ext added when the lead typed a name without one. The dialog creates
// the file empty; the job that writes it replaces it whole.
func pickSaveFile(w fyne.Window, name, ext string, then func(path string)) {
	pickSaveFileIn(w, "", name, ext, then, nil)
}

// pickSaveFileIn is pickSaveFile starting in the folder dir ("" for startFolder's); cancelled, when not nil, runs if the lead closes it without a file.
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
		lastFolder = filepath.Dir(path)
		if filepath.Ext(path) == "" {
			os.Remove(path)
			path += ext
		}
		then(path)
	}, w)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	if dir == "" {
		dir = startFolder()
	}
	startIn(d, dir)
	d.Show()
}
