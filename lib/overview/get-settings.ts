// The integration's sync settings with its name and owner, and who may own it.
import { and, eq } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db";
import { integrations, users } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { normalizeScope } from "@/lib/sync/scope-contract";
import { listUsers } from "@/lib/users/list-users";
import { type Settings, settingsSchema } from "./contracts";
import { summarizeScope } from "./summarize-scope";

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
