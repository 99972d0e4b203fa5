// System Log events written straight into okta_log_events for the Activity tests, as a sync stores
// them (columns plus the raw event), in a workspace of the test's own.
import { randomUUID } from "node:crypto";
import { getDb } from "@/db";
import { integrations, oktaLogEvents } from "@/db/schema";

export type LogEventInsert = typeof oktaLogEvents.$inferInsert & { uuid: string; published: Date };

export async function insertIntegration(workspaceId: string, name = `okta-${randomUUID().slice(0, 6)}`) {
  const [integration] = await getDb()
    .insert(integrations)
    .values({ workspaceId, name, domain: "https://acme.okta.com", authMethod: "api_token" })
    .returning();
  return integration;
}

/** Stores the events (in batches under Postgres' parameter limit) and returns them. */
export async function insertEvents(events: LogEventInsert[]) {
  for (let i = 0; i < events.length; i += 1000)
    await getDb()
      .insert(oktaLogEvents)
      .values(events.slice(i, i + 1000));
  return events;
}

export const user = (id: string, login: string, displayName: string, type = "User") => ({ id, type, alternateId: login, displayName });
export const group = (id: string, name: string) => ({ id, type: "UserGroup", alternateId: "unknown", displayName: name });
export const app = (id: string, label: string) => ({ id, type: "AppInstance", alternateId: label, displayName: label });

/** Newest first, as the Activity list orders them (published, then integration, then uuid, all descending). */
export const newestFirst = <T extends { published: Date; integrationId: string; uuid: string }>(rows: T[]) =>
  [...rows].sort(
    (a, b) =>
      +b.published - +a.published ||
      (a.integrationId < b.integrationId ? 1 : a.integrationId > b.integrationId ? -1 : a.uuid < b.uuid ? 1 : -1),
  );
