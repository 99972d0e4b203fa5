// The troubleshooting wizard of one integration. Linked from the integration page, a failed connect and
// health warnings as /integrations/okta/{id}/troubleshoot?symptom=<symptom> (preselects the symptom).
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Alert, Badge, ButtonLink, Card, CardHeader, PageHeader, Time } from "@/components/ui";
import { requirePageCtx } from "@/lib/auth/page";
import { SYMPTOMS, type Symptom } from "@/lib/diagnostics/contracts";
import { AppError } from "@/lib/errors";
import { getIntegration } from "@/lib/integrations/get-integration";
import { links } from "@/lib/links";
import { listEvents } from "@/lib/sync/list-events";
import { TroubleshootClient } from "./client";

export const metadata: Metadata = { title: "Troubleshoot Okta integration" };

const TONE = { info: "success", warn: "warning", error: "danger" } as const;

export default async function TroubleshootPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ symptom?: string }>;
}) {
  const ctx = await requirePageCtx();
  const { actor } = ctx;
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const { integration: i } = await getIntegration({ ctx, input: { integrationId: id, eventLimit: 0 } }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  const asked = (await searchParams).symptom;
  const symptom = SYMPTOMS.includes(asked as Symptom) ? (asked as Symptom) : null;
  const earlier = await listEvents({ ctx, input: { integrationId: i.id, kind: "diagnostics.run", limit: 5 } });
  const connected = i.state === "connected";

  return (
    <>
      <PageHeader
        breadcrumbs={[
          { label: "Integrations", href: links.integrations() },
          { label: i.name, href: links.overview(i.id) },
          { label: "Troubleshoot" },
        ]}
        title="Troubleshoot"
        description={`Pick what is wrong. The console runs the checks against ${i.domain} itself and names the cause from Okta's own answers.`}
        actions={
          <ButtonLink variant="secondary" href={links.overview(i.id)}>
            Back to the integration
          </ButtonLink>
        }
      />
      <div className="space-y-6">
        {!connected ? (
          <Alert tone="info" title="Disconnected">
            This integration is disconnected and its credentials were deleted, so there is nothing to check against Okta. Connect the org
            again to sync it.
          </Alert>
        ) : actor.role !== "admin" ? (
          <Alert tone="info" title="Only admins can run the checks">
            The checks call Okta with this integration&apos;s credentials. Ask an admin of your workspace to run them; their results appear
            below and in the event log.
          </Alert>
        ) : (
          <TroubleshootClient integrationId={i.id} initialSymptom={symptom} />
        )}
        {earlier.items.length > 0 && (
          <Card>
            <CardHeader title="Earlier runs" description="Each wizard run is kept in the integration's event log." />
            <ul className="divide-y divide-slate-100" aria-label="Earlier troubleshooting runs">
              {earlier.items.map((e) => (
                <li key={e.id} className="flex flex-wrap items-start gap-x-3 gap-y-1 px-5 py-3 text-sm">
                  <span className="w-44 shrink-0 text-xs text-slate-500">
                    <Time value={e.at} />
                  </span>
                  <Badge tone={TONE[e.level]}>{e.level === "info" ? "no failures" : "problems found"}</Badge>
                  <span className="min-w-0 flex-1 text-slate-800">{e.message}</span>
                </li>
              ))}
            </ul>
          </Card>
        )}
      </div>
    </>
  );
}
