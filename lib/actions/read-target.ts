// A fresh read of an action's target from Okta, through the integration's client, as the snapshot
// check-target-state.ts judges: the person (with Okta's transitioningToStatus, which sync reads leave
// out), the group, the app, and the membership or assignment between them. The synced copy adds what
// one read cannot cheaply say: which of the person's groups grant an app (okta_app_groups).
// A 404 is an answer (no such object, not a member, not assigned), never an error.

import { getDb } from "@/db";
import type { ActionKind } from "@/db/enums";
import type { OktaClient } from "@/lib/okta/client";
import { OktaApiError } from "@/lib/okta/errors";
import { idOnlySchema, oktaAppGroupSchema, oktaAppSchema, oktaAppUserSchema, oktaGroupSchema, oktaUserSchema } from "@/lib/okta/schemas";
import type { AppState, AppUserState, GroupState, TargetState, UserState } from "./check-target-state";
import { ACTION_KIND_INFO, type ActionTarget } from "./kinds";

// Credentials are never read; the transition is: an action must wait while Okta is still moving someone.
const USER_READ = { "okta-response": "omitCredentials,omitCredentialsLinks" };

const enc = encodeURIComponent;
const isNotFound = (e: unknown) => e instanceof OktaApiError && e.status === 404;

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

const text = (v: unknown) => (typeof v === "string" && v ? v : null);

export function userStateOf(body: unknown): UserState | null {
  const u = oktaUserSchema.safeParse(body);
  if (!u.success) return null;
  const p = u.data.profile;
  const name = [text(p.firstName), text(p.lastName)].filter(Boolean).join(" ") || text(p.displayName) || "";
  return {
    id: u.data.id,
    status: u.data.status,
    login: text(p.login) ?? u.data.id,
    email: text(p.email),
    name,
    transitioningToStatus: text((body as { transitioningToStatus?: unknown }).transitioningToStatus),
    profile: p,
  };
}

export async function readUser(client: OktaClient, idOrLogin: string): Promise<UserState | null> {
  const res = await orNull(client.request("GET", `/api/v1/users/${enc(idOrLogin)}`, { headers: USER_READ }));
  return res ? userStateOf(res.body) : null;
}

export async function readGroup(client: OktaClient, id: string): Promise<GroupState | null> {
  const res = await orNull(client.get(`/api/v1/groups/${enc(id)}`));
  const g = res && oktaGroupSchema.safeParse(res.body);
  if (!g?.success) return null;
  return { id: g.data.id, type: g.data.type, name: text(g.data.profile.name) ?? g.data.id };
}

export async function readApp(client: OktaClient, id: string): Promise<AppState | null> {
  const res = await orNull(client.get(`/api/v1/apps/${enc(id)}`));
  const a = res && oktaAppSchema.safeParse(res.body);
  if (!a?.success) return null;
  return { id: a.data.id, label: a.data.label || a.data.name || a.data.id, status: a.data.status };
}

/** The ids of every group the person is in (Okta's answer, all pages). */
export async function readUserGroupIds(client: OktaClient, userId: string): Promise<string[] | null> {
  try {
    const ids: string[] = [];
    for await (const page of client.pages<unknown>(`/api/v1/users/${enc(userId)}/groups`)) {
      for (const g of page.items) {
        const p = idOnlySchema.safeParse(g);
        if (p.success) ids.push(p.data.id);
      }
    }
    return ids;
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

export async function readAppUser(client: OktaClient, appId: string, userId: string): Promise<AppUserState | null> {
  const res = await orNull(client.get(`/api/v1/apps/${enc(appId)}/users/${enc(userId)}`));
  const a = res && oktaAppUserSchema.safeParse(res.body);
  if (!a?.success) return null;
  return { scope: a.data.scope ?? null, status: a.data.status ?? null, userName: a.data.credentials?.userName ?? null };
}

export async function readAppGroup(client: OktaClient, appId: string, groupId: string): Promise<{ priority: number | null } | null> {
  const res = await orNull(client.get(`/api/v1/apps/${enc(appId)}/groups/${enc(groupId)}`));
  const a = res && oktaAppGroupSchema.safeParse(res.body);
  return a?.success ? { priority: a.data.priority ?? null } : null;
}

/** Groups among `groupIds` that the synced copy has assigned to the app, with their names. */
async function groupsGranting(integrationId: string, appId: string, groupIds: string[]) {
  if (!groupIds.length) return [];
  const rows = await getDb().$client`
    select g.id, g.name from okta_app_groups ag
    join okta_groups g on g.integration_id = ag.integration_id and g.id = ag.group_id and g.deleted_at is null
    where ag.integration_id = ${integrationId} and ag.app_id = ${appId} and ag.deleted_at is null and ag.group_id = any(${groupIds})
    order by lower(g.name)`;
  return rows.map((r) => ({ id: r.id as string, name: r.name as string }));
}

export async function readTarget(
  client: OktaClient,
  input: { integrationId: string; kind: ActionKind; target: ActionTarget; params: unknown },
): Promise<TargetState> {
  const { kind, target } = input;
  switch (ACTION_KIND_INFO[kind].target) {
    case "user":
      return { user: await readUser(client, target.userId!) };
    case "group_member": {
      const [user, group, groupIds] = await Promise.all([
        readUser(client, target.userId!),
        readGroup(client, target.groupId!),
        readUserGroupIds(client, target.userId!),
      ]);
      return { user, group, member: !!groupIds?.includes(target.groupId!) };
    }
    case "app_user": {
      const [user, app, appUser] = await Promise.all([
        readUser(client, target.userId!),
        readApp(client, target.appId!),
        readAppUser(client, target.appId!, target.userId!),
      ]);
      let grantingGroups: TargetState["grantingGroups"];
      if (appUser?.scope === "GROUP") {
        const ids = (await readUserGroupIds(client, target.userId!)) ?? [];
        grantingGroups = await groupsGranting(input.integrationId, target.appId!, ids);
      }
      return { user, app, appUser, ...(grantingGroups ? { grantingGroups } : {}) };
    }
    case "app_group": {
      const [app, group, appGroup] = await Promise.all([
        readApp(client, target.appId!),
        readGroup(client, target.groupId!),
        readAppGroup(client, target.appId!, target.groupId!),
      ]);
      return { app, group, appGroup };
    }
    case "new_user": {
      const p = (input.params ?? {}) as { profile?: { login?: string }; groupIds?: string[] };
      const login = p.profile?.login ?? "";
      const groupIds = p.groupIds ?? [];
      const [taken, groups] = await Promise.all([
        login ? readUser(client, login) : Promise.resolve(null),
        Promise.all(groupIds.map((g) => readGroup(client, g))),
      ]);
      return {
        loginTaken: taken ? { id: taken.id, status: taken.status } : null,
        groups: groups.filter((g): g is GroupState => !!g),
        missingGroupIds: groupIds.filter((_, i) => !groups[i]),
      };
    }
  }
}
