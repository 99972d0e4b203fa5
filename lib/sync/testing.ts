// Test helpers for the sync tests: an integration row and a claimed run, each test its own.
import { randomUUID } from "node:crypto";
import { getDb } from "@/db";
import { integrations, RESOURCES, syncRunResources, syncRuns } from "@/db/schema";
import type { Lease } from "./upsert-batch";

export async function insertIntegration(workspaceId: string, values: Partial<typeof integrations.$inferInsert> = {}) {
  const [row] = await getDb()
    .insert(integrations)
    .values({ workspaceId, name: `okta-${randomUUID().slice(0, 8)}`, domain: "https://example.okta.com", authMethod: "api_token", ...values })
    .returning();
  return row;
}

/** A run in status running held by a fresh lease, with its resource rows. */
export async function insertRunningRun(workspaceId: string, integrationId: string): Promise<Lease> {
  const leaseOwner = randomUUID();
  const [run] = await getDb()
    .insert(syncRuns)
    .values({ workspaceId, integrationId, trigger: "manual", status: "running", leaseOwner, startedAt: new Date(), heartbeatAt: new Date(), attempts: 1 })
    .returning();
  await getDb().insert(syncRunResources).values(RESOURCES.map((resource) => ({ runId: run.id, resource })));
  return { runId: run.id, leaseOwner, workspaceId, integrationId };
}

export async function finishRun(runId: string) {
  await getDb().$client`update sync_runs set status = 'succeeded', lease_owner = null, finished_at = now() where id = ${runId}`;
}
