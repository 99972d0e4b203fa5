import { expect, seedTenant, signIn, signInWithForm, test } from "./helpers";

test("an admin signs in and lands on Integrations with admin controls", async ({ page }) => {
  const t = await seedTenant();
  await page.goto("/settings/people");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsettings%2Fpeople/);
  await page.getByLabel("Email").fill(t.admin.email);
  await page.getByLabel("Password").fill(t.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/settings\/people$/);
  await expect(page.getByRole("button", { name: "Add person" })).toBeVisible();

  await page.getByRole("link", { name: "Integrations" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible();
  await expect(page.getByText("Not connected")).toBeVisible();
  await expect(page.getByRole("link", { name: "Connect Okta" })).toHaveAttribute("href", "/integrations/okta/new");
  await expect(page.getByRole("navigation", { name: "Main" }).first()).toContainText("Directory");
});

test("a wrong password gets a clear message and no session", async ({ page }) => {
  const t = await seedTenant();
  await signInWithForm(page, { email: t.admin.email, password: "not-the-password" });
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel("Email")).toHaveValue(t.admin.email);
  expect((await page.request.get("/api/me")).status()).toBe(401);
});

test("a viewer sees no admin controls and the API refuses their changes", async ({ page }) => {
  const t = await seedTenant();
  await signIn(page, t.viewer);

  await page.goto("/integrations");
  await expect(page.getByText("Not connected")).toBeVisible();
  await expect(page.getByRole("link", { name: "Connect Okta" })).toHaveCount(0);
  await expect(page.getByText("Only admins can connect an integration")).toBeVisible();

  await page.goto("/settings/people");
  await expect(page.getByRole("table", { name: "People in this workspace" })).toContainText(t.admin.email);
  await expect(page.getByRole("button", { name: "Add person" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Remove/ })).toHaveCount(0);
  await expect(page.getByRole("combobox")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "API keys" })).toHaveCount(0);

  // The session cookie alone: the API checks the role itself.
  const me = await (await page.request.get("/api/me")).json();
  expect(me.user).toMatchObject({ email: t.viewer.email, role: "viewer" });
  const create = await page.request.post("/api/users", { data: { email: "intruder@example.com", role: "admin", password: "long-enough" } });
  expect(create.status()).toBe(403);
  expect((await create.json()).error).toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/Only admins/) });
  expect((await page.request.patch(`/api/users/${t.viewer.id}`, { data: { role: "admin" } })).status()).toBe(403);
  expect((await page.request.post("/api/api-keys", { data: { name: "mine" } })).status()).toBe(403);
});

test("an admin creates an API key, sees it once, and it works as a Bearer token", async ({ page }) => {
  const t = await seedTenant();
  await signIn(page, t.admin);
  await page.goto("/settings/api-keys");
  await page.getByRole("button", { name: "Create API key" }).first().click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("e2e key");
  await dialog.getByRole("button", { name: "Create key" }).click();
  const key = (await dialog.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^osc_/);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("table", { name: "API keys" })).toContainText("e2e key");
  await expect(page.locator("body")).not.toContainText(key);

  const res = await page.request.get("/api/me", { headers: { authorization: `Bearer ${key}`, cookie: "" } });
  expect((await res.json()).user.email).toBe(t.admin.email);
});

test("signing out ends the session", async ({ page }) => {
  const t = await seedTenant();
  await signIn(page, t.admin);
  await page.goto("/integrations");
  await page
    .getByRole("button", { name: new RegExp(t.admin.name) })
    .first()
    .click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login\?signedOut=1/);
  await expect(page.getByText("You have been signed out.")).toBeVisible();
  await page.goto("/integrations");
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get("/api/me")).status()).toBe(401);
});
