// GET /api/activity.csv through the route handler against real Postgres: the Activity list as
// filtered, every matching event newest first across keyset pages, streamed a page at a time, as a
// download with safe cells; only the caller's workspace; the list's filters and nothing else.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET as listRoute } from "@/app/api/activity/route";
import { app, group, insertEvents, insertIntegration, type LogEventInsert, newestFirst, user } from "@/test/activity-fixtures";
import { callRoute } from "@/test/call-route";
import { createTenant } from "@/test/factories";
import { GET } from "./route";

const HEADER =
  "published,event_id,integration_id,event_type,action,summary,actor_id,actor_type,actor_login,actor_name,targets,outcome,outcome_reason,severity,client_ip,location,display_message";

/** RFC 4180 rows (quoted cells, "" inside quotes, CRLF line ends). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      cell += c;
    } else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += c;
    }
  }
  expect(cell, "the file ends with a line end").toBe("");
  return rows;
}

const TYPES = ["user.session.start", "user.authentication.sso", "group.user_membership.add", "user.account.lock"];

/** `n` events a minute apart, newest first, cycling through types, outcomes and four people. */
async function seed(workspaceId: string, n: number) {
  const integration = await insertIntegration(workspaceId);
  const base = Date.parse("2026-04-01T00:00:00.000Z");
  const people = [
    user("00uA", "ana@acme.com", "Ana Lima"),
    user("00uB", "ben@acme.com", "Ben Okafor"),
    user("00uC", "cy@acme.com", "Cy Berg"),
  ];
  const ops = group("00gOPS", "ops, on call");
  const rows: LogEventInsert[] = Array.from({ length: n }, (_, i) => {
    const actor = people[i % 3];
    const eventType = TYPES[i % 4];
    const targets =
      eventType === "group.user_membership.add"
        ? [people[(i + 1) % 3], ops]
        : eventType === "user.authentication.sso"
          ? [app("0oaS", "Slack")]
          : [];
    return {
      workspaceId,
      integrationId: integration.id,
      uuid: randomUUID(),
      published: new Date(base - i * 60_000),
      eventType,
      displayMessage: `message ${i}`,
      severity: i % 5 === 0 ? "WARN" : "INFO",
      outcomeResult: i % 5 === 0 ? "FAILURE" : "SUCCESS",
      outcomeReason: i % 5 === 0 ? "INVALID_CREDENTIALS" : null,
      actorId: actor.id,
      actorType: actor.type,
      actorAlternateId: actor.alternateId,
      actorDisplayName: actor.displayName,
      targets,
      clientIp: `198.51.100.${(i % 250) + 1}`,
      city: "Lisbon",
      country: "Portugal",
    };
  });
  await insertEvents(rows);
  return { integration, rows: newestFirst(rows) };
}

const call = (path: string, key: string | null) => callRoute(GET, path, { key });

describe("GET /api/activity.csv", () => {
  it("downloads every event of the workspace newest first, across pages, one line each with what the page shows", async () => {
    const t = await createTenant();
    const other = await createTenant();
    const { integration, rows } = await seed(t.ws.id, 2345);
    const theirs = await seed(other.ws.id, 30);
    const res = await call("/api/activity.csv", t.viewerKey);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="activity-${new Date().toISOString().slice(0, 10)}.csv"`);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const text = await res.text();
    const [header, ...lines] = parseCsv(text);
    expect(header.join(",")).toBe(HEADER);
    expect(lines.map((l) => l[1])).toEqual(rows.map((r) => r.uuid));
    for (const id of theirs.rows.map((r) => r.uuid)) expect(text).not.toContain(id);

    // A membership change, cell by cell: its sentence and both targets (a name with a comma stays one cell).
    const i = rows.findIndex((r) => r.eventType === "group.user_membership.add" && r.outcomeResult === "FAILURE");
    const r = rows[i];
    const target = (r.targets as { id: string; displayName: string }[])[0];
    expect(lines[i]).toEqual([
      r.published.toISOString(),
      r.uuid,
      integration.id,
      "group.user_membership.add",
      "Added to group",
      `added ${target.displayName} to ops, on call`,
      r.actorId,
      "User",
      r.actorAlternateId,
      r.actorDisplayName,
      `User: ${target.displayName} (${target.id}); UserGroup: ops, on call (00gOPS)`,
      "FAILURE",
      "INVALID_CREDENTIALS",
      "WARN",
      r.clientIp,
      "Lisbon, Portugal",
      r.displayMessage,
    ]);
  });

  it("streams a page at a time: the header, then a chunk per 1,000 events", async () => {
    const t = await createTenant();
    await seed(t.ws.id, 2345);
    const res = await call("/api/activity.csv", t.viewerKey);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const chunks: string[] = [];
    for (let c = await reader.read(); !c.done; c = await reader.read()) chunks.push(decoder.decode(c.value));
    expect(chunks[0]).toBe(`${HEADER}\r\n`);
    expect(chunks.slice(1).map((c) => c.split("\r\n").length - 1)).toEqual([1000, 1000, 345]);
  });

  it("holds exactly the filtered view the list answers, in the same order", async () => {
    const t = await createTenant();
    const { rows } = await seed(t.ws.id, 400);
    const from = rows[300].published.toISOString();
    const to = rows[20].published.toISOString();
    const query = `outcome=FAILURE&actor=ana%40acme.com&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const expected = rows.filter(
      (r) =>
        r.outcomeResult === "FAILURE" &&
        r.actorAlternateId === "ana@acme.com" &&
        r.published >= new Date(from) &&
        r.published < new Date(to),
    );
    expect(expected.length).toBeGreaterThan(10);
    const csv = parseCsv(await (await call(`/api/activity.csv?${query}`, t.viewerKey)).text());
    expect(csv.slice(1).map((l) => l[1])).toEqual(expected.map((r) => r.uuid));
    const list = await (await callRoute(listRoute, `/api/activity?limit=200&${query}`, { key: t.viewerKey })).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual(expected.map((r) => r.uuid));

    const byTarget = parseCsv(
      await (await call("/api/activity.csv?target=00gOPS&eventType=group.user_membership.add", t.viewerKey)).text(),
    );
    expect(byTarget.slice(1).map((l) => l[1])).toEqual(rows.filter((r) => r.eventType === "group.user_membership.add").map((r) => r.uuid));
    // Nothing matches: the header alone.
    expect(await (await call("/api/activity.csv?actor=nobody%40acme.com", t.viewerKey)).text()).toBe(`${HEADER}\r\n`);
  });

  it("writes a value that a spreadsheet would run as a formula as text", async () => {
    const t = await createTenant();
    const integration = await insertIntegration(t.ws.id);
    await insertEvents([
      {
        workspaceId: t.ws.id,
        integrationId: integration.id,
        uuid: randomUUID(),
        published: new Date("2026-01-01T00:00:00.000Z"),
        eventType: "user.session.start",
        actorDisplayName: '=HYPERLINK("http://evil.example","open")',
        actorAlternateId: "+1 555 0100",
      },
    ]);
    const [, line] = parseCsv(await (await call("/api/activity.csv", t.viewerKey)).text());
    expect(line[9]).toBe(`'=HYPERLINK("http://evil.example","open")`);
    expect(line[8]).toBe("'+1 555 0100");
  });

  it.each([
    ["limit=10", "limit"],
    ["cursor=abc", "cursor"],
    ["from=2026-13-01", "from"],
    ["to=1969-12-31", "to"],
    ["from=2026-03-02&to=2026-03-01", "to"],
    ["outcome=MAYBE", "outcome"],
    ["target=", "target"],
  ])("answers 400 naming the field for %s", async (qs, field) => {
    const t = await createTenant();
    const res = await call(`/api/activity.csv?${qs}`, t.viewerKey);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("VALIDATION");
    expect(body.error.message).toContain(field);
  });

  it("needs credentials", async () => {
    expect((await call("/api/activity.csv", null)).status).toBe(401);
  });
});
