// An event hook delivery: authenticated, size-limited, parsed, stored (de-duplicated on the event
// uuid) and handed to the apply job, then acknowledged. Nothing is read from Okta here, so the
// answer comes well within Okta's 3 seconds whatever the burst.
import { sql } from "drizzle-orm";
import { readCappedStream } from "@/lib/api/read-capped-body";
import { findBadText, isoDateTime, jsonMayHoldBadText } from "@/lib/api/safe-input";
import type { PublicCtx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { enqueueHookApply } from "@/lib/jobs/enqueue-hook-apply";
import { log } from "@/lib/log";
import { authenticateHookRequest } from "./authenticate-hook-request";
import { deliverySchema, MAX_DELIVERY_BYTES } from "./contracts";

const publishedDate = isoDateTime();

export async function receiveHookDelivery({
  ctx,
  input,
}: {
  ctx: PublicCtx;
  input: { integrationId: string; authorization: string | null; contentLength: string | null; body: ReadableStream<Uint8Array> | null };
}) {
  await authenticateHookRequest({ ctx, input });
  const text = Buffer.from(await readCappedStream(input.body, input.contentLength, MAX_DELIVERY_BYTES, "The delivery")).toString("utf8");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION", "The delivery body is not valid JSON");
  }
  const bad = jsonMayHoldBadText(text) ? findBadText(raw) : null;
  if (bad) throw new AppError("VALIDATION", `${bad.path.join(".") || "body"}: ${bad.message}`);
  const parsed = deliverySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("VALIDATION", `${issue.path.join(".") || "body"}: ${issue.message}`);
  }
  const events = parsed.data.data.events;
  const rows = events.map((e) => ({
    uuid: e.uuid,
    event_type: e.eventType,
    // Lenient inside an event: a date Postgres cannot store (year 0, garbage) is left out, not fatal.
    published: e.published && publishedDate.safeParse(e.published).success ? new Date(e.published).toISOString() : null,
    targets: (e.target ?? []).filter((t) => t.id).map((t) => ({ id: t.id, type: t.type })),
  }));
  // Raw SQL because it pays: up to 5,000 events go in as one JSON parameter, de-duplicated on the way
  // in, so Okta gets its answer well within 3 seconds. The delivery is counted in the same transaction
  // but after the insert, so the hook's row is locked only from the count to the commit: deliveries
  // that arrive together (Okta sends several at once in a burst) store their events side by side
  // and queue only for the counter (in one statement they queued for the whole insert).
  const r = await ctx.db.transaction(async (tx) => {
    const [ins] = await tx.execute<{ stored: number }>(sql`
      with incoming as (select * from json_to_recordset(${JSON.stringify(rows)}::json) as r(uuid text, event_type text, published timestamptz, targets jsonb)),
      stored as (
        insert into hook_events (integration_id, uuid, event_type, published, targets)
        select ${input.integrationId}::uuid, uuid, event_type, published, targets from incoming
        on conflict (integration_id, uuid) do nothing returning 1)
      select count(*)::int as stored from stored`);
    await tx.execute(
      sql`update event_hooks set last_delivery_at = now(), deliveries = deliveries + 1 where integration_id = ${input.integrationId}::uuid`,
    );
    return ins;
  });
  if (r.stored > 0) {
    // The events are safely stored: if the queue is down, the next sync tick picks pending ones up.
    await enqueueHookApply(input.integrationId).catch((error) =>
      log.warn("could not enqueue hook events", { integrationId: input.integrationId, error }),
    );
  }
  return { received: events.length, stored: r.stored };
}
