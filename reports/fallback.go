package reports

import (
	"strings"
	"sync"
	"unicode"

	"codeberg.org/go-pdf/fpdf"
	"github.com/chapterdesk/chapterdesk/assets"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/text/unicode/bidi"
)

// Liberation Sans (fontFamily) prints Latin, Greek and Cyrillic. A character it lacks
// is drawn in the first fallback face that has it: DejaVu Sans (Arabic, Hebrew, ...),
// then Droid Sans Fallback (Chinese, Japanese, Korean). A fallback is registered with a
// document, and its font parsed, only when a text needs it: a leaflet in Latin letters
// costs what it did (the FAQ leaflet's whole process has a 100 ms bar).

// fallbackFace is a font drawn where the main one has no glyph.
type fallbackFace struct {
	family        string
	regular, bold []byte // bold nil: one weight, drawn for both (parsed once, not twice)
	has           func(r rune) bool
}

var fallbacks = []*fallbackFace{
	{family: "sans-dejavu", regular: assets.FallbackRegular, bold: assets.FallbackBold},
	{family: "sans-cjk", regular: assets.FontCJK},
}

func init() {
	for _, f := range fallbacks {
		if f.bold == nil {
			f.has = glyphSet(f.regular)
		} else {
			f.has = glyphSet(f.regular, f.bold)
		}
	}
}

// glyphSet answers whether every face of fonts maps r to a glyph; the fonts are parsed
// at the first question, and each answer kept.
func glyphSet(fonts ...[]byte) func(rune) bool {
	type parsed struct {
		fonts []*sfnt.Font
		buf   sfnt.Buffer
		known map[rune]bool
	}
	var mu sync.Mutex
	load := sync.OnceValue(func() *parsed {
		p := &parsed{known: map[rune]bool{}}
		for _, b := range fonts {
			if f, err := sfnt.Parse(b); err == nil {
				p.fonts = append(p.fonts, f)
			}
		}
		if len(p.fonts) < len(fonts) {
			p.fonts = nil // a font that does not parse has no glyph
		}
		return p
	})
	return func(r rune) bool {
		if r < 0x20 || r >= 0x10000 { // fpdf's width table stops at U+FFFF
			return false
		}
		mu.Lock()
		defer mu.Unlock()
		p := load()
		if has, ok := p.known[r]; ok {
			return has
		}
		has := len(p.fonts) > 0
		for _, f := range p.fonts {
			if i, err := f.GlyphIndex(&p.buf, r); err != nil || i == 0 {
				has = false
			}
		}
		p.known[r] = has
		return has
	}
}

// faceOf is the face that draws r: 0 the main font, i+1 fallbacks[i], -1 none.
func faceOf(r rune) int {
	if fontHas(r) {
		return 0
	}
	for i, f := range fallbacks {
		if f.has(r) {
			return i + 1
		}
	}
	return -1
}

// printable reports whether some embedded face draws r.
func printable(r rune) bool { return faceOf(r) >= 0 }

// needsRuns reports whether s must be drawn in runs: a character the main font lacks,
// or right-to-left letters. Text in the main font alone is drawn by fpdf as before,
// byte for byte.
func needsRuns(s string) bool {
	for _, r := range s {
		if r >= 0x80 && (!fontHas(r) || rightToLeft(r)) {
			return true
		}
	}
	return false
}

// rightToLeft reports whether r is a letter written right to left.
func rightToLeft(r rune) bool {
	return r >= 0x0590 && r <= 0x08FF || r >= 0xFB1D && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFF
}

// visualOrder puts a line's right-to-left runs in the order they are seen, left to
// right (the line itself reads left to right, as the sheet's labels do): "Caller:
// محمد العلي · Salem" keeps "Caller:" first and "· Salem" last.
func visualOrder(line string) string {
	if !strings.ContainsFunc(line, rightToLeft) {
		return line
	}
	var p bidi.Paragraph
	if _, err := p.SetString(line, bidi.DefaultDirection(bidi.LeftToRight)); err != nil {
		return line
	}
	o, err := p.Order()
	if err != nil {
		return line
	}
	var b strings.Builder
	for i := 0; i < o.NumRuns(); i++ {
		run := o.Run(i)
		if run.Direction() == bidi.RightToLeft {
			b.WriteString(bidi.ReverseString(run.String()))
		} else {
			b.WriteString(run.String())
		}
	}
	return b.String()
}

// useFace sets face i (0 the main font) in the style and size given, registering a
// fallback with the document at its first use.
func useFace(pdf *fpdf.Fpdf, i int, style string, size float64) {
	if i <= 0 {
		pdf.SetFont(fontFamily, style, size)
		return
	}
	f := fallbacks[i-1]
	font := f.regular
	switch {
	case style == "B" && f.bold != nil:
		font = f.bold
	case style == "B":
		style = ""
	}
	pdf.AddUTF8FontFromBytes(f.family, style, font) // nothing when already added
	pdf.SetFont(f.family, style, size)
}

// faceRuns splits s into runs of one face each (a character no face draws counts as
// the main font's, which prints what it has for it).
func faceRuns(s string) (runs []string, faces []int) {
	start, cur := 0, -2
	for i, r := range s {
		f := faceOf(r)
		if f < 0 || unicode.IsSpace(r) || (f > 0 && fontHas(r)) {
			f = 0
		}
		if unicode.Is(unicode.Mn, r) && cur > 0 {
			f = cur // a mark stays with its letter's face
		}
		if f != cur && i > start {
			runs, faces = append(runs, s[start:i]), append(faces, cur)
			start = i
		}
		cur = f
	}
	if start < len(s) {
		runs, faces = append(runs, s[start:]), append(faces, cur)
	}
	return runs, faces
}

// currentFont is the font set on pdf: its style and size, to restore after a run.
func currentFont(pdf *fpdf.Fpdf) (style string, size float64) {
	size, _ = pdf.GetFontSize()
	return pdf.GetFontStyle(), size
}

// printWidth is the width of s in the font set on pdf, each character in its face.
func printWidth(pdf *fpdf.Fpdf, s string) float64 {
	if !needsRuns(s) {
		return pdf.GetStringWidth(s)
	}
	style, size := currentFont(pdf)
	w := 0.0
	runs, faces := faceRuns(s)
	for i, run := range runs {
		useFace(pdf, faces[i], style, size)
		w += pdf.GetStringWidth(run)
	}
	useFace(pdf, 0, style, size)
	return w
}

// printText is pdf.Text(x, y, s) with each character in its face and right-to-left
// runs in visual order.
func printText(pdf *fpdf.Fpdf, x, y float64, s string) {
	if !needsRuns(s) {
		pdf.Text(x, y, s)
		return
	}
	style, size := currentFont(pdf)
	runs, faces := faceRuns(visualOrder(s))
	for i, run := range runs {
		useFace(pdf, faces[i], style, size)
		pdf.Text(x, y, run)
		x += pdf.GetStringWidth(run)
	}
	useFace(pdf, 0, style, size)
}

// wrapText is pdf.SplitText(s, w) with each character measured in its face: lines
// break at spaces, or after a Chinese or Japanese character (fpdf's own dropped that
// character).
func wrapText(pdf *fpdf.Fpdf, s string, w float64) []string {
	if !needsRuns(s) {
		return pdf.SplitText(s, w)
	}
	style, size := currentFont(pdf)
	rs := []rune(strings.TrimRight(s, "\n"))
	widths := make([]float64, len(rs))
	for i, r := range rs {
		f := faceOf(r)
		if f < 0 || unicode.IsSpace(r) {
			f = 0
		}
		useFace(pdf, f, style, size)
		widths[i] = pdf.GetStringWidth(string(r))
	}
	useFace(pdf, 0, style, size)
	var lines []string
	start, sep, l := 0, -1, 0.0 // sep: the last place the line may break, at or after start
	cut := func(end, next int) {
		lines = append(lines, string(rs[start:end]))
		start, sep, l = next, -1, 0
	}
	for i := 0; i < len(rs); {
		c := rs[i]
		switch {
		case c == '\n':
			cut(i, i+1)
			i++
			continue
		case l+widths[i] > w && unicode.IsSpace(c):
			cut(i, i+1) // the line ends at this space, dropped
			i++
			continue
		case l+widths[i] > w && i > start:
			switch {
			case sep >= start && unicode.IsSpace(rs[sep]):
				cut(sep, sep+1) // the space is dropped
			case sep >= start:
				cut(sep+1, sep+1) // after a Chinese or Japanese character
			default:
				cut(i, i) // a word longer than the line
			}
			i = start
			continue
		}
		l += widths[i]
		if unicode.IsSpace(c) || breaksAround(c) {
			sep = i
		}
		i++
	}
	if start < len(rs) {
		lines = append(lines, string(rs[start:]))
	}
	return lines
}

// fitHeading wraps s to w in style at the largest size from top down to floor, half a
// point at a time, that takes at most maxLines lines; at floor it takes the lines it
// needs. A title (a campaign's name of 140 characters) is never cut at the page's edge.
func fitHeading(pdf *fpdf.Fpdf, s, style string, w, top, floor float64, maxLines int) (float64, []string) {
	for size := top; ; size -= 0.5 {
		pdf.SetFont(fontFamily, style, size)
		lines := wrapText(pdf, s, w)
		if len(lines) <= maxLines || size-0.5 < floor {
			return size, lines
		}
	}
}

// breaksAround reports whether a line may break after r without a space: Chinese and
// Japanese are written so (Korean puts spaces between words, and breaks there).
func breaksAround(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// printCell is pdf.CellFormat(w, h, s, "", 0, align, false, 0, "") (align "L", "C" or
// "R") with each character in its face: the text on the cell's middle, the position
// then at the cell's right.
func printCell(pdf *fpdf.Fpdf, w, h float64, s, align string) {
	if !needsRuns(s) {
		pdf.CellFormat(w, h, s, "", 0, align, false, 0, "")
		return
	}
	x, y := pdf.GetXY()
	_, size := pdf.GetFontSize()
	dx := pdf.GetCellMargin()
	switch align {
	case "C":
		dx = (w - printWidth(pdf, s)) / 2
	case "R":
		dx = w - pdf.GetCellMargin() - printWidth(pdf, s)
	}
	printText(pdf, x+dx, y+0.5*h+0.3*size, s)
	pdf.SetXY(x+w, y)
}
