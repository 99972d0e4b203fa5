import type { Metadata } from "next";
import { DirectoryHeader } from "@/components/directory/directory-tabs";
import { NothingSynced } from "@/components/directory/empty";
import { requirePageCtx } from "@/lib/auth/page";
import { filtersFromUrl, unusedAccessQuery } from "@/lib/directory/contracts";
import { getFacets } from "@/lib/directory/get-facets";
import { listUnusedAccess } from "@/lib/directory/list-unused-access";
import { UnusedAccessClient } from "./client";

export const metadata: Metadata = { title: "Unused access · Directory" };

export default async function UnusedAccessPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageCtx();
  const input = filtersFromUrl(unusedAccessQuery, await searchParams);
  const [facets, data] = await Promise.all([getFacets({ ctx }), listUnusedAccess({ ctx, input })]);
  const empty = NothingSynced({ facets, isAdmin: ctx.actor.role === "admin" });
  return (
    <>
      <DirectoryHeader
        totals={facets.totals}
        description="Who is assigned an app but has not signed in to it for a while: licences to reclaim and access to remove."
      />
      {empty ?? (
        <UnusedAccessClient
          initial={data}
          integrationId={input.integrationId ?? ""}
          integrations={facets.integrations.map((i) => ({ id: i.id, name: i.name }))}
        />
      )}
    </>
  );
}
