// Issue 8 end to end: the admin registers an Okta event hook from the integration page, Okta (the
// emulator) verifies it against the running console, then pushes changes that the console applies
// within seconds, without a sync run.
import type { APIRequestContext } from "@playwright/test";
import { and, eq, isNull } from "drizzle-orm";
import { closeDb, getDb } from "@/db";
import { oktaUsers } from "@/db/schema";
import { bearer, connectOkta, expect, open, ownEmulator, READ_SCOPES, seedTenant, signIn, type Tenant, test } from "./helpers";

const SHOTS = process.env.E2E_SCREENSHOTS;

// Mutations and registered hooks change the org: this spec has an emulated org of its own.
let org: Awaited<ReturnType<typeof ownEmulator>>;
test.beforeAll(async () => {
  org = await ownEmulator(1);
});
test.afterAll(async () => {
  await org?.close();
  await closeDb();
});

/** Connected with a Super Administrator app granted `appScopes`, once its first sync has succeeded. */
async function connect(request: APIRequestContext, t: Tenant, appScopes: string[]) {
  const id = await connectOkta(request, t, appScopes, ["SUPER_ADMIN"], org.url);
  await expect
    .poll(
      async () =>
        ((await (await request.get(`/api/integrations/${id}/syncs`, { headers: bearer(t) })).json()) as { items: { status: string }[] })
          .items[0]?.status,
      { timeout: 45_000 },
    )
    .toBe("succeeded");
  return id;
}

test("a registered hook is verified by Okta, and pushed changes reach the console within seconds", async ({ page, request }) => {
  const t = await seedTenant();
  const id = await connect(request, t, [...READ_SCOPES, "okta.eventHooks.manage"]);
  await signIn(page, t.admin);
  await open(page, `/integrations/okta/${id}`);
  const panel = page.getByTestId("event-hook");
  await expect(panel).toContainText("Not set up");

  await panel.getByRole("button", { name: "Set up and register in Okta" }).click();
  await expect(panel).toContainText("Verified");
  await expect(panel).toContainText(/Yes \(/);
  const hooks = (await (await request.get(`${org.url}/__emulator/truth/eventHooks`)).json()) as {
    channel: { config: { uri: string } };
    verificationStatus: string;
  }[];
  const ours = hooks.find((h) => h.channel.config.uri.endsWith(`/api/hooks/okta/${id}`));
  expect(ours?.verificationStatus).toBe("VERIFIED");

  // Changes in Okta: delivered to the console, stored, then applied by re-reading each user.
  const runsBefore = ((await (await request.get(`/api/integrations/${id}/syncs`, { headers: bearer(t) })).json()) as { items: unknown[] })
    .items.length;
  const stored = async () => {
    const rows = await getDb()
      .select({ id: oktaUsers.id, status: oktaUsers.status, login: oktaUsers.login })
      .from(oktaUsers)
      .where(and(eq(oktaUsers.integrationId, id), isNull(oktaUsers.deletedAt)));
    return new Map(rows.map((r) => [r.id, `${r.status} ${r.login}`]));
  };
  const before = await stored();
  expect((await request.post(`${org.url}/__emulator/mutations`, { data: { count: 25, seed: 5, wait: true } })).ok()).toBe(true);
  const truth = (await (await request.get(`${org.url}/__emulator/truth/users`)).json()) as {
    id: string;
    status: string;
    profile: { login: string };
  }[];
  const want = new Map(truth.map((u) => [u.id, `${u.status} ${u.profile.login}`]));
  const changed = [...want].filter(([k, v]) => before.get(k) !== v).length + [...before.keys()].filter((k) => !want.has(k)).length;
  expect(changed, "the mutations changed some users, so the hook had work to do").toBeGreaterThan(0);
  await expect
    .poll(
      async () => {
        const s = await stored();
        return [...want].filter(([k, v]) => s.get(k) !== v).length + [...s.keys()].filter((k) => !want.has(k)).length;
      },
      { timeout: 30_000, message: "every user equals Okta's after the deliveries" },
    )
    .toBe(0);
  // No sync run was needed for it.
  expect(
    ((await (await request.get(`/api/integrations/${id}/syncs`, { headers: bearer(t) })).json()) as { items: unknown[] }).items.length,
  ).toBe(runsBefore);

  await page.reload();
  await expect(panel.getByText("Events today", { exact: true }).locator("..")).not.toHaveText(/Events today\s*0$/);
  await expect(panel).toContainText("0 refused (wrong secret), 0 not applied");
  if (SHOTS) await panel.screenshot({ path: `${SHOTS}/integration-event-hook.png` });

  // A delivery without the secret is refused and counted.
  const refused = await request.post(`/api/hooks/okta/${id}`, { data: { data: { events: [] } } });
  expect(refused.status()).toBe(401);
  await page.reload();
  await expect(panel.getByTestId("hook-failures")).toContainText("1 refused (wrong secret)");
});

test("without okta.eventHooks.manage a registration shows Okta's reason and stays Not set up; by hand gives each step its value, a copy button and a warning that Okta cannot reach a non-public endpoint", async ({
  page,
  request,
  context,
}) => {
  const t = await seedTenant();
  const id = await connect(request, t, READ_SCOPES);
  await signIn(page, t.admin);
  await open(page, `/integrations/okta/${id}`);
  const panel = page.getByTestId("event-hook");

  // Okta refuses (the app may not manage hooks): its own answer is shown and nothing is set up.
  await panel.getByRole("button", { name: "Set up and register in Okta" }).click();
  await expect(panel.getByTestId("hook-error")).toContainText("Okta refused to register the event hook: Okta answered");
  await expect(panel.getByTestId("hook-error")).toContainText("okta.eventHooks.manage");
  await expect(panel).toContainText("Not set up");
  await page.reload();
  await expect(panel).toContainText("Not set up");
  await expect(panel.getByTestId("hook-error")).toBeVisible();

  await panel.getByRole("button", { name: "Add by hand (new secret)" }).click();
  const steps = panel.getByTestId("hook-manual").locator("ol > li");
  await expect(steps).toHaveCount(5);
  // Each step carries the value it asks for, with a copy button.
  await expect(steps.nth(1)).toContainText("Endpoint URL");
  await expect(steps.nth(1).getByTestId("hook-URL")).toHaveText(new RegExp(`/api/hooks/okta/${id}$`));
  await expect(steps.nth(2).getByTestId("hook-field")).toHaveText("Authorization");
  const secret = (await steps.nth(2).getByTestId("hook-secret").textContent())!;
  expect(secret.length).toBeGreaterThan(20);
  await expect(steps.nth(3)).toContainText("Subscribe to these 22 event types");
  await expect(steps.nth(3).getByTestId("hook-event-types")).toContainText("user.lifecycle.create, user.lifecycle.activate");
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await steps.nth(3).getByRole("button", { name: "Copy event types" }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied.split("\n")).toHaveLength(22);
  expect(copied.split("\n")[0]).toBe("user.lifecycle.create");
  // The console runs at http://localhost here: Okta could never call it, and the panel says what to do.
  await expect(panel.getByTestId("hook-endpoint-warning").first()).toContainText("is not reachable from the internet");
  await expect(panel.getByTestId("hook-endpoint-warning").first()).toContainText("PUBLIC_URL");
  if (SHOTS) await panel.screenshot({ path: `${SHOTS}/integration-event-hook-by-hand.png` });
  // The secret is shown once: after a reload only the hook's state (and the warning) remains.
  await page.reload();
  await expect(panel).not.toContainText(secret);
  await expect(panel).toContainText("By hand");
  await expect(panel.getByTestId("hook-endpoint-warning")).toContainText("PUBLIC_URL");
});
