// Package csvfile reads the CSV exports organizers bring (NationBuilder, Action
// Network, NGP VAN / EveryAction, CiviCRM, Open States, online call-report forms and
// whatever a spreadsheet saved) as a stream of rows, one at a time, so a file of any
// length is read in a small, fixed amount of memory.
//
// It works out the text encoding (UTF-8 with or without a byte-order mark, Excel's
// UTF-16 "Unicode text", Windows-1252) and the delimiter (comma, semicolon or tab) by
// itself, and it is forgiving where spreadsheets are: a stray quote inside a cell is
// kept as text, blank lines and the empty cells Excel adds past the last column are
// passed over. What it cannot read sensibly it reports as an *Error that names the line
// and column in words a person can act on, and reading goes on with the next row.
package csvfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Options says how to read a file. The zero value detects everything. Encoding names
// are matched ignoring case, hyphens and underscores; "utf-16" (the byte-order mark
// decides, else little-endian) and "cp1252" are understood too. A MaxCellBytes below
// zero means the default as well.
type Options struct {
	Delimiter    rune   // 0: detect from the header line among ',', ';', '\t'
	Encoding     string // "": detect; or "utf-8", "utf-16le", "utf-16be", "windows-1252"
	MaxCellBytes int    // 0: 1 MiB. A longer cell is an error for its row.
	// ReuseCells lets Next hand out the same Cells slice again for the next row (as
	// encoding/csv's ReuseRecord): the strings in it stay valid, the slice does not.
	// A 218-column export then allocates a line per row instead of a line and 3.5 KB.
	ReuseCells bool
	// UTF8 says the file's format is UTF-8 by definition (an Open States export), so
	// with no Encoding named it is read as UTF-8 whatever its start shows: a stray byte
	// in a file that is otherwise plain ASCII is refused with its line and column, not
	// taken as a sign of Windows-1252. A character that looks like a Windows-1252
	// misread is still refused (see misreadRune): the file may have been saved again by
	// a spreadsheet. Encoding, when given, wins.
	UTF8 bool
}

const (
	defaultMaxCell = 1 << 20
	bufSize        = 64 << 10
	// maxHeaderColumns bounds the header (Excel stops at 16,384 columns).
	maxHeaderColumns = 1 << 16
)

// Reader reads the rows of a CSV file one at a time. It is not safe for concurrent use.
type Reader struct {
	src      io.Reader // decoded to UTF-8 (or UTF-8 already)
	buf      []byte
	pos, end int   // buf[pos:end] is read but not yet parsed
	rerr     error // the error that ended reading from src; io.EOF at the end
	crOnly   bool  // lines end in a bare CR (old Mac files); CRs become LFs as read
	line     int   // the 1-based physical line buf[pos] is on

	delim     byte
	reuse     bool
	spare     []string  // the Cells slice handed out last, when reuse is set
	special   [256]bool // the bytes that end a run of unquoted text
	maxCell   int
	checkUTF8 bool
	// otherwiseUTF8: the file has shown UTF-8 characters of more than one byte, in
	// its start or a row read since, so a row that is not UTF-8 holds strays.
	otherwiseUTF8 bool
	// suspectMisread: the file was judged UTF-8, not named so by the lead, and a row
	// with a character that looks like a Windows-1252 misread is refused (see
	// misreadRune).
	suspectMisread bool
	encName        string
	header         []string

	// The record being read: its cells are rec split at ends.
	recLine    int
	rec        []byte
	ends       []int
	fieldLimit int  // cells kept per record; more are counted, not kept
	plainCells int  // cells that endCell may close without further checks
	nfields    int  // cells seen, kept or not
	fieldStart int  // where the current cell starts in rec
	cellSize   int  // the current cell's full size, however much of it is kept
	sawCR      bool // the current cell holds a CR from inside quotes
	extraFull  bool // a cell past the header's last column holds something
	droppedAny bool // a cell past fieldLimit held something
	bigCol     int  // the first cell over maxCell (1-based), or 0
	bigSize    int

	done bool // io.EOF or a fatal error has been returned
}

// Row is one data row.
type Row struct {
	// Line is the 1-based number of the line the row starts on (the header is line 1).
	// It counts physical lines, so a quoted cell spanning several lines advances it.
	Line int
	// Cells holds exactly len(Header()) cells when the row is good, and what could be
	// read otherwise (it may be nil). A cell longer than Options.MaxCellBytes is cut to
	// that length. The cells of a row share one string.
	Cells []string
}

// Error is a problem at a place in the file.
type Error struct {
	Line   int    // 1-based
	Column int    // 1-based; 0 when the whole row is meant
	Name   string // the header name of Column, when known
	Reason string // in plain words, for the person who brought the file
	Fatal  bool   // nothing more can be read from the file
	// LastLine is the last line of the file a quote never closed read into its cell
	// (0 for any other error): the rows on lines Line to LastLine are all lost.
	LastLine int
	err      error // the cause, for an I/O error
}

// Error returns the place and the reason, as in
// "line 12, column 3 (Email): the cell holds a NUL character (is this a binary file?)",
// leaving out the parts that are not known.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		b.WriteString("line ")
		b.WriteString(strconv.Itoa(e.Line))
	}
	if e.Column > 0 {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString("column ")
		b.WriteString(strconv.Itoa(e.Column))
		if e.Name != "" {
			b.WriteString(" (")
			b.WriteString(e.Name)
			b.WriteString(")")
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.Reason)
	return b.String()
}

// Unwrap returns the error reading the file failed with, for an I/O error,
// ErrEncodingUndecided when the encoding could not be told, and nil for any other
// problem with the file's contents.
func (e *Error) Unwrap() error { return e.err }

// NewReader sniffs the encoding of r (a byte-order mark; UTF-16 with or without one,
// such as Excel's "Unicode text"; otherwise UTF-8 unless the first 64 KB are plainly
// not UTF-8, then Mac Roman or Windows-1252, refused with an error wrapping
// ErrEncodingUndecided when the bytes do not tell which: see judgeUTF8 and
// macRomanEvidence), detects the delimiter from the header line (the most frequent of
// comma, semicolon and tab outside quotes, or the one an Excel "sep=" first line names)
// and reads the header row. Blank lines before the header are skipped. Header names
// are trimmed of spaces and the byte-order mark; empty names after the last named
// column are dropped (Excel adds them); duplicate names are allowed, since real exports
// have them.
//
// An empty file, a header that cannot be read, or a header with an empty column name
// before the last named one returns a fatal *Error. Options naming an unknown encoding
// or an unusable delimiter return a plain error.
func NewReader(r io.Reader, opts Options) (*Reader, error) {
	if r == nil {
		return nil, errors.New("csvfile: nil io.Reader")
	}
	if d := opts.Delimiter; d != 0 && !usableDelimiter(d) {
		return nil, fmt.Errorf("csvfile: delimiter %q is not usable: it must be an ASCII character other than a quote or a line break", d)
	}
	peek, perr := readStart(r)
	if len(peek) == 0 {
		if perr != io.EOF {
			return nil, ioError(1, perr)
		}
		return nil, &Error{Line: 1, Reason: "the file is empty", Fatal: true}
	}
	if why := binaryKind(peek); why != "" {
		return nil, &Error{Line: 1, Reason: why, Fatal: true}
	}
	named := opts.Encoding
	if named == "" && opts.UTF8 {
		named = "utf-8"
	}
	enc, err := chooseEncoding(named, peek, perr != nil)
	if err != nil {
		return nil, err
	}
	if opts.Encoding == "" && opts.UTF8 {
		enc.chosen = false // known from the format, not named by the lead
	}
	rd := &Reader{
		line:           1,
		maxCell:        opts.MaxCellBytes,
		checkUTF8:      enc.checkUTF8,
		otherwiseUTF8:  enc.otherwiseUTF8,
		suspectMisread: enc.checkUTF8 && !enc.chosen,
		encName:        enc.name,
	}
	if rd.maxCell <= 0 {
		rd.maxCell = defaultMaxCell
	}
	if enc.dec == nil {
		// UTF-8 is parsed as it stands, starting in the bytes already read.
		rd.src, rd.rerr = r, perr
		rd.buf, rd.pos, rd.end = peek[:cap(peek)], enc.bom, len(peek)
	} else {
		var rest io.Reader = r
		if perr != nil {
			rest = errReader{perr}
		}
		rd.src = enc.dec.Reader(io.MultiReader(bytes.NewReader(peek[enc.bom:]), rest))
		size := bufSize
		if perr != nil {
			// The whole file is in peek; one byte decodes to at most three.
			size = min(bufSize, 3*len(peek)+16)
		}
		rd.buf = make([]byte, size)
		for rd.end < len(rd.buf) && rd.fill() {
		}
	}
	start := rd.buf[rd.pos:rd.end]
	if bytes.IndexByte(start, '\n') < 0 && bytes.IndexByte(start, '\r') >= 0 {
		rd.crOnly = true
		crToLF(start)
	}
	sep, skip := excelSepLine(start, rd.rerr != nil)
	if skip > 0 && usableDelimiter(rune(sep)) {
		rd.pos += skip
		rd.line++
	} else {
		sep = 0
	}
	switch {
	case opts.Delimiter != 0:
		rd.delim = byte(opts.Delimiter)
	case sep != 0:
		rd.delim = sep
	default:
		rd.delim = detectDelimiter(rd.buf[rd.pos:rd.end])
	}
	rd.special[rd.delim] = true
	rd.special['\n'] = true
	rd.special['\r'] = true
	if err := rd.readHeader(); err != nil {
		return nil, err
	}
	rd.reuse = opts.ReuseCells // the header keeps its own cells
	return rd, nil
}

// readHeader reads the first record that is not blank as the header.
func (r *Reader) readHeader() error {
	r.fieldLimit = maxHeaderColumns
	for read := false; ; read = true {
		err := r.readRecord()
		if err == io.EOF && !read {
			return &Error{Line: 1, Reason: "the file is empty", Fatal: true}
		}
		if err == io.EOF {
			return &Error{Line: 1, Reason: "the file has no header row, only empty lines", Fatal: true}
		}
		if err != nil {
			return err
		}
		if e := r.cellProblem(); e != nil {
			e.Fatal = true
			return e
		}
		if r.nfields > maxHeaderColumns {
			return &Error{Line: r.recLine, Reason: fmt.Sprintf("the header has more than %d columns (is this really a CSV file?)", maxHeaderColumns), Fatal: true}
		}
		if !r.blank() {
			break
		}
	}
	names := r.cells(len(r.ends))
	for i, n := range names {
		names[i] = strings.TrimFunc(n, func(c rune) bool { return unicode.IsSpace(c) || c == '\ufeff' })
	}
	for len(names) > 0 && names[len(names)-1] == "" {
		names = names[:len(names)-1]
	}
	if len(names) == 0 {
		return &Error{Line: r.recLine, Reason: "the header row has no column names", Fatal: true}
	}
	for i, n := range names {
		if n == "" {
			return &Error{Line: r.recLine, Column: i + 1, Reason: fmt.Sprintf("column %d of the header has no name; every column needs one", i+1), Fatal: true}
		}
	}
	r.header = names
	r.fieldLimit = 2*len(names) + 64
	r.plainCells = len(names)
	return nil
}

// Header returns the column names, in file order. The slice is the caller's.
func (r *Reader) Header() []string { return slices.Clone(r.header) }

// Encoding names the text encoding the file was read in, for people: "UTF-8",
// "UTF-8 with BOM", "UTF-16LE", "UTF-16BE", "Windows-1252" or "Mac Roman".
func (r *Reader) Encoding() string { return r.encName }

// Delimiter returns the character that separates cells.
func (r *Reader) Delimiter() rune { return rune(r.delim) }

// Next returns the next data row, or io.EOF at the end. Blank lines (empty, or holding
// only delimiters and spaces, as spreadsheets leave them) are skipped.
//
// A row with a problem is returned (best effort) with a *Error; the caller may go on
// calling Next, which resumes at the following row, unless the error's Fatal is true
// (an unclosed quote that swallowed the rest of the file, or an I/O error). After a
// fatal error Next returns io.EOF.
func (r *Reader) Next() (Row, error) {
	for !r.done {
		err := r.readRecord()
		if err == io.EOF {
			break
		}
		row := Row{Line: r.recLine}
		if err != nil {
			r.done = true
			row.Cells = r.cells(len(r.ends))
			return row, err
		}
		if e := r.cellProblem(); e != nil {
			row.Cells = r.cells(len(r.ends))
			return row, e
		}
		if r.blank() {
			continue
		}
		n := len(r.header)
		if r.nfields < n || r.extraFull {
			row.Cells = r.cells(len(r.ends))
			return row, r.raggedError()
		}
		row.Cells = r.cells(n)
		return row, nil
	}
	r.done = true
	return Row{}, io.EOF
}

// fill reads more of the file into buf, first moving the unparsed bytes to its start.
// It reports whether there is at least one new byte.
func (r *Reader) fill() bool {
	if r.rerr != nil {
		return false
	}
	if r.pos > 0 {
		r.end = copy(r.buf, r.buf[r.pos:r.end])
		r.pos = 0
	}
	for range 100 {
		n, err := r.src.Read(r.buf[r.end:])
		if n < 0 || n > len(r.buf)-r.end {
			n, err = 0, errors.New("the file reader returned an impossible count")
		}
		if r.crOnly {
			crToLF(r.buf[r.end : r.end+n])
		}
		r.end += n
		if err != nil {
			r.rerr = err
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	r.rerr = io.ErrNoProgress
	return false
}

func crToLF(b []byte) {
	for i, c := range b {
		if c == '\r' {
			b[i] = '\n'
		}
	}
}

// readRecord reads one record, which may be a blank line, into rec and ends. It
// returns io.EOF when the file has no more bytes, and a fatal *Error for an unclosed
// quote or a failed read; problems within cells are left for cellProblem.
func (r *Reader) readRecord() error {
	r.rec, r.ends = r.rec[:0], r.ends[:0]
	r.nfields, r.fieldStart, r.cellSize = 0, 0, 0
	r.sawCR, r.extraFull, r.droppedAny = false, false, false
	r.bigCol, r.bigSize = 0, 0
	r.recLine = r.line
	if r.pos == r.end && !r.fill() {
		if r.rerr == io.EOF {
			return io.EOF
		}
		return ioError(r.line, r.rerr)
	}
	for {
		var last bool
		var err error
		if r.pos == r.end && !r.fill() {
			// The file ends right after a delimiter: the last cell is empty.
			r.endCell()
			return r.eofError()
		}
		if r.buf[r.pos] == '"' {
			last, err = r.readQuoted()
		} else {
			last, err = r.readUnquoted()
		}
		if last || err != nil {
			return err
		}
	}
}

// readUnquoted reads a cell (or the rest of one, after a closing quote) up to the
// next delimiter or line break. It reports whether that ended the record.
func (r *Reader) readUnquoted() (last bool, err error) {
	for {
		w := r.buf[r.pos:r.end]
		i := 0
		for i < len(w) && !r.special[w[i]] {
			i++
		}
		if i > 0 {
			r.add(w[:i])
			r.pos += i
		}
		if i == len(w) {
			if !r.fill() {
				r.endCell()
				return true, r.eofError()
			}
			continue
		}
		switch w[i] {
		case r.delim:
			r.pos++
			r.endCell()
			// Go straight on with an unquoted next cell: most cells of an export
			// are short or empty, and the way back through readRecord costs more.
			if r.pos == r.end || r.buf[r.pos] == '"' {
				return false, nil
			}
		case '\n':
			r.pos++
			r.line++
			r.endCell()
			return true, nil
		default: // '\r': a line break when a LF or the end of the file follows
			if r.pos+1 == r.end && !r.fill() {
				r.pos++
				r.endCell()
				return true, r.eofError()
			}
			if r.buf[r.pos+1] == '\n' {
				r.pos += 2
				r.line++
				r.endCell()
				return true, nil
			}
			r.add(r.buf[r.pos : r.pos+1])
			r.pos++
		}
	}
}

// readQuoted reads a cell that starts with a quote. Text after the closing quote is
// kept as it stands, as spreadsheets do ("Bob" Smith reads as Bob Smith).
func (r *Reader) readQuoted() (last bool, err error) {
	quoteLine, col := r.line, r.nfields+1
	endsInBreak := false // the cell so far ends with a line break: the file's last line is the one before
	r.pos++
	for {
		w := r.buf[r.pos:r.end]
		j := bytes.IndexByte(w, '"')
		seg := w
		if j >= 0 {
			seg = w[:j]
		}
		if len(seg) > 0 {
			endsInBreak = seg[len(seg)-1] == '\n'
			r.line += bytes.Count(seg, []byte{'\n'})
			if !r.sawCR && bytes.IndexByte(seg, '\r') >= 0 {
				r.sawCR = true
			}
			r.add(seg)
		}
		if j < 0 {
			r.pos = r.end
			if !r.fill() {
				r.endCell()
				if r.rerr != io.EOF {
					return true, ioError(r.line, r.rerr)
				}
				e := r.unclosedQuote(quoteLine, col)
				if e.LastLine = r.line; endsInBreak {
					e.LastLine--
				}
				return true, e
			}
			continue
		}
		r.pos += j + 1
		if r.pos == r.end && !r.fill() {
			r.endCell()
			return true, r.eofError()
		}
		switch c := r.buf[r.pos]; c {
		case '"':
			r.add(r.buf[r.pos : r.pos+1])
			r.pos++
		case r.delim:
			r.pos++
			r.endCell()
			return false, nil
		case '\n':
			r.pos++
			r.line++
			r.endCell()
			return true, nil
		default:
			return r.readUnquoted()
		}
	}
}

// add appends b to the current cell, keeping no more than maxCell bytes of it.
func (r *Reader) add(b []byte) {
	r.cellSize += len(b)
	if r.cellSize <= r.maxCell {
		r.rec = append(r.rec, b...)
		return
	}
	if room := r.maxCell - (len(r.rec) - r.fieldStart); room > 0 {
		r.rec = append(r.rec, b[:room]...)
	}
}

// endCell closes the current cell.
func (r *Reader) endCell() {
	if i := r.nfields; i < r.plainCells && !r.sawCR && r.cellSize <= r.maxCell {
		// The common case: a cell within the header's columns, kept as it is.
		r.nfields++
		r.ends = append(r.ends, len(r.rec))
		r.fieldStart, r.cellSize = len(r.rec), 0
		return
	}
	if r.sawCR {
		// A CRLF inside quotes is a line break in the cell, kept as LF.
		cell := r.rec[r.fieldStart:]
		n := 0
		for i, c := range cell {
			if c == '\r' && i+1 < len(cell) && cell[i+1] == '\n' {
				continue
			}
			cell[n] = c
			n++
		}
		r.rec = r.rec[:r.fieldStart+n]
		r.sawCR = false
	}
	i := r.nfields
	r.nfields++
	if r.cellSize > r.maxCell && r.bigCol == 0 {
		r.bigCol, r.bigSize = i+1, r.cellSize
	}
	if r.header != nil && i >= len(r.header) && r.cellSize > 0 {
		r.extraFull = true
	}
	if i < r.fieldLimit {
		r.ends = append(r.ends, len(r.rec))
	} else {
		if r.cellSize > 0 && !isBlank(r.rec[r.fieldStart:]) {
			r.droppedAny = true
		}
		r.rec = r.rec[:r.fieldStart]
	}
	r.fieldStart, r.cellSize = len(r.rec), 0
}

// blank reports whether the record holds nothing but spaces.
func (r *Reader) blank() bool { return !r.droppedAny && isBlank(r.rec) }

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// cells returns the first n cells of the record.
func (r *Reader) cells(n int) []string {
	if n == 0 {
		return nil
	}
	s := string(r.rec[:r.ends[n-1]])
	var out []string
	if r.reuse && cap(r.spare) >= n {
		out = r.spare[:n]
		clear(out)
	} else {
		out = make([]string, n)
	}
	if r.reuse {
		r.spare = out
	}
	start := 0
	for i, e := range r.ends[:n] {
		if e > start { // empty cells stay "", which costs nothing in a mostly empty export
			out[i] = s[start:e]
		}
		start = e
	}
	return out
}

// cellProblem returns an error for the first cell that is too long, holds a NUL, or
// is not valid UTF-8, in that order.
func (r *Reader) cellProblem() *Error {
	if r.bigCol > 0 {
		return r.cellError(r.bigCol, tooBigReason(r.bigSize, r.maxCell))
	}
	if i := bytes.IndexByte(r.rec, 0); i >= 0 {
		return r.cellError(sort.SearchInts(r.ends, i+1)+1, "the cell holds a NUL character (is this a binary file?)")
	}
	if r.checkUTF8 {
		ascii, valid := r.validUTF8()
		if !valid {
			var joined bool
			if r.rec, joined = joinCESU(r.rec, r.ends); joined {
				ascii, valid = r.validUTF8()
			}
		}
		if !valid {
			start := 0
			for k, e := range r.ends {
				if !utf8.Valid(r.rec[start:e]) || (e < len(r.rec) && r.rec[e]&0xc0 == 0x80) {
					return r.cellError(k+1, r.notUTF8Reason(r.rec[start:e]))
				}
				start = e
			}
		}
		if !ascii && valid {
			if r.suspectMisread {
				start := 0
				for k, e := range r.ends { // cell by cell: the cells of rec touch
					if at, n := misreadAt(r.rec[start:e]); at >= 0 {
						return r.cellError(k+1, misreadReason(r.rec[start:e], at, n))
					}
					start = e
				}
			}
			r.otherwiseUTF8 = true
		}
	}
	return nil
}

// notUTF8Reason says that cell is not UTF-8, quoting its bytes (around the first bad
// one, in a long cell) so the lead can find them, and what to do: a file that is
// otherwise UTF-8 has a few stray bytes, one that has shown only ASCII so far may be
// in another encoding.
func (r *Reader) notUTF8Reason(cell []byte) string {
	const room = 24
	at := 0
	for at < len(cell) {
		c, n := utf8.DecodeRune(cell[at:])
		if c == utf8.RuneError && n <= 1 {
			break
		}
		at += n
	}
	if strings.HasPrefix(r.encName, "UTF-16") {
		return utf16Reason(cell, at)
	}
	from, to := max(0, at-room), min(len(cell), at+room)
	quoted := strconv.Quote(string(cell[from:to]))
	if from > 0 {
		quoted = "…" + quoted
	}
	if to < len(cell) {
		quoted += "…"
	}
	if r.otherwiseUTF8 {
		return fmt.Sprintf("the bytes here are not valid UTF-8 (%s); the file is otherwise UTF-8 — re-save it as UTF-8, or, if it was saved as Windows-1252, read it as Windows-1252", quoted)
	}
	return fmt.Sprintf("the bytes here are not valid UTF-8 (%s); was the file saved as Windows-1252? Then read it as Windows-1252", quoted)
}

func (r *Reader) cellError(col int, reason string) *Error {
	e := &Error{Line: r.recLine, Column: col, Reason: reason}
	if col <= len(r.header) {
		e.Name = r.header[col-1]
	}
	return e
}

func (r *Reader) raggedError() *Error {
	reason := fmt.Sprintf("this row has %s but the header has %d", plural(r.nfields, "cell"), len(r.header))
	if r.nfields > len(r.header) {
		reason += fmt.Sprintf(" (does a cell hold a %s without quotes around it?)", delimiterName(r.delim))
	}
	return &Error{Line: r.recLine, Reason: reason}
}

func (r *Reader) unclosedQuote(line, col int) *Error {
	e := r.cellError(col, "a quote opened here is never closed, so the rest of the file was read as one cell")
	e.Line, e.Fatal = line, true
	return e
}

// eofError is what reaching the end of the input means: nil at the end of the file,
// a fatal error when reading failed.
func (r *Reader) eofError() error {
	if r.rerr == io.EOF {
		return nil
	}
	return ioError(r.line, r.rerr)
}

func ioError(line int, err error) *Error {
	return &Error{Line: line, Reason: "the file could not be read: " + err.Error(), Fatal: true, err: err}
}

// validUTF8 reports whether the record is plain ASCII, and whether every cell of it
// is valid UTF-8: the record is, and no character runs from one cell into the next
// (no cell starts with a continuation byte).
func (r *Reader) validUTF8() (ascii, valid bool) {
	if isASCII(r.rec) {
		return true, true
	}
	if !utf8.Valid(r.rec) {
		return false, false
	}
	for _, e := range r.ends {
		if e < len(r.rec) && r.rec[e]&0xc0 == 0x80 {
			return false, false
		}
	}
	return false, true
}

func isASCII(b []byte) bool {
	for len(b) >= 8 {
		if binary.LittleEndian.Uint64(b)&0x8080808080808080 != 0 {
			return false
		}
		b = b[8:]
	}
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func tooBigReason(size, limit int) string {
	if size < limit+limit/10 {
		return fmt.Sprintf("the cell is %d bytes, more than the %d bytes a cell may hold", size, limit)
	}
	return fmt.Sprintf("the cell is %s, more than the %s a cell may hold", formatSize(size), formatSize(limit))
}

func formatSize(n int) string {
	const kb, mb = 1 << 10, 1 << 20
	switch {
	case n >= mb && n%mb == 0:
		return fmt.Sprintf("%d MB", n/mb)
	case n >= mb:
		return fmt.Sprintf("%.1f MB", float64(n)/mb)
	case n >= kb && n%kb == 0:
		return fmt.Sprintf("%d KB", n/kb)
	case n >= kb:
		return fmt.Sprintf("%.1f KB", float64(n)/kb)
	}
	return plural(n, "byte")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

func delimiterName(d byte) string {
	switch d {
	case ',':
		return "comma"
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	}
	return fmt.Sprintf("%q", rune(d))
}
