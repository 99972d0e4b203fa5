// The integration's page: what an IT admin looks at every day, in a screen or two. The server loads
// everything the first paint needs and seeds react-query with it (the client then polls); the
// post-connect and post-disconnect notes are rendered here. The event log is a tab of its own
// (events/); the connection's details and disconnecting are in Settings.
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { IntegrationHeader } from "@/components/integration-page/integration-header";
import { load } from "@/components/integration-page/load-integration";
import { integrationKeys, RECENT_RUNS } from "@/components/integration-page/queries";
import { Alert, Time } from "@/components/ui";
import { getHookState } from "@/lib/hooks/get-hook-state";
import { oktaFollowUp } from "@/lib/integrations/follow-up";
import { findSameOrg } from "@/lib/integrations/same-org";
import { links } from "@/lib/links";
import { countHygiene } from "@/lib/overview/count-hygiene";
import { getOverview } from "@/lib/overview/get-overview";
import { listRunHistory } from "@/lib/overview/list-run-history";
import { listEvents } from "@/lib/sync/list-events";
import { OverviewClient } from "./client";

export const metadata: Metadata = { title: "Okta integration" };
export default async function IntegrationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ connected?: string }>;
}) {
  const { ctx, actor, integration: i } = await load(params);
  const scope = { integrationId: i.id };
  const [overview, hygiene, history, connectedEvents, sameOrg] = await Promise.all([
    getOverview({ ctx, input: scope }),
    countHygiene({ ctx, input: scope }),
    listRunHistory({ ctx, input: { ...scope, limit: RECENT_RUNS } }),
    listEvents({ ctx, input: { ...scope, kind: "integration.connected", limit: 1 } }),
    findSameOrg({ ctx, input: scope }),
  ]);
  const qc = new QueryClient();
  qc.setQueryData(integrationKeys.overview(i.id), overview);
  qc.setQueryData(integrationKeys.hygiene(i.id), hygiene);
  qc.setQueryData(integrationKeys.history(i.id, RECENT_RUNS), { pages: [history], pageParams: [null] });

  const justConnected = (await searchParams).connected === "1";
  const connectedEvent = connectedEvents.items[0];
  const domainChanges = Array.isArray(connectedEvent?.details?.domainChanges) ? (connectedEvent.details.domainChanges as string[]) : [];
  const missing = i.scopeResults.filter((s) => !s.ok);
  const isAdmin = actor.role === "admin";
  const connected = i.state === "connected";
  // An event hook left in Okta (disconnect could not remove it, or it was added by hand) is a clean-up step.
  const hook = connected ? null : await getHookState({ ctx, input: scope });
  const hookLeft =
    hook?.configured && hook.mode && hook.url ? { ...hook, mode: hook.mode, url: hook.url, lastError: hook.failures.lastError } : null;

  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <IntegrationHeader integration={i} isAdmin={isAdmin} tab="overview" />
      <div className="space-y-6">
        {justConnected && connected && (
          <Alert tone={missing.length ? "warning" : "success"} title={missing.length ? "Connected, with warnings" : "Connected"}>
            {missing.length
              ? `${missing.length} of ${i.scopeResults.length} scopes are not working; the rest sync normally. Fix them in Okta, then edit this integration to check again. `
              : "Every requested scope works. "}
            The first sync has been started.
            {domainChanges.length > 0 && <span className="mt-1 block">Domain: {domainChanges.join("; ")}.</span>}
          </Alert>
        )}
        {sameOrg.length > 0 && (
          <Alert tone="warning" title="The same Okta org is connected twice">
            <span data-testid="same-org">
              {sameOrg.map((o, n) => (
                <span key={o.id}>
                  {n > 0 && ", "}
                  <Link href={links.overview(o.id)} className="font-medium underline">
                    {o.name}
                  </Link>{" "}
                  ({o.domain})
                </span>
              ))}{" "}
              syncs this Okta org too (Okta org ID {i.oktaOrgId}), so the directory lists its people, groups and apps twice. Disconnect one
              of them in its Settings.
            </span>
          </Alert>
        )}
        {!connected && (
          <Alert tone="info" title="Disconnected">
            Disconnected <Time value={i.disconnectedAt} /> by {i.disconnectedBy?.name ?? "someone"}. Its credentials were deleted and it can
            no longer call Okta.
            <span className="mt-2 block font-medium">Also do this in Okta:</span>
            <ul className="ml-4 list-disc">
              {oktaFollowUp(
                { authMethod: i.auth.method, clientId: i.auth.clientId, tokenLast4: i.auth.tokenLast4, domain: i.domain },
                hookLeft,
              ).map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          </Alert>
        )}
        <OverviewClient integration={i} isAdmin={isAdmin} />
      </div>
    </HydrationBoundary>
  );
}
