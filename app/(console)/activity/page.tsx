import type { Metadata } from "next";
import { PageHeader } from "@/components/ui";
import { activityQuery } from "@/lib/activity/contracts";
import { listActivity } from "@/lib/activity/list-activity";
import { listEventTypes } from "@/lib/activity/list-event-types";
import { requirePageCtx } from "@/lib/auth/page";
import { links } from "@/lib/links";
import { ActivityClient, type Filters } from "./client";

export const metadata: Metadata = { title: "Activity" };

export default async function ActivityPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageCtx();
  const { actor } = ctx;
  const sp = await searchParams;
  const pick = (k: string) => (typeof sp[k] === "string" && sp[k] ? (sp[k] as string) : undefined);
  // Filters come from the URL so a filtered view can be shared; anything invalid is ignored.
  const parsed = activityQuery.safeParse({ outcome: pick("outcome"), eventType: pick("eventType"), q: pick("q") });
  const query = parsed.success ? parsed.data : activityQuery.parse({});
  const filters: Filters = { outcome: query.outcome ?? "", eventType: query.eventType ?? "", q: query.q ?? "" };
  const [first, eventTypes] = await Promise.all([listActivity({ ctx, input: query }), listEventTypes({ ctx })]);
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Console", href: links.integrations() }, { label: "Activity" }]}
        title="Activity"
        description="Sign-in and identity events synced from your Okta System Log, newest first."
      />
      <ActivityClient initialFilters={filters} initialPage={first} eventTypes={eventTypes} isAdmin={actor.role === "admin"} />
    </>
  );
}
