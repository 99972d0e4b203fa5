// Applies stored hook events, oldest first, in batches. Events are pings: each names what changed,
// and the stored copy is updated from a targeted re-read of that object in Okta, never from the
// event itself (an event may be stale, out of order or a duplicate; Okta's current answer is not).
// Several events about one object cost one read:
//   user.*                         -> GET /users/{id} (404: deleted, with their memberships and apps)
//   group.user_membership.*        -> GET /users/{id}/groups (that user's memberships, reconciled)
//   group.lifecycle.*, profile     -> GET /groups/{id}?expand=stats (404: deleted)
//   application.user_membership.*  -> GET /apps/{app}/users/{user} (404: unassigned)
//   group.application_assignment.* -> GET /apps/{app}/groups/{group} (404: unassigned)
// Scheduled syncs stay the source of truth: they reconcile anything a hook missed.
import { and, eq, inArray, isNull, notInArray, type SQL, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { eventHooks, hookEvents, integrations, oktaAppGroups, oktaAppUsers, oktaGroupMembers, oktaGroups, oktaUsers } from "@/db/schema";
import { plural } from "@/lib/format";
import { loadOktaClient } from "@/lib/integrations/load-okta-client";
import { recordEvent } from "@/lib/integrations/record-event";
import { log } from "@/lib/log";
import type { OktaClient } from "@/lib/okta/client";
import { OktaApiError } from "@/lib/okta/errors";
import { idOnlySchema, oktaAppGroupSchema, oktaAppUserSchema, oktaGroupSchema, oktaUserSchema } from "@/lib/okta/schemas";
import { DataIssues } from "@/lib/sync/data-issues";
import { isNotFound } from "@/lib/sync/resources/walk";
import { liveIds } from "@/lib/sync/scope";
import { normalizeScope, restrictsApps, restrictsGroups, restrictsUsers, userMatches } from "@/lib/sync/scope-contract";
import {
  appGroupRow,
  appGroupsTable,
  appUserRow,
  appUsersTable,
  groupRow,
  groupsTable,
  membershipsTable,
  type TableSpec,
  userRow,
  usersTable,
} from "@/lib/sync/tables";
import { type Writer, writeRowsInOwnTransaction } from "@/lib/sync/upsert-batch";

const BATCH = 2000;

type Directory = typeof oktaUsers | typeof oktaGroups | typeof oktaGroupMembers | typeof oktaAppUsers | typeof oktaAppGroups;
const CONCURRENCY = 8;

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

async function inParallel<T>(items: T[], fn: (item: T) => Promise<void>) {
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, items.length) }, async () => {
      while (i < items.length) await fn(items[i++]);
    }),
  );
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
  const writer: Writer = { integrationId, workspaceId: integration.workspaceId, runId: null };
  const client = opts.client ?? (await loadOktaClient(integrationId));
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
  const write = async (spec: TableSpec, rows: Record<string, unknown>[]) => {
    if (!rows.length) return;
    const result = await writeRowsInOwnTransaction(writer, { spec, rows });
    if (result.cleaned.length || result.quarantined.length) await issues.record(result);
  };
  /** Soft-deletes the live rows of a directory table that `where` names. */
  const remove = async (t: Directory, where: SQL | undefined) => {
    await db
      .update(t)
      .set({ deletedAt: sql`now()` })
      .where(and(eq(t.integrationId, integrationId), isNull(t.deletedAt), where));
  };
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
      // A scoped integration keeps only what its scope holds: a re-read outside it is not written
      // (and a user who left it is removed). Users who join a chosen group arrive with the next sync.
      const scope = normalizeScope(integration.syncScope);
      const keepUsers = restrictsUsers(scope) ? await liveIds("okta_users", integrationId) : null;
      const keepGroups = restrictsGroups(scope) ? new Set(scope!.groupIds) : null;
      const keepApps = restrictsApps(scope) ? new Set(scope!.appIds) : null;
      const memberOfChosen = async (id: string) =>
        !keepGroups ||
        (
          await db
            .select({ one: sql`1` })
            .from(oktaGroupMembers)
            .where(
              and(
                eq(oktaGroupMembers.integrationId, integrationId),
                eq(oktaGroupMembers.userId, id),
                isNull(oktaGroupMembers.deletedAt),
                inArray(oktaGroupMembers.groupId, [...keepGroups]),
              ),
            )
            .limit(1)
        ).length > 0;
      await inParallel([...t.users], async (id) => {
        try {
          const res = await client.get<unknown>(`/api/v1/users/${encodeURIComponent(id)}`);
          const u = oktaUserSchema.safeParse(res.body);
          if (!u.success) return;
          const row = userRow(u.data);
          if (
            keepUsers &&
            !(userMatches(scope, { status: row.status, userType: row.user_type, typeId: row.type_id }) && (await memberOfChosen(id)))
          ) {
            await remove(oktaUsers, eq(oktaUsers.id, id));
            await remove(oktaGroupMembers, eq(oktaGroupMembers.userId, id));
            await remove(oktaAppUsers, eq(oktaAppUsers.userId, id));
            return;
          }
          await write(usersTable, [row]);
          // Okta removes every app assignment of a deactivated user.
          if (u.data.status === "DEPROVISIONED") await remove(oktaAppUsers, eq(oktaAppUsers.userId, id));
        } catch (e) {
          if (!isNotFound(e)) throw e;
          await remove(oktaUsers, eq(oktaUsers.id, id));
          await remove(oktaGroupMembers, eq(oktaGroupMembers.userId, id));
          await remove(oktaAppUsers, eq(oktaAppUsers.userId, id));
        }
      });
      await inParallel([...t.userGroups], async (id) => {
        if (keepUsers && !keepUsers.has(id)) return;
        try {
          const groups: string[] = [];
          for await (const page of client.pages<unknown>(`/api/v1/users/${encodeURIComponent(id)}/groups`)) {
            for (const g of page.items) {
              const p = idOnlySchema.safeParse(g);
              if (p.success && (!keepGroups || keepGroups.has(p.data.id))) groups.push(p.data.id);
            }
          }
          await write(
            membershipsTable,
            groups.map((g) => ({ group_id: g, user_id: id })),
          );
          await remove(
            oktaGroupMembers,
            and(eq(oktaGroupMembers.userId, id), groups.length ? notInArray(oktaGroupMembers.groupId, groups) : undefined),
          );
        } catch (e) {
          if (!isNotFound(e)) throw e;
          await remove(oktaGroupMembers, eq(oktaGroupMembers.userId, id));
        }
      });
      await inParallel([...t.groups], async (id) => {
        if (keepGroups && !keepGroups.has(id)) return;
        try {
          const res = await client.get<unknown>(`/api/v1/groups/${encodeURIComponent(id)}`, { expand: "stats" });
          const g = oktaGroupSchema.safeParse(res.body);
          if (g.success) await write(groupsTable, [groupRow(g.data)]);
        } catch (e) {
          if (!isNotFound(e)) throw e;
          await remove(oktaGroups, eq(oktaGroups.id, id));
          await remove(oktaGroupMembers, eq(oktaGroupMembers.groupId, id));
          await remove(oktaAppGroups, eq(oktaAppGroups.groupId, id));
        }
      });
      await inParallel([...t.appUsers], async (key) => {
        const [app, user] = key.split("\u0000");
        if ((keepApps && !keepApps.has(app)) || (keepUsers && !keepUsers.has(user))) return;
        try {
          const res = await client.get<unknown>(`/api/v1/apps/${encodeURIComponent(app)}/users/${encodeURIComponent(user)}`);
          const a = oktaAppUserSchema.safeParse(res.body);
          if (a.success) await write(appUsersTable, [appUserRow(app, a.data)]);
        } catch (e) {
          if (!isNotFound(e)) throw e;
          await remove(oktaAppUsers, and(eq(oktaAppUsers.appId, app), eq(oktaAppUsers.userId, user)));
        }
      });
      await inParallel([...t.appGroups], async (key) => {
        const [app, group] = key.split("\u0000");
        if ((keepApps && !keepApps.has(app)) || (keepGroups && !keepGroups.has(group))) return;
        try {
          const res = await client.get<unknown>(`/api/v1/apps/${encodeURIComponent(app)}/groups/${encodeURIComponent(group)}`);
          const a = oktaAppGroupSchema.safeParse(res.body);
          if (a.success) await write(appGroupsTable, [appGroupRow(app, a.data)]);
        } catch (e) {
          if (!isNotFound(e)) throw e;
          await remove(oktaAppGroups, and(eq(oktaAppGroups.appId, app), eq(oktaAppGroups.groupId, group)));
        }
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
