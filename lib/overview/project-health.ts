// The integration's health, projected from its runs: never a stored flag, so it cannot drift from
// what the runs recorded. Pure (no clock, no database): the verb loads the runs, this decides.
//
// - state: disconnected > syncing (a run is queued or running) > the newest finished run
//   (succeeded -> connected, partial -> partial, failed -> error). Cancelled runs say nothing about
//   Okta, so the loader skips them.
// - per resource: read from the newest finished run, each with what happened and the exact fix.
import { type AuthMethod, RESOURCES, type Resource, type ResourceStatus, type RunMode, type RunStatus, type RunTrigger } from "@/db/schema";
import { RESOURCE_REGISTRY } from "@/lib/resources";
import type { Health, OktaSaid, ResourceHealth, RunRef } from "./contracts";

export interface RunInput {
  id: string;
  status: RunStatus;
  trigger: RunTrigger;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: Record<string, unknown> | null;
  resources: { resource: Resource; status: ResourceStatus; missingScope: string | null; error: Record<string, unknown> | null }[];
}

export interface HealthInput {
  state: "connected" | "disconnected";
  authMethod: AuthMethod;
  /** The next full run. */
  nextSyncAt: Date | null;
  /** The next incremental run (none when incremental syncs are off). */
  nextIncrementalSyncAt?: Date | null;
  /** A queued or running run. */
  active: RunInput | null;
  /** The newest run that finished succeeded, partial or failed. */
  latest: RunInput | null;
  /** The newest run that succeeded. */
  lastSuccess: RunInput | null;
  /** Per resource, when a run last synced it completely. */
  lastSucceededAt: Partial<Record<Resource, Date>>;
  now: Date;
}

/** How late the scheduler may be before the page says so (the tick runs every minute). */
export const OVERDUE_AFTER_MS = 5 * 60_000;

const lower = (r: Resource) => RESOURCE_REGISTRY[r].title.toLowerCase();
const list = (xs: string[]) => (xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);

const SYMPTOM: Record<Resource, string> = {
  users: "counts_differ",
  groups: "groups_missing",
  memberships: "groups_missing",
  apps: "assignments_missing",
  app_assignments: "assignments_missing",
  roles: "roles_idps_missing",
  idps: "roles_idps_missing",
  log_events: "activity_missing",
};

function oktaOf(error: Record<string, unknown> | null): OktaSaid | null {
  const o = error?.okta as Record<string, unknown> | undefined;
  if (!o || typeof o !== "object") return null;
  const out: OktaSaid = {};
  if (typeof o.status === "number" && o.status > 0) out.status = o.status;
  for (const k of ["errorCode", "errorSummary", "errorId", "path"] as const) if (typeof o[k] === "string" && o[k]) out[k] = o[k] as string;
  return Object.keys(out).length ? out : null;
}

const text = (v: unknown, fallback: string) => (typeof v === "string" && v ? v : fallback);

function durationMs(r: { startedAt: Date | null; finishedAt: Date | null }) {
  return r.startedAt && r.finishedAt ? Math.max(0, r.finishedAt.getTime() - r.startedAt.getTime()) : null;
}

export function runRef(r: RunInput | null): RunRef | null {
  if (!r) return null;
  return {
    id: r.id,
    status: r.status,
    trigger: r.trigger,
    queuedAt: r.queuedAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    durationMs: durationMs(r),
  };
}

/** One resource of a finished run, as the admin should read it. */
export function classifyResource(run: RunInput, resource: Resource, authMethod: AuthMethod, lastOk: Date | undefined): ResourceHealth {
  const row = run.resources.find((r) => r.resource === resource);
  const scope = RESOURCE_REGISTRY[resource].scope;
  const base = { resource, scope, lastSucceededAt: lastOk?.toISOString() ?? null, runId: run.id };
  const what = lower(resource);
  if (!row) return { ...base, status: "not_synced", message: "Not part of the last run.", fix: "Sync now.", okta: null, symptom: null };
  if (row.status === "succeeded")
    return { ...base, status: "ok", message: "Synced completely in the last run.", fix: null, okta: null, symptom: null };

  // A run that failed before reaching its resources (e.g. the token request was refused) closes them
  // as "run_ended"; the run's own error is the cause.
  let error = row.error;
  let failed = row.status === "failed";
  if (row.status !== "failed" && error?.code === "run_ended" && run.status === "failed" && run.error && run.error.code !== "failed") {
    error = run.error;
    failed = true;
  }
  const code = typeof error?.code === "string" ? error.code : null;
  const okta = oktaOf(error);

  if (!failed) {
    if (code === "dependency_failed") {
      const dep = error?.dependency as Resource | undefined;
      const depTitle = dep && dep in RESOURCE_REGISTRY ? lower(dep) : "a resource it needs";
      return {
        ...base,
        status: "blocked",
        message: `Skipped: it needs ${depTitle}, which did not sync.`,
        fix: `Fix ${depTitle} first, then Sync now.`,
        okta: null,
        symptom: SYMPTOM[resource],
      };
    }
    const message = code === "not_requested" ? "Not part of the last run." : "The last run ended before this resource ran.";
    return { ...base, status: "not_synced", message, fix: "Sync now.", okta: null, symptom: null };
  }

  if (row.missingScope || code === "scope_missing") {
    const missing = row.missingScope ?? scope;
    return {
      ...base,
      scope: missing,
      status: "missing_scope",
      message: `The app's access token lacks ${missing}, so Okta refused to list ${what}.`,
      fix:
        authMethod === "api_token"
          ? `Use an API token of an admin who can read ${what}, then Sync now.`
          : `Grant ${missing} to the app in Okta, then Sync now.`,
      okta,
      symptom: SYMPTOM[resource],
    };
  }
  const fail = (message: string, fix: string, symptom: string = SYMPTOM[resource]): ResourceHealth => ({
    ...base,
    status: "failing",
    message,
    fix,
    okta,
    symptom,
  });
  switch (code) {
    case "permission_denied":
      return {
        ...base,
        status: "no_permission",
        message: `The app's admin role does not allow reading ${what}.`,
        fix:
          authMethod === "api_token"
            ? `Use an API token of an admin who can read ${what}, then Sync now.`
            : "Assign the app the Read-Only Administrator role in Okta (Security › Administrators), then Sync now.",
        okta,
        symptom: SYMPTOM[resource],
      };
    case "auth_failed":
      return fail(
        "Okta rejected the integration's credentials.",
        "Check that the app (or API token) is still active in Okta; if the key or token changed, replace it under Edit, then Sync now.",
        "credentials",
      );
    case "rate_limited":
      return fail(
        "Okta kept answering 429 (rate limited) and the sync gave up.",
        "Lower the rate-limit share or sync less often in Settings, then Sync now.",
        "rate_limits",
      );
    case "retries_exhausted":
      return fail(
        text(error?.message, "Okta or the network kept failing."),
        "A transient Okta or network failure: Sync now to try again; if it keeps failing, run Troubleshoot.",
      );
    case "sweep_refused":
      return fail(
        text(error?.message, "The sync refused to delete most stored rows."),
        "Check the app's admin role and scopes in Okta, then Sync now.",
      );
    case "internal":
      return fail(
        "An internal error stopped it; the details are in the server log.",
        "Sync now to try again; if it keeps failing, check the server log.",
      );
    default:
      return fail(text(error?.message, "It failed."), "Sync now to try again; if it keeps failing, run Troubleshoot.");
  }
}

/** The cause of a problem in a few words, shared by the resources it hit. */
function cause(p: ResourceHealth) {
  if (p.status === "missing_scope") return `${p.scope} is not granted`;
  if (p.status === "no_permission") return "the app's admin role does not allow reading them";
  if (p.status === "blocked") return `skipped, ${p.message.replace(/^Skipped: /, "").replace(/, which did not sync\.$/, " first")}`;
  return p.message.replace(/\.$/, "").replace(/^(?!Okta\b)./, (c) => c.toLowerCase()) + (p.okta?.errorCode ? ` (${p.okta.errorCode})` : "");
}

/** "groups and group memberships: okta.groups.read is not granted; app assignments: skipped, ..." */
function summarize(problems: ResourceHealth[]) {
  const byCause = new Map<string, string[]>();
  for (const p of problems) byCause.set(cause(p), [...(byCause.get(cause(p)) ?? []), lower(p.resource)]);
  if (byCause.size === 1 && problems.length === RESOURCES.length) return `every resource: ${[...byCause.keys()][0]}`;
  return [...byCause].map(([c, what]) => `${list(what)}: ${c}`).join("; ");
}

export function projectHealth(input: HealthInput): Health {
  const { latest, active } = input;
  const resources = RESOURCES.map((r) =>
    latest
      ? classifyResource(latest, r, input.authMethod, input.lastSucceededAt[r])
      : ({
          resource: r,
          scope: RESOURCE_REGISTRY[r].scope,
          status: "not_synced",
          message: "Not synced yet.",
          fix: null,
          okta: null,
          symptom: null,
          lastSucceededAt: null,
          runId: null,
        } satisfies ResourceHealth),
  );
  const problems = resources.filter((r) => r.status !== "ok" && r.status !== "not_synced");
  // The next run of either kind; when both are due together the full one runs (enqueue-due-syncs.ts).
  const inc = input.nextIncrementalSyncAt ?? null;
  const full = input.nextSyncAt;
  const nextSyncMode: RunMode | null =
    input.state !== "connected" ? null : full && (!inc || full <= inc) ? "full" : inc ? "incremental" : null;
  const nextSyncAt = nextSyncMode === "full" ? full : nextSyncMode === "incremental" ? inc : null;
  const overdue = input.state === "connected" && !active && !!nextSyncAt && input.now.getTime() - nextSyncAt.getTime() > OVERDUE_AFTER_MS;
  const common = {
    resources,
    lastSuccess: runRef(input.lastSuccess),
    lastFinished: runRef(latest),
    active: runRef(active),
    nextSyncAt: nextSyncAt?.toISOString() ?? null,
    nextSyncMode,
    overdue,
  };

  if (input.state === "disconnected") {
    return {
      ...common,
      active: null,
      overdue: false,
      nextSyncMode: null,
      state: "disconnected",
      reason: "Disconnected: its credentials were deleted, so it no longer reads from Okta.",
    };
  }
  if (active) {
    const total = active.resources.length || RESOURCES.length;
    const done = active.resources.filter((r) => r.status === "succeeded" || r.status === "failed" || r.status === "skipped").length;
    const reason =
      active.status === "queued"
        ? "A sync is queued; it starts as soon as a sync worker is free."
        : `Syncing: ${done} of ${total} resources done.`;
    const previous =
      latest && latest.status !== "succeeded" && problems.length ? ` The previous run ended ${latest.status}: ${summarize(problems)}.` : "";
    return { ...common, state: "syncing", reason: reason + previous };
  }
  const late = overdue ? " The next scheduled sync is overdue: check that sync workers are running." : "";
  if (!latest) return { ...common, state: "connected", reason: `Connected; no sync has finished yet. Sync now to import the org.${late}` };
  if (latest.status === "succeeded")
    return { ...common, state: "connected", reason: `Healthy: every resource synced in the last run.${late}` };
  const failedCount = problems.length;
  if (latest.status === "partial") {
    return {
      ...common,
      state: "partial",
      reason: `${failedCount} of ${RESOURCES.length} resources did not sync: ${summarize(problems)}.${late}`,
    };
  }
  const cause = problems.length ? summarize(problems) : text(latest.error?.message, "no resource completed");
  return { ...common, state: "error", reason: `The last sync failed: ${cause}.${late}` };
}

/** Every resource of one run (as the sync API returns it), classified like the page's health. */
export function runHealth(
  run: {
    id: string;
    status: RunStatus;
    trigger: RunTrigger;
    queuedAt: string;
    startedAt: string | null;
    finishedAt: string | null;
    error: Record<string, unknown> | null;
    resources: RunInput["resources"];
  },
  authMethod: AuthMethod,
) {
  const input: RunInput = {
    ...run,
    queuedAt: new Date(run.queuedAt),
    startedAt: run.startedAt ? new Date(run.startedAt) : null,
    finishedAt: run.finishedAt ? new Date(run.finishedAt) : null,
  };
  return RESOURCES.map((r) => classifyResource(input, r, authMethod, undefined));
}
