// Exact objects on demand (the control plane's POST /__emulator/objects): users, groups and apps with
// the field values a test names, stored verbatim — NUL characters, lone surrogates, 10k-character
// names, nested profile values — so the console's handling of anything Okta may send can be proven.
// Everything is checked before anything changes: a 400 leaves the tenant as it was.
import { z } from "zod";
import { type ActionCtx, ActionError } from "./actions";
import { appJson, groupJson, userJson } from "./serialize";
import {
  type AppRec,
  addAppUser,
  bumpEveryone,
  detachApps,
  EVERYONE,
  type GroupRec,
  liveApp,
  liveGroup,
  liveUser,
  type Profile,
  reattachApps,
  USER_STATUSES,
  type UserRec,
} from "./state";
import { oktaId } from "./util";

const values = z.record(z.string(), z.json());

export const plantInput = z
  .object({
    users: z
      .array(
        z
          .object({
            /** An existing user (id or login); absent: a new user with exactly this profile. */
            id: z.string().optional(),
            status: z.enum(USER_STATUSES).optional(),
            /** Fields set verbatim (null sets null); a new user's profile is exactly this. */
            profile: values.optional(),
          })
          .strict(),
      )
      .max(1000)
      .optional(),
    groups: z
      .array(z.object({ id: z.string().optional(), profile: values.optional() }).strict())
      .max(1000)
      .optional(),
    apps: z
      .array(
        z
          .object({
            id: z.string(),
            label: z.string().optional(),
            name: z.string().optional(),
            status: z.enum(["ACTIVE", "INACTIVE"]).optional(),
          })
          .strict(),
      )
      .max(1000)
      .optional(),
    /** Return after the event hook deliveries of the changes finished. */
    wait: z.boolean().optional(),
  })
  .strict();
export type PlantInput = z.infer<typeof plantInput>;

const bad = (message: string) => new ActionError(400, "VALIDATION", message);
const notFound = (message: string) => new ActionError(404, "NOT_FOUND", message);

export function plantObjects(c: ActionCtx, actor: number, input: PlantInput) {
  const t = c.t;
  // Check first, change after.
  const users = (input.users ?? []).map((p, i) => {
    if (p.id === undefined) {
      const login = p.profile?.login;
      if (typeof login !== "string" || !login) throw bad(`users.${i}.profile.login: a new user needs a login`);
      if (t.userSeqByLogin.has(login.toLowerCase())) throw bad(`users.${i}.profile.login: ${login} is taken`);
      return { p, u: null };
    }
    const u = liveUser(t, p.id);
    if (!u) throw notFound(`users.${i}.id: no user ${p.id}`);
    const login = p.profile?.login;
    if (login !== undefined) {
      if (typeof login !== "string" || !login) throw bad(`users.${i}.profile.login: must be a non-empty string`);
      const holder = t.userSeqByLogin.get(login.toLowerCase());
      if (holder !== undefined && holder !== u.seq) throw bad(`users.${i}.profile.login: ${login} is taken`);
    }
    return { p, u };
  });
  const groups = (input.groups ?? []).map((p, i) => {
    if (p.id === undefined) {
      if (typeof p.profile?.name !== "string") throw bad(`groups.${i}.profile.name: a new group needs a name`);
      return { p, g: null };
    }
    const g = liveGroup(t, p.id);
    if (!g) throw notFound(`groups.${i}.id: no group ${p.id}`);
    return { p, g };
  });
  const apps = (input.apps ?? []).map((p, i) => {
    const a = liveApp(t, p.id);
    if (!a) throw notFound(`apps.${i}.id: no app ${p.id}`);
    return { p, a };
  });

  const now = c.now();
  const out = { users: [] as UserRec[], groups: [] as GroupRec[], apps: [] as AppRec[] };
  for (const { p, u } of users) out.users.push(u ? updateUser(c, actor, u, p, now) : createUser(c, actor, p, now));
  for (const { p, g } of groups) {
    if (g) {
      Object.assign(g.profile, p.profile ?? {});
      g.lastUpdated = now;
      c.log({ e: "group.profile.update", a: actor, x: g.seq });
      out.groups.push(g);
    } else {
      const created: GroupRec = {
        seq: t.groups.length,
        id: uniqueId((id) => t.groupSeqById.has(id), "00g"),
        type: "OKTA_GROUP",
        created: now,
        lastUpdated: now,
        lastMembershipUpdated: now,
        profile: { ...(p.profile as Profile) },
        members: [],
        sourceApp: null,
        apps: [],
        deleted: false,
      };
      t.groups.push(created);
      t.groupSeqById.set(created.id, created.seq);
      c.log({ e: "group.lifecycle.create", a: actor, x: created.seq });
      out.groups.push(created);
    }
  }
  for (const { p, a } of apps) {
    if (p.label !== undefined) a.label = p.label;
    if (p.name !== undefined) a.name = p.name;
    if (p.status !== undefined) a.status = p.status;
    a.lastUpdated = now;
    out.apps.push(a);
  }
  return {
    users: out.users.map((u) => userJson(t, u, c.base)),
    groups: out.groups.map((g) => groupJson(t, g, c.base)),
    apps: out.apps.map((a) => appJson(t, a, c.base)),
  };
}

function uniqueId(taken: (id: string) => boolean, prefix: string) {
  for (;;) {
    const id = oktaId(Math.random, prefix);
    if (!taken(id)) return id;
  }
}

type UserPlant = NonNullable<PlantInput["users"]>[number];

function createUser(c: ActionCtx, actor: number, p: UserPlant, now: number): UserRec {
  const t = c.t;
  const status = p.status ?? "ACTIVE";
  const activated = status === "STAGED" || status === "PROVISIONED" ? null : now;
  const u: UserRec = {
    seq: t.users.length,
    id: uniqueId((id) => t.userSeqById.has(id), "00u"),
    status,
    created: now,
    activated,
    statusChanged: status === "STAGED" ? null : now,
    lastLogin: null,
    lastUpdated: now,
    passwordChanged: activated,
    profile: { ...(p.profile as Profile) },
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
  c.log({ e: "user.lifecycle.create", a: actor, x: u.seq });
  if (activated !== null) c.log({ e: "user.lifecycle.activate", a: actor, x: u.seq });
  // Everyone's apps reach every user (as the mutations' hires get them).
  for (const a of t.groups[EVERYONE].apps) addAppUser(t, t.apps[a], u, now, { viaGroup: true });
  return u;
}

function updateUser(c: ActionCtx, actor: number, u: UserRec, p: UserPlant, now: number): UserRec {
  const t = c.t;
  if (p.profile) {
    const oldLogin = String(u.profile.login).toLowerCase();
    Object.assign(u.profile, p.profile as Profile);
    const newLogin = String(u.profile.login).toLowerCase();
    if (newLogin !== oldLogin) {
      t.userSeqByLogin.delete(oldLogin);
      t.userSeqByLogin.set(newLogin, u.seq);
    }
    c.log({ e: "user.account.update_profile", a: actor, x: u.seq, d: { changedAttributes: Object.keys(p.profile).join(",") } });
  }
  if (p.status !== undefined && p.status !== u.status) {
    const was = u.status;
    u.status = p.status;
    u.statusChanged = now;
    if (p.status === "DEPROVISIONED") detachApps(t, u, now);
    if (was === "DEPROVISIONED") reattachApps(t, u, now);
  }
  u.lastUpdated = now;
  return u;
}
