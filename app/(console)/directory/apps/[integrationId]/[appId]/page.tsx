import type { Metadata } from "next";
import { cache } from "react";
import { loadDetail } from "@/components/directory/detail-page";
import { appParams, filtersFromUrl, listAppUsersQuery } from "@/lib/directory/contracts";
import { getApp } from "@/lib/directory/get-app";
import { listAppUsers } from "@/lib/directory/list-people-of";
import { AppClient } from "./client";

type Params = {
  params: Promise<{ integrationId: string; appId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The "who has access" filters the URL carries (q, scope, status, unusedDays), "" when absent or not valid. */
const FILTERS = ["q", "scope", "status", "unusedDays"] as const;

const load = cache(async (integrationId: string, appId: string, query: string) =>
  loadDetail(appParams, { integrationId, appId }, async (args) => {
    const raw = Object.fromEntries(new URLSearchParams(query));
    const filters = filtersFromUrl(listAppUsersQuery, raw);
    const [detail, people] = await Promise.all([getApp(args), listAppUsers({ ctx: args.ctx, input: { ...filters, ...args.input } })]);
    const initialFilters = Object.fromEntries(FILTERS.map((k) => [k, filters[k] !== undefined ? String(raw[k]) : ""]));
    return { detail, people, initialFilters };
  }),
);

/** The filters as one string, so the title and the page share one load per request. */
async function queryOf(searchParams: Params["searchParams"]) {
  const sp = await searchParams;
  return new URLSearchParams(
    FILTERS.flatMap((k) => (typeof sp[k] === "string" ? [[k, sp[k] as string] as [string, string]] : [])),
  ).toString();
}

export async function generateMetadata({ params, searchParams }: Params): Promise<Metadata> {
  const { integrationId, appId } = await params;
  return { title: `${(await load(integrationId, appId, await queryOf(searchParams))).detail.app.label} · Apps` };
}

export default async function AppPage({ params, searchParams }: Params) {
  const { integrationId, appId } = await params;
  const { detail, people, initialFilters } = await load(integrationId, appId, await queryOf(searchParams));
  return <AppClient initial={detail} people={people} filters={initialFilters} />;
}
