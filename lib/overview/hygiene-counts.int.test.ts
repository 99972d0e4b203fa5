// The hygiene card's numbers come from maintained aggregates (okta_counts' user_logins,
// okta_deprovisioned_access: drizzle/0023_hygiene_counts.sql); each must still be the length of the
// people list it opens (lib/directory's userFilters, the same cut-off days). Held after a full sync,
// after incremental and full syncs of random changes, after writes the sync never makes (statuses and
// last sign-ins changed in place, people, memberships, assignments, groups and apps soft-deleted,
// revived and hard-deleted, a group turned into an app group), after folding, on later days (the
// cut-offs slide), workspace-wide, and after a disconnect that deletes the data and a cascade that
// removes an integration (nothing of it left behind).
import { count, sql as drizzleSql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { oktaUsers } from "@/db/schema";
import { systemCtx, userCtx } from "@/lib/context";
import { daysAgo } from "@/lib/directory/contracts";
import { type PeopleFilterInput, userFilters } from "@/lib/directory/list-users";
import { disconnectIntegration } from "@/lib/integrations/disconnect-integration";
import { stopBoss } from "@/lib/jobs/boss";
import { startSync } from "@/lib/sync/start-sync";
import { insertIntegration } from "@/test/activity-fixtures";
import { createWorkspace } from "@/test/factories";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { runSync } from "@/test/run-sync";
import { connectToEmulator } from "@/test/sync-fixtures";
import { compactCounts } from "./compact-counts";
import { countHygiene } from "./count-hygiene";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ seed: 23, users: 400, groups: 25, apps: 10, logDays: 2 });
});
afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

const sql = () => getDb().$client;
const DAY = 86_400_000;

/** The length of the people list with these filters, as the directory answers it. */
async function listLength(workspaceId: string, input: PeopleFilterInput) {
  const [r] = await getDb()
    .select({ n: count() })
    .from(oktaUsers)
    .where(userFilters(systemCtx(workspaceId), input));
  return r.n;
}

/** countHygiene beside the lists its numbers open, at `now` (the cut-off days follow it). */
async function expectAgree(workspaceId: string, integrationId?: string, now = new Date()) {
  const h = await countHygiene({ ctx: systemCtx(workspaceId), input: { integrationId, now } });
  const day = (d: string) => new Date(`${d}T00:00:00.000Z`);
  const lists = async (f: PeopleFilterInput) => listLength(workspaceId, { integrationId, ...f });
  const scanned = {
    dormant: {
      d30: await lists({ status: ["ACTIVE"], signedInBefore: day(h.days.d30) }),
      d60: await lists({ status: ["ACTIVE"], signedInBefore: day(h.days.d60) }),
      d90: await lists({ status: ["ACTIVE"], signedInBefore: day(h.days.d90) }),
      never: await lists({ status: ["ACTIVE"], neverSignedIn: true }),
    },
    deactivated: {
      inOktaGroups: await lists({ status: ["DEPROVISIONED"], inOktaGroups: true }),
      withApps: await lists({ status: ["DEPROVISIONED"], hasApps: true }),
    },
    lockedOut: await lists({ status: ["LOCKED_OUT"] }),
    passwordExpired: await lists({ status: ["PASSWORD_EXPIRED"] }),
  };
  expect({ dormant: h.dormant, deactivated: h.deactivated, lockedOut: h.lockedOut, passwordExpired: h.passwordExpired }).toEqual(scanned);
  expect(h.days.d30).toBe(daysAgo(30, now).toISOString().slice(0, 10));
  expect(await accessHeld(workspaceId, "aggregate")).toEqual(await accessHeld(workspaceId, "scan"));
  return scanned;
}

/** Per deactivated person and kind, how many memberships (assignments) count: kept, or counted now. */
async function accessHeld(workspaceId: string, from: "aggregate" | "scan") {
  const rows =
    from === "aggregate"
      ? await sql()`select x.integration_id, x.user_id, x.kind, sum(x.n)::int as n from okta_deprovisioned_access x
          join integrations i on i.id = x.integration_id and i.workspace_id = ${workspaceId}
          group by 1, 2, 3 having sum(x.n) <> 0 order by 1, 2, 3`
      : await sql()`select u.integration_id, u.id as user_id, a.kind, a.n from okta_users u
          cross join lateral okta_access_of(u.integration_id, u.id) a
          where u.workspace_id = ${workspaceId} and u.status = 'DEPROVISIONED' and u.deleted_at is null order by 1, 2, 3`;
  return rows.map((r) => `${r.integration_id} ${r.user_id} ${r.kind} ${r.n}`);
}

async function succeeded(runId: string) {
  expect((await runSync(runId)).status).toBe("succeeded");
}

/** What the aggregates hold for an integration: rows of user_logins and of deactivated access. */
async function aggregateRows(integrationId: string) {
  const [r] = await sql()`select
    (select count(*) from okta_counts where integration_id = ${integrationId} and subject = 'user_logins')::int as logins,
    (select count(*) from okta_deprovisioned_access where integration_id = ${integrationId})::int as access`;
  return r as { logins: number; access: number };
}

describe("the hygiene card's maintained counts", () => {
  it("equal the people lists after syncs, writes the sync never makes, folding, later days and a disconnect", {
    timeout: 240_000,
  }, async () => {
    const c = await connectToEmulator(emu);
    await succeeded(c.runId);
    const ws = c.workspaceId;
    const id = c.integrationId;
    const first = await expectAgree(ws, id);
    expect(first.dormant.d30).toBeGreaterThan(0);

    // Deactivate people who hold Okta groups and apps, so the deactivated numbers are not zero.
    await sql()`update okta_users set status = 'DEPROVISIONED' where integration_id = ${id} and id in (
      select distinct gm.user_id from okta_group_members gm join okta_groups g on g.integration_id = gm.integration_id and g.id = gm.group_id
      where gm.integration_id = ${id} and g.type = 'OKTA_GROUP' and gm.deleted_at is null order by 1 limit 12)`;
    await sql()`update okta_users set status = 'DEPROVISIONED' where integration_id = ${id} and id in (
      select distinct user_id from okta_app_users where integration_id = ${id} and deleted_at is null order by 1 limit 9)`;
    const deactivated = await expectAgree(ws, id);
    expect(deactivated.deactivated.inOktaGroups).toBeGreaterThan(0);
    expect(deactivated.deactivated.withApps).toBeGreaterThan(0);

    // Random changes (statuses, deletions, new people, memberships, assignments) through the sync.
    for (const [seed, mode] of [
      [4, "incremental"],
      [5, "full"],
      [6, "incremental"],
    ] as const) {
      await emu.control("POST", "/mutations", { count: 120, seed });
      const { run } = await startSync({ ctx: userCtx(c.actor), input: { integrationId: id, trigger: "manual", mode } });
      await succeeded(run.id);
      await expectAgree(ws, id);
    }

    // Last sign-ins moved in place (across each cut-off, to never and to odd times), statuses changed.
    const some = (where: string, limit: number) =>
      sql().unsafe<{ id: string }[]>(`select id from okta_users where integration_id = $1 and ${where} order by id limit ${limit}`, [id]);
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id);
    const now = Date.now();
    const actives = ids(await some("status = 'ACTIVE' and deleted_at is null", 40));
    for (const [i, u] of actives.entries()) {
      const at = [now - 1 * DAY, now - 31 * DAY, now - 61 * DAY, now - 91 * DAY, null, now - 400 * DAY][i % 6];
      await sql()`update okta_users set last_login = ${at === null ? null : new Date(at).toISOString()}::timestamptz
        where integration_id = ${id} and id = ${u}`;
    }
    await sql()`update okta_users set last_login = '-infinity' where integration_id = ${id} and id = ${actives[0]}`;
    await sql()`update okta_users set last_login = 'infinity' where integration_id = ${id} and id = ${actives[1]}`;
    // One statement that changes status and last sign-in of many at once, under another time zone.
    await getDb().transaction(async (tx) => {
      await tx.execute(drizzleSql`set local time zone 'Pacific/Chatham'`);
      await tx.execute(drizzleSql`update okta_users set last_login = date_trunc('day', now() - interval '30 days'),
        status = case when id < 'm' then 'LOCKED_OUT' else 'ACTIVE' end
        where integration_id = ${id} and id in (select id from okta_users where integration_id = ${id} order by id desc limit 15)`);
    });
    await sql()`update okta_users set status = 'PASSWORD_EXPIRED' where integration_id = ${id} and id = any(${actives.slice(30, 34)})`;
    await expectAgree(ws, id);

    // Deactivated people: soft-deleted, revived, reactivated, hard-deleted; their access removed and given.
    const gone = ids(await some("status = 'DEPROVISIONED' and deleted_at is null", 6));
    await sql()`update okta_users set deleted_at = now() where integration_id = ${id} and id = any(${gone.slice(0, 2)})`;
    await sql()`update okta_users set deleted_at = null where integration_id = ${id} and id = ${gone[0]}`;
    await sql()`update okta_users set status = 'ACTIVE' where integration_id = ${id} and id = ${gone[2]}`;
    await sql()`delete from okta_users where integration_id = ${id} and id = ${gone[3]}`;
    await sql()`update okta_group_members set deleted_at = now() where integration_id = ${id} and user_id = ${gone[4]}`;
    await sql()`update okta_app_users set deleted_at = now() where integration_id = ${id} and user_id = ${gone[4]}`;
    await sql()`update okta_group_members set deleted_at = null where integration_id = ${id} and user_id = ${gone[4]}
      and group_id = (select min(group_id) from okta_group_members where integration_id = ${id} and user_id = ${gone[4]})`;
    await sql()`delete from okta_group_members where integration_id = ${id} and user_id = ${gone[5]}`;
    await sql()`delete from okta_app_users where integration_id = ${id} and user_id = ${gone[5]}`;
    await expectAgree(ws, id);
    // A deactivated person newly added to groups and apps, in one statement each.
    const [g] =
      await sql()`select id from okta_groups where integration_id = ${id} and type = 'OKTA_GROUP' and deleted_at is null order by id limit 1`;
    const [a] = await sql()`select id from okta_apps where integration_id = ${id} and deleted_at is null order by id limit 1`;
    await sql()`insert into okta_group_members (workspace_id, integration_id, group_id, user_id)
      select ${ws}, ${id}, ${g.id}, id from okta_users where integration_id = ${id} and status = 'DEPROVISIONED' and deleted_at is null
      on conflict do nothing`;
    await sql()`insert into okta_app_users (workspace_id, integration_id, content_hash, app_id, user_id, scope, status)
      select ${ws}, ${id}, 'h', ${a.id}, id, 'USER', 'PROVISIONED' from okta_users where integration_id = ${id} and status = 'DEPROVISIONED'
      on conflict do nothing`;
    await expectAgree(ws, id);

    // Groups and apps that stop (and start) counting: an Okta group turned into an app group and back,
    // one soft-deleted, one hard-deleted; an app soft-deleted, revived, another hard-deleted.
    const groups = ids(
      await sql()<
        { id: string }[]
      >`select distinct gm.group_id as id from okta_group_members gm join okta_users u on u.integration_id = gm.integration_id
        and u.id = gm.user_id and u.status = 'DEPROVISIONED' join okta_groups g on g.integration_id = gm.integration_id and g.id = gm.group_id
        and g.type = 'OKTA_GROUP' where gm.integration_id = ${id} order by 1 limit 4`,
    );
    expect(groups.length).toBeGreaterThanOrEqual(3);
    await sql()`update okta_groups set type = 'APP_GROUP' where integration_id = ${id} and id = any(${groups.slice(0, 2)})`;
    await expectAgree(ws, id);
    await sql()`update okta_groups set type = 'OKTA_GROUP' where integration_id = ${id} and id = ${groups[1]}`;
    await sql()`update okta_groups set deleted_at = now() where integration_id = ${id} and id = ${groups[2]}`;
    await sql()`delete from okta_groups where integration_id = ${id} and id = ${groups.at(-1)!}`;
    const apps = ids(
      await sql()<
        { id: string }[]
      >`select distinct au.app_id as id from okta_app_users au join okta_users u on u.integration_id = au.integration_id
        and u.id = au.user_id and u.status = 'DEPROVISIONED' where au.integration_id = ${id} order by 1 limit 3`,
    );
    await sql()`update okta_apps set deleted_at = now() where integration_id = ${id} and id = any(${apps})`;
    await sql()`update okta_apps set deleted_at = null where integration_id = ${id} and id = ${apps[0]}`;
    await sql()`delete from okta_apps where integration_id = ${id} and id = ${apps.at(-1)!}`;
    const later = await expectAgree(ws, id);
    expect(later.deactivated.inOktaGroups + later.deactivated.withApps).toBeGreaterThan(0);

    // A full sync puts Okta's truth back over all of it.
    const { run } = await startSync({ ctx: userCtx(c.actor), input: { integrationId: id, trigger: "manual", mode: "full" } });
    await succeeded(run.id);
    await expectAgree(ws, id);

    // Folding changes no number; the cut-offs slide with the day and the numbers follow.
    const before = await aggregateRows(id);
    await compactCounts({ integrationId: id });
    const after = await aggregateRows(id);
    expect(after.logins + after.access).toBeLessThanOrEqual(before.logins + before.access);
    await expectAgree(ws, id);
    for (const d of [1, 15, 29, 30, 31, 45, 200]) await expectAgree(ws, id, new Date(now + d * DAY));

    // Workspace-wide, with a second integration beside it.
    const twin = await connectToEmulator(emu, { tenant: undefined });
    await succeeded(twin.runId);
    await expectAgree(twin.workspaceId);

    // Disconnecting with the data deleted leaves nothing of the integration in either aggregate.
    await disconnectIntegration({ ctx: userCtx(c.actor), input: { integrationId: id, deleteData: true } });
    expect(await aggregateRows(id)).toEqual({ logins: 0, access: 0 });
    await expectAgree(ws);
  });

  it("a cascade that removes an integration takes its hygiene counts along and writes none", async () => {
    const ws = await createWorkspace();
    const integration = await insertIntegration(ws.id);
    await sql()`insert into okta_users (workspace_id, integration_id, content_hash, id, status, login, profile, last_login)
      select ${ws.id}, ${integration.id}, 'h', 'u' || g, case when g % 2 = 0 then 'DEPROVISIONED' else 'ACTIVE' end, 'u' || g || '@example.com', '{}',
        now() - g * interval '9 days'
      from generate_series(1, 20) g`;
    await sql()`insert into okta_groups (workspace_id, integration_id, content_hash, id, type, name, profile)
      values (${ws.id}, ${integration.id}, 'h', 'g1', 'OKTA_GROUP', 'G', '{}')`;
    await sql()`insert into okta_group_members (workspace_id, integration_id, group_id, user_id)
      select ${ws.id}, ${integration.id}, 'g1', 'u' || g from generate_series(1, 20) g`;
    const h = await expectAgree(ws.id, integration.id);
    expect(h.deactivated.inOktaGroups).toBe(10);
    expect(h.dormant.d30).toBeGreaterThan(0);
    await sql()`delete from workspaces where id = ${ws.id}`;
    expect(await aggregateRows(integration.id)).toEqual({ logins: 0, access: 0 });
  });
});
