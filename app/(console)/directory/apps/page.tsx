import type { Metadata } from "next";
import { DirectoryHeader } from "@/components/directory/directory-tabs";
import { NothingSynced } from "@/components/directory/empty";
import { requirePageCtx } from "@/lib/auth/page";
import { filtersFromUrl, listAppsQuery } from "@/lib/directory/contracts";
import { getFacets } from "@/lib/directory/get-facets";
import { listApps } from "@/lib/directory/list-apps";
import { AppsClient } from "./client";

export const metadata: Metadata = { title: "Apps · Directory" };

export default async function AppsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageCtx();
  const { actor } = ctx;
  const input = filtersFromUrl(listAppsQuery, await searchParams);
  const [facets, first] = await Promise.all([getFacets({ ctx }), listApps({ ctx, input })]);
  const filters = {
    q: input.q ?? "",
    status: input.status?.join(",") ?? "",
    signOnMode: input.signOnMode?.join(",") ?? "",
    integrationId: input.integrationId ?? "",
    sort: input.sort ?? "",
    order: input.order ?? "",
  };
  const empty = NothingSynced({ facets, isAdmin: actor.role === "admin" });
  return (
    <>
      <DirectoryHeader totals={facets.totals} description="Apps in your Okta orgs, how people sign in to them, and who is assigned." />
      {empty ?? <AppsClient initialFilters={filters} initialPage={first} facets={facets} />}
    </>
  );
}
