package reports

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"github.com/chapterdesk/chapterdesk/db"
)

// Caller is one page (or more) of call sheets: a volunteer and the legislators they
// call, their own senator and representative. A district sheet has no Name: the
// caller writes theirs in.
type Caller struct {
	ID             int64 // the volunteer's, named on the sheet when the name cannot be printed whole
	Name           string
	Town           string
	Zip            string
	SenateDistrict string
	HouseDistrict  string
	Legislators    []db.Legislator // Senate first
}

// CallSheetOptions choose the paper and the language of the script.
type CallSheetOptions struct {
	PDFOptions
	Lang string // "" is the campaign's default language
}

// CallSheetResult is what the call sheets printed and what the lead should be told.
type CallSheetResult struct {
	Pages    int
	Replaced []Replacement
	Warnings []string
}

// The stances ticked, in the order of the call report form (what happened, then what
// they said), so a lead keys a sheet in top to bottom; the last box is "didn't say".
var sheetStances = []db.Stance{db.StanceYes, db.StanceLeaningYes, db.StanceUndecided, db.StanceLeaningNo, db.StanceNo}

// CallSheets writes one page per caller (more when a district has several members):
// each legislator with capitol and district phones, the script with the placeholders
// filled in, and tick boxes laid out like the call report form.
func CallSheets(ctx context.Context, w io.Writer, c db.Campaign, callers []Caller, o CallSheetOptions) (CallSheetResult, error) {
	o.Paper = o.Paper.orLetter()
	lang := langOr(o.Lang, c)
	var g textGuard
	title := g.clean(c.TextsIn(lang).Name, "the campaign name")
	l := labelsFor(lang)
	cs := &callSheet{pdf: newPDF(false, o.PDFOptions, title+" "+l.callSheets, lang), g: &g, c: c, lang: lang,
		title: title, bills: g.clean(c.BillNumbers(), "the bill numbers"), l: l}
	cs.pageW, cs.pageH = o.Paper.size()
	// A long campaign name is wrapped in the band, smaller on more than two lines (it
	// ran off the sheet, tester t10).
	cs.titleSize, cs.titleLines = fitHeading(cs.pdf, title, "B", cs.pageW-2*sheetMargin, 16, 11, 2)
	var res CallSheetResult
	noLegislators := 0
	var vacant []string               // "House district 18th Suffolk", in the order first met
	vacantCallers := map[string]int{} // callers per such district
	for i, caller := range callers {
		if i%50 == 0 {
			if err := ctx.Err(); err != nil {
				return CallSheetResult{}, err
			}
		}
		cs.callerPage(caller)
		if len(caller.Legislators) == 0 && caller.SenateDistrict == "" && caller.HouseDistrict == "" {
			noLegislators++
		}
		for _, ch := range caller.seatsWithoutMember() {
			k := ch.Label() + " district " + caller.district(ch)
			if vacantCallers[k] == 0 {
				vacant = append(vacant, k)
			}
			vacantCallers[k]++
		}
	}
	if len(callers) == 0 {
		return CallSheetResult{}, fmt.Errorf("no callers: no call sheets to print")
	}
	if err := cs.pdf.Output(w); err != nil {
		return CallSheetResult{}, fmt.Errorf("write call sheets: %w", err)
	}
	res.Pages = cs.pdf.PageNo()
	res.Replaced = g.replacements()
	if noLegislators > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%d callers have no legislator on file for their districts (set their districts, or import legislators); their sheets say so.", noLegislators))
	}
	if len(vacant) > 0 {
		named := db.FirstOfFunc(vacant, 5, ", ", func(k string) string { return fmt.Sprintf("%s (callers: %d)", k, vacantCallers[k]) })
		res.Warnings = append(res.Warnings, fmt.Sprintf("No legislator on file for %s (a vacant seat, or legislators not imported); those sheets say so.", named))
	}
	if len(cs.partial) > 0 {
		n := "1 name is"
		if len(cs.partial) > 1 {
			n = fmt.Sprintf("%d names are", len(cs.partial))
		}
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s printed in part, the sheet saying so beside it: no font of the sheet has some of the characters (an emoji, or a script none covers): %s.",
			n, db.FirstOf(cs.partial, 10, ", ")))
	}
	res.Warnings = append(res.Warnings, replacementWarnings(res.Replaced)...)
	if w := untranslatedSheet(lang); w != "" {
		res.Warnings = append(res.Warnings, w)
	}
	for _, u := range c.UnknownPlaceholders(lang) {
		res.Warnings = append(res.Warnings, u+": printed as it stands on every sheet")
	}
	return res, nil
}

// callSheet draws the pages, top to bottom, with a y cursor.
type callSheet struct {
	pdf          *fpdf.Fpdf
	g            *textGuard
	c            db.Campaign
	l            labels
	lang         string
	title, bills string
	titleSize    float64  // the title's type size in the band
	titleLines   []string // and its lines
	pageW, pageH float64
	y            float64
	caller       Caller
	partial      []string // the names printed in part, for the output: "volunteer 12 (Zoë 😀 Weber)"
	noteLines    int      // ruled lines under "Notes:" on this caller's forms
}

const (
	sheetMargin = 40.0
	sheetBody   = 9.5
)

// district is the caller's district in chamber ch.
func (c Caller) district(ch db.Chamber) string {
	if ch == db.ChamberUpper {
		return c.SenateDistrict
	}
	return c.HouseDistrict
}

// seatsWithoutMember are the chambers, Senate first, where the caller has a district
// but no legislator on file for it: a vacant seat, or one not imported.
func (c Caller) seatsWithoutMember() []db.Chamber {
	var out []db.Chamber
	for _, ch := range db.Chambers {
		if c.district(ch) != "" && !slices.ContainsFunc(c.Legislators, func(l db.Legislator) bool { return l.Chamber == ch }) {
			out = append(out, ch)
		}
	}
	return out
}

func (cs *callSheet) callerPage(caller Caller) {
	cs.caller = caller
	cs.newPage(false)
	if len(caller.Legislators) == 0 && caller.SenateDistrict == "" && caller.HouseDistrict == "" {
		cs.text(cs.l.noLegislator, sheetBody, false, colAccent, cs.pageW-2*sheetMargin)
	}
	cs.fitNotes(caller.Legislators)
	missing := caller.seatsWithoutMember()
	for i, l := range caller.Legislators {
		if len(missing) > 0 && missing[0] == db.ChamberUpper && l.Chamber == db.ChamberLower {
			cs.noMember(missing[0]) // the Senate's line where the senator would be
			missing = missing[1:]
		}
		h := cs.blockHeight(l)
		if i > 0 && cs.y+h > cs.pageH-sheetMargin {
			cs.newPage(true)
		}
		cs.legislatorBlock(l)
	}
	for _, ch := range missing {
		cs.noMember(ch)
	}
}

// fitNotes chooses how many lines the forms' notes get: three, unless fewer let all
// of the caller's legislators fit the sheet. A Spanish or Portuguese script a line
// longer ran the second form a few points past the foot, and onto a page of its own,
// leaving half of the first empty.
func (cs *callSheet) fitNotes(ls []db.Legislator) {
	for cs.noteLines = 3; cs.noteLines >= 1; cs.noteLines-- {
		total := 0.0
		for _, l := range ls {
			total += cs.blockHeight(l)
		}
		if cs.y+total <= cs.pageH-sheetMargin {
			return
		}
	}
	cs.noteLines = 3 // it takes two pages anyway: full forms
}

// noMember says on the sheet that the caller's district in chamber ch has no
// legislator on file, for the caller to write them in.
func (cs *callSheet) noMember(ch db.Chamber) {
	text := cs.l.noRepresentative
	if ch == db.ChamberUpper {
		text = cs.l.noSenator
	}
	cs.text(fmt.Sprintf(text, cs.g.clean(cs.caller.district(ch), "a district")), sheetBody, false, colAccent, cs.pageW-2*sheetMargin)
	cs.y += 6
}

// newPage starts a page with the campaign band and the caller's line.
func (cs *callSheet) newPage(continued bool) {
	pdf := cs.pdf
	pdf.AddPage()
	// The band holds the title's lines, then the bills' line: 50 points for a title
	// of one line at 16 points.
	lh := cs.titleSize * 1.2
	sub := 12 + cs.titleSize + lh*float64(max(len(cs.titleLines), 1)-1) + 14
	pdf.SetFillColor(colBrand.r, colBrand.g, colBrand.b)
	pdf.Rect(0, 0, cs.pageW, sub+8, "F")
	pdf.SetTextColor(colPaper.r, colPaper.g, colPaper.b)
	pdf.SetFont(fontFamily, "B", cs.titleSize)
	for i, line := range cs.titleLines {
		printText(pdf, sheetMargin, 12+cs.titleSize+lh*float64(i), line)
	}
	pdf.SetFont(fontFamily, "", 10)
	printText(pdf, sheetMargin, sub, cs.l.callSheet+" · "+cs.bills)
	cs.y = sub + 24
	name, lost := cs.callerName()
	if name == "" && !lost {
		name = "________________________"
	}
	line := cs.l.caller + " " + name
	if t := cs.g.clean(cs.caller.Town, "a caller's town"); t != "" {
		line += "  ·  " + t
	}
	if z := cs.caller.Zip; z != "" {
		line += " " + cs.g.clean(z, "a caller's zip")
	}
	if continued {
		line += " " + cs.l.continued
	}
	cs.text(line, 12, true, colInk, cs.pageW-2*sheetMargin)
	if lost { // said under the name, where the caller and the lead read it
		cs.text(fmt.Sprintf(cs.l.nameNotPrinted, cs.caller.ID), sheetBody, true, colAccent, cs.pageW-2*sheetMargin)
		if !continued {
			cs.partial = append(cs.partial, fmt.Sprintf("volunteer %d (%s)", cs.caller.ID, cs.caller.Name))
		}
	}
	var d []string
	if s := cs.caller.SenateDistrict; s != "" {
		d = append(d, cs.l.senateDistrict+" "+cs.g.clean(s, "a district"))
	}
	if s := cs.caller.HouseDistrict; s != "" {
		d = append(d, cs.l.houseDistrict+" "+cs.g.clean(s, "a district"))
	}
	if len(d) > 0 {
		cs.text(strings.Join(d, "  ·  "), sheetBody, false, colMuted, cs.pageW-2*sheetMargin)
	}
	cs.y += 4
}

// callerName is the caller's name as the sheet prints it, and whether a part of it
// could not be printed (left out, and said beside the name).
func (cs *callSheet) callerName() (string, bool) {
	return cs.g.cleanName(cs.caller.Name, "a caller's name")
}

// text sets wrapped text at the cursor and moves it down, starting a new page when the
// text runs past the foot (a very long script never runs off the sheet).
func (cs *callSheet) text(s string, size float64, bold bool, col rgb, w float64) {
	cs.textAt(s, size, bold, col, sheetMargin, w)
}

// textAt is text starting at x.
func (cs *callSheet) textAt(s string, size float64, bold bool, col rgb, x, w float64) {
	pdf := cs.pdf
	pdf.SetFont(fontFamily, boldStyle(bold), size)
	pdf.SetTextColor(col.r, col.g, col.b)
	for _, line := range wrapText(pdf, s, w) {
		if cs.y+size*1.3 > cs.pageH-sheetMargin {
			cs.newPage(true)
			pdf.SetFont(fontFamily, boldStyle(bold), size)
			pdf.SetTextColor(col.r, col.g, col.b)
		}
		printText(pdf, x, cs.y+size, line)
		cs.y += size * 1.3
	}
}

// script is the call script for legislator l, placeholders filled in.
func (cs *callSheet) script(l db.Legislator) string {
	t := cs.c.TextsIn(cs.lang)
	caller, _ := cs.callerName()
	town := cs.caller.Town
	if caller == "" {
		caller = "________"
	}
	if town == "" {
		town = "________"
	}
	// The legislator's name as the heading prints it: what no face draws is left out
	// (not read aloud as "?"), and the note under the heading says so; it is reported
	// there, so it is cleaned here on scratch.
	var scratch textGuard
	name, _ := scratch.cleanName(l.Name, "")
	if name == "" {
		name = "________"
	}
	r := strings.NewReplacer("{caller_name}", caller, "{caller_town}", town,
		"{legislator_name}", name, "{bill_number}", cs.c.BillNumberFor(l.Chamber))
	return cs.g.clean(r.Replace(cs.l.fillTitle(strings.TrimSpace(t.CallScript), l)), "the call script")
}

func (cs *callSheet) blockHeight(l db.Legislator) float64 {
	cs.pdf.SetFont(fontFamily, "", sheetBody)
	lines := len(wrapText(cs.pdf, cs.script(l), cs.pageW-2*sheetMargin-16))
	h := 46 + float64(lines)*sheetBody*1.3 + cs.formHeight()
	var scratch textGuard // measuring: nothing to report
	if _, lost := scratch.cleanName(l.Name, ""); lost {
		h += sheetBody * 1.3 // the line saying the name is not printed whole
	}
	return h
}

// legislatorBlock is one legislator: who, phones, script, then the form.
func (cs *callSheet) legislatorBlock(l db.Legislator) {
	pdf := cs.pdf
	w := cs.pageW - 2*sheetMargin
	pdf.SetDrawColor(colBrand.r, colBrand.g, colBrand.b)
	pdf.SetLineWidth(1.2)
	pdf.Line(sheetMargin, cs.y, cs.pageW-sheetMargin, cs.y)
	cs.y += 5
	name, lost := cs.g.cleanName(l.Name, "a legislator's name")
	who := cs.g.clean(cs.l.title(l), "a legislator's name") + " " + name
	if l.Party != "" {
		who += " (" + cs.g.clean(cs.l.party(l), "a legislator's party") + ")"
	}
	who += " · " + cs.g.clean(l.District, "a district")
	cs.text(who, 12, true, colBrand, w)
	if lost {
		cs.text(cs.l.legislatorNotPrinted, sheetBody, true, colAccent, w)
		if k := "legislator " + l.Name; !slices.Contains(cs.partial, k) {
			cs.partial = append(cs.partial, k)
		}
	}
	phones := fmt.Sprintf("%s: %s      %s: %s", cs.l.capitolOffice, cs.phoneOrDash(l.CapitolPhone),
		cs.l.districtOffice, cs.phoneOrDash(l.DistrictPhone))
	cs.text(cs.g.clean(phones, "a legislator's phones"), 10.5, true, colInk, w)
	cs.y += 3
	script := cs.script(l)
	pdf.SetFont(fontFamily, "", sheetBody)
	lines := len(wrapText(pdf, script, w-16))
	h := float64(lines)*sheetBody*1.3 + 8
	if cs.y+h <= cs.pageH-sheetMargin {
		pdf.SetFillColor(colTint.r, colTint.g, colTint.b)
		pdf.Rect(sheetMargin, cs.y, w, h, "F")
	}
	cs.y += 4
	cs.textAt(script, sheetBody, false, colInk, sheetMargin+8, w-16)
	cs.y += 8
	if cs.y+cs.formHeight() > cs.pageH-sheetMargin {
		cs.newPage(true)
	}
	cs.form()
}

func (cs *callSheet) phoneOrDash(p string) string {
	if strings.TrimSpace(p) == "" {
		return cs.l.notOnFile
	}
	return p
}

// form draws the report's fields in the order of the call report form. Choices that
// do not fit a line wrap to the next (Spanish and Portuguese run longer than English).
func (cs *callSheet) form() {
	pdf := cs.pdf
	x := sheetMargin
	l := cs.l
	pdf.SetDrawColor(colInk.r, colInk.g, colInk.b)
	pdf.SetLineWidth(0.6)
	cs.label(x, l.dateCalled)
	pdf.SetFont(fontFamily, "B", sheetBody)
	lw := pdf.GetStringWidth(l.dateCalled) + 6
	pdf.Line(x+lw, cs.y+11, x+lw+128, cs.y+11)
	cs.boxes(x+max(250, lw+148), l.office, l.officeChoices[:])
	cs.y += 20
	cs.label(x, l.whatHappened)
	outcomes := make([]string, len(db.Outcomes))
	for i, o := range db.Outcomes {
		outcomes[i] = l.outcome(o)
	}
	cs.y += 14
	cs.boxes(x, "", outcomes)
	cs.y += 20
	cs.label(x, l.whatSaid)
	stances := make([]string, 0, len(sheetStances)+1)
	for _, s := range sheetStances {
		stances = append(stances, l.stance(s))
	}
	stances = append(stances, l.didntSay)
	cs.y += 14
	cs.boxes(x, "", stances)
	cs.y += 20
	cs.boxes(x, l.gaveNameZip, []string{l.yes, l.no})
	cs.boxes(x+290, l.followUp, []string{l.yes})
	cs.y += 20
	cs.label(x, l.notes)
	pdf.SetFont(fontFamily, "B", sheetBody)
	nw := pdf.GetStringWidth(l.notes) + 6
	pdf.SetDrawColor(colMuted.r, colMuted.g, colMuted.b)
	pdf.SetLineWidth(0.4)
	for i := 0; i < cs.noteLines; i++ {
		y := cs.y + 12 + float64(i)*18
		pdf.Line(x+(boolF(i == 0)*nw), y, cs.pageW-sheetMargin, y)
	}
	cs.y += 12 + float64(cs.noteLines)*18
}

// formHeight is the height form draws, measured by drawing nothing.
func (cs *callSheet) formHeight() float64 {
	l := cs.l
	outcomes := make([]string, len(db.Outcomes))
	for i, o := range db.Outcomes {
		outcomes[i] = l.outcome(o)
	}
	stances := []string{l.didntSay}
	for _, s := range sheetStances {
		stances = append(stances, l.stance(s))
	}
	pdf := cs.pdf
	pdf.SetFont(fontFamily, "B", sheetBody)
	lw := pdf.GetStringWidth(l.dateCalled) + 6
	return 20 + 15*float64(cs.boxLines(sheetMargin+max(250, lw+148), l.office, l.officeChoices[:])-1) +
		14 + 15*float64(cs.boxLines(sheetMargin, "", outcomes)-1) + 20 +
		14 + 15*float64(cs.boxLines(sheetMargin, "", stances)-1) + 20 + 20 + 12 + float64(cs.noteLines)*18
}

func boolF(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func (cs *callSheet) label(x float64, s string) {
	cs.pdf.SetFont(fontFamily, "B", sheetBody)
	cs.pdf.SetTextColor(colInk.r, colInk.g, colInk.b)
	cs.pdf.Text(x, cs.y+sheetBody+1, s)
}

// boxes draws a label then a tick box before each choice, wrapping to lines 15pt apart
// when they run past the margin; the cursor ends on the last line.
func (cs *callSheet) boxes(x float64, label string, choices []string) {
	cs.layBoxes(x, label, choices, true)
}

// boxLines is how many lines boxes takes.
func (cs *callSheet) boxLines(x float64, label string, choices []string) int {
	y := cs.y
	defer func() { cs.y = y }()
	return cs.layBoxes(x, label, choices, false)
}

func (cs *callSheet) layBoxes(x float64, label string, choices []string, draw bool) int {
	pdf := cs.pdf
	start := x
	if label != "" {
		if draw {
			cs.label(x, label)
		}
		pdf.SetFont(fontFamily, "B", sheetBody)
		x += pdf.GetStringWidth(label) + 8
	}
	pdf.SetFont(fontFamily, "", sheetBody)
	pdf.SetTextColor(colInk.r, colInk.g, colInk.b)
	pdf.SetDrawColor(colInk.r, colInk.g, colInk.b)
	pdf.SetLineWidth(0.7)
	lines := 1
	for i, c := range choices {
		w := 13 + pdf.GetStringWidth(c)
		if i > 0 && x+w > cs.pageW-sheetMargin {
			x = start
			cs.y += 15
			lines++
		}
		if draw {
			pdf.Rect(x, cs.y+2, 9, 9, "D")
			pdf.Text(x+13, cs.y+sheetBody+1, c)
		}
		x += w + 14
	}
	return lines
}
