// Whether the console still holds any data imported from the integration's org (a disconnect may
// have kept it or deleted it): the danger zone says which, and what removing it deletes.
import { sql } from "drizzle-orm";
import type { WorkspaceCtx } from "@/lib/context";
import { findIntegration } from "./find-integration";
import { IMPORTED_DATA } from "./imported-data";

export async function holdsData({ ctx, input }: { ctx: WorkspaceCtx; input: { integrationId: string } }): Promise<boolean> {
  const i = await findIntegration(ctx.workspaceId, input.integrationId, ctx.db);
  const [r] = await ctx.db.execute<{ any: boolean }>(
    sql`select ${sql.join(
      Object.values(IMPORTED_DATA).map((t) => sql`exists (select 1 from ${t} where ${t.integrationId} = ${i.id})`),
      sql` or `,
    )} as any`,
  );
  return !!r?.any;
}
