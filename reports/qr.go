package reports

import (
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/qr"
)

// qrBlock is the take-action link as a QR code, drawn as vector squares so it scans
// at any print size, with a caption and the link in letters beside or below it.
type qrBlock struct {
	url, caption string
	shown        string // the link as printed, cleaned for the font
	big          bool   // centred and large (the tri-fold's back panel), else beside the caption
	code         barcode.Barcode
}

func newQRBlock(url, shown, caption string, big bool) (*qrBlock, error) {
	// Medium error correction survives a smudge or a fold through the code.
	code, err := qr.Encode(url, qr.M, qr.Auto)
	if err != nil {
		return nil, err
	}
	return &qrBlock{url: url, shown: shown, caption: caption, big: big, code: code}, nil
}

// withLayout is the same code with another caption and size: the leaflet tries the
// contact block in many layouts, and encoding the code (its mask penalties) is the
// costly part, done once.
func (q *qrBlock) withLayout(caption string, big bool) *qrBlock {
	c := *q
	c.caption, c.big = caption, big
	return &c
}

// side is the code's printed size, quiet zone included.
func (q *qrBlock) side(w, body float64) float64 {
	if q.big {
		return min(w*0.62, 15*body+40)
	}
	return min(max(7.5*body, 66), w*0.38)
}

func (q *qrBlock) textWidth(w, body float64) float64 {
	if q.big {
		return w
	}
	return w - q.side(w, body) - 0.6*body
}

func (q *qrBlock) lines(pdf *fpdf.Fpdf, w, body float64) (caption, url []string) {
	tw := q.textWidth(w, body)
	pdf.SetFont(fontFamily, "B", body)
	caption = wrapText(pdf, q.caption, tw)
	pdf.SetFont(fontFamily, "", 0.9*body)
	url = splitURL(pdf, q.shown, tw)
	return caption, url
}

// splitURL breaks a link after a slash or a dot where it can, else anywhere (never
// after a hyphen: text extractors would take it for a hyphenated word).
func splitURL(pdf *fpdf.Fpdf, url string, w float64) []string {
	var out []string
	rs := []rune(url)
	for printWidth(pdf, string(rs)) > w && len(rs) > 1 {
		cut := 1
		for i := 1; i < len(rs) && printWidth(pdf, string(rs[:i])) <= w; i++ {
			cut = i
		}
		if j := strings.LastIndexAny(string(rs[:cut]), "/.?&="); j > 0 {
			cut = len([]rune(string(rs[:cut])[:j])) + 1
		}
		out, rs = append(out, string(rs[:cut])), rs[cut:]
	}
	return append(out, string(rs))
}

func (q *qrBlock) height(pdf *fpdf.Fpdf, w, body float64) float64 {
	caption, url := q.lines(pdf, w, body)
	text := float64(len(caption))*body*1.3 + float64(len(url))*0.9*body*1.3
	if q.big {
		return q.side(w, body) + text + 0.8*body
	}
	return max(q.side(w, body), text) + 0.8*body
}

func (q *qrBlock) draw(pdf *fpdf.Fpdf, x, y, w, body float64) {
	side := q.side(w, body)
	qx, tx, ty := x, x+side+0.6*body, y+0.4*body+(side-q.textHeight(pdf, w, body))/2
	if q.big {
		qx = x + (w-side)/2
		tx, ty = x, y+side+0.2*body
	}
	q.drawCode(pdf, qx, y+0.4*body, side)
	caption, url := q.lines(pdf, w, body)
	pdf.SetTextColor(colBrand.r, colBrand.g, colBrand.b)
	pdf.SetFont(fontFamily, "B", body)
	for _, l := range caption {
		lx := tx
		if q.big {
			lx = x + (w-printWidth(pdf, l))/2
		}
		printText(pdf, lx, ty+body, l)
		ty += body * 1.3
	}
	pdf.SetFont(fontFamily, "", 0.9*body)
	pdf.SetTextColor(colInk.r, colInk.g, colInk.b)
	for _, l := range url {
		lx := tx
		if q.big {
			lx = x + (w-printWidth(pdf, l))/2
		}
		printText(pdf, lx, ty+0.9*body, l)
		pdf.LinkString(lx, ty, printWidth(pdf, l), 0.9*body*1.3, q.url)
		ty += 0.9 * body * 1.3
	}
}

func (q *qrBlock) textHeight(pdf *fpdf.Fpdf, w, body float64) float64 {
	caption, url := q.lines(pdf, w, body)
	return float64(len(caption))*body*1.3 + float64(len(url))*0.9*body*1.3
}

// drawCode draws the modules, one rectangle per dark run of a row, inside a four-module
// quiet zone.
func (q *qrBlock) drawCode(pdf *fpdf.Fpdf, x, y, side float64) {
	b := q.code.Bounds()
	n := b.Dx()
	m := side / float64(n+8)
	x, y = x+4*m, y+4*m
	pdf.SetFillColor(0, 0, 0)
	for row := 0; row < n; row++ {
		for col := 0; col < n; {
			if !dark(q.code, b.Min.X+col, b.Min.Y+row) {
				col++
				continue
			}
			start := col
			for col < n && dark(q.code, b.Min.X+col, b.Min.Y+row) {
				col++
			}
			// A hair of overlap keeps viewers from drawing seams between modules.
			pdf.Rect(x+float64(start)*m, y+float64(row)*m, float64(col-start)*m+0.05, m+0.05, "F")
		}
	}
}

func dark(code barcode.Barcode, x, y int) bool {
	r, _, _, _ := code.At(x, y).RGBA()
	return r < 0x8000
}
