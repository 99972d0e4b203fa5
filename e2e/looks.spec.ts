// Looks, on every screen: each console page on a phone (390 px) and in dark mode has no serious or
// critical axe violation (contrast included), never scrolls sideways (a wide table scrolls inside its
// card), squeezes no card header's text into a column, and hydrates without a mismatch. The theme
// switch follows the device or pins light or dark with no flash of the other; the narrow-screen menu
// reaches every section; the charts' axis labels are whole. With E2E_SCREENSHOTS=<dir> it saves each
// page at 390 px, and the main pages in dark mode at 390 and 1440 px (e2e/a11y.spec.ts saves 1440 px light).
import type { Page } from "@playwright/test";
import { closeDb } from "@/db";
import { links } from "@/lib/links";
import { type ConsolePage, consolePages } from "./console-pages";
import { connectOkta, expect, expectAccessible, lastRunFinished, open, seedTenant, signIn, type Tenant, test } from "./helpers";

const SHOTS = process.env.E2E_SCREENSHOTS;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };
/** The pages whose dark-mode screenshots are kept (every page is checked in dark mode all the same). */
const DARK_SHOTS = new Set([
  "home",
  "integration-overview",
  "integration-run",
  "troubleshoot-pick",
  "directory-people",
  "directory-person",
  "activity",
  "settings-account",
]);

test.afterAll(async () => closeDb());

let t: Tenant;
let id: string;
test.beforeAll(async ({ request }) => {
  t = await seedTenant();
  id = await connectOkta(request, t);
  await lastRunFinished(request, t, id);
});

/** Console errors that say React's server HTML and first client render differed (dev and production wording). */
function watchHydration(page: Page) {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /hydrat|Minified React error #(418|423|425)/i.test(m.text()))
      seen.push(`${page.url()}: ${m.text().slice(0, 300)}`);
  });
  page.on("pageerror", (e) => {
    if (/hydrat|#418|#423|#425/i.test(e.message)) seen.push(`${page.url()}: ${e.message.slice(0, 300)}`);
  });
  return seen;
}

/** What the page is wider than the window by (0 when it fits), and card headers whose text was squeezed narrower than 16rem. */
async function layoutProblems(page: Page) {
  return page.evaluate(() => {
    const overflow = Math.max(0, document.scrollingElement!.scrollWidth - window.innerWidth);
    const squeezed = [...document.querySelectorAll<HTMLElement>("[data-slot=card-header]")]
      .filter((h) => h.offsetParent !== null)
      .map((h) => {
        const text = h.firstElementChild as HTMLElement;
        const room = h.clientWidth - 32; // the header's horizontal padding at this width
        return { title: text.querySelector("h2")?.textContent ?? "", width: text.offsetWidth, room };
      })
      .filter((x) => x.width < Math.min(256, x.room))
      .map((x) => `${x.title} (${x.width}px of ${x.room}px)`);
    return { overflow, squeezed };
  });
}

async function visit(page: Page, p: ConsolePage, label: string, shot?: string) {
  await open(page, p.url);
  await expect(page.getByRole("heading", { level: 1 }), `${p.what} ${label}`).toBeVisible();
  const { overflow, squeezed } = await layoutProblems(page);
  expect.soft(overflow, `${p.what} ${label} scrolls sideways by`).toBe(0);
  expect.soft(squeezed, `${p.what} ${label}: card headers squeezed`).toEqual([]);
  await expectAccessible(page, `${p.what} ${label}`);
  if (SHOTS && shot) await page.screenshot({ path: `${SHOTS}/${shot}.png`, fullPage: true });
}

test("the sign-in page on a phone and in dark mode", async ({ page }) => {
  const hydration = watchHydration(page);
  const signInPage = { url: links.login(), name: "sign-in", what: "the sign-in page" };
  for (const [viewport, scheme, shot] of [
    [PHONE, "light", "sign-in-390"],
    [PHONE, "dark", "sign-in-390-dark"],
    [DESKTOP, "dark", "sign-in-dark"],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme: scheme });
    await visit(page, signInPage, `at ${viewport.width} px (${scheme})`, shot);
  }
  expect(hydration, "hydration mismatches").toEqual([]);
});

test.describe("at 390 px", () => {
  test.use({ viewport: PHONE });

  test("every page fits a phone in light and dark mode: no sideways scroll, no squeezed card header, no serious accessibility violation, no hydration mismatch", async ({
    page,
  }) => {
    test.setTimeout(900_000);
    const hydration = watchHydration(page);
    await signIn(page, t.admin);
    const pages = await consolePages(page, t, id);
    for (const scheme of ["light", "dark"] as const) {
      // No theme chosen: the console follows the device's preference.
      await page.emulateMedia({ colorScheme: scheme });
      for (const p of pages) {
        const shot = scheme === "light" ? `${p.name}-390` : DARK_SHOTS.has(p.name) ? `${p.name}-390-dark` : undefined;
        await visit(page, p, `at 390 px (${scheme})`, shot);
      }
    }
    expect(hydration, "hydration mismatches").toEqual([]);
  });

  test("the Menu button opens every section in a sheet, Settings included; choosing one goes there and closes it", async ({ page }) => {
    await signIn(page, t.admin);
    await open(page, links.integrations());
    const main = page.getByRole("navigation", { name: "Main" });
    await expect(main).toBeHidden(); // the sidebar is not shown on a phone
    const menu = page.getByRole("button", { name: "Menu" });
    await menu.click();
    const sheet = page.getByRole("dialog", { name: "Okta Sync Console" });
    await expect(sheet).toBeVisible();
    await expectAccessible(page, "the navigation sheet");
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/nav-sheet-390.png` });
    const settings = sheet.getByRole("link", { name: "Settings" });
    await expect(settings).toBeInViewport();
    await expect(sheet.getByRole("link", { name: "Integrations" })).toHaveAttribute("aria-current", "page");
    await settings.click();
    await expect(page).toHaveURL(/\/settings\//);
    await expect(sheet).toBeHidden();
    // Escape closes it and gives focus back to the Menu button.
    await menu.click();
    await expect(sheet).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(sheet).toBeHidden();
    await expect(menu).toBeFocused();
  });

  test("the people table keeps its Status column: the table scrolls inside its card and the column can be read", async ({ page }) => {
    await signIn(page, t.admin);
    await open(page, links.people({ integrationId: id }));
    const table = page.getByRole("table", { name: "People" });
    const status = table.getByRole("columnheader", { name: "Status" });
    await status.scrollIntoViewIfNeeded();
    await expect(status).toBeInViewport({ ratio: 1 });
    const badge = table
      .locator("tbody tr")
      .first()
      .getByRole("cell")
      .nth(await status.evaluate((th) => (th as HTMLTableCellElement).cellIndex));
    await badge.scrollIntoViewIfNeeded();
    await expect(badge).toBeInViewport({ ratio: 1 });
    expect((await layoutProblems(page)).overflow).toBe(0);
  });
});

test.describe("at 1440 px in dark mode", () => {
  test.use({ viewport: DESKTOP, colorScheme: "dark" });

  test("every page has no serious accessibility violation (contrast included) and no hydration mismatch", async ({ page }) => {
    test.setTimeout(600_000);
    const hydration = watchHydration(page);
    await signIn(page, t.admin);
    for (const p of await consolePages(page, t, id))
      await visit(page, p, "in dark mode", DARK_SHOTS.has(p.name) ? `${p.name}-dark` : undefined);
    expect(hydration, "hydration mismatches").toEqual([]);
  });
});

test.describe("the theme", () => {
  test.use({ viewport: DESKTOP });

  /** Whether the page's background is dark: its colour (oklch, oklab, rgb alike) painted on a canvas and read back. */
  const isDark = (page: Page) =>
    page.evaluate(() => {
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 1;
      const ctx = canvas.getContext("2d")!;
      ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
      return (r + g + b) / 3 < 128;
    });

  test("System follows the device; Light and Dark pin a theme, kept across pages and reloads and rendered by the server (no flash)", async ({
    page,
  }) => {
    await signIn(page, t.admin);
    await page.emulateMedia({ colorScheme: "dark" });
    await open(page, links.integrations());
    expect(await isDark(page), "System with a dark device").toBe(true);
    await page.emulateMedia({ colorScheme: "light" });
    expect(await isDark(page), "System with a light device").toBe(false);

    const userMenu = page.getByRole("button", { name: new RegExp(t.admin.name) }).first();
    const choose = async (theme: "System" | "Light" | "Dark") => {
      await userMenu.click();
      const item = page.getByRole("menuitemradio", { name: theme });
      await item.click();
      await expect(item).toHaveAttribute("aria-checked", "true");
      await page.keyboard.press("Escape");
    };

    await choose("Dark");
    expect(await isDark(page), "Dark on a light device").toBe(true);
    await expectAccessible(page, "the integrations list after choosing Dark");
    // The server renders the choice into the page: the html arrives dark, before any script runs.
    const html = await (await page.request.get(links.home())).text();
    expect(html).toMatch(/<html[^>]*class="dark"/);
    await open(page, links.activity());
    expect(await isDark(page), "Dark on the next page").toBe(true);
    await page.reload();
    expect(await isDark(page), "Dark after a reload").toBe(true);
    if (SHOTS) {
      await userMenu.click();
      await expect(page.getByRole("menuitemradio", { name: "Dark" })).toHaveAttribute("aria-checked", "true");
      await page.screenshot({ path: `${SHOTS}/user-menu-theme-dark.png` });
      await page.keyboard.press("Escape");
    }

    await page.emulateMedia({ colorScheme: "dark" });
    await choose("Light");
    expect(await isDark(page), "Light on a dark device").toBe(false);
    expect(await (await page.request.get(links.home())).text()).toMatch(/<html[^>]*class="light"/);

    await choose("System");
    expect(await isDark(page), "System again, dark device").toBe(true);
    expect(await (await page.request.get(links.home())).text()).not.toMatch(/<html[^>]*class="(light|dark)"/);
  });
});

test.describe("charts", () => {
  test.use({ viewport: DESKTOP });

  test("the integration page's charts draw without a hydration mismatch, with whole axis labels, at any width and in dark mode", async ({
    page,
  }) => {
    const hydration = watchHydration(page);
    await signIn(page, t.admin);
    for (const [viewport, scheme] of [
      [DESKTOP, "light"],
      [PHONE, "dark"],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: scheme });
      await open(page, links.overview(id));
      for (const [name, testId] of [
        [/^Sign-ins per day/, "sign-in-chart"],
        [/^Sync duration per run/, "duration-chart"],
      ] as const) {
        const chart = page.getByTestId(testId);
        await expect(chart.getByRole("img", { name })).toBeVisible();
        await expect(chart.locator("svg.recharts-surface .recharts-bar-rectangle").first()).toBeVisible();
        // Every tick label lies wholly inside the chart (the old duration axis cut "1 min 20 s" to "nin 20 s").
        const clipped = await chart.locator("svg.recharts-surface").evaluate((svg) => {
          const box = svg.getBoundingClientRect();
          return [...svg.querySelectorAll<SVGTextElement>(".recharts-cartesian-axis-tick-value")]
            .filter((tick) => {
              const b = tick.getBoundingClientRect();
              return b.left < box.left - 0.5 || b.right > box.right + 0.5;
            })
            .map((tick) => tick.textContent);
        });
        expect(clipped, `${testId} at ${viewport.width} px: labels cut at the edge`).toEqual([]);
        // The numbers are there for assistive technology too.
        await expect(chart.locator("table caption")).toHaveCount(1);
      }
    }
    // A bar opens its run.
    await page.setViewportSize(DESKTOP);
    await page.getByTestId("duration-chart").locator(".recharts-bar-rectangle").first().click();
    await expect(page).toHaveURL(/\/runs\/[^/]+$/);
    expect(hydration, "hydration mismatches").toEqual([]);
  });
});
