CREATE TABLE "okta_log_actors" (
	"workspace_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"actor_id" text NOT NULL,
	"actor_display_name" text NOT NULL,
	"actor_alternate_id" text NOT NULL,
	CONSTRAINT "okta_log_actors_integration_id_actor_id_actor_display_name_actor_alternate_id_pk" PRIMARY KEY("integration_id","actor_id","actor_display_name","actor_alternate_id")
);
--> statement-breakpoint
DROP INDEX "okta_log_events_published_idx";--> statement-breakpoint
DROP INDEX "okta_log_events_actor_idx";--> statement-breakpoint
DROP INDEX "okta_log_events_actor_search_trgm";--> statement-breakpoint
ALTER TABLE "okta_log_events" ALTER COLUMN "raw" SET DATA TYPE json;--> statement-breakpoint
CREATE INDEX "okta_log_actors_search_trgm" ON "okta_log_actors" USING gin (lower(coalesce("actor_display_name", '') || ' ' || coalesce("actor_alternate_id", '')) gin_trgm_ops);--> statement-breakpoint
-- Written by hand from here. The type change rewrote raw: compress it with lz4 again (as 0019).
DO $$
BEGIN
  ALTER TABLE "okta_log_events" ALTER COLUMN "raw" SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'lz4 is not available on this server: TOAST compression stays pglz';
END $$;
--> statement-breakpoint
-- okta_log_actors is kept by the events' insert (the System Log is append-only): one aggregated
-- insert per statement, each actor name and login once.
CREATE FUNCTION okta_log_actors_from_log_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO okta_log_actors (workspace_id, integration_id, actor_id, actor_display_name, actor_alternate_id)
  SELECT DISTINCT workspace_id, integration_id, actor_id, coalesce(actor_display_name, ''), coalesce(actor_alternate_id, '')
  FROM inserted WHERE actor_id IS NOT NULL
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER okta_log_events_actors AFTER INSERT ON okta_log_events
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION okta_log_actors_from_log_events();
--> statement-breakpoint
INSERT INTO okta_log_actors (workspace_id, integration_id, actor_id, actor_display_name, actor_alternate_id)
SELECT DISTINCT workspace_id, integration_id, actor_id, coalesce(actor_display_name, ''), coalesce(actor_alternate_id, '')
FROM okta_log_events WHERE actor_id IS NOT NULL
ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION integrations_delete_directory() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM okta_group_members WHERE integration_id = OLD.id;
  DELETE FROM okta_app_users WHERE integration_id = OLD.id;
  DELETE FROM okta_app_groups WHERE integration_id = OLD.id;
  DELETE FROM okta_role_assignments WHERE integration_id = OLD.id;
  DELETE FROM okta_log_events WHERE integration_id = OLD.id;
  DELETE FROM okta_log_actors WHERE integration_id = OLD.id;
  DELETE FROM okta_apps WHERE integration_id = OLD.id;
  DELETE FROM okta_groups WHERE integration_id = OLD.id;
  DELETE FROM okta_idps WHERE integration_id = OLD.id;
  DELETE FROM okta_users WHERE integration_id = OLD.id;
  RETURN NULL;
END $$;
