package reports

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/chapterdesk/chapterdesk/stream"
)

// maxSheetRows is the most rows a worksheet holds (Excel and LibreOffice alike); a
// longer listing continues on a second sheet. A variable so a test can lower it.
var maxSheetRows = 1_048_576

// styles are the workbook's few cell styles, created once.
type styles struct {
	header, integer, date, dateTime, title, label, highlight int
	// about is a count the coordinator's views round to a multiple of 5 (postgres
	// 0020): still a number, read "about 370" so it is not taken for exact.
	about int
	// text is the default font as a style of its own. Listing rows carry it, so
	// excelize takes a cell's style from its row instead of searching the column
	// widths for one, cell by cell (a tenth of a month's workbook).
	text int
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	font := &excelize.Font{Family: "Calibri", Size: 11}
	border := []excelize.Border{{Type: "bottom", Color: "9AA5B1", Style: 1}}
	defs := []struct {
		id    *int
		style excelize.Style
	}{
		{&s.header, excelize.Style{Font: &excelize.Font{Family: "Calibri", Size: 11, Bold: true, Color: "FFFFFF"},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"2F5D7C"}},
			Border:    border,
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&s.text, excelize.Style{Font: font}},
		{&s.integer, excelize.Style{Font: font, CustomNumFmt: ptr("#,##0")}},
		{&s.about, excelize.Style{Font: font, CustomNumFmt: ptr(`"about "#,##0`)}},
		{&s.date, excelize.Style{Font: font, CustomNumFmt: ptr("yyyy-mm-dd")}},
		{&s.dateTime, excelize.Style{Font: font, CustomNumFmt: ptr("yyyy-mm-dd hh:mm")}},
		{&s.title, excelize.Style{Font: &excelize.Font{Family: "Calibri", Size: 16, Bold: true, Color: "2F5D7C"}}},
		{&s.label, excelize.Style{Font: &excelize.Font{Family: "Calibri", Size: 11, Bold: true}}},
		{&s.highlight, excelize.Style{Font: &excelize.Font{Family: "Calibri", Size: 11, Bold: true, Color: "9C5700"},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFEB9C"}}}},
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.style)
		if err != nil {
			return s, fmt.Errorf("workbook style: %w", err)
		}
		*d.id = id
	}
	return s, nil
}

func ptr[T any](v T) *T { return &v }

// column is one column of a listing sheet: its header and width in characters.
type column struct {
	title string
	width float64
}

// sheet streams one listing: a header row, frozen, with an autofilter over every row
// written. Values are typed by cell: numbers, dates and booleans stay what they are.
type sheet struct {
	b      *book
	base   string // the listing's name; its continuations are "base (2)", ...
	name   string
	cols   []column
	sw     *excelize.StreamWriter
	row    int // rows written, header included
	part   int // 1, then 2, ... when a listing outgrows a worksheet
	cells  []any
	before func(*sheet) error // runs before Flush (a chart, for instance)
}

// book is a workbook being written.
type book struct {
	ctx context.Context
	// mu is held by a sheet while it uses f itself (starting, continuing or closing
	// a sheet) so two sheets can be streamed at once; rows go to the sheet's own
	// stream writer and need no lock.
	mu  sync.Mutex
	f   *excelize.File
	st  styles
	loc *time.Location
	// progress, when set, hears of every progressEvery rows listed (done counts
	// them across sheets) out of total.
	progress stream.Progress
	done     atomic.Int64
	total    int64
	// cut counts the texts cut to fit a cell (fitCell); firstCut is where the first was.
	cut      atomic.Int64
	firstCut atomic.Value
}

// progressEvery is how many listed rows make a step of the progress bar.
const progressEvery = 1000

// step counts one listed row toward the progress.
func (b *book) step() {
	if b.progress == nil {
		return
	}
	if n := b.done.Add(1); n%progressEvery == 0 {
		b.progress(min(n, b.total-1), b.total)
	}
}

// listing starts a listing sheet named name (which must exist): column widths and
// the frozen header are set before the first row, as the stream writer requires.
func (b *book) listing(name string, cols []column) (*sheet, error) {
	s := &sheet{b: b, base: name, name: name, cols: cols, part: 1}
	return s, s.start()
}

func (s *sheet) start() error {
	s.b.mu.Lock()
	defer s.b.mu.Unlock()
	if err := s.b.printLayout(s.name, true); err != nil {
		return err
	}
	sw, err := s.b.f.NewStreamWriter(s.name)
	if err != nil {
		return fmt.Errorf("sheet %s: %w", s.name, err)
	}
	s.sw, s.row = sw, 0
	for i, c := range s.cols {
		if err := sw.SetColWidth(i+1, i+1, c.width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, len(s.cols))
	for i, c := range s.cols {
		header[i] = excelize.Cell{StyleID: s.b.st.header, Value: c.title}
	}
	return s.write(header, excelize.RowOpts{Height: 30})
}

func (s *sheet) write(cells []any, opts ...excelize.RowOpts) error {
	s.row++
	cell, err := excelize.CoordinatesToCellName(1, s.row)
	if err != nil {
		return err
	}
	if err := s.sw.SetRow(cell, cells, opts...); err != nil {
		return fmt.Errorf("sheet %s row %d: %w", s.name, s.row, err)
	}
	return nil
}

// add writes one row of values. Every 10,000 rows it checks the context, so a
// cancelled report stops promptly.
func (s *sheet) add(values ...any) error {
	if s.row == maxSheetRows {
		if err := s.next(); err != nil {
			return err
		}
	}
	if s.row%10_000 == 0 {
		if err := s.b.ctx.Err(); err != nil {
			return err
		}
	}
	s.cells = s.cells[:0]
	for i, v := range values {
		if t, ok := v.(string); ok && len(t) > excelize.TotalCellChars { // bytes: a cheap first look
			title := ""
			if i < len(s.cols) {
				title = s.cols[i].title
			}
			if cut, was := fitCell(t, title); was {
				v = cut
				if s.b.cut.Add(1) == 1 {
					s.b.firstCut.Store(fmt.Sprintf("%s row %d", s.name, s.row+1))
				}
			}
		}
		s.cells = append(s.cells, s.b.cell(v))
	}
	s.b.step()
	return s.write(s.cells, excelize.RowOpts{StyleID: s.b.st.text})
}

// next closes a full worksheet and continues the listing on "Name (2)".
func (s *sheet) next() error {
	if err := s.close(); err != nil {
		return err
	}
	s.part++
	s.name = fmt.Sprintf("%s (%d)", s.base, s.part)
	s.b.mu.Lock()
	_, err := s.b.f.NewSheet(s.name)
	s.b.mu.Unlock()
	if err != nil {
		return err
	}
	return s.start()
}

// close sets the autofilter over the rows written and ends the stream.
func (s *sheet) close() error {
	s.b.mu.Lock()
	defer s.b.mu.Unlock()
	last, err := excelize.CoordinatesToCellName(len(s.cols), max(s.row, 2))
	if err != nil {
		return err
	}
	if err := s.b.f.AutoFilter(s.name, "A1:"+last, nil); err != nil {
		return fmt.Errorf("sheet %s: %w", s.name, err)
	}
	if s.before != nil {
		if err := s.before(s); err != nil {
			return err
		}
	}
	if err := s.sw.Flush(); err != nil {
		return fmt.Errorf("sheet %s: %w", s.name, err)
	}
	releaseStreamBuffer(s.sw)
	return nil
}

// cell types a value for the sheet: whole numbers get a thousands separator, times
// become Excel dates in the report's zone (a time at midnight shows as a date), an
// unset time stays empty. Text and booleans keep the default style (the text style
// is the default font), which spares an allocation per cell. Strings are always
// values, never formulas.
func (b *book) cell(v any) any {
	switch v := v.(type) {
	case int:
		return excelize.Cell{StyleID: b.st.integer, Value: v}
	case time.Time:
		if v.IsZero() {
			return nil
		}
		style := b.st.dateTime
		w := v.In(b.loc)
		if w.Hour() == 0 && w.Minute() == 0 && w.Second() == 0 {
			style = b.st.date
		}
		return excelize.Cell{StyleID: style, Value: excelSerial(w)}
	case string:
		if v == "" {
			return nil // a blank cell, not an empty inline string: most notes are empty
		}
	case excelize.Cell:
		return v
	}
	return v
}

// excelSerial is t's wall clock as an Excel date serial (days since 1899-12-30).
// Computing it here skips excelize's per-cell time conversion, which reads the
// workbook properties for every cell.
func excelSerial(t time.Time) float64 {
	wall := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
	return float64(wall.Unix())/86400 + 25569
}

// calendarDay marks a date-only value (a joined-on day, a week's Monday) so it shows
// as a date in any zone.
func (b *book) calendarDay(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return excelize.Cell{StyleID: b.st.date, Value: excelSerial(d)}
}

// printLayout makes a sheet print landscape, one page wide, with a listing's header
// row repeated on every page. It runs before the sheet's stream writer is made,
// which writes the sheet properties at once.
func (b *book) printLayout(sheet string, header bool) error {
	if err := b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	err := b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: ptr("landscape"),
		FitToWidth: ptr(1), FitToHeight: ptr(0)})
	if err != nil || !header {
		return err
	}
	return b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: fmt.Sprintf("'%s'!$1:$1", sheet)})
}

// fitCell cuts a text longer than an Excel cell holds (32,767 UTF-16 units) so that
// it ends with a marker saying so and how long the whole is: excelize cuts it at the
// limit mid-word, and a coordinator would read a part as the whole note. The marker
// names what was cut by its column's title (a roll call's motion was said to be a note).
func fitCell(t, title string) (string, bool) {
	units := func(s string) int { return len(utf16.Encode([]rune(s))) }
	if units(t) <= excelize.TotalCellChars {
		return t, false
	}
	marker := message.NewPrinter(language.English).Sprintf("… [cut here: the %s has %d characters in ChapterDesk]", cutNoun(title), utf8.RuneCountInString(t))
	room := excelize.TotalCellChars - units(marker)
	end := 0
	for i, r := range t {
		if room -= utf16.RuneLen(r); room < 0 {
			break
		}
		end = i + utf8.RuneLen(r)
	}
	return t[:end] + marker, true
}

// cutNoun is what a cut cell's marker calls the text of the column titled title: "the
// motion", "the note", or "the text of “Why we had that stance”".
func cutNoun(title string) string {
	switch {
	case title == "Notes":
		return "note"
	case title != "" && !strings.Contains(title, " "):
		return strings.ToLower(title)
	}
	return "text of “" + title + "”"
}
