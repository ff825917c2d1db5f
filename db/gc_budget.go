package db

import (
	"runtime/debug"
	"sync"
)

// gcBudget keeps the Go heap of an import from growing to twice its match index.
// The index is long-lived and holds no pointers (see volunteerIndex), so a
// collection hardly looks at it; but the garbage collector's default (GOGC=100) lets
// the heap grow to twice what is live before it collects, and with a million-row
// roster's 140 MB index live, that doubled the import's peak memory for garbage
// that is only ever a few rows old. While the index is larger than heapHeadroom the
// collector's percent is lowered so the heap may grow by about heapHeadroom over what
// is live, down to minImportGCPercent; smaller imports keep the default. Measured on
// 1M NationBuilder rows: peak memory 395 MB at GOGC=100, 242 MB so.
type gcBudget struct {
	joined bool // this import is one of gcShared's users
}

const (
	heapHeadroom       = 24 << 20
	minImportGCPercent = 20
)

// gcShared is the percent as the imports running at once set it: the lowest any of
// them wants, until the last one ends and sets back the percent found by the first.
var gcShared struct {
	sync.Mutex
	users     int
	orig, cur int
}

// sized takes the index's size in bytes and lowers the percent to fit it.
func (g *gcBudget) sized(bytes int) {
	if g == nil || bytes <= heapHeadroom {
		return
	}
	s := &gcShared
	s.Lock()
	defer s.Unlock()
	if !g.joined {
		if s.users == 0 {
			s.orig = debug.SetGCPercent(100)
			debug.SetGCPercent(s.orig)
			s.cur = s.orig
		}
		s.users++
		g.joined = true
	}
	if s.orig <= 0 {
		return // collection is off, or set to run all the time: whoever runs us chose
	}
	p := min(s.orig, max(minImportGCPercent, int(int64(heapHeadroom)*100/int64(bytes))))
	p -= p % 5 // fewer changes, each a little work for the runtime
	if p < s.cur {
		debug.SetGCPercent(p)
		s.cur = p
	}
}

// restore ends this import's part: the last import to end sets back the percent.
func (g *gcBudget) restore() {
	if g == nil || !g.joined {
		return
	}
	s := &gcShared
	s.Lock()
	defer s.Unlock()
	g.joined = false
	if s.users--; s.users == 0 && s.cur != s.orig {
		debug.SetGCPercent(s.orig)
		s.cur = s.orig
	}
}
