package db

import (
	"context"
	"database/sql"
	"fmt"
)

// countPeople counts the live volunteers of every chapter the login reads as people:
// two volunteers with the same email (in any case) or the same phone or mobile number
// (E.164) are one person, as an import's dedupe matches them, and so is a chain of
// such matches. A file of merged chapters holds a person once per chapter whose
// roster has them; its coalition's total counts them once.
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
	owner := map[uint64]int32{} // a match key and the first volunteer that had it
	var email, phone, mobile string
	err := eachRow(ctx, tx, func(r *sql.Rows) error {
		if err := r.Scan(&email, &phone, &mobile); err != nil {
			return err
		}
		me := int32(len(parent))
		parent = append(parent, me)
		people++
		for _, k := range []uint64{emailKey(email), numberKey(phone), numberKey(mobile)} {
			if k == 0 {
				continue
			}
			other, seen := owner[k]
			if !seen {
				owner[k] = me
				continue
			}
			if a, b := find(me), find(other); a != b {
				parent[a] = b
				people--
			}
		}
		return nil
	}, `SELECT email, phone_e164, mobile_e164 FROM volunteers WHERE deleted_at IS NULL`)
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
