// Package bundle writes and opens ChapterDesk hand-off bundles: one file that carries
// a chapter's whole database and its settings to the next lead's laptop, optionally
// locked with a passphrase.
//
// The format, version 1, is a gzip-compressed tar holding exactly two files, in this
// order:
//
//	manifest.json    the Manifest: format "chapterdesk-bundle", version 1, when and by
//	                 which ChapterDesk it was made, the chapter's name and contact, and
//	                 the size, SHA-256 and per-table digests of the database
//	chapterdesk.db   a consistent copy of the database (VACUUM INTO)
//
// With a passphrase, the whole tar.gz is encrypted with age (age-encryption.org/v1)
// to an scrypt recipient, and the file starts with "age-encryption.org/v1". Any age
// tool opens it: `age -d bundle.cdbundle | tar -xz`.
package bundle

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"filippo.io/age"

	"github.com/chapterdesk/chapterdesk/db"
)

// Sentinel errors callers test with errors.Is.
var (
	// ErrNotBundle: the file is not a ChapterDesk bundle (or is cut short or damaged).
	ErrNotBundle = errors.New("not a ChapterDesk bundle")
	// ErrNeedsPassphrase: the bundle is locked and no passphrase was given.
	ErrNeedsPassphrase = errors.New("the bundle is locked with a passphrase")
	// ErrWrongPassphrase: the passphrase given does not open the bundle.
	ErrWrongPassphrase = errors.New("the passphrase does not open this bundle")
	// ErrDamagedCopy: Export's copy of the database failed the full check; nothing
	// was written.
	ErrDamagedCopy = errors.New("the copy of the database failed SQLite's full check")
	// ErrExists: Open never overwrites a file.
	ErrExists = errors.New("already exists")
)

const (
	formatName    = "chapterdesk-bundle"
	formatVersion = 1
	manifestName  = "manifest.json"
	dbName        = "chapterdesk.db"
	ageHeader     = "age-encryption.org/v1"
)

// Manifest describes a bundle: the first file in it.
type Manifest struct {
	Format        string            `json:"format"`  // always "chapterdesk-bundle"
	Version       int               `json:"version"` // of the bundle format: 1
	CreatedAt     time.Time         `json:"created_at"`
	AppVersion    string            `json:"app_version,omitempty"`
	SchemaVersion int               `json:"schema_version"`
	Chapter       Chapter           `json:"chapter"`
	DBSize        int64             `json:"db_size"`
	DBSHA256      string            `json:"db_sha256"`
	Tables        map[string]string `json:"tables"` // db.Store.TableDigests of the copy
}

// Chapter is the chapter's profile as the next lead first sees it.
type Chapter struct {
	Name        string `json:"name"`
	State       string `json:"state,omitempty"`
	ContactName string `json:"contact_name,omitempty"`
	Email       string `json:"email,omitempty"`
	Phone       string `json:"phone,omitempty"`
	Website     string `json:"website,omitempty"`
	Address     string `json:"address,omitempty"`
}

// Options tune Export and Open.
type Options struct {
	// Passphrase locks the bundle (Export) or opens it (Open); "" for none.
	Passphrase string
	// AppVersion is written into the manifest.
	AppVersion string
	// WorkFactor is scrypt's cost (log2 N) for Export; 0 means age's default, 18,
	// about a second on a laptop. Only tests lower it.
	WorkFactor int
}

// Export writes a bundle of the store's database to out, mode 0600, through a
// temporary file renamed into place; out must not exist. It works while the app has
// the database open.
func Export(ctx context.Context, s *db.Store, out string, opts Options) (Manifest, error) {
	m, err := export(ctx, s, out, opts)
	if err != nil {
		return Manifest{}, fmt.Errorf("export bundle %s: %w", out, err)
	}
	return m, nil
}

func export(ctx context.Context, s *db.Store, out string, opts Options) (Manifest, error) {
	if _, err := os.Lstat(out); err == nil {
		return Manifest{}, fmt.Errorf("the file %w", ErrExists)
	}
	// The plain copy of the database never goes near the destination (a USB stick, a
	// shared folder): it is written in a private folder of its own (0700) in the
	// system's temporary folder, removed when the export ends, is interrupted or is
	// stopped by a signal; the next start takes what a kill left (db.RemoveDeadTemps: the
	// folder is recorded while this process runs, so a running export's is never taken).
	work, err := db.MkdirTemp("", workPrefix+"*") // mode 0700
	if err != nil {
		return Manifest{}, err
	}
	defer os.RemoveAll(work)
	snap := filepath.Join(work, dbName)
	if err := s.Backup(ctx, snap); err != nil {
		return Manifest{}, err
	}
	// A bundle is the hand-off, often made just before the old laptop is wiped: the
	// copy is checked in full here, as backup checks its copy, not first by the next
	// lead's bundle open.
	r, err := db.FullCheck(ctx, snap)
	if err != nil {
		return Manifest{}, err
	}
	if !r.Intact() {
		return Manifest{}, fmt.Errorf("%w (%s)", ErrDamagedCopy, r.Problems[0])
	}
	m, err := describe(ctx, snap, opts.AppVersion)
	if err != nil {
		return Manifest{}, err
	}
	// Beside the destination only the bundle itself is written (locked, when there is
	// a passphrase), under a temporary name linked into place when complete.
	tmp, err := db.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.tmp") // mode 0600
	if err != nil {
		return Manifest{}, err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	if err := write(ctx, tmp, snap, m, opts); err != nil {
		return Manifest{}, err
	}
	if err := tmp.Sync(); err != nil {
		return Manifest{}, err
	}
	if err := tmp.Close(); err != nil {
		return Manifest{}, err
	}
	// A hard link publishes the finished file without replacing one that appeared
	// meanwhile.
	if err := os.Link(tmp.Name(), out); err != nil {
		if errors.Is(err, os.ErrExist) {
			return Manifest{}, fmt.Errorf("the file %w", ErrExists)
		}
		return Manifest{}, err
	}
	return m, nil
}

// workPrefix names the private folders (in os.TempDir) that hold a bundle's plain
// database while it is written.
const workPrefix = "chapterdesk-bundle-"

// describe reads the snapshot's chapter, digests, size and hash for the manifest.
func describe(ctx context.Context, snap, appVersion string) (Manifest, error) {
	m := Manifest{Format: formatName, Version: formatVersion, CreatedAt: time.Now().UTC().Truncate(time.Second),
		AppVersion: appVersion, SchemaVersion: db.SchemaVersion()}
	s, err := db.Open(ctx, snap, db.Options{ReadOnly: true})
	if err != nil {
		return m, err
	}
	defer s.Close()
	c, err := s.SelfChapter(ctx)
	if err != nil {
		return m, err
	}
	m.Chapter = Chapter{Name: c.Name, State: c.State, ContactName: c.ContactName, Email: c.Email, Phone: c.Phone,
		Website: c.Website, Address: c.Address}
	if m.Tables, err = s.TableDigests(ctx); err != nil {
		return m, err
	}
	f, err := os.Open(snap)
	if err != nil {
		return m, err
	}
	defer f.Close()
	h := sha256.New()
	if m.DBSize, err = io.Copy(h, f); err != nil {
		return m, err
	}
	m.DBSHA256 = hex.EncodeToString(h.Sum(nil))
	return m, nil
}

// write streams the bundle into w: tar in gzip, in age when there is a passphrase.
// It stops when ctx is done.
func write(ctx context.Context, w io.Writer, snap string, m Manifest, opts Options) error {
	var enc io.WriteCloser = nopCloser{w}
	if opts.Passphrase != "" {
		r, err := age.NewScryptRecipient(opts.Passphrase)
		if err != nil {
			return err
		}
		if opts.WorkFactor != 0 {
			r.SetWorkFactor(opts.WorkFactor)
		}
		if enc, err = age.Encrypt(w, r); err != nil {
			return err
		}
	}
	zw := gzip.NewWriter(enc)
	tw := tar.NewWriter(zw)
	man, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if err := tw.WriteHeader(&tar.Header{Name: manifestName, Mode: 0o600, Size: int64(len(man)), ModTime: m.CreatedAt}); err != nil {
		return err
	}
	if _, err := tw.Write(man); err != nil {
		return err
	}
	f, err := os.Open(snap)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := tw.WriteHeader(&tar.Header{Name: dbName, Mode: 0o600, Size: m.DBSize, ModTime: m.CreatedAt}); err != nil {
		return err
	}
	if _, err := io.Copy(tw, ctxReader{ctx, f}); err != nil {
		return err
	}
	for _, c := range []io.Closer{tw, zw, enc} {
		if err := c.Close(); err != nil {
			return err
		}
	}
	return nil
}

// ctxReader stops a copy when its context is done.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// Locked reports whether the bundle at path needs a passphrase, so a caller can ask for
// one only when it does. A file that is not a bundle is ErrNotBundle.
func Locked(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	_, locked, err := detect(bufio.NewReader(f))
	return locked, err
}

// detect looks at a bundle's first bytes: age's header (locked) or gzip's magic.
func detect(br *bufio.Reader) (*bufio.Reader, bool, error) {
	head, _ := br.Peek(len(ageHeader))
	switch {
	case bytes.Equal(head, []byte(ageHeader)):
		return br, true, nil
	case len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b:
		return br, false, nil
	}
	return br, false, ErrNotBundle
}
