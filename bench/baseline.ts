// The plain baseline the benchmark compares against: the official @okta/okta-sdk-nodejs collections
// iterated one resource after another, one object at a time, each written with its own INSERT ... ON
// CONFLICT (autocommit). Same tables, same row mapping, no batching, no parallel buckets.
// readOnly: the SDK only reading (every object fetched, parsed and mapped to its row, nothing written):
// issue 16 asks the console's full sync, writing everything, to beat that by 1.2x.
import okta from "@okta/okta-sdk-nodejs";
import { getDb } from "@/db";
import {
  oktaAppGroupSchema,
  oktaAppSchema,
  oktaAppUserSchema,
  oktaGroupSchema,
  oktaIdpSchema,
  oktaLogEventSchema,
  oktaRoleSchema,
  oktaUserSchema,
} from "@/lib/okta/schemas";
import {
  appGroupRow,
  appGroupsTable,
  appRow,
  appsTable,
  appUserRow,
  appUsersTable,
  groupRow,
  groupsTable,
  idpRow,
  idpsTable,
  logEventRow,
  logEventsTable,
  membershipsTable,
  roleRow,
  rolesTable,
  type TableSpec,
  userRow,
  usersTable,
} from "@/lib/sync/tables";

type Obj = Record<string, unknown>;
// SDK models carry Date objects; JSON gives back the wire form the mappers read.
const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as Obj;

class OutOfTime extends Error {}

/** Stops at `deadline` (epoch ms) and says how far it got: on a large tenant it would run for hours. */
export async function runBaseline(opts: {
  integrationId: string;
  orgUrl: string;
  token: string;
  logSince: string;
  deadline: number;
  readOnly?: boolean;
}) {
  const sql = getDb().$client;
  const [{ workspace_id: workspaceId }] = await sql`select workspace_id from integrations where id = ${opts.integrationId}`;
  // The SDK's default cache middleware clones every single-object GET response and reads the clone
  // first; node-fetch's clone stalls once a body passes its 16 kB buffer, so the role holders' list of
  // a few thousand users never arrived. The console caches nothing either.
  const client = new okta.Client({ orgUrl: opts.orgUrl, token: opts.token, cacheMiddleware: null });
  const counts: Record<string, number> = {};
  const timings: Record<string, number> = {};

  async function insert(resource: string, spec: TableSpec, row: Obj) {
    if (Date.now() > opts.deadline) throw new OutOfTime();
    if (opts.readOnly) {
      counts[resource] = (counts[resource] ?? 0) + 1;
      return;
    }
    const cols = Object.keys(spec.columns);
    const all = ["workspace_id", "integration_id", ...(spec.hashed ? ["content_hash"] : []), ...cols];
    const values = [
      workspaceId,
      opts.integrationId,
      ...(spec.hashed ? [""] : []),
      ...cols.map((c) => (row[c] === undefined || row[c] === null ? null : spec.columns[c] === "jsonb" ? JSON.stringify(row[c]) : row[c])),
    ];
    const keys = ["integration_id", ...spec.key].map((k) => `"${k}"`).join(", ");
    const updates = cols.filter((c) => !spec.key.includes(c)).map((c) => `"${c}" = excluded."${c}"`);
    await sql.unsafe(
      `insert into "${spec.table}" (${all.map((c) => `"${c}"`).join(", ")}) values (${all.map((c, i) => `$${i + 1}${c === "workspace_id" || c === "integration_id" ? "::uuid" : spec.columns[c] ? `::${spec.columns[c]}` : ""}`).join(", ")})
       on conflict (${keys}) do ${updates.length ? `update set ${updates.join(", ")}` : "nothing"}`,
      values as never[],
    );
    counts[resource] = (counts[resource] ?? 0) + 1;
  }

  async function timed(resource: string, fn: () => Promise<void>) {
    const t = performance.now();
    await fn();
    timings[resource] = Math.round(performance.now() - t);
  }

  const each = async <T>(collection: Promise<AsyncIterable<T | null>>, fn: (x: T) => Promise<void>) => {
    for await (const x of await collection) if (x) await fn(x);
  };

  let completed = true;
  try {
    await timed("users", () =>
      each(client.userApi.listUsers({ search: "status pr", limit: 200 }), (u) =>
        insert("users", usersTable as TableSpec, userRow(oktaUserSchema.parse(plain(u)))),
      ),
    );
    const groupIds: string[] = [];
    await timed("groups", () =>
      each(client.groupApi.listGroups({ limit: 10000 }), async (g) => {
        groupIds.push(String(g.id));
        await insert("groups", groupsTable as TableSpec, groupRow(oktaGroupSchema.parse(plain(g))));
      }),
    );
    await timed("memberships", async () => {
      for (const groupId of groupIds)
        await each(client.groupApi.listGroupUsers({ groupId, limit: 1000 }), (u) =>
          insert("memberships", membershipsTable as TableSpec, { group_id: groupId, user_id: String(u.id) }),
        );
    });
    const appIds: string[] = [];
    await timed("apps", () =>
      each(client.applicationApi.listApplications({ limit: 200 }), async (a) => {
        appIds.push(String(a.id));
        await insert("apps", appsTable as TableSpec, appRow(oktaAppSchema.parse(plain(a))));
      }),
    );
    await timed("app_assignments", async () => {
      for (const appId of appIds) {
        await each(client.applicationApi.listApplicationUsers({ appId, limit: 500 }), (u) =>
          insert("app_assignments", appUsersTable as TableSpec, appUserRow(appId, oktaAppUserSchema.parse(plain(u)))),
        );
        await each(client.applicationApi.listApplicationGroupAssignments({ appId, limit: 200 }), (g) =>
          insert("app_assignments", appGroupsTable as TableSpec, appGroupRow(appId, oktaAppGroupSchema.parse(plain(g)))),
        );
      }
    });
    await timed("roles", async () => {
      const holders = await client.roleAssignmentApi.listUsersWithRoleAssignments({ limit: 1000 });
      for (const h of holders.value ?? []) {
        for await (const r of await client.roleAssignmentApi.listAssignedRolesForUser({ userId: String(h.id) })) {
          if (r) await insert("roles", rolesTable as TableSpec, roleRow("USER", String(h.id), oktaRoleSchema.parse(plain(r))));
        }
      }
    });
    await timed("idps", () =>
      each(client.identityProviderApi.listIdentityProviders({ limit: 200 }), (i) =>
        insert("idps", idpsTable as TableSpec, idpRow(oktaIdpSchema.parse(plain(i)))),
      ),
    );
    await timed("log_events", () =>
      each(client.systemLogApi.listLogEvents({ since: opts.logSince, until: new Date().toISOString(), limit: 1000 }), (e) =>
        insert("log_events", logEventsTable as TableSpec, logEventRow(oktaLogEventSchema.parse(plain(e)))),
      ),
    );
  } catch (e) {
    if (!(e instanceof OutOfTime)) throw e;
    completed = false;
  }
  return { counts, timings, completed, rows: Object.values(counts).reduce((a, b) => a + b, 0) };
}
