package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// filePicker is ChapterDesk's own file dialog, for where no system chooser answers:
// a path to type (or paste), the folders used lately and Documents, Downloads and
// home one click away, and the chosen folder's files, newest first, one more click
// away. Fyne's full dialog stays behind "Other folders…".
type filePicker struct {
	w     fyne.Window
	prefs settings
	req   fileRequest
	done  func(path string) // "" when cancelled

	d       *dialog.CustomDialog
	path    *widget.Entry
	problem *widget.Label
	heading *widget.Label
	places  *widget.List
	files   *widget.List
	ok      *widget.Button

	placeList []place
	dir       string      // the folder listed
	listing   []fileEntry // its entries, as listed
	seq       int         // the listing asked for last; an older one arriving late is dropped
	closed    bool
}

// place is a folder in the picker's left column.
type place struct {
	label, dir string
	recent     bool
}

// fileEntry is one row of the folder's list.
type fileEntry struct {
	name     string
	dir      bool // a folder (the parent is ".." )
	modified time.Time
}

// showFilePicker shows the picker for r; done gets the path chosen, or "".
func showFilePicker(w fyne.Window, prefs settings, r fileRequest, done func(path string)) *filePicker {
	p := &filePicker{w: w, prefs: prefs, req: r, done: done}
	p.buildUI()
	start := r.folder
	if !isDir(start) {
		start = startFolder(prefs, r.save)
	}
	p.showFolder(start)
	if r.save {
		p.path.SetText(filepath.Join(start, r.name))
	} else if start != "" {
		p.path.SetText(start + string(filepath.Separator))
	}
	p.d.Show()
	w.Canvas().Focus(p.path)
	return p
}

func (p *filePicker) buildUI() {
	p.path = widget.NewEntry()
	p.path.OnSubmitted = func(string) { p.onAccept() }
	p.path.OnChanged = func(string) { p.problem.Hide() }
	p.problem = widget.NewLabel("")
	p.problem.Importance = widget.DangerImportance
	p.problem.Wrapping = fyne.TextWrapWord
	p.problem.Hide()
	p.placeList = p.placesToShow()
	p.places = widget.NewList(func() int { return len(p.placeList) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.FolderIcon()), widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(map[bool]fyne.Resource{true: theme.HistoryIcon(), false: theme.FolderIcon()}[p.placeList[i].recent])
			row.Objects[1].(*widget.Label).SetText(p.placeList[i].label)
		})
	p.places.OnSelected = func(i widget.ListItemID) { p.onPlace(i) }
	p.heading = widget.NewLabel("")
	p.heading.Truncation = fyne.TextTruncateEllipsis
	p.files = widget.NewList(func() int { return len(p.listing) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewIcon(theme.FileIcon()), widget.NewLabel("2006-01-02 15:04"), name)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { p.fillRow(i, o.(*fyne.Container)) })
	p.files.OnSelected = func(i widget.ListItemID) { p.onFile(i) }
	accept := "Open"
	if p.req.save {
		accept = "Save"
	}
	p.ok = widget.NewButtonWithIcon(accept, theme.ConfirmIcon(), p.onAccept)
	p.ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), p.onCancel)
	other := widget.NewButtonWithIcon("Other folders…", theme.FolderOpenIcon(), p.onOther)
	field := "File"
	if p.req.save {
		field = "Save as"
	}
	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel(field), nil, p.path),
		p.problem,
		lowLabel("Type or paste the file's path and press Enter, or choose a folder and a file below."),
	)
	left := container.NewBorder(caption("Folders"), nil, nil, nil, p.places)
	right := container.NewBorder(p.heading, nil, nil, nil, p.files)
	split := container.NewHSplit(left, right)
	split.Offset = 0.32
	buttons := container.NewBorder(nil, nil, other, container.NewHBox(cancel, p.ok))
	body := container.NewBorder(top, buttons, nil, nil, split)
	p.d = dialog.NewCustomWithoutButtons(p.req.title, body, p.w)
	p.d.Resize(fyne.NewSize(880, 560))
}

// placesToShow are the recent folders that still exist, then Documents, Downloads
// and home, each once.
func (p *filePicker) placesToShow() []place {
	var out []place
	seen := map[string]bool{}
	add := func(label, dir string, recent bool) {
		if dir == "" || seen[dir] || !isDir(dir) {
			return
		}
		seen[dir] = true
		out = append(out, place{label, dir, recent})
	}
	for _, d := range p.prefs.recentFolders() {
		// The folder's own name first: the end of a long path is what tells two apart.
		add(filepath.Base(d)+" — "+tildePath(filepath.Dir(d)), d, true)
	}
	home, _ := os.UserHomeDir()
	add("Documents", filepath.Join(home, "Documents"), false)
	add("Downloads", filepath.Join(home, "Downloads"), false)
	add("Home", home, false)
	return out
}

// tildePath writes a folder under home as ~/…, as people read it.
func tildePath(dir string) string {
	home, _ := os.UserHomeDir()
	if home != "" && (dir == home || strings.HasPrefix(dir, home+string(filepath.Separator))) {
		return "~" + strings.TrimPrefix(dir, home)
	}
	return dir
}

// expandPath reads a typed path: ~ is home, a relative path is under the folder
// listed, surrounding quotes (from a copied path) are dropped.
func (p *filePicker) expandPath(text string) string {
	t := strings.Trim(strings.TrimSpace(text), `"'`)
	if t == "" {
		return ""
	}
	if t == "~" || strings.HasPrefix(t, "~/") || strings.HasPrefix(t, `~\`) {
		home, _ := os.UserHomeDir()
		t = filepath.Join(home, t[1:])
	}
	if !filepath.IsAbs(t) && p.dir != "" {
		t = filepath.Join(p.dir, t)
	}
	return filepath.Clean(t)
}

// matches reports whether a file name has one of the request's extensions.
func (p *filePicker) matches(name string) bool {
	return slices.Contains(p.req.exts, strings.ToLower(filepath.Ext(name)))
}

// showFolder lists dir: its files of the kind asked for, newest first, then its
// folders, with the parent first. The listing is read off the UI goroutine (a
// network folder can be slow).
func (p *filePicker) showFolder(dir string) {
	if dir == "" {
		return
	}
	p.seq++
	seq := p.seq
	p.dir = dir
	p.heading.SetText(tildePath(dir) + ": reading…")
	exts := p.req.exts
	background(func() {
		list, err := listFolder(dir, exts)
		doUI(func() {
			if seq != p.seq || p.closed {
				return
			}
			p.files.UnselectAll()
			p.listing = list
			p.files.Refresh()
			p.files.ScrollToTop()
			p.heading.SetText(folderHeading(dir, list, exts, err))
		})
	})
}

// listFolder reads dir for the picker.
func listFolder(dir string, exts []string) ([]fileEntry, error) {
	entries, err := os.ReadDir(dir)
	var files, folders []fileEntry
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			isDir = isDirPath(filepath.Join(dir, e.Name()))
		}
		if isDir {
			folders = append(folders, fileEntry{name: e.Name(), dir: true})
			continue
		}
		if !slices.Contains(exts, strings.ToLower(filepath.Ext(e.Name()))) {
			continue
		}
		fe := fileEntry{name: e.Name()}
		if info, err := e.Info(); err == nil {
			fe.modified = info.ModTime()
		}
		files = append(files, fe)
	}
	slices.SortStableFunc(files, func(a, b fileEntry) int { return b.modified.Compare(a.modified) })
	slices.SortFunc(folders, func(a, b fileEntry) int { return strings.Compare(strings.ToLower(a.name), strings.ToLower(b.name)) })
	var out []fileEntry
	if parent := filepath.Dir(dir); parent != dir {
		out = append(out, fileEntry{name: "..", dir: true})
	}
	return append(append(out, files...), folders...), err
}

func isDirPath(path string) bool { return isDir(path) }

// folderHeading says what the list shows: "~/Downloads: 3 CSV files, newest first".
func folderHeading(dir string, list []fileEntry, exts []string, err error) string {
	if err != nil {
		return tildePath(dir) + ": cannot be read (" + friendlyFSError(err) + ")"
	}
	n := 0
	for _, e := range list {
		if !e.dir {
			n++
		}
	}
	kind := kindOfFile(exts[0])
	switch n {
	case 0:
		return fmt.Sprintf("%s: no %s here", tildePath(dir), kind)
	case 1:
		return fmt.Sprintf("%s: 1 %s", tildePath(dir), kind)
	}
	return fmt.Sprintf("%s: %d %ss, newest first", tildePath(dir), n, kind)
}

// friendlyFSError is a file system error in a few words.
func friendlyFSError(err error) string {
	switch {
	case os.IsPermission(err):
		return "permission denied"
	case os.IsNotExist(err):
		return "it is not there"
	}
	return err.Error()
}

func (p *filePicker) fillRow(i widget.ListItemID, row *fyne.Container) {
	e := p.listing[i]
	name, icon, date := e.name, theme.FileIcon(), ""
	switch {
	case e.name == "..":
		name, icon = "Up to "+tildePath(filepath.Dir(p.dir)), theme.MoveUpIcon()
	case e.dir:
		icon = theme.FolderIcon()
	default:
		if !e.modified.IsZero() {
			date = e.modified.Format("2006-01-02 15:04")
		}
	}
	row.Objects[0].(*widget.Label).SetText(name)
	row.Objects[1].(*widget.Icon).SetResource(icon)
	row.Objects[2].(*widget.Label).SetText(date)
}

// onPlace lists a folder of the left column.
func (p *filePicker) onPlace(i widget.ListItemID) {
	p.places.UnselectAll()
	if i < 0 || i >= len(p.placeList) {
		return
	}
	p.enterFolder(p.placeList[i].dir)
}

// enterFolder lists dir and points the path field at it (keeping a save's name).
func (p *filePicker) enterFolder(dir string) {
	p.showFolder(dir)
	if p.req.save {
		name := filepath.Base(p.expandPath(p.path.Text))
		if name == "" || name == "." || isDir(p.expandPath(p.path.Text)) {
			name = p.req.name
		}
		p.path.SetText(filepath.Join(dir, name))
	} else {
		p.path.SetText(dir + string(filepath.Separator))
	}
	p.w.Canvas().Focus(p.path)
}

// onFile goes into a folder, or puts a file's path in the field, ready for Enter.
func (p *filePicker) onFile(i widget.ListItemID) {
	if i < 0 || i >= len(p.listing) {
		return
	}
	e := p.listing[i]
	if e.dir {
		p.files.UnselectAll()
		p.enterFolder(filepath.Clean(filepath.Join(p.dir, e.name)))
		return
	}
	p.path.SetText(filepath.Join(p.dir, e.name))
	p.w.Canvas().Focus(p.path)
}

// onAccept opens or saves the path typed; a folder typed is listed instead.
func (p *filePicker) onAccept() {
	path := p.expandPath(p.path.Text)
	if path == "" {
		p.say("Type the file's path, or choose a folder and a file below.")
		return
	}
	if isDir(path) {
		p.enterFolder(path)
		return
	}
	if p.req.save {
		p.acceptSave(path)
		return
	}
	info, err := os.Stat(path)
	switch {
	case err != nil:
		p.say(fmt.Sprintf("There is no file %s in %s.", filepath.Base(path), tildePath(filepath.Dir(path))))
	case !p.matches(path):
		p.say(fmt.Sprintf("%s is not a %s (%s).", filepath.Base(path), kindOfFile(p.req.exts[0]), strings.Join(p.req.exts, ", ")))
	case !info.Mode().IsRegular():
		p.say(filepath.Base(path) + " is not a file.")
	default:
		p.finish(path)
	}
}

// acceptSave checks the folder is there and can be written in, and asks before
// replacing a file.
func (p *filePicker) acceptSave(path string) {
	if filepath.Ext(path) == "" {
		path += p.req.exts[0]
	}
	dir := filepath.Dir(path)
	switch {
	case !isDir(dir):
		p.say(fmt.Sprintf("There is no folder %s: choose one on the left, or type another path.", tildePath(dir)))
		return
	case !writableDir(dir):
		p.say(fmt.Sprintf("ChapterDesk cannot save in %s (it is read-only): choose another folder, such as Documents.", tildePath(dir)))
		return
	}
	if _, err := os.Stat(path); err == nil {
		dialog.ShowConfirm("Replace the file?", fmt.Sprintf("%s is already in %s. Replace it?", filepath.Base(path), tildePath(dir)),
			func(yes bool) {
				if yes {
					p.finish(path)
				}
			}, p.w)
		return
	}
	p.finish(path)
}

func (p *filePicker) say(text string) {
	p.problem.SetText(text)
	p.problem.Show()
}

// finish closes the picker with path ("" when cancelled).
func (p *filePicker) finish(path string) {
	if p.closed {
		return
	}
	p.closed = true
	p.d.Hide()
	p.done(path)
}

func (p *filePicker) onCancel() { p.finish("") }

// onOther hands over to Fyne's full file dialog, in the folder listed.
func (p *filePicker) onOther() {
	p.closed = true
	p.d.Hide()
	var fd *dialog.FileDialog
	if p.req.save {
		fd = dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
			if err != nil || wc == nil {
				p.done("")
				return
			}
			path := wc.URI().Path()
			wc.Close()
			if filepath.Ext(path) == "" {
				os.Remove(path) // the dialog made it empty; the name gets its extension
			}
			p.done(path)
		}, p.w)
		fd.SetFileName(filepath.Base(p.expandPath(p.path.Text)))
	} else {
		fd = dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				p.done("")
				return
			}
			path := r.URI().Path()
			r.Close()
			p.done(path)
		}, p.w)
	}
	fd.SetFilter(storage.NewExtensionFileFilter(p.req.exts))
	if l, err := storage.ListerForURI(storage.NewFileURI(p.dir)); err == nil && p.dir != "" {
		fd.SetLocation(l)
	}
	fd.Resize(fyne.NewSize(880, 560))
	fd.Show()
}
