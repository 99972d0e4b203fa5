// The Activity page in Chromium: System Log events written straight into the database for a fresh
// workspace (as a sync would store them), then a viewer reads them newest first, pages, filters by
// outcome, event type and person, and another workspace sees none of them.
import { randomUUID } from "node:crypto";
import { closeDb, getDb } from "@/db";
import { integrations, oktaLogEvents } from "@/db/schema";
import { expect, open, seedTenant, signIn, type Tenant, test } from "./helpers";

const TYPES = [
  ["user.session.start", "User login to Okta"],
  ["user.authentication.sso", "User single sign on to app"],
  ["user.lifecycle.suspend", "Suspend Okta user"],
] as const;
const PEOPLE = ["Ana Lima", "Ben Okafor", "Chloe Tanaka", "Diego Rossi"];

type Event = typeof oktaLogEvents.$inferInsert & { uuid: string; published: Date; actorAlternateId: string; outcomeResult: string };

let tenant: Tenant;
let events: Event[];

test.beforeAll(async () => {
  tenant = await seedTenant();
  const [integration] = await getDb()
    .insert(integrations)
    .values({ workspaceId: tenant.ws.id, name: "Acme Okta", domain: "https://acme.okta.com", authMethod: "api_token" })
    .returning();
  const newest = Date.now() - 60_000;
  // 57 events, a minute apart: one page of 50 and 7 more.
  events = Array.from({ length: 57 }, (_, i) => {
    const [eventType, displayMessage] = TYPES[i % 3];
    const person = PEOPLE[i % 4];
    const failed = i % 5 === 0;
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
      actorAlternateId: `${person.split(" ")[0].toLowerCase()}@acme.example`,
      actorDisplayName: person,
      targetAppId: eventType === "user.authentication.sso" ? "0oaSLACK" : null,
      targetAppName: eventType === "user.authentication.sso" ? "Slack" : null,
      clientIp: `203.0.113.${i + 1}`,
      city: "Lisbon",
      country: "Portugal",
    };
  });
  await getDb().insert(oktaLogEvents).values(events);
});
test.afterAll(async () => closeDb());

test("the Activity page shows the synced events newest first, with who, what, outcome and where, and pages", async ({ page }) => {
  await signIn(page, tenant.viewer);
  await open(page, "/activity");
  await expect(page.getByRole("heading", { level: 1, name: "Activity" })).toBeVisible();
  const rows = page.getByRole("table", { name: "Activity events" }).locator("tbody tr");
  await expect(rows).toHaveCount(50);
  await expect(page.getByText("Showing 50 events")).toBeVisible();

  // The newest event, cell by cell.
  const first = events[0];
  const cells = rows.first().getByRole("cell");
  await expect(cells.nth(1)).toContainText(first.actorDisplayName!);
  await expect(cells.nth(1)).toContainText(first.actorAlternateId);
  await expect(cells.nth(2)).toContainText(first.displayMessage!);
  await expect(cells.nth(2)).toContainText(first.eventType);
  await expect(cells.nth(3)).toContainText("Failure");
  await expect(cells.nth(3)).toContainText("INVALID_CREDENTIALS");
  await expect(cells.nth(4)).toContainText(first.clientIp!);
  await expect(cells.nth(4)).toContainText("Lisbon, Portugal");
  // An SSO names its app.
  await expect(rows.nth(1).getByRole("cell").nth(2)).toContainText("User single sign on to app · Slack");
  // Every row, in order: each carries its own client address.
  await expect(rows.locator("td:nth-child(5) div:first-child")).toHaveText(events.slice(0, 50).map((e) => e.clientIp!));

  await page.getByRole("button", { name: "Load more" }).click();
  await expect(rows).toHaveCount(57);
  await expect(page.getByText("Showing 57 events")).toBeVisible();
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
  await expect(rows.last()).toContainText(events[56].clientIp!);
});

test("filters by outcome, event type and person, in the URL, and says when nothing matches", async ({ page }) => {
  await signIn(page, tenant.viewer);
  await open(page, "/activity");
  const rows = page.getByRole("table", { name: "Activity events" }).locator("tbody tr");

  await page.getByRole("combobox", { name: "Outcome" }).selectOption("FAILURE");
  await expect(page).toHaveURL(/[?&]outcome=FAILURE/);
  const failures = events.filter((e) => e.outcomeResult === "FAILURE");
  await expect(rows).toHaveCount(failures.length);
  await expect(rows.locator("td:nth-child(5) div:first-child")).toHaveText(failures.map((e) => e.clientIp!));

  // The event type menu offers what was synced, with counts.
  const suspends = events.filter((e) => e.eventType === "user.lifecycle.suspend");
  const type = page.getByRole("combobox", { name: "Event type" });
  await expect(type.locator("option", { hasText: `user.lifecycle.suspend (${suspends.length})` })).toHaveCount(1);
  await type.selectOption("user.lifecycle.suspend");
  await expect(page).toHaveURL(/[?&]eventType=user\.lifecycle\.suspend/);
  const both = failures.filter((e) => e.eventType === "user.lifecycle.suspend");
  await expect(rows).toHaveCount(both.length);

  await page.getByRole("button", { name: "Clear filters" }).click();
  await page.getByRole("searchbox", { name: "Search by user" }).fill("chloe@");
  await expect(page).toHaveURL(/[?&]q=chloe%40/);
  const chloe = events.filter((e) => e.actorAlternateId === "chloe@acme.example");
  await expect(rows).toHaveCount(chloe.length);
  await expect(rows.locator("td:nth-child(2)")).toHaveText(chloe.map(() => /Chloe Tanaka/));

  await page.getByRole("searchbox", { name: "Search by user" }).fill("nobody-here");
  await expect(page.getByText("No events match these filters")).toBeVisible();

  // A filtered view can be shared: the URL alone gives the same list.
  await open(page, "/activity?outcome=FAILURE&eventType=user.lifecycle.suspend");
  await expect(rows).toHaveCount(both.length);
});

test("another workspace sees none of these events, and is told to connect Okta", async ({ page }) => {
  const other = await seedTenant();
  await signIn(page, other.admin);
  await open(page, "/activity");
  await expect(page.getByText("No activity synced yet")).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to Integrations" })).toHaveAttribute("href", "/integrations");
  await expect(page.getByText(events[0].clientIp!, { exact: true })).toHaveCount(0);
  const api = await page.request.get(`/api/activity?q=${encodeURIComponent(events[0].actorAlternateId)}`);
  expect(((await api.json()) as { items: unknown[] }).items).toEqual([]);
});
