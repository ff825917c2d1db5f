package db

import (
	"math/rand/v2"
	"testing"
)

// TestKeySetIsExact: keySet, which tells a re-imported file's repeats, says a key was
// there exactly when it was (a map beside it), through its growth, for the key 0 and
// for keys whose low bits are alike.
func TestKeySetIsExact(t *testing.T) {
	var s keySet
	seen := map[uint64]bool{}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 200_000 {
		k := r.Uint64() % 150_000 // repeats, as a file sent twice has
		switch i % 1000 {
		case 0:
			k = 0
		case 1:
			k = uint64(i) << 40
		}
		if got := s.add(k, 10); got != seen[k] {
			t.Fatalf("add(%d), the %dth: got %v, want %v", k, i, got, seen[k])
		}
		seen[k] = true
	}
	held := s.n
	if s.zero {
		held++
	}
	if held != len(seen) {
		t.Fatalf("the set holds %d keys, want %d", held, len(seen))
	}
}
