// The integration's sync settings: schedule, sign-in history window, rate-limit share, name, owner,
// and the sync scope.
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { IntegrationHeader } from "@/components/integration-page/integration-header";
import { load } from "@/components/integration-page/load-integration";
import { integrationKeys } from "@/components/integration-page/queries";
import { ScopeForm } from "@/components/integration-page/scope-form";
import { SettingsForm } from "@/components/integration-page/settings-form";
import { getSettings } from "@/lib/integrations/get-settings";
import { getOverview } from "@/lib/overview/get-overview";

export const metadata: Metadata = { title: "Integration settings" };

export default async function SettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx, actor, integration: i } = await load(params);
  const input = { integrationId: i.id };
  const [overview, settings] = await Promise.all([getOverview({ ctx, input }), getSettings({ ctx, input })]);
  const qc = new QueryClient();
  qc.setQueryData(integrationKeys.overview(i.id), overview);
  qc.setQueryData(integrationKeys.settings(i.id), settings);
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <IntegrationHeader integration={i} isAdmin={actor.role === "admin"} tab="settings" />
      <SettingsForm id={i.id} isAdmin={actor.role === "admin"} />
      <ScopeForm id={i.id} isAdmin={actor.role === "admin"} />
    </HydrationBoundary>
  );
}
