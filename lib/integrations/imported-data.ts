// The tables that hold what the console imported from an integration's Okta org: what "Delete it
// permanently" (disconnect) and removing an integration delete. The event log, run history and the
// hook's registration are not imported data (test/integration-tables.ts holds the rest to that).
import {
  hookEvents,
  oktaAdminRoleHolders,
  oktaAppGroups,
  oktaApps,
  oktaAppUsage,
  oktaAppUsers,
  oktaCounts,
  oktaDeprovisionedAccess,
  oktaGroupMembers,
  oktaGroups,
  oktaIdps,
  oktaLogActors,
  oktaLogEvents,
  oktaRoleAssignments,
  oktaSignInHours,
  oktaUsers,
  syncRunChanges,
} from "@/db/schema";

export const IMPORTED_DATA = {
  // The overview's maintained counts (db/schema/counts.ts). Deleting a table's last rows of the
  // integration below writes no new count (its trigger sees the table emptied), so nothing is left.
  counts: oktaCounts,
  signInHours: oktaSignInHours,
  deprovisionedAccess: oktaDeprovisionedAccess,
  adminRoleHolders: oktaAdminRoleHolders,
  // Before the people and memberships: an assignment's delete takes the holders' lock exclusive, which
  // a transaction already holding it shared (for people or memberships) could not take safely.
  roleAssignments: oktaRoleAssignments,
  users: oktaUsers,
  groups: oktaGroups,
  groupMembers: oktaGroupMembers,
  apps: oktaApps,
  appUsers: oktaAppUsers,
  appGroups: oktaAppGroups,
  idps: oktaIdps,
  logEvents: oktaLogEvents,
  // Derived from the log events (who acted, for the Activity page's name search).
  logActors: oktaLogActors,
  // Derived from the log events (last sign-in per person and app).
  appUsage: oktaAppUsage,
  // Event hook deliveries are imported data too: Okta's events and the ids of what they touched.
  hookEvents,
  // What each run changed names the objects it changed.
  runChanges: syncRunChanges,
};
