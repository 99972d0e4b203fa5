// The Activity page in Chromium: System Log events written straight into the database for a fresh
// workspace (as a sync would store them, with Okta's raw event), then a viewer reads them newest
// first in plain words, pages, filters by actor, target, event type, outcome and dates (all in the
// URL), exports the filtered view as CSV, opens an event, and follows a person's page to what they
// did and what was done to them; another workspace sees none of it. Screenshots of the list and an
// event at 1440 and 390 px go to test-results/.

import { randomUUID } from "node:crypto";
import fs from "node:fs";
import type { Page } from "@playwright/test";
import { closeDb, getDb } from "@/db";
import { integrations, oktaLogEvents } from "@/db/schema";
import { links } from "@/lib/links";
import { type SeededDirectory, seedDirectory } from "@/test/directory-fixtures";
import { expect, open, seedTenant, signIn, type Tenant, test } from "./helpers";

type Event = typeof oktaLogEvents.$inferInsert & { uuid: string; published: Date };

/** The whole page, and (a tall phone page being hard to look at whole) the same in screen-high slices. */
const shot = async (page: Page, name: string) => {
  fs.mkdirSync("test-results", { recursive: true });
  await page.screenshot({ path: `test-results/activity-${name}.png`, fullPage: true });
  const { width, height } = page.viewportSize()!;
  const total = await page.evaluate(() => document.documentElement.scrollHeight);
  if (width > 500) return;
  for (let y = 0, i = 1; y < total; y += height, i++) {
    await page.screenshot({
      path: `test-results/activity-${name}-${i}.png`,
      fullPage: true,
      clip: { x: 0, y, width, height: Math.min(height, total - y) },
    });
  }
};

test.afterAll(async () => closeDb());

test.describe("the list", () => {
  const TYPES = [
    ["user.session.start", "User login to Okta", "Signed in"],
    ["user.authentication.sso", "User single sign on to app", "Signed in to an app"],
    ["user.lifecycle.suspend", "Suspend Okta user", "Suspended person"],
  ] as const;
  const PEOPLE = ["Ana Lima", "Ben Okafor", "Chloe Tanaka", "Diego Rossi"];
  let tenant: Tenant;
  let events: Event[];

  test.beforeAll(async () => {
    tenant = await seedTenant();
    const [integration] = await getDb()
      .insert(integrations)
      .values({ workspaceId: tenant.ws.id, name: "Acme Okta", domain: "https://acme.okta.com", authMethod: "api_token" })
      .returning();
    const newest = Date.now() - 60_000;
    const slack = { id: "0oaSLACK", type: "AppInstance", alternateId: "Slack", displayName: "Slack" };
    // 57 events, a minute apart: one page of 50 and 7 more.
    events = Array.from({ length: 57 }, (_, i) => {
      const [eventType, displayMessage] = TYPES[i % 3];
      const person = PEOPLE[i % 4];
      const login = `${person.split(" ")[0].toLowerCase()}@acme.example`;
      const failed = i % 5 === 0;
      const targets =
        eventType === "user.authentication.sso"
          ? [slack]
          : eventType === "user.lifecycle.suspend"
            ? [{ id: `00uT${i}`, type: "User", alternateId: `t${i}@acme.example`, displayName: `Target ${i}` }]
            : [];
      return {
        workspaceId: tenant.ws.id,
        integrationId: integration.id,
        uuid: randomUUID(),
        published: new Date(newest - i * 60_000),
        eventType,
        displayMessage,
        severity: failed ? "WARN" : "INFO",
        outcomeResult: failed ? "FAILURE" : "SUCCESS",
        outcomeReason: failed ? "INVALID_CREDENTIALS" : null,
        actorId: `00u${i % 4}`,
        actorType: "User",
        actorAlternateId: login,
        actorDisplayName: person,
        targets,
        targetAppId: eventType === "user.authentication.sso" ? "0oaSLACK" : null,
        targetAppName: eventType === "user.authentication.sso" ? "Slack" : null,
        clientIp: `203.0.113.${i + 1}`,
        city: "Lisbon",
        country: "Portugal",
      };
    });
    await getDb().insert(oktaLogEvents).values(events);
  });

  test("shows the synced events newest first, with who, what in plain words, outcome and where, and pages", async ({ page }) => {
    await signIn(page, tenant.viewer);
    await open(page, links.activity());
    await expect(page.getByRole("heading", { level: 1, name: "Activity" })).toBeVisible();
    const rows = page.getByRole("table", { name: "Activity events" }).locator("tbody tr");
    await expect(rows).toHaveCount(50);
    await expect(page.getByText("Showing 50 events")).toBeVisible();

    // The newest event, cell by cell.
    const first = events[0];
    const cells = rows.first().getByRole("cell");
    await expect(cells.nth(1)).toContainText(first.actorDisplayName!);
    await expect(cells.nth(1)).toContainText(first.actorAlternateId!);
    await expect(cells.nth(2)).toHaveText("Signed in signed in to Okta", { useInnerText: true });
    await expect(cells.nth(3)).toContainText("Failure");
    await expect(cells.nth(3)).toContainText("INVALID_CREDENTIALS");
    await expect(cells.nth(4)).toContainText(first.clientIp!);
    await expect(cells.nth(4)).toContainText("Lisbon, Portugal");
    // An SSO names its app; a suspension the person suspended.
    await expect(rows.nth(1).getByRole("cell").nth(2)).toHaveText("Signed in to an app signed in to Slack", { useInnerText: true });
    await expect(rows.nth(2).getByRole("cell").nth(2)).toHaveText("Suspended person suspended Target 2", { useInnerText: true });
    // Every row, in order: each carries its own client address.
    await expect(rows.locator("td:nth-child(5) div:first-child")).toHaveText(events.slice(0, 50).map((e) => e.clientIp!));

    await page.getByRole("button", { name: "Load more" }).click();
    await expect(rows).toHaveCount(57);
    await expect(page.getByText("Showing 57 events")).toBeVisible();
    await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
    await expect(rows.last()).toContainText(events[56].clientIp!);
  });

  test("filters by outcome, event type (labelled) and actor, in the URL, and says when nothing matches", async ({ page }) => {
    await signIn(page, tenant.viewer);
    await open(page, links.activity());
    const rows = page.getByRole("table", { name: "Activity events" }).locator("tbody tr");

    await page.getByRole("combobox", { name: "Outcome" }).selectOption("FAILURE");
    await expect(page).toHaveURL(/[?&]outcome=FAILURE/);
    const failures = events.filter((e) => e.outcomeResult === "FAILURE");
    await expect(rows).toHaveCount(failures.length);
    await expect(rows.locator("td:nth-child(5) div:first-child")).toHaveText(failures.map((e) => e.clientIp!));

    // The event type menu offers what was synced, in plain words.
    const type = page.getByRole("combobox", { name: "Event type" });
    await expect(type.locator("option")).toHaveText(["All event types", "Signed in", "Signed in to an app", "Suspended person"]);
    await type.selectOption({ label: "Suspended person" });
    await expect(page).toHaveURL(/[?&]eventType=user\.lifecycle\.suspend/);
    const both = failures.filter((e) => e.eventType === "user.lifecycle.suspend");
    await expect(rows).toHaveCount(both.length);

    await page.getByRole("button", { name: "Clear filters" }).click();
    // Part of a name finds the actor; their login, exactly, too.
    await page.getByRole("searchbox", { name: "Actor" }).fill("chloe");
    await expect(page).toHaveURL(/[?&]actor=chloe(&|$)/);
    const chloe = events.filter((e) => e.actorAlternateId === "chloe@acme.example");
    await expect(rows).toHaveCount(chloe.length);
    await expect(rows.locator("td:nth-child(2)")).toHaveText(chloe.map(() => /Chloe Tanaka/));

    await page.getByRole("searchbox", { name: "Actor" }).fill("nobody-here");
    await expect(page.getByText("No events match these filters")).toBeVisible();

    // A filtered view can be shared: the URL alone gives the same list.
    await open(page, links.activity({ outcome: "FAILURE", eventType: "user.lifecycle.suspend" }));
    await expect(rows).toHaveCount(both.length);
  });

  test("another workspace sees none of these events, and is told to connect Okta", async ({ page }) => {
    const other = await seedTenant();
    await signIn(page, other.admin);
    await open(page, links.activity());
    await expect(page.getByText("No activity synced yet")).toBeVisible();
    await expect(page.getByRole("link", { name: "Go to Integrations" })).toHaveAttribute("href", "/integrations");
    await expect(page.getByText(events[0].clientIp!, { exact: true })).toHaveCount(0);
    const api = await page.request.get(`/api/activity?actor=${encodeURIComponent(events[0].actorAlternateId!)}`);
    expect(((await api.json()) as { items: unknown[] }).items).toEqual([]);
    // An event of the first workspace is not found here, page or API.
    await open(page, links.activityEvent(events[0].uuid));
    await expect(page.getByText("No such event")).toBeVisible();
    expect((await page.request.get(`/api/activity/${events[0].uuid}`)).status()).toBe(404);
  });
});

test.describe("an audit", () => {
  // Days picked in the date filter are the viewer's; pin the zone so the URL is known.
  test.use({ timezoneId: "UTC" });
  let tenant: Tenant;
  let org: SeededDirectory;
  let jane: SeededDirectory["users"][number];
  let janeName: string;
  let team: SeededDirectory["groups"][number];
  let added: Event;
  let removed: Event;
  let sso: Event;
  let failed: Event;
  const ada = { id: "00uADAADMIN", type: "User", alternateId: "ada.admin@acme.example", displayName: "Ada Admin" };

  /** Okta's event as the System Log serves it (the fields the event page reads, and some it only keeps). */
  const oktaEvent = (e: Event, client: { ip: string; city: string; device: string; os: string; browser: string }) => ({
    uuid: e.uuid,
    published: e.published.toISOString(),
    eventType: e.eventType,
    version: "0",
    severity: "INFO",
    displayMessage: e.displayMessage,
    actor: { id: e.actorId, type: e.actorType, alternateId: e.actorAlternateId, displayName: e.actorDisplayName },
    client: {
      userAgent: { rawUserAgent: `Mozilla/5.0 (${client.os}) ${client.browser}`, os: client.os, browser: client.browser },
      zone: "null",
      device: client.device,
      ipAddress: client.ip,
      geographicalContext: {
        city: client.city,
        state: "Lisboa",
        country: "Portugal",
        postalCode: "1100",
        geolocation: { lat: 38.72, lon: -9.14 },
      },
    },
    outcome: { result: e.outcomeResult, reason: e.outcomeReason ?? null },
    target: e.targets,
    transaction: { type: "WEB", id: `tx-${e.uuid.slice(0, 8)}`, detail: {} },
    debugContext: { debugData: { requestUri: "/api/v1/groups" } },
  });

  test.beforeAll(async () => {
    tenant = await seedTenant();
    org = await seedDirectory({ workspaceId: tenant.ws.id, users: 12, groups: 5, apps: 3, seed: 5, name: "Acme Okta", signInsPerUser: 0 });
    jane = org.users.find((u) => u.status === "ACTIVE")!;
    janeName = `${jane.firstName} ${jane.lastName}`;
    team = org.groups.find((g) => g.type === "OKTA_GROUP")!;
    const app = org.apps[0];
    const janeRef = { id: jane.id, type: "User", alternateId: jane.login, displayName: janeName };
    const teamRef = { id: team.id, type: "UserGroup", alternateId: "unknown", displayName: team.name };
    // Three days, one event each day at noon UTC, and a failed sign-in the day before.
    const noon = (daysAgo: number) => new Date(Date.UTC(2026, 2, 20 - daysAgo, 12));
    const ev = (published: Date, eventType: string, actor: typeof ada, targets: object[], outcome = "SUCCESS"): Event => ({
      workspaceId: tenant.ws.id,
      integrationId: org.integration.id,
      uuid: randomUUID(),
      published,
      eventType,
      displayMessage: eventType,
      severity: "INFO",
      outcomeResult: outcome,
      outcomeReason: outcome === "FAILURE" ? "INVALID_CREDENTIALS" : null,
      actorId: actor.id,
      actorType: actor.type,
      actorAlternateId: actor.alternateId,
      actorDisplayName: actor.displayName,
      targets,
      clientIp: "198.51.100.23",
      city: "Lisbon",
      state: "Lisboa",
      country: "Portugal",
      lat: 38.72,
      lon: -9.14,
    });
    added = ev(noon(0), "group.user_membership.add", ada, [janeRef, teamRef]);
    sso = ev(noon(1), "user.authentication.sso", janeRef, [
      { id: app.id, type: "AppInstance", alternateId: app.label, displayName: app.label },
    ]);
    removed = ev(noon(2), "group.user_membership.remove", ada, [janeRef, teamRef]);
    failed = ev(noon(3), "user.session.start", janeRef, [], "FAILURE");
    const all = [added, sso, removed, failed];
    for (const e of all)
      e.raw = oktaEvent(e, { ip: "198.51.100.23", city: "Lisbon", device: "Computer", os: "Mac OS X", browser: "CHROME" });
    await getDb().insert(oktaLogEvents).values(all);
  });

  test("from a person's page to what they did and what was done to them", async ({ page }) => {
    await signIn(page, tenant.viewer);
    await open(page, links.person(org.integration.id, jane.id));
    const rows = page.getByRole("table", { name: "Activity events" }).locator("tbody tr");
    const actions = rows.locator("td:nth-child(3) a");

    await page.getByRole("link", { name: `Activity by ${janeName}` }).click();
    await expect(page).toHaveURL(links.activity({ actor: jane.id }));
    await expect(page.getByRole("searchbox", { name: "Actor" })).toHaveValue(jane.id);
    await expect(actions).toHaveText(["Signed in to an app", "Signed in"]);

    await page.goBack();
    await page.getByRole("link", { name: `Activity about ${janeName}` }).click();
    await expect(page).toHaveURL(links.activity({ target: jane.id }));
    await expect(actions).toHaveText(["Added to group", "Removed from group"]);
    await expect(rows.first().locator("td:nth-child(3)")).toHaveText(`Added to group added ${janeName} to ${team.name}`, {
      useInnerText: true,
    });
  });

  test("filters by target, event type and dates, exports that view as CSV, and opens an event", async ({ page }) => {
    await signIn(page, tenant.viewer);
    await page.setViewportSize({ width: 1440, height: 900 });
    await open(page, links.activity());
    const rows = page.getByRole("table", { name: "Activity events" }).locator("tbody tr");
    const actions = rows.locator("td:nth-child(3) a");
    await expect(actions).toHaveText(["Added to group", "Signed in to an app", "Removed from group", "Signed in"]);
    await shot(page, "list-1440");

    // The group, by name, exactly.
    await page.getByRole("searchbox", { name: "Target" }).fill(team.name);
    await expect(page).toHaveURL(new RegExp(`[?&]target=${encodeURIComponent(team.name).replace(/%20/g, "\\+")}`));
    await expect(actions).toHaveText(["Added to group", "Removed from group"]);
    await page.getByRole("combobox", { name: "Event type" }).selectOption({ label: "Removed from group" });
    await expect(actions).toHaveText(["Removed from group"]);
    await page.getByRole("combobox", { name: "Event type" }).selectOption({ label: "All event types" });

    // Days in the viewer's zone (UTC here): 17 to 18 March holds the removal only.
    await page.getByRole("searchbox", { name: "Target" }).fill("");
    await page.getByLabel("From", { exact: true }).fill("2026-03-17");
    await page.getByLabel("To", { exact: true }).fill("2026-03-18");
    await expect(page).toHaveURL(/[?&]from=2026-03-17T00%3A00%3A00\.000Z&to=2026-03-19T00%3A00%3A00\.000Z/);
    await expect(actions).toHaveText(["Removed from group", "Signed in"]);
    await page.getByLabel("To", { exact: true }).fill("2026-03-17");
    await expect(actions).toHaveText(["Signed in"]);
    await page.getByLabel("To", { exact: true }).fill("2026-03-18");
    await expect(actions).toHaveText(["Removed from group", "Signed in"]);

    // The CSV holds exactly this view.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^activity-\d{4}-\d\d-\d\d\.csv$/);
    const lines = fs
      .readFileSync(await download.path(), "utf8")
      .trim()
      .split("\r\n");
    expect(lines[0]).toMatch(/^published,event_id,integration_id,event_type,action,summary,actor_id/);
    expect(lines.slice(1).map((l) => l.split(",")[1])).toEqual([removed.uuid, failed.uuid]);
    expect(lines[1]).toContain(`Removed from group,removed ${janeName} from ${team.name},${ada.id}`);

    // Open the event from its row.
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(actions).toHaveCount(4);
    await rows.first().locator("td:nth-child(4)").click();
    await expect(page).toHaveURL(links.activityEvent(added.uuid, org.integration.id));
    await expect(page.getByRole("heading", { level: 1, name: "Added to group" })).toBeVisible();
    await expect(page.getByText(`Ada Admin added ${janeName} to ${team.name}`)).toBeVisible();
    const card = (title: string) =>
      page.locator("div.rounded-lg").filter({ has: page.getByRole("heading", { level: 2, name: title, exact: true }) });
    await expect(card("Event")).toContainText("Success");
    await expect(card("Event")).toContainText("group.user_membership.add");
    await expect(card("Event")).toContainText(added.uuid);
    await expect(card("Actor")).toContainText("Ada Admin");
    await expect(card("Actor")).toContainText("ada.admin@acme.example");
    // Ada is not in the synced directory: no page to link to.
    await expect(card("Actor").getByRole("link", { name: "Ada Admin" })).toHaveCount(0);
    await expect(card("Targets").getByRole("link", { name: janeName })).toHaveAttribute("href", links.person(org.integration.id, jane.id));
    await expect(card("Targets").getByRole("link", { name: team.name })).toHaveAttribute("href", links.group(org.integration.id, team.id));
    await expect(card("Client")).toContainText("198.51.100.23");
    await expect(card("Client")).toContainText("Computer");
    await expect(card("Client")).toContainText("CHROME");
    await expect(card("Client")).toContainText("Mac OS X");
    await expect(card("Place")).toContainText("Lisbon");
    await expect(card("Place")).toContainText("1100");
    await expect(card("Place")).toContainText("38.72, -9.14");
    const raw = JSON.parse(await page.getByRole("textbox", { name: "Raw event JSON" }).inputValue());
    expect(raw).toEqual(added.raw);
    await shot(page, "event-1440");

    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, "event-390");
    await open(page, links.activity());
    await shot(page, "list-390");
    await page.setViewportSize({ width: 1440, height: 900 });

    // From the event to everything its actor did.
    await open(page, links.activityEvent(added.uuid, org.integration.id));
    await page.getByRole("link", { name: "Their activity" }).click();
    await expect(page).toHaveURL(links.activity({ actor: ada.id }));
    await expect(actions).toHaveText(["Added to group", "Removed from group"]);
  });
});
