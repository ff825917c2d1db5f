package reports

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/chapterdesk/chapterdesk/db"
)

// Layout is how a leaflet sits on the sheet.
type Layout string

// The leaflet layouts.
const (
	// LayoutSheet is one portrait page in two columns, printed two-sided when the
	// content needs a second page.
	LayoutSheet Layout = "sheet"
	// LayoutTrifold is a landscape sheet of three panels a side, folded in three: the
	// cover is the right-hand outside panel, the back the middle one, the flap (seen
	// first on opening) the left one; the FAQ runs across the three inside panels.
	LayoutTrifold Layout = "trifold"
	// LayoutHalfPage is two identical handouts a sheet, one above the other with a
	// dashed cut line between them, each one or two sides.
	LayoutHalfPage Layout = "halfpage"
)

// Layouts lists the layouts in the order a menu offers them.
var Layouts = []Layout{LayoutSheet, LayoutTrifold, LayoutHalfPage}

// ParseLayout reads a layout name ("" is the sheet; "tri-fold" and "half-page" too).
func ParseLayout(s string) (Layout, error) {
	switch strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "-", "") {
	case "", "sheet":
		return LayoutSheet, nil
	case "trifold":
		return LayoutTrifold, nil
	case "halfpage", "half":
		return LayoutHalfPage, nil
	}
	return "", fmt.Errorf("unknown layout %q (sheet, trifold or halfpage)", s)
}

// MinBodySize is the smallest body type a leaflet uses, in points: below it a
// canvasser's neighbour cannot read it at arm's length.
const MinBodySize = 7.5

// LeafletOptions choose the leaflet's layout, paper and language.
type LeafletOptions struct {
	PDFOptions
	Layout Layout
	Lang   string // "" prints the campaign's default language
}

// LeafletResult is what a leaflet printed and what its lead should be told.
type LeafletResult struct {
	Pages    int
	BodySize float64  // the body type size the content fitted at, in points
	LeftOut  []string // what did not fit even at MinBodySize, e.g. `the answer to "Why?"`
	Replaced []Replacement
	// Warnings are every notice for the lead, as sentences: what was left out, the
	// characters replaced, the texts printed in another language.
	Warnings []string
}

// ErrNothingFits is returned when even the title and the contact block do not fit
// the layout, whatever was left out.
var ErrNothingFits = errors.New("the campaign's title and contact block do not fit this layout")

// Leaflet writes the FAQ leaflet of campaign c for chapter ch. Text never overflows or
// is cut silently: the type shrinks down to MinBodySize, then whole FAQ entries (the
// longest first) are left out, named in the result, and the leaflet points to the
// action link for the rest.
func Leaflet(ctx context.Context, w io.Writer, c db.Campaign, ch db.Chapter, o LeafletOptions) (LeafletResult, error) {
	o.Paper = o.Paper.orLetter()
	if o.Layout == "" {
		o.Layout = LayoutSheet
	}
	lang := langOr(o.Lang, c)
	var g textGuard
	k := newContent(c, ch, lang, &g)
	lay := newLeafletLayout(o.Layout, o.Paper)
	pdf := newPDF(lay.landscape, o.PDFOptions, k.title, lang)
	defer splits.forget(pdf)
	fit, err := fitLeaflet(ctx, pdf, k, lay)
	if err != nil {
		return LeafletResult{}, err
	}
	sides := fit.sides()
	if lay.minSides > sides {
		sides = lay.minSides
	}
	for side := 0; side < sides; side++ {
		pdf.AddPage()
		for _, dy := range lay.copies {
			for _, f := range fit.flows {
				drawPieces(pdf, f.pieces, side, dy)
			}
		}
		lay.decorate(pdf, side, k.l)
	}
	if err := pdf.Output(w); err != nil {
		return LeafletResult{}, fmt.Errorf("write leaflet: %w", err)
	}
	res := LeafletResult{Pages: sides, BodySize: fit.body, LeftOut: fit.leftOut, Replaced: g.replacements()}
	res.Warnings = leafletWarnings(k, o.Layout, res)
	return res, nil
}

func leafletWarnings(k *content, layout Layout, res LeafletResult) []string {
	var out []string
	advice := "shorten it, or choose the sheet layout"
	if layout == LayoutSheet {
		advice = "shorten it: the sheet is the roomiest layout"
	}
	for _, s := range res.LeftOut {
		out = append(out, fmt.Sprintf("Did not fit, left out: %s (%s).", s, advice))
	}
	out = append(out, replacementWarnings(res.Replaced)...)
	if k.fallbacks > 0 {
		out = append(out, fmt.Sprintf("%d texts have no %s version and were printed in %s.", k.fallbacks, k.lang, k.fallbackTo))
	}
	if len(k.sections) == 0 || countEntries(k) == 0 {
		out = append(out, "The campaign has no FAQ entries yet: the leaflet has only the title, summary and contact block.")
	}
	if k.actionURL == "" {
		out = append(out, "The campaign has no take-action link: the leaflet has no QR code.")
	}
	if len(k.contact) == 0 {
		out = append(out, "The chapter profile has no phone, email or website: the contact block has only the chapter's name.")
	}
	return out
}

func countEntries(k *content) int {
	n := 0
	for _, s := range k.sections {
		n += len(s.entries)
	}
	return n
}

// leafletLayout is where a layout's flows go at a given body size.
type leafletLayout struct {
	layout      Layout
	landscape   bool
	pageW       float64
	pageH       float64
	copies      []float64 // the y offset of each handout on a sheet
	minSides    int
	maxBody     float64
	handoutH    float64
	margin      float64
	columns     int
	gutter      float64
	panelMargin float64
	// lastFoot, when set, is where the columns of side lastSide end: balance shortens
	// the last side's columns so its content does not all sit in the first of them.
	lastFoot float64
	lastSide int
}

func newLeafletLayout(l Layout, p Paper) *leafletLayout {
	w, h := p.size()
	switch l {
	case LayoutTrifold:
		return &leafletLayout{layout: l, landscape: true, pageW: h, pageH: w, copies: []float64{0}, minSides: 2,
			maxBody: 10.5, handoutH: w, margin: 30, panelMargin: 22}
	case LayoutHalfPage:
		return &leafletLayout{layout: l, pageW: w, pageH: h, copies: []float64{0, h / 2}, minSides: 1,
			maxBody: 10, handoutH: h / 2, margin: 24, columns: 3, gutter: 14}
	}
	return &leafletLayout{layout: LayoutSheet, pageW: w, pageH: h, copies: []float64{0}, minSides: 1,
		maxBody: 11.5, handoutH: h, margin: 40, columns: 2, gutter: 22}
}

// columnFrames are the columns of sides 0 and 1 of a handout, the first side's
// starting at top.
func (lay *leafletLayout) columnFrames(top float64) []rect {
	var out []rect
	cw := (lay.pageW - 2*lay.margin - float64(lay.columns-1)*lay.gutter) / float64(lay.columns)
	for side := 0; side < 2; side++ {
		y := lay.margin
		if side == 0 {
			y = top
		}
		for c := 0; c < lay.columns; c++ {
			foot := lay.handoutH - lay.margin
			if lay.lastFoot > 0 && side == lay.lastSide {
				foot = min(foot, lay.lastFoot)
			}
			out = append(out, rect{side: side, x: lay.margin + float64(c)*(cw+lay.gutter), y: y, w: cw,
				h: max(0, foot-y)})
		}
	}
	return out
}

// panel is a tri-fold panel: side 0 is the outside (flap, back, cover from left to
// right), side 1 the inside.
func (lay *leafletLayout) panel(side, i int) rect {
	pw := lay.pageW / 3
	return rect{side: side, x: float64(i)*pw + lay.panelMargin, y: lay.margin, w: pw - 2*lay.panelMargin,
		h: lay.pageH - 2*lay.margin}
}

// decorate draws what belongs to the sheet rather than the content: the cut line of
// the half-page layout, the fold marks of the tri-fold.
func (lay *leafletLayout) decorate(pdf *fpdf.Fpdf, side int, l labels) {
	pdf.SetDrawColor(colMuted.r, colMuted.g, colMuted.b)
	pdf.SetLineWidth(0.5)
	switch lay.layout {
	case LayoutHalfPage:
		y := lay.pageH / 2
		pdf.SetDashPattern([]float64{4, 3}, 0)
		pdf.Line(12, y, lay.pageW-12, y)
		pdf.SetDashPattern(nil, 0)
		pdf.SetFont(fontFamily, "", 6)
		pdf.SetTextColor(colMuted.r, colMuted.g, colMuted.b)
		pdf.SetFillColor(255, 255, 255)
		label := l.cut
		lw := printWidth(pdf, label)
		pdf.Rect(lay.pageW/2-lw/2-3, y-3, lw+6, 6, "F")
		printText(pdf, lay.pageW/2-lw/2, y+2, label)
	case LayoutTrifold:
		// Short fold marks in the margins, outside the text.
		for i := 1; i < 3; i++ {
			x := float64(i) * lay.pageW / 3
			pdf.Line(x, 0, x, 10)
			pdf.Line(x, lay.pageH-10, x, lay.pageH)
		}
	}
}

// leafletFit is a leaflet laid out at one body size.
type leafletFit struct {
	body    float64
	flows   []flowResult
	ok      bool
	leftOut []string
}

func (f *leafletFit) sides() int {
	n := 1
	for _, fl := range f.flows {
		for _, p := range fl.pieces {
			n = max(n, p.side+1)
		}
	}
	return n
}

// fitLeaflet finds the largest body size at which everything fits; failing that,
// leaves out the tallest droppable units at MinBodySize until the rest does, then
// finds the largest size for the rest (it printed at the minimum, on a half-empty page).
func fitLeaflet(ctx context.Context, pdf *fpdf.Fpdf, k *content, lay *leafletLayout) (*leafletFit, error) {
	dropped := map[string]bool{}
	best, err := lay.largestFit(ctx, pdf, k, dropped)
	if err != nil || best != nil {
		return best, err
	}
	var leftOut []string
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		fit, units, err := lay.place(pdf, k, MinBodySize, dropped)
		if err != nil {
			return nil, err
		}
		if fit.ok {
			break
		}
		key, what := tallestDroppable(pdf, units, k, lay, MinBodySize)
		if key == "" {
			return nil, ErrNothingFits
		}
		dropped[key] = true
		leftOut = append(leftOut, what)
	}
	if best, err = lay.largestFit(ctx, pdf, k, dropped); err != nil {
		return nil, err
	}
	best.leftOut = leftOut
	return best, nil
}

// largestFit is the balanced fit at the largest body size, in quarter points from
// MinBodySize to the layout's largest, at which everything but the dropped units fits;
// nil when that is not even MinBodySize.
func (lay *leafletLayout) largestFit(ctx context.Context, pdf *fpdf.Fpdf, k *content, dropped map[string]bool) (*leafletFit, error) {
	steps := int(math.Round((lay.maxBody - MinBodySize) / 0.25))
	var best *leafletFit
	lo, hi := 0, steps
	for lo <= hi {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		mid := (lo + hi) / 2
		fit, _, err := lay.place(pdf, k, MinBodySize+float64(mid)*0.25, dropped)
		if err != nil {
			return nil, err
		}
		if fit.ok {
			best, lo = fit, mid+1
		} else {
			hi = mid - 1
		}
	}
	if best == nil {
		return nil, nil
	}
	return lay.balance(pdf, k, best, dropped)
}

// balance evens out the columns of the last side of a sheet or half-page handout: it
// finds the highest foot for that side's columns at which everything still fits on
// as many sides, so a short last side fills its columns side by side, not only the
// first. The tri-fold's panels are placed by placeTrifold.
func (lay *leafletLayout) balance(pdf *fpdf.Fpdf, k *content, fit *leafletFit, dropped map[string]bool) (*leafletFit, error) {
	if lay.layout == LayoutTrifold || lay.columns < 2 || !fit.ok {
		return fit, nil
	}
	sides := fit.sides()
	lay.lastSide = sides - 1
	defer func() { lay.lastFoot = 0 }()
	lo, hi := 0.0, lay.handoutH-lay.margin
	best := fit
	for hi-lo > 1 {
		lay.lastFoot = (lo + hi) / 2
		f, _, err := lay.place(pdf, k, fit.body, dropped)
		if err != nil {
			return nil, err
		}
		if f.ok && f.sides() == sides {
			best, hi = f, lay.lastFoot
		} else {
			lo = lay.lastFoot
		}
	}
	return best, nil
}

// tallestDroppable names the droppable unit that takes the most room.
func tallestDroppable(pdf *fpdf.Fpdf, flows [][]unit, k *content, lay *leafletLayout, body float64) (key, what string) {
	w := lay.textWidth()
	best := -1.0
	for _, units := range flows {
		for _, u := range units {
			if !u.droppable {
				continue
			}
			h := 0.0
			for i := range u.items {
				it := &u.items[i]
				h += float64(len(splitLines(pdf, it, w, body)))*it.st.size(body)*it.st.lead + (it.st.before+it.st.after)*body
			}
			if h > best {
				best, key, what = h, unitKey(u, k), u.what
			}
		}
	}
	return key, what
}

// unitKey finds the key a unit is dropped by: "summary", or its FAQ entry's UUID.
func unitKey(u unit, k *content) string {
	if u.what == "the summary" {
		return "summary"
	}
	for _, s := range k.sections {
		for _, e := range s.entries {
			if len(u.items) > 0 && u.items[0].text == e.question && u.what == fmt.Sprintf("the answer to %q", e.question) {
				return e.key
			}
		}
	}
	return ""
}

func (lay *leafletLayout) textWidth() float64 {
	if lay.layout == LayoutTrifold {
		return lay.pageW/3 - 2*lay.panelMargin
	}
	return (lay.pageW - 2*lay.margin - float64(lay.columns-1)*lay.gutter) / float64(lay.columns)
}

// place lays the leaflet out at one body size.
func (lay *leafletLayout) place(pdf *fpdf.Fpdf, k *content, body float64, dropped map[string]bool) (*leafletFit, [][]unit, error) {
	fit := &leafletFit{body: body, ok: true}
	add := func(units []unit, frames []rect) flowResult {
		r := flow(pdf, units, frames, body)
		fit.flows = append(fit.flows, r)
		fit.ok = fit.ok && r.ok
		return r
	}
	if lay.layout == LayoutTrifold {
		units, err := lay.placeTrifold(k, dropped, body, add)
		return fit, units, err
	}
	contact, err := k.contactUnits(false)
	if err != nil {
		return nil, nil, err
	}
	// The title band runs across the top of the first side, edge to edge.
	band := rect{x: lay.margin, y: 0, w: lay.pageW - 2*lay.margin, h: lay.handoutH / 2}
	header := add(k.headerUnits(), []rect{band})
	bleed(header.pieces, 0, lay.pageW)
	main := append(k.summaryUnits(dropped), k.faqUnits(dropped)...)
	main = append(main, k.helpUnits()...)
	main = append(main, contact...)
	add(main, lay.columnFrames(header.bottom+0.3*body))
	return fit, [][]unit{main}, nil
}

// bleed widens the banded pieces (the title band) to run from x over width w, their
// text staying where it was.
func bleed(pieces []piece, x, w float64) {
	for i := range pieces {
		p := &pieces[i]
		if p.it.st == nil || p.it.st.fill == nil {
			continue
		}
		p.inset += p.x - x
		p.x, p.w = x, w
	}
}

// placeTrifold lays out the tri-fold: on the outside the flap (how you can help), the
// back (the QR code and contact block) and the cover (title band, summary, the
// chapter's name at the foot); on the inside the FAQ across three panels.
func (lay *leafletLayout) placeTrifold(k *content, dropped map[string]bool, body float64, add func([]unit, []rect) flowResult) ([][]unit, error) {
	back, err := k.contactUnits(true)
	if err != nil {
		return nil, err
	}
	cover := append(k.headerUnits(), k.summaryUnits(dropped)...)
	faq := k.faqUnits(dropped)
	pw := lay.pageW / 3
	footer := lay.panel(0, 2)
	coverFrame := footer
	r := add(k.footerUnits(), []rect{footer}) // measured first, to know its height
	if len(r.pieces) > 0 {
		h := r.bottom - footer.y
		footer.y = footer.y + footer.h - h
		shift(r.pieces, footer.y-coverFrame.y)
	} else {
		footer.y += footer.h // no footer: the cover runs to the panel's foot
	}
	coverFrame.h = footer.y - 1.5*body
	coverFrame.y = 0
	cr := add(cover, []rect{coverFrame})
	bleed(cr.pieces, 2*pw, pw)
	raiseBand(cr, 0.38*lay.pageH, coverFrame.y+coverFrame.h)
	add(faq, []rect{lay.panel(1, 0), lay.panel(1, 1), lay.panel(1, 2)})
	// The flap and the back start at the top margin under their own headings. Their
	// heading bands once ran as deep as the cover's title band: an empty pale box a
	// third of the panel tall, the heading at its foot.
	for i, units := range [][]unit{k.helpUnits(), back} {
		add(units, []rect{lay.panel(0, i)})
	}
	return [][]unit{cover, faq}, nil
}

// shift moves pieces down by dy.
func shift(pieces []piece, dy float64) {
	for i := range pieces {
		pieces[i].y += dy
	}
}

// raiseBand deepens the cover's title band to reach y, its text sitting at the foot
// of the band, when what follows still fits above limit.
func raiseBand(r flowResult, y, limit float64) {
	if !r.ok || len(r.pieces) == 0 {
		return
	}
	end := 0
	for end < len(r.pieces) && r.pieces[end].it.st != nil && r.pieces[end].it.st.fill != nil {
		end++
	}
	if end == 0 {
		return
	}
	last := r.pieces[end-1]
	extra := min(y-(last.y+last.h), limit-r.bottom)
	if extra <= 0 {
		return
	}
	r.pieces[0].h += extra
	r.pieces[0].before += extra
	shift(r.pieces[1:], extra)
}
