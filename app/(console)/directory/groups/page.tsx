import type { Metadata } from "next";
import { DirectoryHeader } from "@/components/directory/directory-tabs";
import { NothingSynced } from "@/components/directory/empty";
import { requirePageCtx } from "@/lib/auth/page";
import { filtersFromUrl, listGroupsQuery } from "@/lib/directory/contracts";
import { getFacets } from "@/lib/directory/get-facets";
import { listGroups } from "@/lib/directory/list-groups";
import { GroupsClient } from "./client";

export const metadata: Metadata = { title: "Groups · Directory" };

export default async function GroupsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageCtx();
  const { actor } = ctx;
  const input = filtersFromUrl(listGroupsQuery, await searchParams);
  const [facets, first] = await Promise.all([getFacets({ ctx }), listGroups({ ctx, input })]);
  const filters = {
    q: input.q ?? "",
    type: input.type?.join(",") ?? "",
    integrationId: input.integrationId ?? "",
    sort: input.sort ?? "",
    order: input.order ?? "",
  };
  const empty = NothingSynced({ facets, isAdmin: actor.role === "admin" });
  return (
    <>
      <DirectoryHeader totals={facets.totals} description="Okta groups with their live member counts and the apps they grant." />
      {empty ?? <GroupsClient initialFilters={filters} initialPage={first} facets={facets} />}
    </>
  );
}
