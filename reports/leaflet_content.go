package reports

import (
	"fmt"
	"strings"

	"github.com/chapterdesk/chapterdesk/db"
)

// The leaflet's type styles, in multiples of the body size.
var (
	stTitle   = &textStyle{rel: 2.3, bold: true, color: colPaper, lead: 1.12, before: 0.9, after: 0.15, fill: &colBrand}
	stBills   = &textStyle{rel: 1.05, bold: true, color: colTint, lead: 1.3, after: 0.2, fill: &colBrand}
	stSponsor = &textStyle{rel: 0.95, color: colTint, lead: 1.3, after: 0.1, fill: &colBrand}
	stSection = &textStyle{rel: 1.15, bold: true, color: colPaper, lead: 1.25, before: 0.9, after: 0.2, fill: &colBrand, pad: 0.5}
	stQ       = &textStyle{rel: 1, bold: true, color: colBrand, lead: 1.22, before: 0.7, after: 0.1}
	stBody    = &textStyle{rel: 1, color: colInk, lead: 1.25, before: 0.25}
	stBullet  = &textStyle{rel: 1, color: colInk, lead: 1.25, before: 0.2, indent: 1, bullet: true}
	stSummary = &textStyle{rel: 1.05, color: colInk, lead: 1.3, before: 0.6}
	stHelp    = &textStyle{rel: 1.15, bold: true, color: colBrand, lead: 1.25, before: 1, after: 0.1, fill: &colTint, pad: 0.5}
	stKey     = &textStyle{rel: 1.1, bold: true, color: colAccent, lead: 1.25, before: 0.3}
	stLabel   = &textStyle{rel: 0.95, bold: true, color: colMuted, lead: 1.25, before: 0.7}
	stContact = &textStyle{rel: 0.95, color: colInk, lead: 1.25}
	stChapter = &textStyle{rel: 1.05, bold: true, color: colInk, lead: 1.25, before: 0.2}
	stNote    = &textStyle{rel: 0.9, color: colMuted, lead: 1.25, before: 0.7}
)

// content is a campaign's leaflet text in one language, cleaned for the fonts.
type content struct {
	lang       string
	l          labels
	title      string
	bills      string
	sponsors   []string
	summary    string
	sections   []section
	helpIntro  string
	helpSteps  []string
	keyLine    string
	chapter    db.Chapter // its name and contact fields cleaned for the font
	contact    []string
	actionURL  string
	shownURL   string   // actionURL cleaned for the font
	qr         *qrBlock // actionURL's code, encoded once for every layout tried
	fallbacks  int      // texts printed in another language because lang had none
	fallbackTo string
}

type section struct {
	title   string
	entries []entry
}

type entry struct {
	key, question, answer string
}

// newContent picks the campaign's texts in lang and passes them through the guard.
func newContent(c db.Campaign, ch db.Chapter, lang string, g *textGuard) *content {
	l := labelsFor(lang)
	k := &content{lang: lang, l: l, chapter: ch, fallbackTo: c.DefaultLang}
	pick := func(t db.Translated, where string) string {
		s := t[lang]
		if strings.TrimSpace(s) == "" {
			s = t.In(lang, c.DefaultLang)
			if s != "" {
				k.fallbacks++
			}
		}
		return g.clean(strings.TrimSpace(s), where)
	}
	texts := c.TextsIn(lang)
	if _, ok := c.Texts[lang]; !ok && lang != c.DefaultLang {
		k.fallbacks++
	}
	k.title = g.clean(texts.Name, "the campaign name")
	k.summary = g.clean(strings.TrimSpace(texts.Summary), "the summary")
	k.helpIntro = g.clean(strings.TrimSpace(texts.HelpIntro), "the help introduction")
	k.keyLine = g.clean(strings.TrimSpace(texts.ScriptKeyLine), "the script's key line")
	var nums, sponsors []string
	for _, b := range c.Bills {
		chamber := l.house
		if b.Chamber == db.ChamberUpper {
			chamber = l.senate
		}
		nums = append(nums, g.clean(b.Number, "the bill numbers"))
		if b.Sponsor != "" {
			sponsor := l.sponsor(b.Sponsor, printsEnglish(lang))
			sponsors = append(sponsors, g.clean(fmt.Sprintf("%s %s: %s", chamber, b.Number, sponsor), "the sponsors"))
		}
	}
	k.bills = strings.Join(nums, "  ·  ")
	k.sponsors = sponsors
	for _, sec := range c.FAQ {
		s := section{title: pick(sec.Title, "an FAQ section title")}
		for _, e := range sec.Entries {
			q := pick(e.Question, "an FAQ question")
			s.entries = append(s.entries, entry{key: e.UUID, question: q,
				answer: pick(e.Answer, fmt.Sprintf("the answer to %q", q))})
		}
		k.sections = append(k.sections, s)
	}
	for i, st := range c.HelpSteps {
		if t := pick(st.Text, fmt.Sprintf("help step %d", i+1)); t != "" {
			k.helpSteps = append(k.helpSteps, t)
		}
	}
	k.actionURL = strings.TrimSpace(c.ActionURL)
	k.shownURL = g.clean(k.actionURL, "the take-action link")
	k.contact = contactLines(ch, g)
	k.chapter.Name = g.clean(strings.TrimSpace(ch.Name), "the chapter's name")
	for _, f := range []*string{&k.chapter.Website, &k.chapter.Phone, &k.chapter.Email} {
		*f = g.clean(strings.TrimSpace(*f), "the chapter's contact block")
	}
	return k
}

// contactLines is the chapter's contact block, one line a field, empty fields left out.
func contactLines(ch db.Chapter, g *textGuard) []string {
	var out []string
	for _, s := range []string{ch.ContactName, ch.Phone, ch.Email, ch.Website} {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, g.clean(s, "the chapter's contact block"))
		}
	}
	for _, s := range strings.Split(ch.Address, "\n") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, g.clean(s, "the chapter's address"))
		}
	}
	return out
}

// paragraphs turns a text into body items: lines starting with "•", "-" or "*" become
// bullets with a hanging indent.
func paragraphs(text string, body *textStyle) []item {
	var out []item
	for _, p := range strings.Split(text, "\n") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		for _, mark := range []string{"•", "- ", "* ", "– "} {
			if rest, ok := strings.CutPrefix(p, mark); ok {
				out = append(out, item{text: strings.TrimSpace(rest), st: stBullet})
				p = ""
				break
			}
		}
		if p != "" {
			out = append(out, item{text: p, st: body})
		}
	}
	return out
}

// headerUnits are the title band: name, bill numbers, a line per sponsor.
func (k *content) headerUnits() []unit {
	items := []item{{text: k.title, st: stTitle}}
	if k.bills != "" {
		items = append(items, item{text: k.bills, st: stBills})
	}
	for _, s := range k.sponsors {
		items = append(items, item{text: s, st: stSponsor})
	}
	items[len(items)-1].st = withAfter(items[len(items)-1].st, 0.9)
	return []unit{{items: items, what: "the title"}}
}

// footerUnits sign the tri-fold's cover: the chapter's name and one way to reach it.
func (k *content) footerUnits() []unit {
	var items []item
	if k.chapter.Name != "" {
		items = append(items, item{text: k.chapter.Name, st: stChapter})
	}
	for _, s := range []string{k.chapter.Website, k.chapter.Phone, k.chapter.Email} {
		if s = strings.TrimSpace(s); s != "" {
			items = append(items, item{text: s, st: stContact})
			break
		}
	}
	if len(items) == 0 {
		return nil
	}
	return []unit{{items: items, what: "the chapter's name"}}
}

func withAfter(st *textStyle, after float64) *textStyle {
	c := *st
	c.after = after
	return &c
}

// summaryUnits is the summary, which can be left out when it is all that does not fit.
func (k *content) summaryUnits(dropped map[string]bool) []unit {
	if k.summary == "" || dropped["summary"] {
		return nil
	}
	return []unit{{items: paragraphs(k.summary, stSummary), what: "the summary", droppable: true}}
}

// faqUnits are the FAQ sections, one unit per entry; left-out entries are skipped and
// a section left with none loses its title too.
func (k *content) faqUnits(dropped map[string]bool) []unit {
	var out []unit
	for _, s := range k.sections {
		var entries []unit
		for _, e := range s.entries {
			if dropped[e.key] || (e.question == "" && e.answer == "") {
				continue
			}
			items := []item{{text: e.question, st: stQ, keep: true}}
			items = append(items, paragraphs(e.answer, stBody)...)
			entries = append(entries, unit{items: items, what: fmt.Sprintf("the answer to %q", e.question), droppable: true})
		}
		if len(entries) == 0 {
			continue
		}
		if s.title != "" {
			out = append(out, unit{items: []item{{text: s.title, st: stSection, keep: true}}, what: "a section title"})
		}
		out = append(out, entries...)
	}
	if len(dropped) > 0 && k.actionURL != "" {
		out = append(out, unit{items: []item{{text: k.l.more + " " + k.shownURL, st: stNote, link: k.actionURL}}})
	}
	return out
}

// helpUnits are "how you can help", the steps and the script's key line.
func (k *content) helpUnits() []unit {
	if k.helpIntro == "" && len(k.helpSteps) == 0 && k.keyLine == "" {
		return nil
	}
	items := []item{{text: k.l.howHelp, st: stHelp, keep: true}}
	if k.helpIntro != "" {
		items = append(items, item{text: k.helpIntro, st: stBody})
	}
	for _, s := range k.helpSteps {
		items = append(items, item{text: s, st: stBullet})
	}
	if k.keyLine != "" {
		items = append(items, item{text: k.l.whenCall, st: stLabel, keep: true},
			item{text: "“" + k.keyLine + "”", st: stKey})
	}
	return []unit{{items: items, what: "how you can help"}}
}

// contactUnits are the chapter's contact block and the QR code of the action link.
func (k *content) contactUnits(big bool) ([]unit, error) {
	var items []item
	// The tri-fold's cover is signed with the chapter's name: its back repeats it only
	// beside a way to reach the chapter.
	if !big || len(k.contact) > 0 {
		items = append(items, item{text: k.l.contact, st: stLabel, keep: true})
		if k.chapter.Name != "" {
			items = append(items, item{text: k.chapter.Name, st: stChapter})
		}
	}
	for _, s := range k.contact {
		items = append(items, item{text: s, st: stContact})
	}
	if k.actionURL != "" {
		if k.qr == nil {
			q, err := newQRBlock(k.actionURL, k.shownURL, k.l.scan, big)
			if err != nil {
				return nil, fmt.Errorf("QR code of %s: %w", k.actionURL, err)
			}
			k.qr = q
		}
		qi := item{block: k.qr.withLayout(k.l.scan, big)}
		if big {
			items = append([]item{{text: k.l.takeAction, st: stHelp}, qi}, items...)
		} else {
			items = append(items, item{text: "", st: stBody}, qi)
		}
	}
	return []unit{{items: items, what: "the contact block"}}, nil
}
