package reports

import (
	"testing"
)

func TestTextGuard(t *testing.T) {
	t.Run("keeps Spanish, Portuguese, Haitian Creole and Vietnamese as they are", func(t *testing.T) {
		var g textGuard
		for _, s := range []string{"¿Qué es la Ley?", "Não, ação, você", "Kijan ou ka ede? Lè w rele, pòt",
			"Bạn có thể giúp như thế nào? Thượng viện, Hạ viện, người, ở, ữ, ậ", "“quotes” – dash • bullet’s"} {
			if got := g.clean(s, "test"); got != s {
				t.Errorf("clean(%q) = %q", s, got)
			}
		}
		if len(g.replacements()) != 0 {
			t.Errorf("replaced %v", g.replacements())
		}
	})
	t.Run("composes Vietnamese typed with combining marks", func(t *testing.T) {
		var g textGuard
		if got := g.clean("Vie\u0323\u0302t Nam", "test"); got != "Việt Nam" {
			t.Errorf("got %q", got)
		}
	})
	t.Run("replaces emoji with one ? a run and reports each character once; Chinese is kept for its face", func(t *testing.T) {
		var g textGuard
		got := g.clean("Hi 😀 there 👍🏽 and 👨‍👩‍👧 and 你好 twice 😀\tend", "answer to \"Q\"")
		if want := "Hi ? there ? and ? and 你好 twice ? end"; got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		reps := g.replacements()
		if len(reps) < 4 || reps[0].Rune != '👍' || reps[len(reps)-1].Rune != '😀' && reps[len(reps)-1].Rune != 0x1F468 {
			t.Errorf("replacements %v", reps)
		}
		for _, r := range reps {
			if r.Rune == '😀' && (r.Count != 2 || r.Where != "answer to \"Q\"") {
				t.Errorf("😀: %+v", r)
			}
		}
	})
}
