package db

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Backup writes a consistent copy of the database to dest (VACUUM INTO: one snapshot,
// even while the app writes), readable only by its owner. dest must not exist.
//
// On a server it writes the chapter as an ordinary ChapterDesk data file.
func (s *Store) Backup(ctx context.Context, dest string) error {
	if s.server != nil {
		return s.backupServer(ctx, dest)
	}
	abs, err := filepath.Abs(dest)
	if err != nil {
		return fmt.Errorf("backup to %s: %w", dest, err)
	}
	if err := vacuumInto(ctx, s.path, abs); err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("backup to %s: the file already exists", abs)
		}
		return fmt.Errorf("backup to %s: %w", abs, err)
	}
	return nil
}

// CheckBackup opens a file read-only and says whether it can be restored: an SQLite
// file, a ChapterDesk database, intact, and not from a newer version.
func CheckBackup(ctx context.Context, path string) error {
	if err := inspect(ctx, path, false); err != nil {
		return err
	}
	c, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return err
	}
	defer c.Close()
	var check string
	if err := c.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&check); err != nil {
		return fmt.Errorf("%s: %w (%v)", path, ErrNotDatabase, err)
	}
	if check != "ok" {
		return fmt.Errorf("%s %w (integrity check: %s)", path, ErrDamaged, check)
	}
	var tables int
	if err := c.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'volunteers'`).Scan(&tables); err != nil || tables == 0 {
		return fmt.Errorf("%s: %w (it holds no chapter)", path, ErrNotDatabase)
	}
	return nil
}

// ErrOtherChapter: the backup is another chapter's file; a *OtherChapterError names both.
var ErrOtherChapter = errors.New("is another chapter's file")

// OtherChapterError is Restore's refusal of a backup whose chapter (by its UUID) is
// not the chapter of the file it would replace: restoring it puts another chapter's
// roster in place of this one's, which a lead does only on purpose.
type OtherChapterError struct {
	Backup, Path   string
	Other, Current string // the chapters' names
}

func (e *OtherChapterError) Error() string {
	return fmt.Sprintf("%s %v: it holds the chapter %q, and %s holds %q; nothing was restored "+
		"(restore it all the same only if %q is to replace %q)", e.Backup, ErrOtherChapter, e.Other, e.Path, e.Current, e.Other, e.Current)
}

// Is lets errors.Is(err, ErrOtherChapter) hold.
func (e *OtherChapterError) Is(target error) bool { return target == ErrOtherChapter }

// selfChapterOf reads the UUID and name of the chapter that owns the closed file at
// abs, reading only; ok is false when they cannot be read (a damaged file: then its
// restore is not to be stood in the way of).
func selfChapterOf(ctx context.Context, abs string) (uuid, name string, ok bool) {
	c, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		return "", "", false
	}
	defer c.Close()
	err = c.QueryRowContext(ctx, `SELECT uuid, name FROM chapters WHERE is_self = 1`).Scan(&uuid, &name)
	return uuid, name, err == nil
}

// Restore replaces the database at path with a checked backup. The file being replaced
// is first copied into the backups folder beside it, so a restore can itself be taken
// back. A backup of another chapter than the file's is refused (*OtherChapterError)
// unless otherChapter says the lead means it. No other ChapterDesk may have the file
// open.
func Restore(ctx context.Context, path, backup string, otherChapter bool) (kept string, err error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	src, err := filepath.Abs(backup)
	if err != nil {
		return "", err
	}
	if src == abs {
		return "", fmt.Errorf("%s is the data file itself", backup)
	}
	if err := CheckBackup(ctx, src); err != nil {
		return "", err
	}
	if !otherChapter {
		other, otherName, ok := selfChapterOf(ctx, src)
		current, currentName, okCurrent := selfChapterOf(ctx, abs)
		if ok && okCurrent && other != current {
			return "", &OtherChapterError{Backup: backup, Path: path, Other: otherName, Current: currentName}
		}
	}
	writer, err := acquireWriter(abs)
	if err != nil {
		return "", err
	}
	defer writer.release()
	var lock *sqliteLock // nil when there is no file to replace
	if _, err := os.Stat(abs); err == nil {
		// The file kept is the file as it stands: an import stopped half way is
		// played back first, as an open for writing does.
		if err := rollBackHotJournal(ctx, abs); err != nil {
			return "", fmt.Errorf("keep the current file: %w", err)
		}
		// ChapterDesk's own lock keeps other ChapterDesks out, not other programs
		// (sqlite3, a script): SQLite's write lock, held from before the copy is kept
		// until the file is replaced, lets no commit of theirs land in the file
		// replaced, after the copy kept of it.
		l, err := sqliteWriteLock(ctx, abs)
		if err != nil {
			return "", err
		}
		defer l.release()
		if err := l.openElsewhere(abs); err != nil {
			return "", err
		}
		lock = l
		dir := filepath.Join(filepath.Dir(abs), "backups")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", fmt.Errorf("keep the current file: %w", err)
		}
		kept = filepath.Join(dir, strings.TrimSuffix(filepath.Base(abs), ".db")+"-before-restore-"+
			time.Now().Format("20060102-150405")+".db")
		if err := vacuumInto(ctx, abs, kept); err != nil {
			// A damaged file cannot be read whole; it is kept byte for byte, as the
			// restore is what replaces it.
			if !isCorrupt(err) {
				return "", fmt.Errorf("keep the current file: %w", err)
			}
			if err := copyDBFiles(abs, kept); err != nil {
				return "", fmt.Errorf("keep the current file: %w", err)
			}
		}
	}
	tmp := abs + ".restoring"
	removeDBFiles(tmp)
	if err := vacuumInto(ctx, src, tmp); err != nil {
		removeDBFiles(tmp)
		return kept, fmt.Errorf("copy %s: %w", backup, err)
	}
	if beforeRestoreRename != nil {
		beforeRestoreRename()
	}
	// Asked again under the lock: a program that opened the file since would wait
	// for the lock and then commit to the file replaced.
	if lock != nil {
		if err := lock.openElsewhere(abs); err != nil {
			removeDBFiles(tmp)
			os.Remove(kept)
			return "", err
		}
	}
	if err := putInPlace(tmp, abs); err != nil {
		removeDBFiles(tmp)
		return kept, err
	}
	// Held until the restored file is in place: a commit waiting for it goes to the
	// restored file, as the other program sees it, never to the one replaced.
	if lock != nil {
		lock.release()
	}
	// The backup passed the full check: the file restored from it is intact, and
	// whatever a check had found in the file it replaced is gone with it.
	if err := RecordCheck(CheckReport{Path: abs, At: time.Now()}); err != nil {
		return kept, err
	}
	return kept, sealFile(abs)
}

// putInPlace puts the closed, checkpointed database file tmp in the place of abs,
// synced first, so a crash leaves the one or the other whole; abs's -wal, -shm and
// -journal go first, as none may meet the new file.
func putInPlace(tmp, abs string) error {
	if err := syncFile(tmp); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		os.Remove(abs + suffix)
	}
	if err := os.Rename(tmp, abs); err != nil {
		return err
	}
	os.Remove(lockPath(tmp))
	return nil
}

// copyDBFiles copies a database file and its WAL, as they are, to dest (and
// dest-wal), mode 0600; dest must not exist.
func copyDBFiles(src, dest string) error {
	for _, suffix := range []string{"", "-wal"} {
		err := copyFile(src+suffix, dest+suffix)
		if errors.Is(err, os.ErrNotExist) && suffix != "" {
			continue
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// copyFile copies the file src to dest, which must not exist (mode 0600).
func copyFile(src, dest string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// vacuumInto copies the database at src to dest (which must not exist) with mode 0600.
// The copy is written under a temporary name beside dest and linked into place once
// complete and synced, so a crash or a kill leaves dest absent or whole, never half
// written. It reads on a connection of its own: mode=ro, but without the readers'
// query_only, which forbids VACUUM INTO.
func vacuumInto(ctx context.Context, src, dest string) error {
	if _, err := os.Lstat(dest); err == nil {
		return fmt.Errorf("%s: %w", dest, os.ErrExist)
	}
	f, err := CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".incomplete-*") // mode 0600
	if err != nil {
		return err
	}
	tmp := f.Name()
	f.Close()
	defer os.Remove(tmp)
	c, err := sql.Open("sqlite", fileURI(src)+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		return err
	}
	if err := syncFile(tmp); err != nil {
		return err
	}
	// A link, unlike a rename, never replaces a file that appeared meanwhile.
	return os.Link(tmp, dest)
}

// TableDigests returns, per table, its row count and a SHA-256 of its rows in key
// order: two files with equal digests hold the same data. Backup and restore tests and
// the hand-off check compare them.
func (s *Store) TableDigests(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	err := s.readTx(ctx, func(tx *sql.Tx) error {
		tables, err := strings1(ctx, tx, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
		if err != nil {
			return err
		}
		for _, t := range tables {
			rows, err := tx.QueryContext(ctx, `SELECT * FROM "`+t+`" ORDER BY 1, 2`)
			if err != nil {
				return err
			}
			cols, _ := rows.Columns()
			h := sha256.New()
			n := 0
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			for rows.Next() {
				if err := rows.Scan(ptrs...); err != nil {
					rows.Close()
					return err
				}
				fmt.Fprintf(h, "%v\x00", vals)
				n++
			}
			rows.Close()
			out[t] = fmt.Sprintf("%d %s", n, hex.EncodeToString(h.Sum(nil))[:16])
		}
		return nil
	})
	return out, err
}

// Automatic backups live in a "backups" folder beside the data file.
const (
	keepPreMigration = 3
	keepDaily        = 7
)

// BackupsDir is the folder of the automatic backups of the database at path.
func BackupsDir(path string) string { return filepath.Join(filepath.Dir(path), "backups") }

// autoBackup copies the database into the backups folder under a name made of the
// file's name, the kind of backup and a stamp, checks the copy in full (CheckCopy),
// then keeps only the newest keep of that kind. A copy that fails its check is kept
// under a "damaged" name, which never counts toward keep, so rotation never deletes
// the newest good backup for a bad one. It returns the copy's path.
func autoBackup(ctx context.Context, path, kind, stamp string, keep int) (string, error) {
	dest, made, err := copyToBackups(ctx, path, kind, stamp)
	if err != nil || !made {
		return dest, err
	}
	if dest, err = CheckCopy(ctx, dest); err != nil {
		return dest, err
	}
	rotate(path, kind, keep)
	return dest, nil
}

// copyToBackups writes the copy of autoBackup without checking it; made is false
// when that backup was already there.
func copyToBackups(ctx context.Context, path, kind, stamp string) (dest string, made bool, err error) {
	dir := BackupsDir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", false, err
	}
	prefix := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + "-" + kind + "-"
	dest = filepath.Join(dir, prefix+stamp+".db")
	if _, err := os.Stat(dest); err == nil {
		return dest, false, nil
	}
	if err := vacuumInto(ctx, path, dest); err != nil {
		return "", false, err
	}
	return dest, true, nil
}

// rotate keeps the newest keep backups of a kind. Damaged copies carry another
// prefix and are not among them.
func rotate(path, kind string, keep int) {
	prefix := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + "-" + kind + "-"
	old, err := filepath.Glob(filepath.Join(BackupsDir(path), prefix+"*.db"))
	if err != nil {
		return
	}
	// Stamps sort as text, oldest first.
	for len(old) > keep {
		os.Remove(old[0])
		forgetBackupCheck(old[0])
		old = old[1:]
	}
}

// DailyBackup makes today's backup if there is none yet, checks it, and keeps the
// last seven good days'. The app calls it when it starts. It returns the path of
// today's backup (made earlier today, or now); a copy that fails its check is
// kept under a damaged name and reported as an ErrDamaged error.
func (s *Store) DailyBackup(ctx context.Context, now time.Time) (string, error) {
	if d := s.Damaged(); d != nil {
		// A copy of a file known damaged would count among the seven and push a
		// good one out.
		return "", fmt.Errorf("daily backup: %w", d)
	}
	dest, err := autoBackup(ctx, s.path, "daily", now.Format("20060102"), keepDaily)
	if err != nil {
		return dest, fmt.Errorf("daily backup: %w", err)
	}
	return dest, nil
}

// restoreLockWaitMs is how long Restore waits for another program's SQLite write lock
// on the file it replaces.
var restoreLockWaitMs = 5000

// beforeRestoreRename, set by tests, runs just before Restore renames the restored
// copy into place.
var beforeRestoreRename func()

// sqliteLock is SQLite's write lock on a data file, held by Restore from before the
// copy of the file is kept until the restored file is in its place.
type sqliteLock struct {
	c    *sql.DB
	conn *sql.Conn
	tx   *sql.Tx
	// shm is the file's -shm, open to ask who else has the file open. It is closed
	// only after the lock's connection: closing a descriptor drops every POSIX lock
	// this process holds on the file, SQLite's write lock among them.
	shm  *os.File
	once sync.Once
}

// sqliteWriteLock takes SQLite's write lock on the file at abs (BEGIN IMMEDIATE). It
// refuses when another program keeps the lock past restoreLockWaitMs.
func sqliteWriteLock(ctx context.Context, abs string) (*sqliteLock, error) {
	c, err := sql.Open("sqlite", fileURI(abs)+fmt.Sprintf("?_pragma=busy_timeout(%d)&_txlock=immediate", restoreLockWaitMs))
	if err != nil {
		return nil, err
	}
	c.SetMaxOpenConns(1)
	l := &sqliteLock{c: c}
	if l.conn, err = c.Conn(ctx); err == nil {
		// Closed after the rename, the connection must not delete the -wal and -shm
		// it finds by name: they are the restored file's by then.
		err = l.conn.Raw(func(dc any) error {
			_, err := dc.(interface {
				FileControlPersistWAL(string, int) (int, error)
			}).FileControlPersistWAL("main", 1)
			return err
		})
	}
	if err == nil {
		l.tx, err = l.conn.BeginTx(ctx, nil)
	}
	if err != nil {
		l.release()
		if strings.Contains(err.Error(), "locked") || strings.Contains(err.Error(), "busy") {
			return nil, fmt.Errorf("%s is in use by another program, which is writing to it (it holds SQLite's write lock); "+
				"close that program and restore again; nothing was changed", abs)
		}
		return nil, fmt.Errorf("keep the current file: %w", err)
	}
	l.shm, _ = os.Open(abs + "-shm") // made by the BEGIN above
	return l, nil
}

// openElsewhere refuses when another program has the file open: it would go on
// reading and writing the file replaced, its commits lost, and when it closes it
// would delete the restored file's -wal by name.
func (l *sqliteLock) openElsewhere(abs string) error {
	if l.shm != nil && shmOpenElsewhere(l.shm) {
		return fmt.Errorf("%s is open in another program (sqlite3, a script, a database browser); its changes "+
			"would go to the file being replaced and be lost: close it and restore again; nothing was changed", abs)
	}
	return nil
}

// release lets the lock go (safe to call twice).
func (l *sqliteLock) release() {
	l.once.Do(func() {
		if l.tx != nil {
			l.tx.Rollback()
		}
		if l.conn != nil {
			l.conn.Close()
		}
		l.c.Close()
		if l.shm != nil {
			l.shm.Close()
		}
	})
}
