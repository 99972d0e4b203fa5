import { idParam } from "@/lib/api/params";
import { route } from "@/lib/api/route";
import { getEnv } from "@/lib/env";
import { setupHookInput } from "@/lib/hooks/contracts";
import { getHookState } from "@/lib/hooks/get-hook-state";
import { setupEventHook } from "@/lib/hooks/setup-event-hook";

export const dynamic = "force-dynamic";

const params = idParam("Integration");

export const GET = route({ access: "viewer", params }, async ({ ctx, params }) =>
  getHookState({ ctx, input: { integrationId: params.id } }),
);

export const POST = route({ access: "admin", params, body: setupHookInput }, async ({ req, ctx, params, body }) =>
  setupEventHook({ ctx, input: { ...body, integrationId: params.id, origin: getEnv().PUBLIC_URL ?? new URL(req.url).origin } }),
);
