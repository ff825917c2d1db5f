package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer"
)

// runImportSession brings an Open States session export in (`import session DIR|ZIP`):
// the record of the bills the campaigns link to its session.
func runImportSession(ctx context.Context, e *env, pos []string, fl importFlags) error {
	if len(pos) != 2 {
		return usageError{"give the export: import session DIR|ZIP (an Open States session export, the zip as downloaded or its folder)"}
	}
	var exported time.Time
	if fl.exported != "" {
		t, err := time.Parse(time.DateOnly, fl.exported) // a day: ReadSession starts it on the legislature's clock
		if err != nil {
			return usageError{fmt.Sprintf("--exported %q is not a date like 2026-04-05", fl.exported)}
		}
		exported = t
	}
	sf, err := importer.ReadSession(pos[1], exported, fl.encoding)
	if err != nil {
		return err
	}
	dbPath, err := e.dbPath(!fl.dryRun)
	if err != nil {
		return err
	}
	load := func(s *db.Store) error {
		sum, err := s.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{DryRun: fl.dryRun, Source: sf.Source})
		if err != nil {
			return err
		}
		printSessionSummary(e, sf, sum, fl.dryRun)
		return nil
	}
	// A dry run creates nothing: into a file that does not exist yet (nor its
	// folder) it runs against an empty chapter elsewhere, as the other imports do.
	if _, statErr := os.Stat(dbPath); fl.dryRun && !db.IsServer(dbPath) && errors.Is(statErr, os.ErrNotExist) {
		return dryRunIntoNothing(ctx, load)
	}
	return withStore(ctx, dbPath, db.Options{}, load)
}

// printSessionSummary tells what a session import kept, every unmatched row (rows of
// one name and reason together, with their lines) and what the export lacked.
func printSessionSummary(e *env, sf *importer.SessionFile, sum db.SessionImportSummary, dryRun bool) {
	verb := "imported"
	if dryRun {
		verb = "dry run, nothing written; would import"
	}
	fmt.Fprintf(e.stdout, "%s session %s of %s from %s (exported %s, %s): %d bills in the export\n", verb, sf.Session,
		sf.State, sf.Source, sum.Zone.In(sf.ExportedAt).Format(time.DateOnly), sf.ExportedFrom, len(sf.Bills))
	for _, b := range sum.Bills {
		how := map[string]string{"number": "its own number", "link": "linked by hand", "docket": "through its docket"}[b.MatchedBy]
		fmt.Fprintf(e.stdout, "  campaign %d, %s: %s %q (%s)\n", b.CampaignID, b.CampaignBill, b.Identifier, b.Title, how)
	}
	fmt.Fprintf(e.stdout, "new: %d sponsorships (%d matched to legislators), %d roll calls, %d votes (%d by voter_id, %d by name), %d stance changes; %d already there\n",
		sum.Sponsorships, sum.SponsorshipsMatched, sum.RollCalls, sum.Votes, sum.VotesMatched, sum.VotesByName,
		sum.StanceChanges, sum.Unchanged)
	if line := sum.RematchedLine(); line != "" {
		fmt.Fprintln(e.stdout, line)
	}
	if len(sf.Missing) > 0 {
		fmt.Fprintf(e.stdout, "not in the export: %s (a zip leaves out tables without rows)\n", strings.Join(sf.Missing, ", "))
	}
	if len(sf.Ignored) > 0 {
		fmt.Fprintf(e.stdout, "left out, not tables of a session export: %s\n", strings.Join(sf.Ignored, ", "))
	}
	if len(sf.ReadAs) > 0 {
		fmt.Fprintf(e.stdout, "read in the encoding named (--encoding): %s; the other tables as UTF-8, as Open States writes them\n", strings.Join(sf.ReadAs, ", "))
	}
	printUnmatched(e, sum.Unmatched)
	for _, n := range sum.Notes {
		fmt.Fprintln(e.stdout, n)
	}
	for _, n := range sum.NotTaken {
		how := fmt.Sprintf("chapterdesk campaign link %d %s --session %s", n.CampaignID, shellQuote(n.CampaignBill), shellQuote(n.Session))
		if !n.NamesCampaign {
			how += " --to NUMBER"
		}
		fmt.Fprintln(e.stdout, n.Note(how))
	}
	if note := sum.NoneLinkedNote(sf.State, sf.Session, func(b db.CampaignBillRef) string {
		return fmt.Sprintf("chapterdesk campaign link %d %s --session %s --state %s --to NUMBER", b.CampaignID,
			shellQuote(b.Bill), shellQuote(sf.Session), sf.State)
	}); note != "" {
		fmt.Fprintln(e.stdout, note)
	}
	if sum.BatchID != 0 {
		fmt.Fprintf(e.stdout, "import batch %d\n", sum.BatchID)
	} else if !dryRun {
		fmt.Fprintln(e.stdout, "0 changed")
	}
}

// printUnmatched lists the rows not tied to a legislator, those of one table, name and
// reason on one line with their line numbers.
func printUnmatched(e *env, list []db.Unmatched) {
	if len(list) == 0 {
		return
	}
	groups := db.GroupUnmatched(list)
	fmt.Fprintf(e.stdout, "not matched to a legislator: %d rows\n", len(list))
	for _, g := range groups {
		var lines []string
		for _, l := range g.Lines {
			lines = append(lines, fmt.Sprint(l))
		}
		where := "line " + lines[0]
		if len(lines) > 1 {
			where = "lines " + strings.Join(lines, ", ")
		}
		fmt.Fprintf(e.stdout, "  %s %q (%s): %s\n", g.Table, g.Name, where, g.Reason)
	}
}
