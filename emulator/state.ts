// The tenant as the emulator holds it. Records are lean (timestamps as epoch ms, relations as
// sorted arrays of sequence numbers) and are turned into Okta JSON only when served.
import { sortedHas, sortedInsert, sortedRemove } from "./util";

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
export type UserStatus = (typeof USER_STATUSES)[number];
export type Profile = Record<string, string | number | boolean | string[] | null>;

export interface UserRec {
  seq: number;
  id: string;
  status: UserStatus;
  created: number;
  activated: number | null;
  statusChanged: number | null;
  lastLogin: number | null;
  lastUpdated: number;
  passwordChanged: number | null;
  profile: Profile;
  /** sorted group seqs, Everyone excluded (it is implicit) */
  groups: number[];
  /** sorted app seqs with an AppUser for this user */
  apps: number[];
  factors: number;
  deleted: boolean;
}

export interface GroupRec {
  seq: number;
  id: string;
  type: "BUILT_IN" | "OKTA_GROUP" | "APP_GROUP";
  created: number;
  lastUpdated: number;
  lastMembershipUpdated: number;
  profile: Profile;
  /** sorted user seqs (unused for Everyone, whose members are every user) */
  members: number[];
  sourceApp: number | null;
  /** sorted app seqs this group is assigned to */
  apps: number[];
  deleted: boolean;
}

export interface AppUserRec {
  created: number;
  lastUpdated: number;
  statusChanged: number;
  status: string;
  syncState: string;
  userName: string;
  externalId: string | null;
  direct: boolean;
  /** how many assigned groups carry this user */
  viaGroups: number;
}

export interface AppGroupRec {
  priority: number;
  lastUpdated: number;
}

export interface AppRec {
  seq: number;
  id: string;
  name: string;
  label: string;
  status: "ACTIVE" | "INACTIVE";
  signOnMode: string;
  created: number;
  lastUpdated: number;
  features: string[];
  users: Map<number, AppUserRec>;
  userOrder: number[];
  groups: Map<number, AppGroupRec>;
  groupOrder: number[];
  deleted: boolean;
}

export interface RoleRec {
  id: string;
  type: string;
  label: string;
  status: "ACTIVE";
  created: number;
  lastUpdated: number;
  assignmentType: "USER" | "GROUP";
  principal: number;
  customRole?: string;
  resourceSet?: string;
}

export interface CustomRoleRec {
  id: string;
  label: string;
  description: string;
  permissions: string[];
  created: number;
}

export interface ResourceSetRec {
  id: string;
  label: string;
  description: string;
  created: number;
}

/**
 * A System Log entry. `a` is the actor (user seq, or a client id string for API clients),
 * `x`/`y` the targets (their meaning depends on the event type), `c` the client context index,
 * `s` the session number, `o` the outcome ("" = SUCCESS), `d` extra debug/detail data.
 */
export interface LogRec {
  t: number;
  e: string;
  a: number | string;
  x: number;
  y: number;
  c: number;
  s: number;
  o: string;
  r: string | null;
  u?: string;
  d?: Record<string, unknown>;
  /** the display name of an API client actor (`a` is then its client id) */
  an?: string;
}

export interface EventHookRec {
  id: string;
  name: string;
  status: "ACTIVE" | "INACTIVE";
  verificationStatus: "UNVERIFIED" | "VERIFIED";
  events: { type: "EVENT_TYPE"; items: string[] };
  uri: string;
  headers: { key: string; value: string }[];
  authScheme: { type: "HEADER"; key: string; value: string } | null;
  created: number;
  lastUpdated: number;
  createdBy: string;
  deliveries: { eventId: string; status: number | string; attempts: number; at: number; events: number }[];
}

export interface Tenant {
  seed: number;
  orgId: string;
  orgName: string;
  domainSuffix: string;
  generatedAt: number;
  userTypeId: string;
  users: UserRec[];
  userSeqById: Map<string, number>;
  userSeqByLogin: Map<string, number>;
  groups: GroupRec[];
  groupSeqById: Map<string, number>;
  apps: AppRec[];
  appSeqById: Map<string, number>;
  rolesByUser: Map<number, RoleRec[]>;
  rolesByGroup: Map<number, RoleRec[]>;
  customRoles: CustomRoleRec[];
  resourceSets: ResourceSetRec[];
  idps: Record<string, unknown>[];
  logs: LogRec[];
  eventHooks: EventHookRec[];
  /** client contexts for log events: [ip, locationIndex, userAgentIndex] */
  clients: [string, number, number][];
}

export const EVERYONE = 0;

export const liveUser = (t: Tenant, id: string): UserRec | undefined => {
  const seq = t.userSeqById.get(id) ?? t.userSeqByLogin.get(id.toLowerCase());
  const u = seq === undefined ? undefined : t.users[seq];
  return u && !u.deleted ? u : undefined;
};
export const liveGroup = (t: Tenant, id: string): GroupRec | undefined => {
  const seq = t.groupSeqById.get(id);
  const g = seq === undefined ? undefined : t.groups[seq];
  return g && !g.deleted ? g : undefined;
};
export const liveApp = (t: Tenant, id: string): AppRec | undefined => {
  const seq = t.appSeqById.get(id);
  const a = seq === undefined ? undefined : t.apps[seq];
  return a && !a.deleted ? a : undefined;
};

// --- relation maintenance shared by the generator, the API write endpoints and mutations ---

/** Deprovisioned users hold no app assignments in Okta (deactivation removes them). */
export function addAppUser(
  _t: Tenant,
  app: AppRec,
  u: UserRec,
  now: number,
  how: { direct?: boolean; viaGroup?: boolean },
): AppUserRec | null {
  if (u.status === "DEPROVISIONED" || u.deleted) return null;
  let au = app.users.get(u.seq);
  if (!au) {
    au = {
      created: now,
      lastUpdated: now,
      statusChanged: now,
      status: app.features.includes("PUSH_NEW_USERS") ? "PROVISIONED" : "ACTIVE",
      syncState: app.features.includes("PUSH_NEW_USERS") ? "SYNCHRONIZED" : "DISABLED",
      userName: String(u.profile.login),
      externalId: null,
      direct: false,
      viaGroups: 0,
    };
    app.users.set(u.seq, au);
    sortedInsert(app.userOrder, u.seq);
    sortedInsert(u.apps, app.seq);
  }
  if (how.direct) au.direct = true;
  if (how.viaGroup) au.viaGroups++;
  au.lastUpdated = now;
  return au;
}

/** Drops a direct or group-derived assignment; the AppUser goes when nothing carries it. */
export function dropAppUser(app: AppRec, u: UserRec, how: { direct?: boolean; viaGroup?: boolean; all?: boolean }, now: number): boolean {
  const au = app.users.get(u.seq);
  if (!au) return false;
  if (how.direct) au.direct = false;
  if (how.viaGroup) au.viaGroups = Math.max(0, au.viaGroups - 1);
  if (how.all || (!au.direct && au.viaGroups === 0)) {
    app.users.delete(u.seq);
    sortedRemove(app.userOrder, u.seq);
    sortedRemove(u.apps, app.seq);
    return true;
  }
  au.lastUpdated = now;
  return false;
}

export function addMembership(t: Tenant, g: GroupRec, u: UserRec, now: number): boolean {
  if (g.seq === EVERYONE || !sortedInsert(g.members, u.seq)) return false;
  sortedInsert(u.groups, g.seq);
  g.lastMembershipUpdated = now;
  for (const a of g.apps) addAppUser(t, t.apps[a], u, now, { viaGroup: true });
  return true;
}

export function removeMembership(t: Tenant, g: GroupRec, u: UserRec, now: number): boolean {
  if (g.seq === EVERYONE || !sortedRemove(g.members, u.seq)) return false;
  sortedRemove(u.groups, g.seq);
  g.lastMembershipUpdated = now;
  for (const a of g.apps) dropAppUser(t.apps[a], u, { viaGroup: true }, now);
  return true;
}

export function groupMembers(t: Tenant, g: GroupRec): ArrayLike<number> & { length: number } {
  return g.seq === EVERYONE ? everyoneView(t) : g.members;
}

/** Everyone holds every user that is not deleted; a lazily rebuilt index keeps paging cheap. */
let everyoneCache: { tenant: Tenant; n: number; version: number; seqs: Int32Array } | null = null;
let membershipVersion = 0;
export const bumpEveryone = () => void membershipVersion++;
function everyoneView(t: Tenant): Int32Array {
  if (everyoneCache && everyoneCache.tenant === t && everyoneCache.n === t.users.length && everyoneCache.version === membershipVersion)
    return everyoneCache.seqs;
  const seqs = new Int32Array(t.users.length);
  let n = 0;
  for (const u of t.users) if (!u.deleted) seqs[n++] = u.seq;
  everyoneCache = { tenant: t, n: t.users.length, version: membershipVersion, seqs: seqs.subarray(0, n) };
  return everyoneCache.seqs;
}

export function assignGroupToApp(t: Tenant, app: AppRec, g: GroupRec, now: number, priority = 0): boolean {
  if (app.groups.has(g.seq)) return false;
  app.groups.set(g.seq, { priority, lastUpdated: now });
  sortedInsert(app.groupOrder, g.seq);
  sortedInsert(g.apps, app.seq);
  const members = groupMembers(t, g);
  for (let i = 0; i < members.length; i++) addAppUser(t, app, t.users[members[i]], now, { viaGroup: true });
  app.lastUpdated = Math.max(app.lastUpdated, now);
  return true;
}

export function unassignGroupFromApp(t: Tenant, app: AppRec, g: GroupRec, now: number): boolean {
  if (!app.groups.delete(g.seq)) return false;
  sortedRemove(app.groupOrder, g.seq);
  sortedRemove(g.apps, app.seq);
  const members = groupMembers(t, g);
  for (let i = 0; i < members.length; i++) dropAppUser(app, t.users[members[i]], { viaGroup: true }, now);
  return true;
}

export function isMember(g: GroupRec, u: UserRec): boolean {
  return g.seq === EVERYONE ? !u.deleted : sortedHas(g.members, u.seq);
}

/** Deactivation removes every app assignment (direct and group-derived). */
export function detachApps(t: Tenant, u: UserRec, now: number) {
  for (const a of [...u.apps]) dropAppUser(t.apps[a], u, { all: true }, now);
}

/** Reactivation restores the assignments the user's groups carry. */
export function reattachApps(t: Tenant, u: UserRec, now: number) {
  for (const g of [EVERYONE, ...u.groups]) for (const a of t.groups[g].apps) addAppUser(t, t.apps[a], u, now, { viaGroup: true });
}
