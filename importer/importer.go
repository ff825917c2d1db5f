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

	"github.com/chapterdesk/chapterdesk/importer/csvfile"
	"github.com/chapterdesk/chapterdesk/importer/format"
)

// Problem is a row that cannot be imported, with its place in the file.
type Problem = csvfile.Error

// ErrUnknownFormat: the file's columns match no known export and none was forced.
var ErrUnknownFormat = errors.New("unknown file format")

// table is an opened import file: its reader, format and column mapping.
type table struct {
	r *csvfile.Reader
	f format.Format
	m format.Mapping
}

// open reads the header of r and works out the format (forced by id when given),
// refusing a format of another kind than want.
func open(r io.Reader, forced string, want format.Kind) (*table, error) {
	cr, err := csvfile.NewReader(r, csvfile.Options{})
	if err != nil {
		return nil, err
	}
	t := &table{r: cr}
	if forced != "" {
		f, ok := format.ByID(forced)
		if !ok {
			return nil, fmt.Errorf("unknown --format %q", forced)
		}
		m, missing := format.MapColumns(f, cr.Header())
		if len(missing) > 0 {
			return nil, fmt.Errorf("the file lacks the %s columns %v", f.Name, missing)
		}
		t.f, t.m = f, m
	} else {
		if t.f, t.m, err = format.Detect(cr.Header()); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrUnknownFormat, err)
		}
	}
	if t.f.Kind != want {
		return nil, fmt.Errorf("this looks like a %s (%s), not a file of %s", t.f.Name, t.f.Kind, want)
	}
	return t, nil
}

// each reads the rows until the file ends or fn returns false, calling fn with each
// row and, for a row the reader could not read, its problem. A fatal problem (an
// unclosed quote that swallowed the rest of the file) is passed to fn and returned.
func (t *table) each(fn func(row csvfile.Row, p *Problem) bool) error {
	for {
		row, err := t.r.Next()
		if err == io.EOF {
			return nil
		}
		var pe *csvfile.Error
		if errors.As(err, &pe) {
			if !fn(row, pe) || pe.Fatal {
				if pe.Fatal {
					return pe
				}
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

// rows calls fn for every good row and collects the problems: the reader's, and
// those fn finds.
func (t *table) rows(fn func(line int, cells []string) *Problem) ([]*Problem, error) {
	var problems []*Problem
	err := t.each(func(row csvfile.Row, p *Problem) bool {
		if p == nil {
			p = fn(row.Line, row.Cells)
		}
		if p != nil {
			problems = append(problems, p)
		}
		return true
	})
	return problems, err
}

// column names the header of a mapped field, for problems.
func (t *table) column(f format.Field) (int, string) {
	i, ok := t.m.Columns[f]
	if !ok {
		return 0, ""
	}
	return i + 1, t.r.Header()[i]
}
