// The integration's sync settings with its name and owner, and who may own it.
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { type Settings, settingsSchema } from "@/lib/overview/contracts";
import { summarizeScope } from "@/lib/overview/summarize-scope";
import { normalizeScope } from "@/lib/sync/scope-contract";
import { listUsers } from "@/lib/users/list-users";
import { findIntegration } from "./find-integration";

const person = (u: { id: string; name: string; email: string }) => ({ id: u.id, name: u.name || u.email, email: u.email });

export async function getSettings({ ctx, input }: { ctx: WorkspaceCtx; input: { integrationId: string } }): Promise<Settings> {
  const i = await findIntegration(ctx.workspaceId, input.integrationId, ctx.db);
  const [o] = i.ownerId
    ? await ctx.db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, i.ownerId))
    : [];
  return settingsSchema.parse({
    integrationId: i.id,
    state: i.state,
    name: i.name,
    owner: o ? person(o) : null,
    fullSyncIntervalMinutes: i.fullSyncIntervalMinutes,
    incrementalSyncIntervalMinutes: i.incrementalSyncIntervalMinutes,
    logWindowDays: i.logWindowDays,
    rateLimitShare: i.rateLimitShare,
    nextSyncAt: i.nextSyncAt,
    nextIncrementalSyncAt: i.nextIncrementalSyncAt,
    syncScope: normalizeScope(i.syncScope),
    scopeSummary: await summarizeScope(i.id, normalizeScope(i.syncScope)),
    owners: (await listUsers({ ctx })).map(person),
  });
}
