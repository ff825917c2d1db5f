package main

import (
	"os"
	"runtime"
	"runtime/pprof"
	"time"
)

// startPeakHeapProfile writes to path, when it is set (CHAPTERDESK_MEMPROFILE, for
// the benchmarks of the verbs: go tool pprof -sample_index=inuse_space FILE), a heap
// profile taken when the Go heap was at its largest: the heap is looked at every
// quarter second and the profile written again each time it has grown by a tenth.
// A profile taken at exit would show what is left, not what the peak memory was
// spent on. SQLite's own memory (its page cache, its sorter) is not Go's heap and
// is not in it.
func startPeakHeapProfile(path string) (stop func()) {
	if path == "" {
		return func() {}
	}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var peak uint64
		var ms runtime.MemStats
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse < peak+peak/10 {
				continue
			}
			peak = ms.HeapInuse
			f, err := os.Create(path)
			if err != nil {
				return
			}
			pprof.Lookup("heap").WriteTo(f, 0)
			f.Close()
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}
