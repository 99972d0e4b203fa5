// Words and tones for statuses the page shows. Client-safe.
import type { Tone } from "@/components/ui";
import type { ResourceHealthStatus } from "@/lib/overview/contracts";

export const RUN_STATUS: Record<string, { label: string; tone: Tone }> = {
  queued: { label: "Queued", tone: "info" },
  running: { label: "Running", tone: "info" },
  succeeded: { label: "Succeeded", tone: "success" },
  partial: { label: "Partial", tone: "warning" },
  failed: { label: "Failed", tone: "danger" },
  cancelled: { label: "Cancelled", tone: "neutral" },
};

export const RESOURCE_STATUS: Record<string, { label: string; tone: Tone }> = {
  pending: { label: "Waiting", tone: "neutral" },
  running: { label: "Running", tone: "info" },
  succeeded: { label: "Done", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
  skipped: { label: "Skipped", tone: "neutral" },
};

export const HEALTH: Record<ResourceHealthStatus, { label: string; tone: Tone }> = {
  ok: { label: "OK", tone: "success" },
  missing_scope: { label: "Missing scope", tone: "warning" },
  no_permission: { label: "No permission", tone: "warning" },
  failing: { label: "Failing", tone: "danger" },
  blocked: { label: "Skipped", tone: "neutral" },
  not_synced: { label: "Not synced", tone: "neutral" },
};

export const TRIGGER: Record<string, string> = { initial: "Initial", manual: "Manual", scheduled: "Scheduled", hook: "Event hook" };

export const USER_STATUS_ORDER = [
  "ACTIVE",
  "STAGED",
  "PROVISIONED",
  "RECOVERY",
  "PASSWORD_EXPIRED",
  "LOCKED_OUT",
  "SUSPENDED",
  "DEPROVISIONED",
];
export const GROUP_TYPE_LABEL: Record<string, string> = { OKTA_GROUP: "Okta groups", APP_GROUP: "App groups", BUILT_IN: "Built-in" };

/** "PASSWORD_EXPIRED" -> "Password expired". */
export const titleCase = (s: string) => s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, " ");

/** "sync.scope_missing" -> "sync · scope missing": readable, and never the raw kind as a substring. */
export const kindLabel = (kind: string) => kind.replace(/\./g, " · ").replace(/_/g, " ");
