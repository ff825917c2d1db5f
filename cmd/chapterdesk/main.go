package main

import (
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
	_ "github.com/xuri/excelize/v2"
	_ "modernc.org/sqlite"
	_ "codeberg.org/go-pdf/fpdf"
	_ "github.com/nyaruka/phonenumbers"
	_ "github.com/google/uuid"
)

func main() {
	a := app.New()
	w := a.NewWindow("x")
	w.SetContent(widget.NewLabel("hi"))
	w.ShowAndRun()
}
