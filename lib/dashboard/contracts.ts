// The home dashboard (GET /api/dashboard): every integration's state, last sync and open problems,
// people, groups and apps across orgs, identity hygiene, and the latest changes the syncs made.
// Pure zod: the page's client component imports it.
import { z } from "zod";
import { integrationStatusSchema } from "@/lib/integrations/status-contracts";
import { hygieneSchema } from "@/lib/overview/contracts";
import { runChangeSchema } from "@/lib/sync/contracts";

const iso = z.union([z.date().transform((d) => d.toISOString()), z.string()]);

export const latestChangeSchema = runChangeSchema.extend({ integrationId: z.string(), runId: z.string() }).strict();
export type LatestChange = z.output<typeof latestChangeSchema>;

export const dashboardSchema = z
  .object({
    integrations: z.array(integrationStatusSchema),
    /** Live rows across every integration whose copy is stored. */
    totals: z.object({ people: z.number(), groups: z.number(), apps: z.number() }).strict(),
    /** Workspace-wide identity hygiene (null when nothing was imported yet). */
    hygiene: hygieneSchema.nullable(),
    latestChanges: z.array(latestChangeSchema),
    generatedAt: iso,
  })
  .strict();
export type Dashboard = z.output<typeof dashboardSchema>;

/** How often the dashboard reads itself again (a wall screen never needs a click). */
export const DASHBOARD_REFRESH_MS = 30_000;
export const LATEST_CHANGES = 12;
