// Shared by the integration's server pages: the signed-in person and the integration, or a 404 for
// a malformed id, a missing one or another workspace's.
import { notFound } from "next/navigation";
import { z } from "zod";
import { requirePageActor } from "@/lib/auth/page";
import { AppError } from "@/lib/errors";
import { getIntegration } from "@/lib/integrations/get-integration";

export async function load(params: Promise<{ id: string }>) {
  const actor = await requirePageActor();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const { integration } = await getIntegration({ actor, id, eventLimit: 0 }).catch((e) => {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  });
  return { actor, integration };
}
