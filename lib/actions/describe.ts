// What an action will do to one target, in words: one describe function per kind, from the fresh read
// of the target (TargetState) and the synced copy around it (SyncedFacts). Pure. The preview shows the
// sentence and the lists; the request stores them.
import type { ActionKind } from "@/db/enums";
import { plural } from "@/lib/format";
import type { TargetState } from "./check-target-state";
import type { PreviewList } from "./contracts";
import type { Named, SyncedFacts } from "./synced-facts";

/** Items a list shows; the total says how many there are. */
const LIST_CAP = 50;

export interface DescribeInput {
  /** The person, group and app as they read in a sentence. */
  who: string;
  group: string;
  app: string;
  state: TargetState;
  facts: SyncedFacts;
  params: Record<string, unknown>;
}

export interface Description {
  effect: string;
  lists: PreviewList[];
}

function list(title: string, items: string[]): PreviewList[] {
  return items.length ? [{ title, items: items.slice(0, LIST_CAP), total: items.length }] : [];
}
const names = (xs: Named[] | undefined) => (xs ?? []).map((x) => x.name);

function appsOf(d: DescribeInput) {
  const apps = d.facts.apps ?? [];
  return apps.map((a) => (a.scope === "GROUP" ? `${a.name} (through a group)` : a.name));
}

const byEmail = (d: DescribeInput, yes: string, no: string) => (d.params.sendEmail === false ? no : yes);

const DESCRIBE: Record<ActionKind, (d: DescribeInput) => Description> = {
  "user.create": (d) => {
    const p = (d.params.profile ?? {}) as Record<string, string | undefined>;
    const name = [p.firstName, p.lastName].filter(Boolean).join(" ");
    const groups = names(d.facts.groupNames);
    return {
      effect: `Create ${p.login ?? "a person"}${name ? ` (${name})` : ""} in Okta, ${
        d.params.activate ? "activated now: Okta emails the activation link" : "staged: not activated until someone activates them"
      }${groups.length ? `, in ${plural(groups.length, "group")}` : ""}.`,
      lists: list("Groups", groups),
    };
  },
  "user.activate": (d) => ({
    effect: `Activate ${d.who}: ${byEmail(d, "Okta emails them the activation link", "the one-time activation link is shown once, to you, to pass on")}.`,
    lists: [],
  }),
  "user.reactivate": (d) => ({
    effect: `Send ${d.who} a new activation: the previous link stops working; ${byEmail(
      d,
      "Okta emails the new one",
      "the new one-time link is shown once, to you",
    )}.`,
    lists: [],
  }),
  "user.suspend": (d) => {
    const apps = appsOf(d);
    return {
      effect: `Suspend ${d.who}: they cannot sign in until unsuspended; their ${plural(apps.length, "app assignment")} and groups stay as they are.`,
      lists: list("App assignments (kept)", apps),
    };
  },
  "user.unsuspend": (d) => ({ effect: `Unsuspend ${d.who}: they can sign in again.`, lists: [] }),
  "user.unlock": (d) => ({ effect: `Unlock ${d.who}: they can sign in again with their current password.`, lists: [] }),
  "user.deactivate": (d) => {
    const apps = appsOf(d);
    return {
      effect: `Deactivate ${d.who}: ends ${plural(apps.length, "app assignment")}${
        apps.length ? " (listed)" : ""
      } and every Okta session; apps that provision deactivate or delete the accounts. It cannot be undone except by reactivation, which does not bring the app accounts back as they were.`,
      lists: [...list("App assignments that end", apps), ...list("Groups", names(d.facts.groups))],
    };
  },
  "user.delete": (d) => ({
    effect: `Delete ${d.who} from Okta for good: the person cannot be restored.`,
    lists: list("Groups they are still in", names(d.facts.groups)),
  }),
  "user.reset_password": (d) => ({
    effect: `Reset ${d.who}'s password: ${byEmail(
      d,
      "Okta emails them a reset link",
      "a one-time reset link is shown once, to you, to pass on",
    )}; they choose a new password with it.`,
    lists: [],
  }),
  "user.expire_password": (d) => ({ effect: `Expire ${d.who}'s password: they must choose a new one at their next sign-in.`, lists: [] }),
  "user.reset_factors": (d) => ({
    effect: `Reset every enrolled sign-in factor of ${d.who}: they enrol their factors again at the next sign-in. The factors cannot be restored.`,
    lists: [],
  }),
  "user.revoke_sessions": (d) => ({
    effect: `Sign ${d.who} out everywhere: every Okta session ends and their OAuth tokens are revoked; they sign in again.`,
    lists: [],
  }),
  "user.update_profile": (d) => {
    const changes = Object.entries((d.params.profile ?? {}) as Record<string, string | null | undefined>).filter(
      ([, v]) => v !== undefined,
    );
    const current = d.state.user?.profile ?? {};
    const show = (v: unknown) => (v === null || v === undefined || v === "" ? "(empty)" : String(v));
    return {
      effect: `Change ${plural(changes.length, "profile field")} of ${d.who}; the other fields stay as they are.`,
      lists: list(
        "Changes",
        changes.map(([k, v]) => `${k}: ${show(current[k])} → ${show(v)}`),
      ),
    };
  },
  "group.add_member": (d) => {
    const apps = names(d.facts.appsThroughGroup);
    return {
      effect: `Add ${d.who} to ${d.group}${apps.length ? `: they get ${plural(apps.length, "app")} through it (listed)` : ""}.`,
      lists: list("Apps they get through the group", apps),
    };
  },
  "group.remove_member": (d) => {
    const apps = names(d.facts.appsThroughGroup);
    return {
      effect: `Remove ${d.who} from ${d.group}${
        apps.length ? `: they lose ${plural(apps.length, "app")} they have only through it (listed)` : ""
      }. Adding them back restores it.`,
      lists: list("Apps they lose", apps),
    };
  },
  "app.assign_user": (d) => {
    const userName = d.params.userName as string | undefined;
    return {
      effect: `Assign ${d.app} to ${d.who} directly${userName ? `, with the user name ${userName}` : ""}; apps that provision create the account.`,
      lists: [],
    };
  },
  "app.unassign_user": (d) => ({
    effect: `Remove ${d.who}'s direct assignment to ${d.app}; apps that provision deactivate or delete the account there.`,
    lists: [],
  }),
  "app.assign_group": (d) => ({
    effect: `Assign ${d.app} to ${d.group}: its ${plural(d.facts.memberCount ?? 0, "member")} get the app.`,
    lists: [],
  }),
  "app.unassign_group": (d) => ({
    effect: `Remove ${d.app} from ${d.group}: of its ${plural(d.facts.memberCount ?? 0, "member")}, those who have the app only through this group lose it; apps that provision deactivate or delete their accounts.`,
    lists: [],
  }),
};

export function describeTarget(kind: ActionKind, d: DescribeInput): Description {
  return DESCRIBE[kind](d);
}
