"use client";
// A running sync, live: one bar per resource (pages and objects fetched; a true percentage where
// Okta reported a total, an estimate from the last successful run otherwise), and the rate-limit
// waits as the worker reports them. Polls the run every second; stays on screen with the result
// once the run it watched has finished.
import Link from "next/link";
import { useEffect, useState } from "react";
import { Badge, Button, Card, CardHeader, cn, XIcon } from "@/components/ui";
import { useNow } from "@/components/ui/time";
import { formatCount, formatDuration, plural } from "@/lib/format";
import { links } from "@/lib/links";
import type { Overview } from "@/lib/overview/contracts";
import { RESOURCE_REGISTRY } from "@/lib/resources";
import type { RunResource } from "@/lib/sync/contracts";
import { RESOURCE_STATUS, RUN_STATUS } from "./labels";
import { useRun } from "./queries";

function Bar({ r, estimate }: { r: RunResource; estimate: number | undefined }) {
  const done = r.status === "succeeded";
  const exact = r.expectedTotal ? Math.min(1, r.objects / r.expectedTotal) : null;
  const estimated = exact === null && estimate ? Math.min(done ? 1 : 0.99, r.objects / estimate) : null;
  const fraction = done ? 1 : (exact ?? estimated);
  const indeterminate = fraction === null && r.status === "running";
  const color = r.status === "failed" ? "bg-red-500" : r.status === "skipped" ? "bg-slate-300" : done ? "bg-emerald-500" : "bg-brand-600";
  const pct = fraction === null ? undefined : Math.round(fraction * 100);
  const label = `${RESOURCE_REGISTRY[r.resource].title}: ${formatCount(r.objects)} objects`;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
      aria-valuetext={
        pct === undefined
          ? `${formatCount(r.objects)} objects so far`
          : `${pct}%${exact === null && estimated !== null ? " (estimated)" : ""}`
      }
      data-objects={r.objects}
      className="relative h-2 overflow-hidden rounded-full bg-slate-100"
    >
      {indeterminate ? (
        <div className="h-full w-full animate-pulse rounded-full bg-brand-500/40" />
      ) : (
        <div className={cn("h-full rounded-full transition-[width] duration-700", color)} style={{ width: `${(fraction ?? 0) * 100}%` }} />
      )}
    </div>
  );
}

function Row({ r, estimate }: { r: RunResource; estimate: number | undefined }) {
  const s = RESOURCE_STATUS[r.status];
  const total = r.expectedTotal ?? (estimate && r.status !== "succeeded" ? estimate : null);
  return (
    <li
      className="grid grid-cols-[10rem_1fr] items-center gap-x-4 gap-y-1 px-5 py-2.5 sm:grid-cols-[11rem_1fr_15rem]"
      data-testid={`progress-${r.resource}`}
      data-status={r.status}
    >
      <div className="flex items-center gap-2 text-sm font-medium text-slate-800">
        {RESOURCE_REGISTRY[r.resource].title}
        <Badge tone={s.tone}>{s.label}</Badge>
      </div>
      <Bar r={r} estimate={estimate} />
      <div className="col-span-2 text-xs text-slate-500 tabular-nums sm:col-span-1 sm:text-right">
        {formatCount(r.objects)}
        {total ? ` of ${r.expectedTotal ? "" : "≈"}${formatCount(total)}` : ""} objects · {formatCount(r.pages)}{" "}
        {r.pages === 1 ? "page" : "pages"}
        {r.requests > 0 && (
          <span data-testid={`progress-requests-${r.resource}`}>
            {" "}
            · {formatCount(r.requests)} {r.requests === 1 ? "request" : "requests"}
          </span>
        )}
        {r.rateLimitWaits > 0 && (
          <span className="ml-1 font-medium text-amber-700">
            · {r.rateLimitWaits} rate-limit {r.rateLimitWaits === 1 ? "wait" : "waits"}
          </span>
        )}
        {r.missingScope && <span className="ml-1 font-medium text-amber-700">· missing {r.missingScope}</span>}
      </div>
    </li>
  );
}

/** Shows the active run, and keeps showing it once finished until dismissed. */
export function LiveProgress({ overview }: { overview: Overview }) {
  const id = overview.integrationId;
  const activeId = overview.health.active?.id ?? null;
  const [watched, setWatched] = useState<string | null>(activeId);
  useEffect(() => {
    if (activeId) setWatched(activeId);
  }, [activeId]);
  const { data: run, error } = useRun(id, watched);
  const now = useNow(1000);
  if (!watched) return null;
  if (!run) return error ? <Card className="px-5 py-4 text-sm text-red-700">Could not load the running sync: {error.message}</Card> : null;
  const active = run.status === "queued" || run.status === "running";
  const elapsed = run.startedAt ? (run.finishedAt ? Date.parse(run.finishedAt) : now) - Date.parse(run.startedAt) : null;
  const done = run.resources.filter((r) => ["succeeded", "failed", "skipped"].includes(r.status)).length;
  const queuedFor = now - Date.parse(run.queuedAt);
  const st = RUN_STATUS[run.status];
  return (
    <Card data-testid="live-progress" data-run-status={run.status} aria-live="polite">
      <CardHeader
        title={
          <span className="flex items-center gap-2">
            {active ? "Sync in progress" : "Sync finished"} <Badge tone={st.tone}>{st.label}</Badge>
          </span>
        }
        description={
          // The clock moves between the server's render and hydration; only this text may differ.
          <span suppressHydrationWarning>
            {run.status === "queued"
              ? queuedFor < 30_000
                ? "Waiting for a sync worker to pick it up; that takes a second or two."
                : `Waiting for a sync worker for ${formatDuration(queuedFor)}: every worker is busy with other runs, or none is running (see RUN_WORKERS and npm run worker in the README).`
              : `${done} of ${run.resources.length} resources done · ${formatDuration(elapsed)}${active ? " so far" : ""} · ${plural(run.requests, "request")} to Okta`}
          </span>
        }
        actions={
          <>
            <Link href={links.run(id, run.id)} className="text-sm text-brand-700 hover:underline">
              Run details
            </Link>
            {!active && (
              <Button variant="ghost" size="sm" aria-label="Dismiss" onClick={() => setWatched(null)}>
                <XIcon size={15} />
              </Button>
            )}
          </>
        }
      />
      {run.rateLimitWaits > 0 && (
        <p className="border-b border-amber-200 bg-amber-50 px-5 py-2 text-sm text-amber-900" data-testid="rate-limit-waits">
          Waited {run.rateLimitWaits} {run.rateLimitWaits === 1 ? "time" : "times"} for Okta&apos;s rate limit so far
          {run.retries ? `, and retried ${run.retries} failed requests` : ""}. The sync slows down instead of failing; the waits end on
          their own.
        </p>
      )}
      <ul className="divide-y divide-slate-100 py-1">
        {run.resources.map((r) => (
          <Row key={r.resource} r={r} estimate={overview.estimates[r.resource]} />
        ))}
      </ul>
    </Card>
  );
}
