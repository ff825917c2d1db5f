package stream

import (
	"context"
	"sync"
	"time"
)

// Progress is told how far long work has come: done of total units (rows, bytes).
// It may be called from any goroutine.
type Progress func(done, total int64)

type progressKey struct{}

// WithProgress returns a context that carries p to the long work run with it: the
// window's progress bar hands it to a command-line verb that way, through the same
// call the verb's other callers make.
func WithProgress(ctx context.Context, p Progress) context.Context {
	return context.WithValue(ctx, progressKey{}, p)
}

// ProgressFrom returns the Progress ctx carries, or nil.
func ProgressFrom(ctx context.Context) Progress {
	p, _ := ctx.Value(progressKey{}).(Progress)
	return p
}

// Throttle returns a Progress that passes a report on to p at most once per
// interval, and always the one where done reaches total, so a caller may report
// every row. It is safe for concurrent use; p is never called twice at once.
func Throttle(p Progress, interval time.Duration) Progress {
	if p == nil {
		return nil
	}
	var mu sync.Mutex
	var last time.Time
	return func(done, total int64) {
		mu.Lock()
		defer mu.Unlock()
		if now := time.Now(); done >= total || now.Sub(last) >= interval {
			last = now
			p(done, total)
		}
	}
}
