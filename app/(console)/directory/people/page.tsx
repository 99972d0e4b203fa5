import type { Metadata } from "next";
import { DirectoryHeader } from "@/components/directory/directory-tabs";
import { NothingSynced } from "@/components/directory/empty";
import { requirePageCtx } from "@/lib/auth/page";
import { filtersFromUrl, listUsersQuery } from "@/lib/directory/contracts";
import { getFacets } from "@/lib/directory/get-facets";
import { listUsers } from "@/lib/directory/list-users";
import { PeopleClient } from "./client";

export const metadata: Metadata = { title: "People · Directory" };

export default async function PeoplePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageCtx();
  const { actor } = ctx;
  const input = filtersFromUrl(listUsersQuery, await searchParams);
  const [facets, first] = await Promise.all([getFacets({ ctx }), listUsers({ ctx, input })]);
  const filters = {
    q: input.q ?? "",
    status: input.status?.join(",") ?? "",
    department: input.department ?? "",
    integrationId: input.integrationId ?? "",
    sort: input.sort ?? "",
    order: input.order ?? "",
  };
  const empty = NothingSynced({ facets, isAdmin: actor.role === "admin" });
  return (
    <>
      <DirectoryHeader
        totals={facets.totals}
        description="Everyone in your connected Okta orgs: search by name, email or login, filter, sort and export."
      />
      {empty ?? <PeopleClient initialFilters={filters} initialPage={first} facets={facets} />}
    </>
  );
}
