"use client";
// The integration's Okta event hook: registered, verified, last delivery, events received today,
// failures. Admins set it up: the console registers it in Okta when the app may, or shows the URL,
// header, secret (this once) and the steps to add it by hand. Scheduled syncs stay the source of truth.
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
          <dl className="grid gap-4 sm:grid-cols-3 lg:grid-cols-7">
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
        {s.failures.lastError && <Alert tone="warning">{s.failures.lastError.message}</Alert>}
        {manual && (
          <Alert tone="info">
            <p className="font-medium">Add the hook in Okta by hand. The secret is shown only now; copy it before leaving this page.</p>
            <dl className="mt-2 space-y-1 text-sm">
              <div>
                Endpoint URL: <code className="break-all">{manual.url}</code> <CopyButton value={manual.url} />
              </div>
              <div>
                Authentication field: <code>{manual.header}</code>
              </div>
              <div>
                Authentication secret: <code className="break-all">{manual.secret}</code> <CopyButton value={manual.secret} />
              </div>
            </dl>
            <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm">
              {manual.steps.map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ol>
            <p className="mt-2 text-xs">Event types: {manual.eventTypes.join(", ")}</p>
          </Alert>
        )}
        {setup.error && <Alert tone="danger">{setup.error.message}</Alert>}
        {isAdmin && connected && (
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => setup.mutate({ register: true, rotateSecret: false })} disabled={setup.isPending}>
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
