// People of the workspace's Okta orgs: search, filters, sort and keyset pagination.
import { and, eq, inArray, sql } from "drizzle-orm";
import { directoryKeys as K, oktaUsers as u } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import type { ListUsersInput, Page, UserSort } from "./contracts";
import { afterCursor, decodeCursor, defaultOrder, keyColumns, keysForFilter, matchesSearch, orderBy, type SortKey, toPage } from "./keyset";
import { liveRows, withIntegrationNames } from "./scope";

const tail: SortKey[] = [
  { expr: sql`${u.integrationId}`, type: "uuid" },
  { expr: sql`${u.id}`, type: "text" },
];
const name: SortKey = { expr: K.userName(u), type: "text" };
// Each sort matches one index of okta_users (db/schema.ts), so a page is an index range scan.
const SORTS: Record<UserSort, SortKey[]> = {
  name: [name, ...tail],
  login: [{ expr: K.userLogin(u), type: "text" }, ...tail],
  email: [{ expr: K.userEmail(u), type: "text" }, ...tail],
  status: [{ expr: sql`${u.status}`, type: "text" }, name, ...tail],
  department: [{ expr: K.userDepartment(u), type: "text" }, name, ...tail],
  lastLogin: [{ expr: K.time(u.lastLogin), type: "timestamptz" }, ...tail],
  created: [{ expr: K.time(u.created), type: "timestamptz" }, ...tail],
};

export const userListColumns = {
  integrationId: u.integrationId,
  id: u.id,
  login: u.login,
  email: u.email,
  firstName: u.firstName,
  lastName: u.lastName,
  displayName: u.displayName,
  status: u.status,
  department: u.department,
  title: u.title,
  lastLogin: u.lastLogin,
  created: u.created,
  statusChanged: u.statusChanged,
};

export function userFilters(ctx: WorkspaceCtx, input: Pick<ListUsersInput, "q" | "status" | "department" | "integrationId">) {
  return and(
    liveRows(u, ctx, input.integrationId),
    input.status ? inArray(u.status, input.status) : undefined,
    // Written as the department sort key so the department index answers it.
    input.department !== undefined ? eq(K.userDepartment(u), input.department) : undefined,
    matchesSearch(sql`${u.searchText}`, input.q, true),
  );
}

export async function listUsers({ ctx, input }: { ctx: WorkspaceCtx; input: ListUsersInput }) {
  const sort = input.sort ?? "name";
  const order = input.order ?? defaultOrder(sort);
  const limit = input.limit ?? 50;
  const db = ctx.db;
  const after = decodeCursor(input.cursor, sort, order, SORTS[sort]);
  const where = (keys: SortKey[]) => and(userFilters(ctx, input), after ? afterCursor(keys, after, order) : undefined);
  const filtered = input.q || input.status || input.department !== undefined;
  const keys = await keysForFilter(SORTS[sort], filtered ? db.select({ one: sql`1` }).from(u).where(where(SORTS[sort])) : undefined);
  const rows = await db
    .select({ ...userListColumns, keys: keyColumns(keys) })
    .from(u)
    .where(where(keys))
    .orderBy(...orderBy(keys, order))
    .limit(limit + 1);
  const page = toPage(rows, limit, sort, order);
  return { items: await withIntegrationNames(ctx, page.items), nextCursor: page.nextCursor };
}

export type UserListItem = Awaited<ReturnType<typeof listUsers>>["items"][number];
export type UserPage = Page<UserListItem>;
