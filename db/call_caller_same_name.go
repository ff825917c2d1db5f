package db

import (
	"fmt"
	"slices"
	"strings"
)

// A report with no email is found by its caller's name when one volunteer has it.
// A name this import makes several volunteers' (two new callers "Maria Lopez", one
// of a@x.org and one of b@y.org) tells none of them: a later report of the name
// with no email is filed with no caller and listed (sameNameAdded), and so is one
// the import filed by the name before the second was added (refileGuesses): which
// of them had been added first was a guess the output never showed (tester, s46).
// A name several volunteers had on the roster before the import leaves its report
// out, as it always did (find); one the import made ambiguous cannot: its reports
// before are filed, and are filed with no caller alike, whatever the file's order.

// nameGuess is a report filed by its caller's name alone (no email) to a caller
// this import added (see callerIndex.byNameOnly), as refileGuesses weighs it once
// the file is read.
type nameGuess struct {
	uuid, name, legislator string // name and legislator as the row gives them
	line                   int
	at                     int32 // the caller's place in callerIndex.callers
}

// titleInName is why the report's caller cannot be added nor found by the name, ""
// when it can: a title where no title of a name goes (strayTitle: "Oz Rep. Moran",
// the legislator typed in the caller's cell, or "Ana Dr. Silva"). A name of two
// people ("Mr. and Mrs. Chen") is addNew's to weigh.
func titleInName(name string) string {
	t := strayTitle(name)
	if t == "" || TwoPeople(name) {
		return ""
	}
	what := fmt.Sprintf("the title %q in the middle of the name", t)
	if !isTitle(namePrefixes, t) {
		what = fmt.Sprintf("a legislator's title, %q (the legislator typed in the caller's place?)", t)
	}
	return fmt.Sprintf("the caller %s holds %s: left out, as no volunteer is added under such a name and who called cannot be told; write the caller's name (or email) alone in the row and import it again",
		name, what)
}

// sameNameAdded says, for the import to list (noCaller), that the report (no
// email) is filed with no caller as its name is that of several volunteers, some
// added by this import: the volunteers named with their emails.
func (c *callerIndex) sameNameAdded(l *Loader, p *pendingCall) error {
	who, err := c.namedAlike(l, p.name)
	if err != nil {
		return err
	}
	c.noCaller = fmt.Sprintf("the caller %s gives no email, and %s: %s with no caller, as whose call it is cannot be told; to file it under the one who called, write their email in the row and import the sheet again",
		p.in.CallerName, who, c.did("filed", "would be filed"))
	return nil
}

// namedAlike names the volunteers whose name key is name ("more than one volunteer
// is named Maria Lopez: Maria Lopez (volunteer 1, email a@x.org), ..."), the first
// maxLooseNamed of them, saying which this import added. Asked once a name.
func (c *callerIndex) namedAlike(l *Loader, name uint64) (string, error) {
	if why, ok := c.alike[name]; ok {
		return why, nil
	}
	var names []string
	n, added := 0, 0
	for i := range c.callers {
		if c.callers[i].name != name {
			continue
		}
		if n++; int32(i) >= c.before {
			added++
		}
		if len(names) == maxLooseNamed {
			continue
		}
		if err := l.written(c.callers[i].id); err != nil {
			return "", err
		}
		var first, last, email string
		if err := l.tx.QueryRowContext(l.ctx, `SELECT first_name, last_name, email FROM volunteers WHERE id = ?`, c.callers[i].id).Scan(&first, &last, &email); err != nil {
			return "", err
		}
		if email == "" {
			email = "no email"
		} else {
			email = "email " + email
		}
		names = append(names, fmt.Sprintf("%s (%s, %s)", strings.TrimSpace(first+" "+last), c.ref(c.callers[i].id), email))
	}
	if n > len(names) {
		names = append(names, fmt.Sprintf("%d more", n-len(names)))
	}
	why := fmt.Sprintf("%d volunteers have that name, %d of them added by this import: %s", n, added, strings.Join(names, ", "))
	if c.alike == nil {
		c.alike = map[uint64]string{}
	}
	c.alike[name] = why
	return why, nil
}

// keepGuess keeps the report r filed, as find has just said (byNameOnly), by the
// name alone to a caller this import added, for refileGuesses.
func (c *callImport) keepGuess(p *pendingCall, r *CallReport) {
	if at := c.callers.byNameOnly; at >= 0 {
		c.guesses = append(c.guesses, nameGuess{uuid: r.UUID, line: p.in.Line, at: at,
			name: strings.Clone(p.in.CallerName), legislator: strings.Clone(p.in.Legislator)})
	}
}

// refileGuesses files with no caller, and lists, each report filed by the name
// alone to a caller this import added whose name the import gave another volunteer
// since (see the top of this file). Run once the file is read and its reports
// written; a report a later row of the file moved or edited is one of its rows'.
func (c *callImport) refileGuesses() error {
	sum := &c.sum
	for _, g := range c.guesses {
		k := c.callers.callers[g.at]
		if c.callers.byName[k.name] != manyNamed {
			continue
		}
		who, err := c.callers.namedAlike(c.l, k.name)
		if err != nil {
			return err
		}
		res, err := c.l.tx.ExecContext(c.l.ctx, `UPDATE call_reports SET volunteer_id = NULL WHERE uuid = ? AND volunteer_id = ?`, g.uuid, k.id)
		if err != nil {
			return fmt.Errorf("line %d: %w", g.line, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			continue
		}
		if sum.NoCallerCount++; moreLines(sum.NoCaller, &sum.NoCallerAfter, g.line) {
			sum.NoCaller = append(sum.NoCaller, UnresolvedCall{Line: g.line, Legislator: g.legislator,
				Reason: fmt.Sprintf("the caller %s gives no email, and %s: %s with no caller, as whose call it is cannot be told (the volunteer added first was no surer); to file it under the one who called, write their email in the row and import the sheet again",
					g.name, who, c.callers.did("filed", "would be filed"))})
		}
	}
	c.guesses = nil
	slices.SortStableFunc(sum.NoCaller, func(a, b UnresolvedCall) int { return a.Line - b.Line })
	slices.Sort(sum.NoCallerAfter)
	return nil
}
