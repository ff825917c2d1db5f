package db

import (
	"database/sql"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"
	"unicode/utf8"
)

// The callers a call import adds beside a roster volunteer they may be (see
// CallImportSummary.CallersBeside): never a silent second person.

// addedCaller is a caller the import added with no email (see nearRoster): the
// name folded (key) and typed, and where they were added.
type addedCaller struct {
	id, line              int
	key, name, legislator string
}

// besideOf finds the roster volunteer of the name of a caller with an email that
// find has just added: the place of the one on the roster before the import, or
// manyNamed for several; ok false for none, or a caller with no email (see
// nearRoster: without one, find takes the roster's one of the name).
func (c *callerIndex) besideOf(p *pendingCall) (at int32, ok bool) {
	if p.email == 0 || p.name == 0 {
		return 0, false
	}
	if at, ok := c.besideRoster[p.name]; ok {
		return at, true
	}
	return manyNamed, c.rosterMany[p.name]
}

// besideNote says why the caller id, whom find has just added beside the roster's
// volunteer at place at of the same name (see besideOf), needs the lead's look: the
// email found no one, and a person may write from two addresses. Not filed under
// the roster's one: two people of one name are as common.
func (c *callerIndex) besideNote(l *Loader, p *pendingCall, id int64, at int32) (string, error) {
	added := fmt.Sprintf("added %s (volunteer %d, email %s)", p.in.CallerName, id, p.in.CallerEmail)
	if at == manyNamed {
		return added + " beside the roster's volunteers of that name, none with that email: one of them with another email, or another person?", nil
	}
	var first, last, email string
	if err := l.tx.QueryRowContext(l.ctx, `SELECT first_name, last_name, email FROM volunteers WHERE id = ?`, c.callers[at].id).Scan(&first, &last, &email); err != nil {
		return "", err
	}
	if email == "" {
		email = "none"
	}
	return fmt.Sprintf("%s beside the roster's %s (volunteer %d, email %s): one person with two emails, or two people?",
		added, strings.TrimSpace(first+" "+last), c.callers[at].id, email), nil
}

// nearRoster lists the callers the import added with no email (nameless) whose name
// is one letter off the name of a volunteer on the roster before the import ("Ann
// Jhonson", the roster's Ann Johnson), up to maxLooseNamed of them a caller: a typo
// the form kept, or another person. One reading of the roster at the end, the
// names compared by their one-letter deletions (see deletionKeys; then oneEditApart
// and swappedApart tell), so a form of a
// million rows costs no query a row, nor a key a roster letter.
func (c *callerIndex) nearRoster(l *Loader) ([]UnresolvedCall, error) {
	if len(c.nameless) == 0 || c.before == 0 {
		return nil, nil
	}
	byKey := map[uint64][]int32{}
	for i, n := range c.nameless {
		deletionKeys(n.key, func(k uint64) {
			if at := byKey[k]; len(at) == 0 || at[len(at)-1] != int32(i) {
				byKey[k] = append(at, int32(i))
			}
		})
	}
	near := make([][]string, len(c.nameless))
	err := eachRow(l.ctx, l.tx, func(r *sql.Rows) error {
		var id int64
		var key, first, last string
		if err := r.Scan(&id, &key, &first, &last); err != nil {
			return err
		}
		var took []int32 // the added callers this volunteer is named for already
		deletionKeys(key, func(k uint64) {
			for _, i := range byKey[k] {
				if !slices.Contains(took, i) && len(near[i]) < maxLooseNamed && (oneEditApart(c.nameless[i].key, key) || swappedApart(c.nameless[i].key, key)) {
					took = append(took, i)
					near[i] = append(near[i], fmt.Sprintf("%s (volunteer %d)", strings.TrimSpace(first+" "+last), id))
				}
			}
		})
		return nil
	}, `SELECT id, name_key, first_name, last_name FROM volunteers WHERE deleted_at IS NULL AND chapter_id = ? AND id <= ? ORDER BY id`,
		l.chapterID, c.callers[c.before-1].id)
	var out []UnresolvedCall
	for i, names := range near {
		if len(names) > 0 {
			n := c.nameless[i]
			out = append(out, UnresolvedCall{Line: n.line, Legislator: n.legislator,
				Reason: fmt.Sprintf("added %s (volunteer %d, no email) beside the roster's %s, a name one letter off: the same person misspelt, or another?",
					n.name, n.id, strings.Join(names, " or "))})
		}
	}
	return out, err
}

// deletionKeys calls fn with the key of s and of s without each of its letters in
// turn: two names one letter apart (one changed, added, left out, or two swapped)
// share one of these keys.
func deletionKeys(s string, fn func(uint64)) {
	var h maphash.Hash
	h.SetSeed(keySeed)
	h.WriteString(s)
	fn(h.Sum64())
	for i, r := range s {
		h.Reset()
		h.WriteString(s[:i])
		h.WriteString(s[i+utf8.RuneLen(r):])
		fn(h.Sum64())
	}
}

// swappedApart says whether a and b differ only by two letters side by side
// swapped ("jhonson", "johnson"): a typo oneEditApart does not count.
func swappedApart(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if len(x) != len(y) {
		return false
	}
	i := 0
	for i < len(x) && x[i] == y[i] {
		i++
	}
	return i+1 < len(x) && x[i] == y[i+1] && x[i+1] == y[i] && slices.Equal(x[i+2:], y[i+2:])
}
