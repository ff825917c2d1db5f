package reports

import (
	"fmt"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
)

// Paper is the sheet a printable is laid out for.
type Paper string

// The papers ChapterDesk prints on.
const (
	PaperLetter Paper = "letter" // 8.5 × 11 in, North America
	PaperA4     Paper = "a4"     // 210 × 297 mm, most of the world
)

// ParsePaper reads "letter" or "a4" (any case; "" is letter).
func ParsePaper(s string) (Paper, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "letter", "us-letter":
		return PaperLetter, nil
	case "a4":
		return PaperA4, nil
	}
	return "", fmt.Errorf("unknown paper %q (letter or a4)", s)
}

// orLetter is p, or letter when unset.
func (p Paper) orLetter() Paper {
	if p == "" {
		return PaperLetter
	}
	return p
}

// langOr is lang, or the campaign's default language when unset.
func langOr(lang string, c db.Campaign) string {
	if lang == "" {
		return c.DefaultLang
	}
	return lang
}

// replacementWarnings tell the lead which characters no font printed: as "?", or left
// out of a name (the sheet saying so beside it).
func replacementWarnings(reps []Replacement) []string {
	out := make([]string, 0, len(reps))
	for _, r := range reps {
		switch r.InNames {
		case 0:
			out = append(out, fmt.Sprintf("The font has no %c (U+%04X); printed ? instead, %d× (first in %s).", r.Rune, r.Rune, r.Count, r.Where))
		case r.Count:
			out = append(out, fmt.Sprintf("No font of the PDF has %c (U+%04X): left out of the names it is in, as said beside them (first in %s).", r.Rune, r.Rune, r.Where))
		default:
			out = append(out, fmt.Sprintf("No font of the PDF has %c (U+%04X): left out of a name (said beside it) %d×, printed ? elsewhere %d× (first in %s).", r.Rune, r.Rune, r.InNames, r.Count-r.InNames, r.Where))
		}
	}
	return out
}

// size is the sheet in points, portrait.
func (p Paper) size() (w, h float64) {
	if p == PaperA4 {
		return 595.28, 841.89
	}
	return 612, 792
}

// PDFOptions are what every printable shares.
type PDFOptions struct {
	Paper Paper
	// Created is the creation date written into the file; zero means now. Tests fix
	// it, so the same input gives the same bytes.
	Created time.Time
}

const fontFamily = "sans"

// newPDF starts a document in points with the embedded fonts, no automatic page
// breaks (the layouts place everything themselves) and a fixed object order.
func newPDF(landscape bool, o PDFOptions, title, lang string) *fpdf.Fpdf {
	w, h := o.Paper.size()
	orientation := "P"
	if landscape {
		orientation, w, h = "L", h, w
	}
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: orientation, UnitStr: "pt",
		Size: fpdf.SizeType{Wd: min(w, h), Ht: max(w, h)}})
	pdf.AddUTF8FontFromBytes(fontFamily, "", assets.FontRegular)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", assets.FontBold)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCellMargin(0)
	created := o.Created
	if created.IsZero() {
		created = time.Now()
	}
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetCatalogSort(true)
	pdf.SetCreator("ChapterDesk", false)
	pdf.SetTitle(title, true)
	if lang != "" {
		pdf.SetLang(lang)
	}
	return pdf
}
