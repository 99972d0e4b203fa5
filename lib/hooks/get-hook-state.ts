// The integration's event hook as the page shows it: registered, verified, last delivery, events
// received today, pending, failures. Never the secret.
import { eq, sql } from "drizzle-orm";
import { eventHooks, hookEvents } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { findIntegration } from "@/lib/integrations/find-integration";
import { HOOK_EVENT_TYPES, HOOK_HEADER, type HookState, hookStateSchema } from "./contracts";
import { endpointProblem } from "./public-endpoint";

/** The lastError codes of a registration Okta refused (setup-event-hook.ts). */
export const REGISTER_FAILED = new Set(["scope_missing", "register_failed"]);

export async function getHookState({ ctx, input }: { ctx: WorkspaceCtx; input: { integrationId: string } }): Promise<HookState> {
  const { integrationId } = input;
  await findIntegration(ctx.workspaceId, integrationId, ctx.db);
  const [h] = await ctx.db.select().from(eventHooks).where(eq(eventHooks.integrationId, integrationId));
  const [c] = await ctx.db
    .select({
      today: sql<number>`count(*) filter (where ${hookEvents.receivedAt} >= date_trunc('day', now()))::int`,
      pending: sql<number>`count(*) filter (where ${hookEvents.status} = 'pending')::int`,
      failed: sql<number>`count(*) filter (where ${hookEvents.status} = 'failed')::int`,
    })
    .from(hookEvents)
    .where(eq(hookEvents.integrationId, integrationId));
  const lastError = (h?.lastError ?? null) as { code: string; message: string } | null;
  // A registration Okta refused sets up nothing: the hook stays "not set up" (with Okta's reason) until
  // it is added by hand or Okta has reached it (verified, or delivered).
  const failedOnly = !!h && REGISTER_FAILED.has(lastError?.code ?? "") && !h.oktaHookId && !h.verifiedAt && !h.lastDeliveryAt;
  return hookStateSchema.parse({
    configured: !!h && !failedOnly,
    mode: h?.mode ?? null,
    url: h?.url ?? null,
    header: HOOK_HEADER,
    registered: !!h?.oktaHookId,
    oktaHookId: h?.oktaHookId ?? null,
    verified: !!h?.verifiedAt,
    verifiedAt: h?.verifiedAt ?? null,
    lastDeliveryAt: h?.lastDeliveryAt ?? null,
    deliveries: h?.deliveries ?? 0,
    eventsToday: c.today,
    pending: c.pending,
    failures: {
      auth: h?.authFailures ?? 0,
      lastAuthFailureAt: h?.lastAuthFailureAt ?? null,
      apply: c.failed,
      lastError,
    },
    eventTypes: [...HOOK_EVENT_TYPES],
    canRegister: h?.mode === "registered" ? true : lastError?.code === "scope_missing" ? false : null,
    // Once Okta has reached it, the endpoint evidently works (a test org, a tunnel): no warning.
    endpointWarning: h?.url && !failedOnly && !h.verifiedAt && !h.lastDeliveryAt ? endpointProblem(h.url) : null,
  });
}
