// What one run changed, object by object, in the order it wrote them: filtered by resource and kind
// of change, keyset-paged on the log's id. Each change names its object (and what it relates to) from
// the stored directory copy, which keeps soft-deleted rows, so a removed person is still named.
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import {
  type ChangeObject,
  oktaApps,
  oktaGroups,
  oktaIdps,
  oktaRoleAssignments,
  oktaUsers,
  type RunChange,
  type SyncRunChange,
  syncRunChanges,
  syncRuns,
} from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { notFound } from "@/lib/errors";
import { findIntegration } from "@/lib/integrations/find-integration";
import { type CHANGE_RESOURCES, type ChangeRef, type RunChangeItem, type RunChangeList, runChangeListSchema } from "./contracts";
import { decodeCursor, encodeCursor, idCursor } from "./cursor";

export interface ListRunChangesInput {
  integrationId: string;
  runId: string;
  resource?: (typeof CHANGE_RESOURCES)[number];
  change?: RunChange;
  cursor?: string;
  limit: number;
}

/** The ids a change's key is made of, by object kind (run-changes.ts joins the table's key with "/"). */
function parts(object: ChangeObject, key: string) {
  const k = key.split("/");
  switch (object) {
    case "membership":
      return { group: k[0], user: k[1] };
    case "app_user":
      return { app: k[0], user: k[1] };
    case "app_group":
      return { app: k[0], group: k[1] };
    case "role":
      return k[0] === "GROUP" ? { group: k[1], role: k[2] } : { user: k[1], role: k[2] };
    default:
      return { [object]: key } as Record<string, string>;
  }
}

export async function listRunChanges({ ctx, input }: { ctx: WorkspaceCtx; input: ListRunChangesInput }): Promise<RunChangeList> {
  const { db } = ctx;
  const integration = await findIntegration(ctx.workspaceId, input.integrationId, db);
  const [run] = await db
    .select({ id: syncRuns.id })
    .from(syncRuns)
    .where(and(eq(syncRuns.id, input.runId), eq(syncRuns.integrationId, integration.id)));
  if (!run) throw notFound("Sync run");
  const after = decodeCursor(input.cursor, idCursor);
  const rows = await db
    .select()
    .from(syncRunChanges)
    .where(
      and(
        eq(syncRunChanges.runId, run.id),
        input.resource ? eq(syncRunChanges.resource, input.resource) : undefined,
        input.change ? eq(syncRunChanges.change, input.change) : undefined,
        after ? gt(syncRunChanges.id, after[0]) : undefined,
      ),
    )
    .orderBy(asc(syncRunChanges.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const items = await describeChanges(db, page);
  const last = page[page.length - 1];
  return runChangeListSchema.parse({ items, nextCursor: rows.length > input.limit && last ? encodeCursor([last.id]) : null });
}

/** Each change with the names of what it is about, from its integration's stored copy. */
export async function describeChanges(db: DbOrTx, rows: SyncRunChange[]): Promise<RunChangeItem[]> {
  const out = new Map<number, RunChangeItem>();
  for (const integrationId of new Set(rows.map((r) => r.integrationId))) {
    const mine = rows.filter((r) => r.integrationId === integrationId);
    const names = await namesOf(
      db,
      integrationId,
      mine.map((r) => ({ ...parts(r.object, r.objectKey), key: r.objectKey, object: r.object })),
    );
    const items = mine.map((r) => {
      const p = parts(r.object, r.objectKey);
      const ref = (type: ChangeRef["type"], id: string): ChangeRef => ({ type, id, name: names[type].get(id) ?? id });
      const principal = p.user ? ref("user", p.user) : ref("group", p.group);
      let subject: ChangeRef;
      let target: ChangeRef | null = null;
      switch (r.object) {
        case "membership":
          subject = ref("user", p.user);
          target = ref("group", p.group);
          break;
        case "app_user":
        case "app_group":
          subject = principal;
          target = ref("app", p.app);
          break;
        case "role":
          subject = principal;
          target = { type: "role", id: p.role, name: names.role.get(r.objectKey) ?? p.role };
          break;
        default:
          subject = ref(r.object as "user" | "group" | "app" | "idp", r.objectKey);
      }
      const item: RunChangeItem = {
        id: String(r.id),
        resource: r.resource as RunChangeItem["resource"],
        object: r.object,
        change: r.change,
        key: r.objectKey,
        subject,
        target,
        fields: r.fields,
        at: r.at.toISOString(),
      };
      return item;
    });
    for (const [i, item] of items.entries()) out.set(mine[i].id, item);
  }
  return rows.map((r) => out.get(r.id)!);
}

/** Names of the people, groups, apps, identity providers and roles a page of changes mentions. */
async function namesOf(
  db: DbOrTx,
  integrationId: string,
  refs: { user?: string; group?: string; app?: string; idp?: string; key: string; object: ChangeObject }[],
) {
  const ids = (k: "user" | "group" | "app" | "idp") => [...new Set(refs.map((r) => r[k]).filter((v): v is string => !!v))];
  const roleKeys = refs.filter((r) => r.object === "role").map((r) => r.key);
  const [u, g, a, i, roles] = await Promise.all([
    ids("user").length
      ? db
          .select({
            id: oktaUsers.id,
            name: sql<string>`coalesce(nullif(${oktaUsers.displayName}, ''), nullif(trim(concat_ws(' ', ${oktaUsers.firstName}, ${oktaUsers.lastName})), ''), ${oktaUsers.login})`,
          })
          .from(oktaUsers)
          .where(and(eq(oktaUsers.integrationId, integrationId), inArray(oktaUsers.id, ids("user"))))
      : [],
    ids("group").length
      ? db
          .select({ id: oktaGroups.id, name: oktaGroups.name })
          .from(oktaGroups)
          .where(and(eq(oktaGroups.integrationId, integrationId), inArray(oktaGroups.id, ids("group"))))
      : [],
    ids("app").length
      ? db
          .select({ id: oktaApps.id, name: oktaApps.label })
          .from(oktaApps)
          .where(and(eq(oktaApps.integrationId, integrationId), inArray(oktaApps.id, ids("app"))))
      : [],
    ids("idp").length
      ? db
          .select({ id: oktaIdps.id, name: oktaIdps.name })
          .from(oktaIdps)
          .where(and(eq(oktaIdps.integrationId, integrationId), inArray(oktaIdps.id, ids("idp"))))
      : [],
    roleKeys.length
      ? db
          .select({
            key: sql<string>`concat_ws('/', ${oktaRoleAssignments.principalType}, ${oktaRoleAssignments.principalId}, ${oktaRoleAssignments.id})`,
            name: sql<string>`coalesce(nullif(${oktaRoleAssignments.label}, ''), ${oktaRoleAssignments.roleType}, ${oktaRoleAssignments.id})`,
          })
          .from(oktaRoleAssignments)
          .where(
            and(
              eq(oktaRoleAssignments.integrationId, integrationId),
              inArray(
                sql`concat_ws('/', ${oktaRoleAssignments.principalType}, ${oktaRoleAssignments.principalId}, ${oktaRoleAssignments.id})`,
                roleKeys,
              ),
            ),
          )
      : [],
  ]);
  const map = (rows: { id: string; name: string | null }[]) => new Map(rows.map((r) => [r.id, r.name ?? r.id]));
  return {
    user: map(u),
    group: map(g),
    app: map(a),
    idp: map(i),
    role: new Map((roles as { key: string; name: string }[]).map((r) => [r.key, r.name])),
  };
}
