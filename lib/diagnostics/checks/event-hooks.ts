// Event hooks are not part of the console yet: it registers none with Okta and receives no pushes.
// The check says so plainly instead of inventing a verification status.
import type { CheckContext, CheckOutcome } from "../engine";
import { ev } from "./evidence";

export interface EventHookFacts {
  /** How often the scheduler starts a full sync, in minutes; null before saving. */
  fullSyncIntervalMinutes: number | null;
  lastSyncFinishedAt: string | null;
}

const every = (m: number) => (m % 60 === 0 ? `${m / 60} hour${m === 60 ? "" : "s"}` : `${m} minutes`);

export function eventHooksRule(f: EventHookFacts, ctx: CheckContext): CheckOutcome {
  void ctx;
  return {
    status: "warn",
    cause: "HOOKS_NOT_SET_UP",
    summary: `Not set up: this console does not register an Okta event hook yet, so Okta pushes no updates to it. Changes arrive with the scheduled syncs${f.fullSyncIntervalMinutes ? ` (a full sync every ${every(f.fullSyncIntervalMinutes)})` : ""} and with Sync now.`,
    evidence: [...ev("Event hook registered by the console", "none"), ...ev("Sync schedule", f.fullSyncIntervalMinutes ? `full sync every ${every(f.fullSyncIntervalMinutes)}` : undefined), ...ev("Last sync finished", f.lastSyncFinishedAt ?? "never")],
    fix: "Nothing to set up in Okta: do not create an event hook for this console (Okta would deliver to an address that does not accept them). To see a change sooner, click Sync now.",
  };
}
