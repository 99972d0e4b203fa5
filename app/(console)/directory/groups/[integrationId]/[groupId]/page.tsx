import type { Metadata } from "next";
import { cache } from "react";
import { loadDetail } from "@/components/directory/detail-page";
import { groupParams } from "@/lib/directory/contracts";
import { getGroup } from "@/lib/directory/get-group";
import { listGroupMembers } from "@/lib/directory/list-people-of";
import { GroupClient } from "./client";

type Params = { params: Promise<{ integrationId: string; groupId: string }> };

const load = cache(async (integrationId: string, groupId: string) =>
  loadDetail(groupParams, { integrationId, groupId }, async (args) => {
    const [detail, members] = await Promise.all([getGroup(args), listGroupMembers({ ctx: args.ctx, input: { ...args.input } })]);
    return { detail, members };
  }),
);

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { integrationId, groupId } = await params;
  return { title: `${(await load(integrationId, groupId)).detail.group.name} · Groups` };
}

export default async function GroupPage({ params }: Params) {
  const { integrationId, groupId } = await params;
  const { detail, members } = await load(integrationId, groupId);
  return <GroupClient initial={detail} members={members} />;
}
