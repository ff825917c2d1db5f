package ui

import (
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestStopEndlessBars(t *testing.T) {
	test.NewTempApp(t)
	inner, outer := widget.NewProgressBarInfinite(), widget.NewProgressBarInfinite()
	w := test.NewWindow(container.NewVBox(outer, container.NewCenter(container.NewHBox(widget.NewLabel("Reading…"), inner))))
	defer w.Close()
	if bars := endlessBars(w.Content()); len(bars) != 2 || !inner.Running() || !outer.Running() {
		t.Fatalf("%d bars, running %v %v", len(bars), inner.Running(), outer.Running())
	}
	stopEndlessBars(w.Content())
	if inner.Running() || outer.Running() {
		t.Errorf("still running: inner %v, outer %v", inner.Running(), outer.Running())
	}
}
