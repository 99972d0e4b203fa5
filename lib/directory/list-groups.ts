// Groups of the workspace's Okta orgs with their live member counts: search, type filter, sort, keyset pages.
import { and, inArray, sql } from "drizzle-orm";
import { oktaGroups as g, directoryKeys as K } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import type { GroupSort, ListGroupsInput, Page } from "./contracts";
import { groupAppCount, groupMemberCount } from "./counts";
import { afterCursor, decodeCursor, defaultOrder, keyColumns, keysForFilter, matchesSearch, orderBy, type SortKey, toPage } from "./keyset";
import { liveRows, withIntegrationNames } from "./scope";

const tail: SortKey[] = [
  { expr: sql`${g.integrationId}`, type: "uuid" },
  { expr: sql`${g.id}`, type: "text" },
];
const name: SortKey = { expr: K.lowerName(g.name), type: "text" };
const SORTS: Record<GroupSort, SortKey[]> = {
  name: [name, ...tail],
  type: [{ expr: sql`${g.type}`, type: "text" }, name, ...tail],
  members: [{ expr: groupMemberCount, type: "int" }, name, ...tail],
  created: [{ expr: K.time(g.created), type: "timestamptz" }, ...tail],
};

export function groupFilters(ctx: WorkspaceCtx, input: Pick<ListGroupsInput, "q" | "type" | "integrationId">) {
  return and(
    liveRows(g, ctx, input.integrationId),
    input.type ? inArray(g.type, input.type) : undefined,
    matchesSearch(K.groupSearch(g), input.q),
  );
}

export async function listGroups({ ctx, input }: { ctx: WorkspaceCtx; input: ListGroupsInput }) {
  const sort = input.sort ?? "name";
  const order = input.order ?? defaultOrder(sort);
  const limit = input.limit ?? 50;
  const db = ctx.db;
  const after = decodeCursor(input.cursor, sort, order, SORTS[sort]);
  const where = (keys: SortKey[]) => and(groupFilters(ctx, input), after ? afterCursor(keys, after, order) : undefined);
  const filtered = input.q || input.type;
  const keys = await keysForFilter(SORTS[sort], filtered ? db.select({ one: sql`1` }).from(g).where(where(SORTS[sort])) : undefined);
  const rows = await db
    .select({
      integrationId: g.integrationId,
      id: g.id,
      name: g.name,
      type: g.type,
      description: g.description,
      created: g.created,
      lastMembershipUpdated: g.lastMembershipUpdated,
      memberCount: groupMemberCount,
      appCount: groupAppCount,
      keys: keyColumns(keys),
    })
    .from(g)
    .where(where(keys))
    .orderBy(...orderBy(keys, order))
    .limit(limit + 1);
  const page = toPage(rows, limit, sort, order);
  return { items: await withIntegrationNames(ctx, page.items), nextCursor: page.nextCursor };
}

export type GroupListItem = Awaited<ReturnType<typeof listGroups>>["items"][number];
export type GroupPage = Page<GroupListItem>;
