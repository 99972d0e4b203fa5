// How an Okta user status reads on screen: the Okta Admin Console's own label for it (Directory >
// People, "About user account status" in Okta's help), so a person's status reads the same here as in
// Okta and on every page of the console. Client-safe: no imports.

export const USER_STATUS_LABEL: Readonly<Record<string, string>> = {
  STAGED: "Staged",
  PROVISIONED: "Pending user action",
  ACTIVE: "Active",
  RECOVERY: "Password reset",
  PASSWORD_EXPIRED: "Password expired",
  LOCKED_OUT: "Locked out",
  SUSPENDED: "Suspended",
  DEPROVISIONED: "Deactivated",
};

/** "DEPROVISIONED" -> "Deactivated"; a status Okta adds later reads as its words ("SOME_NEW" -> "Some new"). */
export function userStatusLabel(status: string) {
  return USER_STATUS_LABEL[status] ?? status.charAt(0) + status.slice(1).toLowerCase().replace(/_/g, " ");
}
