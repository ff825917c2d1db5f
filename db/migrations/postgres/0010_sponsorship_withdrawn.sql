-- 0010 (PostgreSQL): a sponsorship a newer export of its bill no longer lists is
-- withdrawn, and kept with the day of that export (withdrawn_on; '' while it stands),
-- so the record keeps its history. record_at is when the newest export whose
-- sponsorships the bill holds was made (Unix seconds; 0: the export of exported_on):
-- an older export imported after it neither withdraws nor brings back a sponsorship.
ALTER TABLE bill_sponsorships ADD COLUMN withdrawn_on text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE session_bills ADD COLUMN record_at bigint NOT NULL DEFAULT 0;
