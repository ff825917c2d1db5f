-- 0009: a campaign's bill link remembers the merge that brought it, so undoing the
-- merge takes the link back with the rest (a link the lead made by hand has none).
ALTER TABLE campaign_bill_links ADD COLUMN import_batch_id INTEGER REFERENCES import_batches (id);
