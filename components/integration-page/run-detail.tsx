"use client";
// One run: who started it and when, how long it took, requests and rate-limit waits, and for every
// resource pages, objects, added/updated/unchanged/deleted, errors with what Okta said and the fix,
// and the membership reconciliation. Live while the run is going.
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { Alert, Badge, Card, CardHeader, cn, Time } from "@/components/ui";
import { DataTable } from "@/components/ui/data-table";
import { useNow } from "@/components/ui/time";
import { formatCount, formatDuration } from "@/lib/format";
import type { ResourceHealth } from "@/lib/overview/contracts";
import { RESOURCE_REGISTRY } from "@/lib/resources";
import type { RunDetail as Run } from "@/lib/sync/contracts";
import { RESOURCE_STATUS, RUN_STATUS, TRIGGER } from "./labels";
import { useRun } from "./queries";
import { OktaSaid } from "./resource-health";

function Fact({ label, children, className }: { label: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={className}>
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="mt-1 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

const num = (v: number, cls?: string) => <span className={cn("tabular-nums", v ? cls : "text-slate-500")}>{formatCount(v)}</span>;

export function RunDetail({
  id,
  runId,
  triggeredBy,
  health,
}: {
  id: string;
  runId: string;
  triggeredBy: string | null;
  health: ResourceHealth[];
}) {
  const { data: run, error } = useRun(id, runId);
  const router = useRouter();
  const was = useRef(run?.status);
  const now = useNow(1000);
  const active = run?.status === "queued" || run?.status === "running";
  // Fixes and the health wording are computed on the server: refresh them when the run ends.
  useEffect(() => {
    if ((was.current === "queued" || was.current === "running") && !active) router.refresh();
    was.current = run?.status;
  }, [run?.status, active, router]);
  if (!run) return <Alert tone="danger">{error?.message ?? "The run could not be loaded."}</Alert>;
  const st = RUN_STATUS[run.status];
  const duration = run.startedAt ? (run.finishedAt ? Date.parse(run.finishedAt) : now) - Date.parse(run.startedAt) : null;
  const membership = run.resources.find((r) => r.resource === "memberships")?.reconciliation as
    | {
        expected: number;
        stored: number;
        outOfScope?: number;
        groupsCompared: number;
        mismatchedGroups: number;
        examples?: { name: string; expected: number; stored: number }[];
      }
    | null
    | undefined;
  const runError = run.error && typeof run.error.message === "string" && run.status !== "succeeded" ? (run.error.message as string) : null;
  return (
    <div className="space-y-6">
      <Card data-testid="run-summary" data-status={run.status}>
        <CardHeader
          title={
            <span className="flex items-center gap-2">
              {TRIGGER[run.trigger]} {run.mode} sync <Badge tone={st.tone}>{st.label}</Badge>
            </span>
          }
          description={runError ?? (active ? "Running now; this page updates by itself." : undefined)}
        />
        <dl className="grid grid-cols-1 gap-x-6 gap-y-4 px-5 py-4 sm:grid-cols-3 lg:grid-cols-7">
          <Fact label="Started by">
            {run.trigger === "manual"
              ? (triggeredBy ?? "A removed user")
              : run.trigger === "scheduled"
                ? "The schedule"
                : run.trigger === "initial"
                  ? "The connect"
                  : "An event hook"}
          </Fact>
          <Fact label="Started" className="lg:col-span-2">
            {run.startedAt ? <Time value={run.startedAt} /> : "Not yet"}
          </Fact>
          <Fact label="Duration">
            {/* The clock moves between the server's render and hydration; only this text may differ. */}
            <span suppressHydrationWarning>{`${formatDuration(duration)}${active && run.startedAt ? " so far" : ""}`}</span>
          </Fact>
          <Fact label="Requests">{formatCount(run.requests)}</Fact>
          <Fact label="Rate-limit waits">
            <span className={run.rateLimitWaits ? "font-medium text-amber-700" : undefined}>{formatCount(run.rateLimitWaits)}</span>
          </Fact>
          <Fact label="Retries · attempts">
            {formatCount(run.retries)} · {run.attempts}
          </Fact>
        </dl>
      </Card>
      <Card>
        <CardHeader
          title="Resources"
          description="Objects read from Okta, and what changed in the console's copy. Unchanged rows are not rewritten."
        />
        <DataTable<Run["resources"][number]>
          label="Resources of this run"
          rows={run.resources}
          rowKey={(r) => r.resource}
          rowClassName={(r) => (r.status === "failed" ? "bg-red-50/40" : undefined)}
          rowDetail={(r) =>
            (r.status === "failed" || (r.status === "skipped" && r.error)) && (
              <Problem r={r} health={health.find((h) => h.resource === r.resource)} />
            )
          }
          columns={[
            { header: "Resource", className: "font-medium text-slate-900", cell: (r) => RESOURCE_REGISTRY[r.resource].title },
            { header: "Status", cell: (r) => <Badge tone={RESOURCE_STATUS[r.status].tone}>{RESOURCE_STATUS[r.status].label}</Badge> },
            { header: "Pages", align: "right", cell: (r) => num(r.pages) },
            {
              header: "Objects",
              align: "right",
              className: "whitespace-nowrap",
              cell: (r) => (
                <>
                  {num(r.objects)}
                  {r.expectedTotal != null && <span className="text-xs text-slate-500"> / {formatCount(r.expectedTotal)}</span>}
                  {r.outOfScope != null && (
                    <span className="block text-xs text-sky-700" data-testid={`run-out-of-scope-${r.resource}`}>
                      {formatCount(r.outOfScope)} out of scope
                    </span>
                  )}
                </>
              ),
            },
            { header: "Added", align: "right", cell: (r) => num(r.added, "text-emerald-700") },
            { header: "Updated", align: "right", cell: (r) => num(r.updated, "text-sky-700") },
            { header: "Unchanged", align: "right", cell: (r) => num(r.unchanged) },
            { header: "Deleted", align: "right", cell: (r) => num(r.deleted, "text-red-700") },
            { header: "Requests", align: "right", cell: (r) => num(r.requests) },
            { header: "429 waits", align: "right", cell: (r) => num(r.rateLimitWaits, "font-medium text-amber-700") },
          ]}
          empty={null}
        />
        {membership && (
          <p
            className={cn(
              "border-t border-slate-200 px-5 py-3 text-sm",
              membership.mismatchedGroups ? "text-amber-800" : "text-emerald-700",
            )}
            data-testid="run-reconciliation"
          >
            {membership.mismatchedGroups
              ? `Group memberships differ from Okta's own counts in ${membership.mismatchedGroups} groups (Okta ${formatCount(membership.expected)}, stored ${formatCount(membership.stored)})${
                  membership.examples?.length
                    ? `, e.g. ${membership.examples
                        .slice(0, 3)
                        .map((e) => `${e.name} (${e.expected} vs ${e.stored})`)
                        .join(", ")}`
                    : ""
                }.`
              : membership.outOfScope !== undefined
                ? `Group memberships add up with Okta's own counts: ${formatCount(membership.expected)} across ${formatCount(membership.groupsCompared)} groups, ${formatCount(membership.stored)} stored and ${formatCount(membership.outOfScope)} out of scope.`
                : `Group memberships match Okta's own counts: ${formatCount(membership.expected)} across ${formatCount(membership.groupsCompared)} groups.`}
          </p>
        )}
      </Card>
    </div>
  );
}

/** Why a resource failed or was skipped, the fix, and what Okta said. */
function Problem({ r, health }: { r: Run["resources"][number]; health: ResourceHealth | undefined }) {
  return (
    <>
      <p className="text-slate-800">
        {health && health.status !== "ok" ? health.message : String((r.error as { message?: unknown } | null)?.message ?? "")}
      </p>
      {health?.fix && health.status !== "ok" && (
        <p className="mt-0.5 text-slate-700">
          <span className="font-medium">Fix: </span>
          {health.fix}
        </p>
      )}
      <OktaSaid okta={health?.okta ?? null} />
    </>
  );
}
