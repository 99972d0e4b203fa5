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

export const hookUrl = (origin: string, integrationId: string) => `${origin.replace(/\/+$/, "")}/api/hooks/okta/${integrationId}`;

const manualSteps = (url: string) => [
  "In the Okta Admin Console, go to Workflow > Event Hooks and click Create Event Hook.",
  `Name it "Okta Sync Console" and set the Endpoint URL to ${url}.`,
  `Under Authentication field enter "${HOOK_HEADER}", and paste the secret below as the Authentication secret.`,
  "Subscribe to the event types listed below, then Save & Continue.",
  "Click Verify: Okta calls the URL once and the console answers; the page then shows the hook as verified.",
];

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
  const rotated = !secret;
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

  let registered = false;
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
      registered = true;
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
      const scope = e instanceof OktaApiError && (e.status === 403 || e.status === 401);
      const error = scope
        ? {
            code: "scope_missing",
            message:
              "Okta refused to manage event hooks for this app: grant it okta.eventHooks.manage (and an admin role that may manage hooks), or add the hook by hand",
          }
        : {
            code: "register_failed",
            message:
              e instanceof OktaApiError
                ? `Okta answered ${e.status}${e.errorCode ? ` ${e.errorCode}` : ""}: ${e.errorSummary ?? "registration failed"}`
                : e instanceof AppError
                  ? e.message
                  : "Registration failed",
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
  const showSecret = !registered || (rotated && !!input.rotateSecret);
  return {
    state,
    manual:
      showSecret && !registered ? { url, header: HOOK_HEADER, secret, eventTypes: [...HOOK_EVENT_TYPES], steps: manualSteps(url) } : null,
  };
}
