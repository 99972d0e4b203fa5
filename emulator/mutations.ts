// Random realistic changes to the tenant (the control plane's POST /__emulator/mutations).
import {
  type ActionCtx,
  activateUser,
  addMember,
  assignGroup,
  assignUserToApp,
  createGroup,
  deactivateUser,
  deleteGroup,
  deleteUser,
  expirePassword,
  lockUser,
  removeMember,
  resetPassword,
  suspendUser,
  unassignGroup,
  unassignUserFromApp,
  unlockUser,
  unsuspendUser,
  updateProfile,
} from "./actions";
import { DEPARTMENTS, GROUP_WORDS } from "./data";
import { makeUser, newUserProfile } from "./generate";
import { addAppUser, bumpEveryone, EVERYONE, type Tenant, type UserRec } from "./state";
import type { Rng } from "./util";

export interface Change {
  kind: string;
  userId?: string;
  groupId?: string;
  appId?: string;
  detail?: string;
  /** When the emulator made the change (ms since the epoch; the object's lastUpdated where it has one). */
  at: number;
}

export const KINDS: [string, number][] = [
  ["hire", 16],
  ["departure", 8],
  ["suspend", 4],
  ["unsuspend", 3],
  ["lock", 3],
  ["unlock", 2],
  ["expire_password", 2],
  ["reset_password", 2],
  ["profile_edit", 18],
  ["membership_add", 14],
  ["membership_remove", 8],
  ["app_assign", 7],
  ["app_unassign", 4],
  ["app_group_assign", 1.5],
  ["app_group_unassign", 1],
  ["group_create", 1],
  ["group_delete", 0.5],
  ["user_delete", 2],
  ["reactivate", 1.5],
];

/** `count` random changes, of the given kinds only when `kinds` is set (weights kept among them). */
export function applyMutations(c: ActionCtx, rng: Rng, count: number, actorSeq: number, kinds?: string[]): Change[] {
  const t = c.t;
  const out: Change[] = [];
  const weights = kinds ? KINDS.filter(([k]) => kinds.includes(k)) : KINDS;
  const pickUser = (pred: (u: UserRec) => boolean) => {
    for (let i = 0; i < 200; i++) {
      const u = t.users[rng.int(t.users.length)];
      if (!u.deleted && pred(u)) return u;
    }
    return t.users.find((u) => !u.deleted && pred(u));
  };
  const okGroups = () => t.groups.filter((g) => !g.deleted && g.type === "OKTA_GROUP");
  const liveApps = () => t.apps.filter((a) => !a.deleted && a.status === "ACTIVE");
  for (let n = 0, guard = 0; n < count && guard < count * 20; guard++) {
    const kind = rng.weighted(weights);
    // Taken before the change, so an object's new lastUpdated is never earlier than `at`.
    const at = c.now();
    const done = (ch: Omit<Change, "at">) => {
      out.push({ ...ch, at });
      n++;
    };
    switch (kind) {
      case "hire": {
        const dept = rng.int(DEPARTMENTS.length);
        const profile = newUserProfile(t, rng, dept);
        const now = c.now();
        const u = makeUser(t, rng, t.users.length, profile, "STAGED", now, now);
        u.lastUpdated = now;
        const peers = t.users.filter((x) => !x.deleted && x.status === "ACTIVE" && x.profile.department === DEPARTMENTS[dept][0]);
        if (peers.length) {
          const m = peers[rng.int(peers.length)];
          u.profile.manager = String(m.profile.displayName);
          u.profile.managerId = String(m.profile.employeeNumber);
        }
        bumpEveryone();
        t.groups[EVERYONE].lastMembershipUpdated = now;
        c.log({ e: "user.lifecycle.create", a: actorSeq, x: u.seq });
        activateUser(c, actorSeq, u, false);
        // New hires land in their department group and pick up its apps.
        const dg = t.groups.find((g) => !g.deleted && g.profile.name === `Dept - ${DEPARTMENTS[dept][0]}`);
        if (dg) addMember(c, actorSeq, dg, u);
        for (const a of t.groups[EVERYONE].apps) addAppUser(t, t.apps[a], u, now, { viaGroup: true });
        done({ kind, userId: u.id, detail: `${u.profile.displayName} joined ${u.profile.department}` });
        break;
      }
      case "departure": {
        const u = pickUser((x) => x.status !== "DEPROVISIONED" && x.status !== "STAGED");
        if (!u) break;
        deactivateUser(c, actorSeq, u);
        done({ kind, userId: u.id });
        break;
      }
      case "reactivate": {
        const u = pickUser((x) => x.status === "DEPROVISIONED");
        if (!u) break;
        activateUser(c, actorSeq, u, false);
        done({ kind, userId: u.id, detail: `now ${u.status}` });
        break;
      }
      case "suspend": {
        const u = pickUser((x) => x.status === "ACTIVE");
        if (!u) break;
        suspendUser(c, actorSeq, u);
        done({ kind, userId: u.id });
        break;
      }
      case "unsuspend": {
        const u = pickUser((x) => x.status === "SUSPENDED");
        if (!u) break;
        unsuspendUser(c, actorSeq, u);
        done({ kind, userId: u.id });
        break;
      }
      case "lock": {
        const u = pickUser((x) => x.status === "ACTIVE");
        if (!u) break;
        lockUser(c, u);
        done({ kind, userId: u.id });
        break;
      }
      case "unlock": {
        const u = pickUser((x) => x.status === "LOCKED_OUT");
        if (!u) break;
        unlockUser(c, actorSeq, u);
        done({ kind, userId: u.id });
        break;
      }
      case "expire_password": {
        const u = pickUser((x) => x.status === "ACTIVE");
        if (!u) break;
        expirePassword(c, actorSeq, u);
        done({ kind, userId: u.id });
        break;
      }
      case "reset_password": {
        const u = pickUser((x) => x.status === "ACTIVE" || x.status === "PASSWORD_EXPIRED");
        if (!u) break;
        resetPassword(c, actorSeq, u, false);
        done({ kind, userId: u.id });
        break;
      }
      case "profile_edit": {
        const u = pickUser((x) => x.status !== "DEPROVISIONED");
        if (!u) break;
        const what = rng.int(4);
        const dept = DEPARTMENTS.find((d) => d[0] === u.profile.department) ?? DEPARTMENTS[0];
        const changes: Record<string, string> =
          what === 0
            ? { title: rng.pick(dept[2]) }
            : what === 1
              ? { mobilePhone: `+1 555 ${100 + rng.int(900)} ${1000 + rng.int(9000)}` }
              : what === 2
                ? { lastName: `${u.profile.lastName}-${rng.pick(["Nguyễn", "Müller", "O'Neil", "García"])}` }
                : { costCenter: `CC-${1000 + rng.int(9000)}` };
        updateProfile(c, actorSeq, u, changes);
        done({ kind, userId: u.id, detail: Object.keys(changes).join(",") });
        break;
      }
      case "membership_add": {
        const gs = okGroups();
        const u = pickUser((x) => x.status !== "DEPROVISIONED");
        if (!gs.length || !u) break;
        const g = gs[rng.int(gs.length)];
        if (g.members.includes(u.seq)) break;
        addMember(c, actorSeq, g, u);
        done({ kind, userId: u.id, groupId: g.id });
        break;
      }
      case "membership_remove": {
        const u = pickUser((x) => x.groups.some((g) => t.groups[g].type === "OKTA_GROUP"));
        if (!u) break;
        const candidates = u.groups.filter((g) => t.groups[g].type === "OKTA_GROUP");
        const g = t.groups[candidates[rng.int(candidates.length)]];
        removeMember(c, actorSeq, g, u);
        done({ kind, userId: u.id, groupId: g.id });
        break;
      }
      case "app_assign": {
        const apps = liveApps();
        const u = pickUser((x) => x.status === "ACTIVE");
        if (!apps.length || !u) break;
        const a = apps[rng.int(apps.length)];
        if (a.users.get(u.seq)?.direct) break;
        assignUserToApp(c, actorSeq, a, u);
        done({ kind, userId: u.id, appId: a.id });
        break;
      }
      case "app_unassign": {
        const u = pickUser((x) => x.apps.some((a) => t.apps[a].users.get(x.seq)?.direct && t.apps[a].users.get(x.seq)!.viaGroups === 0));
        if (!u) break;
        const as = u.apps.filter((a) => t.apps[a].users.get(u.seq)?.direct && t.apps[a].users.get(u.seq)!.viaGroups === 0);
        const a = t.apps[as[rng.int(as.length)]];
        unassignUserFromApp(c, actorSeq, a, u);
        done({ kind, userId: u.id, appId: a.id });
        break;
      }
      case "app_group_assign": {
        const apps = liveApps();
        const gs = okGroups().filter((g) => g.members.length < 2000);
        if (!apps.length || !gs.length) break;
        const a = apps[rng.int(apps.length)];
        const g = gs[rng.int(gs.length)];
        if (a.groups.has(g.seq)) break;
        assignGroup(c, actorSeq, a, g);
        done({ kind, groupId: g.id, appId: a.id });
        break;
      }
      case "app_group_unassign": {
        const apps = liveApps().filter((a) => a.groupOrder.some((s) => s !== EVERYONE));
        if (!apps.length) break;
        const a = apps[rng.int(apps.length)];
        const gseqs = a.groupOrder.filter((s) => s !== EVERYONE);
        const g = t.groups[gseqs[rng.int(gseqs.length)]];
        unassignGroup(c, actorSeq, a, g);
        done({ kind, groupId: g.id, appId: a.id });
        break;
      }
      case "group_create": {
        const g = createGroup(c, actorSeq, rng, `Project ${rng.pick(GROUP_WORDS)} ${t.groups.length}`, "Created by a mutation");
        done({ kind, groupId: g.id });
        break;
      }
      case "group_delete": {
        const gs = okGroups().filter(
          (g) => g.members.length < 50 && !String(g.profile.name).startsWith("Dept - ") && !String(g.profile.name).startsWith("Office - "),
        );
        if (!gs.length) break;
        const g = gs[rng.int(gs.length)];
        deleteGroup(c, actorSeq, g);
        done({ kind, groupId: g.id });
        break;
      }
      case "user_delete": {
        const u = pickUser((x) => x.status === "DEPROVISIONED");
        if (!u) break;
        deleteUser(c, actorSeq, u);
        done({ kind, userId: u.id });
        break;
      }
    }
  }
  return out;
}

export function adminActor(t: Tenant): number {
  for (const [seq, roles] of t.rolesByUser) if (roles.some((r) => r.type === "SUPER_ADMIN") && !t.users[seq].deleted) return seq;
  return 0;
}
