// The catalogue of actions on Okta, one entry per ACTION_KIND (db/enums.ts): what it is called, the
// Okta call it makes, what it acts on, its parameters, the manage scope and admin roles it needs, and
// how careful the console must be with it. Pure (zod only), so pages, the request verbs, the executor
// (execute-action.ts) and the state rules (check-target-state.ts) all read the same facts.
//
// Okta's semantics behind the flags (Okta's Users, Groups and Apps APIs: the vendored spec in emulator/okta-spec and emulator/README.md):
// - `idempotent`: the call may be sent twice with the same end state and no second effect. Membership
//   and assignment PUT/DELETE are; so are clearing sessions and a partial profile update with the same
//   values. Lifecycle POSTs are not: each sends email or mints a new link, and Okta refuses a repeat once
//   the first has moved the status (400 E0000001 / 403 E0000038), which would misreport a success.
//   DELETE /users/{id} is not either: Okta's first DELETE deactivates, the second deletes. Creating a
//   user is never repeated. A non-idempotent call whose outcome is unknown is never re-sent: the target
//   is re-read (or the System Log consulted) and the outcome judged from Okta's state.
// - `destructive`: what the opposite action cannot undo. Deactivation deprovisions every app account;
//   deletion is final; resetting factors makes the person enrol again; removing an app assignment (of a
//   user, or of a group for all its members) deprovisions the account in apps that provision. Suspend,
//   unlock, password resets, sessions, profile fields and group membership are reversible.
import { z } from "zod";
import { ACTION_KINDS, type ActionKind, type ApprovalPolicy } from "@/db/enums";
import type { ManageScopeName } from "@/lib/integrations/contracts";

export type ManageScope = ManageScopeName;

/** What a kind acts on: which ids its target carries. `new_user`: nothing yet (the user is created). */
export type TargetType = "user" | "group_member" | "app_user" | "app_group" | "new_user";
export const TARGET_IDS: Record<TargetType, readonly ("userId" | "groupId" | "appId")[]> = {
  user: ["userId"],
  group_member: ["groupId", "userId"],
  app_user: ["appId", "userId"],
  app_group: ["appId", "groupId"],
  new_user: [],
};

export interface ActionTarget {
  userId?: string | null;
  groupId?: string | null;
  appId?: string | null;
}

/** The HTTP call a kind makes; `{userId}`, `{groupId}`, `{appId}` in the path come from the target. */
export interface OktaCallTemplate {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  /** Query parameters from the request's parameters. */
  query?: (params: never) => Record<string, string>;
  /** JSON body from the parameters and the target. */
  body?: (params: never, target: ActionTarget) => unknown;
}

/** Standard admin roles that may do the kind (Okta's admin role comparison; CUSTOM roles are judged by Okta). */
type AdminRole = "SUPER_ADMIN" | "ORG_ADMIN" | "USER_ADMIN" | "HELP_DESK_ADMIN" | "APP_ADMIN" | "GROUP_MEMBERSHIP_ADMIN";

export interface ActionKindInfo<P extends z.ZodType = z.ZodType> {
  kind: ActionKind;
  /** Plain words, as a button says it. */
  label: string;
  /** What it does, in a sentence. */
  description: string;
  target: TargetType;
  call: OktaCallTemplate;
  params: P;
  scope: ManageScope;
  roles: readonly AdminRole[];
  destructive: boolean;
  /** Why it is (or is not) destructive, when that is a judgement. */
  destructiveWhy?: string;
  idempotent: boolean;
  defaultApproval: ApprovalPolicy;
  /** System Log event types the action produces (Okta's and the emulator's names), to resolve an unknown outcome. */
  events: readonly string[];
}

// ---- parameters ---------------------------------------------------------------------------------

const field = z.string().trim().max(1024, "is too long (at most 1024 characters)");
const oktaId = (what: string) =>
  z
    .string()
    .trim()
    .min(1, "is required")
    .max(64, `is too long to be an Okta ${what} id`)
    .regex(/^[A-Za-z0-9_-]+$/, `is not an Okta ${what} id`);

/** Profile attributes the console lets people set; login is set at creation only. */
export const EDITABLE_PROFILE_FIELDS = [
  "firstName",
  "lastName",
  "email",
  "secondEmail",
  "displayName",
  "nickName",
  "title",
  "department",
  "division",
  "organization",
  "costCenter",
  "employeeNumber",
  "manager",
  "managerId",
  "mobilePhone",
  "primaryPhone",
  "streetAddress",
  "city",
  "state",
  "zipCode",
  "countryCode",
  "userType",
  "locale",
  "timezone",
  "preferredLanguage",
] as const;
export type EditableProfileField = (typeof EDITABLE_PROFILE_FIELDS)[number];

const email = z.string().trim().max(100, "is too long (at most 100 characters)").email("is not an email address");
const optionalProfile = Object.fromEntries(EDITABLE_PROFILE_FIELDS.map((f) => [f, field.optional()])) as Record<
  EditableProfileField,
  z.ZodOptional<typeof field>
>;

const createProfile = z
  .object({
    ...optionalProfile,
    firstName: field.min(1, "is required"),
    lastName: field.min(1, "is required"),
    email,
    login: z.string().trim().min(1, "is required").max(100, "is too long (at most 100 characters)"),
    secondEmail: email.optional(),
  })
  .strict();

const sendEmail = (def: boolean) => z.boolean().default(def);

export const userCreateParams = z
  .object({
    profile: createProfile,
    groupIds: z.array(oktaId("group")).max(20, "at most 20 groups").default([]),
    /** true: the person is activated now (Okta sends the activation email); false: staged, activated later. */
    activate: z.boolean().default(false),
  })
  .strict();

export const updateProfileParams = z
  .object({
    profile: z
      .object(Object.fromEntries(EDITABLE_PROFILE_FIELDS.map((f) => [f, field.nullable().optional()])) as Record<string, z.ZodType>)
      .strict()
      .refine((p) => Object.values(p).some((v) => v !== undefined), "choose at least one field to change"),
  })
  .strict();

const noParams = z.object({}).strict();
const emailParams = (def: boolean) => z.object({ sendEmail: sendEmail(def) }).strict();

export const assignUserParams = z
  .object({
    /** The person's user name in the app; Okta derives it from the app's user name template when omitted. */
    userName: z.string().trim().min(1, "is empty").max(200, "is too long (at most 200 characters)").optional(),
    /** App-specific profile attributes. */
    profile: z
      .record(z.string().max(100), z.union([z.string().max(1024), z.number(), z.boolean(), z.null()]))
      .refine((p) => Object.keys(p).length <= 50, "at most 50 attributes")
      .optional(),
  })
  .strict();

export const assignGroupParams = z.object({ priority: z.number().int().min(0).max(100_000).optional() }).strict();

// ---- the catalogue ------------------------------------------------------------------------------

const USERS = "/api/v1/users/{userId}";
const lifecycle = (op: string) => `${USERS}/lifecycle/${op}`;
const USER_ADMINS: readonly AdminRole[] = ["SUPER_ADMIN", "ORG_ADMIN", "USER_ADMIN"];
const HELP_DESK: readonly AdminRole[] = [...USER_ADMINS, "HELP_DESK_ADMIN"];
const GROUP_ADMINS: readonly AdminRole[] = ["SUPER_ADMIN", "ORG_ADMIN", "USER_ADMIN", "GROUP_MEMBERSHIP_ADMIN"];
const APP_ADMINS: readonly AdminRole[] = ["SUPER_ADMIN", "ORG_ADMIN", "APP_ADMIN"];
const sendEmailQuery = (p: { sendEmail: boolean }) => ({ sendEmail: String(p.sendEmail) });

const entry = <P extends z.ZodType>(e: Omit<ActionKindInfo<P>, "defaultApproval"> & { defaultApproval?: ApprovalPolicy }) =>
  ({ defaultApproval: "none", ...e }) as ActionKindInfo;

export const ACTION_KIND_INFO: Record<ActionKind, ActionKindInfo> = {
  "user.create": entry({
    kind: "user.create",
    label: "Create person",
    description: "Creates a person in Okta with a profile and optional groups, activated now or staged.",
    target: "new_user",
    call: {
      method: "POST",
      path: "/api/v1/users",
      query: (p: z.infer<typeof userCreateParams>) => ({ activate: String(p.activate) }),
      body: (p: z.infer<typeof userCreateParams>) => ({ profile: p.profile, ...(p.groupIds.length ? { groupIds: p.groupIds } : {}) }),
    },
    params: userCreateParams,
    scope: "okta.users.manage",
    roles: USER_ADMINS,
    destructive: false,
    idempotent: false,
    events: ["user.lifecycle.create"],
  }),
  "user.activate": entry({
    kind: "user.activate",
    label: "Activate",
    description: "Activates a staged or deactivated person; without email, the activation link is shown once.",
    target: "user",
    call: { method: "POST", path: lifecycle("activate"), query: sendEmailQuery },
    params: emailParams(true),
    scope: "okta.users.manage",
    roles: USER_ADMINS,
    destructive: false,
    idempotent: false,
    events: ["user.lifecycle.activate"],
  }),
  "user.reactivate": entry({
    kind: "user.reactivate",
    label: "Resend activation",
    description: "Starts activation again for a person who never finished it (a new link; the old one stops working).",
    target: "user",
    call: { method: "POST", path: lifecycle("reactivate"), query: sendEmailQuery },
    params: emailParams(true),
    scope: "okta.users.manage",
    roles: USER_ADMINS,
    destructive: false,
    idempotent: false,
    events: ["user.lifecycle.reactivate"],
  }),
  "user.suspend": entry({
    kind: "user.suspend",
    label: "Suspend",
    description: "Stops the person from signing in until unsuspended; app assignments stay.",
    target: "user",
    call: { method: "POST", path: lifecycle("suspend") },
    params: noParams,
    scope: "okta.users.manage",
    roles: USER_ADMINS,
    destructive: false,
    idempotent: false,
    events: ["user.lifecycle.suspend"],
  }),
  "user.unsuspend": entry({
    kind: "user.unsuspend",
    label: "Unsuspend",
    description: "Lets a suspended person sign in again.",
    target: "user",
    call: { method: "POST", path: lifecycle("unsuspend") },
    params: noParams,
    scope: "okta.users.manage",
    roles: USER_ADMINS,
    destructive: false,
    idempotent: false,
    events: ["user.lifecycle.unsuspend"],
  }),
  "user.unlock": entry({
    kind: "user.unlock",
    label: "Unlock",
    description: "Unlocks a person locked out by too many failed sign-ins.",
    target: "user",
    call: { method: "POST", path: lifecycle("unlock") },
    params: noParams,
    scope: "okta.users.manage",
    roles: HELP_DESK,
    destructive: false,
    idempotent: false,
    events: ["user.account.unlock_by_admin", "user.account.unlock"],
  }),
  "user.deactivate": entry({
    kind: "user.deactivate",
    label: "Deactivate",
    description: "Deactivates the person: ends every app assignment (deprovisioning app accounts) and every session.",
    target: "user",
    call: { method: "POST", path: lifecycle("deactivate"), query: () => ({ sendEmail: "false" }) },
    params: noParams,
    scope: "okta.users.manage",
    roles: USER_ADMINS,
    destructive: true,
    destructiveWhy: "Okta deprovisions every app account; reactivating does not bring them back as they were.",
    idempotent: false,
    defaultApproval: "one_admin",
    events: ["user.lifecycle.deactivate"],
  }),
  "user.delete": entry({
    kind: "user.delete",
    label: "Delete",
    description: "Deletes a deactivated person from Okta for good.",
    target: "user",
    call: { method: "DELETE", path: USERS, query: () => ({ sendEmail: "false" }) },
    params: noParams,
    scope: "okta.users.manage",
    roles: ["SUPER_ADMIN", "ORG_ADMIN"],
    destructive: true,
    destructiveWhy: "Deletion cannot be undone.",
    // Okta's first DELETE of a user who is not deactivated deactivates them; only the second deletes.
    idempotent: false,
    defaultApproval: "one_admin",
    events: ["user.lifecycle.delete.initiated", "user.lifecycle.delete.completed"],
  }),
  "user.reset_password": entry({
    kind: "user.reset_password",
    label: "Reset password",
    description: "Sends a password reset email, or (without email) makes a one-time reset link shown once.",
    target: "user",
    call: {
      method: "POST",
      path: lifecycle("reset_password"),
      query: (p: { sendEmail: boolean }) => ({ sendEmail: String(p.sendEmail), revokeSessions: "false" }),
    },
    params: emailParams(true),
    scope: "okta.users.manage",
    roles: HELP_DESK,
    destructive: false,
    idempotent: false,
    events: ["user.account.reset_password"],
  }),
  "user.expire_password": entry({
    kind: "user.expire_password",
    label: "Expire password",
    description: "Makes the person choose a new password at their next sign-in.",
    target: "user",
    call: { method: "POST", path: lifecycle("expire_password") },
    params: noParams,
    scope: "okta.users.manage",
    roles: HELP_DESK,
    destructive: false,
    idempotent: false,
    events: ["user.account.expire_password"],
  }),
  "user.reset_factors": entry({
    kind: "user.reset_factors",
    label: "Reset MFA factors",
    description: "Removes every enrolled sign-in factor; the person enrols again at the next sign-in.",
    target: "user",
    call: { method: "POST", path: lifecycle("reset_factors") },
    params: noParams,
    scope: "okta.users.manage",
    roles: HELP_DESK,
    destructive: true,
    destructiveWhy: "The enrolled factors are gone; the person has to enrol them again.",
    idempotent: false,
    defaultApproval: "one_admin",
    events: ["user.mfa.factor.reset_all"],
  }),
  "user.revoke_sessions": entry({
    kind: "user.revoke_sessions",
    label: "Sign out everywhere",
    description: "Ends every Okta session of the person and revokes their OAuth tokens.",
    target: "user",
    call: { method: "DELETE", path: `${USERS}/sessions`, query: () => ({ oauthTokens: "true" }) },
    params: noParams,
    scope: "okta.users.manage",
    roles: HELP_DESK,
    destructive: false,
    destructiveWhy: "Disruptive but not lasting: the person signs in again.",
    idempotent: true,
    events: ["user.session.clear"],
  }),
  "user.update_profile": entry({
    kind: "user.update_profile",
    label: "Edit profile",
    description: "Changes the chosen profile fields; the others stay as they are.",
    target: "user",
    call: { method: "POST", path: USERS, body: (p: z.infer<typeof updateProfileParams>) => ({ profile: p.profile }) },
    params: updateProfileParams,
    scope: "okta.users.manage",
    roles: USER_ADMINS,
    destructive: false,
    // A partial update with the same values leaves the same profile.
    idempotent: true,
    events: ["user.account.update_profile"],
  }),
  "group.add_member": entry({
    kind: "group.add_member",
    label: "Add to group",
    description: "Adds the person to an Okta group (and so to the apps the group is assigned).",
    target: "group_member",
    call: { method: "PUT", path: "/api/v1/groups/{groupId}/users/{userId}" },
    params: noParams,
    scope: "okta.groups.manage",
    roles: GROUP_ADMINS,
    destructive: false,
    idempotent: true,
    events: ["group.user_membership.add"],
  }),
  "group.remove_member": entry({
    kind: "group.remove_member",
    label: "Remove from group",
    description: "Removes the person from an Okta group (and from the apps they had only through it).",
    target: "group_member",
    call: { method: "DELETE", path: "/api/v1/groups/{groupId}/users/{userId}" },
    params: noParams,
    scope: "okta.groups.manage",
    roles: GROUP_ADMINS,
    destructive: false,
    destructiveWhy: "Reversible by adding the person back, which restores the group's app assignments.",
    idempotent: true,
    events: ["group.user_membership.remove"],
  }),
  "app.assign_user": entry({
    kind: "app.assign_user",
    label: "Assign app",
    description: "Assigns the app to the person directly, with their user name in the app.",
    target: "app_user",
    call: {
      method: "POST",
      path: "/api/v1/apps/{appId}/users",
      body: (p: z.infer<typeof assignUserParams>, t: ActionTarget) => ({
        id: t.userId,
        scope: "USER",
        ...(p.userName ? { credentials: { userName: p.userName } } : {}),
        ...(p.profile ? { profile: p.profile } : {}),
      }),
    },
    params: assignUserParams,
    scope: "okta.apps.manage",
    roles: APP_ADMINS,
    destructive: false,
    // Assigning the same person again with the same user name and profile leaves the same assignment.
    idempotent: true,
    events: ["application.user_membership.add"],
  }),
  "app.unassign_user": entry({
    kind: "app.unassign_user",
    label: "Unassign app",
    description: "Removes the person's direct assignment to the app.",
    target: "app_user",
    call: { method: "DELETE", path: "/api/v1/apps/{appId}/users/{userId}", query: () => ({ sendEmail: "false" }) },
    params: noParams,
    scope: "okta.apps.manage",
    roles: APP_ADMINS,
    destructive: true,
    destructiveWhy: "Apps that provision deactivate or delete the person's account there.",
    idempotent: true,
    events: ["application.user_membership.remove"],
  }),
  "app.assign_group": entry({
    kind: "app.assign_group",
    label: "Assign app to group",
    description: "Assigns the app to a group: every member gets it.",
    target: "app_group",
    call: {
      method: "PUT",
      path: "/api/v1/apps/{appId}/groups/{groupId}",
      body: (p: z.infer<typeof assignGroupParams>) => (p.priority === undefined ? {} : { priority: p.priority }),
    },
    params: assignGroupParams,
    scope: "okta.apps.manage",
    roles: APP_ADMINS,
    destructive: false,
    idempotent: true,
    events: ["application.group_membership.add", "group.application_assignment.add"],
  }),
  "app.unassign_group": entry({
    kind: "app.unassign_group",
    label: "Unassign app from group",
    description: "Removes the app from a group: members who had it only through the group lose it.",
    target: "app_group",
    call: { method: "DELETE", path: "/api/v1/apps/{appId}/groups/{groupId}" },
    params: noParams,
    scope: "okta.apps.manage",
    roles: APP_ADMINS,
    destructive: true,
    destructiveWhy: "Apps that provision deactivate or delete the accounts of members who had the app only through this group.",
    idempotent: true,
    events: ["application.group_membership.remove", "group.application_assignment.remove"],
  }),
};

export const actionKind = z.enum(ACTION_KINDS, { error: () => `must be one of ${ACTION_KINDS.join(", ")}` });

/** A kind's parameters, parsed (defaults applied) or a zod error naming the field. */
export function parseActionParams(kind: ActionKind, params: unknown) {
  return ACTION_KIND_INFO[kind].params.safeParse(params ?? {});
}

/** The ids a kind's target must carry, each an Okta id; for a `new_user` kind, none. */
export function targetSchemaFor(kind: ActionKind) {
  const ids = TARGET_IDS[ACTION_KIND_INFO[kind].target];
  return z
    .object({
      userId: (ids.includes("userId") ? oktaId("user") : oktaId("user").optional()) as z.ZodType<string | undefined>,
      groupId: (ids.includes("groupId") ? oktaId("group") : oktaId("group").optional()) as z.ZodType<string | undefined>,
      appId: (ids.includes("appId") ? oktaId("app") : oktaId("app").optional()) as z.ZodType<string | undefined>,
    })
    .strict()
    .superRefine((t, ctx) => {
      for (const k of ["userId", "groupId", "appId"] as const)
        if (t[k] !== undefined && !ids.includes(k))
          ctx.addIssue({ code: "custom", path: [k], message: `is not used by ${kind} (it takes ${ids.join(" and ") || "no target"})` });
    });
}

export interface OktaCall {
  method: OktaCallTemplate["method"];
  path: string;
  query: Record<string, string>;
  body?: unknown;
  idempotent: boolean;
}

/** The exact call for one target: the path with its ids (encoded), the query and the body. */
export function oktaCallFor(kind: ActionKind, target: ActionTarget, params: unknown): OktaCall {
  const info = ACTION_KIND_INFO[kind];
  const t = info.call;
  const path = t.path.replace(/\{(userId|groupId|appId)\}/g, (_, k: keyof ActionTarget) => {
    const v = target[k];
    if (!v) throw new Error(`${kind}: the target has no ${k}`);
    return encodeURIComponent(v);
  });
  return {
    method: t.method,
    path,
    query: t.query ? t.query(params as never) : {},
    body: t.body ? t.body(params as never, target) : undefined,
    idempotent: info.idempotent,
  };
}

/** Whether admin roles (Okta role types) include one that may do the kind; null roles = not known, Okta decides. */
export function rolesAllow(kind: ActionKind, roles: readonly string[] | null): boolean {
  if (roles === null) return true;
  // A custom role's permissions are not read here; Okta answers E0000006 if it does not allow the call.
  if (roles.includes("CUSTOM")) return true;
  return ACTION_KIND_INFO[kind].roles.some((r) => roles.includes(r));
}

/** Default approval policy of every kind (none for reversible kinds; one admin for deactivate, delete, reset factors). */
export const DEFAULT_APPROVAL: Record<ActionKind, ApprovalPolicy> = Object.fromEntries(
  ACTION_KINDS.map((k) => [k, ACTION_KIND_INFO[k].defaultApproval]),
) as Record<ActionKind, ApprovalPolicy>;
