package reports

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/chapterdesk/chapterdesk/db"
)

// WhipBoard is what the whip board poster shows: a campaign's whip count, one tile a
// legislator, with the official record's markers.
type WhipBoard struct {
	Campaign string // its name and bills, for the title
	Whip     db.WhipCount
	Marks    map[int64]db.RecordMark
	// Chamber is the chamber printed; "" prints both.
	Chamber db.Chamber
}

// boardMargin and the rest are the poster's measures, in points.
const (
	boardMargin = 30.0
	boardLabelW = 92.0
	boardGap    = 2.0
)

// WhipBoardPDF prints the whip board on one landscape page: per chamber, its
// legislators as tiles coloured by stance and grouped by stance (support first),
// each with the legislator's family name; a corner badge marks a sponsor (S) or
// cosponsor (C) by the record, and a bottom band their newest vote on the campaign's
// bills (Y, N, or - for not voting). The tiles shrink until the page holds them all.
func WhipBoardPDF(ctx context.Context, w io.Writer, b WhipBoard, o PDFOptions) error {
	o.Paper = o.Paper.orLetter()
	pdf := newPDF(true, o, "Whip board: "+b.Campaign, "")
	pdf.AddPage()
	pw, ph := pdf.GetPageSize()
	created := o.Created
	if created.IsZero() {
		created = time.Now()
	}
	pdf.SetFont(fontFamily, "B", 16)
	setColor(pdf, colInk)
	pdf.SetXY(boardMargin, boardMargin)
	pdf.CellFormat(pw-2*boardMargin, 20, "Whip board: "+b.Campaign, "", 0, "L", false, 0, "")
	pdf.SetFont(fontFamily, "", 9)
	setColor(pdf, colMuted)
	pdf.SetXY(boardMargin, boardMargin+20)
	pdf.CellFormat(pw-2*boardMargin, 12, "As of "+created.Format("January 2, 2006")+
		". S: sponsor, C: cosponsor (Open States record). The band below a tile: their newest recorded vote (Y, N, - not voting).",
		"", 0, "L", false, 0, "")
	top, bottom := boardMargin+40, ph-boardMargin-20
	chambers := []db.Chamber{db.ChamberUpper, db.ChamberLower}
	if b.Chamber != "" {
		chambers = []db.Chamber{b.Chamber}
	}
	groups := boardGroups(b, chambers)
	// The largest tile that lets every group fit on the page.
	tileW := 60.0
	for ; tileW > 14; tileW -= 2 {
		if boardHeight(groups, tileW, pw) <= bottom-top {
			break
		}
	}
	y := top
	for _, ch := range chambers {
		if err := ctx.Err(); err != nil {
			return err
		}
		count := chamberCount(b.Whip, ch)
		pdf.SetFont(fontFamily, "B", 11)
		setColor(pdf, colBrand)
		pdf.SetXY(boardMargin, y)
		pdf.CellFormat(pw-2*boardMargin, 14, fmt.Sprintf("%s: %d supporting of %d needed · %d seats", ch.Label(),
			count.Supporting(), count.VotesNeeded, count.Seats), "", 0, "L", false, 0, "")
		y += 16
		for _, g := range groups[ch] {
			y = drawGroup(pdf, g, y, tileW, pw)
		}
		y += 6
	}
	pdf.SetFont(fontFamily, "", 7)
	setColor(pdf, colMuted)
	pdf.SetXY(boardMargin, ph-boardMargin-10)
	pdf.CellFormat(pw-2*boardMargin, 10, "ChapterDesk", "", 0, "R", false, 0, "")
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("whip board: %w", err)
	}
	return pdf.Output(w)
}

// boardGroup is one stance's tiles in a chamber.
type boardGroup struct {
	stance db.Stance
	tiles  []db.WhipRow
	marks  map[int64]db.RecordMark
}

func boardGroups(b WhipBoard, chambers []db.Chamber) map[db.Chamber][]boardGroup {
	out := map[db.Chamber][]boardGroup{}
	for _, ch := range chambers {
		for _, st := range db.Stances {
			g := boardGroup{stance: st, marks: b.Marks}
			for _, r := range b.Whip.Legislators {
				if r.Chamber == ch && r.Stance == st {
					g.tiles = append(g.tiles, r)
				}
			}
			if len(g.tiles) > 0 {
				out[ch] = append(out[ch], g)
			}
		}
	}
	return out
}

func chamberCount(w db.WhipCount, ch db.Chamber) db.ChamberCount {
	for _, c := range w.Chambers {
		if c.Chamber == ch {
			return c
		}
	}
	return db.ChamberCount{Chamber: ch}
}

// tileH is a tile's height for its width.
func tileH(tileW float64) float64 { return tileW * 0.62 }

// perRow is how many tiles a row holds.
func perRow(tileW, pw float64) int {
	return max(1, int((pw-2*boardMargin-boardLabelW)/(tileW+boardGap)))
}

func boardHeight(groups map[db.Chamber][]boardGroup, tileW, pw float64) float64 {
	h := 0.0
	for _, gs := range groups {
		h += 22
		for _, g := range gs {
			rows := (len(g.tiles) + perRow(tileW, pw) - 1) / perRow(tileW, pw)
			h += float64(rows)*(tileH(tileW)+boardGap) + 4
		}
	}
	return h
}

// drawGroup draws a stance's label and tiles from y and returns the y below them.
func drawGroup(pdf *fpdf.Fpdf, g boardGroup, y, tileW, pw float64) float64 {
	th := tileH(tileW)
	pdf.SetFont(fontFamily, "B", 9)
	setColor(pdf, colInk)
	pdf.SetXY(boardMargin, y)
	pdf.CellFormat(boardLabelW-6, th, fmt.Sprintf("%s (%d)", g.stance.Label(), len(g.tiles)), "", 0, "L", false, 0, "")
	c := db.StanceColors[g.stance]
	dark := int(c.R)*299+int(c.G)*587+int(c.B)*114 < 140000
	n := perRow(tileW, pw)
	nameSize := min(8, tileW/5)
	for i, r := range g.tiles {
		x := boardMargin + boardLabelW + float64(i%n)*(tileW+boardGap)
		ty := y + float64(i/n)*(th+boardGap)
		pdf.SetFillColor(int(c.R), int(c.G), int(c.B))
		pdf.SetDrawColor(150, 150, 150)
		pdf.Rect(x, ty, tileW, th, "FD")
		text := colInk
		if dark {
			text = colPaper
		}
		setColor(pdf, text)
		pdf.SetFont(fontFamily, "", nameSize)
		pdf.SetXY(x+1, ty+1)
		pdf.CellFormat(tileW-2, th*0.6, fitText(pdf, familyName(r.Name), tileW-2), "", 0, "C", false, 0, "")
		m := g.marks[r.LegislatorID]
		if m.Sponsorship != "" {
			badge := "C"
			if m.Sponsorship == "sponsor" {
				badge = "S"
			}
			s := th * 0.38
			pdf.SetFillColor(255, 255, 255)
			pdf.SetDrawColor(20, 20, 20)
			pdf.Rect(x+tileW-s, ty, s, s, "FD")
			setColor(pdf, colInk)
			pdf.SetFont(fontFamily, "B", s*0.8)
			pdf.SetXY(x+tileW-s, ty)
			pdf.CellFormat(s, s, badge, "", 0, "C", false, 0, "")
		}
		if m.LastVote != "" {
			band := th * 0.3
			vote, fill := "-", rgb{120, 120, 120}
			switch m.LastVote {
			case "yes":
				vote, fill = "Y", rgb{20, 20, 20}
			case "no":
				vote, fill = "N", rgb{150, 30, 20}
			}
			pdf.SetFillColor(fill.r, fill.g, fill.b)
			pdf.Rect(x, ty+th-band, tileW, band, "F")
			setColor(pdf, colPaper)
			pdf.SetFont(fontFamily, "B", band*0.8)
			pdf.SetXY(x, ty+th-band)
			pdf.CellFormat(tileW, band, vote, "", 0, "C", false, 0, "")
		}
	}
	rows := (len(g.tiles) + n - 1) / n
	return y + float64(rows)*(th+boardGap) + 4
}

// familyName is the last word of a name ("Patricia D. Jehlen" is Jehlen), without a
// party suffix.
func familyName(name string) string {
	f := strings.Fields(name)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// fitText shortens s with an ellipsis until it fits w at the current font.
func fitText(pdf *fpdf.Fpdf, s string, w float64) string {
	if pdf.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && pdf.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

func setColor(pdf *fpdf.Fpdf, c rgb) { pdf.SetTextColor(c.r, c.g, c.b) }
