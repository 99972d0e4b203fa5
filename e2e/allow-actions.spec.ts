// "Allow actions" in a real Chromium against the emulator: off by default on the connect form; on, with
// an app granted the manage scopes, the integration page lists every action as allowed; an app granted
// only some of them gets the rest listed as not allowed, with the scope to grant; the edit form turns
// actions off again.
import type { Page } from "@playwright/test";
import { EMULATOR_URL } from "../playwright.config";
import { emu, expect, seedTenant, signIn, test, uid } from "./helpers";

const SHOTS = process.env.E2E_SCREENSHOTS;
const READ = ["okta.users.read", "okta.groups.read", "okta.apps.read", "okta.logs.read", "okta.roles.read", "okta.idps.read"];

async function connectWithForm(page: Page, scopes: string[], allowActions: boolean, shot?: string) {
  const made = await emu(page.request, "post", "/apps", { name: `actions-${uid()}`, kind: "service", scopes, roles: ["SUPER_ADMIN"] });
  expect(made.status()).toBe(201);
  const app = (await made.json()) as { clientId: string; privateKeyPem: string };
  await page.goto("/integrations/okta/new");
  await page.getByLabel("Okta domain").fill(EMULATOR_URL);
  await page.getByLabel("Integration name").fill(`Okta ${uid()}`);
  await page.getByRole("radio", { name: "OAuth 2.0 with a public/private key" }).check();
  await page.getByRole("textbox", { name: "Client ID", exact: true }).fill(app.clientId);
  await page.getByRole("radio", { name: "Use my own private key" }).check();
  await page.getByRole("textbox", { name: "Private key", exact: true }).fill(app.privateKeyPem);
  const box = page.getByRole("checkbox", { name: /Allow actions/ });
  await expect(box).not.toBeChecked();
  if (allowActions) await box.check();
  if (SHOTS && shot) await page.screenshot({ path: `${SHOTS}/${shot}`, fullPage: true });
  await page.getByRole("button", { name: "Verify and connect" }).click();
  await expect(page).toHaveURL(/\/integrations\/okta\/[0-9a-f-]{36}\?connected=1$/);
  return page.url().match(/okta\/([0-9a-f-]{36})/)![1];
}

test("connect with Allow actions: every action allowed; the edit form turns them off again", async ({ page }) => {
  const t = await seedTenant();
  await signIn(page, t.admin);
  const id = await connectWithForm(
    page,
    [...READ, "okta.users.manage", "okta.groups.manage", "okta.apps.manage"],
    true,
    "connect-allow-actions.png",
  );
  const card = page.getByTestId("allowed-actions");
  await expect(card).toContainText("19 of 19 actions are allowed by the credentials");
  await expect(card.getByTestId("action-user.suspend")).toHaveAttribute("data-allowed", "true");
  await expect(card.getByTestId("action-app.unassign_group")).toHaveAttribute("data-allowed", "true");
  if (SHOTS) await card.screenshot({ path: `${SHOTS}/allowed-actions-all.png` });

  await page.goto(`/integrations/okta/${id}/edit`);
  const box = page.getByRole("checkbox", { name: /Allow actions/ });
  await expect(box).toBeChecked();
  await box.uncheck();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/integrations/okta/${id}$`));
  await expect(page.getByTestId("allowed-actions")).toContainText("Read-only: this integration does not act on Okta.");
});

test("an app granted only okta.users.manage: the group and app actions are listed as not allowed, with the scope to grant", async ({
  page,
}) => {
  const t = await seedTenant();
  await signIn(page, t.admin);
  await connectWithForm(page, [...READ, "okta.users.manage"], true);
  const card = page.getByTestId("allowed-actions");
  await expect(card).toContainText("13 of 19 actions are allowed by the credentials");
  await expect(card.getByTestId("action-group.add_member")).toHaveAttribute("data-allowed", "false");
  await expect(card.getByTestId("action-app.assign_user")).toHaveAttribute("data-allowed", "false");
  // Each missing scope is said once, under its area.
  await expect(card.getByRole("region", { name: "Groups" }).getByTestId("not-allowed-reason")).toHaveText(
    "The app is not granted okta.groups.manage; grant it in Okta (Okta API Scopes) and verify the integration again.",
  );
  await expect(card.getByRole("region", { name: "Apps" }).getByTestId("not-allowed-reason")).toHaveCount(1);
  await expect(card.getByRole("region", { name: "People" }).getByTestId("not-allowed-reason")).toHaveCount(0);
  if (SHOTS) await card.screenshot({ path: `${SHOTS}/allowed-actions-some.png` });
});

test("read-only by default: the integration page says actions are off", async ({ page }) => {
  const t = await seedTenant();
  await signIn(page, t.admin);
  await connectWithForm(page, READ, false);
  await expect(page.getByTestId("allowed-actions")).toContainText("Actions are off.");
  if (SHOTS) await page.getByTestId("allowed-actions").screenshot({ path: `${SHOTS}/allowed-actions-off.png` });
});
