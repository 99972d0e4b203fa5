"use client";
import { DisconnectButton } from "@/components/integrations/disconnect-button";
// The title row every page of an integration shares: name and live state, the admin actions, and
// the tabs. The state comes from the polled overview, so it flips to Syncing (and back) by itself.
import { Badge, ButtonLink, PageHeader, SettingsIcon, TabNav, type Tone } from "@/components/ui";
import { links } from "@/lib/links";
import { HEALTH_LABELS, type HealthState } from "@/lib/overview/contracts";
import { useOverview } from "./queries";
import { SyncNowButton } from "./sync-now-button";

export const STATE_TONE: Record<HealthState, Tone> = {
  connected: "success",
  syncing: "info",
  partial: "warning",
  error: "danger",
  disconnected: "neutral",
};

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
  tab: "overview" | "runs" | "settings";
  crumb?: { label: string; href?: string }[];
}) {
  const { data } = useOverview(i.id);
  // The server's integration state wins: a disconnect refreshes it before the overview is re-polled.
  const state: HealthState = i.state === "disconnected" ? "disconnected" : (data?.health.state ?? "connected");
  const connected = i.state === "connected";
  const tabLabel = { overview: "Overview", runs: "Sync runs", settings: "Settings" }[tab];
  const breadcrumbs = [
    { label: "Integrations", href: links.integrations() },
    { label: i.name, href: links.overview(i.id) },
    ...(tab === "overview" ? [] : [{ label: tabLabel, href: tab === "runs" ? links.runs(i.id) : undefined }]),
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
            <span data-testid="integration-state" data-state={state}>
              <Badge tone={STATE_TONE[state]} dot>
                {HEALTH_LABELS[state]}
              </Badge>
            </span>
          </span>
        }
        description={i.domain}
        actions={
          isAdmin && connected ? (
            <div className="flex flex-wrap items-start justify-end gap-2">
              <SyncNowButton id={i.id} active={!!data?.health.active} />
              <ButtonLink variant="secondary" href={links.troubleshoot(i.id)}>
                Troubleshoot
              </ButtonLink>
              <ButtonLink variant="secondary" href={links.settings(i.id)}>
                <SettingsIcon size={15} /> Settings
              </ButtonLink>
              <ButtonLink variant="secondary" href={links.edit(i.id)}>
                Edit
              </ButtonLink>
              <DisconnectButton id={i.id} name={i.name} domain={i.domain} />
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
          { id: "settings", label: "Settings", href: links.settings(i.id) },
        ]}
      />
    </>
  );
}
