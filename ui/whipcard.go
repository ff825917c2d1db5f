package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// whipCard is the whip count as the lead's and the coordinator's dashboards show it:
// the campaign, a bar per chamber with its votes needed, the legend, the calls made
// and the whip board.
type whipCard struct {
	campaign *widget.Label
	bars     map[db.Chamber]*whipBar
	barNotes map[db.Chamber]*widget.Label
	calls    *widget.Label
	board    *whipBoard
	card     *widget.Card
}

func newWhipCard(title string) *whipCard {
	w := &whipCard{bars: map[db.Chamber]*whipBar{}, barNotes: map[db.Chamber]*widget.Label{}}
	w.campaign = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	rows := container.New(layout.NewFormLayout())
	for _, ch := range db.Chambers {
		w.bars[ch] = newWhipBar()
		w.barNotes[ch] = widget.NewLabel("")
		rows.Add(widget.NewLabel(ch.Label()))
		// The notes share one width, so both bars end at the same place.
		note := container.NewGridWrap(fyne.NewSize(330, w.barNotes[ch].MinSize().Height), w.barNotes[ch])
		rows.Add(container.NewBorder(nil, nil, nil, note, w.bars[ch]))
	}
	w.calls = widget.NewLabel("")
	w.board = newWhipBoard()
	w.card = widget.NewCard("", title, container.NewVBox(w.campaign, rows, buildLegend(), w.calls,
		widget.NewCard("", "Whip board", w.board.content)))
	return w
}

// showWhip puts a campaign's whip count on the card; made is the calls line's format
// (calls, reaches, legislators reached, legislators); zone the legislature's, whose
// days it says. A nil campaign says there is none yet.
func (w *whipCard) showWhip(c *db.CampaignSummary, whip db.WhipCount, marks map[int64]db.RecordMark, zone db.Zone, made string) {
	if c == nil {
		w.campaign.SetText("No campaign yet: add one on the Campaign screen.")
		return
	}
	w.campaign.SetText(fmt.Sprintf("%s (%s)", c.Name, c.BillNumbers))
	w.board.set(whip, marks, zone)
	for _, ch := range whip.Chambers {
		w.bars[ch.Chamber].setCount(ch)
		note := ch.Standing()
		if ch.Seats == 0 {
			note = "no legislators yet (Legislators › Update legislators…)"
		}
		w.barNotes[ch.Chamber].SetText(note)
	}
	w.calls.SetText(callsLine(made, whip))
}

// callsLine is the whip card's line of calls; made is its format (calls, reaches,
// legislators reached, legislators). The calls are all the campaign's, as the calls
// per week beside it count them; those made to legislators the whip count no longer
// holds (retired since, or of another state) are said, or "0 of 198 legislators
// reached" would seem to deny the calls the chart shows.
func callsLine(made string, whip db.WhipCount) string {
	s := numbers.Sprintf(made, whip.AllCalls(), whip.AllReaches(), whip.LegislatorsReached, len(whip.Legislators))
	left := func(calls, reaches int, who string) {
		switch {
		case calls == 0:
		case calls == whip.AllCalls():
			s += numbers.Sprintf(" All %d calls were to legislators %s, who are not in the whip count.", calls, who)
		default:
			s += numbers.Sprintf(" %d of the calls (%d reaching an office) were to legislators %s, who are not in the whip count.",
				calls, reaches, who)
		}
	}
	left(whip.GoneCalls, whip.GoneReaches, "no longer in office")
	left(whip.ElsewhereCalls, whip.ElsewhereReaches, "of another state than the campaign's")
	return s
}
