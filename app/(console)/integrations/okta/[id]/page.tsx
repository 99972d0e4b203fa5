// The integration's page: what an IT admin looks at every day. The server loads everything the
// first paint needs and seeds react-query with it (the client then polls); the connection details,
// scopes and the post-connect and post-disconnect notes are rendered here.
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { IntegrationHeader } from "@/components/integration-page/integration-header";
import { load } from "@/components/integration-page/load-integration";
import { EVENTS_PAGE, integrationKeys, RECENT_RUNS } from "@/components/integration-page/queries";
import { ScopeResults } from "@/components/integrations/scope-results";
import { Alert, Card, CardBody, CardHeader, Time } from "@/components/ui";
import { getHookState } from "@/lib/hooks/get-hook-state";
import { oktaFollowUp } from "@/lib/integrations/follow-up";
import { countHygiene } from "@/lib/overview/count-hygiene";
import { getOverview } from "@/lib/overview/get-overview";
import { listRunHistory } from "@/lib/overview/list-run-history";
import { listEvents } from "@/lib/sync/list-events";
import { listUsers } from "@/lib/users/list-users";
import { OverviewClient } from "./client";

export const metadata: Metadata = { title: "Okta integration" };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-3 py-2 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="col-span-2 min-w-0 break-all text-slate-900">{children}</dd>
    </div>
  );
}

export default async function IntegrationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ connected?: string }>;
}) {
  const { ctx, actor, integration: i } = await load(params);
  const scope = { integrationId: i.id };
  const [overview, hygiene, history, events, connectedEvents, people] = await Promise.all([
    getOverview({ ctx, input: scope }),
    countHygiene({ ctx, input: scope }),
    listRunHistory({ ctx, input: { ...scope, limit: RECENT_RUNS } }),
    listEvents({ ctx, input: { ...scope, limit: EVENTS_PAGE } }),
    listEvents({ ctx, input: { ...scope, kind: "integration.connected", limit: 1 } }),
    listUsers({ ctx }),
  ]);
  const qc = new QueryClient();
  qc.setQueryData(integrationKeys.overview(i.id), overview);
  qc.setQueryData(integrationKeys.hygiene(i.id), hygiene);
  qc.setQueryData(integrationKeys.history(i.id, RECENT_RUNS), { pages: [history], pageParams: [null] });
  qc.setQueryData(integrationKeys.events(i.id, { level: "", kind: "" }), { pages: [events], pageParams: [null] });

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

  const connection = (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader title="Connection" />
        <CardBody>
          <dl className="divide-y divide-slate-100">
            <Row label="Okta domain">{i.domain}</Row>
            {i.oktaOrgId && <Row label="Okta org ID">{i.oktaOrgId}</Row>}
            {i.auth.clientId && <Row label="Client ID">{i.auth.clientId}</Row>}
            {i.auth.keyId && <Row label="Key ID (kid)">{i.auth.keyId}</Row>}
            {i.auth.keyFingerprint && <Row label="Key fingerprint">{i.auth.keyFingerprint}</Row>}
            {i.auth.tokenLast4 && <Row label="API token">…{i.auth.tokenLast4}</Row>}
            <Row label="Owner">{i.owner ? `${i.owner.name} (${i.owner.email})` : "—"}</Row>
            <Row label="Last verified">
              <Time value={i.verifiedAt} />
            </Row>
          </dl>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Scopes" description="Checked with a read against Okta when the credentials were last verified." />
        <CardBody>
          <ScopeResults results={i.scopeResults} />
        </CardBody>
      </Card>
    </div>
  );

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
        <OverviewClient
          integration={i}
          isAdmin={isAdmin}
          people={Object.fromEntries(people.map((p) => [p.id, p.name || p.email]))}
          connection={connection}
        />
      </div>
    </HydrationBoundary>
  );
}
