package main

import (
	"context"
	"fmt"

	"github.com/chapterdesk/chapterdesk/db"
)

// runMerge brings other chapters' data files into this one, each in its own
// transaction, and says what came in from each. Merging a file again adds nothing.
func runMerge(ctx context.Context, e *env, args []string) error {
	fs := e.newFlags("merge")
	asTheyAre := fs.Bool("times-as-they-are", false, "merge into a server the call reports an older ChapterDesk imported (times that may read hours off) as they are")
	bringBack := fs.Bool("bring-back-deleted", false, "add the file's volunteers and call reports that were deleted here for good (an import undone, the trash emptied); without it they are left out and listed")
	files, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usageError{"give the chapter data files to merge: merge FILE..."}
	}
	path, err := e.dbPath(true)
	if err != nil {
		return err
	}
	return withStore(ctx, path, db.Options{}, func(s *db.Store) error {
		var same []db.SharedName
		for _, f := range files {
			res, err := s.MergeWith(ctx, f, db.MergeOptions{TimesAsTheyAre: *asTheyAre, BringBackDeleted: *bringBack})
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "merged %s\n", res)
			same = res.SameNames // the last merge's are the file's as it now is
		}
		for _, n := range same {
			fmt.Fprintf(e.stderr, "warning: %d chapters are named %q: the workbook cannot tell them apart; "+
				"a lead renames their chapter in the app (Settings, Chapter name) and sends the file again: a merge takes the name saved later\n", n.Chapters, n.Name)
		}
		return nil
	})
}
