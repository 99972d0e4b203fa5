// Events of the same millisecond are applied in the order Okta listed them: a page's rows get
// increasing inserted_at (clock_timestamp per row), so "last event per membership wins" holds when an
// add and a remove of the same pair share a timestamp, instead of depending on their random uuids.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { oktaLogEventSchema } from "@/lib/okta/schemas";
import { createWorkspace } from "@/test/factories";
import { insertIntegration, insertRunningRun } from "@/test/sync-fixtures";
import { logEventRow, logEventsTable } from "../tables";
import { commitPage } from "../upsert-batch";
import { eventsSince, MEMBERSHIP } from "./events";

describe("eventsSince", () => {
  it("returns events of the same millisecond in the order they were listed, page after page", async () => {
    const ws = await createWorkspace();
    const integration = await insertIntegration(ws.id);
    const lease = await insertRunningRun(ws.id, integration.id);
    const published = "2026-12-01T10:00:00.123Z";
    // uuids that sort against the listed order, so a tie broken by uuid would come out reversed
    const listed = Array.from({ length: 60 }, (_, i) => ({
      uuid: `${String(99 - i).padStart(2, "0")}-${randomUUID()}`,
      published,
      eventType: i % 2 ? "group.user_membership.remove" : "group.user_membership.add",
      target: [
        { id: "00u1", type: "User" },
        { id: "00g1", type: "UserGroup" },
      ],
    }));
    const rows = listed.map((e) => logEventRow(oktaLogEventSchema.parse(e)));
    for (const page of [rows.slice(0, 25), rows.slice(25)]) {
      await commitPage(lease, { resource: "log_events", writes: [{ spec: logEventsTable, rows: page }], appendOnly: true, pages: 1 });
    }
    const events = await eventsSince(integration.id, new Date("2026-12-01T00:00:00Z"), MEMBERSHIP);
    expect(events.map((e) => e.uuid)).toEqual(listed.map((e) => e.uuid));
  });
});
