package db

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/google/uuid"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// dateLayout is how calendar dates are stored.
const dateLayout = "2006-01-02"

// Timestamps are stored as seconds since 1970 UTC (see 0001_init.sql).
func nowUnix() int64 { return time.Now().Unix() }

func stamp(t time.Time) int64 { return t.Unix() }

// fromUnix reads a stored timestamp; 0 means "never" and gives the zero time.
func fromUnix(s int64) time.Time {
	if s == 0 {
		return time.Time{}
	}
	return time.Unix(s, 0).UTC()
}

// letters that Unicode does not decompose into a base letter and a mark.
var foldSpecial = map[rune]string{'đ': "d", 'ø': "o", 'ł': "l", 'ß': "ss", 'æ': "ae", 'œ': "oe", 'ı': "i", 'þ': "th"}

// foldedRunes caches how each non-ASCII rune folds: names repeat a few hundred
// letters, and decomposing each anew dominated the cost of indexing a roster.
var foldedRunes sync.Map // rune -> string

func foldRune(r rune) string {
	if f, ok := foldedRunes.Load(r); ok {
		return f.(string)
	}
	if strings.ContainsRune(nameApostrophes, r) {
		return "'"
	}
	lower := unicode.ToLower(r)
	f, ok := foldSpecial[lower]
	if !ok {
		var b strings.Builder
		for _, d := range norm.NFD.String(string(lower)) {
			if !unicode.Is(unicode.Mn, d) {
				b.WriteRune(d)
			}
		}
		f = b.String()
	}
	foldedRunes.Store(r, f)
	return f
}

// nameApostrophes are the ways an apostrophe gets typed besides the straight one: the
// curly quotes a phone or a word processor puts in (’ ‘), the modifier letter (ʼ) and
// a backtick. fold makes them all the straight one, so "O’Brien" and "O'Brien" are
// one name.
const nameApostrophes = "\u2019\u2018\u02bc`"

// fold makes text comparable the way a person compares names: lowercase, accents
// removed ("Nguyễn" and "nguyen" fold alike), spaces collapsed, every apostrophe the
// straight one (see nameApostrophes).
//
// Stored keys (volunteers' name_key and last_key) hold fold's result: a change to what
// it folds needs a migration that folds them again.
func fold(s string) string { return foldText(s, true) }

// keyFold is fold as it was before every apostrophe was the straight one: a curly
// apostrophe stays as typed. The call reports imported before their keys were folded
// (callkeys) have UUIDs made from keys folded so, and a file imported again must find
// them (see callImport.keys), or its reports would be added a second time.
func keyFold(s string) string {
	if !strings.ContainsAny(s, nameApostrophes) {
		return fold(s)
	}
	return foldText(s, false)
}

// foldText is fold; apostrophes says whether the apostrophes are made one (see
// nameApostrophes).
func foldText(s string, apostrophes bool) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // drops leading spaces and runs of spaces
	for _, r := range s {
		var f string
		switch {
		case unicode.IsSpace(r):
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		case r < 0x80:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			} else if r == '`' && apostrophes {
				r = '\''
			}
			b.WriteByte(byte(r))
			space = false
			continue
		case !apostrophes && strings.ContainsRune(nameApostrophes, r):
			f = string(r)
		default:
			f = foldRune(r)
		}
		b.WriteString(f)
		space = false
	}
	return strings.TrimSuffix(b.String(), " ")
}

// Fold exposes the name folding used for search and matching, so importers compare
// names exactly as the store indexes them.
func Fold(s string) string { return fold(s) }

// prefixEnd is the smallest string greater than every string starting with p, for
// index range scans (col >= p AND col < prefixEnd(p)).
func prefixEnd(p string) string { return p + "\U0010FFFF" }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// newUUID mints the stable id of a new record: a version 7 UUID (RFC 9562), which
// starts with the time, so ids minted one after another sort together and the uuid
// indexes grow at their end instead of being written all over.
func newUUID() string { return uuid.Must(uuid.NewV7()).String() }

// DoubleEncoded says whether s is UTF-8 text that was read as Windows-1252 and saved
// again as UTF-8 (what a spreadsheet does to a UTF-8 file it opens as "ANSI":
// "María" becomes "MarÃ­a", "Nguyễn" "Nguyá»…n", "O’Brien" "Oâ€™Brien"), and what it
// was. It is only when every character of s is one of Windows-1252 (or one of the
// five control characters Windows reads its undefined bytes as), those bytes are
// UTF-8 with a letter of more than one byte, and that text holds only letters,
// accents and punctuation (or emoji: see typedRune): a real name has an accented capital followed by one of
// "Š", "œ", "ª", "©" or "€" and the like, which a name never does, and "Ã" or "Â"
// beside a letter ("JOÃO") is no UTF-8. A "�" the spreadsheet put for one of those
// five bytes ("Ã�lvaro") stands for any of them: the damage is as sure, the letter
// is lost, and shows as "�" in what the text was ("�lvaro").
func DoubleEncoded(s string) (string, bool) {
	if isASCII(s) {
		return "", false // most values: every row of a file goes through here, without allocating
	}
	b := make([]byte, 0, len(s))
	var lost []int // where in b a byte the spreadsheet lost was
	for _, r := range s {
		if r < utf8.RuneSelf {
			b = append(b, byte(r))
			continue
		}
		c, ok := charmap.Windows1252.EncodeRune(r)
		switch {
		case ok:
		case r == 0x81 || r == 0x8d || r == 0x8f || r == 0x90 || r == 0x9d:
			c = byte(r)
		case r == utf8.RuneError:
			c, lost = 0x81, append(lost, len(b)) // a byte inside a letter, which one unknown
		default:
			return "", false
		}
		b = append(b, c)
	}
	if !utf8.Valid(b) {
		return "", false
	}
	var was strings.Builder
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r >= utf8.RuneSelf && !typedRune(r) {
			return "", false
		}
		if len(lost) > 0 && lost[0] < i+n {
			r, lost = utf8.RuneError, lost[1:]
			for len(lost) > 0 && lost[0] < i+n {
				lost = lost[1:]
			}
		}
		was.WriteRune(r)
		i += n
	}
	return was.String(), true
}

// typedRune says whether r, not ASCII, is what people type in a name or a note:
// a letter, an accent, punctuation or a space, or an emoji (a symbol from U+2000 on,
// with the joiner that makes one of several: "😀", four bytes, reads "ðŸ˜€"; "✓"
// "âœ“"). The symbols of two bytes ("©", "°") are left out: a real name's accented
// capital followed by one of Windows-1252's would read as them. Phonetic letters
// (U+0250 to U+02AF) are what a Windows-1252 "É" and a curly quote read as ("JOSÉ”"),
// not a name's letters.
func typedRune(r rune) bool {
	switch {
	case 0x250 <= r && r <= 0x2af:
		return false
	case unicode.In(r, unicode.L, unicode.M, unicode.P, unicode.Zs):
		return true
	}
	return r >= 0x2000 && unicode.In(r, unicode.So, unicode.Sk) || r == '\u200d'
}

// isASCII says whether s is plain ASCII: no accented text, right or damaged.
func isASCII(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return r >= utf8.RuneSelf })
}

// doubledIn finds the first string in v (a struct, slice, map or string, walked
// through) that is DoubleEncoded, and what it was: a record read from a file is
// looked at whole, so a field added to it later is looked at too.
func doubledIn(v reflect.Value) (value, was string, ok bool) {
	switch v.Kind() {
	case reflect.String:
		was, ok = DoubleEncoded(v.String())
		return v.String(), was, ok
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return doubledIn(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if value, was, ok = doubledIn(v.Field(i)); ok {
				return value, was, ok
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if value, was, ok = doubledIn(v.Index(i)); ok {
				return value, was, ok
			}
		}
	case reflect.Map:
		keys := v.MapKeys() // in order: the same file names the same value each time
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		for _, k := range keys {
			if value, was, ok = doubledIn(v.MapIndex(k)); ok {
				return value, was, ok
			}
		}
	}
	return "", "", false
}
