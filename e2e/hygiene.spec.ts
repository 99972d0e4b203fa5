// Identity hygiene in Chromium, on an org whose every number is known (test/hygiene-fixtures.ts,
// written straight into the database for a fresh workspace): the integration page's hygiene numbers
// each open the people list behind them, exactly those people; the unused-access view opens an app's
// unused assignments; the people filters narrow by last sign-in and user type through the URL.
// With E2E_SCREENSHOTS=<dir> it saves each page at 1440 and 390 px.
import type { Page } from "@playwright/test";
import { closeDb } from "@/db";
import { type HygieneOrg, seedHygieneOrg } from "@/test/hygiene-fixtures";
import { expect, open, seedTenant, signIn, type Tenant, test } from "./helpers";

const SHOTS = process.env.E2E_SCREENSHOTS;
/** The page at desktop width, then at a phone's, then back. */
const shot = async (page: Page, name: string) => {
  if (!SHOTS) return;
  await page.screenshot({ path: `${SHOTS}/hygiene-${name}-1440.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}/hygiene-${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
};

let tenant: Tenant;
let org: HygieneOrg;

test.beforeAll(async () => {
  tenant = await seedTenant();
  org = await seedHygieneOrg({ workspaceId: tenant.ws.id, name: "Hygiene Okta" });
});
test.afterAll(async () => closeDb());
test.use({ viewport: { width: 1440, height: 900 } });

/** The names in the people table, in its order. */
const names = (page: Page, table = "People") =>
  page.getByRole("table", { name: table }).locator("tbody tr td:first-child a").allInnerTexts();

test("each hygiene number on the integration page opens exactly the people it counts", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, tenant.viewer);
  const overview = `/integrations/okta/${org.integration.id}`;
  await open(page, overview);
  const card = page.getByTestId("hygiene-card");
  await expect(card).toBeVisible();
  await expect(page.getByTestId("count-admin-users")).toHaveText("4");
  await shot(page, "overview");

  const checks: [testId: string, people: string[]][] = [
    ["hygiene-admins", ["Alice Test", "Dave Test", "Erin Test", "Ken Test"]],
    ["hygiene-admins-stale", ["Dave Test", "Erin Test"]],
    ["hygiene-dormant-d30", ["Bob Test", "Carol Test", "Dave Test", "Erin Test"]],
    ["hygiene-dormant-d60", ["Carol Test", "Dave Test", "Erin Test"]],
    ["hygiene-dormant-d90", ["Dave Test", "Erin Test"]],
    ["hygiene-never", ["Erin Test"]],
    ["hygiene-deactivated-groups", ["Frank Test"]],
    ["hygiene-deactivated-apps", ["Frank Test", "Heidi Test"]],
    ["hygiene-locked", ["Ivan Test"]],
    ["hygiene-expired", ["Judy Test"]],
  ];
  for (const [testId, people] of checks) {
    const link = card.getByTestId(testId);
    await expect(link, testId).toHaveText(String(people.length));
    await link.click();
    await expect(page).toHaveURL(/\/directory\/people\?/);
    await expect.poll(() => names(page), { message: testId }).toEqual(people);
    await expect(page.getByText(`Showing ${people.length} ${people.length === 1 ? "person" : "people"}`)).toBeVisible();
    if (testId === "hygiene-admins") {
      // Each admin's roles, and the group a role comes through.
      const dave = page.getByRole("row").filter({ hasText: "dave@hygiene.example" });
      await expect(dave.getByText("Help Desk Administrator")).toBeVisible();
      await expect(dave.getByText("via Helpdesk")).toBeVisible();
      const ken = page.getByRole("row").filter({ hasText: "ken@hygiene.example" });
      await expect(ken.getByText("Organization Administrator")).toBeVisible();
      await expect(ken.getByText("direct")).toBeVisible();
      await shot(page, "people-admins");
    }
    if (testId === "hygiene-dormant-d30") {
      await expect(page.getByLabel("Last sign-in", { exact: true })).toHaveValue("not30");
      await shot(page, "people-dormant");
    }
    await page.goBack();
    await expect(card).toBeVisible();
  }
  // The People panel's admin count opens the same list.
  await page.getByTestId("count-admin-users").click();
  await expect.poll(() => names(page)).toEqual(["Alice Test", "Dave Test", "Erin Test", "Ken Test"]);
});

test("unused access: per app, each number opens the app's people who have not used it, with when they last did", async ({ page }) => {
  await signIn(page, tenant.viewer);
  await open(page, `/integrations/okta/${org.integration.id}`);
  await page.getByTestId("hygiene-unused").click();
  await expect(page).toHaveURL(/\/directory\/unused-access\?integrationId=/);
  const table = page.getByRole("table", { name: "Unused access by app" });
  const row = (label: string) => table.getByRole("row").filter({ has: page.getByRole("link", { name: label, exact: true }) });
  await expect(row("Slack").getByTestId(`unused-${org.apps.slack.id}`)).toHaveText("3(60%)");
  await expect(row("Jira").getByTestId(`unused-${org.apps.jira.id}`)).toHaveText("2(67%)");
  await expect(row("Zoom").getByTestId(`unused-${org.apps.zoom.id}`)).toHaveText("1(50%)");
  await expect(page.getByTestId("unused-summary")).toContainText("6 assignments have not been used since");
  await expect(page.getByRole("link", { name: "Export every unused assignment" })).toHaveAttribute(
    "href",
    `/api/directory/unused-access.csv?integrationId=${org.integration.id}`,
  );
  await shot(page, "unused-access");

  await page.getByLabel("Not used in").selectOption("90");
  await expect(row("Slack").getByTestId(`unused-${org.apps.slack.id}`)).toHaveText("2(40%)");
  await expect(page).toHaveURL(/days=90/);
  await page.getByLabel("Not used in").selectOption("");
  await expect(row("Slack").getByTestId(`unused-${org.apps.slack.id}`)).toHaveText("3(60%)");

  await row("Slack").getByTestId(`unused-${org.apps.slack.id}`).click();
  await expect(page).toHaveURL(`/directory/apps/${org.integration.id}/${org.apps.slack.id}?unusedDays=30`);
  const who = page.getByRole("table", { name: "Who has access" });
  await expect.poll(() => names(page, "Who has access")).toEqual(["Bob Test", "Carol Test", "Frank Test"]);
  await expect(who.getByRole("row").filter({ hasText: "carol@hygiene.example" }).getByText("Not seen")).toBeVisible();
  // Bob: last used Slack 45 days ago, last signed in to Okta just over 30 days ago.
  await expect(who.getByRole("row").filter({ hasText: "bob@hygiene.example" }).locator("time").first()).toHaveAttribute(
    "datetime",
    org.ago(45).toISOString(),
  );
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute(
    "href",
    `/api/directory/apps/${org.integration.id}/${org.apps.slack.id}/users.csv?unusedDays=30`,
  );
  await shot(page, "app-unused");

  // Status narrows further, through the URL.
  await page.getByLabel("Status").selectOption("DEPROVISIONED");
  await expect.poll(() => names(page, "Who has access")).toEqual(["Frank Test"]);
  await expect(page).toHaveURL(/status=DEPROVISIONED/);
});

test("the people filters: last sign-in presets and ranges, admin role, user type, through the URL", async ({ page }) => {
  await signIn(page, tenant.viewer);
  await open(page, `/directory/people?integrationId=${org.integration.id}`);
  await page.getByLabel("Last sign-in", { exact: true }).selectOption("never");
  await expect.poll(() => names(page)).toEqual(["Erin Test", "Grace Test", "Mike Test"]);
  await expect(page).toHaveURL(/neverSignedIn=true/);
  await page.getByLabel("Last sign-in", { exact: true }).selectOption("in7");
  await expect.poll(() => names(page)).toEqual(["Alice Test", "Ivan Test", "Ken Test"]);
  await page.getByLabel("Last sign-in", { exact: true }).selectOption("");

  await page.getByLabel("Admin role").selectOption({ label: "Help Desk Administrator (2)" });
  await expect.poll(() => names(page)).toEqual(["Dave Test", "Ken Test"]);
  await page.getByLabel("Admin role").selectOption("");

  await page.getByRole("button", { name: "More filters" }).click();
  await page.getByLabel("User type").selectOption("Contractor");
  await expect.poll(() => names(page)).toEqual(["Bob Test"]);
  await shot(page, "people-more-filters-open");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("button", { name: /More filters\s*1/ })).toBeVisible();
  await shot(page, "people-more-filters");

  // A person's page says when they last used each app.
  await open(page, `/directory/people/${org.integration.id}/${org.ids.alice}`);
  const apps = page.getByRole("table", { name: "Apps" });
  await expect(apps.getByRole("row").filter({ hasText: "Zoom" }).locator("time").first()).toHaveAttribute(
    "datetime",
    org.ago(2).toISOString(),
  );
  await shot(page, "person");
});
