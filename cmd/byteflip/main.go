// Command byteflip repeats issue 19's experiment: single-byte flips in closed copies of
// a demo file, each followed by an import with the real binary and the app's daily
// round (backup, full check, rotation), and counts what was written into damaged files
// and whether the newest good backup survived.
//
//	go run ./cmd/byteflip --bin /tmp/cd-damage --demo demo.db --csv import.csv
//
// Each flip is tried twice: "changed" leaves the file's modification time as the write
// set it (a copy, a sync tool, any program writing it); "silent" puts it back, as a
// bad disk sector would, so only a full check (here `chapterdesk check --full`, the
// app's daily check) can tell.
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
)

func main() {
	bin := flag.String("bin", "/tmp/cd-damage", "the chapterdesk binary")
	demo := flag.String("demo", "", "a closed demo data file")
	csv := flag.String("csv", "", "a volunteers CSV to import after each flip")
	trials := flag.Int("trials", 60, "flips")
	seed := flag.Uint64("seed", 19, "random seed")
	work := flag.String("work", os.TempDir(), "folder for the copies")
	withSilent := flag.Bool("silent", true, "also try each flip with the file's time put back (twice the time: leave it out on a big file)")
	flag.Parse()
	ctx := context.Background()
	dir, err := os.MkdirTemp(*work, "byteflip-")
	must(err)
	defer os.RemoveAll(dir)

	// Seven good daily backups of the days before, made once and linked into each trial.
	tmpl := filepath.Join(dir, "template", "chapter.db")
	must(os.MkdirAll(filepath.Dir(tmpl), 0o700))
	copyFile(*demo, tmpl)
	copyFile(*demo+".checked", tmpl+".checked")
	fi, err := os.Stat(*demo)
	must(err)
	os.Chtimes(tmpl, fi.ModTime(), fi.ModTime())
	s, err := db.Open(ctx, tmpl, db.Options{ReadOnly: true})
	must(err)
	now := time.Now()
	var newestGood string
	for d := 8; d >= 2; d-- {
		newestGood, err = s.DailyBackup(ctx, now.AddDate(0, 0, -d))
		must(err)
	}
	s.Close()

	rng := rand.New(rand.NewPCG(*seed, 0))
	var changed, silent counts
	for i := range *trials {
		off := rng.Int64N(fi.Size())
		x := byte(1 + rng.IntN(255))
		changed.trial(ctx, *bin, *csv, tmpl, newestGood, filepath.Join(dir, fmt.Sprintf("t%02d-changed", i)), off, x, false, fi.ModTime())
		if *withSilent {
			silent.trial(ctx, *bin, *csv, tmpl, newestGood, filepath.Join(dir, fmt.Sprintf("t%02d-silent", i)), off, x, true, fi.ModTime())
		}
	}
	fmt.Printf("%d flips in %s (%d bytes), each in two copies\n\n", *trials, *demo, fi.Size())
	fmt.Print("changed (the flip leaves the file's time changed, as any program writing it would):\n", changed.String())
	if *withSilent {
		fmt.Print("\nsilent (its time put back, as a bad sector would):\n", silent.String())
	}
}

type counts struct {
	runs, damaged, quickMissed, uncheckable                  int
	writtenDamaged, writtenAfterFull, refused, written, lost int
	backupOfDamaged                                          int
}

func (c counts) String() string {
	return fmt.Sprintf(`flips:                                          %d
damaged per the full check (integrity_check):   %d
  of them missed by the quick check:            %d
  the check itself failed (header, page 1):     %d
imports refused:                                %d
imports written:                                %d
  into a file the full check finds damaged:     %d
  after a full check had found the damage:      %d
newest good backup (before the flip) gone:      %d
today's backup taken from a damaged file, counted as good: %d
`, c.runs, c.damaged, c.quickMissed, c.uncheckable, c.refused, c.written, c.writtenDamaged, c.writtenAfterFull, c.lost, c.backupOfDamaged)
}

func (c *counts) trial(ctx context.Context, bin, csv, tmpl, newestGood, dir string, off int64, x byte, silent bool, mtime time.Time) {
	c.runs++
	must(os.MkdirAll(filepath.Join(dir, "backups"), 0o700))
	path := filepath.Join(dir, "chapter.db")
	copyFile(tmpl, path)
	copyFile(tmpl+".checked", path+".checked")
	bdir := db.BackupsDir(tmpl)
	entries, err := os.ReadDir(bdir)
	must(err)
	for _, e := range entries {
		if e.Name() == "checks.json" {
			copyFile(filepath.Join(bdir, e.Name()), filepath.Join(dir, "backups", e.Name()))
		} else {
			must(os.Link(filepath.Join(bdir, e.Name()), filepath.Join(dir, "backups", e.Name())))
		}
	}
	good := filepath.Join(dir, "backups", filepath.Base(newestGood))

	f, err := os.OpenFile(path, os.O_RDWR, 0)
	must(err)
	b := make([]byte, 1)
	f.ReadAt(b, off)
	b[0] ^= x
	f.WriteAt(b, off)
	f.Close()
	if silent {
		os.Chtimes(path, mtime, mtime)
	}

	// What is true of the flipped file, looked at without changing it.
	r, err := db.FullCheck(ctx, path)
	damaged := err != nil || !r.Intact()
	if err != nil {
		c.uncheckable++
	}
	if damaged {
		c.damaged++
		if db.QuickCheck(ctx, path) == nil {
			c.quickMissed++
		}
	}
	if silent {
		// FullCheck's read-only look must not count as a change.
		os.Chtimes(path, mtime, mtime)
	}

	wrote := importOnce(bin, csv, path)
	if wrote {
		c.written++
		if damaged {
			c.writtenDamaged++
		}
	} else {
		c.refused++
	}
	// The app's daily check (as `check --full` runs it), then another import.
	exec.Command(bin, "check", "--full", "--db", path).Run()
	if _, found := db.DamageMark(path); found && importOnce(bin, csv, path) {
		c.writtenAfterFull++
	}
	// The app's daily round on the file, as the app would when opened today.
	if s, err := db.Open(ctx, path, db.Options{DeferFullCheck: true}); err == nil {
		s.DailyRound(ctx, time.Now())
		s.Close()
		if damaged {
			if bs, _ := db.ListBackups(path); len(bs) > 0 && bs[0].Checked && bs[0].Kind == "daily" && bs[0].ModTime.After(mtime) &&
				filepath.Base(bs[0].Path) != filepath.Base(newestGood) {
				c.backupOfDamaged++
			}
		}
	}
	if _, err := os.Stat(good); err != nil {
		c.lost++
	}
	os.RemoveAll(dir)
}

// importOnce imports the CSV and reports whether the data file or its WAL changed.
func importOnce(bin, csv, path string) bool {
	before := digest(path)
	exec.Command(bin, "import", "volunteers", csv, "--db", path).Run()
	return !bytes.Equal(before, digest(path))
}

func digest(path string) []byte {
	h := sha256.New()
	for _, p := range []string{path, path + "-wal"} {
		if f, err := os.Open(p); err == nil {
			io.Copy(h, f)
			f.Close()
		}
	}
	return h.Sum(nil)
}

func copyFile(src, dst string) {
	data, err := os.ReadFile(src)
	must(err)
	must(os.WriteFile(dst, data, 0o600))
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "byteflip:", err)
		os.Exit(1)
	}
}
