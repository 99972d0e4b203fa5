import { z } from "zod";
import { route } from "@/lib/api/route";
import { getEnv } from "@/lib/env";
import { setupHookInput } from "@/lib/hooks/contracts";
import { getHookState } from "@/lib/hooks/get-hook-state";
import { setupEventHook } from "@/lib/hooks/setup-event-hook";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.uuid() });

export const GET = route({ access: "viewer", params }, async ({ actor, params }) =>
  getHookState({ workspaceId: actor.workspaceId, integrationId: params.id }),
);

export const POST = route({ access: "admin", params, body: setupHookInput }, async ({ req, actor, params, body }) =>
  setupEventHook({ actor, integrationId: params.id, origin: getEnv().PUBLIC_URL ?? new URL(req.url).origin, input: body }),
);
