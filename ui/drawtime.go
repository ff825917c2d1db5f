package ui

import (
	"context"
	"fmt"
	"image"
	"io"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// measureDrawAsync times the dashboard in the real window, drawn by the app's own
// OpenGL painter (make bench-draw: CHAPTERDESK_DRAWTIME=N), N times: reading its data,
// showing it (with the whip board built afresh, as when the count changed) and the
// first frame painted after, and writes one line a round and a summary to out. The
// frame is known painted when the painter asks a one-pixel raster, refreshed with the
// screen and drawn after it (an overlay), for its image. Called on the UI goroutine
// with the dashboard shown; done runs on it at the end.
func (m *mainWindow) measureDrawAsync(rounds int, out io.Writer, done func()) {
	d := m.home
	painted := make(chan time.Time, 1)
	probe := canvas.NewRaster(func(w, h int) image.Image {
		select {
		case painted <- time.Now():
		default:
		}
		return image.NewNRGBA(image.Rect(0, 0, 1, 1))
	})
	probe.Resize(fyne.NewSize(1, 1))
	overlay := container.NewWithoutLayout(probe)
	m.w.Canvas().Overlays().Add(overlay)
	background(func() {
		defer doUI(func() {
			m.w.Canvas().Overlays().Remove(overlay)
			done()
		})
		var totals []float64
		for i := range rounds {
			// A frame of the previous round may still be on its way.
			time.Sleep(300 * time.Millisecond)
			select {
			case <-painted:
			default:
			}
			t0 := time.Now()
			data, err := d.load(context.Background(), m.prefs.staleDays())
			if err != nil {
				fmt.Fprintln(out, "draw time: the dashboard's data:", err)
				return
			}
			t1 := time.Now()
			var t2 time.Time
			doUIAndWait(func() {
				d.board.shown = ""
				d.show(data)
				probe.Refresh()
				t2 = time.Now()
			})
			var t3 time.Time
			select {
			case t3 = <-painted:
			case <-time.After(10 * time.Second):
				fmt.Fprintln(out, "draw time: no frame was painted in 10 s")
				return
			}
			ms := func(a, b time.Time) float64 { return float64(b.Sub(a).Microseconds()) / 1000 }
			totals = append(totals, ms(t0, t3))
			fmt.Fprintf(out, "draw %d: %.1f ms (data %.1f, show %.1f, frame painted %.1f ms after), %d legislators on the board\n",
				i+1, ms(t0, t3), ms(t0, t1), ms(t1, t2), ms(t2, t3), len(data.whip.Legislators))
		}
		if len(totals) > 0 {
			slices.Sort(totals)
			fmt.Fprintf(out, "dashboard drawn: best %.1f ms, median %.1f ms, worst %.1f ms of %d\n",
				totals[0], totals[len(totals)/2], totals[len(totals)-1], len(totals))
		}
	})
}
