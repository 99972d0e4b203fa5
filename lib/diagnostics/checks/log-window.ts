// Does the System Log have events inside the sync window, and if not, would a broader range find some?
import { diagnose } from "@/lib/integrations/diagnose";
import type { OktaErrorFacts } from "@/lib/okta/errors";
import type { CheckContext, CheckOutcome } from "../check-def";
import { ev, fromDiagnosis, oktaEvidence } from "./evidence";

/** Okta keeps the System Log for 90 days. */
export const LOG_RETENTION_DAYS = 90;

type Newest = { published: string | null } | { err: OktaErrorFacts };

export interface LogWindowFacts {
  windowDays: number;
  windowStart: string;
  now: string;
  inWindow: Newest;
  /** Asked only when the window is empty: the newest event between the retention limit and the window start. */
  before: Newest | null;
  stored: { count: number; newest: string | null } | null;
}

const day = (iso: string) => iso.slice(0, 10);
const daysAgo = (iso: string, now: string) => Math.max(0, Math.floor((Date.parse(now) - Date.parse(iso)) / 86_400_000));

export function logWindowRule(f: LogWindowFacts, ctx: CheckContext): CheckOutcome {
  const window = `the last ${f.windowDays} day${f.windowDays === 1 ? "" : "s"}`;
  const storedEv = f.stored
    ? [...ev("Events stored by the console", f.stored.count), ...ev("Newest stored event", f.stored.newest ?? "none")]
    : [];
  const base = [...ev("Sync window", `${window} (since ${f.windowStart})`), ...storedEv];
  const failed = "err" in f.inWindow ? f.inWindow.err : f.before && "err" in f.before ? f.before.err : null;
  if (failed) {
    if (failed.kind === "scope" || failed.kind === "permission" || failed.kind === "auth") {
      const out = fromDiagnosis(diagnose(failed, { method: ctx.method, phase: "probe", host: ctx.host }), failed, ctx.links);
      return { ...out, summary: `The System Log cannot be read. ${out.summary}`, evidence: [...(out.evidence ?? []), ...base] };
    }
    return {
      status: "warn",
      cause: "CHECK_INCOMPLETE",
      summary: `Could not read the System Log: ${failed.message}`,
      evidence: [...oktaEvidence(failed), ...base],
      fix: "Run the checks again in a minute.",
    };
  }
  const newest = (f.inWindow as { published: string | null }).published;
  if (newest) {
    return {
      status: "pass",
      summary: `Okta has System Log events inside the sync window (${window}); the newest is from ${newest}.`,
      evidence: [...ev("GET /api/v1/logs in the window", `newest event ${newest}`), ...base],
    };
  }
  const older = f.before && "published" in f.before ? f.before.published : null;
  const lookback = ev(
    `GET /api/v1/logs, ${LOG_RETENTION_DAYS} days back`,
    f.before === null ? "not asked (the window already covers Okta's retention)" : older ? `newest event ${older}` : "no events",
  );
  if (older) {
    return {
      status: "fail",
      cause: "LOG_WINDOW_EMPTY",
      summary: `Okta has no System Log events in the sync window (${window}), but a broader range finds some: the newest is from ${day(older)}, ${daysAgo(older, f.now)} days ago. Nobody signed in or changed anything in the window, so there was no activity to import.`,
      evidence: [...ev("GET /api/v1/logs in the window", "no events"), ...lookback, ...base],
      fix: `Nothing is broken: new sign-ins appear after the next sync. To import the older events, raise this integration's System Log window (up to ${LOG_RETENTION_DAYS} days) and click Sync now.`,
      adminUrl: ctx.links.systemLog,
    };
  }
  return {
    status: "fail",
    cause: "LOG_EMPTY",
    summary: `Okta returned no System Log events at all: none in the sync window (${window}) and none in the ${LOG_RETENTION_DAYS} days Okta keeps.`,
    evidence: [...ev("GET /api/v1/logs in the window", "no events"), ...lookback, ...base],
    fix: "Open Reports > System Log in the Okta Admin Console. If it shows events there, the app's admin role cannot read them: assign it the Read-Only Administrator role. If it is empty there too, the org has no recorded activity yet; events appear after the next sync once people sign in.",
    adminUrl: ctx.links.systemLog,
  };
}
