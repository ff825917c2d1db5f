package csvfile_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/chapterdesk/chapterdesk/importer/csvfile"
)

// result is what one call of Next gave, in a form tests can compare.
type result struct {
	Line  int
	Cells []string
	Err   string // "" for a good row
	Fatal bool
}

// readAll reads every row of in, failing the test if NewReader fails.
func readAll(t testing.TB, in []byte, opts csvfile.Options) (*csvfile.Reader, []result) {
	t.Helper()
	r, err := csvfile.NewReader(bytes.NewReader(in), opts)
	if err != nil {
		t.Fatalf("NewReader: %v", err)
	}
	return r, rest(t, r)
}

// rest reads the remaining rows of r.
func rest(t testing.TB, r *csvfile.Reader) []result {
	t.Helper()
	var out []result
	for range 100000 {
		row, err := r.Next()
		if err == io.EOF {
			return out
		}
		res := result{Line: row.Line, Cells: row.Cells}
		if err != nil {
			var e *csvfile.Error
			if !errors.As(err, &e) {
				t.Fatalf("Next returned %T %v, want *csvfile.Error", err, err)
			}
			res.Err, res.Fatal = e.Error(), e.Fatal
			res.Cells = nil
		}
		out = append(out, res)
	}
	t.Fatal("Next never returned io.EOF")
	return nil
}

// good is a good row, as readAll reports it.
func good(line int, cells ...string) result { return result{Line: line, Cells: cells} }

// bad is a row with an error, as readAll reports it.
func bad(line int, err string) result { return result{Line: line, Err: err} }

func checkRows(t *testing.T, got, want []result) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows:\n got %+v\nwant %+v", short(got), short(want))
	}
}

// short cuts long cells down for printing.
func short(rows []result) []result {
	out := make([]result, len(rows))
	for i, r := range rows {
		out[i] = r
		out[i].Cells = make([]string, len(r.Cells))
		for j, c := range r.Cells {
			if len(c) > 40 {
				c = fmt.Sprintf("%s...(%d bytes)", c[:20], len(c))
			}
			out[i].Cells[j] = c
		}
	}
	return out
}

func checkHeader(t *testing.T, r *csvfile.Reader, want ...string) {
	t.Helper()
	if got := r.Header(); !reflect.DeepEqual(got, want) {
		t.Errorf("header %q, want %q", got, want)
	}
}

// newReaderError returns the *csvfile.Error NewReader gives for in.
func newReaderError(t *testing.T, in []byte, opts csvfile.Options) *csvfile.Error {
	t.Helper()
	r, err := csvfile.NewReader(bytes.NewReader(in), opts)
	if err == nil {
		t.Fatalf("NewReader accepted the file (header %q)", r.Header())
	}
	var e *csvfile.Error
	if !errors.As(err, &e) {
		t.Fatalf("NewReader returned %T %v, want *csvfile.Error", err, err)
	}
	return e
}

func utf16le(s string) []byte {
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

func utf16be(s string) []byte {
	b, err := unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

func TestEncodings(t *testing.T) {
	const text = "first_name,last_name\r\nJosé,Núñez\r\nAda,Lovelace\r\n"
	want := []result{good(2, "José", "Núñez"), good(3, "Ada", "Lovelace")}

	t.Run("reads UTF-8 without a byte-order mark", func(t *testing.T) {
		r, rows := readAll(t, []byte(text), csvfile.Options{})
		checkHeader(t, r, "first_name", "last_name")
		checkRows(t, rows, want)
		if r.Encoding() != "UTF-8" {
			t.Errorf("encoding %q", r.Encoding())
		}
	})
	t.Run("reads UTF-8 with a byte-order mark and keeps it out of the first column name", func(t *testing.T) {
		r, rows := readAll(t, []byte("\xef\xbb\xbf"+text), csvfile.Options{})
		checkHeader(t, r, "first_name", "last_name")
		checkRows(t, rows, want)
		if r.Encoding() != "UTF-8 with BOM" {
			t.Errorf("encoding %q", r.Encoding())
		}
	})
	t.Run("reads Excel's UTF-16 Unicode text", func(t *testing.T) {
		in := cat([]byte{0xff, 0xfe}, utf16le("first_name\tlast_name\tnotes\r\nJosé\tNúñez\t\"a, b\"\r\nAda\tLovelace\t\r\n"))
		r, rows := readAll(t, in, csvfile.Options{})
		checkHeader(t, r, "first_name", "last_name", "notes")
		checkRows(t, rows, []result{good(2, "José", "Núñez", "a, b"), good(3, "Ada", "Lovelace", "")})
		if r.Encoding() != "UTF-16LE" || r.Delimiter() != '\t' {
			t.Errorf("encoding %q, delimiter %q", r.Encoding(), r.Delimiter())
		}
	})
	t.Run("reads UTF-16BE with a byte-order mark", func(t *testing.T) {
		r, rows := readAll(t, cat([]byte{0xfe, 0xff}, utf16be(text)), csvfile.Options{})
		checkHeader(t, r, "first_name", "last_name")
		checkRows(t, rows, want)
		if r.Encoding() != "UTF-16BE" {
			t.Errorf("encoding %q", r.Encoding())
		}
	})
	t.Run("refuses the row of a lone UTF-16 surrogate, naming its line, as a stray UTF-8 byte", func(t *testing.T) {
		// "Jo" with half a character between its letters, "Zoë" with the first half of
		// "😀" alone at its end, and "Ann" with the second half alone at its start;
		// a whole "😀" and a U+FFFD written in the file read as themselves.
		loneLE := cat(utf16le("first_name,last_name\r\nJ"), []byte{0x00, 0xd8}, utf16le("o,Núñez\r\nAda,😀\uFFFD\r\nZoë"),
			[]byte{0x3d, 0xd8}, utf16le(",Lee\r\n"), []byte{0x00, 0xde}, utf16le("Ann,Lee\r\n"))
		loneBE := cat(utf16be("first_name,last_name\r\nJ"), []byte{0xd8, 0x00}, utf16be("o,Núñez\r\nAda,😀\uFFFD\r\nZoë"),
			[]byte{0xd8, 0x3d}, utf16be(",Lee\r\n"), []byte{0xde, 0x00}, utf16be("Ann,Lee\r\n"))
		want := []result{
			bad(2, `line 2, column 1 (first_name): half of a UTF-16 character (a lone surrogate, U+D800) stands after "J": the file is damaged; save it again from the program that made it`),
			good(3, "Ada", "😀\uFFFD"),
			bad(4, `line 4, column 1 (first_name): half of a UTF-16 character (a lone surrogate, U+D83D) stands after "Zoë": the file is damaged; save it again from the program that made it`),
			bad(5, `line 5, column 1 (first_name): half of a UTF-16 character (a lone surrogate, U+DE00) stands at the start of the cell: the file is damaged; save it again from the program that made it`),
		}
		for name, in := range map[string][]byte{"UTF-16LE": cat([]byte{0xff, 0xfe}, loneLE), "UTF-16BE": cat([]byte{0xfe, 0xff}, loneBE),
			"UTF-16LE without a mark": loneLE} {
			r, rows := readAll(t, in, csvfile.Options{})
			if r.Encoding() != strings.Fields(name)[0] {
				t.Errorf("%s: read as %q", name, r.Encoding())
			}
			checkRows(t, rows, want)
		}
		_, rows := readAll(t, cat([]byte{0xff, 0xfe}, utf16le("a\r\nJo\r\n"), []byte{'x'}), csvfile.Options{})
		checkRows(t, rows, []result{good(2, "Jo"),
			bad(3, "line 3, column 1 (a): the file ends in the middle of a UTF-16 character: it was cut short; save it again from the program that made it")})
	})
	t.Run("reads CESU-8 (an emoji as two 3-byte halves, as Java and Oracle write it) as the one character, beside UTF-8 accents", func(t *testing.T) {
		// "😀" is U+1F600: UTF-16 halves D83D DE00, which CESU-8 writes ED A0 BD ED B8 80.
		in := []byte("first_name,last_name,notes\nJosé,Núñez,ok \xed\xa0\xbd\xed\xb8\x80\nAda,\xed\xa0\xbd\xed\xb8\x80\xed\xa0\xbd\xed\xb8\x80,Zoë\n" +
			"Jo,Lee,x\xed\xa0\xbdy\nAnn,Lee,\xed\xb8\x80\n")
		r, rows := readAll(t, in, csvfile.Options{})
		if r.Encoding() != "UTF-8" {
			t.Errorf("encoding %q", r.Encoding())
		}
		checkRows(t, rows, []result{good(2, "José", "Núñez", "ok 😀"), good(3, "Ada", "😀😀", "Zoë"),
			// half of a pair alone is no character: refused, as a stray byte is
			bad(4, `line 4, column 3 (notes): the bytes here are not valid UTF-8 ("x\xed\xa0\xbdy"); the file is otherwise UTF-8 — re-save it as UTF-8, or, if it was saved as Windows-1252, read it as Windows-1252`),
			bad(5, `line 5, column 3 (notes): the bytes here are not valid UTF-8 ("\xed\xb8\x80"); the file is otherwise UTF-8 — re-save it as UTF-8, or, if it was saved as Windows-1252, read it as Windows-1252`)})
		// Named UTF-8 by the lead, the same; in the header too.
		_, rows = readAll(t, []byte("name \xed\xa0\xbd\xed\xb8\x80\nJosé \xed\xa0\xbd\xed\xb8\x80\n"), csvfile.Options{Encoding: "utf-8"})
		checkRows(t, rows, []result{good(2, "José 😀")})
	})
	t.Run("takes a lone CESU-8 half in an otherwise-ASCII file as UTF-8 and refuses its row", func(t *testing.T) {
		// ED A0-BF 80-BF is half of a UTF-16 pair written as UTF-8, never Windows-1252
		// text: the file was read as Windows-1252 and the note stored as "cut here í ½".
		for _, half := range []string{"\xed\xa0\xbd", "\xed\xb8\x80"} {
			in := []byte("first_name,last_name,email,notes\nAma,Owusu,ama@x.org,cut here " + half + "\nKofi,Mensah,k@x.org,fine\n")
			r, rows := readAll(t, in, csvfile.Options{})
			if r.Encoding() != "UTF-8" {
				t.Errorf("%q: encoding %q", half, r.Encoding())
			}
			checkRows(t, rows, []result{
				bad(2, fmt.Sprintf(`line 2, column 4 (notes): the bytes here are not valid UTF-8 (%q); the file is otherwise UTF-8 — re-save it as UTF-8, or, if it was saved as Windows-1252, read it as Windows-1252`, "cut here "+half)),
				good(3, "Kofi", "Mensah", "k@x.org", "fine")})
		}
		// "í" and a no-break space before plain text is Windows-1252 still.
		r, rows := readAll(t, []byte("name\nS\xed\xa0ok\n"), csvfile.Options{})
		if r.Encoding() != "Windows-1252" {
			t.Errorf("encoding %q", r.Encoding())
		}
		checkRows(t, rows, []result{good(2, "Sí\u00a0ok")})
	})
	t.Run("recognizes UTF-16LE without a byte-order mark by its NUL bytes", func(t *testing.T) {
		r, rows := readAll(t, utf16le(text), csvfile.Options{})
		checkHeader(t, r, "first_name", "last_name")
		checkRows(t, rows, want)
		if r.Encoding() != "UTF-16LE" {
			t.Errorf("encoding %q", r.Encoding())
		}
	})
	t.Run("recognizes UTF-16BE without a byte-order mark by its NUL bytes", func(t *testing.T) {
		r, rows := readAll(t, utf16be(text), csvfile.Options{})
		checkRows(t, rows, want)
		if r.Encoding() != "UTF-16BE" {
			t.Errorf("encoding %q", r.Encoding())
		}
	})
	t.Run("reads Windows-1252 accents and smart quotes", func(t *testing.T) {
		in := []byte("name,said\r\nJos\xe9,\x93Hello\x94\r\nFran\xe7oise,caf\xe9 \x96 ok\r\n")
		r, rows := readAll(t, in, csvfile.Options{})
		checkRows(t, rows, []result{good(2, "José", "“Hello”"), good(3, "Françoise", "café – ok")})
		if r.Encoding() != "Windows-1252" {
			t.Errorf("encoding %q", r.Encoding())
		}
	})
	t.Run("reads Mac Roman, Excel for Mac's CSV (Macintosh), as such and not as Windows-1252", func(t *testing.T) {
		// Read as Windows-1252 these were "JosŽ Nœ–ez", "Mar’a Garc’a", "Jo‹o Gon\u008dalves",
		// stored without a word (tester t5).
		text := "first_name,last_name\r\nJosé,Núñez\r\nMaría,García\r\nJoão,Gonçalves\r\nSam,O’Brien\r\n"
		in, err := charmap.Macintosh.NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		r, rows := readAll(t, in, csvfile.Options{})
		checkRows(t, rows, []result{good(2, "José", "Núñez"), good(3, "María", "García"), good(4, "João", "Gonçalves"), good(5, "Sam", "O’Brien")})
		if r.Encoding() != "Mac Roman" {
			t.Errorf("encoding %q", r.Encoding())
		}
		r, rows = readAll(t, []byte("name\nJos\x8e\n"), csvfile.Options{Encoding: "mac-roman"})
		checkRows(t, rows, []result{good(2, "José")})
		if r.Encoding() != "Mac Roman" {
			t.Errorf("named: encoding %q", r.Encoding())
		}
	})
	t.Run("reads Windows-1252 with curly quotes and dashes within words as Windows-1252", func(t *testing.T) {
		// Its quotes and dashes are Mac Roman's í, ì, î, ñ, ó: between letters they
		// prove nothing ("O’Brien"), and its accented letters are bytes 0xC0 and up.
		for _, in := range []string{"name\r\nO\x92Brien\r\nD\x92Angelo\r\nSmith\x96Jones\r\nLee\x97Park\r\n",
			"name\r\nJos\xe9 \x80\r\nRen\xe9e C\xf4t\xe9\r\nna\xefve\x85x\x86y\r\n"} {
			r, _ := readAll(t, []byte(in), csvfile.Options{})
			if r.Encoding() != "Windows-1252" {
				t.Errorf("%q: encoding %q", in, r.Encoding())
			}
		}
	})
	t.Run("reads the encoding named in the options", func(t *testing.T) {
		r, rows := readAll(t, []byte("name\nJos\xe9\n"), csvfile.Options{Encoding: "windows-1252"})
		checkRows(t, rows, []result{good(2, "José")})
		if r.Encoding() != "Windows-1252" {
			t.Errorf("encoding %q", r.Encoding())
		}
		r, rows = readAll(t, cat([]byte{0xff, 0xfe}, utf16le("a,b\n1,2\n")), csvfile.Options{Encoding: "UTF-16LE"})
		checkHeader(t, r, "a", "b")
		checkRows(t, rows, []result{good(2, "1", "2")})
		r, rows = readAll(t, cat([]byte{0xfe, 0xff}, utf16be("a,b\n1,2\n")), csvfile.Options{Encoding: "utf-16"})
		checkHeader(t, r, "a", "b")
		checkRows(t, rows, []result{good(2, "1", "2")})
		if r.Encoding() != "UTF-16BE" {
			t.Errorf("encoding %q", r.Encoding())
		}
	})
	t.Run("reports invalid UTF-8 after the sniffed start with its line and column", func(t *testing.T) {
		var b bytes.Buffer
		b.WriteString("name,email\n")
		line := 1
		for b.Len() < 70<<10 {
			b.WriteString("Ada,ada@example.org\n")
			line++
		}
		b.WriteString("Jos\xe9,jose@example.org\nAnn,ann@example.org\n")
		r, rows := readAll(t, b.Bytes(), csvfile.Options{})
		if r.Encoding() != "UTF-8" {
			t.Fatalf("encoding %q", r.Encoding())
		}
		got := rows[len(rows)-2:]
		checkRows(t, got, []result{
			bad(line+1, fmt.Sprintf(`line %d, column 1 (name): the bytes here are not valid UTF-8 ("Jos\xe9"); was the file saved as Windows-1252? Then read it as Windows-1252`, line+1)),
			good(line+2, "Ann", "ann@example.org"),
		})
	})
	t.Run("reads a UTF-8 file with a stray byte as UTF-8, naming the row that holds it", func(t *testing.T) {
		in := []byte("first_name,last_name\nJosé,Núñez\nAna L\xfacia,Santos\nAda,Lovelace\n")
		r, rows := readAll(t, in, csvfile.Options{})
		if r.Encoding() != "UTF-8" {
			t.Errorf("encoding %q", r.Encoding())
		}
		checkRows(t, rows, []result{good(2, "José", "Núñez"),
			bad(3, `line 3, column 1 (first_name): the bytes here are not valid UTF-8 ("Ana L\xfacia"); the file is otherwise UTF-8 — re-save it as UTF-8, or, if it was saved as Windows-1252, read it as Windows-1252`),
			good(4, "Ada", "Lovelace")})
	})
	t.Run("names the stray in a long cell by the bytes around it", func(t *testing.T) {
		in := []byte("name,notes\nJosé," + strings.Repeat("a", 100) + "\x93quoted" + strings.Repeat("b", 100) + "\n")
		_, rows := readAll(t, in, csvfile.Options{})
		want := `line 2, column 2 (notes): the bytes here are not valid UTF-8 (…"` + strings.Repeat("a", 24) + `\x93quotedbbbbbbbbbbbbbbbbb"…); the file is otherwise UTF-8 — re-save it as UTF-8, or, if it was saved as Windows-1252, read it as Windows-1252`
		checkRows(t, rows, []result{bad(2, want)})
	})
	t.Run("a stray byte in the header of a UTF-8 file refuses the file, naming it", func(t *testing.T) {
		_, err := csvfile.NewReader(strings.NewReader("first_name,\xe9mail\nJosé,jose@example.org\n"), csvfile.Options{})
		var e *csvfile.Error
		if !errors.As(err, &e) || !e.Fatal ||
			e.Error() != `line 1, column 2: the bytes here are not valid UTF-8 ("\xe9mail"); the file is otherwise UTF-8 — re-save it as UTF-8, or, if it was saved as Windows-1252, read it as Windows-1252` {
			t.Errorf("err = %v", err)
		}
	})
	t.Run("a stray byte in the header of an otherwise ASCII file is Windows-1252", func(t *testing.T) {
		r, rows := readAll(t, []byte("Pr\xe9nom,Nom\nAda,Lovelace\n"), csvfile.Options{})
		checkHeader(t, r, "Prénom", "Nom")
		checkRows(t, rows, []result{good(2, "Ada", "Lovelace")})
		if r.Encoding() != "Windows-1252" {
			t.Errorf("encoding %q", r.Encoding())
		}
	})
	t.Run("a UTF-8 file with a byte-order mark and a stray byte is UTF-8 with errors", func(t *testing.T) {
		r, rows := readAll(t, []byte("\xef\xbb\xbfname\nAna L\xfacia\nAda\n"), csvfile.Options{})
		if r.Encoding() != "UTF-8 with BOM" {
			t.Errorf("encoding %q", r.Encoding())
		}
		checkRows(t, rows, []result{
			bad(2, `line 2, column 1 (name): the bytes here are not valid UTF-8 ("Ana L\xfacia"); the file is otherwise UTF-8 — re-save it as UTF-8, or, if it was saved as Windows-1252, read it as Windows-1252`),
			good(3, "Ada")})
	})
	t.Run("a Windows-1252 file with many accents is Windows-1252, a chance UTF-8 pair notwithstanding", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("name,said\r\n")
		// "JOSÉ”" is C9 94 in Windows-1252, which is also UTF-8 (U+0254).
		b.WriteString("JOS\xc9\x94,ok\r\n")
		for range 20 {
			b.WriteString("Jos\xe9 N\xfa\xf1ez,caf\xe9 cr\xe8me\r\n")
		}
		r, rows := readAll(t, []byte(b.String()), csvfile.Options{})
		if r.Encoding() != "Windows-1252" {
			t.Fatalf("encoding %q", r.Encoding())
		}
		if rows[0].Cells[0] != "JOSÉ”" || rows[1].Cells[0] != "José Núñez" || rows[1].Cells[1] != "café crème" {
			t.Errorf("rows %v", rows[:2])
		}
	})
	t.Run("refuses an unknown encoding name", func(t *testing.T) {
		_, err := csvfile.NewReader(strings.NewReader("a\n"), csvfile.Options{Encoding: "ebcdic"})
		if err == nil || !strings.Contains(err.Error(), "ebcdic") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestDelimiters(t *testing.T) {
	cases := []struct {
		name, in string
		delim    rune
		header   []string
		rows     []result
	}{
		{"reads a comma-separated file", "a,b,c\n1,2,3\n", ',', []string{"a", "b", "c"}, []result{good(2, "1", "2", "3")}},
		{"reads a semicolon-separated file with commas in its cells", "name;city\n\"Smith, Ada\";Boston\nBob;Lowell, MA\n", ';',
			[]string{"name", "city"}, []result{good(2, "Smith, Ada", "Boston"), good(3, "Bob", "Lowell, MA")}},
		{"reads a tab-separated file", "a\tb\n1\t2\n", '\t', []string{"a", "b"}, []result{good(2, "1", "2")}},
		{"counts delimiters outside quotes only", "\"a;b;c\",\"d;e\",f\n1,2,3\n", ',', []string{"a;b;c", "d;e", "f"}, []result{good(2, "1", "2", "3")}},
		{"prefers a tab when a header name holds a comma", "Name, first\tEmail\n1\t2\n", '\t', []string{"Name, first", "Email"}, []result{good(2, "1", "2")}},
		{"reads a one-column file", "email\na@x.org\n", ',', []string{"email"}, []result{good(2, "a@x.org")}},
		{"takes the delimiter from Excel's sep= line", "sep=;\r\na;b\r\n1;2\r\n", ';', []string{"a", "b"}, []result{good(3, "1", "2")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, rows := readAll(t, []byte(c.in), csvfile.Options{})
			if r.Delimiter() != c.delim {
				t.Errorf("delimiter %q, want %q", r.Delimiter(), c.delim)
			}
			checkHeader(t, r, c.header...)
			checkRows(t, rows, c.rows)
		})
	}
	t.Run("uses the delimiter named in the options", func(t *testing.T) {
		r, rows := readAll(t, []byte("a;b,c\n1;2,3\n"), csvfile.Options{Delimiter: ','})
		checkHeader(t, r, "a;b", "c")
		checkRows(t, rows, []result{good(2, "1;2", "3")})
	})
	t.Run("refuses a delimiter it cannot use", func(t *testing.T) {
		for _, d := range []rune{'"', '\n', '\r', '¦'} {
			if _, err := csvfile.NewReader(strings.NewReader("a\n"), csvfile.Options{Delimiter: d}); err == nil {
				t.Errorf("delimiter %q accepted", d)
			}
		}
	})
}

func TestLinesAndQuotes(t *testing.T) {
	cases := []struct {
		name, in string
		rows     []result
	}{
		{"reads LF line endings", "a,b\n1,2\n3,4\n", []result{good(2, "1", "2"), good(3, "3", "4")}},
		{"reads CRLF line endings", "a,b\r\n1,2\r\n3,4\r\n", []result{good(2, "1", "2"), good(3, "3", "4")}},
		{"reads old Mac CR line endings", "a,b\r1,2\r3,4\r", []result{good(2, "1", "2"), good(3, "3", "4")}},
		{"reads a last line without a line break", "a,b\r\n1,2\r\n3,4", []result{good(2, "1", "2"), good(3, "3", "4")}},
		{"reads an empty last cell at the end of the file", "a,b\n1,", []result{good(2, "1", "")}},
		{"skips empty lines and counts them", "a,b\n\n1,2\r\n\r\n\n3,4\n\n", []result{good(3, "1", "2"), good(6, "3", "4")}},
		{"skips lines that hold only delimiters", "a,b,c\n,,\n,\n 1,2,3\n", []result{good(4, " 1", "2", "3")}},
		{"reads quoted cells with delimiters, doubled quotes and line breaks",
			"name,said,notes\n\"Smith, Ada\",\"She said \"\"hi\"\"\",\"line 1\nline 2\r\nline 3\"\nBob,\"\",x\n",
			[]result{good(2, "Smith, Ada", "She said \"hi\"", "line 1\nline 2\nline 3"), good(5, "Bob", "", "x")}},
		{"counts the lines of a quoted cell for the rows after it",
			"Timestamp,Notes,Follow up\r\n1/2/2026,\"Called twice.\r\n\r\nLeft a message,\r\nwill try again\",yes\r\n1/3/2026,short,no\r\n",
			[]result{good(2, "1/2/2026", "Called twice.\n\nLeft a message,\nwill try again", "yes"), good(6, "1/3/2026", "short", "no")}},
		{"keeps a stray quote inside an unquoted cell as text", "name,height\nAda,5'11\"\nBob,6\" tall\nC\"a\"rl,x\n",
			[]result{good(2, "Ada", "5'11\""), good(3, "Bob", "6\" tall"), good(4, "C\"a\"rl", "x")}},
		{"keeps text after a closing quote, as spreadsheets do", "name,x\n\"Bob\" Smith,1\n\"a\"b\"c,2\n",
			[]result{good(2, "Bob Smith", "1"), good(3, "ab\"c", "2")}},
		{"keeps a bare CR inside a cell", "a,b\nx\ry,2\n", []result{good(2, "x\ry", "2")}},
		{"keeps leading and trailing spaces in data cells", "a,b\n $0.00 , x \n", []result{good(2, " $0.00 ", " x ")}},
		{"reads a quoted cell that ends the file", "a,b\n1,\"two\"", []result{good(2, "1", "two")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, rows := readAll(t, []byte(c.in), csvfile.Options{})
			checkRows(t, rows, c.rows)
		})
	}
}

func TestRaggedRows(t *testing.T) {
	t.Run("reports a row with too few cells and goes on", func(t *testing.T) {
		_, rows := readAll(t, []byte("a,b,c\n1,2\n4,5,6\n"), csvfile.Options{})
		checkRows(t, rows, []result{bad(2, "line 2: this row has 2 cells but the header has 3"), good(3, "4", "5", "6")})
	})
	t.Run("reports a row with too many cells and goes on", func(t *testing.T) {
		_, rows := readAll(t, []byte("a;b\n1;2;3\n\"x\";\"y\"\n"), csvfile.Options{})
		checkRows(t, rows, []result{
			bad(2, "line 2: this row has 3 cells but the header has 2 (does a cell hold a semicolon without quotes around it?)"),
			good(3, "x", "y"),
		})
	})
	t.Run("tolerates empty cells past the last column, as Excel writes them", func(t *testing.T) {
		_, rows := readAll(t, []byte("a,b\r\n1,2,,,\r\n3,4,\"\"\r\n"), csvfile.Options{})
		checkRows(t, rows, []result{good(2, "1", "2"), good(3, "3", "4")})
	})
	t.Run("reports cells past the last column that hold something", func(t *testing.T) {
		_, rows := readAll(t, []byte("a,b\n1,2,, \n"), csvfile.Options{})
		checkRows(t, rows, []result{bad(2, "line 2: this row has 4 cells but the header has 2 (does a cell hold a comma without quotes around it?)")})
	})
	t.Run("gives the cells of a ragged row as well as it can", func(t *testing.T) {
		r, err := csvfile.NewReader(strings.NewReader("a,b,c\n1,2\n"), csvfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		row, err := r.Next()
		if err == nil || !reflect.DeepEqual(row.Cells, []string{"1", "2"}) || row.Line != 2 {
			t.Errorf("row %+v, err %v", row, err)
		}
	})
	t.Run("survives a row with very many cells", func(t *testing.T) {
		in := "a,b\n" + strings.Repeat("x,", 500000) + "\n1,2\n"
		_, rows := readAll(t, []byte(in), csvfile.Options{})
		checkRows(t, rows, []result{
			bad(2, "line 2: this row has 500001 cells but the header has 2 (does a cell hold a comma without quotes around it?)"),
			good(3, "1", "2"),
		})
	})
}

func TestBadCells(t *testing.T) {
	t.Run("stops at a quote that is never closed, naming the line it opened on", func(t *testing.T) {
		_, rows := readAll(t, []byte("name,notes\nAda,ok\n\nBob,\"never closed\nCarl,x\nDan,y\n"), csvfile.Options{})
		checkRows(t, rows, []result{
			good(2, "Ada", "ok"),
			{Line: 4, Err: "line 4, column 2 (notes): a quote opened here is never closed, so the rest of the file was read as one cell", Fatal: true},
		})
	})
	t.Run("returns io.EOF after a fatal error", func(t *testing.T) {
		r, err := csvfile.NewReader(strings.NewReader("a\n\"x\n"), csvfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.Next(); err == nil {
			t.Fatal("no error for the unclosed quote")
		}
		for range 3 {
			if _, err := r.Next(); err != io.EOF {
				t.Fatalf("after a fatal error Next returned %v, want io.EOF", err)
			}
		}
	})
	t.Run("reports a NUL byte with its column and goes on", func(t *testing.T) {
		_, rows := readAll(t, []byte("a,b,c\n1,x\x00y,3\n2,z,4\n"), csvfile.Options{})
		checkRows(t, rows, []result{
			bad(2, "line 2, column 2 (b): the cell holds a NUL character (is this a binary file?)"),
			good(3, "2", "z", "4"),
		})
	})
	t.Run("reports a cell longer than MaxCellBytes", func(t *testing.T) {
		_, rows := readAll(t, []byte("a,b\nhello,hi\nhey,hi\n"), csvfile.Options{MaxCellBytes: 4})
		checkRows(t, rows, []result{
			bad(2, "line 2, column 1 (a): the cell is 5 bytes, more than the 4 bytes a cell may hold"),
			good(3, "hey", "hi"),
		})
	})
	for _, quoted := range []bool{false, true} {
		name := "reports a 10 MB cell in little memory and goes on"
		if quoted {
			name = "reports a 10 MB quoted cell with line breaks in little memory and goes on"
		}
		t.Run(name, func(t *testing.T) {
			const size = 10 << 20
			var b bytes.Buffer
			b.WriteString("name,notes,zip\nAda,")
			if quoted {
				b.WriteString(`"`)
				chunk := strings.Repeat("x", 1023) + "\n"
				for range size / len(chunk) {
					b.WriteString(chunk)
				}
				b.WriteString(`"`)
			} else {
				b.WriteString(strings.Repeat("x", size))
			}
			b.WriteString(",02139\nBob,ok,01852\n")
			in := b.Bytes()
			nextLine := 3
			if quoted {
				nextLine += size / 1024
			}

			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, rows := readAll(t, in, csvfile.Options{})
			runtime.ReadMemStats(&after)

			checkRows(t, rows, []result{
				bad(2, "line 2, column 2 (notes): the cell is 10 MB, more than the 1 MB a cell may hold"),
				good(nextLine, "Bob", "ok", "01852"),
			})
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > size {
				t.Errorf("reading allocated %d bytes, more than the %d-byte cell", alloc, size)
			}
		})
	}
	t.Run("cuts a too-long cell to MaxCellBytes in the row it returns", func(t *testing.T) {
		r, err := csvfile.NewReader(strings.NewReader("a,b\n1,abcdefgh\n"), csvfile.Options{MaxCellBytes: 3})
		if err != nil {
			t.Fatal(err)
		}
		row, err := r.Next()
		if err == nil || !reflect.DeepEqual(row.Cells, []string{"1", "abc"}) {
			t.Errorf("row %q, err %v", row.Cells, err)
		}
	})
	t.Run("reports a failed read as fatal, keeping the cause", func(t *testing.T) {
		cause := errors.New("disk on fire")
		in := io.MultiReader(strings.NewReader("a,b\n1,2\n3,"), iotest.ErrReader(cause))
		r, err := csvfile.NewReader(in, csvfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if row, err := r.Next(); err != nil || row.Line != 2 {
			t.Fatalf("first row %+v, %v", row, err)
		}
		_, err = r.Next()
		var e *csvfile.Error
		if !errors.As(err, &e) || !e.Fatal || !errors.Is(err, cause) || e.Line != 3 {
			t.Fatalf("err = %#v", err)
		}
		if _, err := r.Next(); err != io.EOF {
			t.Errorf("then %v, want io.EOF", err)
		}
	})
}

func TestHeader(t *testing.T) {
	t.Run("trims spaces from names and keeps their order and duplicates", func(t *testing.T) {
		r, rows := readAll(t, []byte("  id , Email,email ,Email\n1,a,b,c\n"), csvfile.Options{})
		checkHeader(t, r, "id", "Email", "email", "Email")
		checkRows(t, rows, []result{good(2, "1", "a", "b", "c")})
	})
	t.Run("drops empty names past the last named column", func(t *testing.T) {
		r, rows := readAll(t, []byte("a,b,,\n1,2,,\n"), csvfile.Options{})
		checkHeader(t, r, "a", "b")
		checkRows(t, rows, []result{good(2, "1", "2")})
	})
	t.Run("skips blank lines before the header", func(t *testing.T) {
		r, rows := readAll(t, []byte("\r\n,,\r\na,b\r\n1,2\r\n"), csvfile.Options{})
		checkHeader(t, r, "a", "b")
		checkRows(t, rows, []result{good(4, "1", "2")})
	})
	t.Run("returns a header the caller may change", func(t *testing.T) {
		r, _ := readAll(t, []byte("a,b\n"), csvfile.Options{})
		r.Header()[0] = "changed"
		checkHeader(t, r, "a", "b")
	})
	cases := []struct {
		name, in string
		want     string
	}{
		{"refuses an empty file", "", "line 1: the file is empty"},
		{"refuses a file that is only a byte-order mark", "\xef\xbb\xbf", "line 1: the file is empty"},
		{"refuses a file of empty lines", "\r\n\r\n,,\n", "line 1: the file has no header row, only empty lines"},
		{"refuses a header with an unnamed column", "id,,name\n1,2,3\n", "line 1, column 2: column 2 of the header has no name; every column needs one"},
		{"refuses a header with a NUL byte", "id,na\x00me\n", "line 1, column 2: the cell holds a NUL character (is this a binary file?)"},
		{"refuses a header whose quote never closes", "id,\"name\n1,2\n", "line 1, column 2: a quote opened here is never closed, so the rest of the file was read as one cell"},
		{"refuses an Excel workbook", "PK\x03\x04\x14\x00\x06\x00", "line 1: this is an Excel workbook or another zipped file, not a CSV file; open it in the spreadsheet and save it as CSV"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newReaderError(t, []byte(c.in), csvfile.Options{})
			if e.Error() != c.want || e.Line < 1 || !e.Fatal {
				t.Errorf("got %q (fatal %v), want %q", e.Error(), e.Fatal, c.want)
			}
		})
	}
	t.Run("refuses a file it cannot read", func(t *testing.T) {
		cause := errors.New("permission denied")
		_, err := csvfile.NewReader(iotest.ErrReader(cause), csvfile.Options{})
		if !errors.Is(err, cause) || !strings.HasPrefix(err.Error(), "line 1: the file could not be read") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestErrorMessage(t *testing.T) {
	cases := []struct {
		name string
		err  csvfile.Error
		want string
	}{
		{"names the line, column and column name", csvfile.Error{Line: 12, Column: 3, Name: "Email", Reason: "r"}, "line 12, column 3 (Email): r"},
		{"leaves out an unknown name", csvfile.Error{Line: 12, Column: 3, Reason: "r"}, "line 12, column 3: r"},
		{"leaves out the column for a whole row", csvfile.Error{Line: 12, Name: "ignored", Reason: "r"}, "line 12: r"},
		{"gives only the reason when the place is unknown", csvfile.Error{Reason: "r"}, "r"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.err.Error(); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// TestPieces reads every kind of file whole and in awkward pieces: the rows and errors
// must not depend on how the bytes arrive.
func TestPieces(t *testing.T) {
	big := strings.Repeat("y", 70<<10)
	// whole and lone halves of "😀", and a last byte without its pair
	halves := cat([]byte{0xff, 0xfe}, utf16le("a\tb\r\n😀x\t😀"), []byte{0x3d, 0xd8}, utf16le("\r\n"), []byte{0x00, 0xde},
		utf16le("😀\t\r\n"), []byte{'x'})
	inputs := map[string][]byte{
		"quotes":       []byte("name,said,notes\r\n\"Smith, Ada\",\"She said \"\"hi\"\"\",\"line 1\r\nline 2\"\r\nBob,\"\",x\r\n\"a\"b,c\r,d\r\n"),
		"utf16":        cat([]byte{0xff, 0xfe}, utf16le("a\tb\r\n\"x\r\ny\"\tJosé\r\n")),
		"utf16 halves": halves,
		"windows-1252": []byte("name,said\r\nJos\xe9,\x93Hello\x94\r\n"),
		"ragged":       []byte("a,b,c\n1,2\n1,2,3,4\n1,2,3,,\n\n,,\n"),
		"long cells":   []byte("a,b\n" + big + ",\"" + big + "\"\"" + big + "\"\n1,2\n"),
		"unclosed":     []byte("a,b\n1,\"2\n3,4\n"),
		"bad utf-8":    []byte("a,b\n" + strings.Repeat("z", 70<<10) + ",\xff\n1,2"),
		"mac":          []byte("a,b\r1,\"x\r\ny\"\r"),
		"cesu-8":       []byte("a,b\nJosé,\xed\xa0\xbd\xed\xb8\x80x\xed\xa0\xbd\n\xed\xa0\xbd\xed\xb8\x80,\xed\xb8\x80\n"),
	}
	readers := map[string]func(io.Reader) io.Reader{
		"one byte at a time":    iotest.OneByteReader,
		"half of each read":     iotest.HalfReader,
		"with the error at EOF": iotest.DataErrReader,
		"in 7-byte pieces":      func(r io.Reader) io.Reader { return &pieceReader{r: r, n: 7} },
	}
	for name, in := range inputs {
		opts := csvfile.Options{MaxCellBytes: 100 << 10}
		_, want := readAll(t, in, opts)
		for how, wrap := range readers {
			t.Run(fmt.Sprintf("reads %s the same %s", name, how), func(t *testing.T) {
				r, err := csvfile.NewReader(wrap(bytes.NewReader(in)), opts)
				if err != nil {
					t.Fatal(err)
				}
				checkRows(t, rest(t, r), want)
			})
		}
	}
}

// pieceReader gives at most n bytes per Read.
type pieceReader struct {
	r io.Reader
	n int
}

func (p *pieceReader) Read(b []byte) (int, error) { return p.r.Read(b[:min(len(b), p.n)]) }

// nationBuilderHeader is a header the shape of a NationBuilder export: 218 columns.
func nationBuilderHeader() string {
	names := make([]string, 218)
	for i := range names {
		names[i] = fmt.Sprintf("field_%d", i+1)
	}
	names[0], names[1], names[2], names[3], names[4] = "nationbuilder_id", "first_name", "last_name", "email", "phone_number"
	return strings.Join(names, ",") + "\r\n"
}

// exportRow writes row i of a mostly empty 218-column export, as people databases
// give them: a dozen filled columns, a quoted address, the rest empty.
func exportRow(b []byte, i int) []byte {
	b = fmt.Appendf(b, "%d,Ana María,Pérez-%d,ana%d@example.org,'(617) 555-%04d", 1000+i, i, i, i%10000)
	b = fmt.Appendf(b, ",\"%d Main St, Apt 2\",Boston,MA,02139,TRUE,8/8/16 15:42,$0.00 ,\"volunteer, phonebank\"", i)
	b = append(b, strings.Repeat(",", 218-13)...)
	return append(b, "\r\n"...)
}

// rowSource produces a 218-column export of n rows without holding it in memory.
type rowSource struct {
	n, i    int
	pending []byte
}

func (s *rowSource) Read(p []byte) (int, error) {
	for len(s.pending) == 0 {
		if s.i > s.n {
			return 0, io.EOF
		}
		if s.i == 0 {
			s.pending = append(s.pending[:0], nationBuilderHeader()...)
		} else {
			s.pending = exportRow(s.pending[:0], s.i)
		}
		s.i++
	}
	n := copy(p, s.pending)
	s.pending = s.pending[n:]
	return n, nil
}

func TestStreaming(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 50,000 rows")
	}
	t.Run("reads 50,000 rows of 218 columns in memory that does not grow with the rows", func(t *testing.T) {
		const n = 50000
		r, err := csvfile.NewReader(&rowSource{n: n}, csvfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Header()) != 218 {
			t.Fatalf("%d columns", len(r.Header()))
		}
		// The heap left after a collection, every 10,000 rows: what the reader holds.
		var live []uint64
		var ms runtime.MemStats
		rows := 0
		for {
			row, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			rows++
			if row.Line != rows+1 || len(row.Cells) != 218 || row.Cells[5] != fmt.Sprintf("%d Main St, Apt 2", rows) {
				t.Fatalf("row %d: line %d, %d cells, %q", rows, row.Line, len(row.Cells), row.Cells[5])
			}
			if rows%10000 == 0 {
				runtime.GC()
				runtime.ReadMemStats(&ms)
				live = append(live, ms.HeapAlloc)
			}
		}
		if rows != n {
			t.Errorf("%d rows, want %d", rows, n)
		}
		// The file is about 20 MB; what stays alive must not grow with the rows.
		if live[len(live)-1] > 4<<20 {
			t.Errorf("%d KB stay alive while reading", live[len(live)-1]>>10)
		}
		if grown := int64(live[len(live)-1]) - int64(live[0]); grown > 256<<10 {
			t.Errorf("the live heap grew by %d KB over %d rows", grown>>10, n-10000)
		}
	})
}

// sharedData is the project's reference data, seen from this package's folder.
const sharedData = "../../../shared/data"

func TestRealFiles(t *testing.T) {
	for _, name := range []string{"ma.csv", "ma.upstream-exact.csv"} {
		t.Run("reads the Open States legislators of "+name, func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join(sharedData, "openstates", name))
			if err != nil {
				t.Skip(err)
			}
			r, rows := readAll(t, in, csvfile.Options{})
			h := r.Header()
			if len(h) != 26 || h[0] != "id" || h[25] != "wikidata" {
				t.Errorf("header %q", h)
			}
			if len(rows) != 198 {
				t.Errorf("%d rows, want 198", len(rows))
			}
			for i, row := range rows {
				if row.Err != "" || len(row.Cells) != 26 || row.Line != i+2 || !strings.HasPrefix(row.Cells[0], "ocd-person/") {
					t.Errorf("row %d: %+v", i, row)
				}
			}
		})
	}
	columns := map[string]int{
		"nationbuilder-people-export": 218,
		"civicrm-contact-export":      84,
		"ngpvan-export-job":           29,
		"openstates-people":           26,
	}
	for name, n := range columns {
		t.Run("reads the "+name+" header", func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join(sharedData, "formats", name+".header.csv"))
			if err != nil {
				t.Skip(err)
			}
			r, rows := readAll(t, in, csvfile.Options{})
			if len(r.Header()) != n || len(rows) != 0 || r.Delimiter() != ',' {
				t.Errorf("%d columns (want %d), %d rows, delimiter %q", len(r.Header()), n, len(rows), r.Delimiter())
			}
		})
	}
}

// BenchmarkRead reads a mostly empty 20,000-row, 218-column export held in memory.
func BenchmarkRead(b *testing.B) {
	const n = 20000
	in := []byte(nationBuilderHeader())
	for i := 1; i <= n; i++ {
		in = exportRow(in, i)
	}
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := csvfile.NewReader(bytes.NewReader(in), csvfile.Options{})
		if err != nil {
			b.Fatal(err)
		}
		rows := 0
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			rows++
		}
		if rows != n {
			b.Fatalf("%d rows", rows)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
}

func TestReuseCells(t *testing.T) {
	in := []byte("a,b,c\n1,2,3\n4,\"five\nlines\",6\n7,8\n9,10,11,12\n,,\n13,14,15\n")
	_, want := readAll(t, in, csvfile.Options{})
	r, err := csvfile.NewReader(bytes.NewReader(in), csvfile.Options{ReuseCells: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []result
	var first *string
	shared := 0
	for {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		res := result{Line: row.Line, Cells: slices.Clone(row.Cells)}
		if err != nil {
			res.Err, res.Cells = err.Error(), nil
		}
		if err == nil && len(row.Cells) > 0 {
			if first == nil {
				first = &row.Cells[0]
			} else if first == &row.Cells[0] {
				shared++
			}
		}
		got = append(got, res)
	}
	checkRows(t, got, want)
	checkHeader(t, r, "a", "b", "c")
	if shared == 0 {
		t.Error("with ReuseCells every good row had a slice of its own")
	}
}
