"use client";
// The runs: trigger (and who), start, duration, result, added/updated/deleted per resource, requests
// made and rate-limit waits. A row opens the run's details.
import Link from "next/link";
import {
  Alert,
  Badge,
  Button,
  ButtonLink,
  Card,
  CardHeader,
  EmptyState,
  RefreshIcon,
  Table,
  TBody,
  TD,
  TH,
  THead,
  Time,
  TR,
} from "@/components/ui";
import { links } from "@/lib/links";
import type { HistoryRun } from "@/lib/overview/contracts";
import { formatCount, formatDuration } from "@/lib/overview/format";
import { RESOURCE_REGISTRY } from "@/lib/resources";
import { RUN_STATUS, TRIGGER } from "./labels";
import { useRunHistory } from "./queries";
import { useNow } from "./time";

function Changes({ run }: { run: HistoryRun }) {
  const changed = run.resources.filter((r) => r.added || r.updated || r.deleted);
  const n = (v: number, sign: string, cls: string) => (v ? <span className={cls}>{`${sign}${formatCount(v)}`}</span> : null);
  return (
    <div className="text-xs tabular-nums">
      <div className="flex gap-2 text-sm">
        {n(run.totals.added, "+", "text-emerald-700")}
        {n(run.totals.updated, "~", "text-sky-700")}
        {n(run.totals.deleted, "−", "text-red-700")}
        {!changed.length && <span className="text-slate-400">{run.status === "queued" ? "—" : "no changes"}</span>}
      </div>
      {changed.length > 0 && (
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

export function triggerText(run: Pick<HistoryRun, "trigger" | "triggeredBy">) {
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
      {q.isError && (
        <div className="px-5 pt-4">
          <Alert tone="danger">{q.error.message}</Alert>
        </div>
      )}
      {shown.length === 0 && !q.isFetching ? (
        <EmptyState
          icon={<RefreshIcon size={20} />}
          title="No sync has run yet"
          description="Runs appear here when the integration syncs: after connecting, on its schedule, or when an admin clicks Sync now."
        />
      ) : (
        <Table label="Sync runs">
          <THead>
            <TH>Trigger</TH>
            <TH>Started</TH>
            <TH align="right">Duration</TH>
            <TH>Result</TH>
            <TH>Changes</TH>
            <TH align="right">Requests</TH>
            <TH align="right">429 waits</TH>
          </THead>
          <TBody>
            {shown.map((r) => {
              const st = RUN_STATUS[r.status];
              const running = r.status === "running" && r.startedAt;
              return (
                <TR key={r.id}>
                  <TD className="text-sm">
                    <Link
                      href={links.run(id, r.id)}
                      className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                      data-testid="run-link"
                    >
                      {triggerText(r)}
                    </Link>
                  </TD>
                  <TD className="text-xs">{r.startedAt ? <Time value={r.startedAt} /> : <span className="text-slate-500">Queued</span>}</TD>
                  <TD align="right" className="text-sm tabular-nums">
                    {running ? `${formatDuration(now - Date.parse(r.startedAt!))}…` : formatDuration(r.durationMs)}
                  </TD>
                  <TD>
                    <Badge tone={st.tone}>{st.label}</Badge>
                  </TD>
                  <TD>
                    <Changes run={r} />
                  </TD>
                  <TD align="right" className="text-sm tabular-nums">
                    {formatCount(r.requests)}
                  </TD>
                  <TD
                    align="right"
                    className={r.rateLimitWaits ? "text-sm font-medium text-amber-700 tabular-nums" : "text-sm text-slate-400 tabular-nums"}
                  >
                    {formatCount(r.rateLimitWaits)}
                  </TD>
                </TR>
              );
            })}
          </TBody>
        </Table>
      )}
      {!compact && q.hasNextPage && (
        <div className="flex justify-center border-t border-slate-200 px-4 py-3">
          <Button variant="secondary" size="sm" loading={q.isFetchingNextPage} onClick={() => q.fetchNextPage()}>
            Load older runs
          </Button>
        </div>
      )}
    </Card>
  );
}
