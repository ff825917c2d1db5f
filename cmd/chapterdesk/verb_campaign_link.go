package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/chapterdesk/chapterdesk/db"
)

// linkFlags are the flags of campaign link and unlink.
type linkFlags struct{ session, to, state string }

// runCampaignLink ties a campaign's bill to a session's bill (`campaign link ID BILL
// --session S [--to NUMBER]`), takes a link back (`campaign unlink ID BILL --session
// S`) or lists the links (`campaign links [ID]`).
func runCampaignLink(ctx context.Context, e *env, pos []string, lf linkFlags) error {
	usage := "campaign link ID BILL --session S [--to NUMBER] [--state XX], campaign unlink ID BILL --session S, campaign links [ID]"
	var id int64
	if len(pos) >= 2 {
		n, err := strconv.ParseInt(pos[1], 10, 64)
		if err != nil || n <= 0 {
			return usageError{fmt.Sprintf("%q is not a campaign number (see campaign list)", pos[1])}
		}
		id = n
	}
	switch {
	case pos[0] == "links" && len(pos) <= 2:
		path, err := e.dbPath(false)
		if err != nil {
			return err
		}
		return withStore(ctx, path, db.Options{ReadOnly: true}, func(s *db.Store) error {
			links, err := s.BillLinks(ctx, id)
			if err != nil {
				return err
			}
			if len(links) == 0 {
				fmt.Fprintln(e.stdout, "no bill is linked to a session yet (campaign link ID BILL --session S)")
			}
			for _, l := range links {
				fmt.Fprintf(e.stdout, "campaign %d\t%s\t%s %s\t%s\n", l.CampaignID, l.CampaignBill, l.State, l.Session, l.SessionNumber)
			}
			return nil
		})
	case (pos[0] == "link" || pos[0] == "unlink") && len(pos) == 3:
		if lf.session == "" {
			return usageError{"say the session: --session 194th (as Open States names it; import session prints it)"}
		}
		if pos[0] == "unlink" && lf.to != "" {
			return usageError{"--to is for campaign link"}
		}
		path, err := e.dbPath(true)
		if err != nil {
			return err
		}
		return withStore(ctx, path, db.Options{}, func(s *db.Store) error {
			if pos[0] == "unlink" {
				state := lf.state
				if state == "" {
					c, err := s.Campaign(ctx, id)
					if err != nil {
						return fmt.Errorf("no campaign %d (see campaign list)", id)
					}
					state = c.State
				}
				l, err := s.UnlinkBill(ctx, id, pos[2], state, lf.session)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "campaign %d, %s: no longer linked to session %s\n", id, pos[2], lf.session)
				if note := l.UnlinkedNote(); note != "" {
					fmt.Fprintln(e.stdout, note)
				}
				return nil
			}
			l, err := s.LinkBill(ctx, db.BillLink{CampaignID: id, CampaignBill: pos[2], State: lf.state, Session: lf.session,
				SessionNumber: lf.to})
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "campaign %d, %s: in session %s of %s it is %s; import the session's export to bring its record\n",
				id, l.CampaignBill, l.Session, l.State, l.SessionNumber)
			if note := l.ReplacedNote(); note != "" {
				fmt.Fprintln(e.stdout, note)
			}
			if note := l.NotHereNote(); note != "" {
				fmt.Fprintln(e.stdout, "warning: "+note)
			}
			if note := l.WaitingNote(); note != "" {
				fmt.Fprintln(e.stdout, note+" (--state XX)")
			}
			return nil
		})
	}
	return usageError{"unexpected arguments: " + usage}
}

// runCampaignState archives a campaign (`campaign archive ID`: it leaves the
// choosers, its reports still count in its own workbook), makes it active again
// (`campaign activate ID`) or sets its state and the votes it needs (`campaign set
// ID [--state XX] [--votes-upper N] [--votes-lower N]`).
func runCampaignState(ctx context.Context, e *env, pos []string, state string, upper, lower int) error {
	if len(pos) != 2 {
		return usageError{"give the campaign: campaign " + pos[0] + " ID (see campaign list)"}
	}
	id, err := strconv.ParseInt(pos[1], 10, 64)
	if err != nil || id <= 0 {
		return usageError{fmt.Sprintf("%q is not a campaign number (see campaign list)", pos[1])}
	}
	if pos[0] == "set" && state == "" && upper < 0 && lower < 0 {
		return usageError{"say what to set: campaign set ID --state XX --votes-upper N --votes-lower N"}
	}
	path, err := e.dbPath(true)
	if err != nil {
		return err
	}
	return withStore(ctx, path, db.Options{}, func(s *db.Store) error {
		c, err := s.Campaign(ctx, id)
		if err != nil {
			return fmt.Errorf("no campaign %d (see campaign list)", id)
		}
		switch pos[0] {
		case "archive", "activate":
			status := map[string]string{"archive": "archived", "activate": "active"}[pos[0]]
			if err := s.SetCampaignStatus(ctx, id, status); err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "campaign %d (%s) is %s\n", id, c.Name(), status)
			return nil
		}
		if state == "" {
			state = c.State
		}
		need := c.VotesNeeded
		if upper >= 0 {
			need.Upper = upper
		}
		if lower >= 0 {
			need.Lower = lower
		}
		if err := s.SetCampaignTarget(ctx, id, state, need); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "campaign %d (%s): state %s, %d Senate and %d House votes needed\n", id, c.Name(),
			strings.ToUpper(state), need.Upper, need.Lower)
		return nil
	})
}
