// Records -> Okta JSON, exactly the field names, enums and timestamp format Okta sends.
import { COUNTRY_NAMES, LOCATIONS, USER_AGENTS } from "./data";
import {
  type AppRec,
  type AppUserRec,
  EVERYONE,
  type EventHookRec,
  type GroupRec,
  type LogRec,
  type RoleRec,
  type Tenant,
  type UserRec,
} from "./state";
import { iso, isoOrNull, makeRng, oktaId, uuidFrom } from "./util";

type Json = Record<string, unknown>;
const href = (h: string, extra: Json = {}) => ({ href: h, ...extra });

export interface UserJsonOpts {
  single?: boolean;
  omitCredentials?: boolean;
  omitCredentialsLinks?: boolean;
}

export function userJson(t: Tenant, u: UserRec, base: string, o: UserJsonOpts = {}): Json {
  const self = `${base}/api/v1/users/${u.id}`;
  const j: Json = {
    id: u.id,
    status: u.status,
    created: iso(u.created),
    activated: isoOrNull(u.activated),
    statusChanged: isoOrNull(u.statusChanged),
    lastLogin: isoOrNull(u.lastLogin),
    lastUpdated: iso(u.lastUpdated),
    passwordChanged: isoOrNull(u.passwordChanged),
    type: { id: t.userTypeId },
    profile: u.profile,
  };
  if (!o.omitCredentials)
    j.credentials = { ...(u.passwordChanged != null ? { password: {} } : {}), provider: { type: "OKTA", name: "OKTA" } };
  const links: Json = { self: href(self) };
  if (o.single) {
    const post = (rel: string, path: string) => (links[rel] = href(`${self}/lifecycle/${path}`, { method: "POST" }));
    switch (u.status) {
      case "STAGED":
        post("activate", "activate");
        break;
      case "PROVISIONED":
        post("reactivate", "reactivate");
        break;
      case "SUSPENDED":
        post("unsuspend", "unsuspend");
        break;
      case "LOCKED_OUT":
        post("unlock", "unlock");
        break;
      case "DEPROVISIONED":
        post("activate", "activate");
        break;
      default:
        post("suspend", "suspend");
    }
    if (u.status !== "DEPROVISIONED") {
      post("deactivate", "deactivate");
      post("resetPassword", "reset_password");
      post("resetFactors", "reset_factors");
      post("expirePassword", "expire_password");
      if (!o.omitCredentialsLinks) {
        links.forgotPassword = href(`${self}/credentials/forgot_password`, { method: "POST" });
        links.changePassword = href(`${self}/credentials/change_password`, { method: "POST" });
        links.changeRecoveryQuestion = href(`${self}/credentials/change_recovery_question`, { method: "POST" });
      }
    }
    links.schema = href(`${base}/api/v1/meta/schemas/user/${t.userTypeId.replace(/^oty/, "osc")}`);
    links.type = href(`${base}/api/v1/meta/types/user/${t.userTypeId}`);
  }
  j._links = links;
  return j;
}

export interface GroupStats {
  usersCount: number;
  appsCount: number;
  groupPushMappingsCount: number;
  hasAdminPrivilege: boolean;
}

export function groupJson(t: Tenant, g: GroupRec, base: string, expand?: { stats?: GroupStats; app?: Json }): Json {
  const self = `${base}/api/v1/groups/${g.id}`;
  const logo = g.type === "APP_GROUP" ? "active_directory" : "okta";
  const links: Json = {
    logo: [
      { name: "medium", href: `${base}/img/logos/groups/${logo}-medium.png`, type: "image/png" },
      { name: "large", href: `${base}/img/logos/groups/${logo}-large.png`, type: "image/png" },
    ],
    ...(g.sourceApp !== null ? { source: href(`${base}/api/v1/apps/${t.apps[g.sourceApp].id}`) } : {}),
    users: href(`${self}/users`),
    apps: href(`${self}/apps`),
  };
  const j: Json = {
    id: g.id,
    created: iso(g.created),
    lastUpdated: iso(g.lastUpdated),
    lastMembershipUpdated: iso(g.lastMembershipUpdated),
    objectClass: [g.type === "APP_GROUP" ? "okta:windows_security_principal" : "okta:user_group"],
    type: g.type,
    profile: g.profile,
    _links: links,
  };
  if (expand?.stats || expand?.app) {
    j._embedded = {
      ...(expand.stats ? { stats: { ...expand.stats, _links: { self: href(`${self}/stats`) } } } : {}),
      ...(expand.app ? { app: expand.app } : {}),
    };
  }
  return j;
}

export function groupStats(t: Tenant, g: GroupRec): GroupStats {
  return {
    usersCount: g.seq === EVERYONE ? t.users.reduce((n, u) => n + (u.deleted ? 0 : 1), 0) : g.members.length,
    appsCount: g.apps.length,
    groupPushMappingsCount: 0,
    hasAdminPrivilege: t.rolesByGroup.has(g.seq),
  };
}

export function appJson(t: Tenant, a: AppRec, base: string): Json {
  const self = `${base}/api/v1/apps/${a.id}`;
  const linkName = a.signOnMode === "OPENID_CONNECT" ? "oidc_client_link" : `${a.name}_link`;
  const settings: Json = {
    app: {},
    notifications: { vpn: { network: { connection: "DISABLED" }, message: null, helpUrl: null } },
    manualProvisioning: false,
    implicitAssignment: false,
    notes: { admin: null, enduser: null },
  };
  // biome-ignore lint/suspicious/noTemplateCurlyInString: Okta's own template syntax, sent as Okta sends it.
  const credentials: Json = { userNameTemplate: { template: "${source.login}", type: "BUILT_IN" } };
  if (a.signOnMode === "SAML_2_0" || a.signOnMode === "SAML_1_1" || a.signOnMode === "WS_FEDERATION")
    credentials.signing = { kid: `${a.id.slice(3, 13)}-signing` };
  if (a.signOnMode === "BOOKMARK")
    settings.app = {
      requestIntegration: false,
      url: `https://intranet.${t.domainSuffix}/${a.label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`,
    };
  return {
    id: a.id,
    orn: `orn:okta:idp:${t.orgId}:apps:${a.name}:${a.id}`,
    name: a.name,
    label: a.label,
    status: a.status,
    lastUpdated: iso(a.lastUpdated),
    created: iso(a.created),
    accessibility: { selfService: false },
    visibility: {
      autoLaunch: false,
      autoSubmitToolbar: false,
      hide: { iOS: false, web: a.seq === 0 && a.name === "active_directory" },
      appLinks: { [linkName]: true },
    },
    features: a.features,
    signOnMode: a.signOnMode,
    credentials,
    settings,
    _links: {
      help: href(`${base}/app/${a.name}/${a.id}/setup/help/${a.signOnMode}/instructions`, { type: "text/html" }),
      metadata: href(`${self}/sso/saml/metadata`, { type: "application/xml" }),
      appLinks: [{ name: linkName, href: `${base}/home/${a.name}/${a.id}/${a.seq}`, type: "text/html" }],
      groups: href(`${self}/groups`),
      logo: [{ name: "medium", href: `${base}/assets/img/logos/default.png`, type: "image/png" }],
      users: href(`${self}/users`),
      ...(a.status === "ACTIVE" ? { deactivate: href(`${self}/lifecycle/deactivate`) } : { activate: href(`${self}/lifecycle/activate`) }),
      self: href(self),
    },
  };
}

export function appUserJson(t: Tenant, a: AppRec, u: UserRec, au: AppUserRec, base: string, embedUser: boolean): Json {
  const j: Json = {
    id: u.id,
    externalId: au.externalId,
    created: iso(au.created),
    lastUpdated: iso(au.lastUpdated),
    scope: au.direct ? "USER" : "GROUP",
    status: au.status,
    statusChanged: iso(au.statusChanged),
    passwordChanged: null,
    syncState: au.syncState,
    ...(au.syncState === "SYNCHRONIZED" ? { lastSync: iso(au.lastUpdated) } : {}),
    credentials: { userName: au.userName },
    profile: {
      email: u.profile.email,
      firstName: u.profile.firstName,
      lastName: u.profile.lastName,
      ...(a.signOnMode === "SAML_2_0" ? { department: u.profile.department, title: u.profile.title } : {}),
    },
    _links: { app: href(`${base}/api/v1/apps/${a.id}`), user: href(`${base}/api/v1/users/${u.id}`) },
  };
  if (j.externalId === null) delete j.externalId;
  if (embedUser) j._embedded = { user: userJson(t, u, base) };
  return j;
}

export function appGroupJson(t: Tenant, a: AppRec, g: GroupRec, base: string, embed?: "group" | "metadata"): Json {
  const rec = a.groups.get(g.seq)!;
  const j: Json = {
    id: g.id,
    lastUpdated: iso(rec.lastUpdated),
    priority: rec.priority,
    profile: {},
    _links: {
      app: href(`${base}/api/v1/apps/${a.id}`),
      self: href(`${base}/api/v1/apps/${a.id}/groups/${g.id}`),
      group: href(`${base}/api/v1/groups/${g.id}`),
    },
  };
  if (embed === "group") j._embedded = { group: groupJson(t, g, base) };
  if (embed === "metadata") j._embedded = { metadata: { _links: {} } };
  return j;
}

export function roleJson(t: Tenant, r: RoleRec, base: string): Json {
  const assignee =
    r.assignmentType === "USER" ? `${base}/api/v1/users/${t.users[r.principal].id}` : `${base}/api/v1/groups/${t.groups[r.principal].id}`;
  const j: Json = {
    id: r.id,
    label: r.label,
    type: r.type,
    status: r.status,
    created: iso(r.created),
    lastUpdated: iso(r.lastUpdated),
    assignmentType: r.assignmentType,
  };
  if (r.type === "CUSTOM") {
    j["resource-set"] = r.resourceSet;
    j.role = r.customRole;
    j._links = {
      assignee: href(assignee),
      "resource-set": href(`${base}/api/v1/iam/resource-sets/${r.resourceSet}`),
      role: href(`${base}/api/v1/iam/roles/${r.customRole}`),
      permissions: href(`${base}/api/v1/iam/roles/${r.customRole}/permissions`),
    };
  } else {
    j._links = { assignee: href(assignee) };
  }
  return j;
}

export function eventHookJson(h: EventHookRec, base: string): Json {
  return {
    id: h.id,
    status: h.status,
    verificationStatus: h.verificationStatus,
    name: h.name,
    description: null,
    created: iso(h.created),
    createdBy: h.createdBy,
    lastUpdated: iso(h.lastUpdated),
    events: h.events,
    channel: {
      type: "HTTP",
      version: "1.0.0",
      config: {
        uri: h.uri,
        headers: h.headers,
        method: "POST",
        ...(h.authScheme ? { authScheme: { type: h.authScheme.type, key: h.authScheme.key } } : {}),
      },
    },
    _links: {
      self: href(`${base}/api/v1/eventHooks/${h.id}`),
      verify: href(`${base}/api/v1/eventHooks/${h.id}/lifecycle/verify`, { hints: { allow: ["POST"] } }),
      ...(h.status === "ACTIVE"
        ? { deactivate: href(`${base}/api/v1/eventHooks/${h.id}/lifecycle/deactivate`, { hints: { allow: ["POST"] } }) }
        : { activate: href(`${base}/api/v1/eventHooks/${h.id}/lifecycle/activate`, { hints: { allow: ["POST"] } }) }),
    },
  };
}

// ---------------- System Log ----------------

const FACTORS = [
  ["Okta Verify", "OKTA_VERIFY_PUSH", "signed_nonce"],
  ["Google Authenticator", "GOOGLE_OTP", "token:software:totp"],
  ["Security Key or Biometric", "FIDO_WEBAUTHN", "webauthn"],
  ["Phone", "SMS", "sms"],
] as const;

const EVENT_INFO: Record<string, [displayMessage: string, legacy: string | null, severity: string]> = {
  "user.session.start": ["User login to Okta", "core.user_auth.login_success", "INFO"],
  "user.session.end": ["User logout from Okta", "core.user_auth.logout_success", "INFO"],
  "user.authentication.sso": ["User single sign on to app", "app.auth.sso", "INFO"],
  "user.authentication.auth_via_mfa": ["Authentication of user via MFA", "core.user.factor.attempt_success", "INFO"],
  "user.mfa.factor.activate": ["Activate factor or authenticator", "core.user.factor.activate", "INFO"],
  "user.mfa.factor.deactivate": ["Reset factor or authenticator", "core.user.factor.deactivate", "INFO"],
  "user.mfa.factor.reset_all": ["Reset all factors for user", "core.user.factor.reset_all", "INFO"],
  "user.account.lock": ["Max sign in attempts exceeded", "core.user_auth.account_locked", "WARN"],
  "user.account.unlock_by_admin": ["Unlock user account by admin", "core.user.account.unlock_by_admin", "INFO"],
  "user.account.update_profile": ["Update user profile for Okta", "core.user.config.profile_update.success", "INFO"],
  "user.account.update_password": ["User update password for Okta", "core.user.config.password_update.success", "INFO"],
  "user.account.reset_password": ["Fired when the user's Okta password is reset", "core.user.config.user_status.password_reset", "INFO"],
  "user.account.expire_password": ["Expire password", "core.user.config.password_expired", "INFO"],
  "user.account.privilege.grant": ["Grant user privilege", "core.user.admin_privilege.granted", "INFO"],
  "user.account.privilege.revoke": ["Revoke user privilege", "core.user.admin_privilege.revoked", "INFO"],
  "group.privilege.grant": ["Grant group privilege", "core.group.admin_privilege.granted", "INFO"],
  "user.lifecycle.create": ["Create Okta user", "core.user.config.user_creation.success", "INFO"],
  "user.lifecycle.activate": ["Activate Okta user", "core.user.config.user_activated", "INFO"],
  "user.lifecycle.reactivate": ["Reactivate Okta user", "core.user.config.user_reactivated", "INFO"],
  "user.lifecycle.deactivate": ["Deactivate Okta user", "core.user.config.user_deactivated", "INFO"],
  "user.lifecycle.suspend": ["Suspend Okta user", "core.user.config.user_status.suspended", "INFO"],
  "user.lifecycle.unsuspend": ["Unsuspend Okta user", "core.user.config.user_status.unsuspended", "INFO"],
  "user.session.clear": ["Clear user session", "core.user_auth.session_clear", "INFO"],
  "user.lifecycle.delete.initiated": ["Delete Okta user", "core.user.config.user_deletion.initiated", "INFO"],
  "user.lifecycle.delete.completed": ["Delete Okta user completed", null, "INFO"],
  "group.user_membership.add": ["Add user to group membership", "core.user_group_member.user_add", "INFO"],
  "group.user_membership.remove": ["Remove user from group membership", "core.user_group_member.user_remove", "INFO"],
  "group.lifecycle.create": ["Create Okta group", "core.user_group.created", "INFO"],
  "group.lifecycle.delete": ["Delete Okta group", "core.user_group.deleted", "INFO"],
  "group.profile.update": ["Update group profile", "core.user_group.profile_update", "INFO"],
  "application.user_membership.add": ["Add user to application membership", "application.user_membership.add", "INFO"],
  "application.user_membership.remove": ["Remove user from application membership", "application.user_membership.remove", "INFO"],
  "application.user_membership.change_username": ["Change application username", null, "INFO"],
  "group.application_assignment.add": ["Add assigned application to group", null, "INFO"],
  "group.application_assignment.remove": ["Remove assigned application from group", null, "INFO"],
  "group.application_assignment.update": ["Update assigned application in group", null, "INFO"],
  "policy.evaluate_sign_on": ["Evaluation of sign-on policy", null, "INFO"],
  "event_hook.verified": ["Event hook verified", null, "INFO"],
  "event_hook.delivery": ["Event hook delivery failed", null, "WARN"],
  "system.rate_limit.violation": ["Rate limit violation", null, "WARN"],
};

function userRef(t: Tenant, seq: number, kind = "User") {
  const u = t.users[seq];
  return {
    id: u.id,
    type: kind,
    alternateId: String(u.profile.login),
    displayName: String(u.profile.displayName ?? `${u.profile.firstName} ${u.profile.lastName}`),
    detailEntry: null,
  };
}
const groupRef = (t: Tenant, seq: number) => ({
  id: t.groups[seq].id,
  type: "UserGroup",
  alternateId: "unknown",
  displayName: String(t.groups[seq].profile.name),
  detailEntry: null,
});
const appRef = (t: Tenant, seq: number) => ({
  id: t.apps[seq].id,
  type: "AppInstance",
  alternateId: t.apps[seq].label,
  displayName: t.apps[seq].label,
  detailEntry: null,
});

function actorOf(t: Tenant, r: LogRec) {
  const a = r.a;
  if (typeof a === "number")
    return a >= 0
      ? userRef(t, a)
      : { id: t.orgId, type: "SystemPrincipal", alternateId: "system@okta.com", displayName: "Okta System", detailEntry: null };
  return { id: a, type: "PublicClientApp", alternateId: a, displayName: r.an ?? "Okta Sync Console", detailEntry: null };
}

function targetsOf(t: Tenant, r: LogRec) {
  switch (r.e) {
    case "user.session.start":
    case "user.session.end":
    case "policy.evaluate_sign_on":
      return [];
    case "user.authentication.sso":
      return [appRef(t, r.x), { ...userRef(t, r.y, "AppUser") }];
    case "user.authentication.auth_via_mfa":
    case "user.mfa.factor.activate":
    case "user.mfa.factor.deactivate": {
      const f = FACTORS[r.y % FACTORS.length];
      return [
        {
          id: `${oktaId(makeRng(r.x * 7 + r.y), "pfd")}`,
          type: "AuthenticatorEnrollment",
          alternateId: "unknown",
          displayName: f[0],
          detailEntry: { methodTypeUsed: f[1] },
        },
        userRef(t, r.x),
      ];
    }
    case "group.user_membership.add":
    case "group.user_membership.remove":
      return [userRef(t, r.x), groupRef(t, r.y)];
    case "application.user_membership.add":
    case "application.user_membership.remove":
    case "application.user_membership.change_username":
      return [userRef(t, r.x, "AppUser"), appRef(t, r.y)];
    case "group.application_assignment.add":
    case "group.application_assignment.remove":
    case "group.application_assignment.update":
      return [groupRef(t, r.x), appRef(t, r.y)];
    case "group.privilege.grant":
    case "group.lifecycle.create":
    case "group.lifecycle.delete":
    case "group.profile.update":
      return [groupRef(t, r.x)];
    case "event_hook.verified":
    case "event_hook.delivery":
      return [
        {
          id: String(r.d?.hookId ?? ""),
          type: "EventHook",
          alternateId: String(r.d?.hookName ?? ""),
          displayName: String(r.d?.hookName ?? ""),
          detailEntry: null,
        },
      ];
    case "system.rate_limit.violation":
      return [];
    default:
      return [userRef(t, r.x)];
  }
}

/** Common System Log filter attributes read straight from the record (no full serialisation). */
export function logField(t: Tenant, r: LogRec, path: string): { v: unknown } | null {
  switch (path) {
    case "eventType":
      return { v: r.e };
    case "outcome.result":
      return { v: r.o || "SUCCESS" };
    case "actor.id":
      return { v: actorOf(t, r).id };
    case "actor.type":
      return { v: actorOf(t, r).type };
    case "actor.alternateId":
      return { v: actorOf(t, r).alternateId };
    case "target.id":
      return { v: targetsOf(t, r).map((x) => x.id) };
    case "target.type":
      return { v: targetsOf(t, r).map((x) => x.type) };
    case "target.alternateId":
      return { v: targetsOf(t, r).map((x) => x.alternateId) };
    case "client.ipAddress":
      return { v: t.clients[r.c % t.clients.length][0] };
  }
  return null;
}

/** Stable uuid for generated history, random-looking but the same on every request. */
export function logUuid(t: Tenant, index: number, r: LogRec) {
  return r.u ?? uuidFrom(makeRng((t.seed * 2654435761) ^ (index * 40503) ^ r.t));
}

export function logJson(t: Tenant, r: LogRec, index: number): Json {
  const [displayMessage, legacyEventType, severity] = EVENT_INFO[r.e] ?? [r.e, null, "INFO"];
  const [ip, li, ua] = t.clients[r.c % t.clients.length];
  const L = LOCATIONS[li];
  const U = USER_AGENTS[ua];
  const geo = { city: L[0], state: L[1], country: COUNTRY_NAMES[L[2]] ?? L[2], postalCode: L[3], geolocation: { lat: L[6], lon: L[7] } };
  const sid = r.s ? `102${oktaId(makeRng(r.s), "", 22)}` : null;
  const txId = oktaId(makeRng(r.t ^ (index * 2246822519)), "", 27);
  const isSession = r.e.startsWith("user.session") || r.e.startsWith("user.authentication") || r.e === "policy.evaluate_sign_on";
  const fromUi = typeof r.a === "number" && r.a >= 0;
  const debugData: Json = {
    requestId: txId,
    requestUri: isSession ? "/idp/idx/authenticators/poll" : typeof r.a === "string" ? "/api/v1" : "/api/v1/internal",
    threatSuspected: "false",
    url: isSession ? "/idp/idx/authenticators/poll?" : "/api/v1?",
    ...(r.d ?? {}),
  };
  delete debugData.hookId;
  delete debugData.hookName;
  if (r.e === "user.authentication.sso") debugData.initiationType = "IDP_INITIATED";
  if (r.e === "user.session.start")
    debugData.behaviors =
      "{New Geo-Location=NEGATIVE, New Device=NEGATIVE, New IP=NEGATIVE, New State=NEGATIVE, New Country=NEGATIVE, Velocity=NEGATIVE, New City=NEGATIVE}";
  return dropNulls({
    actor: actorOf(t, r),
    client: {
      userAgent:
        fromUi || !(typeof r.a === "string")
          ? { rawUserAgent: U[0], os: U[1], browser: U[2] }
          : { rawUserAgent: "okta-sync-console", os: "Unknown", browser: "UNKNOWN" },
      zone: "null",
      device: U[3],
      id: null,
      ipAddress: ip,
      geographicalContext: geo,
    },
    device: null,
    authenticationContext: {
      ...(isSession
        ? {
            authenticationProvider: "OKTA_AUTHENTICATION_PROVIDER",
            credentialProvider: "OKTA_CREDENTIAL_PROVIDER",
            credentialType: r.e === "user.authentication.auth_via_mfa" ? "OTP" : "PASSWORD",
          }
        : {}),
      authenticationStep: 0,
      rootSessionId: sid ?? "unknown",
      externalSessionId: sid ?? "unknown",
    },
    displayMessage,
    eventType: r.e,
    outcome: { result: r.o || "SUCCESS", reason: r.r },
    published: iso(r.t),
    securityContext: { asNumber: 7922, asOrg: "comcast", isp: "comcast", domain: "comcast.net", isProxy: false },
    severity: r.o === "FAILURE" && severity === "INFO" ? "WARN" : severity,
    debugContext: { debugData },
    legacyEventType,
    transaction: { type: isSession || fromUi ? "WEB" : "JOB", id: txId, detail: {} },
    uuid: logUuid(t, index, r),
    version: "0",
    request: { ipChain: [{ ip, geographicalContext: geo, version: "V4", source: null }] },
    target: targetsOf(t, r),
  });
}

/**
 * Okta sends many of these fields as null, but the spec types them as non-nullable strings and
 * objects; we omit them so responses validate (README: known differences).
 */
function dropNulls<T>(v: T): T {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map(dropNulls) as T;
  const o: Record<string, unknown> = {};
  // for…in, not Object.entries: no pair arrays (about 1-2 µs an event less; these are plain objects).
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== null) o[k] = dropNulls(x);
  }
  return o as T;
}
