package db

import "runtime/debug"

// gcBudget keeps the Go heap of an import from growing to twice its match index.
// The index is long-lived and holds no pointers (see volunteerIndex), so a
// collection hardly looks at it; but the garbage collector's default (GOGC=100) lets
// the heap grow to twice what is live before it collects, and with a million-row
// roster's 140 MB index live, that doubled the import's peak memory for garbage
// that is only ever a few rows old. While the index is larger than heapHeadroom the
// collector's percent is lowered so the heap may grow by about heapHeadroom over what
// is live, down to minImportGCPercent; smaller imports keep the default. Measured on
// 1M NationBuilder rows: peak memory 395 MB at GOGC=100, about 250 MB at 25.
type gcBudget struct {
	orig, cur int  // the percent found, and the one set (orig until it is changed)
	started   bool // orig was read
}

const (
	heapHeadroom       = 24 << 20
	minImportGCPercent = 20
)

// sized takes the index's size in bytes and sets the percent that fits it.
func (g *gcBudget) sized(bytes int) {
	if g == nil || bytes <= heapHeadroom {
		return
	}
	if !g.started {
		g.orig = debug.SetGCPercent(100)
		debug.SetGCPercent(g.orig)
		g.cur, g.started = g.orig, true
	}
	if g.orig <= 0 {
		return // collection is off, or set to run all the time: whoever runs us chose
	}
	p := min(g.orig, max(minImportGCPercent, int(int64(heapHeadroom)*100/int64(bytes))))
	p -= p % 5 // fewer changes, each a little work for the runtime
	if p < g.cur {
		debug.SetGCPercent(p)
		g.cur = p
	}
}

// restore sets back the percent found.
func (g *gcBudget) restore() {
	if g != nil && g.started && g.cur != g.orig {
		debug.SetGCPercent(g.orig)
		g.cur = g.orig
	}
}
