-- 0027 (PostgreSQL): a call keeps the seat of its date (the title, chamber and district
-- the member had then) in every reader's call log and workbook. The seats come from
-- the legislators imports' recorded changes, which row-level security shows a lead
-- only of their own chapter's imports (and the coordinator only of the coordinator's):
-- the owner imports the legislators, so a lead's call log relabelled a call to a
-- Representative a later import made a Senator as a call to the Senate seat.
--
-- The legislators are the coalition's, everyone reads them: this gives, with its
-- owner's rights, the values before of the legislators imports not undone that
-- changed a chamber or district, and nothing of any other table (db/report_rows.go,
-- loadPastSeats, reads them newest first).
CREATE FUNCTION chapterdesk_legislator_seat_changes()
RETURNS TABLE (row_id bigint, before text, started_at bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT c.row_id, c.before, b.started_at FROM import_changes c JOIN import_batches b ON b.id = c.batch_id
    WHERE c.table_name = 'legislators' AND b.undone_at IS NULL
      AND (c.before LIKE '%"chamber"%' OR c.before LIKE '%"district"%')
    ORDER BY b.started_at DESC, c.id DESC
$$;
