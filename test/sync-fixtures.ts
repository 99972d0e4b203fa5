// Test helpers for the sync tests: an integration row and a claimed run, each test its own.
import { randomUUID } from "node:crypto";
import type { Row } from "postgres";
import { getDb } from "@/db";
import { integrations, RESOURCES, syncRunResources, syncRuns } from "@/db/schema";
import type { Lease } from "@/lib/sync/upsert-batch";

export async function insertIntegration(workspaceId: string, values: Partial<typeof integrations.$inferInsert> = {}) {
  const [row] = await getDb()
    .insert(integrations)
    .values({
      workspaceId,
      name: `okta-${randomUUID().slice(0, 8)}`,
      domain: "https://example.okta.com",
      authMethod: "api_token",
      ...values,
    })
    .returning();
  return row;
}

/** A run in status running held by a fresh lease, with its resource rows. */
export async function insertRunningRun(workspaceId: string, integrationId: string): Promise<Lease> {
  const leaseOwner = randomUUID();
  const [run] = await getDb()
    .insert(syncRuns)
    .values({
      workspaceId,
      integrationId,
      trigger: "manual",
      status: "running",
      leaseOwner,
      startedAt: new Date(),
      heartbeatAt: new Date(),
      attempts: 1,
    })
    .returning();
  await getDb()
    .insert(syncRunResources)
    .values(RESOURCES.map((resource) => ({ runId: run.id, resource })));
  return { runId: run.id, leaseOwner, workspaceId, integrationId };
}

/** A run's resource rows (raw columns) by resource name. */
export async function runResources(runId: string): Promise<Record<string, Row>> {
  const rows = await getDb().$client`select * from sync_run_resources where run_id = ${runId}`;
  return Object.fromEntries(rows.map((r) => [r.resource as string, r]));
}

export async function finishRun(runId: string) {
  await getDb().$client`update sync_runs set status = 'succeeded', lease_owner = null, finished_at = now() where id = ${runId}`;
}

// ---------------------------------------------------------------------------------------------
// Against the emulator: a connected integration, the emulator's ground truth, and the comparison.
// ---------------------------------------------------------------------------------------------
import type { Actor } from "@/lib/context";
import { userCtx } from "@/lib/context";
import { connectIntegration } from "@/lib/integrations/connect-integration";
import { createTenant } from "@/test/factories";
import { changedColumns, type Truth } from "@/test/ground-truth";
import type { TestEmulator } from "@/test/okta-emulator";

export const ALL_SCOPES = [
  "okta.users.read",
  "okta.groups.read",
  "okta.apps.read",
  "okta.logs.read",
  "okta.roles.read",
  "okta.idps.read",
] as const;

/**
 * Connects through the real connect verb (which queues the initial run) and returns that run; in a
 * new workspace, or in `tenant`'s (a second integration there needs its own `name`).
 */
export async function connectToEmulator(
  emu: TestEmulator,
  opts: { app?: string; name?: string; tenant?: Awaited<ReturnType<typeof createTenant>> } = {},
) {
  const tenant = opts.tenant ?? (await createTenant());
  const actor: Actor = {
    userId: tenant.admin.id,
    workspaceId: tenant.ws.id,
    email: tenant.admin.email,
    name: tenant.admin.name,
    role: "admin",
    via: "api_key",
  };
  const app = emu.app(opts.app ?? "readonly-key");
  const { integration } = await connectIntegration({
    ctx: userCtx(actor),
    input: {
      name: opts.name ?? "Okta",
      domain: emu.url,
      auth: { method: "private_key_jwt", clientId: app.clientId, privateKey: app.privateKeyPem!, keyId: app.kid },
      scopes: [...ALL_SCOPES],
    },
  });
  // The connect's first run, whatever its status: a worker already running may have picked it up.
  const [run] = await getDb().$client`
    select id from sync_runs where integration_id = ${integration.id} order by queued_at limit 1`;
  return { tenant, actor, integrationId: integration.id as string, workspaceId: tenant.ws.id, runId: run?.id as string };
}

export type { Rows, Truth } from "@/test/ground-truth";
// The comparison itself lives in test/ground-truth.ts: an independent mapping of the emulator's
// objects to the stored columns, never the product's own mappers.
export { storedRows, truthRows } from "@/test/ground-truth";

export async function fetchTruth(emu: TestEmulator): Promise<Truth> {
  return emu.control<Truth>("GET", "/truth");
}

/** What a full run after `before` -> `after` must count: added, updated (hash changed), deleted. */
export function expectedDiff(before: Map<string, string>, after: Map<string, string>) {
  let added = 0;
  let updated = 0;
  let deleted = 0;
  for (const [k, h] of after) {
    const old = before.get(k);
    if (old === undefined) added++;
    else if (old !== h) updated++;
  }
  for (const k of before.keys()) if (!after.has(k)) deleted++;
  return { added, updated, deleted };
}

/** Keys whose presence or content differs (the first few, a changed row with its differing columns), for readable failures. */
export function differences(stored: Map<string, string>, truth: Map<string, string>, max = 5) {
  const out: string[] = [];
  let count = 0;
  const note = (line: () => string) => {
    if (count++ < max) out.push(line());
  };
  for (const [k, v] of truth) {
    const have = stored.get(k);
    if (have === undefined) note(() => `missing ${k}`);
    else if (have !== v) note(() => `changed ${k} (${changedColumns(have, v).join("; ")})`);
  }
  for (const k of stored.keys()) if (!truth.has(k)) note(() => `extra ${k}`);
  return { count, first: out };
}
