import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { auditFilters, auditQuery } from "@/lib/audit/contracts";
import { listAudit } from "@/lib/audit/list-audit";
import { requirePageCtx } from "@/lib/auth/page";
import { listIntegrations } from "@/lib/integrations/list-integrations";
import { links } from "@/lib/links";
import { AuditClient } from "./client";

export const metadata: Metadata = { title: "Audit" };

const AUDIT_FILTER_NAMES = ["actor", "target", "kind", "outcome", "integrationId", "from", "to"] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageCtx();
  const sp = await searchParams;
  // Filters come from the URL (the History cards link here), each left out when it does not parse.
  const filters = Object.fromEntries(
    AUDIT_FILTER_NAMES.map((k) => {
      const v = typeof sp[k] === "string" ? (sp[k] as string) : "";
      return [k, v && auditFilters.safeParse({ [k]: v }).success ? v : ""];
    }),
  ) as Record<(typeof AUDIT_FILTER_NAMES)[number], string>;
  if (filters.from && filters.to && Date.parse(filters.to) <= Date.parse(filters.from)) filters.to = "";
  const input = auditQuery.parse(Object.fromEntries(Object.entries(filters).filter(([, v]) => v)));
  const [first, integrations] = await Promise.all([listAudit({ ctx, input }), listIntegrations({ ctx })]);
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Console", href: links.home() }, { label: "Audit" }]}
        title="Audit"
        description="Every request, preview, approval, denial, expiry, call to Okta and Okta's answer, newest first. Append-only: each entry carries the hash of the one before it, so a changed or removed entry breaks the chain."
      />
      <AuditClient
        initialFilters={filters}
        initialPage={first}
        integrations={integrations.items.map((i) => ({ id: i.id, name: i.name }))}
      />
    </>
  );
}
