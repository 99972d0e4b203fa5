// Contracts of the Activity list (GET /api/activity), shared by the route, the page and its client.
import { z } from "zod";

// Okta's LogOutcome.result values.
export const OUTCOMES = ["SUCCESS", "FAILURE", "SKIPPED", "ALLOW", "DENY", "CHALLENGE", "UNKNOWN"] as const;

export const activityQuery = z.strictObject({
  outcome: z.enum(OUTCOMES, `outcome must be one of ${OUTCOMES.join(", ")}`).optional(),
  eventType: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_.]+$/, "eventType must look like user.session.start")
    .optional(),
  q: z.string().trim().max(200, "q must be at most 200 characters").optional(),
  integrationId: z.uuid("integrationId must be a UUID").optional(),
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ActivityQuery = z.output<typeof activityQuery>;

export const activityItem = z.object({
  id: z.string(),
  integrationId: z.string(),
  published: z.coerce.date(),
  eventType: z.string(),
  displayMessage: z.string().nullable(),
  severity: z.string().nullable(),
  outcome: z.string().nullable(),
  outcomeReason: z.string().nullable(),
  actor: z.object({
    id: z.string().nullable(),
    login: z.string().nullable(),
    displayName: z.string().nullable(),
    type: z.string().nullable(),
  }),
  app: z.object({ id: z.string().nullable(), name: z.string().nullable() }),
  clientIp: z.string().nullable(),
  location: z.string().nullable(),
});
export type ActivityItem = z.infer<typeof activityItem>;

export const activityPage = z.object({ items: z.array(activityItem), nextCursor: z.string().nullable() });
export type ActivityPage = z.infer<typeof activityPage>;

export const eventTypeCount = z.object({ eventType: z.string(), count: z.number() });
