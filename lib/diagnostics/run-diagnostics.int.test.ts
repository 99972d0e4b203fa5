// The wizard's checks against the real emulator and real Postgres: for each fault the emulator can inject,
// the failing check names the cause and its fix and every other check passes. Also the API edges:
// viewers refused, strict body, NDJSON progress, and the event log entry of each run.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as diagnosticsRoute } from "@/app/api/integrations/[id]/diagnostics/route";
import { POST as presaveRoute } from "@/app/api/integrations/diagnostics/route";
import { getDb } from "@/db";
import type { Actor } from "@/lib/context";
import { systemCtx, userCtx } from "@/lib/context";
import { connectIntegration } from "@/lib/integrations/connect-integration";
import { READ_SCOPES } from "@/lib/integrations/contracts";
import { stopBoss } from "@/lib/jobs/boss";
import { startSync } from "@/lib/sync/start-sync";
import { callRoute } from "@/test/call-route";
import { createTenant } from "@/test/factories";
import { type EmulatorApp, startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { runSync } from "@/test/run-sync";
import type { CheckResult, DiagnosticsResult, StreamLine, Symptom } from "./contracts";
import { startDiagnostics } from "./run-diagnostics";

let emu: TestEmulator;
beforeAll(async () => {
  // Rate limits on with a 1 s window, so a 429 costs a second, not a minute.
  emu = await startTestEmulator({ seed: 3, users: 80, groups: 8, apps: 5, logDays: 5, rateLimits: true, rateWindowMs: 1000 });
});
afterEach(async () => {
  await emu.control("DELETE", "/faults");
});
afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

const sql = () => getDb().$client;

async function freshApp(): Promise<EmulatorApp> {
  return emu.control("POST", "/apps", {
    name: `diag-${Math.random().toString(36).slice(2, 8)}`,
    kind: "service",
    scopes: [...READ_SCOPES],
    roles: ["READ_ONLY_ADMIN"],
  });
}

/** A connected integration whose initial sync has finished, as in the console. */
async function connected(auth: "key" | "token" = "key") {
  const t = await createTenant();
  const actor: Actor = {
    userId: t.admin.id,
    workspaceId: t.ws.id,
    email: t.admin.email,
    name: t.admin.name,
    role: "admin",
    via: "api_key",
  };
  const app = auth === "key" ? await freshApp() : null;
  const token =
    auth === "token"
      ? await emu.control<{ name: string; token: string }>("POST", "/tokens", {
          name: `diag-${Math.random().toString(36).slice(2, 8)}`,
          roles: ["READ_ONLY_ADMIN"],
        })
      : null;
  const { integration } = await connectIntegration({
    ctx: userCtx(actor),
    input: {
      name: "Okta",
      domain: emu.url,
      auth: app
        ? { method: "private_key_jwt", clientId: app.clientId, privateKey: app.privateKeyPem!, keyId: app.kid }
        : { method: "api_token", token: token!.token },
      scopes: [...READ_SCOPES],
    },
  });
  const [run] = await sql()`select id from sync_runs where integration_id = ${integration.id} and status = 'queued'`;
  expect(await runSync(run.id as string)).toEqual({ claimed: true, status: "succeeded" });
  return { t, actor, id: integration.id, app, token };
}

async function diagnose(actor: Actor, integrationId: string, symptom: Symptom = "all") {
  return (await startDiagnostics({ ctx: userCtx(actor), input: { integrationId, symptom } })).run();
}

/** Exactly one check did not pass, it is `id`, with `status` and `cause`; every other check passed. */
function expectOnly(r: DiagnosticsResult, id: string, status: "warn" | "fail", cause: string): CheckResult {
  const bad = r.checks.filter((c) => c.status !== "pass");
  expect(bad.map((c) => [c.id, c.status, c.cause])).toEqual([[id, status, cause]]);
  expect(bad[0].fix?.length).toBeGreaterThan(20);
  return bad[0];
}

describe("a healthy integration", () => {
  it("passes every check of 'Check everything', and the run is kept in the event log", async () => {
    const { actor, id } = await connected();
    const r = await diagnose(actor, id);
    expect(r.checks.filter((c) => c.status !== "pass").map((c) => [c.id, c.summary])).toEqual([]);
    expect(r.notRun).toEqual([]);
    expect(r.checks.map((c) => c.id)).toEqual([
      "domain_format",
      "domain_reachable",
      "okta_org",
      "same_org",
      "credentials",
      "dpop",
      "scope_users",
      "scope_groups",
      "scope_apps",
      "scope_logs",
      "scope_roles",
      "scope_idps",
      "admin_role",
      "last_sync",
      "log_window",
      "counts",
      "rate_limits",
    ]);
    const counts = r.checks.find((c) => c.id === "counts")!;
    expect(counts.evidence.map((e) => e.label)).toEqual(["Users", "Groups", "Group memberships", "Apps", "Last sync finished"]);
    expect(counts.evidence[0].value).toMatch(/^Okta 80 · stored 80/);
    const [ev] =
      await sql()`select kind, level, message, details, actor_user_id from integration_events where integration_id = ${id} and kind = 'diagnostics.run'`;
    expect(ev).toMatchObject({
      level: "info",
      actor_user_id: actor.userId,
      details: { symptom: "all", counts: { pass: 17, warn: 0, fail: 0, notRun: 0 } },
    });
    expect(ev.message).toMatch(/Check everything.*17 passed/);
  });

  it("reports event hooks as not set up, as a warning, only when the symptom is about hooks", async () => {
    const { actor, id } = await connected();
    const r = await diagnose(actor, id, "hooks");
    const c = expectOnly(r, "event_hooks", "warn", "HOOKS_NOT_SET_UP");
    expect(c.summary).toMatch(/^Not set up/);
    expect(r.checks).toHaveLength(1);
  });
});

describe("each fault the emulator injects is named by exactly one check", () => {
  it("scope removed: the scope check names okta.groups.read from WWW-Authenticate", async () => {
    const { actor, id, app } = await connected();
    await emu.control("PATCH", `/apps/${app!.clientId}`, { scopes: READ_SCOPES.filter((s) => s !== "okta.groups.read") });
    const c = expectOnly(await diagnose(actor, id), "scope_groups", "fail", "SCOPE_MISSING");
    expect(c.summary).toMatch(/okta\.groups\.read/);
    expect(c.evidence).toContainEqual({ label: "HTTP status", value: "403" });
    expect(c.evidence).toContainEqual({ label: "WWW-Authenticate scope", value: "okta.groups.read" });
    expect(c.fix).toMatch(/Okta API Scopes and grant okta\.groups\.read/);
    expect(c.adminUrl).toBe(`${emu.url}/admin/app/oidc_client/instance/${app!.clientId}/#tab-general`);
  });

  it("admin role removed: E0000006 with its errorId, and checks that need reads are not run", async () => {
    const { actor, id, app } = await connected();
    await emu.control("PATCH", `/apps/${app!.clientId}`, { roles: [] });
    const r = await diagnose(actor, id);
    const c = expectOnly(r, "admin_role", "fail", "NO_ADMIN_ROLE");
    expect(c.evidence).toContainEqual({ label: "Okta errorCode", value: "E0000006" });
    expect(c.evidence.find((e) => e.label === "Okta errorId")?.value).toMatch(/^oae/);
    expect(c.summary).toMatch(/no users at all/);
    expect(c.fix).toMatch(/Read-Only Administrator/);
    expect(r.notRun.map((n) => n.id)).toEqual(["log_window", "counts"]);
  });

  it("app deactivated: the credentials check says so, from Okta's invalid_client", async () => {
    const { actor, id, app } = await connected();
    await emu.control("PATCH", `/apps/${app!.clientId}`, { status: "INACTIVE" });
    const r = await diagnose(actor, id);
    const c = expectOnly(r, "credentials", "fail", "INVALID_CLIENT");
    expect(c.summary).toMatch(/^App deactivated or deleted/);
    expect(c.evidence).toContainEqual({ label: "OAuth error", value: "invalid_client" });
    expect(c.evidence).toContainEqual({ label: "HTTP status", value: "401" });
    expect(r.notRun.map((n) => n.id)).toContain("scope_users");
  });

  it("DPoP required and not used: the console copes, and the DPoP check says what changed", async () => {
    const { actor, id, app } = await connected();
    await emu.control("PATCH", `/apps/${app!.clientId}`, { dpopRequired: true });
    const c = expectOnly(await diagnose(actor, id), "dpop", "warn", "DPOP_REQUIRED_NOT_USED");
    expect(c.evidence).toContainEqual({ label: "Token type issued", value: "DPoP" });
  });

  it("API token revoked: Okta's E0000011", async () => {
    const { actor, id, token } = await connected("token");
    await emu.control("POST", "/faults", { revokeToken: token!.name });
    const r = await diagnose(actor, id, "token_expired");
    const c = expectOnly(r, "credentials", "fail", "API_TOKEN_INVALID");
    expect(c.evidence).toContainEqual({ label: "Okta errorCode", value: "E0000011" });
    expect(c.adminUrl).toBe(`${emu.url}/admin/access/api/tokens`);
  });

  it("throttling: 429s in the sync's run records fail the rate-limit check", async () => {
    const { actor, id } = await connected();
    await emu.control("POST", "/faults", { rateLimitBurst: 3, path: "/api/v1/users" });
    const { run } = await startSync({ ctx: systemCtx(actor.workspaceId), input: { integrationId: id, trigger: "manual" } });
    expect(await runSync(run.id)).toEqual({ claimed: true, status: "succeeded" });
    const c = expectOnly(await diagnose(actor, id, "rate_limits"), "rate_limits", "fail", "RATE_LIMITED");
    expect(c.summary).toMatch(/429/);
    expect(c.evidence.some((e) => /after a 429/.test(e.value))).toBe(true);
  });

  it("throttling right now: the checks do not wait out 429s, they report them", async () => {
    const { actor, id } = await connected();
    await emu.control("POST", "/faults", { rateLimitBurst: 100, path: "/api/v1/" });
    const r = await diagnose(actor, id, "rate_limits");
    const c = expectOnly(r, "rate_limits", "fail", "RATE_LIMITED");
    expect(c.summary).toMatch(/Okta answered 429 \(too many requests\) 1 time during these checks \(users: 1\)/);
    // Okta was asked once: the 429 was reported, not waited out and asked again (each retry would take
    // another answer from the burst).
    expect((await emu.control<{ rateLimitBurst: number }>("GET", "/faults")).rateLimitBurst).toBe(99);
  });
});

describe("before saving (a connection that failed to verify)", () => {
  async function presave(body: object, key: string) {
    const res = await callRoute(presaveRoute, "/api/integrations/diagnostics", { key, method: "POST", body });
    return { status: res.status, body: await res.json() };
  }

  it.each([
    [
      "wrong client secret",
      () => ({ method: "client_secret", clientId: emu.app("oin-secret").clientId, clientSecret: "not-the-secret-at-all" }),
      "INVALID_CLIENT",
      /do not belong together/,
    ],
    [
      "custom app with a secret",
      () => ({
        method: "client_secret",
        clientId: emu.app("custom-with-secret").clientId,
        clientSecret: emu.app("custom-with-secret").clientSecret,
      }),
      "SECRET_NOT_ALLOWED",
      /private_key_jwt/,
    ],
  ])("%s", async (_, auth, cause, said) => {
    const t = await createTenant();
    const { status, body } = await presave({ domain: emu.url, auth: auth(), symptom: "credentials" }, t.adminKey);
    expect(status).toBe(200);
    const r = body as DiagnosticsResult;
    expect(r.integrationId).toBeNull();
    const c = expectOnly(r, "credentials", "fail", cause);
    expect(c.summary + c.evidence.map((e) => e.value).join(" ")).toMatch(said);
    expect(r.checks.map((x) => x.id)).toEqual(["domain_format", "domain_reachable", "okta_org", "credentials"]);
    expect(r.notRun.map((n) => n.id)).toEqual(["dpop"]);
    expect(JSON.stringify(body)).not.toContain("not-the-secret-at-all");
  });

  it("an unusable domain is the first finding, not a 400", async () => {
    const t = await createTenant();
    const { status, body } = await presave(
      { domain: "acme.okta.com.com", auth: { method: "api_token", token: emu.apiToken() }, symptom: "all" },
      t.adminKey,
    );
    expect(status).toBe(200);
    expect((body as DiagnosticsResult).checks.map((c) => [c.id, c.status, c.cause])).toEqual([["domain_format", "fail", "DOMAIN_INVALID"]]);
  });
});

describe("the API", () => {
  const call = (id: string, key: string, body: object, accept = "application/json") =>
    callRoute(diagnosticsRoute, `/api/integrations/${id}/diagnostics`, { key, method: "POST", body, params: { id }, headers: { accept } });

  it("refuses viewers, names a bad field, and hides other workspaces' integrations", async () => {
    const { t, id } = await connected("token");
    expect((await call(id, t.viewerKey, { symptom: "all" })).status).toBe(403);
    const bad = await call(id, t.adminKey, { symptom: "everything", extra: 1 });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/symptom: must be one of all, credentials/);
    const other = await createTenant();
    expect((await call(id, other.adminKey, { symptom: "all" })).status).toBe(404);
  });

  it("streams the plan, each check as it finishes, and the result (NDJSON)", async () => {
    const { t, id, token } = await connected("token");
    const res = await call(id, t.adminKey, { symptom: "credentials" }, "application/x-ndjson");
    expect(res.headers.get("content-type")).toMatch(/application\/x-ndjson/);
    const text = await res.text();
    const lines = text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as StreamLine);
    expect(lines.map((l) => l.type)).toEqual(["plan", ...Array(5).fill(["running", "check"]).flat(), "done"]);
    expect(lines[0]).toMatchObject({
      type: "plan",
      symptom: "credentials",
      checks: [{ id: "domain_format" }, { id: "domain_reachable" }, { id: "okta_org" }, { id: "same_org" }, { id: "credentials" }],
    });
    expect(lines.at(-1)).toMatchObject({ type: "done", result: { counts: { pass: 5, fail: 0 } } });
    expect(text).not.toContain(token!.token);
  });
});
