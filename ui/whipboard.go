package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// boardTileSize is a whip board tile's side.
const boardTileSize = 18

// whipBoard is the dashboard's picture of the whip count: every legislator of each
// chamber a small tile coloured by stance, grouped by stance, a white corner on a
// sponsor or cosponsor by the official record and a band along the bottom on those
// who voted on the campaign's bills (blue for yes, red for no, grey otherwise: a
// dark band would vanish on the dark theme).
// Pointing at a tile, or tapping it, says who it is and when they were last called.
type whipBoard struct {
	content fyne.CanvasObject
	groups  *fyne.Container
	info    *widget.Label
	shown   string  // what the board shows, so a refresh that changes nothing redraws nothing
	zone    db.Zone // the legislature's, whose days the tiles say
}

func newWhipBoard() *whipBoard {
	b := &whipBoard{groups: container.NewVBox(), info: widget.NewLabel("")}
	b.info.Wrapping = fyne.TextWrapWord
	b.info.SetText("Point at a tile, or tap it, to see who it is. A white corner: sponsor or cosponsor by the official record; " +
		"a band below: their newest recorded vote (blue yes, red no, grey not voting).")
	b.content = container.NewVBox(b.groups, b.info)
	return b
}

// set shows the whip count with the record's marks, its days zone's (the
// legislature's); UI goroutine only.
func (b *whipBoard) set(w db.WhipCount, marks map[int64]db.RecordMark, zone db.Zone) {
	b.zone = zone
	var sig strings.Builder
	for _, r := range w.Legislators {
		m := marks[r.LegislatorID]
		fmt.Fprintf(&sig, "%d%s%s%s%s%d|", r.LegislatorID, r.Stance, m.Sponsorship, m.Earlier, m.LastVote, r.LastCalledAt.Unix())
	}
	if sig.String() == b.shown {
		return
	}
	b.shown = sig.String()
	b.groups.RemoveAll()
	for _, ch := range db.Chambers {
		rows := container.NewVBox()
		for _, st := range db.Stances {
			var tiles []fyne.CanvasObject
			for _, r := range w.Legislators {
				if r.Chamber == ch && r.Stance == st {
					tiles = append(tiles, newBoardTile(r, marks[r.LegislatorID], b.onTile))
				}
			}
			if len(tiles) == 0 {
				continue
			}
			caption := widget.NewLabel(fmt.Sprintf("%s %d", st.Label(), len(tiles)))
			caption.SizeName = theme.SizeNameCaptionText
			rows.Add(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(110, boardTileSize), caption), nil,
				container.NewGridWrap(fyne.NewSize(boardTileSize, boardTileSize), tiles...)))
		}
		if len(rows.Objects) > 0 {
			b.groups.Add(boldLabel(ch.Label()))
			b.groups.Add(rows)
		}
	}
}

// onTile says who a tile is.
func (b *whipBoard) onTile(r db.WhipRow, m db.RecordMark) {
	b.info.SetText(tileText(r, m, b.zone))
}

// tileText is what a tile says when pointed at; its day is zone's.
func tileText(r db.WhipRow, m db.RecordMark, zone db.Zone) string {
	parts := []string{fmt.Sprintf("%s (%s, %s): %s", r.Name, r.Chamber.Label(), r.District, r.Stance.Label())}
	if m.Sponsorship != "" {
		parts = append(parts, m.Sponsorship+" by the record")
	}
	if m.Earlier != "" {
		parts = append(parts, m.Earlier)
	}
	if m.LastVote != "" { // on passing the bill: the motion says which vote it was
		vote := "voted " + m.LastVote + " on " + m.LastVoteOn + " (" + m.LastVoteMotion + ")"
		if other := m.OtherChamber(r.Chamber); other != "" {
			vote = "voted " + m.LastVote + " in the " + other.Label() + " on " + m.LastVoteOn + " (" + m.LastVoteMotion + "), from their term there"
		}
		parts = append(parts, vote)
	}
	if r.LastCalledAt.IsZero() {
		parts = append(parts, "never called")
	} else {
		parts = append(parts, "last called "+zone.In(r.LastCalledAt).Format("Jan 2, 2006"))
	}
	return strings.Join(parts, " · ")
}

// boardTile is one legislator on the whip board.
type boardTile struct {
	widget.BaseWidget
	row    db.WhipRow
	mark   db.RecordMark
	onShow func(db.WhipRow, db.RecordMark)
}

var (
	_ fyne.Tappable     = (*boardTile)(nil)
	_ desktop.Hoverable = (*boardTile)(nil)
)

func newBoardTile(r db.WhipRow, m db.RecordMark, onShow func(db.WhipRow, db.RecordMark)) *boardTile {
	t := &boardTile{row: r, mark: m, onShow: onShow}
	t.ExtendBaseWidget(t)
	return t
}

func (t *boardTile) Tapped(*fyne.PointEvent)        { t.onShow(t.row, t.mark) }
func (t *boardTile) MouseIn(*desktop.MouseEvent)    { t.onShow(t.row, t.mark) }
func (t *boardTile) MouseMoved(*desktop.MouseEvent) {}
func (t *boardTile) MouseOut()                      {}

func (t *boardTile) CreateRenderer() fyne.WidgetRenderer {
	fill := canvas.NewRectangle(stanceColors[t.row.Stance])
	fill.StrokeColor = color.NRGBA{0x80, 0x80, 0x80, 0xff}
	fill.StrokeWidth = 1
	objs := []fyne.CanvasObject{fill}
	var corner, band *canvas.Rectangle
	if t.mark.Sponsorship != "" {
		corner = canvas.NewRectangle(color.White)
		corner.StrokeColor = color.Black
		corner.StrokeWidth = 1
		objs = append(objs, corner)
	}
	if t.mark.LastVote != "" {
		c := color.NRGBA{0x80, 0x80, 0x80, 0xff}
		switch t.mark.LastVote {
		case "yes":
			c = color.NRGBA{0x1f, 0x6f, 0xd0, 0xff}
		case "no":
			c = color.NRGBA{0x96, 0x1e, 0x14, 0xff}
		}
		band = canvas.NewRectangle(c)
		objs = append(objs, band)
	}
	return &boardTileRenderer{fill: fill, corner: corner, band: band, objs: objs}
}

type boardTileRenderer struct {
	fill, corner, band *canvas.Rectangle
	objs               []fyne.CanvasObject
}

func (r *boardTileRenderer) Layout(size fyne.Size) {
	r.fill.Resize(fyne.NewSize(size.Width-2, size.Height-2))
	r.fill.Move(fyne.NewPos(1, 1))
	if r.corner != nil {
		s := size.Width * 0.4
		r.corner.Resize(fyne.NewSize(s, s))
		r.corner.Move(fyne.NewPos(size.Width-s-1, 1))
	}
	if r.band != nil {
		h := size.Height * 0.3
		r.band.Resize(fyne.NewSize(size.Width-2, h))
		r.band.Move(fyne.NewPos(1, size.Height-h-1))
	}
}

func (r *boardTileRenderer) MinSize() fyne.Size           { return fyne.NewSize(boardTileSize, boardTileSize) }
func (r *boardTileRenderer) Refresh()                     {}
func (r *boardTileRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *boardTileRenderer) Destroy()                     {}
