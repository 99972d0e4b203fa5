// Apps of the workspace's Okta orgs with live assignment counts: search, status and sign-on filters, sort, pages.
import { and, inArray, sql } from "drizzle-orm";
import { oktaApps as a, directoryKeys as K } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import type { AppSort, ListAppsInput, Page } from "./contracts";
import { appGroupCount, appUserCount } from "./counts";
import { afterCursor, decodeCursor, defaultOrder, keyColumns, keysForFilter, matchesSearch, orderBy, type SortKey, toPage } from "./keyset";
import { liveRows, withIntegrationNames } from "./scope";

const tail: SortKey[] = [
  { expr: sql`${a.integrationId}`, type: "uuid" },
  { expr: sql`${a.id}`, type: "text" },
];
const label: SortKey = { expr: K.lowerName(a.label), type: "text" };
const SORTS: Record<AppSort, SortKey[]> = {
  label: [label, ...tail],
  status: [{ expr: sql`${a.status}`, type: "text" }, label, ...tail],
  signOnMode: [{ expr: sql`coalesce(${a.signOnMode}, '')`, type: "text" }, label, ...tail],
  users: [{ expr: appUserCount, type: "int" }, label, ...tail],
  created: [{ expr: K.time(a.created), type: "timestamptz" }, ...tail],
};

export function appFilters(ctx: WorkspaceCtx, input: Pick<ListAppsInput, "q" | "status" | "signOnMode" | "integrationId">) {
  return and(
    liveRows(a, ctx, input.integrationId),
    input.status ? inArray(a.status, input.status) : undefined,
    input.signOnMode ? inArray(a.signOnMode, input.signOnMode) : undefined,
    matchesSearch(K.appSearch(a), input.q),
  );
}

export async function listApps({ ctx, input }: { ctx: WorkspaceCtx; input: ListAppsInput }) {
  const sort = input.sort ?? "label";
  const order = input.order ?? defaultOrder(sort);
  const limit = input.limit ?? 50;
  const db = ctx.db;
  const after = decodeCursor(input.cursor, sort, order, SORTS[sort]);
  const where = (keys: SortKey[]) => and(appFilters(ctx, input), after ? afterCursor(keys, after, order) : undefined);
  const filtered = input.q || input.status || input.signOnMode;
  const keys = await keysForFilter(SORTS[sort], filtered ? db.select({ one: sql`1` }).from(a).where(where(SORTS[sort])) : undefined);
  const rows = await db
    .select({
      integrationId: a.integrationId,
      id: a.id,
      name: a.name,
      label: a.label,
      status: a.status,
      signOnMode: a.signOnMode,
      created: a.created,
      lastUpdated: a.lastUpdated,
      userCount: appUserCount,
      groupCount: appGroupCount,
      keys: keyColumns(keys),
    })
    .from(a)
    .where(where(keys))
    .orderBy(...orderBy(keys, order))
    .limit(limit + 1);
  const page = toPage(rows, limit, sort, order);
  return { items: await withIntegrationNames(ctx, page.items), nextCursor: page.nextCursor };
}

export type AppListItem = Awaited<ReturnType<typeof listApps>>["items"][number];
export type AppPage = Page<AppListItem>;
