// Package importer brings the files chapter leads already have into ChapterDesk: it
// reads a CSV export (importer/csvfile), recognises its format and columns
// (importer/format), turns rows into records and hands them to the store, which
// matches them against what is there. The command line and the import screen both
// call it.
package importer

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer/csvfile"
	"github.com/chapterdesk/chapterdesk/importer/format"
)

// Problem is a row that cannot be imported, with its place in the file.
type Problem = csvfile.Error

// ErrUnknownFormat: the file's columns match no known export and none was forced.
var ErrUnknownFormat = errors.New("unknown file format")

// Options say how to read an import file when its format is not simply detected.
type Options struct {
	// Format forces a known format by id ("openstates", "nationbuilder", ...).
	Format string
	// Columns is the lead's own column mapping (field -> header name; "" leaves a
	// field unmapped). Alone it is a CSV no known format fits, and it replaces
	// detection (see format.Custom). With Format it changes that format's mapping
	// where the lead chose otherwise, and the file is still read as that export
	// (see format.Override).
	Columns map[format.Field]string
	// GuessRest reads Columns as the lead's --map on the command line: the fields it
	// does not name are read as the file would be without it (its export's columns,
	// or the columns' names), except from a column the lead named for another field.
	// A lead who maps the one column ChapterDesk could not read ("Legislador") lost
	// the caller, email and notes without a word (tester, s40). Without it, Columns is
	// the whole mapping (the window's, a saved one).
	GuessRest bool
	// Presets gives the saved column mappings. It is called only when the header is
	// not recognised: a mapping of the wanted kind made for the same header (see
	// format.SameHeader) is then used, and FileInfo.Preset names it.
	Presets func() ([]db.ImportPreset, error)
	// Encoding reads the file in this encoding ("utf-8", "windows-1252", "utf-16le",
	// "utf-16be") instead of the one csvfile detects; "" detects.
	Encoding string
	// DayFirst reads the dates written d/m/y of a call log day first: "05/12/2025"
	// is 5 December (a log kept in a French or German spreadsheet).
	DayFirst bool
}

// FileInfo is what every opened import file tells about itself.
type FileInfo struct {
	Format   format.Format
	Encoding string
	Header   []string // the header row as the file has it
	// Preset names the saved column mapping the file was recognised by ("" when its
	// format was detected, forced or mapped with Options.Columns).
	Preset string
	// Guessed says how the columns of a plain spreadsheet were mapped from their
	// names ("First Name → first name, E-mail Address → email"; see format.Guess);
	// "" for any other file.
	Guessed string
	// NotRead are the plain spreadsheet's columns no field is read from (see
	// format.NotRead), or a known export's extra ones (format.ExtraColumns: an Action
	// Network report's custom questions); nil for a file whose columns the lead set.
	NotRead []string
	// Mapped is each field read and the header name of its column.
	Mapped map[format.Field]string
}

// table is an opened import file: its reader, format and column mapping.
type table struct {
	r      *csvfile.Reader
	f      format.Format
	m      format.Mapping
	pl     *format.Plan // m, made ready to read the rows (see each)
	preset string
}

func (t *table) info() FileInfo {
	fi := FileInfo{Format: t.f, Encoding: t.r.Encoding(), Header: t.r.Header(), Preset: t.preset, Mapped: map[format.Field]string{}}
	for f, i := range t.m.Columns {
		if i >= 0 && i < len(fi.Header) {
			fi.Mapped[f] = fi.Header[i]
		}
	}
	if t.f.ID == format.PlainID {
		fi.Guessed = format.DescribeMapping(fi.Header, t.m)
	}
	if t.f.ID == format.PlainID || t.f.ID == "custom" {
		fi.NotRead = format.NotRead(fi.Header, t.m)
	} else if t.preset == "" {
		fi.NotRead = format.ExtraColumns(t.f, fi.Header, t.m)
	}
	if t.f.ID == "callform" && t.preset == "" && !t.m.Has(format.ReportUUID) {
		// A call form recognised by its questions may have a column worded as none
		// ChapterDesk knows ("Comentarios"): say so. ChapterDesk's own export (its
		// uuid column) has columns the import leaves on purpose (chamber, reached).
		fi.NotRead = format.NotRead(fi.Header, t.m)
	}
	return fi
}

// open reads the header of r and works out the format (see Options), refusing a
// format of another kind than want.
func open(r io.Reader, opts Options, want format.Kind) (*table, error) {
	t, err := newTable(r, opts, want)
	if err != nil {
		return nil, err
	}
	if err := t.mapColumns(opts, want); err != nil {
		return nil, err
	}
	return t, nil
}

// newTable reads the header of r, in the encoding opts names or the one detected.
func newTable(r io.Reader, opts Options, want format.Kind) (*table, error) {
	// A roster is read row by row and no row's cells are kept (see
	// VolunteerFile.each), so the reader may reuse them; legislator and call files
	// keep the cells of their rows for the rejects file.
	cr, err := csvfile.NewReader(r, csvfile.Options{Encoding: opts.Encoding, ReuseCells: want == format.KindVolunteers})
	if err != nil {
		return nil, err
	}
	return &table{r: cr}, nil
}

// mapColumns works out the format and the mapping of the header (see Options). When
// the header is not recognised, the error wraps ErrUnknownFormat and t holds what was
// found: the format recognised without a column it needs, or nothing.
func (t *table) mapColumns(opts Options, want format.Kind) error {
	header := t.r.Header()
	var err error
	switch {
	case opts.Columns != nil && opts.Format != "":
		f, ok := format.ByID(opts.Format)
		if !ok {
			return fmt.Errorf("unknown --format %q", opts.Format)
		}
		if f.Kind != want {
			return fmt.Errorf("a %s holds %s, not %s", f.Name, f.Kind, want)
		}
		base, _ := format.MapColumns(f, header)
		if t.m, err = format.Override(f.Kind, header, base, opts.Columns); err != nil {
			return err
		}
		t.f = f
	case opts.Columns != nil && opts.GuessRest:
		t.f = format.CustomFormat(want)
		var base format.Mapping
		if f, m, _ := format.Detect(header); f.Kind == want {
			t.f, base = f, m // an export of the kind, read as it is where the lead does not say
		} else if _, m, _ := format.Guess(want, header); m.Columns != nil {
			base = m
		}
		if t.m, err = format.Override(want, header, format.LeaveColumns(base, header, opts.Columns), opts.Columns); err != nil {
			return err
		}
	case opts.Columns != nil:
		if t.m, err = format.Custom(want, header, opts.Columns); err != nil {
			return err
		}
		t.f = format.CustomFormat(want)
	case opts.Format != "":
		f, ok := format.ByID(opts.Format)
		if !ok {
			return fmt.Errorf("unknown --format %q", opts.Format)
		}
		m, missing := format.MapColumns(f, header)
		if len(missing) > 0 {
			return fmt.Errorf("the file lacks the %s columns %v", f.Name, missing)
		}
		t.f, t.m = f, m
	default:
		var detectErr error
		if t.f, t.m, detectErr = format.Detect(header); detectErr != nil {
			f, m := t.f, t.m
			found, err := t.usePreset(opts.Presets, want)
			if err != nil {
				return err
			}
			if !found && f.ID == "" {
				// Nothing known: a spreadsheet of the lead's own, read by its column names.
				var guessErr error
				if t.f, t.m, guessErr = format.Guess(want, header); guessErr == nil {
					return nil
				}
				// What could be guessed is a start for the lead's own mapping.
				t.f = format.CustomFormat(want)
				return fmt.Errorf("%w: %v", ErrUnknownFormat, guessErr)
			}
			if !found {
				t.f, t.m = f, m
				return fmt.Errorf("%w: %v", ErrUnknownFormat, detectErr)
			}
		}
	}
	if t.f.Kind != want {
		return wrongKind(t.f, want)
	}
	return nil
}

// wrongKind is the error for a file of another kind than the one wanted.
func wrongKind(f format.Format, want format.Kind) error {
	return fmt.Errorf("this is a file of %s (%s), not of %s", f.Kind, f.Name, want)
}

// usePreset maps the file with the saved column mapping of kind want made for its
// header, if there is one. A rejects file written by an import (see rejects.go) has a
// last column "problem" the mapping was not made for; it is left out of the comparison.
func (t *table) usePreset(presets func() ([]db.ImportPreset, error), want format.Kind) (bool, error) {
	if presets == nil {
		return false, nil
	}
	saved, err := presets()
	if err != nil {
		return false, err
	}
	header := t.r.Header()
	compared := header
	if n := len(header); n > 1 && strings.EqualFold(strings.TrimSpace(header[n-1]), problemColumn) {
		compared = header[:n-1]
	}
	for _, p := range saved {
		if p.Kind != string(want) || !format.SameHeader(p.Header, compared) {
			continue
		}
		choice := make(map[format.Field]string, len(p.Columns))
		for f, h := range p.Columns {
			choice[format.Field(f)] = h
		}
		if t.m, err = format.Custom(want, header, choice); err != nil {
			return false, fmt.Errorf("your saved column mapping %s no longer fits this file: %w", p.Name, err)
		}
		t.f, t.preset = format.CustomFormat(want), p.Name
		return true, nil
	}
	return false, nil
}

// each reads the rows until the file ends or fn returns false, calling fn with each
// row and, for a row the reader could not read, its problem. A quote that is never
// closed swallows the rest of the file into its row: that row is a problem like any
// other, with the rows before it read as usual, and reading ends there. An error
// reading the file is returned.
func (t *table) each(fn func(row csvfile.Row, p *Problem) bool) error {
	t.pl = t.m.Plan()
	for {
		row, err := t.r.Next()
		if err == io.EOF {
			return nil
		}
		var pe *csvfile.Error
		if errors.As(err, &pe) {
			if pe.Fatal && pe.Unwrap() != nil { // the file could not be read on
				return pe
			}
			if !fn(row, pe) || pe.Fatal {
				return nil
			}
			continue
		}
		if err != nil {
			return err
		}
		if !fn(row, nil) {
			return nil
		}
	}
}

// rows calls fn for every good row and collects the rows left out, with their
// problems: the reader's, and those fn finds.
func (t *table) rows(fn func(line int, cells []string) *Problem) ([]Rejected, error) {
	var rejected []Rejected
	err := t.each(func(row csvfile.Row, p *Problem) bool {
		if p == nil {
			p = fn(row.Line, row.Cells)
		}
		if p != nil {
			rejected = append(rejected, Rejected{Cells: row.Cells, Problem: p})
		}
		return true
	})
	return rejected, err
}

// problems lists the problems of rows left out.
func problems(rejected []Rejected) []*Problem {
	if len(rejected) == 0 {
		return nil
	}
	out := make([]*Problem, len(rejected))
	for i, r := range rejected {
		out[i] = r.Problem
	}
	return out
}

// column names the header of a mapped field, for problems.
func (t *table) column(f format.Field) (int, string) { return t.columnIn(nil, f) }

// columnIn names the header of the column a field was read from in a row (a field
// may have several; see format.Mapping.Alts), for problems.
func (t *table) columnIn(cells []string, f format.Field) (int, string) {
	i, ok := t.m.Col(cells, f)
	if !ok || i >= len(t.r.Header()) {
		return 0, ""
	}
	return i + 1, t.r.Header()[i]
}
