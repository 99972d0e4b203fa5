// Issue 14 §4 in Chromium: status that never contradicts itself. The Scopes card follows the last run
// (and says nothing works once disconnected); the header, the last run and the live progress agree on
// queued vs running, a reading run shows its requests, and a run starts seconds after Sync now; the
// next scheduled sync names its kind; connecting an org twice names the integration that has it.
// Faults and scope changes: this spec runs an emulated org of its own.
import type { APIRequestContext, Page } from "@playwright/test";
import { closeDb } from "@/db";
import {
  bearer,
  emu as control,
  expect,
  lastRunFinished,
  open,
  ownEmulator,
  READ_SCOPES,
  seedTenant,
  signIn,
  type Tenant,
  test,
  uid,
} from "./helpers";

const SHOTS = process.env.E2E_SCREENSHOTS;
const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

let org: Awaited<ReturnType<typeof ownEmulator>>;
test.beforeAll(async () => {
  org = await ownEmulator(5);
});
test.afterEach(async ({ request }) => {
  expect((await control(request, "delete", "/faults", undefined, org.url)).ok()).toBe(true);
});
test.afterAll(async () => {
  await org?.close();
  await closeDb();
});

interface App {
  clientId: string;
  privateKeyPem: string;
  kid: string;
}
async function newApp(request: APIRequestContext): Promise<App> {
  const made = await control(
    request,
    "post",
    "/apps",
    { name: `status-${uid()}`, kind: "service", scopes: READ_SCOPES, roles: ["READ_ONLY_ADMIN"] },
    org.url,
  );
  expect(made.status()).toBe(201);
  return made.json();
}
const keyAuth = (a: App) => ({ method: "private_key_jwt", clientId: a.clientId, privateKey: a.privateKeyPem, keyId: a.kid });
async function connect(request: APIRequestContext, t: Tenant, name = `Okta ${uid()}`) {
  const app = await newApp(request);
  const res = await request.post("/api/integrations", {
    headers: bearer(t),
    data: { name, domain: org.url, auth: keyAuth(app), scopes: READ_SCOPES },
  });
  expect(res.status(), await res.text()).toBe(201);
  const id = ((await res.json()) as { id: string }).id;
  await lastRunFinished(request, t, id);
  return { id, app };
}
const sections = (page: Page) => page.getByRole("navigation", { name: "Integration sections" });

test("the Scopes card follows the last run; after a disconnect nothing says working and the member-count note goes with the data", async ({
  page,
  request,
}) => {
  const t = await seedTenant();
  const { id, app } = await connect(request, t);
  await signIn(page, t.admin);
  await open(page, `/integrations/okta/${id}`);
  const card = page.getByTestId("scopes-card");
  for (const s of READ_SCOPES) await expect(card.getByTestId(`scope-${s}`)).toHaveAttribute("data-verdict", "working");
  await expect(page.getByTestId("membership-reconciliation")).toBeVisible();

  // Okta stops granting okta.groups.read after the check that connected it said "working".
  await control(request, "post", "/faults", { removeScope: { app: app.clientId, scope: "okta.groups.read" } }, org.url);
  await page.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByTestId("health-groups")).toHaveAttribute("data-status", "missing_scope", { timeout: 45_000 });
  const groups = card.getByTestId("scope-okta.groups.read");
  await expect(groups).toHaveAttribute("data-verdict", "not_working");
  await expect(groups).toHaveAttribute("data-source", "sync");
  await expect(groups).toContainText("Not working");
  await expect(groups).toContainText("Okta refused it: groups could not be read");
  await expect(card.getByTestId("scope-okta.users.read")).toHaveAttribute("data-verdict", "working");
  await shot(page, "status-scopes-after-run");

  // Disconnect, deleting the data: no scope is in use, and the reconciliation note is gone.
  await sections(page).getByRole("link", { name: "Settings" }).click();
  await page.getByTestId("danger-zone").getByRole("button", { name: "Disconnect" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("radio", { name: "Delete it permanently" }).check();
  await dialog.getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByText("Also do this in Okta:")).toBeVisible();
  await expect(page).toHaveURL(`/integrations/okta/${id}`);
  for (const s of READ_SCOPES) await expect(card.getByTestId(`scope-${s}`)).toHaveAttribute("data-verdict", "unused");
  await expect(card).not.toContainText("Working");
  await expect(card.getByText("working", { exact: false })).toHaveCount(0);
  await expect(page.getByTestId("membership-reconciliation")).toHaveCount(0);
  await shot(page, "status-disconnected");
});

test("header, last run and live progress agree on queued vs running; the running sync shows its requests; it starts within seconds", async ({
  page,
  request,
}) => {
  const t = await seedTenant();
  const { id } = await connect(request, t);
  await signIn(page, t.admin);
  await open(page, `/integrations/okta/${id}`);
  // Slow answers keep the run reading long enough to look at it.
  await control(request, "post", "/faults", { latencyMs: 300 }, org.url);
  await page.getByRole("button", { name: "Sync now" }).click();
  // Picked up by a worker within a few seconds of the click.
  await expect(page.getByTestId("live-progress")).toHaveAttribute("data-run-status", "running", { timeout: 5_000 });
  // Three places, one answer.
  await expect(page.getByTestId("integration-state")).toHaveAttribute("data-run", "running");
  await expect(page.getByTestId("integration-state")).toContainText("Syncing");
  await expect(page.getByTestId("last-run-status")).toHaveAttribute("data-status", "running");
  await expect(page.getByTestId("status-panel")).toContainText(/Syncing: \d of 8 resources done\./);
  // Requests to Okta show while the run reads, overall and per resource.
  await expect(page.getByTestId("live-progress")).toContainText(/[1-9][\d,]* requests? to Okta/, { timeout: 5_000 });
  await expect(page.getByTestId("progress-requests-users")).toContainText(/[1-9][\d,]* requests?/);
  await shot(page, "status-running");
  await control(request, "delete", "/faults", undefined, org.url);
  await expect(page.getByTestId("live-progress")).toHaveAttribute("data-run-status", "succeeded", { timeout: 45_000 });
  await expect(page.getByTestId("integration-state")).toHaveAttribute("data-state", "connected");
  await expect(page.getByTestId("integration-state")).toHaveAttribute("data-run", "");
  await expect(page.getByTestId("last-run-status")).toHaveCount(0);
});

test("Next scheduled sync names the next run of either kind", async ({ page, request }) => {
  const t = await seedTenant();
  const { id } = await connect(request, t);
  const patch = (data: Record<string, number>) => request.patch(`/api/integrations/${id}/settings`, { headers: bearer(t), data });
  expect((await patch({ fullSyncIntervalMinutes: 600, incrementalSyncIntervalMinutes: 15 })).ok()).toBe(true);
  await signIn(page, t.viewer);
  await open(page, `/integrations/okta/${id}`);
  await expect(page.getByTestId("next-sync")).toHaveAttribute("data-mode", "incremental");
  await expect(page.getByTestId("next-sync")).toContainText(/^Incremental, in 1[45] minutes$/);
  expect((await patch({ incrementalSyncIntervalMinutes: 0 })).ok()).toBe(true);
  await page.reload();
  await expect(page.getByTestId("next-sync")).toHaveAttribute("data-mode", "full");
  await expect(page.getByTestId("next-sync")).toContainText(/^Full, in (9|10) hours$/);
});

test("connecting an org that is already connected warns and names the integration that has it", async ({ page, request }) => {
  const t = await seedTenant();
  const { id: first } = await connect(request, t, "Acme production");
  const second = await newApp(request);
  await signIn(page, t.admin);
  await page.goto("/integrations/okta/new");
  await page.getByLabel("Okta domain").fill(org.url);
  await page.getByLabel("Integration name").fill("Acme again");
  await page.getByRole("radio", { name: "OAuth 2.0 with a public/private key" }).check();
  await page.getByRole("textbox", { name: "Client ID", exact: true }).fill(second.clientId);
  await page.getByRole("radio", { name: "Use my own private key" }).check();
  await page.getByRole("textbox", { name: "Private key", exact: true }).fill(second.privateKeyPem);
  await page.getByRole("button", { name: "Test connection" }).click();
  const warning = page.getByTestId("already-connected");
  await expect(warning).toContainText("Acme production");
  await expect(warning).toContainText("imports the same people, groups and apps a second time");
  await expect(warning.getByRole("link", { name: "Acme production" })).toHaveAttribute("href", `/integrations/okta/${first}`);
  await shot(page, "status-already-connected");
  // Connected anyway, both integrations' pages say so, each naming the other.
  await page.getByRole("button", { name: "Verify and connect" }).click();
  await expect(page).toHaveURL(/\/integrations\/okta\/[0-9a-f-]{36}\?connected=1$/);
  const secondId = page.url().match(/okta\/([0-9a-f-]{36})/)![1];
  await expect(page.getByTestId("same-org")).toContainText("Acme production");
  await open(page, `/integrations/okta/${first}`);
  await expect(page.getByTestId("same-org")).toContainText("Acme again");
  await expect(page.getByTestId("same-org").getByRole("link", { name: "Acme again" })).toHaveAttribute(
    "href",
    `/integrations/okta/${secondId}`,
  );
});
