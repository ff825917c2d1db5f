package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/chapterdesk/chapterdesk/db"
)

// runCampaign shares campaign files: list, export ID FILE.json, import FILE.json.
func runCampaign(ctx context.Context, e *env, args []string) error {
	fs := e.newFlags("campaign")
	var lf linkFlags
	fs.StringVar(&lf.session, "session", "", "campaign link: the session, as Open States names it (194th, 2024)")
	fs.StringVar(&lf.to, "to", "", "campaign link: the session's number of the bill, when it changed (\"H 5293\")")
	fs.StringVar(&lf.state, "state", "", "campaign link: the session's state (default: the campaign's); campaign set: the campaign's state")
	votesUpper := fs.Int("votes-upper", -1, "campaign set: the Senate votes the bill needs")
	votesLower := fs.Int("votes-lower", -1, "campaign set: the House votes the bill needs")
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 && (pos[0] == "link" || pos[0] == "unlink" || pos[0] == "links") {
		return runCampaignLink(ctx, e, pos, lf)
	}
	if len(pos) > 0 && (pos[0] == "archive" || pos[0] == "activate" || pos[0] == "set") {
		var bad error
		fs.Visit(func(f *flag.Flag) { // -1 stands for "not given": a number typed must be a count of votes
			if n := map[string]*int{"votes-upper": votesUpper, "votes-lower": votesLower}[f.Name]; n != nil && *n < 0 && bad == nil {
				bad = usageError{fmt.Sprintf("--%s %d: the votes needed are a positive number (0: not set)", f.Name, *n)}
			}
		})
		if bad != nil {
			return bad
		}
		return runCampaignState(ctx, e, pos, lf.state, *votesUpper, *votesLower)
	}
	if len(pos) == 0 {
		return usageError{"say what to do: campaign list, campaign export ID FILE.json or campaign import FILE.json"}
	}
	path, err := e.dbPath(pos[0] == "import")
	if err != nil {
		return err
	}
	switch {
	case pos[0] == "list" && len(pos) == 1:
		return withStore(ctx, path, db.Options{ReadOnly: true}, func(s *db.Store) error { return listCampaigns(ctx, e, s) })
	case pos[0] == "export" && len(pos) == 3:
		return withStore(ctx, path, db.Options{ReadOnly: true}, func(s *db.Store) error {
			return exportCampaign(ctx, e, s, pos[1], pos[2])
		})
	case pos[0] == "import" && len(pos) == 2:
		data, err := os.ReadFile(pos[1])
		if err != nil {
			return fmt.Errorf("%s: %w", pos[1], unwrapPath(err))
		}
		c, err := db.ParseCampaignFile(data)
		if err != nil {
			return fmt.Errorf("%s: %w", pos[1], err)
		}
		return withStore(ctx, path, db.Options{}, func(s *db.Store) error { return importCampaign(ctx, e, s, c, pos[1]) })
	}
	return usageError{fmt.Sprintf("unexpected arguments %q: campaign list, campaign export ID FILE.json or campaign import FILE.json", strings.Join(pos, " "))}
}

// listCampaigns prints one campaign a line, its ID first, then its UUID, revision,
// bills and name, tab-separated.
func listCampaigns(ctx context.Context, e *env, s *db.Store) error {
	list, err := s.Campaigns(ctx)
	if err != nil {
		return err
	}
	for _, c := range list {
		full, err := s.Campaign(ctx, c.ID)
		if err != nil {
			return err
		}
		status := ""
		if c.Status != "active" {
			status = "\t(" + c.Status + ")"
		}
		fmt.Fprintf(e.stdout, "%d\t%s\trevision %d\t%s\t%s\t%s%s\n", c.ID, c.UUID, full.Revision, c.BillNumbers,
			strings.Join(full.Languages(), ","), c.Name, status)
	}
	return nil
}

func exportCampaign(ctx context.Context, e *env, s *db.Store, id, file string) error {
	c, err := pickCampaign(ctx, s, id)
	if err != nil {
		return err
	}
	data, err := db.MarshalCampaignFile(c)
	if err != nil {
		return err
	}
	if err := writeFileAtomic(file, func(w io.Writer) error {
		_, err := w.Write(append(data, '\n'))
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "exported campaign %d (%s, revision %d) to %s\n", c.ID, c.Name(), c.Revision, file)
	return nil
}

func importCampaign(ctx context.Context, e *env, s *db.Store, c db.Campaign, file string) error {
	res, err := s.ImportCampaign(ctx, c)
	if errors.Is(err, db.ErrOlderRevision) {
		return fmt.Errorf("%s is an older revision of %q; nothing changed (%v)", file, c.Name(), errors.Unwrap(err))
	}
	if err != nil {
		return err
	}
	switch {
	case res.Created || s.Created():
		// A new file gets the starter campaign as it opens (openStore): importing
		// that same campaign into it adds it as far as the lead can tell.
		fmt.Fprintf(e.stdout, "imported campaign %d: %s (revision %d)\n", res.ID, c.Name(), res.Revision)
	case res.OldRevision == res.Revision:
		fmt.Fprintf(e.stdout, "updated campaign %d: %s (revision %d again); the chapter's own additions are kept\n", res.ID, c.Name(), res.Revision)
	default:
		fmt.Fprintf(e.stdout, "updated campaign %d: %s from revision %d to %d; the chapter's own additions are kept\n",
			res.ID, c.Name(), res.OldRevision, res.Revision)
	}
	for _, n := range res.Notes {
		fmt.Fprintln(e.stdout, n)
	}
	for _, w := range c.UnknownPlaceholders() {
		fmt.Fprintf(e.stderr, "warning: %s: call sheets print it as it stands; correct the campaign file and import it again\n", w)
	}
	if res.BatchID != 0 { // the sponsors it marked: `import undo` takes them back
		fmt.Fprintf(e.stdout, "import batch %d\n", res.BatchID)
	}
	return nil
}

// defaultCampaignNote is, for a verb that took the newest active campaign because
// none was asked for (asked is false) while another is active too, a line naming it
// and the flag that chooses another; "" otherwise. The verb's output always names the
// campaign: printing the newest of two same-named campaigns unsaid is a wrong answer
// that looks right.
func defaultCampaignNote(ctx context.Context, s *db.Store, asked bool, id int64) (string, error) {
	list, err := s.Campaigns(ctx)
	if err != nil {
		return "", err
	}
	var used db.CampaignSummary
	active := 0
	for _, c := range list {
		if c.ID == id {
			used = c
		}
		if c.Status != "archived" {
			active++
		}
	}
	if asked || active < 2 || used.ID == 0 {
		return used.Title(), nil
	}
	return fmt.Sprintf("%s: the newest of %d active campaigns; --campaign ID chooses another", used.Title(), active), nil
}

// pickCampaign finds a campaign by its ID (as campaign list prints it) or UUID; ""
// picks the newest.
func pickCampaign(ctx context.Context, s *db.Store, id string) (db.Campaign, error) {
	list, err := s.Campaigns(ctx)
	if err != nil {
		return db.Campaign{}, err
	}
	if len(list) == 0 {
		return db.Campaign{}, errors.New("this file has no campaign yet: import one with chapterdesk campaign import FILE.json")
	}
	id = strings.TrimSpace(id)
	for _, c := range list {
		if id == "" || strconv.FormatInt(c.ID, 10) == id || strings.EqualFold(c.UUID, id) {
			return s.Campaign(ctx, c.ID)
		}
	}
	return db.Campaign{}, fmt.Errorf("no campaign %q (see chapterdesk campaign list)", id)
}
