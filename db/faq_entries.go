package db

import "context"

// TrashFAQEntry moves a FAQ entry to the trash: the campaign stops showing and
// printing it, and SaveCampaign, which leaves alone the entries it is not given,
// never brings it back.
func (s *Store) TrashFAQEntry(ctx context.Context, id int64) error {
	return s.setDeleted(ctx, "faq_entries", id, true)
}
