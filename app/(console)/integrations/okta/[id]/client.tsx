"use client";
// The overview's live part: status, progress of a running sync, health by resource (one line when all
// is well), counts, identity hygiene, charts, recent runs, then the scopes and the event hook, all
// from react-query (seeded by the server page, then polled). The event log is the Events tab; the
// connection's details are in Settings.
import { AllowedActionsCard } from "@/components/integration-page/allowed-actions-card";
import { DurationChart, SignInChart } from "@/components/integration-page/charts";
import { CountsGrid } from "@/components/integration-page/counts";
import { EventHookPanel } from "@/components/integration-page/event-hook-panel";
import { HygieneCard } from "@/components/integration-page/hygiene-card";
import { LiveProgress } from "@/components/integration-page/live-progress";
import { RECENT_RUNS, useOverview } from "@/components/integration-page/queries";
import { ResourceHealth } from "@/components/integration-page/resource-health";
import { RunHistory } from "@/components/integration-page/run-history";
import { ScopesCard } from "@/components/integration-page/scopes-card";
import { StatusPanel } from "@/components/integration-page/status-panel";
import { Alert, Time } from "@/components/ui";
import type { IntegrationView } from "@/lib/integrations/contracts";

export function OverviewClient({ integration: i, isAdmin }: { integration: IntegrationView; isAdmin: boolean }) {
  const { data: o, error } = useOverview(i.id);
  const connected = i.state === "connected";
  if (!o) return <Alert tone="danger">{error?.message ?? "The overview could not be loaded."}</Alert>;
  return (
    <div className="space-y-6">
      {error && (
        <Alert tone="warning">
          Showing data from <Time value={o.generatedAt} format="time" />: the latest could not be loaded ({error.message}).
        </Alert>
      )}
      <StatusPanel overview={o} auth={i.auth} connected={connected} />
      {connected && <LiveProgress overview={o} />}
      <ResourceHealth overview={o} isAdmin={isAdmin} connected={connected} />
      <CountsGrid overview={o} />
      <HygieneCard id={i.id} />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <SignInChart overview={o} />
        <DurationChart overview={o} />
      </div>
      <RunHistory id={i.id} limit={RECENT_RUNS} compact />
      <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-2">
        <ScopesCard integration={i} />
        <EventHookPanel id={i.id} isAdmin={isAdmin} connected={connected} />
      </div>
      {connected && <AllowedActionsCard integration={i} isAdmin={isAdmin} />}
    </div>
  );
}
