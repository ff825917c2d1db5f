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
	"syscall"

	"github.com/chapterdesk/chapterdesk/bundle"
)

// version is the app version; FyneApp.toml carries the same number (a test keeps
// them equal).
const version = "0.1.0"

func main() {
	// Every way a terminal or the system asks a process to stop (Ctrl-C, kill, the
	// terminal closing) cancels ctx, so the job stops and its deferred clean-up runs
	// (a bundle export's plain copy of the database, temporary files).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	// What a killed export could not clean up (SIGKILL, a power cut).
	bundle.RemoveLeftovers()
	stdout, stderr := consoleOutput()
	stopProfile := startCPUProfile(os.Getenv("CHAPTERDESK_CPUPROFILE"))
	code := run(ctx, os.Args[1:], stdout, stderr)
	stop()
	stopProfile()
	os.Exit(code)
}

// startCPUProfile writes a CPU profile of the run to path when it is set
// (CHAPTERDESK_CPUPROFILE, for the benchmarks of the verbs: go tool pprof FILE).
func startCPUProfile(path string) (stop func()) {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		return func() {}
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
