// Actions executed against the emulator over real HTTP, with a real Postgres: each kind's state before
// and after in Okta, the System Log event it produced, and the local copy updated at once; refusals
// (the state re-checked just before sending, Okta's own errorCode/errorId kept); a 503 retried for an
// idempotent call; a response lost after Okta applied the call, resolved by a re-read and never sent
// twice; a worker that died after sending; an action while a full sync runs; a batch of 50.
// Requests are inserted as the request verbs leave them (queued, targets queued) and run through the
// registered job handler, so this file tests the execution side on its own.
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import type { ActionKind } from "@/db/enums";
import { actionRequests, actionTargets, auditLog } from "@/db/schema";
import { systemCtx, userCtx } from "@/lib/context";
import { unseal } from "@/lib/crypto/seal";
import { connectIntegration } from "@/lib/integrations/connect-integration";
import { stopBoss } from "@/lib/jobs/boss";
import { actionExecuteJob } from "@/lib/jobs/definitions";
import { startSync } from "@/lib/sync/start-sync";
import { sweep } from "@/lib/sync/sweep";
import { membershipsTable, usersTable } from "@/lib/sync/tables";
import { commitPage } from "@/lib/sync/upsert-batch";
import { createTenant } from "@/test/factories";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { runSync } from "@/test/run-sync";
import { ALL_SCOPES, finishRun, insertRunningRun } from "@/test/sync-fixtures";
import { EXECUTE_LOCK, executeAction, targetSecretAad } from "./execute-action";
import { resumeStalledActions } from "./resume-stalled-actions";

// biome-ignore lint/suspicious/noExplicitAny: the emulator's truth is Okta's wire JSON, read field by field as the tests need
type Obj = Record<string, any>;
const SIZE = { seed: 41, users: 220, groups: 40, apps: 20, logDays: 1 };

let emu: TestEmulator;
let c: { integrationId: string; workspaceId: string; adminId: string; adminEmail: string };

const sql = () => getDb().$client;

beforeAll(async () => {
  emu = await startTestEmulator(SIZE);
  const tenant = await createTenant();
  const actor = {
    userId: tenant.admin.id,
    workspaceId: tenant.ws.id,
    email: tenant.admin.email,
    name: tenant.admin.name,
    role: "admin" as const,
    via: "api_key" as const,
  };
  const app = emu.app("admin-key");
  const { integration } = await connectIntegration({
    ctx: userCtx(actor),
    input: {
      name: "Okta",
      domain: emu.url,
      auth: { method: "private_key_jwt", clientId: app.clientId, privateKey: app.privateKeyPem!, keyId: app.kid },
      scopes: [...ALL_SCOPES],
      allowActions: true,
    },
  });
  const [run] = await sql()`select id from sync_runs where integration_id = ${integration.id} and status = 'queued'`;
  expect(await runSync(run.id)).toEqual({ claimed: true, status: "succeeded" });
  c = { integrationId: integration.id, workspaceId: tenant.ws.id, adminId: tenant.admin.id, adminEmail: tenant.admin.email };
}, 120_000);

afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

// ---- helpers --------------------------------------------------------------------------------------

const truth = <T = Obj[]>(part: string) => emu.control<T>("GET", `/truth/${part}`);
const taken = new Set<string>();

/** Users of the emulator's org with a status, not used by another test yet. */
async function pick(status: string, n = 1, where: (u: Obj) => boolean = () => true): Promise<Obj[]> {
  const users = (await truth("users")).filter((u) => u.status === status && !taken.has(u.id) && where(u));
  if (users.length < n) throw new Error(`only ${users.length} ${status} users left`);
  const out = users.slice(0, n);
  for (const u of out) taken.add(u.id);
  return out;
}

async function oktaUser(id: string): Promise<Obj | undefined> {
  return (await truth("users")).find((u) => u.id === id);
}

async function storedUser(id: string) {
  const [row] = await sql()`select * from okta_users where integration_id = ${c.integrationId} and id = ${id}`;
  return row;
}

/** A request as the request verbs leave it to the job: queued, its targets queued. */
async function request(kind: ActionKind, targets: { userId?: string; groupId?: string; appId?: string }[], params: Obj = {}) {
  const [r] = await getDb()
    .insert(actionRequests)
    .values({
      workspaceId: c.workspaceId,
      integrationId: c.integrationId,
      kind,
      status: "queued",
      requestedBy: c.adminId,
      requestedByLabel: c.adminEmail,
      reason: "test",
      params,
      decidedAt: new Date(),
    })
    .returning({ id: actionRequests.id });
  await getDb()
    .insert(actionTargets)
    .values(
      targets.map((t, seq) => ({
        requestId: r.id,
        seq,
        userId: t.userId ?? null,
        groupId: t.groupId ?? null,
        appId: t.appId ?? null,
        label: t.userId ?? t.groupId ?? "new",
      })),
    );
  return r.id;
}

const run = (requestId: string) => actionExecuteJob.handler({ requestId }, { signal: new AbortController().signal });

async function outcome(requestId: string) {
  const [r] = await getDb().select().from(actionRequests).where(eq(actionRequests.id, requestId));
  const targets = await getDb().select().from(actionTargets).where(eq(actionTargets.requestId, requestId)).orderBy(asc(actionTargets.seq));
  return { status: r.status, targets };
}

async function audit(requestId: string) {
  return getDb().select().from(auditLog).where(eq(auditLog.requestId, requestId)).orderBy(asc(auditLog.seq));
}

/** System Log events of these types about this target id, since the test started. */
async function events(types: readonly string[], targetId: string, since: string) {
  const all = await emu.control<Obj[]>("GET", `/truth/logs?since=${encodeURIComponent(since)}`);
  return all.filter((e) => types.includes(e.eventType) && (e.target ?? []).some((t: Obj) => t.id === targetId));
}

const now = () => new Date(Date.now() - 1000).toISOString();

async function runOne(kind: ActionKind, target: { userId?: string; groupId?: string; appId?: string }, params: Obj = {}) {
  const id = await request(kind, [target], params);
  await run(id);
  const o = await outcome(id);
  return { id, ...o, t: o.targets[0] };
}

// ---- each kind --------------------------------------------------------------------------------------

describe("each user lifecycle kind against the emulator", () => {
  const cases: { kind: ActionKind; from: string; to: string | null; event: string; params?: Obj }[] = [
    { kind: "user.suspend", from: "ACTIVE", to: "SUSPENDED", event: "user.lifecycle.suspend" },
    { kind: "user.unsuspend", from: "SUSPENDED", to: "ACTIVE", event: "user.lifecycle.unsuspend" },
    { kind: "user.unlock", from: "LOCKED_OUT", to: "ACTIVE", event: "user.account.unlock_by_admin" },
    { kind: "user.deactivate", from: "ACTIVE", to: "DEPROVISIONED", event: "user.lifecycle.deactivate" },
    { kind: "user.delete", from: "DEPROVISIONED", to: null, event: "user.lifecycle.delete.initiated" },
    { kind: "user.expire_password", from: "ACTIVE", to: "PASSWORD_EXPIRED", event: "user.account.expire_password" },
    { kind: "user.reset_password", from: "ACTIVE", to: "RECOVERY", event: "user.account.reset_password", params: { sendEmail: true } },
    { kind: "user.reset_factors", from: "ACTIVE", to: "ACTIVE", event: "user.mfa.factor.reset_all" },
    { kind: "user.revoke_sessions", from: "ACTIVE", to: "ACTIVE", event: "user.session.clear" },
    { kind: "user.activate", from: "STAGED", to: "PROVISIONED", event: "user.lifecycle.activate", params: { sendEmail: true } },
    { kind: "user.reactivate", from: "PROVISIONED", to: "PROVISIONED", event: "user.lifecycle.reactivate", params: { sendEmail: true } },
  ];
  for (const k of cases) {
    it(`${k.kind}: ${k.from} → ${k.to ?? "deleted"} in Okta, its System Log event, and the local copy at once`, async () => {
      const since = now();
      const [u] = await pick(k.from);
      expect((await storedUser(u.id)).status).toBe(k.from);
      const r = await runOne(k.kind, { userId: u.id }, k.params);
      expect(r.status).toBe("succeeded");
      // Okta answers a DELETE with 204, the rest with 200.
      const answered = k.kind === "user.delete" || k.kind === "user.revoke_sessions" ? 204 : 200;
      expect(r.t).toMatchObject({ status: "succeeded", attempts: 1, oktaStatus: answered, errorCode: null });
      expect((r.t.stateBefore as Obj).user).toMatchObject({ id: u.id, status: k.from });
      const okta = await oktaUser(u.id);
      if (k.to === null) {
        expect(okta).toBeUndefined();
        expect((r.t.stateAfter as Obj).user).toBeNull();
        expect((await storedUser(u.id)).deleted_at).not.toBeNull();
      } else {
        expect(okta?.status).toBe(k.to);
        expect((r.t.stateAfter as Obj).user).toMatchObject({ id: u.id, status: k.to });
        const stored = await storedUser(u.id);
        expect(stored.status).toBe(k.to);
        expect(stored.deleted_at).toBeNull();
      }
      expect(await events([k.event], u.id, since)).toHaveLength(1);
      // The audit trail: the attempt, Okta's answer, the outcome with the state before and after.
      const a = await audit(r.id);
      expect(a.map((e) => e.action)).toEqual(["action.attempt", "action.okta_response", "action.succeeded"]);
      expect(a[1].detail).toMatchObject({ status: answered });
      expect(a[2].detail).toMatchObject({ stateBefore: { user: { status: k.from } } });
    });
  }

  it("deactivation ends the person's app assignments in the local copy too", async () => {
    const apps = await truth<Record<string, Obj[]>>("appUsers");
    const holder = Object.values(apps)
      .flat()
      .map((a) => a.id as string)
      .find((id) => !taken.has(id));
    const [u] = await pick("ACTIVE", 1, (x) => x.id === holder);
    const [{ n: before }] = await sql()`
      select count(*)::int as n from okta_app_users where integration_id = ${c.integrationId} and user_id = ${u.id} and deleted_at is null`;
    expect(before).toBeGreaterThan(0);
    const r = await runOne("user.deactivate", { userId: u.id });
    expect(r.status).toBe("succeeded");
    const [{ n: after }] = await sql()`
      select count(*)::int as n from okta_app_users where integration_id = ${c.integrationId} and user_id = ${u.id} and deleted_at is null`;
    expect(after).toBe(0);
  });

  it("activate and reset password without email: the one-time link is sealed into the target, never stored in the clear", async () => {
    const [staged] = await pick("STAGED");
    const a = await runOne("user.activate", { userId: staged.id }, { sendEmail: false });
    expect(a.t.status).toBe("succeeded");
    expect(a.t.secretSealed).toMatch(/^v1\./);
    const link = JSON.parse(unseal(a.t.secretSealed!, targetSecretAad(a.id, 0)));
    expect(link.activationUrl).toMatch(new RegExp(`^${emu.url}/`));
    expect(JSON.stringify(a.t.result)).not.toContain(link.activationToken);
    expect(JSON.stringify(await audit(a.id))).not.toContain(link.activationToken);

    const [active] = await pick("ACTIVE");
    const p = await runOne("user.reset_password", { userId: active.id }, { sendEmail: false });
    expect(p.t.status).toBe("succeeded");
    const reset = JSON.parse(unseal(p.t.secretSealed!, targetSecretAad(p.id, 0)));
    expect(reset.resetPasswordUrl).toMatch(/^http/);
    expect(JSON.stringify(await audit(p.id))).not.toContain(reset.resetPasswordUrl);
    expect((await storedUser(active.id)).status).toBe("RECOVERY");
  });

  it("user.update_profile changes only the chosen fields, in Okta and in the local copy", async () => {
    const since = now();
    const [u] = await pick("ACTIVE");
    const r = await runOne("user.update_profile", { userId: u.id }, { profile: { title: "Head of Test", department: "QA" } });
    expect(r.status).toBe("succeeded");
    const okta = await oktaUser(u.id);
    expect(okta?.profile).toMatchObject({
      title: "Head of Test",
      department: "QA",
      login: u.profile.login,
      firstName: u.profile.firstName,
    });
    const stored = await storedUser(u.id);
    expect([stored.title, stored.department, stored.login]).toEqual(["Head of Test", "QA", u.profile.login]);
    expect(await events(["user.account.update_profile"], u.id, since)).toHaveLength(1);
  });

  it("user.create makes the person (staged, in the chosen group), records their id, and stores them with the membership", async () => {
    const since = now();
    const group = (await truth("groups")).find((g) => g.type === "OKTA_GROUP")!;
    const login = `new.person.${Date.now()}@example.com`;
    const r = await runOne(
      "user.create",
      {},
      { profile: { firstName: "New", lastName: "Person", email: login, login }, groupIds: [group.id], activate: false },
    );
    expect(r.status).toBe("succeeded");
    const created = (await truth("users")).find((u) => u.profile.login === login);
    expect(created?.status).toBe("STAGED");
    expect(r.t.userId).toBe(created!.id);
    expect(r.t.result).toMatchObject({ userId: created!.id });
    expect((await storedUser(created!.id)).status).toBe("STAGED");
    const [m] = await sql()`
      select 1 from okta_group_members where integration_id = ${c.integrationId} and group_id = ${group.id} and user_id = ${created!.id} and deleted_at is null`;
    expect(m).toBeDefined();
    expect(await events(["user.lifecycle.create"], created!.id, since)).toHaveLength(1);
  });
});

describe("group and app kinds", () => {
  it("group.add_member and group.remove_member on an Okta group: membership and Okta's member count in the local copy", async () => {
    const group = (await truth("groups")).find((g) => g.type === "OKTA_GROUP")!;
    const members = new Set(
      (await truth<{ groupId: string; userIds: string[] }[]>("memberships")).find((m) => m.groupId === group.id)!.userIds,
    );
    const [u] = await pick("ACTIVE", 1, (x) => !members.has(x.id));
    const since = now();
    const add = await runOne("group.add_member", { groupId: group.id, userId: u.id });
    expect(add.t.status).toBe("succeeded");
    expect(add.t.stateBefore).toMatchObject({ member: false });
    expect(add.t.stateAfter).toMatchObject({ member: true });
    const live = async () =>
      (
        await sql()`select count(*)::int as n from okta_group_members where integration_id = ${c.integrationId} and group_id = ${group.id} and user_id = ${u.id} and deleted_at is null`
      )[0].n;
    expect(await live()).toBe(1);
    const [g] = await sql()`select okta_member_count from okta_groups where integration_id = ${c.integrationId} and id = ${group.id}`;
    expect(g.okta_member_count).toBe(members.size + 1);
    expect(await events(["group.user_membership.add"], u.id, since)).toHaveLength(1);

    const rm = await runOne("group.remove_member", { groupId: group.id, userId: u.id });
    expect(rm.t.status).toBe("succeeded");
    expect(await live()).toBe(0);
    expect(await events(["group.user_membership.remove"], u.id, since)).toHaveLength(1);
  });

  it("app.assign_user with a user name, then app.unassign_user: the assignment in Okta and in the local copy", async () => {
    const app = (await truth("apps")).find((a) => a.status === "ACTIVE")!;
    const assigned = new Set(((await truth<Record<string, Obj[]>>("appUsers"))[app.id] ?? []).map((a) => a.id));
    const [u] = await pick("ACTIVE", 1, (x) => !assigned.has(x.id));
    const since = now();
    const a = await runOne("app.assign_user", { appId: app.id, userId: u.id }, { userName: "jdoe-test" });
    expect(a.t.status).toBe("succeeded");
    const okta = ((await truth<Record<string, Obj[]>>("appUsers"))[app.id] ?? []).find((x) => x.id === u.id);
    expect(okta).toMatchObject({ scope: "USER", credentials: { userName: "jdoe-test" } });
    const [row] =
      await sql()`select scope, user_name, deleted_at from okta_app_users where integration_id = ${c.integrationId} and app_id = ${app.id} and user_id = ${u.id}`;
    expect(row).toMatchObject({ scope: "USER", user_name: "jdoe-test", deleted_at: null });
    expect(await events(["application.user_membership.add"], u.id, since)).toHaveLength(1);

    const un = await runOne("app.unassign_user", { appId: app.id, userId: u.id });
    expect(un.t.status).toBe("succeeded");
    const [gone] =
      await sql()`select deleted_at from okta_app_users where integration_id = ${c.integrationId} and app_id = ${app.id} and user_id = ${u.id}`;
    expect(gone.deleted_at).not.toBeNull();
    expect(await events(["application.user_membership.remove"], u.id, since)).toHaveLength(1);
  });

  it("app.assign_group and app.unassign_group: the group assignment and every member's GROUP-scope assignment follow", async () => {
    const apps = await truth("apps");
    const appGroups = await truth<Record<string, Obj[]>>("appGroups");
    const memberships = await truth<{ groupId: string; userIds: string[] }[]>("memberships");
    const group = (await truth("groups")).find(
      (g) => g.type === "OKTA_GROUP" && (memberships.find((m) => m.groupId === g.id)?.userIds.length ?? 0) > 0,
    )!;
    const app = apps.find((a) => a.status === "ACTIVE" && !(appGroups[a.id] ?? []).some((x) => x.id === group.id))!;
    const since = now();
    const a = await runOne("app.assign_group", { appId: app.id, groupId: group.id });
    expect(a.t.status).toBe("succeeded");
    const [ag] =
      await sql()`select deleted_at from okta_app_groups where integration_id = ${c.integrationId} and app_id = ${app.id} and group_id = ${group.id}`;
    expect(ag.deleted_at).toBeNull();
    // The local copy of the app's users equals Okta's.
    const oktaUsers = ((await truth<Record<string, Obj[]>>("appUsers"))[app.id] ?? []).map((x) => `${x.id}:${x.scope}`).sort();
    const storedAppUsers = async () =>
      (
        await sql()`select user_id, scope from okta_app_users where integration_id = ${c.integrationId} and app_id = ${app.id} and deleted_at is null`
      )
        .map((x) => `${x.user_id}:${x.scope}`)
        .sort();
    expect(await storedAppUsers()).toEqual(oktaUsers);
    expect(await events(["group.application_assignment.add", "application.group_membership.add"], group.id, since)).toHaveLength(1);

    const un = await runOne("app.unassign_group", { appId: app.id, groupId: group.id });
    expect(un.t.status).toBe("succeeded");
    const [gone] =
      await sql()`select deleted_at from okta_app_groups where integration_id = ${c.integrationId} and app_id = ${app.id} and group_id = ${group.id}`;
    expect(gone.deleted_at).not.toBeNull();
    const oktaAfter = ((await truth<Record<string, Obj[]>>("appUsers"))[app.id] ?? []).map((x) => `${x.id}:${x.scope}`).sort();
    expect(await storedAppUsers()).toEqual(oktaAfter);
  });
});

// ---- refusals ---------------------------------------------------------------------------------------

describe("refusals", () => {
  it("a state that changed since the request is refused before anything is sent, in plain words", async () => {
    const since = now();
    const [u] = await pick("DEPROVISIONED");
    const r = await runOne("user.suspend", { userId: u.id });
    expect(r.status).toBe("failed");
    expect(r.t).toMatchObject({ status: "failed", attempts: 0, errorCode: "refused_state", oktaStatus: null });
    expect(r.t.errorSummary).toBe(`Not sent: Suspend needs an ACTIVE person; ${u.profile.login} is DEPROVISIONED.`);
    expect(await events(["user.lifecycle.suspend"], u.id, since)).toHaveLength(0);
  });

  it("delete needs a deactivated person (Okta's first DELETE would only deactivate)", async () => {
    const [u] = await pick("ACTIVE");
    const r = await runOne("user.delete", { userId: u.id });
    expect(r.t.errorSummary).toBe(
      `Not sent: Delete needs a DEPROVISIONED person; ${u.profile.login} is ACTIVE (Okta deletes only deactivated people; deactivate them first).`,
    );
    expect((await oktaUser(u.id))?.status).toBe("ACTIVE");
  });

  it("group membership of an APP_GROUP or BUILT_IN group is refused with the reason", async () => {
    const groups = await truth("groups");
    const [u] = await pick("ACTIVE");
    const appGroup = groups.find((g) => g.type === "APP_GROUP")!;
    const everyone = groups.find((g) => g.type === "BUILT_IN")!;
    const a = await runOne("group.add_member", { groupId: appGroup.id, userId: u.id });
    expect(a.t).toMatchObject({ status: "failed", errorCode: "refused_type", attempts: 0 });
    expect(a.t.errorSummary).toContain(`${appGroup.profile.name} is an APP_GROUP`);
    const b = await runOne("group.remove_member", { groupId: everyone.id, userId: u.id });
    expect(b.t.errorSummary).toBe(
      `Not sent: ${everyone.profile.name} is Okta's built-in group of everyone; its members cannot be changed.`,
    );
  });

  it("a group-derived app assignment is not removed directly: the refusal names the group that grants it", async () => {
    const appUsers = await truth<Record<string, Obj[]>>("appUsers");
    const appGroups = await truth<Record<string, Obj[]>>("appGroups");
    const memberships = await truth<{ groupId: string; userIds: string[] }[]>("memberships");
    const groupsById = new Map((await truth("groups")).map((g) => [g.id, g]));
    let found: { app: string; user: string; groups: string[] } | null = null;
    for (const [app, list] of Object.entries(appUsers)) {
      const au = list.find((x) => x.scope === "GROUP" && !taken.has(x.id));
      if (!au) continue;
      const granting = (appGroups[app] ?? [])
        .filter((g) => memberships.find((m) => m.groupId === g.id)?.userIds.includes(au.id))
        .map((g) => groupsById.get(g.id)!.profile.name as string)
        .sort((x, y) => x.toLowerCase().localeCompare(y.toLowerCase()));
      found = { app, user: au.id, groups: granting };
      break;
    }
    taken.add(found!.user);
    const r = await runOne("app.unassign_user", { appId: found!.app, userId: found!.user });
    expect(r.t).toMatchObject({ status: "failed", errorCode: "refused_state", attempts: 0 });
    expect(r.t.errorSummary).toContain(`through the group${found!.groups.length > 1 ? "s" : ""} ${found!.groups.join(", ")}, not directly`);
  });

  it("already in the end state: skipped, nothing sent", async () => {
    const [u] = await pick("SUSPENDED");
    const r = await runOne("user.suspend", { userId: u.id });
    expect(r.status).toBe("succeeded");
    expect(r.t).toMatchObject({ status: "skipped", errorCode: "refused_already", attempts: 0 });
  });

  it("Okta's own refusal keeps its status, errorCode, errorSummary and errorId", async () => {
    const [u] = await pick("ACTIVE");
    // The app keeps its manage scopes but its admin role may only read.
    const app = emu.app("admin-key");
    await emu.control("PATCH", `/apps/${app.clientId}`, { roles: ["READ_ONLY_ADMIN"] });
    try {
      const r = await runOne("user.suspend", { userId: u.id });
      expect(r.status).toBe("failed");
      expect(r.t).toMatchObject({ status: "failed", attempts: 1, oktaStatus: 403, errorCode: "E0000006" });
      expect(r.t.errorSummary).toBe("You do not have permission to perform the requested action");
      expect(r.t.errorId).toMatch(/^oae/);
      const a = await audit(r.id);
      expect(a.map((e) => e.action)).toEqual(["action.attempt", "action.okta_response", "action.failed"]);
      expect(a[1].detail).toMatchObject({ status: 403, errorCode: "E0000006", errorId: r.t.errorId });
      expect((await oktaUser(u.id))?.status).toBe("ACTIVE");
    } finally {
      await emu.control("PATCH", `/apps/${app.clientId}`, { roles: ["SUPER_ADMIN"] });
    }
  });

  it("credentials that no longer allow the kind (actions turned off after approval): every target failed, nothing sent", async () => {
    const [u] = await pick("ACTIVE");
    await sql()`update integrations set allow_actions = false where id = ${c.integrationId}`;
    try {
      const r = await runOne("user.suspend", { userId: u.id });
      expect(r.t).toMatchObject({ status: "failed", errorCode: "not_allowed", attempts: 0 });
      expect(r.t.errorSummary).toContain("Actions are off for this integration");
    } finally {
      await sql()`update integrations set allow_actions = true where id = ${c.integrationId}`;
    }
  });
});

// ---- retries and unknown outcomes -------------------------------------------------------------------

describe("retries and unknown outcomes", () => {
  it("an idempotent call answered 503 is retried and succeeds (one attempt on record, applied once)", async () => {
    const group = (await truth("groups")).find((g) => g.type === "OKTA_GROUP")!;
    const members = new Set(
      (await truth<{ groupId: string; userIds: string[] }[]>("memberships")).find((m) => m.groupId === group.id)!.userIds,
    );
    const [u] = await pick("ACTIVE", 1, (x) => !members.has(x.id));
    const since = now();
    await emu.control("POST", "/faults", { errorStatus: 503, errorCount: 1, path: `/api/v1/groups/${group.id}/users`, method: "PUT" });
    try {
      const r = await runOne("group.add_member", { groupId: group.id, userId: u.id });
      expect(r.t).toMatchObject({ status: "succeeded", attempts: 1, oktaStatus: 204 });
      expect((await emu.control<Obj>("GET", "/faults")).errorCount).toBe(0);
    } finally {
      await emu.control("DELETE", "/faults");
    }
    expect(await events(["group.user_membership.add"], u.id, since)).toHaveLength(1);
  });

  it("a suspend whose response is lost after Okta applied it: resolved by a re-read as succeeded, never sent again", async () => {
    const [u] = await pick("ACTIVE");
    const since = now();
    await emu.control("POST", "/faults", { dropResponseAfterApply: { path: "/lifecycle/suspend", method: "POST", count: 5 } });
    try {
      const r = await runOne("user.suspend", { userId: u.id });
      expect(r.status).toBe("succeeded");
      expect(r.t).toMatchObject({ status: "succeeded", attempts: 1, oktaStatus: null });
      expect((r.t.result as Obj).resolvedBy).toMatch(/connection was lost after the call was sent.*re-read shows it took effect/);
      expect((await emu.control<Obj>("GET", "/faults")).dropped).toBe(1);
    } finally {
      await emu.control("DELETE", "/faults");
    }
    // Okta received it once: one event, and the person is suspended.
    expect(await events(["user.lifecycle.suspend"], u.id, since)).toHaveLength(1);
    expect((await oktaUser(u.id))?.status).toBe("SUSPENDED");
    expect((await storedUser(u.id)).status).toBe("SUSPENDED");
  });

  it("a reset of factors whose response is lost: Okta's state cannot tell, the System Log does", async () => {
    const [u] = await pick("ACTIVE");
    const since = now();
    await emu.control("POST", "/faults", { dropResponseAfterApply: { path: "/lifecycle/reset_factors", method: "POST", count: 5 } });
    try {
      const id = await request("user.reset_factors", [{ userId: u.id }]);
      await executeAction(id, { logWaitsMs: [100, 500, 1500] });
      const { targets } = await outcome(id);
      expect(targets[0]).toMatchObject({ status: "succeeded", attempts: 1 });
      expect((targets[0].result as Obj).resolvedBy).toMatch(/System Log shows it took effect/);
    } finally {
      await emu.control("DELETE", "/faults");
    }
    expect(await events(["user.mfa.factor.reset_all"], u.id, since)).toHaveLength(1);
  });

  it("a user.create whose response is lost: found by its login, its id recorded, not created twice", async () => {
    const login = `lost.answer.${Date.now()}@example.com`;
    await emu.control("POST", "/faults", { dropResponseAfterApply: { path: "^/api/v1/users$", method: "POST", count: 5 } });
    let id: string;
    try {
      id = await request("user.create", [{}], { profile: { firstName: "Lost", lastName: "Answer", email: login, login } });
      await run(id);
    } finally {
      await emu.control("DELETE", "/faults");
    }
    const made = (await truth("users")).filter((u) => u.profile.login === login);
    expect(made).toHaveLength(1);
    const { targets } = await outcome(id);
    expect(targets[0]).toMatchObject({ status: "succeeded", attempts: 1, userId: made[0].id });
    expect((await storedUser(made[0].id)).login).toBe(login);
  });

  it("a worker that died after sending (attempt on record, no answer) is resolved by a re-read, not sent again", async () => {
    // Applied: the call reached Okta (done here directly), the answer was never recorded.
    const [done] = await pick("ACTIVE");
    const since = now();
    const client = await (await import("@/lib/integrations/load-okta-client")).loadOktaClient(c.integrationId, {
      extraScopes: ["okta.users.manage"],
    });
    await client.request("POST", `/api/v1/users/${done.id}/lifecycle/suspend`);
    const a = await request("user.suspend", [{ userId: done.id }]);
    await getDb().update(actionRequests).set({ status: "running", startedAt: new Date() }).where(eq(actionRequests.id, a));
    await getDb()
      .update(actionTargets)
      .set({ status: "running", attempts: 1, startedAt: new Date() })
      .where(and(eq(actionTargets.requestId, a), eq(actionTargets.seq, 0)));
    await run(a);
    const ra = await outcome(a);
    expect(ra.status).toBe("succeeded");
    expect(ra.targets[0]).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(await events(["user.lifecycle.suspend"], done.id, since)).toHaveLength(1);

    // Not applied: the worker died before the call left; the re-read shows no effect, and it is not sent now either.
    const [notDone] = await pick("ACTIVE");
    const b = await request("user.suspend", [{ userId: notDone.id }]);
    await getDb().update(actionRequests).set({ status: "running", startedAt: new Date() }).where(eq(actionRequests.id, b));
    await getDb()
      .update(actionTargets)
      .set({ status: "running", attempts: 1, startedAt: new Date() })
      .where(and(eq(actionTargets.requestId, b), eq(actionTargets.seq, 0)));
    await run(b);
    const rb = await outcome(b);
    expect(rb.status).toBe("failed");
    expect(rb.targets[0]).toMatchObject({ status: "failed", attempts: 1, errorCode: "not_applied" });
    expect(rb.targets[0].errorSummary).toContain(`it was not sent again`);
    expect(await events(["user.lifecycle.suspend"], notDone.id, since)).toHaveLength(0);
    expect((await oktaUser(notDone.id))?.status).toBe("ACTIVE");
  });

  it("a request left running by a dead worker is queued again by the tick, unless a worker holds it", async () => {
    const [u] = await pick("ACTIVE");
    const stalled = await request("user.suspend", [{ userId: u.id }]);
    const held = await request("user.suspend", [{ userId: u.id }]);
    await sql()`update action_requests set status = 'running', started_at = now() - interval '10 minutes' where id in (${stalled}, ${held})`;
    const conn = await sql().reserve();
    try {
      await conn`select pg_advisory_lock(${EXECUTE_LOCK}, hashtext(${held}))`;
      expect(await resumeStalledActions(60_000)).toBe(1);
      const jobs =
        await sql()`select data->>'requestId' as id from pgboss.job where name = 'action.execute' and data->>'requestId' in (${stalled}, ${held})`;
      expect(jobs.map((j) => j.id)).toEqual([stalled]);
      // The held one is left to its worker: running it now finds the lock taken and changes nothing.
      expect(await executeAction(held)).toEqual({ status: "running_elsewhere" });
    } finally {
      await conn`select pg_advisory_unlock(${EXECUTE_LOCK}, hashtext(${held}))`;
      conn.release();
    }
    await sql()`update action_requests set status = 'cancelled' where id in (${stalled}, ${held})`;
    await sql()`update action_targets set status = 'skipped' where request_id in (${stalled}, ${held})`;
    taken.add(u.id);
  });

  it("a job that runs again after the request finished changes nothing", async () => {
    const [u] = await pick("ACTIVE");
    const since = now();
    const r = await runOne("user.suspend", { userId: u.id });
    expect(r.status).toBe("succeeded");
    await run(r.id);
    expect((await outcome(r.id)).targets[0]).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(await events(["user.lifecycle.suspend"], u.id, since)).toHaveLength(1);
  });
});

// ---- the local copy and a sync running at the same time ---------------------------------------------

describe("an action while a full sync runs", () => {
  it("a page the run read before the action does not undo it, and the run's sweep keeps what the action added", async () => {
    // The run starts first and (as far as the database knows) reads the person and the group's members.
    const lease = await insertRunningRun(c.workspaceId, c.integrationId);
    const [u] = await pick("ACTIVE");
    const staleUser = await storedUser(u.id);
    const group = (await truth("groups")).find((g) => g.type === "OKTA_GROUP")!;
    const members = (await truth<{ groupId: string; userIds: string[] }[]>("memberships")).find((m) => m.groupId === group.id)!.userIds;
    const leaving = members.find((m) => !taken.has(m))!;
    taken.add(leaving);
    const [joining] = await pick("ACTIVE", 1, (x) => !members.includes(x.id));

    expect((await runOne("user.suspend", { userId: u.id })).status).toBe("succeeded");
    expect((await runOne("group.remove_member", { groupId: group.id, userId: leaving })).status).toBe("succeeded");
    expect((await runOne("group.add_member", { groupId: group.id, userId: joining.id })).status).toBe("succeeded");

    // The run now commits what it read before the actions: the person ACTIVE, the old member list.
    const userRowBefore = Object.fromEntries(Object.keys(usersTable.columns).map((k) => [k, staleUser[k]]));
    expect(userRowBefore.status).toBe("ACTIVE");
    await commitPage(lease, { resource: "users", writes: [{ spec: usersTable, rows: [userRowBefore] }] });
    await commitPage(lease, {
      resource: "memberships",
      writes: [{ spec: membershipsTable, rows: members.map((m) => ({ group_id: group.id, user_id: m })) }],
    });
    expect((await storedUser(u.id)).status).toBe("SUSPENDED");
    const live = async (userId: string) =>
      (
        await sql()`select count(*)::int as n from okta_group_members where integration_id = ${c.integrationId} and group_id = ${group.id} and user_id = ${userId} and deleted_at is null`
      )[0].n;
    expect(await live(leaving)).toBe(0);
    // The run's sweep: the new member was not in its listing, but was added after the run started.
    await sweep(lease, "memberships", [membershipsTable], { guard: false });
    expect(await live(joining.id)).toBe(1);
    await finishRun(lease.runId);
  });

  it("a real full sync running concurrently with a batch of actions ends with the copy equal to Okta for those people", async () => {
    const people = await pick("ACTIVE", 6);
    const { run: started } = await startSync({
      ctx: systemCtx(c.workspaceId),
      input: { integrationId: c.integrationId, trigger: "manual" },
    });
    const [sync, act] = await Promise.all([
      runSync(started.id),
      (async () => {
        const id = await request(
          "user.suspend",
          people.map((p) => ({ userId: p.id })),
        );
        await run(id);
        return outcome(id);
      })(),
    ]);
    expect(sync.status).toBe("succeeded");
    expect(act.status).toBe("succeeded");
    for (const p of people) {
      expect((await oktaUser(p.id))?.status).toBe("SUSPENDED");
      expect((await storedUser(p.id)).status).toBe("SUSPENDED");
    }
  });
});

describe("a batch", () => {
  it("suspends 50 people in one request, each target's outcome and local copy recorded", async () => {
    const people = await pick("ACTIVE", 50);
    const since = now();
    const id = await request(
      "user.suspend",
      people.map((p) => ({ userId: p.id })),
    );
    await run(id);
    const o = await outcome(id);
    expect(o.status).toBe("succeeded");
    expect(o.targets.map((t) => t.status)).toEqual(Array(50).fill("succeeded"));
    const truthUsers = new Map((await truth("users")).map((u) => [u.id, u.status]));
    expect(people.every((p) => truthUsers.get(p.id) === "SUSPENDED")).toBe(true);
    const stored = await sql()`
      select count(*)::int as n from okta_users where integration_id = ${c.integrationId} and id = any(${people.map((p) => p.id)}) and status = 'SUSPENDED'`;
    expect(stored[0].n).toBe(50);
    const log = await emu.control<Obj[]>("GET", `/truth/logs?since=${encodeURIComponent(since)}`);
    const ids = new Set(people.map((p) => p.id));
    const suspended = log.filter((e) => e.eventType === "user.lifecycle.suspend" && e.target.some((t: Obj) => ids.has(t.id)));
    expect(suspended).toHaveLength(50);
    expect((await audit(id)).filter((e) => e.action === "action.attempt")).toHaveLength(50);
  });
});
