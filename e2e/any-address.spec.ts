// Issue 14 §1: the console works whatever address it is browsed at. Browsed at 127.0.0.1 (and at
// localhost), a person signs in with the form, the page hydrates, and the demo org connects through
// the connect form: a fetch carrying the session cookie, which the console accepts only from its own
// origin, here the address browsed. And the page is the product's, not the dev server's: no dev
// overlay, no HMR client or socket.
import type { Page } from "@playwright/test";
import { BASE_URL, EMULATOR_URL } from "../playwright.config";
import { expect, open, seedTenant, signInWithForm, test } from "./helpers";

const PORT = new URL(BASE_URL).port;

interface EmuApp {
  name: string;
  clientId: string;
  privateKeyPem?: string;
}

/** What of the dev server a page shows: WebSockets it opened, the dev overlay's element, dev scripts. */
function watchDevCode(page: Page) {
  const sockets: string[] = [];
  page.on("websocket", (ws) => sockets.push(ws.url()));
  return async () => ({
    sockets,
    overlay: await page.locator("nextjs-portal").count(),
    devScripts: await page.evaluate(() =>
      [...document.scripts].map((s) => s.src).filter((src) => /devtools|hmr-client|_development_/.test(src)),
    ),
  });
}

for (const host of ["127.0.0.1", "localhost"]) {
  test.describe(`browsed at ${host}`, () => {
    const origin = `http://${host}:${PORT}`;
    test.use({ baseURL: origin });

    test(`signs in with the form, hydrates, and connects the demo org (${host})`, async ({ page, request }) => {
      const creds = (await (await request.get(`${EMULATOR_URL}/__emulator/credentials`)).json()) as { apps: EmuApp[] };
      const app = creds.apps.find((a) => a.name === "readonly-key")!;
      const t = await seedTenant();
      const devCode = watchDevCode(page);

      await signInWithForm(page, t.admin);
      await expect(page).toHaveURL(`${origin}/integrations`);

      await open(page, "/integrations/okta/new");
      await expect(page.getByRole("heading", { level: 1, name: "Connect Okta" })).toBeVisible();
      // The form names the demo org that runs beside the console.
      await expect(page.getByText(EMULATOR_URL, { exact: true })).toBeVisible();
      await page.getByLabel("Okta domain").fill(EMULATOR_URL);
      await page.getByRole("radio", { name: "OAuth 2.0 with a public/private key" }).check();
      await page.getByRole("textbox", { name: "Client ID", exact: true }).fill(app.clientId);
      await page.getByRole("radio", { name: "Use my own private key" }).check();
      await page.getByRole("textbox", { name: "Private key", exact: true }).fill(app.privateKeyPem!);
      await page.getByRole("button", { name: "Verify and connect" }).click();

      await expect(page).toHaveURL(new RegExp(`^${origin.replace(/\./g, "\\.")}/integrations/okta/[0-9a-f-]{36}\\?connected=1$`));
      const id = page.url().match(/okta\/([0-9a-f-]{36})/)![1];
      await expect(page.locator('[data-testid^="scope-okta."][data-verdict="working"]')).toHaveCount(6);
      // The session's own view of it, from this origin.
      const integration = await page.request.get(`/api/integrations/${id}`);
      expect(integration.status()).toBe(200);
      expect(await integration.json()).toMatchObject({ integration: { id, domain: EMULATOR_URL, state: "connected" } });

      expect(await devCode()).toEqual({ sockets: [], overlay: 0, devScripts: [] });
    });
  });
}

test("a change made with the session from another origin is refused, so the test above proves its own origin was accepted", async ({
  page,
}) => {
  const t = await seedTenant();
  await signInWithForm(page, t.admin);
  await expect(page).toHaveURL(/\/integrations$/);
  const res = await page.request.post("/api/integrations", {
    headers: { origin: `http://127.0.0.2:${PORT}` },
    data: { name: "x", domain: EMULATOR_URL, auth: { method: "api_token", token: "x" }, scopes: ["okta.users.read"] },
  });
  expect(res.status()).toBe(403);
  expect(((await res.json()) as { error: { message: string } }).error.message).toContain(`this request came from http://127.0.0.2:${PORT}`);
});
