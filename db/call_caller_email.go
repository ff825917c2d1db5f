package db

import (
	"fmt"
	"strings"
)

// What a report's email says of its caller beyond finding them by it: an email that
// is no address is not used, and one given on a later form joins the volunteer an
// earlier form added by name (see callerIndex.find). Each is weighed once a caller:
// a form of a million rows asks nothing more a row.

// emailText is the address of the report whose key find uses (p.email): the email
// cell itself, or of a cell of several, the one pickEmail chose; of an empty cell, the
// address typed as the name ("Rosa Parks <rosa@x.org>", see callImport.prepare).
func emailText(p *pendingCall) string {
	emails := cellEmails(p.in.CallerEmail)
	if cell := strings.TrimSpace(p.in.CallerEmail); cell == "" {
		_, emails, _ = ContactsInName(p.in.CallerName)
	} else if emails == nil {
		return cell
	}
	for _, e := range emails {
		if emailKey(e) == p.email {
			return e
		}
	}
	return ""
}

// notAnAddress is why the report's email, which no one on the roster (nor in the
// trash) has, is no address ("ana.silva@example", "ana silva@x.org"), "" when it is
// one. Such an email finds no one and is not stored: the caller is found by name and
// town, or added with it in the notes. Judged once an email (badEmails).
func (c *callerIndex) notAnAddress(p *pendingCall) string {
	if _, known := c.byEmail[p.email]; known {
		return ""
	}
	if _, known := c.trashed[p.email]; known {
		return ""
	}
	why, ok := c.badEmails[p.email]
	if !ok {
		why = addressFault(emailText(p))
		if c.badEmails == nil {
			c.badEmails = map[uint64]string{}
		}
		c.badEmails[p.email] = why
	}
	return why
}

// addressFault says what keeps e from being an email address, "" for none.
func addressFault(e string) string {
	local, domain, _ := strings.Cut(e, "@")
	switch {
	case emailAddress(e):
		return ""
	case strings.ContainsAny(e, " \t"):
		return "it has a space in it"
	case local == "" || domain == "":
		return "it lacks a name before or after the @"
	case !strings.Contains(domain, "."):
		return fmt.Sprintf("its domain %q has no dot, as example.org has: a part is missing", domain)
	}
	return "it is not written as an address (name@example.org)"
}

// noteBadEmail says, once a caller and email (key), that the report filed under the
// volunteer at place at (found by the name) gave an email that is no address (why),
// not kept.
func (c *callerIndex) noteBadEmail(l *Loader, p *pendingCall, at int32, key uint64, why string) error {
	seen := [2]uint64{key, p.name}
	if c.badNoted[seen] {
		return nil
	}
	if c.badNoted == nil {
		c.badNoted = map[[2]uint64]bool{}
	}
	c.badNoted[seen] = true
	name, err := c.rosterName(l, at)
	if err != nil {
		return err
	}
	note := fmt.Sprintf("the form's email %q is no address (%s): not kept; the report %s under %s (%s) by the name",
		p.in.CallerEmail, why, c.did("filed", "would be filed"), name, c.ref(c.callers[at].id))
	c.callerNote = strings.TrimPrefix(c.callerNote+"; "+note, "; ") // after a town read as theirs (otherTown)
	return nil
}

// joinEmail gives the report's email to the volunteer at place at, the one of the
// report's name, when an earlier report form added them (source "report form") with
// no email and of the report's town: the same caller, who gave their email on a later
// form. Added beside them, the person would be two, and their next report with no
// email left out as one of two of that name. ok false when they are not so; then the
// caller is added as find does. Asked once an email: once joined it finds them.
func (c *callerIndex) joinEmail(l *Loader, p *pendingCall, at int32) (id int64, ok bool, err error) {
	town := townKey(p.in.CallerTown)
	e := emailText(p)
	if town == 0 || e == "" {
		return 0, false, nil
	}
	k := &c.callers[at]
	if err := l.written(k.id); err != nil {
		return 0, false, err
	}
	var email, city, source string
	if err := l.tx.QueryRowContext(l.ctx, `SELECT email, city, source FROM volunteers WHERE id = ?`, k.id).Scan(&email, &city, &source); err != nil {
		return 0, false, err
	}
	if email != "" || source != "report form" || townKey(city) != town {
		return 0, false, nil
	}
	batch := l.batch
	if at >= c.before {
		batch = 0 // a caller this import added: undo removes them whole
	}
	if _, err := updateImportedAs(l.ctx, l.tx, l.actor, batch, "volunteers", k.id, []string{"email"}, []string{""}, []string{e},
		func(a, b string) bool { return a == b }); err != nil {
		return 0, false, err
	}
	if _, had := c.byEmail[p.email]; !had {
		c.byEmail[p.email] = at
	}
	name, err := c.rosterName(l, at)
	if err != nil {
		return 0, false, err
	}
	c.callerNote = fmt.Sprintf("%s the email %s to %s (%s, of %s), whom an earlier report form added with no email: the same name and town",
		c.did("gave", "would give"), e, name, c.ref(k.id), city)
	id, _, err = c.calledOn(l, at, p.day)
	return id, true, err
}
