package db

import (
	"context"
	"fmt"
)

// CallTimesUnsure counts the call reports an older ChapterDesk imported whose time may
// read hours off (see migrations/0016_call_times_unsure.sql), and says so for the lead;
// "" when there are none. Their times are not moved: the file does not say on which
// computer's clock they were read. A coalition server keeps no such list (0).
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
		"Their times were left as they were, since the file does not record which computer it was: compare an "+
		"export of the calls with the form before relying on their times, days or weeks",
		n, z.place(), z.place()), nil
}
