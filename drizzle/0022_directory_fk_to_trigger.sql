ALTER TABLE "okta_app_groups" DROP CONSTRAINT "okta_app_groups_integration_id_integrations_id_fk";
--> statement-breakpoint
ALTER TABLE "okta_app_users" DROP CONSTRAINT "okta_app_users_integration_id_integrations_id_fk";
--> statement-breakpoint
ALTER TABLE "okta_apps" DROP CONSTRAINT "okta_apps_integration_id_integrations_id_fk";
--> statement-breakpoint
ALTER TABLE "okta_group_members" DROP CONSTRAINT "okta_group_members_integration_id_integrations_id_fk";
--> statement-breakpoint
ALTER TABLE "okta_groups" DROP CONSTRAINT "okta_groups_integration_id_integrations_id_fk";
--> statement-breakpoint
ALTER TABLE "okta_idps" DROP CONSTRAINT "okta_idps_integration_id_integrations_id_fk";
--> statement-breakpoint
ALTER TABLE "okta_log_events" DROP CONSTRAINT "okta_log_events_integration_id_integrations_id_fk";
--> statement-breakpoint
ALTER TABLE "okta_role_assignments" DROP CONSTRAINT "okta_role_assignments_integration_id_integrations_id_fk";
--> statement-breakpoint
ALTER TABLE "okta_users" DROP CONSTRAINT "okta_users_integration_id_integrations_id_fk";
--> statement-breakpoint
-- What the dropped foreign keys' ON DELETE CASCADE did: an integration's deletion (on its own, or
-- with its workspace) deletes its directory rows, in the same transaction. Disconnect and removal
-- delete them table by table first (lib/integrations/imported-data.ts); this is the net under that.
CREATE FUNCTION integrations_delete_directory() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM okta_group_members WHERE integration_id = OLD.id;
  DELETE FROM okta_app_users WHERE integration_id = OLD.id;
  DELETE FROM okta_app_groups WHERE integration_id = OLD.id;
  DELETE FROM okta_role_assignments WHERE integration_id = OLD.id;
  DELETE FROM okta_log_events WHERE integration_id = OLD.id;
  DELETE FROM okta_apps WHERE integration_id = OLD.id;
  DELETE FROM okta_groups WHERE integration_id = OLD.id;
  DELETE FROM okta_idps WHERE integration_id = OLD.id;
  DELETE FROM okta_users WHERE integration_id = OLD.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER integrations_delete_directory AFTER DELETE ON integrations FOR EACH ROW EXECUTE FUNCTION integrations_delete_directory();
