// The directory lists' maintained counts (okta_counts' group_members, app_assignees, app_group_assignees,
// user_departments, user_types, user_locations, user_managers: drizzle/0025_directory_counts.sql) must equal
// counts of the rows they replace, and the lists must show them: members per group (groups list, group
// page), people per app (apps list, app page, unused access), the people filters' facets. Held after a full
// sync, incremental and full syncs of random changes, writes the sync never makes (memberships and
// assignments soft-deleted, revived, hard-deleted and inserted in one statement, an assignment's scope
// turned to GROUP and back, people's department, type, location and manager changed, people deleted and
// revived, a group hard-deleted with its members), folding, workspace-wide with a second integration, a
// disconnect that deletes the data and a cascade that removes an integration (nothing left of either).
import { sql as drizzleSql } from "drizzle-orm";
import type { Sql, TransactionSql } from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { DIRECTORY_LIST_SUBJECTS } from "@/db/schema";
import { systemCtx, userCtx } from "@/lib/context";
import { disconnectIntegration } from "@/lib/integrations/disconnect-integration";
import { stopBoss } from "@/lib/jobs/boss";
import { compactCounts } from "@/lib/overview/compact-counts";
import { startSync } from "@/lib/sync/start-sync";
import { insertIntegration } from "@/test/activity-fixtures";
import { createWorkspace } from "@/test/factories";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { runSync } from "@/test/run-sync";
import { connectToEmulator } from "@/test/sync-fixtures";
import { whileOpen } from "@/test/while-open";
import { daysAgo } from "./contracts";
import { getApp } from "./get-app";
import { getFacets, MANAGER_FACET_LIMIT } from "./get-facets";
import { getGroup } from "./get-group";
import { listApps } from "./list-apps";
import { listGroups } from "./list-groups";
import { listUnusedAccess } from "./list-unused-access";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ seed: 24, users: 400, groups: 25, apps: 10, logDays: 3 });
});
afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

const sql = () => getDb().$client;
const SUBJECTS = [...DIRECTORY_LIST_SUBJECTS] as string[];

/** `integration subject key n` lines of the maintained counts of a workspace's integrations. */
async function maintained(workspaceId: string) {
  const rows = await sql()`select c.integration_id, c.subject, c.key, sum(c.n)::int as n from okta_counts c
    join integrations i on i.id = c.integration_id and i.workspace_id = ${workspaceId}
    where c.subject = any(${SUBJECTS}) group by 1, 2, 3 having sum(c.n) <> 0 order by 1, 2, 3`;
  return rows.map((r) => `${r.integration_id} ${r.subject} ${r.key} ${r.n}`);
}

/** The same, counted from the rows now. */
async function counted(workspaceId: string) {
  const rows = await sql()`
    select integration_id, 'group_members' as subject, group_id as key, count(*)::int as n from okta_group_members
      where workspace_id = ${workspaceId} and deleted_at is null group by 1, 3
    union all select integration_id, 'app_assignees', app_id, count(*)::int from okta_app_users
      where workspace_id = ${workspaceId} and deleted_at is null group by 1, 3
    union all select integration_id, 'app_group_assignees', app_id, count(*)::int from okta_app_users
      where workspace_id = ${workspaceId} and deleted_at is null and scope = 'GROUP' group by 1, 3
    union all select integration_id, 'user_departments', department, count(*)::int from okta_users
      where workspace_id = ${workspaceId} and deleted_at is null and department <> '' group by 1, 3
    union all select integration_id, 'user_types', user_type, count(*)::int from okta_users
      where workspace_id = ${workspaceId} and deleted_at is null and user_type <> '' group by 1, 3
    union all select integration_id, 'user_locations', location, count(*)::int from okta_users
      where workspace_id = ${workspaceId} and deleted_at is null and location <> '' group by 1, 3
    union all select integration_id, 'user_managers', manager_id || chr(31) || coalesce(manager, ''), count(*)::int from okta_users
      where workspace_id = ${workspaceId} and deleted_at is null and manager_id <> '' group by 1, 3
    order by 1, 2, 3`;
  return rows.map((r) => `${r.integration_id} ${r.subject} ${r.key} ${r.n}`);
}

/** The people facets as the grouping-sets pass over okta_users answered them before 0025. */
async function scannedPeopleFacets(workspaceId: string, integrationId?: string) {
  const scope = integrationId ? drizzleSql`and integration_id = ${integrationId}::uuid` : drizzleSql``;
  const of = async (column: string) =>
    (
      await getDb().execute<{ value: string; count: number }>(drizzleSql`select ${drizzleSql.raw(column)} as value, count(*)::int as count
        from okta_users where workspace_id = ${workspaceId}::uuid and deleted_at is null ${scope}
          and ${drizzleSql.raw(column)} is not null and ${drizzleSql.raw(column)} <> ''
        group by 1 order by 2 desc, 1`)
    ).map((r) => ({ value: r.value, count: r.count }));
  const managers = await getDb().execute<{ value: string; label: string | null; count: number }>(drizzleSql`
    select manager_id as value, max(manager) as label, count(*)::int as count from okta_users
    where workspace_id = ${workspaceId}::uuid and deleted_at is null ${scope} and manager_id is not null and manager_id <> ''
    group by 1`);
  const sorted = <T extends { value: string; count: number }>(xs: T[]) =>
    xs.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return {
    userStatuses: sorted(await of("status")),
    departments: sorted(await of("department")),
    userTypes: sorted(await of("user_type")),
    locations: sorted(await of("location")),
    managers: sorted(managers.map((r) => ({ value: r.value, label: r.label || r.value, count: r.count }))).slice(0, MANAGER_FACET_LIMIT),
  };
}

/** Unused access as the query before 0025 counted it (every live assignment against its usage row). */
async function scannedUnused(workspaceId: string, days: number, now: Date, integrationId?: string) {
  const since = daysAgo(days, now).toISOString();
  const rows = await sql()`
    select a.integration_id, a.id, count(*)::int as assigned, count(x.user_id)::int as ever,
      (count(*) filter (where x.last_used_at >= ${since}::timestamptz))::int as since
    from okta_apps a join okta_app_users au on au.integration_id = a.integration_id and au.app_id = a.id and au.deleted_at is null
    left join okta_app_usage x on x.integration_id = au.integration_id and x.app_id = au.app_id and x.user_id = au.user_id
    where a.workspace_id = ${workspaceId} and a.deleted_at is null ${integrationId ? sql()`and a.integration_id = ${integrationId}` : sql()``}
    group by 1, 2 order by 1, 2`;
  return rows.map((r) => `${r.integration_id} ${r.id} ${r.assigned} ${r.assigned - r.since} ${r.assigned - r.ever}`);
}

/** The maintained counts equal the rows, and every list that shows them shows the rows' counts. */
async function expectExact(workspaceId: string, integrationId?: string) {
  expect(await maintained(workspaceId)).toEqual(await counted(workspaceId));
  const ctx = systemCtx(workspaceId);
  const members = new Map(
    (
      await sql()`select integration_id, group_id, count(*)::int as n from okta_group_members
        where workspace_id = ${workspaceId} and deleted_at is null group by 1, 2`
    ).map((r) => [`${r.integration_id}/${r.group_id}`, r.n as number]),
  );
  const groups = await listGroups({ ctx, input: { integrationId, sort: "members", order: "desc", limit: 500 } });
  expect(groups.items.length).toBeGreaterThan(0);
  for (const g of groups.items) expect(g.memberCount, g.name).toBe(members.get(`${g.integrationId}/${g.id}`) ?? 0);
  const order = groups.items.map((g) => g.memberCount);
  expect(order).toEqual([...order].sort((a, b) => b - a));
  const largest = groups.items[0];
  const page = await getGroup({ ctx, input: { integrationId: largest.integrationId, groupId: largest.id } });
  expect(page.group.memberCount).toBe(largest.memberCount);

  const assigned = new Map(
    (
      await sql()`select integration_id, app_id, count(*)::int as n, (count(*) filter (where scope = 'GROUP'))::int as via
        from okta_app_users where workspace_id = ${workspaceId} and deleted_at is null group by 1, 2`
    ).map((r) => [`${r.integration_id}/${r.app_id}`, { n: r.n as number, via: r.via as number }]),
  );
  const apps = await listApps({ ctx, input: { integrationId, sort: "users", order: "desc", limit: 500 } });
  for (const a of apps.items) expect(a.userCount, a.label).toBe(assigned.get(`${a.integrationId}/${a.id}`)?.n ?? 0);
  const byUsers = apps.items.map((a) => a.userCount);
  expect(byUsers).toEqual([...byUsers].sort((a, b) => b - a));
  for (const a of apps.items.slice(0, 3)) {
    const detail = await getApp({ ctx, input: { integrationId: a.integrationId, appId: a.id } });
    const truth = assigned.get(`${a.integrationId}/${a.id}`) ?? { n: 0, via: 0 };
    expect(detail.counts).toEqual({ users: truth.n, direct: truth.n - truth.via, viaGroup: truth.via });
  }

  const facets = await getFacets({ ctx, input: { integrationId } });
  const { userStatuses, departments, userTypes, locations, managers } = facets;
  expect({ userStatuses, departments, userTypes, locations, managers }).toEqual(await scannedPeopleFacets(workspaceId, integrationId));

  const now = new Date();
  for (const days of [1, 30]) {
    const unused = await listUnusedAccess({ ctx, input: { integrationId, days, now } });
    const lines = unused.apps.map((a) => `${a.integrationId} ${a.id} ${a.assigned} ${a.unused} ${a.neverUsed}`).sort();
    expect(lines).toEqual((await scannedUnused(workspaceId, days, now, integrationId)).sort());
  }
}

async function succeeded(runId: string) {
  expect((await runSync(runId)).status).toBe("succeeded");
}

/** Rows of the directory lists' subjects an integration has in okta_counts. */
async function countRows(integrationId: string) {
  const [r] =
    await sql()`select count(*)::int as n from okta_counts where integration_id = ${integrationId} and subject = any(${SUBJECTS})`;
  return r.n as number;
}

describe("the directory lists' maintained counts", () => {
  it("equal the rows after syncs, writes the sync never makes, folding, a second integration and a disconnect", {
    timeout: 240_000,
  }, async () => {
    const c = await connectToEmulator(emu);
    await succeeded(c.runId);
    const ws = c.workspaceId;
    const id = c.integrationId;
    await expectExact(ws, id);
    const [usage] = await sql()`select count(*)::int as n from okta_app_usage where integration_id = ${id}`;
    expect(usage.n).toBeGreaterThan(0);

    // Random changes (people, groups, memberships, apps, assignments) through the sync.
    for (const [seed, mode] of [
      [7, "incremental"],
      [8, "full"],
      [9, "incremental"],
    ] as const) {
      await emu.control("POST", "/mutations", { count: 150, seed });
      const { run } = await startSync({ ctx: userCtx(c.actor), input: { integrationId: id, trigger: "manual", mode } });
      await succeeded(run.id);
      await expectExact(ws, id);
    }

    // Memberships: soft-deleted, revived, hard-deleted, inserted many at once; a group hard-deleted with its members.
    const [big] = await sql()`select group_id as id from okta_group_members where integration_id = ${id} and deleted_at is null
      group by 1 order by count(*) desc, 1 limit 1`;
    await sql()`update okta_group_members set deleted_at = now() where integration_id = ${id} and group_id = ${big.id}
      and user_id in (select user_id from okta_group_members where integration_id = ${id} and group_id = ${big.id} order by 1 limit 7)`;
    await sql()`update okta_group_members set deleted_at = null where integration_id = ${id} and group_id = ${big.id}
      and user_id = (select min(user_id) from okta_group_members where integration_id = ${id} and group_id = ${big.id})`;
    await sql()`delete from okta_group_members where integration_id = ${id} and group_id = ${big.id}
      and user_id in (select user_id from okta_group_members where integration_id = ${id} and group_id = ${big.id} order by 1 desc limit 3)`;
    const [small] = await sql()`select id from okta_groups where integration_id = ${id} and deleted_at is null and id <> ${big.id}
      order by id limit 1`;
    await sql()`insert into okta_group_members (workspace_id, integration_id, group_id, user_id)
      select ${ws}, ${id}, ${small.id}, id from okta_users where integration_id = ${id} and deleted_at is null order by id limit 40
      on conflict (integration_id, group_id, user_id) do update set deleted_at = null`;
    const [doomed] = await sql()`select id from okta_groups where integration_id = ${id} and deleted_at is null
      and id not in (${big.id}, ${small.id}) order by id limit 1`;
    await getDb().transaction(async (tx) => {
      await tx.execute(drizzleSql`delete from okta_group_members where integration_id = ${id} and group_id = ${doomed.id}`);
      await tx.execute(drizzleSql`delete from okta_groups where integration_id = ${id} and id = ${doomed.id}`);
    });
    await expectExact(ws, id);

    // Assignments: scope turned to GROUP and back, soft-deleted, revived, hard-deleted, inserted many at once.
    const [app] = await sql()`select app_id as id from okta_app_users where integration_id = ${id} and deleted_at is null
      group by 1 order by count(*) desc, 1 limit 1`;
    // Everyone has signed in to the app, assigned or not, so each write below moves a usage row's flag.
    await sql()`insert into okta_log_events (workspace_id, integration_id, uuid, published, event_type, outcome_result, actor_id, target_app_id)
      select ${ws}, ${id}, gen_random_uuid()::text, now() - make_interval(days => abs(hashtext(u.id)) % 60),
        'user.authentication.sso', 'SUCCESS', u.id, ${app.id}
      from okta_users u where u.integration_id = ${id} and u.deleted_at is null`;
    await expectExact(ws, id);
    const some = (n: number, order = "asc") =>
      sql().unsafe<{ user_id: string }[]>(
        `select user_id from okta_app_users where integration_id = $1 and app_id = $2 order by user_id ${order} limit ${n}`,
        [id, app.id],
      );
    const users = (rows: { user_id: string }[]) => rows.map((r) => r.user_id);
    await sql()`update okta_app_users set scope = case when scope = 'GROUP' then 'USER' else 'GROUP' end
      where integration_id = ${id} and app_id = ${app.id} and user_id = any(${users(await some(6))})`;
    await sql()`update okta_app_users set scope = null where integration_id = ${id} and app_id = ${app.id}
      and user_id = any(${users(await some(2))})`;
    await sql()`update okta_app_users set deleted_at = now() where integration_id = ${id} and app_id = ${app.id}
      and user_id = any(${users(await some(5, "desc"))})`;
    await sql()`update okta_app_users set deleted_at = null, scope = 'GROUP' where integration_id = ${id} and app_id = ${app.id}
      and user_id = any(${users(await some(1, "desc"))})`;
    await sql()`delete from okta_app_users where integration_id = ${id} and app_id = ${app.id}
      and user_id = any(${users((await some(9, "desc")).slice(6))})`;
    await sql()`insert into okta_app_users (workspace_id, integration_id, content_hash, app_id, user_id, scope, status)
      select ${ws}, ${id}, 'h', ${app.id}, id, case when id < 'm' then 'GROUP' else 'USER' end, 'PROVISIONED'
      from okta_users where integration_id = ${id} and deleted_at is null order by id desc limit 30
      on conflict (integration_id, app_id, user_id) do update set deleted_at = null, scope = excluded.scope`;
    await expectExact(ws, id);

    // People: department, type, location and manager changed in place (to empty and null too), deleted, revived.
    const people = (await sql()`select id from okta_users where integration_id = ${id} and deleted_at is null order by id limit 30`).map(
      (r) => r.id as string,
    );
    await sql()`update okta_users set department = case when id < ${people[5]} then 'Skunkworks' else '' end,
      location = null, user_type = 'Robot' where integration_id = ${id} and id = any(${people.slice(0, 10)})`;
    await sql()`update okta_users set manager_id = 'm-new', manager = case when id < ${people[12]} then 'Ada' else 'Zed' end
      where integration_id = ${id} and id = any(${people.slice(10, 15)})`;
    await sql()`update okta_users set manager_id = '', manager = null where integration_id = ${id} and id = ${people[15]}`;
    await sql()`update okta_users set deleted_at = now() where integration_id = ${id} and id = any(${people.slice(16, 22)})`;
    await sql()`update okta_users set deleted_at = null where integration_id = ${id} and id = ${people[16]}`;
    await sql()`delete from okta_users where integration_id = ${id} and id = any(${people.slice(22, 25)})`;
    await expectExact(ws, id);

    // A full sync puts Okta's truth back over all of it.
    const { run } = await startSync({ ctx: userCtx(c.actor), input: { integrationId: id, trigger: "manual", mode: "full" } });
    await succeeded(run.id);
    await expectExact(ws, id);

    // Folding changes no number.
    const before = await countRows(id);
    await compactCounts({ integrationId: id });
    expect(await countRows(id)).toBeLessThanOrEqual(before);
    await expectExact(ws, id);

    // Workspace-wide, with a second integration of the same workspace beside it.
    const twin = await connectToEmulator(emu, { tenant: c.tenant, name: "Okta twin" });
    await succeeded(twin.runId);
    await expectExact(ws);
    await expectExact(ws, twin.integrationId);

    // Disconnecting with the data deleted leaves nothing of the integration; the other's counts stay exact.
    await disconnectIntegration({ ctx: userCtx(c.actor), input: { integrationId: id, deleteData: true } });
    expect(await countRows(id)).toBe(0);
    await expectExact(ws);
  });

  it("the lists read the maintained counts, not the rows", async () => {
    const ws = await createWorkspace();
    const integration = await insertIntegration(ws.id);
    const i = integration.id;
    await sql()`insert into okta_users (workspace_id, integration_id, content_hash, id, status, login, profile, department)
      select ${ws.id}, ${i}, 'h', 'u' || g, 'ACTIVE', 'u' || g || '@example.com', '{}', 'Dept' from generate_series(1, 6) g`;
    await sql()`insert into okta_groups (workspace_id, integration_id, content_hash, id, type, name, profile)
      values (${ws.id}, ${i}, 'h', 'g1', 'OKTA_GROUP', 'One', '{}'), (${ws.id}, ${i}, 'h', 'g2', 'OKTA_GROUP', 'Two', '{}')`;
    await sql()`insert into okta_group_members (workspace_id, integration_id, group_id, user_id)
      select ${ws.id}, ${i}, 'g1', 'u' || g from generate_series(1, 6) g`;
    await sql()`insert into okta_group_members (workspace_id, integration_id, group_id, user_id) values (${ws.id}, ${i}, 'g2', 'u1')`;
    await sql()`insert into okta_apps (workspace_id, integration_id, content_hash, id, name, label, status)
      values (${ws.id}, ${i}, 'h', 'a1', 'app', 'App', 'ACTIVE')`;
    await sql()`insert into okta_app_users (workspace_id, integration_id, content_hash, app_id, user_id, scope)
      select ${ws.id}, ${i}, 'h', 'a1', 'u' || g, case when g < 3 then 'GROUP' else 'USER' end from generate_series(1, 5) g`;
    await expectExact(ws.id, i);
    const ctx = systemCtx(ws.id);
    expect((await listGroups({ ctx, input: { sort: "members", order: "desc" } })).items.map((g) => [g.id, g.memberCount])).toEqual([
      ["g1", 6],
      ["g2", 1],
    ]);

    // A count changed only in the aggregate shows in every list that reads it: they do not count rows.
    await sql()`insert into okta_counts (integration_id, subject, key, n) values
      (${i}, 'group_members', 'g2', 100), (${i}, 'app_assignees', 'a1', 1000), (${i}, 'app_group_assignees', 'a1', 10),
      (${i}, 'user_departments', 'Dept', 7)`;
    expect((await listGroups({ ctx, input: { sort: "members", order: "desc" } })).items.map((g) => [g.id, g.memberCount])).toEqual([
      ["g2", 101],
      ["g1", 6],
    ]);
    expect((await getGroup({ ctx, input: { integrationId: i, groupId: "g2" } })).group.memberCount).toBe(101);
    expect((await listApps({ ctx, input: {} })).items[0].userCount).toBe(1005);
    expect((await getApp({ ctx, input: { integrationId: i, appId: "a1" } })).counts).toEqual({ users: 1005, direct: 993, viaGroup: 12 });
    expect((await listUnusedAccess({ ctx, input: { days: 30 } })).apps[0].assigned).toBe(1005);
    expect((await getFacets({ ctx, input: {} })).departments).toEqual([{ value: "Dept", count: 13 }]);
  });

  it("a cascade that removes an integration takes its counts along and writes none", async () => {
    const ws = await createWorkspace();
    const integration = await insertIntegration(ws.id);
    await sql()`insert into okta_users (workspace_id, integration_id, content_hash, id, status, login, profile, department, manager_id, manager)
      select ${ws.id}, ${integration.id}, 'h', 'u' || g, 'ACTIVE', 'u' || g || '@example.com', '{}', 'D' || (g % 3), 'm1', 'Boss'
      from generate_series(1, 20) g`;
    await sql()`insert into okta_groups (workspace_id, integration_id, content_hash, id, type, name, profile)
      values (${ws.id}, ${integration.id}, 'h', 'g1', 'OKTA_GROUP', 'G', '{}')`;
    await sql()`insert into okta_group_members (workspace_id, integration_id, group_id, user_id)
      select ${ws.id}, ${integration.id}, 'g1', 'u' || g from generate_series(1, 20) g`;
    await sql()`insert into okta_apps (workspace_id, integration_id, content_hash, id, name, label, status)
      values (${ws.id}, ${integration.id}, 'h', 'a1', 'app', 'App', 'ACTIVE')`;
    await sql()`insert into okta_app_users (workspace_id, integration_id, content_hash, app_id, user_id, scope)
      select ${ws.id}, ${integration.id}, 'h', 'a1', 'u' || g, 'GROUP' from generate_series(1, 20) g`;
    await expectExact(ws.id, integration.id);
    expect(await countRows(integration.id)).toBeGreaterThan(0);
    await sql()`delete from workspaces where id = ${ws.id}`;
    expect(await countRows(integration.id)).toBe(0);
  });

  it("a person's first use of an app and their assignment to it, written at once by two transactions, count them as assigned", async () => {
    const ws = await createWorkspace();
    const i = (await insertIntegration(ws.id)).id;
    await sql()`insert into okta_apps (workspace_id, integration_id, content_hash, id, name, label, status)
      values (${ws.id}, ${i}, 'h', 'app1', 'slack', 'Slack', 'ACTIVE')`;
    await sql()`insert into okta_users (workspace_id, integration_id, content_hash, id, status, login, profile)
      select ${ws.id}, ${i}, 'h', 'u' || g, 'ACTIVE', 'u' || g || '@example.com', '{}' from generate_series(1, 2) g`;
    const use = (db: Sql | TransactionSql, person: string) => db`insert into okta_log_events
      (workspace_id, integration_id, uuid, published, event_type, outcome_result, actor_id, target_app_id)
      values (${ws.id}, ${i}, gen_random_uuid()::text, now(), 'user.authentication.sso', 'SUCCESS', ${person}, 'app1')`;
    const assign = (
      db: Sql | TransactionSql,
      person: string,
    ) => db`insert into okta_app_users (workspace_id, integration_id, content_hash, app_id, user_id, scope)
      values (${ws.id}, ${i}, 'h', 'app1', ${person}, 'USER')`;
    // The first use first, left open: the assignment waits, then flags the row.
    expect(
      await whileOpen(
        (tx) => use(tx, "u1"),
        () => assign(sql(), "u1"),
      ),
    ).toBe(true);
    // The assignment first, left open: the first use waits, then reads it.
    expect(
      await whileOpen(
        (tx) => assign(tx, "u2"),
        () => use(sql(), "u2"),
      ),
    ).toBe(true);
    const unused = await listUnusedAccess({ ctx: systemCtx(ws.id), input: { integrationId: i, days: 30 } });
    expect(unused.apps.map((a) => ({ assigned: a.assigned, unused: a.unused }))).toEqual([{ assigned: 2, unused: 0 }]);
    expect((await scannedUnused(ws.id, 30, new Date(), i)).map((l) => l.split(" ").slice(2).join(" "))).toEqual(["2 0 0"]);
  });
});
