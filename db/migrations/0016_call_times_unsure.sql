-- 0016: the call reports whose time may read hours off. A ChapterDesk before the
-- legislature's zone (schema 12 and before: commit 6e6a6e5 came with no migration)
-- read a form's time written without a zone ("1/16/2024 9:36:11") on the clock of the
-- computer that imported it, and stored that instant; today's reads it on the
-- legislature's clock. A report imported on a computer set to UTC so reads 04:36 in
-- Massachusetts where the form said 9:36, one imported on a computer in Boston reads
-- right, and the file does not record which computer it was (called_at is an instant;
-- the form's offset, if it gave one, is not kept either). No time is moved here: a
-- guess would put right the one and move the other hours off, silently. The reports
-- an import wrote before this file reached schema 13 (every build that writes 13 reads
-- on the legislature's clock) are listed, and the app says so (Store.CallTimesUnsure).
-- listed_at is when the upgrade listed it (and a second column: TableDigests orders a
-- table's rows by its first two).
CREATE TABLE call_times_unsure (
    call_report_id INTEGER PRIMARY KEY REFERENCES call_reports (id) ON DELETE CASCADE,
    listed_at      INTEGER NOT NULL
);
INSERT INTO call_times_unsure (call_report_id, listed_at)
SELECT id, CAST(strftime('%s', 'now') AS INTEGER) FROM call_reports
WHERE source = 'report form'
  AND created_at < coalesce((SELECT CAST(applied_at AS INTEGER) FROM schema_migrations WHERE version = 13),
                            9223372036854775807);
