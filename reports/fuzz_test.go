package reports

import (
	"context"
	"io"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// FuzzLeaflet prints leaflets and call sheets from arbitrary text (any bytes, any
// script, invalid UTF-8) in the places a lead or a coalition types it: never a panic.
func FuzzLeaflet(f *testing.F) {
	for _, s := range []string{"Why?", "😀 emoji 👍🏽 and 你好", "Đạo luật Cộng đồng", "a\x00b\xff\xfe\tc\r\n• bullet",
		"\u200d\ufe0f\U0001F468\u200d\U0001F469", "https://example.org/" + string(make([]byte, 300))} {
		f.Add(s, s, s, uint8(len(s)))
	}
	c := starter(f)
	f.Fuzz(func(t *testing.T, answer, chapter, name string, layout uint8) {
		c := c
		c.Texts = map[string]db.CampaignTexts{"en": {Name: name, Summary: answer, CallScript: answer + " {caller_name}",
			ScriptKeyLine: chapter}}
		c.FAQ = []db.FAQSection{{Title: db.Translated{"en": chapter}, Entries: []db.FAQEntry{
			{Question: db.Translated{"en": name}, Answer: db.Translated{"en": answer}}}}}
		c.ActionURL = chapter
		ch := db.Chapter{Name: chapter, Phone: name, Address: answer}
		l := Layouts[int(layout)%len(Layouts)]
		if _, err := Leaflet(context.Background(), io.Discard, c, ch, LeafletOptions{Layout: l}); err != nil && err != ErrNothingFits {
			if _, qrErr := newQRBlock(c.ActionURL, "", "", false); qrErr == nil {
				t.Fatalf("%s: %v", l, err)
			}
		}
		callers := []Caller{{Name: chapter, Town: name, Legislators: []db.Legislator{{Chamber: db.ChamberUpper, Name: answer, District: name}}}}
		if _, err := CallSheets(context.Background(), io.Discard, c, callers, CallSheetOptions{}); err != nil {
			t.Fatal(err)
		}
	})
}
