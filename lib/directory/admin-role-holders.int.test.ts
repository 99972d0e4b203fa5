// The admin-role facet counts holders from a maintained aggregate (okta_admin_role_holders:
// drizzle/0029_admin_role_holders.sql), not by expanding each role-granting group. Held here: per live
// person and role, the aggregate's sum equals the number of ways a scan finds (a direct assignment, a
// live membership of a group with a live assignment), and each facet's count equals the length of the
// people list filtered on that role. After a sync, syncs of random changes, writes the sync never makes
// (people, memberships and assignments soft-deleted, revived, hard-deleted and inserted out of order, a
// custom role's id changed, a group given a role), two transactions that would each miss the other's
// row without the triggers' locks, folding, and a disconnect or a cascade that leaves nothing behind.
// Held beside it: the live holders per day of last sign-in (okta_counts' admin_logins,
// drizzle/0030_admin_logins.sql) equal a scan's, as sign-in days move, people come and go, and a
// sign-in and a membership that makes a holder race.
import { count, sql as drizzleSql } from "drizzle-orm";
import type { Sql, TransactionSql } from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { oktaUsers } from "@/db/schema";
import { systemCtx, userCtx } from "@/lib/context";
import { disconnectIntegration } from "@/lib/integrations/disconnect-integration";
import { stopBoss } from "@/lib/jobs/boss";
import { compactCounts } from "@/lib/overview/compact-counts";
import { countHygiene } from "@/lib/overview/count-hygiene";
import { startSync } from "@/lib/sync/start-sync";
import { insertIntegration } from "@/test/activity-fixtures";
import { createWorkspace } from "@/test/factories";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { runSync } from "@/test/run-sync";
import { connectToEmulator } from "@/test/sync-fixtures";
import { whileOpen } from "@/test/while-open";
import { getFacets } from "./get-facets";
import { userFilters } from "./list-users";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ seed: 29, users: 300, groups: 20, apps: 4, logDays: 1 });
});
afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

const sql = () => getDb().$client;

/** Per person and role, the ways a scan finds them holding it now (live or not: the caller joins the people). */
const heldNow = () => sql()`select ra.integration_id, ra.principal_id as user_id, okta_role_key(ra.role_type, ra.custom_role_id) as role_key
    from okta_role_assignments ra where ra.principal_type = 'USER' and ra.deleted_at is null
    union all
    select gm.integration_id, gm.user_id, okta_role_key(ra.role_type, ra.custom_role_id) from okta_role_assignments ra
    join okta_group_members gm on gm.integration_id = ra.integration_id and gm.group_id = ra.principal_id and gm.deleted_at is null
    where ra.principal_type = 'GROUP' and ra.deleted_at is null`;

/** Per live person and role, the ways they hold it: as the aggregate sums them, or as a scan counts them now. */
async function ways(workspaceId: string, from: "aggregate" | "scan") {
  const rows =
    from === "aggregate"
      ? await sql()`select h.integration_id, h.user_id, h.role_key, sum(h.n)::int as n from okta_admin_role_holders h
          join integrations i on i.id = h.integration_id and i.workspace_id = ${workspaceId}
          group by 1, 2, 3 having sum(h.n) <> 0 order by 1, 2, 3`
      : await sql()`select x.integration_id, x.user_id, x.role_key, count(*)::int as n from (${heldNow()}) x
          join okta_users u on u.integration_id = x.integration_id and u.id = x.user_id and u.deleted_at is null
          where u.workspace_id = ${workspaceId}
          group by 1, 2, 3 order by 1, 2, 3`;
  return rows.map((r) => `${r.integration_id} ${r.user_id} ${r.role_key} ${r.n}`);
}

/** The live holders per integration and day of last sign-in: as okta_counts' admin_logins sums them, or as a scan counts them. */
async function holderDays(workspaceId: string, from: "aggregate" | "scan") {
  const rows =
    from === "aggregate"
      ? await sql()`select c.integration_id, c.key, sum(c.n)::int as n from okta_counts c
          join integrations i on i.id = c.integration_id and i.workspace_id = ${workspaceId}
          where c.subject = 'admin_logins' group by 1, 2 having sum(c.n) <> 0 order by 1, 2`
      : await sql()`select u.integration_id, okta_login_day(u.last_login) as key, count(*)::int as n from okta_users u
          where u.workspace_id = ${workspaceId} and u.deleted_at is null
            and (u.integration_id, u.id) in (select x.integration_id, x.user_id from (${heldNow()}) x)
          group by 1, 2 order by 1, 2`;
  return rows.map((r) => `${r.integration_id} ${r.key} ${r.n}`);
}

/** The aggregate agrees with the scan, and every admin-role facet with the people list it opens. */
async function expectAgree(workspaceId: string, integrationId?: string) {
  expect(await ways(workspaceId, "aggregate")).toEqual(await ways(workspaceId, "scan"));
  expect(await holderDays(workspaceId, "aggregate")).toEqual(await holderDays(workspaceId, "scan"));
  const facets = await getFacets({ ctx: systemCtx(workspaceId), input: { integrationId } });
  const listed = await Promise.all(
    facets.adminRoles.map(async (r) => {
      const [row] = await getDb()
        .select({ n: count() })
        .from(oktaUsers)
        .where(userFilters(systemCtx(workspaceId), { integrationId, adminRole: r.value }));
      return { value: r.value, count: row.n };
    }),
  );
  expect(facets.adminRoles.map((r) => ({ value: r.value, count: r.count }))).toEqual(listed);
  return facets.adminRoles;
}

async function succeeded(runId: string) {
  expect((await runSync(runId)).status).toBe("succeeded");
}

const rowsOf = async (integrationId: string) =>
  (await sql()`select count(*)::int as n from okta_admin_role_holders where integration_id = ${integrationId}`)[0].n as number;

describe("the admin role holders aggregate", () => {
  it("equals a scan and the people lists after syncs, out-of-order writes, folding and a disconnect", { timeout: 240_000 }, async () => {
    const c = await connectToEmulator(emu);
    await succeeded(c.runId);
    const ws = c.workspaceId;
    const id = c.integrationId;
    const first = await expectAgree(ws, id);
    expect(first.length).toBeGreaterThan(1);

    for (const [seed, mode] of [
      [7, "incremental"],
      [8, "full"],
    ] as const) {
      await emu.control("POST", "/mutations", { count: 100, seed });
      const { run } = await startSync({ ctx: userCtx(c.actor), input: { integrationId: id, trigger: "manual", mode } });
      await succeeded(run.id);
      await expectAgree(ws, id);
    }

    // A large group given a role (its members counted in one statement), and a custom role's id changed.
    const [big] = await sql()`select group_id as id from okta_group_members where integration_id = ${id} and deleted_at is null
      group by 1 order by count(*) desc, 1 limit 1`;
    await sql()`insert into okta_role_assignments (workspace_id, integration_id, content_hash, id, principal_type, principal_id, role_type, label)
      values (${ws}, ${id}, 'h', 'ra-test-1', 'GROUP', ${big.id}, 'REPORT_ADMIN', 'Report Administrator'),
             (${ws}, ${id}, 'h', 'ra-test-2', 'GROUP', ${big.id}, 'CUSTOM', 'Auditor')`;
    await sql()`update okta_role_assignments set custom_role_id = 'cr0test' where integration_id = ${id} and id = 'ra-test-2'`;
    const given = await expectAgree(ws, id);
    expect(given.find((r) => r.value === "REPORT_ADMIN")?.count).toBeGreaterThan(5);
    expect(given.find((r) => r.value === "cr0test")).toMatchObject({ roleType: "CUSTOM", label: "Auditor" });

    // Members of that group: soft-deleted, revived, hard-deleted; a membership for a person not yet stored.
    const members = (
      await sql()`select user_id from okta_group_members where integration_id = ${id} and group_id = ${big.id} and deleted_at is null order by 1 limit 6`
    ).map((r) => r.user_id as string);
    await sql()`update okta_group_members set deleted_at = now() where integration_id = ${id} and group_id = ${big.id} and user_id = any(${members.slice(0, 3)})`;
    await sql()`update okta_group_members set deleted_at = null where integration_id = ${id} and group_id = ${big.id} and user_id = ${members[0]}`;
    await sql()`delete from okta_group_members where integration_id = ${id} and group_id = ${big.id} and user_id = ${members[3]}`;
    await sql()`insert into okta_group_members (workspace_id, integration_id, group_id, user_id) values (${ws}, ${id}, ${big.id}, 'late-person')`;
    await expectAgree(ws, id);
    // People: soft-deleted, revived, hard-deleted, and the late person arriving after their membership.
    await sql()`update okta_users set deleted_at = now() where integration_id = ${id} and id = any(${members.slice(4, 6)})`;
    await sql()`update okta_users set deleted_at = null where integration_id = ${id} and id = ${members[4]}`;
    const [direct] = await sql()`select principal_id as id from okta_role_assignments
      where integration_id = ${id} and principal_type = 'USER' and deleted_at is null order by 1 limit 1`;
    await sql()`delete from okta_users where integration_id = ${id} and id = ${direct.id}`;
    await sql()`insert into okta_users (workspace_id, integration_id, content_hash, id, status, login, profile)
      values (${ws}, ${id}, 'h', 'late-person', 'ACTIVE', 'late@example.com', '{}')`;
    const late = await expectAgree(ws, id);
    // Four members gone (two memberships soft-deleted, one hard-deleted, one person soft-deleted), one
    // arrived; the hard-deleted direct holder may be a member too.
    const [was, now] = [given, late].map((f) => f.find((r) => r.value === "REPORT_ADMIN")!.count);
    expect([was - 3, was - 4]).toContain(now);
    // Sign-in days moved: the group's members in one statement (to other days, never, -infinity,
    // +infinity), a soft-deleted member revived with a new day, a live one soft-deleted with a new day.
    await sql()`update okta_users u set last_login = case (abs(hashtext(u.id)) % 5)
        when 0 then null when 1 then '-infinity'::timestamptz when 2 then 'infinity'::timestamptz
        else now() - make_interval(days => abs(hashtext(u.id)) % 90) end
      from okta_group_members gm where gm.integration_id = ${id} and gm.group_id = ${big.id} and gm.deleted_at is null
        and u.integration_id = gm.integration_id and u.id = gm.user_id`;
    await expectAgree(ws, id);
    await sql()`update okta_users set deleted_at = null, last_login = now() - interval '40 days' where integration_id = ${id} and id = ${members[5]}`;
    await sql()`update okta_users set deleted_at = now(), last_login = now() where integration_id = ${id} and id = ${members[4]}`;
    await expectAgree(ws, id);
    // Assignments: soft-deleted, revived, hard-deleted.
    await sql()`update okta_role_assignments set deleted_at = now() where integration_id = ${id} and id in ('ra-test-1', 'ra-test-2')`;
    await expectAgree(ws, id);
    await sql()`update okta_role_assignments set deleted_at = null where integration_id = ${id} and id = 'ra-test-1'`;
    await expectAgree(ws, id);
    await sql()`delete from okta_role_assignments where integration_id = ${id} and id like 'ra-test-%'`;
    await expectAgree(ws, id);

    // A full sync puts Okta's truth back; folding changes no number.
    const { run } = await startSync({ ctx: userCtx(c.actor), input: { integrationId: id, trigger: "manual", mode: "full" } });
    await succeeded(run.id);
    const synced = await expectAgree(ws, id);
    const before = await rowsOf(id);
    await compactCounts({ integrationId: id });
    expect(await rowsOf(id)).toBeLessThanOrEqual(before);
    expect(await expectAgree(ws, id)).toEqual(synced);
    // A fold inside a caller's transaction leaves the transaction's later writes counted.
    await getDb().transaction(async (tx) => {
      await compactCounts({ integrationId: id }, tx);
      await tx.execute(drizzleSql`insert into okta_role_assignments (workspace_id, integration_id, content_hash, id, principal_type, principal_id, role_type, label)
        values (${ws}, ${id}, 'h', 'ra-test-3', 'GROUP', ${big.id}, 'HELP_DESK_ADMIN', 'Help Desk Administrator')`);
    });
    await expectAgree(ws, id);

    // Workspace-wide, with a second integration beside it.
    const twin = await connectToEmulator(emu, { tenant: undefined });
    await succeeded(twin.runId);
    await expectAgree(twin.workspaceId);

    // Disconnecting with the data deleted leaves nothing of the integration.
    await disconnectIntegration({ ctx: userCtx(c.actor), input: { integrationId: id, deleteData: true } });
    expect(await rowsOf(id)).toBe(0);
    await expectAgree(ws);
  });

  it("a person and their membership written at once by two transactions are counted once", async () => {
    const ws = await createWorkspace();
    const integration = await insertIntegration(ws.id);
    const i = integration.id;
    await sql()`insert into okta_users (workspace_id, integration_id, content_hash, id, status, login, profile)
      select ${ws.id}, ${i}, 'h', 'u' || g, 'ACTIVE', 'u' || g || '@example.com', '{}' from generate_series(1, 5) g`;
    await sql()`insert into okta_group_members (workspace_id, integration_id, group_id, user_id)
      select ${ws.id}, ${i}, 'admins', 'u' || g from generate_series(1, 5) g`;
    await sql()`insert into okta_role_assignments (workspace_id, integration_id, content_hash, id, principal_type, principal_id, role_type, label)
      values (${ws.id}, ${i}, 'h', 'ra1', 'GROUP', 'admins', 'ORG_ADMIN', 'Organization Administrator')`;
    expect((await expectAgree(ws.id, i)).map((r) => r.count)).toEqual([5]);

    // The person's transaction writes first and stays open; the membership's statement runs meanwhile.
    // Without the lock each would read the other as missing and neither would count the holder.
    const waited = await whileOpen(
      (tx) => tx`insert into okta_users (workspace_id, integration_id, content_hash, id, status, login, profile)
        values (${ws.id}, ${i}, 'h', 'u6', 'ACTIVE', 'u6@example.com', '{}')`,
      () => sql()`insert into okta_group_members (workspace_id, integration_id, group_id, user_id) values (${ws.id}, ${i}, 'admins', 'u6')`,
    );
    expect(waited).toBe(true);
    expect((await expectAgree(ws.id, i)).map((r) => r.count)).toEqual([6]);

    // A cascade that removes the integration takes its rows along and writes none.
    await sql()`delete from workspaces where id = ${ws.id}`;
    expect(await rowsOf(i)).toBe(0);
  });

  it("a sign-in day moved while a membership makes its person a holder counts them at the new day, whichever commits first", async () => {
    const ws = await createWorkspace();
    const i = (await insertIntegration(ws.id)).id;
    await sql()`insert into okta_users (workspace_id, integration_id, content_hash, id, status, login, profile, last_login)
      select ${ws.id}, ${i}, 'h', 'u' || g, 'ACTIVE', 'u' || g || '@example.com', '{}', now() - interval '100 days' from generate_series(1, 3) g`;
    await sql()`insert into okta_group_members (workspace_id, integration_id, group_id, user_id) values (${ws.id}, ${i}, 'admins', 'u1')`;
    await sql()`insert into okta_role_assignments (workspace_id, integration_id, content_hash, id, principal_type, principal_id, role_type, label)
      values (${ws.id}, ${i}, 'h', 'ra1', 'GROUP', 'admins', 'ORG_ADMIN', 'Organization Administrator')`;
    await expectAgree(ws.id, i);
    const signIn = (db: Sql | TransactionSql, person: string) =>
      db`update okta_users set last_login = now() where integration_id = ${i} and id = ${person}`;
    const join = (db: Sql | TransactionSql, person: string) =>
      db`insert into okta_group_members (workspace_id, integration_id, group_id, user_id) values (${ws.id}, ${i}, 'admins', ${person})`;

    // The sign-in first, left open: the membership waits, then counts u2 at the new day.
    expect(
      await whileOpen(
        (tx) => signIn(tx, "u2"),
        () => join(sql(), "u2"),
      ),
    ).toBe(true);
    await expectAgree(ws.id, i);
    // The membership first, left open: the sign-in waits, then moves u3 from the old day to the new.
    expect(
      await whileOpen(
        (tx) => join(tx, "u3"),
        () => signIn(sql(), "u3"),
      ),
    ).toBe(true);
    await expectAgree(ws.id, i);
    const hygiene = await countHygiene({ ctx: systemCtx(ws.id), input: { integrationId: i } });
    expect(hygiene.admins).toEqual({ holders: 3, noRecentSignIn: 1 });
  });
});
