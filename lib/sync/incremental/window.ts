// Where an incremental pass starts. Each resource remembers (integrations.cursors.since[resource])
// when the last run that completed it started: everything Okta did before that moment was already
// in Okta's state when that run read it. A resource with no such mark (never completed, or the
// integration was reset) runs a full pass with its sweep, even inside an incremental run.
//
// lastUpdated searches are eventually consistent and our clock is not Okta's, so they start a
// safety overlap earlier; re-reading an unchanged object costs
// nothing but a row in the page and counts as unchanged.
import type { Resource } from "@/db/schema";
import type { ResourceContext } from "../run-context";

export const OVERLAP_MS = 5 * 60_000;

export type SinceCursors = Partial<Record<Resource, string>>;

export function sinceOf(ctx: Pick<ResourceContext, "integration" | "mode" | "scope">, resource: Resource): Date | null {
  if (ctx.mode !== "incremental") return null;
  // Scoped to groups, users and memberships are the chosen groups' members: re-reading those costs
  // what the scope holds, not the org, and is the one way to see who joined or left them.
  if (ctx.scope?.groupIds && (resource === "users" || resource === "memberships")) return null;
  const since = ((ctx.integration.cursors ?? {}) as { since?: SinceCursors }).since?.[resource];
  const d = since ? new Date(since) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
}

/** Okta's date literal for search/filter expressions, the overlap already subtracted. */
export function oktaDate(since: Date, overlapMs = OVERLAP_MS) {
  return new Date(since.getTime() - overlapMs).toISOString();
}
