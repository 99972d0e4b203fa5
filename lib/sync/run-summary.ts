// The end of a run: its status from the resources' outcomes, and what the event log says about it
// (rate-limit waits, token refreshes, retries, and the totals of what changed).
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import type { Resource, ResourceStatus, RunStatus } from "@/db/enums";
import { syncRunResources } from "@/db/schema";
import { plural } from "@/lib/format";
import type { RunEvent } from "./plan";
import { type RunTelemetry, telemetryTotals } from "./run-context";

type EndStatus = Extract<RunStatus, "succeeded" | "partial" | "failed">;

/** Succeeded when every resource considered did, partial when some did, failed when none did. */
export function runOutcome(
  results: (readonly [Resource, ResourceStatus])[],
  only?: Resource[],
): { status: EndStatus; error: Record<string, unknown> | null } {
  const considered = results.filter(([resource]) => !only || only.includes(resource));
  const succeeded = considered.filter(([, s]) => s === "succeeded").length;
  const status: EndStatus = succeeded === considered.length ? "succeeded" : succeeded > 0 ? "partial" : "failed";
  if (status === "succeeded") return { status, error: null };
  const incomplete = considered.filter(([, s]) => s !== "succeeded").map(([r]) => r);
  return {
    status,
    error: { code: status, message: `${incomplete.length} of ${considered.length} resources did not complete`, resources: incomplete },
  };
}

/** The run's last entry: what changed over all resources, and the requests it took. */
export async function recordRunSummary(runId: string, status: EndStatus, telemetry: RunTelemetry, event: RunEvent) {
  const [summary] = await getDb()
    .select({
      added: sql<number>`coalesce(sum(${syncRunResources.added}), 0)::int`,
      updated: sql<number>`coalesce(sum(${syncRunResources.updated}), 0)::int`,
      deleted: sql<number>`coalesce(sum(${syncRunResources.deleted}), 0)::int`,
      unchanged: sql<number>`coalesce(sum(${syncRunResources.unchanged}), 0)::int`,
    })
    .from(syncRunResources)
    .where(eq(syncRunResources.runId, runId));
  await event({
    level: status === "succeeded" ? "info" : status === "partial" ? "warn" : "error",
    kind: `sync.${status}`,
    message: `Sync ${status === "succeeded" ? "finished" : status}: ${summary.added} added, ${summary.updated} updated, ${summary.deleted} deleted, ${summary.unchanged} unchanged`,
    details: { ...summary, ...telemetryTotals(telemetry) },
  });
}

/** How the run got along with Okta: rate-limit waits per bucket, token refreshes, retried requests. */
export async function recordTelemetryEvents(t: RunTelemetry, event: RunEvent) {
  const buckets = [...t.perBucket.entries()].filter(([, b]) => b.waits > 0);
  if (buckets.length) {
    const waits429 = buckets.reduce((a, [, b]) => a + b.waits429, 0);
    const waits = buckets.reduce((a, [, b]) => a + b.waits, 0);
    const seconds = Math.round(buckets.reduce((a, [, b]) => a + b.waitMs, 0) / 1000);
    await event({
      level: waits429 ? "warn" : "info",
      kind: "sync.rate_limit_waits",
      message: `Waited ${plural(waits, "time")} (${seconds} s in total) to stay within Okta's rate limits${waits429 ? `, ${waits429} after a 429` : ""}`,
      details: { buckets: Object.fromEntries(buckets.map(([k, b]) => [k, { ...b, waitMs: Math.round(b.waitMs) }])) },
    });
  }
  for (const r of t.tokenRefreshes) {
    await event({
      kind: "sync.token_refreshed",
      message: `Access token refreshed (${r.reason === "401" ? "Okta answered 401" : "it expired"}); the sync went on`,
      details: { reason: r.reason },
    });
  }
  if (t.retries.length) {
    await event({
      kind: "sync.retries",
      message: `Retried ${t.retries.length === 100 ? "100+ requests" : plural(t.retries.length, "request")} after transient failures (5xx, timeouts, resets)`,
      details: { sample: t.retries.slice(0, 10) },
    });
  }
}
