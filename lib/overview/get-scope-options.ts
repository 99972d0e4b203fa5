// What the scope editor can choose from: the integration's groups and apps, including those a
// narrower scope left out of the last sync (kept soft-deleted, so a scope can be widened again),
// and the user types of its stored users. Searched and paged here, so an org of any size can be
// scoped; raw SQL for the keyset walk on lower(name), id (the order the editor shows).

import { z } from "zod";
import { getDb } from "@/db";
import type { WorkspaceCtx } from "@/lib/context";
import { findIntegration } from "@/lib/integrations/find-integration";
import { decodeCursor, encodeCursor } from "@/lib/sync/cursor";
import { type ScopeOptions, type ScopeOptionsQuery, scopeOptionsSchema } from "./contracts";

const nameCursor = z.tuple([z.string(), z.string()]);
type Keyed = { key: string; id: string };

export async function getScopeOptions({
  ctx,
  input,
}: {
  ctx: WorkspaceCtx;
  input: { integrationId: string } & Partial<ScopeOptionsQuery>;
}): Promise<ScopeOptions> {
  const integration = await findIntegration(ctx.workspaceId, input.integrationId, ctx.db);
  const sql = getDb().$client;
  const limit = input.limit ?? 50;
  const after = decodeCursor(input.cursor, nameCursor);
  // `q` matches anywhere in the name, case-insensitive (LIKE's wildcards escaped), or an exact id.
  const like = input.q ? `%${input.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const filter = (name: string) =>
    input.ids
      ? sql`and id in ${sql(input.ids)}`
      : sql`${like ? sql`and (lower(${sql(name)}) like ${like} or id = ${input.q ?? ""})` : sql``}
        ${after ? sql`and (lower(${sql(name)}), id) > (${after[0]}, ${after[1]})` : sql``}`;
  const page = input.ids ? input.ids.length : limit;
  const wants = (kind: "groups" | "apps") => !input.kind || input.kind === kind;
  const [groups, apps, userTypes] = await Promise.all([
    wants("groups")
      ? sql`select id, name, type, okta_member_count as members, deleted_at is null as synced, lower(name) as key from okta_groups
          where integration_id = ${integration.id} ${filter("name")} order by lower(name), id limit ${page + 1}`
      : [],
    wants("apps")
      ? sql`select id, label, status, deleted_at is null as synced, lower(label) as key from okta_apps
          where integration_id = ${integration.id} ${filter("label")} order by lower(label), id limit ${page + 1}`
      : [],
    input.kind
      ? []
      : sql`select user_type as value, (count(*) filter (where deleted_at is null))::int as users from okta_users
          where integration_id = ${integration.id} and user_type is not null group by user_type order by count(*) desc, user_type limit 50`,
  ]);
  const next = (rows: readonly Keyed[]) => (rows.length > page ? encodeCursor([rows[page - 1].key, rows[page - 1].id]) : null);
  return scopeOptionsSchema.parse({
    groups: groups.slice(0, page).map((g) => ({ id: g.id, name: g.name, type: g.type, members: g.members, synced: g.synced })),
    apps: apps.slice(0, page).map((a) => ({ id: a.id, label: a.label, status: a.status, synced: a.synced })),
    userTypes: userTypes.map((t) => ({ value: t.value, users: t.users })),
    nextCursor: { groups: next(groups as readonly Keyed[]), apps: next(apps as readonly Keyed[]) },
  });
}
