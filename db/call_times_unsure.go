package db

import (
	"context"
	"database/sql"
	"fmt"
)

// CallTimesUnsure counts the call reports an older ChapterDesk imported whose time may
// read hours off (see migrations/0016_call_times_unsure.sql), and says so for the lead;
// "" when there are none. Their times are not moved: the file does not say on which
// computer's clock they were read; the lead who knows says so to FixCallTimes. A
// coalition server keeps no such list (0).
func (s *Store) CallTimesUnsure(ctx context.Context) (int, string, error) {
	if s.server != nil {
		return 0, "", nil
	}
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM call_times_unsure u
		JOIN call_reports r ON r.id = u.call_report_id WHERE r.deleted_at IS NULL`).Scan(&n); err != nil {
		return 0, "", fmt.Errorf("count call times unsure: %w", mapErr(err))
	}
	if n == 0 {
		return 0, "", nil
	}
	z, err := s.Zone(ctx, 0)
	if err != nil {
		return 0, "", err
	}
	return n, fmt.Sprintf("%d call reports were imported by an older ChapterDesk, which read a form's time written "+
		"without a zone on the clock of the computer that imported it; this version reads such a time as %s time. "+
		"If that computer was not set to %s time, these reports read hours off (a form's 9:36 imported on a computer "+
		"set to UTC now reads 4:36 AM Eastern), and a call near midnight may count on the day before or after. "+
		"Their times were left as they were, since the file does not record which computer it was (exports mark them: "+
		"time_may_be_off). A report whose form wrote the time with its own offset or zone (2024-01-16T09:36:11-05:00) "+
		"was read right and must not be moved. If you know the zone that computer was set to, "+
		"`chapterdesk calls fix-times --imported-on-zone ZONE --from FORM.csv` puts them right, moving only the reports "+
		"whose time in the form files given had no zone (UTC, America/Chicago, ...; --dry-run shows a few first; %s's own "+
		"zone moves nothing and clears the mark); else compare an export of the calls with the form before relying on "+
		"their times, days or weeks",
		n, z.place(), z.place(), z.place()), nil
}

// unsureUUIDs are the UUIDs of the call reports a file lists as read on an older
// ChapterDesk's computer's clock (any, the trash's too), for a merge into a server,
// which keeps no list.
func (s *Store) unsureUUIDs(ctx context.Context) ([]string, error) {
	if s.server != nil {
		return nil, nil
	}
	var out []string
	err := eachRow(ctx, s.r, func(r *sql.Rows) error {
		var u string
		err := r.Scan(&u)
		out = append(out, u)
		return err
	}, `SELECT r.uuid FROM call_times_unsure u JOIN call_reports r ON r.id = u.call_report_id ORDER BY r.id`)
	if err != nil {
		return nil, fmt.Errorf("call times unsure: %w", err)
	}
	return out, nil
}

// refuseUnsureTimes refuses a push, or the owner's merge (verb), of the call reports
// new to the server (not here, nor left out: leaveOut, see callsLeftOut) that the file lists as read on
// an older ChapterDesk's computer's clock: the server keeps no such list, and a push
// or merge brings no later edit of a report, so once there their times could not be
// put right. The lead puts them right in the file first (FixCallTimes), or pushes
// (merges) them as they are.
func (s *Store) refuseUnsureTimes(ctx context.Context, src *Store, verb, path string, leaveOut []string) error {
	unsure, err := src.unsureUUIDs(ctx)
	if err != nil || len(unsure) == 0 {
		return err
	}
	gone, err := src.callsLeftOut(ctx, leaveOut)
	if err != nil {
		return fmt.Errorf("%s %s: %w", verb, path, err)
	}
	here := map[string]bool{}
	for i := 0; i < len(unsure); i += 500 {
		chunk := unsure[i:min(len(unsure), i+500)]
		err := eachRow(ctx, s.r, func(r *sql.Rows) error {
			var u string
			err := r.Scan(&u)
			here[u] = true
			return err
		}, `SELECT uuid FROM call_reports WHERE uuid IN (`+placeholders(len(chunk))+`)`, anys(chunk)...)
		if err != nil {
			return fmt.Errorf("%s %s: %w", verb, path, err)
		}
	}
	n := 0
	for _, u := range unsure {
		if !here[u] && !gone[u] {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	z, err := s.Zone(ctx, 0)
	if err != nil {
		return fmt.Errorf("%s %s: %w", verb, path, err)
	}
	return fmt.Errorf("%s %s: %w: %d call reports new in the file were imported by an older ChapterDesk, which read "+
		"the form's time on the clock of the computer importing it: they read hours off if it was not set to %s time, "+
		"and the server keeps no mark of it, nor can a %s put their times right once they are there. Put them right in "+
		"the file first: `chapterdesk calls fix-times --imported-on-zone ZONE --from FORM.csv --db %s` (ZONE: the zone that computer was set to, FORM.csv the form files they came from, "+
		"UTC or America/Chicago say; %s if it was on %s time, which moves nothing), then %s it; or %s them as they are "+
		"with --times-as-they-are", verb, path, ErrRefusedMerge, n, z.place(), verb, path, z.loc(), z.place(), verb, verb)
}

// callsLeftOut are the UUIDs of the call reports of this file a merge told to leave
// out leaveOut (UUIDs of call reports and of volunteers) leaves out: those named, and
// those of a caller named, which go out with their caller (callLeftOut).
func (s *Store) callsLeftOut(ctx context.Context, leaveOut []string) (map[string]bool, error) {
	out := map[string]bool{}
	for i := 0; i < len(leaveOut); i += 500 {
		chunk := leaveOut[i:min(len(leaveOut), i+500)]
		in := placeholders(len(chunk))
		err := eachRow(ctx, s.r, func(r *sql.Rows) error {
			var u string
			err := r.Scan(&u)
			out[u] = true
			return err
		}, `SELECT r.uuid FROM call_reports r LEFT JOIN volunteers v ON v.id = r.volunteer_id
			WHERE r.uuid IN (`+in+`) OR v.uuid IN (`+in+`)`, append(anys(chunk), anys(chunk)...)...)
		if err != nil {
			return nil, fmt.Errorf("calls left out: %w", err)
		}
	}
	return out, nil
}
