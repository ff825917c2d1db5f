package db

import (
	"fmt"
	"strings"
)

// FirstOf lists items for a person in one line: the first shown of them joined by
// sep, then, when there are more, how many ("a, b, c, and 4 more"). sep is ", ", or
// "; " for items that hold commas of their own.
func FirstOf(items []string, shown int, sep string) string {
	return FirstOfFunc(items, shown, sep, func(s string) string { return s })
}

// FirstOfFunc is FirstOf for items that text writes for a person; it writes only
// those shown.
func FirstOfFunc[T any](items []T, shown int, sep string, text func(T) string) string {
	shown = min(max(shown, 0), len(items))
	var b strings.Builder
	for i, x := range items[:shown] {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(text(x))
	}
	if more := len(items) - shown; more > 0 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		fmt.Fprintf(&b, "and %d more", more)
	}
	return b.String()
}
