import type { Metadata } from "next";
import { DirectoryHeader } from "@/components/directory/directory-tabs";
import { NothingSynced } from "@/components/directory/empty";
import { requirePageCtx } from "@/lib/auth/page";
import { filtersFromUrl, listUsersQuery, peopleFilters } from "@/lib/directory/contracts";
import { getFacets } from "@/lib/directory/get-facets";
import { listUsers } from "@/lib/directory/list-users";
import { PeopleClient } from "./client";

export const metadata: Metadata = { title: "People · Directory" };

export default async function PeoplePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageCtx();
  const { actor } = ctx;
  const raw = await searchParams;
  const input = filtersFromUrl(listUsersQuery, raw);
  const [facets, first] = await Promise.all([getFacets({ ctx }), listUsers({ ctx, input })]);
  // Every filter the list knows, as the URL wrote it ("" when absent or not valid), integration and sort last.
  const keys = ["q", "status", "department", ...Object.keys(peopleFilters).filter((k) => k !== "status" && k !== "department")];
  const filters = Object.fromEntries(
    [...keys, "integrationId", "sort", "order"].map((k) => [k, input[k as keyof typeof input] !== undefined ? String(raw[k]) : ""]),
  );
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
