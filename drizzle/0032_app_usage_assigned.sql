ALTER TABLE "okta_app_usage" ADD COLUMN "assigned" boolean DEFAULT false NOT NULL;--> statement-breakpoint
DROP INDEX "okta_app_usage_app_used_idx";--> statement-breakpoint
-- Written by hand (drizzle does not model triggers): okta_app_usage.assigned, whether the usage row's
-- person has a live assignment to the app. The Unused access view counts an app's usage rows with a
-- live assignment; it probed okta_app_users_live_idx once per usage row (27,000 random probes of a
-- 411 MB index at 1M people: 210-270 ms p95) and now reads the flag. Kept by:
--   usage rows   0012's log trigger reads, for each new person and app, whether the assignment is live;
--                a row that exists keeps its flag (ON CONFLICT only moves the time);
--   assignments  inserts and deletes per statement set the flag of the usage rows they match, found by
--                a primary-key probe per assignment (okta_app_used: a function, so each stays a probe
--                whatever the planner makes of the page); updates per row when an assignment is
--                deleted or revived.
-- Ordered by a per-integration advisory lock ('okta_app_usage', taken with 0029's okta_admin_roles_lock):
-- exclusive for a statement of log events that makes new usage rows, shared for assignments, so a new
-- usage row and the assignment of the same person and app, written at once, never both miss each other.
CREATE FUNCTION okta_app_used(integration uuid, app text, person text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM okta_app_usage x WHERE x.integration_id = integration AND x.app_id = app AND x.user_id = person) $$;--> statement-breakpoint
CREATE FUNCTION okta_app_assigned(integration uuid, app text, person text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM okta_app_users au WHERE au.integration_id = integration AND au.app_id = app AND au.user_id = person
    AND au.deleted_at IS NULL) $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION okta_app_usage_from_log_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM okta_admin_roles_lock(x.integration_id, 'okta_app_usage', true) FROM (
    SELECT DISTINCT integration_id FROM inserted
    WHERE event_type = 'user.authentication.sso' AND outcome_result IN ('SUCCESS', 'ALLOW')
      AND target_app_id IS NOT NULL AND actor_id IS NOT NULL AND NOT okta_app_used(integration_id, target_app_id, actor_id)
    ORDER BY 1) x;
  INSERT INTO okta_app_usage AS u (workspace_id, integration_id, app_id, user_id, last_used_at, assigned)
  SELECT p.*, NOT okta_app_used(p.integration_id, p.target_app_id, p.actor_id) AND okta_app_assigned(p.integration_id, p.target_app_id, p.actor_id)
  FROM (
    SELECT workspace_id, integration_id, target_app_id, actor_id, max(published) FROM inserted
    WHERE event_type = 'user.authentication.sso' AND outcome_result IN ('SUCCESS', 'ALLOW')
      AND target_app_id IS NOT NULL AND actor_id IS NOT NULL
    GROUP BY workspace_id, integration_id, target_app_id, actor_id
    -- One order for every writer, so two statements touching the same rows cannot deadlock.
    ORDER BY integration_id, target_app_id, actor_id) p
  ON CONFLICT (integration_id, app_id, user_id) DO UPDATE SET last_used_at = excluded.last_used_at
    WHERE u.last_used_at < excluded.last_used_at;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION okta_app_users_usage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM okta_admin_roles_lock(NEW.integration_id, 'okta_app_usage', false);
    UPDATE okta_app_usage u SET assigned = NEW.deleted_at IS NULL
    WHERE u.integration_id = NEW.integration_id AND u.app_id = NEW.app_id AND u.user_id = NEW.user_id;
  ELSE
    PERFORM okta_admin_roles_lock(x.integration_id, 'okta_app_usage', false) FROM (SELECT DISTINCT integration_id FROM changed_rows ORDER BY 1) x;
    UPDATE okta_app_usage u SET assigned = TG_OP = 'INSERT'
    FROM (SELECT r.integration_id, r.app_id, r.user_id FROM changed_rows r
      WHERE r.deleted_at IS NULL AND okta_app_used(r.integration_id, r.app_id, r.user_id)) m
    WHERE u.integration_id = m.integration_id AND u.app_id = m.app_id AND u.user_id = m.user_id AND u.assigned <> (TG_OP = 'INSERT');
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER okta_app_users_usage_insert AFTER INSERT ON okta_app_users
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_app_users_usage();--> statement-breakpoint
CREATE TRIGGER okta_app_users_usage_delete AFTER DELETE ON okta_app_users
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_app_users_usage();--> statement-breakpoint
CREATE TRIGGER okta_app_users_usage_update AFTER UPDATE ON okta_app_users FOR EACH ROW
  WHEN ((OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)) EXECUTE FUNCTION okta_app_users_usage();--> statement-breakpoint
UPDATE okta_app_usage x SET assigned = true WHERE okta_app_assigned(x.integration_id, x.app_id, x.user_id);
