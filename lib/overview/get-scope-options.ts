// What the scope editor can choose from: the integration's groups and apps, including those a
// narrower scope left out of the last sync (kept soft-deleted, so a scope can be widened again),
// and the user types of its stored users.
import { getDb } from "@/db";
import { findIntegration } from "@/lib/integrations/find-integration";
import { type ScopeOptions, scopeOptionsSchema } from "./contracts";

const LIMIT = 5000;

export async function getScopeOptions(input: { workspaceId: string; integrationId: string }): Promise<ScopeOptions> {
  const integration = await findIntegration(input.workspaceId, input.integrationId);
  const sql = getDb().$client;
  const [groups, apps, userTypes] = await Promise.all([
    sql`select id, name, type, okta_member_count as members, deleted_at is null as synced from okta_groups
      where integration_id = ${integration.id} order by lower(name), id limit ${LIMIT + 1}`,
    sql`select id, label, status, deleted_at is null as synced from okta_apps where integration_id = ${integration.id} order by lower(label), id limit ${LIMIT + 1}`,
    sql`select user_type as value, (count(*) filter (where deleted_at is null))::int as users from okta_users
      where integration_id = ${integration.id} and user_type is not null group by user_type order by count(*) desc, user_type limit 50`,
  ]);
  return scopeOptionsSchema.parse({
    groups: groups.slice(0, LIMIT).map((g) => ({ id: g.id, name: g.name, type: g.type, members: g.members, synced: g.synced })),
    apps: apps.slice(0, LIMIT).map((a) => ({ id: a.id, label: a.label, status: a.status, synced: a.synced })),
    userTypes: userTypes.map((t) => ({ value: t.value, users: t.users })),
    truncated: groups.length > LIMIT || apps.length > LIMIT,
  });
}
