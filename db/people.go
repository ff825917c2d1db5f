package db

import (
	"context"
	"database/sql"
	"fmt"
)

// countPeople counts the live volunteers of every chapter the login reads as people,
// matched as an import's dedupe matches them (volunteerIndex.match): two volunteers
// with the same email (in any case) are one person unless their first names clearly
// differ (sameByEmail), two with the same phone or mobile number (E.164) only when
// their names are the same (sameByPhone): Robert and Linda Jones on one household
// line are two. A chain of such matches is one person. A file of merged chapters
// holds a person once per chapter whose roster has them; its coalition's total counts
// them once.
func countPeople(ctx context.Context, tx *sql.Tx) (int, error) {
	type vol struct {
		name  uint64
		first firstStem
	}
	var parent []int32
	var vols []vol
	find := func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	people := 0
	// Each match key and the volunteers that have it: a household's members are
	// compared with each other, not only with the first.
	holders := map[uint64][]int32{}
	var email, phone, mobile, nameKey, first string
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		if err := r.Scan(&email, &phone, &mobile, &nameKey, &first); err != nil {
			return err
		}
		me := int32(len(parent))
		parent = append(parent, me)
		vols = append(vols, vol{name: key64(nameKey), first: stemOf(first)})
		people++
		byPhone := func(o int32) bool {
			return sameByPhone(vols[o].name, vols[me].name) && sameByEmail(vols[o].first, vols[me].first)
		}
		byEmail := func(o int32) bool { return sameByEmail(vols[o].first, vols[me].first) }
		for _, k := range []struct {
			key  uint64
			same func(int32) bool
		}{{emailKey(email), byEmail}, {numberKey(phone), byPhone}, {numberKey(mobile), byPhone}} {
			if k.key == 0 {
				continue
			}
			for _, other := range holders[k.key] {
				if !k.same(other) {
					continue
				}
				if a, b := find(me), find(other); a != b {
					parent[a] = b
					people--
				}
			}
			holders[k.key] = append(holders[k.key], me)
		}
		return nil
	}, `SELECT email, phone_e164, mobile_e164, name_key, first_name FROM volunteers WHERE deleted_at IS NULL`)
	return people, err
}

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
