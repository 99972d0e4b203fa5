// A synced org at the size issue 16 names, written straight into the directory tables in SQL (no
// sync engine): 1M people, 50k groups, ~10M memberships, 5k apps, ~2.5M app assignments, a few
// hundred admin role assignments, IdPs and 5M System Log events over 7 days, plus runs and an event
// log; `others` small integrations beside it in the same workspace (the home dashboard lists them
// all). Statuses and outcomes are mixed the way real orgs look, and about 1% of each table is
// soft-deleted (a sweep's leftovers), so counts that forget `deleted_at` show. Used by bench/overview.ts.
import type postgres from "postgres";

export const WS = "cccccccc-0000-4000-8000-000000000001";
export const BIG = "cccccccc-1111-4000-8000-000000000001";
const other = (i: number) => `cccccccc-2222-4000-8000-${String(i).padStart(12, "0")}`;

export interface OverviewSeed {
  users: number;
  groups: number;
  membershipsPerUser: number;
  apps: number;
  assignments: number;
  events: number;
  days: number;
  others: number;
}

/** Runs `step` for [from, to) in chunks, printing progress: one huge statement would hide where the time goes. */
async function chunked(label: string, total: number, chunk: number, step: (from: number, to: number) => Promise<unknown>) {
  const t = performance.now();
  for (let from = 0; from < total; from += chunk) await step(from, Math.min(total, from + chunk));
  console.log(`  ${label}: ${total.toLocaleString()} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

async function seedOrg(sql: postgres.Sql, integ: string, o: OverviewSeed) {
  const { users, groups, apps } = o;
  const big = users >= 100_000;
  const chunk = big ? 100_000 : users;
  const uid = (e: string) => `'00u' || lpad((${e})::text, 17, '0')`;
  const gid = (e: string) => `'00g' || lpad((${e})::text, 17, '0')`;
  const aid = (e: string) => `'0oa' || lpad((${e})::text, 17, '0')`;
  await chunked("people", users, chunk, (a, b) =>
    sql.unsafe(`
      insert into okta_users (workspace_id, integration_id, content_hash, id, status, login, email, first_name, last_name, display_name,
        department, title, created, activated, last_login, last_updated, profile, deleted_at)
      select '${WS}', '${integ}', md5(g::text), ${uid("g")},
        case when r < 0.84 then 'ACTIVE' when r < 0.88 then 'PROVISIONED' when r < 0.90 then 'STAGED' when r < 0.93 then 'SUSPENDED'
             when r < 0.98 then 'DEPROVISIONED' when r < 0.99 then 'LOCKED_OUT' when r < 0.995 then 'PASSWORD_EXPIRED' else 'RECOVERY' end,
        'user' || g || '@acme.com', 'user' || g || '@acme.com', 'First' || (g % 997), 'Last' || (g % 1009), 'First' || (g % 997) || ' Last' || (g % 1009),
        (array['Engineering','Sales','Marketing','Finance','IT','Legal','Operations','Design'])[1 + g % 8], 'Title ' || (g % 40),
        now() - (g % 2000) * interval '1 day', now() - (g % 1900) * interval '1 day',
        case when r2 < 0.06 then null else now() - power(r2, 3) * interval '400 days' end, now() - (g % 300) * interval '1 hour',
        '{}'::jsonb, case when g % 97 = 0 then now() - interval '3 days' end
      from (select g, random() r, random() r2 from generate_series(${a + 1}, ${b}) g) s`),
  );
  await chunked("groups", groups, Math.max(groups, 1), (a, b) =>
    sql.unsafe(`
      insert into okta_groups (workspace_id, integration_id, content_hash, id, type, name, description, created, last_updated, profile, deleted_at)
      select '${WS}', '${integ}', md5(g::text), ${gid("g")},
        case when g <= 2 then 'BUILT_IN' when g % 12 = 0 then 'APP_GROUP' else 'OKTA_GROUP' end, 'group-' || g, 'Group number ' || g,
        now() - (g % 900) * interval '1 day', now() - (g % 90) * interval '1 day', '{}'::jsonb, case when g % 101 = 0 then now() end
      from generate_series(${a + 1}, ${b}) g`),
  );
  // Each person in `membershipsPerUser` distinct groups (strides that never meet inside one person).
  await chunked("memberships", users * o.membershipsPerUser, chunk * o.membershipsPerUser, (a, b) =>
    sql.unsafe(`
      insert into okta_group_members (workspace_id, integration_id, group_id, user_id, deleted_at)
      select '${WS}', '${integ}', ${gid(`1 + (u * 7 + k * ${Math.max(1, Math.floor(groups / (o.membershipsPerUser + 1)))}) % ${groups}`)}, ${uid("u")},
        case when (u + k) % 113 = 0 then now() end
      from generate_series(${a / o.membershipsPerUser + 1}, ${b / o.membershipsPerUser}) u, generate_series(1, ${o.membershipsPerUser}) k`),
  );
  await sql.unsafe(`
    insert into okta_apps (workspace_id, integration_id, content_hash, id, name, label, status, sign_on_mode, created, last_updated, deleted_at)
    select '${WS}', '${integ}', md5(g::text), ${aid("g")}, 'app_' || (g % 300), 'App ' || g, case when g % 9 = 0 then 'INACTIVE' else 'ACTIVE' end,
      'SAML_2_0', now() - (g % 700) * interval '1 day', now(), case when g % 211 = 0 then now() end
    from generate_series(1, ${apps}) g`);
  // App assignments: most to people (each person the same few apps' worth), the rest to groups.
  const perUser = Math.max(1, Math.floor((o.assignments * 0.8) / users));
  await chunked("app assignments (people)", users * perUser, chunk * perUser, (a, b) =>
    sql.unsafe(`
      insert into okta_app_users (workspace_id, integration_id, content_hash, app_id, user_id, scope, status, deleted_at)
      select '${WS}', '${integ}', md5(u::text || k), ${aid(`1 + (u * 13 + k * ${Math.max(1, Math.floor(apps / (perUser + 1)))}) % ${apps}`)}, ${uid("u")},
        case when k = 1 then 'GROUP' else 'USER' end, 'PROVISIONED', case when (u + k) % 127 = 0 then now() end
      from generate_series(${a / perUser + 1}, ${b / perUser}) u, generate_series(1, ${perUser}) k`),
  );
  const toGroups = Math.max(1, o.assignments - users * perUser);
  await chunked("app assignments (groups)", toGroups, chunk, (a, b) =>
    sql.unsafe(`
      insert into okta_app_groups (workspace_id, integration_id, content_hash, app_id, group_id, priority, deleted_at)
      select '${WS}', '${integ}', md5(g::text), ${aid(`1 + g % ${apps}`)}, ${gid(`1 + (g / ${apps}) % ${groups}`)}, 0, case when g % 131 = 0 then now() end
      from generate_series(${a}, ${b - 1}) g`),
  );
  await sql.unsafe(`
    insert into okta_role_assignments (workspace_id, integration_id, content_hash, id, principal_type, principal_id, role_type, label, status)
    select '${WS}', '${integ}', md5(g::text), 'ra' || g, case when g % 10 = 0 then 'GROUP' else 'USER' end,
      case when g % 10 = 0 then ${gid(`3 + g`)} else ${uid(`1 + g * 37 % ${users}`)} end,
      (array['SUPER_ADMIN','ORG_ADMIN','APP_ADMIN','READ_ONLY_ADMIN','HELP_DESK_ADMIN'])[1 + g % 5], 'Role', 'ACTIVE'
    from generate_series(1, ${big ? 400 : 12}) g;
    insert into okta_idps (workspace_id, integration_id, content_hash, id, type, name, status)
    select '${WS}', '${integ}', md5(g::text), '0oi' || g, case when g % 2 = 0 then 'SAML2' else 'GOOGLE' end, 'IdP ' || g,
      case when g = 5 then 'INACTIVE' else 'ACTIVE' end
    from generate_series(1, 5) g`);
  // The System Log: sign-ins (4% failing) and the other usual events, evenly over the last `days` days.
  const events = big ? o.events : Math.floor(o.events / 200);
  await chunked("System Log events", events, big ? 250_000 : Math.max(events, 1), (a, b) =>
    sql.unsafe(`
      insert into okta_log_events (workspace_id, integration_id, uuid, published, event_type, severity, outcome_result, actor_id, actor_type,
        actor_alternate_id, actor_display_name, targets)
      select '${WS}', '${integ}', 'ev' || g || '-${integ.slice(-4)}', now() - (g * (${o.days} * 86400.0 / ${Math.max(events, 1)})) * interval '1 second', ty,
        case when o = 'FAILURE' then 'WARN' else 'INFO' end, o, ${uid(`1 + g % ${users}`)}, 'User', 'user' || (1 + g % ${users}) || '@acme.com', 'User',
        '[]'::jsonb
      from (select g,
          case when r1 < 0.40 then 'user.session.start' when r1 < 0.74 then 'user.authentication.sso' when r1 < 0.83 then 'user.authentication.auth_via_mfa'
               when r1 < 0.88 then 'group.user_membership.add' when r1 < 0.92 then 'user.session.end' else 'user.account.update_profile' end ty,
          case when r2 < 0.04 then 'FAILURE' when r2 < 0.041 then 'DENY' when r2 < 0.045 then 'UNKNOWN' else 'SUCCESS' end o
        from (select g, random() r1, random() r2 from generate_series(${a + 1}, ${b}) g) s) x`),
  );
  // Thirty finished runs and their event log, as a month of daily syncs leaves them.
  await sql.unsafe(`
    insert into sync_runs (workspace_id, integration_id, trigger, mode, status, queued_at, started_at, finished_at, attempts)
    select '${WS}', '${integ}', 'scheduled', 'full', 'succeeded', now() - g * interval '1 day', now() - g * interval '1 day',
      now() - g * interval '1 day' + interval '9 minutes', 1
    from generate_series(1, 30) g;
    insert into sync_run_resources (run_id, resource, status, started_at, finished_at, objects)
    select r.id, x.resource, 'succeeded', r.started_at, r.finished_at, 1000
    from sync_runs r cross join unnest(array['users','groups','memberships','apps','app_assignments','roles','idps','log_events']) as x(resource)
    where r.integration_id = '${integ}';
    insert into integration_events (workspace_id, integration_id, run_id, at, level, kind, message)
    select '${WS}', '${integ}', r.id, r.finished_at, 'info', k, 'bench'
    from sync_runs r cross join unnest(array['sync.started','sync.succeeded','sync.rate_limit_waits']) as k
    where r.integration_id = '${integ}'`);
}

export async function seedOverview(sql: postgres.Sql, o: OverviewSeed) {
  await sql.unsafe(`
    insert into workspaces (id, name) values ('${WS}', 'bench-overview');
    insert into integrations (id, workspace_id, name, domain, auth_method) values ('${BIG}', '${WS}', 'Large org', 'https://big.okta.com', 'api_token')`);
  console.log(`Large org (${BIG}):`);
  await seedOrg(sql, BIG, o);
  const small: OverviewSeed = { ...o, users: 2000, groups: 100, apps: 40, assignments: 5000 };
  for (let i = 1; i <= o.others; i++) {
    await sql.unsafe(`insert into integrations (id, workspace_id, name, domain, auth_method) values
      ('${other(i)}', '${WS}', 'Org ${i}', 'https://org${i}.okta.com', 'api_token')`);
    await seedOrg(sql, other(i), small);
  }
  const t = performance.now();
  await sql.unsafe("vacuum analyze");
  console.log(`  vacuum analyze: ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
