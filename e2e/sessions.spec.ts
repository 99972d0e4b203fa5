// Sessions are server-side: what a person ends in one browser is over in every other at once.
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { expect, open, seedTenant, signIn, signInWithForm, test } from "./helpers";

test("sign-out ends the session: the cookie saved before signing out opens nothing afterwards", async ({ page, browser }) => {
  const t = await seedTenant();
  await signIn(page, t.admin);
  const saved = await page.context().cookies();
  await open(page, "/logout");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1/);

  const replay = await browser.newContext();
  try {
    await replay.addCookies(saved);
    expect((await replay.request.get("/api/me")).status()).toBe(401);
    const session = await replay.request.get("/api/auth/session");
    expect(await session.json()).toBeNull();
    const p = await replay.newPage();
    await p.goto("/integrations");
    await expect(p).toHaveURL(/\/login/);
  } finally {
    await replay.close();
  }
});

test("Your account: change the password, which signs out the other browser, then sign out everywhere", async ({ page, browser }) => {
  const t = await seedTenant();
  const other = await browser.newContext();
  try {
    const otherPage = await other.newPage();
    await signIn(otherPage, t.admin);
    await signInWithForm(page, t.admin);
    await expect(page).toHaveURL(/\/integrations/);

    await page.getByRole("button", { name: new RegExp(t.admin.email) }).click();
    await page.getByRole("menuitem", { name: "Your account" }).click();
    await expect(page.getByRole("heading", { name: "Your sessions" })).toBeVisible();
    const list = page.getByRole("table", { name: "Your sessions" });
    await expect(list.getByRole("row")).toHaveCount(3);
    await expect(list.getByText("This session")).toHaveCount(1);
    await page.screenshot({ path: "test-results/account-sessions.png", fullPage: true });

    await page.getByLabel("Current password").fill(t.admin.password);
    await page.getByLabel("New password", { exact: true }).fill("another-long-passphrase");
    await page.getByLabel("New password again").fill("another-long-passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Password changed. 1 other session was signed out.")).toBeVisible();
    await expect(list.getByRole("row")).toHaveCount(2);
    expect((await otherPage.request.get("/api/me")).status()).toBe(401);

    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/login\?signedOut=1/);
    expect((await page.request.get("/api/me")).status()).toBe(401);
    await signInWithForm(page, { email: t.admin.email, password: "another-long-passphrase" });
    await expect(page).toHaveURL(/\/integrations/);
  } finally {
    await other.close();
  }
});

test("an admin sees a person's sessions in Settings → People and ends them", async ({ page, browser }) => {
  const t = await seedTenant();
  const viewer = await browser.newContext({
    userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0",
  });
  try {
    const viewerPage = await viewer.newPage();
    await signIn(viewerPage, t.viewer);
    expect((await viewerPage.request.get("/api/me")).status()).toBe(200);

    await signIn(page, t.admin);
    await open(page, "/settings/people");
    await page.getByRole("button", { name: `Sessions of ${t.viewer.email}` }).click();
    const dialog = page.getByRole("dialog");
    const table = dialog.getByRole("table", { name: `Sessions of ${t.viewer.email}` });
    await expect(table.getByText("Firefox on Windows")).toBeVisible();
    await page.screenshot({ path: "test-results/people-sessions.png" });
    await table.getByRole("button", { name: /^End the Firefox on Windows session/ }).click();
    await expect(dialog.getByText("No active sessions")).toBeVisible();
    expect((await viewerPage.request.get("/api/me")).status()).toBe(401);
  } finally {
    await viewer.close();
  }
});

test("a generated first password must be replaced at first sign-in before anything else opens", async ({ page }) => {
  const t = await seedTenant();
  await getDb().update(users).set({ mustChangePassword: true }).where(eq(users.id, t.admin.id));
  await signInWithForm(page, t.admin);
  await expect(page).toHaveURL(/\/change-password$/);
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await page.screenshot({ path: "test-results/change-password.png" });
  // Pages send it back here; the API refuses.
  await page.goto("/settings/people");
  await expect(page).toHaveURL(/\/change-password$/);
  expect((await page.request.get("/api/users")).status()).toBe(403);

  await page.getByLabel("Current password").fill(t.admin.password);
  await page.getByLabel("New password", { exact: true }).fill("chosen-by-me-123");
  await page.getByLabel("New password again").fill("chosen-by-me-123");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/integrations$/);
  expect((await page.request.get("/api/users")).status()).toBe(200);
});
