// Every kind of entry an integration's event log holds: one closed list, so a writer cannot invent a
// kind the filters do not know. Drizzle-free: the event-log filter in the browser reads it too.
// Stored rows are parsed against it (lib/sync/contracts.ts): renaming or removing a kind needs a
// migration of the stored events.

export const EVENT_KINDS = [
  // The integration and its settings (lib/integrations, lib/overview/update-settings.ts)
  "integration.connected",
  "integration.scopes_missing",
  "integration.updated",
  "integration.settings_changed",
  "integration.disconnected",
  "credentials.changed",
  "credentials.verify_failed",
  // A sync run, start to end (lib/sync/run-sync.ts and the verbs around it)
  "sync.queued",
  "sync.started",
  "sync.resumed",
  "sync.handed_back",
  "sync.worker_lost",
  "sync.stalled",
  "sync.cancelled",
  "sync.succeeded",
  "sync.partial",
  "sync.failed",
  // What a run met on the way (lib/sync/describe-error.ts, the resource steps, the run summary)
  "sync.scope_missing",
  "sync.permission_denied",
  "sync.auth_failed",
  "sync.rate_limited",
  "sync.retries_exhausted",
  "sync.resource_failed",
  "sync.sweep_refused",
  "sync.scope_applied",
  "sync.reconciliation_mismatch",
  "sync.groups_fallback",
  "sync.log_backlog",
  "sync.invalid_objects",
  "sync.values_cleaned",
  "sync.object_quarantined",
  "sync.rate_limit_waits",
  "sync.token_refreshed",
  "sync.retries",
  // Okta event hooks (lib/hooks)
  "hook.registered",
  "hook.register_failed",
  "hook.manual",
  "hook.removed",
  "hook.remove_failed",
  "hook.apply_failed",
  // The troubleshooting wizard (lib/diagnostics)
  "diagnostics.run",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
