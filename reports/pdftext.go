package reports

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/chapterdesk/chapterdesk/assets"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/norm"
)

// placeholder stands in for a run of characters the embedded fonts cannot draw.
const placeholder = "?"

// Replacement is a character no embedded font draws (an emoji, a script none of them
// covers): the PDF shows "?" in its place (in a name: nothing, and a note beside the
// name), and the lead is told where.
type Replacement struct {
	Rune    rune
	Count   int
	InNames int    // of Count, those left out of a name (with a note beside it) rather than printed as "?"
	Where   string // the first text it was found in, e.g. `answer to "Why do we need it?"`
}

// String names the character the way a lead can look it up: "😀 (U+1F600)".
func (r Replacement) String() string {
	return fmt.Sprintf("%c (U+%04X) %d× in %s", r.Rune, r.Rune, r.Count, r.Where)
}

// coverage is the set of runes both embedded faces draw, read once from their cmap.
// fpdf indexes a 65,536-entry width table by rune, so nothing above U+FFFF may reach
// it: those runes are never in the set.
var coverage = sync.OnceValue(func() *[0x10000 / 64]uint64 {
	var set [0x10000 / 64]uint64
	regular, errR := sfnt.Parse(assets.FontRegular)
	bold, errB := sfnt.Parse(assets.FontBold)
	if errR != nil || errB != nil {
		return &set // an empty set: everything becomes "?" and is reported, nothing panics
	}
	var buf sfnt.Buffer
	for r := rune(0x20); r < 0x10000; r++ {
		if i, err := regular.GlyphIndex(&buf, r); err != nil || i == 0 {
			continue
		}
		if i, err := bold.GlyphIndex(&buf, r); err != nil || i == 0 {
			continue
		}
		set[r/64] |= 1 << (r % 64)
	}
	return &set
})

// fontHas reports whether the main font (Liberation Sans, both faces) draws r; faceOf
// finds a fallback for the others.
func fontHas(r rune) bool {
	return r >= 0 && r < 0x10000 && coverage()[r/64]&(1<<(r%64)) != 0
}

// textGuard makes text safe for the PDF fonts and remembers what it replaced.
type textGuard struct {
	found map[rune]*Replacement
}

// clean returns s in NFC (Vietnamese typed with combining marks becomes the precomposed
// letters the font has), Arabic letters joined (shapeArabic), with tabs and other
// spacing as plain spaces, invisible format characters dropped, and each run of
// characters no embedded face draws (an emoji) as one "?". where names the text for
// the report.
func (g *textGuard) clean(s, where string) string {
	out, _ := g.cleanWith(s, where, placeholder)
	return out
}

// cleanName is clean for a person's name: a run of characters no face draws is left
// out, not printed as "?" (a "?" in a name reads as a letter lost, or as the name),
// and lost says so, for the sheet to say it beside the name.
func (g *textGuard) cleanName(s, where string) (name string, lost bool) {
	out, lost := g.cleanWith(s, where, "")
	if lost {
		out = strings.Join(strings.Fields(out), " ")
	}
	return out, lost
}

func (g *textGuard) cleanWith(s, where, mark string) (string, bool) {
	if isPlain(s) {
		return s, false
	}
	s = shapeArabic(norm.NFC.String(s))
	var b strings.Builder
	b.Grow(len(s))
	inRun, lost := false, false
	for _, r := range s {
		if inRun && rideAlong(r) {
			continue // joiners, variation selectors and skin tones belong to the emoji before them
		}
		switch {
		case r == '\n':
			b.WriteRune(r)
			inRun = false
			continue
		case r == '\t' || r == '\r' || (unicode.IsSpace(r) && !fontHas(r)):
			b.WriteByte(' ')
			inRun = false
			continue
		case fontHas(r):
			b.WriteRune(r)
			inRun = false
			continue
		case unicode.Is(unicode.Cf, r):
			continue // invisible (a joiner, a direction mark): the shaping and the line's order are done here
		case r >= 0x80 && !unicode.IsControl(r) && printable(r):
			b.WriteRune(r)
			inRun = false
			continue
		}
		if unicode.IsControl(r) {
			continue
		}
		g.note(r, where, mark == "")
		lost = true
		if !inRun {
			b.WriteString(mark)
			inRun = true
		}
	}
	return b.String(), lost
}

// rideAlong reports whether r only modifies the character before it: a joiner, a
// variation selector, a combining mark or an emoji skin tone.
func rideAlong(r rune) bool {
	return unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Mn, r) || (r >= 0xFE00 && r <= 0xFE0F) ||
		(r >= 0x1F3FB && r <= 0x1F3FF)
}

// isPlain reports whether s is printable ASCII with newlines: the common case, kept fast.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\n') || c >= 0x7f {
			return false
		}
	}
	return true
}

func (g *textGuard) note(r rune, where string, inName bool) {
	if g.found == nil {
		g.found = map[rune]*Replacement{}
	}
	rep, ok := g.found[r]
	if !ok {
		rep = &Replacement{Rune: r, Where: where}
		g.found[r] = rep
	}
	rep.Count++
	if inName {
		rep.InNames++
	}
}

// replacements lists what was replaced, in code point order.
func (g *textGuard) replacements() []Replacement {
	out := make([]Replacement, 0, len(g.found))
	for _, r := range g.found {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Rune < out[j].Rune })
	return out
}
