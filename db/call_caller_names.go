package db

import (
	"errors"
	"fmt"
	"strings"
)

// CallerNames is what a call import did with the names its callers gave, beside
// matching them (see callerIndex.find): the callers it added, and the reports it
// filed with no caller.
type CallerNames struct {
	// AddedCallers name the callers the import added as volunteers, with the line of
	// their first report (NewCallers counts them all): the first maxListedChanges.
	AddedCallers      []UnresolvedCall
	AddedCallersAfter []int // the lines of the rest (see moreLines)
	// NoCaller are the reports filed with no caller, as the name the report gives
	// names two people ("Linda & Robert Jones") or a family ("The Chens"): a
	// volunteer of that name would be no one, and which of them called the import
	// cannot tell; or, the report giving no email, the name is that of several
	// volunteers this import made so (see call_caller_same_name.go). NoCallerCount
	// counts them all, the list keeps the first maxListedChanges.
	NoCaller      []UnresolvedCall
	NoCallerCount int
	NoCallerAfter []int // the lines of the rest (see moreLines)
}

// addNew adds the report's caller, whom find found nowhere, as a new volunteer (see
// addCaller), unless the name tells no one to add:
//
//   - a name with letters turned into "?" ("Tr?n V?n Minh": a form saved in an
//     encoding that has no such letter, as a volunteer import finds them beside the
//     roster's, see lostToEncoding) is damaged text: the row is left out (unclear
//     says why), as one whose name is UTF-8 read as Windows-1252 is (leftGarbled);
//   - a name of two people ("Linda & Robert Jones", "Mr. and Mrs. Chen") or of a
//     family ("The Chens", see TwoPeople) is no one: the report is filed with no
//     caller, and noCaller says why for the import to list.
//
// A caller who gave several emails (see cellEmails) is added with the first, and
// found by the others too for the rest of the import.
//
// A caller added whose name is a roster volunteer's but for a Jr. or Sr. after it
// ("Sam O'Brien Jr." beside Sam O'Brien) is listed beside them, in besideTown: a
// father and son may both call, so neither is taken for the other.
func (c *callerIndex) addNew(l *Loader, p *pendingCall) (id int64, created bool, unclear string, err error) {
	in := &p.in
	rest, _, _ := ContactsInName(in.CallerName)
	if LettersLost(rest) {
		return 0, false, fmt.Sprintf(`the caller's name %s has letters turned into "?" (the form was saved in an encoding that has no such letter): left out, as no volunteer is added under a damaged name; write the caller's name right (or their email) and import the row again`,
			in.CallerName), nil
	}
	if TwoPeople(rest) {
		email := ""
		if p.email != 0 {
			email = ", email " + in.CallerEmail
		}
		c.noCaller = fmt.Sprintf("the caller %s%s names more than one person (a couple or a family): %s with no caller, as a volunteer of that name would be no one and which of them called cannot be told; to file it under the one who called, write their name (or email) in the row and import the sheet again",
			in.CallerName, email, c.did("filed", "would be filed"))
		return 0, false, "", nil
	}
	if id, err = c.addCaller(l, p); err != nil {
		return 0, false, "", err
	}
	if emails := cellEmails(in.CallerEmail); len(emails) > 1 {
		for _, e := range emails[1:] { // the other addresses given find them too, in this import
			if _, ok := c.byEmail[emailKey(e)]; !ok && emailKey(e) != 0 {
				c.byEmail[emailKey(e)] = int32(len(c.callers) - 1)
			}
		}
	}
	first, last := SplitFullName(rest)
	words := strings.Fields(last)
	n := len(words)
	if n < 2 || !generational(words[n-1]) {
		return id, true, "", nil
	}
	at, ok := c.byName[key64(fold(first+" "+strings.Join(words[:n-1], " ")))]
	if !ok || at == manyNamed || at >= c.before {
		return id, true, "", nil
	}
	name, err := c.rosterName(l, at)
	if err != nil {
		return 0, false, "", err
	}
	c.besideTown = fmt.Sprintf("%s %s (%s) beside the roster's %s (%s): one person, or two of one family (%s)?",
		c.did("added", "would add"), in.CallerName, c.ref(id), name, c.ref(c.callers[at].id), words[n-1])
	return id, true, "", nil
}

// titledName reports whether a caller's name has what SplitFullName sets apart
// around it: a title before it ("Dr. Ana Silva"), a degree after it ("Ana Silva
// PhD") or a nickname in parentheses or quotes. Looked at for every row of a form
// (see callerNameKey): it allocates nothing.
func titledName(typed string) bool {
	if strings.ContainsAny(typed, "(\"“–—―\u2010\u2011\u2012\u2212\ufe63\uff0d") || strings.Contains(typed, " -") || strings.Contains(typed, "- ") {
		return true // a nickname, or a role after a dash (NameRole), or a dash that is a hyphen (joinDashes)
	}
	typed = strings.TrimSpace(typed)
	if i := strings.IndexByte(typed, ' '); i > 0 && (namePrefix(typed[:i]) || isTitle(namedPrefixes, typed[:i])) {
		return true
	}
	i := strings.LastIndexAny(typed, " ,")
	return i >= 0 && isTitle(namePostnominals, typed[i+1:])
}

// isTitle reports whether the word w is in titles as titleKey has it ("Ph.D." is
// "phd"), without titleKey's allocations; a word of more than 8 letters is none.
func isTitle(titles map[string]bool, w string) bool {
	var b [8]byte
	n := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '.' || c == ',':
			continue
		case n == len(b):
			return false
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		b[n] = c
		n++
	}
	return titles[string(b[:n])]
}

// lettersLostFrom reports whether the name a caller typed is the roster's name with
// letters turned into "?" ("Nguy?n Th? H??ng" for Nguyễn Thị Hương, see
// lostToEncoding), a title or degree aside: the report's email, which found the
// roster person, tells the caller, and the damaged name is not stored.
func lettersLostFrom(roster, typed string) bool {
	typed, _ = NameTitles(typed)
	return lostToEncoding(roster, typed)
}

// listCaller lists what find did with the report's caller: one it added (created),
// named with the line, and one it did not add as the name names two people (a
// report filed with no caller, see addNew).
func (c *callImport) listCaller(p *pendingCall, id int64, created bool) {
	sum, in := &c.sum, &p.in
	if why := c.callers.noCaller; why != "" {
		c.callers.noCaller = ""
		if sum.NoCallerCount++; moreLines(sum.NoCaller, &sum.NoCallerAfter, in.Line) {
			sum.NoCaller = append(sum.NoCaller, UnresolvedCall{Line: in.Line, Legislator: in.Legislator, Reason: why})
		}
	}
	if !created || !moreLines(sum.AddedCallers, &sum.AddedCallersAfter, in.Line) {
		return
	}
	v, _ := callerFromName(in)
	said := []string{c.callers.ref(id)}
	if town := strings.TrimSpace(in.CallerTown); town != "" {
		said = append(said, "of "+town)
	}
	var ve *ValidationError
	if err := v.normalize(); errors.As(err, &ve) && ve.Field == "email" {
		said = append(said, fmt.Sprintf("no email: the form's %q is no address, kept in the notes", v.Email))
	} else if PlaceholderEmail(v.Email) {
		said = append(said, fmt.Sprintf("no email: the form's %q is a placeholder typed for none, kept in the notes", v.Email))
	} else if v.Email == "" {
		said = append(said, "no email")
	} else {
		said = append(said, "email "+v.Email)
	}
	why := fmt.Sprintf("%s %s (%s)", c.callers.did("added", "would add"), strings.TrimSpace(v.FirstName+" "+v.LastName), strings.Join(said, ", "))
	n := callerNameOf(in.CallerName)
	if _, titles := NameTitles(n.rest); len(titles) > 0 { // "Ed (617) 555-0188": the phone, not a nickname "(617)"
		_, role := NameRole(n.rest)
		why += fmt.Sprintf(", as the form's %q: %s", in.CallerName, SetApart(titles, role))
	} else if len(n.noName) > 0 {
		why += fmt.Sprintf(", as the form's %q: %q is no name", in.CallerName, strings.Join(n.noName, " "))
	}
	sum.AddedCallers = append(sum.AddedCallers, UnresolvedCall{Line: in.Line, Legislator: in.Legislator, Reason: why})
}

// cellEmails are the addresses of an email cell that gives several
// ("ana.silva@example.org; ana@work.org", "a@x.org / b@y.org"), in order, less the
// placeholders (none@none.com); nil for a cell of one (or none), which is the
// email as it stands.
func cellEmails(cell string) []string {
	if strings.Count(cell, "@") < 2 {
		return nil
	}
	emails := []string{}
	for _, m := range nameEmail().FindAllString(cell, -1) {
		if e := strings.Trim(m, ".<>()[]"); !PlaceholderEmail(e) {
			emails = append(emails, e)
		}
	}
	return emails
}

// pickEmail gives a report whose email cell holds several addresses (see
// cellEmails) the key of the first the roster (or the trash) has, else of the first
// of them: the cell as a whole is no one's, and the caller was added as a second
// Ana Silva beside the one whose address it gives first.
func (c *callerIndex) pickEmail(p *pendingCall) {
	emails := cellEmails(p.in.CallerEmail)
	if emails == nil {
		return
	}
	p.email = 0 // placeholders alone are no email
	if len(emails) > 0 {
		p.email = emailKey(emails[0])
	}
	for _, e := range emails {
		k := emailKey(e)
		_, known := c.byEmail[k]
		if _, trashed := c.trashed[k]; known || trashed {
			p.email = k
			return
		}
	}
}
