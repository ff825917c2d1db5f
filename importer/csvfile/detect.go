package csvfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// sniffSize is how much of the file the encoding is judged on.
const sniffSize = 64 << 10

// The byte-order marks NewReader recognizes.
var (
	bomUTF8    = []byte{0xef, 0xbb, 0xbf}
	bomUTF16LE = []byte{0xff, 0xfe}
	bomUTF16BE = []byte{0xfe, 0xff}
)

// textEncoding is what NewReader decided about the bytes of a file.
type textEncoding struct {
	name      string            // for people, as Encoding reports it
	bom       int               // bytes of byte-order mark to skip
	dec       *encoding.Decoder // nil: the bytes are UTF-8 already
	checkUTF8 bool              // the bytes are passed through, so each row is checked
	// otherwiseUTF8: the start of the file holds UTF-8 characters of more than one
	// byte, so bytes that are not UTF-8 are strays in a UTF-8 file, not a sign of
	// another encoding (see sniffEncoding); it chooses the words of the row's error.
	otherwiseUTF8 bool
	// chosen: the lead named UTF-8, so a character that looks like a Windows-1252
	// misread is taken as written (see misreadRune).
	chosen bool
}

// chooseEncoding returns the encoding named in Options.Encoding, or when that is
// empty the one the first bytes of the file show.
func chooseEncoding(name string, peek []byte, atEOF bool) (textEncoding, error) {
	key := strings.NewReplacer("-", "", "_", "", " ", "").Replace(strings.ToLower(name))
	switch key {
	case "":
		return sniffEncoding(peek, atEOF)
	case "utf8":
		multi, _ := utf8Evidence(peek, atEOF)
		if bytes.HasPrefix(peek, bomUTF8) {
			return textEncoding{name: "UTF-8 with BOM", bom: 3, checkUTF8: true, otherwiseUTF8: true, chosen: true}, nil
		}
		return textEncoding{name: "UTF-8", checkUTF8: true, otherwiseUTF8: multi > 0, chosen: true}, nil
	case "utf16": // the byte-order mark says which; Windows writes little-endian
		if bytes.HasPrefix(peek, bomUTF16BE) {
			return utf16Encoding(unicode.BigEndian, true), nil
		}
		return utf16Encoding(unicode.LittleEndian, bytes.HasPrefix(peek, bomUTF16LE)), nil
	case "utf16le":
		return utf16Encoding(unicode.LittleEndian, bytes.HasPrefix(peek, bomUTF16LE)), nil
	case "utf16be":
		return utf16Encoding(unicode.BigEndian, bytes.HasPrefix(peek, bomUTF16BE)), nil
	case "windows1252", "cp1252":
		return windows1252(), nil
	case "macroman", "macintosh", "mac":
		return macRoman(), nil
	}
	return textEncoding{}, fmt.Errorf("csvfile: unknown encoding %q (want utf-8, utf-16le, utf-16be, windows-1252 or mac-roman)", name)
}

// sniffEncoding judges the encoding from the first bytes of a file (see
// judgeUTF8): a byte-order mark settles it; UTF-16 without one shows as a NUL in
// every other byte (ASCII letters have a zero high byte); otherwise the file is read
// as UTF-8 unless it is plainly not UTF-8, and then as Windows-1252, which is what
// Excel on Windows writes for "CSV".
func sniffEncoding(peek []byte, atEOF bool) (textEncoding, error) {
	switch {
	case bytes.HasPrefix(peek, bomUTF8):
		return textEncoding{name: "UTF-8 with BOM", bom: 3, checkUTF8: true, otherwiseUTF8: true}, nil
	case bytes.HasPrefix(peek, bomUTF16LE):
		return utf16Encoding(unicode.LittleEndian, true), nil
	case bytes.HasPrefix(peek, bomUTF16BE):
		return utf16Encoding(unicode.BigEndian, true), nil
	}
	switch utf16Guess(peek) {
	case 'l':
		return utf16Encoding(unicode.LittleEndian, false), nil
	case 'b':
		return utf16Encoding(unicode.BigEndian, false), nil
	}
	multi, bad := utf8Evidence(peek, atEOF)
	if !judgeUTF8(multi, bad) {
		switch v, at := macRomanEvidence(peek); v {
		case 'm':
			return macRoman(), nil
		case 'w':
			return windows1252(), nil
		default:
			return textEncoding{}, undecidedError(peek, at)
		}
	}
	return textEncoding{name: "UTF-8", checkUTF8: true, otherwiseUTF8: multi > 0}, nil
}

// macRomanLetters are the bytes that are accented letters in Mac Roman (Excel for
// Mac's "CSV (Macintosh)") and symbols in Windows-1252, or nothing: "á" is 0x87, "‡"
// in Windows-1252; "ç" is 0x8D, which Windows-1252 leaves unassigned. Left out are
// those that are quotes or dashes in Windows-1252 ("í" 0x92 is "’", "ñ" 0x96 is
// "–"), which a Windows-1252 file may hold between letters ("O’Brien"), and its
// letters Š, š (Mac Roman's "ä", "ö"), and "…" (Mac Roman's "Ö"), which ends words:
// macRomanEvidence weighs those by what stands around them.
var macRomanLetters = func() (set [256]bool) {
	for _, b := range []byte{0x80, 0x81, 0x82, 0x83, 0x84, 0x86, 0x87, 0x88, 0x89, 0x8b, 0x8c, 0x8d, 0x8e,
		0x8f, 0x90, 0x95, 0x98, 0x99, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f,
		0xa7, 0xae, 0xaf, 0xbe, 0xbf} { // ß Æ Ø æ ø; § ® ¯ ¾ ¿ in Windows-1252
		set[b] = true
	}
	return set
}()

// ErrEncodingUndecided is wrapped by the error NewReader returns when the file is
// neither UTF-8 nor plainly Mac Roman or Windows-1252 (see macRomanEvidence).
var ErrEncodingUndecided = errors.New("csvfile: the encoding could not be told")

// macRomanEvidence decides whether b, not UTF-8, is Mac Roman ('m') or Windows-1252
// ('w'), or says it cannot tell (0); at is then where the first byte it weighed is.
// Read as Windows-1252, a Mac Roman file's names were stored as "Mar’a Garc’a",
// "Zo‘ MŸller", "I–aki Ib‡–ez" without a word (testers t5, t8); read as Mac Roman, a
// Windows-1252 file's "O’Brien" would be "OíBrien". The bytes weighed, after a letter:
//   - strong for Mac Roman: bytes Windows-1252 leaves unassigned (0x81 "Å", 0x8D "ç",
//     0x8F "è", 0x90 "ê", 0x9D "ù"), anywhere; Windows-1252 symbols that are Mac Roman
//     letters within or ending a word (macRomanLetters: "Ž" for "é", "Ÿ" for "ü", "§"
//     for "ß"), "Š" "š" "•" within a word ("Bjšrn" for "Björn"); Mac Roman's "’" (0xD5,
//     Windows-1252's "Õ") where an apostrophe goes ("OÕBrien").
//   - weak for Mac Roman: "’" "–" "—" before a small letter ("Mar’a", "I–aki", "espa–ol")
//     except where an apostrophe goes; "‘" ending a word or within one ("Zo‘"), "“" "”"
//     within one ("Beno”t"). Windows-1252 text may hold these ("then—we"), so they
//     decide alone only with CR line ends (below).
//   - strong for Windows-1252: its letters (0xC0 and up, × ÷ and Mac Roman's quotes and
//     dashes 0xD0 to 0xD5 aside) within a word, or its small letters ending one ("José");
//     in Mac Roman they are symbols and capitals.
//   - weak for Windows-1252: "’" where an apostrophe goes: before a capital ("O’Brien",
//     "D’Angelo") or after one small letter ("l’été", "d’un"); "–" "—" before a capital
//     ("Smith–Jones"). "’" before an English ending ("don’t", "she’s", "they’ll") tells
//     nothing: Mac Roman's "Luís" looks the same.
//
// Line ends of CR alone, which Excel for Mac writes and Windows never does, are weak
// evidence for Mac Roman. The file is Mac Roman when the Mac Roman evidence is at least
// four times the Windows-1252 one and there is strong Mac Roman evidence, two weak
// signs with CR line ends, or one with CR line ends and no Windows-1252 evidence at
// all; Windows-1252 when there is no Mac Roman evidence (with CR line ends: some
// Windows-1252 evidence), or four times as much Windows-1252 evidence. Anything else
// is refused: a wrong guess garbles every accented name without a word.
func macRomanEvidence(b []byte) (verdict byte, at int) {
	letter := func(i int) bool {
		return i >= 0 && i < len(b) && (b[i] >= 'a' && b[i] <= 'z' || b[i] >= 'A' && b[i] <= 'Z' || b[i] >= 0x80)
	}
	lower := func(i int) bool { return i >= 0 && i < len(b) && b[i] >= 'a' && b[i] <= 'z' }
	upper := func(i int) bool { return i >= 0 && i < len(b) && b[i] >= 'A' && b[i] <= 'Z' }
	// apostrophe: the byte at i stands where an apostrophe goes, before a capital or
	// after one small letter that starts a word.
	apostrophe := func(i int) bool { return upper(i+1) || lower(i-1) && !letter(i-2) }
	// englishEnding: the letters after i end the word as an English contraction does.
	englishEnding := func(i int) bool {
		j := i + 1
		for j < len(b) && letter(j) {
			j++
		}
		switch strings.ToLower(string(b[i+1 : j])) {
		case "s", "t", "d", "m", "ll", "re", "ve":
			return true
		}
		return false
	}
	strong, weak, win := 0, 0, 0
	at = -1
	for i, c := range b {
		if c < 0x80 {
			continue
		}
		if at < 0 {
			at = i // where nothing is weighed, the first byte beyond ASCII
		}
		macS, macW, winS, winW := 0, 0, 0, 0
		switch {
		case c == 0x81 || c == 0x8d || c == 0x8f || c == 0x90 || c == 0x9d:
			macS = 1
		case !letter(i - 1):
		case macRomanLetters[c] && (letter(i+1) || c == 0x8e || c == 0x87 || c == 0x9c || c == 0x8b || c == 0xa7 || c == 0xbf):
			macS = 1 // "é", "á", "ú", "ã", "ß", "ø" end words
		case (c == 0x8a || c == 0x9a || c == 0x95) && letter(i+1):
			macS = 1
		case c == 0xd5 && apostrophe(i) && !(upper(i-1) && letter(i-2)):
			macS = 1 // "O’Brien", "l’été" written by a Mac
		case c == 0x92 && apostrophe(i):
			winW = 1
		case c == 0x92 && lower(i+1) && !englishEnding(i):
			macW = 1 // "Mar’a", "D’az"
		case (c == 0x96 || c == 0x97) && upper(i+1):
			winW = 1
		case (c == 0x96 || c == 0x97) && lower(i+1):
			macW = 1 // "I–aki", "espa–ol", "Ib‡–ez"
		case c == 0x91 || (c == 0x93 || c == 0x94) && letter(i+1):
			macW = 1 // "Zo‘", "Beno”t"
		case c >= 0xc0 && (c < 0xd0 || c > 0xd5) && c != 0xd7 && c != 0xf7 && letter(i+1):
			winS = 1 // a Windows-1252 letter within a word; × and ÷ aside
		case c >= 0xdf && c != 0xf7 && lower(i-1) && !letter(i+1):
			winS = 1 // a small one ending a word: "José"
		}
		if macS+macW+winS+winW > 0 && (strong+weak+win == 0) {
			at = i // the first byte weighed
		}
		strong, weak, win = strong+macS, weak+macW, win+2*winS+winW
	}
	crOnly := bytes.IndexByte(b, '\r') >= 0 && bytes.IndexByte(b, '\n') < 0
	mac := 2*strong + weak
	switch {
	case mac == 0 && (win > 0 || !crOnly):
		return 'w', at
	case 4*win <= mac && (strong > 0 || crOnly && (weak >= 2 || win == 0)):
		return 'm', at
	case mac > 0 && win >= 4*mac:
		return 'w', at
	}
	return 0, at
}

// undecidedError says that the file b could be Mac Roman or Windows-1252 (see
// macRomanEvidence), showing the value that holds b[at] read both ways.
func undecidedError(b []byte, at int) error {
	from, to := at, at
	for from > 0 && !bytes.ContainsRune([]byte(",;\t\r\n\""), rune(b[from-1])) {
		from--
	}
	for to < len(b) && !bytes.ContainsRune([]byte(",;\t\r\n\""), rune(b[to])) {
		to++
	}
	line := 1
	for i, c := range b[:from] {
		if c == '\n' || c == '\r' && (i+1 == len(b) || b[i+1] != '\n') {
			line++
		}
	}
	mac, _ := charmap.Macintosh.NewDecoder().Bytes(b[from:to])
	win, _ := charmap.Windows1252.NewDecoder().Bytes(b[from:to])
	return &Error{Line: line, Fatal: true, err: ErrEncodingUndecided, Reason: fmt.Sprintf(
		"this file is not UTF-8, and ChapterDesk cannot tell whether it is Mac Roman (Excel for Mac's \"CSV (Macintosh)\") "+
			"or Windows-1252 (Excel on Windows' \"CSV\"): %q in Mac Roman, %q in Windows-1252. "+
			"Import it again naming the one whose names read right: --encoding mac-roman or --encoding windows-1252; "+
			"or save it from the spreadsheet as \"CSV UTF-8\"",
		mac, win)}
}

func macRoman() textEncoding {
	return textEncoding{name: "Mac Roman", dec: charmap.Macintosh.NewDecoder()}
}

// strayRatio is how many bytes that are not UTF-8 a file may hold for each UTF-8
// character of more than one byte and still be UTF-8 with errors (see judgeUTF8).
const strayRatio = 4

// judgeUTF8 decides whether a file whose start holds multi UTF-8 characters of more
// than one byte and bad bytes that are not UTF-8 is UTF-8 (perhaps with errors, which
// the rows that hold them report) or, as a whole, not UTF-8, and so Windows-1252.
//
// One stray byte must not turn a UTF-8 file into Windows-1252: every correct "ú" of
// the file would then be stored as "Ãº", silently. So:
//   - no bad bytes: UTF-8 (plain ASCII included);
//   - bad bytes and no multi-byte character at all: Windows-1252. Its accented
//     letters are single high bytes, which UTF-8 never has alone;
//   - both: UTF-8 with errors, unless the bad bytes outnumber the characters more
//     than strayRatio to one. A real Windows-1252 file holds a "valid" UTF-8 pair
//     only by chance (an accented capital followed by a curly quote, "É”", is the
//     UTF-8 encoding of U+0254), a handful among hundreds of accented bytes;
//     a UTF-8 file with strays has many good characters for each stray.
//
// When in doubt the rule leans to UTF-8: a wrong UTF-8 refuses the rows that do not
// read, naming them, where a wrong Windows-1252 would garble names without a word.
func judgeUTF8(multi, bad int) bool {
	return bad == 0 || (multi > 0 && bad <= strayRatio*multi)
}

// utf8Evidence counts in b the UTF-8 characters of more than one byte and the bytes
// that are not part of any UTF-8 character. A character that looks like a
// Windows-1252 misread (see misreadRune) is neither: it is no sign of UTF-8, and
// counted as a sign of Windows-1252 it would garble a UTF-8 file whose one accented
// word is an odd one. A character cut off at the end of b is not counted when the
// file goes on.
func utf8Evidence(b []byte, atEOF bool) (multi, bad int) {
	prev := rune(0)
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			prev = rune(b[i])
			i++
			continue
		}
		if !atEOF && !utf8.FullRune(b[i:]) {
			break
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 && b[i] == 0xed && !atEOF && len(b)-i < cesuSize {
			break // perhaps a CESU-8 pair cut off at the end of b
		}
		if p, ok := cesuPair(b[i:]); ok {
			r, n = p, cesuSize
		}
		switch {
		case r == utf8.RuneError && n == 1 && cesuHalf(b[i:]):
			// Written by a UTF-8 encoder (of UTF-16 text), so a sign of UTF-8 — the
			// row holding it is then refused, not read as "í ½" in Windows-1252.
			n = 3
			multi++
		case r == utf8.RuneError && n == 1:
			bad++
		case !misreadRune(prev, r, nextRune(b[i+n:])):
			multi++
		}
		prev = r
		i += n
	}
	return multi, bad
}

// cesuSize is the length of a character beyond U+FFFF in CESU-8 (see cesuPair).
const cesuSize = 6

// cesuPair reads the character at the start of b when it is written in CESU-8, as
// Java's "modified UTF-8" and Oracle's UTF8 write it: a character beyond U+FFFF (an
// emoji) as its two UTF-16 halves, each encoded as if it were a character of three
// bytes (ED A0-AF xx, then ED B0-BF xx), where UTF-8 writes four bytes. Neither half is
// valid UTF-8, so without this every emoji counted as three stray bytes and a file of
// accented names and emoji was judged Windows-1252 and garbled whole. ok is false for
// anything else, a lone half included: that is no character, and stays refused.
func cesuPair(b []byte) (r rune, ok bool) {
	if len(b) < cesuSize || b[0] != 0xed || b[1]&0xf0 != 0xa0 || b[2]&0xc0 != 0x80 ||
		b[3] != 0xed || b[4]&0xf0 != 0xb0 || b[5]&0xc0 != 0x80 {
		return 0, false
	}
	hi := 0xd000 | rune(b[1]&0x3f)<<6 | rune(b[2]&0x3f)
	lo := 0xd000 | rune(b[4]&0x3f)<<6 | rune(b[5]&0x3f)
	return utf16.DecodeRune(hi, lo), true
}

// cesuHalf says whether b starts with one UTF-16 half (a surrogate) encoded as if it
// were a character of three bytes, ED A0-BF 80-BF: half of a CESU-8 pair whose other
// half is missing (see cesuPair). No UTF-8 character, but no plausible Windows-1252
// text either ("í" then a no-break space or a sign such as "½", then a sign such as
// "€" or "•"): the file was written as UTF-8 and is damaged there.
func cesuHalf(b []byte) bool {
	return len(b) >= 3 && b[0] == 0xed && b[1]&0xe0 == 0xa0 && b[2]&0xc0 == 0x80
}

// joinCESU rewrites in place each CESU-8 pair of rec (see cesuPair) as the four
// bytes of UTF-8 it stands for, moving the cell ends that follow; it reports whether
// there was one. The text only shrinks, and a pair never spans two cells (its bytes
// are all above ASCII, a delimiter is ASCII).
func joinCESU(rec []byte, ends []int) ([]byte, bool) {
	if bytes.IndexByte(rec, 0xed) < 0 {
		return rec, false
	}
	w, k, joined := 0, 0, false
	for i := 0; i < len(rec); {
		for k < len(ends) && ends[k] == i {
			ends[k] = w
			k++
		}
		if r, ok := cesuPair(rec[i:]); ok {
			w += utf8.EncodeRune(rec[w:], r)
			i += cesuSize
			joined = true
			continue
		}
		rec[w] = rec[i]
		w++
		i++
	}
	for ; k < len(ends); k++ {
		ends[k] = w
	}
	return rec[:w], joined
}

// nextRune is the first character of b, 0 when b is empty.
func nextRune(b []byte) rune {
	if len(b) == 0 {
		return 0
	}
	r, _ := utf8.DecodeRune(b)
	return r
}

func utf16Encoding(e unicode.Endianness, hasBOM bool) textEncoding {
	t := textEncoding{name: "UTF-16LE"}
	if e == unicode.BigEndian {
		t.name = "UTF-16BE"
	}
	if hasBOM {
		t.bom = 2
	}
	// The mark, if any, is skipped before decoding; a later U+FEFF is text.
	var order binary.ByteOrder = binary.LittleEndian
	if e == unicode.BigEndian {
		order = binary.BigEndian
	}
	t.dec = &encoding.Decoder{Transformer: strictUTF16{order: order}}
	t.checkUTF8 = true // the rows with a lone surrogate (see strictUTF16)
	return t
}

// strictUTF16 decodes UTF-16 to UTF-8 as x/text's decoder does, except for what does
// not decode: half of a character whose other half is missing (a lone surrogate) is
// written as the three bytes UTF-8 would give it, and a last byte without its pair
// as 0xFF. Neither is valid UTF-8, so the row holding it is refused, naming its line,
// as a stray byte in a UTF-8 file is (see utf16Reason); x/text writes U+FFFD there,
// which would be stored as if the file said so.
type strictUTF16 struct {
	order binary.ByteOrder
	transform.NopResetter
}

// Transform implements transform.Transformer.
func (d strictUTF16) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		if nSrc+1 == len(src) { // an odd byte
			if !atEOF {
				return nDst, nSrc, transform.ErrShortSrc
			}
			if nDst == len(dst) {
				return nDst, nSrc, transform.ErrShortDst
			}
			dst[nDst] = 0xff
			return nDst + 1, nSrc + 1, nil
		}
		r, size := rune(d.order.Uint16(src[nSrc:])), 2
		if utf16.IsSurrogate(r) && r < 0xdc00 { // a first half: the second should follow
			if nSrc+4 > len(src) && !atEOF {
				return nDst, nSrc, transform.ErrShortSrc
			}
			if nSrc+4 <= len(src) {
				if pair := utf16.DecodeRune(r, rune(d.order.Uint16(src[nSrc+2:]))); pair != utf8.RuneError {
					r, size = pair, 4
				}
			}
		}
		var enc [utf8.UTFMax]byte
		n := utf8.EncodeRune(enc[:], r)
		if utf16.IsSurrogate(r) { // alone: EncodeRune gave U+FFFD
			enc, n = [utf8.UTFMax]byte{0xe0 | byte(r>>12), 0x80 | byte(r>>6)&0x3f, 0x80 | byte(r)&0x3f}, 3
		}
		if nDst+n > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += copy(dst[nDst:], enc[:n])
		nSrc += size
	}
	return nDst, nSrc, nil
}

// utf16Reason says why a cell of a UTF-16 file did not decode, its bytes from at
// on being what strictUTF16 wrote for it.
func utf16Reason(cell []byte, at int) string {
	where := "at the start of the cell"
	if at > 0 {
		from := at
		for n := 0; from > 0 && n < 24; n++ {
			_, size := utf8.DecodeLastRune(cell[:from])
			from -= size
		}
		where = "after " + strconv.Quote(string(cell[from:at]))
	}
	if at+3 <= len(cell) && cell[at] == 0xed {
		u := rune(cell[at]&0x0f)<<12 | rune(cell[at+1]&0x3f)<<6 | rune(cell[at+2]&0x3f)
		return fmt.Sprintf("half of a UTF-16 character (a lone surrogate, U+%04X) stands %s: the file is damaged; save it again from the program that made it", u, where)
	}
	return "the file ends in the middle of a UTF-16 character: it was cut short; save it again from the program that made it"
}

func windows1252() textEncoding {
	return textEncoding{name: "Windows-1252", dec: charmap.Windows1252.NewDecoder()}
}

// utf16Guess returns 'l' or 'b' when the NULs in b fall as they do in mostly-ASCII
// UTF-16 little- or big-endian text, and 0 otherwise.
func utf16Guess(b []byte) byte {
	pairs := len(b) / 2
	if pairs == 0 {
		return 0
	}
	var even, odd int
	for i := 0; i+1 < len(b); i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	switch {
	case 2*odd >= pairs && 8*even < odd:
		return 'l'
	case 2*even >= pairs && 8*odd < even:
		return 'b'
	}
	return 0
}

// detectDelimiter picks the delimiter that occurs most often outside quotes on the
// first non-empty line of b. On a tie a tab wins over a comma (tabs are rarely part
// of a column name, commas sometimes are), and a comma over a semicolon; a line with
// none of them is one column, read as comma-separated.
func detectDelimiter(b []byte) byte {
	candidates := [...]byte{'\t', ',', ';'}
	var counts [len(candidates)]int
	inQuotes, content := false, false
scan:
	for _, c := range b {
		switch {
		case c == '"':
			inQuotes = !inQuotes
		case inQuotes:
		case c == '\n' || c == '\r':
			if content {
				break scan
			}
			continue
		default:
			for i, d := range candidates {
				if c == d {
					counts[i]++
				}
			}
		}
		content = true
	}
	best, bestCount := byte(','), 0
	for i, d := range candidates {
		if counts[i] > bestCount {
			best, bestCount = d, counts[i]
		}
	}
	return best
}

// excelSepLine recognizes the "sep=;" line Excel reads (and some tools write) as the
// first line of a CSV file to name its delimiter. It returns the delimiter and the
// length of the line with its line break, or 0, 0.
func excelSepLine(b []byte, atEOF bool) (delim byte, n int) {
	if len(b) < 5 || !bytes.EqualFold(b[:4], []byte("sep=")) {
		return 0, 0
	}
	d, rest := b[4], b[5:]
	switch {
	case len(rest) == 0 && atEOF:
		return d, 5
	case bytes.HasPrefix(rest, []byte("\r\n")):
		return d, 7
	case len(rest) > 0 && (rest[0] == '\n' || rest[0] == '\r'):
		return d, 6
	}
	return 0, 0
}

// binaryKind names the file formats people most often pick by mistake for a CSV file.
func binaryKind(peek []byte) string {
	switch {
	case bytes.HasPrefix(peek, []byte("PK\x03\x04")):
		return "this is an Excel workbook or another zipped file, not a CSV file; open it in the spreadsheet and save it as CSV"
	case bytes.HasPrefix(peek, []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}):
		return "this is an old Excel workbook (.xls), not a CSV file; open it in the spreadsheet and save it as CSV"
	case bytes.HasPrefix(peek, []byte("%PDF-")):
		return "this is a PDF file, not a CSV file"
	}
	return ""
}

// readStart reads the first sniffSize bytes of r (fewer if the file is shorter), in
// a buffer no larger than it needs, and returns them with the error that stopped
// reading: nil when the buffer filled, io.EOF at the end of a shorter file.
func readStart(r io.Reader) ([]byte, error) {
	b := make([]byte, 0, 4<<10)
	empty := 0
	for len(b) < sniffSize {
		if len(b) == cap(b) {
			b = append(make([]byte, 0, min(2*cap(b), sniffSize)), b...)
		}
		n, err := r.Read(b[len(b):cap(b)])
		if n < 0 || n > cap(b)-len(b) {
			return b, errors.New("the file reader returned an impossible count")
		}
		b = b[:len(b)+n]
		if err != nil {
			return b, err
		}
		if n == 0 {
			if empty++; empty == 100 {
				return b, io.ErrNoProgress
			}
		}
	}
	return b, nil
}

// errReader returns err on every Read.
type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

func usableDelimiter(d rune) bool {
	return d > 0 && d < utf8.RuneSelf && d != '"' && d != '\r' && d != '\n'
}
