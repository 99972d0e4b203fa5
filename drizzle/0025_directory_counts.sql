DROP INDEX "okta_group_members_live_idx";--> statement-breakpoint
-- Written by hand (drizzle does not model triggers): the counts the directory lists read (db/schema/counts.ts,
-- DIRECTORY_LIST_SUBJECTS), kept in okta_counts like the overview's (0018, 0021, 0023) and folded by the same tick.
--
-- 1. Members per group and assignments per app. The count functions of memberships and assignments
--    (0018/0021) now write the per-group (per-app) deltas in the same insert as the integration's total:
--    one grouped insert per statement from its transition table, so a page of a group's members writes a
--    row or two, not one per member. Updates per row, only when a row is deleted or revived, or moves (the
--    WHEN), as before; an assignment also when its scope turns to or from GROUP. A delete that leaves
--    none of an integration's rows (a disconnect) deletes its counts of the table instead.
--    With these kept, nothing reads okta_group_members_live_idx, which repeated the primary key for live rows
--    (dropped above); okta_app_users_live_idx stays for unused access (db/schema/directory.ts).
CREATE OR REPLACE FUNCTION okta_group_members_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH c AS (
      SELECT r.integration_id, r.group_id, count(*) AS n FROM new_rows r
      WHERE r.deleted_at IS NULL AND EXISTS (SELECT 1 FROM integrations i WHERE i.id = r.integration_id)
      GROUP BY 1, 2)
    INSERT INTO okta_counts (integration_id, subject, key, n)
    SELECT integration_id, 'memberships', '', sum(n) FROM c GROUP BY 1
    UNION ALL SELECT integration_id, 'group_members', group_id, n FROM c;
  ELSIF TG_OP = 'DELETE' THEN
    WITH d AS (
      SELECT x.integration_id, EXISTS (SELECT 1 FROM okta_group_members t WHERE t.integration_id = x.integration_id) AS rows_left
      FROM (SELECT DISTINCT integration_id FROM old_rows) x
      WHERE EXISTS (SELECT 1 FROM integrations i WHERE i.id = x.integration_id)),
    emptied AS (
      DELETE FROM okta_counts c USING d
      WHERE c.integration_id = d.integration_id AND c.subject IN ('memberships', 'group_members') AND NOT d.rows_left),
    c AS (
      SELECT r.integration_id, r.group_id, count(*) AS n FROM old_rows r JOIN d ON d.integration_id = r.integration_id AND d.rows_left
      WHERE r.deleted_at IS NULL
      GROUP BY 1, 2)
    INSERT INTO okta_counts (integration_id, subject, key, n)
    SELECT integration_id, 'memberships', '', -sum(n) FROM c GROUP BY 1
    UNION ALL SELECT integration_id, 'group_members', group_id, -n FROM c;
  ELSE
    INSERT INTO okta_counts (integration_id, subject, key, n)
    SELECT OLD.integration_id, k.subject, k.key, -1 FROM (VALUES ('memberships', ''), ('group_members', OLD.group_id)) k(subject, key)
    WHERE OLD.deleted_at IS NULL
    UNION ALL
    SELECT NEW.integration_id, k.subject, k.key, 1 FROM (VALUES ('memberships', ''), ('group_members', NEW.group_id)) k(subject, key)
    WHERE NEW.deleted_at IS NULL;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
DROP TRIGGER okta_group_members_counts_update ON okta_group_members;--> statement-breakpoint
CREATE TRIGGER okta_group_members_counts_update AFTER UPDATE ON okta_group_members FOR EACH ROW
  WHEN (OLD.integration_id <> NEW.integration_id OR OLD.group_id <> NEW.group_id OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL))
  EXECUTE FUNCTION okta_group_members_counts();--> statement-breakpoint
CREATE OR REPLACE FUNCTION okta_app_users_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH c AS (
      SELECT r.integration_id, r.app_id, count(*) AS n, count(*) FILTER (WHERE r.scope = 'GROUP') AS via_group FROM new_rows r
      WHERE r.deleted_at IS NULL AND EXISTS (SELECT 1 FROM integrations i WHERE i.id = r.integration_id)
      GROUP BY 1, 2)
    INSERT INTO okta_counts (integration_id, subject, key, n)
    SELECT integration_id, 'app_users', '', sum(n) FROM c GROUP BY 1
    UNION ALL SELECT integration_id, 'app_assignees', app_id, n FROM c
    UNION ALL SELECT integration_id, 'app_group_assignees', app_id, via_group FROM c WHERE via_group > 0;
  ELSIF TG_OP = 'DELETE' THEN
    WITH d AS (
      SELECT x.integration_id, EXISTS (SELECT 1 FROM okta_app_users t WHERE t.integration_id = x.integration_id) AS rows_left
      FROM (SELECT DISTINCT integration_id FROM old_rows) x
      WHERE EXISTS (SELECT 1 FROM integrations i WHERE i.id = x.integration_id)),
    emptied AS (
      DELETE FROM okta_counts c USING d
      WHERE c.integration_id = d.integration_id AND c.subject IN ('app_users', 'app_assignees', 'app_group_assignees') AND NOT d.rows_left),
    c AS (
      SELECT r.integration_id, r.app_id, count(*) AS n, count(*) FILTER (WHERE r.scope = 'GROUP') AS via_group
      FROM old_rows r JOIN d ON d.integration_id = r.integration_id AND d.rows_left
      WHERE r.deleted_at IS NULL
      GROUP BY 1, 2)
    INSERT INTO okta_counts (integration_id, subject, key, n)
    SELECT integration_id, 'app_users', '', -sum(n) FROM c GROUP BY 1
    UNION ALL SELECT integration_id, 'app_assignees', app_id, -n FROM c
    UNION ALL SELECT integration_id, 'app_group_assignees', app_id, -via_group FROM c WHERE via_group > 0;
  ELSE
    INSERT INTO okta_counts (integration_id, subject, key, n)
    SELECT OLD.integration_id, k.subject, k.key, -1
    FROM (VALUES ('app_users', '', true), ('app_assignees', OLD.app_id, true), ('app_group_assignees', OLD.app_id, OLD.scope = 'GROUP')) k(subject, key, counted)
    WHERE OLD.deleted_at IS NULL AND k.counted
    UNION ALL
    SELECT NEW.integration_id, k.subject, k.key, 1
    FROM (VALUES ('app_users', '', true), ('app_assignees', NEW.app_id, true), ('app_group_assignees', NEW.app_id, NEW.scope = 'GROUP')) k(subject, key, counted)
    WHERE NEW.deleted_at IS NULL AND k.counted;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
DROP TRIGGER okta_app_users_counts_update ON okta_app_users;--> statement-breakpoint
CREATE TRIGGER okta_app_users_counts_update AFTER UPDATE ON okta_app_users FOR EACH ROW
  WHEN (OLD.integration_id <> NEW.integration_id OR OLD.app_id <> NEW.app_id OR (OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)
    OR (OLD.scope = 'GROUP') IS DISTINCT FROM (NEW.scope = 'GROUP'))
  EXECUTE FUNCTION okta_app_users_counts();--> statement-breakpoint
--
-- 2. People per department, user type, location and manager (the people filters' facets), in the
--    statement trigger that already keeps their status and day of last sign-in (0023): the same pass
--    over the transition tables, old rows out and new rows in netted per key, so a page that changes
--    none of these writes nothing more. Empty values are not counted (the facets leave them out).
--    A manager's key is their id and the name the report gives (\x1f between): the facet shows, per id,
--    the greatest name among live reports, as max(manager) over the people did.
CREATE FUNCTION okta_user_count_keys(u okta_users) RETURNS TABLE (subject text, key text) LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT k.subject, k.key FROM (VALUES
    ('user_logins', okta_user_login_key(u.status, u.last_login)),
    ('user_departments', nullif(u.department, '')),
    ('user_types', nullif(u.user_type, '')),
    ('user_locations', nullif(u.location, '')),
    ('user_managers', CASE WHEN u.manager_id <> '' THEN u.manager_id || chr(31) || coalesce(u.manager, '') END)) k(subject, key)
  WHERE k.key IS NOT NULL $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION okta_users_logins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO okta_counts (integration_id, subject, key, n)
    SELECT r.integration_id, k.subject, k.key, count(*) FROM new_rows r CROSS JOIN LATERAL okta_user_count_keys(r) k
    WHERE r.deleted_at IS NULL AND EXISTS (SELECT 1 FROM integrations i WHERE i.id = r.integration_id)
    GROUP BY 1, 2, 3;
  ELSIF TG_OP = 'DELETE' THEN
    WITH d AS (
      SELECT x.integration_id, EXISTS (SELECT 1 FROM okta_users t WHERE t.integration_id = x.integration_id) AS rows_left
      FROM (SELECT DISTINCT integration_id FROM old_rows) x
      WHERE EXISTS (SELECT 1 FROM integrations i WHERE i.id = x.integration_id)),
    emptied AS (
      DELETE FROM okta_counts c USING d WHERE c.integration_id = d.integration_id AND NOT d.rows_left
        AND c.subject IN ('user_logins', 'user_departments', 'user_types', 'user_locations', 'user_managers'))
    INSERT INTO okta_counts (integration_id, subject, key, n)
    SELECT r.integration_id, k.subject, k.key, -count(*)
    FROM old_rows r JOIN d ON d.integration_id = r.integration_id AND d.rows_left CROSS JOIN LATERAL okta_user_count_keys(r) k
    WHERE r.deleted_at IS NULL
    GROUP BY 1, 2, 3;
  ELSE
    -- Old rows out, new rows in, netted per key: a page that only re-marks rows as seen writes nothing.
    INSERT INTO okta_counts (integration_id, subject, key, n)
    SELECT x.integration_id, x.subject, x.key, sum(x.n) FROM (
      SELECT o.integration_id, k.subject, k.key, -1 AS n FROM old_rows o CROSS JOIN LATERAL okta_user_count_keys(o) k WHERE o.deleted_at IS NULL
      UNION ALL
      SELECT r.integration_id, k.subject, k.key, 1 FROM new_rows r CROSS JOIN LATERAL okta_user_count_keys(r) k WHERE r.deleted_at IS NULL) x
    WHERE EXISTS (SELECT 1 FROM integrations i WHERE i.id = x.integration_id)
    GROUP BY 1, 2, 3 HAVING sum(x.n) <> 0;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
--
-- What was stored before this migration.
INSERT INTO okta_counts (integration_id, subject, key, n)
  SELECT integration_id, 'group_members', group_id, count(*) FROM okta_group_members WHERE deleted_at IS NULL GROUP BY 1, 3;--> statement-breakpoint
INSERT INTO okta_counts (integration_id, subject, key, n)
  SELECT integration_id, k.subject, app_id, k.n FROM (
    SELECT integration_id, app_id, count(*) AS n, count(*) FILTER (WHERE scope = 'GROUP') AS via_group
    FROM okta_app_users WHERE deleted_at IS NULL GROUP BY 1, 2) c
  CROSS JOIN LATERAL (VALUES ('app_assignees', c.n), ('app_group_assignees', c.via_group)) k(subject, n)
  WHERE k.n > 0;--> statement-breakpoint
INSERT INTO okta_counts (integration_id, subject, key, n)
  SELECT u.integration_id, k.subject, k.key, count(*) FROM okta_users u CROSS JOIN LATERAL okta_user_count_keys(u) k
  WHERE u.deleted_at IS NULL AND k.subject <> 'user_logins' GROUP BY 1, 2, 3;
