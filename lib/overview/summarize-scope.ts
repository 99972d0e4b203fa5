// The sync scope in words for the settings page, the integration page and the event log.
import { getDb } from "@/db";
import { describeScope, type SyncScope } from "@/lib/sync/scope-contract";

/** The scope in words, with the names of up to three chosen groups or apps. */
export async function summarizeScope(integrationId: string, scope: SyncScope | null): Promise<string> {
  if (!scope) return describeScope(null);
  const sql = getDb().$client;
  const names = async (table: "okta_groups" | "okta_apps", col: "name" | "label", ids: string[] | undefined) =>
    ids && ids.length <= 3
      ? Object.fromEntries(
          (
            await sql.unsafe(`select id, ${col} as n from "${table}" where integration_id = $1::uuid and id = any($2::text[])`, [
              integrationId,
              ids,
            ])
          ).map((r) => [r.id as string, r.n as string]),
        )
      : undefined;
  return describeScope(scope, {
    groups: await names("okta_groups", "name", scope.groupIds),
    apps: await names("okta_apps", "label", scope.appIds),
  });
}
