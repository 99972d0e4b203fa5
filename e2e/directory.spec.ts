// The directory in Chromium: synced data is written straight into the database for a fresh workspace
// (test/directory-fixtures.ts), then a viewer searches for a person, opens them and sees their apps and
// how they got each one. With E2E_SCREENSHOTS=<dir> it also saves a screenshot of every page.
import type { Page } from "@playwright/test";
import { closeDb } from "@/db";
import { type SeededDirectory, seedDirectory } from "@/test/directory-fixtures";
import { expect, seedTenant, signIn, type Tenant, test } from "./helpers";

const SHOTS = process.env.E2E_SCREENSHOTS;
const shot = async (page: Page, name: string, fullPage = true) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/directory-${name}.png`, fullPage });
};

let tenant: Tenant;
let org: SeededDirectory;

test.beforeAll(async () => {
  tenant = await seedTenant();
  org = await seedDirectory({
    workspaceId: tenant.ws.id,
    users: 400,
    groups: 30,
    apps: 14,
    seed: 11,
    name: "Acme Okta",
    domain: "https://acme.okta.com",
    signInsPerUser: 6,
  });
});
test.afterAll(async () => closeDb());

/** Someone active with at least one app assigned directly and one through a group. */
function personWithBothKindsOfAccess() {
  return org.users.find((u) => {
    const rows = org.appUsers.filter((x) => x.userId === u.id);
    return u.status === "ACTIVE" && rows.some((x) => x.scope === "USER") && rows.some((x) => x.scope === "GROUP");
  })!;
}

test("the directory search finds a person, and their page shows their apps and how they got them", async ({ page }) => {
  const person = personWithBothKindsOfAccess();
  const name = `${person.firstName} ${person.lastName}`;
  await signIn(page, tenant.viewer);

  await page.goto("/directory");
  await expect(page).toHaveURL(/\/directory\/people$/);
  await expect(page.getByRole("heading", { name: "Directory" })).toBeVisible();
  await expect(page.getByRole("link", { name: /People\s*400/ })).toBeVisible();
  await shot(page, "people");

  await page.getByRole("searchbox", { name: "Search people" }).fill(name);
  await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(name);
  const row = page.getByRole("row").filter({ hasText: person.login });
  await expect(row).toBeVisible();
  // The list narrowed to exactly the people whose name, email or login contain both words.
  const words = name.toLowerCase().split(" ");
  const matches = org.users.filter((u) => words.every((w) => `${u.firstName} ${u.lastName} ${u.login}`.toLowerCase().includes(w)));
  await expect(page.getByRole("table", { name: "People" }).locator("tbody tr")).toHaveCount(matches.length);
  await shot(page, "people-search");

  await row.getByRole("link", { name }).click();
  await expect(page).toHaveURL(`/directory/people/${org.integration.id}/${person.id}`);
  await expect(page.getByRole("heading", { name: new RegExp(name) })).toBeVisible();
  await expect(page.getByRole("link", { name: "Open in Okta" })).toHaveAttribute(
    "href",
    `https://acme-admin.okta.com/admin/user/profile/view/${person.id}`,
  );

  const apps = page.getByRole("table", { name: "Apps" });
  const mine = org.appUsers.filter((x) => x.userId === person.id);
  await expect(apps.getByRole("row")).toHaveCount(mine.length + 1);
  const myGroups = new Set([...org.members].filter(([, ids]) => ids.includes(person.id)).map(([g]) => g));
  for (const assignment of mine) {
    const app = org.apps.find((a) => a.id === assignment.appId)!;
    const appRow = apps.getByRole("row").filter({ has: page.getByRole("link", { name: app.label, exact: true }) });
    await expect(appRow).toBeVisible();
    await expect(appRow.getByText("Direct", { exact: true })).toHaveCount(assignment.scope === "USER" ? 1 : 0);
    for (const ag of org.appGroups.filter((x) => x.appId === app.id && myGroups.has(x.groupId))) {
      const group = org.groups.find((g) => g.id === ag.groupId)!;
      await expect(appRow.getByRole("link", { name: group.name, exact: true })).toBeVisible();
    }
  }
  await expect(page.getByRole("table", { name: "Recent sign-ins" }).getByRole("row").first()).toBeVisible();
  await shot(page, "person");

  // From the person to one of their apps: they are listed there, with the same access path.
  const direct = org.apps.find((a) => mine.some((x) => x.appId === a.id && x.scope === "USER"))!;
  await apps.getByRole("link", { name: direct.label, exact: true }).click();
  await expect(page).toHaveURL(`/directory/apps/${org.integration.id}/${direct.id}`);
  await page.getByRole("searchbox", { name: "Search people" }).fill(person.login);
  const accessRow = page.getByRole("table", { name: "Who has access" }).getByRole("row").filter({ hasText: person.login });
  await expect(accessRow.getByText("Direct", { exact: true })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search people" }).fill("");
  const withAccess = org.appUsers.filter((x) => x.appId === direct.id).length;
  await expect(page.getByRole("table", { name: "Who has access" }).getByRole("row")).toHaveCount(Math.min(50, withAccess) + 1);
  await shot(page, "app");
});

test("filters live in the URL, so other pages can link to a filtered list", async ({ page }) => {
  await signIn(page, tenant.viewer);
  const suspended = org.users.filter((u) => u.status === "SUSPENDED");
  await page.goto(`/directory/people?status=SUSPENDED&integrationId=${org.integration.id}`);
  const rows = page.getByRole("table", { name: "People" }).locator("tbody tr");
  await expect(rows).toHaveCount(suspended.length);
  await expect(page.getByRole("table", { name: "People" }).locator("tbody")).not.toContainText("Active");
  // Export CSV offers the list as shown, or with groups, apps, admin roles and manager added.
  await page.getByRole("button", { name: "Export CSV" }).click();
  const csv = page.getByRole("menuitem", { name: "People as listed" });
  await expect(csv).toHaveAttribute("href", `/api/directory/users.csv?status=SUSPENDED&integrationId=${org.integration.id}`);
  await expect(page.getByRole("menuitem", { name: "With groups, apps, admin roles and manager" })).toHaveAttribute(
    "href",
    `/api/directory/users.csv?status=SUSPENDED&integrationId=${org.integration.id}&columns=groups,apps,roles,manager`,
  );
  const href = (await csv.getAttribute("href"))!;
  await page.keyboard.press("Escape");
  const body = await (await page.request.get(href)).text();
  expect(body.trim().split("\r\n")).toHaveLength(suspended.length + 1);

  // Sorting by a column is reflected in the URL and the order.
  await page.getByRole("button", { name: /Sort by last sign-in/ }).click();
  await expect(page).toHaveURL(/sort=lastLogin/);
  const signedIn = suspended.filter((u) => u.lastLogin).sort((a, b) => +b.lastLogin! - +a.lastLogin!);
  expect(signedIn.length, "suspended people who signed in before").toBeGreaterThan(1);
  await expect(rows.first()).toContainText(signedIn[0].login);

  await page.goto("/directory/groups?type=APP_GROUP");
  const appGroups = org.groups.filter((g) => g.type === "APP_GROUP");
  await expect(page.getByRole("table", { name: "Groups" }).locator("tbody tr")).toHaveCount(appGroups.length);
  await shot(page, "groups-app-groups");
  await page.getByRole("combobox", { name: "Type" }).selectOption("");
  await expect(page).toHaveURL(/\/directory\/groups$/);
  await expect(page.getByRole("table", { name: "Groups" }).locator("tbody tr")).toHaveCount(30);
  await page.getByRole("button", { name: /Sort by members/ }).click();
  await expect(page.getByRole("table", { name: "Groups" }).locator("tbody tr").first()).toContainText("Everyone");
  await shot(page, "groups");

  const helpdesk = org.groups.find((g) => g.name === "IT Helpdesk")!;
  await page.getByRole("link", { name: "IT Helpdesk", exact: true }).click();
  await expect(page).toHaveURL(`/directory/groups/${org.integration.id}/${helpdesk.id}`);
  await expect(page.getByText("Help Desk Administrator")).toBeVisible();
  await expect(page.getByRole("table", { name: "Members" }).locator("tbody tr")).toHaveCount(
    Math.min(50, org.members.get(helpdesk.id)!.length),
  );
  await shot(page, "group");

  await page.goto("/directory/apps?sort=users");
  await expect(page.getByRole("table", { name: "Apps" }).locator("tbody tr")).toHaveCount(14);
  await shot(page, "apps");
});

test("a workspace with nothing synced is told to connect Okta", async ({ page }) => {
  const other = await seedTenant();
  await signIn(page, other.admin);
  await page.goto("/directory/groups");
  await expect(page.getByRole("heading", { name: "Connect Okta to see your directory" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Connect Okta" })).toHaveAttribute("href", "/integrations");
  await shot(page, "empty", false);
  // Another workspace's people stay out of reach, on the page and through the API.
  await page.goto(`/directory/people/${org.integration.id}/${org.users[0].id}`);
  await expect(page.getByRole("heading", { name: "Not in the directory" })).toBeVisible();
  await expect(page.getByText(org.users[0].login)).toHaveCount(0);
  expect((await page.request.get(`/api/directory/users/${org.integration.id}/${org.users[0].id}`)).status()).toBe(404);
});
