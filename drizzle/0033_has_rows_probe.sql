-- Written by hand. The delete triggers' "emptied" check (0021, 0023, 0025, 0029, 0030: when a delete leaves
-- none of an integration's rows in a table, the integration's counts of it are deleted) was written inline as
-- EXISTS (SELECT 1 FROM t WHERE t.integration_id = x.integration_id). x.integration_id is a column of the
-- statement's transition table, so the planner estimated the match from the number of distinct integrations
-- (one in two, with two integrations), expected one within the first rows, and chose a sequential scan. When a
-- small integration's rows were deleted next to a large one's (a disconnect that deletes the data), every such
-- check read all of the large integration's rows: deleting 3 people next to 50,000 read 200,000 rows in four
-- scans. The check is now this function, whose plan can only be the primary key (integration_id, ...), read
-- as far as the first row.
CREATE FUNCTION okta_has_rows(tbl regclass, integration uuid) RETURNS boolean LANGUAGE plpgsql STABLE
SET enable_seqscan = off SET enable_bitmapscan = off AS $$
DECLARE
  found boolean;
BEGIN
  EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s WHERE integration_id = $1)', tbl) INTO found USING integration;
  RETURN found;
END $$;--> statement-breakpoint
-- The eleven trigger functions are rewritten in place, each with the one expression replaced, instead of being
-- repeated here in full. Later migrations that replace one of them must start from its definition in the
-- database (pg_get_functiondef), not from the migration that first wrote it.
DO $do$
DECLARE
  f record;
  def text;
  rewritten int := 0;
BEGIN
  FOR f IN SELECT p.oid FROM pg_proc p JOIN pg_namespace s ON s.oid = p.pronamespace
    WHERE s.nspname = current_schema() AND p.prosrc LIKE '%AS rows_left%'
  LOOP
    def := regexp_replace(pg_get_functiondef(f.oid),
      'EXISTS \(SELECT 1 FROM ([a-z_]+) t WHERE t\.integration_id = x\.integration_id\) AS rows_left',
      'okta_has_rows(''\1'', x.integration_id) AS rows_left', 'g');
    EXECUTE def;
    rewritten := rewritten + 1;
  END LOOP;
  IF rewritten <> 11 OR EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace s ON s.oid = p.pronamespace
    WHERE s.nspname = current_schema() AND p.prosrc ~ 'EXISTS \(SELECT 1 FROM [a-z_]+ t WHERE t\.integration_id = x\.integration_id\)') THEN
    RAISE EXCEPTION 'expected to rewrite the emptied check of 11 trigger functions, rewrote %', rewritten;
  END IF;
END $do$;
