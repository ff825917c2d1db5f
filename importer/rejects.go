package importer

import (
	"encoding/csv"
	"io"
	"slices"
)

// problemColumn is the last column of a rejects file: where and why the row was left out.
const problemColumn = "problem"

// Rejected is a row left out of an import: its cells as the file had them, and why.
type Rejected struct {
	Cells   []string
	Problem *Problem
}

// rejectsWriter writes the rows an import left out as a CSV the lead can fix and
// import again: the file's own header and the rows as they were, with a last column
// "problem" giving the line, the column and the reason. The columns keep their
// places, so the file is recognised as the original was.
type rejectsWriter struct {
	w     *csv.Writer
	width int
}

func newRejectsWriter(w io.Writer, header []string) (*rejectsWriter, error) {
	rw := &rejectsWriter{w: csv.NewWriter(w), width: len(header)}
	return rw, rw.w.Write(append(slices.Clone(header), problemColumn))
}

// write adds a row; a short row is padded so its problem stands in the problem
// column, and a long row's cells past the header's follow its problem, which would
// otherwise stand under no header while a cell of the row took its place (tester,
// s41).
func (rw *rejectsWriter) write(cells []string, p *Problem) error {
	row := make([]string, rw.width, max(rw.width, len(cells))+1)
	copy(row, cells)
	row = append(row, p.Error())
	if len(cells) > rw.width {
		row = append(row, cells[rw.width:]...)
	}
	return rw.w.Write(row)
}

func (rw *rejectsWriter) flush() error {
	rw.w.Flush()
	return rw.w.Error()
}

// WriteRejects writes rows left out of an import under the file's header (see
// rejectsWriter for the layout).
func WriteRejects(w io.Writer, header []string, rows []Rejected) error {
	rw, err := newRejectsWriter(w, header)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := rw.write(r.Cells, r.Problem); err != nil {
			return err
		}
	}
	return rw.flush()
}
