// Issue 7 against the emulator: for each fault the emulator can inject, the troubleshooting wizard's
// failing check names the cause and its fix, and every other check passes. Most cases go through the
// API (an admin API key), one through the wizard in Chromium. Faults are global to the emulator, so
// each case works on an app (or token) of its own and every fault is cleared after each test.
import type { APIRequestContext } from "@playwright/test";
import { E2E_ORG } from "../playwright.config";
import { expect, ownEmulator, seedTenant, signIn, type Tenant, test } from "./helpers";

const SCOPES = ["okta.users.read", "okta.groups.read", "okta.apps.read", "okta.logs.read", "okta.roles.read", "okta.idps.read"];
const SHOTS = process.env.E2E_SCREENSHOTS;
// The org's System Log history (E2E_ORG in playwright.config.ts), restored after a case empties it.
const LOG_DAYS = E2E_ORG.logDays;

interface EmuApp {
  name: string;
  clientId: string;
  clientSecret?: string;
  privateKeyPem?: string;
  kid?: string;
}
interface Check {
  id: string;
  title: string;
  status: "pass" | "warn" | "fail";
  cause: string | null;
  summary: string;
  evidence: { label: string; value: string }[];
  fix: string | null;
  adminUrl: string | null;
}
interface Result {
  checks: Check[];
  notRun: { id: string; reason: string }[];
  counts: { pass: number; warn: number; fail: number; notRun: number };
}

// Faults, app changes and a reset change the org: this spec has an emulated org of its own.
let org: Awaited<ReturnType<typeof ownEmulator>>;
let creds: { apps: EmuApp[] };
const preset = (name: string) => creds.apps.find((a) => a.name === name)!;
const uid = () => Math.random().toString(36).slice(2, 8);
const emu = (request: APIRequestContext, method: "post" | "patch" | "delete", path: string, data?: unknown) =>
  request[method](`${org.url}/__emulator${path}`, { data });

test.beforeAll(async ({ request }) => {
  org = await ownEmulator(2);
  creds = await (await request.get(`${org.url}/__emulator/credentials`)).json();
});
test.afterAll(async () => {
  await org?.close();
});

let emptiedLogs = false;
test.afterEach(async ({ request }) => {
  expect((await emu(request, "delete", "/faults")).ok()).toBe(true);
  if (emptiedLogs) expect((await emu(request, "post", "/reset", { logDays: LOG_DAYS })).ok()).toBe(true);
  emptiedLogs = false;
});

const bearer = (t: Tenant) => ({ authorization: `Bearer ${t.adminKey}` });

/** A service app of this test's own (private_key_jwt, all read scopes, Read-Only Administrator). */
async function freshApp(request: APIRequestContext): Promise<EmuApp> {
  const res = await emu(request, "post", "/apps", { name: `diag-${uid()}`, kind: "service", scopes: SCOPES, roles: ["READ_ONLY_ADMIN"] });
  expect(res.status()).toBe(201);
  return res.json();
}

/** Connects through the API and waits for the initial sync, as an admin would before troubleshooting. */
async function connect(request: APIRequestContext, t: Tenant, auth: Record<string, unknown>) {
  const res = await request.post("/api/integrations", {
    headers: bearer(t),
    data: { name: `Okta ${uid()}`, domain: org.url, auth, scopes: SCOPES },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  await syncFinished(request, t, id);
  return id;
}

async function syncFinished(request: APIRequestContext, t: Tenant, id: string) {
  await expect
    .poll(
      async () =>
        ((await (await request.get(`/api/integrations/${id}/syncs`, { headers: bearer(t) })).json()) as { items: { status: string }[] })
          .items[0]?.status,
      { timeout: 45_000 },
    )
    .toBe("succeeded");
}

async function diagnose(request: APIRequestContext, t: Tenant, id: string, symptom: string): Promise<Result> {
  const res = await request.post(`/api/integrations/${id}/diagnostics`, { headers: bearer(t), data: { symptom } });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

/** The one check that did not pass is `id` with this cause; every other check that ran passed. */
function expectNamed(r: Result, id: string, status: "warn" | "fail", cause: string, said: RegExp, fix: RegExp) {
  expect(r.checks.filter((c) => c.status !== "pass").map((c) => `${c.id}:${c.status}:${c.cause}`)).toEqual([`${id}:${status}:${cause}`]);
  const c = r.checks.find((x) => x.id === id)!;
  expect([c.summary, ...c.evidence.map((e) => `${e.label}: ${e.value}`)].join(" | ")).toMatch(said);
  expect(c.fix).toMatch(fix);
  return c;
}

const keyAuth = (a: EmuApp) => ({ method: "private_key_jwt", clientId: a.clientId, privateKey: a.privateKeyPem, keyId: a.kid });

type Case = {
  fault: string;
  run: (request: APIRequestContext, t: Tenant) => Promise<Result>;
  check: string;
  status?: "warn" | "fail";
  cause: string;
  said: RegExp;
  fix: RegExp;
  notRun?: string[];
};

const CASES: Case[] = [
  {
    fault: "wrong secret (before saving)",
    run: async (request, t) => {
      const res = await request.post("/api/integrations/diagnostics", {
        headers: bearer(t),
        data: {
          domain: org.url,
          auth: { method: "client_secret", clientId: preset("oin-secret").clientId, clientSecret: "certainly-not-the-secret" },
          symptom: "credentials",
        },
      });
      expect(res.status()).toBe(200);
      return res.json();
    },
    check: "credentials",
    cause: "INVALID_CLIENT",
    said: /do not belong together.*HTTP status: 401.*OAuth error: invalid_client/,
    fix: /Client secret from the app's General tab/,
    notRun: ["dpop"],
  },
  {
    fault: "custom app with a secret (before saving)",
    run: async (request, t) => {
      const a = preset("custom-with-secret");
      const res = await request.post("/api/integrations/diagnostics", {
        headers: bearer(t),
        data: {
          domain: org.url,
          auth: { method: "client_secret", clientId: a.clientId, clientSecret: a.clientSecret },
          symptom: "credentials",
        },
      });
      return res.json();
    },
    check: "credentials",
    cause: "SECRET_NOT_ALLOWED",
    said: /must use a public\/private key.*private_key_jwt/,
    fix: /Public key \/ Private key/,
    notRun: ["dpop"],
  },
  {
    fault: "DPoP required and not used",
    run: async (request, t) => {
      const a = await freshApp(request);
      const id = await connect(request, t, keyAuth(a));
      await emu(request, "patch", `/apps/${a.clientId}`, { dpopRequired: true });
      return diagnose(request, t, id, "credentials");
    },
    check: "dpop",
    status: "warn",
    cause: "DPOP_REQUIRED_NOT_USED",
    said: /now requires DPoP.*Okta asked for a DPoP proof.*Token type issued: DPoP/,
    fix: /Require Demonstrating Proof of Possession/,
  },
  {
    fault: "scope removed",
    run: async (request, t) => {
      const a = await freshApp(request);
      const id = await connect(request, t, keyAuth(a));
      await emu(request, "post", "/faults", { removeScope: { app: a.clientId, scope: "okta.groups.read" } });
      return diagnose(request, t, id, "groups_missing");
    },
    check: "scope_groups",
    cause: "SCOPE_MISSING",
    said: /not granted okta\.groups\.read.*HTTP status: 403.*WWW-Authenticate scope: okta\.groups\.read/,
    fix: /Okta API Scopes and grant okta\.groups\.read/,
  },
  {
    fault: "admin role removed",
    run: async (request, t) => {
      const a = await freshApp(request);
      const id = await connect(request, t, keyAuth(a));
      await emu(request, "post", "/faults", { removeRole: { app: a.clientId, role: "READ_ONLY_ADMIN" } });
      return diagnose(request, t, id, "all");
    },
    check: "admin_role",
    cause: "NO_ADMIN_ROLE",
    said: /E0000006.*Okta errorId: oae/,
    fix: /Admin roles and assign the Read-Only Administrator role/,
    notRun: ["log_window", "counts"],
  },
  {
    fault: "app deactivated",
    run: async (request, t) => {
      const a = await freshApp(request);
      const id = await connect(request, t, keyAuth(a));
      await emu(request, "post", "/faults", { revokeApp: a.clientId });
      return diagnose(request, t, id, "credentials");
    },
    check: "credentials",
    cause: "INVALID_CLIENT",
    said: /App deactivated or deleted.*OAuth error: invalid_client/,
    fix: /activate this app again/,
    notRun: ["dpop"],
  },
  {
    fault: "token revoked",
    run: async (request, t) => {
      const token = (await (await emu(request, "post", "/tokens", { name: `diag-${uid()}`, roles: ["READ_ONLY_ADMIN"] })).json()) as {
        name: string;
        token: string;
      };
      const id = await connect(request, t, { method: "api_token", token: token.token });
      await emu(request, "post", "/faults", { revokeToken: token.name });
      return diagnose(request, t, id, "token_expired");
    },
    check: "credentials",
    cause: "API_TOKEN_INVALID",
    said: /invalid or expired.*Okta errorCode: E0000011/,
    fix: /Security > API > Tokens/,
  },
  {
    fault: "empty System Log window",
    run: async (request, t) => {
      const a = await freshApp(request);
      const id = await connect(request, t, keyAuth(a));
      emptiedLogs = true;
      expect((await emu(request, "post", "/reset", { logDays: 0 })).ok()).toBe(true);
      return diagnose(request, t, id, "activity_missing");
    },
    check: "log_window",
    cause: "LOG_EMPTY",
    said: /no System Log events at all.*in the window: no events.*90 days back: no events/,
    fix: /Reports > System Log/,
  },
  {
    fault: "throttling",
    run: async (request, t) => {
      const a = await freshApp(request);
      const id = await connect(request, t, keyAuth(a));
      // The next requests to /api/v1/users get 429 E0000047: the next sync waits them out and records it.
      await emu(request, "post", "/faults", { rateLimitBurst: 3, path: "/api/v1/users" });
      expect((await request.post(`/api/integrations/${id}/syncs`, { headers: bearer(t), data: {} })).status()).toBe(202);
      await syncFinished(request, t, id);
      return diagnose(request, t, id, "rate_limits");
    },
    check: "rate_limits",
    cause: "RATE_LIMITED",
    said: /Okta answered 429 .*during syncs.*after a 429/,
    fix: /rate limit dashboard/,
  },
];

test.describe("each emulator fault is named by the failing check, with its fix", () => {
  for (const c of CASES) {
    test(c.fault, async ({ request }) => {
      const t = await seedTenant();
      const r = await c.run(request, t);
      const check = expectNamed(r, c.check, c.status ?? "fail", c.cause, c.said, c.fix);
      expect(r.notRun.map((n) => n.id)).toEqual(c.notRun ?? []);
      // Every failing check links to the page of this org's Admin Console where the fix is made.
      const admin = new RegExp(`^${org.url.replaceAll(".", "\\.")}/(admin|report)/`);
      expect(check.adminUrl ?? "(none)").toMatch(admin);
    });
  }
});

test("a healthy integration passes every check, and the run is kept in the event log; viewers are refused", async ({ request }) => {
  const t = await seedTenant();
  const id = await connect(request, t, keyAuth(await freshApp(request)));
  const r = await diagnose(request, t, id, "all");
  expect(r.checks.filter((c) => c.status !== "pass").map((c) => `${c.id}: ${c.summary}`)).toEqual([]);
  expect(r.counts).toEqual({ pass: 17, warn: 0, fail: 0, notRun: 0 });
  expect(r.checks.find((c) => c.id === "counts")!.evidence[0].value).toMatch(/^Okta ([\d,]+) · stored \1 /);
  const events = await (await request.get(`/api/integrations/${id}/events?kind=diagnostics.run`, { headers: bearer(t) })).json();
  expect(events.items[0]).toMatchObject({
    kind: "diagnostics.run",
    level: "info",
    details: { symptom: "all", counts: { pass: 17, fail: 0 } },
  });
  const viewer = await request.post(`/api/integrations/${id}/diagnostics`, {
    headers: { authorization: `Bearer ${t.viewerKey}` },
    data: { symptom: "all" },
  });
  expect(viewer.status()).toBe(403);
  const bad = await request.post(`/api/integrations/${id}/diagnostics`, { headers: bearer(t), data: { symptom: "nope" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toMatch(/^Invalid body: symptom: must be one of/);
});

test("the wizard: pick a symptom, watch the checks, fix in Okta, run again, sync now", async ({ page, request }) => {
  const t = await seedTenant();
  const a = await freshApp(request);
  const id = await connect(request, t, keyAuth(a));
  await emu(request, "post", "/faults", { removeScope: { app: a.clientId, scope: "okta.groups.read" } });

  await signIn(page, t.admin);
  await page.goto(`/integrations/okta/${id}/troubleshoot?symptom=groups_missing`);
  await expect(page.getByRole("heading", { level: 1, name: "Troubleshoot" })).toBeVisible();
  await expect(page.getByRole("radio", { name: /Users sync but groups are missing/ })).toBeChecked();
  await page.getByRole("radio", { name: /Check everything/ }).check();
  await expect(page).toHaveURL(/symptom=all/);
  await page.getByRole("radio", { name: /Users sync but groups are missing/ }).check();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/troubleshoot-pick.png`, fullPage: true });

  await page.getByRole("button", { name: "Run the checks" }).click();
  const run = page.getByTestId("diagnostics-run");
  await expect(run).toHaveAttribute("data-phase", "done");
  const failing = page.getByTestId("check-scope_groups");
  await expect(failing).toHaveAttribute("data-status", "fail");
  await expect(failing).toContainText("The app is not granted okta.groups.read");
  await expect(failing.getByRole("definition").filter({ hasText: "okta.groups.read" }).first()).toBeVisible();
  await expect(failing.getByRole("link", { name: /Open in the Okta Admin Console/ })).toHaveAttribute(
    "href",
    `${org.url}/admin/app/oidc_client/instance/${a.clientId}/#tab-general`,
  );
  for (const other of ["domain_format", "credentials", "scope_users", "admin_role", "last_sync", "counts"]) {
    await expect(page.getByTestId(`check-${other}`)).toHaveAttribute("data-status", "pass");
  }
  await expect(run.getByRole("alert").filter({ hasText: "1 problem found" })).toBeVisible();
  // The verdict is read first: the summary sits above the rows it sums up.
  const summaryBox = await run.getByTestId("diagnostics-summary").boundingBox();
  const rowsBox = await run.getByRole("list", { name: "Checks" }).boundingBox();
  expect(summaryBox!.y + summaryBox!.height).toBeLessThanOrEqual(rowsBox!.y + 1);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/troubleshoot-failing.png`, fullPage: true });

  // The admin grants the scope again in Okta, then re-runs.
  await emu(request, "delete", "/faults");
  await page.getByRole("button", { name: "Run the checks again" }).click();
  await expect(page.getByTestId("check-scope_groups")).toHaveAttribute("data-status", "pass");
  await expect(run.getByText("Everything checked out")).toBeVisible();
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByText("Sync started.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Earlier troubleshooting runs" }).getByRole("listitem")).toHaveCount(2);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/troubleshoot-passing.png`, fullPage: true });
});
