package db

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
)

// pairwisePeople is countPeople as it was before keyHolders: each holder of a key
// compared with every other (O(n²)), the reference its linear count must equal.
func pairwisePeople(ctx context.Context, tx *sql.Tx) (int, error) {
	type vol struct {
		name  uint64
		first firstStem
	}
	var parent []int32
	var vols []vol
	find := func(i int32) int32 {
		for parent[i] != i {
			i = parent[i]
		}
		return i
	}
	people := 0
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

// The linear people count (keyHolders) counts as comparing each holder of a key with
// every other did, on random rosters of households: shared phones and emails, first
// names that begin others (Jo, Joseph), nicknames (Bob, Robert), none at all.
func TestCountPeopleAsPairwise(t *testing.T) {
	ctx := context.Background()
	firsts := []string{"Bob", "Robert", "Rob", "Bobby", "Jo", "Joseph", "Joanna", "Joe", "Linda", "Lin", "Will", "William", "Bill", "Liz", "Elizabeth", "Beth"}
	lasts := []string{"Jones", "Smith"}
	emails := []string{"", "home@example.org", "HOME@example.org", "info@example.org", "a@example.org", "b@example.org",
		"c@example.org", "d@example.org", "e@example.org"}
	phones := []string{"", "+16175550100", "+16175550101", "+16175550102", "+16175550103"}
	for seed := range uint64(30) {
		t.Run(fmt.Sprint("roster ", seed), func(t *testing.T) {
			s, err := Open(ctx, filepath.Join(t.TempDir(), "people.db"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			rng := rand.New(rand.NewPCG(seed, 7))
			err = s.inTx(ctx, func(tx *sql.Tx) error {
				for i := range 60 {
					f, l := firsts[rng.IntN(len(firsts))], lasts[rng.IntN(len(lasts))]
					if rng.IntN(60) == 0 {
						f = "" // no first name: one person with every holder of its keys
					}
					if _, err := tx.ExecContext(ctx, `INSERT INTO volunteers (uuid, chapter_id, first_name, last_name, name_key, last_key,
						email, phone_e164, mobile_e164, created_at, updated_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, 1, 1)`,
						fmt.Sprint("v-", i), f, l, fold(f+" "+l), fold(l), emails[rng.IntN(len(emails))],
						phones[rng.IntN(len(phones))], phones[rng.IntN(len(phones))]); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			var got, want int
			err = s.readTx(ctx, func(tx *sql.Tx) error {
				if got, err = countPeople(ctx, tx); err != nil {
					return err
				}
				want, err = pairwisePeople(ctx, tx)
				return err
			})
			if err != nil || got != want {
				t.Errorf("%d people, compared pairwise %d (%v)", got, want, err)
			}
		})
	}
}
