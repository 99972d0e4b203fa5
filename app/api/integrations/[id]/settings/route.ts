import { idParam } from "@/lib/api/params";
import { route } from "@/lib/api/route";
import { getSettings } from "@/lib/integrations/get-settings";
import { updateSettings } from "@/lib/integrations/update-settings";
import { settingsInput, settingsSchema, settingsUpdateResult } from "@/lib/overview/contracts";

export const dynamic = "force-dynamic";

const params = idParam("Integration");

export const GET = route({ access: "viewer", params, output: settingsSchema }, async ({ ctx, params }) =>
  getSettings({ ctx, input: { integrationId: params.id } }),
);

export const PATCH = route(
  { access: "admin", params, body: settingsInput, maxBodyBytes: 64 * 1024, output: settingsUpdateResult },
  async ({ ctx, params, body }) => updateSettings({ ctx, input: { ...body, integrationId: params.id } }),
);
