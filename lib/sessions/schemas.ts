// What the API and pages show about a console session. Browser code imports this file.
import { z } from "zod";

export const publicSession = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  createdAt: z.coerce.date(),
  lastSeenAt: z.coerce.date(),
  expiresAt: z.coerce.date(),
  clientAddress: z.string(),
  userAgent: z.string(),
  /** The session this request was made with. */
  current: z.boolean(),
});
export type PublicSession = z.infer<typeof publicSession>;

export const sessionList = z.object({ items: z.array(publicSession) });
