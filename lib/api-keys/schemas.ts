import { z } from "zod";

export const createApiKeyInput = z.strictObject({
  name: z.string().trim().min(1, "Give the key a name").max(80, "Name must be at most 80 characters"),
  /** A read-only key acts as a viewer, whatever its owner's role. */
  readOnly: z.boolean().default(false),
  /** When the key stops working; null or left out: it does not expire. */
  expiresAt: z.iso
    .datetime({ offset: true, abort: true, message: "Give the expiry as an ISO date and time, e.g. 2027-01-31T00:00:00Z" })
    .refine((v) => Date.parse(v) > Date.now(), "The expiry must be in the future")
    .nullable()
    .default(null),
});
export type CreateApiKeyInput = z.output<typeof createApiKeyInput>;

/** What may be shown about a key after creation: the prefix only, never the key or its hash. */
export const publicApiKey = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  readOnly: z.boolean(),
  createdAt: z.coerce.date(),
  lastUsedAt: z.coerce.date().nullable(),
  expiresAt: z.coerce.date().nullable(),
  revokedAt: z.coerce.date().nullable(),
  owner: z.object({ id: z.uuid(), email: z.string(), role: z.enum(["admin", "viewer"]) }),
});
export type PublicApiKey = z.infer<typeof publicApiKey>;
