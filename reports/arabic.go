package reports

import "unicode"

// fpdf draws one glyph per character, from the font's cmap, and knows nothing of
// Arabic's joined letters: "محمد" would print as four unjoined letters. shapeArabic
// gives each letter the presentation form (Unicode's Arabic Presentation Forms-A and
// -B, which DejaVu Sans maps) that its neighbours call for, as Unicode's
// ArabicShaping.txt joins them, and lam-alef its ligature. It keeps the logical order:
// printText puts a line right to left (see visualOrder). No Go module for this is
// served here (01walid/goarabic is not; go-text/typesetting, which Fyne brings, shapes
// to glyph ids, which fpdf cannot take), and the table is the standard one.

// arabicForms are the Arabic letters with presentation forms: the isolated form, and
// whether the letter joins on both sides (initial, medial, final and isolated forms,
// in that order after the isolated one: isolated, final, initial, medial) or only to
// the letter before it (isolated, final).
var arabicForms = func() map[rune]arabicLetter {
	m := map[rune]arabicLetter{}
	// U+0621..U+064A are laid out in Presentation Forms-B from U+FE80 in order, each
	// taking as many code points as it has forms.
	next := rune(0xFE80)
	for _, l := range []struct {
		r     rune
		forms int
	}{
		{0x0621, 1}, {0x0622, 2}, {0x0623, 2}, {0x0624, 2}, {0x0625, 2}, {0x0626, 4}, {0x0627, 2},
		{0x0628, 4}, {0x0629, 2}, {0x062A, 4}, {0x062B, 4}, {0x062C, 4}, {0x062D, 4}, {0x062E, 4},
		{0x062F, 2}, {0x0630, 2}, {0x0631, 2}, {0x0632, 2}, {0x0633, 4}, {0x0634, 4}, {0x0635, 4},
		{0x0636, 4}, {0x0637, 4}, {0x0638, 4}, {0x0639, 4}, {0x063A, 4}, {0x0641, 4}, {0x0642, 4},
		{0x0643, 4}, {0x0644, 4}, {0x0645, 4}, {0x0646, 4}, {0x0647, 4}, {0x0648, 2}, {0x0649, 2},
		{0x064A, 4},
	} {
		m[l.r] = arabicLetter{isolated: next, dual: l.forms == 4, joins: l.forms > 1}
		next += rune(l.forms)
	}
	// Persian and Urdu letters, in Presentation Forms-A.
	for r, iso := range map[rune]rune{0x067E: 0xFB56, 0x0686: 0xFB7A, 0x06A9: 0xFB8E, 0x06AF: 0xFB92, 0x06CC: 0xFBFC} {
		m[r] = arabicLetter{isolated: iso, dual: true, joins: true}
	}
	m[0x0698] = arabicLetter{isolated: 0xFB8A, joins: true} // jeh joins only to the letter before it
	return m
}()

type arabicLetter struct {
	isolated rune
	dual     bool // joins to the letter after it too
	joins    bool // has a final form (hamza alone has none)
}

// lamAlef are the ligatures of lam with each alef: isolated form (final is +1).
var lamAlef = map[rune]rune{0x0622: 0xFEF5, 0x0623: 0xFEF7, 0x0625: 0xFEF9, 0x0627: 0xFEFB}

const (
	arabicLam     = 0x0644
	arabicTatweel = 0x0640
	zwj           = 0x200D
)

// hasArabic reports whether s holds an Arabic letter to shape.
func hasArabic(s string) bool {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF {
			return true
		}
	}
	return false
}

// shapeArabic returns s with its Arabic letters in their joined presentation forms.
func shapeArabic(s string) string {
	if !hasArabic(s) {
		return s
	}
	rs := []rune(s)
	// neighbour finds the letter next to i in direction d, past the marks (harakat)
	// that do not break joining.
	neighbour := func(i, d int) rune {
		for j := i + d; j >= 0 && j < len(rs); j += d {
			if !unicode.Is(unicode.Mn, rs[j]) {
				return rs[j]
			}
		}
		return 0
	}
	joinsAfter := func(r rune) bool { // r joins to the letter that follows it
		l, ok := arabicForms[r]
		return ok && l.dual || r == arabicTatweel || r == zwj
	}
	joinsBefore := func(r rune) bool { // r joins to the letter before it
		l, ok := arabicForms[r]
		return ok && l.joins || r == arabicTatweel || r == zwj
	}
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		l, ok := arabicForms[r]
		if !ok || !l.joins {
			if ok {
				r = l.isolated
			}
			out = append(out, r)
			continue
		}
		prev := joinsAfter(neighbour(i, -1))
		if r == arabicLam && i+1 < len(rs) {
			if lig, ok := lamAlef[rs[i+1]]; ok {
				if prev {
					lig++
				}
				out = append(out, lig)
				i++
				continue
			}
		}
		next := l.dual && joinsBefore(neighbour(i, 1))
		switch {
		case prev && next:
			r = l.isolated + 3
		case next:
			r = l.isolated + 2
		case prev:
			r = l.isolated + 1
		default:
			r = l.isolated
		}
		out = append(out, r)
	}
	return string(out)
}
