// Shared by the e2e specs: each test seeds its own workspace and people straight into the database
// (`npm test` puts DATABASE_URL in the environment) and signs in through Auth.js's own endpoints.
import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, test as base, expect, type Page } from "@playwright/test";
import { startEmulator } from "@/emulator/server";
import { createTenant } from "@/test/factories";
import { E2E_ORG, EMULATOR_URL, OWN_EMULATOR_PORTS } from "../playwright.config";

/**
 * Playwright's test, which also fails a test on any Content-Security-Policy violation the browser
 * reports on any page of its context: the console prints one ("Refused to … because it violates the
 * following Content Security Policy directive"), and the page fires `securitypolicyviolation`.
 * Every spec imports `test` from here, so the app is proven to run under its own CSP.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context }, use) => {
      const seen: string[] = [];
      const note = (where: string, what: string) => {
        const line = `${where}: ${what}`;
        if (!seen.includes(line)) seen.push(line);
      };
      await context.exposeBinding("__reportCspViolation", ({ page }, what: string) => note(page.url(), what));
      await context.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          const report = (window as unknown as { __reportCspViolation: (what: string) => void }).__reportCspViolation;
          report(`${e.violatedDirective} blocked ${e.blockedURI || "inline code"} (${e.sourceFile}:${e.lineNumber})`);
        });
      });
      const watch = (page: Page) =>
        page.on("console", (msg) => {
          if (msg.type() === "error" && /Content Security Policy/i.test(msg.text())) note(page.url(), msg.text());
        });
      context.pages().forEach(watch);
      context.on("page", watch);
      await use(seen);
      expect(seen, "Content-Security-Policy violations reported by the browser").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export type Tenant = Awaited<ReturnType<typeof createTenant>>;
export interface Person {
  email: string;
  password: string;
}

/** A fresh workspace with an admin and a viewer (each with an API key). */
export async function seedTenant(): Promise<Tenant> {
  if (!process.env.DATABASE_URL) throw new Error("e2e needs DATABASE_URL (run through `npm test`)");
  return createTenant();
}

/** Signs in without the form: csrf token, then the credentials callback; cookies land in the page's context. */
export async function signIn(page: Page, who: Person) {
  const { csrfToken } = await (await page.request.get("/api/auth/csrf")).json();
  const res = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: who.email, password: who.password, callbackUrl: "/integrations" },
    maxRedirects: 0,
  });
  expect(res.status(), "credentials callback redirects").toBe(302);
  expect(res.headers().location, "sign-in succeeded").not.toContain("error=");
}

/** Signs in by filling the sign-in page, as a person would. */
export async function signInWithForm(page: Page, who: Person) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/**
 * Navigates and waits until React has hydrated the page, so a click reaches its handler: the root
 * marks itself hydrated, and the page's own streamed part hydrates once its chunks have loaded
 * (network idle); an input changed before that would be reset by hydration.
 */
export async function open(page: Page, url: string) {
  const res = await page.goto(url);
  await page.locator("html[data-hydrated=true]").waitFor({ state: "attached" });
  await page.waitForLoadState("networkidle");
  return res;
}

/**
 * Fails on any serious or critical accessibility violation axe finds on the open page (WCAG 2.x A
 * and AA rules), listing each with the elements it found it on.
 */
export async function expectAccessible(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious.map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}`).join("\n")}`);
  // Soft: a run reports every page's violations, not just the first page's.
  expect.soft(report, `accessibility of ${what}`).toEqual([]);
}

export const READ_SCOPES = ["okta.users.read", "okta.groups.read", "okta.apps.read", "okta.logs.read", "okta.roles.read", "okta.idps.read"];
/** The scopes actions on Okta need (granted to the app in Okta; the console asks for them with allowActions). */
export const MANAGE_SCOPES = ["okta.users.manage", "okta.groups.manage", "okta.apps.manage"];
export const uid = () => Math.random().toString(36).slice(2, 8);
export const bearer = (t: Tenant) => ({ authorization: `Bearer ${t.adminKey}` });

/**
 * An emulated Okta org of the calling spec's own, generated like the shared one, for a spec that changes
 * its org: faults, mutations, resets, registered event hooks and app changes stay with that spec. `slot`
 * picks one of OWN_EMULATOR_PORTS (allow-listed for the console in playwright.config.ts); each spec
 * takes its own slot. Start it in beforeAll and close it in afterAll.
 */
export async function ownEmulator(slot: 1 | 2 | 3 | 4 | 5) {
  const started = await startEmulator({ port: OWN_EMULATOR_PORTS[slot - 1], host: "127.0.0.1", rateLimits: true, ...E2E_ORG });
  return { url: started.url, close: () => started.close() };
}

/** Calls an emulator's control plane (test-only: apps, faults, ground truth); the shared one by default. */
export const emu = (request: APIRequestContext, method: "post" | "patch" | "delete", path: string, data?: unknown, org = EMULATOR_URL) =>
  request[method](`${org}/__emulator${path}`, { data });

/**
 * Connects the tenant to the emulator (the shared one unless `org` says which) through the API with a
 * service app of its own (private_key_jwt). `scopes` are those granted to the app in Okta (the console
 * verifies the read scopes); the app holds `roles` (default Read-Only Administrator). `allowActions` turns on
 * actions on Okta (the console then verifies the manage scopes too): grant MANAGE_SCOPES and an admin role
 * that may act (e.g. SUPER_ADMIN).
 */
export async function connectOkta(
  request: APIRequestContext,
  t: Tenant,
  scopes = READ_SCOPES,
  roles = ["READ_ONLY_ADMIN"],
  org = EMULATOR_URL,
  opts: { allowActions?: boolean } = {},
) {
  const made = await emu(request, "post", "/apps", { name: `page-${uid()}`, kind: "service", scopes, roles }, org);
  expect(made.status()).toBe(201);
  const app = (await made.json()) as { clientId: string; privateKeyPem: string; kid: string };
  const res = await request.post("/api/integrations", {
    headers: bearer(t),
    data: {
      name: `Okta ${uid()}`,
      domain: org,
      auth: { method: "private_key_jwt", clientId: app.clientId, privateKey: app.privateKeyPem, keyId: app.kid },
      scopes: READ_SCOPES,
      ...(opts.allowActions ? { allowActions: true } : {}),
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** The integration's sync runs, newest first. */
export async function syncRuns(request: APIRequestContext, t: Tenant, id: string) {
  const res = await request.get(`/api/integrations/${id}/syncs`, { headers: bearer(t) });
  return ((await res.json()) as { items: { id: string; status: string; trigger: string }[] }).items;
}

/** Waits until the newest run has ended with `status`. */
export async function lastRunFinished(request: APIRequestContext, t: Tenant, id: string, status = "succeeded") {
  await expect.poll(async () => (await syncRuns(request, t, id))[0]?.status, { timeout: 45_000 }).toBe(status);
}
