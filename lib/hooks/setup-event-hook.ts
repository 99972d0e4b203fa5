// Sets up the integration's event hook: a secret (new, or kept unless rotated), the endpoint URL,
// and, when asked and the app may (okta.eventHooks.manage), the hook created, activated and
// verified in Okta. Otherwise, or when Okta refuses, the admin gets the URL, header, secret and the
// steps to add it by hand; that answer is the only place the secret is ever shown.
import { eq, sql } from "drizzle-orm";
import { eventHooks } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { findIntegration } from "@/lib/integrations/find-integration";
import { loadOktaClient } from "@/lib/integrations/load-okta-client";
import { recordEvent } from "@/lib/integrations/record-event";
import { OktaApiError } from "@/lib/okta/errors";
import { HOOK_EVENT_TYPES, HOOK_HEADER, type SetupHookInput, type SetupHookResult } from "./contracts";
import { getHookState } from "./get-hook-state";
import { newHookSecret, readHookSecret, storeHookSecret } from "./hook-secret";
import { endpointProblem } from "./public-endpoint";

export const hookUrl = (origin: string, integrationId: string) => `${origin.replace(/\/+$/, "")}/api/hooks/okta/${integrationId}`;

// Each step names the value it needs as this answer (and the panel) labels it.
const manualSteps = (url: string) => [
  "In the Okta Admin Console, go to Workflow > Event Hooks and click Create Event Hook.",
  `Name it "Okta Sync Console" and set its Endpoint URL to ${url} (the Endpoint URL here).`,
  `Set Authentication field to "${HOOK_HEADER}" and Authentication secret to the secret here (shown once).`,
  `Subscribe to the ${HOOK_EVENT_TYPES.length} event types listed here, then click Save & Continue.`,
  "Click Verify: Okta calls the Endpoint URL once and the console answers; the hook then shows as Verified.",
];

/** Okta's own words from a refused request, as far as it gave any. */
function oktaReason(e: OktaApiError) {
  const f = e.facts();
  const said = f.errorSummary ?? f.oauthErrorDescription ?? null;
  const codes = [f.status ? `HTTP ${f.status}` : null, f.errorCode ?? f.oauthError ?? null].filter(Boolean).join(" ");
  return { text: `Okta answered ${codes || "with an error"}${said ? `: “${said}”` : ""}`, facts: e.toDetails() };
}

export async function setupEventHook({
  ctx,
  input,
}: {
  ctx: Ctx;
  /** `origin`: the console's public origin, which Okta calls. */
  input: SetupHookInput & { integrationId: string; origin: string };
}): Promise<SetupHookResult> {
  const { integrationId } = input;
  const { db, actor } = ctx;
  const integration = await findIntegration(ctx.workspaceId, integrationId, db);
  if (integration.state !== "connected")
    throw new AppError("CONFLICT", "This integration is disconnected; connect it again to receive event hooks");
  const url = hookUrl(input.origin, integrationId);
  let secret = input.rotateSecret ? null : await readHookSecret(integrationId, db);
  secret ??= newHookSecret();
  const [existing] = await db
    .select({ oktaHookId: eventHooks.oktaHookId })
    .from(eventHooks)
    .where(eq(eventHooks.integrationId, integrationId));
  await db.transaction(async (tx) => {
    await storeHookSecret(tx, integrationId, secret);
    await tx
      .insert(eventHooks)
      .values({ integrationId, workspaceId: ctx.workspaceId, mode: "manual", url })
      .onConflictDoUpdate({ target: eventHooks.integrationId, set: { url, updatedAt: new Date(), lastError: null } });
  });

  if (input.register) {
    try {
      const client = await loadOktaClient(integrationId, { extraScopes: ["okta.eventHooks.manage"] });
      const body = {
        name: `Okta Sync Console (${integrationId.slice(0, 8)})`,
        events: { type: "EVENT_TYPE", items: [...HOOK_EVENT_TYPES] },
        channel: {
          type: "HTTP",
          version: "1.0.0",
          config: { uri: url, headers: [], authScheme: { type: "HEADER", key: HOOK_HEADER, value: secret } },
        },
      };
      const hookId = existing?.oktaHookId ?? undefined;
      const res = hookId
        ? await client.request<{ id?: string }>("PUT", `/api/v1/eventHooks/${encodeURIComponent(hookId)}`, { body }).catch((e) => {
            if (e instanceof OktaApiError && e.status === 404)
              return client.request<{ id?: string }>("POST", "/api/v1/eventHooks", { body });
            throw e;
          })
        : await client.request<{ id?: string }>("POST", "/api/v1/eventHooks", { body });
      const id = typeof res.body?.id === "string" ? res.body.id : null;
      if (!id) throw new AppError("OKTA_ERROR", "Okta did not return the event hook's id");
      await db
        .update(eventHooks)
        .set({ mode: "registered", oktaHookId: id, registeredAt: sql`now()`, updatedAt: sql`now()` })
        .where(eq(eventHooks.integrationId, integrationId));
      await client.request("POST", `/api/v1/eventHooks/${encodeURIComponent(id)}/lifecycle/activate`);
      // Okta calls our URL with the challenge before this returns; the GET handler records verified_at.
      await client.request("POST", `/api/v1/eventHooks/${encodeURIComponent(id)}/lifecycle/verify`);
      await recordEvent(
        {
          workspaceId: ctx.workspaceId,
          integrationId,
          kind: "hook.registered",
          message: `Event hook registered and verified in Okta (${id})`,
          details: { oktaHookId: id, url },
          actorUserId: actor.userId,
        },
        db,
      );
    } catch (e) {
      const okta = e instanceof OktaApiError ? oktaReason(e) : null;
      const scope =
        e instanceof OktaApiError &&
        (e.status === 403 || e.status === 401 || e.facts().oauthError === "invalid_scope" || e.kind === "scope");
      const error = scope
        ? {
            code: "scope_missing",
            message: `Okta refused to register the event hook: ${okta?.text ?? "access denied"}. Grant the app okta.eventHooks.manage (and an admin role that may manage event hooks), or add the hook by hand`,
            okta: okta?.facts,
          }
        : {
            code: "register_failed",
            message: `The event hook was not registered: ${okta?.text ?? (e instanceof AppError ? e.message : "registration failed")}`,
            ...(okta ? { okta: okta.facts } : {}),
          };
      await db
        .update(eventHooks)
        .set({ mode: "manual", lastError: error, updatedAt: sql`now()` })
        .where(eq(eventHooks.integrationId, integrationId));
      await recordEvent(
        {
          workspaceId: ctx.workspaceId,
          integrationId,
          level: "warn",
          kind: "hook.register_failed",
          message: `Event hook not registered: ${error.message}`,
          details: error,
          actorUserId: actor.userId,
        },
        db,
      );
    }
  } else {
    await recordEvent(
      {
        workspaceId: ctx.workspaceId,
        integrationId,
        kind: "hook.manual",
        message: "Event hook set up for adding by hand in Okta",
        details: { url },
        actorUserId: actor.userId,
      },
      db,
    );
  }
  const state = await getHookState({ ctx, input: { integrationId } });
  // The secret and the steps are for adding the hook by hand; a refused registration shows Okta's
  // reason instead (in the state), and the admin chooses to add it by hand.
  return {
    state,
    manual: input.register
      ? null
      : { url, header: HOOK_HEADER, secret, eventTypes: [...HOOK_EVENT_TYPES], steps: manualSteps(url), warning: endpointProblem(url) },
  };
}
