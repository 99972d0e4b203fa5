// What the console's own last sync said about each resource: the run records are evidence too.
import { RESOURCES, type Resource } from "@/db/schema";
import { formatCount } from "@/lib/format";
import { RESOURCE_REGISTRY } from "@/lib/resources";
import type { CheckContext, CheckOutcome } from "../check-def";
import { ev } from "./evidence";

export interface LastSyncRow {
  resource: Resource;
  status: string;
  finishedAt: string | null;
  objects: number;
  missingScope: string | null;
  error: { code?: string; message?: string; okta?: Record<string, unknown> } | null;
}

export interface LastSyncFacts {
  resources: readonly Resource[];
  rows: LastSyncRow[];
  running: boolean;
}

const label = (r: Resource) => RESOURCE_REGISTRY[r].label[0].toUpperCase() + RESOURCE_REGISTRY[r].label.slice(1);

function why(r: LastSyncRow) {
  if (r.missingScope) return `the access token lacked ${r.missingScope}`;
  const okta = r.error?.okta;
  const ids = okta ? [okta.errorCode, okta.errorId && `errorId ${okta.errorId}`].filter(Boolean).join(", ") : "";
  return `${r.error?.message ?? r.status}${ids ? ` (${ids})` : ""}`;
}

export function lastSyncRule(f: LastSyncFacts, ctx: CheckContext): CheckOutcome {
  if (!f.rows.length) {
    return {
      status: "warn",
      cause: "NO_SYNC_YET",
      summary: f.running ? "The first sync is still running; no results to check yet." : "No sync has read these resources yet.",
      fix: f.running ? "Wait for the sync to finish, then run the checks again." : "Click Sync now, then run the checks again.",
    };
  }
  const rows = [...f.rows].sort((a, b) => RESOURCES.indexOf(a.resource) - RESOURCES.indexOf(b.resource));
  const bad = rows.filter((r) => r.status !== "succeeded");
  const evidence = rows.flatMap((r) =>
    ev(label(r.resource), r.status === "succeeded" ? `read ${formatCount(r.objects)} (${r.finishedAt ?? "?"})` : `${r.status}: ${why(r)}`),
  );
  if (bad.length) {
    const scope = bad.find((r) => r.missingScope)?.missingScope;
    return {
      status: "fail",
      cause: "LAST_SYNC_INCOMPLETE",
      summary: `The last sync did not read ${bad.map((r) => `${RESOURCE_REGISTRY[r.resource].label} (${why(r)})`).join("; ")}.`,
      evidence,
      fix: `${scope ? `Grant ${scope} to the app in Okta (Okta API Scopes). ` : "Fix the cause named here; the other checks show what Okta answers now. "}Then click Sync now.`,
      adminUrl: scope ? ctx.links.app : null,
    };
  }
  return {
    status: "pass",
    summary: `The last sync read ${rows.map((r) => RESOURCE_REGISTRY[r.resource].label).join(", ")} without errors.`,
    evidence,
  };
}
