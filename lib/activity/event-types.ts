// What each System Log event type means in plain words: a label (the action, as the Activity page and
// its event-type picker show it) and a sentence template naming the event's targets ("added Jane to
// aws-prod-admins"). Covers the types the console syncs and acts on (lib/sync/incremental/events.ts),
// the ones the emulator generates, and the common ones of a real org. An unknown type falls back to
// Okta's displayMessage, then the raw type. Client-safe: no database, no server code.

export interface EventTarget {
  id: string | null;
  type: string | null;
  alternateId: string | null;
  displayName: string | null;
}
export interface EventActor {
  id: string | null;
  type: string | null;
  login?: string | null;
  displayName: string | null;
}

// Placeholders in a template: {user} (a User or AppUser target), {group}, {app}, {factor}
// (an authenticator enrollment), {hook}, {target} (the first target of any type). When the {user}
// target is the actor, the `self` variant reads better ("changed their password").
interface Entry {
  label: string;
  sentence: string;
  /** The sentence when the {user} target is the actor ("changed their password"). */
  self?: string;
}

const E = (label: string, sentence: string, self?: string): Entry => ({ label, sentence, self });

export const EVENT_CATALOGUE: Record<string, Entry> = {
  // Sign-in and sessions
  "user.session.start": E("Signed in", "signed in to Okta"),
  "user.session.end": E("Signed out", "signed out of Okta"),
  "user.session.clear": E("Cleared sessions", "cleared the sessions of {user}", "cleared their sessions"),
  "user.session.expire": E("Session expired", "had their Okta session expire"),
  "user.authentication.sso": E("Signed in to an app", "signed in to {app}"),
  "user.authentication.auth_via_mfa": E("Verified with MFA", "verified their identity with {factor}"),
  "user.authentication.verify": E("Verified identity", "verified their identity"),
  "user.authentication.authenticate": E("Authenticated", "authenticated"),
  "user.authentication.auth_via_social": E("Signed in with a social provider", "signed in with a social identity provider"),
  "user.authentication.auth_via_IDP": E("Signed in through an identity provider", "signed in through an identity provider"),
  "policy.evaluate_sign_on": E("Sign-on policy evaluated", "was checked against the sign-on policy"),
  // MFA
  "user.mfa.factor.activate": E("Enrolled an MFA factor", "enrolled {factor}"),
  "user.mfa.factor.deactivate": E("Removed an MFA factor", "removed {factor}"),
  "user.mfa.factor.update": E("Updated an MFA factor", "updated {factor}"),
  "user.mfa.factor.reset_all": E("Reset all MFA factors", "reset every MFA factor of {user}", "reset all their MFA factors"),
  "user.mfa.attempt_bypass": E("Tried to bypass MFA", "tried to bypass MFA"),
  // Account
  "user.account.lock": E(
    "Account locked",
    "locked {user} out after too many sign-in attempts",
    "was locked out after too many sign-in attempts",
  ),
  "user.account.lock.limit": E(
    "Account locked",
    "locked {user} out after too many sign-in attempts",
    "was locked out after too many sign-in attempts",
  ),
  "user.account.unlock": E("Account unlocked", "unlocked {user}", "unlocked their account"),
  "user.account.unlock_by_admin": E("Account unlocked by an admin", "unlocked {user}"),
  "user.account.update_profile": E("Updated profile", "updated the profile of {user}", "updated their profile"),
  "user.account.update_password": E("Changed password", "changed the password of {user}", "changed their password"),
  "user.account.reset_password": E("Reset password", "reset the password of {user}", "reset their password"),
  "user.account.expire_password": E("Expired password", "expired the password of {user}"),
  "user.account.update_primary_email": E("Changed primary email", "changed the primary email of {user}", "changed their primary email"),
  "user.account.privilege.grant": E("Granted an admin role", "granted an admin role to {user}"),
  "user.account.privilege.revoke": E("Revoked an admin role", "revoked an admin role from {user}"),
  "user.account.report_suspicious_activity_by_enduser": E("Reported suspicious activity", "reported suspicious activity"),
  // Lifecycle
  "user.lifecycle.create": E("Created person", "created {user}"),
  "user.lifecycle.activate": E("Activated person", "activated {user}", "activated their account"),
  "user.lifecycle.reactivate": E("Reactivated person", "reactivated {user}"),
  "user.lifecycle.deactivate": E("Deactivated person", "deactivated {user}"),
  "user.lifecycle.suspend": E("Suspended person", "suspended {user}"),
  "user.lifecycle.unsuspend": E("Unsuspended person", "unsuspended {user}"),
  "user.lifecycle.delete.initiated": E("Deleted person", "deleted {user}"),
  "user.lifecycle.delete.completed": E("Deletion completed", "finished deleting {user}"),
  "user.lifecycle.password_mass_expiry": E("Expired every password", "expired every password"),
  // Groups
  "group.user_membership.add": E("Added to group", "added {user} to {group}"),
  "group.user_membership.remove": E("Removed from group", "removed {user} from {group}"),
  "group.lifecycle.create": E("Created group", "created {group}"),
  "group.lifecycle.delete": E("Deleted group", "deleted {group}"),
  "group.profile.update": E("Updated group", "updated {group}"),
  "group.privilege.grant": E("Granted an admin role to a group", "granted an admin role to {group}"),
  "group.privilege.revoke": E("Revoked an admin role from a group", "revoked an admin role from {group}"),
  "group.application_assignment.add": E("Assigned app to group", "assigned {app} to {group}"),
  "group.application_assignment.remove": E("Unassigned app from group", "unassigned {app} from {group}"),
  // Apps
  "application.user_membership.add": E("Assigned app", "assigned {app} to {user}"),
  "application.user_membership.remove": E("Unassigned app", "unassigned {app} from {user}"),
  "application.user_membership.change_username": E("Changed app username", "changed the {app} username of {user}"),
  "application.user_membership.update": E("Updated app assignment", "updated the {app} assignment of {user}"),
  "application.user_membership.provision": E("Provisioned to app", "provisioned {user} to {app}"),
  "application.user_membership.deprovision": E("Deprovisioned from app", "deprovisioned {user} from {app}"),
  "application.group_membership.add": E("Assigned app to group", "assigned {app} to {group}"),
  "application.group_membership.remove": E("Unassigned app from group", "unassigned {app} from {group}"),
  "application.lifecycle.create": E("Created app", "created {app}"),
  "application.lifecycle.update": E("Updated app", "updated {app}"),
  "application.lifecycle.activate": E("Activated app", "activated {app}"),
  "application.lifecycle.deactivate": E("Deactivated app", "deactivated {app}"),
  "application.lifecycle.delete": E("Deleted app", "deleted {app}"),
  // The org, its API and hooks
  "system.api_token.create": E("Created API token", "created an API token"),
  "system.api_token.revoke": E("Revoked API token", "revoked an API token"),
  "system.rate_limit.violation": E("Rate limit exceeded", "went over an API rate limit"),
  "system.rate_limit.warning": E("Rate limit warning", "came close to an API rate limit"),
  "system.org.rate_limit.violation": E("Rate limit exceeded", "went over an API rate limit"),
  "system.org.rate_limit.warning": E("Rate limit warning", "came close to an API rate limit"),
  "event_hook.created": E("Created event hook", "created {hook}"),
  "event_hook.activated": E("Activated event hook", "activated {hook}"),
  "event_hook.deactivated": E("Deactivated event hook", "deactivated {hook}"),
  "event_hook.deleted": E("Deleted event hook", "deleted {hook}"),
  "event_hook.verified": E("Verified event hook", "verified {hook}"),
  "event_hook.delivery": E("Event hook delivery failed", "could not deliver to {hook}"),
  "security.threat.detected": E("Threat detected", "was flagged as a threat"),
};

const USER_TYPES = ["User", "AppUser"];
const SLOT_TYPES: Record<string, string[]> = {
  user: USER_TYPES,
  group: ["UserGroup"],
  app: ["AppInstance"],
  factor: ["AuthenticatorEnrollment", "Factor"],
  hook: ["EventHook"],
};

/** A target's name as a person reads it: display name, else a meaningful alternate id, else the id. */
export function targetName(t: EventTarget): string {
  const alt = t.alternateId && t.alternateId !== "unknown" ? t.alternateId : null;
  return t.displayName || alt || t.id || "unknown";
}

/** A piece of a sentence: plain words, or a target to show (and link) by name. */
export type SentencePart = string | { target: EventTarget };

export interface EventDescription {
  /** The action in plain words ("Added to group"). */
  action: string;
  /** What happened, after the actor's name ("added Jane Doe to aws-prod-admins"). */
  parts: SentencePart[];
  /** `parts` as plain text. */
  summary: string;
  /** Whether the catalogue knows the type (else the action is Okta's displayMessage or the type). */
  known: boolean;
}

/** The label alone, for the event-type picker and the CSV. */
export function eventLabel(eventType: string, displayMessage?: string | null): string {
  return EVENT_CATALOGUE[eventType]?.label ?? (displayMessage || eventType);
}

export function describeEvent(e: {
  eventType: string;
  displayMessage: string | null;
  actor: EventActor;
  targets: EventTarget[] | null;
}): EventDescription {
  const targets = e.targets ?? [];
  const entry = EVENT_CATALOGUE[e.eventType];
  if (!entry) {
    // Unknown type: Okta's own words, and what it touched.
    const action = e.displayMessage || e.eventType;
    const parts: SentencePart[] = targets.length
      ? targets.flatMap((t, i): SentencePart[] => [i === 0 ? "on " : i === targets.length - 1 ? " and " : ", ", { target: t }])
      : [];
    return { action, parts, summary: plain(parts), known: false };
  }
  const user = targets.find((t) => t.type && USER_TYPES.includes(t.type));
  const template = entry.self && user?.id && user.id === e.actor.id ? entry.self : entry.sentence;
  const parts: SentencePart[] = [];
  const re = /\{(\w+)\}/g;
  let at = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    if (m.index > at) parts.push(template.slice(at, m.index));
    at = m.index + m[0].length;
    const slot = m[1];
    const t = slot === "target" ? targets[0] : targets.find((x) => x.type && SLOT_TYPES[slot]?.includes(x.type));
    parts.push(t ? { target: t } : MISSING[slot]);
  }
  if (at < template.length) parts.push(template.slice(at));
  const joined = parts.reduce<SentencePart[]>((acc, p) => {
    const last = acc.at(-1);
    if (typeof p === "string" && typeof last === "string") acc[acc.length - 1] = last + p;
    else acc.push(p);
    return acc;
  }, []);
  return { action: entry.label, parts: joined, summary: plain(joined), known: true };
}

// What a sentence says when the event does not name that target.
const MISSING: Record<string, string> = {
  user: "a person",
  group: "a group",
  app: "an app",
  factor: "an MFA factor",
  hook: "an event hook",
  target: "something",
};

function plain(parts: SentencePart[]) {
  return parts.map((p) => (typeof p === "string" ? p : targetName(p.target))).join("");
}
