// The System Log events an incremental pass applies: read back from okta_log_events (the run's
// log_events step has just polled Okta through the stored `next` link), published since the
// resource's mark, in published order; events of the same millisecond in the order Okta listed them
// (inserted_at is per row: clock_timestamp, migration 0026), so an add and a remove of the same
// membership within a millisecond apply in the order they happened. Only the ids of targets matter here. The workspace is named so
// the (workspace, event type, published) index answers.
import { getDb } from "@/db";

export interface AppliedEvent {
  uuid: string;
  eventType: string;
  published: Date;
  targets: { id: string | null; type: string | null }[];
}

export async function eventsSince(integrationId: string, since: Date, types: string[]): Promise<AppliedEvent[]> {
  const rows = await getDb().$client`
    select uuid, event_type, published, coalesce(targets, '[]'::jsonb) as targets from okta_log_events
    where workspace_id = (select workspace_id from integrations where id = ${integrationId})
      and integration_id = ${integrationId} and published >= ${since.toISOString()}::timestamptz and event_type = any(${types}::text[])
    order by published, inserted_at, uuid`;
  return rows.map((r) => ({
    uuid: r.uuid,
    eventType: r.event_type,
    published: r.published,
    targets: Array.isArray(r.targets) ? r.targets : [],
  }));
}

/** The first target of a type (User targets of app events are typed AppUser). */
export function targetId(e: AppliedEvent, ...types: string[]): string | null {
  return e.targets.find((t) => t.type && types.includes(t.type) && t.id)?.id ?? null;
}

export const USER_DELETED = ["user.lifecycle.delete.initiated", "user.lifecycle.delete.completed"];
export const USER_CREATED = ["user.lifecycle.create"];
export const USER_STATUS = [
  "user.lifecycle.activate",
  "user.lifecycle.reactivate",
  "user.lifecycle.deactivate",
  "user.lifecycle.unsuspend",
  "user.lifecycle.suspend",
];
export const GROUP_DELETED = ["group.lifecycle.delete"];
export const MEMBERSHIP = ["group.user_membership.add", "group.user_membership.remove"];
export const APP_USER = [
  "application.user_membership.add",
  "application.user_membership.remove",
  "application.user_membership.change_username",
];
/** Okta's events for a group assigned to or unassigned from an app (its event-type catalogue has no application.group_membership.*). */
export const APP_GROUP = ["group.application_assignment.add", "group.application_assignment.remove"];
export const PRIVILEGE = [
  "user.account.privilege.grant",
  "user.account.privilege.revoke",
  "group.privilege.grant",
  "group.privilege.revoke",
];
