// Okta's totals against what the console stored, and whether a running sync, a failed resource (a scope
// or role), a sync filter or changes made since the last sync explain a difference.

import { formatCount } from "@/lib/format";
import type { OktaErrorFacts } from "@/lib/okta/errors";
import type { CheckContext, CheckOutcome } from "../check-def";
import type { CheckStatus } from "../contracts";
import { ev, plural } from "./evidence";

export type CountedResource = "users" | "groups" | "memberships" | "apps";

export interface CountRow {
  resource: CountedResource;
  okta: number | null;
  /** Why Okta's number is missing or how it was obtained. */
  oktaNote?: string;
  oktaErr?: OktaErrorFacts;
  stored: number;
  /** The resource in the newest finished run that read it. */
  last: { status: string; missingScope: string | null; error: string | null } | null;
  /** Objects Okta changed after the last sync finished (at least), when it could be asked. */
  changedSince: number | null;
}

export interface CountsFacts {
  rows: CountRow[];
  lastFinishedAt: string | null;
  running: boolean;
  syncFilterSet: boolean;
}

const LABEL: Record<CountedResource, [string, string]> = {
  users: ["user", "users"],
  groups: ["group", "groups"],
  memberships: ["group membership", "group memberships"],
  apps: ["app", "apps"],
};
const RANK: Record<CheckStatus, number> = { pass: 0, warn: 1, fail: 2 };

interface Verdict {
  status: CheckStatus;
  cause: string | null;
  text: string;
  fix: string | null;
}

function explain(r: CountRow, f: CountsFacts): Verdict {
  const [, many] = LABEL[r.resource];
  if (r.okta === null) {
    return r.oktaErr
      ? {
          status: "warn",
          cause: "CHECK_INCOMPLETE",
          text: `Okta's number of ${many} could not be read (${r.oktaErr.errorCode ?? r.oktaErr.status}).`,
          fix: "Run the checks again in a minute.",
        }
      : {
          status: "pass",
          cause: null,
          text: `${many[0].toUpperCase()}${many.slice(1)}: not compared (${r.oktaNote ?? "Okta gives no total"}).`,
          fix: null,
        };
  }
  if (r.okta === r.stored) return { status: "pass", cause: null, text: "", fix: null };
  const diff = `Okta has ${plural(r.okta, LABEL[r.resource][0])}, the console stored ${formatCount(r.stored)}`;
  if (f.running)
    return {
      status: "warn",
      cause: "SYNC_RUNNING",
      text: `${diff}: a sync is running and has not finished writing.`,
      fix: "Wait for the running sync to finish, then run the checks again.",
    };
  if (r.last && r.last.status !== "succeeded") {
    const why = r.last.missingScope ? `it lacked the ${r.last.missingScope} scope` : (r.last.error ?? `it ended as ${r.last.status}`);
    return {
      status: "fail",
      cause: "LAST_SYNC_INCOMPLETE",
      text: `${diff}: the last sync did not finish reading ${many} (${why}).`,
      fix: "Fix what the last sync reported (see the other checks), then click Sync now.",
    };
  }
  if (f.syncFilterSet)
    return {
      status: "warn",
      cause: "SYNC_FILTERED",
      text: `${diff}: a sync filter on this integration limits what is imported.`,
      fix: "Nothing to fix if the filter is intended; otherwise widen it in the integration's settings and click Sync now.",
    };
  if (r.changedSince)
    return {
      status: "warn",
      cause: "CHANGED_SINCE_SYNC",
      text: `${diff}: Okta changed at least ${plural(r.changedSince, LABEL[r.resource][0])} since the last sync finished.`,
      fix: "Click Sync now to catch up.",
    };
  return {
    status: "fail",
    cause: "COUNTS_UNEXPLAINED",
    text: `${diff}, and no running sync, failed resource, filter or recent change explains it.`,
    fix: "Click Sync now (a full sync marks what Okta no longer has and adds what is missing). If the numbers still differ afterwards, keep these figures for support.",
  };
}

export function countsRule(f: CountsFacts, ctx: CheckContext): CheckOutcome {
  void ctx;
  const evidence = f.rows.flatMap((r) =>
    ev(
      LABEL[r.resource][1][0].toUpperCase() + LABEL[r.resource][1].slice(1),
      `Okta ${r.okta === null ? "n/a" : formatCount(r.okta)} · stored ${formatCount(r.stored)}${r.oktaNote && r.okta !== null ? ` (${r.oktaNote})` : ""}`,
    ),
  );
  const lastEv = ev("Last sync finished", f.lastFinishedAt ?? "never");
  if (!f.lastFinishedAt) {
    return {
      status: "warn",
      cause: "NO_SYNC_YET",
      summary: f.running
        ? "The first sync is still running, so there is nothing to compare yet."
        : "No sync has finished yet, so there is nothing to compare.",
      evidence: [...evidence, ...lastEv],
      fix: f.running ? "Wait for the sync to finish, then run the checks again." : "Click Sync now, then run the checks again.",
    };
  }
  const verdicts = f.rows.map((r) => explain(r, f));
  const worst = verdicts.reduce(
    (a, v) => (RANK[v.status] > RANK[a.status] ? v : a),
    verdicts[0] ?? { status: "pass" as const, cause: null, text: "", fix: null },
  );
  if (worst.status === "pass") {
    const compared = f.rows.filter((r) => r.okta !== null).map((r) => plural(r.okta!, ...LABEL[r.resource]));
    const skipped = verdicts.filter((v) => v.text).map((v) => v.text);
    return {
      status: "pass",
      summary: `Okta's totals match what the console stored${compared.length ? `: ${compared.join(", ")}` : ""}.${skipped.length ? ` ${skipped.join(" ")}` : ""}`,
      evidence: [...evidence, ...lastEv],
    };
  }
  const problems = verdicts.filter((v) => v.status !== "pass");
  return {
    status: worst.status,
    cause: worst.cause,
    summary: problems.map((v) => v.text).join(" "),
    evidence: [...evidence, ...lastEv],
    fix: [...new Set(problems.map((v) => v.fix).filter(Boolean))].join(" "),
  };
}
