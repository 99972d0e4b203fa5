// The resource registry: which Okta resources the console syncs, what each is called, the scope that
// reads it and what it depends on. The sync plan (lib/sync/plan.ts), health, diagnostics and the UI
// read it. Drizzle-free, so client components may import it. The order of resources is RESOURCES in
// db/enums.ts. Adding a resource: ARCHITECTURE.md.
import type { Resource } from "@/db/enums";
import type { ReadScope } from "@/lib/integrations/contracts";

export interface ResourceInfo {
  /** In a sentence: "Could not read group memberships". */
  label: string;
  /** As a heading or a table cell: "Group memberships". */
  title: string;
  /** The OAuth scope that reads it. */
  scope: ReadScope;
  /** Must have succeeded first in a run: their rows are this resource's parents. */
  needs?: readonly Resource[];
  /** Must have finished first, whatever the outcome. */
  after?: readonly Resource[];
  /** Incremental runs: must have finished first too (it applies the System Log events they read or the rows they wrote). */
  afterIncremental?: readonly Resource[];
}

export const RESOURCE_REGISTRY: Record<Resource, ResourceInfo> = {
  users: { label: "users", title: "Users", scope: "okta.users.read", afterIncremental: ["log_events"] },
  groups: { label: "groups", title: "Groups", scope: "okta.groups.read", afterIncremental: ["log_events"] },
  memberships: {
    label: "group memberships",
    title: "Group memberships",
    scope: "okta.groups.read",
    needs: ["groups"],
    afterIncremental: ["log_events", "users"],
  },
  apps: { label: "apps", title: "Apps", scope: "okta.apps.read" },
  app_assignments: {
    label: "app assignments",
    title: "App assignments",
    scope: "okta.apps.read",
    needs: ["apps"],
    afterIncremental: ["log_events", "users", "groups", "memberships"],
  },
  // Roles ask Okta about the groups that memberships found (see lib/sync/resources/roles.ts).
  roles: {
    label: "admin roles",
    title: "Admin roles",
    scope: "okta.roles.read",
    after: ["groups", "memberships"],
    afterIncremental: ["log_events", "users"],
  },
  idps: { label: "identity providers", title: "Identity providers", scope: "okta.idps.read" },
  log_events: { label: "System Log events", title: "System Log", scope: "okta.logs.read" },
};
