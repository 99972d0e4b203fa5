// Whether the target's current state allows the action, by Okta's lifecycle rules, and if not why, in
// plain words. Pure: it judges a snapshot (read-target.ts builds it from a fresh Okta read and the
// synced data), so the request, the preview and the executor (just before sending) give the same answer.
//
// Okta's rules (the Users API lifecycle operations in the vendored spec, emulator/okta-spec, and emulator/README.md):
//   activate        STAGED or DEPROVISIONED        suspend    ACTIVE only
//   reactivate      PROVISIONED or RECOVERY        unsuspend  SUSPENDED only
//   unlock          LOCKED_OUT only                deactivate anything but DEPROVISIONED
//   delete          DEPROVISIONED only (Okta's first DELETE of anyone else deactivates instead)
//   reset_password  ACTIVE, PASSWORD_EXPIRED, LOCKED_OUT, RECOVERY, PROVISIONED
//   expire_password ACTIVE, PASSWORD_EXPIRED, LOCKED_OUT, RECOVERY
//   reset_factors, revoke_sessions, update_profile: anyone who is not DEPROVISIONED (or STAGED: no factors, no sessions)
//   group members: OKTA_GROUP only (APP_GROUP members come from their directory; BUILT_IN is everyone)
//   a GROUP-scope app assignment is removed through its group, never directly
// A person Okta is still moving between statuses (transitioningToStatus) is refused until it settles.
import type { ActionKind } from "@/db/enums";
import { ACTION_KIND_INFO, type EditableProfileField } from "./kinds";

export interface UserState {
  id: string;
  status: string;
  login: string;
  email: string | null;
  name: string;
  transitioningToStatus: string | null;
  profile: Record<string, unknown>;
}
export interface GroupState {
  id: string;
  type: string;
  name: string;
}
export interface AppState {
  id: string;
  label: string;
  status: string;
}
export interface AppUserState {
  /** USER: assigned directly; GROUP: through a group. */
  scope: string | null;
  status: string | null;
  userName: string | null;
}

/**
 * What the action's target looks like now. A field is `undefined` when the kind is not about it and
 * `null` when Okta has no such object (or no such membership / assignment).
 */
export interface TargetState {
  user?: UserState | null;
  group?: GroupState | null;
  app?: AppState | null;
  /** group_member: the person is a member of the group. */
  member?: boolean;
  /** app_user: the person's assignment to the app. */
  appUser?: AppUserState | null;
  /** app_user: groups the person is in that the app is assigned to (what grants a GROUP assignment). */
  grantingGroups?: { id: string; name: string }[];
  /** app_group: the group's assignment to the app. */
  appGroup?: { priority: number | null } | null;
  /** new_user: who already has the login, if anyone. */
  loginTaken?: { id: string; status: string } | null;
  /** new_user: the groups to put the person in, as Okta has them, and the ids Okta does not know. */
  groups?: GroupState[];
  missingGroupIds?: string[];
}

export type StateCheck =
  | { ok: true }
  | {
      ok: false;
      reason: string;
      /** state: not allowed now; already: the end state is already there (nothing to do); gone: no such object; type: not this kind of object. */
      code: "state" | "already" | "gone" | "type";
    };

const OK: StateCheck = { ok: true };
const no = (code: Exclude<StateCheck, { ok: true }>["code"], reason: string): StateCheck => ({ ok: false, code, reason });

const article = (status: string) => (/^[AEIOU]/.test(status) ? "an" : "a");
const statuses = (xs: readonly string[]) => (xs.length === 1 ? xs[0] : `${xs.slice(0, -1).join(", ")} or ${xs[xs.length - 1]}`);

/** Statuses each user kind may start from, and the status it ends in (when it has one). */
const USER_RULES: Partial<Record<ActionKind, { from: readonly string[]; to?: string; why?: string }>> = {
  "user.activate": { from: ["STAGED", "DEPROVISIONED"] },
  "user.reactivate": {
    from: ["PROVISIONED", "RECOVERY"],
    why: "only a person who was sent an activation and has not finished it can be sent a new one",
  },
  "user.suspend": { from: ["ACTIVE"], to: "SUSPENDED" },
  "user.unsuspend": { from: ["SUSPENDED"], to: "ACTIVE" },
  // Not locked out: nothing to unlock (Okta answers an ACTIVE person's unlock without a change).
  "user.unlock": { from: ["LOCKED_OUT"], to: "ACTIVE" },
  "user.delete": { from: ["DEPROVISIONED"], why: "Okta deletes only deactivated people; deactivate them first" },
  "user.reset_password": { from: ["ACTIVE", "PASSWORD_EXPIRED", "LOCKED_OUT", "RECOVERY", "PROVISIONED"] },
  "user.expire_password": { from: ["ACTIVE", "PASSWORD_EXPIRED", "LOCKED_OUT", "RECOVERY"] },
};

/** Kinds that act on anyone who still has an account to act on. */
const NOT_FROM: Partial<Record<ActionKind, { not: readonly string[]; why: string }>> = {
  "user.deactivate": { not: ["DEPROVISIONED"], why: "is already deactivated" },
  "user.reset_factors": { not: ["DEPROVISIONED", "STAGED"], why: "has no factors to reset" },
  "user.revoke_sessions": { not: ["DEPROVISIONED", "STAGED"], why: "has no sessions to end" },
  "user.update_profile": { not: ["DEPROVISIONED"], why: "is deactivated; Okta does not change a deactivated person's profile" },
};

function checkUser(kind: ActionKind, u: UserState | null | undefined, params: unknown): StateCheck {
  const label = ACTION_KIND_INFO[kind].label;
  if (!u) return no("gone", "Okta has no such person any more (deleted, or the id is wrong).");
  if (u.transitioningToStatus) return no("state", `Okta is still moving ${u.login} to ${u.transitioningToStatus}; try again in a minute.`);
  const rule = USER_RULES[kind];
  if (rule) {
    if (rule.to === u.status) return no("already", `${u.login} is already ${u.status}.`);
    if (!rule.from.includes(u.status)) {
      const need = `${label} needs ${article(rule.from[0])} ${statuses(rule.from)} person; ${u.login} is ${u.status}`;
      return no("state", `${need}${rule.why ? ` (${rule.why})` : ""}.`);
    }
  }
  const not = NOT_FROM[kind];
  if (not?.not.includes(u.status)) {
    return no(kind === "user.deactivate" ? "already" : "state", `${label}: ${u.login} ${not.why} (${u.status}).`);
  }
  // Without parameters (an Actions menu, before the fields are chosen) only the status is judged.
  if (kind === "user.update_profile" && params !== undefined) {
    const changes = (params as { profile?: Partial<Record<EditableProfileField, string | null>> } | undefined)?.profile ?? {};
    const differs = Object.entries(changes).some(([k, v]) => v !== undefined && (u.profile[k] ?? null) !== v);
    if (!differs) return no("already", `${u.login}'s profile already has these values.`);
  }
  return OK;
}

function groupTypeRefusal(g: GroupState, what: string): StateCheck | null {
  if (g.type === "OKTA_GROUP") return null;
  if (g.type === "APP_GROUP")
    return no(
      "type",
      `${g.name} is an APP_GROUP: its members come from the directory or app it is imported from, so ${what} there, not in Okta.`,
    );
  if (g.type === "BUILT_IN") return no("type", `${g.name} is Okta's built-in group of everyone; its members cannot be changed.`);
  return no("type", `${g.name} is a ${g.type} group; only Okta groups (OKTA_GROUP) have members that can be changed.`);
}

export function checkTargetState(kind: ActionKind, state: TargetState, params: unknown): StateCheck {
  const info = ACTION_KIND_INFO[kind];
  switch (info.target) {
    case "user":
      return checkUser(kind, state.user, params);

    case "group_member": {
      if (!state.group) return no("gone", "Okta has no such group any more.");
      if (!state.user) return no("gone", "Okta has no such person any more.");
      const add = kind === "group.add_member";
      const refused = groupTypeRefusal(state.group, add ? "add them" : "remove them");
      if (refused) return refused;
      if (add && state.member) return no("already", `${state.user.login} is already a member of ${state.group.name}.`);
      if (!add && !state.member) return no("already", `${state.user.login} is not a member of ${state.group.name}.`);
      return OK;
    }

    case "app_user": {
      if (!state.app) return no("gone", "Okta has no such app any more.");
      if (!state.user) return no("gone", "Okta has no such person any more.");
      const who = state.user.login;
      const app = state.app.label;
      if (kind === "app.assign_user") {
        if (state.user.status === "DEPROVISIONED")
          return no("state", `Assign app needs a person who is not deactivated; ${who} is DEPROVISIONED.`);
        const p = (params ?? {}) as { userName?: string; profile?: Record<string, unknown> };
        if (state.appUser?.scope === "USER" && !p.profile && (!p.userName || p.userName === state.appUser.userName))
          return no("already", `${who} is already assigned ${app} directly.`);
        return OK;
      }
      if (!state.appUser) return no("already", `${who} is not assigned ${app}.`);
      if (state.appUser.scope === "GROUP") {
        const groups = state.grantingGroups ?? [];
        const through = groups.length ? `the group${groups.length > 1 ? "s" : ""} ${groups.map((g) => g.name).join(", ")}` : "a group";
        return no(
          "state",
          `${who} has ${app} through ${through}, not directly: remove them from ${groups.length > 1 ? "those groups" : "that group"} or unassign ${app} from ${groups.length > 1 ? "them" : "it"} instead.`,
        );
      }
      return OK;
    }

    case "app_group": {
      if (!state.app) return no("gone", "Okta has no such app any more.");
      if (!state.group) return no("gone", "Okta has no such group any more.");
      const assigned = !!state.appGroup;
      if (kind === "app.assign_group") {
        const priority = (params as { priority?: number } | undefined)?.priority;
        if (assigned && (priority === undefined || priority === state.appGroup!.priority))
          return no("already", `${state.app.label} is already assigned to ${state.group.name}.`);
        return OK;
      }
      if (!assigned) return no("already", `${state.app.label} is not assigned to ${state.group.name}.`);
      return OK;
    }

    case "new_user": {
      const login = (params as { profile?: { login?: string } } | undefined)?.profile?.login ?? "";
      if (state.loginTaken)
        return no("state", `Okta already has a person with the login ${login} (${state.loginTaken.status}); logins are unique.`);
      if (state.missingGroupIds?.length) return no("gone", `Okta has no group with the id ${state.missingGroupIds.join(", ")}.`);
      for (const g of state.groups ?? []) {
        const refused = groupTypeRefusal(g, "add the person there");
        if (refused) return refused;
      }
      return OK;
    }
  }
}

/**
 * What can be judged before an action's other party and parameters are chosen (the Actions menus of a
 * person's and a group's page): the person's status for the person's own kinds, the group's type for
 * membership changes. The full check (checkTargetState) still runs on the preview, the request and
 * just before sending.
 */
export function checkSubjectState(kind: ActionKind, subject: { user?: UserState | null; group?: GroupState | null }): StateCheck {
  switch (ACTION_KIND_INFO[kind].target) {
    case "user":
      return checkUser(kind, subject.user, undefined);
    case "group_member":
      if (subject.group === undefined) return OK;
      if (subject.group === null) return no("gone", "Okta has no such group any more.");
      return groupTypeRefusal(subject.group, kind === "group.add_member" ? "add them" : "remove them") ?? OK;
    default:
      return OK;
  }
}
