package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/chapterdesk/chapterdesk/db"
)

// Colours of the week chart: all calls, and the part of them that reached an office.
var (
	callsColor   = color.NRGBA{0x9b, 0xb7, 0xd4, 0xff}
	reachesColor = color.NRGBA{0x2b, 0x6c, 0xb0, 0xff}
)

// weekChart draws calls per week as bars, the reaches inside each bar, with the
// week's date under it.
type weekChart struct {
	widget.BaseWidget
	weeks []db.WeekCount
}

func newWeekChart() *weekChart {
	c := &weekChart{}
	c.ExtendBaseWidget(c)
	return c
}

func (c *weekChart) setWeeks(w []db.WeekCount) {
	c.weeks = w
	c.Refresh()
}

func (c *weekChart) CreateRenderer() fyne.WidgetRenderer {
	return &weekChartRenderer{chart: c}
}

type weekChartRenderer struct {
	chart   *weekChart
	objects []fyne.CanvasObject
}

const weekLabelHeight = 18

func (r *weekChartRenderer) build() {
	r.objects = r.objects[:0]
	for _, w := range r.chart.weeks {
		calls := canvas.NewRectangle(callsColor)
		reaches := canvas.NewRectangle(reachesColor)
		label := canvas.NewText(w.Start.Format("Jan 2"), theme.Color(theme.ColorNamePlaceHolder))
		label.TextSize = 11
		label.Alignment = fyne.TextAlignCenter
		count := canvas.NewText(numbers.Sprintf("%d", w.Calls), theme.Color(theme.ColorNameForeground))
		count.TextSize = 11
		count.Alignment = fyne.TextAlignCenter
		r.objects = append(r.objects, calls, reaches, label, count)
	}
}

func (r *weekChartRenderer) Layout(size fyne.Size) {
	weeks := r.chart.weeks
	if len(r.objects) != 4*len(weeks) {
		r.build()
	}
	top := 0
	for _, w := range weeks {
		top = max(top, w.Calls)
	}
	if len(weeks) == 0 {
		return
	}
	slot := size.Width / float32(len(weeks))
	plot := size.Height - 2*weekLabelHeight
	for i, w := range weeks {
		x := float32(i)*slot + slot*0.15
		bw := slot * 0.7
		h, rh := float32(0), float32(0)
		if top > 0 {
			h = plot * float32(w.Calls) / float32(top)
			rh = plot * float32(w.Reaches) / float32(top)
		}
		base := weekLabelHeight + plot
		o := r.objects[4*i : 4*i+4]
		o[0].Move(fyne.NewPos(x, base-h))
		o[0].Resize(fyne.NewSize(bw, h))
		o[1].Move(fyne.NewPos(x, base-rh))
		o[1].Resize(fyne.NewSize(bw, rh))
		o[2].Move(fyne.NewPos(float32(i)*slot, base+2))
		o[2].Resize(fyne.NewSize(slot, weekLabelHeight))
		o[3].Move(fyne.NewPos(float32(i)*slot, base-h-weekLabelHeight))
		o[3].Resize(fyne.NewSize(slot, weekLabelHeight))
	}
}

func (r *weekChartRenderer) MinSize() fyne.Size { return fyne.NewSize(320, 150) }

func (r *weekChartRenderer) Refresh() {
	r.build()
	r.Layout(r.chart.Size())
	canvas.Refresh(r.chart)
}

func (r *weekChartRenderer) Objects() []fyne.CanvasObject {
	if len(r.objects) != 4*len(r.chart.weeks) {
		r.build()
	}
	return r.objects
}

func (r *weekChartRenderer) Destroy() {}
