import { route } from "@/lib/api/route";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { createApiKeyInput } from "@/lib/api-keys/schemas";

// Viewers do not see the key list: names and prefixes are admin information.
export const GET = route({ access: "admin" }, async ({ ctx }) => ({ items: await listApiKeys({ ctx }) }));

// The key acts as the admin who creates it; `key` appears in this response only.
export const POST = route({ access: "admin", body: createApiKeyInput }, async ({ ctx, body }) =>
  Response.json(await createApiKey({ ctx, input: { ...body, userId: ctx.actor.userId } }), {
    status: 201,
    headers: { "cache-control": "no-store" },
  }),
);
