// Issue 6 in Chromium against the emulator: the integration page an IT admin looks at every day.
// Each test connects its own workspace to the emulator through the API, then reads the page as an
// admin or a viewer would. With E2E_SCREENSHOTS=<dir> it saves a screenshot of each view.
import type { APIRequestContext, Page } from "@playwright/test";
import { closeDb } from "@/db";
import {
  bearer,
  connectOkta,
  emu as control,
  expect,
  lastRunFinished,
  open,
  ownEmulator,
  READ_SCOPES,
  syncRuns as runs,
  seedTenant,
  signIn,
  type Tenant,
  test,
} from "./helpers";

const SHOTS = process.env.E2E_SCREENSHOTS;
const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/integration-${name}.png`, fullPage: true });
};
const fmt = (n: number) => n.toLocaleString("en-US");

interface Summary {
  users: number;
  usersByStatus: Record<string, number>;
  groups: number;
  memberships: number;
  apps: number;
}

// Faults and counts: this spec reads and changes an emulated org of its own.
let org: Awaited<ReturnType<typeof ownEmulator>>;
test.beforeAll(async () => {
  org = await ownEmulator(3);
});
const emu = (request: APIRequestContext, method: "post" | "delete", path: string, data?: unknown) =>
  control(request, method, path, data, org.url);
const connect = (request: APIRequestContext, t: Tenant, scopes = READ_SCOPES) => connectOkta(request, t, scopes, undefined, org.url);
const summary = async (request: APIRequestContext) => (await (await request.get(`${org.url}/__emulator/truth/summary`)).json()) as Summary;

test.afterEach(async ({ request }) => {
  expect((await emu(request, "delete", "/faults")).ok()).toBe(true);
});
test.afterAll(async () => {
  await org?.close();
  await closeDb();
});

test("the first sync is watched live, then the counts equal Okta's and each links to the filtered directory", async ({ page, request }) => {
  const t = await seedTenant();
  // Okta answers slowly, so the first sync is still running when the admin opens the page.
  expect((await emu(request, "post", "/faults", { latencyMs: 120 })).ok()).toBe(true);
  const id = await connect(request, t);
  await signIn(page, t.admin);
  await open(page, `/integrations/okta/${id}`);

  await expect(page.getByTestId("integration-state")).toHaveAttribute("data-state", "syncing");
  const progress = page.getByTestId("live-progress");
  await expect(progress).toBeVisible();
  await expect(progress.getByTestId("progress-users")).toBeVisible();
  await shot(page, "syncing");
  await emu(request, "delete", "/faults");

  // Without a reload, the page turns to Connected when the run ends.
  await expect(page.getByTestId("integration-state")).toHaveAttribute("data-state", "connected", { timeout: 45_000 });
  await expect(page.getByTestId("health-reason")).not.toBeEmpty();
  const truth = await summary(request);
  await expect(page.getByTestId("count-users")).toHaveText(fmt(truth.users));
  await expect(page.getByTestId("count-groups")).toHaveText(fmt(truth.groups));
  await expect(page.getByTestId("count-apps")).toHaveText(fmt(truth.apps));
  await expect(page.getByTestId("count-memberships")).toHaveText(fmt(truth.memberships));
  for (const [status, n] of Object.entries(truth.usersByStatus)) await expect(page.getByTestId(`count-users-${status}`)).toHaveText(fmt(n));
  await expect(page.getByTestId("membership-reconciliation")).toHaveAttribute("data-agrees", "true");
  // Every resource synced: the health table is one line, the table a click away.
  await expect(page.getByTestId("health-summary")).toContainText("all 8 resources synced completely in the last run");
  await page.getByRole("button", { name: "Show each resource" }).click();
  for (const r of ["users", "groups", "memberships", "apps", "app_assignments", "roles", "idps", "log_events"]) {
    await expect(page.getByTestId(`health-${r}`)).toHaveAttribute("data-status", "ok");
  }
  await expect(page.getByRole("img", { name: /Sign-ins per day/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /Sync duration per run/ })).toBeVisible();
  await shot(page, "overview");

  // A count opens the directory filtered to it, and the list holds exactly that many people.
  const suspended = truth.usersByStatus.SUSPENDED;
  expect(suspended, "the emulated tenant has suspended users").toBeGreaterThan(0);
  await page.getByTestId("count-users-SUSPENDED").click();
  await expect(page).toHaveURL(new RegExp(`/directory/people\\?status=SUSPENDED&integrationId=${id}$`));
  await expect(page.getByRole("table", { name: "People" }).locator("tbody tr")).toHaveCount(suspended);
});

test("Sync now starts a manual run that the history and the run's page attribute to the admin; settings save", async ({
  page,
  request,
}) => {
  const t = await seedTenant();
  const id = await connect(request, t);
  await lastRunFinished(request, t, id);
  await signIn(page, t.admin);
  await open(page, `/integrations/okta/${id}`);
  await expect(page.getByTestId("integration-state")).toHaveAttribute("data-state", "connected");

  await page.getByRole("button", { name: "Sync now" }).click();
  await expect.poll(async () => (await runs(request, t, id)).length).toBe(2);
  expect((await runs(request, t, id))[0].trigger).toBe("manual");
  await lastRunFinished(request, t, id);
  await expect(page.getByTestId("integration-state")).toHaveAttribute("data-state", "connected", { timeout: 20_000 });

  await page
    .getByRole("tab", { name: "Sync runs" })
    .or(page.getByRole("link", { name: "Sync runs" }))
    .first()
    .click();
  await expect(page).toHaveURL(`/integrations/okta/${id}/runs`);
  const table = page.getByRole("table", { name: "Sync runs" });
  await expect(table.locator("tbody tr")).toHaveCount(2);
  await expect(table.locator("tbody tr").first()).toContainText(t.admin.name);
  await shot(page, "runs");
  await table.getByTestId("run-link").first().click();
  await expect(page.getByTestId("run-summary")).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("run-summary")).toContainText(t.admin.name);
  const resources = page.getByRole("table", { name: "Resources of this run" });
  await expect(resources.getByRole("row", { name: /Users/ })).toBeVisible();
  await shot(page, "run");

  // The event log, a tab of its own: newest first, filterable by level; a filter with nothing in it says so.
  await open(page, `/integrations/okta/${id}/events`);
  const log = page.getByRole("table", { name: /Event log/i });
  await expect(log.getByTestId("event-kind").first()).toBeVisible();
  await page.getByRole("combobox", { name: "Level" }).selectOption("error");
  await expect(page.getByRole("combobox", { name: "Level" })).toHaveValue("error");
  await expect(page.getByText("No events match these filters")).toBeVisible();
  await page.getByRole("combobox", { name: "Level" }).selectOption("");
  await page.getByRole("combobox", { name: "Kind" }).selectOption("sync.succeeded");
  await expect(log.getByTestId("event-kind")).toHaveCount(2);

  // Settings: the schedule and the sign-in window save, show on reload, and bad input is refused.
  await open(page, `/integrations/okta/${id}/settings`);
  await page.getByLabel("Sign-in history (days)").fill("120");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("must be at most 90 days (Okta keeps the System Log for 90 days)")).toBeVisible();
  await expect(page.getByText("Settings saved")).toHaveCount(0);
  await page.getByLabel("Sign-in history (days)").fill("14");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved")).toBeVisible();
  await shot(page, "settings");
  await page.reload();
  await expect(page.getByLabel("Sign-in history (days)")).toHaveValue("14");
  const api = await request.get(`/api/integrations/${id}/settings`, { headers: bearer(t) });
  expect(((await api.json()) as { logWindowDays: number }).logWindowDays).toBe(14);
});

test("a scope Okta did not grant shows which one and the exact fix; a viewer sees it all read-only", async ({ page, request }) => {
  const t = await seedTenant();
  const id = await connect(
    request,
    t,
    READ_SCOPES.filter((s) => s !== "okta.groups.read"),
  );
  await lastRunFinished(request, t, id, "partial");
  await signIn(page, t.viewer);
  await open(page, `/integrations/okta/${id}`);

  await expect(page.getByTestId("integration-state")).toHaveAttribute("data-state", "partial");
  await expect(page.getByTestId("health-groups")).toHaveAttribute("data-status", "missing_scope");
  await expect(page.getByTestId("fix-groups")).toContainText("okta.groups.read");
  await expect(page.getByTestId("fix-groups")).toContainText("Sync now");
  await expect(page.getByTestId("health-users")).toHaveAttribute("data-status", "ok");
  await shot(page, "missing-scope");

  // Read-only: no action buttons, and the API refuses a viewer's Sync now.
  for (const name of ["Sync now", "Disconnect"]) await expect(page.getByRole("button", { name })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Troubleshoot" })).toHaveCount(0);
  const refused = await request.post(`/api/integrations/${id}/syncs`, { headers: { authorization: `Bearer ${t.viewerKey}` } });
  expect(refused.status()).toBe(403);
  await open(page, `/integrations/okta/${id}/settings`);
  await expect(page.getByTestId("settings-readonly")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save settings" })).toHaveCount(0);
});

test("an unknown integration or a malformed id shows the not-found page, not an error", async ({ page }) => {
  const t = await seedTenant();
  await signIn(page, t.admin);
  // (The console streams its pages behind a loading state, so Next answers 200 with a noindex tag
  // once streaming has begun; what matters is what the admin sees.)
  await open(page, "/integrations/okta/00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the console" })).toBeVisible();
  await open(page, "/integrations/okta/not-a-uuid/runs");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("an admin limits the sync to active users; the next run keeps only them and the page says what is out of scope", async ({
  page,
  request,
}) => {
  const t = await seedTenant();
  const id = await connect(request, t);
  await lastRunFinished(request, t, id);
  const truth = await summary(request);
  const active = truth.usersByStatus.ACTIVE;
  await signIn(page, t.admin);
  await open(page, `/integrations/okta/${id}/settings`);

  const card = page.getByTestId("scope-card");
  await card.getByTestId("scope-statuses").getByLabel("Active", { exact: true }).check();
  await card.getByTestId("scope-save").click();
  await expect(card.getByText("Scope saved")).toBeVisible();
  await expect(card.getByTestId("scope-summary")).toContainText(/active/i);
  if (SHOTS) await card.screenshot({ path: `${SHOTS}/integration-scope.png` });

  await open(page, `/integrations/okta/${id}`);
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect.poll(async () => (await runs(request, t, id)).length).toBe(2);
  await lastRunFinished(request, t, id);
  await page.reload();
  await expect(page.getByTestId("count-users")).toHaveText(fmt(active));
  await expect(page.getByTestId("scope-note")).toContainText("Scoped");
  await expect(page.getByTestId("scope-out")).toContainText(`${fmt(truth.users - active)} users`);
  await expect(page.getByTestId("count-users-SUSPENDED")).toHaveCount(0);
});
