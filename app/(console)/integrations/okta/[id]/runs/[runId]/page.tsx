// One run's details: summary, every resource's numbers and errors, what it changed object by object,
// and the events it recorded.
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { EventLog } from "@/components/integration-page/event-log";
import { IntegrationHeader } from "@/components/integration-page/integration-header";
import { load } from "@/components/integration-page/load-integration";
import { CHANGES_PAGE, EVENTS_PAGE, integrationKeys } from "@/components/integration-page/queries";
import { RunChanges } from "@/components/integration-page/run-changes";
import { RunDetail } from "@/components/integration-page/run-detail";
import { AppError } from "@/lib/errors";
import { formatDate } from "@/lib/format";
import { getOverview } from "@/lib/overview/get-overview";
import { runHealth } from "@/lib/overview/project-health";
import { firstImports } from "@/lib/sync/first-imports";
import { getRun } from "@/lib/sync/get-run";
import { listEvents } from "@/lib/sync/list-events";
import { listRunChanges } from "@/lib/sync/list-run-changes";
import { listUsers } from "@/lib/users/list-users";

export const metadata: Metadata = { title: "Sync run" };

export default async function RunPage({ params }: { params: Promise<{ id: string; runId: string }> }) {
  const { ctx, actor, integration: i } = await load(params);
  const { runId } = await params;
  if (!z.uuid().safeParse(runId).success) notFound();
  const scope = { integrationId: i.id };
  const run = await getRun({ ctx, input: { ...scope, runId } }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const [overview, events, people, changes, first] = await Promise.all([
    getOverview({ ctx, input: scope }),
    listEvents({ ctx, input: { ...scope, runId, limit: EVENTS_PAGE } }),
    listUsers({ ctx }),
    listRunChanges({ ctx, input: { ...scope, runId, limit: CHANGES_PAGE } }),
    firstImports({ ctx, input: { ...scope, runId } }),
  ]);
  const qc = new QueryClient();
  qc.setQueryData(integrationKeys.overview(i.id), overview);
  qc.setQueryData(integrationKeys.run(i.id, runId), run);
  qc.setQueryData(integrationKeys.events(i.id, { level: "", kind: "", runId }), { pages: [events], pageParams: [null] });
  qc.setQueryData(integrationKeys.changes(i.id, runId, { resource: "", change: "" }), { pages: [changes], pageParams: [null] });
  const names = Object.fromEntries(people.map((p) => [p.id, p.name || p.email]));
  // A page title has no viewer zone to go by: the crumb names the UTC time.
  const started = formatDate(run.queuedAt, { timeZone: "UTC" });
  const runKinds = [...new Set(events.items.map((e) => e.kind))]
    .sort()
    .map((kind) => ({ kind, count: events.items.filter((e) => e.kind === kind).length, level: "info" as const }));
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <IntegrationHeader integration={i} isAdmin={actor.role === "admin"} tab="runs" crumb={[{ label: `Run of ${started} UTC` }]} />
      <div className="space-y-6">
        <RunDetail
          id={i.id}
          runId={runId}
          triggeredBy={run.triggeredById ? (names[run.triggeredById] ?? null) : null}
          health={runHealth(run, i.auth.method)}
        />
        <RunChanges id={i.id} runId={runId} firstImports={first} />
        <EventLog
          id={i.id}
          runId={runId}
          kinds={runKinds}
          people={names}
          live={run.status === "queued" || run.status === "running"}
          title="Events of this run"
        />
      </div>
    </HydrationBoundary>
  );
}
