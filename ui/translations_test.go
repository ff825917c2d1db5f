package ui

import (
	"testing"

	"fyne.io/fyne/v2/lang"
)

// TestFyneTranslationsLoadAtFirstUse guards the patched go-i18n in third_party: Fyne
// hands it its translations at init, and the patch parses them at the first lookup,
// not at every start of the program. A lead whose system speaks French still gets
// Fyne's own words in French (its dialogs' buttons), and English again after.
func TestFyneTranslationsLoadAtFirstUse(t *testing.T) {
	use := func(locale string) {
		t.Setenv("LANGUAGE", locale)
		t.Setenv("LC_ALL", locale)
		t.Setenv("LANG", locale)
		// Adding a translation makes Fyne read the system's language again.
		if err := lang.AddTranslationsForLocale([]byte(`{"ChapterDesk test": "test"}`), "fr"); err != nil {
			t.Fatal(err)
		}
	}
	use("fr_FR.UTF-8")
	if got := lang.L("Cancel"); got != "Annuler" {
		t.Errorf(`in French, "Cancel" is %q, want "Annuler"`, got)
	}
	if got := lang.L("ChapterDesk test"); got != "test" {
		t.Errorf("a translation added after the built-in ones: %q, want %q", got, "test")
	}
	use("en_US.UTF-8")
	if got := lang.L("Cancel"); got != "Cancel" {
		t.Errorf(`in English again, "Cancel" is %q`, got)
	}
}
