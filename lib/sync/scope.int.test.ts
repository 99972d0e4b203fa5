// Sync scope against the real emulator and Postgres: each kind of scope makes a full run store
// exactly the truth filtered by it; narrowing removes what left it (past the 90% sweep guard) and
// the run counts what Okta had out of scope; widening brings it back; incremental runs add nothing
// out of scope; the settings API validates the scope and names the field.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as overviewRoute } from "@/app/api/integrations/[id]/overview/route";
import { GET as scopeOptionsRoute } from "@/app/api/integrations/[id]/scope-options/route";
import { GET as getSettingsRoute, PATCH as patchSettingsRoute } from "@/app/api/integrations/[id]/settings/route";
import { getDb } from "@/db";
import { userCtx } from "@/lib/context";
import { applyHookEvents } from "@/lib/hooks/apply-hook-events";
import { stopBoss } from "@/lib/jobs/boss";
import type { Overview, ScopeOptions, Settings } from "@/lib/overview/contracts";
import { callRoute } from "@/test/call-route";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { runSync } from "@/test/run-sync";
import { connectToEmulator, differences, fetchTruth, runResources, storedRows, type Truth, truthRows } from "@/test/sync-fixtures";
import type { SyncScope } from "./scope-contract";
import { startSync } from "./start-sync";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ seed: 21, users: 400, groups: 16, apps: 8, logDays: 5 });
});
afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

const sql = () => getDb().$client;

type Obj = Record<string, unknown>;

/** The truth's rows restricted to a scope, by the rules of scope-contract.ts. */
function scopedTruth(t: Truth, scope: SyncScope | null): Rows {
  const rows: Rows = truthRows(t);
  if (!scope) return rows;
  const chosenGroups = scope.groupIds ? new Set(scope.groupIds) : null;
  const chosenApps = scope.appIds ? new Set(scope.appIds) : null;
  const memberOfChosen = new Set(chosenGroups ? t.memberships.filter((m) => chosenGroups.has(m.groupId)).flatMap((m) => m.userIds) : []);
  const users = new Set(
    t.users
      .filter((u) => {
        const profile = u.profile as Obj;
        if (scope.userStatuses && !scope.userStatuses.includes(u.status as never)) return false;
        if (
          scope.userTypes &&
          !scope.userTypes.some((x) => (x.startsWith("oty") ? x === (u.type as Obj | undefined)?.id : x === profile.userType))
        )
          return false;
        return !chosenGroups || memberOfChosen.has(u.id as string);
      })
      .map((u) => u.id as string),
  );
  const groupOk = (g: string) => !chosenGroups || chosenGroups.has(g);
  const appOk = (a: string) => !chosenApps || chosenApps.has(a);
  const only = (m: Map<string, string>, keep: (parts: string[]) => boolean) => new Map([...m].filter(([k]) => keep(k.split("/"))));
  return {
    users: only(rows.users, ([id]) => users.has(id)),
    groups: only(rows.groups, ([id]) => groupOk(id)),
    memberships: only(rows.memberships, ([g, u]) => groupOk(g) && users.has(u)),
    apps: only(rows.apps, ([id]) => appOk(id)),
    appAssignments: only(rows.appAssignments, ([kind, app, who]) => appOk(app) && (kind === "u" ? users.has(who) : groupOk(who))),
    roles: only(rows.roles, ([type, principal]) => (type === "USER" ? users.has(principal) : groupOk(principal))),
    idps: rows.idps,
  };
}

type Rows = Record<"users" | "groups" | "memberships" | "apps" | "appAssignments" | "roles" | "idps", Map<string, string>>;

async function expectStored(integrationId: string, want: Rows) {
  const stored = await storedRows(integrationId);
  for (const key of Object.keys(want) as (keyof typeof want)[]) {
    expect({ key, ...differences(stored[key], want[key]) }).toEqual({ key, count: 0, first: [] });
  }
}

async function setup() {
  const c = await connectToEmulator(emu);
  expect((await runSync(c.runId)).status).toBe("succeeded");
  const patch = (body: unknown, key = c.tenant.adminKey) =>
    callRoute(patchSettingsRoute, `/api/integrations/${c.integrationId}/settings`, {
      key,
      method: "PATCH",
      body,
      params: { id: c.integrationId },
    });
  const run = async (mode: "full" | "incremental" = "full") => {
    const { run } = await startSync({ ctx: userCtx(c.actor), input: { integrationId: c.integrationId, trigger: "manual", mode } });
    const result = await runSync(run.id);
    const failed = await sql()`select resource, status, error from sync_run_resources where run_id = ${run.id} and status <> 'succeeded'`;
    expect({ status: result.status, failed }).toEqual({ status: "succeeded", failed: [] });
    return run.id as string;
  };
  const overview = async () =>
    (await (
      await callRoute(overviewRoute, `/api/integrations/${c.integrationId}/overview`, {
        key: c.tenant.viewerKey,
        params: { id: c.integrationId },
      })
    ).json()) as Overview;
  return { ...c, patch, run, overview };
}

/** Two small groups (not Everyone) whose members are a minority of the users. */
function smallGroups(t: Truth) {
  const everyone = t.groups.find((g) => g.type === "BUILT_IN")!.id as string;
  return t.memberships
    .filter((m) => m.groupId !== everyone && m.userIds.length > 0)
    .sort((a, b) => a.userIds.length - b.userIds.length || a.groupId.localeCompare(b.groupId))
    .slice(0, 2)
    .map((m) => m.groupId)
    .sort();
}

describe("scoped full sync", () => {
  const cases: { name: string; scope: (t: Truth) => SyncScope }[] = [
    { name: "user statuses", scope: () => ({ userStatuses: ["ACTIVE", "SUSPENDED"] }) },
    { name: "user types", scope: () => ({ userTypes: ["Contractor", "Intern"] }) },
    { name: "groups", scope: (t) => ({ groupIds: smallGroups(t) }) },
    {
      name: "apps",
      scope: (t) => ({
        appIds: t.apps
          .map((a) => a.id as string)
          .sort()
          .slice(0, 2),
      }),
    },
    {
      name: "groups, statuses and apps together",
      scope: (t) => ({
        groupIds: smallGroups(t),
        userStatuses: ["ACTIVE"],
        appIds: t.apps
          .map((a) => a.id as string)
          .sort()
          .slice(1, 4),
      }),
    },
  ];

  it.each(cases)(
    "narrowing to $name stores exactly the scoped truth, counts what is out of scope, and widening restores everything",
    async ({ scope: make }) => {
      await emu.control("POST", "/reset", { seed: 21, users: 400, groups: 16, apps: 8, logDays: 5 });
      const s = await setup();
      const truth = await fetchTruth(emu);
      const all = truthRows(truth);
      const scope = make(truth);

      const res = await s.patch({ syncScope: scope });
      expect(res.status).toBe(200);
      const settings = (await res.json()) as Settings & { changed: string[] };
      expect(settings.changed).toEqual(["syncScope"]);
      expect(settings.scopeSummary).not.toBe("Everything");
      expect((await s.overview()).scope).toMatchObject({ pending: true });

      // The next run applies it, even an incremental one (the scope change drops the since marks).
      const narrowed = await s.run("incremental");
      const want = scopedTruth(truth, scope);
      await expectStored(s.integrationId, want);
      const r = await runResources(narrowed);
      const users = await sql()`select count(*)::int as n from okta_users where integration_id = ${s.integrationId} and deleted_at is null`;
      // A resource the scope restricts counts what Okta had outside it and removes exactly that; one it
      // does not restrict counts nothing out of scope and loses nothing.
      const usersScoped = !!(scope.userStatuses || scope.userTypes || scope.groupIds);
      expect(all.users.size - want.users.size > 0).toBe(usersScoped);
      expect({ out: r.users.out_of_scope, deleted: r.users.deleted, stored: users[0].n }).toEqual({
        out: usersScoped ? all.users.size - want.users.size : null,
        deleted: all.users.size - want.users.size,
        stored: want.users.size,
      });
      expect(all.apps.size - want.apps.size > 0).toBe(!!scope.appIds);
      expect({ out: r.apps.out_of_scope, deleted: r.apps.deleted }).toEqual({
        out: scope.appIds ? all.apps.size - want.apps.size : null,
        deleted: all.apps.size - want.apps.size,
      });
      expect({ out: r.groups.out_of_scope, deleted: r.groups.deleted }).toEqual({
        out: scope.groupIds ? all.groups.size - want.groups.size : null,
        deleted: all.groups.size - want.groups.size,
      });
      expect(r.memberships.deleted).toBe(all.memberships.size - want.memberships.size);
      // Nothing was refused by the 90% guard: the narrowing is deliberate.
      const kinds = (await sql()`select kind from integration_events where run_id = ${narrowed}`).map((e) => e.kind);
      expect(kinds).not.toContain("sync.sweep_refused");
      expect(kinds).toContain("sync.scope_applied");

      const o = await s.overview();
      expect(o.scope?.pending).toBe(false);
      expect(o.counts.users.total).toBe(want.users.size);
      expect(o.scope?.outOfScope.users).toBe(usersScoped ? all.users.size - want.users.size : undefined);
      // Every succeeded memberships pass stores a reconciliation: it must be there, and agree.
      expect(o.counts.memberships.reconciliation).toMatchObject({ mismatchedGroups: 0 });

      // The same scope again: nothing changes, nothing is out of place.
      const again = await s.run("full");
      await expectStored(s.integrationId, want);
      const r2 = await runResources(again);
      for (const x of ["users", "groups", "memberships", "apps", "app_assignments", "roles"])
        expect({ x, added: r2[x].added, deleted: r2[x].deleted }).toEqual({ x, added: 0, deleted: 0 });

      // Widening back to everything brings the rows back.
      expect((await s.patch({ syncScope: null })).status).toBe(200);
      const widened = await s.run("full");
      await expectStored(s.integrationId, all);
      const r3 = await runResources(widened);
      expect(r3.users.added).toBe(all.users.size - want.users.size);
      expect(r3.users.out_of_scope).toBeNull();
      expect((await s.overview()).scope).toBeNull();
    },
  );
});

describe("scoped incremental sync", () => {
  it("adds nothing out of scope from changes and events, and drops users who leave the scope", async () => {
    await emu.control("POST", "/reset", { seed: 22, users: 400, groups: 16, apps: 8, logDays: 5 });
    const s = await setup();
    expect((await s.patch({ syncScope: { userStatuses: ["ACTIVE"] } })).status).toBe(200);
    await s.run("full");
    await emu.control("POST", "/mutations", { count: 60, seed: 7 });
    await s.run("incremental");
    const truth = await fetchTruth(emu);
    const want = scopedTruth(truth, { userStatuses: ["ACTIVE"] });
    // The incremental run alone makes the copy equal the scoped truth.
    await expectStored(s.integrationId, want);
    const [{ n }] =
      await sql()`select count(*)::int as n from okta_users where integration_id = ${s.integrationId} and deleted_at is null and status <> 'ACTIVE'`;
    expect(n).toBe(0);
    // The next full pass reconciles the rest: everything equals the scoped truth.
    await s.run("full");
    await expectStored(s.integrationId, want);
  });

  it("a user who comes back into the scope brings their memberships, app assignments and roles in the incremental run", async () => {
    await emu.control("POST", "/reset", { seed: 22, users: 400, groups: 16, apps: 8, logDays: 5 });
    const s = await setup();
    expect((await s.patch({ syncScope: { userStatuses: ["ACTIVE"] } })).status).toBe(200);
    await s.run("full");
    const before = await fetchTruth(emu);
    const everyone = before.groups.find((g) => g.type === "BUILT_IN")!.id as string;
    const groupsOf = (id: string) => before.memberships.filter((m) => m.groupId !== everyone && m.userIds.includes(id)).length;
    const directApps = (id: string) =>
      Object.values(before.appUsers).filter((l) => l.some((u) => u.id === id && u.scope === "USER")).length;
    const back = before.users.find((u) => u.status === "SUSPENDED" && groupsOf(u.id as string) > 0 && directApps(u.id as string) > 0)!
      .id as string;
    const token = emu.apiToken("admin-token");
    expect(
      (await fetch(`${emu.url}/api/v1/users/${back}/lifecycle/unsuspend`, { method: "POST", headers: { authorization: `SSWS ${token}` } }))
        .status,
    ).toBe(200);
    await s.run("incremental");
    const want = scopedTruth(await fetchTruth(emu), { userStatuses: ["ACTIVE"] });
    expect(want.users.has(back)).toBe(true);
    expect([...want.memberships.keys()].filter((k) => k.endsWith(`/${back}`)).length).toBeGreaterThan(1);
    await expectStored(s.integrationId, want);
  });

  it("scoped to groups, every run re-reads the chosen groups' members", async () => {
    await emu.control("POST", "/reset", { seed: 23, users: 400, groups: 16, apps: 8, logDays: 5 });
    const s = await setup();
    const scope = { groupIds: smallGroups(await fetchTruth(emu)) };
    expect((await s.patch({ syncScope: scope })).status).toBe(200);
    await s.run("full");
    await emu.control("POST", "/mutations", { count: 60, seed: 8 });
    await s.run("incremental");
    const want = scopedTruth(await fetchTruth(emu), scope);
    const stored = await storedRows(s.integrationId);
    for (const key of ["users", "groups", "memberships", "apps"] as const)
      expect({ key, ...differences(stored[key], want[key]) }).toEqual({ key, count: 0, first: [] });
    const extra = (m: Map<string, string>, w: Map<string, string>) => [...m.keys()].filter((k) => !w.has(k));
    expect(extra(stored.appAssignments, want.appAssignments)).toEqual([]);
    expect(extra(stored.roles, want.roles)).toEqual([]);
  });
});

describe("scoped event hook deliveries", () => {
  it("re-reads only what the scope holds: an out-of-scope user or app is not written, a user who leaves the scope is removed", async () => {
    await emu.control("POST", "/reset", { seed: 24, users: 300, groups: 12, apps: 6, logDays: 5 });
    const s = await setup();
    const truth = await fetchTruth(emu);
    const apps = truth.apps.map((a) => a.id as string).sort();
    expect((await s.patch({ syncScope: { userStatuses: ["ACTIVE"], appIds: [apps[0]] } })).status).toBe(200);
    await s.run("full");
    const suspended = truth.users.find((u) => u.status === "SUSPENDED")!.id as string;
    const active = truth.users.filter((u) => u.status === "ACTIVE").map((u) => u.id as string);
    const leaving = active[0];
    const token = emu.apiToken("admin-token");
    expect(
      (await fetch(`${emu.url}/api/v1/users/${leaving}/lifecycle/suspend`, { method: "POST", headers: { authorization: `SSWS ${token}` } }))
        .status,
    ).toBe(200);
    const otherAppUser = Object.entries(truth.appUsers).find(([app, list]) => app !== apps[0] && list.length)!;
    const events = [
      { type: "user.account.update_profile", targets: [{ id: suspended, type: "User" }] },
      { type: "user.lifecycle.suspend", targets: [{ id: leaving, type: "User" }] },
      {
        type: "application.user_membership.add",
        targets: [
          { id: otherAppUser[0], type: "AppInstance" },
          { id: otherAppUser[1][0].id as string, type: "AppUser" },
        ],
      },
    ];
    for (const e of events) {
      await sql()`insert into hook_events (integration_id, uuid, event_type, targets) values (${s.integrationId}, ${crypto.randomUUID()}, ${e.type}, ${JSON.stringify(e.targets)}::jsonb)`;
    }
    const live = async (table: string, where: string, id: string) =>
      (
        await sql().unsafe(`select count(*)::int as n from "${table}" where integration_id = $1 and deleted_at is null and ${where}`, [
          s.integrationId,
          id,
        ])
      )[0].n;
    expect(await live("okta_users", "id = $2", leaving)).toBe(1);
    expect(await applyHookEvents(s.integrationId)).toEqual({ applied: 3, failed: 0 });
    expect(await live("okta_users", "id = $2", suspended)).toBe(0);
    expect(await live("okta_users", "id = $2", leaving)).toBe(0);
    expect(await live("okta_group_members", "user_id = $2", leaving)).toBe(0);
    expect(await live("okta_app_users", "app_id = $2", otherAppUser[0])).toBe(0);
  });
});

describe("scope settings API", () => {
  it("validates the scope, names the field, rejects unknown ids, records the change, and offers the synced groups and apps", async () => {
    await emu.control("POST", "/reset", { seed: 21, users: 400, groups: 16, apps: 8, logDays: 5 });
    const s = await setup();
    const truth = await fetchTruth(emu);
    const bad = async (body: unknown, field: RegExp) => {
      const res = await s.patch(body);
      expect(res.status).toBe(400);
      const err = (await res.json()).error;
      expect(err.code).toBe("VALIDATION");
      expect(err.details.fields.map((f: { field: string }) => f.field).join(",")).toMatch(field);
    };
    await bad({ syncScope: { userStatuses: ["ACTIVE", "SLEEPING"] } }, /syncScope\.userStatuses/);
    await bad({ syncScope: { groupIds: "00g1" } }, /syncScope\.groupIds/);
    await bad({ syncScope: { groupIds: ['00g" or status pr'] } }, /syncScope\.groupIds/);
    await bad({ syncScope: { userTypes: ['x" or "1'] } }, /syncScope\.userTypes/);
    await bad({ syncScope: { colors: ["red"] } }, /syncScope/);
    await bad({ syncScope: { groupIds: ["00gUNKNOWN0000000000"] } }, /syncScope\.groupIds/);
    await bad({ syncScope: { appIds: ["0oaUNKNOWN0000000000"] } }, /syncScope\.appIds/);
    const unknown = await s.patch({ syncScope: { groupIds: ["00gUNKNOWN0000000000"] } });
    expect((await unknown.json()).error.message).toMatch(/unknown group id 00gUNKNOWN0000000000/);
    // Viewers cannot change it.
    expect((await s.patch({ syncScope: { userStatuses: ["ACTIVE"] } }, s.tenant.viewerKey)).status).toBe(403);
    const [integration] = await sql()`select sync_scope from integrations where id = ${s.integrationId}`;
    expect(integration.sync_scope).toBeNull();

    // Empty lists = everything; duplicates collapse.
    const ok = await s.patch({ syncScope: { userStatuses: ["ACTIVE", "ACTIVE"], groupIds: [] } });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as Settings;
    expect(body.syncScope).toEqual({ userStatuses: ["ACTIVE"] });
    expect(body.scopeSummary).toBe("status ACTIVE");
    const [event] =
      await sql()`select message, details from integration_events where integration_id = ${s.integrationId} and kind = 'integration.settings_changed' order by id desc limit 1`;
    expect(event.message).toMatch(/sync scope: status ACTIVE \(was Everything\); applies from the next sync/);
    expect(event.details.syncScope).toEqual({ from: null, to: { userStatuses: ["ACTIVE"] } });
    const read = (await (
      await callRoute(getSettingsRoute, `/api/integrations/${s.integrationId}/settings`, {
        key: s.tenant.viewerKey,
        params: { id: s.integrationId },
      })
    ).json()) as Settings;
    expect(read.syncScope).toEqual({ userStatuses: ["ACTIVE"] });

    const options = (await (
      await callRoute(scopeOptionsRoute, `/api/integrations/${s.integrationId}/scope-options`, {
        key: s.tenant.viewerKey,
        params: { id: s.integrationId },
      })
    ).json()) as ScopeOptions;
    expect(options.groups.map((g) => g.id).sort()).toEqual(truth.groups.map((g) => g.id as string).sort());
    expect(options.apps.map((a) => a.id).sort()).toEqual(truth.apps.map((a) => a.id as string).sort());
    expect(options.userTypes.map((t) => t.value).sort()).toEqual(
      [...new Set(truth.users.map((u) => (u.profile as Obj).userType as string))].sort(),
    );
    const other = await connectToEmulator(emu);
    expect(
      (
        await callRoute(scopeOptionsRoute, `/api/integrations/${s.integrationId}/scope-options`, {
          key: other.tenant.viewerKey,
          params: { id: s.integrationId },
        })
      ).status,
    ).toBe(404);
  });

  it("without a scope nothing is counted out of scope and the page shows no scope", async () => {
    await emu.control("POST", "/reset", { seed: 21, users: 400, groups: 16, apps: 8, logDays: 5 });
    const s = await setup();
    const [{ n }] = await sql()`select count(*)::int as n from sync_run_resources where run_id = ${s.runId} and out_of_scope is not null`;
    expect(n).toBe(0);
    expect((await s.overview()).scope).toBeNull();
    await expectStored(s.integrationId, truthRows(await fetchTruth(emu)));
  });
});
