CREATE TABLE "integration_event_counts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "integration_event_counts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"integration_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"level" text NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_resource_successes" (
	"integration_id" uuid NOT NULL,
	"resource" text NOT NULL,
	"run_id" uuid NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sync_resource_successes_integration_id_resource_pk" PRIMARY KEY("integration_id","resource")
);
--> statement-breakpoint
ALTER TABLE "integration_event_counts" ADD CONSTRAINT "integration_event_counts_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_resource_successes" ADD CONSTRAINT "sync_resource_successes_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "integration_event_counts_integration_idx" ON "integration_event_counts" USING btree ("integration_id","kind","level");--> statement-breakpoint
-- Written by hand (drizzle does not model triggers). What the dashboard and the integration page read of
-- the run history, kept as it is written, so they cost the same after a year of syncs as on the first day
-- (with the default schedule an integration gathers 96 runs, 768 resource rows and ~200 events a day).
--
-- 1. sync_resource_successes: each resource's newest successful pass (db/schema/sync.ts), from the row
--    that records it, inserted or updated to succeeded with its finish time. The latest finish wins, as
--    the max() over every run it replaces did; the backfill below is that max().
CREATE OR REPLACE FUNCTION sync_resource_successes_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO sync_resource_successes (integration_id, resource, run_id, finished_at)
  SELECT s.integration_id, NEW.resource, NEW.run_id, NEW.finished_at FROM sync_runs s WHERE s.id = NEW.run_id
  ON CONFLICT (integration_id, resource) DO UPDATE SET run_id = excluded.run_id, finished_at = excluded.finished_at
  WHERE excluded.finished_at >= sync_resource_successes.finished_at;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER sync_run_resources_success AFTER INSERT OR UPDATE OF status, finished_at ON sync_run_resources FOR EACH ROW
  WHEN (NEW.status = 'succeeded' AND NEW.finished_at IS NOT NULL)
  EXECUTE FUNCTION sync_resource_successes_keep();--> statement-breakpoint
INSERT INTO sync_resource_successes (integration_id, resource, run_id, finished_at)
SELECT DISTINCT ON (s.integration_id, r.resource) s.integration_id, r.resource, r.run_id, r.finished_at
FROM sync_run_resources r JOIN sync_runs s ON s.id = r.run_id
WHERE r.status = 'succeeded' AND r.finished_at IS NOT NULL
ORDER BY s.integration_id, r.resource, r.finished_at DESC;--> statement-breakpoint
-- 2. integration_event_counts: the event log per kind and level (db/schema/integrations.ts), as deltas per
--    statement like the directory's counts (0018), folded by the same tick. Events are only ever deleted
--    with their integration (whose counts the cascade deletes); a delete is counted all the same.
CREATE OR REPLACE FUNCTION integration_events_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO integration_event_counts (integration_id, kind, level, n)
    SELECT r.integration_id, r.kind, r.level, count(*) FROM new_rows r GROUP BY 1, 2, 3;
  ELSE
    INSERT INTO integration_event_counts (integration_id, kind, level, n)
    SELECT r.integration_id, r.kind, r.level, -count(*) FROM old_rows r
    WHERE EXISTS (SELECT 1 FROM integrations i WHERE i.id = r.integration_id)
    GROUP BY 1, 2, 3;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER integration_events_counts_insert AFTER INSERT ON integration_events REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION integration_events_counts();--> statement-breakpoint
CREATE TRIGGER integration_events_counts_delete AFTER DELETE ON integration_events REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION integration_events_counts();--> statement-breakpoint
INSERT INTO integration_event_counts (integration_id, kind, level, n)
SELECT integration_id, kind, level, count(*) FROM integration_events GROUP BY 1, 2, 3;
