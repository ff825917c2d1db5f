package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/chapterdesk/chapterdesk/db"
)

// shownOfList is how many items of one list an import prints: a person reads twenty
// lines, not fifty thousand. The rest go to the import's list file (listFile).
const shownOfList = 20

// listFile is where an import writes its lists in full when they are longer than it
// prints: beside the file imported ("roster.csv" → "roster-import-lists.txt"), or,
// when that folder takes no file, beside the data file. It is created, anew, by the
// first list that needs it, so an import whose lists all fit writes none.
type listFile struct {
	input, data string // the file imported, the data file ("" on a server)
	path        string
	f           *os.File
	w           *bufio.Writer
	err         error // why no file could be written, said once per list
}

// newListFile is the list file of an import of input ("" for no file) into the data
// file data.
func newListFile(input, data string) *listFile {
	if db.IsServer(data) {
		data = ""
	}
	return &listFile{input: input, data: data}
}

// open creates the file on first use: beside the input, else beside the data file.
func (l *listFile) open() error {
	if l.f != nil || l.err != nil {
		return l.err
	}
	base := "import-lists.txt" // the legislators that came with ChapterDesk are no file
	var dirs []string
	if l.input != "" {
		base = strings.TrimSuffix(filepath.Base(l.input), filepath.Ext(l.input)) + "-" + base
		dirs = append(dirs, filepath.Dir(l.input))
	}
	if l.data != "" {
		dirs = append(dirs, filepath.Dir(l.data))
	}
	l.err = fmt.Errorf("no folder to write %s in", base)
	for _, dir := range dirs {
		p := filepath.Join(dir, base)
		f, err := os.OpenFile(p, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600) // it names volunteers: the owner's only
		if err != nil {
			l.err = fmt.Errorf("%s could not be written: %w", p, unwrapPath(err))
			continue
		}
		// O_CREATE's mode is for a new file only: a list file an earlier import (or a
		// person) left readable by anyone stays so unless told.
		if err := f.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
			f.Close()
			l.err = fmt.Errorf("%s could not be made the owner's only: %w", p, unwrapPath(err))
			continue
		}
		if abs, err := filepath.Abs(p); err == nil {
			p = abs
		}
		l.path, l.f, l.w, l.err = p, f, bufio.NewWriter(f), nil
		return nil
	}
	return l.err
}

// write adds a list, its heading and every item, to the file.
func (l *listFile) write(heading string, n int, item func(i int) string) error {
	if err := l.open(); err != nil {
		return err
	}
	fmt.Fprintln(l.w, heading)
	for i := range n {
		fmt.Fprintln(l.w, item(i))
	}
	fmt.Fprintln(l.w)
	return l.w.Flush() // before the output says the list is there
}

// close ends the file; each list was flushed when written, so a failure to write
// one was told in its place.
func (l *listFile) close() error {
	if l == nil || l.f == nil {
		return nil
	}
	return l.f.Close()
}

// printList prints a list an import tells the lead about: its heading (which says
// how many), the first shownOfList items (item(i) is the i-th line, indented), and,
// when there are more, where all of them are listed. held is how many items the
// import kept: fewer than total when it keeps only the first of a long list (the
// store's lists stop at a few hundred), and the file then says so.
func (fl importFlags) printList(w io.Writer, heading string, total, held int, item func(i int) string) {
	if heading != "" { // a dry run's changes follow the summary line, which says how many
		fmt.Fprintln(w, heading)
	}
	for i := range min(held, shownOfList) {
		fmt.Fprintln(w, item(i))
	}
	if total <= shownOfList {
		return
	}
	more := fmt.Sprintf("  and %d more", total-min(held, shownOfList))
	if held <= shownOfList || fl.lists == nil {
		fmt.Fprintln(w, more)
		return
	}
	fileHeading := heading
	if fileHeading == "" {
		fileHeading = "the changes:"
	}
	if held < total {
		fileHeading += fmt.Sprintf(" (the first %d of %d: the import keeps no more)", held, total)
	}
	if err := fl.lists.write(fileHeading, held, item); err != nil {
		fmt.Fprintf(w, "%s (the whole list was not written: %v)\n", more, err)
		return
	}
	all := fmt.Sprintf("all %d listed in %s", total, fl.lists.path)
	if held < total {
		all = fmt.Sprintf("the first %d listed in %s", held, fl.lists.path)
	}
	fmt.Fprintf(w, "%s: %s\n", more, all)
}
