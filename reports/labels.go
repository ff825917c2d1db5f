package reports

// labels are the few words a leaflet prints besides the campaign's own content.
type labels struct {
	howHelp, whenCall, scan, contact, senate, house, more, takeAction string
	// senator and representative fill the script's {legislator_title}.
	senator, representative string
}

// leafletLabels holds them for the languages of the coalition's neighbourhoods;
// another language prints them in English (the content itself is the campaign's).
var leafletLabels = map[string]labels{
	"en": {"How you can help", "When you call, say:", "Scan to take action", "Contact us", "Senate", "House",
		"More questions and answers:", "Take action", "Senator", "Representative"},
	"es": {"Cómo puede ayudar", "Cuando llame, diga:", "Escanee para actuar", "Contáctenos", "Senado", "Cámara",
		"Más preguntas y respuestas:", "Actúe ahora", "Senador(a)", "Representante"},
	"pt": {"Como você pode ajudar", "Quando ligar, diga:", "Escaneie para agir", "Fale conosco", "Senado", "Câmara",
		"Mais perguntas e respostas:", "Aja agora", "Senador(a)", "Deputado(a)"},
	"ht": {"Kijan ou ka ede", "Lè w rele, di:", "Eskane pou w aji", "Kontakte nou", "Sena", "Chanm Reprezantan",
		"Plis kesyon ak repons:", "Aji kounye a", "Senatè", "Reprezantan"},
	"vi": {"Bạn có thể giúp như thế nào", "Khi gọi điện, hãy nói:", "Quét mã để hành động", "Liên hệ",
		"Thượng viện", "Hạ viện", "Thêm câu hỏi và trả lời:", "Hành động ngay", "Thượng nghị sĩ", "Dân biểu"},
}

func labelsFor(lang string) labels {
	if l, ok := leafletLabels[lang]; ok {
		return l
	}
	return leafletLabels["en"]
}
