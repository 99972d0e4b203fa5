"use client";
// "History" on a person's, group's and app's page: the audit entries about it (directly, or through a
// request that holds it), newest first, a page at a time, with a link to the Audit page filtered to it.
import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Card, CardHeader } from "@/components/ui";
import { keysetPaging } from "@/components/ui/data-table";
import { api } from "@/lib/api/client";
import { auditPage } from "@/lib/audit/contracts";
import { links } from "@/lib/links";
import { AuditList } from "./audit-list";
import { auditKeys } from "./queries";

export function HistoryCard({ integrationId, targetId, name }: { integrationId: string; targetId: string; name: string }) {
  const filters = { target: targetId, integrationId };
  const query = useInfiniteQuery({
    queryKey: auditKeys.list({ ...filters, history: "1" }),
    queryFn: ({ pageParam, signal }) =>
      api(`/api/audit?${new URLSearchParams({ ...filters, limit: "10", ...(pageParam ? { cursor: pageParam } : {}) })}`, {
        schema: auditPage,
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card className="mt-6" data-testid="history">
      <CardHeader
        title="History"
        description={`Actions on Okta about ${name} from this console: requests, approvals, Okta's answers.`}
        actions={
          <Link href={links.audit(filters)} className="text-sm font-medium text-brand-700 hover:underline">
            Open in Audit
          </Link>
        }
      />
      <AuditList
        label="History"
        items={items}
        loading={query.isPending}
        error={query.error}
        empty={<p className="px-5 py-6 text-center text-sm text-slate-500">No actions on {name} from this console yet.</p>}
        paging={query.hasNextPage ? keysetPaging(query, ["entry", "entries"]) : undefined}
      />
    </Card>
  );
}
