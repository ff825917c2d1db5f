package csvfile_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/iotest"

	"github.com/chapterdesk/chapterdesk/importer/csvfile"
)

// fuzzOptions turns a fuzzed byte into Options: the low bits name an encoding, the
// next a delimiter, the top bit a tiny cell limit.
func fuzzOptions(o byte) csvfile.Options {
	var opts csvfile.Options
	opts.Encoding = [...]string{"", "", "", "utf-8", "utf-16le", "utf-16be", "windows-1252", ""}[o&7]
	opts.Delimiter = [...]rune{0, ',', ';', '\t'}[o>>3&3]
	if o&0x80 != 0 {
		opts.MaxCellBytes = 8
	}
	return opts
}

// fuzzRead reads everything in from r, checking the properties every file must have,
// and returns the header and what Next gave, for comparison.
func fuzzRead(t *testing.T, r io.Reader, size int, opts csvfile.Options) []result {
	rd, err := csvfile.NewReader(r, opts)
	if err != nil {
		var e *csvfile.Error
		if !errors.As(err, &e) {
			t.Fatalf("NewReader returned %T %v, want *csvfile.Error", err, err)
		}
		if e.Line < 1 {
			t.Fatalf("NewReader error without a line: %v", e)
		}
		return []result{{Err: e.Error(), Fatal: true}}
	}
	header := rd.Header()
	if len(header) == 0 {
		t.Fatal("NewReader succeeded with no columns")
	}
	out := []result{{Cells: header}}
	// Each row takes at least one character, and each character at least one byte.
	limit := size + 2
	lastLine := 0
	for calls := 0; ; calls++ {
		if calls > limit {
			t.Fatalf("Next still returning rows after %d calls on %d bytes", calls, size)
		}
		row, err := rd.Next()
		if err == io.EOF {
			break
		}
		if row.Line <= lastLine {
			t.Fatalf("row on line %d after line %d", row.Line, lastLine)
		}
		lastLine = row.Line
		res := result{Line: row.Line, Cells: row.Cells}
		if err != nil {
			var e *csvfile.Error
			if !errors.As(err, &e) {
				t.Fatalf("Next returned %T %v, want *csvfile.Error", err, err)
			}
			if e.Line < 1 || e.Column < 0 {
				t.Fatalf("error at line %d, column %d: %v", e.Line, e.Column, e)
			}
			res.Err, res.Fatal = e.Error(), e.Fatal
		} else if len(row.Cells) != len(header) {
			t.Fatalf("good row on line %d has %d cells, header %d", row.Line, len(row.Cells), len(header))
		}
		out = append(out, res)
	}
	if _, err := rd.Next(); err != io.EOF {
		t.Fatalf("Next after io.EOF returned %v", err)
	}
	return out
}

// FuzzReader reads any bytes without panicking or looping, gives good rows exactly
// as many cells as the header, places every error on a line, and gives the same
// answer however the bytes arrive.
func FuzzReader(f *testing.F) {
	// The real headers, and the real legislator file; the reference data is not
	// everywhere, so what is missing is left out.
	headers, _ := filepath.Glob(filepath.Join(sharedData, "formats", "*.header.csv"))
	for _, path := range headers {
		if b, err := os.ReadFile(path); err == nil {
			f.Add(b, byte(0))
		}
	}
	if b, err := os.ReadFile(filepath.Join(sharedData, "openstates", "ma.csv")); err == nil {
		// Whole, the file would make every new finding take the fuzzer a minute to
		// minimize; its header with five rows at a time holds the same shapes.
		lines := bytes.SplitAfter(b, []byte("\n"))
		for i := 1; i < len(lines); i += 5 {
			f.Add(bytes.Join(append([][]byte{lines[0]}, lines[i:min(i+5, len(lines))]...), nil), byte(0))
		}
	}
	for _, s := range []string{
		"",
		"\xef\xbb\xbf",
		"a,b\n1,2\n",
		"a,b\r\n1,2\r\n3,4",
		"a;b\n\"x;y\";\"z\"\"\"\n",
		"a\tb\r\n1\t2\r\n",
		"a,b,c\n1,2\n1,2,3,4\n1,2,3,,\n",
		"a,b\n1,\"never closed\n2,3\n",
		"a,b\n\"Bob\" Smith,5'11\"\n",
		"a,b\nx\x00y,2\n",
		"a,b\nJos\xe9,\x93hi\x94\n",
		"\xff\xfea\x00,\x00b\x00\r\x00\n\x001\x00,\x002\x00",
		"\xfe\xff\x00a\x00\t\x00b\x00\n",
		"a\x00,\x00b\x00\n\x00",
		"a,b\r1,2\r",
		"sep=;\na;b\n1;2\n",
		"\n\n,,\na,,b\n",
		"a,b\n\"x\r\ny\",\"\"\n",
		"PK\x03\x04",
		"a,b\n1,2\xc3\n",
	} {
		f.Add([]byte(s), byte(0))
	}
	f.Add([]byte("a,b\n123456789,1\n"), byte(0x80))
	f.Add([]byte("a;b\n1;2\n"), byte(2<<3))
	f.Add([]byte("a,b\n1,2\n"), byte(6))

	f.Fuzz(func(t *testing.T, data []byte, o byte) {
		opts := fuzzOptions(o)
		whole := fuzzRead(t, bytes.NewReader(data), len(data), opts)
		pieces := fuzzRead(t, iotest.OneByteReader(bytes.NewReader(data)), len(data), opts)
		if !reflect.DeepEqual(whole, pieces) {
			t.Fatalf("read whole:\n%+v\nread a byte at a time:\n%+v", short(whole), short(pieces))
		}
	})
}
