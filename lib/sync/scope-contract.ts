// The sync scope (issue 8): what an integration copies. Stored in integrations.sync_scope; null or
// every list empty = everything. Pure zod, safe to import from client components.
//
// In scope, as one closed sub-directory (every stored row refers only to stored objects):
//   users        status in userStatuses, type in userTypes (profile.userType; an oty... value is
//                matched against the Okta user type id), and,
//                when groupIds is set, a member of at least one chosen group
//   groups       the chosen groups (all when groupIds is unset)
//   memberships  chosen group x in-scope user
//   apps         the chosen apps (all when appIds is unset)
//   assignments  in-scope app x in-scope user / in-scope group
//   roles        held by in-scope users and groups
// Identity providers and the System Log are never scoped (incremental sync reads the whole log).
import { z } from "zod";

export const OKTA_USER_STATUSES = [
  "STAGED",
  "PROVISIONED",
  "ACTIVE",
  "RECOVERY",
  "PASSWORD_EXPIRED",
  "LOCKED_OUT",
  "SUSPENDED",
  "DEPROVISIONED",
] as const;
export type OktaUserStatus = (typeof OKTA_USER_STATUSES)[number];

/** Okta ids: letters and digits (00g..., 0oa...). Keeps ids safe inside search expressions and URLs. */
const oktaId = (what: string) => z.string().regex(/^[A-Za-z0-9]{1,64}$/, `must be ${what} ids (letters and digits)`);
const list = <T extends z.ZodType>(item: T, max: number, what: string) =>
  z
    .array(item)
    .max(max, `at most ${max} ${what}`)
    .transform((xs) => [...new Set(xs as z.output<T>[])].sort());

export const MAX_SCOPE_IDS = 500;

export const syncScopeInput = z
  .object({
    groupIds: list(oktaId("group"), MAX_SCOPE_IDS, "groups").optional(),
    appIds: list(oktaId("app"), MAX_SCOPE_IDS, "apps").optional(),
    userTypes: list(
      z
        .string()
        .trim()
        .min(1, "must not be empty")
        .max(100, "is too long")
        .regex(/^[^"\\]*$/, "must not contain quotes or backslashes"),
      50,
      "user types",
    ).optional(),
    userStatuses: list(
      z.enum(OKTA_USER_STATUSES, `must be Okta user statuses (${OKTA_USER_STATUSES.join(", ")})`),
      OKTA_USER_STATUSES.length,
      "statuses",
    ).optional(),
  })
  .strict();
export type SyncScopeInput = z.input<typeof syncScopeInput>;

/** A normalized scope: only non-empty lists, sorted and de-duplicated. */
export interface SyncScope {
  groupIds?: string[];
  appIds?: string[];
  userTypes?: string[];
  userStatuses?: OktaUserStatus[];
}

/** Drops empty lists; null when nothing is restricted (= everything syncs). */
export function normalizeScope(raw: unknown): SyncScope | null {
  if (raw === null || raw === undefined) return null;
  const p = syncScopeInput.safeParse(raw);
  if (!p.success) return null;
  const out: SyncScope = {};
  for (const k of ["groupIds", "appIds", "userTypes", "userStatuses"] as const) {
    const v = p.data[k];
    if (v?.length) (out as Record<string, unknown>)[k] = v;
  }
  return Object.keys(out).length ? out : null;
}

export const scopeKey = (s: SyncScope | null) => JSON.stringify(s ?? {});
export const restrictsUsers = (s: SyncScope | null) => !!(s?.groupIds || s?.userTypes || s?.userStatuses);
export const restrictsGroups = (s: SyncScope | null) => !!s?.groupIds;
export const restrictsApps = (s: SyncScope | null) => !!s?.appIds;

/** Status and type only (group membership is structural: where users are read from). */
export function userMatches(s: SyncScope | null, u: { status: string; userType: string | null; typeId: string | null }) {
  if (s?.userStatuses && !s.userStatuses.includes(u.status as OktaUserStatus)) return false;
  if (s?.userTypes && !s.userTypes.some((t) => (/^oty[A-Za-z0-9]{10,}$/.test(t) ? t === u.typeId : t === u.userType))) return false;
  return true;
}

/** The status/type part as an Okta users `search` expression, or null when unrestricted. */
export function userSearchClause(s: SyncScope | null): string | null {
  const parts: string[] = [];
  if (s?.userStatuses) parts.push(`(${s.userStatuses.map((x) => `status eq "${x}"`).join(" or ")})`);
  // A value shaped like an Okta user type id (oty...) is matched as one; anything else is the profile's userType.
  if (s?.userTypes)
    parts.push(
      `(${s.userTypes.map((x) => (/^oty[A-Za-z0-9]{10,}$/.test(x) ? `type.id eq "${x}"` : `profile.userType eq "${x}"`)).join(" or ")})`,
    );
  return parts.length ? parts.join(" and ") : null;
}

/** One line for people: "2 groups, 1 app, ACTIVE users". */
export function describeScope(s: SyncScope | null, names: { groups?: Record<string, string>; apps?: Record<string, string> } = {}): string {
  if (!s) return "Everything";
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const named = (ids: string[], map: Record<string, string> | undefined, one: string, many: string) =>
    ids.length <= 3 && map && ids.every((i) => map[i]) ? ids.map((i) => map[i]).join(", ") : plural(ids.length, one, many);
  const parts: string[] = [];
  if (s.groupIds) parts.push(`members of ${named(s.groupIds, names.groups, "group", "groups")}`);
  if (s.userStatuses) parts.push(`status ${s.userStatuses.join(" or ")}`);
  if (s.userTypes) parts.push(`user type ${s.userTypes.join(" or ")}`);
  if (s.appIds) parts.push(`apps: ${named(s.appIds, names.apps, "app", "apps")}`);
  return parts.join("; ");
}
