CREATE TABLE "okta_deprovisioned_access" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "okta_deprovisioned_access_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"integration_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"kind" text NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "okta_deprovisioned_access" ADD CONSTRAINT "okta_deprovisioned_access_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "okta_deprovisioned_access_integration_idx" ON "okta_deprovisioned_access" USING btree ("integration_id","user_id","kind");--> statement-breakpoint
CREATE INDEX "okta_users_deprovisioned_idx" ON "okta_users" USING btree ("integration_id","id") WHERE "okta_users"."status" = 'DEPROVISIONED' and "okta_users"."deleted_at" is null;--> statement-breakpoint
-- Written by hand (drizzle does not model triggers): what the identity-hygiene card counts
-- (lib/overview/count-hygiene.ts), kept by the database like okta_counts (0018, 0021).
--
-- 1. okta_counts subject 'user_logins': the live people by status and UTC day of last sign-in, so
--    "active, last sign-in before <day>" is a sum over days, whatever day the cut-off slides to.
--    Statement-level triggers with transition tables for inserts, updates and deletes: a sync's page
--    that moves a thousand people's last sign-in writes one grouped insert, not a thousand.
CREATE FUNCTION okta_user_login_key(status text, last_login timestamptz) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT status || '/' || CASE WHEN last_login IS NULL OR last_login = '-infinity' THEN ''
    WHEN last_login = 'infinity' THEN 'inf'
    ELSE ((last_login AT TIME ZONE 'UTC')::date - DATE '1970-01-01')::text END $$;--> statement-breakpoint
CREATE FUNCTION okta_users_logins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO okta_counts (integration_id, subject, key, n)
    SELECT r.integration_id, 'user_logins', okta_user_login_key(r.status, r.last_login), count(*) FROM new_rows r
    WHERE r.deleted_at IS NULL AND EXISTS (SELECT 1 FROM integrations i WHERE i.id = r.integration_id)
    GROUP BY 1, 3;
  ELSIF TG_OP = 'DELETE' THEN
    WITH d AS (
      SELECT x.integration_id, EXISTS (SELECT 1 FROM okta_users t WHERE t.integration_id = x.integration_id) AS rows_left
      FROM (SELECT DISTINCT integration_id FROM old_rows) x
      WHERE EXISTS (SELECT 1 FROM integrations i WHERE i.id = x.integration_id)),
    emptied AS (
      DELETE FROM okta_counts c USING d WHERE c.integration_id = d.integration_id AND c.subject = 'user_logins' AND NOT d.rows_left)
    INSERT INTO okta_counts (integration_id, subject, key, n)
    SELECT r.integration_id, 'user_logins', okta_user_login_key(r.status, r.last_login), -count(*)
    FROM old_rows r JOIN d ON d.integration_id = r.integration_id AND d.rows_left
    WHERE r.deleted_at IS NULL
    GROUP BY 1, 3;
  ELSE
    -- Old rows out, new rows in, netted per key: a page that only re-marks rows as seen writes nothing.
    INSERT INTO okta_counts (integration_id, subject, key, n)
    SELECT x.integration_id, 'user_logins', x.key, sum(x.n) FROM (
      SELECT o.integration_id, okta_user_login_key(o.status, o.last_login) AS key, -1 AS n FROM old_rows o WHERE o.deleted_at IS NULL
      UNION ALL
      SELECT r.integration_id, okta_user_login_key(r.status, r.last_login), 1 FROM new_rows r WHERE r.deleted_at IS NULL) x
    WHERE EXISTS (SELECT 1 FROM integrations i WHERE i.id = x.integration_id)
    GROUP BY 1, 3 HAVING sum(x.n) <> 0;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER okta_users_logins_insert AFTER INSERT ON okta_users
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_users_logins();--> statement-breakpoint
CREATE TRIGGER okta_users_logins_update AFTER UPDATE ON okta_users
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_users_logins();--> statement-breakpoint
CREATE TRIGGER okta_users_logins_delete AFTER DELETE ON okta_users
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_users_logins();--> statement-breakpoint
INSERT INTO okta_counts (integration_id, subject, key, n)
  SELECT integration_id, 'user_logins', okta_user_login_key(status, last_login), count(*) FROM okta_users WHERE deleted_at IS NULL GROUP BY 1, 3;--> statement-breakpoint
--
-- 2. okta_deprovisioned_access: per live DEPROVISIONED person, their live memberships of live Okta
--    groups and live assignments to live apps. A membership or assignment counts when its person is
--    a live deactivated one and its group (app) is live (and an Okta group); each trigger adjusts for
--    the side that changed, reading the others as they are. Memberships and assignments: inserts and
--    deletes per statement, probing the few deactivated people (okta_users_deprovisioned_idx) and then
--    the group or app; updates per row, only when a row is deleted or revived (the WHEN), so re-marking
--    rows as seen costs nothing. People, groups and apps: per row when they start or stop counting.
--    A person who stops counting takes back exactly what their rows sum to.
-- Each trigger reads the other tables as its own statement's snapshot shows them, so two concurrent
-- transactions could each miss the other's change (a page making a person DEPROVISIONED while another
-- page inserts that person's memberships: a sync runs users and memberships at once). They are
-- ordered by an advisory lock per integration, taken before reading: memberships and assignments take
-- it shared (they never wait for each other), a person, group or app that starts or stops counting
-- takes it exclusive. Whichever commits second then reads the other's committed rows with a fresh
-- snapshot (each statement of a plpgsql function takes one), so every change is counted once.
CREATE FUNCTION okta_access_lock(integration uuid, exclusive boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF exclusive THEN
    PERFORM pg_advisory_xact_lock(hashtext('okta_deprovisioned_access'), hashtext(integration::text));
  ELSE
    PERFORM pg_advisory_xact_lock_shared(hashtext('okta_deprovisioned_access'), hashtext(integration::text));
  END IF;
END $$;--> statement-breakpoint
CREATE FUNCTION okta_access_of(integration uuid, person text) RETURNS TABLE (integration_id uuid, user_id text, kind text, n integer)
LANGUAGE sql STABLE AS $$
  SELECT integration, person, 'okta_groups', count(*)::int FROM okta_group_members gm
  WHERE gm.integration_id = integration AND gm.user_id = person AND gm.deleted_at IS NULL
    AND EXISTS (SELECT 1 FROM okta_groups g WHERE g.integration_id = gm.integration_id AND g.id = gm.group_id AND g.deleted_at IS NULL AND g.type = 'OKTA_GROUP')
  HAVING count(*) > 0
  UNION ALL
  SELECT integration, person, 'apps', count(*)::int FROM okta_app_users au
  WHERE au.integration_id = integration AND au.user_id = person AND au.deleted_at IS NULL
    AND EXISTS (SELECT 1 FROM okta_apps a WHERE a.integration_id = au.integration_id AND a.id = au.app_id AND a.deleted_at IS NULL)
  HAVING count(*) > 0 $$;--> statement-breakpoint
CREATE FUNCTION okta_deprovisioned(integration uuid, person text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM okta_users u WHERE u.integration_id = integration AND u.id = person AND u.status = 'DEPROVISIONED' AND u.deleted_at IS NULL) $$;--> statement-breakpoint
CREATE FUNCTION okta_okta_group(integration uuid, grp text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM okta_groups g WHERE g.integration_id = integration AND g.id = grp AND g.deleted_at IS NULL AND g.type = 'OKTA_GROUP') $$;--> statement-breakpoint
CREATE FUNCTION okta_live_app(integration uuid, app text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM okta_apps a WHERE a.integration_id = integration AND a.id = app AND a.deleted_at IS NULL) $$;--> statement-breakpoint
CREATE FUNCTION okta_group_members_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM okta_access_lock(x.integration_id, false) FROM (SELECT DISTINCT integration_id FROM new_rows ORDER BY 1) x;
    INSERT INTO okta_deprovisioned_access (integration_id, user_id, kind, n)
    SELECT x.* FROM (
      SELECT r.integration_id, r.user_id, 'okta_groups', count(*)::int FROM new_rows r
      WHERE r.deleted_at IS NULL AND okta_deprovisioned(r.integration_id, r.user_id) AND okta_okta_group(r.integration_id, r.group_id)
      GROUP BY 1, 2) x
    WHERE EXISTS (SELECT 1 FROM integrations i WHERE i.id = x.integration_id);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM okta_access_lock(x.integration_id, false) FROM (SELECT DISTINCT integration_id FROM old_rows ORDER BY 1) x;
    INSERT INTO okta_deprovisioned_access (integration_id, user_id, kind, n)
    SELECT x.* FROM (
      SELECT r.integration_id, r.user_id, 'okta_groups', -count(*)::int FROM old_rows r
      WHERE r.deleted_at IS NULL AND okta_deprovisioned(r.integration_id, r.user_id) AND okta_okta_group(r.integration_id, r.group_id)
      GROUP BY 1, 2) x
    WHERE EXISTS (SELECT 1 FROM integrations i WHERE i.id = x.integration_id);
  ELSE
    PERFORM okta_access_lock(NEW.integration_id, false);
  END IF;
  IF TG_OP = 'UPDATE' AND okta_deprovisioned(NEW.integration_id, NEW.user_id) AND okta_okta_group(NEW.integration_id, NEW.group_id) THEN
    INSERT INTO okta_deprovisioned_access (integration_id, user_id, kind, n)
    VALUES (NEW.integration_id, NEW.user_id, 'okta_groups', CASE WHEN NEW.deleted_at IS NULL THEN 1 ELSE -1 END);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION okta_app_users_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM okta_access_lock(x.integration_id, false) FROM (SELECT DISTINCT integration_id FROM new_rows ORDER BY 1) x;
    INSERT INTO okta_deprovisioned_access (integration_id, user_id, kind, n)
    SELECT x.* FROM (
      SELECT r.integration_id, r.user_id, 'apps', count(*)::int FROM new_rows r
      WHERE r.deleted_at IS NULL AND okta_deprovisioned(r.integration_id, r.user_id) AND okta_live_app(r.integration_id, r.app_id)
      GROUP BY 1, 2) x
    WHERE EXISTS (SELECT 1 FROM integrations i WHERE i.id = x.integration_id);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM okta_access_lock(x.integration_id, false) FROM (SELECT DISTINCT integration_id FROM old_rows ORDER BY 1) x;
    INSERT INTO okta_deprovisioned_access (integration_id, user_id, kind, n)
    SELECT x.* FROM (
      SELECT r.integration_id, r.user_id, 'apps', -count(*)::int FROM old_rows r
      WHERE r.deleted_at IS NULL AND okta_deprovisioned(r.integration_id, r.user_id) AND okta_live_app(r.integration_id, r.app_id)
      GROUP BY 1, 2) x
    WHERE EXISTS (SELECT 1 FROM integrations i WHERE i.id = x.integration_id);
  ELSE
    PERFORM okta_access_lock(NEW.integration_id, false);
  END IF;
  IF TG_OP = 'UPDATE' AND okta_deprovisioned(NEW.integration_id, NEW.user_id) AND okta_live_app(NEW.integration_id, NEW.app_id) THEN
    INSERT INTO okta_deprovisioned_access (integration_id, user_id, kind, n)
    VALUES (NEW.integration_id, NEW.user_id, 'apps', CASE WHEN NEW.deleted_at IS NULL THEN 1 ELSE -1 END);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION okta_users_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM okta_access_lock(x.integration_id, true) FROM (SELECT DISTINCT integration_id FROM new_rows WHERE status = 'DEPROVISIONED' AND deleted_at IS NULL ORDER BY 1) x;
    INSERT INTO okta_deprovisioned_access (integration_id, user_id, kind, n)
    SELECT a.* FROM new_rows r CROSS JOIN LATERAL okta_access_of(r.integration_id, r.id) a
    WHERE r.status = 'DEPROVISIONED' AND r.deleted_at IS NULL AND EXISTS (SELECT 1 FROM integrations i WHERE i.id = r.integration_id);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM okta_access_lock(x.integration_id, true) FROM (SELECT DISTINCT integration_id FROM old_rows ORDER BY 1) x;
    -- The integration's last people gone (a disconnect that deletes the data): nothing of it is kept.
    WITH d AS (
      SELECT x.integration_id, EXISTS (SELECT 1 FROM okta_users t WHERE t.integration_id = x.integration_id) AS rows_left
      FROM (SELECT DISTINCT integration_id FROM old_rows) x
      WHERE EXISTS (SELECT 1 FROM integrations i WHERE i.id = x.integration_id)),
    emptied AS (
      DELETE FROM okta_deprovisioned_access c USING d WHERE c.integration_id = d.integration_id AND NOT d.rows_left)
    INSERT INTO okta_deprovisioned_access (integration_id, user_id, kind, n)
    SELECT c.integration_id, c.user_id, c.kind, -sum(c.n)::int
    FROM old_rows r JOIN d ON d.integration_id = r.integration_id AND d.rows_left
    JOIN okta_deprovisioned_access c ON c.integration_id = r.integration_id AND c.user_id = r.id
    WHERE r.status = 'DEPROVISIONED' AND r.deleted_at IS NULL
    GROUP BY 1, 2, 3 HAVING sum(c.n) <> 0;
  ELSIF NEW.status = 'DEPROVISIONED' AND NEW.deleted_at IS NULL THEN
    PERFORM okta_access_lock(NEW.integration_id, true);
    INSERT INTO okta_deprovisioned_access (integration_id, user_id, kind, n)
    SELECT * FROM okta_access_of(NEW.integration_id, NEW.id);
  ELSE
    PERFORM okta_access_lock(NEW.integration_id, true);
    INSERT INTO okta_deprovisioned_access (integration_id, user_id, kind, n)
    SELECT c.integration_id, c.user_id, c.kind, -sum(c.n)::int FROM okta_deprovisioned_access c
    WHERE c.integration_id = OLD.integration_id AND c.user_id = OLD.id
    GROUP BY 1, 2, 3 HAVING sum(c.n) <> 0;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
-- A group (app) that starts or stops counting: its deactivated members (assignees), each probed.
CREATE FUNCTION okta_groups_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM okta_access_lock(x.integration_id, true) FROM (SELECT DISTINCT integration_id FROM new_rows WHERE type = 'OKTA_GROUP' AND deleted_at IS NULL ORDER BY 1) x;
    INSERT INTO okta_deprovisioned_access (integration_id, user_id, kind, n)
    SELECT m.integration_id, m.user_id, 'okta_groups', count(*)::int FROM new_rows g
    CROSS JOIN LATERAL (SELECT gm.integration_id, gm.user_id FROM okta_group_members gm
      WHERE gm.integration_id = g.integration_id AND gm.group_id = g.id AND gm.deleted_at IS NULL
        AND okta_deprovisioned(gm.integration_id, gm.user_id) OFFSET 0) m
    WHERE g.type = 'OKTA_GROUP' AND g.deleted_at IS NULL AND EXISTS (SELECT 1 FROM integrations i WHERE i.id = g.integration_id)
    GROUP BY 1, 2;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM okta_access_lock(x.integration_id, true) FROM (SELECT DISTINCT integration_id FROM old_rows WHERE type = 'OKTA_GROUP' AND deleted_at IS NULL ORDER BY 1) x;
    INSERT INTO okta_deprovisioned_access (integration_id, user_id, kind, n)
    SELECT m.integration_id, m.user_id, 'okta_groups', -count(*)::int FROM old_rows g
    CROSS JOIN LATERAL (SELECT gm.integration_id, gm.user_id FROM okta_group_members gm
      WHERE gm.integration_id = g.integration_id AND gm.group_id = g.id AND gm.deleted_at IS NULL
        AND okta_deprovisioned(gm.integration_id, gm.user_id) OFFSET 0) m
    WHERE g.type = 'OKTA_GROUP' AND g.deleted_at IS NULL AND EXISTS (SELECT 1 FROM integrations i WHERE i.id = g.integration_id)
    GROUP BY 1, 2;
  ELSE
    PERFORM okta_access_lock(NEW.integration_id, true);
    INSERT INTO okta_deprovisioned_access (integration_id, user_id, kind, n)
    SELECT gm.integration_id, gm.user_id, 'okta_groups', CASE WHEN NEW.type = 'OKTA_GROUP' AND NEW.deleted_at IS NULL THEN 1 ELSE -1 END * count(*)::int
    FROM okta_group_members gm
    WHERE gm.integration_id = NEW.integration_id AND gm.group_id = NEW.id AND gm.deleted_at IS NULL AND okta_deprovisioned(gm.integration_id, gm.user_id)
    GROUP BY 1, 2;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION okta_apps_access() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM okta_access_lock(x.integration_id, true) FROM (SELECT DISTINCT integration_id FROM new_rows WHERE deleted_at IS NULL ORDER BY 1) x;
    INSERT INTO okta_deprovisioned_access (integration_id, user_id, kind, n)
    SELECT m.integration_id, m.user_id, 'apps', count(*)::int FROM new_rows a
    CROSS JOIN LATERAL (SELECT au.integration_id, au.user_id FROM okta_app_users au
      WHERE au.integration_id = a.integration_id AND au.app_id = a.id AND au.deleted_at IS NULL
        AND okta_deprovisioned(au.integration_id, au.user_id) OFFSET 0) m
    WHERE a.deleted_at IS NULL AND EXISTS (SELECT 1 FROM integrations i WHERE i.id = a.integration_id)
    GROUP BY 1, 2;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM okta_access_lock(x.integration_id, true) FROM (SELECT DISTINCT integration_id FROM old_rows WHERE deleted_at IS NULL ORDER BY 1) x;
    INSERT INTO okta_deprovisioned_access (integration_id, user_id, kind, n)
    SELECT m.integration_id, m.user_id, 'apps', -count(*)::int FROM old_rows a
    CROSS JOIN LATERAL (SELECT au.integration_id, au.user_id FROM okta_app_users au
      WHERE au.integration_id = a.integration_id AND au.app_id = a.id AND au.deleted_at IS NULL
        AND okta_deprovisioned(au.integration_id, au.user_id) OFFSET 0) m
    WHERE a.deleted_at IS NULL AND EXISTS (SELECT 1 FROM integrations i WHERE i.id = a.integration_id)
    GROUP BY 1, 2;
  ELSE
    PERFORM okta_access_lock(NEW.integration_id, true);
    INSERT INTO okta_deprovisioned_access (integration_id, user_id, kind, n)
    SELECT au.integration_id, au.user_id, 'apps', CASE WHEN NEW.deleted_at IS NULL THEN 1 ELSE -1 END * count(*)::int
    FROM okta_app_users au
    WHERE au.integration_id = NEW.integration_id AND au.app_id = NEW.id AND au.deleted_at IS NULL AND okta_deprovisioned(au.integration_id, au.user_id)
    GROUP BY 1, 2;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER okta_group_members_access_insert AFTER INSERT ON okta_group_members
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_group_members_access();--> statement-breakpoint
CREATE TRIGGER okta_group_members_access_delete AFTER DELETE ON okta_group_members
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_group_members_access();--> statement-breakpoint
CREATE TRIGGER okta_group_members_access_update AFTER UPDATE ON okta_group_members FOR EACH ROW
  WHEN ((OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)) EXECUTE FUNCTION okta_group_members_access();--> statement-breakpoint
CREATE TRIGGER okta_app_users_access_insert AFTER INSERT ON okta_app_users
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_app_users_access();--> statement-breakpoint
CREATE TRIGGER okta_app_users_access_delete AFTER DELETE ON okta_app_users
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_app_users_access();--> statement-breakpoint
CREATE TRIGGER okta_app_users_access_update AFTER UPDATE ON okta_app_users FOR EACH ROW
  WHEN ((OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)) EXECUTE FUNCTION okta_app_users_access();--> statement-breakpoint
CREATE TRIGGER okta_users_access_insert AFTER INSERT ON okta_users
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_users_access();--> statement-breakpoint
CREATE TRIGGER okta_users_access_delete AFTER DELETE ON okta_users
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_users_access();--> statement-breakpoint
CREATE TRIGGER okta_users_access_update AFTER UPDATE ON okta_users FOR EACH ROW
  WHEN ((OLD.status = 'DEPROVISIONED' AND OLD.deleted_at IS NULL) <> (NEW.status = 'DEPROVISIONED' AND NEW.deleted_at IS NULL))
  EXECUTE FUNCTION okta_users_access();--> statement-breakpoint
CREATE TRIGGER okta_groups_access_insert AFTER INSERT ON okta_groups
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_groups_access();--> statement-breakpoint
CREATE TRIGGER okta_groups_access_delete AFTER DELETE ON okta_groups
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_groups_access();--> statement-breakpoint
CREATE TRIGGER okta_groups_access_update AFTER UPDATE ON okta_groups FOR EACH ROW
  WHEN ((OLD.type = 'OKTA_GROUP' AND OLD.deleted_at IS NULL) IS DISTINCT FROM (NEW.type = 'OKTA_GROUP' AND NEW.deleted_at IS NULL))
  EXECUTE FUNCTION okta_groups_access();--> statement-breakpoint
CREATE TRIGGER okta_apps_access_insert AFTER INSERT ON okta_apps
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_apps_access();--> statement-breakpoint
CREATE TRIGGER okta_apps_access_delete AFTER DELETE ON okta_apps
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_apps_access();--> statement-breakpoint
CREATE TRIGGER okta_apps_access_update AFTER UPDATE ON okta_apps FOR EACH ROW
  WHEN ((OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)) EXECUTE FUNCTION okta_apps_access();--> statement-breakpoint
INSERT INTO okta_deprovisioned_access (integration_id, user_id, kind, n)
  SELECT gm.integration_id, gm.user_id, 'okta_groups', count(*)::int FROM okta_users u
  JOIN okta_group_members gm ON gm.integration_id = u.integration_id AND gm.user_id = u.id AND gm.deleted_at IS NULL
  JOIN okta_groups g ON g.integration_id = gm.integration_id AND g.id = gm.group_id AND g.deleted_at IS NULL AND g.type = 'OKTA_GROUP'
  WHERE u.status = 'DEPROVISIONED' AND u.deleted_at IS NULL GROUP BY 1, 2
  UNION ALL
  SELECT au.integration_id, au.user_id, 'apps', count(*)::int FROM okta_users u
  JOIN okta_app_users au ON au.integration_id = u.integration_id AND au.user_id = u.id AND au.deleted_at IS NULL
  JOIN okta_apps a ON a.integration_id = au.integration_id AND a.id = au.app_id AND a.deleted_at IS NULL
  WHERE u.status = 'DEPROVISIONED' AND u.deleted_at IS NULL GROUP BY 1, 2;
