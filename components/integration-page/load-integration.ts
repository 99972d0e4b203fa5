// Shared by the integration's server pages: the ctx of the signed-in person and the integration, or a 404 for
// a malformed id, a missing one or another workspace's.
import { notFound } from "next/navigation";
import { z } from "zod";
import { requirePageCtx } from "@/lib/auth/page";
import { AppError } from "@/lib/errors";
import { getIntegration } from "@/lib/integrations/get-integration";

export async function load(params: Promise<{ id: string }>) {
  const ctx = await requirePageCtx();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const { integration } = await getIntegration({ ctx, input: { integrationId: id, eventLimit: 0 } }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return { ctx, actor: ctx.actor, integration };
}
