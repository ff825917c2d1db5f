package main

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// quitApp is a test app that says when it is asked to quit.
type quitApp struct {
	fyne.App
	quit chan struct{}
}

func (a quitApp) Quit() { close(a.quit) }

// TestQuitOnSignal: the end of main's context (SIGTERM, SIGINT, SIGHUP) quits the
// app. smoke.sh checks the real window does.
func TestQuitOnSignal(t *testing.T) {
	a := quitApp{App: test.NewTempApp(t), quit: make(chan struct{})}
	ctx, cancel := context.WithCancel(context.Background())
	quitOnSignal(ctx, a)
	select {
	case <-a.quit:
		t.Fatal("the app quit before the signal")
	default:
	}
	cancel()
	<-a.quit // never asked to quit: the test times out
}
