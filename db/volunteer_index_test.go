package db

import (
	"fmt"
	"math/rand/v2"
	"runtime/debug"
	"slices"
	"testing"
)

func TestNumTable(t *testing.T) {
	t.Run("finds every key set, through growth, and misses the others", func(t *testing.T) {
		tab := numTable{keys: []uint64{}}
		want := map[uint64]uint32{}
		rng := rand.New(rand.NewPCG(1, 2))
		for i := range 50_000 {
			key := rng.Uint64() | 1
			if i%7 == 0 && len(want) > 0 { // replace a key set before
				for k := range want {
					key = k
					break
				}
			}
			tab.set(key, uint32(i))
			want[key] = uint32(i)
		}
		if tab.n != len(want) {
			t.Fatalf("%d keys in the table, want %d", tab.n, len(want))
		}
		for k, v := range want {
			if got, ok := tab.get(k); !ok || got != v {
				t.Fatalf("get(%x) = %d, %v; want %d", k, got, ok, v)
			}
		}
		for range 10_000 {
			k := rng.Uint64() &^ 1 // the keys set are odd
			if _, ok := tab.get(k); ok && k != 0 {
				t.Fatalf("get(%x) found a key never set", k)
			}
		}
	})
	t.Run("reserved, takes as many keys without growing, and keeps those set before", func(t *testing.T) {
		tab := numTable{keys: []uint64{}}
		for i := range 100 {
			tab.set(uint64(i)*0x9E3779B97F4A7C15|1, uint32(i))
		}
		tab.reserve(20_000)
		size := len(tab.slots)
		if size < 40_000 {
			t.Fatalf("%d slots reserved for 20,000 keys", size)
		}
		for i := 100; i < 20_000; i++ {
			tab.set(uint64(i)*0x9E3779B97F4A7C15|1, uint32(i))
		}
		if len(tab.slots) != size || tab.n != 20_000 {
			t.Fatalf("%d slots after 20,000 keys (%d reserved), %d keys", len(tab.slots), size, tab.n)
		}
		for i := range 20_000 {
			if got, ok := tab.get(uint64(i)*0x9E3779B97F4A7C15 | 1); !ok || got != uint32(i) {
				t.Fatalf("get(key %d) = %d, %v", i, got, ok)
			}
		}
		tab.reserve(10) // never shrinks
		if len(tab.slots) != size {
			t.Errorf("reserve(10) made the table %d slots", len(tab.slots))
		}
	})
	t.Run("reads the keys of its references when it does not keep them", func(t *testing.T) {
		var owners []uint64 // reference r owns the key owners[r]
		tab := numTable{keyOf: func(r uint32) uint64 { return owners[r] }}
		for i := range 10_000 {
			key := uint64(i%6_000)*0x9E3779B97F4A7C15 | 1 // keys repeat: the later owner wins
			owners = append(owners, key)
			tab.set(key, uint32(i))
		}
		if tab.n != 6_000 {
			t.Fatalf("%d keys in the table, want 6000", tab.n)
		}
		for i := range 6_000 {
			key := uint64(i)*0x9E3779B97F4A7C15 | 1
			want := uint32(i)
			if i < 4_000 {
				want += 6_000
			}
			if got, ok := tab.get(key); !ok || got != want {
				t.Fatalf("get(key %d) = %d, %v; want %d", i, got, ok, want)
			}
		}
	})
}

func TestVolunteerIndexKeepsTheOrderOfSharedKeys(t *testing.T) {
	ix := newVolunteerIndex()
	phone := key64("+16175550100")
	a := ix.add(knownVolunteer{id: 1, phone: phone, name: key64("ana silva")}, "02134", 0)
	b := ix.add(knownVolunteer{id: 2, mobile: phone, name: key64("ana silva")}, "02134", 0)
	c := ix.add(knownVolunteer{id: 3, phone: phone, name: key64("joao silva")}, "02134", 0)
	if k, _, _, _ := ix.match(&incomingKeys{phone: phone, name: key64("ana silva")}); k != a {
		t.Errorf("the phone matched %v, want the first one added (%v)", k, a)
	}
	if k, _, _, _ := ix.match(&incomingKeys{mobile: phone, name: key64("joao silva")}); k != c {
		t.Errorf("the mobile matched %v, want the one of that name (%v)", k, c)
	}
	email := key64("ana@example.org")
	b.email, b.first = email, stemOf("Ana")
	ix.byEmail.add(email, uint32(b.num))
	d := ix.add(knownVolunteer{id: 4, email: email, first: stemOf("Bo")}, "", 0)
	e := ix.add(knownVolunteer{id: 5, email: email, first: stemOf("Ana"), name: key64("ana lima")}, "", 0)
	if k, _, _, _ := ix.match(&incomingKeys{email: email, first: stemOf("Ana")}); k != b {
		t.Errorf("the email matched %v, want the first one added with it (%v)", k, b)
	}
	// No first name: Ana or Bo? Neither (tester t3's F1).
	if k, _, _, all := ix.match(&incomingKeys{email: email}); k != nil || !slices.Equal(all, []*knownVolunteer{b, d, e}) {
		t.Errorf("the email with no name matched %v, ambiguous %v; want none, and %v", k, all, []*knownVolunteer{b, d, e})
	}
	if k, _, _, _ := ix.match(&incomingKeys{email: email, first: stemOf("Bo")}); k != d {
		t.Errorf("the email matched %v, want the one of that first name (%v)", k, d)
	}
	if k, other, _, _ := ix.match(&incomingKeys{email: email, first: stemOf("Cy")}); k != nil || other != b {
		t.Errorf("the email matched %v (other %v), want nobody, and the first one with it as the other", k, other)
	}
	if k, _ := ix.possible(&incomingKeys{nameZip: nameZipKey(key64("ana silva"), "02134-1234")}, ""); k != a {
		t.Errorf("the name and zip found %v, want the first one added (%v)", k, a)
	}
	// Many on one line (an office's number), through the tables' growth: each name
	// finds the first added with it, among the others of the key too.
	office := key64("+16175550199")
	firstOf := map[string]*knownVolunteer{}
	for i := range 3000 {
		name := fmt.Sprintf("person %d", i%1000)
		k := ix.add(knownVolunteer{id: int64(100 + i), phone: office, name: key64(name)}, "", 0)
		if firstOf[name] == nil {
			firstOf[name] = k
		}
		ix.add(knownVolunteer{id: int64(10_000 + i), phone: key64(fmt.Sprint("+1508555", i)), name: key64(name)}, "", 0)
	}
	for name, want := range firstOf {
		if k, _, _, _ := ix.match(&incomingKeys{phone: office, name: key64(name)}); k != want {
			t.Fatalf("the office's number and %s matched %v, want the first added (%v)", name, k, want)
		}
	}
}

func TestVolunteerIndexByID(t *testing.T) {
	for _, ascending := range []bool{true, false} {
		ix := newVolunteerIndex()
		ids := []int64{3, 7, 8, 20, 21, 500}
		if !ascending {
			ids = []int64{7, 3, 500, 21, 8, 20}
		}
		for _, id := range ids {
			ix.add(knownVolunteer{id: id}, "", 0)
		}
		find := ix.byID(ascending)
		for _, id := range ids {
			if i, ok := find(id); !ok || ix.at(i).id != id {
				t.Errorf("ascending %v: id %d found %v at %d", ascending, id, ok, i)
			}
		}
		for _, id := range []int64{0, 1, 4, 22, 501} {
			if _, ok := find(id); ok {
				t.Errorf("ascending %v: id %d found, never added", ascending, id)
			}
		}
	}
}

func TestGCBudget(t *testing.T) {
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	t.Run("gives a small import's collector more room, and sets it back", func(t *testing.T) {
		var g gcBudget
		g.sized(heapHeadroom / 8)
		if p := currentGCPercent(); p != smallImportGCFactor*100 {
			t.Errorf("percent %d during a small import, want %d", p, smallImportGCFactor*100)
		}
		g.sized(heapHeadroom) // grown: as much room as the default
		if p := currentGCPercent(); p != 100 {
			t.Errorf("percent %d once the index is heapHeadroom, want 100", p)
		}
		g.restore()
		if p := currentGCPercent(); p != 100 {
			t.Errorf("percent %d after the import, want 100 as before", p)
		}
	})
	t.Run("a second import never raises what the first one lowered", func(t *testing.T) {
		var a, b gcBudget
		a.sized(2 * heapHeadroom) // 50%
		b.sized(heapHeadroom / 8)
		if p := currentGCPercent(); p != 50 {
			t.Errorf("percent %d, want 50", p)
		}
		a.restore()
		b.restore()
	})
	t.Run("leaves a collector that is off alone", func(t *testing.T) {
		debug.SetGCPercent(-1)
		defer debug.SetGCPercent(100)
		var g gcBudget
		g.sized(heapHeadroom / 8)
		if p := currentGCPercent(); p != -1 {
			t.Errorf("percent %d, want -1 (off) as it was", p)
		}
		g.restore()
	})
	t.Run("sets back the percent after imports that overlap", func(t *testing.T) {
		var a, b gcBudget
		a.sized(4 * heapHeadroom) // 25%
		b.sized(2 * heapHeadroom) // 50%: the lower one stays
		if p := currentGCPercent(); p != 25 {
			t.Errorf("percent %d while both run, want 25", p)
		}
		a.restore()
		if p := currentGCPercent(); p != 25 {
			t.Errorf("percent %d while one still runs, want 25", p)
		}
		b.sized(10 * heapHeadroom)
		if p := currentGCPercent(); p != minImportGCPercent {
			t.Errorf("percent %d with a large index, want %d", p, minImportGCPercent)
		}
		b.restore()
		if p := currentGCPercent(); p != 100 {
			t.Errorf("percent %d after both, want 100 as before", p)
		}
	})
}

func currentGCPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func TestFirstStem(t *testing.T) {
	for _, c := range []struct {
		a, b    string
		differs bool
	}{
		{"John", "Jane", true}, {"Maria", "Joao", true}, {"Mark", "Mary", true},
		{"Jim", "James", false}, {"Bob", "Robert", false}, {"robert", "Bob", false}, {"Liz", "Elizabeth", false},
		{"Elizabeth", "Liz", false}, {"Mike", "Michael", false}, {"Jon", "John", false},
		{"John", "JOHN", false}, {"José", "Jose", false}, {"Pat", "Patricia", false}, {"Patricia", "Pat", false},
		{"J.", "John", false}, {"Mary Ann", "Mary", false}, {"", "Jane", false}, {"Christopher", "Christophe", false},
	} {
		if got := stemOf(c.a).differs(stemOf(c.b)); got != c.differs {
			t.Errorf("%q and %q: differ %v, want %v", c.a, c.b, got, c.differs)
		}
	}
}

// An entry's first id is found through the entry itself (byExternal keeps no keys),
// its others through moreExternal; an id given to another entry later is found at
// that entry, whichever table either was in.
func TestVolunteerIndexExternalIDs(t *testing.T) {
	ix := newVolunteerIndex()
	a := ix.add(knownVolunteer{id: 1}, "", 0)
	b := ix.add(knownVolunteer{id: 2}, "", 0)
	nb, van, civi := key64("nationbuilder", "7"), key64("ngpvan", "7"), key64("civicrm", "9")
	ix.setExternal(nb, "nationbuilder", a.num)
	ix.setExternal(van, "ngpvan", a.num)
	for _, key := range []uint64{nb, van} {
		if k := ix.external(key); k != a {
			t.Fatalf("key %x found %v, want volunteer 1", key, k)
		}
	}
	if a.systems != systemBits["nationbuilder"]|systemBits["ngpvan"] {
		t.Errorf("systems %b", a.systems)
	}
	ix.setExternal(van, "ngpvan", b.num) // b's first id, a's second
	ix.setExternal(civi, "civicrm", b.num)
	ix.setExternal(nb, "nationbuilder", b.num) // a's first id, b's third
	for _, key := range []uint64{nb, van, civi} {
		if k := ix.external(key); k != b {
			t.Errorf("key %x found %v after it was given to volunteer 2", key, k)
		}
	}
	ix.setExternal(nb, "nationbuilder", a.num)
	if k := ix.external(nb); k != a {
		t.Errorf("the NationBuilder id given back found %v, want volunteer 1", k)
	}
	for i := range 5000 { // the tables grown: every key still found
		k := ix.add(knownVolunteer{id: int64(10 + i)}, "", 0)
		ix.setExternal(key64("nationbuilder", fmt.Sprint(100+i)), "nationbuilder", k.num)
		ix.setExternal(key64("civicrm", fmt.Sprint(100+i)), "civicrm", k.num)
	}
	for i := range 5000 {
		for _, system := range []string{"nationbuilder", "civicrm"} {
			if k := ix.external(key64(system, fmt.Sprint(100+i))); k == nil || k.id != int64(10+i) {
				t.Fatalf("%s id %d found %v", system, 100+i, k)
			}
		}
	}
}

// An entry whose email an import takes anew (fillVolunteer sets it in place and
// indexes the new one) leaves the others of its old email where they were: found by
// it, and not by the new one, through the tables' growth (a list read its key from
// its newest entry, and moved whole to the new email: a reviewer's find).
func TestVolunteerIndexEmailTakenAnew(t *testing.T) {
	ix := newVolunteerIndex()
	x, y := emailKey("x@example.org"), emailKey("y@example.org")
	var people []*knownVolunteer
	for i, first := range []string{"Ann", "Bob", "Cy"} {
		people = append(people, ix.add(knownVolunteer{id: int64(i + 1), email: x, first: stemOf(first), name: key64(first)}, "", 0))
	}
	cy := people[2]
	cy.email = y
	ix.byEmail.add(y, uint32(cy.num))
	check := func(when string) {
		for _, c := range []struct {
			email uint64
			first string
			want  *knownVolunteer
		}{{x, "Bob", people[1]}, {x, "Ann", people[0]}, {y, "Cy", cy}, {y, "Bob", nil}} {
			got := ix.find(&ix.byEmail, plainEntry, c.email, func(k *knownVolunteer) bool { return !k.first.differs(stemOf(c.first)) })
			if got != c.want {
				t.Errorf("%s: email %x and %s found %v, want %v", when, c.email, c.first, got, c.want)
			}
		}
	}
	check("at once")
	for i := range 5000 {
		ix.add(knownVolunteer{id: int64(100 + i), email: emailKey(fmt.Sprint(i, "@example.org"))}, "", 0)
		ix.add(knownVolunteer{id: int64(10_000 + i), email: emailKey(fmt.Sprint(i, "@example.org"))}, "", 0)
	}
	check("after the tables grew")
}
