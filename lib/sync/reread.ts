// Targeted re-reads of single Okta objects into the directory copy, for the writers that are not a
// sync run: event hooks (lib/hooks/apply-hook-events.ts) and actions (lib/actions/refresh-target.ts).
// Each reads Okta's current answer through the same schemas and row mappers as the sync and writes it
// with the sync's batch writer (content hashes, cleaning, quarantine); a 404 soft-deletes. Writes carry
// no run: they keep a running full pass's seen marks, the pass's sweep leaves rows written after it
// started alone, and its upserts do not overwrite them with an older listing (upsert-batch.ts).
// A scoped integration keeps only what its scope holds: a re-read outside it is not written (and a
// user who left it is removed).
import { and, eq, inArray, isNull, notInArray, type SQL, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { type Integration, oktaAppGroups, oktaAppUsers, oktaGroupMembers, oktaGroups, oktaUsers } from "@/db/schema";
import { coalesceWrites, serialLane } from "@/lib/coalesce-writes";
import { inParallel } from "@/lib/in-parallel";
import type { OktaClient } from "@/lib/okta/client";
import { idOnlySchema, oktaAppGroupSchema, oktaAppUserSchema, oktaGroupSchema, oktaUserSchema } from "@/lib/okta/schemas";
import type { DataIssues } from "./data-issues";
import { isNotFound } from "./resources/walk";
import { retryDeadlocks } from "./retry-deadlocks";
import { liveIds } from "./scope";
import { normalizeScope, restrictsApps, restrictsGroups, restrictsUsers, userMatches } from "./scope-contract";
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
} from "./tables";
import { type Writer, writeRowsInOwnTransaction } from "./upsert-batch";

type Directory = typeof oktaUsers | typeof oktaGroups | typeof oktaGroupMembers | typeof oktaAppUsers | typeof oktaAppGroups;

const enc = encodeURIComponent;

/** Ids per filtered user list request (`id eq "…" or …`): ~2.5 KB of query string, one page of results. */
export const USERS_PER_LIST = 50;

export interface Rereader {
  /** GET /users/{id}: written, or removed (404, or out of scope) with their memberships and apps. */
  user(id: string): Promise<void>;
  /**
   * Many users at once (event hooks): Okta's user list filtered on their ids, USERS_PER_LIST a request,
   * written by group commit; an id the list does not return is read alone (user(): written, or 404 removed).
   */
  users(ids: string[], concurrency: number): Promise<void>;
  /** GET /users/{id}/groups: that user's memberships, reconciled. */
  userGroups(id: string): Promise<void>;
  /** userGroups for many users: their reads `concurrency` at once, their memberships written and reconciled by group commit (what was read while the previous write ran, together). */
  usersGroups(ids: string[], concurrency: number): Promise<void>;
  /** GET /groups/{id}?expand=stats (Okta's member count comes with it). */
  group(id: string): Promise<void>;
  /** GET /apps/{app}/users/{user} (404: unassigned). */
  appUser(appId: string, userId: string): Promise<void>;
  /** GET /apps/{app}/groups/{group} (404: unassigned). */
  appGroup(appId: string, groupId: string): Promise<void>;
  /** Every app assignment of one user: the apps Okta lists for them, each assignment read, the rest removed. */
  userApps(userId: string): Promise<void>;
  /** Every user of one app (all pages), reconciled: what a group assignment adds or ends for its members. */
  appUsers(appId: string): Promise<void>;
}

/** Writes a reader started without waiting for them (it goes on reading); done() waits for all, and fails if one did. */
class Writes {
  private all: Promise<void>[] = [];
  add(p: Promise<void>) {
    p.catch(() => undefined); // seen by done(), not an unhandled rejection meanwhile
    this.all.push(p);
  }
  async done() {
    await Promise.all(this.all);
  }
}

export async function createRereader(input: {
  integration: Pick<Integration, "id" | "workspaceId" | "syncScope">;
  client: OktaClient;
  /** Where cleaned and quarantined objects are reported (the hook's event log); none: quietly. */
  issues?: DataIssues;
}): Promise<Rereader> {
  const { client } = input;
  const integrationId = input.integration.id;
  const db = getDb();
  const writer: Writer = { integrationId, workspaceId: input.integration.workspaceId, runId: null };
  const write = async (spec: TableSpec, rows: Record<string, unknown>[]) => {
    if (!rows.length) return;
    const result = await writeRowsInOwnTransaction(writer, { spec, rows });
    if (input.issues && (result.cleaned.length || result.quarantined.length)) await input.issues.record(result);
  };
  /** Soft-deletes the live rows of a directory table that `where` names. */
  const remove = async (t: Directory, where: SQL | undefined) => {
    await retryDeadlocks("removal", () =>
      db
        .update(t)
        .set({ deletedAt: sql`now()` })
        .where(and(eq(t.integrationId, integrationId), isNull(t.deletedAt), where)),
    );
  };
  const removeUser = async (id: string) => {
    await remove(oktaUsers, eq(oktaUsers.id, id));
    await remove(oktaGroupMembers, eq(oktaGroupMembers.userId, id));
    await remove(oktaAppUsers, eq(oktaAppUsers.userId, id));
  };

  const scope = normalizeScope(input.integration.syncScope);
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
  const userKept = (id: string) => !keepUsers || keepUsers.has(id);

  // Many users at once (users, usersGroups): their rows are written by group commit, not one write per
  // read. One write at a time for the whole re-reader (the lane): user rows that start or stop being
  // DEPROVISIONED take the integration's access lock exclusively, memberships and assignments take it
  // shared (db triggers, drizzle/0023), so concurrent writes of one batch would only queue on each other.
  // What is read while a write runs goes into the next one: a few writes per burst, one per read when idle.
  const lane = serialLane();
  const writeUsers = coalesceWrites<ReturnType<typeof userRow>>(async (rows) => {
    await write(usersTable, rows);
    // Okta removes every app assignment of a deactivated user.
    const deprovisioned = rows.filter((r) => r.status === "DEPROVISIONED").map((r) => r.id);
    if (deprovisioned.length)
      await remove(
        oktaAppUsers,
        sql`${oktaAppUsers.userId} = any(select jsonb_array_elements_text(${JSON.stringify(deprovisioned)}::jsonb))`,
      );
  }, lane);
  const writeMemberships = coalesceWrites<{ id: string; groups: string[] }>(async (read) => {
    const pairs = read.flatMap((r) => r.groups.map((g) => ({ group_id: g, user_id: r.id })));
    await write(membershipsTable, pairs);
    // Every live membership of these users that Okta did not list, in one statement: one JSON parameter
    // { user: [groups] }, each user's live rows probed by index and kept when listed (a join on pairs
    // would be planned as a nested loop over thousands of them in a burst).
    const listed = JSON.stringify(Object.fromEntries(read.map((r) => [r.id, r.groups])));
    await retryDeadlocks("memberships' removal", () =>
      db.execute(sql`
        update ${oktaGroupMembers} set deleted_at = now()
          from jsonb_each(${listed}::jsonb) as l(user_id, groups)
         where ${oktaGroupMembers.integrationId} = ${integrationId} and ${oktaGroupMembers.deletedAt} is null
           and ${oktaGroupMembers.userId} = l.user_id and not (l.groups ? ${oktaGroupMembers.groupId})`),
    );
  }, lane);

  const self: Rereader = {
    async user(id) {
      try {
        const res = await client.get<unknown>(`/api/v1/users/${enc(id)}`);
        const u = oktaUserSchema.safeParse(res.body);
        if (!u.success) return;
        const row = userRow(u.data);
        if (
          keepUsers &&
          !(userMatches(scope, { status: row.status, userType: row.user_type, typeId: row.type_id }) && (await memberOfChosen(id)))
        ) {
          await removeUser(id);
          return;
        }
        await write(usersTable, [row]);
        // Okta removes every app assignment of a deactivated user.
        if (u.data.status === "DEPROVISIONED") await remove(oktaAppUsers, eq(oktaAppUsers.userId, id));
      } catch (e) {
        if (!isNotFound(e)) throw e;
        await removeUser(id);
      }
    },

    async users(ids, concurrency) {
      const writes = new Writes();
      const chunks: string[][] = [];
      for (let i = 0; i < ids.length; i += USERS_PER_LIST) chunks.push(ids.slice(i, i + USERS_PER_LIST));
      const alone: string[] = [];
      await inParallel(chunks, concurrency, async (chunk) => {
        const wanted = new Set(chunk);
        const found = new Map<string, ReturnType<typeof userRow>>();
        const filter = chunk.map((id) => `id eq "${id.replace(/["\\]/g, "")}"`).join(" or ");
        for await (const page of client.pages<unknown>("/api/v1/users", { filter, limit: 200 })) {
          for (const item of page.items) {
            const u = oktaUserSchema.safeParse(item);
            if (u.success && wanted.has(u.data.id)) found.set(u.data.id, userRow(u.data));
          }
        }
        const rows: ReturnType<typeof userRow>[] = [];
        const gone: string[] = [];
        for (const id of chunk) {
          const row = found.get(id);
          // Not listed (deleted, or a status the list leaves out): Okta's answer for that one user decides.
          if (!row) alone.push(id);
          else if (
            keepUsers &&
            !(userMatches(scope, { status: row.status, userType: row.user_type, typeId: row.type_id }) && (await memberOfChosen(row.id)))
          )
            gone.push(row.id);
          else rows.push(row);
        }
        writes.add(writeUsers(rows));
        if (gone.length)
          writes.add(
            lane(async () => {
              for (const id of gone) await removeUser(id);
            }),
          );
      });
      await writes.done();
      await inParallel(alone, concurrency, (id) => self.user(id));
    },

    async usersGroups(ids, concurrency) {
      const writes = new Writes();
      await inParallel(ids.filter(userKept), concurrency, async (id) => {
        const groups: string[] = [];
        try {
          for await (const page of client.pages<unknown>(`/api/v1/users/${enc(id)}/groups`)) {
            for (const g of page.items) {
              const p = idOnlySchema.safeParse(g);
              if (p.success && (!keepGroups || keepGroups.has(p.data.id))) groups.push(p.data.id);
            }
          }
        } catch (e) {
          if (!isNotFound(e)) throw e;
          // A user Okta no longer has: no memberships (their live ones are removed with the others).
        }
        writes.add(writeMemberships([{ id, groups }]));
      });
      await writes.done();
    },

    async userGroups(id) {
      if (!userKept(id)) return;
      try {
        const groups: string[] = [];
        for await (const page of client.pages<unknown>(`/api/v1/users/${enc(id)}/groups`)) {
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
    },

    async group(id) {
      if (keepGroups && !keepGroups.has(id)) return;
      try {
        const res = await client.get<unknown>(`/api/v1/groups/${enc(id)}`, { expand: "stats" });
        const g = oktaGroupSchema.safeParse(res.body);
        if (g.success) await write(groupsTable, [groupRow(g.data)]);
      } catch (e) {
        if (!isNotFound(e)) throw e;
        await remove(oktaGroups, eq(oktaGroups.id, id));
        await remove(oktaGroupMembers, eq(oktaGroupMembers.groupId, id));
        await remove(oktaAppGroups, eq(oktaAppGroups.groupId, id));
      }
    },

    async appUser(app, user) {
      if ((keepApps && !keepApps.has(app)) || !userKept(user)) return;
      try {
        const res = await client.get<unknown>(`/api/v1/apps/${enc(app)}/users/${enc(user)}`);
        const a = oktaAppUserSchema.safeParse(res.body);
        if (a.success) await write(appUsersTable, [appUserRow(app, a.data)]);
      } catch (e) {
        if (!isNotFound(e)) throw e;
        await remove(oktaAppUsers, and(eq(oktaAppUsers.appId, app), eq(oktaAppUsers.userId, user)));
      }
    },

    async appGroup(app, group) {
      if ((keepApps && !keepApps.has(app)) || (keepGroups && !keepGroups.has(group))) return;
      try {
        const res = await client.get<unknown>(`/api/v1/apps/${enc(app)}/groups/${enc(group)}`);
        const a = oktaAppGroupSchema.safeParse(res.body);
        if (a.success) await write(appGroupsTable, [appGroupRow(app, a.data)]);
      } catch (e) {
        if (!isNotFound(e)) throw e;
        await remove(oktaAppGroups, and(eq(oktaAppGroups.appId, app), eq(oktaAppGroups.groupId, group)));
      }
    },

    async userApps(userId) {
      if (!userKept(userId)) return;
      const apps: string[] = [];
      for await (const page of client.pages<unknown>("/api/v1/apps", { filter: `user.id eq "${userId}"`, limit: 200 })) {
        for (const a of page.items) {
          const p = idOnlySchema.safeParse(a);
          if (p.success && (!keepApps || keepApps.has(p.data.id))) apps.push(p.data.id);
        }
      }
      for (const app of apps) await self.appUser(app, userId);
      await remove(oktaAppUsers, and(eq(oktaAppUsers.userId, userId), apps.length ? notInArray(oktaAppUsers.appId, apps) : undefined));
    },

    async appUsers(appId) {
      if (keepApps && !keepApps.has(appId)) return;
      const seen: string[] = [];
      try {
        for await (const page of client.pages<unknown>(`/api/v1/apps/${enc(appId)}/users`, { limit: 500 })) {
          const rows = page.items.flatMap((x) => {
            const a = oktaAppUserSchema.safeParse(x);
            return a.success && userKept(a.data.id) ? [appUserRow(appId, a.data)] : [];
          });
          for (const r of rows) seen.push(r.user_id);
          await write(appUsersTable, rows);
        }
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      // One JSON parameter, not one per id: an app may have hundreds of thousands of users.
      await remove(
        oktaAppUsers,
        and(
          eq(oktaAppUsers.appId, appId),
          sql`not (${oktaAppUsers.userId} = any(select jsonb_array_elements_text(${JSON.stringify(seen)}::jsonb)))`,
        ),
      );
    },
  };
  return self;
}
