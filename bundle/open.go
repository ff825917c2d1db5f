package bundle

import (
	"archive/tar"
	"bufio"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"strings"

	"filippo.io/age"

	"github.com/chapterdesk/chapterdesk/db"
)

// Open unpacks the bundle at in into a new database file dest (mode 0600), which
// must not exist: a bundle never overwrites a chapter's data. The database is checked
// (its SHA-256, SQLite's integrity check, and its tables' digests against the
// manifest) before it appears at dest. It returns the bundle's manifest.
func Open(ctx context.Context, in, dest string, opts Options) (Manifest, error) {
	m, err := open(ctx, in, dest, opts)
	if err != nil {
		return Manifest{}, fmt.Errorf("open bundle %s: %w", in, err)
	}
	return m, nil
}

func open(ctx context.Context, in, dest string, opts Options) (Manifest, error) {
	for _, p := range []string{dest, dest + "-wal"} {
		if _, err := os.Lstat(p); err == nil {
			return Manifest{}, fmt.Errorf("%s %w; choose a new file to open it into", p, ErrExists)
		}
	}
	f, err := os.Open(in)
	if err != nil {
		return Manifest{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return Manifest{}, err
	}
	r, err := plaintext(bufio.NewReader(f), opts.Passphrase)
	if err != nil {
		return Manifest{}, err
	}
	work, err := db.MkdirTemp(filepath.Dir(dest), ".bundle-*") // mode 0700, beside dest
	if err != nil {
		return Manifest{}, err
	}
	defer os.RemoveAll(work)
	tmp := filepath.Join(work, dbName)
	m, err := unpack(ctx, r, tmp, fi.Size())
	if err != nil {
		return Manifest{}, err
	}
	if err := db.CheckBackup(ctx, tmp); err != nil {
		return Manifest{}, fmt.Errorf("the database in it%w", withoutPath{err, tmp})
	}
	// Whatever the manifest says of its schema: the tables are always checked.
	if err := checkDigests(ctx, tmp, m); err != nil {
		return Manifest{}, err
	}
	if err := os.Link(tmp, dest); err != nil {
		if errors.Is(err, os.ErrExist) {
			return Manifest{}, fmt.Errorf("%s %w; choose a new file to open it into", dest, ErrExists)
		}
		return Manifest{}, err
	}
	return m, nil
}

// plaintext returns the bundle's tar.gz stream, decrypting a locked bundle.
func plaintext(br *bufio.Reader, passphrase string) (io.Reader, error) {
	br, locked, err := detect(br)
	if err != nil || !locked {
		return br, err
	}
	if passphrase == "" {
		return nil, ErrNeedsPassphrase
	}
	id, err := age.NewScryptIdentity(passphrase)
	if err != nil {
		return nil, err
	}
	r, err := age.Decrypt(br, id)
	switch {
	case errors.Is(err, age.ErrIncorrectIdentity):
		return nil, ErrWrongPassphrase
	case err != nil:
		return nil, fmt.Errorf("%w (%v)", ErrNotBundle, err)
	}
	return r, nil
}

// maxRatio is how many times its bundle's size a database may declare. gzip reaches
// about 1000:1 only on data made to compress (zeros); a chapter's database, names and
// phone numbers, compresses about 3:1 and an empty one about 20:1.
const maxRatio = 100

// ratioSlack lets a tiny bundle declare a small database whatever the ratio.
const ratioSlack = 16 << 20

// unpack reads the manifest and writes the database to tmp (mode 0600), checking its
// size and SHA-256. A stream cut short or altered is ErrNotBundle. The size the
// manifest declares is checked before anything is written, against the bundle's own
// size (bundleSize) and the free disk, and the copy never writes past it.
func unpack(ctx context.Context, r io.Reader, tmp string, bundleSize int64) (Manifest, error) {
	var m Manifest
	zr, err := gzip.NewReader(r)
	if err != nil {
		return m, fmt.Errorf("%w (%v)", ErrNotBundle, err)
	}
	tr := tar.NewReader(zr)
	h, err := tr.Next()
	if err != nil || h.Name != manifestName || h.Size > 1<<20 {
		return m, fmt.Errorf("%w (no manifest)", ErrNotBundle)
	}
	if err := json.NewDecoder(tr).Decode(&m); err != nil || m.Format != formatName {
		return m, fmt.Errorf("%w (unreadable manifest)", ErrNotBundle)
	}
	if m.Version > formatVersion {
		return m, fmt.Errorf("it was made by a newer ChapterDesk (bundle format %d); update ChapterDesk to open it", m.Version)
	}
	h, err = tr.Next()
	if err != nil || h.Name != dbName || h.Size != m.DBSize || m.DBSize <= 0 {
		return m, fmt.Errorf("%w (no database)", ErrNotBundle)
	}
	if m.DBSize > maxRatio*bundleSize+ratioSlack {
		return m, fmt.Errorf("%w (a %s bundle declares a %s database: more than it can hold)", ErrNotBundle,
			humanSize(bundleSize), humanSize(m.DBSize))
	}
	if free, ok := db.FreeSpace(filepath.Dir(tmp)); ok && m.DBSize > free {
		return m, fmt.Errorf("the database in it needs %s and the disk has %s free; nothing was written",
			humanSize(m.DBSize), humanSize(free))
	}
	out, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return m, err
	}
	defer out.Close()
	sum := sha256.New()
	n, err := io.Copy(io.MultiWriter(out, sum), io.LimitReader(ctxReader{ctx, tr}, m.DBSize+1))
	if err != nil {
		if ctx.Err() != nil {
			return m, ctx.Err()
		}
		return m, fmt.Errorf("%w (cut short or damaged: %v)", ErrNotBundle, err)
	}
	if n != m.DBSize {
		return m, fmt.Errorf("%w (the database is not the size its manifest says)", ErrNotBundle)
	}
	if hex.EncodeToString(sum.Sum(nil)) != m.DBSHA256 {
		return m, fmt.Errorf("%w (the database does not match its checksum)", ErrNotBundle)
	}
	if err := out.Sync(); err != nil {
		return m, err
	}
	return m, out.Close()
}

// checkDigests compares the unpacked database's schema version and tables with the
// manifest's, for every schema version (a manifest claiming an old schema must not
// skip the check).
func checkDigests(ctx context.Context, path string, m Manifest) error {
	schema, got, err := db.FileDigests(ctx, path)
	if err != nil {
		return err
	}
	if schema != m.SchemaVersion {
		return fmt.Errorf("%w (its manifest says schema %d, the database is schema %d)", ErrNotBundle, m.SchemaVersion, schema)
	}
	if !maps.Equal(got, m.Tables) {
		return fmt.Errorf("%w (its tables differ from the manifest)", ErrNotBundle)
	}
	return nil
}

// humanSize is a byte count as a person reads it.
func humanSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}

// withoutPath drops from an error the path of the working copy it names (CheckBackup
// names the file it checked), a folder that is gone when the lead reads the message:
// "the database in it is damaged (...)".
type withoutPath struct {
	err  error
	path string
}

func (w withoutPath) Error() string { return strings.ReplaceAll(w.err.Error(), w.path, "") }
func (w withoutPath) Unwrap() error { return w.err }
