// The console's own accounts in the browser (issue 14 §6): an admin sets up sign-in with Okta in
// Settings, people sign in through the emulated Okta org's own page (PKCE, state, nonce) and get the
// role of their Okta group, or are refused with the reason; a person sets up two-factor and signs in
// with a code; a workspace that requires two-factor sends people to set it up; API keys are created
// read-only and expiring. Every page is checked for CSP violations (helpers' `test`), and the new ones
// with axe.
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { closeDb, getDb } from "@/db";
import { oktaSignInConfigs, users } from "@/db/schema";
import { codeAt } from "@/lib/auth/totp/totp";
import { expect, expectAccessible, open, ownEmulator, seedTenant, signIn, test } from "./helpers";

const SHOTS = process.env.E2E_SCREENSHOTS ?? "test-results";
/** The page at 1440 px and at 390 px (a phone), full length. */
async function shots(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${SHOTS}/${name}-1440.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
  if (size) await page.setViewportSize(size);
}

/** On /set-up-two-factor: sets up an authenticator (played by codeAt) and goes on to the console. */
async function enrolOnSetUpPage(p: Page, name?: string) {
  await p.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const secret = (await p.getByTestId("totp-secret").textContent())!.replace(/\s+/g, "");
  if (name) await shots(p, name);
  await p.getByLabel("Code from the app").fill(codeAt(secret, Date.now()));
  await p.getByRole("button", { name: "Turn on" }).click();
  await expect(p.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  await p.getByRole("button", { name: "Continue to the console" }).click();
  await expect(p).toHaveURL(/\/integrations/);
}

/** Fills the password step of the sign-in page (the Okta button is also named "Sign in …"). */
async function passwordStep(page: Page, who: { email: string; password: string }) {
  await open(page, "/login");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test.afterAll(async () => closeDb());

test.describe("sign-in with Okta", () => {
  let org: Awaited<ReturnType<typeof ownEmulator>>;
  test.beforeAll(async () => {
    org = await ownEmulator(4);
  });
  test.afterAll(async () => org?.close());

  test("an admin sets it up in Settings; a person of a mapped group signs in through Okta's page; someone in no mapped group is refused", async ({
    page,
    browser,
    request,
  }) => {
    test.setTimeout(120_000);
    const t = await seedTenant();
    const ssws = { authorization: `SSWS ${(await (await request.get(`${org.url}/__emulator/credentials`)).json()).apiTokens[0].token}` };
    const okta = async (method: "get" | "put" | "delete", path: string) => {
      const res = await request[method](`${org.url}${path}`, { headers: { ...ssws, accept: "application/json" } });
      return res.status() === 204 ? null : res.json();
    };
    // Exact memberships: one person in the group mapped to viewers, one in no mapped group.
    const group = (await okta("get", '/api/v1/groups?filter=type eq "OKTA_GROUP"'))[0] as { id: string; profile: { name: string } };
    const active = (
      (await (await request.get(`${org.url}/__emulator/truth/users`)).json()) as {
        id: string;
        status: string;
        profile: { login: string; email: string };
      }[]
    ).filter((u) => u.status === "ACTIVE");
    const [member, outsider] = active;
    await okta("put", `/api/v1/groups/${group.id}/users/${member.id}`);
    await okta("delete", `/api/v1/groups/${group.id}/users/${outsider.id}`);
    for (const u of [member, outsider]) await getDb().delete(users).where(eq(users.email, u.profile.email.toLowerCase()));

    try {
      await signIn(page, t.admin);
      await open(page, "/settings/sign-in");
      await expect(page.getByRole("heading", { name: "Sign in with Okta" })).toBeVisible();
      const redirectUri = (await page.getByTestId("redirect-uri").textContent())!.trim();
      expect(redirectUri).toBe(`http://localhost:${new URL(page.url()).port}/api/auth/callback/okta-${t.ws.id}`);
      const app = await (
        await request.post(`${org.url}/__emulator/oidc/clients`, { data: { name: "Okta Sync Console", redirectUris: [redirectUri] } })
      ).json();

      const form = page.getByRole("form", { name: "Sign in with Okta" });
      await form.getByLabel("Okta domain").fill(org.url);
      await form.getByLabel("Client ID").fill(app.clientId);
      await form.getByLabel("Client secret").fill(app.clientSecret);
      await form.getByLabel("Okta groups of viewers").fill(group.profile.name);
      // Nothing mapped to admins yet, one to viewers: enough to save.
      await form.getByRole("button", { name: "Save" }).click();
      await expect(page.getByText("Saved. The sign-in page now offers")).toBeVisible();
      await expect(form.getByText("A secret is saved")).toBeVisible();
      await expect(page.getByLabel("Client secret")).toHaveValue("");
      await expectAccessible(page, "Settings → Sign-in");
      await shots(page, "settings-sign-in");

      // A person of the mapped group, in a browser with no session.
      const ctx = await browser.newContext();
      try {
        const p = await ctx.newPage();
        await open(p, "/login");
        await expect(p.getByRole("button", { name: "Sign in with Okta" })).toBeVisible();
        await expectAccessible(p, "the sign-in page with Okta");
        await shots(p, "login-okta");
        await p.getByRole("button", { name: "Sign in with Okta" }).click();
        await expect(p).toHaveURL(new RegExp(`^${org.url}/oauth2/v1/authorize\\?`));
        const authorize = new URL(p.url());
        expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
        expect(authorize.searchParams.get("scope")).toBe("openid email profile groups");
        await p.getByLabel("Username").fill(member.profile.login);
        await p.getByLabel("Password").fill("Okta-emulator-1");
        await p.getByRole("button", { name: "Sign in" }).click();
        await expect(p).toHaveURL(/localhost:\d+\/integrations/);
        const me = await (await p.request.get("/api/me")).json();
        expect(me.user).toMatchObject({ email: member.profile.email.toLowerCase(), role: "viewer" });
        expect(me.workspace.id).toBe(t.ws.id);
        await p.getByRole("button", { name: new RegExp(member.profile.email, "i") }).click();
        await expect(p.getByRole("menuitem", { name: "Your account" })).toBeVisible();
      } finally {
        await ctx.close();
      }

      // Someone Okta signs in but who is in no mapped group: back at the sign-in page, told why.
      const ctx2 = await browser.newContext();
      try {
        const p = await ctx2.newPage();
        await open(p, "/login");
        await p.getByRole("button", { name: "Sign in with Okta" }).click();
        await p.getByLabel("Username").fill(outsider.profile.login);
        await p.getByLabel("Password").fill("Okta-emulator-1");
        await p.getByRole("button", { name: "Sign in" }).click();
        await expect(p).toHaveURL(/\/login\?error=OktaSignIn&code=okta_not_in_group/);
        await expect(p.getByText("you are not in a group that may use this console")).toBeVisible();
        await shots(p, "login-okta-refused");
        expect((await p.request.get("/api/me")).status()).toBe(401);
        expect(await getDb().select().from(users).where(eq(users.email, outsider.profile.email.toLowerCase()))).toEqual([]);
      } finally {
        await ctx2.close();
      }
    } finally {
      // Other specs' sign-in pages must not offer an Okta that is gone.
      await getDb().delete(oktaSignInConfigs).where(eq(oktaSignInConfigs.workspaceId, t.ws.id));
    }
  });
});

test("a person sets up two-factor in Your account, then signs in with a code from the app", async ({ page }) => {
  test.setTimeout(120_000);
  const t = await seedTenant();
  await passwordStep(page, t.viewer);
  await expect(page).toHaveURL(/\/integrations/);
  await open(page, "/settings/account");
  const card = page.getByText("Two-factor authentication").first();
  await expect(card).toBeVisible();
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole("img", { name: "QR code of your authenticator key" })).toBeVisible();
  await expectAccessible(page, "setting up two-factor");
  await shots(page, "settings-account-2fa-setup");
  await page.getByLabel("Code from the app").fill(codeAt(secret, Date.now()));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  await shots(page, "settings-account-2fa-codes");
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText("10 recovery codes left")).toBeVisible();
  await shots(page, "settings-account-2fa-on");

  // Signed out, the password alone is not enough: the code step follows.
  await page.context().clearCookies();
  await passwordStep(page, t.viewer);
  const step = page.getByRole("form", { name: "Two-factor step" });
  await expect(step.getByLabel("Code")).toBeVisible();
  await expectAccessible(page, "the sign-in page's code step");
  await shots(page, "login-code-step");
  await step.getByLabel("Code").fill("000000" === codeAt(secret, Date.now()) ? "111111" : "000000");
  await step.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That code is not right.")).toBeVisible();
  // The next step's code (the one used at set-up cannot be used again).
  await step.getByLabel("Code").fill(codeAt(secret, Date.now() + 30_000));
  await step.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/integrations/);
  expect((await (await page.request.get("/api/me")).json()).user.email).toBe(t.viewer.email);
});

test("where the workspace requires two-factor, a person without it sets it up before anything else; admins see and reset it", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const t = await seedTenant();
  await signIn(page, t.admin);
  await open(page, "/settings/sign-in");
  await page.getByRole("checkbox", { name: "Require a code from an authenticator app" }).click();
  await page.getByRole("button", { name: "Save" }).last().click();
  await expect(page.getByText("Saved.", { exact: true })).toBeVisible();

  const ctx = await browser.newContext();
  try {
    const p = await ctx.newPage();
    await passwordStep(p, t.viewer);
    await expect(p).toHaveURL(/\/set-up-two-factor/);
    await open(p, "/integrations");
    await expect(p).toHaveURL(/\/set-up-two-factor/);
    expect((await p.request.get("/api/sessions")).status()).toBe(403);
    await expect(p.getByRole("heading", { name: "Set up two-factor authentication" })).toBeVisible();
    await expectAccessible(p, "the two-factor set-up page");
    await shots(p, "set-up-two-factor");
    await enrolOnSetUpPage(p, "set-up-two-factor-scan");
    expect((await p.request.get("/api/sessions")).status()).toBe(200);
  } finally {
    await ctx.close();
  }

  // The admin (signed in with a password, without two-factor) is asked too; then sees who has it, and resets it.
  await open(page, "/settings/people");
  await expect(page).toHaveURL(/\/set-up-two-factor/);
  await enrolOnSetUpPage(page);
  await open(page, "/settings/people");
  const row = page.getByRole("row", { name: new RegExp(t.viewer.email) });
  await expect(row.getByText("2FA", { exact: true })).toBeVisible();
  await shots(page, "settings-people-2fa");
  await row.getByRole("button", { name: `Reset two-factor authentication of ${t.viewer.email}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Reset" }).click();
  await expect(row.getByText("2FA", { exact: true })).toHaveCount(0);
});

test("API keys: a read-only key that expires, listed with both", async ({ page }) => {
  const t = await seedTenant();
  await signIn(page, t.admin);
  await open(page, "/settings/api-keys");
  await page.getByRole("button", { name: "Create API key" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Wall screen");
  await dialog.getByLabel("Access").selectOption("read");
  await dialog.getByLabel("Expires").selectOption("30");
  await dialog.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  await expect(dialog.getByText("read-only: viewer rights")).toBeVisible();
  await dialog.getByRole("button", { name: "Done" }).click();
  const row = page.getByRole("row", { name: /Wall screen/ });
  await expect(row.getByText("Read-only")).toBeVisible();
  await expectAccessible(page, "the API keys page");
  await shots(page, "settings-api-keys");

  const asKey = { authorization: `Bearer ${key}` };
  expect((await (await page.request.get("/api/me", { headers: asKey })).json()).user.role).toBe("viewer");
  const refused = await page.request.get("/api/api-keys", { headers: asKey });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toContain("read-only");
});
