package reports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
)

// fixedDate makes output byte-stable.
var fixedDate = time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC)

func starter(t testing.TB) db.Campaign {
	t.Helper()
	c, err := db.ParseCampaignFile(assets.StarterCampaign)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func testChapter() db.Chapter {
	return db.Chapter{Name: "Worcester Chapter", ContactName: "Ana Souza", Phone: "(508) 555-0142",
		Email: "worcester@example.org", Website: "example.org/worcester", Address: "12 Main St\nWorcester, MA 01608"}
}

// pdfText is what pdftotext reads from a PDF, whitespace folded to single spaces.
func pdfText(t testing.TB, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func leaflet(t testing.TB, c db.Campaign, o LeafletOptions) ([]byte, LeafletResult) {
	t.Helper()
	o.Created = fixedDate
	var buf bytes.Buffer
	res, err := Leaflet(context.Background(), &buf, c, testChapter(), o)
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), res
}

func TestLeafletDump(t *testing.T) {
	dir := os.Getenv("LEAFLET_DUMP")
	if dir == "" {
		t.Skip("set LEAFLET_DUMP=DIR to write every leaflet there")
	}
	c := starter(t)
	for _, l := range Layouts {
		for _, p := range []Paper{PaperLetter, PaperA4} {
			for _, lang := range c.Languages() {
				b, res := leaflet(t, c, LeafletOptions{PDFOptions: PDFOptions{Paper: p}, Layout: l, Lang: lang})
				name := filepath.Join(dir, string(l)+"-"+string(p)+"-"+lang+".pdf")
				if err := os.WriteFile(name, b, 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("%s: %d pages, body %.2fpt, %d bytes, warnings %v", name, res.Pages, res.BodySize, len(b), res.Warnings)
			}
		}
	}
}

// each runs fn for every layout × paper × language of the starter campaign.
func each(t *testing.T, fn func(t *testing.T, c db.Campaign, o LeafletOptions)) {
	c := starter(t)
	for _, l := range Layouts {
		for _, p := range []Paper{PaperLetter, PaperA4} {
			for _, lang := range c.Languages() {
				o := LeafletOptions{PDFOptions: PDFOptions{Paper: p}, Layout: l, Lang: lang}
				t.Run(fmt.Sprintf("%s %s %s", l, p, lang), func(t *testing.T) { fn(t, c, o) })
			}
		}
	}
}

func TestLeafletPrintsEverything(t *testing.T) {
	ch := testChapter()
	each(t, func(t *testing.T, c db.Campaign, o LeafletOptions) {
		b, res := leaflet(t, c, o)
		if len(res.Warnings) > 0 || len(res.LeftOut) > 0 {
			t.Errorf("warnings %v", res.Warnings)
		}
		if res.BodySize < MinBodySize {
			t.Errorf("body %.2fpt", res.BodySize)
		}
		text := pdfText(t, b)
		want := []string{c.TextsIn(o.Lang).Name, "S.1305", "H.3269", ch.Name, ch.ContactName, ch.Phone, ch.Email,
			ch.Website, "12 Main St", "Worcester, MA 01608", c.TextsIn(o.Lang).ScriptKeyLine}
		for _, sec := range c.FAQ {
			want = append(want, sec.Title[o.Lang])
			for _, e := range sec.Entries {
				want = append(want, e.Question[o.Lang])
			}
		}
		for _, w := range want {
			if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
				t.Errorf("pdftotext has no %q", w)
			}
		}
		if !strings.Contains(strings.Join(strings.Fields(text), ""), c.ActionURL) {
			t.Errorf("pdftotext has no action link %q", c.ActionURL)
		}
	})
}

func TestLeafletQRCodeScans(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm (poppler-utils) is not installed")
	}
	each(t, func(t *testing.T, c db.Campaign, o LeafletOptions) {
		if o.Lang != "es" {
			t.Skip("one language a layout and paper is enough: the code is the same")
		}
		b, res := leaflet(t, c, o)
		page := res.Pages // the QR code is on the back (the outside for the tri-fold)
		if o.Layout == LayoutTrifold {
			page = 1
		}
		if got := decodeQR(t, b, page); got != c.ActionURL {
			t.Errorf("QR code reads %q, want %q", got, c.ActionURL)
		}
	})
}

func TestLeafletIsByteStable(t *testing.T) {
	c := starter(t)
	for _, l := range Layouts {
		o := LeafletOptions{PDFOptions: PDFOptions{Paper: PaperA4}, Layout: l, Lang: "pt"}
		a, _ := leaflet(t, c, o)
		b, _ := leaflet(t, c, o)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two runs with the same creation date differ", l)
		}
	}
}

func TestLeafletLanguages(t *testing.T) {
	c := starter(t)
	vi := map[string]string{
		"name":     "Đạo luật Cộng đồng An toàn",
		"question": "Đạo luật này là gì? Ai được bảo vệ ở đây?",
		"answer":   "Một dự luật của Massachusetts bảo vệ quyền công dân của mọi người, dù họ ở đâu, thuộc cộng đồng nào.",
	}
	ht := map[string]string{
		"name":     "Lwa Kominote ki an Sekirite",
		"question": "Kisa lwa sa a ye? Èske li pwoteje tout moun?",
		"answer":   "Se yon pwojè lwa nan Massachusetts ki pwoteje dwa sivil tout moun, kèlkeswa kote yo soti.",
	}
	for lang, tx := range map[string]map[string]string{"vi": vi, "ht": ht} {
		t.Run("prints "+lang+" text that pdftotext reads back", func(t *testing.T) {
			c.Texts[lang] = db.CampaignTexts{Name: tx["name"]}
			c.FAQ[0].Entries[0].Question[lang] = tx["question"]
			c.FAQ[0].Entries[0].Answer[lang] = tx["answer"]
			b, res := leaflet(t, c, LeafletOptions{Layout: LayoutSheet, Lang: lang})
			text := pdfText(t, b)
			for _, w := range tx {
				if !strings.Contains(text, w) {
					t.Errorf("pdftotext has no %q in\n%s", w, text[:min(len(text), 400)])
				}
			}
			if len(res.Replaced) > 0 {
				t.Errorf("replaced %v", res.Replaced)
			}
			found := false
			for _, w := range res.Warnings {
				found = found || strings.Contains(w, "no "+lang+" version")
			}
			if !found {
				t.Errorf("no warning that the other texts fell back to English: %v", res.Warnings)
			}
		})
	}
}

func TestLeafletBadContent(t *testing.T) {
	t.Run("an answer with emoji prints them as ? and says which characters; its Chinese prints", func(t *testing.T) {
		c := starter(t)
		c.FAQ[0].Entries[1].Answer["en"] = "We love our neighbours 😀👍🏽 and say 你好 to them."
		b, res := leaflet(t, c, LeafletOptions{Layout: LayoutTrifold})
		if text := pdfText(t, b); !strings.Contains(text, "We love our neighbours ? and say 你好 to them.") {
			t.Errorf("replacement not printed: %s", text)
		}
		var runes []rune
		for _, r := range res.Replaced {
			runes = append(runes, r.Rune)
		}
		if fmt.Sprint(runes) != fmt.Sprint([]rune{'👍', '😀'}) {
			t.Errorf("replaced %q", runes)
		}
		if w := strings.Join(res.Warnings, "\n"); !strings.Contains(w, "U+1F600") || !strings.Contains(w, "Why do we need it?") {
			t.Errorf("warnings do not name the character and where: %s", w)
		}
	})
	t.Run("a 5,000-word answer is left out whole and named, the rest still prints", func(t *testing.T) {
		c := starter(t)
		c.FAQ[1].Entries[0].Answer["en"] = strings.Repeat("Due process protects everyone in the Commonwealth. ", 715)
		for _, l := range Layouts {
			b, res := leaflet(t, c, LeafletOptions{Layout: l})
			if len(res.LeftOut) != 1 || !strings.Contains(res.LeftOut[0], "Will dangerous criminals") {
				t.Fatalf("%s: left out %v", l, res.LeftOut)
			}
			if res.BodySize < MinBodySize {
				t.Errorf("%s: body %.2f", l, res.BodySize)
			}
			text := pdfText(t, b)
			if strings.Contains(text, "Will dangerous criminals") || !strings.Contains(text, "Will it lead to more crime?") ||
				!strings.Contains(text, "More questions and answers:") {
				t.Errorf("%s: the long entry was not left out cleanly", l)
			}
			if !strings.Contains(strings.Join(res.Warnings, " "), "Did not fit, left out: the answer to \"Will dangerous") {
				t.Errorf("%s: warnings %v", l, res.Warnings)
			}
			// The rest prints as large as it would without the entry: it printed at the
			// 7.5 pt minimum on a half-empty page (found by the tester). And the advice
			// does not suggest the layout in use.
			without := starter(t)
			without.FAQ[1].Entries = without.FAQ[1].Entries[1:]
			_, alone := leaflet(t, without, LeafletOptions{Layout: l})
			if res.BodySize < alone.BodySize-0.5 {
				t.Errorf("%s: the rest printed at %.2f pt, %.2f pt without the entry", l, res.BodySize, alone.BodySize)
			}
			if advice := strings.Contains(strings.Join(res.Warnings, " "), "choose the sheet layout"); advice != (l != LayoutSheet) {
				t.Errorf("%s: advice to choose the sheet layout: %v (%v)", l, advice, res.Warnings)
			}
		}
	})
	t.Run("an empty campaign prints its name and says what is missing", func(t *testing.T) {
		c := db.Campaign{DefaultLang: "en", Texts: map[string]db.CampaignTexts{"en": {Name: "New campaign"}}}
		for _, l := range Layouts {
			var buf bytes.Buffer
			res, err := Leaflet(context.Background(), &buf, c, db.Chapter{Name: "My chapter"}, LeafletOptions{Layout: l})
			if err != nil {
				t.Fatal(err)
			}
			w := strings.Join(res.Warnings, "\n")
			if !strings.Contains(w, "no FAQ entries") || !strings.Contains(w, "no take-action link") || !strings.Contains(w, "no phone") {
				t.Errorf("%s: warnings %s", l, w)
			}
			if text := pdfText(t, buf.Bytes()); !strings.Contains(text, "New campaign") {
				t.Errorf("%s: %s", l, text)
			}
		}
	})
	t.Run("a title that cannot fit is an error, not a panic", func(t *testing.T) {
		c := db.Campaign{DefaultLang: "en", Texts: map[string]db.CampaignTexts{"en": {Name: strings.Repeat("Very long title ", 2000)}}}
		_, err := Leaflet(context.Background(), io.Discard, c, db.Chapter{}, LeafletOptions{Layout: LayoutHalfPage})
		if !errors.Is(err, ErrNothingFits) {
			t.Errorf("err %v", err)
		}
	})
}

func BenchmarkLeaflet(b *testing.B) {
	c := starter(b)
	ch := testChapter()
	for _, l := range Layouts {
		b.Run(string(l), func(b *testing.B) {
			for b.Loop() {
				if _, err := Leaflet(context.Background(), io.Discard, c, ch, LeafletOptions{Layout: l, Lang: "es"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestLeafletBalanced: a sheet's or half-page's short last side fills its columns side
// by side rather than only the first; the tri-fold's flap and back start at the top
// margin under headings as deep as their text (they were deepened to the cover's title
// band: an empty pale box a third of the panel tall, the heading at its foot — found by
// the tester); a chapter with only a name (or none) prints it once on the outside.
func TestLeafletBalanced(t *testing.T) {
	each(t, func(t *testing.T, c db.Campaign, o LeafletOptions) {
		var g textGuard
		k := newContent(c, testChapter(), o.Lang, &g)
		lay := newLeafletLayout(o.Layout, o.Paper)
		pdf := newPDF(lay.landscape, o.PDFOptions, k.title, o.Lang)
		fit, err := fitLeaflet(context.Background(), pdf, k, lay)
		if err != nil {
			t.Fatal(err)
		}
		if o.Layout == LayoutTrifold {
			for _, f := range fit.flows {
				if len(f.pieces) == 0 || f.pieces[0].side != 0 || f.pieces[0].x >= 2*lay.pageW/3 {
					continue
				}
				p := f.pieces[0]
				if p.it.st != stHelp || p.y > lay.margin+1 || p.before > stHelp.before*p.size+0.5 {
					t.Errorf("an outside panel starts at %.0f with %q, %.0f pt above it (its style gives %.0f)",
						p.y, p.it.text, p.before, stHelp.before*p.size)
				}
			}
			return
		}
		last := fit.sides() - 1
		bottoms := map[float64]float64{}
		for _, f := range fit.flows {
			for _, p := range f.pieces {
				if p.side == last && p.w < lay.pageW/2 {
					bottoms[p.x] = max(bottoms[p.x], p.y+p.h)
				}
			}
		}
		if last == 0 && len(bottoms) < lay.columns {
			return // one side: the fit fills it
		}
		lo, hi := lay.handoutH, 0.0
		for _, b := range bottoms {
			lo, hi = min(lo, b), max(hi, b)
		}
		if len(bottoms) != lay.columns || hi-lo > 0.25*lay.handoutH {
			t.Errorf("side %d: %d of %d columns used, bottoms %v", last+1, len(bottoms), lay.columns, bottoms)
		}
	})
	for _, ch := range []db.Chapter{{}, {Name: "Worcester Chapter"}} {
		var buf bytes.Buffer
		if _, err := Leaflet(context.Background(), &buf, starter(t), ch, LeafletOptions{Layout: LayoutTrifold,
			PDFOptions: PDFOptions{Created: fixedDate}}); err != nil {
			t.Fatalf("chapter %+v: %v", ch, err)
		}
		if n := strings.Count(pdfText(t, buf.Bytes()), "Worcester Chapter"); ch.Name != "" && n != 1 {
			t.Errorf("a chapter with only a name prints it %d times", n)
		}
	}
}
