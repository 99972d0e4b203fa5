"use client";
// The connect form: domain, name, owner, auth method with its Okta-side steps, scopes. "Test connection"
// verifies without saving; "Connect" verifies and saves, then lands on the integration's page.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { DiagnosticsWizard } from "@/components/diagnostics/wizard";
import { Alert, Button, Card, CardBody, CardHeader, Field, Input, Select } from "@/components/ui";
import { api } from "@/lib/api/client";
import { READ_SCOPES, type ReadScope, verifyResult } from "@/lib/integrations/contracts";
import { links } from "@/lib/links";
import { AuthMethodFields, type AuthState, emptyAuth, toAuthInput } from "./auth-method-fields";
import { DiagnosisPanel } from "./diagnosis-panel";
import { ScopePicker } from "./scope-picker";
import { ScopeResults } from "./scope-results";
import { readError } from "./use-verification-error";

export interface OwnerOption {
  id: string;
  name: string;
  email: string;
}

export function ConnectForm({ owners, currentUserId, demoUrl }: { owners: OwnerOption[]; currentUserId: string; demoUrl?: string }) {
  const router = useRouter();
  const [domain, setDomain] = useState("");
  const [name, setName] = useState("Okta");
  const [ownerId, setOwnerId] = useState(currentUserId);
  const [auth, setAuth] = useState<AuthState>(emptyAuth);
  const [scopes, setScopes] = useState<ReadScope[]>([...READ_SCOPES]);
  const [troubleshoot, setTroubleshoot] = useState(false);
  const body = () => ({ domain, auth: toAuthInput(auth), scopes });

  const test = useMutation({ mutationFn: () => api("/api/integrations/verify", { method: "POST", body: body(), schema: verifyResult }) });
  const connect = useMutation({
    mutationFn: () => api<{ id: string }>("/api/integrations", { method: "POST", body: { ...body(), name, ownerId } }),
    onSuccess: (i) => router.push(links.overview(i.id, { connected: true })),
  });
  const last = connect.error ?? (test.isSuccess ? null : test.error);
  const err = readError(last);
  const busy = test.isPending || connect.isPending;

  return (
    <form
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        test.reset();
        connect.mutate();
      }}
      noValidate
    >
      <Card>
        <CardHeader title="Okta org" description="Paste your Okta domain or any Okta URL; the console keeps just the org address." />
        <CardBody className="grid gap-4 md:grid-cols-2">
          <Field
            label="Okta domain"
            hint={
              demoUrl ? (
                <>
                  e.g. acme.okta.com. Demo org on this machine: <code className="font-mono">{demoUrl}</code>
                </>
              ) : (
                "e.g. acme.okta.com, acme.oktapreview.com or your custom domain"
              )
            }
            error={err.fields.domain}
            className="md:col-span-2"
          >
            <Input
              value={domain}
              onChange={(e) => setDomain(e.target.value)}
              placeholder="acme.okta.com"
              autoComplete="off"
              spellCheck={false}
              required
            />
          </Field>
          <Field label="Integration name" hint="Unique in this workspace" error={err.fields.name}>
            <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required />
          </Field>
          <Field label="Owner" hint="Who is responsible for this connection" error={err.fields.ownerId}>
            <Select value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
              {owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name ? `${o.name} (${o.email})` : o.email}
                </option>
              ))}
            </Select>
          </Field>
        </CardBody>
      </Card>

      <Card>
        <CardHeader
          title="Access"
          description="How the console signs in to Okta. Credentials are encrypted at rest and never shown again."
        />
        <CardBody>
          <AuthMethodFields value={auth} onChange={setAuth} errors={err.fields} />
        </CardBody>
      </Card>

      <Card>
        <CardBody>
          <ScopePicker value={scopes} onChange={setScopes} error={err.fields.scopes} />
        </CardBody>
      </Card>

      <div aria-live="polite" className="space-y-4">
        {err.diagnosis && <DiagnosisPanel diagnosis={err.diagnosis} scopes={err.scopes} />}
        {err.diagnosis && !troubleshoot && (
          <Button variant="secondary" onClick={() => setTroubleshoot(true)}>
            Troubleshoot this connection
          </Button>
        )}
        {err.diagnosis && troubleshoot && (
          <Card>
            <CardHeader
              title="Troubleshoot"
              description="Runs the checks live against Okta with the values above, before anything is saved."
            />
            <CardBody>
              <DiagnosticsWizard endpoint="/api/integrations/diagnostics" baseBody={body()} initialSymptom="credentials" />
            </CardBody>
          </Card>
        )}
        {err.message && (
          <Alert tone="danger" title="Could not connect">
            {err.message}
          </Alert>
        )}
        {test.data && (
          <Card data-testid="test-result">
            <CardHeader
              title="Connection works"
              description={
                [test.data.usesDpop ? "Okta required DPoP; the console used it." : null, ...test.data.domain.changes]
                  .filter(Boolean)
                  .join(" ") || "Nothing has been saved yet."
              }
            />
            <CardBody>
              <ScopeResults results={test.data.scopes} />
            </CardBody>
          </Card>
        )}
      </div>

      <div className="flex flex-wrap items-center justify-end gap-2 border-t border-slate-200 pt-4">
        <Button variant="secondary" onClick={() => (connect.reset(), test.mutate())} loading={test.isPending} disabled={busy}>
          Test connection
        </Button>
        <Button type="submit" loading={connect.isPending} disabled={busy}>
          Verify and connect
        </Button>
      </div>
    </form>
  );
}
