// Deterministic tenant generator: the same seed and sizes give the same org (ids, names,
// memberships, assignments, log history); only the time anchor moves with the clock.
import {
  ACCESS_GROUPS,
  ADMIN_ROLE_LABELS,
  APP_CATALOG,
  COST_CENTERS,
  DEPARTMENTS,
  FIRST_NAMES,
  GROUP_TOPICS,
  GROUP_WORDS,
  LAST_NAMES,
  LOCATIONS,
  USER_AGENTS,
} from "./data";
import {
  type AppRec,
  addAppUser,
  assignGroupToApp,
  EVERYONE,
  type GroupRec,
  type LogRec,
  type Profile,
  type RoleRec,
  type Tenant,
  type UserRec,
  type UserStatus,
} from "./state";
import { asciiFold, makeRng, oktaId, type Rng, uuidFrom } from "./util";

export interface GenerateOptions {
  seed?: number;
  users?: number;
  groups?: number;
  apps?: number;
  logDays?: number;
  /** average System Log events per user per day (default 0.17: ~500k events for 100k users over 30 days) */
  logRate?: number;
  now?: number;
}

const DAY = 86_400_000;
const COMPANIES = [
  ["Acme Corporation", "acme"],
  ["Globex", "globex"],
  ["Initech", "initech"],
  ["Umbrella Labs", "umbrella"],
  ["Hooli", "hooli"],
  ["Vandelay Industries", "vandelay"],
  ["Nordlicht GmbH", "nordlicht"],
  ["Soylent", "soylent"],
] as const;

const STATUS_MIX: [UserStatus, number][] = [
  ["ACTIVE", 85],
  ["STAGED", 2],
  ["PROVISIONED", 2],
  ["RECOVERY", 1],
  ["PASSWORD_EXPIRED", 1.5],
  ["LOCKED_OUT", 1],
  ["SUSPENDED", 1.5],
  ["DEPROVISIONED", 6],
];

export function generateTenant(opts: GenerateOptions = {}): Tenant {
  const seed = opts.seed ?? 42;
  const nUsers = Math.max(1, opts.users ?? 5000);
  const nGroups = Math.max(1, opts.groups ?? 300);
  const nApps = Math.max(1, opts.apps ?? 60);
  const logDays = Math.max(0, opts.logDays ?? 30);
  const now = Math.floor((opts.now ?? Date.now()) / 1000) * 1000;
  const rng = makeRng(seed);
  const [orgName, slug] = COMPANIES[seed % COMPANIES.length];
  const domainSuffix = `${slug}.example`;
  const orgCreated = now - 6 * 365 * DAY - rng.int(200) * DAY;

  const t: Tenant = {
    seed,
    orgId: oktaId(rng, "00o"),
    orgName,
    domainSuffix,
    generatedAt: now,
    userTypeId: oktaId(rng, "oty"),
    users: [],
    userSeqById: new Map(),
    userSeqByLogin: new Map(),
    groups: [],
    groupSeqById: new Map(),
    apps: [],
    appSeqById: new Map(),
    rolesByUser: new Map(),
    rolesByGroup: new Map(),
    customRoles: [],
    resourceSets: [],
    idps: [],
    logs: [],
    eventHooks: [],
    clients: [],
  };

  // Client contexts (IP + place + browser) used by log events; a few per location.
  for (let li = 0; li < LOCATIONS.length; li++)
    for (let j = 0; j < 24; j++)
      t.clients.push([
        `${[73, 81, 92, 104, 145, 185, 203][j % 7]}.${rng.int(250) + 1}.${rng.int(250)}.${rng.int(250) + 1}`,
        li,
        rng.int(USER_AGENTS.length),
      ]);

  generateUsers(t, rng, nUsers, now, orgCreated);
  const adApp = generateApps(t, rng, nApps, now, orgCreated, domainSuffix, nGroups > 20);
  generateGroups(t, rng, nGroups, now, orgCreated, adApp);
  assignApps(t, rng, now);
  generateRoles(t, rng, now, orgCreated);
  generateIdps(t, rng, now, orgCreated, domainSuffix);
  generateLogs(t, rng, now, logDays, opts.logRate ?? 0.17);
  return t;
}

export function newUserProfile(t: Tenant, rng: Rng, deptIndex?: number): Profile {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const dept = DEPARTMENTS[deptIndex ?? pickDept(rng)];
  const loc = rng.weighted(LOCATIONS.map((l, i) => [i, l[8]] as const));
  const L = LOCATIONS[loc];
  const base = `${asciiFold(first)}.${asciiFold(last)}`;
  let login = `${base}@${t.domainSuffix}`;
  for (let n = 2; t.userSeqByLogin.has(login); n++) login = `${base}${n}@${t.domainSuffix}`;
  const userType = rng.weighted([
    ["Employee", 88],
    ["Contractor", 9],
    ["Intern", 3],
  ] as const);
  return {
    firstName: first,
    lastName: last,
    displayName: `${first} ${last}`,
    nickName: null,
    login,
    email: login,
    secondEmail: null,
    mobilePhone: `+1 555 ${String(rng.int(900) + 100)} ${String(rng.int(9000) + 1000)}`,
    primaryPhone: null,
    title: rng.pick(dept[2]),
    department: dept[0],
    division: dept[0] === "Engineering" || dept[0] === "Product" || dept[0] === "Data" ? "R&D" : "G&A",
    organization: t.orgName,
    costCenter: rng.pick(COST_CENTERS),
    employeeNumber: "",
    manager: null,
    managerId: null,
    city: L[0],
    state: L[1],
    countryCode: L[2],
    zipCode: L[3],
    streetAddress:
      `${rng.int(900) + 10} ${rng.pick(["Market", "Main", "King", "Hauptstraße", "Rue de Rivoli", "Gran Vía", "Collins"])} ${rng.pick(["St", "Ave", ""])}`.trim(),
    timezone: L[4],
    locale: L[5],
    preferredLanguage: L[5].slice(0, 2),
    userType,
    hireDate: null,
    workdayId: null,
  };
}

const DEPT_WEIGHTS = DEPARTMENTS.map((d, i) => [i, d[1]] as const);
const pickDept = (rng: Rng) => rng.weighted(DEPT_WEIGHTS);

function generateUsers(t: Tenant, rng: Rng, n: number, now: number, orgCreated: number) {
  // Creation times skew recent (a growing company); sorted so seq order is creation order.
  const created: number[] = new Array(n);
  const span = now - orgCreated - 2 * DAY;
  for (let i = 0; i < n; i++) created[i] = orgCreated + DAY + Math.floor(Math.sqrt(rng()) * span);
  created.sort((a, b) => a - b);
  const byDept: number[][] = DEPARTMENTS.map(() => []);
  for (let seq = 0; seq < n; seq++) {
    const dIdx = pickDept(rng);
    const profile = newUserProfile(t, rng, dIdx);
    const status = rng.weighted(STATUS_MIX);
    const u = makeUser(t, rng, seq, profile, status, Math.floor(created[seq] / 1000) * 1000, now);
    const peers = byDept[dIdx];
    if (peers.length) {
      const m = t.users[peers[Math.floor(rng() ** 3 * peers.length)]];
      u.profile.manager = String(m.profile.displayName);
      u.profile.managerId = String(m.profile.employeeNumber);
    }
    peers.push(seq);
  }
}

/** Builds a user whose timestamps agree with its status. */
export function makeUser(t: Tenant, rng: Rng, seq: number, profile: Profile, status: UserStatus, created: number, now: number): UserRec {
  const rand = (a: number, b: number) => Math.floor((a + rng() * Math.max(0, b - a)) / 1000) * 1000;
  let activated: number | null = null;
  let statusChanged: number | null = null;
  let lastLogin: number | null = null;
  let passwordChanged: number | null = null;
  if (status !== "STAGED" && status !== "PROVISIONED") {
    activated = rand(created, Math.min(now, created + 3 * DAY));
    passwordChanged = rand(activated, now);
    statusChanged = status === "ACTIVE" ? activated : rand(Math.max(activated, now - 180 * DAY), now);
    if (status === "ACTIVE" && rng.chance(0.35) && now - activated > 30 * DAY) statusChanged = rand(activated, now); // was suspended/locked once
    // Nobody signs in after being deactivated, suspended, locked out or sent to a password reset.
    const loginEnd = status === "ACTIVE" ? now : statusChanged;
    if (!rng.chance(0.04))
      lastLogin = rng.chance(0.85) ? rand(Math.max(activated, loginEnd - 14 * DAY), loginEnd) : rand(activated, loginEnd);
  } else if (status === "PROVISIONED") {
    statusChanged = rand(created, Math.min(now, created + DAY));
  }
  const latest = Math.max(created, activated ?? 0, statusChanged ?? 0, passwordChanged ?? 0);
  const lastUpdated = rng.chance(0.5) ? rand(latest, now) : latest;
  const id = oktaId(rng, "00u");
  profile.employeeNumber = String(100000 + seq);
  profile.hireDate = new Date(created).toISOString().slice(0, 10);
  profile.workdayId = `WD-${((created / 1000) % 1e7).toFixed(0).padStart(7, "0")}`;
  const u: UserRec = {
    seq,
    id,
    status,
    created,
    activated,
    statusChanged,
    lastLogin,
    lastUpdated,
    passwordChanged,
    profile,
    groups: [],
    apps: [],
    factors: status === "ACTIVE" ? 1 + rng.int(3) : 0,
    deleted: false,
  };
  t.users[seq] = u;
  t.userSeqById.set(id, seq);
  t.userSeqByLogin.set(String(profile.login).toLowerCase(), seq);
  return u;
}

function makeGroup(
  t: Tenant,
  rng: Rng,
  type: GroupRec["type"],
  profile: Profile,
  created: number,
  now: number,
  sourceApp: number | null,
): GroupRec {
  const seq = t.groups.length;
  const lastUpdated = Math.floor((created + rng() * (now - created) * 0.6) / 1000) * 1000;
  const g: GroupRec = {
    seq,
    id: oktaId(rng, "00g"),
    type,
    created,
    lastUpdated,
    lastMembershipUpdated: lastUpdated,
    profile,
    members: [],
    sourceApp,
    apps: [],
    deleted: false,
  };
  t.groups.push(g);
  t.groupSeqById.set(g.id, seq);
  return g;
}

function generateGroups(t: Tenant, rng: Rng, n: number, now: number, orgCreated: number, adApp: AppRec | null) {
  const N = t.users.length;
  const ago = (maxDays: number) => Math.floor((now - rng() * maxDays * DAY) / 1000) * 1000;
  makeGroup(t, rng, "BUILT_IN", { name: "Everyone", description: "All users in your organization" }, orgCreated, now, null);
  const plan: (() => void)[] = [];
  // Department and office groups mirror the profile attributes (as group rules would).
  for (const [dept] of DEPARTMENTS)
    plan.push(() => {
      const g = makeGroup(t, rng, "OKTA_GROUP", { name: `Dept - ${dept}`, description: `Everyone in ${dept}` }, ago(2000), now, null);
      for (const u of t.users) if (u.profile.department === dept) g.members.push(u.seq);
    });
  for (const L of LOCATIONS)
    plan.push(() => {
      const g = makeGroup(
        t,
        rng,
        "OKTA_GROUP",
        { name: `Office - ${L[0]}`, description: `People based in ${L[0]}, ${L[2]}` },
        ago(2000),
        now,
        null,
      );
      for (const u of t.users) if (u.profile.city === L[0]) g.members.push(u.seq);
    });
  const rest = Math.max(0, n - 1 - plan.length);
  const nAd = adApp && rest > 0 ? Math.max(1, Math.floor(rest * 0.12)) : 0;
  // Power-law sizes: a few huge groups, a long tail of small ones, some empty.
  const target = N * Math.min(8, Math.max(0.5, n / 40));
  const weights = Array.from({ length: rest }, (_, i) => 1 / (i + 1) ** 1.05);
  for (let i = weights.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [weights[i], weights[j]] = [weights[j], weights[i]];
  }
  const wsum = weights.reduce((a, b) => a + b, 0) || 1;
  const perm = new Int32Array(N);
  for (let i = 0; i < rest; i++) {
    const size = rng.chance(0.06)
      ? 0
      : Math.max(1, Math.min(Math.floor(N * 0.5), Math.round((weights[i] / wsum) * target * (0.6 + rng() * 0.8))));
    const isAd = i < nAd;
    const word = `${rng.pick(GROUP_WORDS)}`;
    let profile: Profile;
    if (isAd) {
      const name =
        i < ACCESS_GROUPS.length ? `AD-${ACCESS_GROUPS[i]}` : `AD ${word} ${rng.pick(["Users", "Admins", "Readers", "Editors"])} ${i}`;
      profile = {
        name,
        description: `Imported from ${adApp!.label}`,
        groupType: "Security",
        samAccountName: name,
        objectSid: `S-1-5-21-717838489-685202119-709183397-${1100 + i}`,
        groupScope: "Global",
        dn: `CN=${name},OU=Groups,DC=corp,DC=${t.domainSuffix.split(".")[0]},DC=example`,
        windowsDomainQualifiedName: `CORP\\${name}`,
        externalId: Buffer.from(oktaId(rng, "", 16)).toString("base64"),
      };
    } else if (i - nAd < ACCESS_GROUPS.length) {
      profile = { name: ACCESS_GROUPS[i - nAd], description: `Access group: ${ACCESS_GROUPS[i - nAd]}` };
    } else {
      profile = { name: `${rng.pick(GROUP_TOPICS)} ${word} ${i}`, description: rng.chance(0.3) ? "" : `${word} collaborators` };
    }
    plan.push(() => {
      const g = makeGroup(t, rng, isAd ? "APP_GROUP" : "OKTA_GROUP", profile, ago(1800), now, isAd ? adApp!.seq : null);
      g.members = sample(rng, N, size, perm);
    });
  }
  for (const step of plan.slice(0, n - 1)) step();
  for (const g of t.groups) {
    for (const s of g.members) t.users[s].groups.push(g.seq);
    if (g.members.length && g.seq !== EVERYONE)
      g.lastMembershipUpdated = Math.max(g.lastUpdated, Math.floor((now - rng() * 60 * DAY) / 1000) * 1000);
  }
}

/** k distinct values from [0, n), sorted. */
function sample(rng: Rng, n: number, k: number, perm: Int32Array): number[] {
  k = Math.min(k, n);
  if (k === 0) return [];
  let out: number[];
  if (k * 3 < n) {
    const seen = new Set<number>();
    while (seen.size < k) seen.add(rng.int(n));
    out = [...seen];
  } else {
    for (let i = 0; i < n; i++) perm[i] = i;
    for (let i = 0; i < k; i++) {
      const j = i + rng.int(n - i);
      const tmp = perm[i];
      perm[i] = perm[j];
      perm[j] = tmp;
    }
    out = Array.from(perm.subarray(0, k));
  }
  return out.sort((a, b) => a - b);
}

function makeApp(
  t: Tenant,
  rng: Rng,
  name: string,
  label: string,
  signOnMode: string,
  features: readonly string[],
  created: number,
  now: number,
  status: AppRec["status"] = "ACTIVE",
): AppRec {
  const seq = t.apps.length;
  const a: AppRec = {
    seq,
    id: oktaId(rng, "0oa"),
    name,
    label,
    status,
    signOnMode,
    created,
    lastUpdated: Math.floor((created + rng() * (now - created)) / 1000) * 1000,
    features: [...features],
    users: new Map(),
    userOrder: [],
    groups: new Map(),
    groupOrder: [],
    deleted: false,
  };
  t.apps.push(a);
  t.appSeqById.set(a.id, seq);
  return a;
}

const appShare = new WeakMap<AppRec, number>();

function generateApps(t: Tenant, rng: Rng, n: number, now: number, orgCreated: number, domain: string, withAd: boolean): AppRec | null {
  const ago = () => Math.floor((now - rng() * (now - orgCreated) * 0.9) / 1000) * 1000;
  let ad: AppRec | null = null;
  if (withAd && n > 3) {
    ad = makeApp(
      t,
      rng,
      "active_directory",
      `corp.${domain}`,
      "BASIC_AUTH",
      ["IMPORT_NEW_USERS", "IMPORT_PROFILE_UPDATES"],
      orgCreated + DAY,
      now,
    );
    appShare.set(ad, 0);
  }
  for (let i = 0; t.apps.length < n; i++) {
    const c = APP_CATALOG[i % APP_CATALOG.length];
    const round = Math.floor(i / APP_CATALOG.length);
    let label: string = c[1];
    let share: number = c[4];
    if (round > 0) {
      // Larger orgs run several instances of the same catalog app (sandboxes, regions, accounts).
      label = `${c[1]} - ${rng.pick(["Sandbox", "EMEA", "APAC", "Dev", "Staging", "Account", "Legacy", "Partner"])} ${round + 1}`;
      share = c[4] * 0.02 * rng();
    }
    // Retired tools stay in the org, deactivated.
    const status = label.startsWith("Legacy Timesheets") || rng.chance(round > 0 ? 0.12 : 0.04) ? "INACTIVE" : "ACTIVE";
    appShare.set(makeApp(t, rng, c[0], label, c[2], c[3], ago(), now, status), share);
  }
  return ad;
}

function assignApps(t: Tenant, rng: Rng, now: number) {
  const N = t.users.length;
  const shares = t.apps.map((a) => appShare.get(a) ?? 0);
  const total = shares.reduce((a, b) => a + b, 0) || 1;
  // Roughly 2.5 assignments per user at scale, fewer in tiny tenants.
  const scale = Math.min(1, (N * Math.min(2.5, t.apps.length * 0.25)) / (total * N));
  const groupsBySize = t.groups
    .filter((g) => g.seq !== EVERYONE && g.members.length > 0)
    .sort((a, b) => b.members.length - a.members.length);
  const ts = (a: AppRec) => Math.floor((a.created + rng() * (now - a.created)) / 1000) * 1000;
  const eligible = (u: { status: string }) => u.status !== "DEPROVISIONED";
  for (const app of t.apps) {
    const want = Math.round(shares[app.seq] * scale * N);
    if (want <= 0) continue;
    let have = 0;
    if (want >= N * 0.85 && app.signOnMode === "BOOKMARK") {
      assignGroupToApp(t, app, t.groups[EVERYONE], ts(app));
      continue;
    }
    // Group assignments first (how real orgs do it), then direct assignments for the rest.
    for (let tries = 0; tries < 4 && groupsBySize.length; tries++) {
      const g = groupsBySize[Math.floor(rng() ** 0.7 * groupsBySize.length)];
      if (app.groups.has(g.seq) || have + g.members.length > want * 1.1) continue;
      assignGroupToApp(t, app, g, ts(app), app.groups.size);
      have = app.users.size;
    }
    for (let guard = 0; app.users.size < want && guard < want * 3; guard++) {
      const u = t.users[rng.int(N)];
      if (!eligible(u) || app.users.get(u.seq)?.direct) continue;
      addAppUser(t, app, u, ts(app), { direct: true });
    }
  }
  for (const app of t.apps)
    for (const au of app.users.values()) if (app.features.includes("PUSH_NEW_USERS")) au.externalId = oktaId(rng, "", 20);
}

export function makeRole(
  rng: Rng,
  type: string,
  assignmentType: "USER" | "GROUP",
  principal: number,
  created: number,
  custom?: { role: string; label: string; resourceSet: string },
): RoleRec {
  return {
    id: custom ? oktaId(rng, "irb") : oktaId(rng, "ra1"),
    type: custom ? "CUSTOM" : type,
    label: custom?.label ?? ADMIN_ROLE_LABELS[type] ?? type,
    status: "ACTIVE",
    created,
    lastUpdated: created,
    assignmentType,
    principal,
    ...(custom ? { customRole: custom.role, resourceSet: custom.resourceSet } : {}),
  };
}

function generateRoles(t: Tenant, rng: Rng, now: number, orgCreated: number) {
  const active = t.users.filter((u) => u.status === "ACTIVE");
  if (!active.length) return;
  const it = active.filter((u) => u.profile.department === "IT" || u.profile.department === "Security");
  const pool = it.length >= 3 ? it : active;
  const when = () => Math.floor((now - rng() * 700 * DAY) / 1000) * 1000;
  t.resourceSets.push({
    id: oktaId(rng, "iam"),
    label: "All employees",
    description: "Every user and the Everyone group",
    created: orgCreated + 30 * DAY,
  });
  t.customRoles.push(
    {
      id: oktaId(rng, "cr0"),
      label: "Help Desk Tier 2",
      description: "Resets factors and unlocks accounts",
      permissions: ["okta.users.read", "okta.users.lifecycle.unlock", "okta.users.credentials.resetFactors", "okta.groups.read"],
      created: orgCreated + 40 * DAY,
    },
    {
      id: oktaId(rng, "cr0"),
      label: "Access Auditor",
      description: "Reads users, groups, apps and the System Log",
      permissions: ["okta.users.read", "okta.groups.read", "okta.apps.read", "okta.logs.read"],
      created: orgCreated + 50 * DAY,
    },
  );
  const give = (u: UserRec, type: string, custom?: number) => {
    const list = t.rolesByUser.get(u.seq) ?? [];
    if (list.some((r) => r.type === type && !custom)) return;
    const cr = custom === undefined ? undefined : t.customRoles[custom];
    list.push(
      makeRole(
        rng,
        type,
        "USER",
        u.seq,
        Math.max(u.activated ?? u.created, when()),
        cr && { role: cr.id, label: cr.label, resourceSet: t.resourceSets[0].id },
      ),
    );
    t.rolesByUser.set(u.seq, list);
  };
  const nAdmins = Math.min(60, Math.max(8, Math.round(t.users.length / 2000)));
  give(pool[0], "SUPER_ADMIN");
  if (pool.length > 1) give(pool[1], "SUPER_ADMIN");
  // One of each common kind first, then a weighted mix.
  const fixed = ["READ_ONLY_ADMIN", "HELP_DESK_ADMIN", "APP_ADMIN", "CUSTOM", "ORG_ADMIN", "USER_ADMIN"];
  const mix: [string, number][] = [
    ["ORG_ADMIN", 2],
    ["READ_ONLY_ADMIN", 3],
    ["HELP_DESK_ADMIN", 4],
    ["APP_ADMIN", 2],
    ["USER_ADMIN", 2],
    ["REPORT_ADMIN", 1],
    ["GROUP_MEMBERSHIP_ADMIN", 1],
    ["CUSTOM", 2],
  ];
  for (let i = 2; i < nAdmins; i++) {
    const u = i < pool.length && rng.chance(0.7) ? pool[i] : rng.pick(active);
    const type = fixed[i - 2] ?? rng.weighted(mix);
    give(u, type, type === "CUSTOM" ? rng.int(t.customRoles.length) : undefined);
    if (rng.chance(0.15)) give(u, "REPORT_ADMIN");
  }
  // A few recent grants, so the System Log window holds privilege events.
  const recent = [...t.rolesByUser.values()].flat().slice(-2);
  for (const r of recent) r.created = r.lastUpdated = Math.floor((now - (1 + rng.int(10)) * DAY) / 1000) * 1000;
  // Roles held through groups.
  const byName = (name: string) => t.groups.find((g) => g.profile.name === name);
  const grants: [GroupRec | undefined, string, number?][] = [
    [byName("okta-helpdesk"), "HELP_DESK_ADMIN"],
    [byName("security-oncall"), "READ_ONLY_ADMIN"],
    [byName("Dept - IT"), "CUSTOM", 0],
  ];
  for (const [g, type, custom] of grants) {
    if (!g) continue;
    const cr = custom === undefined ? undefined : t.customRoles[custom];
    t.rolesByGroup.set(g.seq, [
      makeRole(rng, type, "GROUP", g.seq, when(), cr && { role: cr.id, label: cr.label, resourceSet: t.resourceSets[0].id }),
    ]);
  }
}

function generateIdps(t: Tenant, rng: Rng, now: number, orgCreated: number, domain: string) {
  const mk = (type: string, name: string, protocol: Record<string, unknown>, status = "ACTIVE") => {
    const created = Math.floor((orgCreated + rng() * (now - orgCreated)) / 1000) * 1000;
    t.idps.push({
      id: oktaId(rng, "0oa"),
      type,
      name,
      status,
      created: new Date(created).toISOString(),
      lastUpdated: new Date(Math.floor((created + rng() * (now - created)) / 1000) * 1000).toISOString(),
      issuerMode: "ORG_URL",
      protocol,
      policy: {
        provisioning: {
          action: "AUTO",
          profileMaster: false,
          groups: { action: "NONE" },
          conditions: { deprovisioned: { action: "NONE" }, suspended: { action: "NONE" } },
        },
        accountLink: { action: "AUTO" },
        subject: { userNameTemplate: { template: "idpuser.email" }, matchType: "USERNAME" },
        maxClockSkew: 120000,
      },
      properties: null,
    });
  };
  mk("SAML2", "Partner SSO (SAML)", {
    type: "SAML2",
    endpoints: {
      sso: {
        url: `https://idp.partner-${domain.split(".")[0]}.example/sso/saml`,
        binding: "HTTP-POST",
        destination: `https://idp.partner-${domain.split(".")[0]}.example/sso/saml`,
      },
      acs: { binding: "HTTP-POST", type: "INSTANCE" },
    },
    algorithms: {
      request: { signature: { algorithm: "SHA-256", scope: "REQUEST" } },
      response: { signature: { algorithm: "SHA-256", scope: "ANY" } },
    },
    credentials: {
      trust: {
        issuer: `urn:partner:${domain}`,
        audience: `https://www.okta.com/saml2/service-provider/sp${oktaId(rng, "", 17)}`,
        kid: uuidFrom(rng),
      },
    },
  });
  mk("GOOGLE", "Google", {
    type: "OIDC",
    scopes: ["profile", "email", "openid"],
    credentials: { client: { client_id: `${100000 + rng.int(899999)}-example.apps.googleusercontent.com` } },
  });
  mk("MICROSOFT", "Microsoft Entra ID", {
    type: "OIDC",
    scopes: ["openid", "email", "profile", "https://graph.microsoft.com/User.Read"],
    credentials: { client: { client_id: uuidFrom(rng) } },
  });
  mk(
    "OIDC",
    "Contractor IdP",
    {
      type: "OIDC",
      endpoints: {
        authorization: { url: "https://login.contractors.example/oauth2/v1/authorize", binding: "HTTP-REDIRECT" },
        token: { url: "https://login.contractors.example/oauth2/v1/token", binding: "HTTP-POST" },
      },
      scopes: ["openid", "profile", "email"],
      issuer: { url: "https://login.contractors.example" },
      credentials: { client: { client_id: oktaId(rng, "", 20) } },
    },
    "INACTIVE",
  );
}

// System Log event types with their relative frequency in the generated history.
const LOG_MIX: [string, number][] = [
  ["user.session.start", 40],
  ["user.session.start:FAILURE", 5],
  ["user.authentication.sso", 34],
  ["user.authentication.auth_via_mfa", 9],
  ["user.mfa.factor.activate", 0.6],
  ["user.mfa.factor.deactivate", 0.3],
  ["user.account.lock", 0.4],
  ["user.account.update_profile", 1.5],
  ["user.account.update_password", 1.2],
  ["user.account.reset_password", 0.3],
  ["group.user_membership.add", 2.5],
  ["group.user_membership.remove", 1],
  ["application.user_membership.add", 1.8],
  ["application.user_membership.remove", 0.6],
  ["user.session.end", 1.5],
  ["policy.evaluate_sign_on", 0.5],
];

function generateLogs(t: Tenant, rng: Rng, now: number, days: number, rate: number) {
  if (days <= 0) return;
  const from = now - days * DAY;
  const live = t.users.filter((u) => u.status !== "STAGED" && u.status !== "PROVISIONED");
  if (!live.length) return;
  const admins = [...t.rolesByUser.keys()];
  const admin = () => (admins.length ? admins[rng.int(admins.length)] : live[0].seq);
  const homeClient = (u: UserRec) => {
    const li = LOCATIONS.findIndex((l) => l[0] === u.profile.city);
    return Math.max(0, li) * 24 + (u.seq % 6) + (rng.chance(0.1) ? 6 + rng.int(18) : 0);
  };
  const logs: LogRec[] = [];
  const n = Math.round(t.users.length * days * rate);
  const mixSum = LOG_MIX.reduce((a, [, w]) => a + w, 0);
  const cumulative: [string, number][] = [];
  let acc = 0;
  for (const [e, w] of LOG_MIX) {
    acc += w / mixSum;
    cumulative.push([e, acc]);
  }
  const timeOfDay = () => {
    // Business-hours shape: most sign-ins between 08:00 and 18:00 in the user's day.
    const d = from + rng() * (now - from);
    return Math.floor(d);
  };
  for (let i = 0; i < n; i++) {
    const r = rng();
    let e = cumulative[cumulative.length - 1][0];
    for (const [name, c] of cumulative)
      if (r < c) {
        e = name;
        break;
      }
    const u = live[rng.int(live.length)];
    const tt = timeOfDay();
    const c = homeClient(u);
    const s = rng.int(2 ** 31);
    switch (e) {
      case "user.session.start":
      case "user.authentication.auth_via_mfa":
      case "user.session.end":
      case "policy.evaluate_sign_on":
        logs.push({ t: tt, e, a: u.seq, x: u.seq, y: rng.int(4), c, s, o: "", r: null });
        break;
      case "user.session.start:FAILURE":
        logs.push({
          t: tt,
          e: "user.session.start",
          a: u.seq,
          x: u.seq,
          y: 0,
          c: rng.chance(0.3) ? rng.int(t.clients.length) : c,
          s,
          o: "FAILURE",
          r: rng.pick(["INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "VERIFICATION_ERROR", "LOCKED_OUT"]),
        });
        break;
      case "user.authentication.sso": {
        if (!u.apps.length) {
          logs.push({ t: tt, e: "user.session.start", a: u.seq, x: u.seq, y: 0, c, s, o: "", r: null });
          break;
        }
        logs.push({ t: tt, e, a: u.seq, x: u.apps[rng.int(u.apps.length)], y: u.seq, c, s, o: "", r: null });
        break;
      }
      case "user.mfa.factor.activate":
      case "user.mfa.factor.deactivate":
      case "user.account.update_password":
        logs.push({ t: tt, e, a: u.seq, x: u.seq, y: rng.int(4), c, s, o: "", r: null });
        break;
      case "user.account.lock":
        logs.push({ t: tt, e, a: u.seq, x: u.seq, y: 0, c, s, o: "", r: null });
        break;
      case "user.account.update_profile":
      case "user.account.reset_password": {
        const a = admin();
        logs.push({ t: tt, e, a, x: u.seq, y: 0, c: homeClient(t.users[a]), s, o: "", r: null });
        break;
      }
      case "group.user_membership.add":
      case "group.user_membership.remove": {
        if (!u.groups.length) break;
        const a = admin();
        logs.push({ t: tt, e, a, x: u.seq, y: u.groups[rng.int(u.groups.length)], c: homeClient(t.users[a]), s, o: "", r: null });
        break;
      }
      case "application.user_membership.add":
      case "application.user_membership.remove": {
        if (!u.apps.length) break;
        const a = admin();
        logs.push({ t: tt, e, a, x: u.seq, y: u.apps[rng.int(u.apps.length)], c: homeClient(t.users[a]), s, o: "", r: null });
        break;
      }
    }
  }
  // Lifecycle events agree with the users' own timestamps when they fall inside the window.
  for (const u of t.users) {
    if (u.created >= from) {
      const a = admin();
      logs.push({ t: u.created, e: "user.lifecycle.create", a, x: u.seq, y: 0, c: homeClient(t.users[a]), s: 0, o: "", r: null });
      if (u.activated && u.activated >= from)
        logs.push({ t: u.activated, e: "user.lifecycle.activate", a, x: u.seq, y: 0, c: homeClient(t.users[a]), s: 0, o: "", r: null });
    }
    if (u.statusChanged && u.statusChanged >= from && u.statusChanged !== u.activated) {
      const e = {
        DEPROVISIONED: "user.lifecycle.deactivate",
        SUSPENDED: "user.lifecycle.suspend",
        LOCKED_OUT: "user.account.lock",
        PASSWORD_EXPIRED: "user.account.expire_password",
        RECOVERY: "user.account.reset_password",
        ACTIVE: "user.lifecycle.unsuspend",
      }[u.status as string];
      if (e) {
        const a = u.status === "LOCKED_OUT" ? u.seq : admin();
        logs.push({ t: u.statusChanged, e, a, x: u.seq, y: 0, c: homeClient(t.users[a]), s: 0, o: "", r: null });
      }
    }
  }
  for (const [seq, roles] of t.rolesByUser)
    for (const r of roles)
      if (r.created >= from)
        logs.push({
          t: r.created,
          e: "user.account.privilege.grant",
          a: admin(),
          x: seq,
          y: 0,
          c: 0,
          s: 0,
          o: "",
          r: null,
          d: { privilegeGranted: r.label },
        });
  for (const [seq, roles] of t.rolesByGroup)
    for (const r of roles)
      if (r.created >= from)
        logs.push({
          t: r.created,
          e: "group.privilege.grant",
          a: admin(),
          x: seq,
          y: 0,
          c: 0,
          s: 0,
          o: "",
          r: null,
          d: { privilegeGranted: r.label },
        });
  const agreed = agreeWithLastLogin(t, logs, from);
  agreed.sort((a, b) => a.t - b.t);
  t.logs = agreed;
}

// What a person does only while signed in: app sign-ins, MFA during sign-in, signing out.
const SIGNED_IN_EVENTS = new Set(["user.authentication.sso", "user.authentication.auth_via_mfa", "user.session.end"]);

/**
 * Okta's `lastLogin` is the person's last sign-in, and the System Log agrees with it: a successful
 * `user.session.start` at exactly lastLogin when it falls inside the window, none after it, and what a
 * person does signed in only up to it. Such events by someone who has not signed in since the window
 * opened (or never) are dropped, later ones moved before lastLogin. Uses no randomness, so the rest of
 * the tenant stays as it was.
 */
function agreeWithLastLogin(t: Tenant, logs: LogRec[], from: number): LogRec[] {
  const out: LogRec[] = [];
  for (const r of logs) {
    const bySelf = (r.e === "user.session.start" && r.o !== "FAILURE") || SIGNED_IN_EVENTS.has(r.e);
    const u = bySelf && typeof r.a === "number" && r.a >= 0 ? t.users[r.a] : undefined;
    if (!u) {
      out.push(r);
      continue;
    }
    const last = u.lastLogin;
    if (last === null || last < from) continue;
    if (r.t > last) r.t = from + (r.s % Math.max(1, last - from));
    out.push(r);
  }
  for (const u of t.users) {
    if (u.lastLogin === null || u.lastLogin < from) continue;
    const li = Math.max(
      0,
      LOCATIONS.findIndex((l) => l[0] === u.profile.city),
    );
    out.push({ t: u.lastLogin, e: "user.session.start", a: u.seq, x: u.seq, y: 0, c: li * 24 + (u.seq % 6), s: u.seq + 1, o: "", r: null });
  }
  return out;
}
