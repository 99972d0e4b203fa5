// Query contracts of the directory lists, shared by the route handlers, the verbs and the pages (which
// keep the same names in their URL so other pages can link to a filtered list).
//
// The JSON API (viewer access; session cookie or `Authorization: Bearer <api key>`):
//   GET /api/directory/{users|groups|apps}?q=&…filters…&sort=&order=&cursor=&limit=  -> { items, nextCursor }
//   GET /api/directory/{users|groups|apps}.csv?…same filters…                        -> text/csv, streamed
//   GET /api/directory/users/{integrationId}/{userId}         a person (groups, apps, roles, sign-ins)
//   GET /api/directory/groups/{integrationId}/{groupId}[/members?q=&cursor=&limit=]
//   GET /api/directory/apps/{integrationId}/{appId}[/users?q=&scope=USER|GROUP&cursor=&limit=]
//   GET /api/directory/facets[?integrationId=]                filter values with counts
// Okta ids are unique only within one org, so every object is addressed by its integration id (our
// uuid) plus its Okta id. `nextCursor` is opaque (base64url); pass it back unchanged with the same
// filters and sort to get the next page. Empty query values (`?status=`) mean "not set".
import { z } from "zod";

export const USER_STATUSES = [
  "STAGED",
  "PROVISIONED",
  "ACTIVE",
  "RECOVERY",
  "PASSWORD_EXPIRED",
  "LOCKED_OUT",
  "SUSPENDED",
  "DEPROVISIONED",
] as const;
export const GROUP_TYPES = ["OKTA_GROUP", "APP_GROUP", "BUILT_IN"] as const;
export const APP_STATUSES = ["ACTIVE", "INACTIVE", "DELETED"] as const;
export const SIGN_ON_MODES = [
  "AUTO_LOGIN",
  "BASIC_AUTH",
  "BOOKMARK",
  "BROWSER_PLUGIN",
  "OPENID_CONNECT",
  "SAML_1_1",
  "SAML_2_0",
  "SECURE_PASSWORD_STORE",
  "WS_FEDERATION",
] as const;

export const USER_SORTS = ["name", "login", "email", "status", "department", "lastLogin", "created"] as const;
export const GROUP_SORTS = ["name", "type", "members", "created"] as const;
export const APP_SORTS = ["label", "status", "signOnMode", "users", "created"] as const;
export const MEMBER_SORTS = ["name"] as const;

export type Order = "asc" | "desc";
/** Newest first is what people want from a date column, biggest first from a count; words read best A→Z. */
export function defaultOrder(sort: string): Order {
  return ["lastLogin", "created", "members", "users"].includes(sort) ? "desc" : "asc";
}

/** `?q=&status=` means "not set": query strings carry empty values when a form clears a field. */
const opt = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/** `status=ACTIVE,SUSPENDED`: a comma list of one enum. */
const enumList = <const T extends readonly [string, ...string[]]>(values: T) =>
  opt(
    z
      .string()
      .max(500)
      .transform((s) => [
        ...new Set(
          s
            .split(",")
            .map((x) => x.trim())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(z.enum(values)).min(1, `must be one or more of ${values.join(", ")}`)),
  );

// Okta ids are short base62 strings; anything else in a path is a typo or a probe.
export const oktaId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "must be an Okta id");

const page = {
  q: opt(z.string().trim().max(200)),
  integrationId: opt(z.uuid()),
  order: opt(z.enum(["asc", "desc"])),
  cursor: opt(z.string().max(1024)),
  limit: opt(z.coerce.number().int().min(1).max(500)),
};

export const listUsersQuery = z
  .object({
    ...page,
    status: enumList(USER_STATUSES),
    department: opt(z.string().max(200)),
    sort: opt(z.enum(USER_SORTS)),
  })
  .strict();

export const listGroupsQuery = z.object({ ...page, type: enumList(GROUP_TYPES), sort: opt(z.enum(GROUP_SORTS)) }).strict();

export const listAppsQuery = z
  .object({ ...page, status: enumList(APP_STATUSES), signOnMode: enumList(SIGN_ON_MODES), sort: opt(z.enum(APP_SORTS)) })
  .strict();

/** People of one group or one app: search and pagination, sorted by name. */
export const listMembersQuery = z.object({ q: page.q, cursor: page.cursor, limit: page.limit }).strict();
/** An app's people, optionally only those assigned directly (USER) or through a group (GROUP). */
export const listAppUsersQuery = listMembersQuery.extend({ scope: opt(z.enum(["USER", "GROUP"])) }).strict();

export const userParams = z.object({ integrationId: z.uuid(), userId: oktaId }).strict();
export const groupParams = z.object({ integrationId: z.uuid(), groupId: oktaId }).strict();
export const appParams = z.object({ integrationId: z.uuid(), appId: oktaId }).strict();

export type ListUsersInput = z.infer<typeof listUsersQuery>;
export type ListGroupsInput = z.infer<typeof listGroupsQuery>;
export type ListAppsInput = z.infer<typeof listAppsQuery>;
export type ListMembersInput = z.infer<typeof listMembersQuery>;
export type ListAppUsersInput = z.infer<typeof listAppUsersQuery>;
export type UserSort = (typeof USER_SORTS)[number];
export type GroupSort = (typeof GROUP_SORTS)[number];
export type AppSort = (typeof APP_SORTS)[number];

/**
 * Filters of a page URL (the same names as the API). A bad value is dropped rather than failing the
 * page, so a stale or hand-edited link still shows the list.
 */
export function filtersFromUrl<T extends z.ZodObject>(schema: T, sp: Record<string, string | string[] | undefined>): z.infer<T> {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) if (typeof sp[key] === "string" && key !== "cursor") raw[key] = sp[key] as string;
  const first = schema.safeParse(raw);
  if (first.success) return first.data;
  for (const issue of first.error.issues) delete raw[String(issue.path[0])];
  const second = schema.safeParse(raw);
  return second.success ? second.data : schema.parse({});
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
