// Package dbtest gives tests a real ChapterDesk database in a temporary folder and a
// small factory for records. (Not :memory:: each pooled connection would get its own.)
package dbtest

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
)

// Open creates a new database file in tb's temporary folder and closes it when the
// test ends. With CHAPTERDESK_TEST_BACKEND=postgres it opens a new database on the test
// PostgreSQL server instead, so a whole package's tests can be run there.
func Open(tb testing.TB) *db.Store {
	tb.Helper()
	if os.Getenv("CHAPTERDESK_TEST_BACKEND") == "postgres" {
		return OpenServer(tb)
	}
	return OpenFile(tb)
}

func OpenFile(tb testing.TB) *db.Store {
	tb.Helper()
	s, err := db.Open(context.Background(), filepath.Join(tb.TempDir(), "chapter.db"), db.Options{})
	if err != nil {
		tb.Fatalf("open test database: %v", err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// File creates a new, closed database file in tb's temporary folder and returns its
// path, for tests of what an open does to a file.
func File(tb testing.TB) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "chapter.db")
	s, err := db.Open(context.Background(), path, db.Options{})
	if err != nil {
		tb.Fatalf("create test database: %v", err)
	}
	s.Close()
	return path
}

// ChapterFile writes a closed database with 3,000 volunteers (a few hundred pages,
// enough for Corrupt to find a table leaf) in dir and returns its path.
func ChapterFile(tb testing.TB, dir string) string {
	tb.Helper()
	ctx := context.Background()
	path := filepath.Join(dir, "chapter.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	err = s.Load(ctx, db.LoadOptions{}, func(l *db.Loader) error {
		for i := range 3000 {
			v := db.NewVolunteer("Volunteer", fmt.Sprintf("Number %d", i))
			v.Email, v.Notes = fmt.Sprintf("v%d@example.org", i), "met at the Jamaica Plain house meeting"
			if err := l.AddVolunteer(&v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if err := s.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// Campaign saves the starter campaign and returns its id.
func Campaign(tb testing.TB, s *db.Store) int64 {
	tb.Helper()
	c, err := db.ParseCampaignFile(assets.StarterCampaign)
	if err != nil {
		tb.Fatal(err)
	}
	id, err := s.SaveCampaign(context.Background(), c)
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

// Legislator adds a legislator in office.
func Legislator(tb testing.TB, s *db.Store, ch db.Chamber, district, name string) int64 {
	tb.Helper()
	id, err := s.CreateLegislator(context.Background(), db.Legislator{Chamber: ch, District: district, Name: name, InOffice: true})
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

// Volunteer adds a volunteer; edit adjusts the defaults first.
func Volunteer(tb testing.TB, s *db.Store, first, last string, edit func(*db.Volunteer)) int64 {
	tb.Helper()
	v := db.NewVolunteer(first, last)
	if edit != nil {
		edit(&v)
	}
	id, err := s.CreateVolunteer(context.Background(), v)
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

// Roster reads the whole roster as the export sees it.
func Roster(tb testing.TB, s *db.Store) []db.RosterRow {
	tb.Helper()
	var rows []db.RosterRow
	if err := s.EachRosterVolunteer(context.Background(), func(r *db.RosterRow) error {
		rows = append(rows, *r)
		return nil
	}); err != nil {
		tb.Fatal(err)
	}
	return rows
}

// Corrupt overwrites the middle of a table leaf page (its cell pointers and the start
// of its cells) in the second half of the file, as a bad disk sector or a half-synced
// copy would.
func Corrupt(tb testing.TB, path string) {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	page := int(binary.BigEndian.Uint16(data[16:18])) // the header's page size
	if page == 1 {
		page = 65536
	}
	free := freePages(data, page)
	for off := len(data) / 2 / page * page; off+page <= len(data); off += page {
		// A table b-tree leaf in use, with rows: an empty table's root is such a leaf
		// too, and overwriting its unused space damages nothing.
		if data[off] == 0x0d && !free[off/page+1] && binary.BigEndian.Uint16(data[off+3:]) > 0 {
			copy(data[off+8:off+page/2], bytes.Repeat([]byte{0xa5}, page/2-8))
			if err := os.WriteFile(path, data, 0o600); err != nil {
				tb.Fatal(err)
			}
			return
		}
	}
	tb.Fatal("no table leaf page in the second half of the file")
}

// freePages is the set of pages on the freelist of the database file data: a freed
// page keeps what it held, a leaf's type byte among it, and damage to it is no damage.
func freePages(data []byte, pageSize int) map[int]bool {
	free := map[int]bool{}
	for trunk := int(binary.BigEndian.Uint32(data[32:])); trunk != 0 && !free[trunk]; {
		off := (trunk - 1) * pageSize
		free[trunk] = true
		n := int(binary.BigEndian.Uint32(data[off+4:]))
		for i := 0; i < n && off+8+4*i+4 <= len(data); i++ {
			free[int(binary.BigEndian.Uint32(data[off+8+4*i:]))] = true
		}
		trunk = int(binary.BigEndian.Uint32(data[off:]))
	}
	return free
}

// CorruptIndex damages one entry of the named index in the closed database at path,
// and nothing else: it finds the index's root page (sqlite_master's rootpage), walks
// down its leftmost children to a leaf, and flips the low bit of the last byte of a
// cell in the middle of that leaf, which is the low byte of the row id the entry
// points to. Every page stays well formed (quick_check passes); integrity_check finds
// a row missing from the index. The WAL is checkpointed into the file first, so what
// the helper changes is what SQLite reads.
func CorruptIndex(tb testing.TB, path, index string) {
	tb.Helper()
	c, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		tb.Fatal(err)
	}
	var root, pageSize int
	_, err = c.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	if err == nil {
		err = c.QueryRow(`SELECT rootpage FROM sqlite_master WHERE type = 'index' AND name = ?`, index).Scan(&root)
	}
	if err == nil {
		err = c.QueryRow(`PRAGMA page_size`).Scan(&pageSize)
	}
	c.Close()
	if err != nil {
		tb.Fatalf("find index %s: %v", index, err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	page := root
	for {
		off := (page - 1) * pageSize
		hdr := off
		if page == 1 {
			hdr += 100
		}
		switch data[hdr] {
		case 0x02: // interior index page: go down its first cell's left child
			first := off + int(binary.BigEndian.Uint16(data[hdr+12:]))
			page = int(binary.BigEndian.Uint32(data[first:]))
			continue
		case 0x0a: // leaf index page
		default:
			tb.Fatalf("page %d of index %s is of type %#x", page, index, data[hdr])
		}
		cells := int(binary.BigEndian.Uint16(data[hdr+3:]))
		if cells == 0 {
			tb.Fatalf("index %s has an empty leaf", index)
		}
		cell := off + int(binary.BigEndian.Uint16(data[hdr+8+2*(cells/2):]))
		size, _ := binary.Uvarint(sqliteVarint(data[cell:]))
		last := cell + varintLen(data[cell:]) + int(size) - 1
		data[last] ^= 0x01
		if err := os.WriteFile(path, data, 0o600); err != nil {
			tb.Fatal(err)
		}
		return
	}
}

// IndexLeaf is the middle leaf page of the named index in the database at path (its
// write-ahead log played into the file first, so the page is where the file has it),
// and the file's page size: where a test damages an index as a bad sector would.
func IndexLeaf(tb testing.TB, path, index string) (page, pageSize int) {
	tb.Helper()
	c, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		tb.Fatal(err)
	}
	_, err = c.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	if err == nil {
		err = c.QueryRow(`SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno
			LIMIT 1 OFFSET (SELECT count(*) / 2 FROM dbstat WHERE name = ? AND pagetype = 'leaf')`, index, index).Scan(&page)
	}
	if err == nil {
		err = c.QueryRow(`PRAGMA page_size`).Scan(&pageSize)
	}
	c.Close()
	if err != nil {
		tb.Fatalf("find a leaf of index %s: %v", index, err)
	}
	return page, pageSize
}

// CorruptIndexPage garbles the start of the cells of one leaf page of the named index
// in the closed database at path (40 bytes flipped, as a bad sector would), and
// nothing else: unlike CorruptIndex the page itself is damaged, so the quick check
// finds it too, and integrity_check names the page. The leaf is the middle one of the
// index, found with SQLite's dbstat. It returns the page's number.
func CorruptIndexPage(tb testing.TB, path, index string) int {
	tb.Helper()
	page, pageSize := IndexLeaf(tb, path, index)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	off := int64(page-1) * int64(pageSize)
	hdr := make([]byte, 8)
	if _, err := f.ReadAt(hdr, off); err != nil || hdr[0] != 0x0a {
		tb.Fatalf("page %d of index %s is not an index leaf (%v)", page, index, err)
	}
	off += int64(binary.BigEndian.Uint16(hdr[5:])) // the cell content area
	b := make([]byte, 40)
	if _, err := f.ReadAt(b, off); err != nil {
		tb.Fatal(err)
	}
	for i := range b {
		b[i] ^= 0x55
	}
	if _, err := f.WriteAt(b, off); err != nil {
		tb.Fatal(err)
	}
	return page
}

// sqliteVarint re-encodes SQLite's big-endian varint at the start of b as a Go
// (little-endian base-128) varint, for binary.Uvarint.
func sqliteVarint(b []byte) []byte {
	var v uint64
	for i := 0; i < 9 && i < len(b); i++ {
		if i == 8 {
			v = v<<8 | uint64(b[i])
			break
		}
		v = v<<7 | uint64(b[i]&0x7f)
		if b[i]&0x80 == 0 {
			break
		}
	}
	return binary.AppendUvarint(nil, v)
}

// varintLen is the length of SQLite's varint at the start of b.
func varintLen(b []byte) int {
	for i := 0; i < 8 && i < len(b); i++ {
		if b[i]&0x80 == 0 {
			return i + 1
		}
	}
	return 9
}

// Raw opens path read-only with the driver directly, bypassing the store, to look at
// what is really in the file; it is closed when the test ends.
//
// For a store on the test PostgreSQL server (path is then its Path, the server's
// name) it is a connection to that database that takes the Store's SQL.
func Raw(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	if url, ok := serverURLs.Load(path); ok {
		d, err := db.RawServer(url.(string))
		if err != nil {
			tb.Fatal(err)
		}
		tb.Cleanup(func() { d.Close() })
		return d
	}
	d, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { d.Close() })
	return d
}

// Digests opens the database at path read-only and returns its TableDigests: two
// files with equal digests hold the same rows.
func Digests(tb testing.TB, path string) map[string]string {
	tb.Helper()
	s, err := db.Open(context.Background(), path, db.Options{ReadOnly: true})
	if err != nil {
		tb.Fatal(err)
	}
	defer s.Close()
	d, err := s.TableDigests(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// BenchStore opens, read-only, the 100,000-volunteer / 1,000,000-call demo database
// `make bench` builds (CHAPTERDESK_BENCH_DB); without it the benchmark is skipped.
func BenchStore(b *testing.B) *db.Store {
	b.Helper()
	path := os.Getenv("CHAPTERDESK_BENCH_DB")
	if path == "" {
		b.Skip("set CHAPTERDESK_BENCH_DB to a 100k/1M demo database (make bench does)")
	}
	s, err := db.Open(context.Background(), path, db.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// LocalZone makes the named zone the computer's (time.Local) for the test, as a lead's
// laptop elsewhere would have it, and puts the real one back after.
func LocalZone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	was := time.Local
	time.Local = loc
	t.Cleanup(func() { time.Local = was })
	return loc
}

// CorruptIndexEntries flips the low bit of the row id of every entry of one leaf of
// the named index (the middle one: IndexLeaf) in the closed database at path, as
// CorruptIndex does to one entry: the page stays well formed (quick_check passes),
// and integrity_check finds a row missing from the index for each entry whose row
// then differs, a few hundred lines for one index. It returns how many entries it
// changed.
func CorruptIndexEntries(tb testing.TB, path, index string) int {
	tb.Helper()
	page, pageSize := IndexLeaf(tb, path, index)
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	off := (page - 1) * pageSize
	if data[off] != 0x0a {
		tb.Fatalf("page %d of index %s is not an index leaf", page, index)
	}
	cells := int(binary.BigEndian.Uint16(data[off+3:]))
	for i := range cells {
		cell := off + int(binary.BigEndian.Uint16(data[off+8+2*i:]))
		size, _ := binary.Uvarint(sqliteVarint(data[cell:]))
		data[cell+varintLen(data[cell:])+int(size)-1] ^= 0x01
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	return cells
}
