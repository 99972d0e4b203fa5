// Takes the event hook the console registered out of Okta (deactivate, then delete: Okta refuses to
// delete an ACTIVE hook), for disconnect, while the credentials still exist. It never throws and never
// waits long: a refusal (no okta.eventHooks.manage, an admin role that may not manage hooks) or an
// unreachable Okta becomes a reason, which disconnect turns into a clean-up step for the admin.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { eventHooks } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { loadOktaClient } from "@/lib/integrations/load-okta-client";
import { OktaApiError } from "@/lib/okta/errors";

export type HookRemoval =
  /** No hook the console created in Okta (none at all, or one the admin added by hand). */
  | { status: "none" }
  /** Deleted now, or already gone from Okta. */
  | { status: "removed"; oktaHookId: string }
  | { status: "failed"; oktaHookId: string; error: { code: "scope_missing" | "unreachable" | "remove_failed"; message: string } };

/** Past this the disconnect goes on and the hook becomes a clean-up step. */
const DEADLINE_MS = 15_000;
const LIMITS = { maxRetries: 1, timeoutMs: 5_000, maxRateLimitWaits: 2 };

function reason(e: unknown): Extract<HookRemoval, { status: "failed" }>["error"] {
  if (e instanceof OktaApiError) {
    if (e.kind === "scope" || e.kind === "permission" || e.kind === "auth" || e.status === 401 || e.status === 403)
      return {
        code: "scope_missing",
        message: `Okta refused to manage event hooks for this app (it needs the okta.eventHooks.manage scope and an admin role that may manage hooks)${e.errorCode ? `; Okta said ${e.errorCode}` : ""}`,
      };
    if (e.kind === "network") return { code: "unreachable", message: `Okta could not be reached (${e.networkReason ?? "network error"})` };
    return {
      code: "remove_failed",
      message: `Okta answered ${e.status || "nothing usable"}${e.errorCode ? ` ${e.errorCode}` : ""}${e.errorSummary ? `: ${e.errorSummary}` : ""}`,
    };
  }
  if (e instanceof AppError) return { code: "remove_failed", message: e.message };
  return { code: "remove_failed", message: "The request to Okta failed" };
}

const gone = (e: unknown) => e instanceof OktaApiError && e.status === 404;

export async function removeEventHookFromOkta(integrationId: string, workspaceId: string, db: DbOrTx): Promise<HookRemoval> {
  const [hook] = await db.select({ oktaHookId: eventHooks.oktaHookId }).from(eventHooks).where(eq(eventHooks.integrationId, integrationId));
  const id = hook?.oktaHookId;
  if (!id) return { status: "none" };
  const path = `/api/v1/eventHooks/${encodeURIComponent(id)}`;
  const attempt = async () => {
    const client = await loadOktaClient(integrationId, { workspaceId, extraScopes: ["okta.eventHooks.manage"], limits: LIMITS });
    try {
      await client.request("POST", `${path}/lifecycle/deactivate`);
    } catch (e) {
      if (gone(e)) return; // deleted in Okta by hand already
      throw e;
    }
    await client.request("DELETE", path).catch((e) => {
      if (!gone(e)) throw e;
    });
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      attempt(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new AppError("OKTA_UNREACHABLE", `Okta did not answer within ${DEADLINE_MS / 1000} seconds`)),
          DEADLINE_MS,
        );
      }),
    ]);
    return { status: "removed", oktaHookId: id };
  } catch (e) {
    return {
      status: "failed",
      oktaHookId: id,
      error: e instanceof AppError && e.code === "OKTA_UNREACHABLE" ? { code: "unreachable", message: e.message } : reason(e),
    };
  } finally {
    clearTimeout(timer);
  }
}
