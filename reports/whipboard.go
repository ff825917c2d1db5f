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
	// Zone is the legislature's (Store.Zone), whose day "As of" is.
	Zone db.Zone
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
// cosponsor (C) by the record, and a bottom band their newest vote on passing one of
// the campaign's bills (Y, N, or - for not voting; see db.RecordMark). The tiles shrink until the page holds them all.
// The warnings name the characters the font lacks, printed as ?.
func WhipBoardPDF(ctx context.Context, w io.Writer, b WhipBoard, o PDFOptions) ([]string, error) {
	o.Paper = o.Paper.orLetter()
	pdf := newPDF(true, o, "Whip board: "+b.Campaign, "")
	var g textGuard // what the font lacks prints as ?, and is said
	title := g.clean(b.Campaign, "the campaign name")
	pdf.AddPage()
	pw, ph := pdf.GetPageSize()
	created := o.Created
	if created.IsZero() {
		created = time.Now()
	}
	pdf.SetFont(fontFamily, "B", 16)
	setColor(pdf, colInk)
	pdf.SetXY(boardMargin, boardMargin)
	pdf.CellFormat(pw-2*boardMargin, 20, "Whip board: "+title, "", 0, "L", false, 0, "")
	pdf.SetFont(fontFamily, "", 9)
	setColor(pdf, colMuted)
	pdf.SetXY(boardMargin, boardMargin+20)
	pdf.CellFormat(pw-2*boardMargin, 12, "As of "+b.Zone.In(created).Format("January 2, 2006")+
		". S: sponsor, C: cosponsor (Open States record). Band: their newest vote on passing the bill "+
		"(Y, N, - not voting), never one on an amendment.",
		"", 0, "L", false, 0, "")
	top, bottom := boardMargin+40, ph-boardMargin-20
	chambers := []db.Chamber{db.ChamberUpper, db.ChamberLower}
	if b.Chamber != "" {
		chambers = []db.Chamber{b.Chamber}
	}
	groups := boardGroups(b, chambers, &g)
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
			return nil, err
		}
		count := chamberCount(b.Whip, ch)
		pdf.SetFont(fontFamily, "B", 11)
		setColor(pdf, colBrand)
		pdf.SetXY(boardMargin, y)
		pdf.CellFormat(pw-2*boardMargin, 14, ch.Label()+": "+count.Standing(), "", 0, "L", false, 0, "")
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
		return nil, fmt.Errorf("whip board: %w", err)
	}
	return replacementWarnings(g.replacements()), pdf.Output(w)
}

// boardGroup is one stance's tiles in a chamber.
type boardGroup struct {
	stance db.Stance
	tiles  []db.WhipRow
	marks  map[int64]db.RecordMark
	labels map[int64]string // the chamber's names on the tiles (see tileLabels)
}

func boardGroups(b WhipBoard, chambers []db.Chamber, g *textGuard) map[db.Chamber][]boardGroup {
	out := map[db.Chamber][]boardGroup{}
	for _, ch := range chambers {
		var members []db.WhipRow
		for _, r := range b.Whip.Legislators {
			if r.Chamber == ch {
				members = append(members, r)
			}
		}
		labels := tileLabels(members)
		for _, r := range members {
			labels[r.LegislatorID] = g.clean(labels[r.LegislatorID], "the name of "+r.Name)
		}
		for _, st := range db.Stances {
			g := boardGroup{stance: st, marks: b.Marks, labels: labels}
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
		m := g.marks[r.LegislatorID]
		badge := th * 0.38 // the sponsor's corner square, beside the name
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
		nameW := tileW - 2
		if m.Sponsorship != "" {
			nameW -= badge
		}
		name := fitName(pdf, g.labels[r.LegislatorID], nameW, nameSize)
		pdf.SetXY(x+1, ty+1)
		pdf.CellFormat(nameW, th*0.6, name, "", 0, "C", false, 0, "")
		if m.Sponsorship != "" {
			mark := "C"
			if m.Sponsorship == "sponsor" {
				mark = "S"
			}
			pdf.SetFillColor(255, 255, 255)
			pdf.SetDrawColor(20, 20, 20)
			pdf.Rect(x+tileW-badge, ty, badge, badge, "FD")
			setColor(pdf, colInk)
			pdf.SetFont(fontFamily, "B", badge*0.8)
			pdf.SetXY(x+tileW-badge, ty)
			pdf.CellFormat(badge, badge, mark, "", 0, "C", false, 0, "")
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
			if other := m.OtherChamber(r.Chamber); other != "" {
				vote = other.Label() + " " + vote // cast in the other chamber, from their term there
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

// tileLabels names each legislator of rows, one chamber's, as their tile does: the
// family name ("Patricia D. Jehlen" is Jehlen; Open States' family name when the name
// ends with it, "Rebecca Perkins Kwoka" is Perkins Kwoka), or, where others of the
// chamber have it too, the first initial and the family name ("F. Moran", "J. Moran"),
// else the whole name, else the whole name and the district. No two tiles of a chamber
// read alike.
func tileLabels(rows []db.WhipRow) map[int64]string {
	out := make(map[int64]string, len(rows))
	family := map[int64]string{}
	for _, r := range rows {
		first, last := db.SplitFullName(r.Name)
		if last == "" {
			last = first
		}
		// A name the lead edited may no longer end with Open States' family name: the
		// name's own then goes.
		name, fam := strings.Fields(r.Name), strings.Fields(r.FamilyName)
		if len(fam) > 0 && len(fam) < len(name) && strings.EqualFold(strings.Join(name[len(name)-len(fam):], " "), strings.Join(fam, " ")) {
			last = strings.Join(name[len(name)-len(fam):], " ")
		}
		family[r.LegislatorID] = last
		out[r.LegislatorID] = last
	}
	for _, longer := range []func(r db.WhipRow) string{
		func(r db.WhipRow) string {
			first, _ := db.SplitFullName(r.Name)
			if first == "" || first == family[r.LegislatorID] {
				return r.Name
			}
			return string([]rune(first)[:1]) + ". " + family[r.LegislatorID]
		},
		func(r db.WhipRow) string { return strings.Join(strings.Fields(r.Name), " ") },
		func(r db.WhipRow) string { return strings.Join(strings.Fields(r.Name), " ") + " (" + r.District + ")" },
	} {
		seen := map[string]int{}
		for _, r := range rows {
			seen[strings.ToLower(out[r.LegislatorID])]++
		}
		for _, r := range rows {
			if seen[strings.ToLower(out[r.LegislatorID])] > 1 {
				out[r.LegislatorID] = longer(r)
			}
		}
	}
	return out
}

// fitName sets the tile font for name in width w: size, or smaller down to 60% of
// it for a long name, then shortened with an ellipsis (see fitText).
func fitName(pdf *fpdf.Fpdf, name string, w, size float64) string {
	for s := size; ; s -= 0.5 {
		pdf.SetFont(fontFamily, "", s)
		if pdf.GetStringWidth(name) <= w || s-0.5 < size*0.6 {
			return fitText(pdf, name, w)
		}
	}
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
