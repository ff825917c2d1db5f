-- 0002 (PostgreSQL): row versions, as the file's 0007_row_versions.sql.
ALTER TABLE volunteers ADD COLUMN row_version bigint NOT NULL DEFAULT 1;
ALTER TABLE volunteers ADD COLUMN updated_by text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE legislators ADD COLUMN row_version bigint NOT NULL DEFAULT 1;
ALTER TABLE legislators ADD COLUMN updated_by text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE campaigns ADD COLUMN row_version bigint NOT NULL DEFAULT 1;
ALTER TABLE campaigns ADD COLUMN updated_by text COLLATE "C" NOT NULL DEFAULT '';
