// Command pgwriters is the issue 16 bar for several leads at once: N processes write to
// one chapter server for D seconds (call reports, and edits of volunteers other
// processes edit too), each counting what the server acknowledged; then the parent
// checks that every acknowledged report is there and prints the latency percentiles.
// An edit refused because another writer changed the volunteer first (an edit
// conflict) is counted as such, never as a loss.
//
//	pgwriters -db postgres://... [-writers 8] [-seconds 60]
//
// The database must be set up (server init) with a campaign and legislators; the
// demo makes one (chapterdesk demo --db ...).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"sync"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
)

type result struct {
	Reports   int64     `json:"reports"`
	Edits     int64     `json:"edits"`
	Conflicts int64     `json:"conflicts"`
	Failed    int64     `json:"failed"`
	Latencies []float64 `json:"latencies_ms"`
	Source    string    `json:"source"`
}

func main() {
	target := flag.String("db", os.Getenv("CHAPTERDESK_DB"), "the chapter server")
	writers := flag.Int("writers", 8, "how many processes write at once")
	seconds := flag.Int("seconds", 60, "for how long")
	worker := flag.Int("worker", -1, "(internal) run as writer number N")
	flag.Parse()
	if *worker >= 0 {
		if err := write(*target, *worker, time.Duration(*seconds)*time.Second); err != nil {
			fmt.Fprintln(os.Stderr, "writer:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(*target, *writers, *seconds); err != nil {
		fmt.Fprintln(os.Stderr, "pgwriters:", err)
		os.Exit(1)
	}
}

func run(target string, writers, seconds int) error {
	ctx := context.Background()
	s, err := db.Open(ctx, target, db.Options{})
	if err != nil {
		return err
	}
	before, err := s.Counts(ctx)
	s.Close()
	if err != nil {
		return err
	}
	var mu sync.Mutex
	var all []result
	var wg sync.WaitGroup
	var errs []error
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := exec.Command(os.Args[0], "-db", target, "-worker", fmt.Sprint(i), "-seconds", fmt.Sprint(seconds))
			cmd.Stderr = os.Stderr
			out, err := cmd.Output()
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, fmt.Errorf("writer %d: %w", i, err))
				return
			}
			var r result
			if err := json.Unmarshal(out, &r); err != nil {
				errs = append(errs, fmt.Errorf("writer %d: %w", i, err))
				return
			}
			all = append(all, r)
		}()
	}
	wg.Wait()
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	var sum result
	for _, r := range all {
		sum.Reports += r.Reports
		sum.Edits += r.Edits
		sum.Conflicts += r.Conflicts
		sum.Failed += r.Failed
		sum.Latencies = append(sum.Latencies, r.Latencies...)
	}
	s, err = db.Open(ctx, target, db.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer s.Close()
	after, err := s.Counts(ctx)
	if err != nil {
		return err
	}
	count := func(cs []db.Count, name string) int64 {
		for _, c := range cs {
			if c.Name == name {
				return int64(c.Count)
			}
		}
		return -1
	}
	added := count(after, "call_reports") - count(before, "call_reports")
	slices.Sort(sum.Latencies)
	pct := func(p float64) float64 {
		if len(sum.Latencies) == 0 {
			return 0
		}
		return sum.Latencies[min(len(sum.Latencies)-1, int(p*float64(len(sum.Latencies))))]
	}
	fmt.Printf("%d writers, %d s: %d call reports and %d volunteer edits acknowledged, %d edits refused as conflicts, %d failed\n",
		writers, seconds, sum.Reports, sum.Edits, sum.Conflicts, sum.Failed)
	fmt.Printf("call reports on the server: %d more than before (acknowledged: %d)\n", added, sum.Reports)
	fmt.Printf("write latency: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%d writes)\n",
		pct(0.5), pct(0.9), pct(0.99), pct(1), len(sum.Latencies))
	if added != sum.Reports || sum.Failed > 0 {
		return fmt.Errorf("writes lost or failed: %d on the server, %d acknowledged, %d failed", added, sum.Reports, sum.Failed)
	}
	return nil
}

// write is one lead: call reports to random legislators, and now and then an edit of
// one of the first 50 volunteers (which every writer edits, so edits cross).
func write(target string, n int, d time.Duration) error {
	ctx := context.Background()
	s, err := db.Open(ctx, target, db.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	camps, err := s.Campaigns(ctx)
	if err != nil || len(camps) == 0 {
		return fmt.Errorf("no campaign: %v", err)
	}
	legs, err := s.Legislators(ctx)
	if err != nil || len(legs) == 0 {
		return fmt.Errorf("no legislators: %v", err)
	}
	vols, err := s.SearchVolunteers(ctx, "a", 50)
	if err != nil || len(vols) == 0 {
		return fmt.Errorf("no volunteers: %v", err)
	}
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	var r result
	outcomes := []db.Outcome{db.OutcomeSpokeStaff, db.OutcomeLeftVoicemail, db.OutcomeBusy, db.OutcomeNoAnswer}
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		start := time.Now()
		if rng.IntN(5) == 0 {
			v, err := s.Volunteer(ctx, vols[rng.IntN(len(vols))].ID)
			if err == nil {
				v.Notes = fmt.Sprintf("edited by writer %d at %s", n, time.Now().Format(time.RFC3339Nano))
				err = s.UpdateVolunteer(ctx, v)
			}
			var c *db.EditConflictError
			switch {
			case errors.As(err, &c):
				r.Conflicts++
			case err != nil:
				r.Failed++
				fmt.Fprintln(os.Stderr, "edit:", err)
			default:
				r.Edits++
			}
		} else {
			rep := db.CallReport{CampaignID: camps[0].ID, VolunteerID: vols[rng.IntN(len(vols))].ID,
				LegislatorID: legs[rng.IntN(len(legs))].ID, Outcome: outcomes[rng.IntN(len(outcomes))],
				CalledAt: time.Now()}
			if _, err := s.CreateCallReport(ctx, rep, false); err != nil {
				r.Failed++
				fmt.Fprintln(os.Stderr, "report:", err)
			} else {
				r.Reports++
			}
		}
		r.Latencies = append(r.Latencies, float64(time.Since(start).Microseconds())/1000)
	}
	return json.NewEncoder(os.Stdout).Encode(r)
}
