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

// Replacement is a character the embedded fonts lack (an emoji, a script outside Latin,
// Greek and Cyrillic): the PDF shows "?" in its place, and the lead is told where.
type Replacement struct {
	Rune  rune
	Count int
	Where string // the first text it was found in, e.g. `answer to "Why do we need it?"`
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

// fontHas reports whether the embedded fonts draw r.
func fontHas(r rune) bool {
	return r >= 0 && r < 0x10000 && coverage()[r/64]&(1<<(r%64)) != 0
}

// textGuard makes text safe for the PDF fonts and remembers what it replaced.
type textGuard struct {
	found map[rune]*Replacement
}

// clean returns s in NFC (Vietnamese typed with combining marks becomes the precomposed
// letters the font has), with tabs and other spacing as plain spaces, invisible format
// characters dropped, and each run of characters the font lacks as one "?". where
// names the text for the report.
func (g *textGuard) clean(s, where string) string {
	if isPlain(s) {
		return s
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	inRun := false
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
		}
		if unicode.IsControl(r) {
			continue
		}
		g.note(r, where)
		if !inRun {
			b.WriteString(placeholder)
			inRun = true
		}
	}
	return b.String()
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

func (g *textGuard) note(r rune, where string) {
	if g.found == nil {
		g.found = map[rune]*Replacement{}
	}
	if rep, ok := g.found[r]; ok {
		rep.Count++
		return
	}
	g.found[r] = &Replacement{Rune: r, Count: 1, Where: where}
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
