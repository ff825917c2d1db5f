package reports

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// englishLabels are every word a printout prints in English, each with what the same
// label is in lang (a word both languages share, like Spanish "No", is not English).
func englishLabels(lang string) []string {
	en, l := reflect.ValueOf(enLabels), reflect.ValueOf(labelsFor(lang))
	var out []string
	add := func(e, t string) {
		if e != "" && e != t {
			out = append(out, e)
		}
	}
	for i := 0; i < en.NumField(); i++ {
		e, t := en.Field(i), l.Field(i)
		switch e.Kind() {
		case reflect.String:
			add(e.String(), t.String())
		case reflect.Array:
			for j := 0; j < e.Len(); j++ {
				add(e.Index(j).String(), t.Index(j).String())
			}
		case reflect.Struct: // gendered
			for j := 0; j < e.NumField(); j++ {
				add(e.Field(j).String(), t.Field(j).String())
			}
		case reflect.Map:
			for _, k := range e.MapKeys() {
				ev, tv := e.MapIndex(k), t.MapIndex(k)
				if ev.Kind() == reflect.Struct { // gendered
					for j := 0; j < ev.NumField(); j++ {
						add(ev.Field(j).String(), tv.Field(j).String())
					}
					continue
				}
				add(ev.String(), tv.String())
			}
		}
	}
	return append(out, "Sen.", "Rep.", "Didn't say")
}

func TestPrintLabelsAreComplete(t *testing.T) {
	for _, lang := range []string{"en", "es", "pt"} {
		v := reflect.ValueOf(printLabels[lang])
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			if f.IsZero() && v.Type().Field(i).Name != "contractions" {
				t.Errorf("%s has no %s", lang, v.Type().Field(i).Name)
			}
			if f.Kind() == reflect.Map && v.Type().Field(i).Name != "contractions" && f.Len() != reflect.ValueOf(enLabels).Field(i).Len() {
				t.Errorf("%s has %d %s, English %d", lang, f.Len(), v.Type().Field(i).Name, reflect.ValueOf(enLabels).Field(i).Len())
			}
		}
	}
}

// TestNoEnglishLabelInSpanishOrPortuguese prints every leaflet layout and the call
// sheets in es and pt and reads them back with pdftotext: no English label is left.
func TestNoEnglishLabelInSpanishOrPortuguese(t *testing.T) {
	c := starter(t)
	for _, lang := range []string{"es", "pt"} {
		var words []*regexp.Regexp
		for _, w := range englishLabels(lang) {
			words = append(words, regexp.MustCompile(`(^|[^\pL\pN])`+regexp.QuoteMeta(w)+`($|[^\pL\pN])`))
		}
		check := func(t *testing.T, text string) {
			for _, re := range words {
				if m := re.FindString(text); m != "" {
					t.Errorf("English label %q printed", strings.TrimSpace(m))
				}
			}
		}
		for _, l := range Layouts {
			t.Run(fmt.Sprintf("leaflet %s %s", l, lang), func(t *testing.T) {
				b, _ := leaflet(t, c, LeafletOptions{PDFOptions: PDFOptions{Paper: PaperLetter}, Layout: l, Lang: lang})
				check(t, pdfText(t, b))
			})
		}
		t.Run("call sheets "+lang, func(t *testing.T) {
			callers := testCallers(1)
			callers = append(callers, Caller{Name: "Nobody Listed"}) // the no-legislator sheet
			callers[0].Legislators[1].DistrictPhone = ""             // "not on file"
			b, _ := callSheets(t, callers, lang)
			text := pdfText(t, b)
			check(t, text)
			if strings.Contains(text, "Call sheet") || strings.Contains(text, "Caller:") {
				t.Errorf("English left: %s", text)
			}
		})
	}
	t.Run("an English leaflet still says cut and Sen.", func(t *testing.T) {
		b, _ := leaflet(t, c, LeafletOptions{PDFOptions: PDFOptions{Paper: PaperLetter}, Layout: LayoutHalfPage, Lang: "en"})
		if text := pdfText(t, b); !strings.Contains(text, "cut") || !strings.Contains(text, "Sen. Jamie Eldridge") {
			t.Errorf("%s", text)
		}
	})
}

// TestScriptTitlesAgree fills the Spanish and Portuguese scripts for a senator and a
// senadora, and for a legislator whose gender is not on file.
func TestScriptTitlesAgree(t *testing.T) {
	sheet := func(t *testing.T, lang string, legs ...db.Legislator) string {
		var buf bytes.Buffer
		_, err := CallSheets(context.Background(), &buf, starter(t), []Caller{{Name: "Ana", Town: "Lowell", Legislators: legs}},
			CallSheetOptions{PDFOptions: PDFOptions{Created: fixedDate}, Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		return pdfText(t, buf.Bytes())
	}
	he := db.Legislator{Chamber: db.ChamberUpper, Name: "Nick Collins", District: "1st Suffolk", Gender: db.GenderMale}
	she := db.Legislator{Chamber: db.ChamberUpper, Name: "Lydia Edwards", District: "3rd Suffolk", Gender: db.GenderFemale}
	who := db.Legislator{Chamber: db.ChamberUpper, Name: "Sam Doe", District: "2nd Suffolk"}
	repHe := db.Legislator{Chamber: db.ChamberLower, Name: "Rob Consalvo", District: "14th Suffolk", Gender: db.GenderMale}
	repShe := db.Legislator{Chamber: db.ChamberLower, Name: "Tram Nguyen", District: "18th Essex", Gender: db.GenderFemale}
	repWho := db.Legislator{Chamber: db.ChamberLower, Name: "Alex Roe", District: "1st Essex"}
	cases := map[string][]string{
		"es": {"Senador Nick Collins", "pedirle al senador Nick Collins que", "la postura del senador Nick Collins sobre",
			"Senadora Lydia Edwards", "pedirle a la senadora Lydia Edwards que", "la postura de la senadora Lydia Edwards sobre",
			"pedirle a su senador(a) Sam Doe que", "la postura de su senador(a) Sam Doe sobre",
			"pedirle al representante Rob Consalvo", "pedirle a la representante Tram Nguyen", "de su representante Alex Roe"},
		"pt": {"Senador Nick Collins", "pedir que o senador Nick Collins apoie", "a posição do senador Nick Collins sobre",
			"Senadora Lydia Edwards", "pedir que a senadora Lydia Edwards apoie", "a posição da senadora Lydia Edwards sobre",
			"pedir que o(a) senador(a) Sam Doe apoie", "a posição do(a) senador(a) Sam Doe",
			"Deputado estadual Rob Consalvo", "pedir que o deputado estadual Rob Consalvo apoie",
			"Deputada estadual Tram Nguyen", "a posição da deputada estadual Tram Nguyen",
			"pedir que o(a) deputado(a) estadual Alex Roe"},
		"en": {"to ask Senator Lydia Edwards to support", "Where does Representative Tram Nguyen stand"},
	}
	for lang, want := range cases {
		t.Run(lang, func(t *testing.T) {
			text := sheet(t, lang, he, she, who, repHe, repShe, repWho)
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("no %q in %s", w, text)
				}
			}
			if strings.Contains(text, "Senador(a) Nick") || strings.Contains(text, "a el ") || strings.Contains(text, "de o ") {
				t.Errorf("title not agreed: %s", text)
			}
		})
	}
}

func TestFillTitle(t *testing.T) {
	she := db.Legislator{Chamber: db.ChamberUpper, Gender: db.GenderFemale}
	he := db.Legislator{Chamber: db.ChamberUpper, Gender: db.GenderMale}
	for _, c := range []struct{ lang, script, want string }{
		{"es", "{legislator_title} X apoya. ¿{legislator_title} X?", "La senadora X apoya. ¿La senadora X?"},
		{"es", "De {legislator_title} X; para {legislator_title} X", "De la senadora X; para la senadora X"},
		{"es", "A {legislator_title} X", "A la senadora X"},
		{"pt", "Ligue para {legislator_title} X. Pelo voto de {legislator_title} X", "Ligue para a senadora X. Pelo voto da senadora X"},
		{"pt", "Em {legislator_title} X", "Na senadora X"},
	} {
		if got := labelsFor(c.lang).fillTitle(c.script, she); got != c.want {
			t.Errorf("%s %q: %q, want %q", c.lang, c.script, got, c.want)
		}
	}
	if got := labelsFor("es").fillTitle("A {legislator_title} X", he); got != "Al senador X" {
		t.Errorf("got %q", got)
	}
	if got := labelsFor("pt").fillTitle("Ligue para {legislator_title} X", he); got != "Ligue para o senador X" {
		t.Errorf("got %q", got)
	}
}

// TestParty: a legislator's party prints in the call sheet's language, agreeing
// with their gender; a party's proper name stays as the directory has it.
func TestParty(t *testing.T) {
	for _, c := range []struct {
		lang, party, gender, want string
	}{
		{"es", "Democratic", db.GenderFemale, "Demócrata"},
		{"es", "Republican", db.GenderFemale, "Republicana"},
		{"es", "Republican/Conservative", db.GenderMale, "Republicano/Conservador"},
		{"es", "Democratic/Working Families", "", "Demócrata/Working Families"},
		{"pt", "Republican", "", "Republicano(a)"},
		{"pt", "Nonpartisan", db.GenderFemale, "Apartidária"},
		{"pt", "Democratic-Farmer-Labor", db.GenderMale, "Democratic-Farmer-Labor"},
		{"en", "Democratic", db.GenderFemale, "Democratic"},
		{"vi", "Republican", db.GenderMale, "Republican"},
	} {
		if got := labelsFor(c.lang).party(db.Legislator{Party: c.party, Gender: c.gender}); got != c.want {
			t.Errorf("%s %s (%q): %q, want %q", c.lang, c.party, c.gender, got, c.want)
		}
	}
}
