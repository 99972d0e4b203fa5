import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { ACTIVITY_FILTER_NAMES, type ActivityPageFilters, activityQuery } from "@/lib/activity/contracts";
import { listActivity } from "@/lib/activity/list-activity";
import { listEventTypeNames } from "@/lib/activity/list-event-type-names";
import { requirePageCtx } from "@/lib/auth/page";
import { links } from "@/lib/links";
import { ActivityClient } from "./client";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageCtx();
  const { actor } = ctx;
  const sp = await searchParams;
  const pick = (k: string) => (typeof sp[k] === "string" && sp[k] ? (sp[k] as string) : undefined);
  // Filters come from the URL so a filtered view can be shared (and the person page links to one);
  // a value that does not parse is left out, each on its own.
  const filters = {} as ActivityPageFilters;
  for (const k of ACTIVITY_FILTER_NAMES) {
    const v = pick(k);
    filters[k] = v && activityQuery.safeParse({ [k]: v }).success ? v : "";
  }
  if (filters.from && filters.to && Date.parse(filters.to) <= Date.parse(filters.from)) filters.to = "";
  const query = activityQuery.parse(Object.fromEntries(Object.entries(filters).filter(([, v]) => v)));
  const [first, eventTypes] = await Promise.all([listActivity({ ctx, input: query }), listEventTypeNames({ ctx })]);
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Console", href: links.integrations() }, { label: "Activity" }]}
        title="Activity"
        description="Who did what to whom in your Okta orgs: sign-ins and changes synced from the System Log, newest first. Open an event for its details."
      />
      <ActivityClient initialFilters={filters} initialPage={first} eventTypes={eventTypes} isAdmin={actor.role === "admin"} />
    </>
  );
}
