CREATE TABLE "okta_counts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "okta_counts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"integration_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"key" text NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "okta_sign_in_hours" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "okta_sign_in_hours_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"integration_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "okta_counts" ADD CONSTRAINT "okta_counts_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "okta_sign_in_hours" ADD CONSTRAINT "okta_sign_in_hours_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "okta_counts_integration_idx" ON "okta_counts" USING btree ("integration_id","subject","key");--> statement-breakpoint
CREATE INDEX "okta_sign_in_hours_integration_idx" ON "okta_sign_in_hours" USING btree ("integration_id","hour");--> statement-breakpoint
-- Written by hand (drizzle does not model triggers): the deltas of okta_counts and okta_sign_in_hours
-- are written by the database, in the statement that changes the rows (see db/schema/counts.ts).
-- Per counted table one function, created from the list below: inserts and deletes are counted per
-- statement from the transition table; an update per row, and only when it changed the counted value
-- or whether the row is deleted (the trigger's WHEN), so re-marking unchanged rows as seen costs
-- nothing. A row of an integration that is itself being deleted (a cascade) writes no delta: its
-- counts go with it.
DO $do$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('okta_users', 'users', 'status'), ('okta_groups', 'groups', 'type'), ('okta_apps', 'apps', 'status'),
    ('okta_idps', 'idps', 'status'), ('okta_group_members', 'memberships', NULL), ('okta_app_users', 'app_users', NULL),
    ('okta_app_groups', 'app_groups', NULL)) AS v(tbl, subject, col)
  LOOP
    EXECUTE format($f$
      CREATE FUNCTION %1$I() RETURNS trigger LANGUAGE plpgsql AS $body$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO okta_counts (integration_id, subject, key, n)
          SELECT r.integration_id, %2$L, %3$s, count(*) FROM new_rows r
          WHERE r.deleted_at IS NULL AND EXISTS (SELECT 1 FROM integrations i WHERE i.id = r.integration_id)
          GROUP BY 1, 3;
        ELSIF TG_OP = 'DELETE' THEN
          INSERT INTO okta_counts (integration_id, subject, key, n)
          SELECT r.integration_id, %2$L, %3$s, -count(*) FROM old_rows r
          WHERE r.deleted_at IS NULL AND EXISTS (SELECT 1 FROM integrations i WHERE i.id = r.integration_id)
          GROUP BY 1, 3;
        ELSE
          INSERT INTO okta_counts (integration_id, subject, key, n)
          SELECT OLD.integration_id, %2$L, %4$s, -1 WHERE OLD.deleted_at IS NULL
          UNION ALL SELECT NEW.integration_id, %2$L, %5$s, 1 WHERE NEW.deleted_at IS NULL;
        END IF;
        RETURN NULL;
      END $body$$f$,
      t.tbl || '_counts', t.subject,
      coalesce('r.' || quote_ident(t.col), ''''''), coalesce('OLD.' || quote_ident(t.col), ''''''), coalesce('NEW.' || quote_ident(t.col), ''''''));
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
      t.tbl || '_counts_insert', t.tbl, t.tbl || '_counts');
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
      t.tbl || '_counts_delete', t.tbl, t.tbl || '_counts');
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I FOR EACH ROW WHEN (%s OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)) EXECUTE FUNCTION %I()',
      t.tbl || '_counts_update', t.tbl,
      CASE WHEN t.col IS NULL THEN 'OLD.integration_id <> NEW.integration_id'
           ELSE format('OLD.%1$I IS DISTINCT FROM NEW.%1$I OR OLD.integration_id <> NEW.integration_id', t.col) END,
      t.tbl || '_counts');
    -- What was stored before this migration.
    EXECUTE format('INSERT INTO okta_counts (integration_id, subject, key, n) SELECT integration_id, %L, %s, count(*) FROM %I WHERE deleted_at IS NULL GROUP BY 1, 3',
      t.subject, coalesce(quote_ident(t.col), ''''''), t.tbl);
  END LOOP;
END $do$;--> statement-breakpoint
-- Sign-ins per UTC hour and outcome. The hour is computed from the epoch, so it is a UTC hour
-- whatever the session's time zone (date_trunc would follow it). Log events are only ever inserted
-- and deleted; an update that moves an event is counted too, for completeness.
CREATE FUNCTION okta_sign_in_hour(published timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
  $$ SELECT to_timestamp(floor(extract(epoch FROM published) / 3600) * 3600) $$;--> statement-breakpoint
CREATE FUNCTION okta_log_events_sign_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO okta_sign_in_hours (integration_id, hour, outcome, n)
    SELECT r.integration_id, okta_sign_in_hour(r.published), coalesce(r.outcome_result, ''), count(*) FROM new_rows r
    WHERE r.event_type = 'user.session.start' AND EXISTS (SELECT 1 FROM integrations i WHERE i.id = r.integration_id)
    GROUP BY 1, 2, 3;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO okta_sign_in_hours (integration_id, hour, outcome, n)
    SELECT r.integration_id, okta_sign_in_hour(r.published), coalesce(r.outcome_result, ''), -count(*) FROM old_rows r
    WHERE r.event_type = 'user.session.start' AND EXISTS (SELECT 1 FROM integrations i WHERE i.id = r.integration_id)
    GROUP BY 1, 2, 3;
  ELSE
    INSERT INTO okta_sign_in_hours (integration_id, hour, outcome, n)
    SELECT OLD.integration_id, okta_sign_in_hour(OLD.published), coalesce(OLD.outcome_result, ''), -1 WHERE OLD.event_type = 'user.session.start'
    UNION ALL
    SELECT NEW.integration_id, okta_sign_in_hour(NEW.published), coalesce(NEW.outcome_result, ''), 1 WHERE NEW.event_type = 'user.session.start';
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER okta_log_events_sign_ins_insert AFTER INSERT ON okta_log_events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_log_events_sign_ins();--> statement-breakpoint
CREATE TRIGGER okta_log_events_sign_ins_delete AFTER DELETE ON okta_log_events
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_log_events_sign_ins();--> statement-breakpoint
CREATE TRIGGER okta_log_events_sign_ins_update AFTER UPDATE ON okta_log_events FOR EACH ROW
  WHEN (OLD.published IS DISTINCT FROM NEW.published OR OLD.event_type IS DISTINCT FROM NEW.event_type
    OR OLD.outcome_result IS DISTINCT FROM NEW.outcome_result OR OLD.integration_id <> NEW.integration_id)
  EXECUTE FUNCTION okta_log_events_sign_ins();--> statement-breakpoint
INSERT INTO okta_sign_in_hours (integration_id, hour, outcome, n)
  SELECT integration_id, okta_sign_in_hour(published), coalesce(outcome_result, ''), count(*) FROM okta_log_events
  WHERE event_type = 'user.session.start' GROUP BY 1, 2, 3;
