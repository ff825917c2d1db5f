package importer

import (
	"cmp"
	"context"
	"fmt"
	"github.com/google/uuid"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer/csvfile"
	"github.com/chapterdesk/chapterdesk/importer/format"
	"github.com/chapterdesk/chapterdesk/stream"
)

// Calls is a call report form export read whole and checked, ready for
// db.ImportCalls: for small files and tests (a long file is read while it is
// imported: see CallFile).
type Calls struct {
	*CallFile
	Rows []db.IncomingCall
}

// CallFile is a call report form export opened to be read while it is imported
// (Rows), so memory stays flat however long the form's history is. The counts and
// problems fill as the rows are read.
type CallFile struct {
	FileInfo
	lastDay  lastDay // see clockOf
	NotCalls int     // answers that say no call was made ("Emailed instead"), left out
	// NotCallAnswers are those answers as the file wrote them ("Sent an email"), each
	// with the line of its first row, up to maxNotCallAnswers: the output quotes the
	// file, not the form's own wording.
	NotCallAnswers []ReadAs
	Problems       []*Problem // rows left out, with why
	// rejected are the rows left out with their cells, for WriteRejects: kept only
	// when bad rows are skipped (a file with bad rows is refused otherwise).
	rejected []Rejected
	keepBad  bool
	t        *table
	legCol   int // the legislator column (1-based) and its name, for WriteRejects
	legName  string
	distCol  int // ChapterDesk's export's "district" column (0-based), -1 when none
	chamCol  int // and its "chamber" column
	// How each distinct answer to the form's questions reads (see check): a form has
	// a handful of answers to each in a million rows. Profiled on such a file,
	// reading every row's answers anew was a tenth of the reading goroutine's time.
	happened memo[happenedAnswer]
	stances  memo[parsedAnswer]
	offices  memo[parsedAnswer]
	// DayFirst counts the rows left out as their time is written day first
	// ("13/02/2025 10:00"); EitherWay the times read month first that are another day
	// read day first ("03/02/2025 10:00"), FirstEitherWay the first of them. A file
	// with both writes its days first, and those read month first may be filed on
	// the wrong day: the import says so (a row is read before the file's later rows
	// can tell its order, as a volunteer's joined date is).
	DayFirst, EitherWay int
	FirstEitherWay      EitherWayTime
	firstDayFirst       EitherWayTime // the first time left out as written day first
	dayFirst            bool          // Options.DayFirst: the file writes its days first
	now                 time.Time     // a call after it is in the future (see db.CallDateProblem)
	// Repeated counts the times written without a zone that the legislature's clock
	// passes twice (1:30 on the November night the clocks go back), read as the first,
	// daylight time (see db.Zone.ReadWallClock); FirstRepeated is the first of them.
	Repeated      int
	FirstRepeated EitherWayTime
	// DayFirstHeader is the time column's name when it is a form's timestamp in a
	// language whose sheets often write the day first ("Marca temporal", see
	// format.DayFirstTimestamp), "" otherwise or when the file is read day first:
	// the times read either way (EitherWay) are then said, as they may be read on
	// the wrong day.
	DayFirstHeader string
	// zone is the legislature's, a time written without one is read on (see InZone).
	zone db.Zone
	// BlankStances counts the stances heard written as no answer ("N/A", "-",
	// "none"): read as an empty cell is, nothing heard, and said in the summary.
	BlankStances ReadAs
	// BothOffices counts the offices answered "Both" (or the State House and the
	// district office): a report is one call, filed under Other, and the summary
	// says so.
	BothOffices ReadAs
	// NotSaidStances counts the stances heard that say nothing of the legislator's
	// stance though they may read as one ("Will look into it", a staffer taking a
	// message; "Not sure", "no sé"): read as Didn't say, which moves no whip count,
	// and said in the summary (see format.NothingHeard).
	NotSaidStances ReadAs
	// DayOnly counts the times written as a day without a time ("12/4/2026"): filed
	// at noon of that day (see db.IncomingCall.DayOnly), and said in the summary.
	DayOnly ReadAs
	// NoCaller counts the reports that give no caller at all (no name, email, town
	// or volunteer UUID): filed with no caller, and said in the summary (they were
	// filed without a word, tester s41).
	NoCaller ReadAs
	// NoCallerTown counts those that give the caller's town alone (no name, email or
	// volunteer UUID), with the first town: filed with no caller, the town kept in the
	// report's notes (see db.NoCallerTownNote), and said in the summary (s47).
	NoCallerTown ReadAs
	// EmojiStances counts the stances heard written as an emoji (👍 Yes, 👎 No, 🤷
	// Didn't say; see format.ParseStance), said in the summary: a reading to check.
	EmojiStances ReadAs
	// The rows of each check above, as read (Filed says the checks of the rows the
	// store filed).
	eitherWayRows, repeatedRows, blankRows, bothRows, notSaidRows, dayOnlyRows, emojiRows, noCallerRows, noCallerTownRows checkRows
}

// maxNotCallAnswers is how many distinct answers saying no call was made are quoted.
const maxNotCallAnswers = 3

// notCall counts a row whose answer says no call was made, keeping the answer as
// written the first time it is seen.
func (f *CallFile) notCall(line int, answer string) {
	f.NotCalls++
	for _, a := range f.NotCallAnswers {
		if a.Value == answer {
			return
		}
	}
	if len(f.NotCallAnswers) < maxNotCallAnswers {
		f.NotCallAnswers = append(f.NotCallAnswers, ReadAs{Count: 1, Line: line, Value: strings.Clone(answer)})
	}
}

// checkRows are the rows a check found as the file was read: every row's line, and
// the first few rows with the value and the time read, to say the check of the rows
// filed once the store has left some out (CallFile.Filed).
type checkRows struct {
	lines []int32
	first []EitherWayTime
}

// maxCheckExamples is how many rows of a check keep their value: enough for one of
// them to be filed, unless most of the file was left out.
const maxCheckExamples = 64

func (c *checkRows) add(line int, value string, read time.Time) {
	c.lines = append(c.lines, int32(line))
	if len(c.first) < maxCheckExamples {
		c.first = append(c.first, EitherWayTime{Line: line, Value: strings.Clone(value), Read: read})
	}
}

// filed counts the rows not left out, and gives the first of them (its Value "" if
// none of those that kept one was filed).
func (c *checkRows) filed(leftOut map[int]bool) (n int, first EitherWayTime) {
	for _, l := range c.lines {
		if !leftOut[int(l)] {
			if n++; n == 1 {
				first.Line = int(l)
			}
		}
	}
	for _, r := range c.first {
		if !leftOut[r.Line] {
			return n, r
		}
	}
	return n, first
}

// Filed makes the checks (EitherWay, Repeated, BlankStances, BothOffices,
// NotSaidStances, DayOnly, EmojiStances, NoCaller, NoCallerTown), counted
// as the rows were read, say the rows the store filed: not those it left out
// (leftOut: which legislator or caller is unclear, a possible duplicate, garbled
// text), so that no count or example names a row the lead finds in no report.
func (f *CallFile) Filed(leftOut []db.UnresolvedCall) {
	out := make(map[int]bool, len(leftOut))
	for _, u := range leftOut {
		out[u.Line] = true
	}
	f.EitherWay, f.FirstEitherWay = f.eitherWayRows.filed(out)
	f.Repeated, f.FirstRepeated = f.repeatedRows.filed(out)
	for _, c := range []struct {
		rows *checkRows
		as   *ReadAs
	}{{&f.blankRows, &f.BlankStances}, {&f.bothRows, &f.BothOffices}, {&f.notSaidRows, &f.NotSaidStances}, {&f.dayOnlyRows, &f.DayOnly}, {&f.emojiRows, &f.EmojiStances},
		{&f.noCallerRows, &f.NoCaller}, {&f.noCallerTownRows, &f.NoCallerTown}} {
		n, first := c.rows.filed(out)
		*c.as = ReadAs{Count: n, Line: first.Line, Value: first.Value}
	}
}

// ReadAs counts the answers of a question read as another answer, with the first.
type ReadAs struct {
	Count int
	Line  int
	Value string
}

func (r *ReadAs) add(line int, value string) {
	if r.Count++; r.Count == 1 {
		r.Line, r.Value = line, strings.Clone(value)
	}
}

// InZone sets the legislature's zone, on whose clock the rows' times written without
// one are checked: a time its clocks skip is a bad row, one later than now is in the
// future (db.CallDateProblem). db.CallImportOptions.Zoned calls it before the first
// row is read; a file read without it is checked on this computer's clock, as a
// store that knows no state reads it.
func (f *CallFile) InZone(z db.Zone) { f.zone = z }

// EitherWayTime is a call time read month first that reads day first too.
type EitherWayTime struct {
	Line  int
	Value string
	Read  time.Time // as read, month first
}

// eitherWay reports whether stamp, read as when, writes its month and day as two
// numbers that could be the other way round: "03/02/2025 10:00", not "3/3/2025" nor
// "2025-03-02".
func eitherWay(stamp string, when time.Time) bool {
	if i := strings.IndexByte(stamp, '/'); i < 1 || i > 2 {
		return false
	}
	return when.Day() <= 12 && when.Day() != int(when.Month())
}

// lastDay is the date part of the last stamp read in full (see clockOf), when it
// read as the day of when (and, read the other way, of other; zero for none) at the
// stamp's own clock.
type lastDay struct {
	date        string
	when, other time.Time
}

// clockOf splits a stamp written "DATE H:MM" or "DATE H:MM:SS" into its date part and
// its clock, ok only for that form exactly: digits, an hour under 24, minutes and
// seconds under 60, no AM/PM nor zone after it.
func clockOf(stamp string) (date string, h, m, s int, ok bool) {
	i := strings.LastIndexByte(stamp, ' ')
	if i < 1 {
		return "", 0, 0, 0, false
	}
	date, clock := stamp[:i], stamp[i+1:]
	hour, rest, ok1 := strings.Cut(clock, ":")
	min, sec, hasSec := strings.Cut(rest, ":")
	if !ok1 || len(hour) < 1 || len(hour) > 2 || len(min) != 2 || hasSec && len(sec) != 2 {
		return "", 0, 0, 0, false
	}
	for _, r := range hour + min + sec {
		if r < '0' || r > '9' {
			return "", 0, 0, 0, false
		}
	}
	h, _ = strconv.Atoi(hour)
	m, _ = strconv.Atoi(min)
	if hasSec {
		s, _ = strconv.Atoi(sec)
	}
	if h > 23 || m > 59 || s > 59 {
		return "", 0, 0, 0, false
	}
	return date, h, m, s, true
}

// atClock reports whether t reads h:m:s.
func atClock(t time.Time, h, m, s int) bool {
	th, tm, ts := t.Clock()
	return th == h && tm == m && ts == s
}

// otherReading is a d/m/y time written without a zone that reads as another day
// with its day and month the other way round ("02/11/2026 14:05"), read that other
// way (day first when the file is read month first, and the reverse), its fields in
// UTC: the store finds a call an earlier import filed so (db.IncomingCall.OtherWay).
// Zero for any other time. when is the time as the file is read: the other reading
// has its day for month, so a day after the 12th, or the month's own number, has
// none, and the cell is not parsed again (on a million-row form, 0.5 s of CPU).
func otherReading(stamp string, when time.Time, zoned, dayFirst bool) time.Time {
	if zoned || when.Day() > 12 || when.Day() == int(when.Month()) {
		return time.Time{}
	}
	if m, d := format.SlashOrders(stamp); !m || !d {
		return time.Time{}
	}
	other := format.DayFirst(stamp)
	if dayFirst {
		other = stamp
	}
	t, z, ok := format.ParseDateZoned(other)
	if !ok || z {
		return time.Time{}
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// happenedAnswer is how an answer to "what happened" reads.
type happenedAnswer struct {
	notACall bool
	outcome  string
	ok       bool
}

// parsedAnswer is a code a format.Parse function read, and whether it could;
// readAs is set when the answer was read as another (see CallFile.BlankStances,
// CallFile.BothOffices).
type parsedAnswer struct {
	code    string
	ok      bool
	readAs  bool
	notSaid bool // a stance read as Didn't say that a lead may read one in (see CallFile.NotSaidStances)
	emoji   bool // a stance read from an emoji (see CallFile.EmojiStances)
}

// memo remembers what parse gave for each distinct text, up to memoMax texts (a
// question answered in free text could have a new answer on every row).
type memo[T any] map[string]T

const memoMax = 256

func (m *memo[T]) get(s string, parse func(string) T) T {
	if v, ok := (*m)[s]; ok {
		return v
	}
	v := parse(s)
	if *m == nil {
		*m = memo[T]{}
	}
	if len(*m) < memoMax {
		(*m)[strings.Clone(s)] = v // not the row's memory, which the cell may share
	}
	return v
}

func readHappened(s string) happenedAnswer {
	if format.NotACall(s) {
		return happenedAnswer{notACall: true}
	}
	code, ok := format.ParseOutcome(s)
	return happenedAnswer{outcome: code, ok: ok}
}

func readStance(s string) parsedAnswer {
	code, ok := format.ParseStance(s)
	return parsedAnswer{code: code, ok: ok, readAs: ok && code == "" && s != "", notSaid: ok && format.NothingHeard(s),
		emoji: ok && format.IsEmojiStance(s)}
}

func readOffice(s string) parsedAnswer {
	code, ok := format.ParseOffice(s)
	return parsedAnswer{code: code, ok: ok, readAs: format.BothOffices(s)}
}

// ReadCalls reads the CSV of an online call report form (Timestamp, Your name, Your
// email, Your town, Legislator called, Which office, What happened?, What did they
// say about the bill?, Notes: columns recognised by their names, in any order).
func ReadCalls(r io.Reader, forced string) (*Calls, error) {
	return ReadCallsWith(r, Options{Format: forced})
}

// ReadCallsWith is ReadCalls for a form export read with a column mapping of the
// lead's, or recognised by a saved one (see Options): a form whose questions are
// worded its own way is mapped once and known afterwards.
func ReadCallsWith(r io.Reader, opts Options) (*Calls, error) {
	f, err := OpenCallsWith(r, opts)
	if err != nil {
		return nil, err
	}
	out := &Calls{CallFile: f}
	f.keepBad = true
	err = f.each(func(in db.IncomingCall, _ []string, p *Problem) bool {
		if p == nil {
			out.Rows = append(out.Rows, in)
		}
		return true
	})
	return out, err
}

// OpenCallsWith reads the header of a call report form export and works out its
// columns (see ReadCallsWith); Rows reads the rest.
func OpenCallsWith(r io.Reader, opts Options) (*CallFile, error) {
	t, err := open(r, opts, format.KindCalls)
	if err != nil {
		return nil, err
	}
	if err := t.callerRead(opts); err != nil {
		return nil, err
	}
	f := &CallFile{FileInfo: t.info(), t: t, now: time.Now(), dayFirst: opts.DayFirst}
	f.legCol, f.legName = t.column(format.Legislator)
	f.distCol = exportDistrictColumn(f.Header, t.m)
	f.chamCol = exportColumn(f.Header, t.m, "chamber")
	if _, name := t.column(format.CalledAt); !opts.DayFirst && format.DayFirstTimestamp(name) {
		f.DayFirstHeader = name
	}
	return f, nil
}

// exportDistrictColumn is the column of ChapterDesk's own call export that holds
// the legislator's district (its header names it "district", beside "legislator"
// and "uuid"), -1 in any other file: a form's "District" may be the caller's own.
func exportDistrictColumn(header []string, m format.Mapping) int {
	return exportColumn(header, m, "district")
}

// exportColumn is the column of ChapterDesk's own call export named name (see
// exportDistrictColumn), -1 in any other file.
func exportColumn(header []string, m format.Mapping, name string) int {
	if _, ok := m.Columns[format.ReportUUID]; !ok || !slices.Contains(header, "legislator") {
		return -1
	}
	return slices.Index(header, name)
}

// cellAt is cells[i], trimmed, or "" when the row has no such cell.
func cellAt(cells []string, i int) string {
	if i < 0 || i >= len(cells) {
		return ""
	}
	return strings.TrimSpace(cells[i])
}

// callerRead refuses a form recognised by its column names that reads no caller's
// name (nor ChapterDesk's volunteer_uuid) while some of its columns are not read: one
// of them is most likely the caller's, worded as no form ChapterDesk knows, and its
// reports would be filed under nobody, or under a volunteer named by their email,
// without a word. The lead's own mapping (--map, a saved one) is taken as it is.
func (t *table) callerRead(opts Options) error {
	if opts.Columns != nil || t.preset != "" || t.m.Has(format.CallerName) || t.m.Has(format.CallerUUID) {
		return nil
	}
	notRead := format.NotRead(t.r.Header(), t.m)
	if len(notRead) == 0 {
		return nil
	}
	return fmt.Errorf("no column of the file is read as the caller's name (Your name, Caller, Volunteer name, Nombre, Nome, …), and %s not read: if one holds who made the call, map it yourself (--map caller_name=%q, or the custom column mapping); nothing imported",
		quotedList(notRead), notRead[0])
}

// quotedList names columns: `"A" is` or `"A", "B" are`.
func quotedList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	if len(q) == 1 {
		return q[0] + " is"
	}
	return strings.Join(q, ", ") + " are"
}

// Rows is the file as a db.CallSource. The file is read and each row checked on a
// goroutine of its own while the store writes the rows before it. A row that cannot
// be imported ends the import with ErrBadRows once the rest of the file is read (so
// Problems lists every bad row), unless skipBad is set: then it is left out, listed in
// Problems and kept for WriteRejects.
func (f *CallFile) Rows(skipBad bool) db.CallSource {
	return func(fn func(*db.IncomingCall) error) error {
		f.keepBad = skipBad
		var readErr error
		err := stream.PipeReusing(context.Background(), func(emit func(db.IncomingCall) bool) {
			bad := false
			readErr = f.each(func(in db.IncomingCall, _ []string, p *Problem) bool {
				if p != nil {
					bad = bad || !skipBad
					return true
				}
				return bad || emit(in)
			})
		}, fn)
		if err == nil && readErr == nil && f.DayFirst > 0 && f.EitherWay > 0 {
			return f.dayOrderError()
		}
		return streamEnd(err, readErr, len(f.Problems), skipBad)
	}
}

// dayOrderError refuses a file that writes some of its times day first ("13/11/2025")
// while others, read month first as they came, read day first too: those would be
// filed months from the day the call was made. The rows are read before the file's
// later rows can tell its order, so the whole import is refused, and --day-first
// reads the file again, every date day first.
func (f *CallFile) dayOrderError() error {
	return &DayOrderError{DayFirst: f.firstDayFirst, EitherWay: f.FirstEitherWay, Others: f.EitherWay}
}

// DayOrderError refuses a call form read month first that writes some times day
// first while others read either way (see CallFile.dayOrderError): DayFirst is the
// first time written day first, EitherWay the first that reads either way, Others
// how many do. Its Error names --day-first; Found is what was found, for a front end
// that names its own way to read the file day first.
type DayOrderError struct {
	DayFirst, EitherWay EitherWayTime
	Others              int
}

// Found says what the file holds and that nothing was imported.
func (e *DayOrderError) Found() string {
	times := fmt.Sprintf("%d other times read", e.Others)
	if e.Others == 1 {
		times = "1 other time reads"
	}
	return fmt.Sprintf("this file writes its days first (line %d: %q), and %s either way (line %d: %q, %s month first): nothing imported, rather than file calls on the wrong day",
		e.DayFirst.Line, e.DayFirst.Value, times, e.EitherWay.Line, e.EitherWay.Value, e.EitherWay.Read.Format("2 January 2006"))
}

func (e *DayOrderError) Error() string {
	return e.Found() + "; if every date of it is written day first, import it with --day-first"
}

// each reads the rows, calling fn with each good row or a row's problem (which it
// also adds to Problems), until fn returns false or the file ends. A file that
// cannot be read on is returned.
func (f *CallFile) each(fn func(in db.IncomingCall, cells []string, p *Problem) bool) error {
	t := f.t
	return t.each(func(row csvfile.Row, p *Problem) bool {
		var in db.IncomingCall
		notCall := false
		if p == nil {
			in, notCall, p = f.check(row.Line, row.Cells)
		}
		if notCall {
			// Not a call, so not a bad row; but left out all the same, so in the
			// rejects file with the rest (a lead imports it again as a call if it was one).
			answer := format.CleanText(t.m.Get(row.Cells, format.Outcome))
			f.notCall(row.Line, answer)
			if f.keepBad {
				col, name := t.columnIn(row.Cells, format.Outcome)
				f.rejected = append(f.rejected, Rejected{Cells: row.Cells, Problem: &Problem{Line: row.Line, Column: col, Name: name,
					Reason: fmt.Sprintf("%q says no call was made: left out", answer)}})
			}
			return true
		}
		if p != nil {
			f.Problems = append(f.Problems, p)
			if f.keepBad {
				f.rejected = append(f.rejected, Rejected{Cells: row.Cells, Problem: p})
			}
		}
		return fn(in, row.Cells, p)
	})
}

// check reads one row: a report, an answer that says no call was made, or a problem.
func (f *CallFile) check(line int, cells []string) (db.IncomingCall, bool, *Problem) {
	t := f.t
	problem := func(fd format.Field, reason string) *Problem {
		col, name := t.columnIn(cells, fd)
		return &Problem{Line: line, Column: col, Name: name, Reason: reason}
	}
	get := func(fd format.Field) string { return format.CleanText(t.m.Get(cells, fd)) }
	happened := get(format.Outcome)
	h := f.happened.get(happened, readHappened)
	if h.notACall {
		return db.IncomingCall{}, true, nil
	}
	outcome, ok := h.outcome, h.ok
	if !ok || outcome == "" {
		return db.IncomingCall{}, false, problem(format.Outcome, fmt.Sprintf("%q is not an outcome ChapterDesk knows (spoke with the legislator or staff, voicemail, busy, no answer, wrong number, in English, Spanish or Portuguese)", happened))
	}
	stamp := get(format.CalledAt)
	read := stamp
	if f.dayFirst {
		read = format.DayFirst(stamp)
	}
	// A form's rows come in time order, many a day: a stamp whose date part is the
	// last one's, and whose clock is plainly H:MM[:SS], reads as that day at that
	// clock, without parsing it again (with its other reading, below: 0.4 s of CPU a
	// million rows).
	date, hh, mm, ss, clocked := clockOf(stamp)
	sameDay := clocked && !f.dayFirst && f.lastDay.date != "" && date == f.lastDay.date
	var when time.Time
	var zoned bool
	if sameDay {
		d := f.lastDay.when
		when, ok = time.Date(d.Year(), d.Month(), d.Day(), hh, mm, ss, 0, d.Location()), true
	} else {
		when, zoned, ok = format.ParseDateZoned(read)
	}
	if !ok {
		reason := fmt.Sprintf("%q is not a date and time", stamp)
		if off, ok := format.WeekdayOff(stamp); ok {
			reason = fmt.Sprintf("%q: %s", stamp, format.WeekdayOffReason(off))
		} else if _, dayFirst := format.SlashOrders(stamp); dayFirst && !f.dayFirst {
			reason = fmt.Sprintf("%q: %s", stamp, format.DayFirstReason)
			if f.DayFirst++; f.DayFirst == 1 {
				f.firstDayFirst = EitherWayTime{Line: line, Value: strings.Clone(stamp)}
			}
		}
		return db.IncomingCall{}, false, problem(format.CalledAt, reason)
	}
	// at is the instant the store will file: a form's wall-clock time is read on the
	// legislature's clock (db.Store.Zone), where a call is in the future or not.
	at, repeated := when, false
	var written time.Time
	if !zoned {
		written = time.Date(when.Year(), when.Month(), when.Day(), when.Hour(), when.Minute(), when.Second(), 0, time.UTC)
		var skipped string
		if at, skipped, repeated = f.zone.ReadWallClock(written); skipped != "" {
			return db.IncomingCall{}, false, problem(format.CalledAt, fmt.Sprintf("%q: %s", stamp, skipped))
		}
	}
	if why := db.CallDateProblem(at, f.now); why != "" {
		return db.IncomingCall{}, false, problem(format.CalledAt, fmt.Sprintf("%q: %s", stamp, why))
	}
	either, monthFirst := !f.dayFirst && eitherWay(stamp, when), when
	var otherWay time.Time
	if o := f.lastDay.other; sameDay && !o.IsZero() {
		otherWay = time.Date(o.Year(), o.Month(), o.Day(), hh, mm, ss, 0, o.Location())
	} else if !sameDay {
		otherWay = otherReading(stamp, when, zoned, f.dayFirst)
		f.lastDay = lastDay{}
		if clocked && !f.dayFirst && !zoned && atClock(when, hh, mm, ss) && (otherWay.IsZero() || atClock(otherWay, hh, mm, ss)) {
			f.lastDay = lastDay{date: strings.Clone(date), when: when, other: otherWay}
		}
	}
	if !zoned {
		when = written
	}
	st := f.stances.get(get(format.StanceHeard), readStance)
	stance, ok := st.code, st.ok
	if !ok {
		reason := fmt.Sprintf("%q is not a stance ChapterDesk knows", get(format.StanceHeard))
		if why := format.StanceAmbiguity(get(format.StanceHeard)); why != "" {
			reason = fmt.Sprintf("%q %s: write the stance meant", get(format.StanceHeard), why)
		}
		return db.IncomingCall{}, false, problem(format.StanceHeard, reason)
	}
	of := f.offices.get(get(format.Office), readOffice)
	office, ok := of.code, of.ok
	if !ok {
		return db.IncomingCall{}, false, problem(format.Office, fmt.Sprintf("%q is neither the State House nor the district office", get(format.Office)))
	}
	if office == "" {
		// A form that asks which office and got no answer did not say: "other" (not
		// known), never the State House as if the caller had said so. A form that does
		// not ask is read as the State House, where a campaign's callers call.
		office = string(db.OfficeCapitol)
		if t.m.Has(format.Office) {
			office = string(db.OfficeOther)
		}
	}
	if get(format.Legislator) == "" {
		return db.IncomingCall{}, false, problem(format.Legislator, "the report does not say which legislator was called")
	}
	var chamber db.Chamber
	if cell := cellAt(cells, f.chamCol); cell != "" {
		ch, ok := format.ParseChamber(cell)
		if !ok {
			return db.IncomingCall{}, false, &Problem{Line: line, Column: f.chamCol + 1, Name: f.Header[f.chamCol],
				Reason: fmt.Sprintf("%q is not a chamber (House or Senate)", cell)}
		}
		chamber = db.Chamber(ch)
	}
	id := get(format.ReportUUID)
	if id != "" {
		if _, err := uuid.Parse(id); err != nil {
			return db.IncomingCall{}, false, problem(format.ReportUUID, fmt.Sprintf("%q is not a report's UUID", id))
		}
	}
	caller := get(format.CallerUUID)
	if caller != "" {
		if _, err := uuid.Parse(caller); err != nil {
			return db.IncomingCall{}, false, problem(format.CallerUUID, fmt.Sprintf("%q is not a volunteer's UUID", caller))
		}
	}
	// The checks count the rows read whole, not one refused for a later cell.
	if repeated {
		if f.Repeated++; f.Repeated == 1 {
			f.FirstRepeated = EitherWayTime{Line: line, Value: strings.Clone(stamp), Read: at}
		}
		f.repeatedRows.add(line, stamp, at)
	}
	if either {
		if f.EitherWay++; f.EitherWay == 1 {
			f.FirstEitherWay = EitherWayTime{Line: line, Value: strings.Clone(stamp), Read: monthFirst}
		}
		f.eitherWayRows.add(line, stamp, monthFirst)
	}
	if st.readAs {
		f.BlankStances.add(line, get(format.StanceHeard))
		f.blankRows.add(line, get(format.StanceHeard), time.Time{})
	}
	dayOnly := !zoned && !strings.Contains(stamp, ":") && written.Hour() == 0 && written.Minute() == 0
	if dayOnly {
		f.DayOnly.add(line, stamp)
		f.dayOnlyRows.add(line, stamp, time.Time{})
	}
	if st.notSaid {
		f.NotSaidStances.add(line, get(format.StanceHeard))
		f.notSaidRows.add(line, get(format.StanceHeard), time.Time{})
	}
	if st.emoji {
		f.EmojiStances.add(line, get(format.StanceHeard))
		f.emojiRows.add(line, get(format.StanceHeard), time.Time{})
	}
	if of.readAs {
		f.BothOffices.add(line, get(format.Office))
		f.bothRows.add(line, get(format.Office), time.Time{})
	}
	// A name typed for none ("(no name given)", "[none]", "n/a") is none (db.NoName),
	// and so is a placeholder email (none@none.com: db.PlaceholderEmail).
	if email := get(format.CallerEmail); caller == "" && db.NoName(get(format.CallerName)) && (email == "" || db.PlaceholderEmail(email)) {
		if town := get(format.CallerTown); town == "" {
			f.NoCaller.add(line, "")
			f.noCallerRows.add(line, "", time.Time{})
		} else {
			f.NoCallerTown.add(line, town)
			f.noCallerTownRows.add(line, town, time.Time{})
		}
	}
	return db.IncomingCall{Line: line, UUID: id, CallerUUID: caller, CallerName: get(format.CallerName),
		CallerEmail: get(format.CallerEmail), CallerTown: get(format.CallerTown), Legislator: get(format.Legislator), LegislatorDistrict: cellAt(cells, f.distCol), LegislatorChamber: chamber,
		CalledAt: when, WallClock: !zoned, WrittenAt: written, OtherWay: otherWay, DayOnly: dayOnly,
		NoSeconds: format.ToTheMinute(stamp), Office: db.Office(office), Outcome: db.Outcome(outcome), StanceHeard: db.Stance(stance),
		StanceNotSaid: st.notSaid, Notes: get(format.CallNotes), Cells: cells}, false, nil
}

// WriteRejects writes the rows left out, as the file had them and with why, as a CSV
// the lead can fix and import again: the rows with problems and, in file order among
// them, the reports whose legislator the store could not tell (unresolved, from
// db.CallImportSummary, which keeps their cells).
func (f *CallFile) WriteRejects(w io.Writer, unresolved []db.UnresolvedCall) error {
	rows := slices.Clone(f.rejected)
	for _, u := range unresolved {
		rows = append(rows, Rejected{Cells: u.Cells, Problem: &Problem{Line: u.Line, Column: f.legCol, Name: f.legName,
			Reason: fmt.Sprintf("%q: %s", u.Legislator, u.Reason)}})
	}
	slices.SortStableFunc(rows, func(a, b Rejected) int { return cmp.Compare(a.Problem.Line, b.Problem.Line) })
	return WriteRejects(w, f.Header, rows)
}

// streamEnd is how a streamed import of a file's rows ends: the store's error first,
// then the reader's, then ErrBadRows when bad rows were found and not to be skipped.
func streamEnd(storeErr, readErr error, problems int, skipBad bool) error {
	switch {
	case storeErr != nil:
		return storeErr
	case readErr != nil:
		return readErr
	case problems > 0 && !skipBad:
		return ErrBadRows
	}
	return nil
}
