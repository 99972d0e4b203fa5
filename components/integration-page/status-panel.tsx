"use client";
// The answer at a glance: state and why, when it last synced (and how long it took), when it syncs
// next and which kind of run that is, how it authenticates, and the last run's result. Queued vs
// running comes from useLiveRun, as in the header and the live progress.
import Link from "next/link";
import { AlertIcon, Badge, Card, CheckIcon, cn, InfoIcon, RefreshIcon, Time, XIcon } from "@/components/ui";
import { formatDuration, formatInterval } from "@/lib/format";
import { METHOD_LABEL } from "@/lib/integrations/contracts";
import { links } from "@/lib/links";
import { HEALTH_LABELS, type Overview } from "@/lib/overview/contracts";
import { RUN_STATUS, TRIGGER } from "./labels";
import { useLiveRun } from "./queries";

const LOOK = {
  connected: { icon: CheckIcon, ring: "bg-emerald-50 text-emerald-700 ring-emerald-600/20" },
  syncing: { icon: RefreshIcon, ring: "bg-sky-50 text-sky-700 ring-sky-600/20" },
  partial: { icon: AlertIcon, ring: "bg-amber-50 text-amber-700 ring-amber-600/25" },
  error: { icon: XIcon, ring: "bg-red-50 text-red-700 ring-red-600/20" },
  disconnected: { icon: InfoIcon, ring: "bg-slate-100 text-slate-600 ring-slate-500/20" },
} as const;

function Fact({ label, children, sub }: { label: string; children: React.ReactNode; sub?: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm font-medium text-slate-900">{children}</dd>
      {sub && <dd className="mt-0.5 text-xs text-slate-500">{sub}</dd>}
    </div>
  );
}

export function StatusPanel({
  overview,
  auth,
  connected,
}: {
  overview: Overview;
  auth: { method: keyof typeof METHOD_LABEL; usesDpop: boolean };
  connected: boolean;
}) {
  const h = overview.health;
  const { status: live, run, active } = useLiveRun(overview.integrationId);
  const state = !connected ? "disconnected" : live ? "syncing" : h.state;
  const done = run ? run.resources.filter((r) => ["succeeded", "failed", "skipped"].includes(r.status)).length : 0;
  // The first sentence follows the run's own poll; what the overview adds (the previous run's result) stays.
  const reason = !connected
    ? "Disconnected: its credentials were deleted, so it no longer reads from Okta."
    : live
      ? `${live === "queued" ? "A sync is queued; it starts as soon as a sync worker is free." : `Syncing: ${done} of ${run?.resources.length ?? 8} resources done.`}${h.state === "syncing" ? h.reason.replace(/^[^.]*\.\s?/, " ").trimEnd() : ""}`
      : h.reason;
  const look = LOOK[state];
  const Icon = look.icon;
  const last = h.lastSuccess;
  const ran = h.lastFinished;
  return (
    <Card data-testid="status-panel">
      <div className="flex items-start gap-4 border-b border-slate-200 px-5 py-4">
        <span
          className={cn("mt-0.5 flex size-10 shrink-0 items-center justify-center rounded-full ring-1 ring-inset", look.ring)}
          aria-hidden="true"
        >
          <Icon size={20} className={state === "syncing" ? "animate-spin [animation-duration:2.5s]" : undefined} />
        </span>
        <div className="min-w-0">
          <h2 className="text-base font-semibold text-slate-900">{live === "queued" ? "Queued" : HEALTH_LABELS[state]}</h2>
          <p className="mt-0.5 text-sm text-slate-600" data-testid="health-reason">
            {reason}
          </p>
        </div>
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-4 px-5 py-4 sm:grid-cols-2 xl:grid-cols-4">
        <Fact
          label="Last successful sync"
          sub={
            last ? (
              <Time value={last.finishedAt} />
            ) : ran ? (
              <>
                Last run {RUN_STATUS[ran.status].label.toLowerCase()}, <Time value={ran.finishedAt} format="relative" />
              </>
            ) : (
              "No run has finished yet"
            )
          }
        >
          {last ? (
            <>
              <Time value={last.finishedAt} format="relative" />{" "}
              <span className="font-normal text-slate-500">· took {formatDuration(last.durationMs)}</span>
            </>
          ) : (
            "Never"
          )}
        </Fact>
        <Fact
          label="Next scheduled sync"
          sub={
            connected && h.nextSyncAt ? (
              <>
                Full every {formatInterval(overview.schedule.fullSyncIntervalMinutes)}
                {overview.schedule.incrementalSyncIntervalMinutes
                  ? `, incremental every ${formatInterval(overview.schedule.incrementalSyncIntervalMinutes)}`
                  : ", no incremental syncs"}{" "}
                · <Time value={h.nextSyncAt} />
              </>
            ) : undefined
          }
        >
          {connected && h.nextSyncAt && h.nextSyncMode ? (
            <span data-testid="next-sync" data-mode={h.nextSyncMode}>
              {h.nextSyncMode === "full" ? "Full" : "Incremental"},{" "}
              <Time value={h.nextSyncAt} format="relative" className={h.overdue ? "text-amber-700" : undefined} />
            </span>
          ) : (
            "Not scheduled"
          )}
        </Fact>
        <Fact label="Authentication" sub={auth.usesDpop ? "Tokens bound to a key (DPoP)" : undefined}>
          <span className="inline-flex flex-wrap items-center gap-2">
            <span>{METHOD_LABEL[auth.method]}</span>
            {auth.usesDpop && <Badge tone="info">DPoP</Badge>}
          </span>
        </Fact>
        <Fact
          label="Last run"
          sub={
            live && active ? (
              <>
                {TRIGGER[active.trigger]} · {live === "queued" ? "queued" : "started"}{" "}
                <Time
                  value={live === "queued" ? active.queuedAt : (run?.startedAt ?? active.startedAt ?? active.queuedAt)}
                  format="relative"
                />{" "}
                ·{" "}
                <Link className="text-brand-700 underline hover:text-brand-600" href={links.run(overview.integrationId, active.id)}>
                  details
                </Link>
              </>
            ) : ran ? (
              <>
                {TRIGGER[ran.trigger]} · {formatDuration(ran.durationMs)} ·{" "}
                <Link className="text-brand-700 underline hover:text-brand-600" href={links.run(overview.integrationId, ran.id)}>
                  details
                </Link>
              </>
            ) : undefined
          }
        >
          {live ? (
            <span data-testid="last-run-status" data-status={live}>
              <Badge tone="info">{RUN_STATUS[live].label}</Badge>
            </span>
          ) : ran ? (
            <Badge tone={RUN_STATUS[ran.status].tone}>{RUN_STATUS[ran.status].label}</Badge>
          ) : (
            "—"
          )}
        </Fact>
      </dl>
    </Card>
  );
}
