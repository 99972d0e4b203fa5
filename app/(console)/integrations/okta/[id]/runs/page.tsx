// Every run of the integration, newest first, paginated.
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { IntegrationHeader } from "@/components/integration-page/integration-header";
import { load } from "@/components/integration-page/load-integration";
import { HISTORY_PAGE, integrationKeys } from "@/components/integration-page/queries";
import { RunHistory } from "@/components/integration-page/run-history";
import { getOverview } from "@/lib/overview/get-overview";
import { listRunHistory } from "@/lib/overview/list-run-history";

export const metadata: Metadata = { title: "Sync runs" };

export default async function RunsPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx, actor, integration: i } = await load(params);
  const scope = { integrationId: i.id };
  const [overview, history] = await Promise.all([
    getOverview({ ctx, input: scope }),
    listRunHistory({ ctx, input: { ...scope, limit: HISTORY_PAGE } }),
  ]);
  const qc = new QueryClient();
  qc.setQueryData(integrationKeys.overview(i.id), overview);
  qc.setQueryData(integrationKeys.history(i.id, HISTORY_PAGE), { pages: [history], pageParams: [null] });
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <IntegrationHeader integration={i} isAdmin={actor.role === "admin"} tab="runs" />
      <RunHistory id={i.id} limit={HISTORY_PAGE} />
    </HydrationBoundary>
  );
}
