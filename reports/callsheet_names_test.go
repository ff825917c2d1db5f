package reports

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"golang.org/x/text/unicode/norm"
)

// Call sheets printed "? ?" for a volunteer named in Arabic, Chinese or Korean script
// (tester's report: Liberation Sans has no such glyph, and only stderr said so), and
// "?" for an emoji in a name. Each name prints now, in a fallback face, Arabic joined
// and right to left; what no face has is left out and said on the sheet beside it.
func TestCallSheetsPrintEveryName(t *testing.T) {
	callers := testCallers(5)
	names := []string{"محمد العلي", "王小明", "김민준", "Nguyễn Thị Hương", "Zoë 😀 Weber"}
	for i := range callers {
		callers[i].ID = int64(11 + i)
		callers[i].Name = names[i]
	}
	b, res := callSheets(t, callers, "en")
	if dir := os.Getenv("LEAFLET_DUMP"); dir != "" {
		_ = os.WriteFile(dir+"/callsheets-names.pdf", b, 0o644)
	}
	// pdftotext gives Arabic as the presentation forms printed, NFKC the letters, and
	// puts them back in reading order itself, between embedding marks.
	text := strings.NewReplacer("\u202b", "", "\u202c", "").Replace(norm.NFKC.String(pdfText(t, b)))
	for _, want := range []string{"Caller: 王小明 · Acton", "Caller: 김민준 · Acton", "Caller: Nguyễn Thị Hương · Acton",
		"my name is 王小明 and I live", "my name is 김민준 and I live", "Caller: Zoë Weber · Acton 01720 (this sheet cannot print all of this name: see volunteer 15 in ChapterDesk)"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext has no %q", want)
		}
	}
	first, _, _ := strings.Cut(text, "Caller: 王小明") // the Arabic name's sheet
	if !strings.Contains(first, "محمد العلي") || !strings.Contains(strings.ReplaceAll(first, " ", ""), "mynameisمحمدالعليandIlive") {
		t.Errorf("no Arabic name, in reading order, on its sheet: %s", first)
	}
	if m := regexp.MustCompile(`Caller: [^·]*\?`).FindString(text); m != "" {
		t.Errorf("a name printed with ?: %q", m)
	}
	if strings.Contains(text, "my name is ?") || strings.Contains(text, "Zoë ?") {
		t.Errorf("a script printed ? for a name: %s", text)
	}
	warned := strings.Join(res.Warnings, "\n")
	if !strings.Contains(warned, "volunteer 15 (Zoë 😀 Weber)") || !strings.Contains(warned, "U+1F600") ||
		strings.Contains(warned, "U+0645") || strings.Contains(warned, "U+738B") || strings.Contains(warned, "U+AE40") {
		t.Errorf("warnings: %s", warned)
	}
}

// The Arabic letters take the form their neighbours call for: initial, medial, final,
// isolated, and lam-alef its ligature.
func TestShapeArabic(t *testing.T) {
	for in, want := range map[string]string{
		"محمد":  "\uFEE3\uFEA4\uFEE4\uFEAA",
		"العلي": "\uFE8D\uFEDF\uFECC\uFEE0\uFEF2",
		"سلام":  "\uFEB3\uFEFC\uFEE1",
		"لا":    "\uFEFB",
		"پدر":   "\uFB58\uFEAA\uFEAD", // dal does not join the letter after it
		"Zoë":   "Zoë",
	} {
		if got := shapeArabic(in); got != want {
			t.Errorf("shapeArabic(%q) = %+q, want %+q", in, got, want)
		}
	}
}

// A legislator's name with a character no face has is printed without it, and the
// sheet says so under it; the lead is told which.
func TestCallSheetsSayALegislatorNameIsPrintedInPart(t *testing.T) {
	callers := testCallers(1)
	callers[0].Legislators[0].Name = "Jamie 🌻 Senator"
	b, res := callSheets(t, callers, "en")
	text := pdfText(t, b)
	if !strings.Contains(text, "Senator Jamie Senator (Democratic) · Middlesex and Worcester (this sheet cannot print all of this name: see it in ChapterDesk)") {
		t.Errorf("%s", text)
	}
	if !strings.Contains(strings.Join(res.Warnings, "\n"), "legislator Jamie 🌻 Senator") {
		t.Errorf("warnings: %v", res.Warnings)
	}
	// The script read aloud leaves the emoji out as the heading does (it printed
	// "Senator Jamie ? Senator"), and the note under the heading says so for both.
	if !strings.Contains(text, "to ask Senator Jamie Senator to support") || strings.Contains(text, "Jamie ?") {
		t.Errorf("the script prints the name with ?: %s", text)
	}
	for _, r := range res.Replaced {
		if r.Rune == '🌻' && r.InNames != r.Count {
			t.Errorf("the emoji is reported as printed as ? (%v), not left out of a name", r)
		}
	}
}

// The leaflet prints campaign text in Arabic, Chinese and Korean too (an answer for the
// coalition's neighbours), and says nothing was replaced.
func TestLeafletPrintsArabicAndChinese(t *testing.T) {
	c := starter(t)
	c.FAQ[0].Entries[1].Answer["en"] = "Call us: نحن هنا للمساعدة. 我们在这里帮助你。 도와드리겠습니다."
	b, res := leaflet(t, c, LeafletOptions{Layout: LayoutTrifold})
	if dir := os.Getenv("LEAFLET_DUMP"); dir != "" {
		_ = os.WriteFile(dir+"/leaflet-scripts.pdf", b, 0o644)
	}
	text := strings.NewReplacer("\u202b", "", "\u202c", "", " ", "").Replace(norm.NFKC.String(pdfText(t, b)))
	for _, want := range []string{"نحنهناللمساعدة", "我们在这里帮助你。", "도와드리겠습니다."} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext has no %q", want)
		}
	}
	if len(res.Replaced) > 0 {
		t.Errorf("replaced %v", res.Replaced)
	}
}

// The whip board's tiles print a member's name in Chinese or Arabic script too.
func TestWhipBoardPrintsNamesInEveryScript(t *testing.T) {
	b := testBoard(8, 0)
	b.Chamber = db.ChamberUpper
	b.Whip.Legislators[0].Name = "王小明"
	b.Whip.Legislators[1].Name = "محمد العلي"
	var buf bytes.Buffer
	warnings, err := WhipBoardPDF(context.Background(), &buf, b, PDFOptions{Created: fixedDate})
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("LEAFLET_DUMP"); dir != "" {
		_ = os.WriteFile(dir+"/whipboard-scripts.pdf", buf.Bytes(), 0o644)
	}
	text := strings.NewReplacer("\u202b", "", "\u202c", "").Replace(norm.NFKC.String(pdfText(t, buf.Bytes())))
	if !strings.Contains(text, "王小明") || !strings.Contains(text, "العلي") || len(warnings) > 0 {
		t.Errorf("warnings %v, text %s", warnings, text)
	}
}

// wrapText keeps every character (fpdf's SplitText dropped the Chinese character a
// line broke at), fits each line to the width unless one character is wider, and
// breaks Chinese between characters, Korean and Arabic at spaces.
func TestWrapTextInRuns(t *testing.T) {
	pdf := newPDF(false, PDFOptions{Created: fixedDate}, "t", "en")
	pdf.AddPage()
	pdf.SetFont(fontFamily, "", 10)
	for _, s := range []string{
		"我们在这里帮助你。我们在这里帮助你。我们在这里帮助你。 and some English words after it",
		"도와드리겠습니다 도와드리겠습니다 도와드리겠습니다 도와드리겠습니다",
		"Call us: " + shapeArabic("نحن هنا للمساعدة نحن هنا للمساعدة نحن هنا للمساعدة"),
	} {
		for _, w := range []float64{1, 40, 90, 200} {
			lines := wrapText(pdf, s, w)
			if got, want := strings.ReplaceAll(strings.Join(lines, ""), " ", ""), strings.ReplaceAll(s, " ", ""); got != want {
				t.Errorf("width %g: %q lost characters: %q", w, s, lines)
			}
			for _, l := range lines {
				if printWidth(pdf, l) > w && len([]rune(l)) > 1 {
					t.Errorf("width %g: line %q is %g wide", w, l, printWidth(pdf, l))
				}
				if w >= 90 && strings.HasPrefix(s, "도") && strings.Contains(strings.TrimSpace(l), " ") == false && len([]rune(l)) != 8 {
					t.Errorf("width %g: Korean broken inside a word: %q", w, lines)
				}
			}
		}
	}
}

// An invisible format character a fallback font happens to map (a direction mark, an
// isolate, a joiner between letters) is dropped, not drawn as a box or printed as "?".
func TestCleanDropsInvisibleFormatCharacters(t *testing.T) {
	var g textGuard
	if got := g.clean("\u2067محمد\u2069 Zoë", "t"); got != shapeArabic("محمد")+" Zoë" {
		t.Errorf("got %+q", got)
	}
	if len(g.replacements()) > 0 {
		t.Errorf("replaced %v", g.replacements())
	}
}
