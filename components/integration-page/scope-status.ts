// Each requested scope as the integration page states it: what the last credentials check found and
// what the last finished run found, and a verdict from whichever is newer, so the Scopes card never
// says "working" while the health table says "Missing scope". A disconnected integration uses no
// scope at all. Pure and client-safe.
import type { Resource } from "@/db/enums";
import type { ScopeResult } from "@/lib/integrations/contracts";
import type { Health } from "@/lib/overview/contracts";
import { RESOURCE_REGISTRY } from "@/lib/resources";

export type ScopeVerdict = "working" | "not_working" | "unknown" | "unused";

export interface ScopeFinding {
  ok: boolean;
  /** In plain words, for the card. */
  text: string;
  at: string | null;
}

export interface ScopeStatus {
  scope: string;
  verdict: ScopeVerdict;
  /** Where the verdict comes from: the newer of the two findings. */
  source: "check" | "sync" | null;
  check: ScopeFinding | null;
  sync: ScopeFinding | null;
}

/** When a finding was made; an undated one is the oldest. Equal times: the run wins (it read the data). */
const time = (f: ScopeFinding) => (f.at ? Date.parse(f.at) : 0);
const list = (xs: string[]) => (xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);

/** What the newest finished run says about one scope, from the resources that need it. */
function syncFinding(scope: string, health: Health): ScopeFinding | null {
  const run = health.lastFinished;
  if (!run) return null;
  const mine = health.resources.filter((r) => RESOURCE_REGISTRY[r.resource as Resource].scope === scope);
  const title = (rs: typeof mine) => list(rs.map((r) => RESOURCE_REGISTRY[r.resource].label));
  const refused = mine.filter((r) => r.status === "missing_scope");
  if (refused.length) return { ok: false, text: `Okta refused it: ${title(refused)} could not be read`, at: run.finishedAt };
  const denied = mine.filter((r) => r.status === "no_permission");
  if (denied.length) return { ok: false, text: `The app's admin role may not read ${title(denied)}`, at: run.finishedAt };
  const read = mine.filter((r) => r.status === "ok");
  if (read.length) return { ok: true, text: `Read ${title(read)}`, at: run.finishedAt };
  // Not part of the run, skipped, or failed for another reason (rate limits, network): no finding.
  return null;
}

export function scopeStatuses(input: {
  scopes: string[];
  results: ScopeResult[];
  verifiedAt: string | null;
  health: Health;
  connected: boolean;
}): ScopeStatus[] {
  const scopes = [...new Set([...input.scopes, ...input.results.map((r) => r.scope)])];
  return scopes.map((scope) => {
    const r = input.results.find((x) => x.scope === scope);
    const check: ScopeFinding | null = r ? { ok: r.ok, text: r.ok ? "Working" : r.reason, at: input.verifiedAt } : null;
    const sync = input.connected ? syncFinding(scope, input.health) : null;
    if (!input.connected) return { scope, verdict: "unused", source: null, check, sync: null };
    const newest = [check && { f: check, source: "check" as const }, sync && { f: sync, source: "sync" as const }]
      .filter((x) => !!x)
      .sort((a, b) => time(b.f) - time(a.f) || (a.source === "sync" ? -1 : 1))[0];
    if (!newest) return { scope, verdict: "unknown", source: null, check, sync };
    return { scope, verdict: newest.f.ok ? "working" : "not_working", source: newest.source, check, sync };
  });
}
