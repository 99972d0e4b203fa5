import { eq } from "drizzle-orm";
import { integrations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { selectViews } from "./view";

/** Every integration of the caller's workspace, connected first. */
export async function listIntegrations({ actor }: { actor: Actor }) {
  return { items: await selectViews(eq(integrations.workspaceId, actor.workspaceId)) };
}
