CREATE TABLE "okta_admin_role_holders" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "okta_admin_role_holders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"integration_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"role_key" text NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "okta_admin_role_holders" ADD CONSTRAINT "okta_admin_role_holders_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "okta_admin_role_holders_integration_idx" ON "okta_admin_role_holders" USING btree ("integration_id","user_id","role_key");--> statement-breakpoint
-- Written by hand (drizzle does not model triggers): who holds which admin role, per live person and
-- role, kept by the database like okta_deprovisioned_access (0023). The sum of a person's rows for a
-- role is the number of ways they hold it: a live assignment to them, and a live membership of each
-- group with a live assignment of the role. Each trigger adjusts for the side that changed, reading
-- the others as they are:
--   role assignments  (a few hundred rows, rarely written): what the assignment reaches, its person or
--                     its group's live members who are live people; inserts and deletes per statement,
--                     updates per row when the assignment starts or stops counting or changes role;
--   memberships       inserts and deletes per statement, joined to the few group assignments (a page
--                     of members of groups that grant nothing writes nothing); updates per row when a
--                     membership is deleted or revived;
--   people            a person who starts counting (inserted live, revived) adds what they hold now,
--                     one who stops (deleted, soft-deleted) takes back what their rows sum to; skipped
--                     while the integration has no live role assignment (a first import: roles come last).
-- Concurrent transactions are ordered by two advisory locks per integration, each taken before
-- reading what it guards: 'okta_admin_roles', exclusive for role assignments and shared for the rest,
-- so the assignments a membership or person trigger reads cannot change until it commits; and
-- 'okta_admin_role_people', taken exclusive by a person that starts or stops counting and by a page of
-- memberships of role-granting groups, and only while such assignments exist, so a page of people and a
-- page of their memberships never both miss each other. Each lock is taken in one mode per trigger,
-- the first before the second, so nothing upgrades a lock it holds.
CREATE FUNCTION okta_role_key(role_type text, custom_role_id text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN role_type = 'CUSTOM' AND custom_role_id IS NOT NULL THEN custom_role_id ELSE role_type END $$;--> statement-breakpoint
CREATE FUNCTION okta_admin_roles_lock(integration uuid, what text, exclusive boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF exclusive THEN
    PERFORM pg_advisory_xact_lock(hashtext(what), hashtext(integration::text));
  ELSE
    PERFORM pg_advisory_xact_lock_shared(hashtext(what), hashtext(integration::text));
  END IF;
END $$;--> statement-breakpoint
CREATE FUNCTION okta_live_person(integration uuid, person text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM okta_users u WHERE u.integration_id = integration AND u.id = person AND u.deleted_at IS NULL) $$;--> statement-breakpoint
CREATE FUNCTION okta_grants_admin_roles(integration uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM okta_role_assignments ra WHERE ra.integration_id = integration AND ra.deleted_at IS NULL) $$;--> statement-breakpoint
-- The roles a person holds now, with the number of ways (whether they are live is the caller's to know).
CREATE FUNCTION okta_admin_roles_of(integration uuid, person text) RETURNS TABLE (integration_id uuid, user_id text, role_key text, n integer)
LANGUAGE sql STABLE AS $$
  SELECT integration, person, x.k, count(*)::int FROM (
    SELECT okta_role_key(ra.role_type, ra.custom_role_id) AS k FROM okta_role_assignments ra
    WHERE ra.integration_id = integration AND ra.principal_type = 'USER' AND ra.principal_id = person AND ra.deleted_at IS NULL
    UNION ALL
    SELECT okta_role_key(ra.role_type, ra.custom_role_id) FROM okta_group_members gm
    JOIN okta_role_assignments ra ON ra.integration_id = gm.integration_id AND ra.principal_type = 'GROUP' AND ra.principal_id = gm.group_id
      AND ra.deleted_at IS NULL
    WHERE gm.integration_id = integration AND gm.user_id = person AND gm.deleted_at IS NULL) x
  GROUP BY x.k $$;--> statement-breakpoint
-- The live people an assignment reaches: its person, or its group's live members.
CREATE FUNCTION okta_admin_role_reach(integration uuid, kind text, principal text) RETURNS TABLE (user_id text) LANGUAGE sql STABLE AS $$
  SELECT principal WHERE kind = 'USER' AND okta_live_person(integration, principal)
  UNION ALL
  SELECT gm.user_id FROM okta_group_members gm
  WHERE kind = 'GROUP' AND gm.integration_id = integration AND gm.group_id = principal AND gm.deleted_at IS NULL
    AND okta_live_person(gm.integration_id, gm.user_id) $$;--> statement-breakpoint
-- Role assignments and memberships: their insert and delete triggers name the transition table
-- `changed_rows` alike; an insert counts up, a delete down.
CREATE FUNCTION okta_role_assignments_holders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM okta_admin_roles_lock(NEW.integration_id, 'okta_admin_roles', true);
    INSERT INTO okta_admin_role_holders (integration_id, user_id, role_key, n)
    SELECT OLD.integration_id, h.user_id, okta_role_key(OLD.role_type, OLD.custom_role_id), -count(*)::int
    FROM okta_admin_role_reach(OLD.integration_id, OLD.principal_type, OLD.principal_id) h WHERE OLD.deleted_at IS NULL GROUP BY 1, 2, 3
    UNION ALL
    SELECT NEW.integration_id, h.user_id, okta_role_key(NEW.role_type, NEW.custom_role_id), count(*)::int
    FROM okta_admin_role_reach(NEW.integration_id, NEW.principal_type, NEW.principal_id) h WHERE NEW.deleted_at IS NULL GROUP BY 1, 2, 3;
  ELSE
    PERFORM okta_admin_roles_lock(x.integration_id, 'okta_admin_roles', true) FROM (SELECT DISTINCT integration_id FROM changed_rows ORDER BY 1) x;
    INSERT INTO okta_admin_role_holders (integration_id, user_id, role_key, n)
    SELECT r.integration_id, h.user_id, okta_role_key(r.role_type, r.custom_role_id), CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END * count(*)::int
    FROM changed_rows r CROSS JOIN LATERAL okta_admin_role_reach(r.integration_id, r.principal_type, r.principal_id) h
    WHERE r.deleted_at IS NULL AND EXISTS (SELECT 1 FROM integrations i WHERE i.id = r.integration_id)
    GROUP BY 1, 2, 3;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION okta_group_members_holders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    PERFORM okta_admin_roles_lock(NEW.integration_id, 'okta_admin_roles', false);
    IF EXISTS (SELECT 1 FROM okta_role_assignments ra WHERE ra.integration_id = NEW.integration_id AND ra.principal_type = 'GROUP'
        AND ra.principal_id = NEW.group_id AND ra.deleted_at IS NULL) THEN
      PERFORM okta_admin_roles_lock(NEW.integration_id, 'okta_admin_role_people', true);
      INSERT INTO okta_admin_role_holders (integration_id, user_id, role_key, n)
      SELECT NEW.integration_id, NEW.user_id, okta_role_key(ra.role_type, ra.custom_role_id), CASE WHEN NEW.deleted_at IS NULL THEN 1 ELSE -1 END * count(*)::int
      FROM okta_role_assignments ra
      WHERE ra.integration_id = NEW.integration_id AND ra.principal_type = 'GROUP' AND ra.principal_id = NEW.group_id AND ra.deleted_at IS NULL
        AND okta_live_person(NEW.integration_id, NEW.user_id)
      GROUP BY 1, 2, 3;
    END IF;
  ELSE
    PERFORM okta_admin_roles_lock(x.integration_id, 'okta_admin_roles', false) FROM (SELECT DISTINCT integration_id FROM changed_rows ORDER BY 1) x;
    PERFORM okta_admin_roles_lock(x.integration_id, 'okta_admin_role_people', true) FROM (
      SELECT DISTINCT r.integration_id FROM changed_rows r WHERE r.deleted_at IS NULL AND EXISTS (SELECT 1 FROM okta_role_assignments ra
        WHERE ra.integration_id = r.integration_id AND ra.principal_type = 'GROUP' AND ra.principal_id = r.group_id AND ra.deleted_at IS NULL)
      ORDER BY 1) x;
    IF FOUND THEN
      INSERT INTO okta_admin_role_holders (integration_id, user_id, role_key, n)
      SELECT r.integration_id, r.user_id, okta_role_key(ra.role_type, ra.custom_role_id), CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END * count(*)::int
      FROM changed_rows r
      JOIN okta_role_assignments ra ON ra.integration_id = r.integration_id AND ra.principal_type = 'GROUP' AND ra.principal_id = r.group_id
        AND ra.deleted_at IS NULL
      WHERE r.deleted_at IS NULL AND okta_live_person(r.integration_id, r.user_id) AND EXISTS (SELECT 1 FROM integrations i WHERE i.id = r.integration_id)
      GROUP BY 1, 2, 3;
    END IF;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION okta_users_holders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM okta_admin_roles_lock(x.integration_id, 'okta_admin_roles', false) FROM (SELECT DISTINCT integration_id FROM new_rows WHERE deleted_at IS NULL ORDER BY 1) x;
    PERFORM okta_admin_roles_lock(x.integration_id, 'okta_admin_role_people', true) FROM (
      SELECT DISTINCT integration_id FROM new_rows WHERE deleted_at IS NULL ORDER BY 1) x WHERE okta_grants_admin_roles(x.integration_id);
    IF FOUND THEN
      INSERT INTO okta_admin_role_holders (integration_id, user_id, role_key, n)
      SELECT a.* FROM new_rows r CROSS JOIN LATERAL okta_admin_roles_of(r.integration_id, r.id) a
      WHERE r.deleted_at IS NULL AND okta_grants_admin_roles(r.integration_id) AND EXISTS (SELECT 1 FROM integrations i WHERE i.id = r.integration_id);
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM okta_admin_roles_lock(x.integration_id, 'okta_admin_roles', false) FROM (SELECT DISTINCT integration_id FROM old_rows ORDER BY 1) x;
    PERFORM okta_admin_roles_lock(x.integration_id, 'okta_admin_role_people', true) FROM (SELECT DISTINCT integration_id FROM old_rows ORDER BY 1) x;
    -- The integration's last people gone (a disconnect that deletes the data): nothing of it is kept.
    WITH d AS (
      SELECT x.integration_id, EXISTS (SELECT 1 FROM okta_users t WHERE t.integration_id = x.integration_id) AS rows_left
      FROM (SELECT DISTINCT integration_id FROM old_rows) x
      WHERE EXISTS (SELECT 1 FROM integrations i WHERE i.id = x.integration_id)),
    emptied AS (
      DELETE FROM okta_admin_role_holders c USING d WHERE c.integration_id = d.integration_id AND NOT d.rows_left)
    INSERT INTO okta_admin_role_holders (integration_id, user_id, role_key, n)
    SELECT c.integration_id, c.user_id, c.role_key, -sum(c.n)::int
    FROM old_rows r JOIN d ON d.integration_id = r.integration_id AND d.rows_left
    JOIN okta_admin_role_holders c ON c.integration_id = r.integration_id AND c.user_id = r.id
    WHERE r.deleted_at IS NULL
    GROUP BY 1, 2, 3 HAVING sum(c.n) <> 0;
  ELSE
    PERFORM okta_admin_roles_lock(NEW.integration_id, 'okta_admin_roles', false);
    IF okta_grants_admin_roles(NEW.integration_id) THEN
      PERFORM okta_admin_roles_lock(NEW.integration_id, 'okta_admin_role_people', true);
      IF NEW.deleted_at IS NULL THEN
        INSERT INTO okta_admin_role_holders (integration_id, user_id, role_key, n) SELECT * FROM okta_admin_roles_of(NEW.integration_id, NEW.id);
      ELSE
        INSERT INTO okta_admin_role_holders (integration_id, user_id, role_key, n)
        SELECT c.integration_id, c.user_id, c.role_key, -sum(c.n)::int FROM okta_admin_role_holders c
        WHERE c.integration_id = OLD.integration_id AND c.user_id = OLD.id
        GROUP BY 1, 2, 3 HAVING sum(c.n) <> 0;
      END IF;
    END IF;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER okta_role_assignments_holders_insert AFTER INSERT ON okta_role_assignments
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_role_assignments_holders();--> statement-breakpoint
CREATE TRIGGER okta_role_assignments_holders_delete AFTER DELETE ON okta_role_assignments
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_role_assignments_holders();--> statement-breakpoint
CREATE TRIGGER okta_role_assignments_holders_update AFTER UPDATE ON okta_role_assignments FOR EACH ROW
  WHEN ((OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL) OR OLD.integration_id <> NEW.integration_id
    OR OLD.principal_type <> NEW.principal_type OR OLD.principal_id <> NEW.principal_id
    OR okta_role_key(OLD.role_type, OLD.custom_role_id) IS DISTINCT FROM okta_role_key(NEW.role_type, NEW.custom_role_id))
  EXECUTE FUNCTION okta_role_assignments_holders();--> statement-breakpoint
CREATE TRIGGER okta_group_members_holders_insert AFTER INSERT ON okta_group_members
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_group_members_holders();--> statement-breakpoint
CREATE TRIGGER okta_group_members_holders_delete AFTER DELETE ON okta_group_members
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_group_members_holders();--> statement-breakpoint
CREATE TRIGGER okta_group_members_holders_update AFTER UPDATE ON okta_group_members FOR EACH ROW
  WHEN ((OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)) EXECUTE FUNCTION okta_group_members_holders();--> statement-breakpoint
CREATE TRIGGER okta_users_holders_insert AFTER INSERT ON okta_users
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_users_holders();--> statement-breakpoint
CREATE TRIGGER okta_users_holders_delete AFTER DELETE ON okta_users
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_users_holders();--> statement-breakpoint
CREATE TRIGGER okta_users_holders_update AFTER UPDATE ON okta_users FOR EACH ROW
  WHEN ((OLD.deleted_at IS NULL) <> (NEW.deleted_at IS NULL)) EXECUTE FUNCTION okta_users_holders();--> statement-breakpoint
INSERT INTO okta_admin_role_holders (integration_id, user_id, role_key, n)
  SELECT ra.integration_id, h.user_id, okta_role_key(ra.role_type, ra.custom_role_id), count(*)::int
  FROM okta_role_assignments ra CROSS JOIN LATERAL okta_admin_role_reach(ra.integration_id, ra.principal_type, ra.principal_id) h
  WHERE ra.deleted_at IS NULL
  GROUP BY 1, 2, 3;
