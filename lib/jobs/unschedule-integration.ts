// Takes an integration off the sync schedule (disconnect). The scheduler tick only starts runs for
// connected integrations whose nextSyncAt has passed, so clearing it is all that is needed; the
// caller's transaction may be passed in.
import { eq } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db";
import { integrations } from "@/db/schema";

export async function unscheduleIntegration(integrationId: string, db: DbOrTx = getDb()) {
  await db.update(integrations).set({ nextSyncAt: null, nextIncrementalSyncAt: null }).where(eq(integrations.id, integrationId));
}
