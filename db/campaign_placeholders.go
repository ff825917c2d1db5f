package db

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// ScriptPlaceholders are the placeholders a call script may use, each filled in on
// a call sheet (reports.CallSheets).
var ScriptPlaceholders = []string{"{caller_name}", "{caller_town}", "{legislator_title}", "{legislator_name}", "{bill_number}"}

// scriptBraces finds what a script writes as a placeholder: a word in braces.
var scriptBraces = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\{[^{}\s]{1,40}\}`) })

// UnknownPlaceholders names every {word} in the campaign's call scripts (those of
// langs; of every language when none is given) that is not
// one of ScriptPlaceholders, by language, with the placeholder meant when it is one
// letter off or another case ("unknown placeholder {caler_name} in the en call
// script: did you mean {caller_name}?"). A call sheet printed such a word as it
// stands, on every sheet, for volunteers to read aloud. None: nil.
func (c Campaign) UnknownPlaceholders(langs ...string) []string {
	if len(langs) == 0 {
		langs = c.Languages()
	}
	var out []string
	for _, lang := range langs {
		seen := map[string]bool{}
		for _, p := range scriptBraces().FindAllString(c.Texts[lang].CallScript, -1) {
			if slices.Contains(ScriptPlaceholders, p) || seen[p] {
				continue
			}
			seen[p] = true
			msg := fmt.Sprintf("unknown placeholder %s in the %s call script", p, lang)
			if meant := placeholderMeant(p); meant != "" {
				msg += ": did you mean " + meant + "?"
			} else {
				msg += " (the placeholders are " + strings.Join(ScriptPlaceholders, ", ") + ")"
			}
			out = append(out, msg)
		}
	}
	return out
}

// placeholderMeant is the placeholder p is a slip of: another case, or one letter
// off; "" for none.
func placeholderMeant(p string) string {
	for _, known := range ScriptPlaceholders {
		if strings.EqualFold(p, known) || oneEditApart(strings.ToLower(p), known) {
			return known
		}
	}
	return ""
}
