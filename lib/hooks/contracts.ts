// Event hook contracts: the state the integration page shows (never the secret), the one-time
// setup answer (the secret only when the admin must paste it into Okta), and Okta's delivery body.
import { z } from "zod";
import { HOOK_MODES } from "@/db/enums";

const iso = z
  .date()
  .transform((d) => d.toISOString())
  .or(z.string());

export const HOOK_HEADER = "Authorization";

/** The event types the console subscribes to: each is applied through a targeted re-read. */
export const HOOK_EVENT_TYPES = [
  "user.lifecycle.create",
  "user.lifecycle.activate",
  "user.lifecycle.reactivate",
  "user.lifecycle.deactivate",
  "user.lifecycle.suspend",
  "user.lifecycle.unsuspend",
  "user.lifecycle.delete.initiated",
  "user.account.update_profile",
  "user.account.lock",
  "user.account.unlock_by_admin",
  "user.account.reset_password",
  "user.account.expire_password",
  "group.user_membership.add",
  "group.user_membership.remove",
  "group.lifecycle.create",
  "group.lifecycle.delete",
  "group.profile.update",
  "application.user_membership.add",
  "application.user_membership.remove",
  "application.user_membership.change_username",
  "group.application_assignment.add",
  "group.application_assignment.remove",
] as const;

export const hookStateSchema = z
  .object({
    configured: z.boolean(),
    mode: z.enum(HOOK_MODES).nullable(),
    url: z.string().nullable(),
    header: z.string(),
    registered: z.boolean(),
    oktaHookId: z.string().nullable(),
    verified: z.boolean(),
    verifiedAt: iso.nullable(),
    lastDeliveryAt: iso.nullable(),
    deliveries: z.number(),
    eventsToday: z.number(),
    pending: z.number(),
    failures: z
      .object({
        auth: z.number(),
        lastAuthFailureAt: iso.nullable(),
        apply: z.number(),
        lastError: z.object({ code: z.string(), message: z.string() }).loose().nullable(),
      })
      .strict(),
    eventTypes: z.array(z.string()),
    /** Whether the app may register hooks itself (okta.eventHooks.manage was granted). */
    canRegister: z.boolean().nullable(),
    /** Why Okta cannot call the endpoint (not public https; see PUBLIC_URL), or null. */
    endpointWarning: z.string().nullable(),
  })
  .strict();
export type HookState = z.output<typeof hookStateSchema>;

export const setupHookInput = z
  .object({
    /** Register in Okta through the API (needs okta.eventHooks.manage); false = show manual steps. */
    register: z.boolean().default(true),
    /** A new secret (the old one stops working at once). */
    rotateSecret: z.boolean().default(false),
  })
  .strict();
export type SetupHookInput = z.infer<typeof setupHookInput>;

export const setupHookResult = z
  .object({
    state: hookStateSchema,
    /** Only when the admin must add the hook in Okta by hand, or just rotated the secret: shown once. */
    manual: z
      .object({
        url: z.string(),
        header: z.string(),
        secret: z.string(),
        eventTypes: z.array(z.string()),
        steps: z.array(z.string()),
        /** Why Okta cannot call `url` (not public https; see PUBLIC_URL), or null. */
        warning: z.string().nullable(),
      })
      .strict()
      .nullable(),
  })
  .strict();
export type SetupHookResult = z.output<typeof setupHookResult>;

// ---- Okta's delivery: strict about the envelope we rely on, lenient inside each event -------------
const target = z.object({ id: z.string().nullish().catch(null), type: z.string().nullish().catch(null) }).catch({ id: null, type: null });
export const hookEventSchema = z.object({
  uuid: z.string().min(1, "is required").max(100),
  eventType: z.string().min(1, "is required").max(200),
  published: z.string().nullish().catch(null),
  target: z.array(target).nullish().catch(null),
});
export const deliverySchema = z.object({
  eventType: z.string().optional(),
  eventId: z.string().optional(),
  data: z.object({ events: z.array(hookEventSchema).max(5000, "at most 5000 events per delivery") }),
});
export type Delivery = z.infer<typeof deliverySchema>;

/** Largest delivery body accepted (Okta batches events; a few MB is generous). */
export const MAX_DELIVERY_BYTES = 4 * 1024 * 1024;
