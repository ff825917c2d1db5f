package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/chapterdesk/chapterdesk/db"
)

const coalitionHelp = "A coalition server holds many chapters; its owner (the login that ran server init) gives the logins:\n" +
	"  chapterdesk server add-chapter \"Worcester\" --db ...\n" +
	"  chapterdesk server add-lead alice --chapter \"Worcester\" --db ...   (again with another chapter: alice leads both)\n" +
	"  chapterdesk server add-coordinator carol --db ...\n" +
	"  chapterdesk server list --db ...\n" +
	"  chapterdesk server remove alice --db ...\n" +
	"A login is a PostgreSQL role: the owner's login needs CREATEROLE. A new login's temporary password is\n" +
	"shown once and stored nowhere (the server keeps only a SCRAM verifier). The database itself keeps each\n" +
	"lead to their chapters' people and reports, and the coordinator away from volunteers' contact details."

// runServerCoalition runs the coalition's server verbs: chapters and logins, by the
// database's owner.
func runServerCoalition(ctx context.Context, e *env, pos []string, chapter string) error {
	what, args := pos[0], pos[1:]
	want := map[string]int{"add-chapter": 1, "add-lead": 1, "add-coordinator": 1, "list": 0, "remove": 1}
	n, ok := want[what]
	if !ok {
		return usageError{fmt.Sprintf("server %s: give what to do: server init | add-chapter NAME | add-lead LOGIN --chapter NAME | add-coordinator LOGIN | list | remove LOGIN", what)}
	}
	if len(args) != n {
		if n == 0 {
			return usageError{fmt.Sprintf("server %s takes no more arguments", what)}
		}
		return usageError{fmt.Sprintf("server %s takes one %s", what, map[bool]string{true: "chapter name (quoted)", false: "login"}[what == "add-chapter"])}
	}
	if what == "add-lead" && strings.TrimSpace(chapter) == "" {
		return usageError{"give the lead's chapter: server add-lead LOGIN --chapter NAME"}
	}
	if what != "add-lead" && chapter != "" {
		return usageError{"--chapter is for server add-lead"}
	}
	path, err := e.dbPath(false)
	if err != nil {
		return err
	}
	if !db.IsServer(path) {
		return usageError{"chapters and logins are for a coalition server: give it with --db postgres://OWNER@HOST/DATABASE"}
	}
	name := db.ServerName(path)
	_, _, err = withPassword(e, func() (struct{}, struct{}, error) {
		return struct{}{}, struct{}{}, withStore(ctx, path, db.Options{}, func(s *db.Store) error {
			switch what {
			case "add-chapter":
				c, err := s.AddChapter(ctx, args[0])
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "added the chapter %q on %s; give it a lead with: chapterdesk server add-lead LOGIN --chapter %q\n", c.Name, name, c.Name)
			case "add-lead":
				pw, err := s.AddLead(ctx, args[0], chapter)
				if err != nil {
					return err
				}
				if pw == "" {
					fmt.Fprintf(e.stdout, "%s now leads %q too, with the same login and password\n", args[0], chapter)
					return nil
				}
				fmt.Fprintf(e.stdout, "added %s, a lead of %q, on %s\n", args[0], chapter, name)
				printPassword(e, args[0], pw)
			case "add-coordinator":
				pw, err := s.AddCoordinator(ctx, args[0])
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "added %s, the coalition's coordinator (every chapter's calls and whip count, no volunteer's contact details), on %s\n", args[0], name)
				printPassword(e, args[0], pw)
			case "list":
				return listCoalition(ctx, e, s, name)
			case "remove":
				gone, err := s.RemoveLogin(ctx, args[0])
				if err != nil {
					return err
				}
				what := "the coordinator"
				if !gone.Coordinator {
					what = "a lead of " + quoteNames(gone.Chapters)
				}
				fmt.Fprintf(e.stdout, "removed %s (%s): the login is gone and can no longer connect; the chapter's records stay\n", gone.Login, what)
			}
			return nil
		})
	})
	if errors.Is(err, db.ErrNotOwner) {
		return fmt.Errorf("%w: connect as the owner (--db postgres://OWNER@...)", err)
	}
	return err
}

// printPassword shows a new login's temporary password, once.
func printPassword(e *env, login, pw string) {
	fmt.Fprintf(e.stdout, "temporary password for %s: %s\n", login, pw)
	fmt.Fprintln(e.stdout, "  (shown this once and stored nowhere: hand it over in person or by a private channel;")
	fmt.Fprintf(e.stdout, "  they change it with psql's \\password, connected as %s)\n", login)
}

func quoteNames(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

func listCoalition(ctx context.Context, e *env, s *db.Store, name string) error {
	chapters, err := s.CoalitionChapters(ctx)
	if err != nil {
		return err
	}
	logins, err := s.CoalitionLogins(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "chapters on %s: %d\n", name, len(chapters))
	for _, c := range chapters {
		leads := "no lead"
		if len(c.Leads) > 0 {
			leads = "leads: " + strings.Join(c.Leads, ", ")
		}
		self := ""
		if c.Self {
			self = " (the owner's own)"
		}
		fmt.Fprintf(e.stdout, "  %s%s: %s\n", c.Name, self, leads)
	}
	fmt.Fprintf(e.stdout, "logins: %d\n", len(logins))
	for _, l := range logins {
		if l.Coordinator {
			fmt.Fprintf(e.stdout, "  %s: coordinator\n", l.Login)
		} else {
			fmt.Fprintf(e.stdout, "  %s: lead of %s\n", l.Login, quoteNames(l.Chapters))
		}
	}
	return nil
}
