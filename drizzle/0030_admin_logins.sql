-- Written by hand (drizzle does not model triggers): the admin role holders by UTC day of last sign-in,
-- okta_counts subject 'admin_logins', key the day as okta_user_login_key writes it ('' never, 'inf').
-- The hygiene card's "admins with no sign-in in 30 days" is then a sum over days, not one okta_users
-- probe per holder (610 ms for the 83,000 holders of a 1M-person org). A live person counts once, at
-- their day, while their rows in okta_admin_role_holders (0029) sum above zero:
--   holders  a statement that moves a live person's sum across zero adds (or takes back) one at the
--            day their row has now: role assignments and memberships that reach them, a person
--            inserted or revived, whatever wrote the rows;
--   people   a holder who stops counting (deleted, soft-deleted) takes back one at their old day,
--            read before their holder rows are taken back (the holders trigger no longer sees them
--            live); a live holder whose day of last sign-in changes moves from the old day to the new.
-- Folding rewrites holder rows without changing a sum: it marks its transaction (osc.folding) and the
-- holders trigger passes it by. Locks as in 0029: a day move takes 'okta_admin_roles' shared and
-- 'okta_admin_role_people' exclusive, only when a day changed and the integration grants roles, so a
-- page of sign-ins and a page of memberships that makes one of its people a holder never both miss
-- each other.
CREATE FUNCTION okta_login_day(last_login timestamptz) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN last_login IS NULL OR last_login = '-infinity' THEN ''
    WHEN last_login = 'infinity' THEN 'inf'
    ELSE ((last_login AT TIME ZONE 'UTC')::date - DATE '1970-01-01')::text END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION okta_user_login_key(status text, last_login timestamptz) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT status || '/' || okta_login_day(last_login) $$;--> statement-breakpoint
-- The number of ways a person holds any admin role now (0 when none).
CREATE FUNCTION okta_admin_role_ways(integration uuid, person text) RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT coalesce(sum(c.n), 0) FROM okta_admin_role_holders c WHERE c.integration_id = integration AND c.user_id = person $$;--> statement-breakpoint
CREATE FUNCTION okta_admin_role_holders_logins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('osc.folding', true) = 'on' THEN
    RETURN NULL;
  END IF;
  INSERT INTO okta_counts (integration_id, subject, key, n)
  SELECT p.integration_id, 'admin_logins', okta_login_day(u.last_login), sum(CASE WHEN s.ways > 0 THEN 1 ELSE -1 END)::int
  FROM (SELECT integration_id, user_id, sum(n) AS d FROM new_rows GROUP BY 1, 2 HAVING sum(n) <> 0) p
  CROSS JOIN LATERAL (SELECT okta_admin_role_ways(p.integration_id, p.user_id) AS ways) s
  JOIN okta_users u ON u.integration_id = p.integration_id AND u.id = p.user_id AND u.deleted_at IS NULL
  WHERE (s.ways > 0) <> (s.ways - p.d > 0)
  GROUP BY 1, 3;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER okta_admin_role_holders_logins AFTER INSERT ON okta_admin_role_holders
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_admin_role_holders_logins();--> statement-breakpoint
-- 0029's people trigger, with the holders who stop counting taken back at their old day.
CREATE OR REPLACE FUNCTION okta_users_holders() RETURNS trigger LANGUAGE plpgsql AS $$
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
    -- One statement: the holders' days are read before their rows are taken back.
    WITH d AS (
      SELECT x.integration_id, EXISTS (SELECT 1 FROM okta_users t WHERE t.integration_id = x.integration_id) AS rows_left
      FROM (SELECT DISTINCT integration_id FROM old_rows) x
      WHERE EXISTS (SELECT 1 FROM integrations i WHERE i.id = x.integration_id)),
    emptied AS (
      DELETE FROM okta_admin_role_holders c USING d WHERE c.integration_id = d.integration_id AND NOT d.rows_left),
    emptied_logins AS (
      DELETE FROM okta_counts c USING d WHERE c.integration_id = d.integration_id AND c.subject = 'admin_logins' AND NOT d.rows_left),
    logins AS (
      INSERT INTO okta_counts (integration_id, subject, key, n)
      SELECT r.integration_id, 'admin_logins', okta_login_day(r.last_login), -count(*)::int
      FROM old_rows r JOIN d ON d.integration_id = r.integration_id AND d.rows_left
      WHERE r.deleted_at IS NULL AND okta_admin_role_ways(r.integration_id, r.id) > 0
      GROUP BY 1, 3)
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
        INSERT INTO okta_counts (integration_id, subject, key, n)
        SELECT OLD.integration_id, 'admin_logins', okta_login_day(OLD.last_login), -1 WHERE okta_admin_role_ways(OLD.integration_id, OLD.id) > 0;
        INSERT INTO okta_admin_role_holders (integration_id, user_id, role_key, n)
        SELECT c.integration_id, c.user_id, c.role_key, -sum(c.n)::int FROM okta_admin_role_holders c
        WHERE c.integration_id = OLD.integration_id AND c.user_id = OLD.id
        GROUP BY 1, 2, 3 HAVING sum(c.n) <> 0;
      END IF;
    END IF;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
-- Live holders whose day of last sign-in changed, per statement (a sync's page of people, netted per
-- day). The page's old and new rows are paired by one grouping (transition tables have no index, and a
-- join of two could be planned as a nested loop); the days are worked out only for changed sign-ins.
CREATE FUNCTION okta_users_holders_logins() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ints uuid[];
  ids text[];
  was timestamptz[];
  now_ timestamptz[];
BEGIN
  SELECT array_agg(c.integration_id), array_agg(c.id), array_agg(c.was), array_agg(c.now) INTO ints, ids, was, now_
  FROM (
    SELECT x.integration_id, x.id, min(x.l) FILTER (WHERE x.side = 1) AS was, min(x.l) FILTER (WHERE x.side = 2) AS now
    FROM (SELECT integration_id, id, last_login AS l, 1 AS side FROM old_rows WHERE deleted_at IS NULL
      UNION ALL
      SELECT integration_id, id, last_login, 2 FROM new_rows WHERE deleted_at IS NULL) x
    GROUP BY 1, 2 HAVING count(*) = 2) c
  WHERE c.was IS DISTINCT FROM c.now AND okta_login_day(c.was) <> okta_login_day(c.now);
  IF ints IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM okta_admin_roles_lock(i, 'okta_admin_roles', false) FROM (SELECT DISTINCT unnest(ints) AS i ORDER BY 1) x;
  PERFORM okta_admin_roles_lock(i, 'okta_admin_role_people', true) FROM (SELECT DISTINCT unnest(ints) AS i ORDER BY 1) x
    WHERE okta_grants_admin_roles(i);
  IF FOUND THEN
    INSERT INTO okta_counts (integration_id, subject, key, n)
    SELECT m.i, 'admin_logins', v.key, sum(v.n)::int
    FROM unnest(ints, ids, was, now_) m (i, id, was, now)
    CROSS JOIN LATERAL (VALUES (okta_login_day(m.was), -1), (okta_login_day(m.now), 1)) v (key, n)
    WHERE okta_grants_admin_roles(m.i) AND okta_admin_role_ways(m.i, m.id) > 0
    GROUP BY 1, 3 HAVING sum(v.n) <> 0;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER okta_users_holders_logins AFTER UPDATE ON okta_users
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION okta_users_holders_logins();--> statement-breakpoint
INSERT INTO okta_counts (integration_id, subject, key, n)
  SELECT u.integration_id, 'admin_logins', okta_login_day(u.last_login), count(*)::int
  FROM (SELECT integration_id, user_id FROM okta_admin_role_holders GROUP BY 1, 2 HAVING sum(n) > 0) h
  JOIN okta_users u ON u.integration_id = h.integration_id AND u.id = h.user_id AND u.deleted_at IS NULL
  GROUP BY 1, 3;
