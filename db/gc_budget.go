package db

import (
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// gcBudget keeps the Go heap of an import from growing to twice its match index.
// The index is long-lived and holds no pointers (see volunteerIndex), so a
// collection hardly looks at it; but the garbage collector's default (GOGC=100) lets
// the heap grow to twice what is live before it collects, and with a million-row
// roster's 140 MB index live, that doubled the import's peak memory for garbage
// that is only ever a few rows old. The collector's percent is set so the heap may
// grow by about heapHeadroom over what is live, down to minImportGCPercent: measured
// on 1M NationBuilder rows, peak memory 395 MB at GOGC=100, 242 MB so. A small
// import's heap (tens of MB) may grow to smallImportGCFactor times the percent found,
// so the collector runs a quarter as often: measured on 100,000 NationBuilder rows
// into a new file, 2.12-2.21 s became 2.04-2.11 s, for a peak of 140 MB instead of
// 108; a million rows still peak at 240 MB, as the index soon outgrows heapHeadroom.
type gcBudget struct {
	joined bool // this import is one of gcShared's users
}

const (
	heapHeadroom        = 24 << 20
	minImportGCPercent  = 20
	smallImportGCFactor = 4
)

// gcShared is the percent as the imports running at once set it: the lowest any of
// them wants, until the last one ends and sets back the percent found by the first.
var gcShared struct {
	sync.Mutex
	users     int
	orig, cur int
}

// sized takes the index's size in bytes and sets the percent to fit it: the first
// import to run may raise it (see smallImportGCFactor), and from then on it is only
// lowered, as the index grows or another import wants less.
func (g *gcBudget) sized(bytes int) {
	if g == nil {
		return
	}
	s := &gcShared
	s.Lock()
	defer s.Unlock()
	first := false
	if !g.joined {
		if s.users == 0 {
			s.orig = debug.SetGCPercent(100)
			debug.SetGCPercent(s.orig)
			s.cur = s.orig
			first = true
		}
		s.users++
		g.joined = true
	}
	if s.orig <= 0 {
		return // collection is off, or set to run all the time: whoever runs us chose
	}
	room := int64(smallImportGCFactor * s.orig)
	if bytes > 0 {
		room = min(room, max(minImportGCPercent, int64(heapHeadroom)*100/int64(bytes)))
	}
	p := int(room)
	p -= p % 5 // fewer changes, each a little work for the runtime
	if p < s.cur || first && p != s.cur {
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

// liveHeap is the Go heap the last collection found live, in bytes: for an import
// whose long-lived tables are Go maps, which have no size of their own to tell.
func liveHeap() int {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return int(s[0].Value.Uint64())
}
