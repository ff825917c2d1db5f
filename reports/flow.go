package reports

import (
	"strings"
	"sync"

	"codeberg.org/go-pdf/fpdf"
)

// A leaflet is laid out as flows of items poured into frames (columns, panels),
// measured at one body type size; the size is lowered until everything fits.

// rgb is a colour.
type rgb struct{ r, g, b int }

var (
	colInk    = rgb{33, 37, 41}
	colBrand  = rgb{20, 78, 120}
	colPaper  = rgb{255, 255, 255}
	colTint   = rgb{229, 239, 246}
	colMuted  = rgb{90, 98, 106}
	colAccent = rgb{184, 72, 30}
)

// rect is a frame on one side of the sheet (side 0 is the front).
type rect struct {
	side       int
	x, y, w, h float64
}

// textStyle is how an item's text looks; sizes and spaces are in multiples of the
// body size, so one number scales the whole leaflet.
type textStyle struct {
	rel     float64 // type size
	bold    bool
	color   rgb
	lead    float64 // line height
	before  float64 // space above
	after   float64 // space below
	indent  float64 // hanging indent of a bullet
	bullet  bool
	fill    *rgb    // a background band behind the item
	pad     float64 // left and right padding inside the band
	minimum float64 // a floor in points, for the title on a small panel
}

// block is an item drawn by code rather than set as text (the QR code and contact).
type block interface {
	height(pdf *fpdf.Fpdf, w, body float64) float64
	draw(pdf *fpdf.Fpdf, x, y, w, body float64)
}

// item is one paragraph, heading or block of a flow.
type item struct {
	text  string
	st    *textStyle
	keep  bool // never the last thing in a frame: headings and questions
	block block
	link  string // the text is this URL: make it clickable
}

// unit is the part of a flow a leaflet can leave out whole when nothing else makes it
// fit: an FAQ entry, the summary. what names it for the lead.
type unit struct {
	items     []item
	what      string
	droppable bool
}

// piece is a placed item, or the part of it in one frame.
type piece struct {
	side       int
	x, y, w, h float64
	it         *item
	lines      []string
	first      bool
	size       float64 // the body size
	before     float64 // the space drawn above the first line
	inset      float64 // where the text starts from x (a band bleeding past the frame)
}

// flowResult is where a flow ended.
type flowResult struct {
	pieces []piece
	ok     bool
	frame  int     // the last frame used
	bottom float64 // the y below the last piece
}

func (st *textStyle) size(body float64) float64 { return max(st.rel*body, st.minimum) }

// splitLines wraps the item's text for width w at its size.
func splitLines(pdf *fpdf.Fpdf, it *item, w, body float64) []string {
	st := it.st
	pdf.SetFont(fontFamily, boldStyle(st.bold), st.size(body))
	tw := w - 2*st.pad*body
	if st.bullet {
		tw -= st.indent * body
	}
	if it.text == "" {
		return nil
	}
	return splits.of(pdf, lineKey{text: it.text, bold: st.bold, size: st.size(body), width: tw})
}

// lineKey is what a text's lines depend on: the text, its font and the width.
type lineKey struct {
	text        string
	bold        bool
	size, width float64
}

// lineMemo keeps the lines of the texts one document has split: fitting a leaflet
// places the same texts at the same size and width again and again (the look-ahead of
// a heading, the balancing of the last side's columns), and splitting them was the
// larger part of the layout's time (issue 20: the whole FAQ leaflet under 100 ms).
// Leaflet forgets its document's when done.
type lineMemo struct {
	mu   sync.Mutex
	docs map[*fpdf.Fpdf]map[lineKey][]string
}

var splits = lineMemo{docs: map[*fpdf.Fpdf]map[lineKey][]string{}}

// of is wrapText(pdf, k.text, k.width) in the font pdf is set to (k's).
func (m *lineMemo) of(pdf *fpdf.Fpdf, k lineKey) []string {
	m.mu.Lock()
	lines, ok := m.docs[pdf][k]
	m.mu.Unlock()
	if ok {
		return lines
	}
	lines = wrapText(pdf, k.text, k.width)
	m.mu.Lock()
	if m.docs[pdf] == nil {
		m.docs[pdf] = map[lineKey][]string{}
	}
	m.docs[pdf][k] = lines
	m.mu.Unlock()
	return lines
}

// forget drops what pdf's texts split into.
func (m *lineMemo) forget(pdf *fpdf.Fpdf) {
	m.mu.Lock()
	delete(m.docs, pdf)
	m.mu.Unlock()
}

func boldStyle(b bool) string {
	if b {
		return "B"
	}
	return ""
}

// flow pours units into frames at body size; ok is false when they do not all fit.
func flow(pdf *fpdf.Fpdf, units []unit, frames []rect, body float64) flowResult {
	res := flowResult{ok: true}
	if len(frames) == 0 {
		res.ok = len(units) == 0
		return res
	}
	fi, y := 0, frames[0].y
	atTop := true
	var all []*item
	for ui := range units {
		for ii := range units[ui].items {
			all = append(all, &units[ui].items[ii])
		}
	}
	next := func() bool {
		fi++
		if fi >= len(frames) {
			return false
		}
		y, atTop = frames[fi].y, true
		return true
	}
	for k, it := range all {
		f := frames[fi]
		if it.block != nil {
			h := it.block.height(pdf, f.w, body)
			if y+h > f.y+f.h && (atTop || !next()) {
				return flowResult{pieces: res.pieces, frame: fi}
			}
			f = frames[fi]
			res.pieces = append(res.pieces, piece{side: f.side, x: f.x, y: y, w: f.w, h: h, it: it, first: true, size: body})
			y, atTop = y+h, false
			continue
		}
		st := it.st
		size := st.size(body)
		lh := size * st.lead
		lines := splitLines(pdf, it, f.w, body)
		before, after := st.before*body, st.after*body
		if atTop && st.fill == nil {
			before = 0
		}
		// Keep a heading with two lines of what follows, and never leave a lone line
		// of a paragraph at the foot of a frame.
		need := before + lh*float64(min(len(lines), 2))
		if len(lines) <= 3 {
			need = before + lh*float64(len(lines)) + after
		}
		if it.keep {
			need = before + lh*float64(len(lines)) + after + keepNeed(pdf, all[k+1:], f.w, body)
		}
		if y+need > f.y+f.h && !atTop {
			if !next() {
				return flowResult{pieces: res.pieces, frame: fi}
			}
			f = frames[fi]
			if st.fill == nil {
				before = 0
			}
		}
		first := true
		for len(lines) > 0 {
			room := int((f.y + f.h - y - before) / lh)
			if room >= len(lines) && y+before+lh*float64(len(lines))+after > f.y+f.h && room > 0 && st.fill != nil {
				room = len(lines) - 1 // a band's padding must fit too
			}
			if room <= 0 {
				if atTop || !next() {
					return flowResult{pieces: res.pieces, frame: fi}
				}
				f, before = frames[fi], 0
				continue
			}
			n := min(room, len(lines))
			h := before + lh*float64(n)
			if n == len(lines) {
				h += after
			}
			res.pieces = append(res.pieces, piece{side: f.side, x: f.x, y: y, w: f.w, h: h, it: it,
				lines: lines[:n], first: first, size: body, before: before})
			y += h
			atTop, first = false, false
			lines = lines[n:]
			if len(lines) > 0 {
				if !next() {
					return flowResult{pieces: res.pieces, frame: fi}
				}
				f, before = frames[fi], 0
				y = f.y
			}
		}
	}
	res.frame, res.bottom = fi, y
	return res
}

// keepNeed is the room a heading needs below it: the headings that follow it whole,
// then two lines of the first paragraph (or the block).
func keepNeed(pdf *fpdf.Fpdf, rest []*item, w, body float64) float64 {
	need := 0.0
	for _, it := range rest {
		if it.block != nil {
			return need + it.block.height(pdf, w, body)
		}
		st := it.st
		lh := st.size(body) * st.lead
		n := len(splitLines(pdf, it, w, body))
		if !it.keep {
			return need + st.before*body + lh*float64(min(n, 2))
		}
		need += st.before*body + lh*float64(n) + st.after*body
	}
	return need
}

// drawPieces draws placed pieces of one side, shifted by dy (the second half-page).
func drawPieces(pdf *fpdf.Fpdf, pieces []piece, side int, dy float64) {
	for _, p := range pieces {
		if p.side != side {
			continue
		}
		if p.it.block != nil {
			p.it.block.draw(pdf, p.x, p.y+dy, p.w, p.size)
			continue
		}
		drawText(pdf, p, dy)
	}
}

func drawText(pdf *fpdf.Fpdf, p piece, dy float64) {
	st := p.it.st
	size := st.size(p.size)
	lh := size * st.lead
	y := p.y + dy
	if st.fill != nil {
		pdf.SetFillColor(st.fill.r, st.fill.g, st.fill.b)
		pdf.Rect(p.x, y, p.w, p.h, "F")
	}
	x := p.x + p.inset + st.pad*p.size
	pdf.SetFont(fontFamily, boldStyle(st.bold), size)
	pdf.SetTextColor(st.color.r, st.color.g, st.color.b)
	baseline := y + p.before + (lh-size)/2 + size*0.86
	if st.bullet {
		if p.first {
			printText(pdf, x+0.15*size, baseline, "•")
		}
		x += st.indent * p.size
	}
	for _, line := range p.lines {
		printText(pdf, x, baseline, strings.TrimRight(line, " "))
		if p.it.link != "" {
			pdf.LinkString(x, baseline-size*0.86, printWidth(pdf, line), lh, p.it.link)
		}
		baseline += lh
	}
}
