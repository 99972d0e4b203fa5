// The write endpoints the console acts through (issue 15), over real HTTP: each one's effect on the
// org, its refusal in every status Okta refuses (with Okta's error body), scope and admin-role
// refusals, the System Log event it writes (actor = the calling app), event hook deliveries, and the
// faults that make an outcome unknown (response dropped after the write applied) or fail a write
// without applying it. Every request and response goes through testkit's call(), which checks both
// against Okta's OpenAPI spec.
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, clientAssertion, control, FORM, startSmall, tokenForm } from "./testkit";

let em: Awaited<ReturnType<typeof startSmall>>;
let truth: any;
/** Bearer headers of admin-key (SUPER_ADMIN, every scope): the actor of most writes below. */
let admin: Record<string, string>;
let adminApp: { clientId: string; name: string };
const hookEvents: any[] = [];
let hookServer: http.Server;
const started = new Date(Date.now() - 5000).toISOString();

const q = encodeURIComponent;
const STATUSES = ["STAGED", "PROVISIONED", "ACTIVE", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT", "SUSPENDED", "DEPROVISIONED"] as const;
type Status = (typeof STATUSES)[number];

async function bearer(app: { clientId: string; privateJwk: any; kid?: string }, scope: string) {
  const aud = `${em.url}/oauth2/v1/token`;
  const r = await call(aud, { method: "POST", headers: FORM, body: tokenForm(await clientAssertion(app, aud), scope) });
  if (r.status !== 200) throw new Error(`token: ${r.text}`);
  return { authorization: `Bearer ${r.body.access_token}` };
}

/** A service app with these roles and scopes, and a token for it. */
async function appWith(name: string, roles: string[], scopes: string[]) {
  const app = await control(em.url, "/apps", "POST", { name, kind: "service", roles, scopes });
  return { app, headers: await bearer(app, scopes.join(" ")) };
}

let n = 0;
/** A user planted in exactly this status (no password when STAGED or PROVISIONED). */
async function userIn(status: Status, profile: Record<string, unknown> = {}) {
  n++;
  const planted = await control(em.url, "/objects", "POST", {
    users: [
      {
        status,
        profile: {
          login: `w${n}.${status.toLowerCase()}@example.com`,
          email: `w${n}@example.com`,
          firstName: "Wri",
          lastName: `Ter${n}`,
          ...profile,
        },
      },
    ],
  });
  return planted.users[0] as { id: string; status: string; profile: Record<string, any> };
}

const api = (p: string, init: Parameters<typeof call>[1] = {}) => call(`${em.url}/api/v1${p}`, { headers: admin, ...init });
const getUser = async (id: string) => (await api(`/users/${id}`)).body;

/** System Log events of a type about a target, written since the suite started. */
async function events(type: string, targetId: string) {
  const r = await api(`/logs?since=${q(started)}&filter=${q(`eventType eq "${type}" and target.id eq "${targetId}"`)}`);
  expect(r.status).toBe(200);
  return r.body as any[];
}

async function hookDelivered(type: string, targetId: string) {
  for (let i = 0; i < 200; i++) {
    const hit = hookEvents.find((e) => e.eventType === type && e.target.some((t: any) => t.id === targetId));
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no ${type} about ${targetId} reached the hook`);
}

const everyoneId = () => truth.groups.find((g: any) => g.type === "BUILT_IN").id as string;
/** An app that Everyone is not assigned to (so a new person does not hold it already). */
const appWithoutEveryone = (not?: string) =>
  truth.apps.find((a: any) => a.id !== not && !truth.appGroups[a.id].some((g: any) => g.id === everyoneId()));
/** An OKTA_GROUP assigned to an app that Everyone is not assigned to. */
function appThroughGroup(): { appId: string; groupId: string } {
  const okta = new Set(truth.groups.filter((g: any) => g.type === "OKTA_GROUP").map((g: any) => g.id));
  for (const a of truth.apps) {
    const gs = truth.appGroups[a.id] as { id: string }[];
    if (gs.some((g) => g.id === everyoneId())) continue;
    const g = gs.find((x) => okta.has(x.id));
    if (g) return { appId: a.id, groupId: g.id };
  }
  throw new Error("the test tenant has no app assigned to an OKTA_GROUP");
}

const errorBody = (code: string) => ({ errorCode: code, errorLink: code, errorId: expect.any(String), errorSummary: expect.any(String) });

beforeAll(async () => {
  em = await startSmall({ rateLimits: false });
  truth = await control(em.url, "/truth");
  adminApp = { clientId: em.app("admin-key").clientId, name: "admin-key" };
  admin = await bearer(em.app("admin-key"), "okta.users.manage okta.groups.manage okta.apps.manage okta.logs.read okta.eventHooks.manage");
  hookServer = http.createServer((req, res) => {
    if (req.method === "GET") {
      res.setHeader("content-type", "application/json");
      return res.end(JSON.stringify({ verification: req.headers["x-okta-verification-challenge"] }));
    }
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      hookEvents.push(...JSON.parse(raw).data.events);
      res.statusCode = 200;
      res.end();
    });
  });
  await new Promise<void>((r) => hookServer.listen(0, "127.0.0.1", r));
  const items = [
    "user.lifecycle.create",
    "user.lifecycle.activate",
    "user.lifecycle.reactivate",
    "user.lifecycle.deactivate",
    "user.lifecycle.suspend",
    "user.lifecycle.unsuspend",
    "user.lifecycle.delete.initiated",
    "user.account.unlock_by_admin",
    "user.account.reset_password",
    "user.account.expire_password",
    "user.account.update_profile",
    "user.mfa.factor.reset_all",
    "user.session.clear",
    "group.user_membership.add",
    "group.user_membership.remove",
    "application.user_membership.add",
    "application.user_membership.remove",
    "group.application_assignment.add",
    "group.application_assignment.remove",
  ];
  const hook = await api("/eventHooks", {
    method: "POST",
    json: {
      name: "writes",
      events: { type: "EVENT_TYPE", items },
      channel: { type: "HTTP", version: "1.0.0", config: { uri: `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/h` } },
    },
  });
  expect((await api(`/eventHooks/${hook.body.id}/lifecycle/verify`, { method: "POST" })).body.verificationStatus).toBe("VERIFIED");
});
afterAll(async () => {
  await em.close();
  hookServer.close();
});

describe("lifecycle operations: every status Okta allows, and Okta's refusal in every other", () => {
  // op, event, [allowed status -> status after], refused statuses -> [http status, errorCode]
  const table: [string, string, Partial<Record<Status, Status>>, [number, string]][] = [
    ["activate", "user.lifecycle.activate", { STAGED: "PROVISIONED", DEPROVISIONED: "ACTIVE" }, [403, "E0000016"]],
    ["reactivate", "user.lifecycle.reactivate", { PROVISIONED: "PROVISIONED", RECOVERY: "RECOVERY" }, [403, "E0000038"]],
    [
      "deactivate",
      "user.lifecycle.deactivate",
      {
        STAGED: "DEPROVISIONED",
        PROVISIONED: "DEPROVISIONED",
        ACTIVE: "DEPROVISIONED",
        RECOVERY: "DEPROVISIONED",
        PASSWORD_EXPIRED: "DEPROVISIONED",
        LOCKED_OUT: "DEPROVISIONED",
        SUSPENDED: "DEPROVISIONED",
      },
      [403, "E0000038"],
    ],
    ["suspend", "user.lifecycle.suspend", { ACTIVE: "SUSPENDED" }, [400, "E0000001"]],
    ["unsuspend", "user.lifecycle.unsuspend", { SUSPENDED: "ACTIVE" }, [400, "E0000001"]],
    ["unlock", "user.account.unlock_by_admin", { LOCKED_OUT: "ACTIVE", ACTIVE: "ACTIVE" }, [403, "E0000032"]],
    [
      "reset_password",
      "user.account.reset_password",
      { PROVISIONED: "RECOVERY", ACTIVE: "RECOVERY", RECOVERY: "RECOVERY", PASSWORD_EXPIRED: "RECOVERY", LOCKED_OUT: "RECOVERY" },
      [403, "E0000038"],
    ],
    [
      "expire_password",
      "user.account.expire_password",
      { ACTIVE: "PASSWORD_EXPIRED", RECOVERY: "PASSWORD_EXPIRED", PASSWORD_EXPIRED: "PASSWORD_EXPIRED", LOCKED_OUT: "PASSWORD_EXPIRED" },
      [403, "E0000038"],
    ],
    [
      "reset_factors",
      "user.mfa.factor.reset_all",
      {
        STAGED: "STAGED",
        PROVISIONED: "PROVISIONED",
        ACTIVE: "ACTIVE",
        RECOVERY: "RECOVERY",
        PASSWORD_EXPIRED: "PASSWORD_EXPIRED",
        LOCKED_OUT: "LOCKED_OUT",
        SUSPENDED: "SUSPENDED",
      },
      [403, "E0000038"],
    ],
  ];

  for (const [op, event, allowed, [refusedStatus, refusedCode]] of table) {
    it(`${op}: ${Object.keys(allowed).join(", ")} allowed; the rest ${refusedStatus} ${refusedCode}, unchanged and unlogged`, async () => {
      for (const from of STATUSES) {
        const u = await userIn(from);
        const before = await getUser(u.id);
        // Planting a user logs its creation (and activation): count what this call adds.
        const earlier = (await events(event, u.id)).length;
        const query = ["activate", "reactivate", "reset_password"].includes(op) ? "?sendEmail=false" : "";
        const r = await api(`/users/${u.id}/lifecycle/${op}${query}`, { method: "POST" });
        const to = allowed[from];
        if (to) {
          expect(r.status, `${op} from ${from}`).toBe(200);
          const after = await getUser(u.id);
          expect(after.status, `${op} from ${from}`).toBe(to);
          expect(Date.parse(after.lastUpdated)).toBeGreaterThanOrEqual(Date.parse(before.lastUpdated));
          const logged = (await events(event, u.id)).slice(earlier);
          expect(logged, `${op} from ${from}`).toHaveLength(1);
          expect(logged[0].actor).toMatchObject({ id: adminApp.clientId, type: "PublicClientApp", displayName: adminApp.name });
          expect(logged[0].target).toEqual([expect.objectContaining({ id: u.id, type: "User", alternateId: u.profile.login })]);
          expect(logged[0].outcome.result).toBe("SUCCESS");
          expect(logged[0].debugContext.debugData.requestUri).toBe(`/api/v1/users/${u.id}/lifecycle/${op}`);
        } else {
          expect([r.status, r.body], `${op} from ${from}`).toEqual([refusedStatus, expect.objectContaining(errorBody(refusedCode))]);
          const after = await getUser(u.id);
          expect(after.status).toBe(from);
          expect(after.lastUpdated).toBe(before.lastUpdated);
          expect(await events(event, u.id)).toHaveLength(earlier);
        }
      }
    });
  }

  it("answers with Okta's bodies: activation and reset links only without email, the user from expire_password", async () => {
    const staged = await userIn("STAGED");
    const withEmail = await api(`/users/${staged.id}/lifecycle/activate`, { method: "POST" });
    expect([withEmail.status, withEmail.body]).toEqual([200, {}]);
    const again = await userIn("STAGED");
    const link = await api(`/users/${again.id}/lifecycle/activate?sendEmail=false`, { method: "POST" });
    expect(link.body.activationUrl).toBe(`${em.url}/tokens/${link.body.activationToken}/verify`);
    expect(link.body.activationToken).toMatch(/^[\w-]{20}$/);
    // PROVISIONED: activation started, not completed: `activated` stays null until ACTIVE.
    expect((await getUser(again.id)).activated).toBeNull();
    const re = await api(`/users/${again.id}/lifecycle/reactivate`, { method: "POST" });
    expect(Object.keys(re.body).sort()).toEqual(["activationToken", "activationUrl"]);
    const re2 = await api(`/users/${again.id}/lifecycle/reactivate?sendEmail=true`, { method: "POST" });
    expect(re2.body).toEqual({});

    const active = await userIn("ACTIVE");
    expect((await api(`/users/${active.id}/lifecycle/reset_password`, { method: "POST" })).body).toEqual({});
    const active2 = await userIn("ACTIVE");
    const reset = await api(`/users/${active2.id}/lifecycle/reset_password?sendEmail=false&revokeSessions=true`, { method: "POST" });
    expect(reset.body.resetPasswordUrl).toMatch(new RegExp(`^${em.url}/signin/reset-password/[\\w-]{20}$`));
    expect(await events("user.session.clear", active2.id)).toHaveLength(1);
    const active3 = await userIn("ACTIVE");
    const expired = await api(`/users/${active3.id}/lifecycle/expire_password`, { method: "POST" });
    expect(expired.body).toMatchObject({ id: active3.id, status: "PASSWORD_EXPIRED" });
    expect(expired.body._links.self.href).toBe(`${em.url}/api/v1/users/${active3.id}`);
  });

  it("deactivation ends every app assignment; activation gives back those of the user's groups", async () => {
    const { appId, groupId } = appThroughGroup();
    const u = await userIn("ACTIVE");
    await api(`/groups/${groupId}/users/${u.id}`, { method: "PUT" });
    const direct = appWithoutEveryone(appId);
    await api(`/apps/${direct.id}/users`, { method: "POST", json: { id: u.id, scope: "USER" } });
    expect((await api(`/apps/${appId}/users/${u.id}`)).body.scope).toBe("GROUP");
    expect((await api(`/users/${u.id}/lifecycle/deactivate`, { method: "POST" })).status).toBe(200);
    expect((await api(`/apps/${appId}/users/${u.id}`)).status).toBe(404);
    expect((await api(`/apps/${direct.id}/users/${u.id}`)).status).toBe(404);
    expect((await api(`/users/${u.id}/lifecycle/activate`, { method: "POST" })).status).toBe(200);
    expect((await getUser(u.id)).status).toBe("ACTIVE"); // planted ACTIVE users have a password
    expect((await api(`/apps/${appId}/users/${u.id}`)).body.scope).toBe("GROUP");
    expect((await api(`/apps/${direct.id}/users/${u.id}`)).status).toBe(404);
  });

  it("refuses a bad query value and an unknown user the way Okta does", async () => {
    const u = await userIn("STAGED");
    const bad = await api(`/users/${u.id}/lifecycle/activate?sendEmail=maybe`, { method: "POST", badRequest: true });
    expect([bad.status, bad.body.errorCode, bad.body.errorCauses]).toEqual([
      400,
      "E0000001",
      [{ errorSummary: "sendEmail: The value must be true or false." }],
    ]);
    expect((await getUser(u.id)).status).toBe("STAGED");
    const missing = await api("/users/00uNOSUCHUSER0000000/lifecycle/suspend", { method: "POST" });
    expect([missing.status, missing.body.errorSummary]).toEqual([404, "Not found: Resource not found: 00uNOSUCHUSER0000000 (User)"]);
  });
});

describe("DELETE /users/{id} and /sessions", () => {
  it("deletes in two calls: the first deactivates, the second deletes for good", async () => {
    const u = await userIn("ACTIVE");
    expect((await api(`/users/${u.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await getUser(u.id)).status).toBe("DEPROVISIONED");
    expect(await events("user.lifecycle.deactivate", u.id)).toHaveLength(1);
    expect(await events("user.lifecycle.delete.initiated", u.id)).toEqual([]);
    expect((await api(`/users/${u.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await api(`/users/${u.id}`)).status).toBe(404);
    expect((await api(`/users/${encodeURIComponent(u.profile.login)}`)).status).toBe(404);
    expect(await events("user.lifecycle.delete.initiated", u.id)).toHaveLength(1);
    expect(await events("user.lifecycle.delete.completed", u.id)).toHaveLength(1);
    await hookDelivered("user.lifecycle.delete.initiated", u.id);
    const gone = await api(`/users/${u.id}`, { method: "DELETE" });
    expect([gone.status, gone.body.errorCode]).toEqual([404, "E0000007"]);
    // The login is free again.
    const again = await api("/users?activate=false", {
      method: "POST",
      json: { profile: { login: u.profile.login, email: u.profile.email, firstName: "Again", lastName: "Here" } },
    });
    expect(again.status).toBe(200);
  });

  it("revokes sessions (204, user.session.clear) and with oauthTokens=true the person's OIDC tokens", async () => {
    const client = await control(em.url, "/oidc/clients", "POST", { name: "Console", redirectUris: ["http://console.test/cb"] });
    const created = await api("/users?activate=true", {
      method: "POST",
      json: {
        profile: { login: "oidc.person@example.com", email: "oidc.person@example.com", firstName: "Oidc", lastName: "Person" },
        credentials: { password: { value: "Correct-Horse-9" } },
      },
    });
    expect(created.body.status).toBe("ACTIVE");
    const verifier = randomBytes(32).toString("base64url");
    const authorize = new URL(`${em.url}/oauth2/v1/authorize`);
    for (const [k, v] of Object.entries({
      client_id: client.clientId,
      redirect_uri: "http://console.test/cb",
      response_type: "code",
      scope: "openid email",
      state: "s",
      nonce: "n",
      code_challenge: createHash("sha256").update(verifier).digest("base64url"),
      code_challenge_method: "S256",
    }))
      authorize.searchParams.set(k, v);
    const page = await (await fetch(authorize)).text();
    const txn = /name="txn" value="([^"]+)"/.exec(page)![1];
    // The password given at creation is the one the emulator's sign-in page accepts.
    const back = await fetch(`${em.url}/login/emulator`, {
      method: "POST",
      headers: FORM,
      body: new URLSearchParams({ txn, username: "oidc.person@example.com", password: "Correct-Horse-9" }).toString(),
      redirect: "manual",
    });
    const code = new URL(back.headers.get("location")!).searchParams.get("code")!;
    const tokens = await call(`${em.url}/oauth2/v1/token`, {
      method: "POST",
      headers: { ...FORM, authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString("base64")}` },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: "http://console.test/cb",
        code_verifier: verifier,
      }).toString(),
    });
    const userinfo = () => call(`${em.url}/oauth2/v1/userinfo`, { headers: { authorization: `Bearer ${tokens.body.access_token}` } });
    expect((await userinfo()).status).toBe(200);
    expect((await api(`/users/${created.body.id}/sessions`, { method: "DELETE" })).status).toBe(204);
    expect((await userinfo()).status).toBe(200); // sessions only
    expect((await api(`/users/${created.body.id}/sessions?oauthTokens=true`, { method: "DELETE" })).status).toBe(204);
    expect((await userinfo()).status).toBe(401);
    expect(await events("user.session.clear", created.body.id)).toHaveLength(2);
    await hookDelivered("user.session.clear", created.body.id);
  });
});

describe("POST /api/v1/users", () => {
  const profile = (login: string, extra: Record<string, unknown> = {}) => ({
    firstName: "Ada",
    lastName: "Lovelace",
    email: login,
    login,
    department: "Engineering",
    title: "Analyst",
    manager: "Charles Babbage",
    managerId: "100042",
    ...extra,
  });

  it("activate=false stages the person with exactly the profile given; nothing else is assigned but Everyone's apps", async () => {
    const r = await api("/users?activate=false", { method: "POST", json: { profile: profile("ada.staged@example.com") } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: "STAGED", activated: null, statusChanged: null, lastLogin: null, passwordChanged: null });
    expect(r.body.profile).toEqual(profile("ada.staged@example.com"));
    expect(r.body._links.activate.href).toBe(`${em.url}/api/v1/users/${r.body.id}/lifecycle/activate`);
    expect(r.body.credentials).toEqual({ provider: { type: "OKTA", name: "OKTA" } });
    expect((await api(`/users/${encodeURIComponent("ADA.STAGED@example.com")}`)).body.id).toBe(r.body.id);
    expect(await events("user.lifecycle.create", r.body.id)).toHaveLength(1);
    expect(await events("user.lifecycle.activate", r.body.id)).toEqual([]);
    const created = await hookDelivered("user.lifecycle.create", r.body.id);
    expect(created.actor.id).toBe(adminApp.clientId);
    expect((await api(`/users/${r.body.id}/groups`)).body.map((g: any) => g.type)).toEqual(["BUILT_IN"]);
  });

  it("activate=true (the default): PROVISIONED without a password, ACTIVE with one, PASSWORD_EXPIRED with nextLogin=changePassword", async () => {
    const provisioned = await api("/users", { method: "POST", json: { profile: profile("ada.provisioned@example.com") } });
    expect(provisioned.body).toMatchObject({ status: "PROVISIONED", activated: null, passwordChanged: null });
    expect(await events("user.lifecycle.activate", provisioned.body.id)).toHaveLength(1);
    const active = await api("/users?activate=true", {
      method: "POST",
      json: { profile: profile("ada.active@example.com"), credentials: { password: { value: "Difference-Engine-1" } } },
    });
    expect(active.body).toMatchObject({ status: "ACTIVE", credentials: { password: {}, provider: { type: "OKTA", name: "OKTA" } } });
    expect(active.body.activated).toBe(active.body.created);
    expect(active.body.passwordChanged).toBe(active.body.created);
    const expired = await api("/users?activate=true&nextLogin=changePassword", {
      method: "POST",
      json: { profile: profile("ada.expired@example.com"), credentials: { password: { value: "Difference-Engine-1" } } },
    });
    expect(expired.body.status).toBe("PASSWORD_EXPIRED");
    const noPassword = await api("/users?activate=true&nextLogin=changePassword", {
      method: "POST",
      json: { profile: profile("ada.np@example.com") },
    });
    expect([noPassword.status, noPassword.body.errorCode]).toEqual([400, "E0000124"]);
    const notActivated = await api("/users?activate=false&nextLogin=changePassword", {
      method: "POST",
      json: { profile: profile("ada.na@example.com"), credentials: { password: { value: "Difference-Engine-1" } } },
    });
    expect([notActivated.status, notActivated.body.errorCode]).toEqual([400, "E0000125"]);
  });

  it("groupIds: the person joins those groups and holds their apps; APP_GROUP, unknown and more than 20 are refused before anything is created", async () => {
    const appGroup = Object.entries(truth.appGroups).flatMap(([app, gs]: any) => gs.map((g: any) => ({ app, g: g.id })));
    const okta = new Set(truth.groups.filter((g: any) => g.type === "OKTA_GROUP").map((g: any) => g.id));
    const pick = appGroup.find((x) => okta.has(x.g))!;
    const other = truth.groups.find((g: any) => g.type === "OKTA_GROUP" && g.id !== pick.g);
    const r = await api("/users?activate=false", {
      method: "POST",
      json: { profile: profile("ada.grouped@example.com"), groupIds: [pick.g, other.id] },
    });
    expect(r.status).toBe(200);
    const groups = (await api(`/users/${r.body.id}/groups`)).body.map((g: any) => g.id);
    expect(groups).toEqual(expect.arrayContaining([pick.g, other.id]));
    expect((await api(`/apps/${pick.app}/users/${r.body.id}`)).body.scope).toBe("GROUP");
    expect(await events("group.user_membership.add", r.body.id)).toHaveLength(2);
    await hookDelivered("group.user_membership.add", r.body.id);

    const ad = truth.groups.find((g: any) => g.type === "APP_GROUP");
    const everyone = truth.groups.find((g: any) => g.type === "BUILT_IN");
    const refused: [unknown, number, string][] = [
      [[ad.id], 403, "E0000006"],
      [[everyone.id], 403, "E0000006"],
      [["00gNOSUCHGROUP000000"], 404, "E0000007"],
      [Array.from({ length: 21 }, () => other.id), 400, "E0000093"],
    ];
    for (const [groupIds, status, code] of refused) {
      const bad = await api("/users?activate=false", { method: "POST", json: { profile: profile("ada.refused@example.com"), groupIds } });
      expect([bad.status, bad.body.errorCode]).toEqual([status, code]);
      expect((await api(`/users/${encodeURIComponent("ada.refused@example.com")}`)).status).toBe(404);
    }
  });

  it("validates the profile and password as Okta does (E0000001 with a cause per field) and creates nothing", async () => {
    const existing = truth.users.find((u: any) => u.status === "ACTIVE");
    const cases: [Record<string, unknown>, string, string[]][] = [
      [{ profile: profile("x@example.com", { login: undefined }) }, "login", ["login: The field cannot be left blank"]],
      [
        { profile: profile(existing.profile.login.toUpperCase()) },
        "login",
        ["login: An object with this field already exists in the current organization"],
      ],
      [
        { profile: profile("not-an-email", { email: "nope" }) },
        "login",
        ["login: Username must be in the form of an email address", "email: Does not match required pattern"],
      ],
      [{ profile: profile("y@example.com", { firstName: "" }) }, "firstName", ["firstName: The field cannot be left blank"]],
      [{ profile: profile("y@example.com", { lastName: null }) }, "lastName", ["lastName: The field cannot be left blank"]],
      [
        { profile: profile("y@example.com", { firstName: "x".repeat(51) }) },
        "firstName",
        ["firstName: The field cannot exceed 50 characters"],
      ],
      [
        { profile: profile("grace.hopper@example.com"), credentials: { password: { value: "short" } } },
        "password",
        [
          "password: Password requirements were not met. Password requirements: at least 8 characters, a lowercase letter, an uppercase letter, a number, no parts of your username.",
        ],
      ],
      [
        { profile: profile("grace.hopper@example.com"), credentials: { password: { value: "Hopper-Compiler-1" } } },
        "password",
        [
          "password: Password requirements were not met. Password requirements: at least 8 characters, a lowercase letter, an uppercase letter, a number, no parts of your username.",
        ],
      ],
    ];
    for (const [body, field, causes] of cases) {
      const r = await api("/users?activate=true", { method: "POST", json: JSON.parse(JSON.stringify(body)), badRequest: true });
      expect([r.status, r.body.errorCode, r.body.errorSummary], JSON.stringify(body)).toEqual([
        400,
        "E0000001",
        `Api validation failed: ${field}`,
      ]);
      expect(r.body.errorCauses).toEqual(causes.map((errorSummary) => ({ errorSummary })));
    }
    expect((await api(`/users/${encodeURIComponent("grace.hopper@example.com")}`)).status).toBe(404);
    const notJson = await api("/users", {
      method: "POST",
      body: "[1,2]",
      headers: { ...admin, "content-type": "application/json" },
      badRequest: true,
    });
    expect([notJson.status, notJson.body.errorCode]).toEqual([400, "E0000003"]);
  });

  it("needs okta.users.manage, and an admin role that may create people", async () => {
    const body = { profile: profile("ada.roles@example.com") };
    const readonly = await bearer(em.app("readonly-key"), "okta.users.read");
    const noScope = await api("/users", { method: "POST", headers: readonly, json: body });
    expect(noScope.status).toBe(403);
    expect(noScope.text).toBe("");
    expect(noScope.headers.get("www-authenticate")).toContain('scope="okta.users.manage", error="insufficient_scope"');
    const helpDesk = await appWith("helpdesk-create", ["HELP_DESK_ADMIN"], ["okta.users.read", "okta.users.manage"]);
    const denied = await api("/users", { method: "POST", headers: helpDesk.headers, json: body });
    expect([denied.status, denied.body]).toEqual([
      403,
      expect.objectContaining({ ...errorBody("E0000006"), errorSummary: "You do not have permission to perform the requested action" }),
    ]);
    const sswsReadOnly = { authorization: `SSWS ${em.token("readonly-token")}` };
    expect((await api("/users", { method: "POST", headers: sswsReadOnly, json: body })).body.errorCode).toBe("E0000006");
    expect((await api(`/users/${encodeURIComponent("ada.roles@example.com")}`)).status).toBe(404);
    const userAdmin = await appWith("useradmin-create", ["USER_ADMIN"], ["okta.users.manage"]);
    const ok = await api("/users?activate=false", { method: "POST", headers: userAdmin.headers, json: body });
    expect(ok.status).toBe(200);
    expect((await events("user.lifecycle.create", ok.body.id))[0].actor).toMatchObject({
      id: userAdmin.app.clientId,
      displayName: "useradmin-create",
    });
    // An SSWS token acts as the admin user who created it.
    const ssws = await api("/users?activate=false", {
      method: "POST",
      headers: em.ssws,
      json: { profile: profile("ada.ssws@example.com") },
    });
    expect((await events("user.lifecycle.create", ssws.body.id))[0].actor.type).toBe("User");
  });
});

describe("POST and PUT /api/v1/users/{id}", () => {
  it("POST changes only the attributes named (null clears one), logs the changed names, and follows a new login", async () => {
    const u = await userIn("ACTIVE", { title: "Engineer", department: "R&D", mobilePhone: "+1 555 0100", costCenter: "CC-1" });
    const before = await getUser(u.id);
    const r = await api(`/users/${u.id}`, {
      method: "POST",
      json: {
        profile: { title: "Staff Engineer", department: "Platform", manager: "Grace Hopper", managerId: "100001", mobilePhone: null },
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.profile).toEqual({
      ...before.profile,
      title: "Staff Engineer",
      department: "Platform",
      manager: "Grace Hopper",
      managerId: "100001",
      mobilePhone: null,
    });
    expect(Date.parse(r.body.lastUpdated)).toBeGreaterThanOrEqual(Date.parse(before.lastUpdated));
    const [logged] = await events("user.account.update_profile", u.id);
    expect(logged.debugContext.debugData.changedAttributes.split(",").sort()).toEqual([
      "department",
      "manager",
      "managerId",
      "mobilePhone",
      "title",
    ]);
    await hookDelivered("user.account.update_profile", u.id);

    const moved = await api(`/users/${u.id}`, { method: "POST", json: { profile: { login: `renamed.${u.id}@example.com` } } });
    expect(moved.body.profile.login).toBe(`renamed.${u.id}@example.com`);
    expect((await api(`/users/${encodeURIComponent(`renamed.${u.id}@example.com`)}`)).body.id).toBe(u.id);
    expect((await api(`/users/${encodeURIComponent(u.profile.login)}`)).status).toBe(404);
    const taken = truth.users.find((x: any) => x.status === "ACTIVE").profile.login;
    const dup = await api(`/users/${u.id}`, { method: "POST", json: { profile: { login: taken } } });
    expect([dup.status, dup.body.errorCauses]).toEqual([
      400,
      [{ errorSummary: "login: An object with this field already exists in the current organization" }],
    ]);
    const blank = await api(`/users/${u.id}`, { method: "POST", json: { profile: { email: null } }, badRequest: true });
    expect([blank.status, blank.body.errorSummary]).toEqual([400, "Api validation failed: email"]);
    // No change, no event.
    await api(`/users/${u.id}`, { method: "POST", json: { profile: { title: "Staff Engineer" } } });
    expect(await events("user.account.update_profile", u.id)).toHaveLength(2);
  });

  it("PUT replaces the profile (unnamed attributes go) and needs the required ones", async () => {
    const u = await userIn("ACTIVE", { title: "Engineer", costCenter: "CC-9" });
    const full = { login: u.profile.login, email: "new@example.com", firstName: "New", lastName: "Name", title: "Lead" };
    const r = await api(`/users/${u.id}`, { method: "PUT", json: { profile: full } });
    expect(r.body.profile).toEqual(full);
    const partial = await api(`/users/${u.id}`, { method: "PUT", json: { profile: { title: "Only" } }, badRequest: true });
    expect(partial.status).toBe(400);
    expect(partial.body.errorCauses.map((c: any) => c.errorSummary)).toEqual([
      "login: The field cannot be left blank",
      "email: The field cannot be left blank",
      "firstName: The field cannot be left blank",
      "lastName: The field cannot be left blank",
    ]);
    expect((await getUser(u.id)).profile).toEqual(full);
  });

  it("sets a password (RECOVERY becomes ACTIVE), refuses a deactivated person with E0000038", async () => {
    const u = await userIn("RECOVERY");
    const before = await getUser(u.id);
    const r = await api(`/users/${u.id}`, { method: "POST", json: { credentials: { password: { value: "Another-Secret-7" } } } });
    expect(r.body.status).toBe("ACTIVE");
    expect(Date.parse(r.body.passwordChanged)).toBeGreaterThanOrEqual(Date.parse(before.passwordChanged));
    expect(await events("user.account.update_password", u.id)).toHaveLength(1);
    const gone = await userIn("DEPROVISIONED");
    const refused = await api(`/users/${gone.id}`, { method: "POST", json: { profile: { title: "x" } } });
    expect([refused.status, refused.body]).toEqual([403, expect.objectContaining(errorBody("E0000038"))]);
  });
});

describe("group membership: PUT/DELETE /groups/{gid}/users/{uid}", () => {
  it("adds and removes, moves lastMembershipUpdated, carries the group's apps, logs once; APP_GROUP and BUILT_IN get 403 E0000006", async () => {
    const { appId, groupId } = appThroughGroup();
    const g = { id: groupId };
    const u = await userIn("ACTIVE");
    const t0 = Date.now();
    const before = (await api(`/groups/${g.id}`)).body.lastMembershipUpdated;
    expect((await api(`/groups/${g.id}/users/${u.id}`, { method: "PUT" })).status).toBe(204);
    expect((await api(`/groups/${g.id}/users/${u.id}`, { method: "PUT" })).status).toBe(204);
    const moved = Date.parse((await api(`/groups/${g.id}`)).body.lastMembershipUpdated);
    expect(moved).toBeGreaterThanOrEqual(Math.max(Date.parse(before), t0 - 1000));
    expect((await api(`/users/${u.id}/groups`)).body.map((x: any) => x.id)).toContain(g.id);
    expect((await api(`/apps/${appId}/users/${u.id}`)).body.scope).toBe("GROUP");
    const added = await events("group.user_membership.add", u.id);
    expect(added).toHaveLength(1);
    expect(added[0].target.map((t: any) => [t.type, t.id])).toEqual([
      ["User", u.id],
      ["UserGroup", g.id],
    ]);
    await hookDelivered("group.user_membership.add", u.id);
    expect((await api(`/groups/${g.id}/users/${u.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await api(`/apps/${appId}/users/${u.id}`)).status).toBe(404);
    expect(await events("group.user_membership.remove", u.id)).toHaveLength(1);

    for (const special of [truth.groups.find((x: any) => x.type === "APP_GROUP"), truth.groups.find((x: any) => x.type === "BUILT_IN")]) {
      for (const method of ["PUT", "DELETE"]) {
        const r = await api(`/groups/${special.id}/users/${u.id}`, { method });
        expect([r.status, r.body], `${method} ${special.type}`).toEqual([
          403,
          expect.objectContaining({ ...errorBody("E0000006"), errorSummary: "You do not have permission to perform the requested action" }),
        ]);
      }
    }
    const missing = await api(`/groups/00gNOSUCHGROUP000000/users/${u.id}`, { method: "PUT" });
    expect([missing.status, missing.body.errorCode]).toEqual([404, "E0000007"]);
  });

  it("needs okta.groups.manage and a role that manages membership (group membership admin yes, help desk no)", async () => {
    const g = truth.groups.find((x: any) => x.type === "OKTA_GROUP");
    const u = await userIn("ACTIVE");
    const noScope = await api(`/groups/${g.id}/users/${u.id}`, {
      method: "PUT",
      headers: await bearer(em.app("readonly-key"), "okta.groups.read"),
    });
    expect(noScope.headers.get("www-authenticate")).toContain('scope="okta.groups.manage"');
    const helpDesk = await appWith("helpdesk-groups", ["HELP_DESK_ADMIN"], ["okta.groups.manage"]);
    expect((await api(`/groups/${g.id}/users/${u.id}`, { method: "PUT", headers: helpDesk.headers })).body.errorCode).toBe("E0000006");
    const gma = await appWith("gma", ["GROUP_MEMBERSHIP_ADMIN"], ["okta.groups.manage"]);
    expect((await api(`/groups/${g.id}/users/${u.id}`, { method: "PUT", headers: gma.headers })).status).toBe(204);
    // Membership admins do not touch lifecycles.
    const gmaUsers = await appWith("gma-users", ["GROUP_MEMBERSHIP_ADMIN"], ["okta.users.manage"]);
    expect((await api(`/users/${u.id}/lifecycle/suspend`, { method: "POST", headers: gmaUsers.headers })).body.errorCode).toBe("E0000006");
  });
});

describe("app assignments", () => {
  it("POST /apps/{id}/users assigns directly with the user name given; DELETE removes; deactivated people are refused", async () => {
    const app = appWithoutEveryone();
    const u = await userIn("ACTIVE");
    const r = await api(`/apps/${app.id}/users`, {
      method: "POST",
      json: { id: u.id, scope: "USER", credentials: { userName: "ada@app.example" } },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: u.id, scope: "USER", credentials: { userName: "ada@app.example" } });
    const [logged] = await events("application.user_membership.add", u.id);
    expect(logged.target.map((t: any) => [t.type, t.id])).toEqual([
      ["AppUser", u.id],
      ["AppInstance", app.id],
    ]);
    await hookDelivered("application.user_membership.add", u.id);
    expect((await api(`/apps/${app.id}/users/${u.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await api(`/apps/${app.id}/users/${u.id}`)).status).toBe(404);
    expect(await events("application.user_membership.remove", u.id)).toHaveLength(1);
    const again = await api(`/apps/${app.id}/users/${u.id}`, { method: "DELETE" });
    expect([again.status, again.body.errorCode]).toEqual([404, "E0000007"]);
    const gone = await userIn("DEPROVISIONED");
    const refused = await api(`/apps/${app.id}/users`, { method: "POST", json: { id: gone.id, scope: "USER" } });
    expect([refused.status, refused.body.errorCode]).toEqual([400, "E0000001"]);
  });

  it("an assignment held through a group cannot be removed directly (403 E0000046) until the group no longer grants it", async () => {
    const { appId, groupId } = appThroughGroup();
    const u = await userIn("ACTIVE");
    await api(`/groups/${groupId}/users/${u.id}`, { method: "PUT" });
    const refused = await api(`/apps/${appId}/users/${u.id}`, { method: "DELETE" });
    expect([refused.status, refused.body]).toEqual([
      403,
      expect.objectContaining({
        ...errorBody("E0000046"),
        errorSummary: "Deactivate application for user forbidden.",
        errorCauses: [
          { errorSummary: "The application cannot be unassigned from the user while their group memberships grant them access" },
        ],
      }),
    ]);
    expect((await api(`/apps/${appId}/users/${u.id}`)).body.scope).toBe("GROUP");
    // Direct as well: still held through the group, still refused.
    expect((await api(`/apps/${appId}/users`, { method: "POST", json: { id: u.id, scope: "USER" } })).body.scope).toBe("USER");
    expect((await api(`/apps/${appId}/users/${u.id}`, { method: "DELETE" })).body.errorCode).toBe("E0000046");
    // Out of the group: the direct assignment remains and can go.
    await api(`/groups/${groupId}/users/${u.id}`, { method: "DELETE" });
    expect((await api(`/apps/${appId}/users/${u.id}`)).body.scope).toBe("USER");
    expect((await api(`/apps/${appId}/users/${u.id}`, { method: "DELETE" })).status).toBe(204);
  });

  it("PUT/DELETE /apps/{id}/groups/{gid}: members gain and lose the app; re-assigning changes the priority", async () => {
    const app = truth.apps.find((a: any) => truth.appGroups[a.id].length === 0);
    expect(app, "an app no group is assigned to").toBeTruthy();
    const g = truth.groups.find(
      (x: any) =>
        x.type === "OKTA_GROUP" &&
        !truth.appGroups[app.id].some((y: any) => y.id === x.id) &&
        truth.memberships.find((m: any) => m.groupId === x.id).userIds.length > 1,
    );
    const members: string[] = truth.memberships.find((m: any) => m.groupId === g.id).userIds;
    const live = (await Promise.all(members.map(async (id) => [id, (await getUser(id)).status] as const)))
      .filter(([, s]) => s !== "DEPROVISIONED")
      .map(([id]) => id);
    const r = await api(`/apps/${app.id}/groups/${g.id}`, { method: "PUT", json: { priority: 3 } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: g.id, priority: 3, _links: { group: { href: `${em.url}/api/v1/groups/${g.id}` } } });
    for (const id of live) expect((await api(`/apps/${app.id}/users/${id}`)).status, id).toBe(200);
    const [added] = await events("group.application_assignment.add", g.id);
    expect(added.target.map((t: any) => [t.type, t.id])).toEqual([
      ["UserGroup", g.id],
      ["AppInstance", app.id],
    ]);
    await hookDelivered("group.application_assignment.add", g.id);
    expect((await api(`/apps/${app.id}/groups/${g.id}`, { method: "PUT", json: { priority: 7 } })).body.priority).toBe(7);
    expect(await events("group.application_assignment.update", g.id)).toHaveLength(1);
    expect((await api(`/apps/${app.id}/groups/${g.id}`, { method: "DELETE" })).status).toBe(204);
    for (const id of live) {
      // No other group carries this app: only a direct assignment survives.
      const au = await api(`/apps/${app.id}/users/${id}`);
      if (au.status === 200) expect(au.body.scope, id).toBe("USER");
    }
    expect(await events("group.application_assignment.remove", g.id)).toHaveLength(1);
    const again = await api(`/apps/${app.id}/groups/${g.id}`, { method: "DELETE" });
    expect([again.status, again.body.errorCode]).toEqual([404, "E0000007"]);
  });

  it("needs okta.apps.manage and an app admin (a user admin is refused)", async () => {
    const app = truth.apps[0];
    const u = await userIn("ACTIVE");
    const userAdmin = await appWith("useradmin-apps", ["USER_ADMIN"], ["okta.apps.manage"]);
    expect(
      (await api(`/apps/${app.id}/users`, { method: "POST", headers: userAdmin.headers, json: { id: u.id, scope: "USER" } })).body
        .errorCode,
    ).toBe("E0000006");
    const appAdmin = await appWith("appadmin", ["APP_ADMIN"], ["okta.apps.manage"]);
    expect(
      (await api(`/apps/${app.id}/users`, { method: "POST", headers: appAdmin.headers, json: { id: u.id, scope: "USER" } })).status,
    ).toBe(200);
    const noScope = await api(`/apps/${app.id}/users/${u.id}`, {
      method: "DELETE",
      headers: await bearer(em.app("readonly-key"), "okta.apps.read"),
    });
    expect(noScope.headers.get("www-authenticate")).toContain('scope="okta.apps.manage"');
    expect((await api(`/apps/${app.id}/users/${u.id}`)).status).toBe(200);
  });
});

describe("admin roles on user writes", () => {
  it("a help desk admin resets, unlocks and signs out but does not suspend, deactivate or edit", async () => {
    const hd = await appWith("helpdesk", ["HELP_DESK_ADMIN"], ["okta.users.manage"]);
    const as = { method: "POST", headers: hd.headers };
    expect((await api(`/users/${(await userIn("LOCKED_OUT")).id}/lifecycle/unlock`, as)).status).toBe(200);
    expect((await api(`/users/${(await userIn("ACTIVE")).id}/lifecycle/reset_password?sendEmail=false`, as)).status).toBe(200);
    expect((await api(`/users/${(await userIn("ACTIVE")).id}/lifecycle/reset_factors`, as)).status).toBe(200);
    expect((await api(`/users/${(await userIn("ACTIVE")).id}/lifecycle/expire_password`, as)).status).toBe(200);
    expect((await api(`/users/${(await userIn("ACTIVE")).id}/sessions`, { method: "DELETE", headers: hd.headers })).status).toBe(204);
    for (const op of ["suspend", "deactivate"]) {
      const u = await userIn("ACTIVE");
      expect((await api(`/users/${u.id}/lifecycle/${op}`, as)).body.errorCode, op).toBe("E0000006");
      expect((await getUser(u.id)).status).toBe("ACTIVE");
    }
    const u = await userIn("ACTIVE");
    expect((await api(`/users/${u.id}`, { ...as, json: { profile: { title: "x" } } })).body.errorCode).toBe("E0000006");
    expect((await api(`/users/${u.id}`, { method: "DELETE", headers: hd.headers })).body.errorCode).toBe("E0000006");
  });
});

describe("faults for the unknown-outcome path", () => {
  /** A raw request: resolves with the response, or with the socket error when none came. */
  function raw(method: string, path: string, headers: Record<string, string>) {
    return new Promise<{ status?: number; bytes: number; error?: string }>((resolve) => {
      const req = http.request(`${em.url}${path}`, { method, headers: { ...headers, accept: "application/json" } }, (res) => {
        let bytes = 0;
        res.on("data", (c) => (bytes += c.length));
        res.on("end", () => resolve({ status: res.statusCode, bytes }));
      });
      req.on("error", (e) => resolve({ bytes: 0, error: (e as NodeJS.ErrnoException).code ?? e.message }));
      req.end();
    });
  }

  it("dropResponseAfterApply: the write is applied, logged and delivered, and the connection closes without a byte", async () => {
    const u = await userIn("ACTIVE");
    try {
      const f = await control(em.url, "/faults", "POST", { dropResponseAfterApply: { path: "/lifecycle/suspend$", method: "POST" } });
      expect(f.dropResponseAfterApply).toEqual([{ path: "/lifecycle/suspend$", method: "POST", remaining: 1 }]);
      // A read in scope of no rule is answered.
      expect((await raw("GET", `/api/v1/users/${u.id}`, admin)).status).toBe(200);
      const lost = await raw("POST", `/api/v1/users/${u.id}/lifecycle/suspend`, admin);
      expect(lost).toEqual({ bytes: 0, error: "ECONNRESET" });
      expect((await getUser(u.id)).status).toBe("SUSPENDED");
      expect(await events("user.lifecycle.suspend", u.id)).toHaveLength(1);
      await hookDelivered("user.lifecycle.suspend", u.id);
      // The rule is used up: a retry is answered, and Okta's answer shows it had been applied.
      const retry = await api(`/users/${u.id}/lifecycle/suspend`, { method: "POST" });
      expect([retry.status, retry.body.errorCode]).toEqual([400, "E0000001"]);
      expect((await control(em.url, "/faults")).dropped).toBe(1);
    } finally {
      await control(em.url, "/faults", "DELETE");
    }
  });

  it("dropResponseAfterApply with a count and without a path takes the next writes of that method", async () => {
    const g = truth.groups.find((x: any) => x.type === "OKTA_GROUP");
    const [a, b] = [await userIn("ACTIVE"), await userIn("ACTIVE")];
    try {
      await control(em.url, "/faults", "POST", { dropResponseAfterApply: { method: "PUT", count: 2 } });
      expect((await raw("PUT", `/api/v1/groups/${g.id}/users/${a.id}`, admin)).error).toBe("ECONNRESET");
      expect((await raw("PUT", `/api/v1/groups/${g.id}/users/${b.id}`, admin)).error).toBe("ECONNRESET");
      expect((await raw("PUT", `/api/v1/groups/${g.id}/users/${b.id}`, admin)).status).toBe(204);
      const ids = (await api(`/groups/${g.id}/users?limit=1000`)).body.map((x: any) => x.id);
      expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));
    } finally {
      await control(em.url, "/faults", "DELETE");
    }
  });

  it("errorCount with errorStatus 503: the write is answered 503 and not applied; the next one goes through", async () => {
    const u = await userIn("ACTIVE");
    try {
      await control(em.url, "/faults", "POST", {
        errorCount: 1,
        errorStatus: 503,
        method: "POST",
        path: `/api/v1/users/${u.id}/lifecycle/`,
      });
      // Reads and other paths are out of the fault's scope.
      expect((await api(`/users/${u.id}`)).status).toBe(200);
      const failed = await api(`/users/${u.id}/lifecycle/suspend`, { method: "POST" });
      expect([failed.status, failed.body.errorCode]).toEqual([503, "E0000009"]);
      expect((await getUser(u.id)).status).toBe("ACTIVE");
      expect(await events("user.lifecycle.suspend", u.id)).toEqual([]);
      expect((await api(`/users/${u.id}/lifecycle/suspend`, { method: "POST" })).status).toBe(200);
      expect((await getUser(u.id)).status).toBe("SUSPENDED");
    } finally {
      await control(em.url, "/faults", "DELETE");
    }
  });

  it("errorRate 1 on POST writes leaves GETs alone and applies nothing", async () => {
    const u = await userIn("ACTIVE");
    try {
      await control(em.url, "/faults", "POST", { errorRate: 1, errorStatus: 503, method: "POST" });
      expect((await api(`/users/${u.id}`)).status).toBe(200);
      expect((await api(`/users/${u.id}/lifecycle/suspend`, { method: "POST" })).status).toBe(503);
      expect((await getUser(u.id)).status).toBe("ACTIVE");
    } finally {
      await control(em.url, "/faults", "DELETE");
    }
    expect(await control(em.url, "/faults")).toMatchObject({
      errorRate: 0,
      errorCount: 0,
      method: null,
      dropResponseAfterApply: [],
      dropped: 0,
    });
  });

  it("the control plane refuses a bad fault with the field named", async () => {
    for (const [body, field] of [
      [{ dropResponseAfterApply: { path: "(" } }, "dropResponseAfterApply.path"],
      [{ dropResponseAfterApply: { count: 0 } }, "dropResponseAfterApply.count"],
      [{ method: "FETCH" }, "method"],
      [{ errorCount: -1 }, "errorCount"],
    ] as const) {
      const res = await fetch(`${em.url}/__emulator/faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error.message.startsWith(`${field}:`), JSON.stringify(body)).toBe(true);
    }
  });
});
