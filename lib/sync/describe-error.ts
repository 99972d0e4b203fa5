// Turns a resource's failure into what the run stores and the event log says: which scope is
// missing, what Okta said (errorCode, errorId), and what to do. Never raw SQL or stack traces.
import type { Resource } from "@/db/enums";
import { AppError } from "@/lib/errors";
import type { EventKind } from "@/lib/integrations/event-kinds";
import { log } from "@/lib/log";
import { OktaApiError } from "@/lib/okta/errors";
import { RESOURCE_REGISTRY } from "@/lib/resources";

export interface DescribedError {
  kind: EventKind;
  level: "warn" | "error";
  message: string;
  missingScope?: string;
  error: Record<string, unknown>;
}

export function describeSyncError(e: unknown, resource: Resource | null): DescribedError {
  const what = resource ? RESOURCE_REGISTRY[resource].label : "the sync";
  if (e instanceof OktaApiError) {
    const okta = e.toDetails();
    const said = e.errorCode
      ? ` Okta said ${e.errorCode}${e.errorSummary ? ` "${e.errorSummary}"` : ""}${e.errorId ? ` (errorId ${e.errorId})` : ""}.`
      : "";
    switch (e.kind) {
      case "scope": {
        const scope = e.scope ?? (resource ? RESOURCE_REGISTRY[resource].scope : undefined);
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
