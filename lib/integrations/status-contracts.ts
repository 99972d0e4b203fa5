// The state of every integration at a glance (the integrations list and the home dashboard): its
// view, its health projected from its runs (as on its own page), the open problems with their fixes,
// and what it holds. Pure zod: client components import it.
import { z } from "zod";
import { healthSchema, resourceHealthSchema } from "@/lib/overview/contracts";
import { integrationView } from "./contracts";

export const integrationStatusSchema = z
  .object({
    integration: integrationView,
    health: healthSchema.omit({ resources: true }),
    /** Resources of the last finished run that need attention, each with its fix. */
    problems: z.array(resourceHealthSchema),
    counts: z.object({ users: z.number(), groups: z.number(), apps: z.number() }).strict(),
    /** Whether any imported row is stored (a disconnect may have kept or deleted the copy). */
    hasData: z.boolean(),
  })
  .strict();
export type IntegrationStatus = z.output<typeof integrationStatusSchema>;

export const integrationStatusListSchema = z.object({ items: z.array(integrationStatusSchema) }).strict();
export type IntegrationStatusList = z.output<typeof integrationStatusListSchema>;
