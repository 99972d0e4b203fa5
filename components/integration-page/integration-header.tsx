"use client";
// The title row every page of an integration shares: name and live state, the admin actions, and
// the tabs. The state comes from the polled overview and the active run's own poll (useLiveRun), so
// it says Queued, then Syncing, then the result, by itself and in step with the rest of the page.
// Disconnecting lives in Settings' danger zone: one Settings entry, the tab.
import { Badge, ButtonLink, PageHeader, TabNav, type Tone } from "@/components/ui";
import { links } from "@/lib/links";
import { HEALTH_LABELS, type HealthState } from "@/lib/overview/contracts";
import { useLiveRun } from "./queries";
import { SyncNowButton } from "./sync-now-button";

export const STATE_TONE: Record<HealthState, Tone> = {
  connected: "success",
  syncing: "info",
  partial: "warning",
  error: "danger",
  disconnected: "neutral",
};

export type IntegrationTab = "overview" | "runs" | "events" | "settings";
const TAB_LABEL: Record<IntegrationTab, string> = { overview: "Overview", runs: "Sync runs", events: "Events", settings: "Settings" };

export interface HeaderIntegration {
  id: string;
  name: string;
  domain: string;
  state: "connected" | "disconnected";
}

export function IntegrationHeader({
  integration: i,
  isAdmin,
  tab,
  crumb,
}: {
  integration: HeaderIntegration;
  isAdmin: boolean;
  tab: IntegrationTab;
  crumb?: { label: string; href?: string }[];
}) {
  const { overview: data, status: live } = useLiveRun(i.id);
  // The server's integration state wins: a disconnect refreshes it before the overview is re-polled.
  const health: HealthState = data?.health.state ?? "connected";
  const state: HealthState = i.state === "disconnected" ? "disconnected" : live ? "syncing" : health;
  const label = state === "syncing" && live === "queued" ? "Queued" : HEALTH_LABELS[state];
  const connected = i.state === "connected";
  const breadcrumbs = [
    { label: "Integrations", href: links.integrations() },
    { label: i.name, href: links.overview(i.id) },
    ...(tab === "overview" ? [] : [{ label: TAB_LABEL[tab], href: tab === "runs" ? links.runs(i.id) : undefined }]),
    ...(crumb ?? []),
  ];
  breadcrumbs[breadcrumbs.length - 1] = { label: breadcrumbs[breadcrumbs.length - 1].label, href: undefined };
  return (
    <>
      <PageHeader
        breadcrumbs={breadcrumbs}
        title={
          <span className="flex min-w-0 items-center gap-3">
            <span className="truncate">{i.name}</span>
            <span data-testid="integration-state" data-state={state} data-run={live ?? ""}>
              <Badge tone={STATE_TONE[state]} dot>
                {label}
              </Badge>
            </span>
          </span>
        }
        description={i.domain}
        actions={
          isAdmin && connected ? (
            <div className="flex flex-wrap items-start justify-end gap-2">
              <SyncNowButton id={i.id} active={!!live} />
              <ButtonLink variant="secondary" href={links.troubleshoot(i.id)}>
                Troubleshoot
              </ButtonLink>
              <ButtonLink variant="secondary" href={links.edit(i.id)}>
                Edit connection
              </ButtonLink>
            </div>
          ) : undefined
        }
      />
      <TabNav
        label="Integration sections"
        value={tab}
        items={[
          { id: "overview", label: "Overview", href: links.overview(i.id) },
          { id: "runs", label: "Sync runs", href: links.runs(i.id) },
          { id: "events", label: "Events", href: links.events(i.id) },
          { id: "settings", label: "Settings", href: links.settings(i.id) },
        ]}
      />
    </>
  );
}
