// The Activity filters as SQL conditions on okta_log_events, always inside the caller's workspace.
// Each filter has an index (db/schema/directory.ts) so a workspace with millions of events answers
// a page without reading them all:
//   date range                  (workspace_id, published, integration_id, uuid)
//   eventType                   (workspace_id, event_type, published)
//   outcome                     (workspace_id, outcome_result, published)
//   actor: Okta id              (workspace_id, actor_id, published)
//   actor: login                (workspace_id, lower(actor_alternate_id), published)
//   actor (or q): part of name  the actors whose lower(name || ' ' || login) matches (trigram index of
//                               okta_log_actors); then their events, as for an Okta id, or, when
//                               many actors match, the newest events tested one by one
//   target: id, login or name   GIN (targets jsonb_path_ops)
// The actor is looked up once as an id, then as a login, so the page query uses one ordered index
// (an OR of both would sort every event of a busy service account); only when neither matches does
// it fall back to part of a name or login, as `q` does.
import { and, eq, gte, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import { oktaLogActors as a, oktaLogEvents as e, logEventKeys } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import type { ActivityFilters } from "./contracts";

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// Events whose actor's name or login (as the event named it) contains `text`, lowercased on both
// sides. The matching actors come from okta_log_actors (trigram index on the same expression). A few
// of them: their events by (workspace, actor, published). Many (a term every login has, "acme"):
// the newest events are read in order and tested, which fills a page almost at once. The event's own
// name and login are tested either way: an actor's other names match the actor, not this event.
const FEW_ACTORS = 100;
async function nameOrLoginContains(ctx: WorkspaceCtx, text: string): Promise<SQL> {
  const pattern = `%${likeEscape(text.toLowerCase())}%`;
  const eventMatches = sql`${logEventKeys.actorSearch(e)} like ${pattern}`;
  // Rows, not distinct ids (an actor renamed has a row per name): the scan can stop at FEW_ACTORS + 1.
  const actors = await ctx.db
    .select({ id: a.actorId })
    .from(a)
    .where(and(eq(a.workspaceId, ctx.workspaceId), sql`${logEventKeys.actorSearch(a)} like ${pattern}`))
    .limit(FEW_ACTORS + 1);
  if (actors.length > FEW_ACTORS) return eventMatches;
  if (!actors.length) return sql`false`;
  return and(inArray(e.actorId, [...new Set(actors.map((x) => x.id))]), eventMatches) as SQL;
}

async function exists(ctx: WorkspaceCtx, condition: SQL) {
  const [row] = await ctx.db
    .select({ one: sql`1` })
    .from(e)
    .where(and(eq(e.workspaceId, ctx.workspaceId), condition))
    .limit(1);
  return !!row;
}

async function actorCondition(ctx: WorkspaceCtx, actor: string): Promise<SQL> {
  const byId = eq(e.actorId, actor);
  if (await exists(ctx, byId)) return byId;
  const byLogin = sql`lower(${e.actorAlternateId}) = lower(${actor})`;
  if (await exists(ctx, byLogin)) return byLogin;
  return await nameOrLoginContains(ctx, actor);
}

// jsonb containment (@>) is what the GIN index answers; one per field a target may be named by.
// Okta writes "unknown" as the alternateId of groups and factors, which names nothing.
const targetCondition = (target: string) => {
  const fields = target === "unknown" ? ["id", "displayName"] : ["id", "alternateId", "displayName"];
  return or(...fields.map((field) => sql`${e.targets} @> ${JSON.stringify([{ [field]: target }])}::jsonb`)) as SQL;
};

/** The WHERE conditions of `filters` in the ctx's workspace (the cursor is the list's own). */
export async function activityConditions(ctx: WorkspaceCtx, filters: ActivityFilters): Promise<SQL[]> {
  const where: SQL[] = [eq(e.workspaceId, ctx.workspaceId)];
  if (filters.integrationId) where.push(eq(e.integrationId, filters.integrationId));
  if (filters.outcome) where.push(eq(e.outcomeResult, filters.outcome));
  if (filters.eventType) where.push(eq(e.eventType, filters.eventType));
  if (filters.from) where.push(gte(e.published, filters.from));
  if (filters.to) where.push(lt(e.published, filters.to));
  if (filters.q) where.push(await nameOrLoginContains(ctx, filters.q));
  if (filters.actor) where.push(await actorCondition(ctx, filters.actor));
  if (filters.target) where.push(targetCondition(filters.target));
  return where;
}
