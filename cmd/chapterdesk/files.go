package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/chapterdesk/chapterdesk/db"
)

// writeFileAtomic writes a file through a temporary one beside it, renamed into
// place only when complete: a crash or an error never leaves half a file under the
// name asked for. The file is readable only by its owner (it may hold the roster).
// What is already at path decides where the writing goes (see writeTarget): a
// rename must never put a regular file in place of a symbolic link, a FIFO or a
// device such as /dev/stdout (run as root, an export to /dev/stdout so replaced it).
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	target, stream, err := writeTarget(path)
	if err != nil {
		return err
	}
	if stream {
		return writeInto(path, write)
	}
	if target != path {
		return writeFileAtomic(target, write)
	}
	if err := folderThere(path); err != nil {
		return err
	}
	tmp, err := db.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<20)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	return nil
}

// folderThere refuses a file to write in a folder that does not exist, naming the
// folder (the error of the temporary file written first would name that file).
func folderThere(path string) error {
	if dir := filepath.Dir(path); dir != "." {
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("cannot write %s: there is no folder %s", path, dir)
		}
	}
	return nil
}

// writeTarget says where a write to path goes. Nothing there, or a regular file:
// path itself, replaced atomically. A symbolic link to a regular file: the file it
// resolves to (target), replaced atomically in its own folder, so the link stays a
// link. A FIFO or a character device (a terminal, /dev/null, /dev/stdout, which is a
// link the kernel resolves to one, or to a pipe): stream, to be written straight
// into, since a rename would replace it. Anything else is refused with why: a folder,
// a link that leads nowhere, a socket or a block device.
func writeTarget(path string) (target string, stream bool, err error) {
	link, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return path, false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	// Stat follows the links as opening the file would, /proc's links to pipes
	// included, which no path resolves.
	st, err := os.Stat(path)
	if err != nil {
		return "", false, fmt.Errorf("cannot write %s: it is a symbolic link that leads to no file (%v); give the file itself", path, unwrapPath(err))
	}
	switch mode := st.Mode(); {
	case mode.IsDir():
		return "", false, fmt.Errorf("cannot write %s: it is a folder; give the name of a file to write", path)
	case mode&(fs.ModeNamedPipe|fs.ModeCharDevice) != 0:
		return path, true, nil
	case !mode.IsRegular():
		return "", false, fmt.Errorf("cannot write %s: it is not a regular file (%s), and it would be replaced; give the name of a file to write",
			path, fileKind(mode))
	case link.Mode()&fs.ModeSymlink == 0:
		return path, false, nil
	}
	target, err = filepath.EvalSymlinks(path)
	if err != nil {
		return "", false, fmt.Errorf("cannot write %s: the symbolic link cannot be followed to its file (%v); give the file itself", path, unwrapPath(err))
	}
	return target, false, nil
}

// fileKind names what a file that is not a regular one is, for a refusal.
func fileKind(mode fs.FileMode) string {
	switch {
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeDevice != 0:
		return "a device"
	}
	return "mode " + mode.Type().String()
}

// writeInto writes straight into a FIFO or a character device, which has no folder
// to put a temporary file in and must not be replaced. What it is sent cannot be
// taken back: an error midway leaves what was written before it.
func writeInto(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	if err := write(bw); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, unwrapPath(err))
	}
	return nil
}
