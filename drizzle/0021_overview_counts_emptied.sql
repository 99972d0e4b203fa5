-- Written by hand: the count triggers of 0018_overview_counts.sql, with one change to deletes. When a
-- delete leaves none of an integration's rows in the table (a disconnect that deletes the data), the
-- integration's counts of that table are deleted instead of getting deltas that sum to zero, so
-- nothing of the integration is left behind. Inserts and updates are counted as before.
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
      CREATE OR REPLACE FUNCTION %1$I() RETURNS trigger LANGUAGE plpgsql AS $body$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO okta_counts (integration_id, subject, key, n)
          SELECT r.integration_id, %2$L, %3$s, count(*) FROM new_rows r
          WHERE r.deleted_at IS NULL AND EXISTS (SELECT 1 FROM integrations i WHERE i.id = r.integration_id)
          GROUP BY 1, 3;
        ELSIF TG_OP = 'DELETE' THEN
          WITH d AS (
            SELECT x.integration_id, EXISTS (SELECT 1 FROM %6$I t WHERE t.integration_id = x.integration_id) AS rows_left
            FROM (SELECT DISTINCT integration_id FROM old_rows) x
            WHERE EXISTS (SELECT 1 FROM integrations i WHERE i.id = x.integration_id)),
          emptied AS (
            DELETE FROM okta_counts c USING d WHERE c.integration_id = d.integration_id AND c.subject = %2$L AND NOT d.rows_left)
          INSERT INTO okta_counts (integration_id, subject, key, n)
          SELECT r.integration_id, %2$L, %3$s, -count(*) FROM old_rows r JOIN d ON d.integration_id = r.integration_id AND d.rows_left
          WHERE r.deleted_at IS NULL
          GROUP BY 1, 3;
        ELSE
          INSERT INTO okta_counts (integration_id, subject, key, n)
          SELECT OLD.integration_id, %2$L, %4$s, -1 WHERE OLD.deleted_at IS NULL
          UNION ALL SELECT NEW.integration_id, %2$L, %5$s, 1 WHERE NEW.deleted_at IS NULL;
        END IF;
        RETURN NULL;
      END $body$$f$,
      t.tbl || '_counts', t.subject,
      coalesce('r.' || quote_ident(t.col), ''''''), coalesce('OLD.' || quote_ident(t.col), ''''''), coalesce('NEW.' || quote_ident(t.col), ''''''),
      t.tbl);
  END LOOP;
END $do$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION okta_log_events_sign_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO okta_sign_in_hours (integration_id, hour, outcome, n)
    SELECT r.integration_id, okta_sign_in_hour(r.published), coalesce(r.outcome_result, ''), count(*) FROM new_rows r
    WHERE r.event_type = 'user.session.start' AND EXISTS (SELECT 1 FROM integrations i WHERE i.id = r.integration_id)
    GROUP BY 1, 2, 3;
  ELSIF TG_OP = 'DELETE' THEN
    WITH d AS (
      SELECT x.integration_id, EXISTS (SELECT 1 FROM okta_log_events t WHERE t.integration_id = x.integration_id) AS rows_left
      FROM (SELECT DISTINCT integration_id FROM old_rows) x
      WHERE EXISTS (SELECT 1 FROM integrations i WHERE i.id = x.integration_id)),
    emptied AS (
      DELETE FROM okta_sign_in_hours h USING d WHERE h.integration_id = d.integration_id AND NOT d.rows_left)
    INSERT INTO okta_sign_in_hours (integration_id, hour, outcome, n)
    SELECT r.integration_id, okta_sign_in_hour(r.published), coalesce(r.outcome_result, ''), -count(*)
    FROM old_rows r JOIN d ON d.integration_id = r.integration_id AND d.rows_left
    WHERE r.event_type = 'user.session.start'
    GROUP BY 1, 2, 3;
  ELSE
    INSERT INTO okta_sign_in_hours (integration_id, hour, outcome, n)
    SELECT OLD.integration_id, okta_sign_in_hour(OLD.published), coalesce(OLD.outcome_result, ''), -1 WHERE OLD.event_type = 'user.session.start'
    UNION ALL
    SELECT NEW.integration_id, okta_sign_in_hour(NEW.published), coalesce(NEW.outcome_result, ''), 1 WHERE NEW.event_type = 'user.session.start';
  END IF;
  RETURN NULL;
END $$;
