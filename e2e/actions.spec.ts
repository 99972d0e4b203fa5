// Actions on Okta in Chromium, against an emulated org of this spec's own (actions change it): an admin
// suspends a person from their page under a one-admin approval policy, a second admin approves, and the
// directory and the person's History show it; an operator can request but not approve; a destructive
// kind asks for the person's login; a bulk action on three people from the People list is one request
// with an outcome per person; New person stages someone; the Audit page's chain verifies. Each test
// checks Okta's side through the emulator's ground truth. With E2E_SCREENSHOTS=<dir> it saves every new
// page and dialog at 1440 and 390 px.
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { closeDb } from "@/db";
import { links } from "@/lib/links";
import { createApiKey, createUser } from "@/test/factories";
import {
  bearer,
  connectOkta,
  expect,
  expectAccessible,
  lastRunFinished,
  MANAGE_SCOPES,
  open,
  ownEmulator,
  READ_SCOPES,
  seedTenant,
  signIn,
  type Tenant,
  test,
} from "./helpers";

const SHOTS = process.env.E2E_SCREENSHOTS;
/** The page at 1440 px and at 390 px (a phone), then back to the size it had. */
async function shots(page: Page, name: string, fullPage = true) {
  if (!SHOTS) return;
  const size = page.viewportSize();
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ]) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(150);
    await page.screenshot({ path: `${SHOTS}/actions-${name}-${width}.png`, fullPage });
  }
  if (size) await page.setViewportSize(size);
}

// This spec's org changes (people are suspended, expired, created): it runs an emulator of its own. It
// shares slot 1 with event-hooks.spec.ts; specs run one at a time and each closes its emulator in afterAll.
let org: Awaited<ReturnType<typeof ownEmulator>>;
let t: Tenant;
let integrationId: string;
let admin2: Awaited<ReturnType<typeof createUser>>;
let operator: Awaited<ReturnType<typeof createUser>>;
let admin2Key: string;

test.beforeAll(async ({ request }) => {
  test.setTimeout(120_000);
  org = await ownEmulator(1);
  t = await seedTenant();
  admin2 = await createUser(t.ws.id, "admin");
  operator = await createUser(t.ws.id, "operator");
  admin2Key = await createApiKey(t.ws.id, admin2.id);
  integrationId = await connectOkta(request, t, [...READ_SCOPES, ...MANAGE_SCOPES], ["SUPER_ADMIN"], org.url, { allowActions: true });
  await lastRunFinished(request, t, integrationId);
});
test.afterAll(async () => {
  await org?.close();
  await closeDb();
});

interface OktaUser {
  id: string;
  status: string;
  profile: { login: string; firstName?: string; lastName?: string };
}
const truthUsers = async (request: APIRequestContext) =>
  (await (await request.get(`${org.url}/__emulator/truth/users`)).json()) as OktaUser[];
const statusInOkta = async (request: APIRequestContext, id: string) => (await truthUsers(request)).find((u) => u.id === id)?.status;

const taken = new Set<string>();
/** ACTIVE people of the org, each handed to one test only. */
async function activePeople(request: APIRequestContext, n: number) {
  const res = await request.get(`/api/directory/users?integrationId=${integrationId}&status=ACTIVE&limit=200`, { headers: bearer(t) });
  const items = ((await res.json()) as { items: { id: string; login: string }[] }).items.filter((u) => !taken.has(u.id));
  const out = items.slice(0, n);
  for (const u of out) taken.add(u.id);
  expect(out).toHaveLength(n);
  return out;
}

async function setPolicy(request: APIRequestContext, policy: Record<string, string>) {
  const res = await request.patch("/api/approval-policy", { headers: bearer(t), data: policy });
  expect(res.status(), await res.text()).toBe(200);
}

/** A page signed in as someone else, in a browser context of its own. */
async function asUser(browser: Browser, who: { email: string; password: string }) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, who);
  return { page, close: () => ctx.close() };
}

const menuItem = (page: Page, label: string) => page.getByRole("menuitem", { name: new RegExp(`^${label}`) });

test("an admin suspends a person from their page; a second admin approves; the directory and History show it", async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  await setPolicy(request, { "user.suspend": "one_admin" });
  const [person] = await activePeople(request, 1);
  await signIn(page, t.admin);
  await open(page, links.person(integrationId, person.id));

  // The menu reads the person from Okta: Suspend is offered (with its approval), Unsuspend is not, with the reason.
  await page.getByTestId("person-actions").click();
  const suspend = menuItem(page, "Suspend");
  await expect(suspend).toBeVisible();
  await expect(suspend).not.toHaveAttribute("aria-disabled", "true");
  await expect(suspend).toContainText("Needs approval");
  const unsuspend = menuItem(page, "Unsuspend");
  await expect(unsuspend).toHaveAttribute("aria-disabled", "true");
  await expect(unsuspend).toContainText(`${person.login} is already ACTIVE.`);
  await expect(menuItem(page, "Activate")).toContainText("Activate needs a STAGED or DEPROVISIONED person");
  await expectAccessible(page, "a person's Actions menu, open");
  await shots(page, "person-menu", false);
  await suspend.click();

  const dialog = page.getByRole("dialog", { name: `Suspend: ${person.login}` });
  await expect(dialog.getByTestId("action-preview")).toContainText(person.login);
  await expect(dialog.getByText("This action needs one admin's approval")).toBeVisible();
  await dialog.getByLabel("Reason").fill("Ticket IT-4711: laptop reported stolen");
  await expectAccessible(page, "the confirm dialog");
  await shots(page, "suspend-dialog", false);
  await dialog.getByRole("button", { name: "Request approval" }).click();
  await expect(dialog.getByTestId("request-status-line")).toContainText("Waiting for an admin to approve (0 of 1)");
  await shots(page, "suspend-requested", false);
  expect(await statusInOkta(request, person.id), "nothing is sent before the approval").toBe("ACTIVE");

  // The requester cannot approve their own request: the button says why.
  await dialog.getByRole("link", { name: "Open the request" }).click();
  await expect(page).toHaveURL(/\/approvals\/[0-9a-f-]{36}$/);
  const requestUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId("approve-button")).toBeDisabled();
  await expect(page.getByText("You requested this action: another admin must approve it.")).toBeVisible();

  // The second admin sees the count in the sidebar, finds the request first on Approvals, and approves it.
  const second = await asUser(browser, admin2);
  try {
    const p2 = second.page;
    await open(p2, links.home());
    const awaiting = (await (
      await request.get("/api/actions/pending-count", { headers: { authorization: `Bearer ${admin2Key}` } })
    ).json()) as {
      awaitingMe: number;
    };
    expect(awaiting.awaitingMe).toBeGreaterThan(0);
    await expect(p2.locator("[data-testid=pending-count]:visible")).toHaveText(new RegExp(`^${awaiting.awaitingMe}`));
    await open(p2, links.approvals());
    const waiting = p2.getByTestId("pending-requests");
    await expect(waiting.getByText(person.login)).toBeVisible();
    await expectAccessible(p2, "the Approvals page");
    await shots(p2, "approvals");
    await waiting.getByRole("row").filter({ hasText: person.login }).getByRole("link", { name: "Suspend" }).click();
    await expect(p2).toHaveURL(new RegExp(`${requestUrl}$`));
    await expect(p2.getByText("Ticket IT-4711: laptop reported stolen", { exact: true })).toBeVisible();
    await shots(p2, "request-pending");
    await p2.getByTestId("approve-button").click();
    const approve = p2.getByRole("dialog", { name: "Approve this request" });
    await approve.getByLabel("Comment (optional)").fill("Confirmed with the security team");
    await approve.getByRole("button", { name: "Approve" }).click();
    await expect(p2.getByTestId("request-status-line")).toContainText("Done", { timeout: 30_000 });
    await expect(p2.getByTestId("action-target")).toContainText("Succeeded");
    await expect(p2.getByTestId("decision-list")).toContainText("Confirmed with the security team");
    await expectAccessible(p2, "a request's page");
    await shots(p2, "request-succeeded");
    expect(await statusInOkta(request, person.id)).toBe("SUSPENDED");

    // The directory shows the new status at once (no sync ran), and the person's History has the story.
    await open(p2, links.people({ q: person.login, integrationId }));
    await expect(p2.getByRole("row").filter({ hasText: person.login })).toContainText("Suspended");
    await open(p2, links.person(integrationId, person.id));
    const history = p2.getByTestId("history");
    await expect(history).toContainText("Succeeded");
    await expect(history).toContainText("Approved");
    await expect(history).toContainText("Requested");
    await expect(history).toContainText("Ticket IT-4711");
    await history.scrollIntoViewIfNeeded();
    await shots(p2, "person-history");
  } finally {
    await second.close();
  }
});

test("an operator requests an action but cannot approve it; they can cancel their own request", async ({ browser, request }) => {
  test.setTimeout(120_000);
  await setPolicy(request, { "user.suspend": "one_admin" });
  const [person] = await activePeople(request, 1);
  const op = await asUser(browser, operator);
  try {
    const page = op.page;
    await open(page, links.person(integrationId, person.id));
    await page.getByTestId("person-actions").click();
    await menuItem(page, "Suspend").click();
    const dialog = page.getByRole("dialog", { name: `Suspend: ${person.login}` });
    await expect(dialog.getByTestId("action-preview")).toBeVisible();
    await dialog.getByLabel("Reason").fill("Asked by the manager");
    await dialog.getByRole("button", { name: "Request approval" }).click();
    await expect(dialog.getByTestId("request-status-line")).toContainText("Waiting for an admin to approve");
    await dialog.getByRole("link", { name: "Open the request" }).click();

    // No Approve or Deny for an operator, and the page says who decides.
    await expect(page.getByTestId("who-approves")).toHaveText("Only admins approve or deny requests; your role is operator.");
    await expect(page.getByTestId("approve-button")).toHaveCount(0);
    await expect(page.getByTestId("deny-button")).toHaveCount(0);
    await shots(page, "request-operator");
    await page.getByTestId("cancel-button").click();
    await page.getByRole("dialog", { name: "Cancel this request" }).getByRole("button", { name: "Cancel the request" }).click();
    await expect(page.getByTestId("request-status-line")).toHaveText("Cancelled.");
    expect(await statusInOkta(request, person.id)).toBe("ACTIVE");

    // The API agrees: the operator's approval is refused.
    const key = await createApiKey(t.ws.id, operator.id);
    const list = await request.get("/api/actions?mine=true&status=cancelled", { headers: { authorization: `Bearer ${key}` } });
    const [mine] = ((await list.json()) as { items: { id: string }[] }).items;
    const refused = await request.post(`/api/actions/${mine.id}/approve`, { headers: { authorization: `Bearer ${key}` }, data: {} });
    expect(refused.status()).toBe(403);
  } finally {
    await op.close();
  }
});

test("a destructive kind shows its warning and asks for the person's login", async ({ page, request }) => {
  const [person] = await activePeople(request, 1);
  await signIn(page, t.admin);
  await open(page, links.person(integrationId, person.id));
  await page.getByTestId("person-actions").click();
  await menuItem(page, "Deactivate").click();
  const dialog = page.getByRole("dialog", { name: `Deactivate: ${person.login}` });
  await expect(dialog.getByText("This cannot simply be undone", { exact: true })).toBeVisible();
  await expect(dialog.getByTestId("action-preview")).toContainText(`Deactivate ${person.login}`);
  await dialog.getByLabel("Reason").fill("Left the company");
  const confirm = dialog.getByLabel(`Type ${person.login} to confirm`);
  await confirm.fill("someone-else@example.com");
  await dialog.getByRole("button", { name: "Request approval" }).click();
  await expect(dialog.getByText(`type ${person.login} exactly to confirm`)).toBeVisible();
  await expectAccessible(page, "a destructive action's dialog");
  await shots(page, "deactivate-dialog", false);
  const before = await request.get("/api/actions?kind=user.deactivate", { headers: bearer(t) });
  expect(((await before.json()) as { items: unknown[] }).items, "nothing was requested").toHaveLength(0);

  await confirm.fill(person.login);
  await dialog.getByRole("button", { name: "Request approval" }).click();
  await expect(dialog.getByTestId("request-status-line")).toContainText("Waiting for an admin to approve");
  // Left undecided: cancel it, so nothing runs.
  const after = await request.get("/api/actions?kind=user.deactivate", { headers: bearer(t) });
  const [made] = ((await after.json()) as { items: { id: string }[] }).items;
  expect((await request.post(`/api/actions/${made.id}/cancel`, { headers: bearer(t) })).status()).toBe(200);
  expect(await statusInOkta(request, person.id)).toBe("ACTIVE");
});

test("a bulk action on three people from the People list is one request with an outcome per person", async ({ page, request }) => {
  test.setTimeout(120_000);
  const people = await activePeople(request, 3);
  await signIn(page, t.admin);
  await open(page, links.people({ status: "ACTIVE", integrationId }));
  for (const p of people) {
    await page.getByRole("searchbox", { name: "Search people" }).fill(p.login);
    await page.getByRole("checkbox", { name: `Select ${p.login}` }).check();
  }
  await page.getByRole("searchbox", { name: "Search people" }).fill("");
  const bar = page.getByTestId("bulk-bar");
  await expect(bar).toContainText("3 people selected");
  await bar.getByRole("button", { name: "Actions for all 3" }).click();
  await expectAccessible(page, "the bulk actions menu");
  await shots(page, "bulk-menu", false);
  await menuItem(page, "Expire password").click();

  const dialog = page.getByRole("dialog", { name: "Expire password: 3 people" });
  await expect(dialog.getByTestId("preview-target")).toHaveCount(3);
  await dialog.getByLabel("Reason").fill("Passwords seen in a phishing report");
  await shots(page, "bulk-dialog", false);
  await dialog.getByRole("button", { name: "Expire password 3 targets" }).click();
  await expect(dialog.getByTestId("request-status-line")).toContainText("Done: 3 of 3 targets succeeded", { timeout: 30_000 });
  await expect(dialog.getByTestId("action-target").filter({ hasText: "Succeeded" })).toHaveCount(3);
  await shots(page, "bulk-done", false);
  for (const p of people) expect(await statusInOkta(request, p.id)).toBe("PASSWORD_EXPIRED");

  // One request holds all three.
  const list = await request.get("/api/actions?kind=user.expire_password", { headers: bearer(t) });
  const items = ((await list.json()) as { items: { targetCount: number; status: string }[] }).items;
  expect(items).toEqual([expect.objectContaining({ targetCount: 3, status: "succeeded" })]);

  // Closed, the list (still filtered to Active) no longer holds them.
  await dialog.getByRole("button", { name: "Close" }).first().click();
  for (const p of people) {
    await page.getByRole("searchbox", { name: "Search people" }).fill(p.login);
    await expect(page.getByText("No people match")).toBeVisible();
  }
});

test("New person stages someone in Okta", async ({ page, request }) => {
  test.setTimeout(90_000);
  const login = `new.hire.${Date.now()}@example.com`;
  await signIn(page, t.admin);
  await open(page, links.people({ integrationId }));
  await page.getByTestId("new-person").click();
  const dialog = page.getByRole("dialog", { name: "Create person" });
  await expect(dialog.getByText("Fill in the fields to see what it will do.")).toBeVisible();
  await dialog.getByLabel("First name").fill("Noor");
  await dialog.getByLabel("Last name").fill("Haddad");
  await dialog.getByLabel("Email", { exact: true }).fill(login);
  await dialog.getByLabel("Title (optional)").fill("Analyst");
  await expect(dialog.getByTestId("action-preview")).toContainText(`Create ${login} (Noor Haddad) in Okta, staged`);
  await dialog.getByLabel("Reason").fill("Starts on Monday");
  await expectAccessible(page, "the New person dialog");
  await shots(page, "new-person", false);
  await dialog.getByRole("button", { name: "Create person" }).click();
  await expect(dialog.getByTestId("request-status-line")).toContainText("Done", { timeout: 30_000 });
  const made = (await truthUsers(request)).find((u) => u.profile.login === login);
  expect(made?.status).toBe("STAGED");
});

test("group and app pages offer their own actions, disabled with the reason where Okta refuses them", async ({ page, request }) => {
  await signIn(page, t.admin);
  const groups = (await (
    await request.get(`/api/directory/groups?integrationId=${integrationId}&limit=200`, { headers: bearer(t) })
  ).json()) as {
    items: { id: string; type: string; name: string }[];
  };
  const appGroup = groups.items.find((g) => g.type === "APP_GROUP")!;
  await open(page, links.group(integrationId, appGroup.id));
  await page.getByTestId("subject-actions").click();
  const add = menuItem(page, "Add people");
  await expect(add).toHaveAttribute("aria-disabled", "true");
  await expect(add).toContainText(`${appGroup.name} is an APP_GROUP`);
  await shots(page, "app-group-menu", false);
  await page.keyboard.press("Escape");

  const okta = groups.items.find((g) => g.type === "OKTA_GROUP")!;
  await open(page, links.group(integrationId, okta.id));
  await page.getByTestId("subject-actions").click();
  await menuItem(page, "Add people").click();
  const dialog = page.getByRole("dialog", { name: `Add to group: ${okta.name}` });
  await expect(dialog.getByText("Choose people to add to see what it will do.")).toBeVisible();
  await expectAccessible(page, "the Add people dialog");
  await shots(page, "group-add-dialog", false);
  await page.keyboard.press("Escape");

  const apps = (await (await request.get(`/api/directory/apps?integrationId=${integrationId}&limit=1`, { headers: bearer(t) })).json()) as {
    items: { id: string }[];
  };
  await open(page, links.app(integrationId, apps.items[0].id));
  await page.getByTestId("subject-actions").click();
  await expect(menuItem(page, "Assign to people")).toBeVisible();
  await expect(menuItem(page, "Unassign from groups")).toBeVisible();
  await shots(page, "app-menu", false);
});

test("the Audit page lists what happened, exports it with its filters, and verifies the chain", async ({ page, request }) => {
  // Entries of its own: a policy change, and a suspension requested (waiting for approval) then cancelled.
  await setPolicy(request, { "user.suspend": "one_admin" });
  const [person] = await activePeople(request, 1);
  const made = await request.post(`/api/integrations/${integrationId}/actions`, {
    headers: bearer(t),
    data: { kind: "user.suspend", target: { userId: person.id }, reason: "Audit page check" },
  });
  expect(made.status(), await made.text()).toBe(201);
  const { id } = (await made.json()) as { id: string };
  expect((await request.post(`/api/actions/${id}/cancel`, { headers: bearer(t) })).status()).toBe(200);

  await signIn(page, t.admin);
  await open(page, links.audit());
  await expect(page.getByRole("table", { name: "Audit log" })).toBeVisible();
  await page.getByTestId("verify-chain").click();
  const verdict = page.getByTestId("verify-result");
  await expect(verdict).toContainText("The chain is intact");
  const check = (await (await request.get("/api/audit/verify", { headers: bearer(t) })).json()) as { ok: boolean; entries: number };
  expect(check.ok).toBe(true);
  await expect(verdict).toContainText(`${check.entries.toLocaleString("en-US")} entries checked`);
  await expectAccessible(page, "the Audit page");
  await shots(page, "audit");

  // A filter goes into the URL and into the CSV link.
  await page.getByRole("combobox", { name: "Action" }).selectOption("user.suspend");
  await expect(page).toHaveURL(/kind=user\.suspend/);
  const csv = page.getByTestId("audit-csv");
  await expect(csv).toHaveAttribute("href", links.auditCsv({ kind: "user.suspend" }));
  const res = await page.request.get((await csv.getAttribute("href"))!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  const rows = (await res.text()).trim().split("\n");
  expect(rows.length).toBeGreaterThan(1);
  expect(rows.slice(1).every((r) => r.includes("user.suspend"))).toBe(true);

  await open(page, links.consoleSettings("approvals"));
  await expect(page.locator('select[data-kind="user.suspend"]')).toHaveValue("one_admin");
  await expectAccessible(page, "Settings → Approvals");
  await shots(page, "settings-approvals");
});
