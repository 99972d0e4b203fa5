import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { getAction } from "@/lib/actions/get-action";
import { requirePageCtx } from "@/lib/auth/page";
import { AppError } from "@/lib/errors";
import { RequestClient } from "./client";

type Params = { params: Promise<{ id: string }> };

const load = cache(async (id: string) => {
  const ctx = await requirePageCtx();
  if (!z.uuid().safeParse(id).success) notFound();
  try {
    return await getAction({ ctx, input: { id } });
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const r = await load((await params).id);
  return { title: `${r.label}: ${r.target?.label ?? "request"} · Approvals` };
}

export default async function RequestPage({ params }: Params) {
  return <RequestClient initial={await load((await params).id)} />;
}
