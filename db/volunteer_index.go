package db

import (
	"sort"
	"strconv"
	"unsafe"
)

// volunteerIndex finds roster entries the ways ChapterDesk matches people (see
// match). Entries live in fixed blocks, so a pointer to one stays valid while more
// are added. Its tables hold entry numbers, not pointers, and hold no pointers at
// all, so the garbage collector never scans them; most of them do not even hold
// their keys, which they read from the entry (see numTable). Over a million-row
// NationBuilder export, Go maps of the same keys took 84 MB besides the entries, and
// being live, twice that in the heap the collector let grow.
type volunteerIndex struct {
	blocks []*[indexBlock]knownVolunteer
	n      int
	// byExternal is key64(system, id) → entry for the first id an entry was given, in
	// any system, whose key the entry keeps (knownVolunteer.external); moreExternal
	// holds the others (an entry with ids in two systems), keys kept. A table that
	// kept every key took 16 MB more at the peak of a million-row NationBuilder
	// import, in which every row has an id (issue 20's bar: under 250 MB).
	byExternal, moreExternal numTable
	byEmail                  multiMap // the entry's email → the entries, in the order added (people can share one)
	// inSystem is systemKey(system, entry) → the entry: it has an id in that system,
	// for a system not among systemBits (whose ids the entry's bits say); keys kept.
	inSystem numTable
	// byRecord is the entries with no email, phone or mobile by their values'
	// hash (valuesHash) as they were indexed; keys kept. Such a record is found
	// again only by being the same in every value (see match).
	byRecord  numTable
	byPhone   multiMap // the entry's phone or mobile → the entries, in the order added (see phoneEntry)
	byNameZip multiMap // the entry's nameZip → the entries, in the order added
	// byTown counts the entries with no email or phone in byNameZip, some of them by
	// town (rosterPlace): none, and possible need not look a row's town up.
	byTown int
	gc     *gcBudget
	// entryOf finds the entry of a volunteer of the roster read (byID); an entry
	// added later may not be found.
	entryOf func(id int64) (entryNum, bool)
}

// bytes is about the memory the index holds (its entries and its tables).
func (ix *volunteerIndex) bytes() int {
	n := len(ix.blocks) * indexBlock * int(unsafe.Sizeof(knownVolunteer{}))
	for _, t := range []*numTable{&ix.byExternal, &ix.moreExternal, &ix.inSystem, &ix.byRecord} {
		n += 4*len(t.slots) + 8*len(t.keys)
	}
	for _, m := range []*multiMap{&ix.byEmail, &ix.byPhone, &ix.byNameZip} {
		n += 4*len(m.first.slots) + 12*len(m.more.slots) + 8*cap(m.nodes)
	}
	return n
}

const indexBlock = 4096

// maxEntries bounds an index: byPhone's references spend a bit on which number.
const maxEntries = 1<<31 - 1

// entryNum is an entry's place in a volunteerIndex (see at).
type entryNum uint32

func newVolunteerIndex() *volunteerIndex {
	ix := &volunteerIndex{moreExternal: numTable{keys: []uint64{}}, inSystem: numTable{keys: []uint64{}},
		byRecord: numTable{keys: []uint64{}}}
	ix.byExternal = numTable{keyOf: func(r uint32) uint64 { return ix.at(entryNum(r)).external }}
	ix.byEmail.init(func(r uint32) uint64 { return ix.at(entryNum(r)).email })
	ix.byPhone.init(func(r uint32) uint64 {
		if k, mobile := phoneEntry(r); mobile {
			return ix.at(k).mobile
		} else {
			return ix.at(k).phone
		}
	})
	ix.byNameZip.init(func(r uint32) uint64 { return ix.at(entryNum(r)).nameZip })
	return ix
}

// reserve makes room for about people entries, of which ids have an id in another
// system (see numTable.reserve).
func (ix *volunteerIndex) reserve(people, ids int) {
	ix.blocks = make([]*[indexBlock]knownVolunteer, 0, people/indexBlock+1)
	ix.byEmail.first.reserve(people)
	ix.byPhone.first.reserve(people)
	ix.byNameZip.first.reserve(people)
	ix.byExternal.reserve(ids)
}

// at is the entry numbered i.
func (ix *volunteerIndex) at(i entryNum) *knownVolunteer {
	return &ix.blocks[i/indexBlock][i%indexBlock]
}

// byID returns a lookup of the entries by volunteer id. When they were added in
// ascending order of id (as SQLite reads a table), it searches them; otherwise it
// builds a map. A map of a million-volunteer roster was 30 MB more at the peak of an
// import into it.
func (ix *volunteerIndex) byID(ascending bool) func(id int64) (entryNum, bool) {
	if ascending {
		return func(id int64) (entryNum, bool) {
			i := sort.Search(ix.n, func(i int) bool { return ix.at(entryNum(i)).id >= id })
			return entryNum(i), i < ix.n && ix.at(entryNum(i)).id == id
		}
	}
	m := make(map[int64]entryNum, ix.n)
	for i := range ix.n {
		m[ix.at(entryNum(i)).id] = entryNum(i)
	}
	return func(id int64) (entryNum, bool) {
		i, ok := m[id]
		return i, ok
	}
}

// external is the entry with an external id's key, or nil.
func (ix *volunteerIndex) external(key uint64) *knownVolunteer {
	if key == 0 {
		return nil
	}
	// moreExternal first: a key set there was set after any entry took it in
	// byExternal (see setExternal).
	if r, ok := ix.moreExternal.get(key); ok {
		return ix.at(entryNum(r))
	}
	if r, ok := ix.byExternal.get(key); ok {
		return ix.at(entryNum(r))
	}
	return nil
}

// setExternal indexes the entry e by its id in a system, whose key is key64(system, id).
func (ix *volunteerIndex) setExternal(key uint64, system string, e entryNum) {
	k := ix.at(e)
	if _, more := ix.moreExternal.get(key); !more && (k.external == 0 || k.external == key) {
		k.external = key
		ix.byExternal.set(key, uint32(e))
	} else {
		ix.moreExternal.set(key, uint32(e))
	}
	if bit, ok := systemBits[system]; ok {
		ix.at(e).systems |= bit
		return
	}
	ix.inSystem.set(systemKey(system, e), uint32(e))
}

// otherID reports whether the entry k has an id in system other than the row's
// (which matched nobody: see match), so it is another person of that system.
func (ix *volunteerIndex) otherID(k *knownVolunteer, system string) bool {
	if system == "" {
		return false
	}
	if bit, ok := systemBits[system]; ok {
		return k.systems&bit != 0
	}
	_, ok := ix.inSystem.get(systemKey(system, k.num))
	return ok
}

// systemBits are the systems whose ids an entry marks in its own byte: a table of
// (system, entry) keys took 25 MB at the peak of a million-row NationBuilder
// import, in which every row has an id (issue 20's bar: under 250 MB).
var systemBits = map[string]uint8{"nationbuilder": 1, "actionnetwork": 2, "ngpvan": 4, "civicrm": 8}

// systemKey is the key of "entry e has an id in system".
func systemKey(system string, e entryNum) uint64 {
	return key64(system, strconv.FormatUint(uint64(e), 10))
}

// addPhone indexes e by key, which is its phone or its mobile.
func (ix *volunteerIndex) addPhone(key uint64, e *knownVolunteer) {
	r := uint32(e.num) << 1
	if key != e.phone {
		r |= 1 // the mobile
	}
	ix.byPhone.add(key, r)
}

// phoneEntry reads a reference of byPhone: the entry, and whether the key is its
// mobile number (else its phone).
func phoneEntry(r uint32) (entryNum, bool) { return entryNum(r >> 1), r&1 == 1 }

// plainEntry reads a reference that is the entry number itself.
func plainEntry(r uint32) (entryNum, bool) { return entryNum(r), false }

// multiMap maps a key to the entries that have it: nearly always one, so the first
// goes in a numTable and only the others in a list a key (the references in nodes,
// newest first). first reads a slot's key from the entry its reference points at
// (keyOf); more keeps its keys, as a Go map of slices did (12 MB at the peak of a
// million-row NationBuilder import): an entry whose email or phone an import takes
// anew (fillVolunteer) stays on the list of the key it had, and reading the key
// from the newest entry of a list would have moved the whole list to the new key.
type multiMap struct {
	first numTable // key → the first entry's reference
	more  numTable // key → the place in nodes of the newest other entry (keys kept)
	nodes []moreNode
}

// moreNode is one of the other entries with a key: its reference (as first's), and
// the place+1 in nodes of the one added before it (0: none).
type moreNode struct{ r, next uint32 }

// init sets how first reads the key of a reference.
func (m *multiMap) init(keyOf func(r uint32) uint64) {
	m.first = numTable{keyOf: keyOf}
	m.more = numTable{keys: []uint64{}}
}

// add indexes the entry whose reference is r by key (0: none).
func (m *multiMap) add(key uint64, r uint32) {
	if key == 0 {
		return
	}
	if _, ok := m.first.get(key); !ok {
		m.first.set(key, r)
		return
	}
	node := moreNode{r: r}
	if newest, ok := m.more.get(key); ok {
		node.next = newest + 1
	}
	m.nodes = append(m.nodes, node)
	m.more.set(key, uint32(len(m.nodes)-1))
}

// find returns the first entry with the key for which ok is true; ref reads the
// references of m.first.
func (ix *volunteerIndex) find(m *multiMap, ref func(uint32) (entryNum, bool), key uint64, ok func(*knownVolunteer) bool) *knownVolunteer {
	if key == 0 {
		return nil
	}
	if r, found := m.first.get(key); found {
		i, _ := ref(r)
		if k := ix.at(i); ok(k) {
			return k
		}
	}
	// The others newest first: the one found last is the first added.
	var found *knownVolunteer
	if n, more := m.more.get(key); more {
		for next := n + 1; next != 0; next = m.nodes[next-1].next {
			i, _ := ref(m.nodes[next-1].r)
			if k := ix.at(i); ok(k) {
				found = k
			}
		}
	}
	return found
}

// numTable maps 64-bit keys (never 0; see key64) to 32-bit references, in one
// array with open addressing: 4 bytes a slot where a Go map takes 16 and its
// control bytes. When keys is nil, a slot's key is not kept but read through keyOf
// from what the reference points at, which must then keep the key it was set with
// (an entry's email, phones and nameZip are only ever set once from 0). The table is
// at most half full, so a key that is not there is found missing after one or two
// slots.
type numTable struct {
	slots []uint32 // reference+1; 0 is an empty slot
	keys  []uint64 // each slot's key, when they are kept (non-nil)
	keyOf func(r uint32) uint64
	n     int
}

// home is where a key's search starts: the key is a hash already, Fibonacci
// hashing only spreads it over the table's size.
func (t *numTable) home(key uint64, mask int) int {
	return int((key * 0x9E3779B97F4A7C15) >> 32 & uint64(mask))
}

func (t *numTable) keyAt(i int) uint64 {
	if t.keys != nil {
		return t.keys[i]
	}
	return t.keyOf(t.slots[i] - 1)
}

// get returns the reference set for key.
func (t *numTable) get(key uint64) (uint32, bool) {
	if t.n == 0 {
		return 0, false
	}
	mask := len(t.slots) - 1
	for i := t.home(key, mask); ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return 0, false
		}
		if t.keyAt(i) == key {
			return s - 1, true
		}
	}
}

// set makes key's reference r, replacing the one it had. With keys not kept, r
// must point at something whose key is key.
func (t *numTable) set(key uint64, r uint32) {
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	t.put(key, r)
}

func (t *numTable) put(key uint64, r uint32) {
	mask := len(t.slots) - 1
	for i := t.home(key, mask); ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			t.slots[i] = r + 1
			if t.keys != nil {
				t.keys[i] = key
			}
			t.n++
			return
		}
		if t.keyAt(i) == key {
			t.slots[i] = r + 1
			return
		}
	}
}

// grow doubles the table (to 16 slots at first) and puts its references back.
func (t *numTable) grow() { t.resize(max(16, 2*len(t.slots))) }

// reserve makes room for n references without growing again: a table grown step by
// step to a million-row roster's size left the steps' arrays (48 MB of them for the
// ids in another system) as garbage at the peak of the import.
func (t *numTable) reserve(n int) {
	size := 16
	for 2*n > size {
		size *= 2
	}
	if size > len(t.slots) {
		t.resize(size)
	}
}

// resize moves the references to a table of size slots (a power of two).
func (t *numTable) resize(size int) {
	old, oldKeys := t.slots, t.keys
	t.slots = make([]uint32, size)
	if oldKeys != nil {
		t.keys = make([]uint64, len(t.slots))
	}
	t.n = 0
	for i, s := range old {
		if s == 0 {
			continue
		}
		var key uint64
		if oldKeys != nil {
			key = oldKeys[i]
		} else {
			key = t.keyOf(s - 1)
		}
		t.put(key, s-1)
	}
}
