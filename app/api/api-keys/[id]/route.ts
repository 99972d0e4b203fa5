import { idParam } from "@/lib/api/params";
import { route } from "@/lib/api/route";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";

export const DELETE = route({ access: "admin", params: idParam("API key") }, async ({ ctx, params }) =>
  revokeApiKey({ ctx, input: { keyId: params.id } }),
);
