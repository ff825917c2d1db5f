// Command chapterdesk is ChapterDesk: with no verb it opens the desktop app; with a
// verb (demo, stats, ...) it does that job headless, calling the same code the
// screens call. This is the only place where paths, the database, the stores and the
// app are wired together.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/pprof"
	"runtime/trace"
	"strings"
	"syscall"

	"github.com/chapterdesk/chapterdesk/cmd/chapterdesk/initgc"
	"github.com/chapterdesk/chapterdesk/db"
)

// version is the app version; FyneApp.toml carries the same number (a test keeps
// them equal).
const version = "0.1.0"

// init sets the collector going again, once every package main imports has been
// initialized (initgc paused it for that): in the program and in its tests alike,
// whose binary has no call of main.
func init() { initgc.Resume() }

func main() {
	// Every way a terminal or the system asks a process to stop (Ctrl-C, kill, the
	// terminal closing) cancels ctx, so the job stops and its deferred clean-up runs
	// (a bundle export's plain copy of the database, temporary files).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	outliveOutput()
	stdout, stderr := consoleOutput()
	stopProfile := startCPUProfile(os.Getenv("CHAPTERDESK_CPUPROFILE"))
	stopHeapProfile := startPeakHeapProfile(os.Getenv("CHAPTERDESK_MEMPROFILE"))
	code := runOffMainThread(func() int { return run(ctx, os.Args[1:], stdout, stderr) })
	db.DoneWithTemps()
	stop()
	stopProfile()
	stopHeapProfile()
	os.Exit(code)
}

// outliveOutput lets a job finish when whatever reads its output has gone: by
// default a Go program dies of SIGPIPE at its first write to a closed stdout, and
// `chapterdesk import ... | head -1` then killed an import into a new file between
// its summary and the moment the finished file takes its name, leaving only a
// ".building" file after "198 created". Ignored, the signal becomes a failed write,
// and the job goes on to its end.
func outliveOutput() { signal.Ignore(syscall.SIGPIPE) }

// onMainThread runs the desktop app (runApp) where the window system needs it: on the
// main goroutine, which Fyne's driver locks to the process's first OS thread at init.
// Tests call run on their own goroutines and have no such thread: there it is a call.
var onMainThread = func(f func() int) int { return f() }

// runOffMainThread runs job, the command line, on a goroutine of its own while the
// main goroutine waits, running on its locked OS thread only what onMainThread hands
// it. A headless verb then never runs on the locked thread: there every wait (a
// channel, a lock, the database) handed the goroutine to another thread and back
// through the kernel, which was 60% of a leaflet's CPU time.
func runOffMainThread(job func() int) int {
	calls := make(chan func())
	onMainThread = func(f func() int) int {
		var code int
		ran := make(chan struct{})
		calls <- func() { code = f(); close(ran) }
		<-ran
		return code
	}
	done := make(chan int, 1)
	go func() { done <- job() }()
	for {
		select {
		case f := <-calls:
			f()
		case code := <-done:
			return code
		}
	}
}

// startCPUProfile writes a CPU profile of the run to path when it is set
// (CHAPTERDESK_CPUPROFILE, for the benchmarks of the verbs: go tool pprof FILE), or
// an execution trace when path ends in ".trace" (go tool trace FILE; its -pprof=sync
// shows which side of an import's reader and writer waited for the other).
func startCPUProfile(path string) (stop func()) {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		return func() {}
	}
	if strings.HasSuffix(path, ".trace") {
		if err := trace.Start(f); err != nil {
			f.Close()
			return func() {}
		}
		return func() { trace.Stop(); f.Close() }
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
