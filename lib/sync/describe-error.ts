// Turns a resource's failure into what the run stores and the event log says: which scope is
// missing, what Okta said (errorCode, errorId), and what to do. Never raw SQL or stack traces.
import type { Resource } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { OktaApiError } from "@/lib/okta/errors";

export const RESOURCE_SCOPES: Record<Resource, string> = {
  users: "okta.users.read",
  groups: "okta.groups.read",
  memberships: "okta.groups.read",
  apps: "okta.apps.read",
  app_assignments: "okta.apps.read",
  roles: "okta.roles.read",
  idps: "okta.idps.read",
  log_events: "okta.logs.read",
};

export const RESOURCE_LABELS: Record<Resource, string> = {
  users: "users",
  groups: "groups",
  memberships: "group memberships",
  apps: "apps",
  app_assignments: "app assignments",
  roles: "admin roles",
  idps: "identity providers",
  log_events: "System Log events",
};

export interface DescribedError {
  kind: string;
  level: "warn" | "error";
  message: string;
  missingScope?: string;
  error: Record<string, unknown>;
}

export function describeSyncError(e: unknown, resource: Resource | null): DescribedError {
  const what = resource ? RESOURCE_LABELS[resource] : "the sync";
  if (e instanceof OktaApiError) {
    const okta = e.toDetails();
    const said = e.errorCode
      ? ` Okta said ${e.errorCode}${e.errorSummary ? ` "${e.errorSummary}"` : ""}${e.errorId ? ` (errorId ${e.errorId})` : ""}.`
      : "";
    switch (e.kind) {
      case "scope": {
        const scope = e.scope ?? (resource ? RESOURCE_SCOPES[resource] : undefined);
        return {
          kind: "sync.scope_missing",
          level: "warn",
          missingScope: scope,
          message: `Could not read ${what}: the access token lacks the ${scope ?? "required"} scope. Grant it to the app in Okta (Okta API Scopes) and sync again.`,
          error: { code: "scope_missing", message: `Missing scope ${scope ?? ""}`.trim(), okta },
        };
      }
      case "permission":
        return {
          kind: "sync.permission_denied",
          level: "warn",
          message: `Could not read ${what}: the app's admin role does not allow it.${said} Assign the app the Read-Only Administrator role (or one that can read ${what}).`,
          error: { code: "permission_denied", message: "The admin role does not allow this", okta },
        };
      case "auth":
        return {
          kind: "sync.auth_failed",
          level: "error",
          message: `Okta rejected the integration's credentials while reading ${what}.${said} Check that the app or token is still active, then reconnect.`,
          error: { code: "auth_failed", message: "Okta rejected the credentials", okta },
        };
      case "rate_limit":
        return {
          kind: "sync.rate_limited",
          level: "error",
          message: `Okta kept answering 429 (rate limited) while reading ${what}; gave up after repeated waits.${said}`,
          error: { code: "rate_limited", message: "Rate limited by Okta", okta },
        };
      case "server":
      case "network":
        return {
          kind: "sync.retries_exhausted",
          level: "error",
          message: `Reading ${what} failed after retries: ${e.kind === "network" ? `the connection failed (${e.networkReason ?? "network error"})` : `Okta answered ${e.status}`}.${said}`,
          error: { code: "retries_exhausted", message: e.message, okta },
        };
      default:
        return {
          kind: "sync.resource_failed",
          level: "error",
          message: `Reading ${what} failed: Okta answered ${e.status || "nothing usable"}.${said}`,
          error: { code: "okta_error", message: e.message, okta },
        };
    }
  }
  if (e instanceof AppError) {
    return {
      kind: "sync.failed",
      level: "error",
      message: `${what === "the sync" ? "The sync" : `Reading ${what}`} could not start: ${e.message}`,
      error: { code: e.code, message: e.message },
    };
  }
  log.error("sync error", { resource, error: e });
  return {
    kind: "sync.resource_failed",
    level: "error",
    message: `Reading ${what} failed because of an internal error; it has been logged on the server.`,
    error: { code: "internal", message: "Internal error (see server log)" },
  };
}
