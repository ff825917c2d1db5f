package reports

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chapterdesk/chapterdesk/db"
)

// labels are the words a printout prints besides the campaign's own content: the
// leaflet's headings, the call sheet's form, the legislators' titles. Every printout
// takes them from the language it prints in.
type labels struct {
	// The leaflet.
	howHelp, whenCall, scan, contact, senate, house, more, takeAction string
	cut                                                               string // the half-page layout's cut line

	// The call sheet.
	callSheet, callSheets, caller, continued string
	nameNotPrinted                           string // beside a caller's name a face lacks a character of: %d is the volunteer
	legislatorNotPrinted                     string // the same beside a legislator's
	senateDistrict, houseDistrict            string
	capitolOffice, districtOffice, notOnFile string
	noLegislator                             string
	noSenator, noRepresentative              string // a district without a member on file: %s is the district
	dateCalled, office                       string
	officeChoices                            [3]string // the tick boxes: capitol, district, other
	whatHappened, whatSaid, didntSay         string
	gaveNameZip, followUp, yes, no, notes    string
	outcomes                                 map[db.Outcome]string
	stances                                  map[db.Stance]string
	senatorTitle, representativeTitle        gendered            // before a name, as a heading
	senatorInScript, representativeInScript  gendered            // {legislator_title} in the script, article included
	contractions                             map[string]string   // preposition + article: their contraction
	parties                                  map[string]gendered // a legislator's party, by the directory's English name
}

// gendered is a word in its masculine, feminine and unknown-gender forms.
type gendered struct{ male, female, unknown string }

func same(s string) gendered { return gendered{s, s, s} }

func (g gendered) of(gender string) string {
	switch gender {
	case db.GenderFemale:
		return g.female
	case db.GenderMale:
		return g.male
	}
	return g.unknown
}

// printLabels holds them for the languages of the coalition's neighbourhoods; en, es
// and pt have every one.
//
// Massachusetts' "state representative" is a "deputado estadual" in Portuguese (the
// word Brazilian and Portuguese readers know for a member of a state assembly), and a
// "representante" in Spanish.
var printLabels = map[string]labels{
	"en": enLabels,
	"es": {
		howHelp: "Cómo puede ayudar", whenCall: "Cuando llame, diga:", scan: "Escanee para actuar",
		contact: "Contáctenos", senate: "Senado", house: "Cámara", more: "Más preguntas y respuestas:",
		takeAction: "Actúe ahora", cut: "cortar",
		callSheet: "Hoja de llamadas", callSheets: "hojas de llamadas", caller: "Quien llama:", continued: "(continuación)",
		nameNotPrinted:       "(esta hoja no puede imprimir todo el nombre: vea el voluntario %d en ChapterDesk)",
		legislatorNotPrinted: "(esta hoja no puede imprimir todo el nombre: véalo en ChapterDesk)",
		senateDistrict:       "Distrito del Senado:", houseDistrict: "Distrito de la Cámara:",
		capitolOffice: "Oficina en el Capitolio", districtOffice: "Oficina del distrito", notOnFile: "no consta",
		noLegislator:     "No consta ningún legislador para estos distritos: búsquelos en el sitio web de la legislatura y escríbalos aquí.",
		noSenator:        "No consta ningún senador para el distrito del Senado %s: búsquelo en el sitio web de la legislatura y escríbalo aquí.",
		noRepresentative: "No consta ningún representante para el distrito de la Cámara %s: búsquelo en el sitio web de la legislatura y escríbalo aquí.",
		dateCalled:       "Fecha y hora de la llamada:", office: "Oficina:",
		officeChoices: [3]string{"Capitolio", "Distrito", "Otra"},
		whatHappened:  "¿Qué pasó?", whatSaid: "¿Qué dijeron sobre el proyecto de ley?", didntSay: "No lo dijeron",
		gaveNameZip: "¿Dio su nombre y código postal?", followUp: "¿Hace falta seguimiento?", yes: "Sí", no: "No",
		notes: "Notas:",
		outcomes: map[db.Outcome]string{
			db.OutcomeSpokeLegislator: "Habló con el/la legislador(a)", db.OutcomeSpokeStaff: "Habló con su personal",
			db.OutcomeLeftVoicemail: "Dejó un mensaje de voz", db.OutcomeVoicemailFull: "Buzón lleno",
			db.OutcomeBusy: "Ocupado", db.OutcomeNoAnswer: "No contestaron", db.OutcomeWrongNumber: "Número equivocado"},
		stances: map[db.Stance]string{
			db.StanceYes: "Sí", db.StanceLeaningYes: "Se inclina por el sí", db.StanceUndecided: "Sin decidir",
			db.StanceLeaningNo: "Se inclina por el no", db.StanceNo: "No"},
		senatorTitle:           gendered{"Senador", "Senadora", "Senador(a)"},
		representativeTitle:    same("Representante"),
		senatorInScript:        gendered{"el senador", "la senadora", "su senador(a)"},
		representativeInScript: gendered{"el representante", "la representante", "su representante"},
		contractions:           map[string]string{"a el": "al", "de el": "del"},
		parties: map[string]gendered{"Democratic": same("Demócrata"), "Republican": {"Republicano", "Republicana", "Republicano(a)"},
			"Independent": same("Independiente"), "Nonpartisan": same("Apartidista"),
			"Conservative": {"Conservador", "Conservadora", "Conservador(a)"}, "Progressive": same("Progresista"),
			"Libertarian": {"Libertario", "Libertaria", "Libertario(a)"}},
	},
	"pt": {
		howHelp: "Como você pode ajudar", whenCall: "Quando ligar, diga:", scan: "Escaneie para agir",
		contact: "Fale conosco", senate: "Senado", house: "Câmara", more: "Mais perguntas e respostas:",
		takeAction: "Aja agora", cut: "cortar",
		callSheet: "Folha de ligações", callSheets: "folhas de ligações", caller: "Quem liga:", continued: "(continuação)",
		nameNotPrinted:       "(esta folha não consegue imprimir o nome inteiro: veja o voluntário %d no ChapterDesk)",
		legislatorNotPrinted: "(esta folha não consegue imprimir o nome inteiro: veja-o no ChapterDesk)",
		senateDistrict:       "Distrito do Senado:", houseDistrict: "Distrito da Câmara:",
		capitolOffice: "Gabinete no Capitólio", districtOffice: "Escritório no distrito", notOnFile: "não consta",
		noLegislator:     "Nenhum legislador consta para estes distritos: procure-os no site da legislatura e escreva-os aqui.",
		noSenator:        "Nenhum senador consta para o distrito do Senado %s: procure-o no site da legislatura e escreva-o aqui.",
		noRepresentative: "Nenhum deputado estadual consta para o distrito da Câmara %s: procure-o no site da legislatura e escreva-o aqui.",
		dateCalled:       "Data e hora da ligação:", office: "Gabinete:",
		officeChoices: [3]string{"Capitólio", "Distrito", "Outro"},
		whatHappened:  "O que aconteceu?", whatSaid: "O que disseram sobre o projeto de lei?", didntSay: "Não disseram",
		gaveNameZip: "Deu nome e código postal?", followUp: "Precisa de retorno?", yes: "Sim", no: "Não",
		notes: "Anotações:",
		outcomes: map[db.Outcome]string{
			db.OutcomeSpokeLegislator: "Falou com o(a) legislador(a)", db.OutcomeSpokeStaff: "Falou com a equipe",
			db.OutcomeLeftVoicemail: "Deixou recado", db.OutcomeVoicemailFull: "Caixa postal cheia",
			db.OutcomeBusy: "Ocupado", db.OutcomeNoAnswer: "Ninguém atendeu", db.OutcomeWrongNumber: "Número errado"},
		stances: map[db.Stance]string{
			db.StanceYes: "Sim", db.StanceLeaningYes: "Tende ao sim", db.StanceUndecided: "Indeciso(a)",
			db.StanceLeaningNo: "Tende ao não", db.StanceNo: "Não"},
		senatorTitle:           gendered{"Senador", "Senadora", "Senador(a)"},
		representativeTitle:    gendered{"Deputado estadual", "Deputada estadual", "Deputado(a) estadual"},
		senatorInScript:        gendered{"o senador", "a senadora", "o(a) senador(a)"},
		representativeInScript: gendered{"o deputado estadual", "a deputada estadual", "o(a) deputado(a) estadual"},
		contractions: map[string]string{"a o": "ao", "a a": "à", "de o": "do", "de a": "da", "em o": "no",
			"em a": "na", "por o": "pelo", "por a": "pela", "a o(a)": "ao(à)", "de o(a)": "do(a)",
			"em o(a)": "no(a)", "por o(a)": "pelo(a)"},
		parties: map[string]gendered{"Democratic": same("Democrata"), "Republican": {"Republicano", "Republicana", "Republicano(a)"},
			"Independent": same("Independente"), "Nonpartisan": {"Apartidário", "Apartidária", "Apartidário(a)"},
			"Conservative": {"Conservador", "Conservadora", "Conservador(a)"}, "Progressive": same("Progressista"),
			"Libertarian": {"Libertário", "Libertária", "Libertário(a)"}},
	},
	// Haitian Creole and Vietnamese have the leaflet's words; their call sheets' form
	// prints in English until a speaker translates it.
	"ht": enWith(func(l *labels) {
		l.howHelp, l.whenCall, l.scan, l.contact = "Kijan ou ka ede", "Lè w rele, di:", "Eskane pou w aji", "Kontakte nou"
		l.senate, l.house, l.more, l.takeAction = "Sena", "Chanm Reprezantan", "Plis kesyon ak repons:", "Aji kounye a"
		l.senatorTitle, l.representativeTitle = same("Senatè"), same("Reprezantan")
		l.senatorInScript, l.representativeInScript = l.senatorTitle, l.representativeTitle
	}),
	"vi": enWith(func(l *labels) {
		l.howHelp, l.whenCall, l.scan, l.contact = "Bạn có thể giúp như thế nào", "Khi gọi điện, hãy nói:", "Quét mã để hành động", "Liên hệ"
		l.senate, l.house, l.more, l.takeAction = "Thượng viện", "Hạ viện", "Thêm câu hỏi và trả lời:", "Hành động ngay"
		l.senatorTitle, l.representativeTitle = same("Thượng nghị sĩ"), same("Dân biểu")
		l.senatorInScript, l.representativeInScript = l.senatorTitle, l.representativeTitle
	}),
}

var enLabels = labels{
	howHelp: "How you can help", whenCall: "When you call, say:", scan: "Scan to take action",
	contact: "Contact us", senate: "Senate", house: "House", more: "More questions and answers:",
	takeAction: "Take action", cut: "cut",
	callSheet: "Call sheet", callSheets: "call sheets", caller: "Caller:", continued: "(continued)",
	nameNotPrinted:       "(this sheet cannot print all of this name: see volunteer %d in ChapterDesk)",
	legislatorNotPrinted: "(this sheet cannot print all of this name: see it in ChapterDesk)",
	senateDistrict:       "Senate district:", houseDistrict: "House district:",
	capitolOffice: "Capitol office", districtOffice: "District office", notOnFile: "not on file",
	noLegislator:     "No legislator on file for these districts: look them up at the legislature's website and write them in.",
	noSenator:        "No senator on file for the Senate district %s: look them up at the legislature's website and write them in.",
	noRepresentative: "No representative on file for the House district %s: look them up at the legislature's website and write them in.",
	dateCalled:       "Date and time called:", office: "Office:",
	officeChoices: [3]string{"Capitol office", "District office", "Other"},
	whatHappened:  "What happened?", whatSaid: "What did they say about the bill?", didntSay: "Didn't say",
	gaveNameZip: "Gave name and zip?", followUp: "Follow-up needed?", yes: "Yes", no: "No", notes: "Notes:",
	outcomes: map[db.Outcome]string{
		db.OutcomeSpokeLegislator: "Spoke with the legislator", db.OutcomeSpokeStaff: "Spoke with staff",
		db.OutcomeLeftVoicemail: "Left a voicemail", db.OutcomeVoicemailFull: "Voicemail full",
		db.OutcomeBusy: "Busy", db.OutcomeNoAnswer: "No answer", db.OutcomeWrongNumber: "Wrong number"},
	stances: map[db.Stance]string{
		db.StanceYes: "Yes", db.StanceLeaningYes: "Leaning yes", db.StanceUndecided: "Undecided",
		db.StanceLeaningNo: "Leaning no", db.StanceNo: "No"},
	senatorTitle: same("Senator"), representativeTitle: same("Representative"),
	senatorInScript: same("Senator"), representativeInScript: same("Representative"),
	parties: map[string]gendered{"Democratic": same("Democratic"), "Republican": same("Republican"),
		"Independent": same("Independent"), "Nonpartisan": same("Nonpartisan"), "Conservative": same("Conservative"),
		"Progressive": same("Progressive"), "Libertarian": same("Libertarian")},
}

// enWith is the English labels with some replaced.
func enWith(f func(*labels)) labels {
	l := enLabels
	f(&l)
	return l
}

// The titles a campaign file gives a bill's sponsor, in English.
var sponsorTitles = []string{"Sen. ", "Senator ", "Rep. ", "Representative "}

// labelsFor is lang's labels; English for a language without them.
func labelsFor(lang string) labels {
	if l, ok := printLabels[lang]; ok {
		return l
	}
	return enLabels
}

// printsEnglish reports whether a printout in lang has English labels.
func printsEnglish(lang string) bool {
	_, ok := printLabels[lang]
	return lang == "en" || !ok
}

// untranslatedSheet names what a call sheet in lang prints in English, its form
// (which ht and vi lack: see printLabels) and the legislators' titles and parties,
// "" when the sheet is all in lang. Printed half in English, the vi sheet said
// nothing of it, while the leaflet says which of its texts fell back to English.
func untranslatedSheet(lang string) string {
	if lang == "en" {
		return ""
	}
	l := labelsFor(lang)
	var parts []string
	if l.callSheet == enLabels.callSheet && l.whatHappened == enLabels.whatHappened {
		parts = append(parts, "form (its headings, outcomes and stances)")
	}
	if l.senatorTitle == enLabels.senatorTitle {
		parts = append(parts, "legislators' titles")
	}
	if l.parties["Democratic"] == enLabels.parties["Democratic"] {
		parts = append(parts, "parties")
	}
	if len(parts) == 0 {
		return ""
	}
	return "the call sheet's " + strings.Join(parts, ", ") + " are not translated into " + lang + ": printed in en"
}

// outcome is an outcome's label in the printout's language.
func (l labels) outcome(o db.Outcome) string {
	if s := l.outcomes[o]; s != "" {
		return s
	}
	return o.Label()
}

// stance is a stance's label in the printout's language.
func (l labels) stance(s db.Stance) string {
	if t := l.stances[s]; t != "" {
		return t
	}
	return s.Label()
}

// party is a legislator's party in the printout's language ("Demócrata"): each
// party of a fusion ticket ("Democratic/Working Families"), and one the table lacks
// (a proper name: "Working Families", "Democratic-Farmer-Labor") as the directory
// has it. The Spanish call sheet printed "(Democratic)" (the first-day walk).
func (l labels) party(leg db.Legislator) string {
	parts := strings.Split(leg.Party, "/")
	for i, p := range parts {
		if g, ok := l.parties[strings.TrimSpace(p)]; ok {
			parts[i] = g.of(leg.Gender)
		}
	}
	return strings.Join(parts, "/")
}

// title is how a legislator is named before their name in a heading ("Senadora").
func (l labels) title(leg db.Legislator) string {
	if leg.Chamber == db.ChamberUpper {
		return l.senatorTitle.of(leg.Gender)
	}
	return l.representativeTitle.of(leg.Gender)
}

// sponsor drops the English title from a bill sponsor ("Sen. Jamie Eldridge") in a
// printout in another language: the line already names the chamber, and the campaign
// file does not say whether the sponsor is a senator or a senadora.
func (l labels) sponsor(s string, english bool) string {
	if english {
		return s
	}
	for _, t := range sponsorTitles {
		if rest, ok := strings.CutPrefix(s, t); ok {
			return strings.TrimSpace(rest)
		}
	}
	return s
}

// titleInScript matches {legislator_title} with the preposition before it, if any.
var titleInScript = regexp.MustCompile(`(?i)\b(a|de|em|por) \{legislator_title\}|\{legislator_title\}`)

// fillTitle puts the legislator's title into a script: with its article and in the
// legislator's gender where the language has them, contracted with the preposition
// before it ("a" + "el senador" is "al senador"), capitalised at a sentence's start.
func (l labels) fillTitle(script string, leg db.Legislator) string {
	form := l.representativeInScript.of(leg.Gender)
	if leg.Chamber == db.ChamberUpper {
		form = l.senatorInScript.of(leg.Gender)
	}
	var b strings.Builder
	last := 0
	for _, m := range titleInScript.FindAllStringSubmatchIndex(script, -1) {
		b.WriteString(script[last:m[0]])
		last = m[1]
		out := form
		if m[2] >= 0 {
			prep := script[m[2]:m[3]]
			out = prep + " " + form
			article, rest, _ := strings.Cut(form, " ")
			if c, ok := l.contractions[strings.ToLower(prep)+" "+article]; ok {
				if unicode.IsUpper([]rune(prep)[0]) {
					c = capitalize(c)
				}
				out = c + " " + rest
			}
		} else if sentenceStart(script[:m[0]]) {
			out = capitalize(form)
		}
		b.WriteString(out)
	}
	b.WriteString(script[last:])
	return b.String()
}

// sentenceStart reports whether text before ends a sentence (or is empty).
func sentenceStart(before string) bool {
	before = strings.TrimRight(before, " \t\n\"“«¿¡(")
	if before == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return strings.ContainsRune(".!?", r)
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
