package ui

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

// fileRequest is what a file dialog asks for.
type fileRequest struct {
	save   bool
	title  string   // "Open a CSV file", "Save the PDF"
	exts   []string // ".csv", ".txt": the first is added to a saved name that has none
	folder string   // where the dialog starts
	name   string   // save: the name suggested
}

// systemChooser is the desktop's own file chooser (on Linux the XDG desktop
// portal's, which is the GNOME or KDE dialog the lead knows, with its bookmarks and
// recent files). choose returns the path chosen, "" when the lead cancelled, or an
// error when the chooser could not be used: then ChapterDesk shows its own.
type systemChooser interface {
	choose(ctx context.Context, parent string, r fileRequest) (string, error)
}

// errNoSystemChooser says there is no system file chooser to ask (no portal
// answers, as under Xvfb or on a desktop without one).
var errNoSystemChooser = errors.New("no system file chooser answers")

// systemFiles is the system file chooser, nil where there is none (set by
// filechooser_portal.go on Linux and the BSDs; tests put a fake here).
var systemFiles systemChooser

// startFolder is where a file dialog opens: the folder used last (remembered from
// one run to the next), else the user's Documents folder, else their home folder
// ("" when none of them is there). A save dialog skips a folder it cannot write in.
func startFolder(prefs settings, save bool) string {
	home, _ := os.UserHomeDir()
	var candidates []string
	if recent := prefs.recentFolders(); len(recent) > 0 {
		candidates = append(candidates, recent[0])
	}
	candidates = append(candidates, filepath.Join(home, "Documents"), home)
	for _, dir := range candidates {
		if isDir(dir) && (!save || writableDir(dir)) {
			return dir
		}
	}
	return ""
}

func isDir(dir string) bool {
	fi, err := os.Stat(dir)
	return dir != "" && err == nil && fi.IsDir()
}

// writableDir reports whether a file can be made in dir, by making one: permission
// bits do not tell (a read-only mount, a sandbox, Windows ACLs).
func writableDir(dir string) bool {
	f, err := os.CreateTemp(dir, ".chapterdesk-write-test-*")
	if err != nil {
		return false
	}
	f.Close()
	os.Remove(f.Name())
	return true
}

// kindOfFile names a file by its extension, as the dialogs' titles say it.
func kindOfFile(ext string) string {
	switch strings.ToLower(ext) {
	case ".csv", ".tsv":
		return "CSV file"
	case ".txt": // saved, an import report; the import picker lists it after .csv
		return "text file"
	case ".db":
		return "ChapterDesk data file"
	case ".json":
		return "campaign file"
	case ".pdf":
		return "PDF"
	case ".xlsx":
		return "Excel workbook"
	}
	return strings.TrimPrefix(ext, ".") + " file"
}

// withArticle is a kind of file with its article: "an Excel workbook" (the save
// dialog said "Save as a Excel workbook"), "a CSV file".
func withArticle(kind string) string {
	if kind != "" && strings.ContainsRune("AEIOUaeiou", rune(kind[0])) {
		return "an " + kind
	}
	return "a " + kind
}

// pickFileAsync asks for a file to open with one of the extensions (".csv") and
// hands its path to then on the UI goroutine; Cancel does nothing.
func pickFileAsync(w fyne.Window, exts []string, then func(path string)) {
	prefs := newSettings(fyne.CurrentApp())
	chooseFileAsync(w, prefs, fileRequest{title: "Open " + withArticle(kindOfFile(exts[0])), exts: exts, folder: startFolder(prefs, false)}, then, nil)
}

// pickSaveFileAsync asks where to save a file (suggesting name) and hands the path
// to then, with ext added when the lead typed a name without one. Nothing is
// written to the path before then: the job that writes it replaces it whole.
func pickSaveFileAsync(w fyne.Window, name, ext string, then func(path string)) {
	pickSaveFileInAsync(w, "", name, ext, then, nil)
}

// pickSaveFileInAsync is pickSaveFileAsync starting in the folder dir ("" for
// startFolder's); cancelled, when not nil, runs if the lead closes it without a file.
func pickSaveFileInAsync(w fyne.Window, dir, name, ext string, then func(path string), cancelled func()) {
	prefs := newSettings(fyne.CurrentApp())
	if dir == "" || !isDir(dir) {
		dir = startFolder(prefs, true)
	}
	title := "Save the " + kindOfFile(ext)
	if k := kindOfFile(ext); k != "PDF" {
		title = "Save as " + withArticle(k)
	}
	chooseFileAsync(w, prefs, fileRequest{save: true, title: title, exts: []string{ext}, folder: dir, name: name}, then, cancelled)
}

// chooseFileAsync asks the system file chooser, when there is one that answers,
// else shows ChapterDesk's own (a typed path, the recent folders, Documents first);
// the folder of the file chosen goes first among the recent folders.
func chooseFileAsync(w fyne.Window, prefs settings, r fileRequest, then func(path string), cancelled func()) {
	done := func(path string) {
		if path == "" {
			if cancelled != nil {
				cancelled()
			}
			return
		}
		if r.save && filepath.Ext(path) == "" {
			path += r.exts[0]
		}
		prefs.addRecentFolder(filepath.Dir(path))
		then(path)
	}
	own := func() { showFilePicker(w, prefs, r, done) }
	chooser := systemFiles
	if chooser == nil {
		own()
		return
	}
	parent := parentWindowHandle(w)
	background(func() {
		path, err := chooseSafely(chooser, parent, r)
		doUI(func() {
			if err != nil {
				if !errors.Is(err, errNoSystemChooser) {
					slog.Warn("the system file chooser failed; showing ChapterDesk's own", "err", err)
				}
				own()
				return
			}
			done(path)
		})
	})
}

// chooseSafely turns a panic of the chooser (a portal answering with a reply it
// does not expect) into an error, so the lead gets ChapterDesk's dialog instead.
func chooseSafely(c systemChooser, parent string, r fileRequest) (path string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("system file chooser: %v", p)
		}
	}()
	return c.choose(context.Background(), parent, r)
}

// parentWindowHandle names the window to the portal, so its dialog opens over it
// ("x11:1a00007"); "" on Wayland (which needs xdg-foreign) and in tests.
func parentWindowHandle(w fyne.Window) string {
	nw, ok := w.(driver.NativeWindow)
	if !ok {
		return ""
	}
	handle := ""
	nw.RunNative(func(ctx any) {
		if x, ok := ctx.(driver.X11WindowContext); ok && x.WindowHandle != 0 {
			handle = fmt.Sprintf("x11:%x", x.WindowHandle)
		}
	})
	return handle
}
