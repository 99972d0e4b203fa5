"use client";
// The integration's event log: newest first, paginated, filterable by level and kind. Errors and
// warnings (a missing scope, a permission refused, rejected credentials, a failed sync) stand out;
// each entry shows time, kind, message and the details that matter: Okta's errorCode and errorId,
// the HTTP status, the resource, and for rate limits the waits per bucket.
import { useState } from "react";
import { AlertIcon, Badge, Card, CardHeader, cn, InfoIcon, ListEmpty, Time, type Tone } from "@/components/ui";
import { DataTable, DataTableFilter, DataTableToolbar, keysetPaging } from "@/components/ui/data-table";
import type { Resource } from "@/db/enums";
import type { Overview } from "@/lib/overview/contracts";
import { RESOURCE_REGISTRY } from "@/lib/resources";
import type { IntegrationEventItem } from "@/lib/sync/contracts";
import { kindLabel } from "./labels";
import { type EventFilters, useEvents } from "./queries";

const LEVEL: Record<string, { label: string; tone: Tone; row: string }> = {
  info: { label: "Info", tone: "neutral", row: "" },
  warn: { label: "Warning", tone: "warning", row: "bg-amber-50/50 shadow-[inset_3px_0_0] shadow-amber-400" },
  error: { label: "Error", tone: "danger", row: "bg-red-50/50 shadow-[inset_3px_0_0] shadow-red-500" },
};

type Obj = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" && v ? v : typeof v === "number" ? String(v) : null);

/** The facts worth showing from an event's details, whether Okta's answer is nested or flat. */
function eventFacts(details: Obj | null): { label: string; value: string }[] {
  if (!details) return [];
  const okta = (details.okta && typeof details.okta === "object" ? details.okta : details) as Obj;
  const facts: { label: string; value: string }[] = [];
  const resource = str(details.resource);
  if (resource)
    facts.push({ label: "resource", value: resource in RESOURCE_REGISTRY ? RESOURCE_REGISTRY[resource as Resource].title : resource });
  const status = str(okta.status);
  if (status && status !== "0") facts.push({ label: "HTTP", value: status });
  for (const k of ["errorCode", "errorId"] as const) if (str(okta[k])) facts.push({ label: k, value: str(okta[k])! });
  if (str(okta.oauthError)) facts.push({ label: "OAuth error", value: str(okta.oauthError)! });
  if (details.buckets && typeof details.buckets === "object") {
    for (const [bucket, b] of Object.entries(details.buckets as Record<string, Obj>)) {
      const waits = Number(b.waits ?? 0);
      const after429 = Number(b.waits429 ?? 0);
      facts.push({
        label: bucket,
        value: `${waits} ${waits === 1 ? "wait" : "waits"}${after429 ? `, ${after429} after 429` : ""}, ${Math.round(Number(b.waitMs ?? 0) / 100) / 10} s`,
      });
    }
  }
  return facts;
}

/** What happened: level, kind, the message, and the facts that matter. */
function EventCell({ e }: { e: IntegrationEventItem }) {
  const lv = LEVEL[e.level];
  const facts = eventFacts(e.details);
  return (
    <>
      <div className="flex flex-wrap items-center gap-2">
        {e.level !== "info" && (
          <AlertIcon size={14} className={e.level === "error" ? "text-red-600" : "text-amber-600"} aria-hidden="true" />
        )}
        <Badge tone={lv.tone}>{lv.label}</Badge>
        <code className="text-xs text-slate-600" data-testid="event-kind">
          {e.kind}
        </code>
      </div>
      <p className={cn("mt-1 text-sm", e.level === "info" ? "text-slate-800" : "font-medium text-slate-900")}>{e.message}</p>
      {facts.length > 0 && (
        <dl className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 font-mono text-xs text-slate-500">
          {facts.map((f) => (
            <div key={f.label} className="flex gap-1">
              <dt className="text-slate-500">{f.label}</dt>
              <dd className="break-all text-slate-700">{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}

export function EventLog({
  id,
  kinds,
  people,
  runId,
  live,
  title = "Event log",
}: {
  id: string;
  kinds: Overview["eventKinds"];
  people: Record<string, string>;
  runId?: string;
  live: boolean;
  title?: string;
}) {
  const [level, setLevel] = useState<EventFilters["level"]>("");
  const [kind, setKind] = useState<EventFilters["kind"]>("");
  const q = useEvents(id, { level, kind, runId }, live);
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = !!(level || kind);
  return (
    <Card>
      <CardHeader
        title={title}
        description={
          runId
            ? "What this run recorded, newest first."
            : "Connections, credential and settings changes, syncs, rate-limit waits and errors, newest first."
        }
      />
      <DataTableToolbar
        label="Filter events"
        filtered={filtered}
        onClear={() => {
          setLevel("");
          setKind("");
        }}
        busy={q.isFetching && !q.isFetchingNextPage}
      >
        <DataTableFilter
          label="Level"
          all="All levels"
          className="w-40"
          value={level}
          onChange={(v) => setLevel(v as EventFilters["level"])}
          options={[
            ["error", "Errors"],
            ["warn", "Warnings"],
            ["info", "Info"],
          ]}
        />
        <DataTableFilter
          label="Kind"
          all="All kinds"
          className="w-72"
          value={kind}
          onChange={(v) => setKind(v as EventFilters["kind"])}
          options={kinds.map((k) => [k.kind, `${kindLabel(k.kind)} (${k.count})`])}
        />
      </DataTableToolbar>
      <DataTable<IntegrationEventItem>
        label={title}
        rows={items}
        rowKey={(e) => e.id}
        rowClassName={(e) => LEVEL[e.level].row}
        loading={q.isFetching}
        error={q.error}
        columns={[
          {
            header: "Time",
            width: "w-32",
            className: "align-top text-xs whitespace-nowrap",
            cell: (e) => <Time value={e.at} format="stacked" />,
          },
          { header: "Event", className: "align-top", cell: (e) => <EventCell e={e} /> },
          {
            header: "By",
            width: "w-36",
            className: "align-top text-sm",
            cell: (e) => (e.actorUserId ? (people[e.actorUserId] ?? "A removed user") : <span className="text-slate-500">system</span>),
          },
        ]}
        empty={
          <ListEmpty
            filtered={filtered}
            noMatch={{
              icon: <InfoIcon size={20} />,
              title: "No events match these filters",
              description: "Choose another level or kind, or clear the filters.",
            }}
            none={{
              icon: <InfoIcon size={20} />,
              title: "No events yet",
              description: "Connecting, syncing and every change to this integration are recorded here.",
            }}
          />
        }
        paging={keysetPaging(q, ["event", "events"], { moreLabel: "Load older events" })}
      />
    </Card>
  );
}
