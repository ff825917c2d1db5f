package ui

import (
	"bytes"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// TestGoldmarkPatchKeepsMarkdown guards the patched goldmark in third_party: its
// Linkify extension compiles its address patterns when first used instead of at
// every start of the program, and still links both kinds of address; Fyne's own
// markdown (the Help screen's) still renders a table, a task list and a strikethrough.
func TestGoldmarkPatchKeepsMarkdown(t *testing.T) {
	t.Run("Linkify links a www. address and a URL", func(t *testing.T) {
		var out bytes.Buffer
		md := goldmark.New(goldmark.WithExtensions(extension.Linkify))
		if err := md.Convert([]byte("See www.mass.gov and https://malegislature.gov/Bills/194/H3269 today."), &out); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`<a href="http://www.mass.gov">www.mass.gov</a>`,
			`<a href="https://malegislature.gov/Bills/194/H3269">https://malegislature.gov/Bills/194/H3269</a>`} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("%s lacks %s", out.String(), want)
			}
		}
	})
	t.Run("Fyne's markdown renders a table, a task list and a strikethrough", func(t *testing.T) {
		text := widget.NewRichTextFromMarkdown("| Rep | Stance |\n|---|---|\n| Walsh | Yes |\n\n- [x] called\n- [ ] emailed\n\n~~undecided~~ yes\n")
		var words []string
		for _, s := range text.Segments {
			words = append(words, segmentText(s))
		}
		all := strings.Join(words, "|")
		for _, want := range []string{"Walsh", "Stance", "called", "emailed", "undecided"} {
			if !strings.Contains(all, want) {
				t.Errorf("segments %q lack %q", all, want)
			}
		}
	})
}

// segmentText is a rich text segment's words, with those of the segments it holds.
func segmentText(s widget.RichTextSegment) string {
	switch s := s.(type) {
	case *widget.TextSegment:
		return s.Text
	case *widget.CheckBoxSegment:
		return s.Text
	case *widget.ListSegment:
		var out []string
		for _, i := range s.Items {
			out = append(out, segmentText(i))
		}
		return strings.Join(out, " ")
	case *widget.ParagraphSegment:
		var out []string
		for _, i := range s.Texts {
			out = append(out, segmentText(i))
		}
		return strings.Join(out, " ")
	}
	return s.Textual()
}
