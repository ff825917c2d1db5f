package csvfile

import (
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// A Windows-1252 file can be valid UTF-8 by chance: an accented capital followed by
// a curly quote, a dash or a no-break space ("Ñ’", "É”", "Í—") is the UTF-8
// encoding of one character (U+0452 "ђ", U+0254 "ɔ", U+0357). Read as UTF-8, the name
// is garbled without a word. What such a pair turns into is rarely what a person
// types, so a character that reads as one of these is taken as a sign of a misread
// (see misreadRune): it is not counted as UTF-8 when the encoding is judged (see
// utf8Evidence), and a row that holds one is refused, naming the character and the
// Windows-1252 reading, unless the lead chose UTF-8 (see Reader.suspectMisread).

// misreadRune reports whether r, read from UTF-8 between prev and next (0 at either
// end), is more likely two or three bytes of a Windows-1252 text:
//   - a C1 control (U+0080 to U+009F), which no text holds: "Â" and a curly quote;
//   - a phonetic letter (U+0240 to U+02AF: "É”" is "ɔ"), which names are not
//     written in outside a few African languages (Azerbaijani's ə aside). Their ɔ,
//     ɛ and ɣ (Akan, Ewe, Ga, Dinka, Dagbani: "Kɔfi Mɛnsah", "Dɔɣu") are letters
//     inside a lower-case word (see inLowerCaseWord); their misreads, "É”", "É›" and
//     "É£", are an accented capital followed by a closing quote or a pound sign, so
//     they come at the end of an upper-case word ("JOSÉ”") or inside one ("PÉ”REZ"),
//     or before a price ("É£5"), never before a lower-case letter.
//     (Ŋ, ŋ, Ɔ and Ɛ are outside this range: their misreads are other rules' to see);
//   - a combining accent (U+0300 to U+036F) that does not compose with the letter
//     before it, as the accent of a decomposed "é" does: "Í" and a dash;
//   - a letter of a two-byte script other than Latin (Greek, Cyrillic, Hebrew,
//     Arabic...) beside a Latin letter, inside one word: "MUÑ’OZ" is "MUђOZ". A name
//     written in Cyrillic or Greek has such letters side by side, not one among Latin
//     ones. A letter of three bytes (Chinese, Japanese) is left alone: "支持H1234"
//     is common, and a misread of three bytes is rare.
//
// The letters these rules let through ("Ã©" read as "é") a Windows-1252 file holds
// only by mistake.
func misreadRune(prev, r, next rune) bool {
	switch {
	case r < 0x80:
		return false
	case r <= 0x9f:
		return true
	case 0x240 <= r && r <= 0x2af:
		if r == 'ɔ' || r == 'ɛ' || r == 'ɣ' {
			return !inLowerCaseWord(prev, next)
		}
		return r != 'ə' // Azerbaijani writes ə in its Latin words
	case r > 0x7ff:
		return false // three bytes: a Chinese note beside "H1234" is no two-byte pair
	case 0x300 <= r && r <= 0x36f: // the accents a decomposed Latin letter has
		if 0x300 <= prev && prev <= 0x36f {
			return r > 0x333 // stacked accents: a dot below and a circumflex
		}
		return !unicode.IsLetter(prev) || !composes(prev, r)
	case unicode.IsLetter(r) && !unicode.In(r, unicode.Latin, unicode.Common, unicode.Inherited):
		return isLatinLetter(prev) || isLatinLetter(next)
	}
	return false
}

// inLowerCaseWord reports whether a letter between prev and next stands in a word
// written in lower case: a lower-case Latin letter follows it ("Kɔfi", "Mɛnsah"), or
// one comes before it and no capital after it ("Dzɔgbɛ").
func inLowerCaseWord(prev, next rune) bool {
	lower := func(r rune) bool { return unicode.IsLower(r) && isLatinLetter(r) }
	return lower(next) || (lower(prev) && !unicode.IsUpper(next))
}

// composes reports whether the combining mark m joins letter into one character.
func composes(letter, m rune) bool {
	var b [2 * utf8.UTFMax]byte
	n := utf8.EncodeRune(b[:], letter)
	n += utf8.EncodeRune(b[n:], m)
	out := norm.NFC.Bytes(b[:n])
	return utf8.RuneCount(out) == 1
}

func isLatinLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r|0x20 && r|0x20 <= 'z'
	}
	return unicode.Is(unicode.Latin, r)
}

// misreadAt returns the byte offset in b, valid UTF-8, of the first character that
// misreadRune takes as a sign of Windows-1252, and its length; -1 when there is none.
func misreadAt(b []byte) (at, size int) {
	prev := rune(0)
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			prev = rune(b[i])
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		next := rune(0)
		if i+n < len(b) {
			next, _ = utf8.DecodeRune(b[i+n:])
		}
		if misreadRune(prev, r, next) {
			return i, n
		}
		prev = r
		i += n
	}
	return -1, 0
}

// misreadReason says that cell reads as UTF-8 only with the character at b[at:at+n]
// (see misreadRune), and how it reads as Windows-1252.
func misreadReason(cell []byte, at, n int) string {
	const room = 24
	from, to := max(0, at-room), min(len(cell), at+n+room)
	for from > 0 && !utf8.RuneStart(cell[from]) {
		from--
	}
	for to < len(cell) && !utf8.RuneStart(cell[to]) {
		to++
	}
	asRead, as1252 := strconv.Quote(string(cell[from:to])), strconv.Quote(string(cell[from:to]))
	if s, err := charmap.Windows1252.NewDecoder().Bytes(cell[from:to]); err == nil {
		as1252 = strconv.Quote(string(s))
	}
	return fmt.Sprintf("read as UTF-8 this is %s, with %s in it, which is rarely typed; saved as Windows-1252 it would be %s. "+
		"If the file is Windows-1252, read it as Windows-1252; if the text is right, read it as UTF-8",
		asRead, strconv.QuoteRune(utf8Rune(cell[at:at+n])), as1252)
}

func utf8Rune(b []byte) rune {
	r, _ := utf8.DecodeRune(b)
	return r
}
