// The integration's page (minimal): state, connection, per-scope results, audit events, edit and disconnect.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Alert, Badge, ButtonLink, Card, CardBody, CardHeader, PageHeader, Time } from "@/components/ui";
import { DisconnectButton } from "@/components/integrations/disconnect-button";
import { EventList } from "@/components/integrations/event-list";
import { ScopeResults } from "@/components/integrations/scope-results";
import { requirePageActor } from "@/lib/auth/page";
import { AppError } from "@/lib/errors";
import { METHOD_LABEL } from "@/lib/integrations/contracts";
import { oktaFollowUp } from "@/lib/integrations/follow-up";
import { getIntegration } from "@/lib/integrations/get-integration";

export const metadata: Metadata = { title: "Okta integration" };

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-3 py-2 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="col-span-2 min-w-0 break-all text-slate-900">{children}</dd>
    </div>
  );
}

export default async function IntegrationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ connected?: string }> }) {
  const actor = await requirePageActor();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const detail = await getIntegration({ actor, id }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const { integration: i, events } = detail;
  const justConnected = (await searchParams).connected === "1";
  const connectedEvent = events.find((e) => e.kind === "integration.connected");
  const domainChanges = Array.isArray(connectedEvent?.details?.domainChanges) ? (connectedEvent.details.domainChanges as string[]) : [];
  const missing = i.scopeResults.filter((s) => !s.ok);
  const isAdmin = actor.role === "admin";
  const connected = i.state === "connected";

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Integrations", href: "/integrations" }, { label: i.name }]}
        title={
          <span className="flex items-center gap-3">
            {i.name}
            <Badge tone={connected ? (missing.length ? "warning" : "success") : "neutral"} dot>
              {connected ? (missing.length ? "Connected with warnings" : "Connected") : "Disconnected"}
            </Badge>
          </span>
        }
        description={i.domain}
        actions={
          isAdmin && connected ? (
            <>
              <ButtonLink variant="secondary" href={`/integrations/okta/${i.id}/edit`}>
                Edit
              </ButtonLink>
              <DisconnectButton id={i.id} name={i.name} domain={i.domain} />
            </>
          ) : undefined
        }
      />
      <div className="space-y-6">
        {justConnected && connected && (
          <Alert tone={missing.length ? "warning" : "success"} title={missing.length ? "Connected, with warnings" : "Connected"}>
            {missing.length ? `${missing.length} of ${i.scopeResults.length} scopes are not working; the rest sync normally. Fix them in Okta, then edit this integration to check again. ` : "Every requested scope works. "}
            The first sync has been started.
            {domainChanges.length > 0 && <span className="mt-1 block">Domain: {domainChanges.join("; ")}.</span>}
          </Alert>
        )}
        {!connected && (
          <Alert tone="info" title="Disconnected">
            Disconnected <Time value={i.disconnectedAt} /> by {i.disconnectedBy?.name ?? "someone"}. Its credentials were deleted and it can no longer call Okta.
            <span className="mt-2 block font-medium">Also do this in Okta:</span>
            <ul className="ml-4 list-disc">
              {oktaFollowUp({ authMethod: i.auth.method, clientId: i.auth.clientId, tokenLast4: i.auth.tokenLast4, domain: i.domain }).map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          </Alert>
        )}
        <div className="grid gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader title="Connection" />
            <CardBody>
              <dl className="divide-y divide-slate-100">
                <Row label="Okta domain">{i.domain}</Row>
                {i.oktaOrgId && <Row label="Okta org ID">{i.oktaOrgId}</Row>}
                <Row label="Authentication">
                  {METHOD_LABEL[i.auth.method]}
                  {i.auth.usesDpop && <Badge tone="info" className="ml-2">DPoP</Badge>}
                </Row>
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
        <Card>
          <CardHeader title="Event log" description="Connections, credential changes, verification failures, disconnects and syncs, with who did them." />
          <EventList events={events} />
        </Card>
      </div>
    </>
  );
}
