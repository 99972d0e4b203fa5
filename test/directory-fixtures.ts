// A synced Okta org written straight into the directory tables, without the sync engine: a workspace,
// an integration and realistic, deterministic people, groups, memberships, apps, assignments, admin
// roles and sign-in events. Tests use it small; bench/directory.ts uses it at 100k people.
import { randomUUID } from "node:crypto";
import { getDb } from "@/db";
import {
  integrations,
  type oktaApps,
  type oktaAppUsers,
  type oktaGroups,
  type oktaLogEvents,
  type oktaRoleAssignments,
  type oktaUsers,
} from "@/db/schema";
import { createWorkspace } from "./factories";

export const FIRST =
  "Ava Liam Olivia Noah Emma Oliver Sophia Elijah Isabella James Mia William Amelia Benjamin Harper Lucas Evelyn Henry Abigail Alexander Emily Mason Ella Michael Elizabeth Ethan Camila Daniel Luna Jacob Sofia Logan Avery Jackson Mila Levi Aria Sebastian Scarlett Mateo Penelope Jack Layla Owen Chloe Theodore Victoria Aiden Madison Samuel Eleanor Joseph Grace John Nora David Riley Wyatt Zoey Priya Wei Fatima Kenji Ngozi Diego".split(
    " ",
  );
export const LAST =
  "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Patel Kim Okafor Tanaka Schmidt Rossi Dubois Kowalski Novak Larsen".split(
    " ",
  );
export const DEPARTMENTS = [
  "Engineering",
  "Sales",
  "Marketing",
  "Finance",
  "Human Resources",
  "Customer Success",
  "Legal",
  "Operations",
  "Product",
  "Design",
  "IT",
  "Security",
];
export const TITLES: Record<string, string[]> = {
  Engineering: ["Software Engineer", "Senior Software Engineer", "Staff Engineer", "Engineering Manager", "SRE"],
  Sales: ["Account Executive", "Sales Development Rep", "Regional Sales Director"],
  Marketing: ["Marketing Manager", "Content Strategist", "Growth Analyst"],
  Finance: ["Financial Analyst", "Controller", "Accountant"],
  "Human Resources": ["HR Business Partner", "Recruiter", "People Ops Specialist"],
  "Customer Success": ["Customer Success Manager", "Support Engineer", "Onboarding Specialist"],
  Legal: ["Counsel", "Paralegal"],
  Operations: ["Operations Manager", "Program Manager"],
  Product: ["Product Manager", "Senior Product Manager"],
  Design: ["Product Designer", "UX Researcher"],
  IT: ["IT Support Specialist", "Systems Administrator", "IT Manager"],
  Security: ["Security Engineer", "Security Analyst"],
};
export const CITIES = ["San Francisco", "New York", "Austin", "London", "Berlin", "Toronto", "Sydney", "Singapore", "Dublin", "Remote"];
// [weight, status]: most of an org is active; the rest is what admins go looking for.
export const STATUS_MIX: [number, string][] = [
  [84, "ACTIVE"],
  [4, "PROVISIONED"],
  [2, "STAGED"],
  [3, "SUSPENDED"],
  [5, "DEPROVISIONED"],
  [1, "LOCKED_OUT"],
  [1, "PASSWORD_EXPIRED"],
];
export const APPS: [name: string, label: string, mode: string][] = [
  ["google", "Google Workspace", "SAML_2_0"],
  ["slack", "Slack", "SAML_2_0"],
  ["zoomus", "Zoom", "SAML_2_0"],
  ["salesforce", "Salesforce", "SAML_2_0"],
  ["github_enterprise", "GitHub Enterprise", "SAML_2_0"],
  ["atlassian_jira", "Jira", "SAML_2_0"],
  ["confluence", "Confluence", "SAML_2_0"],
  ["workday", "Workday", "SAML_2_0"],
  ["box", "Box", "SAML_2_0"],
  ["aws_account_federation", "AWS Production", "SAML_2_0"],
  ["oidc_client", "Internal Admin Portal", "OPENID_CONNECT"],
  ["netsuite", "NetSuite", "SAML_2_0"],
  ["zendesk", "Zendesk", "SAML_2_0"],
  ["figma", "Figma", "SAML_2_0"],
  ["bookmark", "Benefits Portal", "BOOKMARK"],
  ["template_swa", "Expense Reports (legacy)", "BROWSER_PLUGIN"],
  ["docusign", "DocuSign", "SAML_2_0"],
  ["hubspot", "HubSpot", "SAML_2_0"],
  ["datadog", "Datadog", "SAML_2_0"],
  ["template_basic_auth", "Build Server", "BASIC_AUTH"],
];
export const TEAMS = "Platform Mobile Payments Data Growth Billing Search Infra Identity Analytics Partners Onboarding".split(" ");

export function rng(seed: number) {
  let a = seed >>> 0 || 1;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** Okta-shaped ids ("00u" + 17 base62), unique by index, deterministic by seed. */
export function oktaId(prefix: string, index: number, rand: () => number) {
  let n = index;
  let head = "";
  for (let i = 0; i < 6; i++) {
    head = B62[n % 62] + head;
    n = Math.floor(n / 62);
  }
  let tail = "";
  for (let i = 0; i < 11; i++) tail += B62[Math.floor(rand() * 62)];
  return prefix + tail + head;
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Rows as one JSON parameter per batch: 100k people load in seconds (drizzle's builder takes minutes). */
export async function bulkInsert(table: string, rows: Record<string, unknown>[], perBatch = 5000) {
  if (rows.length === 0) return;
  const client = getDb().$client;
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const list = cols.map((c) => `"${snake(c)}"`).join(", ");
  for (let i = 0; i < rows.length; i += perBatch) {
    const chunk = rows.slice(i, i + perBatch).map((r) => Object.fromEntries(cols.map((c) => [snake(c), r[c] ?? null])));
    await client.unsafe(`insert into "${table}" (${list}) select ${list} from json_populate_recordset(null::"${table}", $1::json)`, [
      JSON.stringify(chunk),
    ]);
  }
}

export interface DirectorySeedOptions {
  /** Add the integration to this workspace instead of a new one. */
  workspaceId?: string;
  name?: string;
  domain?: string;
  users?: number;
  groups?: number;
  apps?: number;
  seed?: number;
  /** Sign-in events per person, for the first `signInUsers` people (all when unset). */
  signInsPerUser?: number;
  signInUsers?: number;
  /** Reference time, so the data looks freshly synced. */
  now?: Date;
}

export type SeededUser = typeof oktaUsers.$inferInsert & { id: string; login: string; status: string };
export type SeededGroup = typeof oktaGroups.$inferInsert & { id: string; name: string; type: string };
export type SeededApp = typeof oktaApps.$inferInsert & { id: string; label: string };

export async function seedDirectory(opts: DirectorySeedOptions = {}) {
  const db = getDb();
  const rand = rng(opts.seed ?? 1);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const now = (opts.now ?? new Date()).getTime();
  const day = 86_400_000;
  const ago = (maxDays: number) => new Date(now - Math.floor(rand() * maxDays * day));
  const nUsers = opts.users ?? 20;
  const nGroups = Math.max(opts.groups ?? 8, 3);
  const nApps = Math.min(opts.apps ?? 6, APPS.length);

  const workspaceId = opts.workspaceId ?? (await createWorkspace()).id;
  const suffix = randomUUID().slice(0, 6);
  const [integration] = await db
    .insert(integrations)
    .values({
      workspaceId,
      name: opts.name ?? `Acme Okta ${suffix}`,
      domain: opts.domain ?? `https://acme-${suffix}.okta.com`,
      authMethod: "private_key_jwt",
      clientId: "0oa-fixture",
    })
    .returning();
  const base = { workspaceId, integrationId: integration.id, contentHash: "fixture" };

  // People
  const loginsSeen = new Map<string, number>();
  const statusTotal = STATUS_MIX.reduce((s, [w]) => s + w, 0);
  const users: SeededUser[] = [];
  for (let i = 0; i < nUsers; i++) {
    const firstName = pick(FIRST);
    const lastName = pick(LAST);
    const handle = `${firstName}.${lastName}`.toLowerCase();
    const n = (loginsSeen.get(handle) ?? 0) + 1;
    loginsSeen.set(handle, n);
    const login = `${handle}${n > 1 ? n : ""}@acme.example`;
    let r = rand() * statusTotal;
    const status =
      STATUS_MIX.find(([w]) => {
        r -= w;
        return r < 0;
      })?.[1] ?? "ACTIVE";
    const department = pick(DEPARTMENTS);
    const title = pick(TITLES[department]);
    const created = ago(1000);
    const activated = status === "STAGED" ? null : new Date(created.getTime() + Math.floor(rand() * 5 * day));
    const statusChanged = status === "ACTIVE" || status === "STAGED" ? activated : ago(120);
    const lastLogin =
      status === "ACTIVE" && rand() < 0.92
        ? ago(30)
        : status === "ACTIVE" || status === "SUSPENDED" || status === "DEPROVISIONED"
          ? rand() < 0.5
            ? ago(400)
            : null
          : null;
    const city = pick(CITIES);
    const employeeNumber = String(10000 + i);
    const id = oktaId("00u", i, rand);
    const manager = i > 0 ? users[Math.floor(rand() * Math.min(i, 50))] : undefined;
    const profile = {
      login,
      email: login,
      firstName,
      lastName,
      department,
      title,
      city,
      employeeNumber,
      mobilePhone: `+1 555 01${String(i % 100).padStart(2, "0")}`,
      ...(manager ? { manager: `${manager.firstName} ${manager.lastName}`, managerId: manager.id } : {}),
    };
    users.push({
      ...base,
      id,
      status,
      login,
      email: login,
      firstName,
      lastName,
      department,
      title,
      location: city,
      employeeNumber,
      manager: manager ? `${manager.firstName} ${manager.lastName}` : null,
      managerId: manager?.id ?? null,
      // One in ten a contractor, without a draw from rand(): the rest of the org stays as it was.
      userType: i % 10 === 7 ? "Contractor" : "Employee",
      created,
      activated,
      statusChanged,
      lastLogin,
      lastUpdated: ago(60),
      passwordChanged: activated ? ago(180) : null,
      profile,
    });
  }

  // Groups: Everyone, one per department, then teams and directory-sourced (AD) groups.
  const groups: SeededGroup[] = [];
  const addGroup = (type: string, name: string, description: string, extra: Partial<SeededGroup> = {}) =>
    groups.push({
      ...base,
      id: oktaId("00g", groups.length, rand),
      type,
      name,
      description,
      created: ago(1200),
      lastUpdated: ago(200),
      lastMembershipUpdated: ago(20),
      profile: { name, description },
      ...extra,
    });
  addGroup("BUILT_IN", "Everyone", "All users in your organization");
  addGroup("OKTA_GROUP", "IT Helpdesk", "Helpdesk staff with limited admin rights");
  for (const d of DEPARTMENTS.slice(0, Math.min(DEPARTMENTS.length, nGroups - 2))) addGroup("OKTA_GROUP", d, `Everyone in ${d}`);
  for (let i = 0; groups.length < nGroups; i++) {
    const team = TEAMS[i % TEAMS.length] + (i >= TEAMS.length ? ` ${Math.floor(i / TEAMS.length) + 1}` : "");
    if (i % 3 === 2) {
      addGroup("APP_GROUP", `AD ${team} Users`, `Synced from Active Directory: CN=${team},OU=Groups,DC=acme,DC=example`, {
        profile: {
          name: `AD ${team} Users`,
          samAccountName: `${team.replace(/\s/g, "")}Users`,
          windowsDomainQualifiedName: `ACME\\${team.replace(/\s/g, "")}Users`,
        },
      });
    } else addGroup("OKTA_GROUP", `Team ${team}`, `Members of the ${team} team`);
  }
  const members = new Map<string, string[]>(groups.map((g) => [g.id, []]));
  const deptGroup = new Map(groups.filter((g) => DEPARTMENTS.includes(g.name)).map((g) => [g.name, g.id]));
  const others = groups.slice(2 + deptGroup.size);
  users.forEach((user, i) => {
    members.get(groups[0].id)!.push(user.id);
    const d = deptGroup.get(user.department!);
    if (d) members.get(d)!.push(user.id);
    if (user.department === "IT" || i === 1) members.get(groups[1].id)!.push(user.id);
    const extra = others.length ? Math.floor(rand() * 3) : 0;
    const joined = new Set<string>();
    for (let k = 0; k < extra; k++) joined.add(pick(others).id);
    for (const g of joined) members.get(g)!.push(user.id);
  });
  const membershipRows = [...members].flatMap(([groupId, ids]) =>
    ids.map((userId) => ({ workspaceId, integrationId: integration.id, groupId, userId })),
  );
  for (const g of groups) g.oktaMemberCount = members.get(g.id)!.length;

  // Apps, their group assignments, and the app users Okta reports (scope USER = direct, GROUP = via a group).
  const apps: SeededApp[] = APPS.slice(0, nApps).map(([name, label, signOnMode], i) => ({
    ...base,
    id: oktaId("0oa", i, rand),
    name,
    label,
    signOnMode,
    status: i === nApps - 1 && nApps > 3 ? "INACTIVE" : "ACTIVE",
    created: ago(1500),
    lastUpdated: ago(90),
  }));
  const appGroups: { appId: string; groupId: string; priority: number }[] = [];
  apps.forEach((app, i) => {
    const targets = i < 2 ? [groups[0]] : [pick(groups.slice(1)), ...(rand() < 0.5 ? [pick(groups.slice(1))] : [])];
    for (const [priority, g] of [...new Set(targets)].entries()) appGroups.push({ appId: app.id, groupId: g.id, priority });
  });
  const appUserRows: (typeof oktaAppUsers.$inferInsert)[] = [];
  const byId = new Map(users.map((x) => [x.id, x]));
  for (const app of apps) {
    const via = new Set(appGroups.filter((ag) => ag.appId === app.id).flatMap((ag) => members.get(ag.groupId)!));
    const direct = new Set(users.filter(() => rand() < 0.04).map((x) => x.id));
    for (const userId of new Set([...direct, ...via])) {
      const user = byId.get(userId);
      appUserRows.push({
        ...base,
        appId: app.id,
        userId,
        scope: direct.has(userId) ? "USER" : "GROUP",
        status: "PROVISIONED",
        syncState: "SYNCHRONIZED",
        userName: user?.login ?? null,
        created: ago(300),
        lastUpdated: ago(60),
        statusChanged: ago(300),
      });
    }
  }

  // Admin roles: a super admin, a few direct roles, and a role granted to the helpdesk group.
  const roles: (typeof oktaRoleAssignments.$inferInsert)[] = [];
  const role = (principalType: "USER" | "GROUP", principalId: string, roleType: string, label: string) =>
    roles.push({
      ...base,
      id: oktaId("ra1", roles.length, rand),
      principalType,
      principalId,
      roleType,
      label,
      status: "ACTIVE",
      assignmentType: principalType,
      created: ago(600),
      lastUpdated: ago(100),
    });
  if (users[0]) role("USER", users[0].id, "SUPER_ADMIN", "Super Administrator");
  if (users[2]) role("USER", users[2].id, "ORG_ADMIN", "Organization Administrator");
  if (users[3]) role("USER", users[3].id, "APP_ADMIN", "Application Administrator");
  if (users[4]) role("USER", users[4].id, "READ_ONLY_ADMIN", "Read-only Administrator");
  role("GROUP", groups[1].id, "HELP_DESK_ADMIN", "Help Desk Administrator");

  // Sign-ins (and a little noise that is not a sign-in) from the System Log.
  const events: (typeof oktaLogEvents.$inferInsert)[] = [];
  const perUser = opts.signInsPerUser ?? 3;
  const userApps = new Map<string, string[]>();
  for (const r of appUserRows) userApps.set(r.userId, [...(userApps.get(r.userId) ?? []), r.appId]);
  for (const user of users.slice(0, opts.signInUsers ?? users.length)) {
    if (user.status !== "ACTIVE" && user.status !== "LOCKED_OUT") continue;
    const city = pick(CITIES);
    for (let k = 0; k < perUser; k++) {
      const sso = k % 2 === 1 && (userApps.get(user.id)?.length ?? 0) > 0;
      const appId = sso ? pick(userApps.get(user.id)!) : undefined;
      const app = apps.find((a) => a.id === appId);
      const failed = !sso && rand() < 0.1;
      events.push({
        workspaceId,
        integrationId: integration.id,
        uuid: randomUUID(),
        published: ago(30),
        eventType: sso ? "user.authentication.sso" : "user.session.start",
        severity: failed ? "WARN" : "INFO",
        outcomeResult: failed ? "FAILURE" : "SUCCESS",
        outcomeReason: failed ? "INVALID_CREDENTIALS" : null,
        displayMessage: sso ? "User single sign on to app" : "User login to Okta",
        actorId: user.id,
        actorType: "User",
        actorAlternateId: user.login,
        actorDisplayName: `${user.firstName} ${user.lastName}`,
        targetAppId: app?.id ?? null,
        targetAppName: app?.label ?? null,
        clientIp: `203.0.113.${Math.floor(rand() * 250) + 1}`,
        city,
        country: city === "London" ? "United Kingdom" : city === "Berlin" ? "Germany" : "United States",
        userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
      });
    }
    if (perUser > 0) {
      events.push({
        workspaceId,
        integrationId: integration.id,
        uuid: randomUUID(),
        published: ago(30),
        eventType: "user.account.update_profile",
        severity: "INFO",
        outcomeResult: "SUCCESS",
        displayMessage: "Update user profile for Okta",
        actorId: user.id,
        actorType: "User",
        actorAlternateId: user.login,
      });
    }
  }

  // Batches sized to stay under Postgres' 65,535 bind parameters.
  await bulkInsert("okta_users", users);
  await bulkInsert("okta_groups", groups);
  await bulkInsert("okta_group_members", membershipRows, 20000);
  await bulkInsert("okta_apps", apps);
  await bulkInsert(
    "okta_app_groups",
    appGroups.map((ag) => ({ ...base, ...ag, lastUpdated: ago(100) })),
  );
  await bulkInsert("okta_app_users", appUserRows, 10000);
  await bulkInsert("okta_role_assignments", roles);
  await bulkInsert("okta_log_events", events);
  // Fresh statistics, as autovacuum would have after a real sync: with stale ones the planner takes a
  // group of thousands for a handful and picks nested loops that take seconds. Small seeds skip it
  // (analyzing the shared tables costs more than their queries).
  if (nUsers >= 1000)
    await getDb().$client.unsafe("analyze okta_users, okta_groups, okta_group_members, okta_apps, okta_app_users, okta_app_groups");

  return { workspaceId, integration, users, groups, apps, members, appGroups, appUsers: appUserRows, roles, events };
}

export type SeededDirectory = Awaited<ReturnType<typeof seedDirectory>>;
