// The integration's event hook as the page shows it: registered, verified, last delivery, events
// received today, pending, failures. Never the secret.
import { getDb } from "@/db";
import { notFound } from "@/lib/errors";
import { HOOK_EVENT_TYPES, HOOK_HEADER, type HookState, hookStateSchema } from "./contracts";

export async function getHookState(input: { workspaceId: string; integrationId: string }): Promise<HookState> {
  const sql = getDb().$client;
  const [i] =
    await sql`select id, scopes, scope_results from integrations where id = ${input.integrationId} and workspace_id = ${input.workspaceId}`;
  if (!i) throw notFound("Integration");
  const [h] = await sql`select * from event_hooks where integration_id = ${input.integrationId}`;
  const [c] = await sql`
    select count(*) filter (where received_at >= date_trunc('day', now()))::int as today,
      count(*) filter (where status = 'pending')::int as pending,
      count(*) filter (where status = 'failed')::int as failed
    from hook_events where integration_id = ${input.integrationId}`;
  return hookStateSchema.parse({
    configured: !!h,
    mode: h?.mode ?? null,
    url: h?.url ?? null,
    header: HOOK_HEADER,
    registered: !!h?.okta_hook_id,
    oktaHookId: h?.okta_hook_id ?? null,
    verified: !!h?.verified_at,
    verifiedAt: h?.verified_at ?? null,
    lastDeliveryAt: h?.last_delivery_at ?? null,
    deliveries: h?.deliveries ?? 0,
    eventsToday: c.today,
    pending: c.pending,
    failures: {
      auth: h?.auth_failures ?? 0,
      lastAuthFailureAt: h?.last_auth_failure_at ?? null,
      apply: c.failed,
      lastError: h?.last_error ?? null,
    },
    eventTypes: [...HOOK_EVENT_TYPES],
    canRegister: h?.mode === "registered" ? true : h?.last_error?.code === "scope_missing" ? false : null,
  });
}
