import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { listActionsQuery } from "@/lib/actions/contracts";
import { listActions } from "@/lib/actions/list-actions";
import { requirePageCtx } from "@/lib/auth/page";
import { links } from "@/lib/links";
import { ApprovalsClient } from "./client";

export const metadata: Metadata = { title: "Approvals" };

const FILTERS = ["status", "kind", "mine"] as const;

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageCtx();
  const sp = await searchParams;
  // Filters come from the URL, each left out when it does not parse.
  const filters = Object.fromEntries(
    FILTERS.map((k) => {
      const v = typeof sp[k] === "string" ? (sp[k] as string) : "";
      return [k, v && listActionsQuery.safeParse({ [k]: v }).success ? v : ""];
    }),
  ) as Record<(typeof FILTERS)[number], string>;
  const query = listActionsQuery.parse(Object.fromEntries(Object.entries(filters).filter(([, v]) => v)));
  const [pending, first] = await Promise.all([
    listActions({ ctx, input: listActionsQuery.parse({ status: "pending_approval", limit: "100" }) }),
    listActions({ ctx, input: query }),
  ]);
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Console", href: links.home() }, { label: "Approvals" }]}
        title="Approvals"
        description="Actions on Okta requested from this console: those waiting for approval first, then every request with its status. Admins approve or deny; nobody approves their own."
      />
      <ApprovalsClient initialFilters={filters} initialPage={first} pending={pending} />
    </>
  );
}
