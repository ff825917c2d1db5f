package importer

import (
	"bytes"
	"errors"
	"io"
	"slices"

	"github.com/chapterdesk/chapterdesk/importer/csvfile"
	"github.com/chapterdesk/chapterdesk/importer/format"
)

// Inspection is a first look at an import file, before any row is imported: what it
// is, how its columns map, and its first rows, for the lead to check the mapping.
type Inspection struct {
	FileInfo
	// Mapping is the column of each field, as detected, as the saved mapping
	// (FileInfo.Preset) says, as guessed from the column names of a plain
	// spreadsheet (see format.Guess), or as far as a recognised export that lacks a
	// needed column, or a guess that lacks one, goes; empty when nothing is known.
	Mapping format.Mapping
	// Unmapped says why the lead must choose columns before the file can be
	// imported: the header is not recognised, or it lacks a column the rows need.
	// It wraps ErrUnknownFormat; nil when the file can be imported as it is.
	Unmapped error
	// Samples holds the cells of the first rows that could be read.
	Samples [][]string
	// Encodings shows how the file's first accented values read in each encoding it
	// could be in, the one it is read in (FileInfo.Encoding) first.
	Encodings []EncodingSample
	// EncodingUndecided, when set, is why the file's encoding could not be told (Mac
	// Roman or Windows-1252: csvfile.ErrEncodingUndecided): the lead must choose one
	// of Encodings, the import refusing the file otherwise.
	EncodingUndecided string
}

// Inspect reads the header and up to samples rows of an import file of kind want, and
// works out its format as an import would with the same options. A header nothing
// recognises is not an error here: Inspection.Unmapped says so and Format is
// format.CustomFormat(want), for the lead to map. A file of another kind (legislators
// offered as volunteers) or one that cannot be read is an error.
func Inspect(r io.Reader, opts Options, want format.Kind, samples int) (*Inspection, error) {
	head := make([]byte, encodingHead)
	n, err := io.ReadFull(r, head)
	head = head[:n]
	rest := r
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		rest = failedReader{err} // the reader says it in its words, with the line
	}
	var read bytes.Buffer // what the first reading took of rest, for a second one
	t, err := newTable(io.MultiReader(bytes.NewReader(head), io.TeeReader(rest, &read)), opts, want)
	undecided := ""
	if errors.Is(err, csvfile.ErrEncodingUndecided) && opts.Encoding == "" {
		// The bytes do not tell Mac Roman from Windows-1252: the file is shown as Mac
		// Roman reads it, for the lead to choose (EncodingUndecided); an import that
		// is not told which refuses it.
		undecided, opts.Encoding = err.Error(), "mac-roman"
		t, err = newTable(io.MultiReader(bytes.NewReader(head), &read, rest), opts, want)
	}
	if err != nil {
		return nil, err
	}
	in := &Inspection{EncodingUndecided: undecided}
	if err := t.mapColumns(opts, want); errors.Is(err, ErrUnknownFormat) {
		in.Unmapped = err
		if t.f.ID == "" {
			t.f, t.m = format.CustomFormat(want), format.Mapping{Columns: map[format.Field]int{}}
		}
		if t.f.Kind != want {
			return nil, wrongKind(t.f, want)
		}
	} else if err != nil {
		return nil, err
	}
	in.FileInfo, in.Mapping = t.info(), t.m
	in.Encodings = encodingSamples(head, in.Encoding, t.m)
	err = t.each(func(row csvfile.Row, p *Problem) bool {
		if p == nil {
			in.Samples = append(in.Samples, slices.Clone(row.Cells))
		}
		return len(in.Samples) < samples
	})
	var pe *csvfile.Error
	if err != nil && !errors.As(err, &pe) { // a broken row shows in the preview, with its line
		return nil, err
	}
	return in, nil
}

// failedReader returns err on every Read: a file whose reading failed.
type failedReader struct{ err error }

func (f failedReader) Read([]byte) (int, error) { return 0, f.err }
