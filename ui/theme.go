package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// appTheme is Fyne's theme, held to one variant when the lead chose light or dark
// (fixed), with secondary text readable. Fyne draws a low-importance label (the help
// lines, a list's second column, the dashboard's file line) in its disabled colour,
// 1.5:1 against the dark background and 1.3:1 against the light: nearly unreadable.
// That colour is darkened or lightened to 4.5:1 (WCAG AA for text), still dimmer than
// the main text; disabled buttons, drawn in it too, stay flat and dim.
type appTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
	fixed   bool
}

// Secondary text: 5.3:1 on the dark background (#171718), 4.5:1 on the light (#ffffff).
var (
	secondaryDark  = color.NRGBA{R: 0x8c, G: 0x8c, B: 0x8c, A: 0xff}
	secondaryLight = color.NRGBA{R: 0x76, G: 0x76, B: 0x76, A: 0xff}
)

func (t appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.fixed {
		v = t.variant
	}
	if n == theme.ColorNameDisabled {
		if v == theme.VariantLight {
			return secondaryLight
		}
		return secondaryDark
	}
	return t.Theme.Color(n, v)
}

// applyTheme sets the app's theme from a settings choice.
func applyTheme(a fyne.App, choice string) {
	switch choice {
	case themeLight:
		a.Settings().SetTheme(appTheme{theme.DefaultTheme(), theme.VariantLight, true})
	case themeDark:
		a.Settings().SetTheme(appTheme{theme.DefaultTheme(), theme.VariantDark, true})
	default:
		a.Settings().SetTheme(appTheme{Theme: theme.DefaultTheme()})
	}
}

// themedText is text drawn in a theme colour that follows the theme: a canvas.Text
// takes its colour once, when built, so a switch to the light theme left the
// dashboard's headline numbers in the dark theme's white until a restart. Fyne
// refreshes every widget when the theme changes; the renderer reads the colour then.
type themedText struct {
	widget.BaseWidget
	Text      string
	size      float32
	colorName fyne.ThemeColorName
}

func newThemedText(text string, size float32, colorName fyne.ThemeColorName) *themedText {
	t := &themedText{Text: text, size: size, colorName: colorName}
	t.ExtendBaseWidget(t)
	return t
}

// color is the text's colour in the theme now in force.
func (t *themedText) color() color.Color {
	return t.Theme().Color(t.colorName, fyne.CurrentApp().Settings().ThemeVariant())
}

func (t *themedText) CreateRenderer() fyne.WidgetRenderer {
	c := canvas.NewText(t.Text, t.color())
	c.TextSize = t.size
	c.TextStyle.Bold = true
	return &themedTextRenderer{t: t, c: c}
}

type themedTextRenderer struct {
	t *themedText
	c *canvas.Text
}

func (r *themedTextRenderer) Layout(size fyne.Size)        { r.c.Resize(size) }
func (r *themedTextRenderer) MinSize() fyne.Size           { return r.c.MinSize() }
func (r *themedTextRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.c} }
func (r *themedTextRenderer) Destroy()                     {}
func (r *themedTextRenderer) Refresh() {
	r.c.Text = r.t.Text
	r.c.Color = r.t.color()
	r.c.Refresh()
}

// themedRect is a rectangle filled with a theme colour that follows the theme.
type themedRect struct {
	widget.BaseWidget
	colorName fyne.ThemeColorName
	min       fyne.Size
}

func newThemedRect(colorName fyne.ThemeColorName, min fyne.Size) *themedRect {
	r := &themedRect{colorName: colorName, min: min}
	r.ExtendBaseWidget(r)
	return r
}

func (r *themedRect) color() color.Color {
	return r.Theme().Color(r.colorName, fyne.CurrentApp().Settings().ThemeVariant())
}

func (r *themedRect) CreateRenderer() fyne.WidgetRenderer {
	rect := canvas.NewRectangle(r.color())
	rect.SetMinSize(r.min)
	return &themedRectRenderer{r: r, rect: rect}
}

type themedRectRenderer struct {
	r    *themedRect
	rect *canvas.Rectangle
}

func (r *themedRectRenderer) Layout(size fyne.Size)        { r.rect.Resize(size) }
func (r *themedRectRenderer) MinSize() fyne.Size           { return r.rect.MinSize() }
func (r *themedRectRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.rect} }
func (r *themedRectRenderer) Destroy()                     {}
func (r *themedRectRenderer) Refresh() {
	r.rect.FillColor = r.r.color()
	r.rect.Refresh()
}
