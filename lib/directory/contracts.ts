// Query contracts of the directory lists, shared by the route handlers, the verbs and the pages (which
// keep the same names in their URL so other pages can link to a filtered list).
//
// The JSON API (viewer access; session cookie or `Authorization: Bearer <api key>`):
//   GET /api/directory/{users|groups|apps}?q=&…filters…&sort=&order=&cursor=&limit=  -> { items, nextCursor }
//   GET /api/directory/{users|groups|apps}.csv?…same filters…                        -> text/csv, streamed
//   GET /api/directory/users/{integrationId}/{userId}         a person (groups, apps, roles, sign-ins)
//   GET /api/directory/groups/{integrationId}/{groupId}[/members?q=&cursor=&limit=]
//   GET /api/directory/apps/{integrationId}/{appId}[/users?q=&scope=USER|GROUP&status=&unusedDays=&cursor=&limit=]
//   GET /api/directory/apps/{integrationId}/{appId}/users.csv?…same filters…
//   GET /api/directory/unused-access[.csv]?days=&integrationId=   assigned but unused, per app (or every row)
//   GET /api/directory/hygiene[?integrationId=]               dormant, risky and admin counts (lib/overview)
//   GET /api/directory/facets[?integrationId=]                filter values with counts
// Okta ids are unique only within one org, so every object is addressed by its integration id (our
// uuid) plus its Okta id. `nextCursor` is opaque (base64url); pass it back unchanged with the same
// filters and sort to get the next page. Empty query values (`?status=`) mean "not set".
import { z } from "zod";
import { isDateInRange } from "@/lib/api/safe-input";

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

/** `neverSignedIn=true`: a flag in a query string is the word true or false. */
const flag = opt(z.enum(["true", "false"]).transform((v) => v === "true"));

/** A day (`2026-01-31`, midnight UTC) or an instant (`2026-01-31T12:00:00Z`), within Postgres' range. */
const instant = opt(
  z
    .string()
    .max(40)
    .regex(/^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d{1,6})?)?(Z|[+-]\d\d:?\d\d)?)?$/, "must be an ISO date such as 2026-01-31")
    .refine((s) => isDateInRange(s) && !Number.isNaN(Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s)), "must be a real date")
    .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : s)),
);

/** `any`, a standard role type (`SUPER_ADMIN`, `HELP_DESK_ADMIN`, …; `CUSTOM` for every custom role) or one custom role's id (`cr0…`). */
export const ADMIN_ROLE_ANY = "any";
const adminRole = opt(
  z
    .string()
    .regex(
      /^(any|[A-Z][A-Z0-9_]{1,63}|[a-z][a-z0-9][A-Za-z0-9]{1,62})$/,
      "must be any, a role type such as SUPER_ADMIN, or a custom role id",
    ),
);

/** Profile values matched exactly (user type, location): one line of text. */
const exact = opt(
  z
    .string()
    .max(200)
    .refine((s) => !/\p{Cc}/u.test(s), "must be one line of text"),
);

const page = {
  q: opt(z.string().trim().max(200)),
  integrationId: opt(z.uuid()),
  order: opt(z.enum(["asc", "desc"])),
  cursor: opt(z.string().max(1024)),
  limit: opt(z.coerce.number().int().min(1).max(500)),
};

// `managerId` is whatever the org keeps in the profile: a user id, a login or an employee number.
const managerId = opt(z.string().regex(/^[A-Za-z0-9._@+-]{1,100}$/, "must be a manager id (a user id, login or employee number)"));

/** The people filters, shared by the list and its CSV. */
export const peopleFilters = {
  status: enumList(USER_STATUSES),
  department: opt(z.string().max(200)),
  /** Holds an admin role, directly or through a group: `any`, a role type, or a custom role id. */
  adminRole,
  /** Last sign-in before this day or instant, or never. */
  signedInBefore: instant,
  /** Last sign-in on or after this day or instant. */
  signedInAfter: instant,
  /** true: never signed in; false: signed in at least once. */
  neverSignedIn: flag,
  /** Still a member of an Okta group (OKTA_GROUP, not app or built-in groups). */
  inOktaGroups: flag,
  /** Still assigned an app (directly or through a group). */
  hasApps: flag,
  userType: exact,
  managerId,
  location: exact,
};

export const listUsersQuery = z
  .object({
    ...page,
    ...peopleFilters,
    sort: opt(z.enum(USER_SORTS)),
  })
  .strict();

/** Extra CSV columns, opt-in so the default export stays a plain read of the people table. */
export const PEOPLE_CSV_EXTRAS = ["groups", "apps", "roles", "manager"] as const;
export const usersCsvQuery = listUsersQuery
  .extend({
    columns: opt(
      z
        .string()
        .max(100)
        .transform((s) => [
          ...new Set(
            s
              .split(",")
              .map((x) => x.trim())
              .filter(Boolean),
          ),
        ])
        .pipe(z.array(z.enum(PEOPLE_CSV_EXTRAS)).min(1, `must be one or more of ${PEOPLE_CSV_EXTRAS.join(", ")}`)),
    ),
  })
  .strict();

export const listGroupsQuery = z.object({ ...page, type: enumList(GROUP_TYPES), sort: opt(z.enum(GROUP_SORTS)) }).strict();

export const listAppsQuery = z
  .object({ ...page, status: enumList(APP_STATUSES), signOnMode: enumList(SIGN_ON_MODES), sort: opt(z.enum(APP_SORTS)) })
  .strict();

/** People of one group or one app: search and pagination, sorted by name. */
export const listMembersQuery = z.object({ q: page.q, cursor: page.cursor, limit: page.limit }).strict();
/** Days without a sign-in to an app: 1 to 3650. */
const days = z.coerce
  .number()
  .int("must be a whole number of days")
  .min(1, "must be at least 1 day")
  .max(3650, "must be at most 3650 days");

/**
 * An app's people, optionally only those assigned directly (USER) or through a group (GROUP), in
 * some statuses (the person's Okta status), or who have not signed in to the app for `unusedDays`
 * (never, or last before then).
 */
export const listAppUsersQuery = listMembersQuery
  .extend({ scope: opt(z.enum(["USER", "GROUP"])), status: enumList(USER_STATUSES), unusedDays: opt(days) })
  .strict();

/** Assigned but unused: per app, how many people have not signed in to it for `days` (default 30). */
export const unusedAccessQuery = z.object({ days: opt(days), integrationId: opt(z.uuid()) }).strict();
export const UNUSED_DAYS_DEFAULT = 30;
export const UNUSED_DAYS_CHOICES = [30, 60, 90, 180] as const;

export const userParams = z.object({ integrationId: z.uuid(), userId: oktaId }).strict();
export const groupParams = z.object({ integrationId: z.uuid(), groupId: oktaId }).strict();
export const appParams = z.object({ integrationId: z.uuid(), appId: oktaId }).strict();

export type ListUsersInput = z.infer<typeof listUsersQuery>;
export type ListGroupsInput = z.infer<typeof listGroupsQuery>;
export type ListAppsInput = z.infer<typeof listAppsQuery>;
export type ListMembersInput = z.infer<typeof listMembersQuery>;
export type ListAppUsersInput = z.infer<typeof listAppUsersQuery>;
export type UsersCsvInput = z.infer<typeof usersCsvQuery>;
export type UnusedAccessInput = z.infer<typeof unusedAccessQuery>;
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

const DAY_MS = 86_400_000;
/**
 * Midnight UTC `days` days before today. "No sign-in for 30 days" means none since this instant, so
 * a count and the list it opens (which carries the day in its URL) agree for the whole day.
 */
export function daysAgo(days: number, now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - days * DAY_MS);
}
/** `2026-01-31`: the form the people filters take a day in. */
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
