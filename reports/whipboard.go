package reports

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
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
// the campaign's bills (Y, N, or - for not voting; see db.RecordMark). The tiles shrink until the page holds them all
// (the smaller chamber's as large as the room left lets them be: boardTileWidths).
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
	// A long campaign name is wrapped, smaller on more than two lines (it ran off the
	// page, tester t10).
	size, heading := fitHeading(pdf, "Whip board: "+title, "B", pw-2*boardMargin, 16, 11, 2)
	setColor(pdf, colInk)
	titleH := 0.0
	for _, line := range heading {
		pdf.SetXY(boardMargin, boardMargin+titleH)
		printCell(pdf, pw-2*boardMargin, size*1.25, line, "L")
		titleH += size * 1.25
	}
	pdf.SetFont(fontFamily, "", 9)
	setColor(pdf, colMuted)
	// The legend is wrapped to the page (on letter it ran off the right edge, t3 F7),
	// and the tiles start below its last line.
	legend := pdf.SplitText("As of "+b.Zone.In(created).Format("January 2, 2006")+
		". S: sponsor, C: cosponsor (Open States record); e: of an earlier session's bill only, not counted. Band: their newest vote on passing the bill "+
		"(Y, N, - not voting), never one on an amendment.", pw-2*boardMargin)
	for i, line := range legend {
		pdf.SetXY(boardMargin, boardMargin+titleH+float64(i)*11)
		pdf.CellFormat(pw-2*boardMargin, 11, line, "", 0, "L", false, 0, "")
	}
	top, bottom := boardMargin+titleH+9+float64(len(legend))*11, ph-boardMargin-20
	chambers := []db.Chamber{db.ChamberUpper, db.ChamberLower}
	if b.Chamber != "" {
		chambers = []db.Chamber{b.Chamber}
	}
	var partial []string // the names printed without what no font has
	groups := boardGroups(b, chambers, &g, &partial)
	tileW := boardTileWidths(groups, chambers, pw, bottom-top)
	var shortened, small []string
	for _, ch := range chambers {
		if gs := groups[ch]; len(gs) > 0 {
			names, c, s := fitTileNames(pdf, b, ch, gs[0].labels, tileW[ch])
			for i := range gs {
				gs[i].names = names
			}
			shortened, small = append(shortened, c...), append(small, s...)
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
			y = drawGroup(pdf, g, y, tileW[ch], pw)
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
	// A character left out of names is said with them, below; where it was printed as
	// ? (the campaign name, a district) it is said as on every printable.
	var reps []Replacement
	var lost []string
	for _, r := range g.replacements() {
		if r.InNames > 0 {
			lost = append(lost, fmt.Sprintf("%c (U+%04X)", r.Rune, r.Rune))
		}
		if r.Count > r.InNames {
			r.Count, r.InNames = r.Count-r.InNames, 0
			reps = append(reps, r)
		}
	}
	warnings := replacementWarnings(reps)
	if len(partial) > 0 {
		warnings = append(warnings, fmt.Sprintf("the whip board left out of %d %s what no font of the PDF has (%s): %s",
			len(partial), nameWord(len(partial)), strings.Join(lost, ", "), db.FirstOf(partial, 8, "; ")))
	}
	if len(shortened) > 0 {
		warnings = append(warnings, fmt.Sprintf("the whip board shortened %d %s to fit their tiles, each still unlike any other tile: %s "+
			"(the full names are in the app's whip board; --chamber upper or lower prints larger tiles)",
			len(shortened), nameWord(len(shortened)), db.FirstOf(shortened, 8, "; ")))
	}
	if len(small) > 0 {
		warnings = append(warnings, fmt.Sprintf("the whip board printed %d %s whole below %g pt, as shortened they would read like another member's: %s "+
			"(--chamber upper or lower prints larger tiles)", len(small), nameWord(len(small)), minNameSize, db.FirstOf(small, 8, "; ")))
	}
	return warnings, pdf.Output(w)
}

// nameWord is "name" or "names", for n of them.
func nameWord(n int) string {
	if n == 1 {
		return "name"
	}
	return "names"
}

// boardGroup is one stance's tiles in a chamber.
type boardGroup struct {
	stance db.Stance
	tiles  []db.WhipRow
	marks  map[int64]db.RecordMark
	labels map[int64]string // the chamber's names on the tiles (see tileLabels)
	names  map[int64]tileName
}

// boardGroups groups the tiles of chambers by stance. A character of a name that no
// font has (an emoji) is left out of it before the tile's name is chosen, as on the
// call sheets: "Tram Nguyen 🌸" is Nguyen, not "?" (tester t10); a name that is
// nothing else reads "? (district)". Those names go to partial, for the warnings.
func boardGroups(b WhipBoard, chambers []db.Chamber, g *textGuard, partial *[]string) map[db.Chamber][]boardGroup {
	out := map[db.Chamber][]boardGroup{}
	for _, ch := range chambers {
		var members []db.WhipRow
		lost := map[int64]bool{}
		for _, r := range b.Whip.Legislators {
			if r.Chamber == ch {
				var scratch textGuard // the family name is of the name, noted once
				raw := r.Name
				r.Name, lost[r.LegislatorID] = g.cleanName(r.Name, "the name of "+raw)
				r.FamilyName, _ = scratch.cleanName(r.FamilyName, "")
				r.District = g.clean(r.District, "a district")
				members = append(members, r)
			}
		}
		labels := tileLabels(members)
		for _, r := range members {
			if r.Name == "" {
				labels[r.LegislatorID] = "? (" + r.District + ")"
			}
			labels[r.LegislatorID] = g.clean(labels[r.LegislatorID], "the name of "+r.Name)
		}
		for _, r := range b.Whip.Legislators {
			if r.Chamber == ch && lost[r.LegislatorID] {
				*partial = append(*partial, fmt.Sprintf("%q as %q", r.Name, labels[r.LegislatorID]))
			}
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

// boardHeight is the height of the chambers' groups with tiles tileW[ch] wide.
func boardHeight(groups map[db.Chamber][]boardGroup, tileW map[db.Chamber]float64, pw float64) float64 {
	h := 0.0
	for ch, gs := range groups {
		h += 22
		for _, g := range gs {
			rows := (len(g.tiles) + perRow(tileW[ch], pw) - 1) / perRow(tileW[ch], pw)
			h += float64(rows)*(tileH(tileW[ch])+boardGap) + 4
		}
	}
	return h
}

// boardTileWidths chooses each chamber's tile width: the largest one for all that
// lets every group fit in room, then, the smaller chamber first, as much wider as the
// room left lets it be. New Hampshire's 24 senators had tiles sized for its 400
// representatives, their names cut to "Ros…" beside rows mostly empty (tester t10).
func boardTileWidths(groups map[db.Chamber][]boardGroup, chambers []db.Chamber, pw, room float64) map[db.Chamber]float64 {
	const widest, narrowest, step = 60.0, 14.0, 0.5
	w := map[db.Chamber]float64{}
	all := func(x float64) {
		for _, ch := range chambers {
			w[ch] = x
		}
	}
	for x := widest; x >= narrowest; x -= step {
		if all(x); boardHeight(groups, w, pw) <= room {
			break
		}
	}
	members := func(ch db.Chamber) int {
		n := 0
		for _, g := range groups[ch] {
			n += len(g.tiles)
		}
		return n
	}
	order := slices.Clone(chambers)
	slices.SortStableFunc(order, func(a, b db.Chamber) int { return cmp.Compare(members(a), members(b)) })
	for _, ch := range order {
		for w[ch]+step <= widest {
			w[ch] += step
			if boardHeight(groups, w, pw) > room {
				w[ch] -= step
				break
			}
		}
	}
	return w
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
	for i, r := range g.tiles {
		m := g.marks[r.LegislatorID]
		name := g.names[r.LegislatorID]
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
		nameW, nameH, dy := nameBox(tileW, m, name.wide)
		pdf.SetFont(fontFamily, "", name.size)
		lh := lineH(name.size)
		top := ty + 1 + dy + (nameH-lh*float64(len(name.lines)))/2
		for i, l := range name.lines {
			pdf.SetXY(x+1, top+float64(i)*lh)
			printCell(pdf, nameW, lh, l, "C")
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
		if m.Sponsorship != "" || m.Earlier != "" {
			// The sponsor's corner square, beside the name; at the end of the vote band
			// for a name given the tile's width (see fitTileNames).
			badge, bx, by := th*0.38, x+tileW-th*0.38, ty
			if name.wide && m.LastVote != "" {
				badge, bx, by = th*0.3, x+tileW-th*0.3, ty+th-th*0.3
			}
			mark, ink := "C", colInk
			switch {
			case m.Sponsorship == "sponsor":
				mark = "S"
			case m.Sponsorship == "":
				// An earlier session's sponsorship: said, in grey, and not counted.
				mark, ink = "e", colMuted
			}
			pdf.SetFillColor(255, 255, 255)
			pdf.SetDrawColor(20, 20, 20)
			pdf.Rect(bx, by, badge, badge, "FD")
			setColor(pdf, ink)
			pdf.SetFont(fontFamily, "B", badge*0.8)
			pdf.SetXY(bx, by)
			pdf.CellFormat(badge, badge, mark, "", 0, "C", false, 0, "")
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

// minNameSize is the smallest type a tile's name is set in before it is shortened:
// smaller does not read on a poster across a meeting room.
const minNameSize = 5.0

// tileName is a tile's name as printed: one line, or two (the given names over the
// family name, or the name over its district); cut when shortened to fit.
type tileName struct {
	lines []string
	size  float64
	cut   bool
	wide  bool // of the tile's width, a sponsor's badge moved (see nameBox)
}

// lineH is the height of a line of the name at size.
func lineH(size float64) float64 { return size * 1.1 }

// nameBox is the room for a tile's name: beside the sponsor's badge, above the vote
// band, and dy below the tile's top edge (1 point in). A wide name has the tile's
// width: below the badge, or above the band that then holds the badge.
func nameBox(tileW float64, m db.RecordMark, wide bool) (w, h, dy float64) {
	th := tileH(tileW)
	w, h = tileW-2, th-2
	if m.LastVote != "" {
		h -= th * 0.3
	}
	if m.Sponsorship != "" || m.Earlier != "" {
		switch {
		case !wide:
			w -= th * 0.38
		case m.LastVote == "":
			h, dy = h-th*0.38, th*0.38
		}
	}
	return w, h, dy
}

// twoLines splits label for two lines: the name over its district, the given names
// over the family name, or a family name alone after its last hyphen
// ("Fitzgerald-" over "Worthington", the last resort: see fitTileName); nil for a
// word that cannot be split.
func twoLines(label string) []string {
	if i := strings.LastIndex(label, " ("); i > 0 && strings.HasSuffix(label, ")") {
		return []string{label[:i], label[i+1:]}
	}
	if i := strings.LastIndex(label, " "); i > 0 {
		return []string{label[:i], label[i+1:]}
	}
	if i := strings.LastIndex(label, "-"); i > 0 && i < len(label)-1 {
		return []string{label[:i+1], label[i+1:]}
	}
	return nil
}

// readsAs says whether a shortened tile name could be label's: each line label's
// line, or a line cut to a beginning of it. A reader cannot tell it from that member's.
func (n tileName) readsAs(label string) bool {
	lines := []string{label}
	if len(n.lines) == 2 {
		if lines = twoLines(label); lines == nil {
			return false
		}
	}
	for i, l := range n.lines {
		seen, cut := strings.CutSuffix(l, "…")
		if cut && !strings.HasPrefix(strings.ToLower(lines[i]), strings.ToLower(seen)) || !cut && !strings.EqualFold(l, lines[i]) {
			return false
		}
	}
	return true
}

// fitTileName fits label in a w×h box at the largest size from size down to floor,
// on one line or on two; when none fits, it is set at floor and each line shortened
// with an ellipsis (see fitText).
func fitTileName(pdf *fpdf.Fpdf, label string, w, h, size, floor float64) tileName {
	one, two := []string{label}, twoLines(label)
	fits := func(lines []string, s float64) bool {
		if lines == nil || lineH(s)*float64(len(lines)) > h {
			return false
		}
		for _, l := range lines {
			if printWidth(pdf, l) > w {
				return false
			}
		}
		return true
	}
	// A name split at a hyphen reads as two words; it is split so only when it
	// fits no other way.
	hyphen := !strings.Contains(label, " ")
	for _, split := range []bool{false, true} {
		for s := max(size, floor); s >= floor; s -= 0.25 {
			pdf.SetFont(fontFamily, "", s)
			if !split && fits(one, s) {
				return tileName{lines: one, size: s}
			}
			if split == hyphen && fits(two, s) {
				return tileName{lines: two, size: s}
			}
		}
	}
	pdf.SetFont(fontFamily, "", floor)
	lines := one
	if two != nil && lineH(floor)*2 <= h {
		lines = two
	}
	out := tileName{size: floor}
	for _, l := range lines {
		c := fitText(pdf, l, w)
		out.cut = out.cut || c != l
		out.lines = append(out.lines, c)
	}
	return out
}

// fitTileNames sets the names of chamber ch's tiles (labels, see tileLabels) for
// tiles tileW wide, at one size for all where it can (the smaller of 8 pt and a fifth
// of the tile, never below minNameSize), shortened where a name still does not fit.
// A name so shortened that it reads like another tile's ("Marie-Ange A…" for Adams and
// Araújo) is printed whole, smaller: the poster has no tile to tap. It returns the
// names, and which were shortened or printed small, for the warnings.
func fitTileNames(pdf *fpdf.Fpdf, b WhipBoard, ch db.Chamber, labels map[int64]string, tileW float64) (map[int64]tileName, []string, []string) {
	var rows []db.WhipRow
	for _, r := range b.Whip.Legislators {
		if r.Chamber == ch {
			rows = append(rows, r)
		}
	}
	size := min(8, tileW/5)
	names := make(map[int64]tileName, len(rows))
	for _, r := range rows {
		m := b.Marks[r.LegislatorID]
		w, h, _ := nameBox(tileW, m, false)
		n := fitTileName(pdf, labels[r.LegislatorID], w, h, size, minNameSize)
		if n.cut && (m.Sponsorship != "" || m.Earlier != "") {
			// Cut beside the badge ("Ros…" for Rosenwald, t10): the tile's width below
			// the badge, or with the badge in the vote band, when that fits it whole.
			w, h, _ := nameBox(tileW, m, true)
			if wide := fitTileName(pdf, labels[r.LegislatorID], w, h, size, minNameSize); !wide.cut {
				n, n.wide = wide, true
			}
		}
		names[r.LegislatorID] = n
	}
	var shortened, small []string
	for _, r := range rows {
		n := names[r.LegislatorID]
		if !n.cut {
			continue
		}
		alike := false
		for _, o := range rows {
			alike = alike || o.LegislatorID != r.LegislatorID && n.readsAs(labels[o.LegislatorID])
		}
		if alike {
			w, h, _ := nameBox(tileW, b.Marks[r.LegislatorID], false)
			names[r.LegislatorID] = fitTileName(pdf, labels[r.LegislatorID], w, h, size, 1)
			small = append(small, r.Name)
			continue
		}
		shortened = append(shortened, fmt.Sprintf("%q for %s", strings.Join(n.lines, " "), r.Name))
	}
	return names, shortened, small
}

// fitText shortens s with an ellipsis until it fits w at the current font.
func fitText(pdf *fpdf.Fpdf, s string, w float64) string {
	if printWidth(pdf, s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && printWidth(pdf, string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

func setColor(pdf *fpdf.Fpdf, c rgb) { pdf.SetTextColor(c.r, c.g, c.b) }
