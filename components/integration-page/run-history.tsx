"use client";
// The runs: trigger (and who), start, duration, result, added/updated/deleted per resource, requests
// made and rate-limit waits. A row opens the run's details.
import Link from "next/link";
import { Badge, ButtonLink, Card, CardHeader, EmptyState, RefreshIcon, Time } from "@/components/ui";
import { DataTable, keysetPaging } from "@/components/ui/data-table";
import { useNow } from "@/components/ui/time";
import { formatCount, formatDuration } from "@/lib/format";
import { links } from "@/lib/links";
import type { HistoryRun } from "@/lib/overview/contracts";
import { RESOURCE_REGISTRY } from "@/lib/resources";
import { RUN_STATUS, TRIGGER } from "./labels";
import { useRunHistory } from "./queries";

function Changes({ run, inline }: { run: HistoryRun; inline?: boolean }) {
  const changed = run.resources.filter((r) => r.added || r.updated || r.deleted);
  const n = (v: number, sign: string, cls: string) => (v ? <span className={cls}>{`${sign}${formatCount(v)}`}</span> : null);
  return (
    <div className="text-xs tabular-nums">
      <div className="flex gap-2 text-sm">
        {n(run.totals.added, "+", "text-emerald-700")}
        {n(run.totals.updated, "~", "text-sky-700")}
        {n(run.totals.deleted, "−", "text-red-700")}
        {!changed.length && <span className="text-slate-500">{run.status === "queued" ? "—" : "no changes"}</span>}
      </div>
      {changed.length > 0 && inline && (
        <p className="mt-0.5 max-w-md text-slate-500">
          {changed
            .map(
              (r) =>
                `${RESOURCE_REGISTRY[r.resource].title} ${[
                  r.added && `+${formatCount(r.added)}`,
                  r.updated && `~${formatCount(r.updated)}`,
                  r.deleted && `−${formatCount(r.deleted)}`,
                ]
                  .filter(Boolean)
                  .join(" ")}`,
            )
            .join(", ")}
        </p>
      )}
      {changed.length > 0 && !inline && (
        <ul className="mt-0.5 text-slate-500">
          {changed.map((r) => (
            <li key={r.resource} className="whitespace-nowrap">
              {RESOURCE_REGISTRY[r.resource].title}{" "}
              {[r.added && `+${formatCount(r.added)}`, r.updated && `~${formatCount(r.updated)}`, r.deleted && `−${formatCount(r.deleted)}`]
                .filter(Boolean)
                .join(" ")}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function triggerText(run: Pick<HistoryRun, "trigger" | "triggeredBy">) {
  return run.trigger === "manual" && run.triggeredBy ? `Manual, by ${run.triggeredBy.name}` : TRIGGER[run.trigger];
}

export function RunHistory({ id, limit, compact }: { id: string; limit: number; compact?: boolean }) {
  const q = useRunHistory(id, limit);
  const now = useNow(1000);
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const shown = compact ? items.slice(0, limit) : items;
  return (
    <Card>
      <CardHeader
        title={compact ? "Recent runs" : "Run history"}
        description="Newest first. Changes are rows added (+), updated (~) and deleted (−); open a run for every resource's numbers and events."
        actions={
          compact && items.length > 0 ? (
            <ButtonLink variant="secondary" size="sm" href={links.runs(id)}>
              All runs
            </ButtonLink>
          ) : undefined
        }
      />
      <DataTable<HistoryRun>
        label="Sync runs"
        rows={shown}
        rowKey={(r) => r.id}
        rowHref={(r) => links.run(id, r.id)}
        loading={q.isFetching}
        error={q.error}
        columns={[
          {
            header: "Trigger",
            className: "text-sm",
            cell: (r) => (
              <Link
                href={links.run(id, r.id)}
                className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                data-testid="run-link"
              >
                {triggerText(r)}
              </Link>
            ),
          },
          {
            header: "Started",
            className: "text-xs",
            cell: (r) => (r.startedAt ? <Time value={r.startedAt} /> : <span className="text-slate-500">Queued</span>),
          },
          {
            header: "Duration",
            align: "right",
            className: "text-sm tabular-nums",
            cell: (r) =>
              r.status === "running" && r.startedAt ? (
                // The clock moves between the server's render and hydration; only this text may differ.
                <span suppressHydrationWarning>{`${formatDuration(now - Date.parse(r.startedAt))}…`}</span>
              ) : (
                formatDuration(r.durationMs)
              ),
          },
          {
            header: "Result",
            cell: (r) => <Badge tone={RUN_STATUS[r.status].tone}>{RUN_STATUS[r.status].label}</Badge>,
          },
          // A readable width: on a phone the table scrolls inside its card rather than squeezing this to a column.
          { header: "Changes", className: "min-w-64", cell: (r) => <Changes run={r} inline={compact} /> },
          { header: "Requests", align: "right", className: "text-sm tabular-nums", cell: (r) => formatCount(r.requests) },
          {
            header: "429 waits",
            align: "right",
            className: "text-sm tabular-nums",
            cell: (r) => (
              <span className={r.rateLimitWaits ? "font-medium text-amber-700" : "text-slate-500"}>{formatCount(r.rateLimitWaits)}</span>
            ),
          },
        ]}
        empty={
          <EmptyState
            icon={<RefreshIcon size={20} />}
            title="No sync has run yet"
            description="Runs appear here when the integration syncs: after connecting, on its schedule, or when an admin clicks Sync now."
          />
        }
        paging={compact ? undefined : keysetPaging(q, ["run", "runs"], { moreLabel: "Load older runs" })}
      />
    </Card>
  );
}
