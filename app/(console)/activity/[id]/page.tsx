import type { Metadata } from "next";
import { cache } from "react";
import { loadDetail } from "@/components/directory/detail-page";
import { eventParams, eventQuery } from "@/lib/activity/contracts";
import { getActivityEvent } from "@/lib/activity/get-activity-event";
import { EventClient } from "./client";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// One load per request: the title and the page share it; an id that does not parse or is not in
// this workspace is Next's 404 (not-found.tsx).
const load = cache(async (id: string, integrationId: string | undefined) =>
  loadDetail(eventParams.extend(eventQuery.shape), { id, ...(integrationId ? { integrationId } : {}) }, ({ ctx, input }) =>
    getActivityEvent({ ctx, input }),
  ),
);

async function args({ params, searchParams }: Props) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  return [id, typeof sp.integrationId === "string" ? sp.integrationId : undefined] as const;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const event = await load(...(await args(props)));
  return { title: `${event.action} · Activity` };
}

export default async function EventPage(props: Props) {
  return <EventClient event={await load(...(await args(props)))} />;
}
