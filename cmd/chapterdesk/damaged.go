package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/chapterdesk/chapterdesk/db"
)

// damagedHint adds to Open's refusal of a damaged file what the lead can do: the
// newest good backup and the exact command that restores it, or, with none, to keep
// the file safe. The window shows the same text as the terminal.
func damagedHint(err error) error {
	var de *db.DamagedError
	if !errors.As(err, &de) {
		return err
	}
	if de.IndexOnly {
		return fmt.Errorf("%w. Repair it with: %s (the file as it is is kept in the backups folder first). %s",
			err, repairCommand(de.Path), restoreAdvice(de))
	}
	return fmt.Errorf("%w. %s", err, restoreAdvice(de))
}

// repairCommand is the exact command that repairs a file damaged only in its indexes.
func repairCommand(path string) string {
	return "chapterdesk check --repair --db " + shellQuote(path)
}

// restoreAdvice names the newest good backup of a damaged file and the command that
// restores it, or says there is none.
func restoreAdvice(de *db.DamagedError) string {
	if de.Backup == "" {
		return fmt.Sprintf("No good backup of it was found in %s; copy the file somewhere safe "+
			"and ask for help before trying anything else", db.BackupsDir(de.Path))
	}
	return fmt.Sprintf("The newest good backup is %s (made %s); restore it with: chapterdesk restore %s --db %s "+
		"(the damaged file is kept in the backups folder)",
		de.Backup, de.BackupTime.Local().Format("2006-01-02 15:04"), shellQuote(de.Backup), shellQuote(de.Path))
}

// shellQuote quotes a path for a POSIX shell when it needs it, so the command can be
// pasted as it is.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+:@,", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
