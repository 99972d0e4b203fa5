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
import {
  oktaAppGroupSchema,
  oktaAppSchema,
  oktaAppUserSchema,
  oktaGroupSchema,
  oktaIdpSchema,
  oktaRoleSchema,
  oktaUserSchema,
} from "@/lib/okta/schemas";
import { appGroupRow, appRow, appUserRow, groupRow, idpRow, roleRow, userRow } from "@/lib/sync/tables";
import { contentHash } from "@/lib/sync/upsert-batch";
import { createTenant } from "@/test/factories";
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
  const [run] = await getDb().$client`select id from sync_runs where integration_id = ${integration.id} and status = 'queued'`;
  return { tenant, actor, integrationId: integration.id as string, workspaceId: tenant.ws.id, runId: run?.id as string };
}

type Obj = Record<string, unknown>;
export interface Truth {
  users: Obj[];
  groups: Obj[];
  memberships: { groupId: string; userIds: string[] }[];
  apps: Obj[];
  appUsers: Record<string, Obj[]>;
  appGroups: Record<string, Obj[]>;
  roles: { users: Record<string, Obj[]>; groups: Record<string, Obj[]> };
  idps: Obj[];
}

export async function fetchTruth(emu: TestEmulator): Promise<Truth> {
  return emu.control<Truth>("GET", "/truth");
}

/** The truth as rows keyed like the tables, each with the content hash the sync would compute. */
export function truthRows(t: Truth) {
  const counts = new Map(t.memberships.map((m) => [m.groupId, m.userIds.length]));
  const privileged = new Set(Object.keys(t.roles.groups));
  const keyed = <T extends Obj>(rows: T[], key: (r: T) => string) => new Map(rows.map((r) => [key(r), contentHash(r)]));
  const parse = <S extends { parse: (x: unknown) => unknown }>(s: S, x: unknown) => s.parse(x) as ReturnType<S["parse"]>;
  return {
    users: keyed(
      t.users.map((u) => userRow(parse(oktaUserSchema, u))),
      (r) => r.id,
    ),
    // The sync reads groups with expand=stats; the truth's group objects carry no stats.
    groups: keyed(
      t.groups.map((g) =>
        groupRow(
          parse(oktaGroupSchema, {
            ...g,
            _embedded: { stats: { usersCount: counts.get(String(g.id)) ?? 0, hasAdminPrivilege: privileged.has(String(g.id)) } },
          }),
        ),
      ),
      (r) => r.id,
    ),
    memberships: new Map(t.memberships.flatMap((m) => m.userIds.map((u) => [`${m.groupId}/${u}`, ""] as const))),
    apps: keyed(
      t.apps.map((a) => appRow(parse(oktaAppSchema, a))),
      (r) => r.id,
    ),
    appAssignments: new Map([
      ...[
        ...keyed(
          Object.entries(t.appUsers).flatMap(([app, list]) => list.map((u) => appUserRow(app, parse(oktaAppUserSchema, u)))),
          (r) => `u/${r.app_id}/${r.user_id}`,
        ),
      ],
      ...[
        ...keyed(
          Object.entries(t.appGroups).flatMap(([app, list]) => list.map((g) => appGroupRow(app, parse(oktaAppGroupSchema, g)))),
          (r) => `g/${r.app_id}/${r.group_id}`,
        ),
      ],
    ]),
    roles: keyed(
      [
        ...Object.entries(t.roles.users).flatMap(([id, list]) => list.map((r) => roleRow("USER", id, parse(oktaRoleSchema, r)))),
        ...Object.entries(t.roles.groups).flatMap(([id, list]) => list.map((r) => roleRow("GROUP", id, parse(oktaRoleSchema, r)))),
      ],
      (r) => `${r.principal_type}/${r.principal_id}/${r.id}`,
    ),
    idps: keyed(
      t.idps.map((i) => idpRow(parse(oktaIdpSchema, i))),
      (r) => r.id,
    ),
  };
}

/** The live directory copy of an integration, keyed and hashed like truthRows. */
export async function storedRows(integrationId: string) {
  const sql = getDb().$client;
  const q = async (text: string) => new Map((await sql.unsafe(text, [integrationId])).map((r) => [r.k as string, (r.h ?? "") as string]));
  const live = "integration_id = $1 and deleted_at is null";
  return {
    users: await q(`select id as k, content_hash as h from okta_users where ${live}`),
    groups: await q(`select id as k, content_hash as h from okta_groups where ${live}`),
    memberships: await q(`select group_id || '/' || user_id as k, '' as h from okta_group_members where ${live}`),
    apps: await q(`select id as k, content_hash as h from okta_apps where ${live}`),
    appAssignments: new Map([
      ...(await q(`select 'u/' || app_id || '/' || user_id as k, content_hash as h from okta_app_users where ${live}`)),
      ...(await q(`select 'g/' || app_id || '/' || group_id as k, content_hash as h from okta_app_groups where ${live}`)),
    ]),
    roles: await q(
      `select principal_type || '/' || principal_id || '/' || id as k, content_hash as h from okta_role_assignments where ${live}`,
    ),
    idps: await q(`select id as k, content_hash as h from okta_idps where ${live}`),
  };
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

/** Keys whose presence or content differs (first few), for readable failures. */
export function differences(stored: Map<string, string>, truth: Map<string, string>, max = 5) {
  const out: string[] = [];
  for (const [k, h] of truth) if (stored.get(k) !== h) out.push(`${stored.has(k) ? "changed" : "missing"} ${k}`);
  for (const k of stored.keys()) if (!truth.has(k)) out.push(`extra ${k}`);
  return { count: out.length, first: out.slice(0, max) };
}
