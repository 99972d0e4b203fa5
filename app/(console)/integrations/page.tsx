import type { Metadata } from "next";
import { ConnectedIntegrations } from "@/components/integrations/connected-list";
import { PageHeader } from "@/components/ui";
import { requirePageCtx } from "@/lib/auth/page";
import { listIntegrationStatus } from "@/lib/integrations/list-integration-status";
import { links } from "@/lib/links";
import { IntegrationsClient } from "./client";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage() {
  const ctx = await requirePageCtx();
  const { actor } = ctx;
  const status = await listIntegrationStatus({ ctx });
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Console", href: links.home() }, { label: "Integrations" }]}
        title="Integrations"
        description="Connect an identity provider and the console keeps a current copy of its users, groups, apps and sign-in activity in your database."
      />
      <div className="space-y-8">
        <ConnectedIntegrations initial={status} isAdmin={actor.role === "admin"} />
        <IntegrationsClient
          isAdmin={actor.role === "admin"}
          connected={status.items.filter((s) => s.integration.state === "connected").length}
        />
      </div>
    </>
  );
}
