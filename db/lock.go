package db

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// ErrInUse: another ChapterDesk (the app or a command) has the file open for writing.
var ErrInUse = errors.New("is open in another ChapterDesk")

// writerLock is the lock a writing process holds on "<database>.lock" while its store
// is open. The operating system releases it when the process ends, however it ends,
// so a crash never locks the lead out. The file says who holds it, for the message
// the next process shows.
type writerLock struct {
	f    *os.File
	desc string // who holds it, as written in the file
}

func lockPath(db string) string { return db + ".lock" }

// acquireWriter takes the writer lock for the database at abs, or says who has it.
func acquireWriter(abs string) (*writerLock, error) {
	// The lock file is written (who holds it): one that is a symbolic link would
	// overwrite the file it points to, so it is refused, by Lstat and, where the
	// system has it, by O_NOFOLLOW against a link made in between.
	if fi, err := os.Lstat(lockPath(abs)); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("lock %s: %s is not a regular file (a link?); remove it and try again", abs, lockPath(abs))
	}
	f, err := os.OpenFile(lockPath(abs), os.O_RDWR|os.O_CREATE|oNoFollow, 0o600)
	if err != nil {
		if isSymlinkErr(err) {
			return nil, fmt.Errorf("lock %s: %s is a link; remove it and try again", abs, lockPath(abs))
		}
		return nil, fmt.Errorf("lock %s: %w", abs, err)
	}
	if fi, err := f.Stat(); err == nil && !fi.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("lock %s: %s is not a regular file; remove it and try again", abs, lockPath(abs))
	}
	f.Chmod(0o600)
	if err := lockFileRetrying(f); err != nil {
		holder, _ := readHolder(f)
		f.Close()
		if errors.Is(err, errLocked) {
			return nil, inUse(abs, holder)
		}
		return nil, fmt.Errorf("lock %s: %w", abs, err)
	}
	host, _ := os.Hostname()
	l := &writerLock{f: f, desc: fmt.Sprintf("process %d on %s, since %s", os.Getpid(), host, time.Now().Format("2006-01-02 15:04"))}
	l.say("")
	return l, nil
}

func readHolder(f *os.File) (string, error) {
	buf := make([]byte, 200)
	n, err := f.ReadAt(buf, 0)
	if n > 0 {
		err = nil
	}
	return strings.TrimSpace(string(buf[:n])), err
}

// release gives the lock back. The lock file stays: removing it could let two
// processes each lock a different file of the same name.
func (l *writerLock) release() error {
	if l == nil || l.f == nil {
		return nil
	}
	unlockFile(l.f)
	err := l.f.Close()
	l.f = nil
	return err
}

// say writes who holds the lock into its file, with what it is doing (extra, after
// the holder), for the message another process shows.
func (l *writerLock) say(extra string) {
	if l == nil || l.f == nil {
		return
	}
	if err := l.f.Truncate(0); err == nil {
		l.f.WriteAt([]byte(l.desc+extra), 0)
	}
}

// lockFileRetrying is lockFile tried a few times over 20 ms: another process may be
// only looking whether the file is locked (lockedByOther takes the lock and gives it
// back at once), which must not pass for a writer holding it.
func lockFileRetrying(f *os.File) error {
	var err error
	for try := 0; try < 5; try++ {
		if err = lockFile(f); !errors.Is(err, errLocked) {
			return err
		}
		time.Sleep(5 * time.Millisecond)
	}
	return err
}

// inUse is ErrInUse for the database at abs, whose writer's lock holder holds.
func inUse(abs, holder string) error {
	if holder != "" {
		holder = " (" + holder + ")"
	}
	return fmt.Errorf("%s %w%s; close it there first", abs, ErrInUse, holder)
}

// lockHolder says whether the writer lock of the database at abs is held (by another
// process, or by a store of this one: the lock is taken per open file), and who holds
// it, as the holder wrote it.
func lockHolder(abs string) (string, bool) {
	if !lockedByOther(lockPath(abs)) {
		return "", false
	}
	f, err := os.Open(lockPath(abs))
	if err != nil {
		return "", true
	}
	defer f.Close()
	holder, _ := readHolder(f)
	return holder, true
}
