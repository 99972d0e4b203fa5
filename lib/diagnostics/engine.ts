// Runs a plan of checks one after another. A check declares what it needs: when one of those failed
// (or did not run), the check is reported as not run with the reason, instead of blaming a second cause.
// Each check is `gather` (probes: Okta and the database) then `rule` (pure: facts -> verdict).
import { log } from "@/lib/log";
import { OktaApiError } from "@/lib/okta/errors";
import type { CheckContext, CheckDef, CheckOutcome } from "./check-def";
import { oktaEvidence } from "./checks/evidence";
import type { CheckId, CheckResult, NotRunItem, PlannedCheck } from "./contracts";
import type { Probes } from "./probes";

export type Progress = { type: "running"; id: CheckId } | { type: "check"; check: CheckResult } | { type: "not_run"; item: NotRunItem };

export function planned(defs: CheckDef[], ctx: CheckContext): PlannedCheck[] {
  return defs.map((d) => ({ id: d.id, title: d.title(ctx) }));
}

export async function runChecks(defs: CheckDef[], ctx: CheckContext, probes: Probes, onProgress: (p: Progress) => void = () => {}) {
  const done = new Map<CheckId, CheckResult>();
  const skipped = new Map<CheckId, NotRunItem>();
  const inPlan = new Set(defs.map((d) => d.id));
  const titles = new Map(defs.map((d) => [d.id, d.title(ctx)]));
  const checks: CheckResult[] = [];
  const notRun: NotRunItem[] = [];
  for (const def of defs) {
    const blocker = def.needs.filter((n) => inPlan.has(n)).find((n) => skipped.has(n) || done.get(n)?.status === "fail");
    if (blocker) {
      const item: NotRunItem = {
        id: def.id,
        title: titles.get(def.id)!,
        reason: `Not run: it needs "${titles.get(blocker)}", which ${skipped.has(blocker) ? "could not run either" : "failed"}.`,
      };
      skipped.set(def.id, item);
      notRun.push(item);
      onProgress({ type: "not_run", item });
      continue;
    }
    onProgress({ type: "running", id: def.id });
    const started = Date.now();
    let outcome: CheckOutcome;
    try {
      outcome = def.rule(await def.gather(probes, ctx, done), ctx);
    } catch (e) {
      outcome = unexpected(def.id, e);
    }
    const result: CheckResult = {
      id: def.id,
      title: titles.get(def.id)!,
      status: outcome.status,
      cause: outcome.status === "pass" ? null : (outcome.cause ?? null),
      summary: outcome.summary,
      evidence: outcome.evidence ?? [],
      fix: outcome.fix ?? null,
      adminUrl: outcome.adminUrl ?? null,
      durationMs: Date.now() - started,
    };
    done.set(def.id, result);
    checks.push(result);
    onProgress({ type: "check", check: result });
  }
  return { checks, notRun };
}

/** An answer no rule expected: shown as "could not check", with Okta's identifiers when there are some. */
function unexpected(id: CheckId, e: unknown): CheckOutcome {
  if (e instanceof OktaApiError) {
    return {
      status: "warn",
      cause: "CHECK_INCOMPLETE",
      summary: `This check could not be completed: ${e.message}`,
      evidence: oktaEvidence(e.facts()),
      fix: "Run the checks again in a minute. If it keeps happening, the evidence shows what Okta answered.",
    };
  }
  log.error("diagnostic check failed", { check: id, error: e });
  return {
    status: "warn",
    cause: "CHECK_INCOMPLETE",
    summary: "This check could not be completed because of an internal error; it has been logged on the server.",
    fix: "Run the checks again. If it keeps happening, contact your console administrator.",
  };
}
