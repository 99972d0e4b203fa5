// After an action, the target is read again from Okta and the local copy updated at once, so the
// directory shows the new state without waiting for a sync. Through the same re-reads as event hooks
// (lib/sync/reread.ts: the sync's schemas, row mappers and batch writer), so a row looks exactly as a
// sync would have written it; and what else the action changed in Okta follows: a group's member count
// (expand=stats, what reconciliation compares), app assignments a group or a deactivation adds or ends.
// These writes carry no run: a full sync that started before them neither sweeps them nor overwrites
// them with its older listing (upsert-batch.ts, sweep.ts); the next run reads Okta again.

import { getDb } from "@/db";
import type { ActionKind } from "@/db/enums";
import type { Integration } from "@/db/schema";
import type { OktaClient } from "@/lib/okta/client";
import { createRereader } from "@/lib/sync/reread";
import type { ActionTarget } from "./kinds";

/** Groups the synced copy has the person in (live rows). */
async function storedGroupsOf(integrationId: string, userId: string): Promise<string[]> {
  const rows = await getDb().$client`
    select group_id from okta_group_members where integration_id = ${integrationId} and user_id = ${userId} and deleted_at is null`;
  return rows.map((r) => r.group_id as string);
}

export async function refreshTarget(input: {
  integration: Pick<Integration, "id" | "workspaceId" | "syncScope">;
  client: OktaClient;
  kind: ActionKind;
  /** For user.create, userId is the person Okta created. */
  target: ActionTarget;
  /** user.create: the groups the person was put in. */
  groupIds?: string[];
}): Promise<void> {
  const { kind, target } = input;
  const r = await createRereader({ integration: input.integration, client: input.client });
  const userId = target.userId ?? null;
  switch (kind) {
    case "user.create":
      if (!userId) return;
      await r.user(userId);
      await r.userGroups(userId);
      await r.userApps(userId);
      for (const g of input.groupIds ?? []) await r.group(g);
      return;
    case "user.delete": {
      // The groups lose a member: their Okta counts are read again once the person is gone.
      const groups = await storedGroupsOf(input.integration.id, userId!);
      await r.user(userId!);
      for (const g of groups) await r.group(g);
      return;
    }
    case "user.activate":
    case "user.deactivate":
      // Deactivation ends every app assignment; activating a deactivated person brings group ones back.
      await r.user(userId!);
      await r.userApps(userId!);
      return;
    case "group.add_member":
    case "group.remove_member":
      await r.userGroups(userId!);
      await r.group(target.groupId!);
      // Apps the group is assigned come or go with the membership.
      await r.userApps(userId!);
      return;
    case "app.assign_user":
    case "app.unassign_user":
      await r.appUser(target.appId!, userId!);
      return;
    case "app.assign_group":
    case "app.unassign_group":
      await r.appGroup(target.appId!, target.groupId!);
      // Every member gains or loses the app through the group.
      await r.appUsers(target.appId!);
      return;
    default:
      // Lifecycle and profile changes of one person.
      await r.user(userId!);
  }
}
