import type { Metadata } from "next";
import { cache } from "react";
import { loadDetail } from "@/components/directory/detail-page";
import { appParams } from "@/lib/directory/contracts";
import { getApp } from "@/lib/directory/get-app";
import { listAppUsers } from "@/lib/directory/list-people-of";
import { AppClient } from "./client";

type Params = { params: Promise<{ integrationId: string; appId: string }> };

const load = cache(async (integrationId: string, appId: string) =>
  loadDetail(appParams, { integrationId, appId }, async (args) => {
    const [detail, people] = await Promise.all([getApp(args), listAppUsers({ ctx: args.ctx, input: { ...args.input } })]);
    return { detail, people };
  }),
);

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { integrationId, appId } = await params;
  return { title: `${(await load(integrationId, appId)).detail.app.label} · Apps` };
}

export default async function AppPage({ params }: Params) {
  const { integrationId, appId } = await params;
  const { detail, people } = await load(integrationId, appId);
  return <AppClient initial={detail} people={people} />;
}
