package db

import (
	"regexp"
	"strings"
	"sync"
)

// People type their email or phone number where a form asks their name ("Your name:
// jdoe@example.org", "Maria 617-555-0199"): stored as a name, it is printed wherever a
// name is, a coalition-safe workbook too, where a name is thought to give nothing
// away. nameEmail and namePhone find them in a name cell.
var (
	nameEmail = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`[<(\[]?[^\s,;:<>()\[\]"']*@[^\s,;:<>()\[\]"']*[>)\]]?`)
	}) // with its brackets: "Ann <ann@x.org>"
	// Seven digits or more, with the spaces, dashes, dots and brackets a number is
	// written with: a house number or "3rd" is not a phone.
	namePhone = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\+?\(?\d[\d\s().\-]*\d`) })
)

// ContactsInName takes the email addresses and phone numbers out of a name as typed:
// rest is what is left (spaces tidied), emails and phones what was taken out, in order.
// "Maria 617-555-0199" is Maria and the phone; "jdoe@example.org" is no name at all.
func ContactsInName(name string) (rest string, emails, phones []string) {
	if !strings.ContainsAny(name, "@0123456789") {
		return name, nil, nil
	}
	rest = nameEmail().ReplaceAllStringFunc(name, func(m string) string {
		emails = append(emails, strings.Trim(m, ".<>()[]"))
		return " "
	})
	rest = namePhone().ReplaceAllStringFunc(rest, func(m string) string {
		digits := 0
		for _, r := range m {
			if r >= '0' && r <= '9' {
				digits++
			}
		}
		if digits < 7 {
			return m
		}
		phones = append(phones, strings.TrimSpace(m))
		return " "
	})
	if emails == nil && phones == nil {
		return name, nil, nil
	}
	return strings.Join(strings.Fields(rest), " "), emails, phones
}
