package bundle

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestOpenChecksTheDeclaredSize: a small bundle declaring a huge database (a gzip
// bomb) is refused before anything is written.
func TestOpenChecksTheDeclaredSize(t *testing.T) {
	dir := t.TempDir()
	in, dest := filepath.Join(dir, "bomb.cdbundle"), filepath.Join(dir, "new.db")
	const size = 64 << 20
	f, _ := os.Create(in)
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	tw := tar.NewWriter(zw)
	man, _ := json.Marshal(Manifest{Format: formatName, Version: formatVersion, DBSize: size, DBSHA256: strings.Repeat("0", 64)})
	tw.WriteHeader(&tar.Header{Name: manifestName, Mode: 0o600, Size: int64(len(man))})
	tw.Write(man)
	tw.WriteHeader(&tar.Header{Name: dbName, Mode: 0o600, Size: size})
	io.CopyN(tw, zeros{}, size)
	tw.Close()
	zw.Close()
	f.Close()
	largest := int64(0)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() { // the largest file written beside dest while Open runs
		defer close(done)
		for {
			filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
				if err == nil && !fi.IsDir() && p != in && fi.Size() > largest {
					largest = fi.Size()
				}
				return nil
			})
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
			}
		}
	}()
	_, err := Open(context.Background(), in, dest, Options{})
	close(stop)
	<-done
	if !errors.Is(err, ErrNotBundle) || !strings.Contains(err.Error(), "declares") {
		t.Errorf("err = %v", err)
	}
	if largest > 1<<20 {
		t.Errorf("wrote %d bytes before refusing", largest)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// TestOpenChecksTablesWhateverTheManifestSays: a manifest claiming an older schema
// does not skip the check of the tables against the manifest.
func TestOpenChecksTablesWhateverTheManifestSays(t *testing.T) {
	ctx := context.Background()
	s := chapter(t)
	dir := t.TempDir()
	snap := filepath.Join(dir, dbName)
	if err := s.Backup(ctx, snap); err != nil {
		t.Fatal(err)
	}
	m, err := describe(ctx, snap, "")
	if err != nil {
		t.Fatal(err)
	}
	// Someone takes people out of the file and keeps the manifest.
	c, _ := sql.Open("sqlite", "file:"+snap)
	if _, err := c.Exec(`PRAGMA foreign_keys = OFF; DELETE FROM volunteer_tags`); err != nil {
		t.Fatal(err)
	}
	c.Close()
	b, _ := os.ReadFile(snap)
	sum := sha256.Sum256(b)
	m.DBSize, m.DBSHA256 = int64(len(b)), hex.EncodeToString(sum[:])
	for _, schema := range []int{m.SchemaVersion, 1} {
		m.SchemaVersion = schema
		in := filepath.Join(dir, "tampered.cdbundle")
		os.Remove(in)
		f, _ := os.Create(in)
		if err := write(ctx, f, snap, m, Options{}); err != nil {
			t.Fatal(err)
		}
		f.Close()
		dest := filepath.Join(dir, "new.db")
		if _, err := Open(ctx, in, dest, Options{}); !errors.Is(err, ErrNotBundle) {
			t.Errorf("manifest schema %d: err = %v", schema, err)
		}
		if _, err := os.Stat(dest); err == nil {
			t.Errorf("manifest schema %d: opened into %s", schema, dest)
			os.Remove(dest)
		}
	}
}

// TestOpenOfADamagedDatabaseNamesNoTempPath: the refusal of a bundle whose database
// is damaged named the working copy ("../.bundle-568822961/chapterdesk.db"), a path
// that is gone by the time the lead reads it.
func TestOpenOfADamagedDatabaseNamesNoTempPath(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	snap := filepath.Join(dir, dbName)
	if err := chapter(t).Backup(ctx, snap); err != nil {
		t.Fatal(err)
	}
	// Enough rows that the file's second half holds a table leaf to damage.
	c, _ := sql.Open("sqlite", "file:"+snap)
	if _, err := c.Exec(`CREATE TABLE pad(id INTEGER PRIMARY KEY, x)`); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(`INSERT INTO pad(x) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 2000)
		SELECT randomblob(200) FROM n`); err != nil {
		t.Fatal(err)
	}
	c.Close()
	m, err := describe(ctx, snap, "")
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Corrupt(t, snap)
	b, _ := os.ReadFile(snap)
	sum := sha256.Sum256(b)
	m.DBSize, m.DBSHA256 = int64(len(b)), hex.EncodeToString(sum[:])
	in := filepath.Join(dir, "damaged.cdbundle")
	f, _ := os.Create(in)
	if err := write(ctx, f, snap, m, Options{}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, err = Open(ctx, in, filepath.Join(dir, "new.db"), Options{})
	if !errors.Is(err, db.ErrDamaged) || strings.Contains(err.Error(), ".bundle-") {
		t.Errorf("err = %v", err)
	}
}
