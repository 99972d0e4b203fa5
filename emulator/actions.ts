// State changes shared by the Management API write endpoints and the control plane's mutations.
// Each checks the user's status the way Okta does (refusing with Okta's error code), keeps the
// indexes consistent, moves the timestamps Okta moves, and writes the System Log events Okta writes
// (which also reach event hooks). Where Okta's rule comes from is noted at each function and in the
// README ("Writes").
import {
  type AppRec,
  addAppUser,
  addMembership,
  assignGroupToApp,
  bumpEveryone,
  detachApps,
  dropAppUser,
  EVERYONE,
  type GroupRec,
  type LogRec,
  type Profile,
  reattachApps,
  removeMembership,
  type Tenant,
  type UserRec,
  type UserStatus,
  unassignGroupFromApp,
} from "./state";
import { oktaId, type Rng, randomToken } from "./util";

export interface ActionCtx {
  t: Tenant;
  /** the org's base URL, for links in results */
  base: string;
  now(): number;
  /** append to the System Log (and deliver to event hooks) */
  log(r: Omit<LogRec, "t" | "c" | "s" | "o" | "r" | "y"> & Partial<LogRec>): void;
}

/** Who acts: a user (seq; an SSWS token acts as its admin user) or an API client (client id and app name). */
export type Actor = number | { id: string; name: string };
export const who = (a: Actor) => (typeof a === "number" ? { a } : { a: a.id, an: a.name });

export class ActionError extends Error {
  constructor(
    public status: number,
    public code: string,
    public summary: string,
    public causes: string[] = [],
  ) {
    super(summary);
  }
}

/** E0000038, 403: Okta's answer to a lifecycle operation the user's status does not allow. */
const notAllowed = () => new ActionError(403, "E0000038", "This operation is not allowed in the user's current status.");
const invalid = (field: string, causes: string[]) => new ActionError(400, "E0000001", `Api validation failed: ${field}`, causes);
/** E0000006, 403: what Okta answers when a membership of an APP_GROUP or BUILT_IN group is changed. */
const forbidden = () => new ActionError(403, "E0000006", "You do not have permission to perform the requested action");

function setStatus(c: ActionCtx, u: UserRec, status: UserStatus) {
  const now = c.now();
  const was = u.status;
  u.status = status;
  u.statusChanged = now;
  u.lastUpdated = now;
  if (status === "DEPROVISIONED") detachApps(c.t, u, now);
  if (was === "DEPROVISIONED" && status !== "DEPROVISIONED") reattachApps(c.t, u, now);
}

const activationLink = (c: ActionCtx) => {
  const token = randomToken(Math.random, 20);
  // Identity Engine orgs' activation link (UserActivationToken.activationUrl in the spec).
  return { activationUrl: `${c.base}/tokens/${token}/verify`, activationToken: token };
};

/**
 * STAGED or DEPROVISIONED only (else 403 E0000016). With a password the user becomes ACTIVE; without
 * one PROVISIONED until they follow the activation link. sendEmail=false returns the link and token.
 */
export function activateUser(c: ActionCtx, actor: Actor, u: UserRec, sendEmail: boolean) {
  if (u.status !== "STAGED" && u.status !== "DEPROVISIONED")
    throw new ActionError(403, "E0000016", "Activation failed because the user is already active");
  const hasPassword = u.passwordChanged !== null;
  setStatus(c, u, hasPassword ? "ACTIVE" : "PROVISIONED");
  // `activated` is when the transition to ACTIVE completed.
  if (hasPassword) u.activated = c.now();
  c.log({ e: "user.lifecycle.activate", ...who(actor), x: u.seq });
  return sendEmail ? {} : activationLink(c);
}

/** PROVISIONED or RECOVERY only (else 403 E0000038): restarts activation; sendEmail defaults to false. */
export function reactivateUser(c: ActionCtx, actor: Actor, u: UserRec, sendEmail: boolean) {
  if (u.status !== "PROVISIONED" && u.status !== "RECOVERY") throw notAllowed();
  u.lastUpdated = c.now();
  c.log({ e: "user.lifecycle.reactivate", ...who(actor), x: u.seq });
  return sendEmail ? {} : activationLink(c);
}

/** Any status but DEPROVISIONED (then 403 E0000038). Ends every app assignment, direct or via a group. */
export function deactivateUser(c: ActionCtx, actor: Actor, u: UserRec) {
  if (u.status === "DEPROVISIONED") throw notAllowed();
  setStatus(c, u, "DEPROVISIONED");
  c.log({ e: "user.lifecycle.deactivate", ...who(actor), x: u.seq });
}

/** ACTIVE only; any other status is 400 E0000001 (Okta's documented answer). Assignments are kept. */
export function suspendUser(c: ActionCtx, actor: Actor, u: UserRec) {
  if (u.status !== "ACTIVE") throw invalid("status", ["Cannot suspend a user that is not active"]);
  setStatus(c, u, "SUSPENDED");
  c.log({ e: "user.lifecycle.suspend", ...who(actor), x: u.seq });
}

/** SUSPENDED only; any other status is 400 E0000001. */
export function unsuspendUser(c: ActionCtx, actor: Actor, u: UserRec) {
  if (u.status !== "SUSPENDED") throw invalid("status", ["Cannot unsuspend a user that is not suspended"]);
  setStatus(c, u, "ACTIVE");
  c.log({ e: "user.lifecycle.unsuspend", ...who(actor), x: u.seq });
}

/**
 * LOCKED_OUT becomes ACTIVE. Okta also accepts an ACTIVE user (it unblocks unknown devices; the status
 * stays); any other status is 403 E0000032. Logged as user.account.unlock_by_admin (user.account.unlock
 * is Okta's automatic unlock).
 */
export function unlockUser(c: ActionCtx, actor: Actor, u: UserRec) {
  if (u.status !== "LOCKED_OUT" && u.status !== "ACTIVE") throw new ActionError(403, "E0000032", "Unlock is not allowed for this user.");
  if (u.status === "LOCKED_OUT") setStatus(c, u, "ACTIVE");
  else u.lastUpdated = c.now();
  c.log({ e: "user.account.unlock_by_admin", ...who(actor), x: u.seq });
}

export function lockUser(c: ActionCtx, u: UserRec) {
  if (u.status !== "ACTIVE") throw notAllowed();
  setStatus(c, u, "LOCKED_OUT");
  c.log({ e: "user.session.start", a: u.seq, x: u.seq, o: "FAILURE", r: "INVALID_CREDENTIALS" });
  c.log({ e: "user.account.lock", a: u.seq, x: u.seq });
}

/**
 * To RECOVERY, from a status that can sign in or is setting up (else 403 E0000038). sendEmail=false
 * returns the one-time link; revokeSessions=true also ends the user's sessions.
 */
export function resetPassword(c: ActionCtx, actor: Actor, u: UserRec, sendEmail: boolean, revokeSessions = false) {
  if (!["ACTIVE", "PASSWORD_EXPIRED", "LOCKED_OUT", "RECOVERY", "PROVISIONED"].includes(u.status)) throw notAllowed();
  setStatus(c, u, "RECOVERY");
  c.log({ e: "user.account.reset_password", ...who(actor), x: u.seq });
  if (revokeSessions) c.log({ e: "user.session.clear", ...who(actor), x: u.seq });
  return sendEmail ? {} : { resetPasswordUrl: `${c.base}/signin/reset-password/${randomToken(Math.random, 20)}` };
}

/** To PASSWORD_EXPIRED, for a user who has a password and is not suspended or deactivated (else 403 E0000038). */
export function expirePassword(c: ActionCtx, actor: Actor, u: UserRec) {
  if (!["ACTIVE", "PASSWORD_EXPIRED", "RECOVERY", "LOCKED_OUT"].includes(u.status) || u.passwordChanged === null) throw notAllowed();
  setStatus(c, u, "PASSWORD_EXPIRED");
  c.log({ e: "user.account.expire_password", ...who(actor), x: u.seq });
}

/** Every factor back to unenrolled; the status stays. A deactivated user is 403 E0000038. */
export function resetFactors(c: ActionCtx, actor: Actor, u: UserRec) {
  if (u.status === "DEPROVISIONED") throw notAllowed();
  u.factors = 0;
  u.lastUpdated = c.now();
  c.log({ e: "user.mfa.factor.reset_all", ...who(actor), x: u.seq });
}

export function clearSessions(c: ActionCtx, actor: Actor, u: UserRec) {
  c.log({ e: "user.session.clear", ...who(actor), x: u.seq });
}

/**
 * DELETE /users/{id}: on a user who is not DEPROVISIONED it only deactivates (Okta's documented
 * behaviour); on a DEPROVISIONED user it deletes for good (user.lifecycle.delete.initiated, then
 * .completed). Returns what it did.
 */
export function deleteUser(c: ActionCtx, actor: Actor, u: UserRec): "deactivated" | "deleted" {
  if (u.status !== "DEPROVISIONED") {
    deactivateUser(c, actor, u);
    return "deactivated";
  }
  const now = c.now();
  for (const g of [...u.groups]) removeMembership(c.t, c.t.groups[g], u, now);
  c.t.rolesByUser.delete(u.seq);
  c.t.userSeqByLogin.delete(String(u.profile.login).toLowerCase());
  u.deleted = true;
  bumpEveryone();
  c.t.groups[EVERYONE].lastMembershipUpdated = now;
  c.log({ e: "user.lifecycle.delete.initiated", ...who(actor), x: u.seq });
  c.log({ e: "user.lifecycle.delete.completed", ...who(actor), x: u.seq });
  return "deleted";
}

/**
 * OKTA_GROUP only: Okta refuses APP_GROUP and BUILT_IN memberships with 403 E0000006. Adding a member
 * twice is a no-op. The apps the group is assigned to follow (GROUP-scope app users), logged only as
 * the membership change.
 */
export function addMember(c: ActionCtx, actor: Actor, g: GroupRec, u: UserRec) {
  if (g.type !== "OKTA_GROUP") throw forbidden();
  if (addMembership(c.t, g, u, c.now())) c.log({ e: "group.user_membership.add", ...who(actor), x: u.seq, y: g.seq });
}

export function removeMember(c: ActionCtx, actor: Actor, g: GroupRec, u: UserRec) {
  if (g.type !== "OKTA_GROUP") throw forbidden();
  if (removeMembership(c.t, g, u, c.now())) c.log({ e: "group.user_membership.remove", ...who(actor), x: u.seq, y: g.seq });
}

/**
 * A direct (USER-scope) assignment. A user who already holds the app through a group gets the direct
 * assignment too (scope USER); a new user name is logged as a username change.
 */
export function assignUserToApp(c: ActionCtx, actor: Actor, app: AppRec, u: UserRec, userName?: string) {
  if (u.status === "DEPROVISIONED") throw invalid("user", ["Deactivated users cannot be assigned to applications."]);
  const existing = app.users.get(u.seq);
  const oldName = existing?.userName;
  const au = addAppUser(c.t, app, u, c.now(), { direct: true })!;
  if (userName) au.userName = userName;
  if (!existing) c.log({ e: "application.user_membership.add", ...who(actor), x: u.seq, y: app.seq });
  else if (oldName !== au.userName) c.log({ e: "application.user_membership.change_username", ...who(actor), x: u.seq, y: app.seq });
  return au;
}

/**
 * Not assigned: 404 E0000007. Held through a group (whether or not also direct): 403 E0000046, as Okta
 * answers ("The application cannot be unassigned from the user while their group memberships grant
 * them access"); the group assignment has to go instead.
 */
export function unassignUserFromApp(c: ActionCtx, actor: Actor, app: AppRec, u: UserRec) {
  const au = app.users.get(u.seq);
  if (!au) throw new ActionError(404, "E0000007", `Not found: Resource not found: ${u.id} (AppUser)`);
  if (au.viaGroups > 0)
    throw new ActionError(403, "E0000046", "Deactivate application for user forbidden.", [
      "The application cannot be unassigned from the user while their group memberships grant them access",
    ]);
  if (dropAppUser(app, u, { direct: true }, c.now()))
    c.log({ e: "application.user_membership.remove", ...who(actor), x: u.seq, y: app.seq });
}

/**
 * Assigns a group (group.application_assignment.add) and through it the app to every member (their
 * GROUP-scope app users appear at once, without events of their own); again: updates the priority.
 */
export function assignGroup(c: ActionCtx, actor: Actor, app: AppRec, g: GroupRec, priority?: number) {
  const now = c.now();
  const existing = app.groups.get(g.seq);
  if (existing) {
    if (priority !== undefined && priority !== existing.priority) {
      existing.priority = priority;
      c.log({ e: "group.application_assignment.update", ...who(actor), x: g.seq, y: app.seq });
    }
    existing.lastUpdated = now;
    return;
  }
  assignGroupToApp(c.t, app, g, now, priority ?? app.groups.size);
  c.log({ e: "group.application_assignment.add", ...who(actor), x: g.seq, y: app.seq });
}

/** Not assigned: 404 E0000007. Members who held the app only through this group lose it. */
export function unassignGroup(c: ActionCtx, actor: Actor, app: AppRec, g: GroupRec) {
  if (!app.groups.has(g.seq)) throw new ActionError(404, "E0000007", `Not found: Resource not found: ${g.id} (ApplicationGroupAssignment)`);
  unassignGroupFromApp(c.t, app, g, c.now());
  c.log({ e: "group.application_assignment.remove", ...who(actor), x: g.seq, y: app.seq });
}

/** The mutations' profile edit (an HR feed's change; displayName follows the name). */
export function updateProfile(c: ActionCtx, actor: Actor, u: UserRec, changes: Profile) {
  const now = c.now();
  const oldLogin = String(u.profile.login).toLowerCase();
  Object.assign(u.profile, changes);
  if (changes.firstName !== undefined || changes.lastName !== undefined)
    u.profile.displayName = `${u.profile.firstName} ${u.profile.lastName}`;
  const newLogin = String(u.profile.login).toLowerCase();
  if (newLogin !== oldLogin) {
    c.t.userSeqByLogin.delete(oldLogin);
    c.t.userSeqByLogin.set(newLogin, u.seq);
  }
  u.lastUpdated = now;
  c.log({ e: "user.account.update_profile", ...who(actor), x: u.seq, d: { changedAttributes: Object.keys(changes).join(",") } });
}

// ---------------- creating and updating users through the API ----------------

/** Okta's base profile: these four are required and must not be null (default Universal Directory schema). */
const REQUIRED = ["login", "email", "firstName", "lastName"] as const;
const MAX_LEN: Record<string, number> = { login: 100, email: 100, firstName: 50, lastName: 50, secondEmail: 100 };
/** Base-schema attributes that are strings (UserProfile in the spec); custom attributes are taken as given. */
const STRING_ATTRS = new Set([
  "city",
  "costCenter",
  "countryCode",
  "department",
  "displayName",
  "division",
  "email",
  "employeeNumber",
  "firstName",
  "honorificPrefix",
  "honorificSuffix",
  "lastName",
  "locale",
  "login",
  "manager",
  "managerId",
  "middleName",
  "mobilePhone",
  "nickName",
  "organization",
  "postalAddress",
  "preferredLanguage",
  "primaryPhone",
  "profileUrl",
  "secondEmail",
  "state",
  "streetAddress",
  "timezone",
  "title",
  "userType",
  "zipCode",
]);
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** Okta's default login pattern: an email address. */
const LOGIN = /^[^@\s]+@[^@\s]+$/;

/**
 * Okta's profile validation as causes ("field: reason"), for the attributes in `fields` (a partial
 * update checks only what it changes, plus that no required attribute became null).
 */
function profileCauses(t: Tenant, profile: Record<string, unknown>, fields: string[], self: UserRec | null): string[] {
  const causes: string[] = [];
  for (const f of fields) {
    const v = profile[f];
    if ((REQUIRED as readonly string[]).includes(f) && (v === undefined || v === null || (typeof v === "string" && !v.trim()))) {
      causes.push(`${f}: The field cannot be left blank`);
      continue;
    }
    if (v === null || v === undefined) continue;
    if (STRING_ATTRS.has(f) && typeof v !== "string") {
      causes.push(`${f}: The value must be a string`);
      continue;
    }
    if (typeof v === "string" && MAX_LEN[f] !== undefined && v.length > MAX_LEN[f])
      causes.push(`${f}: The field cannot exceed ${MAX_LEN[f]} characters`);
    else if (f === "login" && typeof v === "string") {
      if (!LOGIN.test(v)) causes.push("login: Username must be in the form of an email address");
      else {
        const holder = t.userSeqByLogin.get(v.toLowerCase());
        if (holder !== undefined && holder !== self?.seq)
          causes.push("login: An object with this field already exists in the current organization");
      }
    } else if ((f === "email" || f === "secondEmail") && typeof v === "string" && !EMAIL.test(v))
      causes.push(`${f}: Does not match required pattern`);
  }
  return causes;
}

function checkProfile(t: Tenant, profile: Record<string, unknown>, fields: string[], self: UserRec | null) {
  const causes = profileCauses(t, profile, fields, self);
  if (causes.length) throw invalid(causes[0].split(":")[0], causes);
}

/** Okta's default password policy: 8+ characters, lower and upper case, a digit, no part of the username. */
function checkPassword(password: unknown, login: string) {
  if (typeof password !== "string") throw invalid("password", ["password: The value must be a string"]);
  const local = login.split("@")[0].toLowerCase();
  const parts = local.split(/[._\-+]/).filter((p) => p.length >= 3);
  if (
    password.length < 8 ||
    !/[a-z]/.test(password) ||
    !/[A-Z]/.test(password) ||
    !/\d/.test(password) ||
    parts.some((p) => password.toLowerCase().includes(p))
  )
    throw invalid("password", [
      "password: Password requirements were not met. Password requirements: at least 8 characters, a lowercase letter, an uppercase letter, a number, no parts of your username.",
    ]);
}

export interface Credentials {
  password?: { value?: unknown; hash?: unknown; hook?: unknown };
  recovery_question?: { question?: unknown; answer?: unknown };
  provider?: { type?: unknown; name?: unknown };
}

/** The password in a credentials object, after checking it; undefined when none is given. */
function passwordOf(creds: Credentials | undefined, login: string): string | undefined {
  if (creds === undefined || creds === null) return undefined;
  if (typeof creds !== "object" || Array.isArray(creds)) throw invalid("credentials", ["credentials: must be an object"]);
  if (creds.provider !== undefined && creds.provider?.type !== "OKTA")
    throw invalid("provider", ["provider: the emulator only creates and updates users with the OKTA credential provider"]);
  const pw = creds.password;
  if (pw === undefined || pw === null) return undefined;
  if (pw.hash !== undefined || pw.hook !== undefined)
    throw invalid("password", ["password: imported password hashes and password hooks are not emulated; give password.value"]);
  if (pw.value === undefined) return undefined;
  checkPassword(pw.value, login);
  return pw.value as string;
}

export interface CreateUserInput {
  profile: unknown;
  credentials?: Credentials;
  groupIds?: unknown;
  type?: { id?: unknown };
}

/**
 * POST /api/v1/users. activate=false: STAGED. activate=true: ACTIVE with a password, else PROVISIONED
 * (the activation email goes out). nextLogin=changePassword (needs activate=true and a password):
 * PASSWORD_EXPIRED. groupIds: up to 20 OKTA_GROUPs, checked before anything is created. Logs
 * user.lifecycle.create, user.lifecycle.activate (when activated), a membership add per group and
 * an app membership add per app the new user's groups (Everyone included) carry. Returns the user and
 * its password (for the emulator's sign-in page).
 */
export function createUser(
  c: ActionCtx,
  actor: Actor,
  input: CreateUserInput,
  opts: { activate: boolean; nextLogin: string | null },
): { user: UserRec; password?: string } {
  const t = c.t;
  const profile = input.profile;
  if (!profile || typeof profile !== "object" || Array.isArray(profile))
    throw invalid("profile", ["profile: The field cannot be left blank"]);
  const p = profile as Record<string, unknown>;
  checkProfile(t, p, [...new Set([...REQUIRED, ...Object.keys(p)])], null);
  if (input.type?.id !== undefined && input.type.id !== t.userTypeId)
    throw new ActionError(404, "E0000007", `Not found: Resource not found: ${String(input.type.id)} (UserType)`);
  const password = passwordOf(input.credentials, String(p.login));
  if (opts.nextLogin !== null && opts.nextLogin !== "changePassword") throw invalid("nextLogin", ["nextLogin: must be changePassword"]);
  if (opts.nextLogin === "changePassword") {
    if (!opts.activate)
      throw new ActionError(
        400,
        "E0000125",
        "Could not create user. To create a user and expire their password immediately, `activate` must be true.",
        ["Could not create user. To create a user and expire their password immediately, `activate` must be true."],
      );
    if (password === undefined)
      throw new ActionError(
        400,
        "E0000124",
        "Could not create user. To create a user and expire their password immediately, a password must be specified.",
        ["Could not create user. To create a user and expire their password immediately, a password must be specified."],
      );
  }
  const groups = groupsFor(t, input.groupIds);

  const now = c.now();
  const status: UserStatus = !opts.activate
    ? "STAGED"
    : password === undefined
      ? "PROVISIONED"
      : opts.nextLogin === "changePassword"
        ? "PASSWORD_EXPIRED"
        : "ACTIVE";
  const active = status === "ACTIVE" || status === "PASSWORD_EXPIRED";
  const u: UserRec = {
    seq: t.users.length,
    id: uniqueId((id) => t.userSeqById.has(id), "00u"),
    status,
    created: now,
    activated: active ? now : null,
    statusChanged: status === "STAGED" ? null : now,
    lastLogin: null,
    lastUpdated: now,
    passwordChanged: password === undefined ? null : now,
    profile: { ...(p as Profile) },
    groups: [],
    apps: [],
    factors: 0,
    deleted: false,
  };
  t.users.push(u);
  t.userSeqById.set(u.id, u.seq);
  t.userSeqByLogin.set(String(u.profile.login).toLowerCase(), u.seq);
  bumpEveryone();
  t.groups[EVERYONE].lastMembershipUpdated = now;
  c.log({ e: "user.lifecycle.create", ...who(actor), x: u.seq });
  if (opts.activate) c.log({ e: "user.lifecycle.activate", ...who(actor), x: u.seq });
  // Everyone's apps reach every user; each group adds its own.
  for (const a of t.groups[EVERYONE].apps) addAppUser(t, t.apps[a], u, now, { viaGroup: true });
  for (const g of groups) addMember(c, actor, g, u);
  return { user: u, password };
}

function groupsFor(t: Tenant, raw: unknown): GroupRec[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((x) => typeof x !== "string")) throw invalid("groupIds", ["groupIds: must be a list of group ids"]);
  // The spec's example answer to more than 20 group ids.
  if (raw.length > 20) throw new ActionError(400, "E0000093", "Target count limit exceeded", ["The number of group targets is too large"]);
  const out: GroupRec[] = [];
  for (const id of raw as string[]) {
    const seq = t.groupSeqById.get(id);
    const g = seq === undefined ? undefined : t.groups[seq];
    if (!g || g.deleted) throw new ActionError(404, "E0000007", `Not found: Resource not found: ${id} (UserGroup)`);
    if (g.type !== "OKTA_GROUP") throw forbidden();
    if (!out.includes(g)) out.push(g);
  }
  return out;
}

export interface UpdateUserInput {
  profile?: unknown;
  credentials?: Credentials;
  type?: { id?: unknown };
}

/**
 * POST /api/v1/users/{id} (partial: the named attributes change, null clears one) or PUT (the profile
 * is replaced: attributes not given are removed). A new credentials.password.value sets the password
 * (user.account.update_password; RECOVERY and PASSWORD_EXPIRED users become ACTIVE). A DEPROVISIONED
 * user is refused with 403 E0000038 (Okta leaves deactivated profiles alone unless an org setting
 * allows it). Logs user.account.update_profile with the changed attribute names when any changed.
 */
export function updateUser(
  c: ActionCtx,
  actor: Actor,
  u: UserRec,
  input: UpdateUserInput,
  replace: boolean,
): { password?: string; changed: string[] } {
  const t = c.t;
  if (u.status === "DEPROVISIONED") throw notAllowed();
  if (input.type?.id !== undefined && input.type.id !== t.userTypeId)
    throw invalid("type", ["type: the user type can only be changed with a full replacement (PUT)"]);
  let next: Record<string, unknown> = u.profile;
  let fields: string[] = [];
  if (input.profile !== undefined) {
    if (!input.profile || typeof input.profile !== "object" || Array.isArray(input.profile))
      throw invalid("profile", ["profile: must be an object"]);
    const given = input.profile as Record<string, unknown>;
    next = replace ? { ...given } : { ...u.profile, ...given };
    fields = replace ? [...new Set([...REQUIRED, ...Object.keys(given)])] : Object.keys(given);
    checkProfile(t, next, fields, u);
  } else if (replace) throw invalid("profile", ["profile: The field cannot be left blank"]);
  const password = passwordOf(input.credentials, String(next.login ?? u.profile.login));

  const now = c.now();
  const changed = [...new Set([...Object.keys(u.profile), ...Object.keys(next)])].filter(
    (k) => JSON.stringify(u.profile[k] ?? null) !== JSON.stringify(next[k] ?? null),
  );
  if (changed.length) {
    const oldLogin = String(u.profile.login).toLowerCase();
    u.profile = next as Profile;
    const newLogin = String(u.profile.login).toLowerCase();
    if (newLogin !== oldLogin) {
      t.userSeqByLogin.delete(oldLogin);
      t.userSeqByLogin.set(newLogin, u.seq);
    }
    u.lastUpdated = now;
    c.log({ e: "user.account.update_profile", ...who(actor), x: u.seq, d: { changedAttributes: changed.join(",") } });
  }
  if (password !== undefined) {
    u.passwordChanged = now;
    u.lastUpdated = now;
    if (u.status === "RECOVERY" || u.status === "PASSWORD_EXPIRED") setStatus(c, u, "ACTIVE");
    c.log({ e: "user.account.update_password", ...who(actor), x: u.seq });
  }
  return { password, changed };
}

function uniqueId(taken: (id: string) => boolean, prefix: string) {
  for (;;) {
    const id = oktaId(Math.random, prefix);
    if (!taken(id)) return id;
  }
}

export function createGroup(c: ActionCtx, actor: Actor, rng: Rng, name: string, description: string): GroupRec {
  const now = c.now();
  const g: GroupRec = {
    seq: c.t.groups.length,
    id: oktaId(rng, "00g"),
    type: "OKTA_GROUP",
    created: now,
    lastUpdated: now,
    lastMembershipUpdated: now,
    profile: { name, description },
    members: [],
    sourceApp: null,
    apps: [],
    deleted: false,
  };
  c.t.groups.push(g);
  c.t.groupSeqById.set(g.id, g.seq);
  c.log({ e: "group.lifecycle.create", ...who(actor), x: g.seq });
  return g;
}

export function deleteGroup(c: ActionCtx, actor: Actor, g: GroupRec) {
  if (g.type !== "OKTA_GROUP") throw forbidden();
  const now = c.now();
  for (const a of [...g.apps]) unassignGroupFromApp(c.t, c.t.apps[a], g, now);
  for (const s of [...g.members]) removeMembership(c.t, g, c.t.users[s], now);
  c.t.rolesByGroup.delete(g.seq);
  g.deleted = true;
  c.log({ e: "group.lifecycle.delete", ...who(actor), x: g.seq });
}
