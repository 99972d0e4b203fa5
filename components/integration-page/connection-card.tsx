// How the console connects to the org: domain, Okta's org id, the client and key (never a secret),
// the owner and when the credentials were last verified. On the integration's Settings tab.
import { Card, CardBody, CardHeader, Time } from "@/components/ui";
import type { IntegrationView } from "@/lib/integrations/contracts";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-3 py-2 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="col-span-2 min-w-0 break-all text-slate-900">{children}</dd>
    </div>
  );
}

export function ConnectionCard({ integration: i }: { integration: IntegrationView }) {
  return (
    <Card className="mb-6 max-w-3xl" data-testid="connection-card">
      <CardHeader title="Connection" description="Change the credentials or scopes with Edit connection." />
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
  );
}
