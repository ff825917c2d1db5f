package importer_test

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/importer"
)

// zipOf zips the real export's tables, deflated as Open States does, and gives the
// zip's bytes and where each entry's compressed data starts and ends.
func zipOf(t *testing.T, export string) ([]byte, map[string][2]int64) {
	t.Helper()
	entries, err := os.ReadDir(sessionsDir + export)
	if err != nil {
		t.Skip("shared data not here:", err)
	}
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(sessionsDir+export, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		f, err := w.CreateHeader(&zip.FileHeader{Name: e.Name(), Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	at := map[string][2]int64{}
	for _, f := range zr.File {
		off, err := f.DataOffset()
		if err != nil {
			t.Fatal(err)
		}
		at[f.Name] = [2]int64{off, off + int64(f.CompressedSize64)}
	}
	return b.Bytes(), at
}

// TestReadSessionDamagedZip (tester t10): a zip cut short (a download stopped at
// 1.5 MB) was "neither a folder nor a zip of an Open States session export", and one
// whose deflated bills were corrupted was refused for "MA_194th_bills.csv: line 9083:
// this row has 6 cells but the header has 8", which sends the lead looking for a bad
// row. Both say the zip is damaged, to download it again.
func TestReadSessionDamagedZip(t *testing.T) {
	data, at := zipOf(t, "ma-194th")
	dir := t.TempDir()
	t.Run("cut short", func(t *testing.T) {
		name := filepath.Join(dir, "MA_194th_csv_cut.zip")
		if err := os.WriteFile(name, data[:len(data)*2/3], 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := importer.ReadSession(name, time.Time{}, "")
		if err == nil || !strings.Contains(err.Error(), "damaged or incomplete") || strings.Contains(err.Error(), "neither a folder nor a zip") {
			t.Errorf("err %v; want it to say the zip is damaged or incomplete", err)
		}
	})
	t.Run("not a zip at all", func(t *testing.T) {
		name := filepath.Join(dir, "notes.zip")
		if err := os.WriteFile(name, []byte("id,identifier\r\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := importer.ReadSession(name, time.Time{}, ""); err == nil || !strings.Contains(err.Error(), "neither a folder nor a zip") {
			t.Errorf("err %v", err)
		}
	})
	t.Run("deflated data corrupted", func(t *testing.T) {
		bad := bytes.Clone(data)
		span := at["MA_194th_bills.csv"]
		for i := span[0] + (span[1]-span[0])*9/10; i < span[0]+(span[1]-span[0])*9/10+64; i++ {
			bad[i] ^= 0x5a
		}
		name := filepath.Join(dir, "MA_194th_csv_crc.zip")
		if err := os.WriteFile(name, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := importer.ReadSession(name, time.Time{}, "")
		if err == nil || !strings.Contains(err.Error(), "MA_194th_bills.csv") || !strings.Contains(err.Error(), "damaged") {
			t.Errorf("err %v; want it to say the zip's MA_194th_bills.csv is damaged", err)
		}
	})
	t.Run("the whole zip reads", func(t *testing.T) {
		name := filepath.Join(dir, "MA_194th_csv.zip")
		if err := os.WriteFile(name, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := importer.ReadSession(name, time.Time{}, ""); err != nil {
			t.Error(err)
		}
	})
}
