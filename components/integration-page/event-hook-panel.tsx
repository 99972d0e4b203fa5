"use client";
// The integration's Okta event hook: registered, verified, last delivery, events received today,
// failures. Admins set it up: the console registers it in Okta when the app may (a refusal shows
// Okta's reason and leaves it "Not set up"), or shows the steps to add it by hand, each with the value
// it needs and a copy button (the secret this once), warning when Okta could not reach the endpoint
// (not public https: PUBLIC_URL). Scheduled syncs stay the source of truth.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert, Badge, Button, Card, CardBody, CardHeader, CopyButton, Time } from "@/components/ui";
import { api } from "@/lib/api/client";
import { formatCount } from "@/lib/format";
import { hookStateSchema, type SetupHookResult, setupHookResult } from "@/lib/hooks/contracts";

const key = (id: string) => ["integration", id, "hook"] as const;

function Fact({ label, children, className }: { label: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={className}>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{children}</dd>
    </div>
  );
}

/** The by-hand steps, each with the value it asks for (and a copy button) where the step names it. */
function ManualSteps({ manual }: { manual: NonNullable<SetupHookResult["manual"]> }) {
  const value = (v: string, label: string) => (
    <span className="mt-1 flex flex-wrap items-center gap-2">
      <code className="rounded bg-white px-1.5 py-0.5 break-all ring-1 ring-slate-200" data-testid={`hook-${label}`}>
        {v}
      </code>
      <CopyButton value={v} label={`Copy ${label}`} />
    </span>
  );
  return (
    <div className="rounded-md border border-sky-200 bg-sky-50 px-4 py-3 text-sm text-slate-800" data-testid="hook-manual">
      <p className="font-medium text-slate-900">
        Add the hook in Okta by hand. The secret is shown only now: copy it before leaving this page.
      </p>
      {manual.warning && (
        <Alert tone="warning" title="Okta cannot reach this endpoint" className="mt-2">
          <span data-testid="hook-endpoint-warning">{manual.warning}</span>
        </Alert>
      )}
      <ol className="mt-2 list-decimal space-y-2 pl-5">
        <li>In the Okta Admin Console, go to Workflow › Event Hooks and click Create Event Hook.</li>
        <li>
          Name it &quot;Okta Sync Console&quot; and set <span className="font-medium">Endpoint URL</span> to:
          {value(manual.url, "URL")}
        </li>
        <li>
          Set <span className="font-medium">Authentication field</span> to:
          {value(manual.header, "field")}
          and <span className="font-medium">Authentication secret</span> to:
          {value(manual.secret, "secret")}
        </li>
        <li>
          Subscribe to these {manual.eventTypes.length} event types, then click Save &amp; Continue:
          <span className="mt-1 flex flex-wrap items-start gap-2">
            <code
              className="max-w-full rounded bg-white px-1.5 py-0.5 text-xs break-words ring-1 ring-slate-200"
              data-testid="hook-event-types"
            >
              {manual.eventTypes.join(", ")}
            </code>
            <CopyButton value={manual.eventTypes.join("\n")} label="Copy event types" />
          </span>
        </li>
        <li>Click Verify: Okta calls the endpoint once and the console answers; this panel then shows the hook as Verified.</li>
      </ol>
    </div>
  );
}

export function EventHookPanel({ id, isAdmin, connected }: { id: string; isAdmin: boolean; connected: boolean }) {
  const qc = useQueryClient();
  const { data: s, error } = useQuery({
    queryKey: key(id),
    queryFn: ({ signal }) => api(`/api/integrations/${id}/hook`, { schema: hookStateSchema, signal }),
    refetchInterval: 15_000,
  });
  const [manual, setManual] = useState<SetupHookResult["manual"]>(null);
  const setup = useMutation({
    mutationFn: (body: { register: boolean; rotateSecret: boolean }) =>
      api(`/api/integrations/${id}/hook`, { method: "POST", body, schema: setupHookResult }),
    onSuccess: (r) => {
      setManual(r.manual);
      qc.setQueryData(key(id), r.state);
    },
  });
  if (!s) return error ? <Alert tone="danger">{error.message}</Alert> : null;
  const tone = !s.configured ? "neutral" : s.verified ? "success" : "warning";
  return (
    <Card data-testid="event-hook">
      <CardHeader
        title="Okta event hook"
        description="Okta pushes changes to the console within seconds; each is applied by re-reading the object from Okta. Scheduled syncs stay the source of truth."
        actions={
          <Badge tone={tone} dot>
            {!s.configured
              ? "Not set up"
              : s.verified
                ? "Verified"
                : s.registered
                  ? "Registered, not verified"
                  : "Waiting for Okta's verification"}
          </Badge>
        }
      />
      <CardBody className="space-y-4">
        {s.configured && (
          <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3 lg:grid-cols-7">
            <Fact label="Registered in Okta">{s.registered ? `Yes (${s.oktaHookId})` : s.mode === "manual" ? "By hand" : "No"}</Fact>
            <Fact label="Verified" className="lg:col-span-2">
              {s.verifiedAt ? <Time value={s.verifiedAt} /> : "Not yet"}
            </Fact>
            <Fact label="Last delivery">{s.lastDeliveryAt ? <Time value={s.lastDeliveryAt} format="relative" /> : "None yet"}</Fact>
            <Fact label="Events today">{formatCount(s.eventsToday)}</Fact>
            <Fact label="Waiting to apply">{formatCount(s.pending)}</Fact>
            <Fact label="Failures">
              <span data-testid="hook-failures">
                {s.failures.auth} refused (wrong secret), {s.failures.apply} not applied
              </span>
            </Fact>
          </dl>
        )}
        {s.failures.lastError && (
          <Alert tone="warning" title={s.configured ? undefined : "Not registered"}>
            <span data-testid="hook-error">{s.failures.lastError.message}</span>
          </Alert>
        )}
        {s.endpointWarning && !manual && (
          <Alert tone="warning" title="Okta cannot reach this endpoint">
            <span data-testid="hook-endpoint-warning">{s.endpointWarning}</span>
          </Alert>
        )}
        {manual && <ManualSteps manual={manual} />}
        {setup.error && <Alert tone="danger">{setup.error.message}</Alert>}
        {isAdmin && connected && (
          <div className="flex flex-wrap gap-2">
            <Button
              onClick={() => {
                setManual(null);
                setup.mutate({ register: true, rotateSecret: false });
              }}
              disabled={setup.isPending}
            >
              {s.configured ? "Register again in Okta" : "Set up and register in Okta"}
            </Button>
            <Button variant="secondary" onClick={() => setup.mutate({ register: false, rotateSecret: true })} disabled={setup.isPending}>
              Add by hand (new secret)
            </Button>
          </div>
        )}
      </CardBody>
    </Card>
  );
}
