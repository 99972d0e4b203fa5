// How many requests wait for approval, and how many of them the caller may approve (an admin, not
// their own, not yet decided by them): the count beside Approvals in the sidebar.
import { sql } from "drizzle-orm";
import type { WorkspaceCtx } from "@/lib/context";

export async function countPendingActions({ ctx }: { ctx: WorkspaceCtx }): Promise<{ pending: number; awaitingMe: number }> {
  const me = ctx.actor?.role === "admin" ? ctx.actor.userId : null;
  const [row] = await ctx.db.execute<{ pending: number; awaiting_me: number }>(sql`
    select count(*)::int as pending,
      count(*) filter (where ${me}::uuid is not null and r.requested_by is distinct from ${me}::uuid
        and not exists (select 1 from action_approvals a where a.request_id = r.id and a.user_id = ${me}::uuid))::int as awaiting_me
    from action_requests r
    where r.workspace_id = ${ctx.workspaceId} and r.status = 'pending_approval' and r.expires_at > now()`);
  return { pending: row?.pending ?? 0, awaitingMe: row?.awaiting_me ?? 0 };
}
