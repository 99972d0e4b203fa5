// Requesting actions and deciding on them, through the API routes, against a real Postgres and the
// emulator over real HTTP: the preview from a fresh read and the synced copy, a refused state, the
// approval policy (none, one admin, two admins), self-approval refused, deny needing a comment,
// expiry, cancel, roles (an operator requests but cannot approve, a viewer and a read-only key cannot
// request), a batch of 50 under one approval, the list with its filters and pages, and the audit
// entries each step leaves. Execution itself is tested in execute-action.int.test.ts.
import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as approveRoute } from "@/app/api/actions/[id]/approve/route";
import { POST as cancelRoute } from "@/app/api/actions/[id]/cancel/route";
import { POST as denyRoute } from "@/app/api/actions/[id]/deny/route";
import { POST as revealRoute } from "@/app/api/actions/[id]/reveal/route";
import { GET as getRoute } from "@/app/api/actions/[id]/route";
import { GET as pendingCountRoute } from "@/app/api/actions/pending-count/route";
import { GET as listRoute } from "@/app/api/actions/route";
import { GET as getPolicyRoute, PATCH as patchPolicyRoute } from "@/app/api/approval-policy/route";
import { POST as previewRoute } from "@/app/api/integrations/[id]/actions/preview/route";
import { POST as requestRoute } from "@/app/api/integrations/[id]/actions/route";
import { getDb } from "@/db";
import { actionRequests, actionTargets, apiKeys, auditLog, integrations } from "@/db/schema";
import { generateApiKey } from "@/lib/auth/api-keys";
import { userCtx } from "@/lib/context";
import { seal } from "@/lib/crypto/seal";
import { connectIntegration } from "@/lib/integrations/connect-integration";
import { stopBoss } from "@/lib/jobs/boss";
import { callRoute } from "@/test/call-route";
import { createApiKey, createTenant, createUser } from "@/test/factories";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { runSync } from "@/test/run-sync";
import { ALL_SCOPES } from "@/test/sync-fixtures";
import { targetSecretAad } from "./execute-action";
import { expireActions } from "./expire-actions";

// biome-ignore lint/suspicious/noExplicitAny: the emulator's truth and the API's JSON are read field by field
type Obj = Record<string, any>;

let emu: TestEmulator;
let integrationId: string;
let workspaceId: string;
const keys = {} as Record<"admin" | "admin2" | "operator" | "operator2" | "viewer" | "readOnly", string>;
const ids = {} as Record<"admin" | "admin2" | "operator", string>;

const sql = () => getDb().$client;

beforeAll(async () => {
  emu = await startTestEmulator({ seed: 23, users: 220, groups: 10, apps: 6, logDays: 1 });
  const tenant = await createTenant();
  workspaceId = tenant.ws.id;
  const admin2 = await createUser(workspaceId, "admin");
  const operator = await createUser(workspaceId, "operator");
  const operator2 = await createUser(workspaceId, "operator");
  ids.admin = tenant.admin.id;
  ids.admin2 = admin2.id;
  ids.operator = operator.id;
  keys.admin = tenant.adminKey;
  keys.viewer = tenant.viewerKey;
  keys.admin2 = await createApiKey(workspaceId, admin2.id);
  keys.operator = await createApiKey(workspaceId, operator.id);
  keys.operator2 = await createApiKey(workspaceId, operator2.id);
  // A read-only key of an admin acts as a viewer.
  const ro = generateApiKey();
  await getDb()
    .insert(apiKeys)
    .values({ workspaceId, userId: tenant.admin.id, name: "ro", prefix: ro.prefix, keyHash: ro.keyHash, readOnly: true });
  keys.readOnly = ro.key;

  const app = emu.app("admin-key");
  const { integration } = await connectIntegration({
    ctx: userCtx({ userId: tenant.admin.id, workspaceId, email: tenant.admin.email, name: "", role: "admin", via: "api_key" }),
    input: {
      name: "Okta",
      domain: emu.url,
      auth: { method: "private_key_jwt", clientId: app.clientId, privateKey: app.privateKeyPem!, keyId: app.kid },
      scopes: [...ALL_SCOPES],
      allowActions: true,
    },
  });
  integrationId = integration.id;
  const [run] = await sql()`select id from sync_runs where integration_id = ${integrationId} and status = 'queued'`;
  expect(await runSync(run.id)).toEqual({ claimed: true, status: "succeeded" });
}, 180_000);

afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

// ---- helpers ----------------------------------------------------------------------------------------

const truth = <T = Obj[]>(part: string) => emu.control<T>("GET", `/truth/${part}`);
const taken = new Set<string>();

/** People of the emulator's org with a status, each handed to one test only. */
async function pick(status: string, n = 1, where: (u: Obj) => boolean = () => true): Promise<Obj[]> {
  const users = (await truth("users")).filter((u) => u.status === status && !taken.has(u.id) && where(u));
  if (users.length < n) throw new Error(`only ${users.length} ${status} users left`);
  const out = users.slice(0, n);
  for (const u of out) taken.add(u.id);
  return out;
}

type Who = keyof typeof keys;
async function call(
  handler: Parameters<typeof callRoute>[0],
  path: string,
  who: Who,
  opts: { method?: string; body?: unknown; params?: Obj } = {},
) {
  const res = await callRoute(handler, path, { key: keys[who], method: opts.method ?? "GET", body: opts.body, params: opts.params });
  return { status: res.status, body: (await res.json()) as Obj };
}

const requestAs = (who: Who, body: Obj) =>
  call(requestRoute, `/api/integrations/${integrationId}/actions`, who, { method: "POST", body, params: { id: integrationId } });
const previewAs = (who: Who, body: Obj) =>
  call(previewRoute, `/api/integrations/${integrationId}/actions/preview`, who, { method: "POST", body, params: { id: integrationId } });
const approveAs = (who: Who, id: string, body: Obj = {}) =>
  call(approveRoute, `/api/actions/${id}/approve`, who, { method: "POST", body, params: { id } });
const denyAs = (who: Who, id: string, body: Obj) =>
  call(denyRoute, `/api/actions/${id}/deny`, who, { method: "POST", body, params: { id } });
const cancelAs = (who: Who, id: string) => call(cancelRoute, `/api/actions/${id}/cancel`, who, { method: "POST", params: { id } });
const getAs = (who: Who, id: string) => call(getRoute, `/api/actions/${id}`, who, { params: { id } });
const setPolicy = (body: Obj) => call(patchPolicyRoute, "/api/approval-policy", "admin", { method: "PATCH", body });

const requestCount = async () =>
  (await sql()`select count(*)::int as n from action_requests where workspace_id = ${workspaceId}`)[0].n as number;

async function auditOf(requestId: string) {
  return getDb().select().from(auditLog).where(eq(auditLog.requestId, requestId)).orderBy(asc(auditLog.seq));
}

/** The action.execute jobs pg-boss holds for a request. */
async function jobsFor(requestId: string) {
  return sql()`select state from pgboss.job where name = 'action.execute' and data->>'requestId' = ${requestId}`;
}

async function syncedAppCount(userId: string) {
  const [r] =
    await sql()`select count(*)::int as n from okta_app_users where integration_id = ${integrationId} and user_id = ${userId} and deleted_at is null`;
  return r.n as number;
}

// ---- preview and request ----------------------------------------------------------------------------

describe("preview", () => {
  it("describes a deactivation from a fresh read and the synced app assignments, and creates nothing", async () => {
    const [u] = await pick("ACTIVE", 1, (x) => x.profile.login);
    const apps = await syncedAppCount(u.id);
    const before = await requestCount();
    const res = await previewAs("operator", { kind: "user.deactivate", target: { userId: u.id } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: "user.deactivate", label: "Deactivate", destructive: true, refused: 0 });
    const t = res.body.targets[0];
    expect(t).toMatchObject({ seq: 0, userId: u.id, label: u.profile.login, allowed: true, refusal: null, status: "ACTIVE" });
    expect(t.effect).toContain(`Deactivate ${u.profile.login}: ends ${apps} app assignment`);
    expect(t.effect).toContain("cannot be undone except by reactivation");
    if (apps) expect(t.lists[0]).toMatchObject({ title: "App assignments that end", total: apps });
    expect(res.body.warning).toBeTruthy();
    expect(await requestCount()).toBe(before);
    // The audit log records that a preview was made (by whom, about whom), not a request.
    const [entry] =
      await sql()`select * from audit_log where workspace_id = ${workspaceId} and action = 'request.previewed' order by seq desc limit 1`;
    expect(entry).toMatchObject({ kind: "user.deactivate", request_id: null, actor_user_id: ids.operator });
    expect(entry.target).toMatchObject({ userId: u.id });
  });

  it("says why a state does not allow the kind, per target", async () => {
    const [gone] = await pick("DEPROVISIONED");
    const res = await previewAs("operator", { kind: "user.suspend", target: { userId: gone.id } });
    expect(res.status).toBe(200);
    expect(res.body.refused).toBe(1);
    expect(res.body.targets[0]).toMatchObject({ allowed: false, refusal: { code: "state" }, status: "DEPROVISIONED" });
    expect(res.body.targets[0].refusal.reason).toBe(`Suspend needs an ACTIVE person; ${gone.profile.login} is DEPROVISIONED.`);
    expect(res.body.targets[0].effect).toBe(res.body.targets[0].refusal.reason);
    // The end state already there is a refusal of its own kind.
    const [u] = await pick("ACTIVE");
    const already = await previewAs("operator", { kind: "user.unsuspend", target: { userId: u.id } });
    expect(already.body.targets[0]).toMatchObject({
      allowed: false,
      refusal: { code: "already", reason: `${u.profile.login} is already ACTIVE.` },
    });
  });

  it("a group membership names the group and the apps it brings", async () => {
    const groups = (await truth("groups")).filter((g) => g.type === "OKTA_GROUP");
    const memberships = await truth<{ groupId: string; userIds: string[] }[]>("memberships");
    const g = groups[0];
    const members = memberships.find((m) => m.groupId === g.id)?.userIds ?? [];
    const [u] = await pick("ACTIVE", 1, (x) => !members.includes(x.id));
    const res = await previewAs("operator", { kind: "group.add_member", target: { groupId: g.id, userId: u.id } });
    expect(res.status).toBe(200);
    expect(res.body.targets[0]).toMatchObject({ allowed: true, label: `${u.profile.login} in ${g.profile.name}` });
    expect(res.body.targets[0].effect).toContain(`Add ${u.profile.login} to ${g.profile.name}`);
  });
});

describe("request", () => {
  it("a kind with policy none is queued at once, with its job sent and its audit entries", async () => {
    const [u] = await pick("ACTIVE");
    const res = await requestAs("operator", { kind: "user.suspend", target: { userId: u.id }, reason: "Laptop reported stolen" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: "user.suspend",
      status: "queued",
      reason: "Laptop reported stolen",
      requiredApprovals: 0,
      requestedBy: { id: ids.operator },
      target: { userId: u.id, label: u.profile.login },
      targetCount: 1,
      targetCounts: { queued: 1 },
      expiresAt: null,
    });
    expect(res.body.preview.targets[0].effect).toContain(`Suspend ${u.profile.login}`);
    expect(res.body.targets[0]).toMatchObject({ seq: 0, status: "queued", hasSecret: false });
    expect(res.body.audit.map((a: Obj) => a.action)).toEqual(["request.created", "request.queued"]);
    expect(res.body.audit[0].detail).toMatchObject({ reason: "Laptop reported stolen", policy: "none", requiredApprovals: 0 });
    expect(await jobsFor(res.body.id)).toHaveLength(1);
  });

  it("a state the kind does not allow is refused with the reason, and nothing is stored", async () => {
    const [u] = await pick("DEPROVISIONED");
    const before = await requestCount();
    const res = await requestAs("operator", { kind: "user.suspend", target: { userId: u.id }, reason: "test" });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/^Suspend needs an ACTIVE person; .* is DEPROVISIONED\.$/);
    expect(res.body.error.details.targets[0]).toMatchObject({ seq: 0, code: "state" });
    expect(await requestCount()).toBe(before);
  });

  it("refuses bad input with a 400 naming the field, and stores nothing", async () => {
    const before = await requestCount();
    const [u] = await pick("ACTIVE");
    const cases: [Obj, string][] = [
      [{ kind: "user.suspend", target: { userId: u.id } }, "reason"],
      [{ kind: "user.suspend", target: { userId: u.id }, reason: "   " }, "reason"],
      [{ kind: "user.suspend", target: { userId: u.id }, reason: "x".repeat(1001) }, "reason"],
      [{ kind: "user.frobnicate", target: { userId: u.id }, reason: "x" }, "kind"],
      [{ kind: "user.suspend", target: {}, reason: "x" }, "target.userId"],
      [{ kind: "user.suspend", target: { userId: "bad id!" }, reason: "x" }, "target.userId"],
      [{ kind: "user.suspend", target: { userId: u.id, groupId: "00g1" }, reason: "x" }, "target.groupId"],
      [{ kind: "group.add_member", target: { userId: u.id }, reason: "x" }, "target.groupId"],
      [{ kind: "user.suspend", targets: [{ userId: u.id }, { userId: u.id }], reason: "x" }, "targets.1"],
      [{ kind: "user.suspend", target: { userId: u.id }, params: { sendEmail: true }, reason: "x" }, "params"],
      [{ kind: "user.update_profile", target: { userId: u.id }, params: { profile: {} }, reason: "x" }, "params.profile"],
      [{ kind: "user.suspend", target: { userId: u.id }, targets: [{ userId: u.id }], reason: "x" }, "targets"],
    ];
    for (const [body, field] of cases) {
      const res = await requestAs("operator", body);
      expect(res.status, JSON.stringify(body).slice(0, 120)).toBe(400);
      expect(
        res.body.error.details.fields.map((f: Obj) => f.field),
        JSON.stringify(body).slice(0, 120),
      ).toContain(field);
    }
    expect(await requestCount()).toBe(before);
  });

  it("a kind the integration's credentials do not allow is a 422 naming kind", async () => {
    await getDb().update(integrations).set({ allowActions: false }).where(eq(integrations.id, integrationId));
    try {
      const [u] = await pick("ACTIVE");
      const res = await requestAs("operator", { kind: "user.suspend", target: { userId: u.id }, reason: "x" });
      expect(res.status).toBe(422);
      expect(res.body.error.message).toMatch(/Actions are off/);
      expect(res.body.error.details.fields[0].field).toBe("kind");
    } finally {
      await getDb().update(integrations).set({ allowActions: true }).where(eq(integrations.id, integrationId));
    }
  });

  it("a viewer and a read-only API key cannot request; an operator and an admin can", async () => {
    const [u] = await pick("ACTIVE");
    const body = { kind: "user.expire_password", target: { userId: u.id }, reason: "x" };
    const viewer = await requestAs("viewer", body);
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.message).toMatch(/Only operators and admins can do this; your role is viewer/);
    const ro = await requestAs("readOnly", body);
    expect(ro.status).toBe(403);
    expect(ro.body.error.message).toMatch(/read-only/);
    expect((await previewAs("viewer", body)).status).toBe(403);
    // Both may read requests.
    const made = await requestAs("admin", body);
    expect(made.status).toBe(201);
    expect((await getAs("viewer", made.body.id)).status).toBe(200);
  });
});

// ---- approvals ---------------------------------------------------------------------------------------

describe("approvals", () => {
  it("one_admin by default for deactivate: pending with an expiry; the operator cannot approve; the requesting admin cannot approve their own; another admin can, and the job is sent", async () => {
    const [u] = await pick("ACTIVE");
    const mine = await requestAs("admin", { kind: "user.deactivate", target: { userId: u.id }, reason: "Left the company" });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ status: "pending_approval", requiredApprovals: 1, approvals: 0 });
    const hours = (new Date(mine.body.expiresAt).getTime() - new Date(mine.body.createdAt).getTime()) / 3600_000;
    expect(hours).toBeCloseTo(72, 5);
    expect(await jobsFor(mine.body.id)).toHaveLength(0);
    expect(mine.body.can).toEqual({
      approve: { ok: false, why: "You requested this action: another admin must approve it." },
      deny: { ok: false, why: "You requested this action: cancel it instead." },
      cancel: { ok: true, why: null },
    });

    const byOperator = await approveAs("operator", mine.body.id);
    expect(byOperator.status).toBe(403);
    expect(byOperator.body.error.message).toBe("Only admins can do this; your role is operator");

    const self = await approveAs("admin", mine.body.id);
    expect(self.status).toBe(403);
    expect(self.body.error).toMatchObject({
      message: "You requested this action: another admin must approve it.",
      details: { reason: "SELF_APPROVAL" },
    });

    const ok = await approveAs("admin2", mine.body.id, { comment: "Confirmed with HR" });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: "queued", approvals: 1 });
    expect(ok.body.decidedAt).not.toBeNull();
    expect(ok.body.decisions).toEqual([expect.objectContaining({ userId: ids.admin2, decision: "approve", comment: "Confirmed with HR" })]);
    expect(ok.body.audit.map((a: Obj) => a.action)).toEqual(["request.created", "request.approved", "request.queued"]);
    expect(ok.body.audit[1]).toMatchObject({ actor: { userId: ids.admin2 }, detail: { comment: "Confirmed with HR", approvals: 1 } });
    expect(await jobsFor(mine.body.id)).toHaveLength(1);

    // Decided: a second approval is refused.
    const again = await approveAs("admin2", mine.body.id);
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe("NOT_PENDING");
  });

  it("two_admins needs two distinct admins; one admin twice does not count", async () => {
    expect((await setPolicy({ "user.reset_factors": "two_admins" })).status).toBe(200);
    try {
      const [u] = await pick("ACTIVE");
      const r = await requestAs("operator", { kind: "user.reset_factors", target: { userId: u.id }, reason: "Lost phone" });
      expect(r.body).toMatchObject({ status: "pending_approval", requiredApprovals: 2 });
      const first = await approveAs("admin", r.body.id);
      expect(first.body).toMatchObject({ status: "pending_approval", approvals: 1 });
      expect(await jobsFor(r.body.id)).toHaveLength(0);
      const twice = await approveAs("admin", r.body.id);
      expect(twice.status).toBe(409);
      expect(twice.body.error.details.reason).toBe("ALREADY_DECIDED");
      const second = await approveAs("admin2", r.body.id);
      expect(second.body).toMatchObject({ status: "queued", approvals: 2 });
      expect(await jobsFor(r.body.id)).toHaveLength(1);
      expect(second.body.audit.map((a: Obj) => a.action)).toEqual([
        "request.created",
        "request.approved",
        "request.approved",
        "request.queued",
      ]);
    } finally {
      await setPolicy({ "user.reset_factors": "one_admin" });
    }
  });

  it("deny needs a comment; a denied request skips its targets and cannot be approved", async () => {
    const [u] = await pick("ACTIVE");
    const r = await requestAs("operator", { kind: "user.deactivate", target: { userId: u.id }, reason: "Offboarding" });
    const noComment = await denyAs("admin", r.body.id, {});
    expect(noComment.status).toBe(400);
    expect(noComment.body.error.details.fields[0].field).toBe("comment");
    const blank = await denyAs("admin", r.body.id, { comment: "  " });
    expect(blank.status).toBe(400);
    expect((await denyAs("operator", r.body.id, { comment: "no" })).status).toBe(403);
    const denied = await denyAs("admin", r.body.id, { comment: "Not approved by the manager" });
    expect(denied.status).toBe(200);
    expect(denied.body).toMatchObject({ status: "denied", targetCounts: { skipped: 1, queued: 0 } });
    expect(denied.body.targets[0]).toMatchObject({ status: "skipped", errorCode: "request_denied" });
    expect(denied.body.audit.at(-1)).toMatchObject({ action: "request.denied", detail: { comment: "Not approved by the manager" } });
    expect((await approveAs("admin2", r.body.id)).status).toBe(409);
  });

  it("a pending request expires after the workspace's window: by the tick, or on the spot when someone tries to decide it", async () => {
    const set = await setPolicy({ expiryHours: 2 });
    expect(set.body).toMatchObject({ expiryHours: 2, expiryHoursCustom: true });
    try {
      const [a, b] = await pick("ACTIVE", 2);
      const r1 = await requestAs("operator", { kind: "user.deactivate", target: { userId: a.id }, reason: "x" });
      const r2 = await requestAs("operator", { kind: "user.deactivate", target: { userId: b.id }, reason: "x" });
      const hours = (new Date(r1.body.expiresAt).getTime() - new Date(r1.body.createdAt).getTime()) / 3600_000;
      expect(hours).toBeCloseTo(2, 5);
      // Two hours and a minute later, as far as the requests know.
      await sql()`update action_requests set expires_at = now() - interval '1 minute' where id in ${sql()([r1.body.id, r2.body.id])}`;

      const late = await approveAs("admin", r1.body.id);
      expect(late.status).toBe(409);
      expect(late.body.error.details.reason).toBe("EXPIRED");
      expect((await getAs("viewer", r1.body.id)).body).toMatchObject({ status: "expired", targetCounts: { skipped: 1 } });

      expect(await expireActions()).toBeGreaterThanOrEqual(1);
      const r2after = await getAs("viewer", r2.body.id);
      expect(r2after.body.status).toBe("expired");
      expect(r2after.body.audit.at(-1)).toMatchObject({ action: "request.expired", actor: { userId: null, label: "system" } });
      expect(await jobsFor(r2.body.id)).toHaveLength(0);
    } finally {
      const back = await setPolicy({ expiryHours: null });
      expect(back.body).toMatchObject({ expiryHours: 72, expiryHoursCustom: false });
    }
  });

  it("cancel: by the requester or an admin, before it runs; not by another operator", async () => {
    const [a, b] = await pick("ACTIVE", 2);
    const r1 = await requestAs("operator", { kind: "user.deactivate", target: { userId: a.id }, reason: "x" });
    const other = await cancelAs("operator2", r1.body.id);
    expect(other.status).toBe(403);
    expect(other.body.error.details.reason).toBe("NOT_REQUESTER");
    const own = await cancelAs("operator", r1.body.id);
    expect(own.body).toMatchObject({ status: "cancelled", targetCounts: { skipped: 1 } });
    expect(own.body.audit.at(-1)).toMatchObject({ action: "request.cancelled", detail: { from: "pending_approval" } });
    expect((await cancelAs("operator", r1.body.id)).status).toBe(409);
    expect((await approveAs("admin", r1.body.id)).status).toBe(409);

    const r2 = await requestAs("operator", { kind: "user.deactivate", target: { userId: b.id }, reason: "x" });
    expect((await cancelAs("admin", r2.body.id)).body.status).toBe("cancelled");
    expect((await cancelAs("viewer", r2.body.id)).status).toBe(403);

    // Once running, it cannot be cancelled: its calls may have reached Okta.
    const [c] = await pick("ACTIVE");
    const r3 = await requestAs("operator", { kind: "user.suspend", target: { userId: c.id }, reason: "x" });
    await getDb().update(actionRequests).set({ status: "running" }).where(eq(actionRequests.id, r3.body.id));
    const running = await cancelAs("operator", r3.body.id);
    expect(running.status).toBe(409);
    expect(running.body.error.details.reason).toBe("STARTED");
  });

  it("a request of another workspace is a 404", async () => {
    const stranger = await createTenant();
    const [u] = await pick("ACTIVE");
    const r = await requestAs("operator", { kind: "user.deactivate", target: { userId: u.id }, reason: "x" });
    const res = await callRoute(getRoute, `/api/actions/${r.body.id}`, { key: stranger.adminKey, params: { id: r.body.id } });
    expect(res.status).toBe(404);
    const approve = await callRoute(approveRoute, `/api/actions/${r.body.id}/approve`, {
      key: stranger.adminKey,
      method: "POST",
      body: {},
      params: { id: r.body.id },
    });
    expect(approve.status).toBe(404);
  });
});

// ---- batches -----------------------------------------------------------------------------------------

describe("batches", () => {
  it("50 people are one request under one approval, each target with its own row", async () => {
    const people = await pick("ACTIVE", 50);
    const r = await requestAs("operator", {
      kind: "user.deactivate",
      targets: people.map((p) => ({ userId: p.id })),
      reason: "Contractor agency offboarded",
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: "pending_approval", targetCount: 50, targetCounts: { queued: 50 }, requiredApprovals: 1 });
    expect(r.body.preview.summary).toBe("Deactivate: 50 targets.");
    expect(r.body.targets.map((t: Obj) => t.userId)).toEqual(people.map((p) => p.id));
    const ok = await approveAs("admin", r.body.id);
    expect(ok.body).toMatchObject({ status: "queued", approvals: 1 });
    expect(await jobsFor(r.body.id)).toHaveLength(1);
    const targets = await getDb().select().from(actionTargets).where(eq(actionTargets.requestId, r.body.id));
    expect(targets).toHaveLength(50);
    expect(await sql()`select 1 from action_requests where id = ${r.body.id}`).toHaveLength(1);
  }, 60_000);

  it("targets whose state refuses the kind are skipped with their reason; the rest goes ahead", async () => {
    const [active] = await pick("ACTIVE");
    const [gone] = await pick("DEPROVISIONED");
    const r = await requestAs("operator", { kind: "user.suspend", targets: [{ userId: active.id }, { userId: gone.id }], reason: "x" });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: "queued", targetCounts: { queued: 1, skipped: 1 } });
    expect(r.body.preview.summary).toBe("Suspend: 2 targets; 1 is refused and would be skipped.");
    expect(r.body.targets[1]).toMatchObject({ status: "skipped", errorCode: "refused_state" });
    expect(r.body.targets[1].errorSummary).toMatch(/is DEPROVISIONED/);
    expect(r.body.audit.map((a: Obj) => a.action)).toEqual(["request.created", "action.skipped", "request.queued"]);
    // Every target refused: the batch is refused as a whole.
    const [gone2] = await pick("DEPROVISIONED");
    const none = await requestAs("operator", { kind: "user.suspend", targets: [{ userId: gone2.id }], reason: "x" });
    expect(none.status).toBe(422);
  });
});

// ---- lists, counts, policy, one-time links -------------------------------------------------------------

describe("reading requests", () => {
  it("lists newest first with filters and keyset pages", async () => {
    const all = await call(listRoute, "/api/actions?limit=200", "viewer");
    expect(all.status).toBe(200);
    const items = all.body.items as Obj[];
    expect(items.length).toBeGreaterThan(5);
    const times = items.map((i) => new Date(i.createdAt).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    // Paging two at a time gives the same list.
    const paged: Obj[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: Obj } = await call(
        listRoute,
        `/api/actions?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        "viewer",
      );
      paged.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(paged.map((i) => i.id)).toEqual(items.map((i) => i.id));

    const pending = await call(listRoute, "/api/actions?status=pending_approval,denied&kind=user.deactivate", "viewer");
    expect(pending.body.items.length).toBeGreaterThan(0);
    for (const i of pending.body.items) {
      expect(["pending_approval", "denied"]).toContain(i.status);
      expect(i.kind).toBe("user.deactivate");
    }
    const mine = await call(listRoute, "/api/actions?mine=true", "admin");
    for (const i of mine.body.items) expect(i.requestedBy.id).toBe(ids.admin);
    expect((await call(listRoute, `/api/actions?integrationId=${randomUUID()}`, "viewer")).body.items).toEqual([]);
    const bad = await call(listRoute, "/api/actions?status=nope", "viewer");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toMatch(/^status/);
    expect((await call(listRoute, "/api/actions?cursor=abc", "viewer")).status).toBe(400);
  });

  it("the pending count says how many wait and how many the caller may approve", async () => {
    const [u] = await pick("ACTIVE");
    await requestAs("admin", { kind: "user.deactivate", target: { userId: u.id }, reason: "x" });
    const [{ n }] =
      await sql()`select count(*)::int as n from action_requests where workspace_id = ${workspaceId} and status = 'pending_approval' and expires_at > now()`;
    const [{ mine }] =
      await sql()`select count(*)::int as mine from action_requests where workspace_id = ${workspaceId} and status = 'pending_approval' and expires_at > now() and requested_by = ${ids.admin}`;
    const forAdmin = await call(pendingCountRoute, "/api/actions/pending-count", "admin");
    expect(forAdmin.body).toEqual({ pending: n, awaitingMe: n - mine });
    const forOperator = await call(pendingCountRoute, "/api/actions/pending-count", "operator");
    expect(forOperator.body).toEqual({ pending: n, awaitingMe: 0 });
  });

  it("the approval policy: defaults, a change recorded in the audit log, admins only", async () => {
    const got = await call(getPolicyRoute, "/api/approval-policy", "viewer");
    expect(got.status).toBe(200);
    expect(got.body.defaults).toMatchObject({
      "user.deactivate": "one_admin",
      "user.delete": "one_admin",
      "user.reset_factors": "one_admin",
      "user.suspend": "none",
    });
    expect(got.body.expiryHours).toBe(72);
    expect(
      (await call(patchPolicyRoute, "/api/approval-policy", "operator", { method: "PATCH", body: { "user.suspend": "one_admin" } })).status,
    ).toBe(403);
    const bad = await setPolicy({ "user.suspend": "three_admins" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe("user.suspend");
    expect((await setPolicy({})).status).toBe(400);
    expect((await setPolicy({ expiryHours: 0 })).status).toBe(400);
    const changed = await setPolicy({ "user.unlock": "one_admin" });
    expect(changed.body.policies["user.unlock"]).toBe("one_admin");
    const [entry] =
      await sql()`select * from audit_log where workspace_id = ${workspaceId} and action = 'approval_policy.changed' order by seq desc limit 1`;
    expect(entry.detail).toEqual({ policies: { "user.unlock": { from: "none", to: "one_admin" } } });
    await setPolicy({ "user.unlock": "none" });
  });

  it("a one-time link is shown once, to the requester only, and never in the request's view", async () => {
    const [u] = await pick("ACTIVE");
    const r = await requestAs("operator", { kind: "user.expire_password", target: { userId: u.id }, reason: "x" });
    // As the executor leaves a link made without email: sealed on the target.
    const link = `https://example.okta.com/reset/${randomUUID()}`;
    await getDb()
      .update(actionTargets)
      .set({ secretSealed: seal(JSON.stringify({ resetPasswordUrl: link }), targetSecretAad(r.body.id, 0)) })
      .where(and(eq(actionTargets.requestId, r.body.id), eq(actionTargets.seq, 0)));
    const view = await getAs("admin", r.body.id);
    expect(view.body.targets[0].hasSecret).toBe(true);
    expect(JSON.stringify(view.body)).not.toContain(link);
    const reveal = (who: Who) =>
      call(revealRoute, `/api/actions/${r.body.id}/reveal`, who, { method: "POST", body: { seq: 0 }, params: { id: r.body.id } });
    expect((await reveal("admin")).status).toBe(403);
    const shown = await reveal("operator");
    expect(shown).toEqual({ status: 200, body: { seq: 0, secret: { resetPasswordUrl: link } } });
    const twice = await reveal("operator");
    expect(twice.status).toBe(409);
    expect(twice.body.error.details.reason).toBe("ALREADY_REVEALED");
    const after = await getAs("operator", r.body.id);
    expect(after.body.targets[0]).toMatchObject({ hasSecret: false });
    expect(after.body.targets[0].secretRevealedAt).not.toBeNull();
    expect(after.body.audit.at(-1)).toMatchObject({ action: "action.secret_revealed", detail: { fields: ["resetPasswordUrl"] } });
    expect(JSON.stringify(await auditOf(r.body.id))).not.toContain(link);

    // A sealed value moved from another target does not open here (its additional data binds it).
    await getDb()
      .update(actionTargets)
      .set({ secretSealed: seal(JSON.stringify({ resetPasswordUrl: link }), targetSecretAad(r.body.id, 1)), secretRevealedAt: null })
      .where(and(eq(actionTargets.requestId, r.body.id), eq(actionTargets.seq, 0)));
    const moved = await reveal("operator");
    expect(moved.status).toBe(409);
    expect(moved.body.error.details.reason).toBe("UNREADABLE");
  });
});
