import { z } from "zod";
import { route } from "@/lib/api/route";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";

const params = z.object({ id: z.uuid("API key id must be a UUID") });

export const DELETE = route({ access: "admin", params }, async ({ actor, params }) => revokeApiKey(actor.workspaceId, params.id));
