// The integration's Okta event hook, from what the console stored: not set up (changes arrive with
// the scheduled syncs), set up but never verified by Okta, deliveries refused for a wrong secret or
// not applied, or working. Scheduled syncs stay the source of truth either way.

import { plural } from "@/lib/format";
import type { CheckContext, CheckOutcome } from "../check-def";
import { ev } from "./evidence";

export interface EventHookFacts {
  /** How often the scheduler starts a full sync, in minutes; null before saving. */
  fullSyncIntervalMinutes: number | null;
  incrementalSyncIntervalMinutes?: number | null;
  lastSyncFinishedAt: string | null;
  /** The stored hook; null when none is set up. */
  hook?: {
    mode: "registered" | "manual";
    registered: boolean;
    verifiedAt: string | null;
    lastDeliveryAt: string | null;
    authFailures: number;
    lastAuthFailureAt: string | null;
    failedEvents: number;
    eventsToday: number;
  } | null;
}

const every = (m: number) => (m % 60 === 0 ? `${m / 60} hour${m === 60 ? "" : "s"}` : `${m} minutes`);

export function eventHooksRule(f: EventHookFacts, ctx: CheckContext): CheckOutcome {
  void ctx;
  const schedule = [
    ...ev(
      "Sync schedule",
      f.fullSyncIntervalMinutes
        ? `full sync every ${every(f.fullSyncIntervalMinutes)}${f.incrementalSyncIntervalMinutes ? `, incremental every ${every(f.incrementalSyncIntervalMinutes)}` : ""}`
        : undefined,
    ),
    ...ev("Last sync finished", f.lastSyncFinishedAt ?? "never"),
  ];
  const h = f.hook;
  if (!h) {
    return {
      status: "warn",
      cause: "HOOKS_NOT_SET_UP",
      summary: `Not set up: Okta pushes no updates to this console. Changes arrive with the scheduled syncs${f.fullSyncIntervalMinutes ? ` (a full sync every ${every(f.fullSyncIntervalMinutes)})` : ""} and with Sync now.`,
      evidence: [...ev("Event hook", "none"), ...schedule],
      fix: "On the integration page, under Okta event hook, click Set up and register in Okta (the app needs okta.eventHooks.manage), or Add by hand and follow the steps shown.",
    };
  }
  const evidence = [
    ...ev("Event hook", h.registered ? "registered by the console" : "added by hand"),
    ...ev("Verified by Okta", h.verifiedAt ?? "never"),
    ...ev("Last delivery", h.lastDeliveryAt ?? "none"),
    ...ev("Events received today", String(h.eventsToday)),
    ...ev("Deliveries refused (wrong secret)", String(h.authFailures)),
    ...ev("Events not applied", String(h.failedEvents)),
    ...schedule,
  ];
  if (!h.verifiedAt) {
    return {
      status: "warn",
      cause: "HOOK_NOT_VERIFIED",
      summary: "Set up, but Okta has not verified the hook yet, so it delivers nothing.",
      evidence,
      fix: "In Okta (Workflow > Event Hooks), open the hook and click Verify; or register it again from the integration page.",
    };
  }
  if (h.authFailures > 0 && h.lastAuthFailureAt && (!h.lastDeliveryAt || h.lastAuthFailureAt > h.lastDeliveryAt)) {
    return {
      status: "fail",
      cause: "HOOK_SECRET_MISMATCH",
      summary: `Okta's latest deliveries were refused: the secret in the hook's ${"Authorization"} header does not match the console's.`,
      evidence,
      fix: "Register the hook again from the integration page, or paste the current secret into the hook in Okta (Add by hand shows a new one).",
    };
  }
  if (h.failedEvents > 0) {
    return {
      status: "warn",
      cause: "HOOK_EVENTS_NOT_APPLIED",
      summary: `${plural(h.failedEvents, "received event")} could not be applied (Okta was unreachable or refused the re-read); the scheduled syncs reconcile them.`,
      evidence,
      fix: "Check the integration's event log for hook.apply_failed, then run Sync now.",
    };
  }
  return {
    status: "pass",
    cause: null,
    summary: `Verified${h.lastDeliveryAt ? `; last delivery ${h.lastDeliveryAt}` : "; no delivery yet"}. Okta pushes changes and each is applied through a re-read.`,
    evidence,
  };
}
