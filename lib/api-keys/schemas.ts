import { z } from "zod";

export const createApiKeyInput = z.strictObject({
  name: z.string().trim().min(1, "Give the key a name").max(80, "Name must be at most 80 characters"),
});
export type CreateApiKeyInput = z.output<typeof createApiKeyInput>;

/** What may be shown about a key after creation: the prefix only, never the key or its hash. */
export const publicApiKey = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.coerce.date(),
  lastUsedAt: z.coerce.date().nullable(),
  revokedAt: z.coerce.date().nullable(),
  owner: z.object({ id: z.uuid(), email: z.string(), role: z.enum(["admin", "viewer"]) }),
});
export type PublicApiKey = z.infer<typeof publicApiKey>;
