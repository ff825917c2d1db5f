package db

import (
	"hash/fnv"
	"math/rand/v2"
	"net/mail"
	"strings"
	"testing"
)

// TestPlainAddressOnlyTakesWhatParseAddressTakes: an address emailAddress takes
// without mail.ParseAddress (plainAddress) is one it would take with it, for the
// shapes people type and for random strings of the bytes that matter to an address.
func TestPlainAddressOnlyTakesWhatParseAddressTakes(t *testing.T) {
	slow := func(e string) bool {
		a, err := mail.ParseAddress(e)
		return err == nil && a.Address == e && strings.Contains(e[strings.IndexByte(e, '@'):], ".")
	}
	typed := []string{"ana@example.org", "ana.silva+sca@mail.example.org", "a_b-c@x-y.co", "O.Brien@Example.COM",
		"ana@example", "ana..silva@example.org", ".ana@example.org", "ana.@example.org", "ana@.example.org",
		"ana@example..org", "ana@example.org.", "ana @example.org", "Ana <ana@example.org>", "ana@@example.org",
		"@example.org", "ana@", "josé@example.org", "ana@exämple.org", "ana@example_org.com", "ana@[127.0.0.1]"}
	plain := 0
	for _, e := range typed {
		if plainAddress(e) {
			plain++
			if !slow(e) {
				t.Errorf("%q: plain, but ParseAddress does not take it", e)
			}
		}
	}
	if plain < 4 {
		t.Fatalf("only %d of the typed addresses read as plain", plain)
	}
	rnd := rand.New(rand.NewPCG(3, 4))
	common, rare := []rune("aZ9._+-@"), []rune(" \"<>,;:()[]\\é'!#$%&*/=?^`{|}~")
	taken := 0
	for range 200_000 {
		var b strings.Builder
		for range 3 + rnd.IntN(12) {
			if rnd.IntN(10) == 0 {
				b.WriteRune(rare[rnd.IntN(len(rare))])
			} else {
				b.WriteRune(common[rnd.IntN(len(common))])
			}
		}
		if e := b.String(); plainAddress(e) {
			taken++
			if !slow(e) {
				t.Fatalf("%q: plain, but ParseAddress does not take it", e)
			}
		}
	}
	if taken == 0 {
		t.Fatal("no random string read as plain: the test checks nothing")
	}
}

// TestHashWithIsFNVOfTheLoweredValues: the fingerprints the import compares a row
// with its roster entry by are FNV-1a of each value (lowered, for hashValues) and a 0
// after it, as they were made with hash/fnv and strings.ToLower, for ASCII, accented
// and damaged text alike.
func TestHashWithIsFNVOfTheLoweredValues(t *testing.T) {
	was := func(values []string, lower bool) uint64 {
		h := fnv.New64a()
		for _, v := range values {
			if lower {
				v = strings.ToLower(v)
			}
			h.Write([]byte(v))
			h.Write([]byte{0})
		}
		return h.Sum64()
	}
	rnd := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"A", "Z", "@", "[", "q", "z", "Ñ", "é", "İ", "ẞ", "\xff", "", " ", "0", "Σ", "ǅ"}
	for range 20_000 {
		values := make([]string, rnd.IntN(5))
		for i := range values {
			for range rnd.IntN(6) {
				values[i] += pieces[rnd.IntN(len(pieces))]
			}
		}
		for _, lower := range []bool{false, true} {
			if got, want := hashWith(values, lower), was(values, lower); got != want {
				t.Fatalf("%q, lower %v: %x, was %x", values, lower, got, want)
			}
		}
	}
}
