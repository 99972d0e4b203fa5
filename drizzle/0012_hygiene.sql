CREATE TABLE "okta_app_usage" (
	"workspace_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"app_id" text NOT NULL,
	"user_id" text NOT NULL,
	"last_used_at" timestamp with time zone NOT NULL,
	CONSTRAINT "okta_app_usage_integration_id_app_id_user_id_pk" PRIMARY KEY("integration_id","app_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "okta_app_usage" ADD CONSTRAINT "okta_app_usage_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "okta_app_usage_app_used_idx" ON "okta_app_usage" USING btree ("integration_id","app_id","last_used_at");--> statement-breakpoint
-- Written by hand (drizzle does not model triggers): okta_app_usage is kept by the database. Every
-- statement that inserts System Log events folds its successful SSO sign-ins into the table, in the
-- same transaction, whoever runs it (see db/schema/hygiene.ts). Only moves forward.
CREATE FUNCTION okta_app_usage_from_log_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO okta_app_usage AS u (workspace_id, integration_id, app_id, user_id, last_used_at)
  SELECT workspace_id, integration_id, target_app_id, actor_id, max(published) FROM inserted
  WHERE event_type = 'user.authentication.sso' AND outcome_result IN ('SUCCESS', 'ALLOW')
    AND target_app_id IS NOT NULL AND actor_id IS NOT NULL
  GROUP BY workspace_id, integration_id, target_app_id, actor_id
  -- One order for every writer, so two statements touching the same rows cannot deadlock.
  ORDER BY integration_id, target_app_id, actor_id
  ON CONFLICT (integration_id, app_id, user_id) DO UPDATE SET last_used_at = excluded.last_used_at
    WHERE u.last_used_at < excluded.last_used_at;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER okta_log_events_app_usage AFTER INSERT ON okta_log_events
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION okta_app_usage_from_log_events();--> statement-breakpoint
-- The events synced before this migration.
INSERT INTO okta_app_usage (workspace_id, integration_id, app_id, user_id, last_used_at)
  SELECT workspace_id, integration_id, target_app_id, actor_id, max(published) FROM okta_log_events
  WHERE event_type = 'user.authentication.sso' AND outcome_result IN ('SUCCESS', 'ALLOW')
    AND target_app_id IS NOT NULL AND actor_id IS NOT NULL
  GROUP BY workspace_id, integration_id, target_app_id, actor_id;
