package reports

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// longName is tester t10's campaign name (c3.json, revision 2): 140 characters and
// an emoji.
const longName = "The Massachusetts Safe Communities, Due Process and Community Trust Act of 2025–2026 🗽 " +
	"(formerly the Safe Communities Act, and before that the Trust Act)"

// TestLongCampaignNameFitsThePage: the whip board's title stopped at "…Trust Act of
// 2025–" at the page's right edge, and the call sheets' header band cut it too, with
// no word (tester t10); the leaflet wraps it. Both now wrap the title (smaller when it
// takes more than two lines), whole on the page, and what follows moves down.
func TestLongCampaignNameFitsThePage(t *testing.T) {
	printed := "The Massachusetts Safe Communities, Due Process and Community Trust Act of 2025–2026 ? " +
		"(formerly the Safe Communities Act, and before that the Trust Act)"
	t.Run("whip board", func(t *testing.T) {
		for _, paper := range []Paper{PaperLetter, PaperA4} {
			b := testBoard(40, 160)
			b.Campaign = longName + " (S.1305 / H.3269)"
			var buf bytes.Buffer
			if _, err := WhipBoardPDF(context.Background(), &buf, b, PDFOptions{Created: fixedDate, Paper: paper}); err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, buf.Bytes())
			if !strings.Contains(text, "Whip board: "+printed+" (S.1305 / H.3269) As of") {
				t.Errorf("%s: the title is not whole on the page: %s", paper, text[:min(len(text), 400)])
			}
			if n := bytes.Count(buf.Bytes(), []byte("/Type /Page\n")); n != 1 || !strings.Contains(text, "Zed199") {
				t.Errorf("%s: %d pages", paper, n)
			}
		}
	})
	t.Run("call sheets", func(t *testing.T) {
		c := starter(t)
		texts := c.Texts[c.DefaultLang]
		texts.Name = longName
		c.Texts[c.DefaultLang] = texts
		var buf bytes.Buffer
		res, err := CallSheets(context.Background(), &buf, c, testCallers(2), CallSheetOptions{PDFOptions: PDFOptions{Created: fixedDate}})
		if err != nil {
			t.Fatal(err)
		}
		text := pdfText(t, buf.Bytes())
		if n := strings.Count(text, printed+" Call sheet · S.1305 / H.3269 Caller:"); n != 2 || res.Pages != 2 {
			t.Errorf("the title is whole on %d of %d pages: %s", n, res.Pages, text[:min(len(text), 600)])
		}
	})
}
