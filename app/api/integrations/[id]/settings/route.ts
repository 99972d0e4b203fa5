import { z } from "zod";
import { route } from "@/lib/api/route";
import { settingsInput } from "@/lib/overview/contracts";
import { getSettings } from "@/lib/overview/get-settings";
import { updateSettings } from "@/lib/overview/update-settings";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.uuid("must be an integration id") });

export const GET = route({ access: "viewer", params }, async ({ actor, params }) =>
  getSettings({ workspaceId: actor.workspaceId, integrationId: params.id }),
);

export const PATCH = route({ access: "admin", params, body: settingsInput, maxBodyBytes: 64 * 1024 }, async ({ actor, params, body }) =>
  updateSettings({ actor, integrationId: params.id, input: body }),
);
