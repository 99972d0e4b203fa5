// The defences a browser sees: the security headers on a page, a redirect and an API answer, every
// script of a page carrying the CSP nonce, and a same-site page on another port unable to act with an
// admin's cookie. (Every other spec fails on a CSP violation through the fixture in helpers.ts.)
import { BASE_URL, EMULATOR_URL } from "../playwright.config";
import { bearer, expect, open, seedTenant, signIn, test } from "./helpers";

const STATIC_HEADERS = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
};

function expectStaticHeaders(headers: Record<string, string>, what: string) {
  expect(headers, what).toMatchObject(STATIC_HEADERS);
  for (const feature of ["camera", "microphone", "geolocation", "payment", "usb"]) {
    expect(headers["permissions-policy"], `${what}: Permissions-Policy denies ${feature}`).toContain(`${feature}=()`);
  }
  // Served over plain http here: no HSTS (browsers would ignore it anyway).
  expect(headers["strict-transport-security"], what).toBeUndefined();
}

test("pages, redirects and API answers carry the security headers; every page script has the nonce", async ({ page, request }) => {
  const t = await seedTenant();

  const login = await request.get("/login");
  expect(login.status()).toBe(200);
  expectStaticHeaders(login.headers(), "sign-in page");
  const csp = login.headers()["content-security-policy"];
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
  expect(nonce, `a nonce in ${csp}`).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'(;|$)/);
  expect(csp, "a production build needs no eval").not.toContain("unsafe-eval");
  const html = await login.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, "every script carries this response's nonce").toContain(`nonce="${nonce}"`);
  // A fresh nonce per response.
  expect((await request.get("/login")).headers()["content-security-policy"]).not.toBe(csp);

  const redirect = await request.get("/integrations", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectStaticHeaders(redirect.headers(), "sign-in redirect");

  const api = await request.get("/api/integrations", { headers: bearer(t) });
  expect(api.status()).toBe(200);
  expectStaticHeaders(api.headers(), "API answer");
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");

  const https = await request.get("/api/health", { headers: { "x-forwarded-proto": "https" } });
  expect(https.headers()["strict-transport-security"], "HSTS behind a TLS proxy").toMatch(/^max-age=\d{7,}/);

  // A signed-in page runs under its CSP (the fixture fails the test on any violation).
  await signIn(page, t.admin);
  const res = await open(page, "/integrations");
  expect(res?.headers()["content-security-policy"]).toMatch(/'nonce-/);
  await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible();
});

test("a same-site page on another port cannot create an API key or a person with the admin's cookie", async ({ page, request }) => {
  const t = await seedTenant();
  await signIn(page, t.admin);
  const keysBefore = (await (await request.get("/api/api-keys", { headers: bearer(t) })).json()).items.length;
  const peopleBefore = (await (await request.get("/api/users", { headers: bearer(t) })).json()).items.length;

  // Same site as the console (localhost; the port does not count), another origin: the session cookie
  // (SameSite=Lax) rides along, and text/plain needs no preflight, so only the server can refuse.
  // A real local server (the emulator's control plane), so Chromium treats the page as local like the
  // console and lets it send the request; only the console itself can refuse it.
  const evil = `http://localhost:${new URL(EMULATOR_URL).port}/__emulator`;
  await page.goto(evil);
  // The browser may hide the opaque answer from the page (a failed fetch), but Playwright sees its status.
  const answered = (path: string) => page.waitForResponse((r) => r.url() === `${BASE_URL}${path}` && r.request().method() === "POST");
  const answers = Promise.all([answered("/api/api-keys"), answered("/api/users")]);
  await page.evaluate(async (base) => {
    const send = (path: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method: "POST",
        mode: "no-cors",
        credentials: "include",
        headers: { "content-type": "text/plain;charset=json" },
        body: JSON.stringify(body),
      }).catch(() => undefined);
    await send("/api/api-keys", { name: "stolen" });
    await send("/api/users", { email: "intruder@example.com", name: "Intruder", role: "admin", password: "long-enough-password" });
  }, BASE_URL);
  expect((await answers).map((r) => r.status())).toEqual([403, 403]);

  expect((await (await request.get("/api/api-keys", { headers: bearer(t) })).json()).items).toHaveLength(keysBefore);
  expect((await (await request.get("/api/users", { headers: bearer(t) })).json()).items).toHaveLength(peopleBefore);
  // The same cookie from the console's own page still works.
  await open(page, "/settings/api-keys");
  const mine = await page.evaluate(
    async () =>
      (
        await fetch("/api/api-keys", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ name: "mine" }),
        })
      ).status,
  );
  expect(mine).toBe(201);
});
