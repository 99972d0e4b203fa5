// The System Log. Every event type is kept (sign-ins, SSO, MFA, lifecycle, membership, assignment,
// privilege grants and the rest): the table is the raw material for sign-in activity today and for
// threat detection and deletion signals later, and filtering server-side would need a filter
// grammar per Okta release. Append-only, de-duplicated on uuid.
//
// First run: a polling query (ASCENDING, no `until`) from now minus the integration's window
// (default 30 days, at most 90). Okta's polling `next` link is always present; we follow it until an
// empty page and keep it in integrations.cursors.logsNext, so the next run continues exactly there
// (never re-derived from `published`, which arrives out of order). One run reads at most
// MAX_PAGES pages so a burst cannot wedge it; the rest is read by the next run.
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { integrations } from "@/db/schema";
import { oktaLogEventSchema } from "@/lib/okta/schemas";
import { readAhead } from "@/lib/read-ahead";
import type { ResourceContext } from "../run-context";
import { logEventRow, logEventsTable } from "../tables";
import { InvalidObjects, type ListCheckpoint, parseItems, throwIfAborted } from "./walk";

export const MAX_LOG_PAGES_PER_RUN = 2000;
const DAY = 86_400_000;

export function logWindowStart(windowDays: number, now = Date.now()) {
  const days = Math.min(90, Math.max(1, Math.round(windowDays)));
  return new Date(now - days * DAY).toISOString();
}

export async function syncLogEvents(ctx: ResourceContext) {
  const cp = (ctx.checkpoint ?? {}) as ListCheckpoint;
  let next = cp.next ?? null;
  if (!cp.done) {
    const stored = (ctx.integration.cursors as { logsNext?: string } | null)?.logsNext;
    // The next page is fetched while this one is written (one page ahead; the walk sets a run's
    // length on a large log).
    const pages = readAhead(
      cp.next
        ? ctx.client.pages<unknown>(cp.next)
        : stored
          ? ctx.client.pages<unknown>(stored)
          : ctx.client.pages<unknown>("/api/v1/logs", {
              since: logWindowStart(ctx.integration.logWindowDays),
              sortOrder: "ASCENDING",
              limit: 1000,
            }),
    );
    next = cp.next ?? stored ?? null;
    const invalid = new InvalidObjects();
    let read = 0;
    for await (const page of pages) {
      throwIfAborted(ctx);
      const { rows, invalid: bad } = parseItems(page.items, oktaLogEventSchema, logEventRow);
      invalid.add(bad);
      read++;
      next = page.nextUrl ?? next;
      const last = page.items.length === 0 || !page.nextUrl || read >= MAX_LOG_PAGES_PER_RUN;
      await ctx.commit({
        writes: [{ spec: logEventsTable, rows }],
        appendOnly: true,
        pages: 1,
        objects: rows.length,
        checkpoint: { replace: { next, done: last } },
      });
      if (last) break;
    }
    await invalid.report(ctx, "log events");
    if (read >= MAX_LOG_PAGES_PER_RUN) {
      await ctx.note("warn", "sync.log_backlog", `Read ${read} pages of the System Log; the rest will be read by the next run`, {
        pages: read,
      });
    }
  }
  if (next) {
    await getDb()
      .update(integrations)
      .set({ cursors: sql`jsonb_set(${integrations.cursors}, '{logsNext}', to_jsonb(${next}::text))` })
      .where(eq(integrations.id, ctx.lease.integrationId));
  }
}
