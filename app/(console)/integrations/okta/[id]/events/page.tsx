// The integration's event log, a tab of its own: newest first, filtered by level and kind, a page of
// events at a time (older pages on request).
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { EventLog } from "@/components/integration-page/event-log";
import { IntegrationHeader } from "@/components/integration-page/integration-header";
import { load } from "@/components/integration-page/load-integration";
import { EVENTS_PAGE, integrationKeys } from "@/components/integration-page/queries";
import { getOverview } from "@/lib/overview/get-overview";
import { listEvents } from "@/lib/sync/list-events";
import { listUsers } from "@/lib/users/list-users";

export const metadata: Metadata = { title: "Integration events" };

export default async function EventsPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx, actor, integration: i } = await load(params);
  const scope = { integrationId: i.id };
  const [overview, events, people] = await Promise.all([
    getOverview({ ctx, input: scope }),
    listEvents({ ctx, input: { ...scope, limit: EVENTS_PAGE } }),
    listUsers({ ctx }),
  ]);
  const qc = new QueryClient();
  qc.setQueryData(integrationKeys.overview(i.id), overview);
  qc.setQueryData(integrationKeys.events(i.id, { level: "", kind: "" }), { pages: [events], pageParams: [null] });
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <IntegrationHeader integration={i} isAdmin={actor.role === "admin"} tab="events" />
      <EventLog
        id={i.id}
        kinds={overview.eventKinds}
        people={Object.fromEntries(people.map((p) => [p.id, p.name || p.email]))}
        live={!!overview.health.active}
      />
    </HydrationBoundary>
  );
}
