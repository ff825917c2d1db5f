-- 0003: "Do not contact" closes every channel; one-time data fix-ups are recorded.
--
-- The volunteer form let Do not contact be ticked beside Call, Text and Email, and
-- imports and the demo wrote such rows too: a call list that trusted ok_call would
-- phone someone who asked not to be contacted. Such rows lose their channels here,
-- and the triggers keep every writer (form, import, merge, a tool) from making one.
UPDATE volunteers SET ok_call = 0, ok_text = 0, ok_email = 0
    WHERE do_not_contact = 1 AND (ok_call = 1 OR ok_text = 1 OR ok_email = 1);

CREATE TRIGGER volunteers_do_not_contact_insert AFTER INSERT ON volunteers
    WHEN NEW.do_not_contact = 1 AND (NEW.ok_call = 1 OR NEW.ok_text = 1 OR NEW.ok_email = 1)
BEGIN
    UPDATE volunteers SET ok_call = 0, ok_text = 0, ok_email = 0 WHERE id = NEW.id;
END;

CREATE TRIGGER volunteers_do_not_contact_update AFTER UPDATE OF ok_call, ok_text, ok_email, do_not_contact ON volunteers
    WHEN NEW.do_not_contact = 1 AND (NEW.ok_call = 1 OR NEW.ok_text = 1 OR NEW.ok_email = 1)
BEGIN
    UPDATE volunteers SET ok_call = 0, ok_text = 0, ok_email = 0 WHERE id = NEW.id;
END;

-- Fix-ups that need Go (matching typed districts to the legislators' directory) run
-- once after the migrations; a row here says one has run.
CREATE TABLE data_fixups (
    name       TEXT    PRIMARY KEY,
    applied_at INTEGER NOT NULL
);
