// State changes shared by the Management API write endpoints and the control plane's mutations.
// Each keeps the indexes consistent, moves the timestamps Okta moves, and writes the System Log.
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

export type Actor = number | string;
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

const notAllowed = () => new ActionError(403, "E0000038", "This operation is not allowed in the user's current status.");

function setStatus(c: ActionCtx, u: UserRec, status: UserStatus) {
  const now = c.now();
  const was = u.status;
  u.status = status;
  u.statusChanged = now;
  u.lastUpdated = now;
  if (status === "DEPROVISIONED") detachApps(c.t, u, now);
  if (was === "DEPROVISIONED" && status !== "DEPROVISIONED") reattachApps(c.t, u, now);
}

export function activateUser(c: ActionCtx, actor: Actor, u: UserRec, sendEmail: boolean) {
  if (u.status !== "STAGED" && u.status !== "DEPROVISIONED")
    throw new ActionError(403, "E0000016", "Activation failed because the user is already active");
  const hadPassword = u.passwordChanged !== null && u.status === "DEPROVISIONED";
  setStatus(c, u, hadPassword ? "ACTIVE" : "PROVISIONED");
  u.activated = c.now();
  c.log({ e: "user.lifecycle.activate", a: actor, x: u.seq });
  const token = randomToken(Math.random, 20);
  return sendEmail ? {} : { activationUrl: `${c.base}/welcome/${token}`, activationToken: token };
}

export function reactivateUser(c: ActionCtx, actor: Actor, u: UserRec, sendEmail: boolean) {
  if (u.status !== "PROVISIONED" && u.status !== "RECOVERY") throw notAllowed();
  u.lastUpdated = c.now();
  c.log({ e: "user.lifecycle.reactivate", a: actor, x: u.seq });
  const token = randomToken(Math.random, 20);
  return sendEmail ? {} : { activationUrl: `${c.base}/welcome/${token}`, activationToken: token };
}

export function deactivateUser(c: ActionCtx, actor: Actor, u: UserRec) {
  if (u.status === "DEPROVISIONED")
    throw new ActionError(400, "E0000001", "Api validation failed: status", ["The user is already deactivated."]);
  setStatus(c, u, "DEPROVISIONED");
  c.log({ e: "user.lifecycle.deactivate", a: actor, x: u.seq });
}

export function suspendUser(c: ActionCtx, actor: Actor, u: UserRec) {
  if (u.status !== "ACTIVE")
    throw new ActionError(400, "E0000001", "Api validation failed: status", ["Cannot suspend a user that is not active"]);
  setStatus(c, u, "SUSPENDED");
  c.log({ e: "user.lifecycle.suspend", a: actor, x: u.seq });
}

export function unsuspendUser(c: ActionCtx, actor: Actor, u: UserRec) {
  if (u.status !== "SUSPENDED")
    throw new ActionError(400, "E0000001", "Api validation failed: status", ["Cannot unsuspend a user that is not suspended"]);
  setStatus(c, u, "ACTIVE");
  c.log({ e: "user.lifecycle.unsuspend", a: actor, x: u.seq });
}

export function unlockUser(c: ActionCtx, actor: Actor, u: UserRec) {
  if (u.status !== "LOCKED_OUT") throw notAllowed();
  setStatus(c, u, "ACTIVE");
  c.log({ e: "user.account.unlock_by_admin", a: actor, x: u.seq });
}

export function lockUser(c: ActionCtx, u: UserRec) {
  if (u.status !== "ACTIVE") throw notAllowed();
  setStatus(c, u, "LOCKED_OUT");
  c.log({ e: "user.session.start", a: u.seq, x: u.seq, o: "FAILURE", r: "INVALID_CREDENTIALS" });
  c.log({ e: "user.account.lock", a: u.seq, x: u.seq });
}

export function resetPassword(c: ActionCtx, actor: Actor, u: UserRec, sendEmail: boolean) {
  if (!["ACTIVE", "PASSWORD_EXPIRED", "LOCKED_OUT", "RECOVERY", "PROVISIONED"].includes(u.status)) throw notAllowed();
  setStatus(c, u, "RECOVERY");
  c.log({ e: "user.account.reset_password", a: actor, x: u.seq });
  return sendEmail ? {} : { resetPasswordUrl: `${c.base}/signin/reset-password/${randomToken(Math.random, 20)}` };
}

export function expirePassword(c: ActionCtx, actor: Actor, u: UserRec) {
  if (!["ACTIVE", "PASSWORD_EXPIRED", "RECOVERY", "LOCKED_OUT"].includes(u.status)) throw notAllowed();
  setStatus(c, u, "PASSWORD_EXPIRED");
  c.log({ e: "user.account.expire_password", a: actor, x: u.seq });
}

export function resetFactors(c: ActionCtx, actor: Actor, u: UserRec) {
  if (u.status === "DEPROVISIONED") throw notAllowed();
  u.factors = 0;
  u.lastUpdated = c.now();
  c.log({ e: "user.mfa.factor.reset_all", a: actor, x: u.seq });
}

export function clearSessions(c: ActionCtx, actor: Actor, u: UserRec) {
  c.log({ e: "user.session.clear", a: actor, x: u.seq });
}

/** First call deactivates; a call on a DEPROVISIONED user deletes it for good. */
export function deleteUser(c: ActionCtx, actor: Actor, u: UserRec) {
  if (u.status !== "DEPROVISIONED") return deactivateUser(c, actor, u);
  const now = c.now();
  for (const g of [...u.groups]) removeMembership(c.t, c.t.groups[g], u, now);
  c.t.rolesByUser.delete(u.seq);
  c.t.userSeqByLogin.delete(String(u.profile.login).toLowerCase());
  u.deleted = true;
  bumpEveryone();
  c.t.groups[EVERYONE].lastMembershipUpdated = now;
  c.log({ e: "user.lifecycle.delete.initiated", a: actor, x: u.seq });
}

export function addMember(c: ActionCtx, actor: Actor, g: GroupRec, u: UserRec) {
  if (g.type !== "OKTA_GROUP")
    throw new ActionError(400, "E0000001", "Api validation failed: group", [
      `You can only modify memberships for groups of type OKTA_GROUP; ${g.profile.name} is ${g.type}.`,
    ]);
  if (addMembership(c.t, g, u, c.now())) c.log({ e: "group.user_membership.add", a: actor, x: u.seq, y: g.seq });
}

export function removeMember(c: ActionCtx, actor: Actor, g: GroupRec, u: UserRec) {
  if (g.type !== "OKTA_GROUP")
    throw new ActionError(400, "E0000001", "Api validation failed: group", [
      `You can only modify memberships for groups of type OKTA_GROUP; ${g.profile.name} is ${g.type}.`,
    ]);
  if (removeMembership(c.t, g, u, c.now())) c.log({ e: "group.user_membership.remove", a: actor, x: u.seq, y: g.seq });
}

export function assignUserToApp(c: ActionCtx, actor: Actor, app: AppRec, u: UserRec, userName?: string) {
  if (u.status === "DEPROVISIONED")
    throw new ActionError(400, "E0000001", "Api validation failed: user", ["Deactivated users cannot be assigned to applications."]);
  const isNew = !app.users.get(u.seq);
  const au = addAppUser(c.t, app, u, c.now(), { direct: true })!;
  if (userName) au.userName = userName;
  if (isNew) c.log({ e: "application.user_membership.add", a: actor, x: u.seq, y: app.seq });
  return au;
}

export function unassignUserFromApp(c: ActionCtx, actor: Actor, app: AppRec, u: UserRec) {
  const au = app.users.get(u.seq);
  if (!au) throw new ActionError(404, "E0000007", `Not found: Resource not found: ${u.id} (AppUser)`);
  if (!au.direct && au.viaGroups > 0)
    throw new ActionError(403, "E0000038", "This operation is not allowed in the user's current status.", [
      "The user is assigned to the app through a group; remove the group assignment instead.",
    ]);
  if (dropAppUser(app, u, { direct: true }, c.now())) c.log({ e: "application.user_membership.remove", a: actor, x: u.seq, y: app.seq });
}

export function assignGroup(c: ActionCtx, actor: Actor, app: AppRec, g: GroupRec, priority?: number) {
  const now = c.now();
  if (assignGroupToApp(c.t, app, g, now, priority ?? app.groups.size))
    c.log({ e: "application.group_membership.add", a: actor, x: g.seq, y: app.seq });
  else if (priority !== undefined) app.groups.get(g.seq)!.priority = priority;
  app.groups.get(g.seq)!.lastUpdated = now;
}

export function unassignGroup(c: ActionCtx, actor: Actor, app: AppRec, g: GroupRec) {
  if (!unassignGroupFromApp(c.t, app, g, c.now()))
    throw new ActionError(404, "E0000007", `Not found: Resource not found: ${g.id} (ApplicationGroupAssignment)`);
  c.log({ e: "application.group_membership.remove", a: actor, x: g.seq, y: app.seq });
}

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
  c.log({ e: "user.account.update_profile", a: actor, x: u.seq, d: { changedAttributes: Object.keys(changes).join(",") } });
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
  c.log({ e: "group.lifecycle.create", a: actor, x: g.seq });
  return g;
}

export function deleteGroup(c: ActionCtx, actor: Actor, g: GroupRec) {
  if (g.type !== "OKTA_GROUP") throw new ActionError(403, "E0000006", "You do not have permission to perform the requested action");
  const now = c.now();
  for (const a of [...g.apps]) unassignGroupFromApp(c.t, c.t.apps[a], g, now);
  for (const s of [...g.members]) removeMembership(c.t, g, c.t.users[s], now);
  c.t.rolesByGroup.delete(g.seq);
  g.deleted = true;
  c.log({ e: "group.lifecycle.delete", a: actor, x: g.seq });
}
