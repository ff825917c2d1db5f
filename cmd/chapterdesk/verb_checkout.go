package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/chapterdesk/chapterdesk/db"
)

// runCheckout writes the lead's chapter on a chapter server as a data file to work on
// offline; push brings it back.
func runCheckout(ctx context.Context, e *env, args []string) error {
	fs := e.newFlags("checkout")
	to := fs.String("to", "", "the data file to write (must not exist)")
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 1 && *to == "" {
		*to = pos[0]
	} else if len(pos) != 0 || *to == "" {
		return usageError{"give the file to write: checkout --to FILE.db --db postgres://..."}
	}
	path, err := e.dbPath(false)
	if err != nil {
		return err
	}
	if !db.IsServer(path) {
		return fmt.Errorf("checkout takes a chapter from a chapter server (--db postgres://...); %s is already a data file: copy it with chapterdesk backup", path)
	}
	return withStore(ctx, path, db.Options{ReadOnly: true}, func(s *db.Store) error {
		// The copy is one chapter's, which its push goes back to: a lead of several
		// says which, as for a verb that writes.
		if err := useVerbChapter(ctx, s, path, false); err != nil {
			return err
		}
		if err := s.Checkout(ctx, *to); err != nil {
			return err
		}
		r, err := db.FullCheck(ctx, *to)
		if err != nil {
			return fmt.Errorf("check the copy %s: %w", *to, err)
		}
		if !r.Intact() {
			bad := filepath.Join(filepath.Dir(*to), "damaged-"+filepath.Base(*to))
			if err := os.Rename(*to, bad); err != nil {
				bad = *to
			}
			return fmt.Errorf("the copy %s failed SQLite's full check (%s)", bad, r.Problems[0])
		}
		self, err := s.SelfChapter(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "checked out %s from %s to %s (checked: intact); bring it back with: chapterdesk push %s --db ...\n",
			self.Name, showDB(path), *to, *to)
		return nil
	})
}

// runPush brings a checkout back: what was added, by UUID, and the volunteers, call
// reports, legislators and campaigns edited in it; those also changed on the server
// since are listed, and changed only with --take-mine; an edit the login may not make
// on the server is listed with the reason.
func runPush(ctx context.Context, e *env, args []string) error {
	fs := e.newFlags("push")
	mine := fs.Bool("take-mine", false, "for a record changed on both sides, save the file's version over the server's")
	theirs := fs.Bool("take-theirs", false, "for a record changed on both sides, keep the server's version")
	asTheyAre := fs.Bool("times-as-they-are", false, "push the call reports an older ChapterDesk imported (times that may read hours off) as they are")
	dups := fs.Bool("add-duplicates", false, "add the volunteers new in the file even when one has the email or phone of a volunteer of the chapter on the server")
	bringBack := fs.Bool("bring-back-deleted", false, "add the file's volunteers and call reports that were deleted for good on the server (an import undone, the trash emptied), and the chapter's stance changes the checkout had that were deleted there since; without it they are left out and listed")
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"give the checked-out file to bring back: push FILE.db --db postgres://..."}
	}
	if *mine && *theirs {
		return usageError{"give --take-mine or --take-theirs, not both"}
	}
	choice := db.PushList
	if *mine {
		choice = db.PushTakeMine
	} else if *theirs {
		choice = db.PushTakeTheirs
	}
	path, err := e.dbPath(true)
	if err != nil {
		return err
	}
	if !db.IsServer(path) {
		return fmt.Errorf("push brings a checkout back to its chapter server (--db postgres://...); to bring a file into a data file, merge it")
	}
	return withStore(ctx, path, db.Options{}, func(s *db.Store) error {
		res, err := s.PushWith(ctx, pos[0], db.PushOptions{Choice: choice, AddDuplicates: *dups, TimesAsTheyAre: *asTheyAre,
			BringBackDeleted: *bringBack})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "added: %s\n", res.Merge)
		if len(res.Updated) > 0 {
			fmt.Fprintf(e.stdout, "updated: %d volunteers: %s\n", len(res.Updated), strings.Join(res.Updated, ", "))
		}
		for _, u := range res.Others {
			fmt.Fprintf(e.stdout, "updated: %s %s\n", u.Kind, u.Name)
		}
		if len(res.Updated) == 0 && len(res.Others) == 0 {
			fmt.Fprintf(e.stdout, "updated: none\n")
		}
		for _, g := range res.Gone {
			fmt.Fprintf(e.stdout, "not brought back: %s was edited in the file but is no longer on the server in your chapter (deleted, in the trash, or moved to another chapter)\n", g)
		}
		if len(res.LeftOut) > 0 {
			fmt.Fprintf(e.stdout, "not brought back: %d volunteers of the checkout are no longer on the server in your chapter "+
				"(deleted, or moved to another chapter, since the checkout), not edited in the file: %s\n",
				len(res.LeftOut), strings.Join(res.LeftOut, ", "))
		}
		if len(res.AlreadyOnServer) > 0 {
			fmt.Fprintf(e.stdout, "already on the server: %d call reports new in the file that the server has already "+
				"(the same legislator, time, caller and outcome: the same form imported on both sides), not added again: %s\n",
				len(res.AlreadyOnServer), strings.Join(res.AlreadyOnServer, "; "))
		}
		for _, r := range res.Refused {
			fmt.Fprintf(e.stdout, "not brought back: %s %s: %s\n", r.Kind, r.Name, r.Reason)
		}
		if len(res.OwnStancesGone) > 0 {
			fmt.Fprintf(e.stdout, "not brought back: %d of your chapter's stance changes that the checkout had, deleted on the server since "+
				"(an import taken back there, say): %s; to bring them back on purpose, push again with --bring-back-deleted\n",
				len(res.OwnStancesGone), strings.Join(res.OwnStancesGone, "; "))
		}
		if res.OwnStancesBroughtBack > 0 {
			fmt.Fprintf(e.stdout, "brought back (--bring-back-deleted): %d of your chapter's stance changes deleted on the server since the checkout\n",
				res.OwnStancesBroughtBack)
		}
		if len(res.CoalitionStancesGone) > 0 {
			fmt.Fprintf(e.stdout, "not brought back: %d of the coalition's stance changes (of no chapter: the coordinator's, the official record's) "+
				"that the checkout had, deleted on the server since: %s\n", len(res.CoalitionStancesGone), strings.Join(res.CoalitionStancesGone, "; "))
		}
		if res.OtherStancesGone > 0 {
			fmt.Fprintf(e.stdout, "not brought back: %d stance changes of other chapters that the checkout had, deleted on the server since "+
				"(those chapters' to change)\n", res.OtherStancesGone)
		}
		if len(res.Conflicts) == 0 {
			fmt.Fprintf(e.stdout, "conflicts: none\n")
			return nil
		}
		what := map[db.PushChoice]string{db.PushList: "nothing changed for them; choose with --take-mine or --take-theirs",
			db.PushTakeMine: "the file's version was saved (--take-mine)", db.PushTakeTheirs: "the server's version was kept (--take-theirs)"}[choice]
		fmt.Fprintf(e.stdout, "conflicts: %d records changed both in the file and on the server since the checkout; %s\n", len(res.Conflicts), what)
		for _, c := range res.Conflicts {
			name := c.Name
			if c.Kind != db.PushVolunteer {
				name = c.Kind + " " + c.Name
			}
			fmt.Fprintf(e.stdout, "  %s: %s\n", name, strings.Join(c.Parts, ", "))
		}
		return nil
	})
}
