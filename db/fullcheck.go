package db

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// CheckReport is what SQLite's full integrity check said about a file.
type CheckReport struct {
	Path     string
	Problems []string // empty: intact
	// IndexOnly: every problem is an index disagreeing with its table (an entry
	// missing or too many) while the pages themselves are sound, which REINDEX
	// repairs by building the indexes again from the tables.
	IndexOnly bool
	// RepairFailed, when not empty, is why a repair of indexes (RepairIndexes) failed
	// on the copy: the damage is then not repairable here, and Backup is the newest
	// good backup to restore ("" when there is none).
	RepairFailed string
	Backup       string
	Took         time.Duration
	At           time.Time
}

// Intact reports whether the check found nothing wrong.
func (r CheckReport) Intact() bool { return len(r.Problems) == 0 }

// ErrCheckInterrupted: a full check was stopped before it finished (a write began,
// the app closed); it found nothing either way.
var ErrCheckInterrupted = errors.New("the full check was interrupted")

// maxProblems caps what quick_check lists, and the lines a check keeps of damage
// other than an index's: enough to see the kind of damage. integrity_check lists up
// to maxCheckLines, so that the rows missing from an index are counted
// (summarizeIndexes), not cut at the first hundred.
const (
	maxProblems   = 100
	maxCheckLines = 100_000
)

// indexProblem matches integrity_check's lines about an index that disagrees with its
// table. A line naming pages (pageProblem) is about the b-trees those pages belong to;
// anything else (a NULL or CHECK violation, the freelist) is damage in the data itself.
var (
	indexProblem = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(row \d+ missing from index \S+|wrong # of entries in index \S+|non-unique entry in index \S+)$`)
	})
	pageProblem = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)\b(?:tree|page) (\d+)`) })
)

// FullCheck runs SQLite's integrity_check (every page, and every index against its
// table) on a read-only connection of its own. Cancelling ctx interrupts SQLite at
// once (ErrCheckInterrupted). It writes nothing; RecordCheck keeps what it found.
// On the 100,000-volunteer, 1,000,000-call demo file it takes about eight seconds.
// A file cut to 0 bytes is damage; an empty file that never held a chapter and
// another program's SQLite file are refused (ErrNotDatabase), as SQLite would call
// them intact.
func FullCheck(ctx context.Context, path string) (CheckReport, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return CheckReport{}, err
	}
	r := CheckReport{Path: abs, At: time.Now()}
	if _, err := os.Stat(abs); err != nil {
		return r, fmt.Errorf("check %s: %w", abs, err)
	}
	if err := journalLeft(abs); err != nil { // a read-only connection cannot read it
		return r, fmt.Errorf("check: %w", err)
	}
	if err := checkable(ctx, abs); err != nil {
		if ctx.Err() != nil { // a write began while the file was looked at: not a verdict on it
			return r, fmt.Errorf("check %s: %w", abs, ErrCheckInterrupted)
		}
		if errors.Is(err, ErrDamaged) {
			r.Problems = []string{problemOf(err)}
			return r, nil
		}
		return r, err
	}
	return fullCheck(ctx, r)
}

// fullCheck is FullCheck on a file known to be a ChapterDesk database, or one Open is
// setting up (an empty file whose first open was cut short).
func fullCheck(ctx context.Context, r CheckReport) (CheckReport, error) {
	abs := r.Path
	c, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		return r, fmt.Errorf("check %s: %w", abs, err)
	}
	defer c.Close()
	c.SetMaxOpenConns(1)
	start := time.Now()
	lines, err := pragmaLines(ctx, c, fmt.Sprintf("PRAGMA integrity_check(%d)", maxCheckLines))
	r.Took = time.Since(start)
	stopped := err != nil // at a page it could not read
	if err != nil {
		if ctx.Err() != nil {
			return r, fmt.Errorf("check %s: %w", abs, ErrCheckInterrupted)
		}
		if !isCorrupt(err) {
			if busy := busyAlone(abs, err); busy != err { // an import has the file to itself
				return r, fmt.Errorf("check: %w", busy)
			}
			return r, fmt.Errorf("check %s: %w", abs, err)
		}
		lines = []string{err.Error()}
	}
	r.Problems = lines
	if len(lines) > 0 {
		r.IndexOnly, r.Problems = indexOnly(ctx, c, lines, stopped)
		r.Problems = summarizeIndexes(r.Problems, len(lines) >= maxCheckLines)
		if why := walMisfits(ctx, abs); why != "" {
			// Not index damage: a repair would make what the WAL brought ours for good.
			r.IndexOnly, r.Problems = false, append([]string{why}, r.Problems...)
		}
	}
	return r, nil
}

// walMisfits, for a file the full check found damaged, checks the file without its
// WAL: SQLite replays any -wal beside the file, even another file's (a sync tool, a
// copy of the file and a -wal from elsewhere), which can read as well-formed pages
// whose rows are another chapter's. When a copy of the main file alone, in a folder
// of its own, passes the full check, the WAL is what breaks it, and it returns why
// and the way out ("" otherwise: no WAL, or the file is damaged without it too).
func walMisfits(ctx context.Context, abs string) string {
	if fileStamp(abs+"-wal") == [2]int64{} {
		return ""
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return ""
	}
	tmp, err := os.MkdirTemp("", "chapterdesk-walcheck-")
	if err != nil {
		return ""
	}
	defer os.RemoveAll(tmp)
	alone := filepath.Join(tmp, filepath.Base(abs))
	if err := copyFile(abs, alone); err != nil {
		return ""
	}
	r, err := fullCheck(ctx, CheckReport{Path: alone})
	if err != nil || !r.Intact() {
		return ""
	}
	name := filepath.Base(abs)
	return fmt.Sprintf("%s-wal does not fit %s: read with it the file is damaged, without it intact (as last saved on %s): "+
		"set the -wal file aside (rename it, e.g. to %s-wal.set-aside) and run chapterdesk check --full again "+
		"to open the file as last saved (what the -wal held is lost), or restore a backup",
		name, name, fi.ModTime().Local().Format("2006-01-02 15:04"), name)
}

// indexOnly says whether the problems an integrity check found (lines; stopped when
// it stopped at a page it could not read) all lie in indexes, which REINDEX builds
// again from the tables, and returns the problems with the quick check's added when
// the full check stopped. The pages themselves are judged by quick_check, which reads
// every page but not the indexes' entries: each page it or the full check names must
// belong to an index's b-tree (SQLite's dbstat says whose), and every other line must
// be an index disagreeing with its table. A check that stopped with no page named,
// or whose list was cut at maxProblems, is not known to be index damage.
func indexOnly(ctx context.Context, c *sql.DB, lines []string, stopped bool) (bool, []string) {
	q, err := pragmaLines(ctx, c, fmt.Sprintf("PRAGMA quick_check(%d)", maxProblems))
	if err != nil || len(q) >= maxProblems {
		return false, lines
	}
	judged := lines
	if stopped {
		if len(q) == 0 {
			return false, lines
		}
		lines = append(lines, q...)
		judged = q
	} else {
		judged = append(judged[:len(judged):len(judged)], q...)
	}
	var pages []string
	for _, l := range judged {
		if indexProblem().MatchString(l) {
			continue
		}
		named := pageProblem().FindAllStringSubmatch(l, -1)
		if len(named) == 0 {
			return false, lines
		}
		for _, m := range named {
			pages = append(pages, m[1]) // digits only: safe in the query
		}
	}
	if len(pages) == 0 {
		return true, lines
	}
	// One walk of every b-tree; a page of no b-tree (never used, on the freelist) or
	// of a table is not an index's.
	rows, err := c.QueryContext(ctx, `SELECT DISTINCT s.pageno, coalesce(m.type, '') FROM dbstat AS s
		LEFT JOIN sqlite_schema AS m ON m.name = s.name WHERE s.pageno IN (`+strings.Join(pages, ",")+`)`)
	if err != nil {
		return false, lines
	}
	defer rows.Close()
	owned := map[string]bool{}
	for rows.Next() {
		var page, kind string
		if rows.Scan(&page, &kind) != nil || kind != "index" {
			return false, lines
		}
		owned[page] = true
	}
	if rows.Err() != nil {
		return false, lines
	}
	for _, p := range pages {
		if !owned[strings.TrimLeft(p, "0")] {
			return false, lines
		}
	}
	return true, lines
}

// indexLine is an integrity_check line about an index that disagrees with its table
// (see indexProblem), with the kind and the index.
var indexLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:row \d+ (missing) from|wrong # of (entries) in|(non-unique) entry in) index (\S+)$`)
})

// summarizeIndexes puts integrity_check's lines about an index, one a row of its
// table ("row 4711 missing from index call_reports_time", thousands of them when an
// index lost a page's entries), as one line an index where its first was, counted:
// "index call_reports_time: 3,164 rows missing, its number of entries wrong". cut
// says the check stopped listing (the counts are then at least those). The other lines
// stay as they are, at most maxProblems of them.
func summarizeIndexes(lines []string, cut bool) []string {
	type index struct {
		name                          string
		missing, nonUnique, wrongSize int
	}
	var kept []any // a line as it is (string) or an index's count (*index), in order
	by := map[string]*index{}
	other := 0
	for _, l := range lines {
		m := indexLine().FindStringSubmatch(l)
		if m == nil {
			if other++; other <= maxProblems {
				kept = append(kept, l)
			}
			continue
		}
		n := by[m[4]]
		if n == nil {
			n = &index{name: m[4]}
			by[n.name] = n
			kept = append(kept, n)
		}
		switch {
		case m[1] != "":
			n.missing++
		case m[3] != "":
			n.nonUnique++
		default:
			n.wrongSize++
		}
	}
	p := message.NewPrinter(language.English)
	atLeast := ""
	if cut {
		atLeast = "at least "
	}
	counted := func(n int, one, many string) string {
		if n == 1 {
			return atLeast + "1 " + one
		}
		return p.Sprintf("%s%d %s", atLeast, n, many)
	}
	out := make([]string, 0, len(kept)+1)
	for _, k := range kept {
		n, ok := k.(*index)
		if !ok {
			out = append(out, k.(string))
			continue
		}
		var said []string
		if n.missing > 0 {
			said = append(said, counted(n.missing, "row missing", "rows missing"))
		}
		if n.nonUnique > 0 {
			said = append(said, counted(n.nonUnique, "non-unique entry", "non-unique entries"))
		}
		if n.wrongSize > 0 {
			said = append(said, "its number of entries wrong")
		}
		out = append(out, "index "+n.name+": "+strings.Join(said, ", "))
	}
	if other > maxProblems {
		out = append(out, p.Sprintf("… and %d more problems like those", other-maxProblems))
	}
	return out
}

// pragmaLines runs a check pragma and returns its problem lines ("ok" is none).
func pragmaLines(ctx context.Context, c *sql.DB, q string) ([]string, error) {
	rows, err := c.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, err
		}
		for _, l := range strings.Split(line, "\n") {
			if l = strings.TrimSpace(l); l != "ok" && l != "" && l != "*** in database main ***" {
				out = append(out, l)
			}
		}
	}
	return out, rows.Err()
}

// The record of full checks lives beside the data file:
//   - chapterdesk.db.damaged exists while the last full check found damage, with its
//     report. Every open for writing refuses the file while it is there, in this and
//     any later process, until a restore, a repair or a clean check removes it.
//   - chapterdesk.db.checked holds when the last full check passed and the file's
//     size and modification time as ChapterDesk last left it (the seal): a file that
//     no longer matches was changed by something else (a copy, a sync tool, a crash)
//     and is checked in full before it is written to again.
func damagedPath(abs string) string { return abs + ".damaged" }
func checkedPath(abs string) string { return abs + ".checked" }

// RecordCheck keeps what a full check found: a damage marker, or on a clean check the
// removal of any marker and the time of the check.
func RecordCheck(r CheckReport) error {
	if !r.Intact() {
		var b bytes.Buffer
		fmt.Fprintf(&b, "ChapterDesk's full check (SQLite integrity_check) found this file damaged.\n")
		fmt.Fprintf(&b, "checked: %s\n", r.At.UTC().Format(time.RFC3339))
		switch {
		case r.RepairFailed != "":
			fmt.Fprintf(&b, "repair failed: %s\n", oneLineText(r.RepairFailed))
			if r.Backup != "" {
				fmt.Fprintf(&b, "backup: %s\n", r.Backup)
				fmt.Fprintf(&b, "to do: restore the newest good backup: chapterdesk restore %s --db %s\n", r.Backup, r.Path)
			} else {
				fmt.Fprintf(&b, "to do: no good backup was found; copy the file somewhere safe and ask for help\n")
			}
		case r.IndexOnly:
			fmt.Fprintf(&b, "repairable: indexes only (chapterdesk check --repair)\n")
		}
		for _, p := range r.Problems {
			fmt.Fprintf(&b, "problem: %s\n", p)
		}
		return writeFileAtomic(damagedPath(r.Path), b.Bytes())
	}
	if err := os.Remove(damagedPath(r.Path)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	st := readSeal(r.Path)
	st.Checked = r.At.Unix()
	st.Seconds = r.Took.Seconds()
	return writeSeal(r.Path, st)
}

// DamageMark reads the damage marker of the data file at path: the report of the
// full check that found it damaged, and ok false when there is none.
func DamageMark(path string) (CheckReport, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return CheckReport{}, false
	}
	data, err := os.ReadFile(damagedPath(abs))
	if err != nil {
		return CheckReport{}, false
	}
	r := CheckReport{Path: abs}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), ": ")
		switch k {
		case "checked":
			r.At, _ = time.Parse(time.RFC3339, v)
		case "repairable":
			r.IndexOnly = true
		case "repair failed":
			r.RepairFailed = v
		case "backup":
			r.Backup = v
		case "problem":
			r.Problems = append(r.Problems, v)
		}
	}
	if len(r.Problems) == 0 {
		r.Problems = []string{"the full check found damage"}
	}
	return r, true
}

// oneLineText keeps a marker's value on its line.
func oneLineText(s string) string { return strings.Join(strings.Fields(s), " ") }

// repairFailed records that the repair of r's indexes failed (why), so the marker no
// longer says "repairable" but names the backup to restore, and returns the refusal
// Open gives from then on.
func repairFailed(ctx context.Context, r CheckReport, why error) *DamagedError {
	r.IndexOnly, r.RepairFailed = false, why.Error()
	r.Backup, _, _ = NewestGoodBackup(ctx, r.Path)
	RecordCheck(r)
	return damagedFromReport(ctx, r)
}

// LastFullCheck is when a full check last found the file at path intact (zero: never).
func LastFullCheck(path string) time.Time {
	abs, err := filepath.Abs(path)
	if err != nil {
		return time.Time{}
	}
	if st := readSeal(abs); st.Checked > 0 {
		return time.Unix(st.Checked, 0)
	}
	return time.Time{}
}

// seal is chapterdesk.db.checked.
type seal struct {
	Checked int64   `json:"checked,omitempty"` // Unix seconds of the last clean full check
	Seconds float64 `json:"seconds,omitempty"` // how long it took
	// The data file and its WAL as ChapterDesk left them: size and mtime in ns.
	DB  [2]int64 `json:"db"`
	WAL [2]int64 `json:"wal"`
}

func readSeal(abs string) seal {
	var st seal
	if data, err := os.ReadFile(checkedPath(abs)); err == nil {
		json.Unmarshal(data, &st)
	}
	return st
}

func writeSeal(abs string, st seal) error {
	data, _ := json.Marshal(st)
	return writeFileAtomic(checkedPath(abs), data)
}

// fileStamp is a file's size and modification time; zeros when absent or empty (a
// read-only connection leaves an empty WAL behind, which holds nothing).
func fileStamp(p string) [2]int64 {
	fi, err := os.Stat(p)
	if err != nil || fi.Size() == 0 {
		return [2]int64{}
	}
	return [2]int64{fi.Size(), fi.ModTime().UnixNano()}
}

// sealFile records the data file as ChapterDesk leaves it, keeping the last check.
func sealFile(abs string) error {
	st := readSeal(abs)
	st.DB, st.WAL = fileStamp(abs), fileStamp(abs+"-wal")
	return writeSeal(abs, st)
}

// changedOutside reports whether the file is not as ChapterDesk last left it (or was
// never sealed): something else wrote it, or a ChapterDesk was killed.
func changedOutside(abs string) bool {
	st := readSeal(abs)
	return st.DB == [2]int64{} || st.DB != fileStamp(abs) || st.WAL != fileStamp(abs+"-wal")
}

// writeFileAtomic writes data to path (mode 0600) through a temporary file renamed
// into place, so a reader never sees half of it.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// damagedFromReport is Open's refusal of a file a full check found damaged.
func damagedFromReport(ctx context.Context, r CheckReport) *DamagedError {
	problem := "full check: " + strings.Join(r.Problems, "; ")
	if r.RepairFailed != "" {
		problem += "; the repair of its indexes failed (" + r.RepairFailed + "): restore a backup"
	}
	e := &DamagedError{Path: r.Path, Problem: problem, IndexOnly: r.IndexOnly,
		err: fmt.Errorf("%s: %w (%s)", r.Path, ErrDamaged, problem)}
	e.Backup, e.BackupTime, _ = NewestGoodBackup(ctx, r.Path)
	return e
}

// RepairIndexes rebuilds every index of a file whose damage lies only in its indexes
// (a full check says so first; anything else is refused). The file as it was is kept
// byte for byte in the backups folder, then REINDEX runs on a working copy beside it
// ("NAME.repairing"), which takes the file's place only once it passes the full
// check: until then nothing is written to the damaged file, and a repair that fails
// leaves it as it was. No other ChapterDesk may have the file open. It returns the
// backup's path.
func RepairIndexes(ctx context.Context, path string) (kept string, err error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	lock, err := acquireWriter(abs)
	if err != nil {
		return "", err
	}
	defer lock.release()
	if err := rollBackHotJournal(ctx, abs); err != nil { // as an open for writing does
		return "", err
	}
	r, err := FullCheck(ctx, abs)
	if err != nil {
		return "", err
	}
	if r.Intact() {
		return "", RecordCheck(r)
	}
	if !r.IndexOnly {
		RecordCheck(r)
		return "", damagedFromReport(ctx, r)
	}
	dir := BackupsDir(abs)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("keep the file before repairing: %w", err)
	}
	kept = filepath.Join(dir, strings.TrimSuffix(filepath.Base(abs), ".db")+"-"+damagedTag+"before-repair-"+
		time.Now().Format("20060102-150405")+".db")
	if err := copyDBFiles(abs, kept); err != nil {
		return "", fmt.Errorf("keep the file before repairing: %w", err)
	}
	work := abs + ".repairing"
	removeDBFiles(work)
	defer removeDBFiles(work) // gone already once it took the file's place
	if err := copyDBFiles(abs, work); err != nil {
		return kept, fmt.Errorf("repair %s: copy it: %w", abs, err)
	}
	c, err := sql.Open("sqlite", fileURI(work)+"?_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	if err != nil {
		return kept, err
	}
	_, err = c.ExecContext(ctx, `REINDEX`)
	if err == nil {
		// The copy is to be renamed alone: everything in the file, no WAL beside it.
		_, err = c.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	}
	if cerr := c.Close(); err == nil {
		err = cerr
	}
	if err != nil && isCorrupt(err) {
		// REINDEX must read a broken index page to drop it; every table is whole
		// (the full check said so), so the copy is built from the tables instead.
		removeDBFiles(work)
		err = rebuildFromTables(ctx, abs, work)
	}
	if err != nil {
		return kept, fmt.Errorf("repair %s: %w; the file is left as it was: %w", abs, err, repairFailed(ctx, r, err))
	}
	after, err := FullCheck(ctx, work)
	if err != nil {
		return kept, err
	}
	if !after.Intact() {
		return kept, repairFailed(ctx, r, fmt.Errorf("the rebuilt copy failed the full check: %s", strings.Join(after.Problems, "; ")))
	}
	if err := putInPlace(work, abs); err != nil {
		return kept, fmt.Errorf("repair %s: %w", abs, err)
	}
	after.Path = abs
	if err := RecordCheck(after); err != nil {
		return kept, err
	}
	return kept, sealFile(abs)
}

// rebuildFromTables writes to dest (which must not exist) a new database holding
// src's schema and every table's rows, read from the tables alone, its indexes built
// afresh, and the header fields ChapterDesk reads (application_id, user_version): the
// repair of indexes whose pages are too broken for REINDEX. dest is left closed, in
// WAL mode with nothing in its WAL, as putInPlace wants it.
func rebuildFromTables(ctx context.Context, src, dest string) error {
	c, err := sql.Open("sqlite", fileURI(dest)+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	defer c.Close()
	c.SetMaxOpenConns(1) // ATTACH and the pragmas hold for one connection
	var pageSize, appID, userVersion int
	steps := []func() error{
		func() error { _, err := c.ExecContext(ctx, `ATTACH ? AS old`, fileURI(src)+"?mode=ro"); return err },
		func() error { return c.QueryRowContext(ctx, `PRAGMA old.page_size`).Scan(&pageSize) },
		func() error { return c.QueryRowContext(ctx, `PRAGMA old.application_id`).Scan(&appID) },
		func() error { return c.QueryRowContext(ctx, `PRAGMA old.user_version`).Scan(&userVersion) },
		func() error {
			_, err := c.ExecContext(ctx, fmt.Sprintf(`PRAGMA main.page_size = %d`, pageSize))
			return err
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	type object struct{ kind, name, sql string }
	rows, err := c.QueryContext(ctx, `SELECT type, name, sql FROM old.sqlite_schema
		WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid`)
	if err != nil {
		return err
	}
	var objects []object
	for rows.Next() {
		var o object
		if err := rows.Scan(&o.kind, &o.name, &o.sql); err != nil {
			rows.Close()
			return err
		}
		objects = append(objects, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	tx, err := c.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Tables first and filled, then indexes, views and triggers (no trigger fires on
	// the copy, no index is kept up row by row).
	for _, pass := range []bool{true, false} {
		for _, o := range objects {
			if (o.kind == "table") != pass {
				continue
			}
			if _, err := tx.ExecContext(ctx, o.sql); err != nil {
				return fmt.Errorf("rebuild %s: %w", o.name, err)
			}
			if o.kind == "table" {
				q := `"` + strings.ReplaceAll(o.name, `"`, `""`) + `"`
				if _, err := tx.ExecContext(ctx, `INSERT INTO main.`+q+` SELECT * FROM old.`+q); err != nil {
					return fmt.Errorf("copy the rows of %s: %w", o.name, err)
				}
			}
		}
	}
	// SQLite's own tables: AUTOINCREMENT's counters are data; the planner's
	// statistics are made again.
	var seq, stat int
	tx.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE name = 'sqlite_sequence'), count(*) FILTER (WHERE name = 'sqlite_stat1')
		FROM old.sqlite_schema`).Scan(&seq, &stat)
	header := []string{fmt.Sprintf(`PRAGMA application_id = %d`, appID), fmt.Sprintf(`PRAGMA user_version = %d`, userVersion)}
	if seq > 0 {
		header = append(header, `DELETE FROM main.sqlite_sequence`, `INSERT INTO main.sqlite_sequence SELECT * FROM old.sqlite_sequence`)
	}
	if stat > 0 {
		header = append(header, `ANALYZE main`)
	}
	for _, q := range header {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	for _, q := range []string{`DETACH old`, `PRAGMA journal_mode = WAL`} {
		if _, err := c.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return c.Close()
}
