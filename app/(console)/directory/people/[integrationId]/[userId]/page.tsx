import type { Metadata } from "next";
import { cache } from "react";
import { loadDetail } from "@/components/directory/detail-page";
import { personName } from "@/components/directory/labels";
import { userParams } from "@/lib/directory/contracts";
import { getUser } from "@/lib/directory/get-user";
import { PersonClient } from "./client";

type Params = { params: Promise<{ integrationId: string; userId: string }> };

const load = cache(async (integrationId: string, userId: string) => loadDetail(userParams, { integrationId, userId }, getUser));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { integrationId, userId } = await params;
  return { title: `${personName((await load(integrationId, userId)).user)} · People` };
}

export default async function PersonPage({ params }: Params) {
  const { integrationId, userId } = await params;
  return <PersonClient initial={await load(integrationId, userId)} />;
}
