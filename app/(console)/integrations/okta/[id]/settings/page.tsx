// The integration's sync settings: schedule, sign-in history window, rate-limit share, name, owner,
// the sync scope, the connection's details, and the danger zone (disconnect, or remove a disconnected one) for admins.
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { ConnectionCard } from "@/components/integration-page/connection-card";
import { DangerZone } from "@/components/integration-page/danger-zone";
import { IntegrationHeader } from "@/components/integration-page/integration-header";
import { load } from "@/components/integration-page/load-integration";
import { integrationKeys } from "@/components/integration-page/queries";
import { ScopeForm } from "@/components/integration-page/scope-form";
import { SettingsForm } from "@/components/integration-page/settings-form";
import { getSettings } from "@/lib/integrations/get-settings";
import { holdsData } from "@/lib/integrations/holds-data";
import { getOverview } from "@/lib/overview/get-overview";

export const metadata: Metadata = { title: "Integration settings" };

export default async function SettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx, actor, integration: i } = await load(params);
  const input = { integrationId: i.id };
  const [overview, settings, hasData] = await Promise.all([
    getOverview({ ctx, input }),
    getSettings({ ctx, input }),
    holdsData({ ctx, input }),
  ]);
  const qc = new QueryClient();
  qc.setQueryData(integrationKeys.overview(i.id), overview);
  qc.setQueryData(integrationKeys.settings(i.id), settings);
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <IntegrationHeader integration={i} isAdmin={actor.role === "admin"} tab="settings" />
      <ConnectionCard integration={i} />
      <SettingsForm id={i.id} isAdmin={actor.role === "admin"} />
      <ScopeForm id={i.id} isAdmin={actor.role === "admin"} />
      {actor.role === "admin" && <DangerZone integration={i} hasData={hasData} />}
    </HydrationBoundary>
  );
}
