package db

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// countPeople counts the live volunteers of every chapter the login reads as people,
// matched as an import's dedupe matches them (volunteerIndex.match): two volunteers
// with the same email (in any case) are one person unless their first names clearly
// differ (sameByEmail), two with the same phone or mobile number (E.164) only when
// their names are the same (sameByPhone): Robert and Linda Jones on one household
// line are two. A chain of such matches is one person. A file of merged chapters
// holds a person once per chapter whose roster has them; its coalition's total counts
// them once.
//
// Each key's holders are kept by first-name stem (keyHolders), so a holder is
// compared with the few stems that can be its (a household's 5,000 entries on a
// union hall's line took 2 s compared each with each).
func countPeople(ctx context.Context, tx *sql.Tx) (int, error) {
	var parent []int32
	find := func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	people := 0
	union := func(a, b int32) {
		if a, b = find(a), find(b); a != b {
			parent[a] = b
			people--
		}
	}
	// A phone's holders are matched only among those of the same name (sameByPhone):
	// the key is the number and the name; an email's, the email alone.
	type key struct{ key, name uint64 }
	holders := map[key]*keyHolders{}
	var email, phone, mobile, nameKey, first string
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		if err := r.Scan(&email, &phone, &mobile, &nameKey, &first); err != nil {
			return err
		}
		me := int32(len(parent))
		parent = append(parent, me)
		people++
		name, stem := key64(nameKey), stemOf(first)
		for _, k := range []key{{emailKey(email), 0}, {numberKey(phone), name}, {numberKey(mobile), name}} {
			if k.key == 0 {
				continue
			}
			h := holders[k]
			if h == nil {
				h = &keyHolders{zero: -1, stems: map[firstStem]int32{}}
				holders[k] = h
			}
			h.add(me, stem, union)
		}
		return nil
	}, `SELECT email, phone_e164, mobile_e164, name_key, first_name FROM volunteers WHERE deleted_at IS NULL`)
	return people, err
}

// keyHolders are the volunteers of one match key, by first-name stem: one holder of
// each stem stands for all (they are one person: a stem never differs from itself).
// A new holder is one person with each earlier holder whose stem does not differ
// from its own (sameByEmail), as if compared with each: no first name (zero), the
// same stem, a stem that begins it or that it begins (longer: the holders of the
// stems each prefix begins, looked at when a stem first comes), or a nickname.
type keyHolders struct {
	zero   int32 // a holder with no first name, -1 none: one person with every holder
	stems  map[firstStem]int32
	longer map[firstStem][]int32
}

func (h *keyHolders) add(me int32, stem firstStem, union func(a, b int32)) {
	if h.zero >= 0 {
		// Every holder since the first with no first name is one person with it.
		union(me, h.zero)
		return
	}
	if stem == 0 {
		h.zero = me
		for _, o := range h.stems {
			union(me, o)
		}
		return
	}
	if o, ok := h.stems[stem]; ok {
		union(me, o)
	} else {
		h.stems[stem] = me
		for _, o := range h.longer[stem] {
			union(me, o)
		}
		if h.longer == nil {
			h.longer = map[firstStem][]int32{}
		}
		for _, p := range stemPrefixes(stem) {
			h.longer[p] = append(h.longer[p], me)
		}
	}
	for _, p := range stemPrefixes(stem) {
		if o, ok := h.stems[p]; ok {
			union(me, o)
		}
	}
	for _, a := range nicknamedBy()[stem.String()] {
		if o, ok := h.stems[a]; ok {
			union(me, o)
		}
	}
}

// stemPrefixes are the shorter stems that begin s (startOf).
func stemPrefixes(s firstStem) []firstStem {
	var out []firstStem
	for n := 1; n < 8; n++ {
		p := s &^ (1<<(64-8*n) - 1)
		if p == s {
			break
		}
		out = append(out, p)
	}
	return out
}

// nicknamedBy are, for a stem, the stems whose nicknames (stemNicknames) hold it:
// differs(a, b) asks a's nicknames for b. Built at the first people count, not at
// every start of every verb.
var nicknamedBy = sync.OnceValue(func() map[string][]firstStem {
	m := map[string][]firstStem{}
	for a, others := range stemNicknames {
		for _, b := range others {
			m[b] = append(m[b], stemOf(a))
		}
	}
	return m
})

// CountPeople counts the live volunteers the login reads as people, a person on
// several chapters' rosters once (see countPeople); -1 when they are all of one
// chapter, whose roster is counted as it is (CountVolunteers).
func (s *Store) CountPeople(ctx context.Context) (int, error) {
	var n int
	err := s.readTx(ctx, func(tx *sql.Tx) (err error) {
		n, err = peopleOfSeveralChapters(ctx, tx)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("count people: %w", s.refused(ctx, err))
	}
	return n, nil
}

// peopleOfSeveralChapters is countPeople when the live volunteers are of more than one
// chapter (a merged file, a coalition server), and -1 otherwise: one chapter's
// roster is counted as it is.
func peopleOfSeveralChapters(ctx context.Context, tx *sql.Tx) (int, error) {
	var chapters int
	if err := tx.QueryRowContext(ctx, `SELECT count(DISTINCT chapter_id) FROM volunteers WHERE deleted_at IS NULL`).Scan(&chapters); err != nil {
		return 0, err
	}
	if chapters < 2 {
		return -1, nil
	}
	return countPeople(ctx, tx)
}

// numberKey is a phone number's match key (0: none), apart from every email's.
func numberKey(e164 string) uint64 {
	if e164 == "" {
		return 0
	}
	return key64("tel", e164)
}
