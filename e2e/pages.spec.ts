// Issue 14 §5 in Chromium: the home dashboard (where everyone lands), the integrations list with each
// integration's state, last sync, counts and problems (and removing a disconnected one with its data),
// the integration page's tabs and danger zone, and a run's page listing what it changed. Reads the
// shared emulator only. With E2E_SCREENSHOTS=<dir> it saves each page at 1440 and 390 px.
import type { APIRequestContext, Page } from "@playwright/test";
import { closeDb } from "@/db";
import { integrationRowCounts } from "@/test/integration-tables";
import { EMULATOR_URL } from "../playwright.config";
import { bearer, emu, expect, lastRunFinished, open, READ_SCOPES, seedTenant, signIn, syncRuns, type Tenant, test, uid } from "./helpers";

const SHOTS = process.env.E2E_SCREENSHOTS;
/** The page at 1440 px and at 390 px (a phone), full length. */
async function shots(page: Page, name: string) {
  if (!SHOTS) return;
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    if (width === 390) {
      // What sticks out past a phone's width, if anything (printed for whoever looks at the screenshots).
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll("body *")]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(0, 5)
          .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).slice(0, 60)} → ${Math.round(e.getBoundingClientRect().right)}px`),
      );
      if (wide.length) console.log(`${name} at 390 px:`, wide);
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test.use({ viewport: { width: 1440, height: 900 } });
test.afterAll(async () => closeDb());

/** Connected through the API with an app of its own granted `scopes`; waits for the first sync to end. */
async function connect(request: APIRequestContext, t: Tenant, name: string, scopes = READ_SCOPES, status = "succeeded") {
  const made = await emu(request, "post", "/apps", { name: `pages-${uid()}`, kind: "service", scopes, roles: ["READ_ONLY_ADMIN"] });
  expect(made.status()).toBe(201);
  const app = (await made.json()) as { clientId: string; privateKeyPem: string; kid: string };
  const res = await request.post("/api/integrations", {
    headers: bearer(t),
    data: {
      name,
      domain: EMULATOR_URL,
      auth: { method: "private_key_jwt", clientId: app.clientId, privateKey: app.privateKeyPem, keyId: app.kid },
      scopes: READ_SCOPES,
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const id = ((await res.json()) as { id: string }).id;
  await lastRunFinished(request, t, id, status);
  return id;
}

const summary = async (request: APIRequestContext) =>
  (await (await request.get(`${EMULATOR_URL}/__emulator/truth/summary`)).json()) as { users: number; groups: number; apps: number };

test("the home dashboard: every org's state and last sync, problems with their fixes, totals, hygiene and the latest changes", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const t = await seedTenant();
  await connect(request, t, "Acme");
  const partial = await connect(
    request,
    t,
    "Acme without groups",
    READ_SCOPES.filter((s) => s !== "okta.groups.read"),
    "partial",
  );
  await signIn(page, t.viewer);
  await open(page, "/");
  const dash = page.getByTestId("dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  const rows = page.getByTestId("dash-integration");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "Acme without groups" }).getByTestId("state")).toHaveAttribute("data-state", "partial");
  await expect(rows.filter({ hasText: /^Acme(?! without)/ }).getByTestId("state")).toHaveAttribute("data-state", "connected");
  await expect(rows.filter({ hasText: /^Acme(?! without)/ })).toContainText(/Synced (now|\d+ (seconds?|minutes?) ago)/);

  // Each problem with its fix and where to start.
  const problems = page.getByTestId("dashboard-problems").getByTestId("problem");
  const groups = problems.filter({ has: page.getByText("Acme without groups · Groups", { exact: true }) });
  await expect(groups).toContainText("Fix: Grant okta.groups.read to the app in Okta, then Sync now.");
  await expect(groups.getByRole("link", { name: "Troubleshoot" })).toHaveAttribute(
    "href",
    `/integrations/okta/${partial}/troubleshoot?symptom=groups_missing`,
  );

  // People, groups and apps across both orgs (the second holds no groups).
  const truth = await summary(request);
  await expect(page.getByTestId("dash-people")).toHaveText((truth.users * 2).toLocaleString("en-US"));
  await expect(page.getByTestId("dash-groups")).toHaveText(truth.groups.toLocaleString("en-US"));
  await expect(page.getByTestId("dash-apps")).toHaveText((truth.apps * 2).toLocaleString("en-US"));
  await expect(page.getByTestId("dash-integrations")).toHaveText("2");

  // Hygiene numbers open the people behind them, and agree with the list's own count.
  const locked = page.getByTestId("dash-locked");
  const n = Number((await locked.textContent())!.replace(/,/g, ""));
  const list = await request.get("/api/directory/users?status=LOCKED_OUT&limit=500", { headers: bearer(t) });
  expect(((await list.json()) as { items: unknown[] }).items).toHaveLength(n);

  // The latest changes: names, not ids, each linking to the run that made it.
  const changes = page.getByTestId("dash-change");
  await expect(changes).toHaveCount(12);
  await expect(changes.first().getByRole("link").last()).toHaveAttribute(
    "href",
    /\/integrations\/okta\/[0-9a-f-]{36}\/runs\/[0-9a-f-]{36}$/,
  );
  await shots(page, "home");

  // It refreshes itself: an org disconnected elsewhere shows as such without a reload (and its problem goes).
  await expect(dash).toContainText("refreshes every 30 s");
  expect((await request.delete(`/api/integrations/${partial}?deleteData=false`, { headers: bearer(t) })).ok()).toBe(true);
  await expect(rows.filter({ hasText: "Acme without groups" }).getByTestId("state")).toHaveAttribute("data-state", "disconnected", {
    timeout: 45_000,
  });
  await expect(groups).toHaveCount(0);
  await expect(page.getByTestId("dash-integrations")).toHaveText("1");
});

test("the integrations list shows state, last sync, counts and problems; a disconnected one whose data was kept is removed with its data", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const t = await seedTenant();
  const keep = await connect(request, t, "Production");
  const old = await connect(request, t, "Old org");
  const disconnected = await request.delete(`/api/integrations/${old}?deleteData=false`, { headers: bearer(t) });
  expect(disconnected.ok()).toBe(true);
  const truth = await summary(request);

  await signIn(page, t.admin);
  await open(page, "/integrations");
  const prod = page.getByTestId("integration-row").filter({ hasText: "Production" });
  await expect(prod.getByTestId("state")).toHaveAttribute("data-state", "connected");
  await expect(prod.getByTestId("last-sync")).toContainText(/^Synced /);
  await expect(prod.getByTestId("count-people")).toHaveText(truth.users.toLocaleString("en-US"));
  await expect(prod.getByTestId("count-groups")).toHaveText(truth.groups.toLocaleString("en-US"));
  await expect(prod.getByTestId("count-apps")).toHaveText(truth.apps.toLocaleString("en-US"));
  const oldRow = page.getByTestId("integration-row").filter({ hasText: "Old org" });
  await expect(oldRow.getByTestId("state")).toHaveAttribute("data-state", "disconnected");
  await expect(oldRow.getByTestId("last-sync")).toContainText("its imported data is kept, read-only");
  await expect(prod.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
  await shots(page, "integrations");

  const before = await integrationRowCounts(old);
  expect(before.okta_users).toBe(truth.users);
  await oldRow.getByRole("button", { name: "Remove Old org" }).click();
  const dialog = page.getByRole("dialog", { name: "Remove Old org?" });
  await expect(dialog).toContainText(
    "The data it imported (people, groups, apps, assignments, sign-in activity) is deleted from the console.",
  );
  await dialog.getByRole("button", { name: "Remove permanently" }).click();
  await expect(page.getByTestId("integration-row")).toHaveCount(1);
  await expect(page.getByTestId("integration-row")).toContainText("Production");
  const after = await integrationRowCounts(old);
  expect(Object.entries(after).filter(([, rows]) => rows > 0)).toEqual([]);
  expect((await integrationRowCounts(keep)).okta_users).toBe(truth.users);
});

test("the integration page fits its tabs: events paged in their own tab, Disconnect in Settings' danger zone; a run lists what it changed", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const t = await seedTenant();
  const id = await connect(request, t, "Acme");
  const truth = await summary(request);
  await signIn(page, t.admin);
  await open(page, `/integrations/okta/${id}`);
  // One Settings entry: the tab. No Disconnect or Settings button in the header, no event log here.
  const header = page.locator("header").filter({ has: page.getByRole("heading", { level: 1 }) });
  await expect(header.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Integration sections" }).getByRole("link", { name: "Settings" })).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Disconnect" })).toHaveCount(0);
  await expect(page.getByRole("table", { name: /Event log/ })).toHaveCount(0);
  await expect(page.getByTestId("health-summary")).toBeVisible();
  await shots(page, "integration-overview");

  await open(page, `/integrations/okta/${id}/events`);
  const log = page.getByRole("table", { name: "Event log" });
  await expect(log.getByTestId("event-kind").first()).toBeVisible();
  await shots(page, "integration-events");

  await open(page, `/integrations/okta/${id}/settings`);
  const zone = page.getByTestId("danger-zone");
  await expect(zone.getByRole("button", { name: "Disconnect" })).toBeVisible();
  await shots(page, "integration-settings");

  // The first run's page: what it added, named, filterable and paged.
  const [run] = await syncRuns(request, t, id);
  await open(page, `/integrations/okta/${id}/runs/${run.id}`);
  const changes = page.getByTestId("run-changes");
  await expect(page.getByTestId("run-changes-notes")).toContainText(
    `First sync: ${truth.users.toLocaleString("en-US")} users, ${truth.groups.toLocaleString("en-US")} groups, `,
  );
  const table = changes.getByRole("table", { name: "Changes of this run" });
  await expect(table.locator("tbody tr")).toHaveCount(50);
  await expect(changes).toContainText("Showing 50");
  await changes.getByRole("button", { name: "Load more changes" }).click();
  await expect(table.locator("tbody tr")).toHaveCount(100);
  await changes.getByRole("combobox", { name: "Resource" }).selectOption("groups");
  await changes.getByRole("combobox", { name: "Change" }).selectOption("added");
  await expect(table.locator("tbody tr")).toHaveCount(truth.groups);
  await expect(table.getByTestId("change-kind").first()).toHaveAttribute("data-change", "added");
  // A group is named, and opens its page in the directory.
  const firstGroup = table.locator("tbody tr").first().getByRole("link");
  await expect(firstGroup).toHaveAttribute("href", new RegExp(`^/directory/groups/${id}/`));
  await expect(firstGroup).not.toHaveText(/^00g/);
  await changes.getByRole("combobox", { name: "Change" }).selectOption("deleted");
  await expect(changes.getByText("No changes match these filters")).toBeVisible();
  await changes.getByRole("combobox", { name: "Change" }).selectOption("");
  await shots(page, "integration-run");

  await open(page, `/integrations/okta/${id}/runs`);
  await shots(page, "integration-runs");
});
