package importer

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer/csvfile"
)

// sessionTables are the tables of an Open States session export ChapterDesk reads,
// longest name first so "bill_related_bills" is not taken for "bills".
var sessionTables = []string{"bill_related_bills", "bill_sponsorships", "organizations", "vote_counts", "vote_people",
	"bills", "votes"}

// otherSessionTables are the export's other tables, which ChapterDesk does not need.
var otherSessionTables = []string{"bill_abstracts", "bill_actions", "bill_action_related_entities", "bill_sources",
	"bill_versions", "bill_version_links", "bill_documents", "bill_document_links", "bill_titles", "bill_identifiers",
	"vote_sources"}

// sessionColumns are the columns each table must have.
var sessionColumns = map[string][]string{
	"bills":              {"id", "identifier", "title", "session_identifier"},
	"bill_related_bills": {"bill_id", "identifier", "relation_type"},
	"bill_sponsorships":  {"name", "entity_type", "person_id", "bill_id", "primary", "classification"},
	"organizations":      {"id", "classification"},
	"votes":              {"id", "motion_text", "start_date", "result", "organization_id", "bill_id"},
	"vote_counts":        {"vote_event_id", "option", "value"},
	"vote_people":        {"vote_event_id", "option", "voter_name", "voter_id"},
}

// SessionFile is an Open States session export as read: what the store imports, and
// what the reading found for the lead to hear.
type SessionFile struct {
	db.SessionExport
	// ExportedFrom says where the export's date came from.
	ExportedFrom string
	// Ignored are files in the export that are not one of its tables.
	Ignored []string
	// ReadAs are, when an encoding was named, the tables read in it; the others read
	// as UTF-8 (see ReadSession).
	ReadAs []string
}

// ReadSession reads an Open States session export (format 2.1): the zip as downloaded
// (MA_194th_csv_<id>.zip) or the folder of its CSV tables. Only bills is required; a
// table a zip leaves out because it has no rows is named in Missing. exported, when
// not zero, dates the export: its day (the date as written), which starts on the
// export's state's legislature's clock (db.StateZone), not this computer's; otherwise
// the zip's entries or the files' times do.
// encoding, when not "", is the text encoding of the tables (as csvfile.Options names
// it): of every table when it is UTF-8 or UTF-16, and of each table that does not
// read as UTF-8 when it is Windows-1252 or Mac Roman, listed in ReadAs (see
// judgeEncodings); otherwise every table is read as UTF-8, which Open States exports
// always are: a stray byte in a table otherwise plain ASCII is refused, naming its
// file, line and column, not taken for Windows-1252.
func ReadSession(name string, exported time.Time, encoding string) (*SessionFile, error) {
	files, err := sessionFiles(name)
	if err != nil {
		return nil, err
	}
	sf := &SessionFile{SessionExport: db.SessionExport{Source: filepath.Base(name)}}
	tables := map[string]sessionEntry{}
	var prefix string
	var newest time.Time
	for _, f := range files {
		base := path.Base(f.name)
		if !strings.HasSuffix(strings.ToLower(base), ".csv") {
			continue
		}
		stem := base[:len(base)-len(".csv")]
		table, pre := tableOf(stem)
		if table == "" {
			if isOtherTable(stem) {
				continue
			}
			sf.Ignored = append(sf.Ignored, base)
			continue
		}
		if prefix != "" && pre != prefix {
			return nil, fmt.Errorf("%s: %s is of another export than %s_* (one session at a time)", name, base, prefix)
		}
		prefix = pre
		if _, dup := tables[table]; dup {
			return nil, fmt.Errorf("%s: two %s tables", name, table)
		}
		tables[table] = f
		if f.modified.After(newest) {
			newest = f.modified
		}
	}
	if _, ok := tables["bills"]; !ok {
		return nil, fmt.Errorf("%s: not an Open States session export: no *_bills.csv table in it", name)
	}
	sf.ReadAs = judgeEncodings(tables, encoding)
	state, _, _ := strings.Cut(prefix, "_")
	sf.State = strings.ToUpper(state)
	for _, t := range sessionTables {
		if _, ok := tables[t]; !ok && t != "bills" {
			sf.Missing = append(sf.Missing, t)
		}
	}
	// Only a date the lead gives is known. A zip's entries and a folder's files carry
	// the time they were last written, which a copy, an unpacking or a zip made again
	// changes, and the newest roll call only bounds the export from below: a guessed
	// date dates the stance changes, but the store withdraws no sponsorship on it
	// (SessionExport.DateGuessed).
	if !exported.IsZero() {
		y, m, d := exported.Date()
		exported = time.Date(y, m, d, 0, 0, 0, 0, sessionZone(sf.State))
	}
	sf.ExportedAt, sf.ExportedFrom = exported, "as given"
	if exported.IsZero() {
		sf.ExportedAt, sf.ExportedFrom, sf.DateGuessed = newest.UTC(), "the files' date", true
	}
	if err := readSessionTables(sf, tables); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if exported.IsZero() {
		datedByData(sf, name)
	}
	return sf, nil
}

// datedByData dates a folder's export, when no date is given, by the newest roll call
// in it rather than by its files. A folder's files carry the day they were copied or
// unpacked, often months after Open States made them, and the export's date dates the
// stance changes it brings: dated too late, a sponsorship would count as newer than a
// lead's judgement made after the export. A zip's entries keep the day they were made.
func datedByData(sf *SessionFile, name string) {
	if st, err := os.Stat(name); err != nil || !st.IsDir() {
		return
	}
	var newest time.Time
	for _, rc := range sf.RollCalls {
		if rc.VotedAt.After(newest) {
			newest = rc.VotedAt
		}
	}
	switch {
	case !newest.IsZero() && newest.Before(sf.ExportedAt):
		sf.ExportedAt = newest.UTC()
		sf.ExportedFrom = "its newest roll call; a folder's files are dated when copied, so give --exported DATE if you know the day Open States made it"
	case newest.IsZero():
		sf.ExportedFrom = "the files' date, which in a folder may be the day it was copied; give --exported DATE if you know the day Open States made it"
	}
}

// tableOf splits a file stem like MA_194th_vote_people into its table and prefix.
func tableOf(stem string) (table, prefix string) {
	for _, t := range sessionTables {
		if strings.HasSuffix(stem, "_"+t) {
			return t, strings.TrimSuffix(stem, "_"+t)
		}
	}
	return "", ""
}

func isOtherTable(stem string) bool {
	for _, t := range otherSessionTables {
		if strings.HasSuffix(stem, "_"+t) {
			return true
		}
	}
	return false
}

// sessionEntry is one file of an export, in a folder or a zip.
type sessionEntry struct {
	name     string
	modified time.Time
	open     func() (io.ReadCloser, error)
	encoding string // "": UTF-8, as Open States writes it
	zipped   bool   // an entry of a zip (see zipEntry)
}

// judgeEncodings sets the encoding of each table (see ReadSession) and returns the
// files read in one named that is not UTF-8. A table saved again by a spreadsheet (only
// vote_people, tester t10) is of another encoding than the export's others, which Open
// States writes as UTF-8: a single-byte encoding named for all of them read the UTF-8
// ones garbled ("homeownersâ€™") and refused the export. A table that reads as UTF-8
// throughout is UTF-8 (Windows-1252 text is not, but for chance); UTF-16 read as UTF-8
// can be valid, so an encoding of several bytes is taken for every table.
func judgeEncodings(tables map[string]sessionEntry, encoding string) []string {
	key := strings.NewReplacer("-", "", "_", "", " ", "").Replace(strings.ToLower(encoding))
	if key == "" {
		return nil
	}
	var readAs []string
	for table, e := range tables {
		switch key {
		case "windows1252", "cp1252", "macroman", "macintosh", "mac":
			if ok, err := readsAsUTF8(e); ok && err == nil {
				continue
			}
			readAs = append(readAs, path.Base(e.name))
		}
		e.encoding = encoding
		tables[table] = e
	}
	sort.Strings(readAs)
	return readAs
}

// readsAsUTF8 reports whether the file is valid UTF-8 throughout.
func readsAsUTF8(e sessionEntry) (bool, error) {
	rc, err := e.open()
	if err != nil {
		return false, err
	}
	defer rc.Close()
	buf := make([]byte, 256<<10)
	carry := 0 // the bytes of a character the last read cut, at buf's start
	for {
		n, err := rc.Read(buf[carry:])
		n += carry
		end := n
		for i := n - 1; i >= 0 && i >= n-utf8.UTFMax; i-- {
			if utf8.RuneStart(buf[i]) {
				if !utf8.FullRune(buf[i:n]) {
					end = i
				}
				break
			}
		}
		if err == io.EOF {
			return utf8.Valid(buf[:n]), nil
		}
		if err != nil {
			return false, err
		}
		if !utf8.Valid(buf[:end]) {
			return false, nil
		}
		carry = copy(buf, buf[end:n])
	}
}

// startsAsZip reports whether the file starts with a zip's first signature.
func startsAsZip(name string) bool {
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 4)
	_, err = io.ReadFull(f, head)
	return err == nil && string(head) == "PK\x03\x04"
}

// zipEntry reads an entry of a zip, keeping the error that reading it failed with:
// damaged deflated data or a checksum that does not match. The table's reader sees
// such data as rows cut or garbled ("line 9083: this row has 6 cells but the header
// has 8", tester t10), so the table's error is replaced by the damage (see damage).
type zipEntry struct {
	io.ReadCloser
	err error
}

func (z *zipEntry) Read(p []byte) (int, error) {
	n, err := z.ReadCloser.Read(p)
	if err != nil && err != io.EOF && z.err == nil {
		z.err = err
	}
	return n, err
}

// damage is, for a table of a zip, the error that says the zip is damaged when its
// entry cannot be read whole (its rest is read to tell: the checksum is checked at the
// end); nil when it reads whole, or for a folder's table.
func (t *csvTable) damage() error {
	z := t.zip
	if z == nil {
		return nil
	}
	if z.err == nil {
		if _, err := io.Copy(io.Discard, z); err != nil && z.err == nil {
			z.err = err
		}
	}
	if z.err == nil {
		return nil
	}
	return fmt.Errorf("%s in the zip is damaged (%v): the zip was corrupted or cut short in a download or a copy; nothing was imported. "+
		"Download the export again", t.file, z.err)
}

// sessionFiles lists the files of a folder or a zip.
func sessionFiles(name string) ([]sessionEntry, error) {
	st, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	var out []sessionEntry
	if st.IsDir() {
		entries, err := os.ReadDir(name)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			info, err := e.Info()
			if err != nil || !info.Mode().IsRegular() {
				continue
			}
			p := filepath.Join(name, e.Name())
			out = append(out, sessionEntry{name: e.Name(), modified: info.ModTime(),
				open: func() (io.ReadCloser, error) { return os.Open(p) }})
		}
		return out, nil
	}
	zr, err := zip.OpenReader(name)
	if err != nil {
		if errors.Is(err, zip.ErrFormat) {
			// A zip cut short (a download stopped) starts as a zip does but has lost
			// the index at its end (tester t10).
			if startsAsZip(name) {
				return nil, fmt.Errorf("%s is a zip, but a damaged or incomplete one (cut short in a download or a copy?): it cannot be read; "+
					"download the export again", name)
			}
			return nil, fmt.Errorf("%s is neither a folder nor a zip of an Open States session export", name)
		}
		return nil, err
	}
	// The zip stays open until the process ends; the verb reads it once.
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		out = append(out, sessionEntry{name: f.Name, modified: f.Modified, open: f.Open, zipped: true})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

// csvTable reads one table row by row, by column name, through csvfile as every
// other import does, as UTF-8 unless the lead named the encoding: a row it cannot read (a
// stray byte in a UTF-8 file, a NUL, a ragged row) refuses the export, naming the
// file, the line and the column.
type csvTable struct {
	file string
	r    *csvfile.Reader
	col  map[string]int
	rec  []string
	at   int       // the line the row read last starts on
	zip  *zipEntry // a zip's entry (nil: a folder's file)
	// named: the table is read in an encoding the lead named.
	named bool
}

func openTable(e sessionEntry, table string) (*csvTable, io.Closer, error) {
	rc, err := e.open()
	if err != nil {
		return nil, nil, err
	}
	t := &csvTable{file: path.Base(e.name), col: map[string]int{}, named: e.encoding != ""}
	if e.zipped {
		t.zip = &zipEntry{ReadCloser: rc}
		rc = t.zip
	}
	t.r, err = csvfile.NewReader(rc, csvfile.Options{Encoding: e.encoding, UTF8: true, ReuseCells: true})
	if err != nil {
		defer rc.Close()
		if d := t.damage(); d != nil {
			return nil, nil, d
		}
		return nil, nil, fmt.Errorf("%s: %w", t.file, err)
	}
	head := t.r.Header()
	for i, h := range head {
		t.col[h] = i
	}
	for _, c := range sessionColumns[table] {
		if _, ok := t.col[c]; !ok {
			rc.Close()
			return nil, nil, fmt.Errorf("%s: no %s column (it has %s)", t.file, c, strings.Join(head, ", "))
		}
	}
	return t, rc, nil
}

// next reads a row; io.EOF at the end.
func (t *csvTable) next() error {
	row, err := t.r.Next()
	if err != nil {
		if d := t.damage(); d != nil {
			return d
		}
		// The advice to read the file as Windows-1252 names the option, and that
		// it reads this table so, not the export's UTF-8 ones (judgeEncodings).
		var ce *csvfile.Error
		if errors.As(err, &ce) && !t.named && strings.HasSuffix(ce.Reason, "read it as Windows-1252") {
			ce.Reason += fmt.Sprintf(" (import session --encoding windows-1252 reads %s so, and the export's tables that are UTF-8 as UTF-8)", t.file)
		}
		if err != io.EOF {
			err = fmt.Errorf("%s: %w", t.file, err)
		}
		return err
	}
	t.rec, t.at = row.Cells, row.Line
	return nil
}

func (t *csvTable) get(col string) string {
	if i, ok := t.col[col]; ok && i < len(t.rec) {
		return strings.TrimSpace(t.rec[i])
	}
	return ""
}

func (t *csvTable) line() int { return t.at }

// doubled refuses the export when a cell of the row read last is UTF-8 read as
// Windows-1252 and saved again ("GÃ³mez": see db.DoubleEncoded), as a legislator
// file is: an export is one legislature's, from one source, so the table was read or
// saved wrong, and a bill's title or a voter's name would be stored garbled (and the
// voter matched by name to no one).
func (t *csvTable) doubled() error {
	for i, c := range t.rec {
		if was, ok := db.DoubleEncoded(c); ok {
			return fmt.Errorf("%s: line %d, column %d (%s): %w", t.file, t.at, i+1, t.r.Header()[i], db.WrongEncodingError(c, was))
		}
	}
	return nil
}

// eachRow reads a table's rows, if the export has it.
func eachTableRow(tables map[string]sessionEntry, table string, fn func(t *csvTable) error) (bool, error) {
	e, ok := tables[table]
	if !ok {
		return false, nil
	}
	t, c, err := openTable(e, table)
	if err != nil {
		return true, err
	}
	defer c.Close()
	for {
		if err := t.next(); err == io.EOF {
			return true, nil
		} else if err != nil {
			return true, err
		}
		if err := t.doubled(); err != nil {
			if d := t.damage(); d != nil {
				return true, d
			}
			return true, err
		}
		if err := fn(t); err != nil {
			if d := t.damage(); d != nil {
				return true, d
			}
			return true, fmt.Errorf("%s line %d: %w", t.file, t.line(), err)
		}
	}
}

func readSessionTables(sf *SessionFile, tables map[string]sessionEntry) error {
	if _, err := eachTableRow(tables, "bills", func(t *csvTable) error {
		if sf.Session == "" {
			sf.Session = t.get("session_identifier")
		} else if s := t.get("session_identifier"); s != sf.Session {
			return fmt.Errorf("bills of two sessions (%s, %s)", db.CutValue(sf.Session), db.CutValue(s))
		}
		sf.Bills = append(sf.Bills, db.SessionBill{OpenStatesID: t.get("id"), Identifier: t.get("identifier"),
			Title: t.get("title"), Chamber: chamberOf(t.get("organization_classification"))})
		return nil
	}); err != nil {
		return err
	}
	if _, err := eachTableRow(tables, "bill_related_bills", func(t *csvTable) error {
		sf.Related = append(sf.Related, db.RelatedBill{BillID: t.get("bill_id"), Identifier: t.get("identifier"),
			Relation: t.get("relation_type")})
		return nil
	}); err != nil {
		return err
	}
	orgs := map[string]string{}
	if _, err := eachTableRow(tables, "organizations", func(t *csvTable) error {
		orgs[t.get("id")] = chamberOf(t.get("classification"))
		return nil
	}); err != nil {
		return err
	}
	has, err := eachTableRow(tables, "bill_sponsorships", func(t *csvTable) error {
		sf.Sponsorships = append(sf.Sponsorships, db.IncomingSponsorship{Line: t.line(), Name: t.get("name"),
			EntityType: t.get("entity_type"), PersonID: t.get("person_id"), BillID: t.get("bill_id"),
			Primary: strings.EqualFold(t.get("primary"), "true"), Classification: t.get("classification")})
		return nil
	})
	if err != nil {
		return err
	}
	if has && sf.Sponsorships == nil {
		sf.Sponsorships = []db.IncomingSponsorship{}
	}
	counts := map[string]*[4]int{}
	if _, err := eachTableRow(tables, "vote_counts", func(t *csvTable) error {
		n, err := strconv.Atoi(t.get("value"))
		if err != nil {
			return fmt.Errorf("value %q is not a number", db.CutValue(t.get("value")))
		}
		c := counts[t.get("vote_event_id")]
		if c == nil {
			c = &[4]int{}
			counts[t.get("vote_event_id")] = c
		}
		opt, ok := voteOption(t.get("option"))
		if !ok {
			return fmt.Errorf("option %q is not a vote ChapterDesk knows (%s)", db.CutValue(t.get("option")), voteOptions)
		}
		c[optionIndex(opt)] += n
		return nil
	}); err != nil {
		return err
	}
	has, err = eachTableRow(tables, "votes", func(t *csvTable) error {
		at, err := parseVoteDate(t.get("start_date"), sessionZone(sf.State))
		if err != nil {
			return err
		}
		rc := db.IncomingRollCall{Line: t.line(), ID: t.get("id"), BillID: t.get("bill_id"),
			Chamber: orgs[t.get("organization_id")], Motion: t.get("motion_text"), StartDate: t.get("start_date"),
			VotedAt: at, Result: t.get("result")}
		if c := counts[rc.ID]; c != nil {
			rc.Yes, rc.No, rc.Other, rc.NotVoting = c[0], c[1], c[2], c[3]
		}
		sf.RollCalls = append(sf.RollCalls, rc)
		return nil
	})
	if err != nil {
		return err
	}
	if has && sf.RollCalls == nil {
		sf.RollCalls = []db.IncomingRollCall{}
	}
	has, err = eachTableRow(tables, "vote_people", func(t *csvTable) error {
		opt, ok := voteOption(t.get("option"))
		if !ok {
			return fmt.Errorf("option %q is not a vote ChapterDesk knows (%s)", db.CutValue(t.get("option")), voteOptions)
		}
		sf.Votes = append(sf.Votes, db.IncomingVote{Line: t.line(), VoteID: t.get("vote_event_id"), Option: opt,
			VoterName: t.get("voter_name"), VoterID: t.get("voter_id")})
		return nil
	})
	if err != nil || !has {
		return err
	}
	if sf.Votes == nil {
		sf.Votes = []db.IncomingVote{}
	}
	return votesAddUp(sf, tables, counts)
}

// votesAddUp checks the members' votes of vote_people against the roll calls of votes
// and their counts (vote_counts), as a table cut short or of another export was taken
// as the whole record, without a word (tester t10: `head -n 1300` gave five of a bill's
// sixteen roll calls without a member's vote, an amendment 35 votes where its counts
// were 17 to 138). It refuses the export when vote_people names a roll call that votes
// does not give, when the yes or no votes it lists of a roll call differ from its
// counts by more than one member, or when it lists no member on a roll call with
// counts while listing members on the chamber's others. A journal may list one member
// more or less than the clerk's count (Massachusetts' lists 145 yes of a count of 144
// three times): such a roll call is kept as listed, the difference said
// (IncomingRollCall.VotesDiffer). Only yes and no are compared: they are what the
// record judges, and Massachusetts counts no "not voting" its journal lists.
func votesAddUp(sf *SessionFile, tables map[string]sessionEntry, counts map[string]*[4]int) error {
	peopleFile := path.Base(tables["vote_people"].name)
	listed := map[string]*[4]int{}
	lines := map[string][]int{}
	// A member given twice by voter_id with the same vote is one vote (the import keeps
	// it once, and says it was listed twice): counted once here too (tester t11: "140
	// yes listed, the counts say 139" of a row given twice).
	once := map[[4]string]bool{}
	for _, v := range sf.Votes {
		if listed[v.VoteID] == nil {
			listed[v.VoteID] = &[4]int{}
		}
		lines[v.VoteID] = append(lines[v.VoteID], v.Line)
		if k := [4]string{v.VoteID, v.VoterID, v.Option, strings.TrimSpace(v.VoterName)}; v.VoterID != "" {
			if once[k] {
				continue
			}
			once[k] = true
		}
		listed[v.VoteID][optionIndex(v.Option)]++
	}
	known := map[string]bool{}
	for _, rc := range sf.RollCalls {
		known[rc.ID] = true
	}
	var unknown []string
	for _, v := range sf.Votes {
		if known[v.VoteID] {
			continue
		}
		known[v.VoteID] = true
		unknown = append(unknown, fmt.Sprintf("%s (%s)", v.VoteID, lineSpan(lines[v.VoteID])))
	}
	if len(unknown) > 0 {
		votesFile := "the votes table"
		if e, ok := tables["votes"]; ok {
			votesFile = path.Base(e.name)
		}
		return fmt.Errorf("%s names %d %s not in %s: %s. The two are not of one export, or %s is cut short: nothing was imported; "+
			"download the export again", peopleFile, len(unknown), plural(len(unknown), "roll call", "roll calls"), votesFile,
			firstFew(unknown), votesFile)
	}
	if _, ok := tables["vote_counts"]; !ok {
		return nil
	}
	listsChamber := map[string]bool{}
	for _, rc := range sf.RollCalls {
		if listed[rc.ID] != nil {
			listsChamber[rc.Chamber] = true
		}
	}
	identifiers := map[string]string{}
	for _, b := range sf.Bills {
		identifiers[b.OpenStatesID] = b.Identifier
	}
	zone := sessionZone(sf.State)
	var differ, none []string
	noneIn := map[string]int{}
	for i := range sf.RollCalls {
		rc := &sf.RollCalls[i]
		c := counts[rc.ID]
		if c == nil {
			continue
		}
		name := fmt.Sprintf("%s, %q (%s)", orBillID(identifiers[rc.BillID], rc.BillID), rc.Motion, rc.VotedAt.In(zone).Format(time.DateOnly))
		l := listed[rc.ID]
		if l == nil {
			if c[0]+c[1] > 0 && listsChamber[rc.Chamber] {
				none = append(none, fmt.Sprintf("%s: none listed, the counts say %d yes, %d no", name, c[0], c[1]))
				noneIn[rc.Chamber]++
			}
			continue
		}
		dy, dn := l[0]-c[0], l[1]-c[1]
		switch {
		case dy == 0 && dn == 0:
		case dy >= -1 && dy <= 1 && dn >= -1 && dn <= 1:
			var parts []string
			if dy != 0 {
				parts = append(parts, fmt.Sprintf("%d yes listed, the counts say %d", l[0], c[0]))
			}
			if dn != 0 {
				parts = append(parts, fmt.Sprintf("%d no listed, the counts say %d", l[1], c[1]))
			}
			rc.VotesDiffer = name + ": " + strings.Join(parts, "; ")
		default:
			differ = append(differ, fmt.Sprintf("%s: %d listed (%d yes, %d no), the counts say %d yes, %d no",
				name, len(lines[rc.ID]), l[0], l[1], c[0], c[1]))
		}
	}
	if len(differ)+len(none) == 0 {
		return nil
	}
	var what []string
	if len(differ) > 0 {
		what = append(what, fmt.Sprintf("on %d %s the members' votes it lists do not add up to the counts (%s)",
			len(differ), plural(len(differ), "roll call", "roll calls"), firstFew(differ)))
	}
	if len(none) > 0 {
		var of []string
		for _, ch := range slices.Sorted(maps.Keys(noneIn)) {
			of = append(of, fmt.Sprintf("%d %s of %s", noneIn[ch], plural(noneIn[ch], "roll call", "roll calls"), chamberName(ch)))
		}
		what = append(what, fmt.Sprintf("it lists no member's vote on %s, whose counts are given, while it lists them on the "+
			"chamber's others (%s)", strings.Join(of, " and "), firstFew(none)))
	}
	return fmt.Errorf("%s looks cut short, or is not of the same export as %s: %s. A roll call whose votes differ from its counts by one "+
		"member is taken, and said; these differ more: nothing was imported; download the export again",
		peopleFile, path.Base(tables["vote_counts"].name), strings.Join(what, "; and "))
}

// lineSpan says where a roll call's rows are: "lines 2-11", or how many and between
// which lines when others come between them.
func lineSpan(lines []int) string {
	lo, hi := slices.Min(lines), slices.Max(lines)
	switch {
	case len(lines) == 1:
		return fmt.Sprintf("line %d", lo)
	case hi-lo+1 == len(lines):
		return fmt.Sprintf("lines %d-%d", lo, hi)
	}
	return fmt.Sprintf("%d rows between lines %d and %d", len(lines), lo, hi)
}

// firstFew joins the first five of a list, saying how many more there are.
func firstFew(list []string) string {
	if len(list) <= 5 {
		return strings.Join(list, "; ")
	}
	return strings.Join(list[:5], "; ") + fmt.Sprintf("; and %d more", len(list)-5)
}

func plural(n int, one, more string) string {
	if n == 1 {
		return one
	}
	return more
}

// orBillID is a bill's identifier, or its Open States id when the bills table does not
// give it.
func orBillID(identifier, id string) string {
	if identifier != "" {
		return identifier
	}
	return id
}

// chamberName names a chamber (upper, lower) in a sentence.
func chamberName(ch string) string {
	switch ch {
	case "upper":
		return "the Senate"
	case "lower":
		return "the House"
	}
	return "no chamber the export names"
}

// chamberOf reads an organization classification as a chamber (” for the whole
// legislature, a committee, or nothing said).
func chamberOf(class string) string {
	switch class {
	case "upper", "lower":
		return class
	}
	return ""
}

// optionIndex places a vote option (as voteOption reads it) among yes, no, other and
// not voting.
func optionIndex(opt string) int {
	switch opt {
	case "yes":
		return 0
	case "no":
		return 1
	case "not voting", "absent", "excused":
		return 3
	}
	return 2
}

// voteOption reads a vote as the record keeps it: Open States' options (yes, no,
// not voting, absent, excused, abstain, paired, other) whatever their case, and the
// words journals use for them ("Yea", "Aye", "Y"; "Nay", "N"; "NV"). ok is false for
// any other text: read as no vote, a "YES" would take a member's vote off the record
// without a word (tester t6).
func voteOption(raw string) (opt string, ok bool) {
	o := strings.Join(strings.FieldsFunc(strings.ToLower(raw), func(r rune) bool {
		return r == ' ' || r == '_' || r == '-' || r == '\t'
	}), " ")
	switch o {
	case "yes", "yea", "aye", "ay", "y":
		return "yes", true
	case "no", "nay", "n":
		return "no", true
	case "not voting", "nv", "did not vote":
		return "not voting", true
	case "absent", "excused", "abstain", "paired", "other":
		return o, true
	case "abstained", "abstention":
		return "abstain", true
	case "present":
		return "other", true
	}
	return raw, false
}

// voteOptions lists the options voteOption reads, for a refusal.
const voteOptions = "yes, no, not voting, absent, excused, abstain, paired, other (or a journal's yea, aye, nay, NV)"

// sessionZone is the zone of a session export's state's legislature, in which its
// dates and times without a zone are read; this computer's for a state not known.
func sessionZone(state string) *time.Location {
	z, _ := db.StateZone(state)
	return z.Loc
}

// parseVoteDate reads a roll call's start_date: RFC 3339, or a date and time or a date
// alone in the legislature's zone, as the app reads every date without one.
func parseVoteDate(s string, zone *time.Location) (time.Time, error) {
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, zone); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("start_date %q is not a date", db.CutValue(s))
}
