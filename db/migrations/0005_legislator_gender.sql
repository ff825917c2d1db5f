-- 0006: a legislator's gender, from Open States' gender column ('' when not known).
--
-- The Spanish and Portuguese call scripts name a legislator with a title that agrees
-- with it ("la senadora", "o deputado estadual"). Files imported before this version
-- have '' until the legislator file is imported again.
ALTER TABLE legislators ADD COLUMN gender TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'female', 'male'));
