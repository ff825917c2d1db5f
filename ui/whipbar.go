package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// stanceColors paints the whip count (db.StanceColors: the printed board uses the same).
var stanceColors = db.StanceColors

// whipBar draws one chamber's whip count: a segment per stance, sized by its share of
// the seats, and a mark in the text colour where the votes needed fall.
type whipBar struct {
	widget.BaseWidget
	count db.ChamberCount
}

func newWhipBar() *whipBar {
	b := &whipBar{}
	b.ExtendBaseWidget(b)
	return b
}

// setCount redraws the bar for a new count.
func (b *whipBar) setCount(c db.ChamberCount) {
	b.count = c
	b.Refresh()
}

func (b *whipBar) CreateRenderer() fyne.WidgetRenderer {
	r := &whipBarRenderer{bar: b, needed: canvas.NewRectangle(theme.Color(theme.ColorNameForeground))}
	for _, s := range db.Stances {
		r.segments = append(r.segments, canvas.NewRectangle(stanceColors[s]))
	}
	return r
}

type whipBarRenderer struct {
	bar      *whipBar
	segments []*canvas.Rectangle
	needed   *canvas.Rectangle
}

func (r *whipBarRenderer) Layout(size fyne.Size) {
	c := r.bar.count
	x := float32(0)
	for i, s := range db.Stances {
		w := float32(0)
		if c.Seats > 0 {
			w = size.Width * float32(c.ByStance[s]) / float32(c.Seats)
		}
		r.segments[i].Move(fyne.NewPos(x, 0))
		r.segments[i].Resize(fyne.NewSize(w, size.Height))
		x += w
	}
	r.needed.Hidden = c.Seats == 0 || c.VotesNeeded == 0
	if !r.needed.Hidden {
		nx := size.Width * float32(c.VotesNeeded) / float32(c.Seats)
		r.needed.Move(fyne.NewPos(nx-1.5, -4))
		r.needed.Resize(fyne.NewSize(3, size.Height+8))
	}
}

func (r *whipBarRenderer) MinSize() fyne.Size { return fyne.NewSize(240, 22) }

func (r *whipBarRenderer) Refresh() {
	r.needed.FillColor = theme.Color(theme.ColorNameForeground) // follows light and dark themes
	r.Layout(r.bar.Size())
	for _, s := range r.segments {
		s.Refresh()
	}
	r.needed.Refresh()
}

func (r *whipBarRenderer) Objects() []fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, 0, len(r.segments)+1)
	for _, s := range r.segments {
		objs = append(objs, s)
	}
	return append(objs, r.needed)
}

func (r *whipBarRenderer) Destroy() {}
