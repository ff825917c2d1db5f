//go:build unix

package main

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestExportWritesIntoWhatIsThere: an export (export volunteers and calls, report's
// workbook) to a name that is a symbolic link, a FIFO or a character device writes
// into it; the tester's exports replaced each with a regular file (run as root, even
// /dev/stdout). A link to a file has the file replaced in its own folder and stays a
// link; a FIFO and a device are written straight into; a link that leads nowhere is
// refused with why. No test here touches the real /dev/stdout.
func TestExportWritesIntoWhatIsThere(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.db")
	if code, out, errOut := chapterdesk(t, "demo", "--volunteers", "20", "--calls", "40", "--db", path); code != 0 {
		t.Fatalf("demo: exit %d %s%s", code, out, errOut)
	}
	isLink := func(t *testing.T, name string) {
		t.Helper()
		if st, err := os.Lstat(name); err != nil || st.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link: %v, %v", name, st.Mode(), err)
		}
	}
	noTemp := func(t *testing.T, folders ...string) {
		t.Helper()
		for _, f := range folders {
			tmp, _ := filepath.Glob(filepath.Join(f, ".*.tmp"))
			if len(tmp) > 0 {
				t.Errorf("temporary files left: %q", tmp)
			}
		}
	}

	t.Run("a link to a file has the file written, in its own folder, and stays a link", func(t *testing.T) {
		real := filepath.Join(dir, "shared", "volunteers.csv")
		os.Mkdir(filepath.Dir(real), 0o700)
		if err := os.WriteFile(real, []byte("last week's\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		link := filepath.Join(dir, "volunteers.csv")
		if err := os.Symlink(filepath.Join("shared", "volunteers.csv"), link); err != nil {
			t.Fatal(err)
		}
		if code, out, errOut := chapterdesk(t, "export", "volunteers", link, "--db", path); code != 0 {
			t.Fatalf("exit %d %s%s", code, out, errOut)
		}
		isLink(t, link)
		if b, _ := os.ReadFile(real); !strings.Contains(string(b), "first_name") || strings.Contains(string(b), "last week's") {
			t.Errorf("the file the link leads to: %.80q", b)
		}
		noTemp(t, dir, filepath.Dir(real))
	})
	t.Run("a link to a character device is written into and stays a link", func(t *testing.T) {
		link := filepath.Join(dir, "null.xlsx")
		if err := os.Symlink(os.DevNull, link); err != nil {
			t.Fatal(err)
		}
		if code, out, errOut := chapterdesk(t, "report", link, "--all", "--db", path); code != 0 {
			t.Fatalf("exit %d %s%s", code, out, errOut)
		}
		isLink(t, link)
		if st, err := os.Stat(os.DevNull); err != nil || st.Mode()&fs.ModeCharDevice == 0 {
			t.Errorf("%s: %v %v", os.DevNull, st.Mode(), err)
		}
		noTemp(t, dir)
	})
	t.Run("a FIFO is written straight into and stays a FIFO", func(t *testing.T) {
		fifo := filepath.Join(dir, "calls.fifo")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Fatal(err)
		}
		got := make(chan string, 1)
		go func() {
			f, err := os.Open(fifo) // waits for the export to open it
			if err != nil {
				got <- err.Error()
				return
			}
			defer f.Close()
			b, _ := io.ReadAll(f)
			got <- string(b)
		}()
		code, out, errOut := chapterdesk(t, "export", "calls", fifo, "--db", path)
		if code != 0 {
			// Unblock the reader, which waits for a writer.
			if f, err := os.OpenFile(fifo, os.O_WRONLY, 0); err == nil {
				f.Close()
			}
			t.Fatalf("exit %d %s%s (read %.80q)", code, out, errOut, <-got)
		}
		noTemp(t, dir)
		if st, err := os.Lstat(fifo); err != nil || st.Mode()&fs.ModeNamedPipe == 0 {
			t.Fatalf("%s is no longer a FIFO: %v %v", fifo, st.Mode(), err) // its reader waits for ever
		}
		select {
		case text := <-got:
			if strings.Count(text, "\n") < 41 {
				t.Errorf("read from the FIFO: %d lines, %.80q", strings.Count(text, "\n"), text)
			}
		case <-time.After(10 * time.Second):
			t.Error("nothing was written into the FIFO")
		}
	})
	t.Run("a link that leads nowhere is refused with why, and stays", func(t *testing.T) {
		link := filepath.Join(dir, "gone.csv")
		if err := os.Symlink(filepath.Join(dir, "no such folder", "calls.csv"), link); err != nil {
			t.Fatal(err)
		}
		code, _, errOut := chapterdesk(t, "export", "calls", link, "--db", path)
		if code == 0 || !strings.Contains(errOut, "is a symbolic link that leads to no file") {
			t.Errorf("exit %d, %q", code, errOut)
		}
		isLink(t, link)
	})
}
