-- Written by hand (drizzle does not model column compression). The large jsonb values of the directory
-- copy (a System Log event's raw JSON, a profile) are compressed when their row passes ~2 kB; pglz,
-- Postgres's default, was the largest single item in a CPU profile of the batch writer (12% of the
-- backend's time over users and System Log pages, docs/benchmarks/write-path.md). lz4 compresses
-- several times faster at a similar ratio. It applies to values written from now on; values already
-- stored stay readable as they are. A server built without lz4 keeps pglz.
DO $$
BEGIN
  ALTER TABLE "okta_log_events" ALTER COLUMN "raw" SET COMPRESSION lz4, ALTER COLUMN "targets" SET COMPRESSION lz4;
  ALTER TABLE "okta_users" ALTER COLUMN "profile" SET COMPRESSION lz4;
  ALTER TABLE "okta_groups" ALTER COLUMN "profile" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'lz4 is not available on this server: TOAST compression stays pglz';
END $$;
