// The integration's sync settings with its name and owner, and who may own it.
import { and, eq } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db";
import { integrations, users } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { listUsers } from "@/lib/users/list-users";
import { describeScope, normalizeScope, type SyncScope } from "@/lib/sync/scope-contract";
import { settingsSchema, type Settings } from "./contracts";

const person = (u: { id: string; name: string; email: string }) => ({ id: u.id, name: u.name || u.email, email: u.email });

export async function getSettings(input: { workspaceId: string; integrationId: string }, db: DbOrTx = getDb()): Promise<Settings> {
  const [row] = await db
    .select({ i: integrations, o: { id: users.id, name: users.name, email: users.email } })
    .from(integrations)
    .leftJoin(users, eq(users.id, integrations.ownerId))
    .where(and(eq(integrations.id, input.integrationId), eq(integrations.workspaceId, input.workspaceId)))
    .limit(1);
  if (!row) throw notFound("Integration");
  const { i, o } = row;
  return settingsSchema.parse({
    integrationId: i.id,
    state: i.state,
    name: i.name,
    owner: o?.id ? person(o) : null,
    fullSyncIntervalMinutes: i.fullSyncIntervalMinutes,
    incrementalSyncIntervalMinutes: i.incrementalSyncIntervalMinutes,
    logWindowDays: i.logWindowDays,
    rateLimitShare: i.rateLimitShare,
    nextSyncAt: i.nextSyncAt,
    nextIncrementalSyncAt: i.nextIncrementalSyncAt,
    syncScope: normalizeScope(i.syncScope),
    scopeSummary: await summarizeScope(i.id, normalizeScope(i.syncScope)),
    owners: (await listUsers(input.workspaceId, db)).map(person),
  });
}

/** The scope in words, with the names of up to three chosen groups or apps. */
export async function summarizeScope(integrationId: string, scope: SyncScope | null): Promise<string> {
  if (!scope) return describeScope(null);
  const sql = getDb().$client;
  const names = async (table: "okta_groups" | "okta_apps", col: "name" | "label", ids: string[] | undefined) =>
    ids && ids.length <= 3
      ? Object.fromEntries((await sql.unsafe(`select id, ${col} as n from "${table}" where integration_id = $1::uuid and id = any($2::text[])`, [integrationId, ids])).map((r) => [r.id as string, r.n as string]))
      : undefined;
  return describeScope(scope, { groups: await names("okta_groups", "name", scope.groupIds), apps: await names("okta_apps", "label", scope.appIds) });
}
