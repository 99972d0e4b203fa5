// GET /api/integrations/{id}/actions/available against the emulator over real HTTP: what a person's,
// group's and app's page may offer, from the integration's credentials and a fresh read of the subject,
// with the reasons the request itself would give; a read-only integration offers nothing and does not
// call Okta; a viewer sees why they cannot request; a query naming no subject (or two) is a 400.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/integrations/[id]/actions/available/route";
import { POST as connectRoute } from "@/app/api/integrations/route";
import { ACTION_KINDS } from "@/db/enums";
import { stopBoss } from "@/lib/jobs/boss";
import { callRoute, type RouteHandler } from "@/test/call-route";
import { createApiKey, createTenant, createUser } from "@/test/factories";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { ALL_SCOPES } from "@/test/sync-fixtures";

// biome-ignore lint/suspicious/noExplicitAny: the emulator's truth and the API's JSON are read field by field
type Obj = Record<string, any>;

let emu: TestEmulator;
let t: Awaited<ReturnType<typeof createTenant>>;
let operatorKey: string;
let acting: string;
let readOnly: string;

async function connect(allowActions: boolean) {
  const a = emu.app("admin-key");
  const res = await callRoute(connectRoute as RouteHandler, "/api/integrations", {
    key: t.adminKey,
    method: "POST",
    body: {
      name: `okta-${Math.random().toString(36).slice(2, 8)}`,
      domain: emu.url,
      auth: { method: "private_key_jwt", clientId: a.clientId, privateKey: a.privateKeyPem, keyId: a.kid },
      scopes: [...ALL_SCOPES],
      allowActions,
    },
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as Obj).id as string;
}

beforeAll(async () => {
  emu = await startTestEmulator({ seed: 7, users: 80, groups: 40, apps: 15 });
  t = await createTenant();
  operatorKey = await createApiKey(t.ws.id, (await createUser(t.ws.id, "operator")).id);
  acting = await connect(true);
  readOnly = await connect(false);
}, 120_000);
afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

const truth = (part: string) => emu.control<Obj[]>("GET", `/truth/${part}`);
async function available(key: string, integrationId: string, query: string) {
  const res = await callRoute(GET as RouteHandler, `/api/integrations/${integrationId}/actions/available?${query}`, {
    key,
    params: { id: integrationId },
  });
  return { status: res.status, body: (await res.json()) as Obj };
}
const byKind = (body: Obj) => Object.fromEntries((body.kinds as Obj[]).map((k) => [k.kind, k]));

describe("the actions a page offers", () => {
  it("for an ACTIVE person: Suspend allowed, Unsuspend 'already', Activate refused with the lifecycle reason", async () => {
    const u = (await truth("users")).find((x) => x.status === "ACTIVE")!;
    const r = await available(operatorKey, acting, `userId=${u.id}`);
    expect(r.status).toBe(200);
    expect(r.body.subject).toEqual({ type: "user", id: u.id, status: "ACTIVE" });
    expect(r.body.canRequest).toEqual({ ok: true, why: null });
    expect(r.body.readError).toBeNull();
    const k = byKind(r.body);
    expect(Object.keys(k)).toEqual(ACTION_KINDS.filter((x) => x.startsWith("user.") && x !== "user.create"));
    expect(k["user.suspend"]).toMatchObject({ allowed: true, code: null, why: null, destructive: false, approval: "none" });
    expect(k["user.unsuspend"]).toMatchObject({ allowed: false, code: "already" });
    expect(k["user.activate"]).toMatchObject({
      allowed: false,
      code: "state",
      why: `Activate needs a STAGED or DEPROVISIONED person; ${u.profile.login} is ACTIVE.`,
    });
    expect(k["user.deactivate"]).toMatchObject({ allowed: true, destructive: true, approval: "one_admin" });
    expect(k["user.update_profile"]).toMatchObject({ allowed: true });
  });

  it("judges the person as Okta has them now, not as synced: a person suspended in Okta offers Unsuspend", async () => {
    const u = (await truth("users")).filter((x) => x.status === "ACTIVE")[1];
    await emu.control("POST", "/objects", { users: [{ id: u.id, status: "SUSPENDED" }] });
    const k = byKind((await available(t.adminKey, acting, `userId=${u.id}`)).body);
    expect(k["user.unsuspend"]).toMatchObject({ allowed: true });
    expect(k["user.suspend"]).toMatchObject({ allowed: false, code: "already" });
  });

  it("a person Okta does not have is 'gone' for every kind", async () => {
    const k = byKind((await available(t.adminKey, acting, "userId=00uNOSUCHUSER")).body);
    for (const v of Object.values(k)) expect(v).toMatchObject({ allowed: false, code: "gone" });
  });

  it("for groups: membership changes of an OKTA_GROUP allowed, of APP_GROUP and BUILT_IN refused with the reason", async () => {
    const groups = await truth("groups");
    const of = (type: string) => groups.find((g) => g.type === type)!;
    const okta = byKind((await available(t.adminKey, acting, `groupId=${of("OKTA_GROUP").id}`)).body);
    expect(Object.keys(okta)).toEqual(["group.add_member", "group.remove_member", "app.assign_group", "app.unassign_group"]);
    expect(okta["group.add_member"]).toMatchObject({ allowed: true });
    const app = await available(t.adminKey, acting, `groupId=${of("APP_GROUP").id}`);
    expect(app.body.subject.status).toBe("APP_GROUP");
    expect(byKind(app.body)["group.remove_member"]).toMatchObject({
      allowed: false,
      code: "type",
      why: expect.stringContaining("APP_GROUP"),
    });
    const everyone = byKind((await available(t.adminKey, acting, `groupId=${of("BUILT_IN").id}`)).body);
    expect(everyone["group.add_member"]).toMatchObject({ allowed: false, code: "type", why: expect.stringContaining("built-in") });
  });

  it("for an app: user and group assignments, allowed by the credentials", async () => {
    const app = (await truth("apps")).find((a) => a.status === "ACTIVE")!;
    const r = await available(t.adminKey, acting, `appId=${app.id}`);
    expect(r.body.subject).toMatchObject({ type: "app", status: "ACTIVE" });
    expect(r.body.kinds.map((k: Obj) => [k.kind, k.allowed])).toEqual([
      ["app.assign_user", true],
      ["app.unassign_user", true],
      ["app.assign_group", true],
      ["app.unassign_group", true],
    ]);
  });

  it("a read-only integration offers nothing, says why, and does not read Okta", async () => {
    const u = (await truth("users")).find((x) => x.status === "ACTIVE")!;
    const r = await available(t.adminKey, readOnly, `userId=${u.id}`);
    expect(r.body.subject.status).toBeNull();
    for (const k of r.body.kinds as Obj[])
      expect(k).toMatchObject({ allowed: false, code: "credentials", why: expect.stringContaining("Actions are off") });
  });

  it("a viewer sees the same answer with why they cannot request", async () => {
    const u = (await truth("users")).find((x) => x.status === "ACTIVE")!;
    const r = await available(t.viewerKey, acting, `userId=${u.id}`);
    expect(r.status).toBe(200);
    expect(r.body.canRequest).toEqual({ ok: false, why: "Only operators and admins request actions; your role is viewer." });
  });

  it("a query naming no subject, two subjects, or a bad id is a 400 naming the field", async () => {
    const none = await available(t.adminKey, acting, "");
    expect(none.status).toBe(400);
    expect(none.body.error.details.fields).toEqual([{ field: "userId", message: "give exactly one of userId, groupId and appId" }]);
    expect((await available(t.adminKey, acting, "userId=00u1&groupId=00g1")).status).toBe(400);
    const bad = await available(t.adminKey, acting, "userId=not%20an%20id");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0]).toMatchObject({ field: "userId", message: "is not an Okta id" });
  });
});
