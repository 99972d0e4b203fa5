// People of the workspace's Okta orgs: search, filters, sort and keyset pagination.
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import { directoryKeys as K, oktaUsers as u } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { adminHolders, holdsAdminRole, rolesOf } from "./admin-roles";
import type { ListUsersInput, Page, UserSort } from "./contracts";
import {
  afterCursor,
  decodeCursor,
  defaultOrder,
  encodeCursor,
  keyColumns,
  matchesSearch,
  orderBy,
  type SortKey,
  toPage,
  WALK_SAMPLE,
  walkOrSort,
} from "./keyset";
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
  userType: u.userType,
  location: u.location,
  manager: u.manager,
  managerId: u.managerId,
};

// Times as the CSV writes them (what Date.toISOString gives), formatted by Postgres: parsing three
// timestamps per person into Dates and back was a third of a million-person export's time.
const iso = (c: typeof u.lastLogin) => sql<string | null>`to_char(${c} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** The people CSV's columns (lib/directory/export-csv.ts). */
export const userCsvColumns = {
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
  lastLogin: iso(u.lastLogin),
  created: iso(u.created),
  statusChanged: iso(u.statusChanged),
  manager: u.manager,
  managerId: u.managerId,
};

export type PeopleFilterInput = Omit<ListUsersInput, "sort" | "order" | "cursor" | "limit">;

const lastSignIn = K.time(u.lastLogin);
// Inside a subquery the person's columns are named with their table: drizzle leaves them unqualified
// in a single-table select, which would bind them to the subquery's own tables.
const outer = { integrationId: sql.raw(`"okta_users"."integration_id"`), id: sql.raw(`"okta_users"."id"`) };
/** As a bound parameter: postgres.js (as drizzle configures it) binds timestamps as strings. */
const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

const statusIn = (input: PeopleFilterInput) => (input.status ? inArray(u.status, input.status) : undefined);
// Written as the department sort key so the department index answers it.
const departmentIs = (input: PeopleFilterInput) => (input.department !== undefined ? eq(K.userDepartment(u), input.department) : undefined);
// Written as the last sign-in sort key (never = -infinity), so okta_users_sort_last_login_idx answers
// them, and "before" includes never, as an admin looking for dormant accounts means.
const signedIn = (input: PeopleFilterInput) =>
  and(
    input.signedInBefore ? sql`${lastSignIn} < ${at(input.signedInBefore)}` : undefined,
    input.signedInAfter ? sql`${lastSignIn} >= ${at(input.signedInAfter)}` : undefined,
    input.neverSignedIn === true ? sql`${lastSignIn} = '-infinity'::timestamptz` : undefined,
    input.neverSignedIn === false ? sql`${lastSignIn} > '-infinity'::timestamptz` : undefined,
  );
/** The filters on the sort's first key: the sort index seeks to them, so a walk starts inside their range. */
function sortKeyRange(input: PeopleFilterInput, sort: UserSort) {
  if (sort === "lastLogin") return signedIn(input);
  if (sort === "department") return departmentIs(input);
  if (sort === "status") return statusIn(input);
  return undefined;
}

/**
 * The filters as one condition. `walking`: for a query that walks a sort index and tests each person
 * it passes (admin roles then probed per person); otherwise the role holders are found first.
 */
export function userFilters(ctx: WorkspaceCtx, input: PeopleFilterInput, walking = false) {
  return and(
    liveRows(u, ctx, input.integrationId),
    statusIn(input),
    departmentIs(input),
    matchesSearch(sql`${u.searchText}`, input.q, true),
    signedIn(input),
    input.userType !== undefined ? eq(u.userType, input.userType) : undefined,
    input.location !== undefined ? eq(u.location, input.location) : undefined,
    input.managerId !== undefined ? eq(u.managerId, input.managerId) : undefined,
    input.adminRole
      ? walking
        ? holdsAdminRole(ctx.workspaceId, input.adminRole, outer)
        : sql`(${u.integrationId}, ${u.id}) in (${adminHolders(ctx.workspaceId, input.adminRole, input.integrationId)})`
      : undefined,
    // Only Okta groups: app groups (AD) follow their directory, and Everyone holds everyone.
    // Each is probed per person (a few index reads): `offset 0` keeps the planner from turning the
    // EXISTS into a hash semi-join over every membership or assignment of the org, which it prefers
    // when it overestimates the people and costs 5x more on the deactivated of a 100k-person org.
    input.inOktaGroups !== undefined
      ? sql`${input.inOktaGroups ? sql`` : sql`not `}exists (select 1 from okta_group_members xgm
          join okta_groups xg on xg.integration_id = xgm.integration_id and xg.id = xgm.group_id and xg.deleted_at is null and xg.type = 'OKTA_GROUP'
          where xgm.integration_id = ${outer.integrationId} and xgm.user_id = ${outer.id} and xgm.deleted_at is null offset 0)`
      : undefined,
    input.hasApps !== undefined
      ? sql`${input.hasApps ? sql`` : sql`not `}exists (select 1 from okta_app_users xau
          cross join lateral (select 1 from okta_apps xa
            where xa.integration_id = xau.integration_id and xa.id = xau.app_id and xa.deleted_at is null offset 0) xa
          where xau.integration_id = ${outer.integrationId} and xau.user_id = ${outer.id} and xau.deleted_at is null offset 0)`
      : undefined,
  );
}

/** Any filter that narrows the list (the sort and the cursor do not). */
export function isFiltered(input: PeopleFilterInput) {
  const { integrationId: _i, ...narrowing } = input;
  return Object.values(narrowing).some((v) => v !== undefined);
}

/**
 * One keyset page of people as rows (no integration names, no admin roles): the list adds those, the
 * CSV export reads its pages through this, thousands of people at a time.
 */
async function selectPage(
  ctx: WorkspaceCtx,
  input: ListUsersInput,
  columns: Record<string, SQL | PgColumn>,
  asArrays = false,
): Promise<{ items: unknown[]; nextCursor: string | null }> {
  const sort = input.sort ?? "name";
  const order = input.order ?? defaultOrder(sort);
  const limit = input.limit ?? 50;
  const db = ctx.db;
  const after = decodeCursor(input.cursor, sort, order, SORTS[sort]);
  const where = (keys: SortKey[]) =>
    and(userFilters(ctx, input, keys === SORTS[sort]), after ? afterCursor(keys, after, order) : undefined);
  const filtered = isFiltered(input);
  // Filtered: walk the sort index when the next rows in its order hold a page of matches, else find the matches and sort them.
  const keys = filtered
    ? await walkOrSort(
        SORTS[sort],
        sql`select (${userFilters(ctx, input, true)}) as m from ${u}
          where ${and(liveRows(u, ctx, input.integrationId), sortKeyRange(input, sort), after ? afterCursor(SORTS[sort], after, order) : undefined)}
          order by ${sql.join(orderBy(SORTS[sort], order), sql`, `)} limit ${WALK_SAMPLE}`,
        limit + 1,
      )
    : SORTS[sort];
  const query = db
    .select({ ...columns, keys: keyColumns(keys) })
    .from(u)
    .where(where(keys))
    .orderBy(...orderBy(keys, order))
    .limit(limit + 1);
  if (!asArrays) return toPage(await query, limit, sort, order);
  // The CSV's thousands of rows per page read as arrays (columns in order, then the keys), without
  // drizzle's per-field mapping (a fifth of the export's time), made into plain objects here.
  const { sql: text, params } = query.toSQL();
  const rows = await getDb()
    .$client.unsafe(text, params as never[])
    .values();
  const width = Object.keys(columns).length;
  const more = rows.length > limit;
  const items = (more ? rows.slice(0, limit) : rows) as unknown[][];
  const last = items.at(-1);
  const nextCursor = more && last ? encodeCursor(sort, order, last.slice(width).map(String)) : null;
  const names = Object.keys(columns);
  return {
    items: items.map((r) => {
      const row: Record<string, unknown> = {};
      for (let i = 0; i < width; i++) row[names[i]] = r[i];
      return row;
    }),
    nextCursor,
  };
}

/** What a select of these columns returns. */
type Selected<C> = {
  [K in keyof C]: C[K] extends SQL<infer T>
    ? T
    : C[K] extends PgColumn
      ? C[K]["_"]["notNull"] extends true
        ? C[K]["_"]["data"]
        : C[K]["_"]["data"] | null
      : never;
};

export const userPage = (ctx: WorkspaceCtx, input: ListUsersInput) =>
  selectPage(ctx, input, userListColumns) as Promise<{ items: Selected<typeof userListColumns>[]; nextCursor: string | null }>;
/** A page of people as the CSV writes them (times already ISO text), read as arrays: no per-field mapping. */
export const userCsvPage = (ctx: WorkspaceCtx, input: ListUsersInput) =>
  selectPage(ctx, input, userCsvColumns, true) as Promise<{ items: Selected<typeof userCsvColumns>[]; nextCursor: string | null }>;

export async function listUsers({ ctx, input }: { ctx: WorkspaceCtx; input: ListUsersInput }) {
  const page = await userPage(ctx, input);
  const [named, roles] = await Promise.all([withIntegrationNames(ctx, page.items), rolesOf(ctx, page.items)]);
  return { items: named.map((p) => ({ ...p, adminRoles: roles.get(`${p.integrationId}/${p.id}`) ?? [] })), nextCursor: page.nextCursor };
}

export type UserListItem = Awaited<ReturnType<typeof listUsers>>["items"][number];
export type UserPage = Page<UserListItem>;
