-- 0030 (PostgreSQL, as SQLite 0017): a session's dates, as its export gives them, so that the sessions of a
-- campaign's bills have an order (tester t6, F6). A campaign linked to the Safe
-- Communities Act of 2023-24 and of 2025-26 counted a legislator who cosponsored
-- only the earlier session's bill as a cosponsor now. Only a sponsorship of the
-- newest session a campaign follows stands in the whip count (db/record_sessions.go);
-- which one is newest is read from the dates the data gives: session_from and
-- session_to are the first and the last roll call of the session's export (of all its
-- bills, not only the campaign's), 0 when no export of the session brought one.
-- A session import widens them; here they are taken from the roll calls kept.
ALTER TABLE session_bills ADD COLUMN session_from bigint NOT NULL DEFAULT 0;
ALTER TABLE session_bills ADD COLUMN session_to bigint NOT NULL DEFAULT 0;
UPDATE session_bills SET
    session_from = coalesce((SELECT min(rc.voted_at) FROM roll_calls rc JOIN session_bills o ON o.id = rc.session_bill_id
        WHERE o.state = session_bills.state AND o.session = session_bills.session AND rc.voted_at > 0), 0),
    session_to = coalesce((SELECT max(rc.voted_at) FROM roll_calls rc JOIN session_bills o ON o.id = rc.session_bill_id
        WHERE o.state = session_bills.state AND o.session = session_bills.session AND rc.voted_at > 0), 0);
