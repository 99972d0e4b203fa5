// The sync plan: for each resource of the registry (lib/resources.ts), the step that reads it, the
// tables its full pass sweeps, the part of the sync scope that narrows it, and its hooks. The order
// between steps is the registry's `needs`/`after`/`afterIncremental`, plus `afterScoped` below.
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import type { Resource } from "@/db/enums";
import { syncRunResources } from "@/db/schema";
import { plural } from "@/lib/format";
import type { EventInput } from "@/lib/integrations/record-event";
import { syncAppAssignments } from "./resources/app-assignments";
import { syncApps } from "./resources/apps";
import { syncGroups } from "./resources/groups";
import { syncIdps } from "./resources/idps";
import { syncLogEvents } from "./resources/log-events";
import { filtersMembers, reconcileMemberships, syncMemberships } from "./resources/memberships";
import { syncRoles } from "./resources/roles";
import { syncUsers } from "./resources/users";
import type { ResourceContext } from "./run-context";
import { restrictsGroups, restrictsUsers, type SyncScope } from "./scope-contract";
import {
  appGroupsTable,
  appsTable,
  appUsersTable,
  groupsTable,
  idpsTable,
  membershipsTable,
  rolesTable,
  type TableSpec,
  usersTable,
} from "./tables";

/** A run's entry in the integration's event log (the run's ids are filled in). */
export type RunEvent = (e: Omit<EventInput, "workspaceId" | "integrationId" | "runId">) => Promise<unknown>;

export type Pass = "full" | "incremental";

export interface Step {
  /** Returns which pass it made: only a full pass may sweep (an incremental one deletes what Okta named). */
  // biome-ignore lint/suspicious/noConfusingVoidType: steps that only make full passes return nothing
  run: (ctx: ResourceContext) => Promise<Pass | void>;
  /** Soft-deleted after a full pass when this run did not see them. */
  sweep?: TableSpec[];
  /** The part of the sync scope that narrows this resource (absent: never scoped). */
  scopePart?: (scope: SyncScope) => SyncScope;
  /** Scoped runs: steps that must have finished first (this one reads the kept rows back from their tables). */
  afterScoped?: (scope: SyncScope | null) => Resource[];
  /** Runs once the pass (and its sweep) succeeded; what it returns is stored as the resource's reconciliation. */
  afterSuccess?: (hook: { ctx: ResourceContext; pass: Pass; event: RunEvent }) => Promise<Record<string, unknown> | null>;
}

const userPart = (s: SyncScope): SyncScope => ({ groupIds: s.groupIds, userTypes: s.userTypes, userStatuses: s.userStatuses });

export const PLAN: Record<Resource, Step> = {
  users: { run: syncUsers, sweep: [usersTable], scopePart: userPart },
  groups: { run: syncGroups, sweep: [groupsTable], scopePart: (s) => ({ groupIds: s.groupIds }) },
  memberships: { run: syncMemberships, sweep: [membershipsTable], scopePart: userPart, afterSuccess: reconcileMemberCounts },
  apps: { run: syncApps, sweep: [appsTable], scopePart: (s) => ({ appIds: s.appIds }) },
  app_assignments: {
    run: syncAppAssignments,
    sweep: [appUsersTable, appGroupsTable],
    scopePart: (s) => s,
    afterScoped: (s) => [...(restrictsUsers(s) ? (["users"] as const) : []), ...(restrictsGroups(s) ? (["groups"] as const) : [])],
  },
  roles: { run: syncRoles, sweep: [rolesTable], scopePart: userPart, afterScoped: (s) => (restrictsUsers(s) ? ["users"] : []) },
  idps: { run: syncIdps, sweep: [idpsTable] },
  log_events: { run: syncLogEvents },
};

/** Okta's member count per group against what was stored; a mismatch is a warning in the event log. */
async function reconcileMemberCounts({ ctx, pass, event }: { ctx: ResourceContext; pass: Pass; event: RunEvent }) {
  const [{ outOfScope }] = await getDb()
    .select({ outOfScope: syncRunResources.outOfScope })
    .from(syncRunResources)
    .where(and(eq(syncRunResources.runId, ctx.lease.runId), eq(syncRunResources.resource, ctx.resource)));
  const reconciliation = await reconcileMemberships(
    ctx.lease.integrationId,
    filtersMembers(ctx.scope) ? { outOfScope: pass === "full" ? (outOfScope ?? 0) : null } : null,
  );
  if (reconciliation.mismatchedGroups) {
    await event({
      level: "warn",
      kind: "sync.reconciliation_mismatch",
      message: `${plural(reconciliation.mismatchedGroups, "group")} ${reconciliation.mismatchedGroups === 1 ? "has" : "have"} a different member count in Okta than stored (Okta ${reconciliation.expected}, stored ${reconciliation.stored})`,
      details: reconciliation,
    });
  }
  return reconciliation;
}
