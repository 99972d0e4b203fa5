// Accessibility and the keyboard, in Chromium against the emulator: every main page of the console
// passes axe's WCAG A/AA rules with no serious or critical violation, and the menus, dialogs,
// comboboxes and tabs work with the keyboard alone. With E2E_SCREENSHOTS=<dir> it saves a 1440 px
// screenshot of each page.
import type { Page } from "@playwright/test";
import { closeDb } from "@/db";
import { links } from "@/lib/links";
import { consolePages } from "./console-pages";
import { bearer, connectOkta, expect, expectAccessible, lastRunFinished, open, seedTenant, signIn, type Tenant, test } from "./helpers";

const SHOTS = process.env.E2E_SCREENSHOTS;
const shot = async (page: Page, name: string, fullPage = true) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
};

test.use({ viewport: { width: 1440, height: 900 } });
test.afterAll(async () => closeDb());

let t: Tenant;
let id: string;
test.beforeAll(async ({ request }) => {
  t = await seedTenant();
  id = await connectOkta(request, t);
  await lastRunFinished(request, t, id);
});

test("the sign-in page and every main page have no serious or critical accessibility violations", async ({ page }) => {
  test.setTimeout(300_000);
  await open(page, links.login());
  await expectAccessible(page, "the sign-in page");
  await shot(page, "sign-in");

  await signIn(page, t.admin);
  for (const { url, name, what } of await consolePages(page, t, id)) {
    await open(page, url);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectAccessible(page, what);
    await shot(page, name);
  }
});

/**
 * Opens a page for keyboard use. Headless Chromium here drops the first key event after a load (the
 * page takes focus with it), so a no-op Shift goes first, as a person's first key would.
 */
async function openForKeyboard(page: Page, url: string) {
  await open(page, url);
  await page.keyboard.press("Shift");
}

test("the user menu, a dialog, the scope combobox and the section tabs work with the keyboard alone", async ({ page }) => {
  await signIn(page, t.admin);
  await openForKeyboard(page, links.overview(id));

  // Section tabs are links: Tab moves along them, Enter follows one, and the current one is marked.
  const tabs = page.getByRole("navigation", { name: "Integration sections" });
  const runsTab = tabs.getByRole("link", { name: "Sync runs" });
  await tabs.getByRole("link", { name: "Overview" }).focus();
  await page.keyboard.press("Tab");
  await expect(runsTab).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(links.runs(id));
  await expect(runsTab).toHaveAttribute("aria-current", "page");

  // A dialog: Enter opens it with focus inside, Tab stays inside, Escape closes it and focus returns.
  await openForKeyboard(page, links.settings(id));
  const disconnect = page.getByRole("button", { name: "Disconnect" });
  await disconnect.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: /^Disconnect / });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, "the disconnect dialog");
  await shot(page, "disconnect-dialog", false);
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    await expect(dialog.locator(":focus")).toHaveCount(1);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(disconnect).toBeFocused();

  // The scope combobox: Enter opens the search, typing searches on the server, Enter chooses the
  // highlighted group (a chip appears), Escape closes and returns focus; the chip removes it again.
  const options = await page.request.get(`/api/integrations/${id}/scope-options?kind=groups&limit=200`, { headers: bearer(t) });
  const groups = ((await options.json()) as { groups: { name: string }[] }).groups;
  const group = groups[groups.length - 1].name;
  await openForKeyboard(page, links.settings(id));
  const picker = page.getByTestId("scope-groups");
  const trigger = picker.getByRole("button", { name: /Choose groups/ });
  await trigger.focus();
  await page.keyboard.press("Enter");
  const search = page.getByRole("combobox", { name: /Groups/ }).or(page.getByPlaceholder("Search groups"));
  await expect(search.first()).toBeFocused();
  await page.keyboard.type(group);
  const option = page.getByRole("option", { name: new RegExp(group.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) }).first();
  await expect(option).toBeVisible();
  await expect(option).toHaveAttribute("aria-selected", "true");
  await expectAccessible(page, "the scope combobox, open");
  await shot(page, "integration-scope-search", false);
  await page.keyboard.press("Enter");
  await expect(option).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("Escape");
  await expect(trigger).toBeFocused();
  const chip = picker.getByRole("button", { name: `Remove ${group}` });
  await expect(chip).toBeVisible();
  const card = page.getByTestId("scope-card");
  await expect(card.getByText("Unsaved scope changes")).toBeVisible();
  await chip.focus();
  await page.keyboard.press("Enter");
  await expect(chip).toHaveCount(0);
  await expect(card.getByText("No changes")).toBeVisible();

  // The user menu: Enter opens it on its first item ("Your account"), arrows move between its items
  // (the theme's three choices, then Sign out) and stay in it, Escape closes it and focus returns;
  // Enter on "Sign out" signs out.
  const menuButton = page.getByRole("button", { name: new RegExp(t.admin.name) }).first();
  await menuButton.focus();
  await page.keyboard.press("Enter");
  const account = page.getByRole("menuitem", { name: "Your account" });
  const signOut = page.getByRole("menuitem", { name: "Sign out" });
  const themes = ["System", "Light", "Dark"].map((name) => page.getByRole("menuitemradio", { name }));
  await expect(account).toBeFocused();
  await expect(themes[0]).toHaveAttribute("aria-checked", "true");
  await expectAccessible(page, "the user menu, open");
  await shot(page, "user-menu", false);
  for (const theme of themes) {
    await page.keyboard.press("ArrowDown");
    await expect(theme).toBeFocused();
  }
  await page.keyboard.press("ArrowDown");
  await expect(signOut).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(signOut).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(signOut).toHaveCount(0);
  await expect(menuButton).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(account).toBeFocused();
  // One key at a time, each waited for: keys pressed faster than the menu moves focus can be lost.
  for (const item of [...themes, signOut]) {
    await page.keyboard.press("ArrowDown");
    await expect(item).toBeFocused();
  }
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/login\?signedOut=1/);
});
