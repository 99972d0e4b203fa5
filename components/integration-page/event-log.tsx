"use client";
// The integration's event log: newest first, paginated, filterable by level and kind. Errors and
// warnings (a missing scope, a permission refused, rejected credentials, a failed sync) stand out;
// each entry shows time, kind, message and the details that matter: Okta's errorCode and errorId,
// the HTTP status, the resource, and for rate limits the waits per bucket.
import { useState } from "react";
import {
  Alert,
  AlertIcon,
  Badge,
  Button,
  Card,
  CardHeader,
  cn,
  EmptyState,
  InfoIcon,
  Select,
  Spinner,
  Table,
  TBody,
  TD,
  TH,
  THead,
  type Tone,
  TR,
} from "@/components/ui";
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

const timeFmt = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "UTC" });
const dateFmt = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

type Obj = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" && v ? v : typeof v === "number" ? String(v) : null);

/** The facts worth showing from an event's details, whether Okta's answer is nested or flat. */
export function eventFacts(details: Obj | null): { label: string; value: string }[] {
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

function Row({ e, people }: { e: IntegrationEventItem; people: Record<string, string> }) {
  const lv = LEVEL[e.level];
  const facts = eventFacts(e.details);
  const at = new Date(e.at);
  return (
    <TR className={lv.row}>
      <TD className="w-32 align-top text-xs whitespace-nowrap">
        <time dateTime={e.at} title={e.at} className="tabular-nums">
          <span className="block text-slate-800">
            {timeFmt.format(at)} <span className="text-slate-400">UTC</span>
          </span>
          <span className="block text-slate-500">{dateFmt.format(at)}</span>
        </time>
      </TD>
      <TD className="align-top">
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
                <dt className="text-slate-400">{f.label}</dt>
                <dd className="break-all text-slate-700">{f.value}</dd>
              </div>
            ))}
          </dl>
        )}
      </TD>
      <TD className="w-36 align-top text-sm">
        {e.actorUserId ? (people[e.actorUserId] ?? "A removed user") : <span className="text-slate-400">system</span>}
      </TD>
    </TR>
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
        actions={q.isFetching && !q.isFetchingNextPage ? <Spinner label="Updating events" /> : undefined}
      />
      <form
        className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-5 py-3"
        onSubmit={(e) => e.preventDefault()}
        aria-label="Filter events"
      >
        <label>
          <span className="sr-only">Level</span>
          <Select value={level} onChange={(e) => setLevel(e.target.value as EventFilters["level"])} className="w-40" aria-label="Level">
            <option value="">All levels</option>
            <option value="error">Errors</option>
            <option value="warn">Warnings</option>
            <option value="info">Info</option>
          </Select>
        </label>
        <label>
          <span className="sr-only">Kind</span>
          <Select value={kind} onChange={(e) => setKind(e.target.value as EventFilters["kind"])} className="w-72" aria-label="Kind">
            <option value="">All kinds</option>
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {kindLabel(k.kind)} ({k.count})
              </option>
            ))}
          </Select>
        </label>
        {filtered && (
          <Button
            variant="ghost"
            onClick={() => {
              setLevel("");
              setKind("");
            }}
          >
            Clear filters
          </Button>
        )}
      </form>
      {q.isError && (
        <div className="px-5 pt-4">
          <Alert tone="danger">{q.error.message}</Alert>
        </div>
      )}
      {items.length === 0 && !q.isFetching ? (
        filtered ? (
          <EmptyState
            icon={<InfoIcon size={20} />}
            title="No events match these filters"
            description="Choose another level or kind, or clear the filters."
          />
        ) : (
          <EmptyState
            icon={<InfoIcon size={20} />}
            title="No events yet"
            description="Connecting, syncing and every change to this integration are recorded here."
          />
        )
      ) : (
        <Table label={title}>
          <THead>
            <TH>Time</TH>
            <TH>Event</TH>
            <TH>By</TH>
          </THead>
          <TBody>
            {items.map((e) => (
              <Row key={e.id} e={e} people={people} />
            ))}
          </TBody>
        </Table>
      )}
      <div className="flex items-center justify-between border-t border-slate-200 px-5 py-3 text-sm text-slate-500">
        <span>
          Showing {items.length} {items.length === 1 ? "event" : "events"}
        </span>
        {q.hasNextPage && (
          <Button variant="secondary" size="sm" loading={q.isFetchingNextPage} onClick={() => q.fetchNextPage()}>
            Load older events
          </Button>
        )}
      </div>
    </Card>
  );
}
