// Applies stored hook events, oldest first, in batches. Events are pings: each names what changed,
// and the stored copy is updated from a targeted re-read of that object in Okta, never from the
// event itself (an event may be stale, out of order or a duplicate; Okta's current answer is not).
// Several events about one object cost one read, and a batch's users and memberships are written by
// group commit, one write at a time (a few statements per batch, not a transaction per object):
//   user.*                         -> GET /users?filter=id eq "…" or … (50 users a request; one the
//                                     list leaves out: GET /users/{id}, 404: deleted, with their
//                                     memberships and apps)
//   group.user_membership.*        -> GET /users/{id}/groups (that user's memberships, reconciled)
//   group.lifecycle.*, profile     -> GET /groups/{id}?expand=stats (404: deleted)
//   application.user_membership.*  -> GET /apps/{app}/users/{user} (404: unassigned)
//   group.application_assignment.* -> GET /apps/{app}/groups/{group} (404: unassigned)
// The re-reads themselves are lib/sync/reread.ts, shared with actions (lib/actions/refresh-target.ts).
// Scheduled syncs stay the source of truth: they reconcile anything a hook missed.
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { eventHooks, hookEvents, integrations } from "@/db/schema";
import { plural } from "@/lib/format";
import { inParallel } from "@/lib/in-parallel";
import { loadOktaClient } from "@/lib/integrations/load-okta-client";
import { recordEvent } from "@/lib/integrations/record-event";
import { log } from "@/lib/log";
import type { OktaClient } from "@/lib/okta/client";
import { OktaApiError } from "@/lib/okta/errors";
import { DataIssues } from "@/lib/sync/data-issues";
import { createRereader } from "@/lib/sync/reread";

/**
 * Events per batch. A batch is applied as a whole before the next is taken, so in a burst an event
 * waits for the batch in progress and then its own: 500 keeps both short (≈0.2 s each at the bench's
 * steady rate) while still de-duplicating and writing users and memberships in a few statements.
 */
const BATCH = 500;

/**
 * Re-reads in flight at once, and the client's per-bucket limit with them (a sync run keeps 4): a
 * burst's membership events are one GET per user, all in Okta's GET /users/{id} bucket, and at 4 in
 * flight they, not Postgres, set the pace. Okta's org-wide concurrency limit is 75 (a concurrency
 * 429 makes the governor back off).
 */
const CONCURRENCY = 16;

interface Targets {
  users: Set<string>;
  userGroups: Set<string>;
  groups: Set<string>;
  appUsers: Set<string>; // app \0 user
  appGroups: Set<string>; // app \0 group
}

type Target = { id: string; type: string | null };

function plan(events: { eventType: string; targets: unknown }[]): Targets {
  const t: Targets = { users: new Set(), userGroups: new Set(), groups: new Set(), appUsers: new Set(), appGroups: new Set() };
  for (const e of events) {
    const targets = e.targets as Target[];
    const of = (...types: string[]) => targets.find((x) => x.type && types.includes(x.type))?.id;
    const user = of("User", "AppUser");
    const group = of("UserGroup");
    const app = of("AppInstance");
    if (e.eventType.startsWith("group.user_membership.")) {
      if (user) t.userGroups.add(user);
    } else if (e.eventType.startsWith("application.user_membership.")) {
      if (app && user) t.appUsers.add(`${app}\u0000${user}`);
    } else if (e.eventType.startsWith("group.application_assignment.")) {
      if (app && group) t.appGroups.add(`${app}\u0000${group}`);
    } else if (e.eventType.startsWith("group.")) {
      if (group) t.groups.add(group);
    } else if (e.eventType.startsWith("user.")) {
      if (user) t.users.add(user);
    }
  }
  return t;
}

/** The hook-apply job's handler (like runSync for a run): no one acts, the integration names its workspace. */
export async function applyHookEvents(
  integrationId: string,
  opts: { client?: OktaClient } = {},
): Promise<{ applied: number; failed: number }> {
  const db = getDb();
  const [integration] = await db
    .select({ workspaceId: integrations.workspaceId, state: integrations.state, syncScope: integrations.syncScope })
    .from(integrations)
    .where(eq(integrations.id, integrationId));
  if (integration?.state !== "connected") return { applied: 0, failed: 0 };
  const client = opts.client ?? (await loadOktaClient(integrationId, { limits: { maxConcurrency: CONCURRENCY } }));
  let applied = 0;
  let failed = 0;
  // Rows go through the sync's batch writer (raw SQL: one upsert per batch, content hashes), which
  // cleans what Postgres cannot store and quarantines an object it still cannot write; the event log
  // says so, as for a sync run.
  const issues = new DataIssues(
    async (level, kind, message, details) =>
      void (await recordEvent({
        workspaceId: integration.workspaceId,
        integrationId,
        level,
        kind,
        message: `Event hook: ${message}`,
        details,
      })),
    "objects",
  );
  for (;;) {
    const events = await db
      .select({ uuid: hookEvents.uuid, eventType: hookEvents.eventType, targets: hookEvents.targets })
      .from(hookEvents)
      .where(and(eq(hookEvents.integrationId, integrationId), eq(hookEvents.status, "pending")))
      .orderBy(hookEvents.receivedAt, sql`${hookEvents.published} nulls last`)
      .limit(BATCH);
    if (!events.length) break;
    const uuids = events.map((e) => e.uuid);
    const batch = and(eq(hookEvents.integrationId, integrationId), inArray(hookEvents.uuid, uuids));
    const t = plan(events);
    try {
      // Per batch: the scope's kept users are read again (the batch before may have changed them).
      const reread = await createRereader({ integration: { id: integrationId, ...integration }, client, issues });
      // Users and memberships are different rows: read and written side by side, each in a few
      // statements for the whole batch (users through Okta's list filtered on their ids).
      await Promise.all([reread.users([...t.users], CONCURRENCY), reread.usersGroups([...t.userGroups], CONCURRENCY)]);
      await inParallel([...t.groups], CONCURRENCY, (id) => reread.group(id));
      await inParallel([...t.appUsers], CONCURRENCY, (key) => {
        const [app, user] = key.split("\u0000");
        return reread.appUser(app, user);
      });
      await inParallel([...t.appGroups], CONCURRENCY, (key) => {
        const [app, group] = key.split("\u0000");
        return reread.appGroup(app, group);
      });
      await db.update(hookEvents).set({ status: "applied", appliedAt: sql`now()` }).where(batch);
      applied += events.length;
    } catch (e) {
      // Okta unreachable, rate limited past retries, ...: keep the events failed (the page counts
      // them) and let the scheduled syncs reconcile; never retry a batch forever.
      const error =
        e instanceof OktaApiError
          ? { code: e.errorCode ?? `http_${e.status}`, message: e.errorSummary ?? e.message }
          : { code: "apply_failed", message: "Applying the events failed (see server log)" };
      log.warn("hook events could not be applied", { integrationId, error: e });
      await db.update(hookEvents).set({ status: "failed", error }).where(batch);
      await db.update(eventHooks).set({ lastError: error }).where(eq(eventHooks.integrationId, integrationId));
      await recordEvent({
        workspaceId: integration.workspaceId,
        integrationId,
        level: "warn",
        kind: "hook.apply_failed",
        message: `${plural(events.length, "event")} from the event hook could not be applied: ${error.message}. The next sync reconciles them.`,
        details: error,
      });
      failed += events.length;
    }
  }
  await issues.report();
  return { applied, failed };
}
